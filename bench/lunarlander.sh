#!/usr/bin/env bash
# LunarLander-v3 training speed at the preset's shape (conf/lunarlander.conf, the RL Zoo's: 16 envs x
# 1024 steps, 4 epochs of 64), 163,840 steps by default: prints SPS with the time split into acting,
# env stepping and the update, and writes bench/results/lunarlander[-BACKEND]-<date>.json.
# Usage: bench/lunarlander.sh [SEEDS] [--set key=value ...]   e.g. --set backend.name=java
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seeds=1
# the seeds are optional: "--set ..." may come first
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then seeds="$1"; shift; fi
exec bin/ppo bench conf/lunarlander.conf --name lunarlander --seeds "$seeds" \
  --set ppo.total_timesteps=163840 --threshold 200 --window 100 --out bench/results --work bench/work "$@"
