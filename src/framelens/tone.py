"""Emotive tone with VADER, split by voice: the outlet's own narration vs the people it quotes.

Every sentence (:func:`framelens.corpus.units.sentence_spans`) is cut into the characters an
outlet narrates and the characters it puts in someone else's mouth -- inside quotation marks
(:func:`framelens.corpus.units.quote_spans`) or inside attributed speech and paraphrase
(:func:`framelens.attribution.attribution_spans`), merged exactly as the loaded-language voice
split does (:func:`framelens.lexicons.voice_spans`). Each piece is scored with VADER (Hutto &
Gilbert 2014) from the ``vaderSentiment`` wheel, whose lexicon ships inside the package: no
download, no network.

:func:`document_tone` is the pure per-document extractor; :func:`tone_scores` maps it over a
corpus; :func:`tone_table` turns the scores into per-outlet means and emotive shares with
cluster-bootstrap intervals (:func:`framelens.stats.ratio_table`, articles resampled).
Methodology and caveats: ``docs/tone.md``.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. *Proceedings of the Eighth International AAAI Conference on
Weblogs and Social Media (ICWSM-14)*.
Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 13.
Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. *JRSS B* 69(3).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache, partial
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any, Literal, get_args

import numpy as np
import pandas as pd

from framelens.corpus.model import Corpus, Document, empty_frame
from framelens.corpus.units import Span, sentence_spans, word_count
from framelens.pipeline import Backend, map_documents
from framelens.stats import RATIO_SCHEMA, ratio_table

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

#: Columns of :func:`document_tone` / :func:`tone_scores`, in order, with their dtypes.
#: One row per scored unit: a voice's piece of a sentence (``unit="piece"``, the default) or
#: a whole sentence (``unit="sentence"``).
TONE_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "sentence_id": "int64",  # index into sentence_spans(doc.text)
    "start": "int64",  # first character of the unit (half-open offsets into doc.text)
    "end": "int64",  # end of the unit's last character; a piece may have gaps inside
    "voice": "str",  # "narrator" or "quoted"
    "compound": "float64",  # VADER compound score in [-1, 1]
    "pos": "float64",  # VADER proportions of positive / neutral / negative text
    "neu": "float64",
    "neg": "float64",
    "n_words": "int64",  # framelens.corpus.units.word_count of the scored text
}

#: Columns of :func:`tone_table` after the ``by`` columns.
TONE_TABLE_SCHEMA: list[str] = ["voice", "measure", *RATIO_SCHEMA]

#: ``|compound| >= EMOTIVE_THRESHOLD`` marks a strongly emotive unit. 0.5 is the cut-off
#: above which Hutto & Gilbert's compound score is conventionally read as clearly
#: positive/negative (their README suggests +-0.05 for any polarity).
EMOTIVE_THRESHOLD = 0.5

#: Values of the ``measure`` column of :func:`tone_table`.
MEASURES = ("mean_compound", "emotive_share")

Unit = Literal["piece", "sentence"]
ToneVoice = Literal["narrator", "quoted", "all"]
_VOICES: tuple[str, ...] = get_args(ToneVoice)
_UNITS: tuple[str, ...] = get_args(Unit)

# Double quotation marks (the marks quote_spans recognises); removed from narrator pieces,
# whose quoted words have been cut out, so VADER never sees a dangling mark.
_MARKS_RE = re.compile(r"''|[\"“”«»„‟‹›]")
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """The VADER analyzer, built once per process (loading its lexicon is the costly part)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_version() -> str:
    """Installed ``vaderSentiment`` version (recorded in every table's provenance)."""
    try:
        return version("vaderSentiment")
    except PackageNotFoundError:  # pragma: no cover - the dependency is declared
        return "unknown"


def vader_scores(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` scores of ``text`` (Hutto & Gilbert 2014).

    ``compound`` is the sum of the words' lexicon valences, adjusted by VADER's rules
    (boosters, negation, capitals, "but", exclamation marks), normalised by
    ``x / sqrt(x**2 + 15)`` into [-1, 1].

    Examples
    --------
    >>> vader_scores("A calm day.")["compound"]
    0.3182
    """
    return {k: float(v) for k, v in _analyzer().polarity_scores(text).items()}


def _quoted_spans(doc: Document, paraphrase: bool) -> list[Span]:
    from framelens.lexicons.matching import voice_spans

    quoted, _scare = voice_spans(doc, paraphrase=paraphrase)
    return quoted


def _split(text: str, s: int, e: int, quoted: list[Span]) -> tuple[list[Span], list[Span]]:
    """Cut ``[s, e)`` into narrator and quoted segments (``quoted`` sorted, non-overlapping)."""
    narr: list[Span] = []
    quot: list[Span] = []
    pos = s
    for qs, qe in quoted:
        if qe <= s or qs >= e:
            continue
        a, b = max(qs, s), min(qe, e)
        if a > pos:
            narr.append((pos, a))
        quot.append((a, b))
        pos = b
    if pos < e:
        narr.append((pos, e))
    return narr, quot


def _piece(text: str, segments: list[Span], *, strip_marks: bool) -> tuple[str, int, int] | None:
    """Joined text and extent of ``segments``; None when they hold no word."""
    parts: list[str] = []
    first, last = -1, -1
    for a, b in segments:
        chunk = text[a:b]
        if strip_marks:  # same length: offsets inside the chunk stay valid
            chunk = _MARKS_RE.sub(lambda m: " " * len(m.group()), chunk)
        if not chunk.strip():
            continue
        # extent without surrounding whitespace and (narrator) quotation marks
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        first = a + lead if first < 0 else first
        last = b - trail
        parts.append(chunk.strip())
    joined = _SPACE_RE.sub(" ", " ".join(parts)).strip()
    if not joined or word_count(joined) == 0:
        return None
    return joined, first, last


def document_tone(doc: Document, *, unit: Unit = "piece", paraphrase: bool = True) -> pd.DataFrame:
    """VADER tone of every sentence of one article, by voice: the pure per-document extractor.

    Parameters
    ----------
    doc : Document
        The article; offsets index ``doc.text``.
    unit : {"piece", "sentence"}, default "piece"
        ``"piece"`` (recommended) cuts each sentence into its narrator piece and its quoted
        piece and scores each separately: the quoted piece is the sentence's characters
        inside quoted or attributed content spans (joined with spaces when there are
        several), the narrator piece is the rest with quotation marks removed. A piece
        without any word is dropped, so a sentence yields zero, one or two rows.
        ``"sentence"`` scores the whole sentence once and labels it ``quoted`` when *more
        than half* of its characters lie inside quoted or attributed content spans, else
        ``narrator``.
    paraphrase : bool, default True
        Count attributed speech without quotation marks (indirect, "according to", the
        reported clause of a mixed quote; :func:`framelens.attribution.attribution_spans`) as
        quoted voice, as the loaded-language voice split does. ``False`` makes only
        quotation-mark contents quoted: the words the outlet itself chose, paraphrases
        included, are then narrator voice.

    Returns
    -------
    DataFrame
        :data:`TONE_SCHEMA`, ordered by sentence, narrator piece before quoted piece.

    Notes
    -----
    Quoted content is :func:`framelens.lexicons.voice_spans`' ``quoted`` spans: quotation-mark
    contents (:func:`framelens.corpus.units.quote_spans`) merged with attributed speech and
    paraphrase (:func:`framelens.attribution.attribution_spans`). Short unattributed quotes
    (scare quotes, titles, nicknames) stay in the narrator's voice: the outlet chose them.
    Scores are VADER's (Hutto & Gilbert 2014).

    Examples
    --------
    >>> doc = Document("d", 'The minister said "this is a disgraceful, terrible attack," '
    ...                'before the calm session ended.')
    >>> document_tone(doc, paraphrase=False)[["voice", "compound"]].values.tolist()
    [['narrator', 0.3182], ['quoted', -0.7351]]
    """
    if unit not in _UNITS:
        raise ValueError(f"unit={unit!r}; use one of {_UNITS}")
    text = doc.text
    quoted = _quoted_spans(doc, paraphrase)
    cols: dict[str, list[Any]] = {c: [] for c in TONE_SCHEMA}

    def add(sid: int, start: int, end: int, voice: str, scored: str) -> None:
        sc = vader_scores(scored)
        for k, v in (
            ("doc_id", doc.doc_id),
            ("sentence_id", sid),
            ("start", start),
            ("end", end),
            ("voice", voice),
            ("compound", sc["compound"]),
            ("pos", sc["pos"]),
            ("neu", sc["neu"]),
            ("neg", sc["neg"]),
            ("n_words", word_count(scored)),
        ):
            cols[k].append(v)

    for sid, (s, e) in enumerate(sentence_spans(text)):
        narr, quot = _split(text, s, e, quoted)
        if unit == "sentence":
            if word_count(text[s:e]) == 0:
                continue
            inside = sum(b - a for a, b in quot)
            add(sid, s, e, "quoted" if 2 * inside > e - s else "narrator", text[s:e])
            continue
        for voice, segs in (("narrator", narr), ("quoted", quot)):
            piece = _piece(text, segs, strip_marks=voice == "narrator")
            if piece is not None:
                add(sid, piece[1], piece[2], voice, piece[0])
    return pd.DataFrame(cols).astype(TONE_SCHEMA)


def tone_scores(
    corpus: Corpus,
    *,
    unit: Unit = "piece",
    paraphrase: bool = True,
    backend: Backend = "serial",
    n_jobs: int = 2,
    progress: bool | None = None,
) -> pd.DataFrame:
    """:func:`document_tone` of every article (:func:`framelens.pipeline.map_documents`).

    Parameters
    ----------
    corpus : Corpus
    unit : {"piece", "sentence"}, default "piece"
        See :func:`document_tone`.
    paraphrase : bool, default True
        See :func:`document_tone`.
    backend : {"serial", "processes", "dask"}, default "serial"
    n_jobs : int, default 2
    progress : bool or None, default None
        tqdm bar; ``None`` shows it for more than 200 articles.

    Returns
    -------
    DataFrame
        :data:`TONE_SCHEMA` rows in corpus order; ``attrs["framelens"]`` records the unit,
        the VADER version and the corpus provenance.

    Examples
    --------
    >>> c = Corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "text": ["A calm day."]}))
    >>> tone_scores(c)[["doc_id", "voice", "compound"]].values.tolist()
    [['a', 'narrator', 0.3182]]
    """
    if unit not in _UNITS:
        raise ValueError(f"unit={unit!r}; use one of {_UNITS}")
    rows = map_documents(
        partial(document_tone, unit=unit, paraphrase=paraphrase),
        corpus,
        backend=backend,
        n_jobs=n_jobs,
        progress=progress,
        desc="tone",
        empty=empty_frame(TONE_SCHEMA),
    )
    rows.attrs["framelens"] = {
        "unit": unit,
        "paraphrase": paraphrase,
        "analyzer": f"vaderSentiment {vader_version()}",
        "corpus": corpus.attrs,
    }
    return rows


def _per_article(
    rows: pd.DataFrame, corpus: Corpus, by: list[str], voice: str, threshold: float
) -> pd.DataFrame:
    """One row per article: ``by`` columns, ``compound_sum``, ``n_emotive``, ``n_units``."""
    art = corpus.to_frame()
    missing = [b for b in by if b not in art.columns]
    if missing:
        raise ValueError(f"by={missing} not among the corpus columns {list(art.columns)}")
    art = art[["doc_id", *by]].reset_index(drop=True)
    unknown = set(rows["doc_id"]) - set(art["doc_id"])
    if unknown:
        raise ValueError(f"tone rows reference doc_ids not in the corpus: {sorted(unknown)[:5]}")
    r = rows if voice == "all" else rows[rows["voice"] == voice]
    comp = r["compound"].to_numpy(dtype=float)
    agg = (
        pd.DataFrame(
            {
                "doc_id": r["doc_id"].to_numpy(),
                "compound_sum": comp,
                "n_emotive": (np.abs(comp) >= threshold).astype(float),
                "n_units": np.ones(len(r)),
            }
        )
        .groupby("doc_id", sort=False)
        .sum()
    )
    out = art.merge(agg, left_on="doc_id", right_index=True, how="left")
    for c in ("compound_sum", "n_emotive", "n_units"):
        out[c] = out[c].fillna(0.0)
    return out


def tone_table(
    corpus_or_rows: Corpus | pd.DataFrame,
    corpus: Corpus | None = None,
    *,
    by: str | list[str] = "outlet",
    voice: ToneVoice | Sequence[ToneVoice] = "narrator",
    unit: Unit = "piece",
    paraphrase: bool = True,
    emotive_threshold: float = EMOTIVE_THRESHOLD,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    backend: Backend = "serial",
    n_jobs: int = 2,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Mean VADER compound and share of strongly emotive units per group, with 95% CIs.

    Parameters
    ----------
    corpus_or_rows : Corpus or DataFrame
        A corpus (scored here with :func:`tone_scores`) or rows already scored by
        :func:`tone_scores` / :func:`document_tone`.
    corpus : Corpus, optional
        Required with rows: supplies every article (articles without a unit of the voice
        are clusters with zero units) and the grouping columns.
    by : str or list of str, default "outlet"
        Corpus column(s) to group articles by.
    voice : {"narrator", "quoted", "all"} or a sequence of them, default "narrator"
        Which units count: the outlet's own narration, quoted/attributed speech, or both.
        A sequence gives the rows of every voice, stacked.
    unit : {"piece", "sentence"}, default "piece"
        Scoring unit when ``corpus_or_rows`` is a corpus (see :func:`document_tone`).
    paraphrase : bool, default True
        Whether attributed paraphrase is quoted voice, when ``corpus_or_rows`` is a corpus
        (see :func:`document_tone`).
    emotive_threshold : float, default 0.5
        A unit is strongly emotive when ``|compound| >= emotive_threshold``.
    n_boot : int, default 2000
        Bootstrap replicates.
    ci : float, default 0.95
        Interval level.
    seed : int, default 0
        Bootstrap seed: the same seed gives the same intervals.
    backend : {"serial", "processes", "dask"}, default "serial"
        Where a corpus is scored (:func:`framelens.pipeline.map_documents`).
    n_jobs : int, default 2
        Workers for ``"processes"``.
    progress : bool or None, default None
        tqdm bar while scoring a corpus; ``None`` shows it for more than 200 articles.

    Returns
    -------
    DataFrame
        ``by`` columns then :data:`TONE_TABLE_SCHEMA`, one row per group, voice and measure,
        sorted. ``measure`` is ``"mean_compound"`` (``numerator`` = sum of compound scores of
        the group's units, ``denominator`` = number of units) or ``"emotive_share"``
        (``numerator`` = strongly emotive units; a fraction in [0, 1]). ``n_docs`` counts
        the group's articles. ``attrs["framelens"]`` records the parameters, the VADER
        version and the corpus provenance.

    Notes
    -----
    Both measures are ratio estimators ``sum over articles / sum over articles``: a unit
    mean, not a mean of article means. Intervals are percentile intervals of a cluster
    bootstrap that resamples articles within each group (Efron & Tibshirani 1993, ch. 13;
    Field & Welsh 2007) via :func:`framelens.stats.ratio_table`. Scores are VADER's
    (Hutto & Gilbert 2014).

    Examples
    --------
    >>> c = Corpus(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"],
    ...     "text": ["A calm day.", "A terrible, horrifying attack."]}))
    >>> t = tone_table(c, n_boot=200)
    >>> t[["outlet", "measure", "n_docs", "denominator"]].values.tolist()
    [['X', 'emotive_share', 2, 2.0], ['X', 'mean_compound', 2, 2.0]]
    """
    if isinstance(corpus_or_rows, Corpus):
        if corpus is not None and corpus is not corpus_or_rows:
            raise ValueError("pass either a corpus, or tone rows and their corpus; not two corpora")
        corpus = corpus_or_rows
        rows = tone_scores(
            corpus,
            unit=unit,
            paraphrase=paraphrase,
            backend=backend,
            n_jobs=n_jobs,
            progress=progress,
        )
    else:
        if corpus is None:
            raise ValueError("tone_table(rows, corpus): the corpus is required with tone rows")
        rows = corpus_or_rows
        missing = [c for c in ("doc_id", "voice", "compound") if c not in rows.columns]
        if missing:
            raise ValueError(f"tone rows lack column(s) {missing}; expected TONE_SCHEMA")
        prov = rows.attrs.get("framelens", {})
        unit = prov.get("unit", unit)
        paraphrase = prov.get("paraphrase", paraphrase)
    voices = [voice] if isinstance(voice, str) else list(voice)
    bad = [v for v in voices if v not in _VOICES]
    if bad or not voices:
        raise ValueError(f"voice={voice!r}; use one or more of {_VOICES}")
    if not 0.0 <= emotive_threshold <= 1.0:
        raise ValueError(f"emotive_threshold={emotive_threshold!r} must lie in [0, 1]")
    by_l = [by] if isinstance(by, str) else list(by)
    parts = []
    for v in voices:
        per = _per_article(rows, corpus, by_l, v, emotive_threshold)
        for measure, num in (("mean_compound", "compound_sum"), ("emotive_share", "n_emotive")):
            t = ratio_table(
                per,
                by=by_l,
                numerator=num,
                denominator="n_units",
                n_boot=n_boot,
                level=ci,
                seed=seed,
            )
            t.insert(len(by_l), "voice", v)
            t.insert(len(by_l) + 1, "measure", measure)
            parts.append(t)
    out = pd.concat(parts, ignore_index=True)
    out = out.sort_values([*by_l, "voice", "measure"], kind="stable").reset_index(drop=True)
    out.attrs["framelens"] = {
        "parameters": {
            "by": by_l,
            "voice": voices,
            "unit": unit,
            "paraphrase": paraphrase,
            "emotive_threshold": emotive_threshold,
            "n_boot": n_boot,
            "ci": ci,
            "seed": seed,
        },
        "analyzer": f"vaderSentiment {vader_version()}",
        "interval": "percentile cluster bootstrap over articles (framelens.stats.ratio_table)",
        "corpus": corpus.attrs,
    }
    return out
