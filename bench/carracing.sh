#!/usr/bin/env bash
# CarRacing-v3 from pixels, training speed of conf/carracing.conf (8 envs x 512 steps, Nature-CNN
# on the wrapped observation), 4 iterations = 16,384 env decisions by default: prints SPS with the
# time split into acting, env stepping (physics + rendering) and the update, and writes
# bench/results/carracing-<date>.json.
# Usage: bench/carracing.sh [SEEDS] [--set key=value ...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seeds=1
# the seeds are optional: "--set ..." may come first
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then seeds="$1"; shift; fi
exec bin/ppo bench conf/carracing.conf --name carracing --seeds "$seeds" \
  --set ppo.total_timesteps=16384 --threshold 900 --window 100 --out bench/results --work bench/work "$@"
