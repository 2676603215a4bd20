"""Keyword in context: every match with its surroundings, for auditing any number.

A rate in a chart is a count of rows of :func:`~framelens.lexicons.lexicon_matches`;
:func:`kwic` lists those rows with their left and right context, the sentence they sit in,
the outlet, date and voice, so each can be checked by reading it.
"""

from __future__ import annotations

import re

import pandas as pd

from framelens.corpus.model import Corpus
from framelens.corpus.units import sentence_spans
from framelens.lexicons.matching import LexiconsArg, lexicon_matches

#: Columns of :func:`kwic`, in order.
KWIC_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "outlet": "str",
    "date": "datetime64[ns]",
    "sentence_id": "int64",
    "start": "int64",
    "end": "int64",
    "voice": "str",
    "left": "str",
    "match": "str",
    "right": "str",
    "sentence": "str",
    "term": "str",
    "category": "str",
    "lexicon": "str",
    "lexicon_version": "str",
}


_WS = re.compile(r"\s+")


def _one_line(s: str) -> str:
    return _WS.sub(" ", s)


def kwic(
    matches_or_corpus: pd.DataFrame | Corpus,
    query: str,
    *,
    corpus: Corpus | None = None,
    window: int = 60,
    lexicons: LexiconsArg = None,
) -> pd.DataFrame:
    """Every match of a term or category with ``window`` characters of context each side.

    Parameters
    ----------
    matches_or_corpus : DataFrame or Corpus
        A :func:`~framelens.lexicons.lexicon_matches` table (then pass ``corpus`` for the
        text), or a corpus, which is matched with ``lexicons`` first.
    query : str
        Selects rows whose ``term`` (as written in the lexicon, e.g. ``"extremist~"``),
        ``category``, or lower-cased ``matched_text`` equals ``query`` (case-insensitive).
    corpus : Corpus, optional
        Required with a matches table: supplies text, outlet and date.
    window : int, default 60
        Characters of context on each side (whitespace runs shown as one space).
    lexicons : Lexicon, path, list, LexiconMatcher or None, default None
        Used only when a corpus is given.

    Returns
    -------
    DataFrame
        :data:`KWIC_SCHEMA`, in corpus order then offset; ``sentence`` is the whole sentence
        holding the match.

    Examples
    --------
    >>> from framelens.corpus import Corpus
    >>> c = Corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "text": ["Police said rioters fled. Calm returned."]}))
    >>> kwic(c, "rioters", window=12)[["left", "match", "right"]].values.tolist()
    [['Police said ', 'rioters', ' fled. Calm ']]
    """
    if window < 0:
        raise ValueError("window must be >= 0")
    if isinstance(matches_or_corpus, Corpus):
        corpus = matches_or_corpus
        matches = lexicon_matches(corpus, lexicons)
    else:
        if corpus is None:
            raise ValueError("kwic(matches, ...) needs corpus= to supply the article text")
        matches = matches_or_corpus
    q = query.strip().lower()
    sel = matches[
        (matches["term"].str.lower() == q)
        | (matches["category"].str.lower() == q)
        | (matches["matched_text"].str.lower() == q)
    ]
    rows = []
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    sel = sel.assign(_o=sel["doc_id"].map(order)).sort_values(["_o", "start", "category"])
    for doc_id, g in sel.groupby("doc_id", sort=False):
        doc = corpus[str(doc_id)]
        text = doc.text
        sents = sentence_spans(text)
        for r in g.itertuples(index=False):
            s, e, sid = int(r.start), int(r.end), int(r.sentence_id)
            ss, se = sents[sid] if 0 <= sid < len(sents) else (s, e)
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "outlet": doc.outlet,
                    "date": doc.date,
                    "sentence_id": sid,
                    "start": s,
                    "end": e,
                    "voice": r.voice,
                    "left": _one_line(text[max(0, s - window) : s]),
                    "match": text[s:e],
                    "right": _one_line(text[e : e + window]),
                    "sentence": _one_line(text[ss:se]).strip(),
                    "term": r.term,
                    "category": r.category,
                    "lexicon": r.lexicon,
                    "lexicon_version": r.lexicon_version,
                }
            )
    out = pd.DataFrame(rows, columns=list(KWIC_SCHEMA))
    for col, dtype in KWIC_SCHEMA.items():
        out[col] = out[col].astype(dtype)
    out.attrs = {
        "framelens": {
            "table": "kwic",
            "query": query,
            "window": window,
            "lexicons": matches.attrs.get("framelens", {}).get("lexicons", []),
            "corpus": corpus.attrs,
        }
    }
    return out
