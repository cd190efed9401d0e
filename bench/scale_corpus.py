#!/usr/bin/env python3
"""Scales corpus/articles.jsonl to N documents for load tests (issue 6): each copy gets a new id, a
shifted date, and a body re-made from its own sentences (shuffled, some dropped) plus one sentence of
another article, so the index has realistic term statistics rather than N identical documents.
Usage: bench/scale_corpus.py N OUT.jsonl [SEED]"""
import json
import random
import re
import sys
from datetime import date, timedelta


def sentences(text):
    return [s for s in re.split(r'(?<=[.!؟?])\s+|\n+', text or '') if s.strip()]


def main():
    count, out_path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 6)
    with open('corpus/articles.jsonl', encoding='utf-8') as f:
        articles = [json.loads(line) for line in f if line.strip()]
    pools = [sentences(a.get('body')) for a in articles]
    with open(out_path, 'w', encoding='utf-8') as out:
        for n in range(count):
            i = n % len(articles)
            record = dict(articles[i])
            record['id'] = f"s{n // len(articles)}-{record['id']}"
            body = list(pools[i])
            rng.shuffle(body)
            body = body[:max(1, int(len(body) * rng.uniform(0.6, 1.0)))]
            body.insert(rng.randrange(len(body) + 1), rng.choice(pools[rng.randrange(len(pools))] or ['']))
            record['body'] = ' '.join(body)
            record['date'] = (date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365))).isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
