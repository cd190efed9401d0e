#!/usr/bin/env python3
# Kavosh: Persian full-text search. GPL-2.0-or-later.
"""SQLite FTS5 peer: an in-memory FTS5 table (title, body) with tokenize='unicode61' (its defaults:
remove_diacritics 1, Unicode letters and digits are token characters, all else separates), ranked by
bm25() with its defaults (k1 1.2, b 0.75, both columns weight 1), top 100. Each whitespace-separated
query word becomes a quoted FTS5 string (so no character is query syntax) and the words are OR'ed.

  python3 bench/peers/fts5_peer.py RUN.trec QUERIES.tsv DOCS.jsonl...
"""
import sqlite3
import sys

from common import DEPTH, documents, queries, write_run


def match_expression(text):
    """'w1 w2 "w3"' -> '"w1" OR "w2" OR \"\"\"w3\"\"\"': each word an FTS5 string, its quotes doubled."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in text.split())


def main(out, queries_path, doc_paths):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(docid UNINDEXED, title, body, tokenize='unicode61')")
    db.executemany("INSERT INTO docs (docid, title, body) VALUES (?, ?, ?)", documents(doc_paths))
    run = []
    for qid, text in queries(queries_path):
        expr = match_expression(text)
        hits = db.execute("SELECT docid, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                          (expr, DEPTH)).fetchall() if expr else []
        run.append((qid, [(docid, -score) for docid, score in hits]))  # bm25() is lower for better matches
    write_run(out, run, "fts5")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
