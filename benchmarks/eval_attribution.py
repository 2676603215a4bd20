"""Attribution quality against human gold: PolNeAR train + dev and the demo corpus gold key.

Prints, for each gold set, precision / recall / F1 at token overlap 0.3 and 0.8 (all and
speech-only attributions), speaker accuracy, speaker-name accuracy and cue accuracy
(definitions in :mod:`framelens.evaluate`), the extraction + resolution throughput, and the
most frequent missed cues. The figures in docs/evaluation.md come from this script.

PolNeAR lives in ``../shared/eval/polnear`` (third-party data, never copied into the
repository); the demo gold in ``corpus/demo/gold``. Usage::

    .venv/bin/python benchmarks/eval_attribution.py [--shared ../shared] [--skip-train] \
        [--continuations merge|separate]
"""

from __future__ import annotations

import argparse
import time
from functools import partial
from pathlib import Path
from typing import Literal

import pandas as pd

from framelens.attribution.actors import load_actors
from framelens.attribution.extract import extract_attributions
from framelens.attribution.speakers import resolve_speakers
from framelens.attribution.tables import quote_table
from framelens.corpus import load_corpus
from framelens.corpus.model import Document
from framelens.evaluate import (
    cue_lemma,
    format_scores,
    match_attributions,
    read_gold_jsonl,
    read_polnear,
    score_table,
)
from framelens.pipeline import map_documents

REPO = Path(__file__).resolve().parents[1]
Continuations = Literal["merge", "separate"]


def extract_and_resolve(doc: Document, continuations: Continuations = "merge") -> pd.DataFrame:
    """The per-document work of ``quote_table`` (extraction, then speaker resolution)."""
    return resolve_speakers(doc, extract_attributions(doc, continuations=continuations))


def error_classes(pred: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str]) -> str:
    """Most frequent cues of missed speech gold and counts of the main error classes."""
    m = match_attributions(pred, gold, texts, overlap=0.3)
    g = m[m["gold_index"] >= 0]
    speech = g[g["gold_speech"].fillna(False).astype(bool)]
    missed = speech[speech["pred_index"] < 0]
    spurious = m[(m["gold_index"] < 0) & m["pred_speech"].fillna(False).astype(bool)]
    matched = g[g["pred_index"] >= 0]
    lines = [
        f"  missed speech gold: {len(missed)} of {len(speech)}; "
        f"unmatched speech predictions: {len(spurious)}; "
        f"wrong speaker on matched: {int((matched['speaker_ok'] == False).sum())}; "  # noqa: E712
        f"wrong cue on matched: {int((matched['cue_ok'] == False).sum())}",  # noqa: E712
        "  missed speech gold by cue lemma: "
        + ", ".join(
            f"{k or '(none)'} {v}"
            for k, v in missed["gold_cue"].map(cue_lemma).value_counts().head(12).items()
        ),
    ]
    return "\n".join(lines)


def run_polnear(split_dir: Path, continuations: Continuations) -> None:
    gs = read_polnear(split_dir)
    docs = gs.documents()
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    t0 = time.perf_counter()
    fn = partial(extract_and_resolve, continuations=continuations)
    pred = map_documents(fn, docs, progress=True, desc=split_dir.name)
    dt = time.perf_counter() - t0
    a = gs.gold.attrs["framelens"]
    print(
        f"\n## PolNeAR {split_dir.name}: {a['n_docs']} articles, {len(gs.gold)} gold "
        f"attributions, {a['n_span_mismatches']}/{a['n_spans']} gold spans mismatch the text, "
        f"{a['n_relations_without_content']} relations without content skipped"
    )
    print(f"extraction + resolution: {mb:.2f} MB in {dt:.1f} s = {mb / dt:.2f} MB/s")
    print(format_scores(score_table(pred, gs.gold, gs.texts)))
    print(error_classes(pred, gs.gold, gs.texts))


def run_demo(demo_dir: Path, continuations: Continuations) -> None:
    gold_path = demo_dir / "gold" / "quotes.jsonl"
    if not gold_path.is_file():
        print(f"\n## demo gold: missing ({gold_path})")
        return
    corpus = load_corpus(demo_dir)
    texts = {d.doc_id: d.text for d in corpus}
    gold = read_gold_jsonl(gold_path, texts=texts)
    registry = load_actors(demo_dir / "gold" / "actors.yaml")
    for label, actors in (("with the demo actor registry", registry), ("no registry", None)):
        pred = quote_table(corpus, actors=actors, continuations=continuations)
        print(f"\n## demo gold ({label}): {len(corpus)} articles, {len(gold)} gold attributions")
        print(format_scores(score_table(pred, gold, texts)))
        print(error_classes(pred, gold, texts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--skip-train", action="store_true", help="PolNeAR dev only (faster)")
    ap.add_argument(
        "--continuations",
        choices=("merge", "separate"),
        default="merge",
        help="one row per speech event (default) or per sentence of a continued quote",
    )
    args = ap.parse_args()
    print(f"continuations={args.continuations}")
    polnear = args.shared / "eval" / "polnear"
    if polnear.is_dir():
        for split in ("dev",) if args.skip_train else ("train", "dev"):
            run_polnear(polnear / split, args.continuations)
    else:
        print(f"PolNeAR not found at {polnear}: skipped")
    run_demo(REPO / "corpus" / "demo", args.continuations)


if __name__ == "__main__":
    main()
