#!/usr/bin/env bash
# One PPO train step of each backend (JMH) at the three MLP presets' network and minibatch shapes:
# prints µs per step and the GFLOP/s of the dense layers, writes bench/results/train-step-<date>.json.
# Usage: bench/train-step.sh [JMH options, e.g. -p backend=java]
exec "$(dirname "${BASH_SOURCE[0]}")/jmh.sh" train-step TrainStepBenchmark "$@"
