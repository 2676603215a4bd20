"""The corpus at a glance: articles per outlet and per outlet and week."""

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


def plot_corpus_overview(
    table: pd.DataFrame,
    *,
    corpus_label: str,
    outlets: Sequence[str] | None = None,
    title: str = "The corpus: articles by outlet and week",
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """Left: articles per outlet (bars). Right: articles per outlet and week (lines).

    Counts are exact (no sampling model), so no intervals are drawn; the right panel shows
    where the weekly estimates of the over-time charts rest on few articles.

    Parameters
    ----------
    table : DataFrame
        ``outlet``, ``week`` (datetime; NaT for undated articles), ``n_articles``; one row
        per outlet and week (``framelens.report.tables.articles_by_week``).

    Returns
    -------
    matplotlib.figure.Figure
    """
    require_columns(table, ["outlet", "week", "n_articles"], "plot_corpus_overview")
    colors = outlet_colors(outlets if outlets is not None else table["outlet"])
    per_outlet = table.groupby("outlet", sort=True)["n_articles"].sum()
    names = [str(o) for o in per_outlet.index]
    dated = table[table["week"].notna()].assign(week=lambda d: pd.to_datetime(d["week"]))
    with framelens_style():
        fig = Figure(figsize=(9.0, max(4.2, 2.2 + 0.3 * len(names))))
        ax_bar, ax_time = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.6]})
        ypos = list(range(len(names) - 1, -1, -1))
        ax_bar.barh(
            ypos,
            per_outlet.to_numpy(dtype=float),
            color=[colors.get(n, "#7F7F7F") for n in names],
            height=0.7,
            label="articles",
        )
        ax_bar.set_yticks(ypos)
        ax_bar.set_yticklabels(names)
        ax_bar.set_xlabel("Articles (count)")
        ax_bar.set_ylabel("Outlet")
        for y, v in zip(ypos, per_outlet.to_numpy(), strict=True):
            ax_bar.annotate(
                f"{int(v):,}",
                (float(v), y),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax_time.grid(True, axis="y")
        for name in names:
            rows = dated[dated["outlet"].astype(str) == name].sort_values("week")
            if rows.empty:
                continue
            ax_time.plot(
                rows["week"].to_numpy(),
                rows["n_articles"].to_numpy(dtype=float),
                color=colors.get(name, "#7F7F7F"),
                marker="o",
                markersize=3,
                label=name,
            )
        ax_time.set_xlabel("Week (starting Monday)")
        ax_time.set_ylabel("Articles per week (count)")
        ax_time.set_ylim(bottom=0)
        if len(dated):
            ax_time.legend(title="Outlet", loc="upper left", fontsize=8)
        for lab in ax_time.get_xticklabels():
            lab.set_rotation(30)
            lab.set_horizontalalignment("right")
        undated = int(table.loc[table["week"].isna(), "n_articles"].sum())
        extra = f"{undated:,} undated" if undated else ""
        annotate_figure(
            fig,
            title=title,
            subtitle=corpus_subtitle(corpus_label, int(per_outlet.sum()), extra=extra),
            source=source,
        )
    return fig
