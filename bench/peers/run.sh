#!/bin/sh
# Kavosh: Persian full-text search. GPL-2.0-or-later.
# Peer baselines on the judged collections: Lucene 4.10 PersianAnalyzer + BM25, SQLite FTS5 (unicode61,
# bm25) and plain Xapian (TermGenerator, QueryParser OR, BM25), each over title + body, top 100 per query.
# Writes build/relevance/peers/<collection>/{lucene,fts5,xapian}.trec (TREC runs, relative to the repo
# root) and prints each run's scores with scripts/relevance.py's metrics (nDCG@10 with gain = grade,
# MRR@10, MAP over judged relevant, Recall@100, judged@10; nDCG@10 with gain 2^g - 1 in brackets), and
# keeps the per-query scores as build/relevance/run-peer-<peer>.json, so that after it
# `scripts/relevance.py --against peer-lucene` gives Kavosh - Lucene paired over the queries.
# Usage: bench/peers/run.sh [COLLECTION...]   (default: every collection found: corpus, news_topics,
#        parsinlu_rc; $KAVOSH_DATA overrides ../shared/dev-data/retrieval)
# Installs, only when missing: liblucene4.10-java, default-jdk-headless (javac), python3-xapian.
# shellcheck disable=SC2086  # $missing and $docs are space-separated lists, split on purpose
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=$ROOT/build/relevance/peers
PY=/usr/bin/python3   # Debian's python3, the one python3-xapian is built for
LIMIT=600             # seconds allowed to one peer on one collection

missing=""
dpkg -s liblucene4.10-java >/dev/null 2>&1 || missing="$missing liblucene4.10-java"
command -v javac >/dev/null 2>&1 || missing="$missing default-jdk-headless"
$PY -c 'import xapian' 2>/dev/null || missing="$missing python3-xapian"
if [ -n "$missing" ]; then
  echo "installing:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

J=/usr/share/java
CP=$J/lucene-core-4.10.4.jar:$J/lucene-analyzers-common-4.10.4.jar:$J/lucene-queryparser-4.10.4.jar
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$CP" "$HERE/LucenePeer.java"

# Runs "$@" under the time limit and prints the seconds it took.
timed() {
  start=$(date +%s%N)
  timeout "$LIMIT" "$@"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

found=$($PY "$HERE/common.py" collections)
for want in "$@"; do
  echo "$found" | cut -f1 | grep -qx "$want" || { echo "no collection $want (found: $(echo "$found" | cut -f1 | tr '\n' ' '))" >&2; exit 2; }
done
echo "$found" | while IFS="$(printf '\t')" read -r name queries qrels docs; do
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  dir=$OUT/$name
  mkdir -p "$dir"
  $PY "$HERE/common.py" tsv $docs >"$dir/docs.tsv"  # LucenePeer reads id<TAB>title<TAB>body lines
  t_lucene=$(timed java -cp "$CP:$OUT/classes" LucenePeer "$dir/lucene.trec" "$queries" <"$dir/docs.tsv")
  rm -f "$dir/docs.tsv"
  t_fts5=$(timed $PY "$HERE/fts5_peer.py" "$dir/fts5.trec" "$queries" $docs)
  t_xapian=$(timed $PY "$HERE/xapian_peer.py" "$dir/xapian.trec" "$queries" $docs)
  echo "$name (lucene ${t_lucene} s, fts5 ${t_fts5} s, xapian ${t_xapian} s; runs in ${dir#"$ROOT"/})"
  $PY "$HERE/common.py" score "$name" "$qrels" "$dir/lucene.trec" "$dir/fts5.trec" "$dir/xapian.trec"
done
