"""Loaded-term rates per outlet with cluster-bootstrap confidence intervals."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure

from framelens.plots.intervals import ci_bar_figure, require_columns, total_articles
from framelens.plots.style import DEFAULT_SOURCE, corpus_subtitle, outlet_colors


def plot_lexicon_rates(
    table: pd.DataFrame,
    *,
    corpus_label: str,
    outlets: Sequence[str] | None = None,
    category_col: str = "category",
    unit: str = "matches per 1,000 words",
    title: str = "Loaded language by outlet",
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """Bar chart of lexicon rates: one group of bars per category, one bar per outlet.

    Parameters
    ----------
    table : DataFrame
        A rate table (``framelens.lexicons.lexicon_rates``): ``outlet``, ``category_col``,
        ``n_docs``, ``estimate``, ``ci_low``, ``ci_high`` (one row per outlet and category,
        one voice). Whiskers are the table's cluster-bootstrap percentile intervals
        (Efron & Tibshirani 1993; articles resampled).
    corpus_label : str
        Corpus name for the subtitle.
    outlets : sequence of str, optional
        The corpus's full outlet list, so colours match every other chart; defaults to the
        outlets in ``table``.
    category_col : str, default "category"
        Column holding the lexicon category.
    unit : str, default "matches per 1,000 words"
        Axis label (the rate's unit).

    Returns
    -------
    matplotlib.figure.Figure
    """
    require_columns(
        table,
        ["outlet", category_col, "n_docs", "estimate", "ci_low", "ci_high"],
        "plot_lexicon_rates",
    )
    return ci_bar_figure(
        table,
        group_col=category_col,
        colors=outlet_colors(outlets if outlets is not None else table["outlet"]),
        xlabel=f"Rate ({unit}); whiskers: 95% CI",
        ylabel="Lexicon category",
        title=title,
        subtitle=corpus_subtitle(
            corpus_label, total_articles(table), extra="cluster-bootstrap 95% CIs"
        ),
        source=source,
    )
