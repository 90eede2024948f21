#!/usr/bin/env bash
# CartPole-v1 with CleanRL ppo.py's settings: prints SPS and when the 20-episode moving average
# first reaches 475, and writes bench/results/cartpole-<date>.json.
# Usage: bench/cartpole.sh [SEEDS] [--set key=value ...]   (default seeds 1,2,3,4, those of CleanRL's figures)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seeds=1,2,3,4
# the seeds are optional: "--set ..." may come first
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then seeds="$1"; shift; fi
exec bin/ppo bench bench/cartpole-cleanrl.conf --name cartpole --seeds "$seeds" \
  --threshold 475 --window 20 --out bench/results --work bench/work "$@"
