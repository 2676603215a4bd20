"""Cue-verb classes: how each outlet reports speech (neutral "said" vs "claimed", "admitted")."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure

from framelens.plots.intervals import ci_bar_figure, require_columns, total_articles
from framelens.plots.style import DEFAULT_SOURCE, corpus_subtitle, outlet_colors


def plot_verb_classes(
    table: pd.DataFrame,
    *,
    corpus_label: str,
    outlets: Sequence[str] | None = None,
    class_col: str = "cue_class",
    scale: float = 100.0,
    title: str = "How speech is reported: cue-verb classes",
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """One group of bars per cue-verb class, one bar per outlet, with 95% CIs.

    Parameters
    ----------
    table : DataFrame
        ``framelens.attribution.verb_class_rates`` output: ``outlet``, ``class_col``,
        ``n_docs``, ``estimate``, ``ci_low``, ``ci_high``; the share of an outlet's
        attributions whose cue verb is in the class, a ratio estimator with a
        cluster-bootstrap percentile interval over articles (Efron & Tibshirani 1993).
    scale : float, default 100.0
        Multiplier to percent: 100 when the table holds fractions, 1 when it holds percents.

    Returns
    -------
    matplotlib.figure.Figure
    """
    require_columns(
        table,
        ["outlet", class_col, "n_docs", "estimate", "ci_low", "ci_high"],
        "plot_verb_classes",
    )
    return ci_bar_figure(
        table,
        group_col=class_col,
        colors=outlet_colors(outlets if outlets is not None else table["outlet"]),
        xlabel="Share of the outlet's attributions (%); whiskers: 95% CI",
        ylabel="Cue-verb class",
        title=title,
        subtitle=corpus_subtitle(corpus_label, total_articles(table), extra="95% CIs"),
        source=source,
        scale=scale,
    )
