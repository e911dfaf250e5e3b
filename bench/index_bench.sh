#!/usr/bin/env bash
# Indexing speed: libsearch-index against stock Xapian and Lucene++ on the
# same corpus, in the same run, one after another.
#
#   bench/index_bench.sh [BUILD_DIR] [CORPUS] [WORK_DIR]
#
# BUILD_DIR defaults to build-speed (configured and built here, Release),
# CORPUS to ../shared/data/news/news.jsonl.gz, WORK_DIR to a fresh
# directory under /tmp (removed at the end unless KEEP=1). REPS=N repeats
# every system N times (default 1) and reports each run. LIMIT=N indexes
# the first N articles only (quick checks).
#
# Measured for each run: wall time and peak RSS (/usr/bin/time), MB/s and
# articles/s where MB are the UTF-8 bytes of title + body (the same count
# for every system, taken from the baselines' reading of the corpus), and
# the index size after xapian-compact for the Xapian indexes (Lucene++'s
# as written). Also runs xapian_index_floor: Lucene++'s index content
# (one positional stem per token, no stored text) through Xapian's writer,
# the most any term scheme on Xapian 1.4 could save. Prints a Markdown
# table.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
build="${1:-$root/build-speed}"
corpus="${2:-$root/../shared/data/news/news.jsonl.gz}"
work="${3:-$(mktemp -d /tmp/libsearch-index-bench.XXXXXX)}"
reps="${REPS:-1}"
limit="${LIMIT:-0}"

command -v /usr/bin/time >/dev/null || { echo "index_bench: needs /usr/bin/time (package time)" >&2; exit 2; }
command -v xapian-compact >/dev/null || { echo "index_bench: needs xapian-compact (package xapian-tools)" >&2; exit 2; }
[ -r "$corpus" ] || { echo "index_bench: no corpus at $corpus" >&2; exit 2; }

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target libsearch-index xapian_index_baseline \
  xapian_index_floor >/dev/null
have_lucene=0
if cmake --build "$build" -j"$(nproc)" --target lucene_index_baseline >/dev/null 2>&1; then
  have_lucene=1
fi
mkdir -p "$work"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

input="$corpus"
if [ "$limit" != 0 ]; then
  input="$work/corpus.jsonl"
  # head closes the pipe early: zcat's SIGPIPE is expected, not a failure.
  zcat -f "$corpus" | head -n "$limit" > "$input" || [ -s "$input" ]
fi

# run NAME DIR CMD...: times CMD, appends "name wall_s rss_kb dir" to results.
results="$work/results.txt"
: > "$results"
run() {
  local name="$1" dir="$2"; shift 2
  rm -rf "$dir" "$dir".*
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" > "$work/out.txt" 2> "$work/err.txt" || {
    echo "index_bench: $name failed:" >&2; cat "$work/err.txt" >&2; exit 1; }
  read -r wall rss user sys < <(tail -n 1 "$work/time.txt")
  echo "$name $wall $rss $dir $user $sys" >> "$results"
  echo "  $name: ${wall} s wall, ${user} s user, ${sys} s sys, peak RSS $((rss / 1024)) MB" >&2
  if grep -q '"text_bytes"' "$work/out.txt"; then cp "$work/out.txt" "$work/counts.json"; fi
}

for rep in $(seq 1 "$reps"); do
  echo "index_bench: repetition $rep of $reps" >&2
  run xapian "$work/xapian.db" "$build/bench/xapian_index_baseline" "$input" "$work/xapian.db"
  if [ "$have_lucene" = 1 ]; then
    run lucene++ "$work/lucene.idx" "$build/bench/lucene_index_baseline" "$input" "$work/lucene.idx"
  fi
  # Not a system a user would run: the least a positional Xapian index can
  # be given (xapian_index_floor.cc), the bound for any term scheme.
  run xapian-floor "$work/xapian-floor.db" "$build/bench/xapian_index_floor" "$input" \
    "$work/xapian-floor.db"
  # The same on both cores: two shards in parallel, merged as --shards does.
  run xapian-floor-shards2 "$work/xapian-floor2.db" bash -c '
    "$1" "$2" "$3.0" 0 0/2 >/dev/null & a=$!; "$1" "$2" "$3.1" 0 1/2 >/dev/null & b=$!
    wait $a && wait $b && xapian-compact "$3.0" "$3.1" "$3" >/dev/null' _ \
    "$build/bench/xapian_index_floor" "$input" "$work/xapian-floor2.db"
  run libsearch "$work/libsearch.db" "$build/tools/libsearch-index" -q --json --db "$work/libsearch.db" "$input"
  run "libsearch-shards2" "$work/libsearch-shards.db" "$build/tools/libsearch-index" -q --json --shards 2 \
    --db "$work/libsearch-shards.db" "$input"
done

text_bytes=$(sed -n 's/.*"text_bytes":\([0-9]*\).*/\1/p' "$work/counts.json")
articles=$(sed -n 's/.*"articles":\([0-9]*\).*/\1/p' "$work/counts.json")

size_mb() { du -sb "$1" | awk '{printf "%.0f", $1 / 1e6}'; }
compacted_mb() {
  if [ -f "$1/iamglass" ] || [ -f "$1/XAPIANDB" ]; then  # an index, or a sharded one
    rm -rf "$1.compact"
    xapian-compact "$1" "$1.compact" >/dev/null
    size_mb "$1.compact"
  else
    size_mb "$1"
  fi
}

echo
echo "Corpus: $input — $articles articles, $(awk -v b="$text_bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of title + body text"
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start $load_start, at end $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every system; compare within a run)"
echo
echo "| system | run | wall s | CPU s (user+sys) | MB/s | articles/s | × stock Xapian (wall) | peak RSS MB | index MB (compacted) | index / text |"
echo "|---|---|---|---|---|---|---|---|---|---|"
declare -A seen
while read -r name wall rss dir user sys; do
  seen[$name]=$(( ${seen[$name]:-0} + 1 ))
  stock=$(awk -v n="${seen[$name]}" '$1 == "xapian" { if (++i == n) print $2 }' "$results")
  size=$(compacted_mb "$dir")
  awk -v name="$name" -v run="${seen[$name]}" -v wall="$wall" -v rss="$rss" -v tb="$text_bytes" \
      -v n="$articles" -v stock="$stock" -v size="$size" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" 'BEGIN {
    printf "| %s | %d | %.1f | %.1f | %.2f | %.0f | %.2f | %.0f | %d | %.2f |\n",
      name, run, wall, cpu, tb / 1e6 / wall, n / wall, stock / wall, rss / 1024, size, size * 1e6 / tb }'
done < "$results"
