#!/usr/bin/env bash
# Query speed: the news_dev headline queries through Searcher::Search (default
# options: 10 hits with snippets) on a libsearch index of the news corpus.
#
#   bench/query_bench.sh [BUILD_DIR] [INDEX] [TOPICS]
#
# BUILD_DIR defaults to build-speed (configured and built here, Release).
# INDEX defaults to /tmp/libsearch-news.db, built first with libsearch-index
# --shards 2 if missing. TOPICS defaults to
# ../shared/data/eval/news_dev/topics.tsv. One untimed pass warms the page
# cache; then PASSES (default 3) passes on 1 and on 2 threads.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="${1:-$root/build-speed}"
index="${2:-/tmp/libsearch-news.db}"
topics="${3:-$root/../shared/data/eval/news_dev/topics.tsv}"
corpus="$root/../shared/data/news/news.jsonl.gz"

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target libsearch-index query_bench >/dev/null
if [ ! -e "$index" ]; then
  echo "query_bench: indexing $corpus into $index" >&2
  "$build/tools/libsearch-index" -q --shards 2 --db "$index" "$corpus"
fi

echo "Index: $index ($(du -sh "$index" | cut -f1)), $(grep -c . "$topics") queries from $topics"
echo "Machine: $(nproc) CPUs, load before: $(cut -d' ' -f1-3 /proc/loadavg); warm page cache"
echo
echo "| threads | queries run | p50 ms | p90 ms | p99 ms | max ms | mean ms | queries/s | malformed | no hits |"
echo "|---|---|---|---|---|---|---|---|---|---|"
"$build/bench/query_bench" "$index" "$topics" 1 2 | while read -r line; do
  get() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" <<<"$line"; }
  echo "| $(get threads) | $(get queries) | $(get p50_ms) | $(get p90_ms) | $(get p99_ms) | $(get max_ms) | $(get mean_ms) | $(get queries_per_s) | $(get query_errors) | $(get no_hits) |"
done
