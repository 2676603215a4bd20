"""Charts: one rc style, stable outlet colours, one ``plot_<measure>`` function per chart.

Plot functions take result tables and return a matplotlib ``Figure``; they draw and nothing
else. :func:`save_figure` writes PNG + SVG (deterministic), the CSV of the plotted numbers
and alt text.
"""

from framelens.plots.corpus_overview import plot_corpus_overview
from framelens.plots.keyness import plot_keyness
from framelens.plots.lexicon_rates import plot_lexicon_rates
from framelens.plots.naming import plot_naming
from framelens.plots.narrator_quoted import plot_narrator_quoted
from framelens.plots.over_time import plot_over_time
from framelens.plots.share_of_voice import plot_share_of_voice
from framelens.plots.style import (
    OKABE_ITO,
    annotate_figure,
    corpus_subtitle,
    framelens_style,
    outlet_colors,
    save_figure,
    write_csv,
)
from framelens.plots.tone import plot_tone
from framelens.plots.verb_classes import plot_verb_classes

__all__ = [
    "OKABE_ITO",
    "annotate_figure",
    "corpus_subtitle",
    "framelens_style",
    "outlet_colors",
    "plot_corpus_overview",
    "plot_keyness",
    "plot_lexicon_rates",
    "plot_naming",
    "plot_narrator_quoted",
    "plot_over_time",
    "plot_share_of_voice",
    "plot_tone",
    "plot_verb_classes",
    "save_figure",
    "write_csv",
]
