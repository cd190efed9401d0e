#!/usr/bin/env bash
# The main job on the bundled corpus: set up (packages + Release build), index corpus/, answer a sample query.
# Usage: scripts/demo.sh [QUERY...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bash "$here/scripts/setup.sh"
bin="$here/build"
db="$bin/corpus.db"
query=("$@")
[ ${#query[@]} -gt 0 ] || query=("نتایج انتخابات خبرگان تهران")

echo "== Analysis of a sample sentence (kavosh-analyze)"
"$bin/stemmer/kavosh-analyze" "هماهنگي های اجرایی انتخابات میان‌دوره‌ای مجلس خبرگان رهبری برگزار می شود"

if [ -x "$bin/indexer/kavosh-index" ] && [ -x "$bin/searcher/kavosh-search" ]; then
  echo "== Indexing corpus/articles.jsonl into $db"
  rm -rf "$db"
  "$bin/indexer/kavosh-index" --db "$db" --synonyms "$here/indexer/data/synonyms.tsv" "$here/corpus/articles.jsonl"
  echo "== Query: ${query[*]}"
  "$bin/searcher/kavosh-search" --db "$db" --limit 5 -- "${query[@]}"
fi
