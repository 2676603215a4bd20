"""Descriptive tables of a loaded corpus: reconciliation, counts, lengths, duplicates.

These back ``framelens corpus validate`` and ``framelens corpus info``; each is a tidy table.
"""

from __future__ import annotations

import pandas as pd

from framelens.corpus.model import Corpus
from framelens.corpus.units import word_count


def reconciliation_table(corpus: Corpus) -> pd.DataFrame:
    """Every input file (and table row problem) with its fate.

    Returns
    -------
    pandas.DataFrame
        Columns ``status`` (``loaded`` | ``rejected`` | ``skipped``), ``source_path``,
        ``articles`` (for loaded files), ``reason``, ``line``, ``field``, ``message``; sorted by
        status then path. A table file with bad rows appears once as ``loaded`` and once per
        bad row as ``rejected``.
    """
    frame = corpus.to_frame()
    loaded = (
        frame.groupby("source_path", sort=True)
        .size()
        .rename("articles")
        .reset_index()
        .assign(status="loaded")
    )
    rejected = corpus.rejections.assign(status="rejected")
    skipped = pd.DataFrame(
        corpus.attrs.get("skipped", []), columns=["source_path", "reason"]
    ).assign(status="skipped")
    cols = ["status", "source_path", "articles", "reason", "line", "field", "message"]
    out = pd.concat(
        [t.reindex(columns=cols) for t in (loaded, rejected, skipped) if len(t)],
        ignore_index=True,
    ).reindex(columns=cols)
    out["articles"] = out["articles"].astype("Int64")
    out["line"] = out["line"].astype("Int64")
    order = {"loaded": 0, "rejected": 1, "skipped": 2}
    out = out.sort_values(
        ["status", "source_path", "line"], key=lambda s: s.map(order) if s.name == "status" else s
    )
    return out.reset_index(drop=True)


def articles_by(corpus: Corpus, by: str) -> pd.DataFrame:
    """Count articles by ``outlet``, ``language``, ``ownership`` or ``month`` (``YYYY-MM``).

    Missing values are counted as ``"(unknown)"``. Columns: ``<by>``, ``articles``.
    """
    frame = corpus.to_frame()
    if by == "month":
        key = frame["date"].dt.strftime("%Y-%m")
    elif by == "ownership":
        key = frame["outlet_ownership"] if "outlet_ownership" in frame else pd.Series(dtype="str")
    elif by in frame.columns:
        key = frame[by]
    else:
        raise ValueError(f"cannot count articles by {by!r}")
    key = key.astype("object").where(key.notna(), "(unknown)").reindex(frame.index)
    counts = key.fillna("(unknown)").value_counts().rename("articles")
    out = counts.rename_axis(by).reset_index()
    return out.sort_values([by], kind="stable").reset_index(drop=True)


def length_table(corpus: Corpus) -> pd.DataFrame:
    """Article length in words (``units.word_count``) and characters, per outlet and overall.

    Columns: ``outlet`` (``"(all)"`` for the whole corpus), ``articles``, ``words_mean``,
    ``words_median``, ``words_min``, ``words_max``, ``chars_median``.
    """
    frame = corpus.to_frame()
    lengths = pd.DataFrame(
        {
            "outlet": frame["outlet"],
            "words": [word_count(t) for t in frame["text"]],
            "chars": frame["text"].str.len(),
        }
    )

    def stats(g: pd.DataFrame) -> dict[str, float]:
        return {
            "articles": len(g),
            "words_mean": round(float(g["words"].mean()), 1),
            "words_median": float(g["words"].median()),
            "words_min": int(g["words"].min()),
            "words_max": int(g["words"].max()),
            "chars_median": float(g["chars"].median()),
        }

    if lengths.empty:
        return pd.DataFrame(
            columns=[
                "outlet",
                "articles",
                "words_mean",
                "words_median",
                "words_min",
                "words_max",
                "chars_median",
            ]
        )
    rows = [{"outlet": o, **stats(g)} for o, g in lengths.groupby("outlet", sort=True)]
    rows.append({"outlet": "(all)", **stats(lengths)})
    return pd.DataFrame(rows)


def duplicate_pairs(corpus: Corpus) -> pd.DataFrame:
    """Each flagged duplicate with its original: ``doc_id``, ``duplicate_of``, ``kind``
    (``exact`` when the cleaned texts are identical, else ``near``) and both outlets."""
    frame = corpus.to_frame()
    dups = frame[frame["duplicate_of"].notna()]
    by_id = frame.set_index("doc_id")
    rows = [
        {
            "doc_id": r.doc_id,
            "duplicate_of": r.duplicate_of,
            "kind": "exact"
            if by_id.at[r.duplicate_of, "content_hash"] == r.content_hash
            else "near",
            "outlet": r.outlet,
            "original_outlet": by_id.at[r.duplicate_of, "outlet"],
        }
        for r in dups.itertuples()
    ]
    return pd.DataFrame(
        rows, columns=["doc_id", "duplicate_of", "kind", "outlet", "original_outlet"]
    )
