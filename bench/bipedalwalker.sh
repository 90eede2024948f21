#!/usr/bin/env bash
# BipedalWalker-v3 training speed at the preset's shape (conf/bipedalwalker.conf: 32 envs x 2048
# steps, 10 epochs of 64, normalized), 4 iterations = 262,144 steps by default: prints SPS with the
# time split into acting, env stepping and the update, and writes bench/results/bipedalwalker-<date>.json.
# Usage: bench/bipedalwalker.sh [SEEDS] [--set key=value ...]   e.g. --set backend.name=...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seeds=1
# the seeds are optional: "--set ..." may come first
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then seeds="$1"; shift; fi
exec bin/ppo bench conf/bipedalwalker.conf --name bipedalwalker --seeds "$seeds" \
  --set ppo.total_timesteps=262144 --threshold 300 --window 100 --out bench/results --work bench/work "$@"
