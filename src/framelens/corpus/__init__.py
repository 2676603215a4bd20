"""Corpus loading, cleaning, text units and duplicates. Imports nothing above it."""

from framelens.corpus.model import (
    CLEANING_SCHEMA,
    REJECTION_SCHEMA,
    SCHEMA,
    Corpus,
    Document,
    corpus_subset,
)
from framelens.corpus.units import (
    QuoteScan,
    QuoteSpan,
    paragraph_spans,
    quote_spans,
    sentence_spans,
    word_count,
    word_spans,
)

__all__ = [
    "CLEANING_SCHEMA",
    "REJECTION_SCHEMA",
    "SCHEMA",
    "Corpus",
    "Document",
    "QuoteScan",
    "QuoteSpan",
    "corpus_subset",
    "paragraph_spans",
    "quote_spans",
    "sentence_spans",
    "word_count",
    "word_spans",
]
