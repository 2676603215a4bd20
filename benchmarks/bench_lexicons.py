"""Benchmark: default-lexicon matching speed on a generated ~50 MB corpus, one core.

Prints MB/s of (1) the framelens matcher (Aho–Corasick anchors + boundary/glob/stem checks +
exclusions + overlap rule), (2) a naive baseline: one case-insensitive regex alternation of
every entry (globs as ``\\w*``, stems as their anchor plus ``\\w*``) run over the same texts
in the same process, and their ratio; then (3) the full ``lexicon_matches`` extractor on a
sample, with quote-mark voice only (``paraphrase=False``) and with attributed paraphrase as
quoted voice (``paraphrase=True``, the default, which runs attribution extraction on every
article), and (4) peak RSS.

The text is synthetic: sentences drawn from a generated vocabulary with lexicon terms,
quotations and attribution cues mixed in at news-like rates (seeded, reproducible).

Times are CPU seconds of this process (``time.process_time``), so a busy machine does not
distort the single-core figures.

Run: ``.venv/bin/python benchmarks/bench_lexicons.py [--mb 50] [--full-mb 5]``
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import time

import pandas as pd
from tqdm.auto import tqdm

from framelens.corpus import Corpus
from framelens.lexicons import LexiconMatcher, default_lexicons, lexicon_matches
from framelens.lexicons.format import Lexicon

FUNCTION = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "was",
    "with",
    "he",
    "it",
    "as",
    "at",
    "by",
    "from",
    "his",
    "an",
    "were",
    "are",
    "which",
    "this",
    "be",
    "has",
    "had",
    "not",
    "but",
    "they",
    "their",
    "have",
    "who",
    "its",
    "after",
    "also",
    "been",
    "more",
    "said",
    "would",
    "will",
    "one",
    "two",
    "new",
    "over",
    "than",
    "first",
    "other",
    "into",
    "some",
    "could",
    "them",
    "when",
    "there",
    "about",
    "only",
    "year",
]


def make_vocabulary(rng: random.Random, n: int = 4000) -> list[str]:
    syll = [
        "ka",
        "ro",
        "mi",
        "ten",
        "sol",
        "ar",
        "ve",
        "lin",
        "do",
        "pre",
        "sta",
        "con",
        "mar",
        "gov",
        "ern",
        "min",
        "ist",
        "ory",
        "ual",
        "tion",
        "ment",
        "ber",
        "lus",
    ]
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))))
    return sorted(out)


def lexicon_surface(lexicons: list[Lexicon], rng: random.Random) -> list[str]:
    out = []
    for lx in lexicons:
        for cat in lx.categories.values():
            for e in cat.entries:
                words = []
                for w in e.words:
                    base = w.value if w.kind != "stem" else w.anchor
                    words.append(
                        base + (rng.choice(["", "s", "ed", "ing"]) if w.kind != "literal" else "")
                    )
                out.append(" ".join(words))
    return out


def make_corpus(mb: float, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    vocab = make_vocabulary(rng)
    loaded = lexicon_surface(default_lexicons(), rng)
    docs: list[str] = []
    size = 0
    target = int(mb * 1_000_000)
    while size < target:
        paras = []
        for _ in range(rng.randint(6, 12)):
            sents = []
            for _ in range(rng.randint(1, 4)):
                words = []
                for _ in range(rng.randint(8, 28)):
                    r = rng.random()
                    if r < 0.45:
                        words.append(rng.choice(FUNCTION))
                    elif r < 0.98:
                        words.append(rng.choice(vocab))
                    else:
                        words.append(rng.choice(loaded))
                s = " ".join(words)
                s = s[0].upper() + s[1:] + rng.choice([".", ".", ".", ",", "?"]).replace(",", ".")
                if rng.random() < 0.15:
                    s = f"“{s}” {rng.choice(vocab).title()} said."
                sents.append(s)
            paras.append(" ".join(sents))
        doc = "\n\n".join(paras)
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def naive_regex(lexicons: list[Lexicon]) -> re.Pattern[str]:
    alts = []
    for lx in lexicons:
        for cat in lx.categories.values():
            for e in cat.entries:
                parts = []
                for w in e.words:
                    if w.kind == "literal":
                        parts.append(re.escape(w.value))
                    else:
                        parts.append(re.escape(w.anchor) + r"\w*")
                alts.append(r"\s+".join(parts))
    alts.sort(key=len, reverse=True)  # longest first, like the overlap rule
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.IGNORECASE)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size to generate (MB)")
    ap.add_argument("--full-mb", type=float, default=5.0, help="sample for lexicon_matches")
    args = ap.parse_args()

    t0 = time.process_time()
    docs = make_corpus(args.mb)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"generated {len(docs):,} articles, {mb:.1f} MB in {time.process_time() - t0:.1f} s")

    lexicons = default_lexicons()
    t0 = time.process_time()
    matcher = LexiconMatcher(lexicons)
    n_entries = sum(len(c.entries) for lx in lexicons for c in lx.categories.values())
    print(f"compiled {n_entries} entries in {1000 * (time.process_time() - t0):.1f} ms")

    t0 = time.process_time()
    n_ours = sum(len(matcher.find(d)) for d in tqdm(docs, desc="framelens matcher"))
    t_ours = time.process_time() - t0

    rx = naive_regex(lexicons)
    t0 = time.process_time()
    n_base = sum(sum(1 for _ in rx.finditer(d)) for d in tqdm(docs, desc="naive regex"))
    t_base = time.process_time() - t0

    print(
        f"framelens matcher : {mb / t_ours:7.1f} MB/s  {len(docs) / t_ours:9.0f} articles/s"
        f"  ({n_ours:,} matches)"
    )
    print(
        f"naive regex       : {mb / t_base:7.1f} MB/s  {len(docs) / t_base:9.0f} articles/s"
        f"  ({n_base:,} matches)"
    )
    print(f"speed-up over the naive regex: {t_base / t_ours:.1f}x")

    sample: list[str] = []
    size = 0
    for d in docs:
        if size >= args.full_mb * 1e6:
            break
        sample.append(d)
        size += len(d.encode("utf-8"))
    corpus = Corpus(
        pd.DataFrame(
            {
                "doc_id": [f"d{i}" for i in range(len(sample))],
                "outlet": ["X"] * len(sample),
                "text": sample,
            }
        )
    )
    for paraphrase, label in (
        (False, "sentence ids + quote-mark voice"),
        (True, "sentence ids + quote marks + attributed paraphrase voice, the default"),
    ):
        t0 = time.process_time()
        full = lexicon_matches(corpus, matcher, paraphrase=paraphrase, progress=True)
        t_full = time.process_time() - t0
        ratio = (t_full / size) / (t_ours / (mb * 1e6))
        print(
            f"lexicon_matches, paraphrase={paraphrase} ({label}) on {size / 1e6:.1f} MB: "
            f"{size / 1e6 / t_full:.2f} MB/s, {len(sample) / t_full:.0f} articles/s, "
            f"{len(full):,} rows, time per MB {ratio:.1f}x the matcher's"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
