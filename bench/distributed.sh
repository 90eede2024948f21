#!/usr/bin/env bash
# Cluster mode's throughput on this machine: BipedalWalker-v3 and CarRacing-v3 (discrete) trained
# for a few iterations with 0, 1 and 2 rollout-worker JVMs on loopback (docs/distributed.md).
# Two cores cannot show a speed-up (the workers share them with the learner), so it also reports
# what a projection needs: each worker's own throughput while collecting (steps per second of its
# acting and env time), the learner's idle time waiting for segments, and the update time; from
# them, the projected steps/s with k machines = batch / (batch / (k x per-worker SPS) + update).
# Writes bench/results/distributed-<date>.json and prints one line per setting.
# Usage: bench/distributed.sh [ITERATIONS]   (default 3; the first iteration is warm-up, not counted)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
iterations="${1:-3}"
work="bench/work/distributed"
rm -rf "$work" && mkdir -p "$work" bench/results
out="bench/results/distributed-$(date +%F).json"
bin/ppo --help > /dev/null # build once, before any JVM is timed

# the mean of a scalars.jsonl field over rows 2.. (the first iteration is warm-up)
mean() { grep -o "\"$2\":[-0-9.eE]*" "$1" | tail -n +2 | cut -d: -f2 | awk '{s+=$1; n++} END {printf "%.6f", n ? s/n : 0}'; }

rows=()
for spec in "bipedalwalker:conf/bipedalwalker.conf:65536" "carracing-discrete:conf/carracing-discrete.conf:4096"; do
  IFS=: read -r name preset batch <<< "$spec"
  for workers in 0 1 2; do
    port=$((25600 + workers))
    run="$work/$name-$workers"
    log="$work/$name-$workers.log"
    bin/ppo train "$preset" --set ppo.total_timesteps=$((batch * iterations)) --set run.progress=false \
      --set run.sinks=[] --set run.checkpoint_every=1000 --set cluster.enabled=true \
      --set "cluster.bind=\"127.0.0.1:$port\"" --set cluster.min_workers="$workers" --run-dir "$run" > "$log" 2>&1 &
    learner=$!
    pids=()
    for ((w = 1; w <= workers; w++)); do
      bin/ppo worker --join "127.0.0.1:$port" --give-up-after 120s > "$work/$name-$workers-w$w.log" 2>&1 &
      pids+=($!)
    done
    wait "$learner" || { echo "the $name learner with $workers workers failed: see $log" >&2; exit 1; }
    for p in "${pids[@]}"; do wait "$p" || true; done
    s="$run/scalars.jsonl"
    sps=$(mean "$s" sps); act=$(mean "$s" time_act_s); env=$(mean "$s" time_env_s)
    upd=$(mean "$s" time_update_s); collect=$(mean "$s" time_collect_s)
    row=$(awk -v n="$name" -v w="$workers" -v b="$batch" -v sps="$sps" -v a="$act" -v e="$env" -v u="$upd" -v c="$collect" 'BEGIN {
      per = (a + e) > 0 ? b / (a + e) : 0;   # steps/s of one JVM while it collects
      idle = (c + u) > 0 ? c / (c + u) : 0;  # share of an iteration in the rollout: with workers, the learner idles
      p = "";
      for (k = 1; k <= 8; k *= 2) p = p sprintf("%s\"%d\": %.0f", (k > 1 ? ", " : ""), k, b / (b / (k * per) + u));
      printf "{\"env\": \"%s\", \"workers\": %d, \"batch\": %d, \"sps\": %.0f, \"collect_s\": %.3f, \"update_s\": %.3f, \"act_s\": %.3f, \"env_s\": %.3f, \"per_worker_sps\": %.0f, \"collect_fraction\": %.3f, \"projected_sps_by_machines\": {%s}}", n, w, b, sps, c, u, a, e, per, idle, p }')
    echo "$row"
    rows+=("$row")
  done
done
{
  echo "{\"benchmark\": \"distributed\", \"date\": \"$(date +%F)\", \"cores\": $(nproc), \"iterations_counted\": $((iterations - 1)),"
  echo " \"results\": ["
  for ((i = 0; i < ${#rows[@]}; i++)); do echo "  ${rows[$i]}$([ $i -lt $((${#rows[@]} - 1)) ] && echo ,)"; done
  echo " ]}"
} > "$out"
echo "wrote $out"
