"""The one framelens chart style, stable outlet colours, annotations and deterministic saving.

Every chart function in :mod:`framelens.plots` draws inside :func:`framelens_style` (a scoped
``matplotlib.rc_context``: nothing leaks into the user's global settings), colours outlets with
:func:`outlet_colors`, labels the figure with :func:`annotate_figure` and is written by
:func:`save_figure`, which produces byte-identical PNG and SVG files on every run together with
the CSV of the plotted numbers and an alt-text file.

Determinism choices
-------------------
* Fonts: DejaVu Sans, shipped inside matplotlib, so no system font lookup and no network.
* SVG text is written as paths (``svg.fonttype = "path"``): the chart looks the same in any
  viewer whether or not it has the font, and the glyph outlines come from the bundled font
  file, so the bytes depend only on the matplotlib version. The words stay available in the
  alt text and the CSV.
* ``svg.hashsalt`` is fixed, so the element ids matplotlib derives from it are stable.
* No dates or software stamps in PNG/SVG metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
from cycler import cycler
from matplotlib.figure import Figure

#: Okabe & Ito (2008) colour-universal-design palette, in the order outlets receive it.
#: Yellow comes last: it is the hardest to read as thin lines on white.
#: Okabe, M. & Ito, K. (2008). *Color Universal Design (CUD): How to make figures and
#: presentations that are friendly to colorblind people*. https://jfly.uni-koeln.de/color/
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#000000",  # black
    "#F0E442",  # yellow
)

#: Neutral colour for non-outlet series (reference lines, "all outlets").
NEUTRAL = "#7F7F7F"

#: Fixed salt for matplotlib's SVG element ids.
SVG_HASHSALT = "framelens"

#: Float format of every CSV framelens writes (figures' data and report tables).
FLOAT_FORMAT = "%.6g"

#: Default source line of the charts.
DEFAULT_SOURCE = "Source: framelens analysis of the articles in the corpus"

#: Figure-level text artists carry these gids (also their ids in the SVG).
TITLE_GID = "framelens-title"
SUBTITLE_GID = "framelens-subtitle"
SOURCE_GID = "framelens-source"

#: The framelens rc settings, applied by :func:`framelens_style`.
RC: dict[Any, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10.0,
    "axes.titlesize": 11.0,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "legend.frameon": False,
    "legend.fontsize": 9.0,
    "xtick.labelsize": 9.0,
    "ytick.labelsize": 9.0,
    "figure.figsize": (8.0, 4.8),
    "figure.dpi": 100.0,
    "figure.facecolor": "white",
    "savefig.dpi": 150.0,
    "savefig.facecolor": "white",
    "svg.fonttype": "path",
    "svg.hashsalt": SVG_HASHSALT,
    "path.simplify": False,
    "errorbar.capsize": 3.0,
}

# Space reserved above and below the axes for the title block and the source line (inches).
_TOP_IN = 0.75
_BOTTOM_IN = 0.35


@contextmanager
def framelens_style() -> Iterator[None]:
    """Apply the framelens rc style for the duration of a ``with`` block.

    A scoped :func:`matplotlib.rc_context`: settings are restored on exit, so importing
    framelens never changes a user's own charts.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with framelens_style():
    ...     fig = plt.figure()
    >>> plt.close(fig)
    """
    with mpl.rc_context(RC):
        yield


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """Return one colour-blind-safe colour per outlet, stable across every chart.

    Outlet names are de-duplicated and sorted; the i-th name receives the i-th colour of
    :data:`OKABE_ITO` (Okabe & Ito 2008). Passing the corpus's full outlet list to every chart
    therefore gives each outlet the same colour everywhere, whatever subset a chart shows.
    With more than eight outlets the palette repeats (charts also label outlets by name).

    Parameters
    ----------
    outlets : iterable of str
        Outlet names, in any order, duplicates allowed.

    Returns
    -------
    dict of str to str
        Outlet name -> hex colour.

    Examples
    --------
    >>> outlet_colors(["B", "A", "B"])
    {'A': '#0072B2', 'B': '#E69F00'}
    """
    names = sorted({str(o) for o in outlets})
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}


def corpus_subtitle(corpus_label: str, n: int, unit: str = "articles", extra: str = "") -> str:
    """Return the standard subtitle ``"<corpus> · n = <n> <unit>"`` (plus ``extra``).

    Examples
    --------
    >>> corpus_subtitle("demo", 1200, extra="95% bootstrap CIs")
    'demo · n = 1,200 articles · 95% bootstrap CIs'
    """
    parts = [corpus_label or "corpus", f"n = {n:,} {unit}"]
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def annotate_figure(fig: Figure, *, title: str, subtitle: str, source: str) -> Figure:
    """Put the title, the subtitle (corpus and n) and the source line on ``fig``.

    The title block sits top-left above the axes and the source line bottom-left; the axes
    are laid out (``tight_layout``) in the space between. The three text artists carry the
    gids :data:`TITLE_GID`, :data:`SUBTITLE_GID` and :data:`SOURCE_GID`. Call it last, after
    drawing, so the layout accounts for tick labels.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig`` itself.
    """
    width_in, height_in = fig.get_size_inches()
    top = 1.0 - _TOP_IN / height_in
    bottom = _BOTTOM_IN / height_in
    left_pad = 0.12 / width_in
    t = fig.text(
        left_pad,
        1.0 - 0.12 / height_in,
        title,
        ha="left",
        va="top",
        fontsize=13,
        fontweight="bold",
        gid=TITLE_GID,
    )
    s = fig.text(
        left_pad,
        1.0 - 0.42 / height_in,
        subtitle,
        ha="left",
        va="top",
        fontsize=9.5,
        color="#444444",
        gid=SUBTITLE_GID,
    )
    src = fig.text(
        left_pad, 0.08 / height_in, source, ha="left", va="bottom", fontsize=8, color="#555555"
    )
    src.set_gid(SOURCE_GID)
    for artist in (t, s, src):
        artist.set_wrap(False)
    fig.tight_layout(rect=(0.0, bottom, 1.0, top))
    return fig


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` as UTF-8 CSV with a fixed float format and ``\\n`` line endings.

    The one CSV writer of framelens (figures' data and report tables), so reruns on the same
    input give identical bytes. Rows are written in the order given: sort before calling.
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    text = df.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    out.write_bytes(text.encode("utf-8"))
    return out


def save_figure(
    fig: Figure, path_stem: str | Path, *, data: pd.DataFrame, alt_text: str
) -> list[Path]:
    """Write ``fig`` as deterministic PNG and SVG, plus the CSV of its numbers and alt text.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The chart.
    path_stem : str or Path
        Output path without extension, e.g. ``reports/figures/loaded_terms_by_outlet``;
        parent folders are created.
    data : DataFrame
        The numbers the chart plots (written as ``<stem>.csv`` with :func:`write_csv`).
    alt_text : str
        A sentence or two describing the chart for screen readers (``<stem>.txt``; also the
        SVG ``Description``).

    Returns
    -------
    list of Path
        ``[<stem>.png, <stem>.svg, <stem>.csv, <stem>.txt]``.

    Notes
    -----
    PNG metadata carries no ``Software`` stamp; SVG metadata carries no ``Date``; the SVG
    hash salt is fixed. Two saves of the same figure give identical bytes.
    """
    if not alt_text.strip():
        raise ValueError("alt_text must describe the chart; it is empty")
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    png = stem.with_name(stem.name + ".png")
    svg = stem.with_name(stem.name + ".svg")
    title = next((t.get_text() for t in fig.texts if t.get_gid() == TITLE_GID), stem.name)
    with mpl.rc_context(
        {"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "path", "savefig.dpi": RC["savefig.dpi"]}
    ):
        fig.savefig(png, format="png", metadata={"Software": None}, facecolor="white")
        fig.savefig(
            svg,
            format="svg",
            metadata={"Date": None, "Title": title, "Description": alt_text.strip()},
            facecolor="white",
        )
    csv = write_csv(data, stem.with_name(stem.name + ".csv"))
    txt = stem.with_name(stem.name + ".txt")
    txt.write_bytes((alt_text.strip() + "\n").encode("utf-8"))
    return [png, svg, csv, txt]
