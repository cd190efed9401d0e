#!/usr/bin/env python3
"""Scales corpus/articles.jsonl to N documents for load tests. Each document is an article's title,
source and category over a body re-made from sentences of its own (some) and of 2-4 other articles,
shuffled, with a date spread over five years: realistic term statistics. An article's versions share
some of its sentences, so kavosh-index groups many of them as near-copies: at 102,000 documents from the
bundled corpus, 40,570 documents stand alone and 61,430 are in 11,012 stories of 2 to 315, far more
copies than news has. A few documents (REPUBLISHED, 3%) are republications of an earlier one by
another agency with one sentence dropped, as agencies do.
Usage: bench/scale_corpus.py N OUT.jsonl [SEED]"""
import json
import random
import re
import sys
from collections import deque
from datetime import date, timedelta

REPUBLISHED = 0.03
RECENT = 2000  # a republication copies one of the last RECENT documents


def sentences(text):
    return [s for s in re.split(r'(?<=[.!؟?])\s+|\n+', text or '') if s.strip()]


def mixed_body(rng, pools, i):
    own = list(pools[i])
    rng.shuffle(own)
    body = own[:max(1, int(len(own) * rng.uniform(0.3, 0.6)))]
    for _ in range(rng.randint(2, 4)):
        other = pools[rng.randrange(len(pools))]
        if other:
            body += rng.sample(other, min(len(other), rng.randint(1, 3)))
    rng.shuffle(body)
    return ' '.join(body)


def republication(rng, original, sources):
    record = dict(original)
    body = sentences(record.get('body'))
    if len(body) > 2:
        del body[rng.randrange(len(body))]
    record['body'] = ' '.join(body)
    record['source'] = rng.choice([s for s in sources if s != original.get('source')] or sources)
    record.pop('url', None)
    return record


def main():
    count, out_path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 6)
    with open('corpus/articles.jsonl', encoding='utf-8') as f:
        articles = [json.loads(line) for line in f if line.strip()]
    pools = [sentences(a.get('body')) for a in articles]
    sources = sorted({a['source'] for a in articles if a.get('source')})
    recent = deque(maxlen=RECENT)
    with open(out_path, 'w', encoding='utf-8') as out:
        for n in range(count):
            if recent and rng.random() < REPUBLISHED:
                record = republication(rng, rng.choice(recent), sources)
            else:
                i = n % len(articles)
                record = dict(articles[i])
                record['body'] = mixed_body(rng, pools, i)
                record['date'] = (date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365))).isoformat()
                record.pop('dup_of', None)
            record['id'] = f"s{n}"
            recent.append(record)
            out.write(json.dumps(record, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
