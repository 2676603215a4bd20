"""BABE (Spinde et al. 2021, SG2): default-lexicon hits against expert-marked biased words.

A word is *predicted* when a default-lexicon match covers it; it is *gold* when the BABE
annotators listed it among the sentence's biased words. Precision and recall are micro-
averaged over distinct lower-cased words per sentence. BABE is US partisan news while the
defaults target conflict framing, so recall is low by design; the floors guard against
regressions (set after measuring, see docs/lexicons.md). No BABE text is stored here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from framelens.corpus import Corpus
from framelens.corpus.units import WORD_RE
from framelens.lexicons import lexicon_matches

pytestmark = pytest.mark.eval

# measured 2026-11-29 with the 1.0.0 defaults: see docs/lexicons.md
FLOORS = {
    ("conflict_framing", "delegitimizing_labels"): (0.40, 0.012),
    ("reporting_predicates", "assertive_verbs"): (0.24, 0.030),
    ("all", "all"): (0.13, 0.065),
}


def _words(s: str) -> set[str]:
    return {w.lower().replace("’", "'") for w in WORD_RE.findall(s)}


@pytest.fixture(scope="module")
def babe(eval_dir: Path) -> tuple[pd.DataFrame, dict[str, set[str]]]:
    df = pd.read_csv(eval_dir / "babe" / "final_labels_SG2.csv", sep=";", encoding="utf-8-sig")
    assert len(df) == 3674
    ids = [f"s{i}" for i in range(len(df))]
    gold = {
        i: {w.lower().replace("’", "'") for w in ast.literal_eval(b)}
        for i, b in zip(ids, df["biased_words"], strict=True)
    }
    corpus = Corpus(pd.DataFrame({"doc_id": ids, "outlet": df["outlet"], "text": df["text"]}))
    return lexicon_matches(corpus, paraphrase=False, progress=False), gold


def _score(m: pd.DataFrame, gold: dict[str, set[str]]) -> tuple[float, float, int, int]:
    tp = n_pred = 0
    for doc_id, g in m.groupby("doc_id"):
        pred = set().union(*(_words(t) for t in g["matched_text"]))
        n_pred += len(pred)
        tp += len(pred & gold[str(doc_id)])
    n_gold = sum(len(v) for v in gold.values())
    return tp / max(n_pred, 1), tp / n_gold, tp, n_pred


def test_babe_precision_recall(babe: tuple[pd.DataFrame, dict[str, set[str]]]) -> None:
    m, gold = babe
    assert (
        sum(len(v) for v in gold.values()) == 3899
    )  # distinct marks per sentence (README: 3,902 marks)
    rows = []
    for (lex, cat), g in m.groupby(["lexicon", "category"]):
        rows.append((lex, cat, *_score(g, gold)))
    rows.append(("all", "all", *_score(m, gold)))
    print("\nBABE SG2 word-level scores of the default lexicons")
    print(f"{'lexicon':22} {'category':22} {'P':>6} {'R':>7} {'tp':>5} {'pred':>5}")
    for lex, cat, p, r, tp, n in rows:
        print(f"{lex:22} {cat:22} {p:6.3f} {r:7.4f} {tp:5d} {n:5d}")
    got = {(lex, cat): (p, r) for lex, cat, p, r, _, _ in rows}
    for key, (p_floor, r_floor) in FLOORS.items():
        p, r = got[key]
        assert p >= p_floor, f"{key}: precision {p:.3f} < floor {p_floor}"
        assert r >= r_floor, f"{key}: recall {r:.4f} < floor {r_floor}"
