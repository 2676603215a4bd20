"""Benchmark: keyness for 10 outlets over a generated 100,000-article corpus on 2 cores.

Target (issue #6): under 60 s and under 3 GB peak RSS for the whole
``keyness_table(corpus, by="outlet", measure="log_odds_dirichlet")`` call (unigrams and
bigrams, English stop words, every outlet against the rest).

The corpus is generated in memory (Zipf-distributed vocabulary of 20,000 words plus stop
words, sentence breaks, and 30 outlet-specific "house terms" per outlet) and wrapped with
``Corpus(DataFrame)``. Before the main run, a baseline in the same process compares
``keyness_table`` with scikit-learn's ``CountVectorizer`` (same token pattern, n-grams and
stop words) plus a sparse group sum on a subset, and prints the speed ratio.

Usage::

    .venv/bin/python benchmarks/bench_keyness.py [--articles 100000] [--words 250] [--jobs 2]
        [--voice all|narrator]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from framelens.corpus.model import Corpus
from framelens.corpus.units import WORD_RE
from framelens.keyness import keyness_table


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident set size (MB) of this process and of its finished child processes."""
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def generate(n_articles: int, words: int, n_outlets: int = 10, seed: int = 0) -> pd.DataFrame:
    """A synthetic multi-outlet corpus with a Zipfian vocabulary and outlet house terms."""
    rng = np.random.default_rng(seed)
    stop = np.array(sorted(ENGLISH_STOP_WORDS)[:120])
    content = np.array([f"w{i:05d}" for i in range(20_000)])
    house = np.array([[f"house{o}x{k}" for k in range(30)] for o in range(n_outlets)])
    vocab = np.concatenate([stop, content, np.array(["."])])
    ranks = np.arange(1, len(vocab) + 1, dtype=float)
    p = 1.0 / ranks**1.05
    p[-1] = 0.0
    p /= p.sum()
    p = 0.93 * p
    p[-1] = 0.07  # about one sentence break in 14 tokens
    outlets = rng.integers(0, n_outlets, size=n_articles)
    idx = rng.choice(len(vocab), size=(n_articles, words), p=p)
    # ~2 % of tokens are the outlet's own house terms
    mask = rng.random((n_articles, words)) < 0.02
    house_pick = rng.integers(0, 30, size=(n_articles, words))
    texts = []
    for i in range(n_articles):
        toks = vocab[idx[i]].astype(object)
        m = mask[i]
        toks[m] = house[outlets[i], house_pick[i][m]]
        texts.append(" ".join(toks))
    return pd.DataFrame(
        {
            "doc_id": [f"a{i:06d}" for i in range(n_articles)],
            "outlet": [f"outlet_{o:02d}" for o in outlets],
            "text": texts,
        }
    )


def baseline(frame: pd.DataFrame) -> float:
    """scikit-learn CountVectorizer doc-term matrix + sparse group sum; returns seconds."""
    t0 = time.perf_counter()
    vec = CountVectorizer(
        token_pattern=WORD_RE.pattern, ngram_range=(1, 2), stop_words="english", lowercase=True
    )
    x = vec.fit_transform(frame["text"])
    codes, _ = pd.factorize(frame["outlet"], sort=True)
    g = sp.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
    _ = g @ x
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--words", type=int, default=250)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--baseline-articles", type=int, default=10_000)
    ap.add_argument("--voice", choices=["all", "narrator"], default="all")
    args = ap.parse_args()

    t0 = time.perf_counter()
    frame = generate(args.articles, args.words)
    corpus = Corpus(frame)
    t_gen = time.perf_counter() - t0
    mb = frame["text"].str.len().sum() / 1e6
    print(
        f"generated {len(corpus):,} articles, {frame['outlet'].nunique()} outlets, "
        f"{mb:,.1f} MB of text in {t_gen:.1f} s (not timed below)"
    )

    sub = Corpus(frame.iloc[: args.baseline_articles])
    t1 = time.perf_counter()
    keyness_table(sub, progress=False)
    t_ours = time.perf_counter() - t1
    t_base = baseline(frame.iloc[: args.baseline_articles])
    print(
        f"baseline on {len(sub):,} articles, 1 core: keyness_table {t_ours:.2f} s vs "
        f"CountVectorizer+group sum {t_base:.2f} s (ratio {t_base / t_ours:.2f}x)"
    )

    t2 = time.perf_counter()
    table = keyness_table(corpus, n_jobs=args.jobs, voice=args.voice, progress=True)
    elapsed = time.perf_counter() - t2
    rss_self, rss_child = peak_rss_mb()
    print(
        f"keyness_table (voice={args.voice}): {len(corpus):,} articles, {args.jobs} processes: "
        f"{elapsed:.1f} s, "
        f"{len(corpus) / elapsed:,.0f} articles/s, {mb / elapsed:.1f} MB/s, "
        f"{len(table):,} rows"
    )
    print(f"peak RSS: parent {rss_self:,.0f} MB, largest worker {rss_child:,.0f} MB")
    top = table[table["group"] == "outlet_00"].head(5)["term"].tolist()
    print(f"outlet_00 top terms: {top}")
    ok = elapsed < 60 and max(rss_self, rss_child) < 3 * 1024
    scope = (
        ""
        if (len(corpus) >= 100_000 and args.voice == "all")
        else " [target is for 100,000 articles, voice=all]"
    )
    print(f"target (< 60 s, < 3 GB): {'met' if ok else 'NOT met'}{scope}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
