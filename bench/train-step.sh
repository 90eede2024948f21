#!/usr/bin/env bash
# One PPO train step of each backend (JMH) at the three MLP presets' network and minibatch shapes:
# prints µs per step and the GFLOP/s of the dense layers, writes bench/results/train-step-<date>.json.
# Usage: bench/train-step.sh [JMH options, e.g. -p backend=java]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B package -DskipTests -pl ppo-bench -am >&2
mkdir -p bench/results
out="bench/results/train-step-$(date +%F).json"
java -jar ppo-bench/target/benchmarks.jar TrainStepBenchmark -rf json -rff "$out" "$@" >&2
java -cp ppo-bench/target/benchmarks.jar dev.ppo.bench.Summary "$out"
