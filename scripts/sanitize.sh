#!/usr/bin/env bash
# Builds the whole project with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc) in build-asan and runs the whole test suite under them: any memory
# error, leak or undefined behaviour fails the run. Usage:
# scripts/sanitize.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}

scripts/install-deps.sh
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
# Through the environment so that whatever the tests build themselves (the
# install test's consumer programs) is instrumented the same way.
export CXXFLAGS="$flags" CFLAGS="$flags" LDFLAGS="-fsanitize=address,undefined"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
start=$(date +%s)
# -O1 keeps the instrumented suite fast enough while leaving stacks readable.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DLIBSEARCH_BUILD_BENCHMARKS=OFF
cmake --build "$build" -j"$(nproc)"
built=$(date +%s)
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
end=$(date +%s)
echo "sanitize: build $((built - start)) s, tests $((end - built)) s"
