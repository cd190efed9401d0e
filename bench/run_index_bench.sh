#!/bin/sh
# Indexing benchmark: kavosh-index against plain Xapian TermGenerator on >= 100 MB of Persian news,
# built from ../shared/dev-data/news when present (repeated with fresh ids), else generated text.
# Usage: bench/run_index_bench.sh [BUILD_DIR] [extra index_bench options]; prints markdown tables: the two
# indexers, kavosh-index's pace, re-runs into the built database (--no-rerun), query latency local and through
# xapian-tcpsrv (--no-remote); --pieces adds the builds without one piece each (--pieces-only: those alone).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-index}
[ $# -gt 0 ] && shift
cmake --build "$build" --target index_bench >/dev/null
news="$root/../shared/dev-data/news"
if [ -d "$news" ]; then set -- "$@" "$news"; fi
exec "$build/bench/index_bench" --mb 100 --shards 1,2 "$@"
