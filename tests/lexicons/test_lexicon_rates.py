"""Rates per 1,000 words with cluster-bootstrap CIs, pairwise permutation tests, KWIC."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framelens.corpus import Corpus
from framelens.lexicons import (
    KWIC_SCHEMA,
    PAIRWISE_SCHEMA,
    RATES_SCHEMA,
    kwic,
    lexicon_from_dict,
    lexicon_matches,
    lexicon_pairwise,
    lexicon_rates,
)
from framelens.stats import bh_adjust

LEX = lexicon_from_dict(
    {
        "name": "mini",
        "version": "0.3",
        "language": "en",
        "description": "test",
        "provenance": "test",
        "categories": {"labels": ["rioter~"], "claims": ["legitimate authorities"]},
    }
)

# words (units.word_count) and hand-counted label matches per article and voice
DOCS = [
    ("a1", "A", "Rioters ran and rioters hid.", 5),  # 2 narrator
    ("a2", "A", 'Police said: "The rioters fled today."', 6),  # 1 quoted
    ("a3", "A", "Calm day.", 2),  # 0
    ("b1", "B", "Rioters everywhere.", 2),  # 1 narrator
    ("b2", "B", "Quiet streets today here.", 4),  # 0
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(
        pd.DataFrame(
            {
                "doc_id": [d[0] for d in DOCS],
                "outlet": [d[1] for d in DOCS],
                "text": [d[2] for d in DOCS],
                "date": ["2020-09-0" + str(i + 1) for i in range(len(DOCS))],
            }
        )
    )


@pytest.fixture(scope="module")
def matches(corpus: Corpus) -> pd.DataFrame:
    return lexicon_matches(corpus, LEX)


def row(t: pd.DataFrame, outlet: str, category: str) -> pd.Series:
    r = t[(t["outlet"] == outlet) & (t["category"] == category)]
    assert len(r) == 1
    return r.iloc[0]


@pytest.mark.parametrize(
    ("voice", "a", "b"),
    [("narrator", (2, 13), (1, 6)), ("quoted", (1, 13), (0, 6)), ("all", (3, 13), (1, 6))],
)
def test_rates_hand_counted(
    corpus: Corpus, matches: pd.DataFrame, voice: str, a: tuple[int, int], b: tuple[int, int]
) -> None:
    t = lexicon_rates(matches, corpus, voice=voice, n_boot=200)  # type: ignore[arg-type]
    assert list(t.columns) == ["outlet", *RATES_SCHEMA]
    for outlet, (n, w) in (("A", a), ("B", b)):
        r = row(t, outlet, "labels")
        assert (r["numerator"], r["denominator"], r["n_docs"]) == (n, w, 3 if outlet == "A" else 2)
        assert r["estimate"] == pytest.approx(1000 * n / w)
        assert (r["voice"], r["measure"], r["lexicon"], r["lexicon_version"], r["term"]) == (
            voice,
            "per_1000_words",
            "mini",
            "0.3",
            "",
        )
    # a category with no match anywhere still gets a zero row for every outlet
    assert row(t, "A", "claims")[["numerator", "estimate", "ci_low", "ci_high"]].tolist() == [
        0.0,
        0.0,
        0.0,
        0.0,
    ]
    assert t.attrs["framelens"]["voice"] == voice
    assert t.attrs["framelens"]["lexicons"][0]["version"] == "0.3"


def test_ci_small_enough_to_check_by_hand(corpus: Corpus, matches: pd.DataFrame) -> None:
    # Outlet B: b1 has 1 match in 2 words, b2 0 in 4. Resampling two articles gives
    # {b1,b1} = 1/2 (p=1/4), {b1,b2} = 1/6 (p=1/2), {b2,b2} = 0 (p=1/4): the 2.5% and
    # 97.5% percentiles are 0 and 500 per 1,000 words.
    r = row(lexicon_rates(matches, corpus, n_boot=2000, seed=3), "B", "labels")
    assert (r["ci_low"], r["estimate"], r["ci_high"]) == (0.0, pytest.approx(1000 / 6), 500.0)


def test_ci_equals_reference_numpy_percentile_bootstrap(
    corpus: Corpus, matches: pd.DataFrame
) -> None:
    num = np.array([2.0, 0.0, 0.0])  # outlet A, narrator voice, in corpus order
    den = np.array([5.0, 6.0, 2.0])
    rng = np.random.default_rng(11)
    idx = rng.integers(0, 3, size=(1000, 3))  # resample articles with replacement
    reps = num[idx].sum(axis=1) / den[idx].sum(axis=1)
    lo, hi = 1000 * np.quantile(reps, [0.025, 0.975])
    r = row(lexicon_rates(matches, corpus, n_boot=1000, seed=11), "A", "labels")
    assert (r["ci_low"], r["ci_high"]) == (pytest.approx(lo), pytest.approx(hi))
    assert lo < r["estimate"] < hi


def test_seeded_and_term_level(corpus: Corpus, matches: pd.DataFrame) -> None:
    a = lexicon_rates(matches, corpus, n_boot=300, seed=5)
    pd.testing.assert_frame_equal(a, lexicon_rates(matches, corpus, n_boot=300, seed=5))
    t = lexicon_rates(matches, corpus, level="term", voice="all", n_boot=50)
    assert t[["outlet", "category", "term", "numerator"]].values.tolist() == [
        ["A", "labels", "rioter~", 3.0],
        ["B", "labels", "rioter~", 1.0],
    ]


def test_rates_errors(corpus: Corpus, matches: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="voice='mine'"):
        lexicon_rates(matches, corpus, voice="mine")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="by=\\['desk'\\]"):
        lexicon_rates(matches, corpus, by="desk")
    other = Corpus(pd.DataFrame({"doc_id": ["z"], "outlet": ["A"], "text": ["x"]}))
    with pytest.raises(ValueError, match="not in the corpus"):
        lexicon_rates(matches, other)


def test_pairwise_single_articles_p_is_one(corpus: Corpus, matches: pd.DataFrame) -> None:
    c = Corpus(
        pd.DataFrame(
            {
                "doc_id": ["x", "y"],
                "outlet": ["X", "Y"],
                "text": ["Rioters rioters rioters now.", "Calm now here today."],
            }
        )
    )
    t = lexicon_pairwise(lexicon_matches(c, LEX), c, n_perm=100)
    assert list(t.columns) == PAIRWISE_SCHEMA
    lab = t[t["category"] == "labels"].iloc[0]
    # only two labelings exist and both give |difference| = 750: p = 1
    assert (lab["group_a"], lab["group_b"], lab["difference"], lab["p"]) == ("X", "Y", 750.0, 1.0)


def test_pairwise_detects_difference_and_bh_over_table() -> None:
    n = 10
    texts = ["Rioters came to town."] * n + ["Nobody came to town."] * n + ["A rioter came."] * n
    outlets = ["X"] * n + ["Y"] * n + ["Z"] * n
    c = Corpus(
        pd.DataFrame({"doc_id": [f"d{i}" for i in range(3 * n)], "outlet": outlets, "text": texts})
    )
    t = lexicon_pairwise(lexicon_matches(c, LEX), c, n_perm=500, seed=1)
    lab = t[t["category"] == "labels"].set_index(["group_a", "group_b"])
    assert lab.loc[("X", "Y"), "difference"] == pytest.approx(250.0)
    assert lab.loc[("X", "Y"), "p"] == pytest.approx(1 / 501)
    assert lab.loc[("X", "Z"), "difference"] == pytest.approx(250 - 1000 / 3)
    assert lab.loc[("X", "Z"), "p"] < 0.01
    np.testing.assert_allclose(t["q"], bh_adjust(t["p"].to_numpy()))
    assert len(t) == 6  # 2 categories x 3 pairs


def test_kwic_from_matches_and_from_corpus(corpus: Corpus, matches: pd.DataFrame) -> None:
    k = kwic(matches, "labels", corpus=corpus, window=10)
    assert list(k.columns) == list(KWIC_SCHEMA)
    assert k[["doc_id", "left", "match", "right", "voice"]].values.tolist() == [
        ["a1", "", "Rioters", " ran and r", "narrator"],
        ["a1", "s ran and ", "rioters", " hid.", "narrator"],
        ["a2", 'aid: "The ', "rioters", " fled toda", "quoted"],
        ["b1", "", "Rioters", " everywher", "narrator"],
    ]
    assert k["sentence"].iloc[2] == 'Police said: "The rioters fled today."'
    assert k["date"].iloc[3] == pd.Timestamp("2020-09-04") and k["outlet"].iloc[3] == "B"
    by_term = kwic(corpus, "RIOTER~", window=5, lexicons=LEX)
    assert by_term[["doc_id", "start", "end"]].values.tolist() == [
        ["a1", 0, 7],
        ["a1", 16, 23],
        ["a2", 18, 25],
        ["b1", 0, 7],
    ]
    assert len(kwic(matches, "nothing", corpus=corpus)) == 0
    with pytest.raises(ValueError, match="needs corpus="):
        kwic(matches, "labels")
