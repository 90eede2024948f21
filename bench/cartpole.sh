#!/usr/bin/env bash
# CartPole-v1 with CleanRL ppo.py's settings: prints SPS and when the 20-episode moving average
# first reaches 475, and writes bench/results/cartpole-<date>.json.
# Usage: bench/cartpole.sh [SEEDS]   (default 1,2,3,4, the seeds of CleanRL's reference figures)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
exec bin/ppo bench bench/cartpole-cleanrl.conf --name cartpole --seeds "${1:-1,2,3,4}" \
  --threshold 475 --window 20 --out bench/results --work bench/work
