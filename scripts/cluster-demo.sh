#!/usr/bin/env bash
# Serving past one machine, on loopback: the bundled corpus indexed into 3 shards, each shard's master
# served by xapian-replicate-server, 2 replicas per shard pulled with xapian-replicate and served by
# xapian-tcpsrv, and kavosh-search over a cluster file listing them (docs/serving.md, Past one machine).
# Checks that one replica down changes no answer, that a shard with both replicas down gives a partial
# answer naming it with the other shards' hits, and that restarted replicas complete the answers again.
# Usage: scripts/cluster-demo.sh [BUILD_DIR]   (default: build/). Exit 0: every check passed; 77: skipped
# (xapian-tools missing); 1: a check failed. Stops everything it started; bounded to about a minute.
set -euo pipefail
# Bounded: past 60 s `timeout` stops the script, whose trap stops the servers it started.
if [ -z "${KAVOSH_CLUSTER_DEMO_TIMED:-}" ]; then
  KAVOSH_CLUSTER_DEMO_TIMED=1 exec timeout --kill-after=10 60 bash "$0" "$@"
fi
here="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$here/build}" && pwd)"
index="$build/indexer/kavosh-index"
search="$build/searcher/kavosh-search"
readonly shards=3 replicas=2
started=$SECONDS

for tool in xapian-tcpsrv xapian-replicate xapian-replicate-server; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool not installed (scripts/setup.sh installs xapian-tools)"
    exit 77
  fi
done
for program in "$index" "$search"; do
  [ -x "$program" ] || { echo "FAIL: $program not built"; exit 1; }
done

work="$(mktemp -d)"
declare -A pids=()  # name → pid of a server, each the leader of its own process group
stop() {  # stop NAME: the server and the children it forked for its connections
  local pid="${pids[$1]:-}"
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "pids[$1]"
}
cleanup() {
  for name in "${!pids[@]}"; do stop "$name"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "FAIL: stopped (60 s limit or interrupted)" >&2; exit 1' INT TERM

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
say() { printf '[%2ds] %s\n' $((SECONDS - started)) "$*"; }

# Servers run in sessions of their own: xapian-tcpsrv signals its whole process group when it exits.
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
declare -A ports=()
start() {  # start NAME PORT COMMAND...: runs COMMAND (its port given) until NAME is stopped
  local name="$1" port="$2"
  shift 2
  setsid "$@" >"$work/$name.log" 2>&1 &
  pids[$name]=$!
  ports[$name]=$port
  for _ in $(seq 100); do
    accepts "$port" && return 0
    kill -0 "${pids[$name]}" 2>/dev/null || break
    sleep 0.05
  done
  fail "$name did not start on port $port: $(cat "$work/$name.log")"
}
free_port() {  # a port nothing listens on now, away from the ephemeral range
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    accepts "$port" || { echo "$port"; return; }
  done
}
tcpsrv() {  # tcpsrv NAME DB PORT
  start "$1" "$3" xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$3" "$2"
}

say "index corpus/articles.jsonl into $shards shards"
"$index" --db "$work/master" --shards "$shards" --synonyms "$here/indexer/data/synonyms.tsv" \
  "$here/corpus/articles.jsonl" >"$work/index.log" 2>&1 || fail "kavosh-index: $(cat "$work/index.log")"

say "serve the masters with xapian-replicate-server; pull $replicas replicas per shard with xapian-replicate"
port_=$(free_port)
start replicate-server "$port_" xapian-replicate-server --interface 127.0.0.1 --port "$port_" "$work/master"
for s in $(seq 0 $((shards - 1))); do
  for r in $(seq 0 $((replicas - 1))); do
    timeout 20 xapian-replicate --one-shot --quiet --timeout 10 --host 127.0.0.1 --port "$port_" \
      --master "$(printf 'shard_%03d' "$s")" "$work/replica$s-$r" || fail "xapian-replicate of shard $s"
  done
done
stop replicate-server

say "serve each replica with xapian-tcpsrv; write the cluster file"
cluster_line() {  # cluster_line SHARD: `tcp 127.0.0.1:PORT ...`, its replicas in order
  local r line=""
  for r in $(seq 0 $((replicas - 1))); do line+="${line:+ }tcp 127.0.0.1:${ports[tcpsrv$1-$r]}"; done
  echo "$line"
}
for s in $(seq 0 $((shards - 1))); do
  for r in $(seq 0 $((replicas - 1))); do tcpsrv "tcpsrv$s-$r" "$work/replica$s-$r" "$(free_port)"; done
done
{
  echo "kavosh-cluster"
  echo "# one shard per line: its replicas, tried in order"
  for s in $(seq 0 $((shards - 1))); do cluster_line "$s"; done
} >"$work/cluster"
cat "$work/cluster"
# What the answers must be: those of the masters, read locally through Xapian stubs; all the shards, and
# shards 0 and 2 alone (shard 1 down).
for s in $(seq 0 $((shards - 1))); do printf 'auto %s/master/shard_%03d\n' "$work" "$s"; done >"$work/all.stub"
grep -v 'shard_001$' "$work/all.stub" >"$work/without1.stub"

queries=("انتخابات" "مجلس خبرگان" "تهران" "نتایج انتخابات خبرگان تهران")
answer() {  # answer DB QUERY: `partial failed_shards total id id ...` of the first 20 hits
  timeout 20 "$search" --db "$1" --format json --limit 20 -- "$2" | python3 -c '
import json, sys
r = json.load(sys.stdin)
head = [str(r["partial"]).lower(), ",".join(map(str, r["failed_shards"])) or "-", str(r["total"])]
print(" ".join(head + [h["id"] for h in r["hits"]]))'
}
declare -A all=() without1=()
# shellcheck disable=SC2034  # `all` is read through check_all's nameref
for query in "${queries[@]}"; do
  all[$query]="$(answer "$work/all.stub" "$query" | cut -d' ' -f3-)" || fail "kavosh-search failed on the stub"
  without1[$query]="$(answer "$work/without1.stub" "$query" | cut -d' ' -f3-)" || fail "kavosh-search failed"
  [ "$(wc -w <<<"${without1[$query]}")" -gt 1 ] || fail "'$query': shards 0 and 2 have no hit"
done
check_all() {  # check_all PREFIX EXPECTED WHAT: every query's cluster answer is "PREFIX EXPECTED[query]"
  local query got want
  local -n expected="$2"
  for query in "${queries[@]}"; do
    got="$(answer "$work/cluster" "$query")" || fail "kavosh-search failed on '$query' ($3)"
    want="$1 ${expected[$query]}"
    [ "$got" = "$want" ] || fail "'$query' ($3):"$'\n'"  got:      $got"$'\n'"  expected: $want"
  done
  say "ok: $3"
}

check_all "false -" all "all replicas up: every shard answers"
stop tcpsrv1-0
check_all "false -" all "replica 0 of shard 1 down: answers unchanged"
stop tcpsrv1-1
check_all "true 1" without1 "both replicas of shard 1 down: partial, the hits of shards 0 and 2"
text="$(timeout 20 "$search" --db "$work/cluster" -- "انتخابات")"
grep -qx '! partial results: shard 1 did not answer' <<<"$text" || fail "the text output names no failed shard:"$'\n'"$text"
say "restart both replicas of shard 1"
for r in 0 1; do tcpsrv "tcpsrv1-$r" "$work/replica1-$r" "${ports[tcpsrv1-$r]}"; done
check_all "false -" all "replicas of shard 1 back: answers complete again"
say "all checks passed"
