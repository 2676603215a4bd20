"""Auto-written findings: short sentences with estimates and 95% intervals, from report tables.

Each finding reads one CSV that a notebook wrote into ``tables/`` (names below). A missing or
empty table yields no finding, never an error: ``--only`` runs and small corpora still get an
index page. Numbers are the tables' own estimates and cluster-bootstrap percentile intervals
(Efron & Tibshirani 1993); no new statistic is computed here.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

#: Tables the findings read (written by the notebooks through ``framelens.report.tables``).
SHARE_OF_VOICE_TABLE = "share_of_voice.csv"  # outlet, role, ..., estimate (a fraction)
LEXICON_TOTAL_TABLE = "loaded_terms_by_outlet.csv"  # outlet, ..., estimate (per 1,000 words)
VOICE_TABLE = "loaded_terms_by_voice.csv"  # outlet, voice, ..., estimate (per 1,000 words)
PAIRWISE_TABLE = "loaded_terms_pairwise.csv"  # group_a, group_b, ..., p, q
KEYNESS_TABLE = "keyness_top_terms.csv"  # group, term, stat, ... (ranked within group)

#: Fewest articles behind an estimate for it to be stated as a finding.
MIN_DOCS = 3


def _num(x: float, digits: int = 0) -> str:
    return f"{x:.{digits}f}"


def _interval(row: pd.Series, digits: int = 0) -> str:
    lo, hi = float(row["ci_low"]), float(row["ci_high"])
    if math.isnan(lo) or math.isnan(hi):
        return "[no interval]"
    return f"[{_num(lo, digits)}–{_num(hi, digits)}]"


def _read(tables: Path, name: str) -> pd.DataFrame | None:
    path = tables / name
    if not path.is_file():
        return None
    try:
        df = pd.read_csv(path, keep_default_na=True)
    except (pd.errors.EmptyDataError, pd.errors.ParserError):
        return None
    return df if len(df) else None


def _usable(df: pd.DataFrame) -> pd.DataFrame:
    keep = df["estimate"].notna()
    if "n_docs" in df.columns:
        keep &= df["n_docs"] >= MIN_DOCS
    return df[keep]


def share_of_voice_finding(tables: Path, role: str = "official") -> str | None:
    """E.g. "Outlet A quotes officials in 92% [85–97] of its attributions; Outlet B in 31% …"."""
    df = _read(tables, SHARE_OF_VOICE_TABLE)
    if df is None or not {"outlet", "role", "estimate", "ci_low", "ci_high"} <= set(df.columns):
        return None
    df = df.assign(**{c: df[c] * 100.0 for c in ("estimate", "ci_low", "ci_high")})
    rows = _usable(df[df["role"] == role]).sort_values(
        ["estimate", "outlet"], ascending=[False, True]
    )
    if rows.empty:
        return None
    who = {"official": "officials", "expert": "experts", "opposition": "the opposition"}.get(
        role, role.replace("_", " ")
    )
    parts = [f"{r['outlet']} in {_num(r['estimate'])}% {_interval(r)}" for _, r in rows.iterrows()]
    first = rows.iloc[0]
    head = (
        f"{first['outlet']} quotes {who} in {_num(first['estimate'])}% {_interval(first)} "
        "of its attributions"
    )
    return "; ".join([head, *parts[1:]]) + "."


def loaded_terms_finding(tables: Path) -> str | None:
    """Highest and lowest outlet for loaded terms per 1,000 words (all categories pooled)."""
    df = _read(tables, LEXICON_TOTAL_TABLE)
    if df is None or not {"outlet", "estimate", "ci_low", "ci_high"} <= set(df.columns):
        return None
    rows = _usable(df).sort_values(["estimate", "outlet"], ascending=[False, True])
    if len(rows) < 2:
        return None
    hi, lo = rows.iloc[0], rows.iloc[-1]
    overlap = float(lo["ci_high"]) >= float(hi["ci_low"])
    return (
        f"Loaded terms are most frequent in {hi['outlet']} at {_num(hi['estimate'], 1)} "
        f"{_interval(hi, 1)} per 1,000 words and least in {lo['outlet']} at "
        f"{_num(lo['estimate'], 1)} {_interval(lo, 1)}"
        + (" (the intervals overlap)." if overlap else " (the intervals do not overlap).")
    )


def voice_finding(tables: Path) -> str | None:
    """Outlets whose narrator uses loaded terms more than the people they quote."""
    df = _read(tables, VOICE_TABLE)
    if df is None or not {"outlet", "voice", "estimate"} <= set(df.columns):
        return None
    df = _usable(df)
    wide = df.pivot_table(index="outlet", columns="voice", values="estimate", aggfunc="first")
    if not {"narrator", "quoted"} <= set(wide.columns):
        return None
    wide = wide.dropna(subset=["narrator", "quoted"])
    if wide.empty:
        return None
    more = sorted(str(o) for o in wide.index[wide["narrator"] > wide["quoted"]])
    n = len(wide)
    if not more:
        return f"In all {n} outlets, quoted speakers use loaded terms more than the narrator."
    return (
        f"In {len(more)} of {n} outlets the narrator's own words carry more loaded terms per "
        f"1,000 words than quoted speech: {', '.join(more)}."
    )


def pairwise_finding(tables: Path, alpha: float = 0.05) -> str | None:
    """How many outlet pairs differ after Benjamini–Hochberg correction (BH 1995)."""
    df = _read(tables, PAIRWISE_TABLE)
    if df is None or "q" not in df.columns:
        return None
    sig = int((df["q"] < alpha).sum())
    return (
        f"{sig} of {len(df)} outlet-pair comparisons of loaded-term rates differ at a "
        f"false discovery rate of {alpha:.0%} (article-level permutation tests, "
        "Benjamini–Hochberg)."
    )


def keyness_finding(tables: Path, k: int = 3) -> str | None:
    """The top ``k`` distinctive terms of each outlet."""
    df = _read(tables, KEYNESS_TABLE)
    if df is None or not {"group", "term", "stat"} <= set(df.columns):
        return None
    parts = []
    df = df.sort_values(["group", "stat", "term"], ascending=[True, False, True])
    for outlet, g in df.groupby("group", sort=True):
        terms = ", ".join(f"“{t}”" for t in g["term"].astype(str).head(k))
        parts.append(f"{outlet}: {terms}")
    return "Most distinctive words — " + "; ".join(parts) + "."


def findings(tables: str | Path) -> list[str]:
    """All findings that the tables in ``tables`` support, in a fixed order."""
    base = Path(tables)
    out = [
        share_of_voice_finding(base),
        loaded_terms_finding(base),
        voice_finding(base),
        pairwise_finding(base),
        keyness_finding(base),
    ]
    return [f for f in out if f]
