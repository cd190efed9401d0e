#!/bin/sh
# HTTP load benchmark of kavosh-serve: the bundled corpus (or, with DOCS=N, the bundled corpus scaled to N
# documents by bench/scale_corpus.py), indexed once into $WORK (reused while the document count matches;
# each invocation serves a fresh copy of it), then wrk on loopback for DURATION at each count of keep-alive
# connections in CONNECTIONS, with the query mix of bench/serve_load.lua: real questions and topics (QUERIES,
# rotating), autocomplete, documents.
# Meanwhile an indexer adds to the database: every INDEX_EVERY seconds (default 5; 0: none) a kavosh-index
# run adds INDEX_BATCH records (default 50: input records under new ids) and commits.
# Prints one line per connection count: requests/s, p50, p90, p99, errors and the indexer's commits.
# SERVE_ARGS: more kavosh-serve options (e.g. `--cache-mb 0` to measure without the response cache).
# Usage: bench/serve_load.sh [BUILD_DIR]    (default build-serve; built with its own configuration)
# Keep it short on a shared machine: the defaults run 3 × 10 s.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build-serve}
WORK=${WORK:-$build/bench-serve}
DOCS=${DOCS:-}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16 64 256}
PORT=${PORT:-18765}
INDEX_EVERY=${INDEX_EVERY:-5}
INDEX_BATCH=${INDEX_BATCH:-50}
shared=../shared/dev-data/retrieval
QUERIES=${QUERIES:-$shared/news_topics/queries.tsv:$shared/parsinlu_rc/queries.tsv}
command -v wrk >/dev/null || { echo "serve_load.sh: wrk is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
cmake --build "$build" --target kavosh-serve kavosh-index -j1 >/dev/null
mkdir -p "$WORK"

if [ -n "$DOCS" ]; then
  input="$WORK/scaled.jsonl"
  [ "$(wc -l < "$input" 2>/dev/null || echo 0)" = "$DOCS" ] || python3 bench/scale_corpus.py "$DOCS" "$input"
else
  input=corpus/articles.jsonl
fi
want=$(wc -l < "$input" | tr -d ' ')
# The ids /api/doc/ID asks for, one a line, for bench/serve_load.lua.
sed -n 's/^{"id": *"\([^"]*\)".*/\1/p' "$input" > "$WORK/ids.txt"
if [ ! -d "$WORK/db.built" ] || [ "$(cat "$WORK/db.count" 2>/dev/null || true)" != "$want" ]; then
  rm -rf "$WORK/db.built"
  "$build/indexer/kavosh-index" --db "$WORK/db.built" --progress never "$input"
  echo "$want" > "$WORK/db.count"
fi
# Every invocation serves a fresh copy of the built database: the indexer's commits during one do not
# carry into the next, so runs days apart (or of two builds) search the same documents.
rm -rf "$WORK/db"
cp -R "$WORK/db.built" "$WORK/db"

# Enough connection threads for the largest count; searches run on one searcher per core.
max=0
for c in $CONNECTIONS; do [ "$c" -gt "$max" ] && max=$c; done
"$build/server/kavosh-serve" --db "$WORK/db" --listen "127.0.0.1:$PORT" --max-connections "$((max + 16))" ${SERVE_ARGS:-} \
  2>"$WORK/serve.log" &
server=$!
trap 'kill "$server" ${indexer:-} 2>/dev/null || true' EXIT
: > "$WORK/indexer.log"
for _ in 1 2 3 4 5 6 7 8 9 10; do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
# The indexer: a loop of kavosh-index runs, each adding the next INDEX_BATCH input records under ids no
# run has used (this script's pid, the connection count, the round), so that each commit changes the
# index; a run that adds nothing (it would leave the revision as it was) is not counted as a commit.
index_loop() {
  round=0
  while sleep "$INDEX_EVERY"; do
    round=$((round + 1))
    first=$(( (round * INDEX_BATCH) % want + 1 ))
    sed -n "${first},$((first + INDEX_BATCH - 1))p" "$input" |
      sed "s/^{\"id\": *\"\([^\"]*\)\"/{\"id\": \"\1-$$-$1-$round\"/" > "$WORK/batch.jsonl"
    if summary=$("$build/indexer/kavosh-index" --db "$WORK/db" --progress never "$WORK/batch.jsonl" 2>>"$WORK/indexer.log")
    then case "$summary" in *"added 0, replaced 0,"*) echo "nothing added (round $round)" >> "$WORK/indexer.log" ;;
                            *) echo commit >> "$WORK/commits.txt" ;; esac
    else echo "kavosh-index failed (round $round)" >> "$WORK/indexer.log"
    fi
  done
}

echo "documents in index: $want; queries: $QUERIES; $DURATION per run; indexer: $INDEX_BATCH records every ${INDEX_EVERY}s"
for c in $CONNECTIONS; do
  : > "$WORK/commits.txt"
  indexer=
  if [ "$INDEX_EVERY" != 0 ]; then
    index_loop "$c" &
    indexer=$!
  fi
  # --timeout: wrk counts a reply slower than its 2 s default as a socket error; the service did answer.
  KAVOSH_QUERIES="$QUERIES" KAVOSH_IDS="$WORK/ids.txt" \
    wrk -t2 -c"$c" -d"$DURATION" --timeout 10s --latency -s bench/serve_load.lua "http://127.0.0.1:$PORT" \
    > "$WORK/wrk-$c.txt"
  if [ -n "$indexer" ]; then
    kill "$indexer" 2>/dev/null || true
    wait "$indexer" 2>/dev/null || true
  fi
  commits=$(wc -l < "$WORK/commits.txt" | tr -d ' ')
  sed -n "s/^KAVOSH \(.*\)/connections=$c \1 indexer_commits=$commits/p" "$WORK/wrk-$c.txt"
done
[ ! -s "$WORK/indexer.log" ] || { echo "indexer errors:"; cat "$WORK/indexer.log"; }
curl -sf "http://127.0.0.1:$PORT/metrics" | grep '^kavosh_http_request\|^kavosh_cache' > "$WORK/metrics.txt"
# The response cache over all runs: requests answered from it and requests searched.
sed -n 's/^kavosh_cache_requests_total{result="\(hit\|stale\|miss\|coalesced\)"} \([0-9]*\)/\1 \2/p' "$WORK/metrics.txt" |
  tr '\n' ' ' | sed 's/^\(..*\) $/response cache: \1\n/'
kill -TERM "$server"
wait "$server" || true
tail -1 "$WORK/serve.log"
