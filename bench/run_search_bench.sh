#!/bin/sh
# Query latency of kavosh-search beside plain Xapian (issue 5). Builds in build-search, indexes
# 100k documents once into $WORK (reused while the document count matches), prints p50/p99.
set -eu
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/kavosh-search-bench}
DOCS=${DOCS:-100000}
cmake -S . -B build-search -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-search --target search_bench -j"$(nproc)" >/dev/null
exec build-search/bench/search_bench --docs "$DOCS" --queries "${QUERIES:-250}" --work "$WORK" "$@"
