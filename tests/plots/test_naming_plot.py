"""plot_naming draws stacked variant shares with CI whiskers; tests inspect the artists."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from framelens.naming import NAMING_SCHEMA
from framelens.plots.naming import CI_GID, COUNT_GID, OTHER, SEGMENT_GID, plot_naming
from framelens.plots.style import NEUTRAL, OKABE_ITO


def table() -> pd.DataFrame:
    rows = [
        # group, concept, variant, n_docs, count, concept_count, share, lo, hi
        ("State", "PROTESTERS", "protesters", 5, 2, 10, 0.2, 0.1, 0.3),
        ("State", "PROTESTERS", "extremists", 5, 8, 10, 0.8, 0.7, 0.9),
        ("State", "PROTESTERS", "hooligans", 5, 0, 10, 0.0, 0.0, 0.0),
        ("Indep", "PROTESTERS", "protesters", 4, 6, 6, 1.0, 1.0, 1.0),
        ("Indep", "PROTESTERS", "extremists", 4, 0, 6, 0.0, 0.0, 0.0),
        ("Indep", "PROTESTERS", "hooligans", 4, 0, 6, 0.0, 0.0, 0.0),
        ("Wire", "PROTESTERS", "protesters", 3, 0, 0, np.nan, np.nan, np.nan),
        ("Wire", "PROTESTERS", "extremists", 3, 0, 0, np.nan, np.nan, np.nan),
        ("Wire", "PROTESTERS", "hooligans", 3, 0, 0, np.nan, np.nan, np.nan),
        ("State", "POLICE", "police", 5, 1, 1, 1.0, 1.0, 1.0),
    ]
    df = pd.DataFrame([(*r, "narrator") for r in rows], columns=list(NAMING_SCHEMA))
    df.attrs["framelens"] = {"n_docs": 12, "voice": "narrator"}
    return df


def test_stacked_bars_heights_colours_and_whiskers() -> None:
    fig = plot_naming(table(), "PROTESTERS")
    ax = fig.axes[0]
    # outlets sorted top-down: Indep, State, Wire; "hooligans" is unused and dropped
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Indep", "State", "Wire"]
    containers = ax.containers
    bars = [c for c in containers if c.get_label() in ("protesters", "extremists", "hooligans")]
    assert [c.get_label() for c in bars] == ["protesters", "extremists"]
    prot, extr = bars
    assert all(p.get_gid() == SEGMENT_GID for p in (*prot.patches, *extr.patches))
    # widths per outlet in y order (Indep at top): y positions 2, 1, 0 -> Indep, State, Wire
    by_y = {round(p.get_y() + p.get_height() / 2): p for p in prot.patches}
    assert by_y[2].get_width() == 1.0 and by_y[1].get_width() == 0.2 and by_y[0].get_width() == 0
    ext = {round(p.get_y() + p.get_height() / 2): p for p in extr.patches}
    assert ext[1].get_x() == pytest.approx(0.2) and ext[1].get_width() == pytest.approx(0.8)
    assert to_hex(prot.patches[0].get_facecolor()) == OKABE_ITO[0].lower()
    assert to_hex(extr.patches[0].get_facecolor()) == OKABE_ITO[1].lower()
    # whiskers: State protesters at x = 0.2 spanning [0.1, 0.3]; State extremists at 1.0
    # spanning [0.9, 1.1]; Indep protesters at 1.0 with a zero-width interval
    segs = [
        np.asarray(s) for lc in ax.collections if lc.get_gid() == CI_GID for s in lc.get_segments()
    ]
    spans = sorted((round(s[0, 0], 6), round(s[1, 0], 6), round(s[0, 1])) for s in segs)
    assert spans == [(0.1, 0.3, 1), (0.9, 1.1, 1), (1.0, 1.0, 2)]
    counts = [t.get_text() for t in ax.texts if t.get_gid() == COUNT_GID]
    assert counts == ["n = 6", "n = 10", "not named"]


def test_keep_unused_and_errors() -> None:
    fig = plot_naming(table(), "PROTESTERS", drop_unused=False, title="T")
    labels = [
        c.get_label()
        for c in fig.axes[0].containers
        if c.get_label() in ("protesters", "extremists", "hooligans")
    ]
    assert labels == ["protesters", "extremists", "hooligans"]
    assert any(t.get_text() == "T" for t in fig.texts)
    with pytest.raises(ValueError, match="not in the table"):
        plot_naming(table(), "GOVERNMENT")


def test_least_used_variants_merge_into_other() -> None:
    # nine variants used once each by one outlet, except v0 (3) and v1 (2): with
    # max_variants=2, v0 and v1 are drawn and the other seven sum to a grey "other" bar
    counts = [3, 2, 1, 1, 1, 1, 1, 1, 1]
    total = sum(counts)  # 12
    rows = [
        ("A", "C", f"v{i}", 2, c, total, c / total, c / total / 2, c / total * 1.5, "narrator")
        for i, c in enumerate(counts)
    ]
    df = pd.DataFrame(rows, columns=list(NAMING_SCHEMA))
    fig = plot_naming(df, "C", max_variants=2)
    ax = fig.axes[0]
    bars = {c.get_label(): c for c in ax.containers if c.get_label() in {"v0", "v1", OTHER}}
    assert set(bars) == {"v0", "v1", OTHER}
    other = bars[OTHER].patches[0]
    assert other.get_x() == pytest.approx(5 / 12) and other.get_width() == pytest.approx(7 / 12)
    assert to_hex(other.get_facecolor()) == NEUTRAL.lower()
    # whiskers only for v0 and v1
    n_whiskers = sum(len(lc.get_segments()) for lc in ax.collections if lc.get_gid() == CI_GID)
    assert n_whiskers == 2
    with pytest.raises(ValueError, match="max_variants"):
        plot_naming(df, "C", max_variants=8)
