"""Drawing estimates with their confidence intervals: grouped bars with whiskers.

Shared by the rate and share charts. Each series (usually an outlet) is one
``ax.barh`` call (a ``BarContainer`` labelled with the series name) plus one ``ax.errorbar``
call (whiskers from ``ci_low`` to ``ci_high``, gid ``"ci:<series>"``), so tests and users can
find a series' bars and intervals by name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from framelens.plots.style import NEUTRAL, annotate_figure, framelens_style

#: Columns every estimate table drawn here must have (``framelens.stats.ratio_table``).
ESTIMATE_COLUMNS = ("estimate", "ci_low", "ci_high")

CI_COLOR = "#222222"


def require_columns(table: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise ``ValueError`` naming the chart and the columns ``table`` lacks."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{what}: table lacks column(s) {missing}; it has {list(table.columns)}")


def total_articles(table: pd.DataFrame, by: str = "outlet") -> int:
    """Return the number of articles behind a ratio table: per ``by`` group the largest
    ``n_docs`` (every category of one outlet shares its articles), summed over groups."""
    if "n_docs" not in table.columns or table.empty:
        return 0
    if by not in table.columns:
        return int(table["n_docs"].max())
    return int(table.groupby(by, sort=True)["n_docs"].max().sum())


def ordered(values: pd.Series, order: Sequence[str] | None = None) -> list[str]:
    """Unique values of ``values`` as strings: ``order`` first (those present), then sorted."""
    present = sorted({str(v) for v in values.dropna()})
    if order is None:
        return present
    head = [str(o) for o in order if str(o) in present]
    return head + [v for v in present if v not in head]


def draw_ci_bars(
    ax: Axes,
    table: pd.DataFrame,
    *,
    group_col: str,
    series_col: str,
    colors: Mapping[str, str],
    group_order: Sequence[str] | None = None,
    series_order: Sequence[str] | None = None,
    hatch: Mapping[str, str] | None = None,
    color_by: Literal["series", "group"] = "series",
) -> list[str]:
    """Draw horizontal bars of ``estimate`` per group (y) and series (bar within the group),
    each with a ``ci_low``-``ci_high`` whisker.

    Rows with a missing estimate are not drawn. Groups are listed top to bottom. Bars take
    ``colors[series]`` (``color_by="series"``) or ``colors[group]`` (``"group"``); ``hatch``
    maps a series to a hatch pattern.

    Returns
    -------
    list of str
        The groups in drawing order (top to bottom).
    """
    groups = ordered(table[group_col], group_order)
    series = ordered(table[series_col], series_order)
    n_series = max(1, len(series))
    height = 0.8 / n_series
    pos = {g: len(groups) - 1 - i for i, g in enumerate(groups)}
    for j, s in enumerate(series):
        rows = table[(table[series_col].astype(str) == s) & table["estimate"].notna()]
        rows = rows.assign(_g=rows[group_col].astype(str))
        rows = rows.set_index("_g").reindex([g for g in groups if g in set(rows["_g"])])
        if rows.empty:
            continue
        offset = 0.4 - height * (j + 0.5)
        y = np.array([pos[g] + offset for g in rows.index], dtype=float)
        est = rows["estimate"].to_numpy(dtype=float)
        lo = rows["ci_low"].to_numpy(dtype=float)
        hi = rows["ci_high"].to_numpy(dtype=float)
        if color_by == "series":
            bar_colors = [colors.get(s, NEUTRAL)] * len(rows)
        else:
            bar_colors = [colors.get(g, NEUTRAL) for g in rows.index]
        pattern = (hatch or {}).get(s)
        ax.barh(
            y,
            est,
            height=height * 0.9,
            color="white" if pattern else bar_colors,
            hatch=pattern,
            edgecolor=bar_colors if pattern else "white",
            label=s,
        )
        ok = ~(np.isnan(lo) | np.isnan(hi))
        if ok.any():
            err = np.vstack([est[ok] - lo[ok], hi[ok] - est[ok]]).clip(min=0)
            container = ax.errorbar(
                est[ok], y[ok], xerr=err, fmt="none", ecolor=CI_COLOR, elinewidth=1.0, capsize=2.5
            )
            for coll in container.lines[2]:
                coll.set_gid(f"ci:{s}")
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels(list(reversed(groups)))
    ax.set_ylim(-0.6, len(groups) - 0.4)
    ax.set_xlim(left=0)
    return groups


def ci_bar_figure(
    table: pd.DataFrame,
    *,
    group_col: str,
    colors: Mapping[str, str],
    xlabel: str,
    ylabel: str,
    title: str,
    subtitle: str,
    source: str,
    group_order: Sequence[str] | None = None,
    scale: float = 1.0,
) -> Figure:
    """A figure of :func:`draw_ci_bars` with one bar per outlet in every group.

    ``scale`` multiplies ``estimate``, ``ci_low`` and ``ci_high`` for display (e.g. 100 to
    draw fractions as percentages).
    """
    shown = table.copy()
    for col in ESTIMATE_COLUMNS:
        shown[col] = shown[col].astype(float) * scale
    n_groups = max(1, shown[group_col].nunique())
    n_out = max(1, shown["outlet"].nunique())
    with framelens_style():
        fig = Figure(figsize=(8.0, min(11.0, 2.0 + 0.2 * n_groups * n_out + 0.3 * n_groups)))
        ax = fig.add_subplot()
        draw_ci_bars(
            ax,
            shown,
            group_col=group_col,
            series_col="outlet",
            colors=colors,
            group_order=group_order,
        )
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if n_out > 0 and len(shown):
            ax.legend(title="Outlet", loc="upper left", bbox_to_anchor=(1.01, 1.0))
        annotate_figure(fig, title=title, subtitle=subtitle, source=source)
    return fig
