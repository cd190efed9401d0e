#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs them for SECONDS in all (default 30):
# half for the analyzer, a quarter each for queries (parser, builder, search) and HTTP requests.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-30}"
build="$here/build-fuzz"
CXX=clang++ cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAVOSH_FUZZ=ON -DKAVOSH_SANITIZE=ON \
  -DKAVOSH_WERROR=ON -DKAVOSH_BUILD_TESTS=OFF -DKAVOSH_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target analyzer_fuzz query_fuzz http_fuzz
seeds="$build/fuzz-seeds"
mkdir -p "$seeds"
# Seed with every input of the golden tables, one file each (queries among them).
n=0
for table in "$here"/tests/golden/*.tsv; do
  while IFS=$'\t' read -r _ input _; do
    n=$((n + 1))
    printf '%b' "$input" > "$seeds/golden_$n" 2>/dev/null || true
  done < <(grep -v '^#' "$table")
done

fuzz() {  # fuzz TARGET SECONDS DIR... — crashes found before are replayed as seeds (tests/fuzz/regressions)
  local target="$1" time="$2"; shift 2
  echo "== $target (${time} s)"
  # -timeout: an input that takes seconds is a finding too (a query must stay cheap whatever its text).
  "$build/tests/fuzz/$target" -max_total_time="$time" -max_len=8192 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$build/$target-" "$@" 2>&1 | tail -n 12
}
quarter=$(( seconds / 4 > 0 ? seconds / 4 : 1 ))
fuzz analyzer_fuzz $(( seconds - 2 * quarter > 0 ? seconds - 2 * quarter : 1 )) "$seeds" "$here/tests/fuzz/regressions"
fuzz query_fuzz "$quarter" "$seeds" "$here/tests/fuzz/regressions"
# libFuzzer adds what it finds to its first folder: a folder of the build's, never the source tree.
mkdir -p "$build/http-corpus"
fuzz http_fuzz "$quarter" "$build/http-corpus" "$here/tests/fuzz/http_seeds" "$here/tests/fuzz/regressions"
