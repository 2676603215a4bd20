"""The naming chart: how each outlet splits one concept's mentions between its variants.

One horizontal bar per outlet, stacked by variant share (summing to 100 %), with a whisker
at each segment's right edge showing that variant's 95 % article-resampled bootstrap
interval (from :func:`framelens.naming.naming_table`). The ``n`` at the end of each bar is
the number of concept mentions it rests on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import patheffects as pe
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from framelens.plots.style import (
    DEFAULT_SOURCE,
    NEUTRAL,
    OKABE_ITO,
    annotate_figure,
    corpus_subtitle,
    framelens_style,
)

#: Gids of the artists :func:`plot_naming` draws.
SEGMENT_GID = "naming-segment"
CI_GID = "naming-ci"
COUNT_GID = "naming-n"
#: Label of the merged segment of the least-used variants.
OTHER = "other"


def plot_naming(
    table: pd.DataFrame,
    concept: str,
    *,
    drop_unused: bool = True,
    max_variants: int = len(OKABE_ITO) - 1,
    title: str | None = None,
    corpus_label: str = "corpus",
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """Draw stacked variant shares per outlet for one concept, with bootstrap CIs.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`framelens.naming.naming_table`.
    concept : str
        Concept to draw, e.g. ``"PROTESTERS"``.
    drop_unused : bool, default True
        Leave out variants no outlet uses.
    max_variants : int, default 7
        Draw at most this many variants (the most used overall, at most 7 so every one
        gets its own Okabe–Ito colour); the others are summed into a grey "other" segment
        drawn without a whisker.
    title, corpus_label, source : str
        Title (default ``"How outlets name <concept>"``), subtitle corpus name, source line.

    Returns
    -------
    matplotlib.figure.Figure
        Variants are the series, coloured in table (concept-file) order from the Okabe–Ito
        palette; outlets that never name the concept get an empty bar marked "not named".
    """
    if not 1 <= max_variants <= len(OKABE_ITO) - 1:
        raise ValueError(f"max_variants must be between 1 and {len(OKABE_ITO) - 1}")
    sub = table[table["concept"] == concept]
    if sub.empty:
        raise ValueError(
            f"concept {concept!r} not in the table; concepts: {sorted(table['concept'].unique())}"
        )
    variants = list(dict.fromkeys(sub["variant"]))
    if drop_unused:
        used = sub.groupby("variant")["count"].sum()
        variants = [v for v in variants if used.get(v, 0) > 0] or variants[:1]
    groups = sorted(sub["group"].unique())
    share = sub.pivot(index="group", columns="variant", values="share").reindex(
        index=groups, columns=variants
    )
    lo = sub.pivot(index="group", columns="variant", values="ci_low").reindex(
        index=groups, columns=variants
    )
    hi = sub.pivot(index="group", columns="variant", values="ci_high").reindex(
        index=groups, columns=variants
    )
    total = sub.groupby("group")["concept_count"].first().reindex(groups)
    # At most len(OKABE_ITO) - 1 named variants (the most used); the rest share one grey
    # "other" segment without a whisker (its interval is not in the table).
    other: list[str] = []
    if len(variants) > max_variants:
        used = sub.groupby("variant")["count"].sum()
        ranked = sorted(variants, key=lambda v: (-used.get(v, 0), variants.index(v)))
        keep = set(ranked[:max_variants])
        other = [v for v in variants if v not in keep]
        variants = [v for v in variants if v in keep]
        share[OTHER] = share[other].sum(axis=1, min_count=1)
    palette = [OKABE_ITO[i] for i in range(len(variants))]
    ypos = np.arange(len(groups))[::-1]
    with framelens_style():
        fig = Figure(figsize=(9.0, 1.6 + 0.5 * max(len(groups), len(variants) * 0.6)))
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        left = np.zeros(len(groups))
        series = list(zip(variants, palette, strict=True))
        if other:
            series.append((OTHER, NEUTRAL))
        for v, color in series:
            w = share[v].to_numpy(dtype=float)
            w0 = np.nan_to_num(w)
            ax.barh(ypos, w0, left=left, color=color, label=v, height=0.6, gid=SEGMENT_GID)
            right = left + w0
            ok = ~np.isnan(w) & (w0 > 0) & (v != OTHER)
            if ok.any():
                err = np.vstack(
                    [
                        (w - lo[v].to_numpy(dtype=float))[ok],
                        (hi[v].to_numpy(dtype=float) - w)[ok],
                    ]
                )
                eb = ax.errorbar(
                    right[ok],
                    ypos[ok],
                    xerr=np.clip(err, 0, None),
                    fmt="none",
                    ecolor="#222222",
                    elinewidth=0.9,
                    capsize=2.5,
                )
                for artist in (*eb.lines[1], *eb.lines[2]):
                    artist.set_gid(CI_GID)
                    # a white halo keeps whiskers visible on dark segments
                    artist.set_path_effects([pe.withStroke(linewidth=2.2, foreground="white")])
            left = right
        for y, g in zip(ypos, groups, strict=True):
            n = total[g]
            named = bool(n) and not pd.isna(n) and n > 0
            label = f"n = {int(n):,}" if named else "not named"
            ax.text(
                1.02,
                y,
                label,
                va="center",
                fontsize=8,
                color=NEUTRAL,
                gid=COUNT_GID,
                transform=ax.get_yaxis_transform(),
            )
        ax.set_yticks(ypos, groups)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
        ax.set_xlabel(f"share of {concept} mentions (whiskers: 95% bootstrap CI)")
        ax.legend(loc="center left", bbox_to_anchor=(1.13, 0.5), fontsize=8, title="variant")
        attrs = table.attrs.get("framelens", {})
        annotate_figure(
            fig,
            title=title or f"How outlets name {concept}",
            subtitle=corpus_subtitle(
                corpus_label, int(attrs.get("n_docs", 0)), extra=f"{attrs.get('voice', '')} voice"
            ),
            source=source,
        )
    return fig
