"""Loaded language: versioned lexicons, fast phrase matching, voice, rates with CIs, KWIC.

Import from here: :func:`load_lexicon`, :func:`default_lexicons`, :func:`lexicon_matches`,
:func:`lexicon_rates`, :func:`lexicon_pairwise`, :func:`kwic`. Methodology and the default
lexicons' data cards: ``docs/lexicons.md``.
"""

from framelens.lexicons.format import (
    Category,
    Entry,
    Lexicon,
    LexiconError,
    lexicon_from_dict,
    load_lexicon,
    parse_entry,
    read_csv_lexicon,
    read_dic,
)
from framelens.lexicons.kwic import KWIC_SCHEMA, kwic
from framelens.lexicons.matching import (
    MATCH_SCHEMA,
    SCARE_QUOTE_MAX_WORDS,
    LexiconMatcher,
    compile_lexicons,
    default_lexicon_paths,
    default_lexicons,
    document_lexicon_matches,
    lexicon_matches,
    normalise,
    voice_spans,
)
from framelens.lexicons.rates import PAIRWISE_SCHEMA, RATES_SCHEMA, lexicon_pairwise, lexicon_rates

__all__ = [
    "KWIC_SCHEMA",
    "MATCH_SCHEMA",
    "PAIRWISE_SCHEMA",
    "RATES_SCHEMA",
    "SCARE_QUOTE_MAX_WORDS",
    "Category",
    "Entry",
    "Lexicon",
    "LexiconError",
    "LexiconMatcher",
    "compile_lexicons",
    "default_lexicon_paths",
    "default_lexicons",
    "document_lexicon_matches",
    "kwic",
    "lexicon_from_dict",
    "lexicon_matches",
    "lexicon_pairwise",
    "lexicon_rates",
    "load_lexicon",
    "normalise",
    "parse_entry",
    "read_csv_lexicon",
    "read_dic",
    "voice_spans",
]
