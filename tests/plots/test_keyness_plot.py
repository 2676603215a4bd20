"""plot_keyness draws the log-odds-vs-frequency picture; tests inspect the artists."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from framelens.keyness import KEYNESS_SCHEMA
from framelens.plots.keyness import LABEL_GID, OVER_GID, UNDER_GID, plot_keyness
from framelens.plots.style import TITLE_GID, outlet_colors


def table() -> pd.DataFrame:
    # group A: 4 over-used terms, 3 under-used, 1 neutral; group B mirrors A
    terms = [
        "rioters",
        "extremists",
        "provocateurs",
        "junta",
        "regime",
        "protesters",
        "police",
        "city",
    ]
    stat = [9.0, 7.5, 5.0, 2.5, -8.0, -4.0, -2.2, 0.1]
    n_g = [90, 70, 40, 10, 5, 20, 100, 50]
    n_r = [10, 5, 4, 6, 80, 90, 150, 50]
    rows = []
    for g, sign in (("A", 1), ("B", -1)):
        for t, s, a, b in zip(terms, stat, n_g, n_r, strict=True):
            rows.append(
                (g, t, a, b, sign * s, 0.01, "log_odds_dirichlet", 0.0, 1, 1000, 1000, "(rest)")
            )
    df = pd.DataFrame(rows, columns=list(KEYNESS_SCHEMA)).astype(KEYNESS_SCHEMA)
    df.attrs["framelens"] = {"n_docs": 42}
    return df


def labels(fig) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    ax = fig.axes[0]
    return [(t.get_text(), to_hex(t.get_color())) for t in ax.texts if t.get_gid() == LABEL_GID]


def test_top_terms_labelled_in_group_colour() -> None:
    fig = plot_keyness(table(), "A", n_labels=2, corpus_label="demo")
    color = outlet_colors(["A", "B"])["A"].lower()
    got = labels(fig)
    # two most over-used in the group colour, two most under-used in dark grey
    assert got == [
        ("rioters", color),
        ("extremists", color),
        ("regime", "#333333"),
        ("protesters", "#333333"),
    ]
    ax = fig.axes[0]
    over = next(c for c in ax.collections if c.get_gid() == OVER_GID)
    np.testing.assert_allclose(over.get_offsets()[:, 1], [9.0, 7.5])
    # x is log10 of the total count: rioters 90 + 10 = 100 -> 2
    np.testing.assert_allclose(over.get_offsets()[:, 0], [2.0, np.log10(75)])
    assert to_hex(over.get_facecolor()[0]) == color
    under = next(c for c in ax.collections if c.get_gid() == UNDER_GID)
    np.testing.assert_allclose(under.get_offsets()[:, 1], [-8.0, -4.0])
    # dashed significance lines at +-1.96
    ys = sorted(round(line.get_ydata()[0], 2) for line in ax.lines if line.get_linestyle() == "--")
    assert ys == [-1.96, 1.96]
    title = next(t for t in fig.texts if t.get_gid() == TITLE_GID)
    assert title.get_text() == "Distinctive terms: A vs (rest)"
    assert any("n = 42 articles" in t.get_text() for t in fig.texts)


def test_labels_do_not_overlap() -> None:
    fig = plot_keyness(table(), "A", n_labels=4)
    fig.canvas.draw()
    r = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [t.get_window_extent(r) for t in fig.axes[0].texts if t.get_gid() == LABEL_GID]
    assert len(boxes) == 4 + 3  # only 3 terms of A are under-used
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_other_group_and_custom_colours() -> None:
    fig = plot_keyness(table(), "B", n_labels=1, colors={"B": "#123456"})
    assert labels(fig) == [("regime", "#123456"), ("rioters", "#333333")]


@pytest.mark.parametrize(("group", "error"), [("Z", "not in the table"), ("A", "mixes measures")])
def test_errors(group: str, error: str) -> None:
    t = table()
    if error == "mixes measures":
        t.loc[0, "measure"] = "g2"
    with pytest.raises(ValueError, match=error):
        plot_keyness(t, group)


def test_label_layout_is_reproducible() -> None:
    # adjustText runs a fixed number of iterations (not its 1-second default time limit), so
    # two drawings place every label at the same position: saved SVGs are byte-identical
    def positions() -> list[tuple[str, float, float]]:
        fig = plot_keyness(table(), "A", n_labels=4)
        return [
            (t.get_text(), *t.get_position()) for t in fig.axes[0].texts if t.get_gid() == LABEL_GID
        ]

    assert positions() == positions()
