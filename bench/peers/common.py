# Kavosh: Persian full-text search. GPL-2.0-or-later.
"""What the peer baselines share: the judged collections (as scripts/relevance.py finds them), reading
documents and queries, writing TREC runs, and scoring runs with scripts/relevance.py's metrics.

  python3 bench/peers/common.py collections            # name<TAB>queries<TAB>qrels<TAB>doc files (space-separated);
                                                       # $KAVOSH_DATA overrides ../shared/dev-data/retrieval
  python3 bench/peers/common.py tsv DOCS.jsonl...       # documents as id<TAB>title<TAB>body lines (for LucenePeer)
  python3 bench/peers/common.py score NAME QRELS RUN.trec...
      # nDCG@10, MRR@10, MAP, R@100, judged@10 of each run, and its per-query scores saved for collection
      # NAME in build/relevance/run-peer-<run file stem>.json, the format of scripts/relevance.py --save,
      # so that `scripts/relevance.py --against peer-lucene` pairs Kavosh with a peer query by query.
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import relevance  # noqa: E402  (collections, read_qrels, evaluate, mean, METRICS)

DEPTH = 100  # results kept per query


def documents(paths):
    """Yields (id, title, body) for each record of the JSONL files, in file order."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    yield str(r["id"]), r.get("title") or "", r.get("body") or ""


def queries(path):
    """[(qid, query text)] from a qid<TAB>query file."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            qid, tab, text = line.rstrip("\n").partition("\t")
            if tab:
                out.append((qid, text))
    return out


def write_run(path, run, tag):
    """run: [(qid, [(docid, score), ...] best first)] -> TREC lines `qid Q0 docid rank score tag`."""
    with open(path, "w", encoding="utf-8") as f:
        for qid, hits in run:
            for rank, (docid, score) in enumerate(hits[:DEPTH], 1):
                f.write(f"{qid} Q0 {docid} {rank} {score!r} {tag}\n")  # repr: no ties made by rounding


def read_run(path):
    """{qid: [(docid, score)]} in the run's rank order (ties stay as the engine ranked them)."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            x = line.split()
            if len(x) == 6:
                rows.setdefault(x[0], []).append((int(x[3]), x[2], float(x[4])))
    return {q: [(d, s) for _, d, s in sorted(r)] for q, r in rows.items()}


def ndcg10_exp(judged, ranking):
    """nDCG@10 with gain 2^grade - 1 (trec_eval/eval.py style), printed beside the project's gain = grade."""
    rel = sorted((g for g in judged.values() if g > 0), reverse=True)
    dcg = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, (d, _) in enumerate(ranking[:10]))
    ideal = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(rel[:10]))
    return dcg / ideal if ideal else 0.0


def score(qrels_path, run_path):
    """Per-query scores of a run (queries with a relevant judgment, scored in the run's rank order as
    scripts/relevance.py scores them) and their means."""
    qrels = relevance.read_qrels(qrels_path)
    run = read_run(run_path)
    per_query = relevance.evaluate(qrels, run)
    means = {m: relevance.mean([s[m] for s in per_query.values()]) for m in relevance.METRICS}
    means["ndcg10_exp"] = relevance.mean([ndcg10_exp(qrels[q], run.get(q, [])) for q in per_query])
    means["queries"] = len(per_query)
    return per_query, means


def save(name, peer, per_query):
    """Adds collection `name` to build/relevance/run-peer-<peer>.json (scripts/relevance.py --save's format)."""
    path = os.path.join(ROOT, "build", "relevance", f"run-peer-{peer}.json")
    saved = json.load(open(path)) if os.path.exists(path) else {}
    saved[name] = per_query
    with open(path, "w") as f:
        json.dump(saved, f)


def main(argv):
    if argv[:1] == ["collections"]:
        data = os.environ.get("KAVOSH_DATA", os.path.join(ROOT, "..", "shared", "dev-data", "retrieval"))
        for name, spec in relevance.collections(data).items():
            paths = [os.path.normpath(p) for p in [spec["queries"], spec["qrels"]] + spec["docs"]]
            print("\t".join([name] + paths[:2] + [" ".join(paths[2:])]))
    elif argv[:1] == ["tsv"]:
        out = sys.stdout
        for docid, title, body in documents(argv[1:]):
            clean = [" ".join(x.replace("\r", " ").replace("\n", " ").split("\t")) for x in (docid, title, body)]
            out.write("\t".join(clean) + "\n")
    elif argv[:1] == ["score"] and len(argv) >= 4:
        for run_path in argv[3:]:
            per_query, m = score(argv[2], run_path)
            save(argv[1], os.path.splitext(os.path.basename(run_path))[0], per_query)
            print(f"  {os.path.basename(run_path):14} ({m['queries']:4} q)  nDCG@10 {m['ndcg10']:.4f}"
                  f"  MRR@10 {m['mrr10']:.4f}  MAP {m['map']:.4f}  R@100 {m['recall100']:.4f}"
                  f"  judged@10 {m['judged10']:.3f}  [nDCG@10 2^g-1 {m['ndcg10_exp']:.4f}]")
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
