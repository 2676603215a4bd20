"""Keyness (log-odds with informative Dirichlet prior, G²) and collocations.

Oracle tests: log-odds z-scores are hand-computed from Monroe, Colaresi & Quinn (2008),
eqs. 16–22; G² is checked against scipy's power_divergence; PMI by hand.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, norm, power_divergence

from framelens.corpus.model import Corpus, Document
from framelens.keyness import (
    KEYNESS_SCHEMA,
    Measure,
    TermAnalyzer,
    collocations,
    g2_statistic,
    group_term_counts,
    keyness_table,
    resolve_stop_words,
    voice_spans,
)
from tests.conftest import require_dir


def make_corpus(rows: list[tuple[str, str, str]], **extra: list[str]) -> Corpus:
    df = pd.DataFrame(rows, columns=["doc_id", "outlet", "text"])
    for k, v in extra.items():
        df[k] = v
    return Corpus(df)


TOY = make_corpus(
    [
        ("a", "X", "rioters attacked police rioters"),
        ("b", "Y", "protesters marched police"),
    ]
)


def row(table: pd.DataFrame, group: str, term: str) -> pd.Series:
    hit = table[(table["group"] == group) & (table["term"] == term)]
    assert len(hit) == 1, f"expected one row for {group}/{term}, got {len(hit)}"
    return hit.iloc[0]


# --- oracle: log-odds with informative Dirichlet prior ------------------------------------
# Counts: X = {rioters 2, attacked 1, police 1}, n_X = 4; Y = {protesters 1, marched 1,
# police 1}, n_Y = 3; corpus n = 7. Default prior_size: alpha_0 = n = 7, so
# alpha_w = 7 * y_w / 7 = y_w (corpus count): rioters 2, police 2, attacked 1, protesters 1.
# delta = ln((y_i + a)/(n_i + a0 - y_i - a)) - ln((y_j + a)/(n_j + a0 - y_j - a))
# var = 1/(y_i + a) + 1/(y_j + a); z = delta / sqrt(var)
LOG_ODDS_CASES = [
    # X "rioters": ln(4/(4+7-2-2)) - ln(2/(3+7-0-2)) = ln(4/7) - ln(2/8) = ln(16/7)
    #   = 0.826679; var = 1/4 + 1/2 = 0.75; z = 0.826679 / 0.866025 = 0.954566
    ("X", "rioters", 2, 0, 0.826679, 0.954566, None),
    # X "police": ln(3/(11-1-2)) - ln(3/(10-1-2)) = ln(3/8) - ln(3/7) = ln(7/8) = -0.133531;
    #   var = 1/3 + 1/3; z = -0.133531 / 0.816497 = -0.163542
    ("X", "police", 1, 1, -0.133531, -0.163542, None),
    # X "attacked": ln(2/(11-1-1)) - ln(1/(10-0-1)) = ln(2) = 0.693147; var = 1/2 + 1/1;
    #   z = 0.693147 / 1.224745 = 0.565952
    ("X", "attacked", 1, 0, 0.693147, 0.565952, None),
    # Y "protesters" (n_i = 3, n_j = 4): ln(2/(3+7-1-1)) - ln(1/(4+7-0-1)) = ln(2.5)
    #   = 0.916291; var = 1/2 + 1; z = 0.916291 / 1.224745 = 0.748148
    ("Y", "protesters", 1, 0, 0.916291, 0.748148, None),
    # prior_size = 14 -> alpha_w = 14 * y_w / 7 = 2 y_w; X "rioters": alpha = 4:
    #   ln(6/(4+14-2-4)) - ln(4/(3+14-0-4)) = ln(6/12) - ln(4/13) = ln(13/8) = 0.485508;
    #   var = 1/6 + 1/4 = 5/12; z = 0.485508 / 0.645497 = 0.752145
    ("X", "rioters", 2, 0, 0.485508, 0.752145, 14.0),
]


@pytest.mark.parametrize(("group", "term", "n_g", "n_r", "delta", "z", "prior"), LOG_ODDS_CASES)
def test_log_odds_matches_hand_computation(
    group: str, term: str, n_g: int, n_r: int, delta: float, z: float, prior: float | None
) -> None:
    t = keyness_table(
        TOY, min_count=1, min_docs=1, stop_words=None, ngram_range=(1, 1), prior_size=prior
    )
    r = row(t, group, term)
    assert (r["n_group"], r["n_reference"]) == (n_g, n_r)
    assert r["effect"] == pytest.approx(delta, abs=1e-6)
    assert r["stat"] == pytest.approx(z, abs=1e-6)
    assert r["p"] == pytest.approx(2 * norm.sf(abs(z)), abs=1e-6)
    assert r["measure"] == "log_odds_dirichlet"
    assert (r["size_group"], r["size_reference"]) == ((4, 3) if group == "X" else (3, 4))


def test_schema_order_and_sorting() -> None:
    t = keyness_table(TOY, min_count=1, min_docs=1, stop_words=None)
    assert list(t.columns) == list(KEYNESS_SCHEMA)
    assert list(t.columns[:7]) == [
        "group",
        "term",
        "n_group",
        "n_reference",
        "stat",
        "p",
        "measure",
    ]
    for _, g in t.groupby("group"):
        assert g["stat"].is_monotonic_decreasing
    assert t.attrs["framelens"]["measure"] == "log_odds_dirichlet"
    # bigrams are scored with their own totals: X has 3 bigrams, Y has 2
    r = row(t, "X", "rioters attacked")
    assert (r["ngram"], r["size_group"], r["size_reference"]) == (2, 3, 2)


# --- oracle: G² ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "n_i", "n_j"),
    [(10, 2, 100, 100), (0, 7, 50, 80), (5, 5, 1000, 30), (3, 0, 3, 10), (1, 1, 2, 2)],
)
def test_g2_equals_scipy_power_divergence(a: int, b: int, n_i: int, n_j: int) -> None:
    table = np.array([[a, b], [n_i - a, n_j - b]], dtype=float)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    ref = power_divergence(table.ravel(), expected.ravel(), lambda_="log-likelihood")
    got = g2_statistic(np.array([a], float), np.array([b], float), n_i, n_j)[0]
    assert got == pytest.approx(ref.statistic, rel=1e-10, abs=1e-12)


def test_g2_table_signed_with_chi2_p() -> None:
    t = keyness_table(TOY, measure="g2", min_count=1, min_docs=1, stop_words=None)
    r = row(t, "X", "rioters")  # table [[2, 0], [2, 3]]
    table = np.array([[2, 0], [2, 3]], dtype=float)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / 7
    ref = power_divergence(table.ravel(), expected.ravel(), lambda_="log-likelihood")
    assert r["stat"] == pytest.approx(ref.statistic)
    assert r["p"] == pytest.approx(chi2.sf(ref.statistic, 1))
    # under-used in Y -> negative sign, same magnitude by symmetry of the 2x2 table
    assert row(t, "Y", "rioters")["stat"] == pytest.approx(-ref.statistic)
    # effect: log2 of relative frequencies, 0.5 floor for the zero: log2((2/4)/(0.5/3))
    assert r["effect"] == pytest.approx(math.log2((2 / 4) / (0.5 / 3)))


# --- tokens, bigrams, stop words, filters ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stop", "uni", "bi"),
    [
        (
            "Riot police beat protesters.",
            None,
            ["riot", "police", "beat", "protesters"],
            ["riot police", "police beat", "beat protesters"],
        ),
        # stop words drop unigrams and every bigram that contains one
        (
            "The riot police and the crowd",
            ["the", "and"],
            ["riot", "police", "crowd"],
            ["riot police"],
        ),
        # punctuation and quotation marks break bigrams; letterless tokens dropped
        ('police, "thugs" 2020 crowds', None, ["police", "thugs", "crowds"], []),
        # inner hyphens stay inside a word (units.WORD_RE); possessive 's (straight or curly)
        # is removed; other inner apostrophes stay
        (
            "Self-proclaimed leader's post-electoral regime’s O'Brien",
            None,
            ["self-proclaimed", "leader", "post-electoral", "regime", "o'brien"],
            [
                "self-proclaimed leader",
                "leader post-electoral",
                "post-electoral regime",
                "regime o'brien",
            ],
        ),
    ],
)
def test_analyzer(text: str, stop: list[str] | None, uni: list[str], bi: list[str]) -> None:
    a = TermAnalyzer(frozenset(stop or ()), (1, 2))
    assert a(text) == (uni, bi)


def test_english_stop_words_and_min_filters() -> None:
    c = make_corpus(
        [
            ("a", "X", "The regime regime regime regime regime fell."),
            ("b", "X", "The crowd saw the regime."),
            ("c", "Y", "The crowd cheered the crowd and the crowd."),
        ]
    )
    t = keyness_table(c, min_count=2, min_docs=2, ngram_range=(1, 1))
    # "the"/"and" are English stop words; "regime" (6 in 2 docs) and "crowd" (4 in 2) pass;
    # "fell", "saw", "cheered" occur once
    assert sorted(set(t["term"])) == ["crowd", "regime"]
    t3 = keyness_table(c, min_count=2, min_docs=3, ngram_range=(1, 1))
    assert len(t3) == 0 and list(t3.columns) == list(KEYNESS_SCHEMA)
    # a user list replaces the default list
    tl = keyness_table(c, min_count=1, min_docs=1, ngram_range=(1, 1), stop_words=["regime"])
    assert "regime" not in set(tl["term"]) and "the" in set(tl["term"])


def test_reference_group_and_other_by_column() -> None:
    c = make_corpus(
        [
            ("a", "X", "junta junta police"),
            ("b", "Y", "government police"),
            ("c", "Z", "government government regime"),
        ],
        period=["2020-08", "2020-08", "2020-09"],
    )
    t = keyness_table(c, reference="Y", min_count=1, min_docs=1, stop_words=None)
    assert set(t["group"]) == {"X", "Z"}
    assert set(t["reference"]) == {"Y"}
    r = row(t, "Z", "government")
    assert (r["n_group"], r["n_reference"], r["size_group"], r["size_reference"]) == (2, 1, 3, 2)
    # terms absent from both the group and the reference get no row
    assert t[(t.group == "X") & (t.term == "regime")].empty
    tp = keyness_table(c, by="period", min_count=1, min_docs=1, stop_words=None)
    assert set(tp["group"]) == {"2020-08", "2020-09"}
    assert row(tp, "2020-08", "police")["n_group"] == 2
    assert row(tp, "2020-08", "police")["n_reference"] == 0


def test_narrator_voice_excludes_quotes() -> None:
    c = make_corpus(
        [
            ("a", "X", '"Extremists attacked," officials said. Extremists fled the square.'),
            ("b", "Y", "Protesters gathered."),
        ]
    )
    t_all = keyness_table(c, min_count=1, min_docs=1, voice="all")
    t_nar = keyness_table(c, min_count=1, min_docs=1, voice="narrator")
    assert row(t_all, "X", "extremists")["n_group"] == 2
    assert row(t_nar, "X", "extremists")["n_group"] == 1
    assert "attacked" not in set(t_nar["term"])
    # no bigram bridges the removed quotation
    assert "attacked officials" not in set(t_all["term"])  # the comma and mark break it
    assert {"officials said", "extremists fled"} <= set(t_nar["term"])
    d = Document("a", 'He said: "No." Then he left.')
    assert [d.text[s:e] for s, e in voice_spans(d, "quoted")] == ['"No."']
    assert [d.text[s:e] for s, e in voice_spans(d, "narrator")] == ["He said: ", " Then he left."]


def test_processes_give_identical_table() -> None:
    c = make_corpus([(f"d{i}", "XY"[i % 2], f"riot police word{i % 3} crowd") for i in range(40)])
    one = keyness_table(c, min_count=1, min_docs=1)
    two = keyness_table(c, min_count=1, min_docs=1, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"measure": "chi2"}, ValueError),
        ({"reference": "Nope"}, ValueError),
        ({"by": "ownership"}, KeyError),
        ({"ngram_range": (1, 3)}, ValueError),
        ({"stop_words": "german"}, ValueError),
        ({"prior_size": 0.0}, ValueError),
    ],
)
def test_bad_arguments(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        keyness_table(TOY, **kwargs)  # type: ignore[arg-type]


# --- collocations -------------------------------------------------------------------------

COLL = make_corpus(
    [
        ("a", "X", "protesters attacked police"),
        ("b", "X", "police chased protesters"),
        ("c", "Y", "protesters sang"),
    ]
)


def test_collocation_pmi_by_hand_window_2() -> None:
    # X stream: protesters attacked police | police chased protesters; N = 6 words;
    # f(protesters) = 2, f(attacked) = f(chased) = 1. Adjacent pairs with the target:
    # (protesters, attacked) = 1 -> PMI = log2(1 * 6 / (2 * 1)) = log2(3) = 1.584963
    # (chased, protesters) = 1 -> same. "police" is never adjacent to "protesters".
    t = collocations(COLL, "Protesters", window=2, min_pair_count=1, stop_words=None)
    x = t[t.group == "X"].set_index(["collocate", "position"])
    assert set(x.index) == {("attacked", "right"), ("chased", "left")}
    assert x.loc[("attacked", "right"), "stat"] == pytest.approx(math.log2(3))
    assert x.loc[("chased", "left"), "n_pair"] == 1
    assert (x["n_words"] == 6).all() and (x["n_target"] == 2).all()
    # Y: protesters sang; N = 2; PMI = log2(1 * 2 / (1 * 1)) = 1
    y = t[t.group == "Y"]
    assert y[["collocate", "position"]].values.tolist() == [["sang", "right"]]
    assert y["stat"].iloc[0] == pytest.approx(1.0)


def test_collocation_window_3_counts_each_side() -> None:
    # window 3: pairs within 2 positions; article gaps stop windows. Following Church &
    # Hanks (1990), NLTK scales the pair count by 1 / (window - 1) = 1/2.
    # (protesters, police) in a; (police, protesters) in b; f(police) = 2, N = 6:
    # PMI = log2((1/2) * 6 / (2 * 2)) = log2(0.75) = -0.415037 on each side;
    # (protesters, attacked): log2((1/2) * 6 / (2 * 1)) = log2(1.5) = 0.584963
    t = collocations(COLL, "protesters", window=3, min_pair_count=1, stop_words=None)
    x = t[t.group == "X"].set_index(["collocate", "position"])["stat"]
    assert x[("police", "right")] == pytest.approx(math.log2(0.75))
    assert x[("police", "left")] == pytest.approx(math.log2(0.75))
    assert x[("attacked", "right")] == pytest.approx(math.log2(1.5))
    assert ("sang", "right") not in x.index  # Y's words never pair with X's


def test_collocation_likelihood_ratio_and_min_count() -> None:
    t = collocations(
        COLL, "protesters", measure="likelihood_ratio", window=2, min_pair_count=1, stop_words=None
    )
    assert set(t["measure"]) == {"likelihood_ratio"} and (t["stat"] > 0).all()
    assert collocations(COLL, "protesters", window=2, min_pair_count=2, stop_words=None).empty
    with pytest.raises(ValueError, match="single word"):
        collocations(COLL, "riot police")


def test_fast_counter_agrees_with_term_analyzer() -> None:
    # the vectorised counter and TermAnalyzer (used by collocations) share token rules
    texts = [
        "The self-proclaimed leader's regime, in 2020, met \u201criot police\u201d - again.",
        "Riot police (OMON) detained 200 protesters; protesters' chants: 'Go away!'",
        "Belarus' post-electoral crisis \u2014 the crisis deepened.\n\nRiot police left",
    ]
    c = make_corpus([(f"d{i}", "X" if i < 2 else "Y", t) for i, t in enumerate(texts)])
    groups, counts = group_term_counts(c)
    analyzer = TermAnalyzer(resolve_stop_words("english"), (1, 2))
    for n in (1, 2):
        for gi, g in enumerate(groups):
            expected: Counter[str] = Counter()
            for _, outlet, text in [(None, "X" if i < 2 else "Y", t) for i, t in enumerate(texts)]:
                if outlet == g:
                    expected.update(analyzer(text)[n - 1])
            row_counts = counts[n].counts[gi].toarray().ravel()
            got = {t: int(k) for t, k in zip(counts[n].vocab, row_counts, strict=True) if k}
            assert got == dict(expected), (g, n)
            assert counts[n].sizes[gi] == sum(expected.values())


# --- demo corpus (corpus/demo, data card corpus/demo/README.md) -----------------------------


@pytest.fixture(scope="module")
def demo_corpus(demo_dir: Path) -> Corpus:
    from framelens.corpus import load_corpus

    require_dir(demo_dir, "the demo corpus corpus/demo")
    return load_corpus(demo_dir, progress=False)


# The data card's framing profile of the state broadcaster Valdoria One: protesters are
# "extremists", "rioters", "provocateurs", "participants in unauthorised gatherings"; "the
# legitimate authorities" defend "constitutional order"; "colour revolution"; assertive cue
# verbs "stressed", "affirmed", "clarified", "noted", "underlined".
V1_LABELS = {
    "extremists",
    "rioters",
    "provocateurs",
    "unauthorised",
    "unauthorised gatherings",
    "legitimate authorities",
    "constitutional order",
    "colour revolution",
    "colour revolutions",
}
V1_CUES = {"stressed", "affirmed", "clarified", "noted", "underlined", "emphasised"}
# Free Valdoria: "peaceful protesters", "the regime", "crackdown", "the dictator ...",
# "rigged"/"stolen election", "political prisoners".
FV_LABELS = {"peaceful protesters", "regime", "crackdown", "dictator", "rigged", "stolen"}


@pytest.mark.parametrize("measure", ["log_odds_dirichlet", "g2"])
def test_demo_state_broadcaster_narrator_keyness(demo_corpus: Corpus, measure: Measure) -> None:
    t = keyness_table(demo_corpus, measure=measure, voice="narrator", min_count=2, min_docs=2)

    def top(group: str, n: int) -> set[str]:
        return set(t[t["group"] == group].head(n)["term"])

    v1 = top("Valdoria One", 30)
    assert len(v1 & V1_LABELS) >= 2, sorted(v1)
    assert len(v1 & V1_CUES) >= 2, sorted(v1)
    fv = top("Free Valdoria", 15)
    assert len(fv & FV_LABELS) >= 3, sorted(fv)
    # the labels are the state broadcaster's own, not another outlet's
    for other in ("Free Valdoria", "Meridian Press"):
        assert not top(other, 30) & {"rioters", "unauthorised", "legitimate authorities"}


def test_narrator_voice_with_processes_matches_serial() -> None:
    rows = [
        (f"d{i}", "XY"[i % 2], f'"Extremists fled," police said. Riot police word{i % 3} left.')
        for i in range(30)
    ]
    c = make_corpus(rows)
    one = keyness_table(c, voice="narrator", min_count=1, min_docs=1)
    two = keyness_table(c, voice="narrator", min_count=1, min_docs=1, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)
    assert "extremists" not in set(one["term"]) and "riot police" in set(one["term"])
