#!/usr/bin/env python3
"""Relevance of kavosh-search on every judged collection, and paired comparisons between runs.

Indexes each collection with the build's kavosh-index (kept while the binary and the input are
unchanged), runs its queries through kavosh-search (top 100, near-copies not collapsed), and prints per collection nDCG@10 (gain =
grade, as kavosh-eval and the news_topics README's figures), MRR@10, MAP (top 100), Recall@100 and judged@10.

  scripts/relevance.py                       # every collection found
  scripts/relevance.py --save base           # ... and keep the per-query scores as run `base`
  scripts/relevance.py --against base        # ... and compare with run `base`: per-query differences,
                                             #     mean +- standard error, queries up / down
  scripts/relevance.py --only news_topics
  scripts/relevance.py --stages              # ... and each collection's analysis stages (relevance_ablation)

Peers' runs found in build/relevance/peers/COLLECTION/PEER.trec (bench/peers/run.sh writes them) are
scored and compared with Kavosh in the same way.

Collections: corpus/ (bundled) and, when ../shared/dev-data/retrieval is present (or --data DIR),
news_topics and parsinlu_rc. Runs are kept in build/relevance/.
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def collections(data):
    found = {"corpus": {"docs": [os.path.join(ROOT, "corpus", "articles.jsonl")],
                        "queries": os.path.join(ROOT, "corpus", "queries.tsv"),
                        "qrels": os.path.join(ROOT, "corpus", "qrels.txt"),
                        "synonyms": os.path.join(ROOT, "indexer", "data", "synonyms.tsv")}}
    news = os.path.join(data, "..", "news")
    topics = os.path.join(data, "news_topics")
    if os.path.isdir(topics) and os.path.isdir(news):
        found["news_topics"] = {
            "docs": [os.path.join(news, f) for f in ("news_farsnews.jsonl", "news_varzesh3.jsonl",
                                                     "news_hamshahrionline_rss.jsonl")],
            "queries": os.path.join(topics, "queries.tsv"), "qrels": os.path.join(topics, "qrels.txt")}
    parsinlu = os.path.join(data, "parsinlu_rc")
    if os.path.isdir(parsinlu):
        found["parsinlu_rc"] = {"docs": [os.path.join(parsinlu, "corpus.jsonl")],
                                "queries": os.path.join(parsinlu, "queries.tsv"),
                                "qrels": os.path.join(parsinlu, "qrels.txt")}
    return found


def fingerprint(paths):
    h = hashlib.sha1()
    for p in paths:
        st = os.stat(p)
        h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def index(build, name, spec, workdir):
    binary = os.path.join(build, "indexer", "kavosh-index")
    inputs = spec["docs"] + ([spec["synonyms"]] if "synonyms" in spec else [])
    db = os.path.join(workdir, f"{name}.db")
    stamp = os.path.join(workdir, f"{name}.stamp")
    key = fingerprint([binary] + inputs)
    if os.path.isdir(db) and os.path.exists(stamp) and open(stamp).read() == key:
        return db
    subprocess.run(["rm", "-rf", db], check=True)
    cmd = [binary, "--db", db] + (["--synonyms", spec["synonyms"]] if "synonyms" in spec else []) + spec["docs"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(stamp, "w") as f:
        f.write(key)
    return db


def search(build, db, queries):
    # Every copy of a story is ranked: judgments are of documents, and a collapsed copy judged relevant would
    # count as missed (docs/ranking.md, "Evaluation").
    out = subprocess.run([os.path.join(build, "searcher", "kavosh-search"), "--db", db, "--batch", queries,
                          "--format", "trec", "--limit", "100", "--no-collapse"], check=True, capture_output=True, text=True).stdout
    return parse_run(out)


def parse_run(out):
    """A TREC run in its rank column's order (the engine's own order: re-sorting by score would break
    its ties another way)."""
    run = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 6:
            run.setdefault(f[0], []).append((int(f[3]), f[2], float(f[4])))
    return {qid: [(doc, score) for _, doc, score in sorted(docs)] for qid, docs in run.items()}


def read_qrels(path):
    qrels = {}
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) == 4:
            qrels.setdefault(f[0], {})[f[2]] = int(f[3])
    return qrels


def score(judged, ranking):
    relevant = sorted((g for g in judged.values() if g > 0), reverse=True)
    gains = [judged.get(d, 0) for d, _ in ranking[:100]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:10]) if g > 0)
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(relevant[:10]))
    first = next((i for i, g in enumerate(gains[:10]) if g > 0), None)
    hits, precisions = 0, 0.0
    for i, g in enumerate(gains):
        if g > 0:
            hits += 1
            precisions += hits / (i + 1)
    top = [d for d, _ in ranking[:10]]
    return {"ndcg10": dcg / ideal if ideal else 0.0, "mrr10": 0.0 if first is None else 1.0 / (first + 1),
            "map": precisions / len(relevant), "recall100": hits / len(relevant),
            "judged10": sum(d in judged for d in top) / len(top) if top else 0.0}


METRICS = ("ndcg10", "mrr10", "map", "recall100", "judged10")


def evaluate(qrels, run):
    return {qid: score(judged, run.get(qid, [])) for qid, judged in qrels.items()
            if any(g > 0 for g in judged.values())}


def summary(per_query):
    means = {m: mean([s[m] for s in per_query.values()]) for m in METRICS}
    return (f"nDCG@10 {means['ndcg10']:.4f}  MRR@10 {means['mrr10']:.4f}  MAP {means['map']:.4f}"
            f"  R@100 {means['recall100']:.4f}  judged@10 {means['judged10']:.3f}")


def compare(label, now, then):
    for metric in ("ndcg10", "mrr10", "map"):
        m, se, up, down = paired(now, then, metric)
        print(f"  vs {label}: {metric:7} {m:+.4f} ± {se:.4f}  ({up} up, {down} down)")


def peers(workdir, name, qrels, per_query):
    folder = os.path.join(workdir, "peers", name)
    if not os.path.isdir(folder):
        return
    for run_file in sorted(f for f in os.listdir(folder) if f.endswith(".trec")):
        peer = evaluate(qrels, parse_run(open(os.path.join(folder, run_file), encoding="utf-8").read()))
        print(f"  {run_file[:-5]:10} {summary(peer)}")
        compare(run_file[:-5], per_query, peer)


def stages(build, spec, name):
    docs = spec["docs"]
    if len(docs) > 1:
        joined = os.path.join(build, "relevance", f"{name}.jsonl")
        with open(joined, "w", encoding="utf-8") as out:
            for path in docs:
                out.write(open(path, encoding="utf-8").read())
        docs = [joined]
    subprocess.run([os.path.join(build, "bench", "relevance_ablation"), docs[0], spec["queries"], spec["qrels"], name],
                   check=True)


def mean(values):
    return sum(values) / len(values) if values else 0.0


def paired(now, then, metric):
    common = sorted(set(now) & set(then))
    diffs = [now[q][metric] - then[q][metric] for q in common]
    m = mean(diffs)
    se = math.sqrt(sum((d - m) ** 2 for d in diffs) / (len(diffs) - 1) / len(diffs)) if len(diffs) > 1 else 0.0
    return m, se, sum(d > 1e-9 for d in diffs), sum(d < -1e-9 for d in diffs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "dev-data", "retrieval"))
    parser.add_argument("--only", help="comma-separated collection names")
    parser.add_argument("--save", help="keep this run's per-query scores under NAME")
    parser.add_argument("--against", help="compare with the saved run NAME")
    parser.add_argument("--per-query", action="store_true", help="print the queries that moved (with --against)")
    parser.add_argument("--stages", action="store_true", help="also run build/bench/relevance_ablation on each")
    args = parser.parse_args()
    workdir = os.path.join(args.build, "relevance")
    os.makedirs(workdir, exist_ok=True)
    wanted = set(args.only.split(",")) if args.only else None
    results = {}
    for name, spec in collections(args.data).items():
        if wanted and name not in wanted:
            continue
        db = index(args.build, name, spec, workdir)
        qrels = read_qrels(spec["qrels"])
        per_query = evaluate(qrels, search(args.build, db, spec["queries"]))
        results[name] = per_query
        print(f"{name:12} ({len(per_query):4} queries)  {summary(per_query)}")
        if args.against:
            then_path = os.path.join(workdir, f"run-{args.against}.json")
            then = json.load(open(then_path)).get(name) if os.path.exists(then_path) else None
            if not then:
                print(f"  (no saved run {args.against} for {name})")
            else:
                compare(args.against, per_query, then)
                if args.per_query:
                    for qid in sorted(per_query):
                        d = per_query[qid]["ndcg10"] - then.get(qid, {}).get("ndcg10", 0.0)
                        if abs(d) > 1e-9:
                            print(f"    {qid}\tnDCG@10 {then.get(qid, {}).get('ndcg10', 0.0):.3f} -> "
                                  f"{per_query[qid]['ndcg10']:.3f}")
        peers(workdir, name, qrels, per_query)
        if args.stages:
            stages(args.build, spec, name)
    if args.save:
        path = os.path.join(workdir, f"run-{args.save}.json")
        saved = json.load(open(path)) if os.path.exists(path) else {}
        saved.update(results)
        json.dump(saved, open(path, "w"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
