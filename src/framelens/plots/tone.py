"""Emotive tone per outlet: the outlet's own narration vs the people it quotes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from framelens.plots.intervals import draw_ci_bars, require_columns, total_articles
from framelens.plots.narrator_quoted import VOICE_HATCH
from framelens.plots.style import (
    DEFAULT_SOURCE,
    NEUTRAL,
    annotate_figure,
    corpus_subtitle,
    framelens_style,
    outlet_colors,
)

#: Panel titles and axis labels per ``measure`` of :func:`framelens.tone.tone_table`.
MEASURE_LABELS: dict[str, tuple[str, str]] = {
    "mean_compound": ("Mean tone (−1 negative … +1 positive)", "Mean VADER compound"),
    "emotive_share": ("Strongly emotive", "% of units with |compound| ≥ 0.5"),
}

#: gid of the zero line of the mean-compound panel.
ZERO_GID = "tone-zero"


def _limits(values: np.ndarray, *, include_zero: bool) -> tuple[float, float]:
    """Axis limits spanning ``values`` (estimates and CI ends) and 0, with a 5% margin."""
    vals = values[~np.isnan(values)]
    lo = min(0.0, float(vals.min())) if len(vals) else 0.0
    hi = max(0.0, float(vals.max())) if len(vals) else 1.0
    if not include_zero:
        lo = 0.0
    pad = 0.05 * (hi - lo) if hi > lo else 0.05
    return lo - (pad if lo < 0 else 0.0), hi + pad


def plot_tone(
    table: pd.DataFrame,
    *,
    corpus_label: str,
    outlets: Sequence[str] | None = None,
    voices: Sequence[str] = ("narrator", "quoted"),
    measures: Sequence[str] = ("mean_compound", "emotive_share"),
    title: str = "Tone: the outlet's own words vs quoted speakers",
    source: str = DEFAULT_SOURCE,
) -> Figure:
    """One panel per measure; in each, two bars per outlet: narrator (solid), quoted (hatched).

    Parameters
    ----------
    table : DataFrame
        :func:`framelens.tone.tone_table` output with ``outlet``, ``voice``, ``measure``,
        ``n_docs``, ``estimate``, ``ci_low``, ``ci_high``. Whiskers are the table's
        cluster-bootstrap percentile 95% intervals (Efron & Tibshirani 1993; articles
        resampled); scores are VADER compound scores (Hutto & Gilbert 2014).
    corpus_label : str
        Corpus name for the subtitle.
    outlets : sequence of str, optional
        The corpus's full outlet list, so colours match every other chart; defaults to the
        outlets in ``table``.
    voices : sequence of str, default ("narrator", "quoted")
        Voices drawn, in order; other voices in the table are ignored.
    measures : sequence of str, default ("mean_compound", "emotive_share")
        Panels, left to right. ``emotive_share`` is drawn in percent; the mean-compound
        panel spans zero and marks it with a line (gid :data:`ZERO_GID`).

    Returns
    -------
    matplotlib.figure.Figure
        Bars are one ``BarContainer`` per voice and panel (label = voice, colour = outlet);
        whiskers carry the gid ``"ci:<voice>"``.
    """
    require_columns(
        table,
        ["outlet", "voice", "measure", "n_docs", "estimate", "ci_low", "ci_high"],
        "plot_tone",
    )
    unknown = [m for m in measures if m not in MEASURE_LABELS]
    if unknown or not measures:
        raise ValueError(f"plot_tone: measures {unknown} unknown; use {list(MEASURE_LABELS)}")
    shown = table[table["voice"].astype(str).isin([str(v) for v in voices])]
    colors = outlet_colors(outlets if outlets is not None else table["outlet"])
    hatch = {v: VOICE_HATCH.get(v, "xx") for v in voices}
    n_out = max(1, shown["outlet"].nunique())
    with framelens_style():
        fig = Figure(figsize=(4.0 + 3.2 * len(measures), min(11.0, 2.4 + 0.55 * n_out)))
        axes = fig.subplots(1, len(measures), sharey=True, squeeze=False)[0]
        for ax, measure in zip(axes, measures, strict=True):
            part = shown[shown["measure"] == measure].copy()
            scale = 100.0 if measure == "emotive_share" else 1.0
            for col in ("estimate", "ci_low", "ci_high"):
                part[col] = part[col].astype(float) * scale
            draw_ci_bars(
                ax,
                part,
                group_col="outlet",
                series_col="voice",
                colors=colors,
                group_order=sorted({str(o) for o in shown["outlet"]}),
                series_order=list(voices),
                hatch=hatch,
                color_by="group",
            )
            vals = part[["estimate", "ci_low", "ci_high"]].to_numpy(dtype=float).ravel()
            ax.set_xlim(*_limits(vals, include_zero=measure == "mean_compound"))
            if measure == "mean_compound":
                ax.axvline(0.0, color="#444444", linewidth=0.8, gid=ZERO_GID)
            name, xlabel = MEASURE_LABELS[measure]
            ax.set_title(name)
            ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
            ax.set_xlabel(xlabel)
        axes[0].set_ylabel("Outlet")
        handles = [
            Patch(
                facecolor=NEUTRAL if not hatch[v] else "white",
                edgecolor=NEUTRAL,
                hatch=hatch[v] or None,
                label=v,
            )
            for v in voices
        ]
        axes[-1].legend(
            handles=handles, title="Voice", loc="upper left", bbox_to_anchor=(1.01, 1.0)
        )
        annotate_figure(
            fig,
            title=title,
            subtitle=corpus_subtitle(
                corpus_label,
                total_articles(shown),
                extra="VADER · whiskers: cluster-bootstrap 95% CIs",
            ),
            source=source,
        )
    return fig
