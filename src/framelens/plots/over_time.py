"""A measure over time: one line per outlet by week, with a 95% CI band."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure

from framelens.plots.intervals import require_columns
from framelens.plots.style import (
    DEFAULT_SOURCE,
    annotate_figure,
    corpus_subtitle,
    framelens_style,
    outlet_colors,
)


def plot_over_time(
    table: pd.DataFrame,
    *,
    corpus_label: str,
    ylabel: str,
    title: str,
    outlets: Sequence[str] | None = None,
    time_col: str = "week",
    scale: float = 1.0,
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """Lines of ``estimate`` per outlet over ``time_col`` with shaded ``ci_low``-``ci_high``.

    Parameters
    ----------
    table : DataFrame
        ``outlet``, ``time_col`` (datetime, e.g. the Monday of the week), ``n_docs``,
        ``estimate``, ``ci_low``, ``ci_high`` — a ratio table grouped by outlet and week
        (cluster-bootstrap percentile intervals, Efron & Tibshirani 1993). Weeks with few
        articles have wide bands; weeks with none are gaps, not zeros.
    ylabel : str
        Axis label with the unit, e.g. ``"Loaded terms per 1,000 words"``.
    scale : float, default 1.0
        Multiplier for display (100 for fractions shown as percentages).

    Returns
    -------
    matplotlib.figure.Figure
    """
    require_columns(
        table, ["outlet", time_col, "n_docs", "estimate", "ci_low", "ci_high"], "plot_over_time"
    )
    colors = outlet_colors(outlets if outlets is not None else table["outlet"])
    data = table.assign(_t=pd.to_datetime(table[time_col])).sort_values(["outlet", "_t"])
    with framelens_style():
        fig = Figure(figsize=(8.0, 4.8))
        ax = fig.add_subplot()
        ax.grid(True, axis="y")
        for outlet in sorted(data["outlet"].astype(str).unique()):
            rows = data[data["outlet"].astype(str) == outlet]
            x = rows["_t"].to_numpy()
            color = colors.get(outlet, "#7F7F7F")
            ax.plot(
                x,
                rows["estimate"].to_numpy(dtype=float) * scale,
                color=color,
                marker="o",
                markersize=3.5,
                linewidth=1.6,
                label=outlet,
            )
            band = ax.fill_between(
                x,
                rows["ci_low"].to_numpy(dtype=float) * scale,
                rows["ci_high"].to_numpy(dtype=float) * scale,
                color=color,
                alpha=0.18,
                linewidth=0,
            )
            band.set_gid(f"ci:{outlet}")
        ax.set_xlabel("Week (starting Monday)")
        ax.set_ylabel(ylabel)
        ax.set_ylim(bottom=0)
        if len(data):
            ax.legend(title="Outlet", loc="upper left", ncols=min(4, data["outlet"].nunique()))
        fig.autofmt_xdate()
        annotate_figure(
            fig,
            title=title,
            subtitle=corpus_subtitle(
                corpus_label,
                int(data.groupby("outlet")["n_docs"].sum().sum()) if len(data) else 0,
                extra="shaded: 95% CI",
            ),
            source=source,
        )
    return fig
