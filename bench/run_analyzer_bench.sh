#!/usr/bin/env bash
# Builds analyzer_bench (Release) and runs it, then prints MB/s and the
# ours/peer ratios as Markdown.
#
# usage: bench/run_analyzer_bench.sh [BUILD_DIR] [extra benchmark flags...]
#   BUILD_DIR   default: build-bench in the source tree
#   MIN_TIME    seconds per repetition (default 0.5; plain seconds, as
#               Google Benchmark 1.7.1 takes them)
#   REPETITIONS default 5
#   INTERLEAVE  1 (default): repetitions of all benchmarks run in random
#               order (--benchmark_enable_random_interleaving), so that ours
#               and the peers see the same machine over the run and their
#               ratio is not skewed by a load that comes and goes; 0: each
#               benchmark's repetitions back to back
#   TARGET      analyzer_bench (default) or analyzer_bench_peers (Xapian and
#               Lucene++ only, builds without a complete libsearch)
set -euo pipefail

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$src/build-bench"
if [[ $# -gt 0 && "$1" != -* ]]; then
  build="$1"
  shift
fi
target="${TARGET:-analyzer_bench}"
min_time="${MIN_TIME:-0.5}"
reps="${REPETITIONS:-5}"
interleave=true
[[ "${INTERLEAVE:-1}" == 0 ]] && interleave=false

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target "$target"

json="$build/$target.json"
"$build/bench/$target" \
  --benchmark_repetitions="$reps" \
  --benchmark_enable_random_interleaving="$interleave" \
  --benchmark_report_aggregates_only=true \
  --benchmark_min_time="$min_time" \
  --benchmark_out="$json" --benchmark_out_format=json \
  "$@"

echo
echo "JSON: $json"
echo
python3 "$src/bench/analyzer_bench_report.py" "$json"
