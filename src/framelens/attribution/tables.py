"""Comparison tables: who is quoted, in what role, introduced by which verbs, per outlet.

Corpus-level functions over per-document extractors (:func:`framelens.pipeline.map_documents`);
shares and rates use :func:`framelens.stats.ratio_table`, which resamples *articles* (the
cluster) for percentile bootstrap intervals (Efron & Tibshirani 1993, ch. 13; Field & Welsh
2007), seeded.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

import pandas as pd

from framelens.attribution.actors import ActorRegistry
from framelens.attribution.extract import (
    ATTRIBUTION_SCHEMA,
    extract_attributions,
    extract_columns,
)
from framelens.attribution.roles import ROLES
from framelens.attribution.speakers import (
    ARTICLE_ACTORS_SCHEMA,
    article_actors,
    resolve_columns,
)
from framelens.corpus.model import Corpus, Document, empty_frame
from framelens.corpus.units import word_count
from framelens.pipeline import Backend, map_documents
from framelens.stats import RATIO_SCHEMA, ratio_table

#: Columns of :func:`quote_table`: :data:`ATTRIBUTION_SCHEMA` then ``outlet, date``.
QUOTE_TABLE_COLUMNS = [*ATTRIBUTION_SCHEMA, "outlet", "date"]

#: Columns of :func:`mentioned_not_quoted`.
MENTIONED_NOT_QUOTED_COLUMNS = ["doc_id", "actor", "kind", "role", "first_start", "n_mentions"]

#: The cue classes of :func:`verb_class_rates`, in report order.
CUE_CLASSES = ("neutral", "endorsing", "distancing", "emotive", "cognition")


def _quotes_of(
    doc: Document,
    *,
    actors: ActorRegistry | None,
    continuations: Literal["merge", "separate"] = "merge",
) -> dict[str, list[Any]]:
    """Extraction and speaker resolution of one article, as column lists (no DataFrame)."""
    return resolve_columns(doc, extract_columns(doc, continuations=continuations), actors=actors)


def _provenance(corpus: Corpus | None, **params: Any) -> dict[str, Any]:
    return {"parameters": params, "corpus": corpus.attrs if corpus is not None else {}}


def quote_table(
    corpus: Corpus,
    *,
    actors: ActorRegistry | None = None,
    continuations: Literal["merge", "separate"] = "merge",
    backend: Backend = "serial",
    n_jobs: int = 2,
) -> pd.DataFrame:
    """Every attribution of the corpus with resolved speakers, roles and outlet/date.

    Parameters
    ----------
    corpus : Corpus
    actors : ActorRegistry, optional
        The user's actor registry (consulted first; default collective actors behind it).
    continuations : {"merge", "separate"}, default "merge"
        One row per speech event (``"merge"``), or one row per sentence of a quotation
        continued after its tag (``"separate"``); see
        :func:`framelens.attribution.extract.extract_attributions`.
    backend : {"serial", "processes", "dask"}, default "serial"
    n_jobs : int, default 2

    Returns
    -------
    DataFrame
        :data:`QUOTE_TABLE_COLUMNS`, in corpus order then content order.

    Examples
    --------
    >>> from framelens.corpus import load_corpus
    >>> q = quote_table(load_corpus("corpus/seed"))  # doctest: +SKIP
    >>> sorted(set(q["speaker"]))  # doctest: +SKIP
    ['Sergei Lavrov', 'Vladimir Makei']
    """
    if continuations not in ("merge", "separate"):
        raise ValueError(f"continuations must be 'merge' or 'separate', got {continuations!r}")
    fn = partial(_quotes_of, actors=actors, continuations=continuations)
    rows = map_documents(
        fn,
        corpus,
        backend=backend,
        n_jobs=n_jobs,
        desc="quotes",
        empty=empty_frame(ATTRIBUTION_SCHEMA),
    )
    meta = corpus.to_frame()[["doc_id", "outlet", "date"]]
    out = rows.merge(meta, on="doc_id", how="left")
    out = out[QUOTE_TABLE_COLUMNS].reset_index(drop=True)
    out.attrs["framelens"] = _provenance(
        corpus,
        actors=None if actors is None else actors.source,
        continuations=continuations,
        backend=backend,
        measure="quote_table",
    )
    return out


def _per_doc_counts(
    quotes: pd.DataFrame, corpus: Corpus | None, by: str, column: str, categories: tuple[str, ...]
) -> pd.DataFrame:
    """One row per article and category: numerator = attributions in the category,
    denominator = all attributions of the article. Articles without attributions (known from
    ``corpus``) get zero rows, so they count as clusters."""
    if corpus is not None:
        docs = corpus.to_frame()[["doc_id", by]] if by != "doc_id" else None
        base = docs if docs is not None else pd.DataFrame({"doc_id": corpus.doc_ids})
    else:
        base = quotes[["doc_id", by]].drop_duplicates("doc_id")
    counts = quotes.groupby(["doc_id", column]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(categories), fill_value=0)
    total = quotes.groupby("doc_id").size()
    recs = []
    for rec in base.to_dict("records"):
        did = rec["doc_id"]
        n = int(total.get(did, 0))
        for cat in categories:
            k = int(counts.at[did, cat]) if did in counts.index else 0
            recs.append({"doc_id": did, by: rec[by], column: cat, "k": k, "n": n})
    return pd.DataFrame(recs)


def share_of_voice(
    quotes: pd.DataFrame,
    corpus: Corpus | None = None,
    *,
    by: str = "outlet",
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Share of attributions by speaker role, per group, with cluster-bootstrap CIs.

    The estimate for a group and role is ``attributions with that role / all attributions``
    over the group's articles (a ratio estimator); the 95% percentile interval resamples
    articles (:func:`framelens.stats.ratio_table`; Efron & Tibshirani 1993; Field & Welsh
    2007).

    Parameters
    ----------
    quotes : DataFrame
        :func:`quote_table` output (needs ``doc_id``, ``speaker_role`` and ``by``).
    corpus : Corpus, optional
        When given, articles without attributions are included as clusters (they change
        ``n_docs`` but no share, since their denominator is 0).
    by : str, default "outlet"
    n_boot : int, default 2000
    seed : int, default 0

    Returns
    -------
    DataFrame
        ``by, role, n_docs, numerator, denominator, estimate, ci_low, ci_high`` with
        ``estimate`` a proportion in [0, 1]; one row per group and role (all roles listed).
    """
    per = _per_doc_counts(quotes, corpus, by, "speaker_role", ROLES)
    per = per.rename(columns={"speaker_role": "role"})
    if not len(per):
        return pd.DataFrame(columns=[by, "role", *RATIO_SCHEMA])
    out = ratio_table(
        per, by=[by, "role"], numerator="k", denominator="n", n_boot=n_boot, seed=seed
    )
    out["role"] = pd.Categorical(out["role"], categories=list(ROLES), ordered=True)
    out = out.sort_values([by, "role"]).reset_index(drop=True)
    out["role"] = out["role"].astype(str)
    out.attrs["framelens"] = _provenance(
        corpus, by=by, n_boot=n_boot, seed=seed, measure="share_of_voice", level=0.95
    )
    return out


def verb_class_rates(
    quotes: pd.DataFrame,
    corpus: Corpus | None = None,
    *,
    by: str = "outlet",
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Cue-verb classes per group: share of attributions and rate per 1,000 words, with CIs.

    ``measure = "share"``: attributions whose cue has the class / all attributions.
    ``measure = "per_1000_words"`` (needs ``corpus``): attributions with the class per 1,000
    words (:func:`framelens.corpus.units.word_count`). Intervals: article-cluster percentile
    bootstrap (Efron & Tibshirani 1993; Field & Welsh 2007) via
    :func:`framelens.stats.ratio_table`.

    Returns
    -------
    DataFrame
        ``measure, by, cue_class, n_docs, numerator, denominator, estimate, ci_low, ci_high``.
    """
    per = _per_doc_counts(quotes, corpus, by, "cue_class", CUE_CLASSES)
    frames = []
    if len(per):
        share = ratio_table(
            per, by=[by, "cue_class"], numerator="k", denominator="n", n_boot=n_boot, seed=seed
        )
        share.insert(0, "measure", "share")
        frames.append(share)
        if corpus is not None:
            words = {d.doc_id: word_count(d.text) for d in corpus}
            per = per.assign(words=per["doc_id"].map(words).fillna(0))
            rate = ratio_table(
                per,
                by=[by, "cue_class"],
                numerator="k",
                denominator="words",
                scale=1000.0,
                n_boot=n_boot,
                seed=seed,
            )
            rate.insert(0, "measure", "per_1000_words")
            frames.append(rate)
    cols = ["measure", by, "cue_class", *RATIO_SCHEMA]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    if len(out):
        order = {c: i for i, c in enumerate(CUE_CLASSES)}
        out = out.sort_values(
            ["measure", by, "cue_class"],
            key=lambda s: s.map(order) if s.name == "cue_class" else s,
            kind="stable",
        ).reset_index(drop=True)
    out.attrs["framelens"] = _provenance(
        corpus, by=by, n_boot=n_boot, seed=seed, measure="verb_class_rates", level=0.95
    )
    return out[cols]


def _actors_of(doc: Document, *, actors: ActorRegistry | None) -> pd.DataFrame:
    rows = extract_attributions(doc)
    return article_actors(doc, rows, actors=actors)


def mentioned_not_quoted(
    corpus: Corpus,
    *,
    actors: ActorRegistry | None = None,
    backend: Backend = "serial",
    n_jobs: int = 2,
) -> pd.DataFrame:
    """Actors named in an article who never speak in it.

    Actors are the people found by title patterns ("Belarusian President Alexander
    Lukashenko"), the registry's actors, and the shipped collective actors ("the
    opposition"); an actor is *quoted* when at least one attribution of the article resolves
    to it (:func:`framelens.attribution.speakers.resolve_speakers`).

    Returns
    -------
    DataFrame
        ``doc_id, actor, kind, role, first_start, n_mentions`` (``first_start``: offset of
        the first mention in the cleaned text), in corpus order then first mention.
    """
    fn = partial(_actors_of, actors=actors)
    allr = map_documents(
        fn,
        corpus,
        backend=backend,
        n_jobs=n_jobs,
        desc="actors",
        empty=empty_frame(ARTICLE_ACTORS_SCHEMA),
    )
    out = allr[allr["n_attributions"] == 0][MENTIONED_NOT_QUOTED_COLUMNS].reset_index(drop=True)
    out.attrs["framelens"] = _provenance(
        corpus, actors=None if actors is None else actors.source, measure="mentioned_not_quoted"
    )
    return out
