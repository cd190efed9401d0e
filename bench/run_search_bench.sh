#!/bin/sh
# Query latency of kavosh-search beside plain Xapian. Builds in build-search, indexes
# 100k documents once into $WORK (reused while the document count and schema version match), prints
# p50/p99. BUILD=DIR uses another (Release) build directory.
set -eu
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/kavosh-search-bench}
DOCS=${DOCS:-100000}
BUILD=${BUILD:-build-search}
cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target search_bench -j"$(nproc)" >/dev/null
exec "$BUILD"/bench/search_bench --docs "$DOCS" --queries "${QUERIES:-250}" --work "$WORK" "$@"
