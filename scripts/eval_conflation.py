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

HAMZA_SEATS = str.maketrans({"أ": "ئ", "ؤ": "ئ", "إ": "ئ"})
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
    parser.add_argument("--worst", type=int, default=0,
                        help="print the N misses and false merges that cost the most pairs, per group")
    parser.add_argument("--causes", action="store_true",
                        help="count missed forms by cause: what the form adds to its lemma (a rough first sort)")
    parser.add_argument("--fold-hamza", action="store_true",
                        help="compare lemmas with a hamza on any seat as one (the treebank lemmatizes مسأله and "
                             "مسئله apart; normalization folds each seat to its own letter)")
    args = parser.parse_args()
    if not os.path.exists(args.data):
        print(f"skipped: {args.data} not present")
        return 0
    forms = read_forms(args.data)
    stems = run_stemmer(args.stem, list(forms))
    if args.fold_hamza:
        forms = {f: (lemma.translate(HAMZA_SEATS), tag) for f, (lemma, tag) in forms.items()}
    lemma_keys = run_stemmer(args.stem, sorted({lemma for lemma, _ in forms.values()}))
    forms = {f: (lemma_keys[lemma][0].replace("\u200c", ""), tag) for f, (lemma, tag) in forms.items()}
    for name, tags in GROUPS.items():
        group = {f: v for f, v in forms.items() if v[1] in tags}
        p, r, f1 = score(group, stems)
        print(f"{name}: forms={len(group)} precision={p:.3f} recall={r:.3f} F1={f1:.3f}")
        if args.errors:
            print_errors(group, stems, args.errors)
        if args.worst:
            print_costliest(group, stems, args.worst)
        if args.causes:
            print_miss_causes(group, stems)
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


def print_costliest(group, stems, n):
    """Misses ranked by the same-lemma pairs they lose, false merges by the wrong pairs they add:
    the groups to classify by cause first. Each form is shown as form->stem (misses) or form/lemma."""
    by_lemma = collections.defaultdict(list)
    by_stem = collections.defaultdict(list)
    for f, (lemma, _) in group.items():
        by_lemma[lemma].append(f)
        by_stem[stems[f][1]].append(f)
    def lost(forms, key):  # pairs within `forms` that `key` splits apart
        return len(forms) * (len(forms) - 1) // 2 - pairs(collections.Counter(key(f) for f in forms))
    misses = sorted(((lost(fs, lambda f: stems[f][1]), l, fs) for l, fs in by_lemma.items()), reverse=True)
    merges = sorted(((lost(fs, lambda f: group[f][0]), s, fs) for s, fs in by_stem.items()), reverse=True)
    for cost, l, fs in misses[:n]:
        if cost:
            print(f"  miss -{cost}", l, ":", " ".join(f"{f}->{stems[f][1]}" for f in sorted(fs)))
    for cost, s, fs in merges[:n]:
        if cost:
            print(f"  merge +{cost}", s, ":", " ".join(f"{f}/{group[f][0]}" for f in sorted(fs)))


# What a form adds to its lemma, by cause; the first matching tail names the cause.
MISS_CAUSES = [
    ("bare ی (ezafe, indefinite or derivational)", ("ی",)),
    ("یی/ای after the base", ("یی", "ای")),
    ("comparative تر/ترین", ("تر", "تری", "ترین")),
    ("plural ات (+ی)", ("ات", "اتی", "جات")),
    ("plural ان/ین/گان (+ی)", ("ان", "انی", "ین", "ینی", "یان", "گان", "گانی")),
    ("plural ها (+ی, clitic)", ("ها", "های", "هایی")),
    ("clitic", ("م", "ت", "ش", "ام", "ات", "اش", "مان", "تان", "شان")),
]


def miss_cause(form, lemma):
    if form.startswith(lemma) or (lemma.endswith("ه") and form.startswith(lemma[:-1])):
        tail = form[len(lemma):] if form.startswith(lemma) else form[len(lemma) - 1:]
        for cause, tails in MISS_CAUSES:
            if tail in tails:
                return cause
        return "other suffix" if tail else "same letters, another stem"
    strip = str.maketrans("", "", "اییء")
    if form.translate(strip) == lemma.translate(strip):
        return "hamza or ی/ا spelling of the lemma"
    return "stem change (broken plural, suppletive, other)"


def print_miss_causes(group, stems):
    """Forms not given the stem most of their lemma's forms get, counted by cause, with examples."""
    by_lemma = collections.defaultdict(list)
    for f, (lemma, _) in group.items():
        by_lemma[lemma].append(f)
    counts, examples = collections.Counter(), collections.defaultdict(list)
    for lemma, fs in by_lemma.items():
        usual = collections.Counter(stems[f][1] for f in fs).most_common(1)[0][0]
        for f in fs:
            if stems[f][1] != usual:
                cause = miss_cause(stems[f][0].replace("\u200c", ""), lemma)
                counts[cause] += 1
                examples[cause].append(f"{f}->{stems[f][1]}")
    for cause, n in counts.most_common():
        print(f"  {n:4d} missed forms: {cause}: {' '.join(examples[cause][:8])}")


if __name__ == "__main__":
    sys.exit(main())
