#!/usr/bin/env bash
# Single-thread step() throughput of every env (JMH), random actions, resets included.
# Writes bench/results/envs-<date>.json (JMH's JSON) and prints one steps/s line per env.
# Usage: bench/envs.sh [JMH options, e.g. -p env=CartPole-v1]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B package -DskipTests -pl ppo-bench -am >&2
mkdir -p bench/results
out="bench/results/envs-$(date +%F).json"
java -jar ppo-bench/target/benchmarks.jar EnvStepBenchmark -rf json -rff "$out" "$@" >&2
java -cp ppo-bench/target/benchmarks.jar dev.ppo.bench.Summary "$out"
