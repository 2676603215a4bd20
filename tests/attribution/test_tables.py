"""Comparison tables on a hand-written three-outlet corpus with hand-computed figures."""

from __future__ import annotations

import pandas as pd
import pytest

from framelens.attribution.tables import (
    QUOTE_TABLE_COLUMNS,
    mentioned_not_quoted,
    quote_table,
    share_of_voice,
    verb_class_rates,
)
from framelens.corpus.model import Corpus

TEXTS = {
    # 20 words; two quotes by an official; the opposition is only talked about
    "a1": 'Interior Minister Ivan Petrov said the border was calm. "We are ready," Petrov told '
    "reporters. The opposition was not consulted.",
    # 10 words; one anonymous quote
    "a2": "The talks failed, a source close to the ministry said.",
    # 11 words; one expert, distancing cue; protesters are mentioned
    "b1": "Professor Anna Berg claimed the vote was flawed. Protesters marched again.",
    # no attribution at all: a cluster with a zero denominator
    "b2": "Rain fell on the capital.",
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(
        pd.DataFrame(
            {
                "doc_id": list(TEXTS),
                "outlet": ["Alpha", "Alpha", "Beta", "Beta"],
                "date": ["2020-09-01", "2020-09-02", "2020-09-02", "2020-09-03"],
                "text": list(TEXTS.values()),
            }
        )
    )


@pytest.fixture(scope="module")
def quotes(corpus: Corpus) -> pd.DataFrame:
    return quote_table(corpus)


def test_quote_table_rows(quotes: pd.DataFrame) -> None:
    assert list(quotes.columns) == QUOTE_TABLE_COLUMNS
    got = quotes[["doc_id", "content", "cue", "speaker", "speaker_role", "role_rule", "outlet"]]
    minister = ("Ivan Petrov", "official", "title:interior minister")
    source = ("a source close to the ministry", "anonymous", "anonymous_phrase")
    assert [tuple(r) for r in got.values.tolist()] == [
        ("a1", "the border was calm", "said", *minister, "Alpha"),
        ("a1", "We are ready,", "told", *minister, "Alpha"),
        ("a2", "The talks failed", "said", *source, "Alpha"),
        ("b1", "the vote was flawed", "claimed", "Anna Berg", "expert", "title:professor", "Beta"),
    ]
    assert (
        quotes["date"].tolist()
        == [pd.Timestamp("2020-09-01")] * 2 + [pd.Timestamp("2020-09-02")] * 2
    )
    assert quotes.attrs["framelens"]["parameters"]["measure"] == "quote_table"


def test_quote_table_processes_backend_is_identical(corpus: Corpus, quotes: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(quote_table(corpus, backend="processes"), quotes)


def test_quote_table_continuations() -> None:
    # a quotation continued in the next sentence after its tag: one speech event
    text = '"We will not leave," Petrov said. "The square is ours." Rain fell.'
    corpus = Corpus(pd.DataFrame({"doc_id": ["c1"], "outlet": ["Alpha"], "text": [text]}))
    merged = quote_table(corpus)
    assert merged["content"].tolist() == ['We will not leave," Petrov said. "The square is ours.']
    assert merged.attrs["framelens"]["parameters"]["continuations"] == "merge"
    separate = quote_table(corpus, continuations="separate")
    assert separate[["content", "cue", "speaker"]].values.tolist() == [
        ["We will not leave,", "said", "Petrov"],
        ["The square is ours.", "said", "Petrov"],
    ]
    with pytest.raises(ValueError, match="continuations"):
        quote_table(corpus, continuations="split")  # type: ignore[arg-type]


def test_share_of_voice(corpus: Corpus, quotes: pd.DataFrame) -> None:
    sov = share_of_voice(quotes, corpus).set_index(["outlet", "role"])
    # Alpha: 2 official + 1 anonymous of 3; resampling its 2 articles gives 1.0 (a1 twice),
    # 0.0 (a2 twice) or 2/3 (both), each extreme with probability 1/4 -> 95% CI [0, 1]
    a = sov.loc[("Alpha", "official")]
    assert (a["n_docs"], a["numerator"], a["denominator"]) == (2, 2.0, 3.0)
    assert a["estimate"] == pytest.approx(2 / 3)
    assert (a["ci_low"], a["ci_high"]) == (0.0, 1.0)
    assert sov.loc[("Alpha", "anonymous"), "estimate"] == pytest.approx(1 / 3)
    # Beta: b2 has no attribution but is a cluster; the share is 1/1 expert
    b = sov.loc[("Beta", "expert")]
    assert (b["n_docs"], b["numerator"], b["denominator"], b["estimate"]) == (2, 1.0, 1.0, 1.0)
    assert sov.loc["Beta"]["numerator"].sum() == 1.0
    assert len(sov) == 16  # every role listed for both outlets


def test_share_of_voice_without_corpus_counts_only_quoting_articles(quotes: pd.DataFrame) -> None:
    sov = share_of_voice(quotes).set_index(["outlet", "role"])
    assert sov.loc[("Beta", "expert"), "n_docs"] == 1


def test_verb_class_rates(corpus: Corpus, quotes: pd.DataFrame) -> None:
    v = verb_class_rates(quotes, corpus)
    assert list(v["cue_class"][:5]) == [
        "neutral",
        "endorsing",
        "distancing",
        "emotive",
        "cognition",
    ]
    v = v.set_index(["measure", "outlet", "cue_class"])
    assert v.loc[("share", "Alpha", "neutral"), "estimate"] == 1.0
    assert v.loc[("share", "Beta", "distancing"), "estimate"] == 1.0
    # per 1,000 words: Alpha 3 neutral cues / 30 words; Beta 1 distancing / (11 + 5) words
    assert v.loc[("per_1000_words", "Alpha", "neutral"), "estimate"] == pytest.approx(100.0)
    assert v.loc[("per_1000_words", "Alpha", "neutral"), "denominator"] == 30.0
    assert v.loc[("per_1000_words", "Beta", "distancing"), "estimate"] == pytest.approx(62.5)


def test_mentioned_not_quoted(corpus: Corpus) -> None:
    m = mentioned_not_quoted(corpus)
    assert m[["doc_id", "actor", "kind", "role", "n_mentions"]].values.tolist() == [
        ["a1", "the opposition", "group", "opposition", 1],
        ["b1", "protesters", "group", "citizen", 1],
    ]
    start = int(m.loc[0, "first_start"])
    assert TEXTS["a1"][start:].startswith("The opposition")
