"""The corpus model: an immutable table of articles with provenance.

Every later feature speaks in character offsets into ``Corpus.text`` (the cleaned
article text). Loading and cleaning never change text after a ``Corpus`` is built;
filters return new corpora.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

#: Fixed columns of ``Corpus.to_frame()``, in order, with their pandas dtypes.
#: Extra user metadata columns follow these, kept as given.
SCHEMA: dict[str, str] = {
    "doc_id": "str",  # unique, stable id (file stem, or table key)
    "outlet": "str",  # canonical outlet name (joined to the outlet registry)
    "title": "str",
    "date": "datetime64[ns]",  # publication date (NaT when unknown)
    "url": "str",
    "author": "str",
    "language": "str",  # ISO 639-1, e.g. "en"
    "section": "str",
    "text": "str",  # cleaned article text: the offset space of every feature
    "source_path": "str",  # file the article came from (relative to the load root)
    "content_hash": "str",  # sha1 of the cleaned text
    "duplicate_of": "str",  # doc_id of the original this article duplicates (NA if none)
}

#: Columns of ``Corpus.rejections``: every input not loaded, and why.
REJECTION_SCHEMA: dict[str, str] = {
    "source_path": "str",
    "line": "Int64",  # 1-based line (or table row) where the problem is, when known
    "field": "str",  # offending field / column, when known
    "reason": "str",  # short machine-readable code, e.g. "empty_body"
    "message": "str",  # human-readable explanation naming file, line and field
}

#: Columns of ``Corpus.cleaning_log``: every change cleaning made, with its rule.
CLEANING_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "source_path": "str",
    "line": "Int64",  # 1-based line in the raw input (NA for whole-text rules)
    "removed_text": "str",
    "rule": "str",  # rule id, e.g. "share_widget"
    "rule_set": "str",  # rule file / outlet rule set name
    "rule_version": "str",
}


def content_hash(text: str) -> str:
    """Return the sha1 hex digest of ``text`` encoded as UTF-8."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def empty_frame(schema: Mapping[str, str]) -> pd.DataFrame:
    """Return an empty DataFrame with the columns and dtypes of ``schema``."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in schema.items()})


def conform(df: pd.DataFrame, schema: Mapping[str, str]) -> pd.DataFrame:
    """Return ``df`` with the schema's columns first, in order and dtype; extras kept after.

    Missing schema columns are added empty. Raises ``ValueError`` naming a column
    that cannot be converted.
    """
    out = df.copy()
    for col, dtype in schema.items():
        if col not in out.columns:
            out[col] = pd.Series([None] * len(out), index=out.index, dtype=object)
        try:
            if dtype.startswith("datetime64"):
                out[col] = pd.to_datetime(out[col], errors="raise").astype(dtype)
            else:
                out[col] = out[col].astype(dtype)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"column {col!r} cannot be converted to {dtype}: {exc}") from exc
    extras = [c for c in out.columns if c not in schema]
    return out[list(schema) + extras].reset_index(drop=True)


@dataclass(frozen=True)
class Document:
    """One article: what a per-document extractor receives.

    ``text`` is the cleaned text; all offsets produced for this document index it.
    """

    doc_id: str
    text: str
    outlet: str = ""
    title: str = ""
    date: pd.Timestamp | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


class Corpus:
    """An immutable collection of articles over a fixed-schema DataFrame.

    Parameters
    ----------
    frame : pandas.DataFrame
        Articles; conformed to :data:`SCHEMA` (extra columns kept after it).
    rejections : pandas.DataFrame, optional
        Inputs that were not loaded, with :data:`REJECTION_SCHEMA`.
    cleaning_log : pandas.DataFrame, optional
        What cleaning removed, with :data:`CLEANING_SCHEMA`.
    attrs : dict, optional
        Provenance: load root, options, rule and registry versions. Nothing
        time-dependent, so reruns give identical provenance.

    Examples
    --------
    >>> c = Corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["Hi."]}))
    >>> len(c), c["a"].text
    (1, 'Hi.')
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        *,
        rejections: pd.DataFrame | None = None,
        cleaning_log: pd.DataFrame | None = None,
        attrs: Mapping[str, Any] | None = None,
    ) -> None:
        df = frame.copy()
        if "content_hash" not in df.columns and "text" in df.columns:
            df["content_hash"] = [content_hash(str(t)) for t in df["text"]]
        df = conform(df, SCHEMA)
        dup = df["doc_id"][df["doc_id"].duplicated()]
        if len(dup):
            raise ValueError(f"duplicate doc_id values: {sorted(set(dup))[:5]}")
        df.attrs = {}
        self._frame = df
        self._index = {d: i for i, d in enumerate(df["doc_id"])}
        self._rejections = conform(
            rejections if rejections is not None else empty_frame(REJECTION_SCHEMA),
            REJECTION_SCHEMA,
        )
        self._cleaning_log = conform(
            cleaning_log if cleaning_log is not None else empty_frame(CLEANING_SCHEMA),
            CLEANING_SCHEMA,
        )
        self._attrs: dict[str, Any] = dict(attrs or {})

    # -- tables -------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """Return a copy of the article table (:data:`SCHEMA` columns first)."""
        out = self._frame.copy()
        out.attrs = {"corpus": dict(self._attrs)}
        return out

    @property
    def rejections(self) -> pd.DataFrame:
        """Inputs that were not loaded, one row each, with the reason."""
        return self._rejections.copy()

    @property
    def cleaning_log(self) -> pd.DataFrame:
        """Every line or character class that cleaning removed, with the rule."""
        return self._cleaning_log.copy()

    @property
    def attrs(self) -> dict[str, Any]:
        """Provenance of this corpus (a copy)."""
        return dict(self._attrs)

    # -- access -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._frame)

    def __iter__(self) -> Iterator[Document]:
        for i in range(len(self._frame)):
            yield self._document(i)

    def __getitem__(self, doc_id: str) -> Document:
        try:
            return self._document(self._index[doc_id])
        except KeyError:
            raise KeyError(f"no document with doc_id {doc_id!r}") from None

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index

    def __repr__(self) -> str:
        n_out = self._frame["outlet"].nunique()
        return f"<Corpus: {len(self)} articles, {n_out} outlets, {len(self._rejections)} rejected>"

    @property
    def doc_ids(self) -> list[str]:
        """Document ids in corpus order."""
        return list(self._frame["doc_id"])

    def _columns(self) -> dict[str, list[Any]]:
        # Plain Python column lists, built once: iterating documents must not pay for a
        # pandas row lookup per article.
        cols = self.__dict__.get("_cols")
        if cols is None:
            cols = {c: self._frame[c].tolist() for c in self._frame.columns}
            self.__dict__["_cols"] = cols
        return cols

    def _document(self, i: int) -> Document:
        cols = self._columns()
        meta = {c: v[i] for c, v in cols.items() if c not in ("doc_id", "text")}
        date = cols["date"][i]
        outlet, title = cols["outlet"][i], cols["title"][i]
        return Document(
            doc_id=str(cols["doc_id"][i]),
            text=str(cols["text"][i]),
            outlet="" if pd.isna(outlet) else str(outlet),
            title="" if pd.isna(title) else str(title),
            date=None if pd.isna(date) else pd.Timestamp(date),
            meta=meta,
        )

    def with_frame(self, frame: pd.DataFrame, **changes: Any) -> Corpus:
        """Return a new corpus over ``frame``, keeping rejections, log and provenance."""
        attrs = dict(self._attrs)
        for k, v in changes.items():
            attrs.setdefault("derived", []).append({k: v})
        log = self._cleaning_log
        log = log[log["doc_id"].isin(set(frame["doc_id"]))]
        return Corpus(frame, rejections=self._rejections, cleaning_log=log, attrs=attrs)


def corpus_subset(
    corpus: Corpus,
    *,
    outlets: list[str] | None = None,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    doc_ids: list[str] | None = None,
    query: str | None = None,
) -> Corpus:
    """Return a new corpus keeping the articles that pass every given filter.

    Parameters
    ----------
    outlets : list of str, optional
        Keep these outlets.
    start, end : str or Timestamp, optional
        Inclusive date range; articles with unknown date are dropped when either is set.
    doc_ids : list of str, optional
        Keep these documents.
    query : str, optional
        A ``pandas.DataFrame.query`` expression over the article table.
    """
    df = corpus.to_frame()
    keep = pd.Series(True, index=df.index)
    if outlets is not None:
        keep &= df["outlet"].isin(outlets)
    if start is not None:
        keep &= df["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= df["date"] <= pd.Timestamp(end)
    if doc_ids is not None:
        keep &= df["doc_id"].isin(doc_ids)
    out = df[keep.fillna(False)]
    if query is not None:
        out = out.query(query)
    params = {
        "outlets": outlets,
        "start": None if start is None else str(start),
        "end": None if end is None else str(end),
        "doc_ids": None if doc_ids is None else len(doc_ids),
        "query": query,
    }
    return corpus.with_frame(out, subset=params)
