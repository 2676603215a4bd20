"""The keyness chart: each term's z-score (or signed G²) against its frequency, top terms labelled.

Following Monroe, Colaresi & Quinn (2008, fig. 4), every term of one group's keyness table
is a point at ``x = log10(total count)`` and ``y = stat``; the ``n_labels`` most
over-used terms (group colour) and most under-used terms (grey) are labelled, with labels
moved apart by adjustText (fixed iteration budget, so layouts are reproducible) so they do
not overlap. Dashed lines mark ``|z| = 1.96`` for the
log-odds measure (or the chi-square 5 % critical value 3.84 for G²).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from framelens.plots.style import (
    DEFAULT_SOURCE,
    NEUTRAL,
    annotate_figure,
    corpus_subtitle,
    framelens_style,
    outlet_colors,
)

#: Gids of the artists :func:`plot_keyness` draws (for tests and SVG post-processing).
POINTS_GID = "keyness-points"
OVER_GID = "keyness-over"
UNDER_GID = "keyness-under"
LABEL_GID = "keyness-label"

_ADJUST_ITERATIONS = 100
_THRESHOLD = {"log_odds_dirichlet": 1.959964, "g2": 3.841459}
_MEASURE_NAME = {
    "log_odds_dirichlet": "log-odds, informative Dirichlet prior (Monroe et al. 2008)",
    "g2": "log-likelihood G² (Dunning 1993)",
}
_YLABEL = {
    "log_odds_dirichlet": "z-score of log-odds difference (informative Dirichlet prior)",
    "g2": "signed log-likelihood G²",
}


def _separate(texts: list[Text], ax: Axes, max_steps: int = 60) -> None:
    """Deterministically nudge labels that adjustText left overlapping.

    Labels are placed in order; one that overlaps an already placed label moves away from
    the zero line in steps of half its height until it is clear.
    """
    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    placed: list[Bbox] = []
    to_data = ax.transData.inverted()
    for t in texts:
        box = t.get_window_extent(renderer)
        x, y = t.get_position()
        direction = 1.0 if y >= 0 else -1.0
        for _ in range(max_steps):
            if not any(box.overlaps(b) for b in placed):
                break
            px, py = ax.transData.transform((x, y))
            x, y = to_data.transform((px, py + direction * box.height * 0.5))
            t.set_position((x, y))
            box = t.get_window_extent(renderer)
        placed.append(box)


def plot_keyness(
    table: pd.DataFrame,
    group: str,
    *,
    n_labels: int = 10,
    colors: Mapping[str, str] | None = None,
    title: str | None = None,
    corpus_label: str = "corpus",
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """Draw one group's keyness as stat versus log frequency, labelling the top terms.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`framelens.keyness.keyness_table` (one measure).
    group : str
        The group to draw.
    n_labels : int, default 10
        Label this many over-used and this many under-used terms (largest ``|stat|``).
    colors : mapping, optional
        Group -> colour; defaults to :func:`framelens.plots.style.outlet_colors` over the
        table's groups (pass the corpus-wide mapping to keep colours identical across charts).
    title : str, optional
        Defaults to ``"Distinctive terms: <group> vs <reference>"``.
    corpus_label : str, default "corpus"
        Name used in the subtitle.
    source : str
        Source line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    sub = table[table["group"] == group]
    if sub.empty:
        raise ValueError(
            f"group {group!r} not in the table; groups: {sorted(table['group'].unique())}"
        )
    measures = sub["measure"].unique()
    if len(measures) != 1:
        raise ValueError(f"the table mixes measures {list(measures)}; pass one measure")
    measure = str(measures[0])
    cmap = dict(colors) if colors is not None else outlet_colors(table["group"].unique())
    color = cmap.get(group, NEUTRAL)
    x = np.log10((sub["n_group"] + sub["n_reference"]).to_numpy(dtype=float))
    y = sub["stat"].to_numpy(dtype=float)
    order = np.argsort(-y, kind="mergesort")
    over = [i for i in order[:n_labels] if y[i] > 0]
    under = [i for i in order[::-1][:n_labels] if y[i] < 0]
    reference = str(sub["reference"].iloc[0]) if "reference" in sub else "the rest"
    with framelens_style():
        fig = Figure(figsize=(8.0, 6.0))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.scatter(x, y, s=6, color="#BBBBBB", alpha=0.6, linewidths=0, gid=POINTS_GID)
        ax.scatter(x[over], y[over], s=18, color=color, gid=OVER_GID, label=f"more in {group}")
        ax.scatter(
            x[under], y[under], s=18, color="#555555", gid=UNDER_GID, label=f"more in {reference}"
        )
        thr = _THRESHOLD.get(measure, 1.959964)
        for h in (thr, -thr):
            ax.axhline(h, color="#999999", linestyle="--", linewidth=0.8)
        ax.axhline(0, color="#777777", linewidth=0.6)
        terms = sub["term"].to_numpy()
        texts = []
        for i, c in [(i, color) for i in over] + [(i, "#333333") for i in under]:
            texts.append(ax.text(x[i], y[i], str(terms[i]), fontsize=8, color=c, gid=LABEL_GID))
        ax.set_xlabel("term frequency in both groups (log10 count)")
        ax.set_ylabel(_YLABEL.get(measure, "stat"))
        ax.grid(axis="y")
        ax.legend(loc="upper left")
        if texts:
            from adjustText import adjust_text

            fig.canvas.draw()
            marked = np.array(over + under, dtype=int)
            adjust_text(
                texts,
                # only the labelled points repel labels: with thousands of points as
                # obstacles adjustText slows down by an order of magnitude
                x=x[marked],
                y=y[marked],
                ax=ax,
                expand=(1.15, 1.4),
                arrowprops={"arrowstyle": "-", "color": "#AAAAAA", "lw": 0.5},
                # a fixed iteration budget, not adjustText's default 1-second time limit,
                # so the layout (and the saved SVG) is identical on every run
                iter_lim=_ADJUST_ITERATIONS,
            )
        n_docs = int(table.attrs.get("framelens", {}).get("n_docs", 0))
        annotate_figure(
            fig,
            title=title or f"Distinctive terms: {group} vs {reference}",
            subtitle=corpus_subtitle(
                corpus_label,
                n_docs,
                extra=f"{len(sub):,} terms · {_MEASURE_NAME.get(measure, measure)}",
            ),
            source=source,
        )
        if texts:  # after the final layout: tight_layout rescales the axes
            _separate(texts, ax)
    return fig
