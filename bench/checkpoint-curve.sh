#!/usr/bin/env bash
# Evaluates every checkpoint of a run deterministically and prints, per checkpoint, the env steps,
# the training time so far and the mean return, as JSON lines: the learning curve of the greedy
# policy, and the first checkpoint whose mean passes a threshold.
# Usage: bench/checkpoint-curve.sh RUN_DIR [EPISODES=100] [EVAL_SEED=1000000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="$1"
episodes="${2:-100}"
seed="${3:-1000000}"
for checkpoint in "$run"/checkpoints/iter-*; do
  state="$checkpoint/state.json"
  step=$(grep -o '"globalStep" : [0-9]*' "$state" | grep -o '[0-9]*$')
  seconds=$(grep -o '"elapsedSeconds" : [0-9.Ee+-]*' "$state" | grep -o '[0-9.Ee+-]*$')
  result=$("$root/bin/ppo" eval "$checkpoint" --episodes "$episodes" --seed "$seed" --json)
  mean=$(echo "$result" | grep -o '"mean":[-0-9.Ee]*' | cut -d: -f2)
  std=$(echo "$result" | grep -o '"std":[-0-9.Ee]*' | cut -d: -f2)
  echo "{\"checkpoint\": \"$(basename "$checkpoint")\", \"global_step\": $step, \"train_seconds\": $seconds, \"mean\": $mean, \"std\": $std, \"episodes\": $episodes}"
done
