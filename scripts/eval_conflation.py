#!/usr/bin/env python3
"""Measures how well kavosh-stem conflates word forms, against UD Persian-Seraji lemmas.

Over distinct word forms (PUNCT, NUM, SYM left out; a form's lemma and part of speech are its most
frequent ones), pairwise precision is the share of form pairs with the same stem that have the same
lemma, recall the share of pairs with the same lemma that get the same stem. Lemmas are compared
after the same normalization as the forms, ZWNJ removed (the treebank writes `ایرانی‌` and `ایرانی`,
`رأی` and `رأى` for one lemma), so spelling variants of one lemma count as one.

Usage: scripts/eval_conflation.py [--stem BUILD/stemmer/kavosh-stem] [--data fa_seraji.tsv] [--errors N]
"""
import argparse
import collections
import os
import subprocess
import sys

GROUPS = {"nominal (NOUN+ADJ+PROPN)": {"NOUN", "ADJ", "PROPN"}, "verbal (VERB+AUX)": {"VERB", "AUX"}}


def read_forms(path):
    lemmas = collections.defaultdict(collections.Counter)
    tags = collections.defaultdict(collections.Counter)
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or cols[2] in ("PUNCT", "NUM", "SYM") or not cols[0].strip():
                continue
            lemmas[cols[0]][cols[1]] += 1
            tags[cols[0]][cols[2]] += 1
    return {form: (lemmas[form].most_common(1)[0][0], tags[form].most_common(1)[0][0]) for form in lemmas}


def run_stemmer(binary, forms):
    out = subprocess.run([binary], input="\n".join(forms) + "\n", capture_output=True, text=True, check=True)
    rows = out.stdout.split("\n")[: len(forms)]
    return {form: tuple(row.split("\t")[1:3]) for form, row in zip(forms, rows)}


def pairs(counter):
    return sum(n * (n - 1) // 2 for n in counter.values())


def score(forms, stems):
    by_stem = collections.Counter(stems[f][1] for f in forms)
    by_lemma = collections.Counter(forms[f][0] for f in forms)
    by_both = collections.Counter((stems[f][1], forms[f][0]) for f in forms)
    tp = pairs(by_both)
    precision = tp / max(1, pairs(by_stem))
    recall = tp / max(1, pairs(by_lemma))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return precision, recall, f1


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stem", default=os.path.join(here, "..", "build", "stemmer", "kavosh-stem"))
    parser.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "dev-data", "lemmas", "fa_seraji.tsv"))
    parser.add_argument("--errors", type=int, default=0, help="print N sample false merges and misses per group")
    args = parser.parse_args()
    if not os.path.exists(args.data):
        print(f"skipped: {args.data} not present")
        return 0
    forms = read_forms(args.data)
    stems = run_stemmer(args.stem, list(forms))
    lemma_keys = run_stemmer(args.stem, sorted({lemma for lemma, _ in forms.values()}))
    forms = {f: (lemma_keys[lemma][0].replace("\u200c", ""), tag) for f, (lemma, tag) in forms.items()}
    for name, tags in GROUPS.items():
        group = {f: v for f, v in forms.items() if v[1] in tags}
        p, r, f1 = score(group, stems)
        print(f"{name}: forms={len(group)} precision={p:.3f} recall={r:.3f} F1={f1:.3f}")
        if args.errors:
            print_errors(group, stems, args.errors)
    propn = [f for f, v in forms.items() if v[1] == "PROPN"]
    unchanged = sum(stems[f][1] == stems[f][0] for f in propn)
    if propn:
        print(f"proper nouns unchanged: {unchanged}/{len(propn)} = {unchanged / len(propn):.3f}")
    else:
        print("proper nouns unchanged: n/a (the data tags no form PROPN)")
    return 0


def print_errors(group, stems, n):
    by_stem = collections.defaultdict(set)
    by_lemma = collections.defaultdict(set)
    for f, (lemma, _) in group.items():
        by_stem[stems[f][1]].add(f)
        by_lemma[lemma].add(f)
    merges = [(s, fs) for s, fs in by_stem.items() if len({group[f][0] for f in fs}) > 1]
    merges.sort(key=lambda x: -len(x[1]))
    for s, fs in merges[:n]:
        print("  false merge", s, ":", " ".join(f"{f}/{group[f][0]}" for f in sorted(fs)[:8]))
    misses = [(l, fs) for l, fs in by_lemma.items() if len({stems[f][1] for f in fs}) > 1]
    misses.sort(key=lambda x: -len(x[1]))
    for l, fs in misses[:n]:
        print("  miss", l, ":", " ".join(f"{f}->{stems[f][1]}" for f in sorted(fs)[:8]))


if __name__ == "__main__":
    sys.exit(main())
