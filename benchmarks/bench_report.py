"""Benchmark: `framelens report` on the bundled demo corpus, wall time against a 60 s target.

Target (issue #7): the full report (six notebooks, HTML export, figures, tables, article
pages, index) on ``corpus/demo`` in under 60 s of wall time on the 2-core machine.

The script times, in this process and in this order:

1. baseline: the analysis steps the notebooks run, called directly as library functions
   (load, lexicon matches and rates, attributions and share of voice, keyness, naming) —
   what the report costs without notebooks, kernels, charts and HTML;
2. ``run_report(corpus, <temporary folder>)``: the real report, as ``make report`` runs it.

It prints wall seconds, articles/s, the ratio report/baseline, the slowest cells, and peak
RSS of this process and of the kernel (children). ``--strict`` exits 1 when the report takes
longer than the target.

Usage::

    .venv/bin/python benchmarks/bench_report.py [--corpus corpus/demo] [--strict]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0


def baseline(corpus: str) -> tuple[float, int]:
    """Seconds for the notebooks' main library calls run directly; number of articles."""
    from framelens.attribution.tables import quote_table, share_of_voice, verb_class_rates
    from framelens.corpus import load_corpus
    from framelens.keyness import keyness_table
    from framelens.lexicons import lexicon_matches, lexicon_rates
    from framelens.naming import naming_table

    t0 = time.perf_counter()
    articles = load_corpus(corpus)
    matches = lexicon_matches(articles)
    lexicon_rates(matches, articles)
    quotes = quote_table(articles)
    share_of_voice(quotes, articles)
    verb_class_rates(quotes, articles)
    keyness_table(articles)
    naming_table(articles)
    return time.perf_counter() - t0, len(articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpus/demo")
    parser.add_argument("--strict", action="store_true", help="exit 1 above the target")
    args = parser.parse_args()

    from framelens.report import run_report

    base_s, n_articles = baseline(args.corpus)
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        t0 = time.perf_counter()
        result = run_report(args.corpus, Path(tmp) / "reports", progress=False)
        wall = time.perf_counter() - t0
        n_files = sum(len(v) for v in result.files.values())

    per_nb: dict[str, float] = {}
    for nb, _, sec in result.timings:
        per_nb[nb] = per_nb.get(nb, 0.0) + sec
    in_cells = sum(per_nb.values())
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"corpus: {args.corpus} ({n_articles} articles)")
    print(f"baseline (library calls only): {base_s:6.2f} s  {n_articles / base_s:7.1f} articles/s")
    print(f"report (run_report):           {wall:6.2f} s  {n_articles / wall:7.1f} articles/s")
    print(f"ratio report / baseline:       {wall / base_s:6.2f}x")
    print(
        f"files written: {n_files}; time inside cells {in_cells:.2f} s, "
        f"outside (kernel start, HTML export, index) {wall - in_cells:.2f} s"
    )
    for nb, sec in sorted(per_nb.items()):
        print(f"  {nb:<26} {sec:6.2f} s in cells")
    slow = sorted(result.timings, key=lambda t: -t[2])[:5]
    print("slowest cells: " + "; ".join(f"{nb} cell {c}: {s:.2f} s" for nb, c, s in slow))
    print(f"peak RSS: this process {self_mb:.0f} MB, kernel (children) {kids_mb:.0f} MB")
    ok = wall < TARGET_SECONDS
    print(f"target < {TARGET_SECONDS:.0f} s wall: {'met' if ok else 'NOT met'}")
    return 1 if (args.strict and not ok) else 0


if __name__ == "__main__":
    sys.exit(main())
