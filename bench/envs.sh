#!/usr/bin/env bash
# Single-thread step() throughput of every env (JMH), random actions, resets included.
# Writes bench/results/envs-<date>.json (JMH's JSON) and prints one steps/s line per env.
# Usage: bench/envs.sh [JMH options, e.g. -p env=CartPole-v1]
exec "$(dirname "${BASH_SOURCE[0]}")/jmh.sh" envs EnvStepBenchmark "$@"
