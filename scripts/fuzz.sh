#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang (with AddressSanitizer
# and UndefinedBehaviorSanitizer) and runs each for a bounded time, seeded
# from examples/data. Fails if any target crashes, leaks or trips an
# invariant; the crashing input is left in BUILD_DIR/artifacts/.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [BUILD_DIR]   (default 60, build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${2:-build-fuzz}

scripts/install-deps.sh
# clang and its libFuzzer runtime (Debian ships it in libclang-rt-NN-dev).
if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' 'libclang-rt-*-dev' 2>/dev/null | grep -q "install ok installed"; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang
  # bookworm's clang (14) pulls libclang-rt-14-dev in; name it for safety.
  ver=$(clang++ --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "libclang-rt-$ver-dev"
fi

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DLIBSEARCH_BUILD_FUZZERS=ON \
  -DLIBSEARCH_BUILD_TESTS=OFF -DLIBSEARCH_BUILD_BENCHMARKS=OFF -DLIBSEARCH_BUILD_EXAMPLES=OFF \
  -DLIBSEARCH_BUILD_TOOLS=OFF -DLIBSEARCH_INSTALL=OFF >/dev/null
targets=(fuzz_normalizer fuzz_tokenizer fuzz_stemmer fuzz_query)
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

# Seeds: the sample archive's lines (articles) and a few queries.
seeds="$build/seeds"
rm -rf "$seeds" && mkdir -p "$seeds/text" "$seeds/query"
i=0
while IFS= read -r line; do
  [ -n "$line" ] && printf '%s' "$line" > "$seeds/text/line-$((i++))"
done < examples/data/news.jsonl
for f in examples/data/articles/*/*; do [ -f "$f" ] && cp "$f" "$seeds/text/$(basename "$f")"; done
i=0
for q in 'البنك المركزي' '"البَنْكُ المَرْكَزِيُّ"' 'برشلونة OR ريال' '(برشلونة OR ريال) AND NOT مدريد' \
         '+الفضاء -القمر' '=والكتاب' 'title:"كرة القدم"' 'source:"بي بي سي عربي"' 'id:sample-001' \
         'date:2024-01-01..2024-06-30' 'date:٢٠٢٤' 'date:..2023' 'عام2024 NASA COVID-19' '«البنك»'; do
  printf '%s' "$q" > "$seeds/query/q-$((i++))"
done

mkdir -p "$build/artifacts"
status=0
summary=()
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  seed="$seeds/text"
  [ "$t" = fuzz_query ] && seed="$seeds/query"
  log="$build/$t.log"
  echo "fuzz: $t for ${seconds}s"
  # Two cores: one job at a time. detect_leaks stays on.
  if "$build/fuzz/$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "$corpus" "$seed" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    summary+=("$t: ok, ${runs:-?} executions in ${seconds}s")
  else
    status=1
    summary+=("$t: FAILED (see $log and $build/artifacts/)")
    grep -E 'ERROR|invariant|SUMMARY|Test unit written' "$log" | head -20 || true
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
