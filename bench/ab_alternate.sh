#!/usr/bin/env bash
# Compares two builds of analyzer_bench on one benchmark by alternating
# them as separate processes, PAIRS times, and prints the median of the
# per-pair ratios A/B with its quartiles. On a shared, noisy host the
# medians of one run move by ±10%; a ratio taken from runs made one right
# after the other moves much less.
#
# usage: bench/ab_alternate.sh BENCH_A BENCH_B PAIRS [BENCHMARK] [INPUT]
#   BENCHMARK defaults to ours_analyze, INPUT to news. Snapshots to compare
#   are best built from `git archive COMMIT | tar -x -C DIR` in Release.
set -euo pipefail
a=$1 b=$2 pairs=$3 bench=${4:-ours_analyze} input=${5:-news}
here=$(cd "$(dirname "$0")/.." && pwd)
# The shared data, when present, so that both builds read the same input.
if [[ -z "${LIBSEARCH_BENCH_DATA:-}" && -d "$here/../shared/data" ]]; then
  export LIBSEARCH_BENCH_DATA="$here/../shared/data"
fi
rate() {
  "$1" --benchmark_filter="^$bench/$input\$" --benchmark_min_time=0.4 2>/dev/null |
    sed -n "s|^$bench/$input .*bytes_per_second=\([0-9.]*\)M/s.*|\1|p"
}
for ((i = 0; i < pairs; i++)); do
  echo "$(rate "$a") $(rate "$b")"
done | python3 -c '
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin if len(l.split()) == 2]
if not rows:
    sys.exit("no results: check the binaries and the benchmark name")
r = sorted(x / y for x, y in rows)
q = lambda f: r[min(len(r) - 1, int(f * len(r)))]
print("A median %.1f MB/s, B median %.1f MB/s, A/B median %.3f (Q1 %.3f, Q3 %.3f), %d pairs" % (
    statistics.median(x for x, _ in rows), statistics.median(y for _, y in rows),
    statistics.median(r), q(0.25), q(0.75), len(r)))
'
