"""Chart functions: inspect the drawn artists (bars, whiskers, labels, colours), not pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from framelens.plots import (
    plot_corpus_overview,
    plot_lexicon_rates,
    plot_narrator_quoted,
    plot_over_time,
    plot_share_of_voice,
    plot_verb_classes,
)
from framelens.plots.style import OKABE_ITO, SOURCE_GID, SUBTITLE_GID, TITLE_GID

BLUE, ORANGE, GREEN = OKABE_ITO[0], OKABE_ITO[1], OKABE_ITO[2]


def _rates(group_col: str, groups: tuple[str, str]) -> pd.DataFrame:
    g1, g2 = groups
    return pd.DataFrame(
        {
            "outlet": ["Beta", "Beta", "Alpha", "Alpha"],
            group_col: [g1, g2, g1, g2],
            "n_docs": [8, 8, 10, 10],
            "numerator": [9.0, 1.0, 5.0, 2.0],
            "denominator": [900.0, 900.0, 1000.0, 1000.0],
            "estimate": [10.0, 1.1, 5.0, 2.0],
            "ci_low": [7.0, 0.2, 3.0, 1.0],
            "ci_high": [13.0, 2.0, 7.0, 3.2],
        }
    )


def _texts(fig: Figure) -> dict[str | None, str]:
    return {t.get_gid(): t.get_text() for t in fig.texts}


def _bars(fig: Figure, ax_index: int = 0) -> dict[str, BarContainer]:
    return {
        str(c.get_label()): c for c in fig.axes[ax_index].containers if isinstance(c, BarContainer)
    }


def _ci_segments(fig: Figure, series: str) -> list[tuple[float, float, float]]:
    """(y, x_low, x_high) of each whisker of ``series``."""
    out = []
    for coll in fig.axes[0].collections:
        if isinstance(coll, LineCollection) and coll.get_gid() == f"ci:{series}":
            for seg in coll.get_segments():
                (x0, y0), (x1, _) = seg
                out.append((round(float(y0), 6), float(x0), float(x1)))
    return sorted(out)


def _hex(rgba: tuple[float, ...]) -> str:
    return matplotlib.colors.to_hex(rgba).upper()


def test_lexicon_rates_bars_whiskers_colours_labels() -> None:
    fig = plot_lexicon_rates(
        _rates("category", ("war", "euphemism")),
        corpus_label="demo",
        outlets=["Gamma", "Beta", "Alpha"],
    )
    texts = _texts(fig)
    assert texts[TITLE_GID] == "Loaded language by outlet"
    # 10 Alpha articles + 8 Beta articles
    assert texts[SUBTITLE_GID].startswith("demo · n = 18 articles")
    assert texts[SOURCE_GID].startswith("Source:")
    ax = fig.axes[0]
    assert "per 1,000 words" in ax.get_xlabel()
    assert ax.get_ylabel() == "Lexicon category"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["war", "euphemism"]  # bottom -> top
    bars = _bars(fig)
    assert sorted(bars) == ["Alpha", "Beta"]
    # colours come from the full outlet list: Alpha, Beta, Gamma -> blue, orange, green
    assert {_hex(p.get_facecolor()) for p in bars["Alpha"].patches} == {BLUE}
    assert {_hex(p.get_facecolor()) for p in bars["Beta"].patches} == {ORANGE}
    # euphemism (top, drawn first) then war: Alpha widths 2.0 and 5.0
    assert sorted(p.get_width() for p in bars["Alpha"].patches) == [2.0, 5.0]
    assert sorted(p.get_width() for p in bars["Beta"].patches) == [1.1, 10.0]
    segs = _ci_segments(fig, "Beta")
    assert [v for _, lo, hi in segs for v in (lo, hi)] == pytest.approx([7.0, 13.0, 0.2, 2.0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Alpha", "Beta"]


def test_lexicon_rates_nan_rows_not_drawn() -> None:
    table = _rates("category", ("war", "euphemism"))
    table.loc[0, ["estimate", "ci_low", "ci_high"]] = np.nan
    fig = plot_lexicon_rates(table, corpus_label="x")
    assert len(_bars(fig)["Beta"].patches) == 1
    assert len(_ci_segments(fig, "Beta")) == 1


def test_missing_columns_named() -> None:
    with pytest.raises(ValueError, match=r"plot_lexicon_rates.*'ci_high'"):
        plot_lexicon_rates(_rates("category", ("a", "b")).drop(columns="ci_high"), corpus_label="x")


def test_narrator_quoted_colour_by_outlet_hatch_by_voice() -> None:
    fig = plot_narrator_quoted(_rates("voice", ("narrator", "quoted")), corpus_label="demo")
    bars = _bars(fig)
    assert sorted(bars) == ["narrator", "quoted"]
    narrator = sorted(bars["narrator"].patches, key=lambda p: -p.get_y())  # top first: Alpha
    assert [_hex(p.get_facecolor()) for p in narrator] == [BLUE, ORANGE]
    assert [p.get_width() for p in narrator] == [5.0, 10.0]
    quoted = sorted(bars["quoted"].patches, key=lambda p: -p.get_y())
    assert [p.get_hatch() for p in quoted] == ["////", "////"]
    assert [_hex(p.get_edgecolor()) for p in quoted] == [BLUE, ORANGE]
    assert fig.axes[0].get_ylabel() == "Outlet"
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["narrator", "quoted"]


def test_share_of_voice_scales_to_percent_and_orders_roles() -> None:
    table = _rates("role", ("expert", "official"))
    for c in ("estimate", "ci_low", "ci_high"):
        table[c] = table[c] / 20.0  # fractions
    fig = plot_share_of_voice(table, corpus_label="demo")
    ax = fig.axes[0]
    # official precedes expert in the role order, so official is on top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["expert", "official"]
    assert sorted(p.get_width() for p in _bars(fig)["Alpha"].patches) == [10.0, 25.0]
    assert "%" in ax.get_xlabel()
    assert "attributions" in _texts(fig)[SUBTITLE_GID]


def test_verb_classes_percent_axis() -> None:
    table = _rates("cue_class", ("neutral", "doubt"))
    fig = plot_verb_classes(table, corpus_label="demo", scale=1.0)
    assert sorted(p.get_width() for p in _bars(fig)["Beta"].patches) == [1.1, 10.0]
    assert fig.axes[0].get_ylabel() == "Cue-verb class"


def test_over_time_lines_and_bands() -> None:
    table = pd.DataFrame(
        {
            "outlet": ["B", "A", "A", "B"],
            "week": pd.to_datetime(["2020-08-31", "2020-09-07", "2020-08-31", "2020-09-07"]),
            "n_docs": [3, 6, 4, 5],
            "estimate": [4.0, 3.0, 2.0, 1.0],
            "ci_low": [3.0, 2.0, 1.0, 0.5],
            "ci_high": [5.0, 4.0, 3.0, 2.0],
        }
    )
    fig = plot_over_time(
        table, corpus_label="demo", ylabel="Loaded terms per 1,000 words", title="T"
    )
    ax = fig.axes[0]
    lines = {str(line.get_label()): line for line in ax.get_lines()}
    assert sorted(lines) == ["A", "B"]
    assert list(lines["A"].get_ydata()) == [2.0, 3.0]  # sorted by week
    assert lines["A"].get_color().upper() == BLUE
    assert lines["B"].get_color().upper() == ORANGE
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert sorted(str(b.get_gid()) for b in bands) == ["ci:A", "ci:B"]
    assert ax.get_ylabel() == "Loaded terms per 1,000 words"
    assert _texts(fig)[SUBTITLE_GID].startswith("demo · n = 18 articles")


def test_corpus_overview_counts() -> None:
    table = pd.DataFrame(
        {
            "outlet": ["A", "A", "B", "B"],
            "week": pd.to_datetime(["2020-08-31", "2020-09-07", "2020-08-31", None]),
            "n_articles": [4, 6, 3, 2],
        }
    )
    fig = plot_corpus_overview(table, corpus_label="demo", outlets=["A", "B"])
    bars = fig.axes[0].containers[0]
    assert [p.get_width() for p in bars.patches] == [10.0, 5.0]
    assert [_hex(p.get_facecolor()) for p in bars.patches] == [BLUE, ORANGE]
    lines = {str(line.get_label()): line for line in fig.axes[1].get_lines()}
    assert list(lines["B"].get_ydata()) == [3.0]  # the undated article is not on the time axis
    assert _texts(fig)[SUBTITLE_GID] == "demo · n = 15 articles · 2 undated"
    assert fig.axes[1].get_ylabel() == "Articles per week (count)"
