#!/usr/bin/env bash
# The project's test command (README; CI runs it through .ci/run):
#   1. Release build with -Werror, all tests;
#   2. static checks: the C++ files match .clang-format (scripts/format.sh --check), and clang-tidy finds
#      nothing in the library code (scripts/tidy.sh, .clang-tidy);
#   3. the same tests again under AddressSanitizer + UndefinedBehaviorSanitizer;
#   4. the fuzzers (analyzer, queries, HTTP requests) for a bounded time in all.
# Usage: scripts/test.sh [--quick]   (--quick: step 1 only)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jobs="$(nproc)"

run_suite() {  # run_suite BUILD_DIR CMAKE_ARGS...
  local dir="$1"; shift
  cmake -S "$here" -B "$dir" -DKAVOSH_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  (cd "$dir" && ctest --output-on-failure -j"$jobs" --timeout 600 | tee "$dir/ctest.log")
  total=$((total + $(grep -o 'tests failed out of [0-9]*' "$dir/ctest.log" | grep -o '[0-9]*$')))
}
total=0

echo "== Release build, -Werror, tests"
run_suite "$here/build-ci" -DCMAKE_BUILD_TYPE=Release -DKAVOSH_BUILD_BENCH=ON
if [ "${1:-}" = "--quick" ]; then echo "$total passed, 0 failed"; exit 0; fi

echo "== Static checks: clang-format, clang-tidy"
"$here/scripts/format.sh" --check
"$here/scripts/tidy.sh" "$here/build-ci"

echo "== ASan + UBSan build, tests"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite "$here/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAVOSH_SANITIZE=ON -DKAVOSH_BUILD_BENCH=OFF

echo "== Fuzzing (bounded)"
"$here/scripts/fuzz.sh" "${KAVOSH_FUZZ_SECONDS:-60}"

echo "$total passed, 0 failed"
