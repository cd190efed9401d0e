#!/usr/bin/env python3
"""Derives stemmer/data/lexicon.tsv from Debian's myspell-fa full-form word list.

A lexicon entry is a base word together with the suffix classes the word list attests for it.
Only words that take a suffix are kept, and among them only bases: a word that is another base
plus a suffix that base takes, and that itself only takes what may follow that suffix, is an
inflected form (`کتابها` = `کتاب`+`ها`, then only `ی`/clitics follow). A word with a paradigm of
its own stays a base even when it looks inflected (`حرم` takes `ها`, so it is not `حر`+`م`).

Flags: h plural ها · t plural ات · c comparative (both تر and ترین) · y suffix ی/یی/ای · k clitic م/ت/ش
Usage: scripts/build_lexicon.py [/usr/share/hunspell/fa_IR.dic] > stemmer/data/lexicon.tsv
"""
import re
import sys

LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه",
                         "أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "\u200c": None})


def normalize(word):
    """The letter rules of PersianNormalizer (stemmer/src/normalizer.cpp) that occur in the word list."""
    word = word.translate(LETTERS)
    word = "".join(c for c in word if not ("\u064b" <= c <= "\u065f" or c in "\u0670\u0640"))
    return re.sub("(?<=[اوی])ء", "", word)


def flags_of(base, words):
    vowel_final = base[-1] in "اوی"
    heh_final = base[-1] == "ه"
    flags = ""
    if base + "ها" in words or base + "های" in words:
        flags += "h"
    if base + "ات" in words or (heh_final and base[:-1] + "ات" in words):
        flags += "t"
    # An adjective is attested with both degrees; a word list that has X+تر alone mostly holds a word
    # of its own ending in تر (`دفتر`, `دختر`, `بستر` are no comparatives of دف, دخ, بس).
    if base + "تر" in words and base + "ترین" in words:
        flags += "c"
    if base + "ی" in words or (vowel_final and base + "یی" in words) or (heh_final and base + "ای" in words):
        flags += "y"
    clitics = ("اش", "ام") if heh_final else (("یش", "یم") if vowel_final else ("ش", "م"))
    if any(base + c in words for c in clitics):
        flags += "k"
    return flags


# suffix, what it replaced at the end of the base, class the base needs, classes a form may still take.
# A comparative used as a noun takes ها (`بزرگترها` the elders), so that does not make it a base of its own.
DERIVATIONS = [
    ("ها", "", "h", "yk"), ("های", "", "h", "yk"), ("ان", "", "h", "yk"), ("یان", "", "h", "yk"),
    ("ین", "", "h", "yk"),
    ("گان", "ه", "", "yk"), ("ات", "", "t", "yk"), ("ات", "ه", "t", "yk"), ("ات", "ت", "", "yk"),
    ("جات", "", "", "yk"), ("جات", "ه", "", "yk"),
    ("ترین", "", "c", "hyk"), ("تر", "", "c", "hyk"), ("ی", "", "y", "k"), ("یی", "", "y", "k"), ("ای", "", "y", "k"),
    ("م", "", "k", ""), ("ت", "", "k", ""), ("ش", "", "k", ""), ("مان", "", "k", ""), ("تان", "", "k", ""),
    ("شان", "", "k", ""), ("اش", "", "k", ""), ("ام", "", "k", ""),
]


def arabic_participle_shape(base):
    """Arabic plural ین goes on participles: مُ- forms (متخصص, مسئول) and فاعل (حاضر, ساکن)."""
    if len(base) < 4 or base[-1] in "اوی":
        return False
    return base[0] == "م" or (len(base) == 4 and base[1] == "ا")


def is_inflected(word, flags, lexicon):
    for suffix, replaced, needs, may_follow in DERIVATIONS:
        if not word.endswith(suffix):
            continue
        base = word[: -len(suffix)] + replaced
        if suffix == "ین" and not arabic_participle_shape(base):
            continue
        if suffix == "ی" and base[-1] in "او":
            # Ezafe after a vowel (اجرای = اجرا + ی): what follows it, یی and یش, is the base's own
            # indefinite and clitic (اجرایی, اجرایش), so they do not make it a word of its own.
            may_follow = "yk"
        if len(base) >= 2 and base in lexicon and needs in lexicon[base] and set(flags) <= set(may_follow):
            return True
    return False


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hunspell/fa_IR.dic"
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")[1:]
    words = {normalize(w.split("/")[0].strip()) for w in lines if w.strip()}
    lexicon = {w: f for w in words if len(w) >= 2 for f in [flags_of(w, words)] if f}
    print("# Derived by scripts/build_lexicon.py from Debian myspell-fa (fa_IR.dic, GPL-2). word<TAB>flags")
    for word in sorted(lexicon):
        if not is_inflected(word, lexicon[word], lexicon):
            print(f"{word}\t{lexicon[word]}")


if __name__ == "__main__":
    main()
