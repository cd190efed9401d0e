#!/bin/sh
# HTTP load benchmark of kavosh-serve (issue 6): the bundled corpus scaled to DOCS documents (default
# 102000), indexed once into $WORK (reused while the document count matches), then wrk on loopback for
# DURATION (60s) with CONNECTIONS keep-alive connections and the query mix of bench/serve_load.lua.
# Usage: bench/serve_load.sh [BUILD_DIR]    (default build-serve; built with its own configuration)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-serve}
WORK=${WORK:-$build/bench-serve}
DOCS=${DOCS:-102000}
DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18765}
command -v wrk >/dev/null || { echo "serve_load.sh: wrk is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
cmake --build "$build" --target kavosh-serve kavosh-index -j"$(nproc)" >/dev/null
mkdir -p "$WORK"

documents() { curl -sf "http://127.0.0.1:$PORT/healthz" | sed -n 's/.*"documents":\([0-9]*\).*/\1/p'; }

# cpp-httplib serves a keep-alive connection on one worker until it closes: one worker per connection.
"$build/server/kavosh-serve" --db "$WORK/db" --listen "127.0.0.1:$PORT" --threads "$CONNECTIONS" \
  2>"$WORK/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 0.5
if [ "$(documents || true)" != "$DOCS" ]; then
  kill "$server"; wait "$server" || true
  rm -rf "$WORK/db"
  python3 bench/scale_corpus.py "$DOCS" "$WORK/scaled.jsonl"
  "$build/indexer/kavosh-index" --db "$WORK/db" --progress never "$WORK/scaled.jsonl"
  "$build/server/kavosh-serve" --db "$WORK/db" --listen "127.0.0.1:$PORT" --threads "$CONNECTIONS" \
    2>"$WORK/serve.log" &
  server=$!
  sleep 0.5
fi
echo "documents in index: $(documents)"
# --timeout: wrk counts a reply slower than its 2 s default as a socket error; the service did answer.
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/serve_load.lua "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
curl -sf "http://127.0.0.1:$PORT/metrics" | grep '^kavosh_http_requests_total' | tee "$WORK/metrics.txt"
kill -TERM "$server"
wait "$server" || true
tail -1 "$WORK/serve.log"
