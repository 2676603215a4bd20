"""Corpus loading, cleaning, text units and duplicates. Imports nothing above it."""

from framelens.corpus.clean import CleanedPage, RuleBook, clean_text, load_rules
from framelens.corpus.decode import decode_bytes
from framelens.corpus.dedupe import corpus_dedupe, find_duplicates
from framelens.corpus.errors import REASONS, CorpusError
from framelens.corpus.load import load_corpus
from framelens.corpus.model import (
    CLEANING_SCHEMA,
    REJECTION_SCHEMA,
    SCHEMA,
    Corpus,
    Document,
    corpus_subset,
)
from framelens.corpus.outlets import OutletRegistry, read_outlets
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
    "REASONS",
    "REJECTION_SCHEMA",
    "SCHEMA",
    "CleanedPage",
    "Corpus",
    "CorpusError",
    "Document",
    "OutletRegistry",
    "QuoteScan",
    "QuoteSpan",
    "RuleBook",
    "clean_text",
    "corpus_dedupe",
    "corpus_subset",
    "decode_bytes",
    "find_duplicates",
    "load_corpus",
    "load_rules",
    "paragraph_spans",
    "quote_spans",
    "read_outlets",
    "sentence_spans",
    "word_count",
    "word_spans",
]
