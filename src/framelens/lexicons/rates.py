"""Lexicon rates per 1,000 words with cluster-bootstrap intervals, and pairwise outlet tests.

A rate is the ratio estimator ``1000 * sum(matches) / sum(words)`` over the articles of a
group; its 95% interval comes from :func:`framelens.stats.ratio_table`, which resamples
whole *articles* within each group (a cluster bootstrap: words of one article are not
independent; Field & Welsh 2007; percentile intervals, Efron & Tibshirani 1993). Pairwise
group differences use the article-level permutation test of
:func:`framelens.stats.pairwise_ratio_tests` with Benjamini–Hochberg adjustment
(Benjamini & Hochberg 1995). Every article of the corpus counts, including those with no
match (a zero numerator); words are :func:`framelens.corpus.units.word_count`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import numpy as np
import pandas as pd

from framelens import stats
from framelens.corpus.model import Corpus
from framelens.corpus.units import word_count

VoiceFilter = Literal["narrator", "quoted", "scare_quote", "all"]
Level = Literal["category", "term"]

#: Columns of :func:`lexicon_rates` after the ``by`` column(s).
RATES_SCHEMA: list[str] = [
    "lexicon",
    "lexicon_version",
    "category",
    "term",
    "voice",
    "measure",
    *stats.RATIO_SCHEMA,
]

#: Columns of :func:`lexicon_pairwise`.
PAIRWISE_SCHEMA: list[str] = [
    "lexicon",
    "lexicon_version",
    "category",
    "term",
    "voice",
    "measure",
    "group_a",
    "group_b",
    "estimate_a",
    "estimate_b",
    "difference",
    "p",
    "q",
]

MEASURE = "per_1000_words"
_VOICES = ("narrator", "quoted", "scare_quote", "all")


def _articles(corpus: Corpus, by: list[str]) -> pd.DataFrame:
    df = corpus.to_frame()
    missing = [b for b in by if b not in df.columns]
    if missing:
        raise ValueError(f"by={missing} not among the corpus columns {list(df.columns)}")
    art = df[["doc_id", *by]].copy()
    art["words"] = [word_count(t) for t in df["text"]]
    return art.reset_index(drop=True)


def _keys(matches: pd.DataFrame, level: Level) -> list[str]:
    return ["lexicon", "lexicon_version", "category"] + (["term"] if level == "term" else [])


def _all_categories(matches: pd.DataFrame) -> pd.DataFrame:
    """Every (lexicon, version, category) known from provenance, else those observed."""
    info = matches.attrs.get("framelens", {}).get("lexicons", [])
    rows = [(lx["name"], lx["version"], c) for lx in info for c in lx["categories"]]
    seen = matches[["lexicon", "lexicon_version", "category"]].drop_duplicates()
    rows += [tuple(r) for r in seen.itertuples(index=False)]
    out = pd.DataFrame(rows, columns=["lexicon", "lexicon_version", "category"])
    return out.drop_duplicates().sort_values(["lexicon", "category"]).reset_index(drop=True)


def _per_article(
    matches: pd.DataFrame, corpus: Corpus, by: list[str], voice: VoiceFilter, level: Level
) -> Iterator[tuple[tuple[str, str, str, str], pd.DataFrame]]:
    """Yield ``(key, per-article frame with by columns, n, words)`` per category/term."""
    if voice not in _VOICES:
        raise ValueError(f"voice={voice!r}; use one of {_VOICES}")
    art = _articles(corpus, by)
    unknown = set(matches["doc_id"]) - set(art["doc_id"])
    if unknown:
        raise ValueError(f"matches reference doc_ids not in the corpus: {sorted(unknown)[:5]}")
    m = matches if voice == "all" else matches[matches["voice"] == voice]
    keys = _keys(matches, level)
    pos = pd.Series(np.arange(len(art)), index=art["doc_id"])
    counts: dict[Any, pd.Series] = dict(iter(m.groupby(keys, sort=True)["doc_id"]))
    items: list[tuple[tuple[str, str, str, str], pd.Series | None]] = []
    if level == "category":
        for r in _all_categories(matches).itertuples(index=False):
            k3 = (str(r.lexicon), str(r.lexicon_version), str(r.category))
            items.append(((*k3, ""), counts.get(k3)))
    else:
        observed = matches[keys].drop_duplicates().sort_values(keys)
        for r in observed.itertuples(index=False):
            k4 = (str(r[0]), str(r[1]), str(r[2]), str(r[3]))
            items.append((k4, counts.get(k4)))
    for key, docs in items:
        n = np.zeros(len(art))
        if docs is not None and len(docs):
            vc = docs.value_counts()
            n[pos[vc.index].to_numpy()] = vc.to_numpy()
        frame = art[[*by, "words"]].copy()
        frame["n"] = n
        yield key, frame


def _provenance(matches: pd.DataFrame, corpus: Corpus, params: dict[str, Any]) -> dict[str, Any]:
    prov = dict(matches.attrs.get("framelens", {}))
    return {
        **params,
        "lexicons": prov.get("lexicons", []),
        "paraphrase": prov.get("paraphrase"),
        "denominator": "framelens.corpus.units.word_count",
        "corpus": corpus.attrs,
    }


def lexicon_rates(
    matches: pd.DataFrame,
    corpus: Corpus,
    *,
    by: str | list[str] = "outlet",
    voice: VoiceFilter = "narrator",
    level: Level = "category",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Matches per 1,000 words per group, with cluster-bootstrap confidence intervals.

    Parameters
    ----------
    matches : DataFrame
        Output of :func:`~framelens.lexicons.lexicon_matches` on ``corpus``.
    corpus : Corpus
        Supplies every article (articles without matches count as zeros), the grouping
        columns and the word counts.
    by : str or list of str, default "outlet"
        Corpus column(s) to group articles by.
    voice : {"narrator", "quoted", "scare_quote", "all"}, default "narrator"
        Which matches count: the outlet's own voice (default), quoted/attributed speech,
        scare quotes, or all matches.
    level : {"category", "term"}, default "category"
        Rate per category (every category of the lexicons, zeros included) or per term
        (terms with at least one match in any voice).
    n_boot : int, default 2000
        Bootstrap replicates.
    ci : float, default 0.95
        Interval level.
    seed : int, default 0
        Seed of the bootstrap; the same seed gives the same intervals.

    Returns
    -------
    DataFrame
        ``by`` columns, then :data:`RATES_SCHEMA`: ``estimate``/``ci_low``/``ci_high`` are
        per 1,000 words, ``numerator`` the match count, ``denominator`` the word count and
        ``n_docs`` the articles in the group. ``measure`` is ``"per_1000_words"``.

    Notes
    -----
    Percentile interval of a cluster bootstrap resampling articles within each group
    (Efron & Tibshirani 1993, ch. 13; Field & Welsh 2007), via
    :func:`framelens.stats.ratio_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> from framelens.corpus import Corpus
    >>> from framelens.lexicons import lexicon_matches
    >>> c = Corpus(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "X"],
    ...     "text": ["Rioters came.", "Calm day today."]}))
    >>> r = lexicon_rates(lexicon_matches(c), c)
    >>> r.loc[r.category == "delegitimizing_labels", ["outlet", "estimate"]].values.tolist()
    [['X', 200.0]]
    """
    by_l = [by] if isinstance(by, str) else list(by)
    parts = []
    for (lex, ver, cat, term), frame in _per_article(matches, corpus, by_l, voice, level):
        t = stats.ratio_table(
            frame,
            by=by_l,
            numerator="n",
            denominator="words",
            scale=1000.0,
            n_boot=n_boot,
            level=ci,
            seed=seed,
        )
        t.insert(len(by_l), "lexicon", lex)
        t.insert(len(by_l) + 1, "lexicon_version", ver)
        t.insert(len(by_l) + 2, "category", cat)
        t.insert(len(by_l) + 3, "term", term)
        t.insert(len(by_l) + 4, "voice", voice)
        t.insert(len(by_l) + 5, "measure", MEASURE)
        parts.append(t)
    cols = [*by_l, *RATES_SCHEMA]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=cols)
    out = out[cols]
    out.attrs = {
        "framelens": _provenance(
            matches,
            corpus,
            {
                "table": "lexicon_rates",
                "by": by_l,
                "voice": voice,
                "level": level,
                "n_boot": n_boot,
                "ci": ci,
                "seed": seed,
                "bootstrap": "cluster (articles within group), percentile",
            },
        )
    }
    return out


def lexicon_pairwise(
    matches: pd.DataFrame,
    corpus: Corpus,
    *,
    by: str = "outlet",
    voice: VoiceFilter = "narrator",
    level: Level = "category",
    n_perm: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Pairwise group differences of per-1,000-word rates: permutation p and BH q-values.

    For every category (or term) and every pair of groups, article labels are permuted
    between the two groups (:func:`framelens.stats.permutation_test_ratio`, add-one
    p-values, Phipson & Smyth 2010). ``q`` is the Benjamini–Hochberg adjustment
    (Benjamini & Hochberg 1995) over *all rows of the returned table*, i.e. all categories
    and all pairs together, so scanning the whole table controls the false discovery rate.

    Parameters
    ----------
    matches, corpus, by, voice, level
        As in :func:`lexicon_rates`.
    n_perm : int, default 2000
        Permutations per comparison.
    seed : int, default 0
        Seed of the permutations.

    Returns
    -------
    DataFrame
        :data:`PAIRWISE_SCHEMA`; estimates and ``difference`` (a minus b) per 1,000 words.
    """
    parts = []
    for (lex, ver, cat, term), frame in _per_article(matches, corpus, [by], voice, level):
        t = stats.pairwise_ratio_tests(
            frame,
            by=by,
            numerator="n",
            denominator="words",
            scale=1000.0,
            n_perm=n_perm,
            seed=seed,
        )
        if not len(t):
            continue
        t.insert(0, "lexicon", lex)
        t.insert(1, "lexicon_version", ver)
        t.insert(2, "category", cat)
        t.insert(3, "term", term)
        t.insert(4, "voice", voice)
        t.insert(5, "measure", MEASURE)
        parts.append(t)
    if not parts:
        out = pd.DataFrame(columns=PAIRWISE_SCHEMA)
    else:
        out = pd.concat(parts, ignore_index=True)
        out["q"] = stats.bh_adjust(out["p"].to_numpy())
        out = out[PAIRWISE_SCHEMA]
    out.attrs = {
        "framelens": _provenance(
            matches,
            corpus,
            {
                "table": "lexicon_pairwise",
                "by": by,
                "voice": voice,
                "level": level,
                "n_perm": n_perm,
                "seed": seed,
                "test": "article-level permutation, two-sided; BH over the whole table",
            },
        )
    }
    return out
