#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for SECONDS (default 30).
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-30}"
build="$here/build-fuzz"
CXX=clang++ cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAVOSH_FUZZ=ON -DKAVOSH_SANITIZE=ON \
  -DKAVOSH_WERROR=ON -DKAVOSH_BUILD_TESTS=OFF -DKAVOSH_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target analyzer_fuzz
seeds="$build/fuzz-seeds"
mkdir -p "$seeds"
# Seed with every input of the golden tables, one file each.
n=0
for table in "$here"/tests/golden/*.tsv; do
  while IFS=$'\t' read -r _ input _; do
    n=$((n + 1))
    printf '%b' "$input" > "$seeds/golden_$n" 2>/dev/null || true
  done < <(grep -v '^#' "$table")
done
# Crashes found before are replayed as seeds (tests/fuzz/regressions).
"$build/tests/fuzz/analyzer_fuzz" -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 \
  -artifact_prefix="$build/" "$seeds" "$here/tests/fuzz/regressions" 2>&1 | tail -n 12
