"""Auto-written findings from hand-made tables, including the cases that must stay silent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framelens.report.findings import (
    KEYNESS_TABLE,
    LEXICON_TOTAL_TABLE,
    PAIRWISE_TABLE,
    SHARE_OF_VOICE_TABLE,
    VOICE_TABLE,
    findings,
    keyness_finding,
    loaded_terms_finding,
    pairwise_finding,
    share_of_voice_finding,
    voice_finding,
)


def _write(tmp: Path, name: str, rows: list[dict[str, object]]) -> None:
    pd.DataFrame(rows).to_csv(tmp / name, index=False)


def _share(outlet: str, role: str, est: float, lo: float, hi: float, n: int = 10) -> dict:
    return {
        "outlet": outlet,
        "role": role,
        "n_docs": n,
        "estimate": est,
        "ci_low": lo,
        "ci_high": hi,
    }


def test_share_of_voice_sentence(tmp_path: Path) -> None:
    _write(
        tmp_path,
        SHARE_OF_VOICE_TABLE,
        [
            _share("Outlet B", "official", 0.31, 0.22, 0.41),
            _share("Outlet A", "official", 0.92, 0.85, 0.97),
            _share("Outlet A", "expert", 0.08, 0.03, 0.15),
            _share("Outlet C", "official", 0.5, 0.1, 0.9, n=2),  # too few articles: left out
        ],
    )
    assert share_of_voice_finding(tmp_path) == (
        "Outlet A quotes officials in 92% [85–97] of its attributions; Outlet B in 31% [22–41]."
    )
    assert share_of_voice_finding(tmp_path, role="expert") == (
        "Outlet A quotes experts in 8% [3–15] of its attributions."
    )
    assert share_of_voice_finding(tmp_path, role="citizen") is None


def test_loaded_terms_overlap_wording(tmp_path: Path) -> None:
    rows = [
        {"outlet": "A", "n_docs": 5, "estimate": 8.46, "ci_low": 5.7, "ci_high": 11.1},
        {"outlet": "B", "n_docs": 5, "estimate": 2.1, "ci_low": 0.5, "ci_high": 4.3},
    ]
    _write(tmp_path, LEXICON_TOTAL_TABLE, rows)
    assert loaded_terms_finding(tmp_path) == (
        "Loaded terms are most frequent in A at 8.5 [5.7–11.1] per 1,000 words and least in "
        "B at 2.1 [0.5–4.3] (the intervals do not overlap)."
    )
    rows[1]["ci_high"] = 6.0
    _write(tmp_path, LEXICON_TOTAL_TABLE, rows)
    assert loaded_terms_finding(tmp_path).endswith("(the intervals overlap).")


def test_voice_pairwise_keyness(tmp_path: Path) -> None:
    _write(
        tmp_path,
        VOICE_TABLE,
        [
            {"outlet": "A", "voice": "narrator", "n_docs": 4, "estimate": 3.0},
            {"outlet": "A", "voice": "quoted", "n_docs": 4, "estimate": 1.0},
            {"outlet": "B", "voice": "narrator", "n_docs": 4, "estimate": 0.5},
            {"outlet": "B", "voice": "quoted", "n_docs": 4, "estimate": 2.0},
        ],
    )
    assert voice_finding(tmp_path) == (
        "In 1 of 2 outlets the narrator's own words carry more loaded terms per 1,000 words "
        "than quoted speech: A."
    )
    _write(
        tmp_path,
        PAIRWISE_TABLE,
        [
            {"group_a": "A", "group_b": "B", "p": 0.01, "q": 0.03},
            {"group_a": "A", "group_b": "C", "p": 0.2, "q": 0.3},
        ],
    )
    assert pairwise_finding(tmp_path).startswith("1 of 2 outlet-pair comparisons")
    _write(
        tmp_path,
        KEYNESS_TABLE,
        [
            {"group": "B", "term": "regime", "stat": 5.0},
            {"group": "A", "term": "stability", "stat": 4.0},
            {"group": "A", "term": "order", "stat": 6.0},
        ],
    )
    assert keyness_finding(tmp_path, k=2) == (
        "Most distinctive words — A: “order”, “stability”; B: “regime”."
    )


def test_no_tables_no_findings(tmp_path: Path) -> None:
    assert findings(tmp_path) == []
    (tmp_path / SHARE_OF_VOICE_TABLE).write_text("")  # empty file: ignored, no error
    assert findings(tmp_path) == []


@pytest.mark.parametrize("missing", ["role", "ci_low"])
def test_share_table_without_needed_columns_is_ignored(tmp_path: Path, missing: str) -> None:
    row = _share("A", "official", 0.5, 0.4, 0.6)
    del row[missing]
    _write(tmp_path, SHARE_OF_VOICE_TABLE, [row])
    assert share_of_voice_finding(tmp_path) is None
