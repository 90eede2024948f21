#!/usr/bin/env bash
# Runs one JMH benchmark class of ppo-bench, writes its JSON to bench/results/NAME-<date>.json and
# prints one summary line per result (dev.ppo.bench.Summary). Used by envs.sh and train-step.sh.
# Usage: bench/jmh.sh NAME BENCHMARK [JMH options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
name="$1"
benchmark="$2"
shift 2
mvn -q -B package -DskipTests -pl ppo-bench -am >&2
mkdir -p bench/results
out="bench/results/$name-$(date +%F).json"
java -jar ppo-bench/target/benchmarks.jar "$benchmark" -rf json -rff "$out" "$@" >&2
java -cp ppo-bench/target/benchmarks.jar dev.ppo.bench.Summary "$out"
