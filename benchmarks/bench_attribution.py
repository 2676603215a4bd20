"""Benchmark: attribution extraction (+ speaker resolution) over a generated corpus, one core.

Target (issue #5): extraction plus speaker resolution at >= 5 MB/s on one core over a
generated 50 MB corpus, with the ratio to a plain regex tokenisation pass over the same
texts in the same run.

The corpus is generated in memory from hand-written templates (news-like paragraphs with
direct quotes, split quotes, indirect speech, "according to" and narrative sentences, about
4 KB per article, seeded; denser in attributions than most news: ~30 per article). The
script times, over the same documents, in one process and in this order:

1. baseline: ``units.WORD_RE.findall`` on each article (plain regex tokenisation);
2. extraction alone: ``extract_columns`` on each article (the rows path: column lists,
   no DataFrame);
3. extraction + speaker resolution: ``extract_columns`` + ``resolve_columns`` on each
   article (the per-article work of ``quote_table``);
4. ``quote_table`` on the whole corpus (3 plus one DataFrame for the corpus and the
   outlet/date merge);
5. the per-article DataFrame API, ``extract_attributions`` + ``resolve_speakers``, on a
   10% sample (what a caller pays for one DataFrame per article);

and prints MB/s, articles/s, the time ratio of each to the baseline and the peak RSS. The
speed of the shared stages (sentence splitting, quotation scan, cue matching) on a sample
follows, to show where the time goes; the rest is the pure-Python rules.

Real news is less dense in attributions than the generated corpus: when a folder of plain-text
articles is available (``--real``; by default the PolNeAR texts in ``../shared/eval``, never
copied into the repository), the baseline and extraction + resolution are also timed over
those texts, the same way.

The first line says which build runs: the compiled attribution modules (``setup.py``, when a
C compiler was present at install) or the pure-Python ones; ``FRAMELENS_PURE_PYTHON=1`` times
the pure-Python modules of a compiled install (``framelens._native``).

Usage::

    .venv/bin/python benchmarks/bench_attribution.py [--mb 50] [--seed 0] [--real DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from tqdm import tqdm

import framelens
from framelens.attribution.cues import load_cues
from framelens.attribution.extract import extract_attributions, extract_columns
from framelens.attribution.speakers import resolve_columns, resolve_speakers
from framelens.attribution.tables import quote_table
from framelens.corpus import units
from framelens.corpus.model import Corpus, Document
from framelens.corpus.units import WORD_RE, quote_spans, sentence_spans

NAMES = ["Anna Berg", "Tomas Ruiz", "Lina Ortiz", "Pavel Novak", "Grace Obi", "Mei Tanaka"]
TITLES = ["Foreign Minister", "Mayor", "Senator", "spokeswoman", "economist", "Governor"]
PLACES = ["the capital", "the northern province", "the port city", "the border region"]
TOPICS = ["the budget", "the new border rules", "the energy deal", "the vote", "the strike"]
CUES = ["said", "stated", "added", "noted", "claimed", "insisted", "denounced", "told reporters"]

NARRATIVE = [
    "Talks on {topic} resumed in {place} on Tuesday after a week of delays.",
    "Thousands gathered in {place} as the debate over {topic} continued.",
    "The government published {topic} late on Monday, a day later than planned.",
    "Analysts expect {topic} to dominate the session that opens next month.",
    "Prices in {place} rose by 4 percent in the last quarter, official figures show.",
    "The committee will meet again in {place} before the end of the month.",
]
ATTRIBUTED = [
    '"We will not accept {topic} in its current form," {title} {name} {cue}.',
    '"{Topic} is a mistake," {short} {cue}, "and we will say so in {place}."',
    "{Title} {name} {cue} that {topic} would be reviewed by independent experts.",
    "The plan for {place} will change, {short} {cue}, adding that costs had doubled.",
    "{Topic} will cost more than expected, according to a source close to the ministry.",
    '{short} {cue}: "Nobody in {place} was consulted about {topic}."',
    'The minister will "fight {topic} in every court," {pron} {cue}.',
    "According to {short}, {topic} was agreed months ago.",
]


def generate(mb: float, seed: int = 0) -> list[Document]:
    """About ``mb`` megabytes of synthetic news articles (~4 KB each), deterministic."""
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    docs: list[Document] = []
    total = 0
    while total < target:
        name = rng.choice(NAMES)
        short = name.split()[-1]
        paras: list[str] = []
        while sum(len(p) for p in paras) < 4000:
            sents: list[str] = []
            for _ in range(rng.randint(2, 4)):
                tpl = rng.choice(ATTRIBUTED if rng.random() < 0.45 else NARRATIVE)
                topic = rng.choice(TOPICS)
                title = rng.choice(TITLES)
                sents.append(
                    tpl.format(
                        topic=topic,
                        Topic=topic[0].upper() + topic[1:],
                        place=rng.choice(PLACES),
                        title=title,
                        Title=title[0].upper() + title[1:],
                        name=name,
                        short=short,
                        cue=rng.choice(CUES),
                        pron="she" if rng.random() < 0.5 else "he",
                    )
                )
            paras.append(" ".join(sents))
        text = "\n\n".join(paras)
        docs.append(Document(doc_id=f"g{len(docs):06d}", text=text, outlet=f"O{len(docs) % 5}"))
        total += len(text.encode("utf-8"))
    return docs


#: Plain-text news articles timed besides the generated corpus, when present (third-party
#: data beside the checkout, never copied into the repository).
REAL_DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear"


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timing(NamedTuple):
    """Wall time and CPU time of this process, in seconds."""

    wall: float
    cpu: float


def timed(label: str, docs: Sequence[Document], fn: Callable[[Document], object]) -> Timing:
    """Run ``fn`` over every document (tqdm bar); return the wall and CPU time.

    The CPU time (``time.process_time``) leaves out the time the process waited for the
    processor: on a shared machine it varies less from run to run than the wall time.
    """
    t0, c0 = time.perf_counter(), time.process_time()
    for d in tqdm(docs, desc=label, unit="doc", mininterval=1.0, file=sys.stderr):
        fn(d)
    return Timing(time.perf_counter() - t0, time.process_time() - c0)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--real",
        type=Path,
        default=REAL_DEFAULT,
        help="folder of real articles (*.txt, searched recursively) timed as well "
        "(default: the PolNeAR texts in ../shared/eval when present)",
    )
    args = ap.parse_args(argv)
    status = framelens.build_status()
    print(f"build: {'compiled' if status.compiled else 'pure Python'} ({status.reason})")

    docs = generate(args.mb, args.seed)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    print(f"generated corpus: {len(docs):,} articles, {mb:.1f} MB")
    load_cues()  # parse the lexicons and registries outside the timings
    resolve_columns(docs[0], extract_columns(docs[0]))

    def both(d: Document) -> object:
        return resolve_columns(d, extract_columns(d))

    def report(label: str, t: Timing, n_docs: int, size: float, base: Timing) -> None:
        print(
            f"{label:<34} {size / t.wall:7.2f} MB/s  {n_docs / t.wall:8.0f} articles/s  "
            f"time ratio to baseline {t.wall / base.wall:6.1f}x  "
            f"(CPU time: {size / t.cpu:.2f} MB/s, {t.cpu / base.cpu:.1f}x)"
        )

    base_dt = timed("baseline", docs, lambda d: WORD_RE.findall(d.text))
    report("baseline: regex tokenisation", base_dt, len(docs), mb, base_dt)
    for label, fn in (
        ("extraction (extract_columns)", extract_columns),
        ("extraction + resolution", both),
    ):
        report(label, timed(label, docs, fn), len(docs), mb, base_dt)

    corpus = Corpus(
        pd.DataFrame(
            {
                "doc_id": [d.doc_id for d in docs],
                "outlet": [d.outlet for d in docs],
                "text": [d.text for d in docs],
            }
        )
    )
    t0, c0 = time.perf_counter(), time.process_time()
    table = quote_table(corpus)
    dt = Timing(time.perf_counter() - t0, time.process_time() - c0)
    report(f"quote_table ({len(table):,} rows)", dt, len(docs), mb, base_dt)
    del table, corpus

    sample = docs[: max(1, len(docs) // 10)]
    smb = sum(len(d.text.encode("utf-8")) for d in sample) / 1e6

    def frames(d: Document) -> object:
        return resolve_speakers(d, extract_attributions(d))

    dt = timed("DataFrame API", sample, frames)
    share = smb / mb  # the baseline's time for the sample's share of the corpus
    report("DataFrame API, 10% sample", dt, len(sample), smb, Timing(*(x * share for x in base_dt)))

    # Where one extraction pass spends its time (a sample, same documents).
    lex = load_cues()
    cached = getattr(units, "_sentence_spans", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()  # time the splitting itself, not the per-text cache
    stages: list[tuple[str, Callable[[Document], object]]] = [
        ("  sentence_spans", lambda d: sentence_spans(d.text)),
        ("  quote_spans", lambda d: quote_spans(d.text)),
        ("  cue matching (Aho-Corasick)", lambda d: lex.find_all(d.text)),
    ]
    print(f"stages on a {smb:.1f} MB sample:")
    for label, stage in stages:
        dt = timed(label.strip(), sample, stage)
        print(f"{label:<34} {smb / dt.wall:7.2f} MB/s  (CPU time: {smb / dt.cpu:.2f} MB/s)")
    real = sorted(args.real.rglob("*.txt")) if args.real.is_dir() else []
    if real:
        rdocs = [Document(p.stem, p.read_text(encoding="utf-8")) for p in real]
        rmb = sum(len(d.text.encode("utf-8")) for d in rdocs) / 1e6
        print(f"real articles ({args.real}): {len(rdocs):,} articles, {rmb:.1f} MB")
        rbase = timed("real: baseline", rdocs, lambda d: WORD_RE.findall(d.text))
        report("real: regex tokenisation", rbase, len(rdocs), rmb, rbase)
        report("real: extraction + resolution", timed("real", rdocs, both), len(rdocs), rmb, rbase)
    else:
        print(f"real articles: none found under {args.real} (--real DIR to time some)")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
