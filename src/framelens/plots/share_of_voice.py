"""Share of voice: what percentage of each outlet's attributions go to each speaker role."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure

from framelens.attribution.roles import ROLES
from framelens.plots.intervals import ci_bar_figure, require_columns, total_articles
from framelens.plots.style import DEFAULT_SOURCE, corpus_subtitle, outlet_colors


def plot_share_of_voice(
    table: pd.DataFrame,
    *,
    corpus_label: str,
    outlets: Sequence[str] | None = None,
    role_col: str = "role",
    scale: float = 100.0,
    title: str = "Who gets quoted: share of voice by speaker role",
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """One group of bars per speaker role, one bar per outlet, with 95% CIs.

    Parameters
    ----------
    table : DataFrame
        ``framelens.attribution.share_of_voice`` output: ``outlet``, ``role_col``,
        ``n_docs``, ``numerator``, ``denominator``, ``estimate``, ``ci_low``, ``ci_high``. The
        share is a ratio estimator (attributions to the role / all attributions) with a
        cluster-bootstrap percentile interval over articles (Efron & Tibshirani 1993).
    scale : float, default 100.0
        Multiplier to percent: 100 when the table holds fractions, 1 when it holds percents.

    Returns
    -------
    matplotlib.figure.Figure
    """
    require_columns(
        table,
        ["outlet", role_col, "n_docs", "estimate", "ci_low", "ci_high"],
        "plot_share_of_voice",
    )
    n_attr = (
        int(table.groupby("outlet")["denominator"].max().sum())
        if ("denominator" in table.columns and len(table))
        else 0
    )
    extra = f"{n_attr:,} attributions · 95% CIs" if n_attr else "95% CIs"
    return ci_bar_figure(
        table,
        group_col=role_col,
        colors=outlet_colors(outlets if outlets is not None else table["outlet"]),
        xlabel="Share of the outlet's attributions (%); whiskers: 95% CI",
        ylabel="Speaker role",
        title=title,
        subtitle=corpus_subtitle(corpus_label, total_articles(table), extra=extra),
        source=source,
        group_order=ROLES,
        scale=scale,
    )
