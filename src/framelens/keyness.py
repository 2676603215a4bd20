"""Distinctive vocabulary: keyness (log-odds with an informative Dirichlet prior, G²), collocations.

Keyness asks which words and two-word phrases one group of articles (an outlet, an
ownership type, a period) uses more than the rest of the corpus, or more than a chosen
reference group. Counting is sparse: per-group term counts are built from the token
streams (never a dense vocabulary-by-document array) and stored as ``scipy.sparse``
group-by-term matrices; the statistics are vectorised over those counts.

Tokens
------
Words are :data:`framelens.corpus.units.WORD_RE` matches, lower-cased, with curly
apostrophes straightened and a possessive ``'s`` removed ("Valdoria’s" -> "valdoria"). A
token with no letter (``2020``, ``15``) is dropped. Bigrams join two adjacent retained
words that are separated by whitespace only, so a bigram never crosses punctuation, a
quotation mark or a removed (quoted) stretch of text. With ``stop_words="english"``
(scikit-learn's 318-word ``ENGLISH_STOP_WORDS``) stop words are dropped as unigrams and
every bigram containing one is dropped (so "riot police" stays, "of the" and "the police"
go). Unigrams and bigrams are scored as two separate vocabularies, each with its own totals
and prior.

References
----------
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics* 19(1), 61–74.
Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: Lexical feature
selection and evaluation for identifying the content of political conflict. *Political
Analysis* 16(4), 372–403 (eqs. 16–22).
Church, K. W. & Hanks, P. (1990). Word association norms, mutual information, and
lexicography. *Computational Linguistics* 16(1), 22–29.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Any, Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import stats as sps
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from tqdm.auto import tqdm

from framelens.attribution.extract import attribution_spans
from framelens.corpus.model import Corpus, Document
from framelens.corpus.units import WORD_RE, Span, merge_spans, quote_spans

Measure = Literal["log_odds_dirichlet", "g2"]
CollocationMeasure = Literal["pmi", "likelihood_ratio"]
Voice = Literal["all", "narrator", "quoted"]

#: Columns of :func:`keyness_table`, in order. The first seven are the fixed contract;
#: the rest are documented extras.
KEYNESS_SCHEMA: dict[str, str] = {
    "group": "str",  # the group scored (a value of the ``by`` column)
    "term": "str",  # unigram or bigram ("riot police"), lower-cased
    "n_group": "int64",  # count of the term in the group
    "n_reference": "int64",  # count in the reference (the rest, or the reference group)
    "stat": "float64",  # z-score (log_odds_dirichlet) or signed G² (g2); > 0: over-used
    "p": "float64",  # two-sided p-value (normal for z; chi-square, 1 df, for G²)
    "measure": "str",  # "log_odds_dirichlet" or "g2"
    "effect": "float64",  # log-odds difference delta (log_odds) / log2 ratio of rel. freq. (g2)
    "ngram": "int64",  # 1 or 2
    "size_group": "int64",  # retained unigram (or bigram) tokens in the group
    "size_reference": "int64",  # retained unigram (or bigram) tokens in the reference
    "reference": "str",  # "(rest)" or the name of the reference group
}

#: Columns of :func:`collocations`, in order.
COLLOCATION_SCHEMA: dict[str, str] = {
    "group": "str",
    "target": "str",
    "collocate": "str",
    "position": "str",  # "left" (collocate before target) or "right" (after)
    "n_pair": "int64",  # windowed co-occurrences, as NLTK counts them
    "n_target": "int64",  # target count in the group
    "n_collocate": "int64",  # collocate count in the group
    "n_words": "int64",  # retained words in the group (NLTK's N)
    "stat": "float64",
    "measure": "str",
}

REST = "(rest)"
_LETTER_RE = re.compile(r"[^\W\d_]")
# Characters that end a phrase: anything that is neither a word character, whitespace,
# nor an in-word hyphen/apostrophe. Bigrams never cross these.
_BREAK_RE = re.compile(r"[^\w\s'’-]+")
# Joins the voice stretches of one article; the "." keeps bigrams from bridging a gap.
_SEGMENT_JOIN = "\n.\n"


# --- voice ------------------------------------------------------------------------------


def reported_spans(doc: Document) -> list[Span]:
    """Merged spans of reported speech in ``doc``: quotations (marks included) and the
    content spans of attributions (``framelens.attribution.attribution_spans``).
    """
    spans: list[Span] = [(q.start, q.end) for q in quote_spans(doc.text).spans]
    spans.extend(attribution_spans(doc))
    return merge_spans(spans)


def voice_spans(doc: Document, voice: Voice = "all") -> list[Span]:
    """Return the stretches of ``doc.text`` that belong to ``voice``.

    Parameters
    ----------
    doc : Document
    voice : {"all", "narrator", "quoted"}, default "all"
        ``"all"``: the whole text. ``"narrator"``: the text outside reported speech (see
        :func:`reported_spans`). ``"quoted"``: only the reported speech.

    Returns
    -------
    list of (start, end)
        Half-open offsets into ``doc.text``, sorted and non-overlapping.

    Examples
    --------
    >>> d = Document("a", 'Police said: "Rioters attacked." On Monday it rained.')
    >>> [d.text[s:e] for s, e in voice_spans(d, "narrator")]
    ['Police said: ', ' On Monday it rained.']
    """
    n = len(doc.text)
    if voice == "all":
        return [(0, n)] if n else []
    reported = reported_spans(doc)
    if voice == "quoted":
        return reported
    if voice != "narrator":
        raise ValueError(f"unknown voice {voice!r}; use 'all', 'narrator' or 'quoted'")
    out: list[Span] = []
    pos = 0
    for s, e in reported:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < n:
        out.append((pos, n))
    return out


# --- tokens -----------------------------------------------------------------------------


def _norm_word(word: str) -> str:
    """Straighten curly apostrophes and drop a possessive ``'s`` ("regime’s" -> "regime")."""
    w = word.replace("’", "'")
    return w[:-2] if w.endswith("'s") and len(w) > 2 else w


def resolve_stop_words(stop_words: Literal["english"] | Sequence[str] | None) -> frozenset[str]:
    """Return the stop-word set: scikit-learn's English list, a user list, or none."""
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise ValueError(f"stop_words must be 'english', None or a list, not {stop_words!r}")
        return frozenset(ENGLISH_STOP_WORDS)
    return frozenset(w.lower() for w in stop_words)


@dataclass(frozen=True)
class TermAnalyzer:
    """Turn a text into unigram and bigram terms (picklable for worker processes).

    Examples
    --------
    >>> TermAnalyzer(stop=frozenset({"the"}), ngram_range=(1, 2))("The riot police, 2020.")
    (['riot', 'police'], ['riot police'])
    """

    stop: frozenset[str]
    ngram_range: tuple[int, int] = (1, 2)

    def chunks(self, text: str) -> Iterator[list[str]]:
        """Yield runs of retained lower-cased words not separated by punctuation."""
        stop = self.stop
        for chunk in _BREAK_RE.split(text.lower()):
            words = WORD_RE.findall(chunk)
            if words:
                words = [_norm_word(w) for w in words]
                yield [w if (w not in stop and _LETTER_RE.search(w)) else "" for w in words]

    def __call__(self, text: str) -> tuple[list[str], list[str]]:
        lo, hi = self.ngram_range
        uni: list[str] = []
        bi: list[str] = []
        want_uni, want_bi = lo <= 1 <= hi, lo <= 2 <= hi
        for words in self.chunks(text):
            if want_uni:
                uni.extend(w for w in words if w)
            if want_bi and len(words) > 1:
                bi.extend(f"{a} {b}" for a, b in pairwise(words) if a and b)
        return uni, bi


def _doc_texts(doc: Document, voice: Voice) -> list[str]:
    if voice == "all":
        return [doc.text]
    return [doc.text[s:e] for s, e in voice_spans(doc, voice)]


def _voice_text(doc: Document, voice: Voice) -> str:
    """The text of ``doc`` in ``voice``, stretches joined by a bigram-breaking separator."""
    return _SEGMENT_JOIN.join(_doc_texts(doc, voice))


@dataclass
class TermCounts:
    """Per-group counts of one n-gram order: sparse ``groups x terms`` plus totals.

    ``vocab``/``counts``/``doc_freq`` hold only the terms that passed the frequency filters;
    ``sizes`` counts every retained token of the group, before filtering.
    """

    vocab: list[str]
    counts: sp.csr_matrix  # groups x terms (int64)
    doc_freq: np.ndarray  # articles containing each term
    sizes: np.ndarray  # per group: retained unigram (or bigram) tokens


# One findall gives words (units.WORD_RE) and the punctuation runs that break bigrams.
_TOKEN_RE = re.compile(WORD_RE.pattern + "|" + _BREAK_RE.pattern, re.UNICODE)
_CHUNK_DOCS = 10_000
_DOC_END = "\x00"  # a non-word type appended to every article, so no bigram spans two


def _encode_chunk(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Worker: integer-encode the tokens of ``texts`` against a chunk-local type list.

    Returns ``(types, ids, lengths)``: ``ids`` is every article's token ids followed by the
    id of :data:`_DOC_END`; ``lengths`` the number of ids per article (tokens + 1). The
    hashing is ``pandas.factorize`` (C), so Python only runs per article, not per token.
    """
    findall = _TOKEN_RE.findall
    tokens: list[str] = []
    lengths = np.empty(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        toks = findall(text.lower())
        toks.append(_DOC_END)
        lengths[i] = len(toks)
        tokens.extend(toks)
    codes, uniques = pd.factorize(np.asarray(tokens, dtype=object))
    return [str(u) for u in uniques], codes.astype(np.int32), lengths


def _unique_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique values of an int64 array and their counts (one sort, no Counter)."""
    if not len(keys):
        return keys, np.zeros(0, dtype=np.int64)
    keys = np.sort(keys, kind="stable")
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.append(starts, len(keys)))
    return keys[starts], counts


def _order_counts(
    term_ids: np.ndarray,
    tok_group: np.ndarray,
    tok_doc: np.ndarray,
    n_terms: int,
    n_groups: int,
    min_count: int,
    min_docs: int,
) -> tuple[np.ndarray, sp.csr_matrix, np.ndarray, np.ndarray]:
    """Group-by-term sparse counts, document frequencies and group sizes for one order.

    Returns ``(kept_term_ids, counts[:, kept], doc_freq[kept], sizes)``.
    """
    t = term_ids.astype(np.int64)
    sizes = np.bincount(tok_group, minlength=n_groups).astype(np.int64)
    gkeys, gcounts = _unique_counts(tok_group.astype(np.int64) * n_terms + t)
    totals = np.bincount(gkeys % n_terms, weights=gcounts, minlength=n_terms)
    dkeys, _ = _unique_counts(tok_doc.astype(np.int64) * n_terms + t)
    doc_freq = np.bincount(dkeys % n_terms, minlength=n_terms)
    kept = np.flatnonzero((totals >= min_count) & (doc_freq >= min_docs) & (totals > 0))
    col = np.full(n_terms, -1, dtype=np.int64)
    col[kept] = np.arange(len(kept))
    gcol = col[gkeys % n_terms]
    sel = gcol >= 0
    mat = sp.csr_matrix(
        (gcounts[sel].astype(np.int64), ((gkeys // n_terms)[sel], gcol[sel])),
        shape=(n_groups, len(kept)),
    )
    return kept, mat, doc_freq[kept].astype(np.int64), sizes


def group_term_counts(
    corpus: Corpus,
    *,
    by: str = "outlet",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: Literal["english"] | Sequence[str] | None = "english",
    voice: Voice = "all",
    min_count: int = 1,
    min_docs: int = 1,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> tuple[list[str], dict[int, TermCounts]]:
    """Count terms per group as sparse group-by-term matrices, one per n-gram order.

    Tokens are integer-encoded once (in ``n_jobs`` processes); unigram and bigram counts,
    document frequencies and group totals are then computed with sorts over integer keys,
    so no Python object is created per token occurrence and no dense vocabulary-by-document
    array ever exists. Articles whose ``by`` value is missing are left out. Token rules are
    those of :class:`TermAnalyzer` (see the module notes).

    Returns
    -------
    (groups, counts)
        Sorted group names and ``{n: TermCounts}`` for each order ``n`` in ``ngram_range``.
    """
    lo, hi = ngram_range
    if not (1 <= lo <= hi <= 2):
        raise ValueError(f"ngram_range must lie within (1, 2), got {ngram_range!r}")
    frame = corpus.to_frame()
    if by not in frame.columns:
        raise KeyError(f"no column {by!r} in the corpus; available: {list(frame.columns)}")
    stop = resolve_stop_words(stop_words)
    keys = frame[by]
    keep_doc = keys.notna().to_numpy()
    groups = sorted({str(k) for k in keys[keep_doc]})
    code_of = {g: i for i, g in enumerate(groups)}
    codes = np.array([code_of[str(k)] for k in keys[keep_doc]], dtype=np.int64)
    n_docs = int(keep_doc.sum())
    show = n_docs > 2000 if progress is None else progress
    if voice == "all":
        texts = [str(t) for t, k in zip(frame["text"], keep_doc, strict=True) if k]
    else:
        docs = [d for d, k in zip(corpus, keep_doc, strict=True) if k]
        voice_text = partial(_voice_text, voice=voice)
        if n_jobs > 1 and len(docs) > 1:
            with ProcessPoolExecutor(max_workers=n_jobs) as ex:
                chunk = max(1, len(docs) // (n_jobs * 8))
                texts = list(
                    tqdm(
                        ex.map(voice_text, docs, chunksize=chunk),
                        total=n_docs,
                        desc="voice spans",
                        disable=not show,
                        unit="doc",
                    )
                )
        else:
            texts = [
                voice_text(d) for d in tqdm(docs, desc="voice spans", disable=not show, unit="doc")
            ]
        del docs
    # chunks bound the memory of the per-chunk token lists (~10,000 articles each)
    n_chunks = max(max(1, n_jobs) * 4 if n_jobs > 1 else 1, -(-len(texts) // _CHUNK_DOCS))
    size = max(1, -(-len(texts) // n_chunks))
    tasks = [texts[i : i + size] for i in range(0, len(texts), size)]
    if n_jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=n_jobs) as ex:
            encoded = list(
                tqdm(
                    ex.map(_encode_chunk, tasks),
                    total=len(tasks),
                    desc="tokenising",
                    disable=not show,
                    unit="chunk",
                )
            )
    else:
        encoded = [
            _encode_chunk(t) for t in tqdm(tasks, desc="tokenising", disable=not show, unit="chunk")
        ]
    # global type ids: merge the chunk-local type lists
    index: dict[str, int] = {}
    id_parts: list[np.ndarray] = []
    len_parts: list[np.ndarray] = []
    for types, ids, lengths in encoded:
        remap = np.fromiter(
            (index.setdefault(t, len(index)) for t in types), dtype=np.int64, count=len(types)
        )
        id_parts.append(remap[ids])
        len_parts.append(lengths)
    del encoded
    # normalise types (curly apostrophe, possessive 's), merging ids that become equal
    norm_ids, norm_types = pd.factorize(np.asarray([_norm_word(t) for t in index], dtype=object))
    types_all = np.asarray(norm_types, dtype=object)
    n_types = len(types_all)
    ids = norm_ids[np.concatenate(id_parts)] if id_parts else np.zeros(0, dtype=np.int64)
    lengths = np.concatenate(len_parts) if len_parts else np.zeros(0, dtype=np.int64)
    del id_parts
    keep_type = np.fromiter(
        (
            t != _DOC_END
            and t not in stop
            and WORD_RE.fullmatch(t) is not None
            and _LETTER_RE.search(t) is not None
            for t in types_all
        ),
        dtype=bool,
        count=n_types,
    )
    tok_doc = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    out: dict[int, TermCounts] = {}
    kt = keep_type[ids]
    if lo <= 1:
        kept, mat, dfreq, sizes = _order_counts(
            ids[kt], codes[tok_doc[kt]], tok_doc[kt], n_types, len(groups), min_count, min_docs
        )
        out[1] = TermCounts(list(types_all[kept]), mat, dfreq, sizes)
    if hi >= 2:
        pair = kt[:-1] & kt[1:]
        a, b = ids[:-1][pair], ids[1:][pair]
        bigram_keys, bigram_ids = np.unique(a * n_types + b, return_inverse=True)
        pdoc = tok_doc[:-1][pair]
        kept, mat, dfreq, sizes = _order_counts(
            bigram_ids.ravel(),
            codes[pdoc],
            pdoc,
            len(bigram_keys),
            len(groups),
            min_count,
            min_docs,
        )
        kb = bigram_keys[kept]
        vocab = [
            f"{x} {y}"
            for x, y in zip(types_all[kb // n_types], types_all[kb % n_types], strict=True)
        ]
        out[2] = TermCounts(vocab, mat, dfreq, sizes)
    return groups, out


# --- statistics -------------------------------------------------------------------------


def log_odds_dirichlet(
    y_i: np.ndarray,
    y_j: np.ndarray,
    n_i: float,
    n_j: float,
    alpha: np.ndarray,
    alpha_0: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds difference with an informative Dirichlet prior and its z-score.

    Monroe, Colaresi & Quinn (2008), eqs. 16–22::

        delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w))
                - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
        var_w  ~= 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z_w     = delta_w / sqrt(var_w)

    Parameters
    ----------
    y_i, y_j : ndarray
        Counts of each term in group ``i`` and in the reference ``j``.
    n_i, n_j : float
        Total retained tokens in ``i`` and ``j``.
    alpha : ndarray
        Prior pseudo-counts ``a_w`` per term; ``alpha_0`` is their sum over the vocabulary.

    Returns
    -------
    (delta, z) : tuple of ndarray

    Examples
    --------
    >>> d, z = log_odds_dirichlet(np.array([3.0]), np.array([1.0]), 10, 10, np.array([1.0]), 4)
    >>> round(float(d[0]), 4), round(float(z[0]), 4)
    (0.8755, 1.0109)
    """
    yi = np.asarray(y_i, dtype=float)
    yj = np.asarray(y_j, dtype=float)
    a = np.asarray(alpha, dtype=float)
    delta = np.log((yi + a) / (n_i + alpha_0 - yi - a)) - np.log(
        (yj + a) / (n_j + alpha_0 - yj - a)
    )
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    return delta, delta / np.sqrt(var)


def g2_statistic(y_i: np.ndarray, y_j: np.ndarray, n_i: float, n_j: float) -> np.ndarray:
    """Dunning's (1993) log-likelihood G² on each term's 2x2 table (unsigned).

    The table is ``[[y_i, y_j], [n_i - y_i, n_j - y_j]]``; expected counts come from its
    margins and ``G² = 2 * sum(O * ln(O / E))`` with ``0 * ln 0 = 0``. Identical to
    ``scipy.stats.power_divergence(table, expected, lambda_="log-likelihood")``.

    Examples
    --------
    >>> round(float(g2_statistic(np.array([10.0]), np.array([2.0]), 100, 100)[0]), 4)
    6.1626
    """
    yi = np.asarray(y_i, dtype=float)
    yj = np.asarray(y_j, dtype=float)
    obs = np.stack([yi, yj, n_i - yi, n_j - yj])
    total = n_i + n_j
    row_w = yi + yj
    row_o = total - row_w
    exp = np.stack([row_w * n_i, row_w * n_j, row_o * n_i, row_o * n_j]) / total
    from scipy.special import xlogy

    with np.errstate(divide="ignore", invalid="ignore"):
        terms = xlogy(obs, obs) - xlogy(obs, exp)
    return 2.0 * terms.sum(axis=0)


def _score(
    measure: Measure,
    y_i: np.ndarray,
    y_j: np.ndarray,
    n_i: int,
    n_j: int,
    alpha: np.ndarray,
    alpha_0: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (stat, p, effect) arrays."""
    if measure == "log_odds_dirichlet":
        delta, z = log_odds_dirichlet(y_i, y_j, n_i, n_j, alpha, alpha_0)
        return z, 2.0 * sps.norm.sf(np.abs(z)), delta
    if measure == "g2":
        g2 = g2_statistic(y_i, y_j, n_i, n_j)
        with np.errstate(divide="ignore", invalid="ignore"):
            # Hardie's Log Ratio with a 0.5 floor on zero counts, for direction and size
            effect = np.log2(
                (np.maximum(y_i, 0.5) / max(n_i, 1)) / (np.maximum(y_j, 0.5) / max(n_j, 1))
            )
        sign = np.where(y_i / max(n_i, 1) >= y_j / max(n_j, 1), 1.0, -1.0)
        return sign * g2, sps.chi2.sf(g2, 1), effect
    raise ValueError(f"unknown measure {measure!r}; use 'log_odds_dirichlet' or 'g2'")


def keyness_table(
    corpus: Corpus,
    by: str = "outlet",
    measure: Measure = "log_odds_dirichlet",
    reference: str | None = None,
    *,
    ngram_range: tuple[int, int] = (1, 2),
    min_count: int = 5,
    min_docs: int = 2,
    stop_words: Literal["english"] | Sequence[str] | None = "english",
    voice: Voice = "all",
    prior_size: float | None = None,
    n_jobs: int = 1,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Distinctive terms of every group against the rest, or against a reference group.

    Parameters
    ----------
    corpus : Corpus
    by : str, default "outlet"
        Any column of the article table (``outlet``, ``outlet_ownership``, a period
        column ...). Articles with a missing value are left out.
    measure : {"log_odds_dirichlet", "g2"}, default "log_odds_dirichlet"
        ``log_odds_dirichlet``: Monroe, Colaresi & Quinn (2008) log-odds difference with an
        informative Dirichlet prior from the whole corpus; ``stat`` is the z-score and
        ``effect`` the log-odds difference delta. ``g2``: Dunning (1993) log-likelihood on
        the 2x2 table, signed (+ when the group's relative frequency is higher), ``p`` from
        chi-square with 1 df; ``effect`` is log2 of the ratio of relative frequencies.
    reference : str or None, default None
        ``None`` scores each group against all other articles; a group name scores every
        other group against that group (the reference gets no rows).
    ngram_range : (int, int), default (1, 2)
        Unigrams and/or bigrams; each order has its own totals and prior.
    min_count : int, default 5
        Keep terms occurring at least this often in the whole corpus (all groups).
    min_docs : int, default 2
        ... and in at least this many articles (guards against one article's repeats).
    stop_words : "english", list of str or None, default "english"
        scikit-learn's English list, your own list, or none (see module notes).
    voice : {"all", "narrator", "quoted"}, default "all"
        Count only narrator text (outside quotations and attributed speech), only reported
        speech, or everything (see :func:`voice_spans`).
    prior_size : float or None, default None
        ``alpha_0``, the total pseudo-count of the prior; ``alpha_w = alpha_0 * y_w / n`` with
        ``y_w / n`` the term's share of the whole corpus. ``None`` uses ``alpha_0 = n``
        (the prior weighs as much as the corpus itself, i.e. ``alpha_w = y_w``).
    n_jobs : int, default 1
        Processes for the voice split (narrator/quoted) and the tokenising step.
    progress : bool or None, default None
        tqdm bars; ``None`` shows them for more than 2,000 articles.

    Returns
    -------
    DataFrame
        :data:`KEYNESS_SCHEMA`, sorted by group then ``stat`` descending. Token totals are
        computed before the frequency filters, so filtering never changes a term's score.
        ``attrs["framelens"]`` records the parameters.

    Examples
    --------
    >>> from framelens.corpus.model import Corpus
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                    "text": ["rioters rioters police", "protesters police"]})
    >>> t = keyness_table(Corpus(df), min_count=1, min_docs=1, ngram_range=(1, 1))
    >>> t[t.group == "X"].iloc[0][["term", "n_group", "n_reference"]].astype(str).tolist()
    ['rioters', '2', '0']
    """
    if measure not in ("log_odds_dirichlet", "g2"):
        raise ValueError(f"unknown measure {measure!r}; use 'log_odds_dirichlet' or 'g2'")
    if prior_size is not None and prior_size <= 0:
        raise ValueError("prior_size must be positive")
    groups, by_order = group_term_counts(
        corpus,
        by=by,
        ngram_range=ngram_range,
        stop_words=stop_words,
        voice=voice,
        min_count=min_count,
        min_docs=min_docs,
        n_jobs=n_jobs,
        progress=progress,
    )
    if reference is not None and reference not in groups:
        raise ValueError(f"reference group {reference!r} not among {by!r} values {groups}")
    frames: list[pd.DataFrame] = []
    for n, cnt in by_order.items():
        totals = np.asarray(cnt.counts.sum(axis=0)).ravel()
        corpus_n = int(cnt.sizes.sum())
        keep = (totals >= min_count) & (cnt.doc_freq >= min_docs)
        idx = np.flatnonzero(keep)
        if not len(idx) or corpus_n == 0:
            continue
        alpha_0 = float(corpus_n if prior_size is None else prior_size)
        alpha = alpha_0 * totals[idx] / corpus_n
        sub = cnt.counts[:, idx].tocsr()
        terms = np.asarray(cnt.vocab, dtype=object)[idx]
        kept_totals = totals[idx]
        for gi, g in enumerate(groups):
            if g == reference:
                continue
            y_i = np.asarray(sub[gi].toarray()).ravel()
            n_i = int(cnt.sizes[gi])
            if reference is None:
                y_j = kept_totals - y_i
                n_j = corpus_n - n_i
            else:
                ri = groups.index(reference)
                y_j = np.asarray(sub[ri].toarray()).ravel()
                n_j = int(cnt.sizes[ri])
            present = (y_i + y_j) > 0
            if not present.any() or n_i == 0 or n_j == 0:
                continue
            stat, p, effect = _score(
                measure, y_i[present], y_j[present], n_i, n_j, alpha[present], alpha_0
            )
            frames.append(
                pd.DataFrame(
                    {
                        "group": g,
                        "term": terms[present],
                        "n_group": y_i[present],
                        "n_reference": y_j[present],
                        "stat": stat,
                        "p": p,
                        "measure": measure,
                        "effect": effect,
                        "ngram": n,
                        "size_group": n_i,
                        "size_reference": n_j,
                        "reference": REST if reference is None else reference,
                    }
                )
            )
    if frames:
        out = pd.concat(frames, ignore_index=True)
    else:
        out = pd.DataFrame({c: pd.Series(dtype=t) for c, t in KEYNESS_SCHEMA.items()})
    out = out.astype(KEYNESS_SCHEMA)
    out = out.sort_values(
        ["group", "stat", "term"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
    out.attrs["framelens"] = {
        "table": "keyness_table",
        "by": by,
        "measure": measure,
        "reference": reference,
        "ngram_range": list(ngram_range),
        "min_count": min_count,
        "min_docs": min_docs,
        "stop_words": stop_words if isinstance(stop_words, str | None) else sorted(stop_words),
        "voice": voice,
        "prior_size": prior_size,
        "groups": groups,
        "n_docs": len(corpus),
        "corpus": corpus.attrs,
    }
    return out


# --- collocations -----------------------------------------------------------------------


def collocations(
    corpus: Corpus,
    target: str,
    by: str = "outlet",
    measure: CollocationMeasure = "pmi",
    *,
    window: int = 5,
    min_pair_count: int = 2,
    stop_words: Literal["english"] | Sequence[str] | None = "english",
    voice: Voice = "all",
) -> pd.DataFrame:
    """Words that co-occur with ``target`` within ``window`` words, per group.

    Uses NLTK's ``BigramCollocationFinder.from_words(tokens, window_size=window)`` and
    ``BigramAssocMeasures.pmi`` (Church & Hanks 1990: ``log2(n_pair * N / (n_target *
    n_collocate))``) or ``.likelihood_ratio`` (Dunning 1993) on each group's token stream.
    The stream is the retained words (lower-cased, stop words and letterless tokens removed)
    of each voice stretch, joined across stretches and articles with a gap of ``window``
    empty slots, so no window spans two articles. NLTK counts an ordered pair ``(w1, w2)``
    when ``w2`` follows ``w1`` within the window; ``position`` says which side the collocate
    was on. NLTK scales the pair count by ``1 / (window - 1)`` before scoring (Church & Hanks
    1990); ``n_pair`` is the unscaled count.

    Parameters
    ----------
    target : str
        One word (matched lower-cased), e.g. ``"protesters"``.
    window : int, default 5
        NLTK ``window_size``: the pair's words are at most ``window - 1`` positions apart.
    min_pair_count : int, default 2
        Drop pairs seen fewer times in the group.

    Returns
    -------
    DataFrame
        :data:`COLLOCATION_SCHEMA`, sorted by group then ``stat`` descending.
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    if measure not in ("pmi", "likelihood_ratio"):
        raise ValueError(f"unknown measure {measure!r}; use 'pmi' or 'likelihood_ratio'")
    if window < 2:
        raise ValueError("window must be at least 2")
    tgt = target.strip().lower()
    if WORD_RE.fullmatch(tgt) is None:
        raise ValueError(f"target must be a single word, got {target!r}")
    analyzer = TermAnalyzer(resolve_stop_words(stop_words), (1, 1))
    score = getattr(BigramAssocMeasures, measure)
    frame = corpus.to_frame()
    if by not in frame.columns:
        raise KeyError(f"no column {by!r} in the corpus; available: {list(frame.columns)}")
    streams: dict[str, list[str | None]] = {}
    docs = tqdm(corpus, total=len(corpus), desc="collocations", disable=len(corpus) <= 2000)
    for doc, key in zip(docs, frame[by], strict=True):
        if pd.isna(key):
            continue
        stream = streams.setdefault(str(key), [])
        for text in _doc_texts(doc, voice):
            stream.extend(analyzer(text)[0])
            stream.extend([None] * window)
    rows: list[tuple[Any, ...]] = []
    for g in sorted(streams):
        finder = BigramCollocationFinder.from_words(streams[g], window_size=window)
        finder.apply_ngram_filter(lambda w1, w2: tgt not in (w1, w2) or w1 == w2)
        finder.apply_freq_filter(min_pair_count)
        n_words = finder.N
        for (w1, w2), s in finder.score_ngrams(score):
            coll, pos = (w2, "right") if w1 == tgt else (w1, "left")
            rows.append(
                (
                    g,
                    tgt,
                    coll,
                    pos,
                    finder.ngram_fd[(w1, w2)],
                    finder.word_fd[tgt],
                    finder.word_fd[coll],
                    n_words,
                    float(s),
                    measure,
                )
            )
    out = pd.DataFrame(rows, columns=list(COLLOCATION_SCHEMA)).astype(COLLOCATION_SCHEMA)
    out = out.sort_values(
        ["group", "stat", "collocate", "position"],
        ascending=[True, False, True, True],
        kind="mergesort",
    ).reset_index(drop=True)
    out.attrs["framelens"] = {
        "table": "collocations",
        "target": tgt,
        "by": by,
        "measure": measure,
        "window": window,
        "min_pair_count": min_pair_count,
        "stop_words": stop_words if isinstance(stop_words, str | None) else sorted(stop_words),
        "voice": voice,
        "corpus": corpus.attrs,
    }
    return out
