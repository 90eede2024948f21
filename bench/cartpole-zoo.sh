#!/usr/bin/env bash
# CartPole-v1 training speed at the RL Zoo's settings (conf/cartpole.conf: 8 envs x 32 steps, 20 epochs
# of 256, 100,000 steps), the shape Stable-Baselines3 was timed at (4,173 steps/s on this kind of
# machine): prints SPS with the split into acting, env stepping and the update, and writes
# bench/results/cartpole-zoo[-BACKEND]-<date>.json.
# Usage: bench/cartpole-zoo.sh [SEEDS] [--set key=value ...]   e.g. --set backend.name=java
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seeds=1,2,3
# the seeds are optional: "--set ..." may come first
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then seeds="$1"; shift; fi
exec bin/ppo bench conf/cartpole.conf --name cartpole-zoo --seeds "$seeds" \
  --threshold 475 --window 20 --out bench/results --work bench/work "$@"
