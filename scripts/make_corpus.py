#!/usr/bin/env python3
"""Builds corpus/articles.jsonl from the clean drafts in corpus/src/part_*.jsonl.

The drafts are written in standard orthography; real news is not. This script adds the spelling
noise of real Persian news in realistic proportions, deterministically (seeded by article id):
half-spaces written as ZWNJ, space, nothing or NBSP; Arabic ي ك in about a fifth of the articles;
Persian, Arabic-Indic or ASCII digits; occasional diacritics, tatweel, bidi marks and stray ZWNJ;
dates as Jalali (slash or dash, any digits) or ISO.

Usage: scripts/make_corpus.py [corpus/src] > corpus/articles.jsonl
"""
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ZWNJ, NBSP, LRM, RLM = "\u200c", "\u00a0", "\u200e", "\u200f"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"


def jalali_to_gregorian(jy, jm, jd):
    """The arithmetic Solar Hijri calendar, valid for 1300–1500 (well inside its 2820-year cycle)."""
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = (gy % 4 == 0 and gy % 100 != 0) or gy % 400 == 0
    months = [0, 31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    gm = 1
    while gm <= 12 and gd > months[gm]:
        gd -= months[gm]
        gm += 1
    return gy, gm, gd


def rng_for(article_id):
    return random.Random(int(hashlib.sha256(article_id.encode()).hexdigest()[:16], 16))


def with_digits(text, digits):
    return re.sub(r"[0-9۰-۹٠-٩]", lambda m: digits[int(m.group().translate(str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)))], text)


def half_spaces(text, rng, style):
    def one(_):
        s = style if style != "mixed" else rng.choice(["zwnj", "space", "joined", "zwnj"])
        return {"zwnj": ZWNJ, "space": " ", "joined": "", "nbsp": NBSP}[s]
    return re.sub(ZWNJ, one, text)


def sprinkle(text, rng, mark_fn, share):
    words = text.split(" ")
    for i, w in enumerate(words):
        if len(w) > 3 and re.match(r"^[\u0600-\u06ff]+$", w) and rng.random() < share:
            words[i] = mark_fn(w, rng)
    return " ".join(words)


def add_diacritic(word, rng):
    i = rng.randrange(1, len(word))
    return word[:i] + rng.choice("\u064e\u064f\u0650") + word[i:]


def add_tatweel(word, rng):
    i = rng.randrange(1, len(word) - 1)
    if word[i - 1] in "ادذرزژو":  # a non-joining letter takes no tatweel after it
        return word
    return word[:i] + "\u0640" * rng.randint(1, 3) + word[i:]


def noisy_text(text, rng, profile):
    text = half_spaces(text, rng, profile["half_space"])
    if profile["arabic_letters"]:
        text = text.replace("ی", "ي").replace("ک", "ك")
    text = with_digits(text, profile["digits"])
    if profile["diacritics"]:
        text = sprinkle(text, rng, add_diacritic, 0.03)
    if profile["tatweel"]:
        text = sprinkle(text, rng, add_tatweel, 0.02)
    if profile["bidi"]:
        text = re.sub(r"([0-9۰-۹٠-٩][0-9۰-۹٠-٩/٫.,]*)", LRM + r"\1" + LRM, text)
        text = text.replace("\n", RLM + "\n")
    if profile["trailing_zwnj"]:
        text = sprinkle(text, rng, lambda w, r: w + ZWNJ, 0.02)
    return text


def profile_for(rng):
    return {
        "half_space": rng.choices(["zwnj", "space", "joined", "nbsp", "mixed"], [45, 20, 12, 8, 15])[0],
        "arabic_letters": rng.random() < 0.25,
        "digits": rng.choices(["0123456789", PERSIAN_DIGITS, ARABIC_DIGITS], [45, 45, 10])[0],
        "diacritics": rng.random() < 0.12,
        "tatweel": rng.random() < 0.06,
        "bidi": rng.random() < 0.1,
        "trailing_zwnj": rng.random() < 0.08,
    }


def noisy_date(jalali, rng):
    y, m, d = (int(x) for x in jalali.split("/"))
    style = rng.choices(["slash", "persian", "dash", "iso"], [35, 25, 15, 25])[0]
    if style == "iso":
        return "%04d-%02d-%02d" % jalali_to_gregorian(y, m, d)
    if style == "dash":
        return "%04d-%02d-%02d" % (y, m, d)
    text = "%04d/%02d/%02d" % (y, m, d)
    return with_digits(text, PERSIAN_DIGITS) if style == "persian" else text


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "corpus" / "src")
    for part in sorted(src.glob("part_*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            article = json.loads(line)
            rng = rng_for(article["id"])
            profile = profile_for(rng)
            article["title"] = noisy_text(article["title"], rng, profile)
            article["body"] = noisy_text(article["body"], rng, profile)
            article["date"] = noisy_date(article["date"], rng)
            print(json.dumps(article, ensure_ascii=False))


if __name__ == "__main__":
    main()
