"""Loaded language in the narrator's voice versus inside quotations, per outlet."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from framelens.plots.intervals import draw_ci_bars, require_columns, total_articles
from framelens.plots.style import (
    DEFAULT_SOURCE,
    NEUTRAL,
    annotate_figure,
    corpus_subtitle,
    framelens_style,
    outlet_colors,
)

#: Hatch pattern per voice: the narrator's own words solid, quoted words hatched.
VOICE_HATCH = {"narrator": "", "quoted": "////"}


def plot_narrator_quoted(
    table: pd.DataFrame,
    *,
    corpus_label: str,
    outlets: Sequence[str] | None = None,
    voice_col: str = "voice",
    voices: Sequence[str] = ("narrator", "quoted"),
    unit: str = "matches per 1,000 words of article text",
    title: str = "Loaded terms: the outlet's own words vs quoted speakers",
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """Two bars per outlet: the rate in narrator text (solid) and in quoted text (hatched).

    Parameters
    ----------
    table : DataFrame
        Rates with ``outlet``, ``voice_col``, ``n_docs``, ``estimate``, ``ci_low``,
        ``ci_high``; one row per outlet and voice (all categories pooled), e.g.
        ``framelens.report.tables.pooled_rates``. Both rates share one denominator (all
        words of the outlet's articles), so each bar is that voice's contribution. Whiskers are
        cluster-bootstrap percentile 95% intervals (Efron & Tibshirani 1993).
    voices : sequence of str, default ("narrator", "quoted")
        Voices drawn, in order; other voices in the table are ignored.

    Returns
    -------
    matplotlib.figure.Figure
    """
    require_columns(
        table,
        ["outlet", voice_col, "n_docs", "estimate", "ci_low", "ci_high"],
        "plot_narrator_quoted",
    )
    shown = table[table[voice_col].astype(str).isin([str(v) for v in voices])]
    colors = outlet_colors(outlets if outlets is not None else table["outlet"])
    hatch = {v: VOICE_HATCH.get(v, "xx") for v in voices}
    n_out = max(1, shown["outlet"].nunique())
    with framelens_style():
        fig = Figure(figsize=(8.0, min(11.0, 2.2 + 0.55 * n_out)))
        ax = fig.add_subplot()
        draw_ci_bars(
            ax,
            shown,
            group_col="outlet",
            series_col=voice_col,
            colors=colors,
            series_order=list(voices),
            hatch=hatch,
            color_by="group",
        )
        ax.set_xlabel(f"Rate ({unit}); whiskers: 95% CI")
        ax.set_ylabel("Outlet")
        handles = [
            Patch(
                facecolor=NEUTRAL if not hatch[v] else "white",
                edgecolor=NEUTRAL,
                hatch=hatch[v] or None,
                label=v,
            )
            for v in voices
        ]
        ax.legend(handles=handles, title="Voice", loc="upper left", bbox_to_anchor=(1.01, 1.0))
        annotate_figure(
            fig,
            title=title,
            subtitle=corpus_subtitle(
                corpus_label, total_articles(shown), extra="cluster-bootstrap 95% CIs"
            ),
            source=source,
        )
    return fig
