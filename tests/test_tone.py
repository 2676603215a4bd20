"""Tone: VADER scores by voice, hand-computed from the lexicon's valences and the bootstrap."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framelens.corpus import Corpus, Document
from framelens.tone import (
    TONE_SCHEMA,
    TONE_TABLE_SCHEMA,
    _analyzer,
    document_tone,
    tone_scores,
    tone_table,
    vader_scores,
)

# Valences of the VADER lexicon words our fixtures use (vader_lexicon.txt, mean ratings).
VALENCE = {"calm": 1.3, "terrible": -2.1, "attack": -2.1}
NEGATION = -0.74  # VADER's N_SCALAR: a negated word's valence is multiplied by it


def normalise(x: float) -> float:
    """VADER's compound normalisation x / sqrt(x^2 + alpha), alpha = 15, rounded to 4 places."""
    return round(x / math.sqrt(x * x + 15), 4)


CALM = normalise(1.3)  # 0.3182
TERRIBLE_ATTACK = normalise(-2.1 - 2.1)  # -0.7351
BOTH = normalise(1.3 - 2.1 - 2.1)  # -0.5994
TWICE_CALM = normalise(2 * 1.3)  # 0.5574

QUOTE_MID = (
    'The minister said "this is a disgraceful, terrible attack," before the calm session ended.'
)
QUOTE_FIRST = (
    '"This is a disgraceful, terrible attack," the minister said before the calm session ended.'
)


def test_fixture_valences_are_the_lexicons() -> None:
    lexicon = _analyzer().lexicon
    for word, valence in VALENCE.items():
        assert lexicon[word] == pytest.approx(valence)
    assert "disgraceful" not in lexicon  # so it contributes nothing below


def test_hand_computed_values() -> None:
    assert (CALM, TERRIBLE_ATTACK, BOTH, TWICE_CALM) == (0.3182, -0.7351, -0.5994, 0.5574)


@pytest.mark.parametrize(
    ("sentence", "compound"),
    [
        ("A calm day.", CALM),
        ("A terrible attack.", TERRIBLE_ATTACK),
        ("The session was not calm.", normalise(NEGATION * 1.3)),  # -0.2411
        ("The committee met on Tuesday.", 0.0),  # no lexicon word
        (QUOTE_MID, BOTH),
    ],
)
def test_vader_compound(sentence: str, compound: float) -> None:
    assert vader_scores(sentence)["compound"] == pytest.approx(compound, abs=1e-9)


def test_analyzer_is_built_once() -> None:
    assert _analyzer() is _analyzer()
    assert _analyzer.cache_info().currsize == 1


def _rows(text: str, **kw: object) -> list[tuple[str, float, str, int]]:
    df = document_tone(Document("d", text), **kw)  # type: ignore[arg-type]
    return [
        (r.voice, r.compound, text[r.start : r.end], r.n_words) for r in df.itertuples(index=False)
    ]


def test_split_mid_sentence_quote() -> None:
    # Quotation marks only: the narrator's "calm" is no longer mixed into the quoted attack.
    assert _rows(QUOTE_MID, paraphrase=False) == [
        ("narrator", CALM, QUOTE_MID, 8),
        ("quoted", TERRIBLE_ATTACK, "this is a disgraceful, terrible attack,", 6),
    ]


def test_split_quote_first() -> None:
    expected = [
        ("narrator", CALM, "the minister said before the calm session ended.", 8),
        ("quoted", TERRIBLE_ATTACK, "This is a disgraceful, terrible attack,", 6),
    ]
    assert _rows(QUOTE_FIRST) == expected
    assert _rows(QUOTE_FIRST, paraphrase=False) == expected


def test_sentence_unit_mixes_the_voices() -> None:
    # Whole-sentence scoring: 39 of 90 characters are quoted, so the sentence is "narrator"
    # and its score mixes the minister's attack with the outlet's "calm".
    df = document_tone(Document("d", QUOTE_FIRST), unit="sentence")
    assert df[["voice", "compound", "start", "end", "n_words"]].values.tolist() == [
        ["narrator", BOTH, 0, 90, 14]
    ]
    mostly_quoted = '"We are calm and we will stay calm tonight," she said.'
    df = document_tone(Document("d", mostly_quoted), unit="sentence")
    assert df[["voice", "compound"]].values.tolist() == [["quoted", TWICE_CALM]]


def test_paraphrase_is_quoted_voice_by_default() -> None:
    text = "The minister said that the attack was terrible."
    assert _rows(text) == [
        ("narrator", 0.0, text, 4),
        ("quoted", TERRIBLE_ATTACK, "the attack was terrible", 4),
    ]
    assert _rows(text, paraphrase=False) == [("narrator", TERRIBLE_ATTACK, text, 8)]


@pytest.mark.parametrize(
    ("text", "voices"),
    [
        # a scare quote (short, unattributed) stays the narrator's
        ('The so-called "calm" streets were empty.', ["narrator"]),
        # a sentence entirely in quotation marks has no narrator piece
        ('The committee met on Tuesday.\n\n"We are calm and we will stay calm tonight."', None),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_voices_of_edge_cases(text: str, voices: list[str] | None) -> None:
    df = document_tone(Document("d", text))
    assert list(df.columns) == list(TONE_SCHEMA)
    assert {c: str(t) for c, t in df.dtypes.items()}["sentence_id"] == "int64"
    if voices is None:
        assert df[["sentence_id", "voice", "compound"]].values.tolist() == [
            [0, "narrator", 0.0],
            [1, "quoted", TWICE_CALM],
        ]
    else:
        assert df["voice"].tolist() == voices


def test_bad_unit() -> None:
    with pytest.raises(ValueError, match="unit='word'"):
        document_tone(Document("d", "A calm day."), unit="word")  # type: ignore[arg-type]


# --- tone_table ---------------------------------------------------------------------------

NEUTRAL = "The committee met on Tuesday."
# compound per sentence: calm +0.3182, attack -0.7351 (emotive), neutral 0
ARTICLES = {
    "a1": ("A", "A calm day. A terrible attack."),  # sum -0.4169, 2 units, 1 emotive
    "a2": ("A", f"A calm day. {NEUTRAL} A calm day."),  # 0.6364, 3 units, 0 emotive
    "a3": ("A", "A terrible attack."),  # -0.7351, 1 unit, 1 emotive
    "b1": ("B", f"{NEUTRAL} A calm day."),  # 0.3182, 2 units, 0 emotive
    "b2": ("B", 'A terrible attack. "We are calm and we will stay calm tonight," she said.'),
}
HAND = {  # doc -> (narrator compound sum, narrator units, emotive narrator units)
    "a1": (CALM + TERRIBLE_ATTACK, 2, 1),
    "a2": (2 * CALM, 3, 0),
    "a3": (TERRIBLE_ATTACK, 1, 1),
    "b1": (CALM, 2, 0),
    "b2": (TERRIBLE_ATTACK + 0.0, 2, 1),  # "she said." is a neutral narrator piece
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(
        pd.DataFrame(
            {
                "doc_id": list(ARTICLES),
                "outlet": [o for o, _ in ARTICLES.values()],
                "text": [t for _, t in ARTICLES.values()],
            }
        )
    )


def _numpy_cluster_bootstrap(
    num: list[float], den: list[float], n_boot: int, seed: int
) -> tuple[float, float]:
    """Percentile interval of resampled sum(num)/sum(den), articles drawn with replacement."""
    rng = np.random.default_rng(seed)
    n = len(num)
    idx = rng.integers(0, n, size=(n_boot, n))  # one draw: n_boot <= 200 replicates
    reps = np.asarray(num)[idx].sum(axis=1) / np.asarray(den)[idx].sum(axis=1)
    lo, hi = np.percentile(reps, [2.5, 97.5])
    return float(lo), float(hi)


@pytest.mark.parametrize("seed", [0, 7])
def test_table_matches_a_numpy_cluster_bootstrap(corpus: Corpus, seed: int) -> None:
    table = tone_table(corpus, n_boot=200, seed=seed)
    assert list(table.columns) == ["outlet", *TONE_TABLE_SCHEMA]
    assert table[["outlet", "voice", "measure"]].values.tolist() == [
        ["A", "narrator", "emotive_share"],
        ["A", "narrator", "mean_compound"],
        ["B", "narrator", "emotive_share"],
        ["B", "narrator", "mean_compound"],
    ]
    for outlet in ("A", "B"):
        docs = [d for d, (o, _) in ARTICLES.items() if o == outlet]
        sums = [HAND[d][0] for d in docs]
        units = [float(HAND[d][1]) for d in docs]
        emotive = [float(HAND[d][2]) for d in docs]
        for measure, num in (("mean_compound", sums), ("emotive_share", emotive)):
            row = table[(table["outlet"] == outlet) & (table["measure"] == measure)].iloc[0]
            assert row["n_docs"] == len(docs)
            assert row["numerator"] == pytest.approx(sum(num))
            assert row["denominator"] == pytest.approx(sum(units))
            assert row["estimate"] == pytest.approx(sum(num) / sum(units))
            lo, hi = _numpy_cluster_bootstrap(num, units, 200, seed)
            assert (row["ci_low"], row["ci_high"]) == pytest.approx((lo, hi))
            assert row["ci_low"] <= row["estimate"] <= row["ci_high"]
    a = table[(table["outlet"] == "A") & (table["measure"] == "mean_compound")].iloc[0]
    assert a["estimate"] == pytest.approx((3 * CALM + 2 * TERRIBLE_ATTACK) / 6)
    share_b = table[(table["outlet"] == "B") & (table["measure"] == "emotive_share")]
    assert share_b["estimate"].iloc[0] == pytest.approx(1 / 4)


def test_voices_and_articles_without_quotes(corpus: Corpus) -> None:
    table = tone_table(corpus, voice=("quoted", "all"), n_boot=50)
    quoted = table[(table["voice"] == "quoted") & (table["measure"] == "mean_compound")]
    # outlet A quotes nobody: every article is a cluster with 0 units -> no estimate
    a, b = quoted.iloc[0], quoted.iloc[1]
    assert (a["outlet"], a["n_docs"], a["denominator"]) == ("A", 3, 0.0)
    assert math.isnan(a["estimate"])
    assert (b["outlet"], b["n_docs"], b["denominator"], b["estimate"]) == (
        "B",
        2,
        1.0,
        pytest.approx(TWICE_CALM),
    )
    both = table[(table["voice"] == "all") & (table["measure"] == "mean_compound")]
    assert both["denominator"].tolist() == [6.0, 5.0]  # narrator + quoted units


def test_rows_and_corpus_give_the_same_table(corpus: Corpus) -> None:
    rows = tone_scores(corpus)
    assert rows.attrs["framelens"]["unit"] == "piece"
    from_rows = tone_table(rows, corpus, n_boot=100, emotive_threshold=0.7)
    direct = tone_table(corpus, n_boot=100, emotive_threshold=0.7)
    pd.testing.assert_frame_equal(from_rows, direct)
    params = direct.attrs["framelens"]["parameters"]
    assert params["emotive_threshold"] == 0.7 and params["voice"] == ["narrator"]
    assert direct.attrs["framelens"]["analyzer"].startswith("vaderSentiment ")


def test_process_pool_gives_the_serial_rows(corpus: Corpus) -> None:
    serial = tone_scores(corpus, unit="sentence")
    pooled = tone_scores(corpus, unit="sentence", backend="processes", n_jobs=2)
    pd.testing.assert_frame_equal(serial, pooled)
    assert serial["voice"].tolist().count("quoted") == 1  # b2's quote-led sentence


def test_threshold_changes_the_share(corpus: Corpus) -> None:
    strict = tone_table(corpus, n_boot=20, emotive_threshold=0.8)
    assert (strict.loc[strict["measure"] == "emotive_share", "numerator"] == 0).all()


def test_bad_arguments(corpus: Corpus) -> None:
    rows = tone_scores(corpus)
    with pytest.raises(ValueError, match="corpus is required"):
        tone_table(rows)
    with pytest.raises(ValueError, match="voice="):
        tone_table(rows, corpus, voice="speaker")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not in the corpus"):
        tone_table(rows.assign(doc_id="zz"), corpus)
    with pytest.raises(ValueError, match=r"lack column\(s\) \['compound'\]"):
        tone_table(rows.drop(columns=["compound"]), corpus)
    with pytest.raises(ValueError, match="by=\\['desk'\\]"):
        tone_table(rows, corpus, by="desk")
    with pytest.raises(ValueError, match="emotive_threshold"):
        tone_table(rows, corpus, emotive_threshold=1.5)


def test_docstring_examples_run() -> None:
    import doctest

    import framelens.tone

    result = doctest.testmod(framelens.tone, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0


def test_demo_corpus_table_shape(demo_dir: Path) -> None:
    from framelens.corpus import load_corpus

    demo = load_corpus(demo_dir)
    table = tone_table(demo, voice=("narrator", "quoted"), n_boot=100)
    n_articles = demo.to_frame().groupby("outlet").size()
    assert len(table) == 4 * len(n_articles)
    for row in table.itertuples(index=False):
        assert row.n_docs == n_articles[row.outlet]
        assert row.denominator > 0 and row.ci_low <= row.estimate <= row.ci_high
        bounds = (-1.0, 1.0) if row.measure == "mean_compound" else (0.0, 1.0)
        assert bounds[0] <= row.estimate <= bounds[1]
