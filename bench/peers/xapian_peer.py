#!/usr/bin/env python3
# Kavosh: Persian full-text search. GPL-2.0-or-later.
"""Plain Xapian peer: an in-memory database, Xapian::TermGenerator defaults (no stemmer, no stopwords) over
title + "\\n" + body, Xapian::QueryParser defaults with OP_OR as the default operator, BM25Weight defaults
(k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5), top 100 — the same as stage 1 of bench/relevance_ablation.cpp.

  python3 bench/peers/xapian_peer.py RUN.trec QUERIES.tsv DOCS.jsonl...
"""
import sys

import xapian

from common import DEPTH, documents, queries, write_run


def main(out, queries_path, doc_paths):
    db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
    tg = xapian.TermGenerator()
    for docid, title, body in documents(doc_paths):
        doc = xapian.Document()
        doc.set_data(docid)
        tg.set_document(doc)
        tg.index_text(title + "\n" + body)
        db.add_document(doc)
    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(db)  # BM25Weight by default
    run = []
    for qid, text in queries(queries_path):
        try:
            enquire.set_query(qp.parse_query(text))
        except xapian.QueryParserError:
            run.append((qid, []))
            continue
        run.append((qid, [(m.document.get_data().decode(), m.weight) for m in enquire.get_mset(0, DEPTH)]))
    write_run(out, run, "xapian")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
