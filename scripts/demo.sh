#!/usr/bin/env bash
# Builds libsearch, indexes the bundled sample news archive and runs a few
# searches. Usage: scripts/demo.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
db="$build/demo-index"

scripts/install-deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$build" -j"$(nproc)" --target libsearch-index libsearch-query libsearch-analyze

rm -rf "$db"
"$build/tools/libsearch-index" --db "$db" examples/data/news.jsonl examples/data/articles

run() {
  echo
  echo "\$ libsearch-query $*"
  "$build/tools/libsearch-query" --db "$db" "$@" || true
}
run -n 3 'البنك المركزي'
run '"البَنْكُ المَرْكَزِيُّ"'
run 'عام ٢٠٢٤'
run 'الاستراتيجية'
run --sort newest 'برشلونة NOT مدريد'
run 'source:الجزيرة date:2024-01-01..2024-06-30'
run --json -n 2 'title:الفضاء'
echo
echo "\$ libsearch-analyze 'وَبِالكِتَابِ الجـــديد عام2024'"
"$build/tools/libsearch-analyze" 'وَبِالكِتَابِ الجـــديد عام2024'
