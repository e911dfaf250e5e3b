#!/usr/bin/env bash
# Installs the built project into a scratch prefix, then builds the example
# against it twice — with find_package(libsearch CONFIG) and with
# pkg-config — and runs both on the sample archive.
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/libsearch/libsearch.h"
test -x "$work/prefix/bin/libsearch-query"

cmake -S "$src/examples/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/search_news" "$src/examples/data/news.jsonl" "$work/db1" "البنك المركزي" | tee "$work/out1"
grep -q '^1\. ' "$work/out1"

libdir=$(find "$work/prefix" -name libsearch.pc -printf '%h\n' | head -1)
export PKG_CONFIG_PATH="$libdir"
# ${CXXFLAGS}/${LDFLAGS}: as CMake does for the other consumer, so a
# sanitizer build (scripts/sanitize.sh) links its instrumented library.
# shellcheck disable=SC2046,SC2086
g++ -std=c++17 ${CXXFLAGS:-} -o "$work/search_news_pc" "$src/examples/search_news.cc" \
  $(pkg-config --cflags libsearch) $(pkg-config --libs --static libsearch) ${LDFLAGS:-}
"$work/search_news_pc" "$src/examples/data/news.jsonl" "$work/db2" "البنك المركزي" >/dev/null
echo "install test: find_package and pkg-config consumers built and ran"
