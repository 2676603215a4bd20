"""Source attribution: quotes and paraphrases, speakers, roles, cue-verb classes."""

from framelens.attribution.actors import load_actors
from framelens.attribution.cues import CUE_CLASSES, CueLexicon, load_cues
from framelens.attribution.extract import (
    ATTRIBUTION_SCHEMA,
    attribution_spans,
    extract_attributions,
)
from framelens.attribution.speakers import resolve_speakers
from framelens.attribution.tables import (
    mentioned_not_quoted,
    quote_table,
    share_of_voice,
    verb_class_rates,
)

__all__ = [
    "ATTRIBUTION_SCHEMA",
    "CUE_CLASSES",
    "CueLexicon",
    "attribution_spans",
    "extract_attributions",
    "load_actors",
    "load_cues",
    "mentioned_not_quoted",
    "quote_table",
    "resolve_speakers",
    "share_of_voice",
    "verb_class_rates",
]
