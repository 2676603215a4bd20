"""plot_tone: inspect the drawn bars, whiskers, colours and panels, not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
from matplotlib.collections import LineCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from framelens.plots import plot_tone
from framelens.plots.style import OKABE_ITO, SOURCE_GID, SUBTITLE_GID, TITLE_GID
from framelens.plots.tone import ZERO_GID

BLUE, ORANGE, GREEN = OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2]


def _table() -> pd.DataFrame:
    """Two outlets x two voices x two measures, in tone_table's layout (not sorted)."""
    rows = [
        # outlet, voice, measure, n_docs, estimate, ci_low, ci_high
        ("Beta", "narrator", "mean_compound", 8, -0.20, -0.30, -0.10),
        ("Beta", "quoted", "mean_compound", 8, 0.05, -0.02, 0.12),
        ("Alpha", "narrator", "mean_compound", 10, -0.04, -0.08, 0.01),
        ("Alpha", "quoted", "mean_compound", 10, -0.10, -0.15, -0.05),
        ("Beta", "narrator", "emotive_share", 8, 0.25, 0.15, 0.35),
        ("Beta", "quoted", "emotive_share", 8, 0.10, 0.05, 0.20),
        ("Alpha", "narrator", "emotive_share", 10, 0.08, 0.04, 0.12),
        ("Alpha", "quoted", "emotive_share", 10, 0.12, 0.06, 0.18),
        ("Alpha", "all", "emotive_share", 10, 0.09, 0.05, 0.13),  # not drawn
    ]
    df = pd.DataFrame(
        rows, columns=["outlet", "voice", "measure", "n_docs", "estimate", "ci_low", "ci_high"]
    )
    df["numerator"] = 0.0
    df["denominator"] = 1.0
    return df


def _hex(rgba: tuple[float, ...]) -> str:
    return matplotlib.colors.to_hex(rgba).upper()


def _bars(fig: Figure, ax_index: int) -> dict[str, BarContainer]:
    return {
        str(c.get_label()): c for c in fig.axes[ax_index].containers if isinstance(c, BarContainer)
    }


def _top_first(container: BarContainer) -> list[matplotlib.patches.Rectangle]:
    return sorted(container.patches, key=lambda p: -p.get_y())


def _ci(fig: Figure, ax_index: int, voice: str) -> list[float]:
    """x_low, x_high of each whisker of ``voice``, flattened, top bar first."""
    out = []
    for coll in fig.axes[ax_index].collections:
        if isinstance(coll, LineCollection) and coll.get_gid() == f"ci:{voice}":
            for (x0, y0), (x1, _) in coll.get_segments():
                out.append((-float(y0), float(x0), float(x1)))
    return [x for _, lo, hi in sorted(out) for x in (lo, hi)]


def test_two_panels_bars_whiskers_colours() -> None:
    fig = plot_tone(_table(), corpus_label="demo", outlets=["Gamma", "Beta", "Alpha"])
    texts = {t.get_gid(): t.get_text() for t in fig.texts}
    assert texts[TITLE_GID] == "Tone: the outlet's own words vs quoted speakers"
    assert texts[SUBTITLE_GID].startswith("demo · n = 18 articles")  # 10 Alpha + 8 Beta
    assert texts[SOURCE_GID].startswith("Source:")
    assert len(fig.axes) == 2
    compound, share = fig.axes
    assert compound.get_xlabel() == "Mean VADER compound"
    assert "%" in share.get_xlabel()
    assert [t.get_text() for t in compound.get_yticklabels()] == ["Beta", "Alpha"]  # bottom->top

    bars = _bars(fig, 0)
    assert sorted(bars) == ["narrator", "quoted"]  # the "all" voice is not drawn
    narrator, quoted = _top_first(bars["narrator"]), _top_first(bars["quoted"])
    # colours from the full outlet list: Alpha blue, Beta orange; voice by hatch
    assert [_hex(p.get_facecolor()) for p in narrator] == [BLUE, ORANGE]
    assert [p.get_hatch() for p in quoted] == ["////", "////"]
    assert [_hex(p.get_edgecolor()) for p in quoted] == [BLUE, ORANGE]
    assert [p.get_width() for p in narrator] == pytest.approx([-0.04, -0.20])
    assert [p.get_width() for p in quoted] == pytest.approx([-0.10, 0.05])
    assert _ci(fig, 0, "narrator") == pytest.approx([-0.08, 0.01, -0.30, -0.10])
    assert _ci(fig, 0, "quoted") == pytest.approx([-0.15, -0.05, -0.02, 0.12])
    lo, hi = compound.get_xlim()
    assert lo < -0.30 and hi > 0.12  # negative means and whiskers are visible
    assert [ln.get_gid() for ln in compound.lines if ln.get_gid() == ZERO_GID] == [ZERO_GID]

    # the emotive share is drawn in percent from 0
    shares = _bars(fig, 1)
    assert [p.get_width() for p in _top_first(shares["narrator"])] == pytest.approx([8.0, 25.0])
    assert [p.get_width() for p in _top_first(shares["quoted"])] == pytest.approx([12.0, 10.0])
    assert _ci(fig, 1, "narrator") == pytest.approx([4.0, 12.0, 15.0, 35.0])
    assert share.get_xlim()[0] == 0.0
    legend = fig.axes[-1].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["narrator", "quoted"]


def test_one_measure_one_panel() -> None:
    fig = plot_tone(_table(), corpus_label="demo", measures=("emotive_share",))
    assert len(fig.axes) == 1
    assert "%" in fig.axes[0].get_xlabel()


@pytest.mark.parametrize(
    ("kwargs", "table", "message"),
    [
        ({}, _table().drop(columns="voice"), r"plot_tone.*'voice'"),
        ({"measures": ("tone",)}, _table(), r"measures \['tone'\] unknown"),
    ],
)
def test_bad_input(kwargs: dict[str, object], table: pd.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plot_tone(table, corpus_label="x", **kwargs)  # type: ignore[arg-type]
