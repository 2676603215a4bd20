"""The seed page, row by row: every voice is an official one, and the opposition is silent."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framelens.attribution.tables import (
    mentioned_not_quoted,
    quote_table,
    share_of_voice,
    verb_class_rates,
)
from framelens.corpus import load_corpus
from framelens.corpus.model import Corpus

LAVROV, MAKEI = "Sergei Lavrov", "Vladimir Makei"

# (first words of the content, kind, cue, speaker mention as written, resolved speaker,
#  affiliation) — read off the article by hand.
EXPECTED = [
    ("outside forces are intervening", "indirect", "denounced",
     "Russia's Foreign Minister Sergei Lavrov", LAVROV, "Russia"),
    ("Russia condemns other countries'", "indirect", "declared",
     "Russia's Foreign Minister Sergei Lavrov", LAVROV, "Russia"),
    ("Russia's Prime Minister, Mikail", "indirect", "announced", "Lavrov", LAVROV, "Russia"),
    ("the protests in Belarus", "indirect", "affirmed",
     "Belarus' Foreign Minister Vladimir Makei", MAKEI, "Belarus"),
    ("these are the fifth", "direct", "sustained", "Makei", MAKEI, "Belarus"),
    ("Foreign and domestic forces", "indirect", "said", "Makei", MAKEI, "Belarus"),
    ("Moscow would categorically block", "indirect", "stated", "Russia's top diplomat", LAVROV,
     "Russia"),
    ("Those who try, by", "direct", "stated", "Lavrov", LAVROV, "Russia"),
    ('Moscow will "categorically block', "mixed", "added", "he", LAVROV, "Russia"),
    ("We condemn the pressure", "direct", "said", "Lavrov", LAVROV, "Russia"),
    ("Russia has certified information", "indirect", "declared", "the Foreign Minister", LAVROV,
     "Russia"),
    ("In Ukraine, there are", "direct", "clarified", "he", LAVROV, "Russia"),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed(seed_dir: Path) -> Corpus:
    return load_corpus(seed_dir)


@pytest.fixture(scope="module")
def quotes(seed: Corpus) -> pd.DataFrame:
    return quote_table(seed)


def test_seed_rows_match_the_hand_written_table(quotes: pd.DataFrame) -> None:
    got = [
        (
            " ".join(r.content.split()[:4]),
            r.kind,
            r.cue,
            r.speaker_mention,
            r.speaker,
            r.speaker_affiliation,
        )
        for r in quotes.itertuples()
    ]
    assert got == EXPECTED


def test_seed_speakers_are_only_the_two_ministers(quotes: pd.DataFrame) -> None:
    assert set(quotes["speaker"]) == {LAVROV, MAKEI}
    assert (quotes["speaker"] == LAVROV).sum() == 9
    assert set(quotes["speaker_role"]) == {"official"}
    assert set(quotes["role_rule"]) == {"title:foreign minister"}


def test_seed_mentions_index_the_cleaned_text(seed: Corpus, quotes: pd.DataFrame) -> None:
    text = seed[quotes.loc[0, "doc_id"]].text
    for r in quotes.itertuples():
        assert text[r.speaker_start : r.speaker_end] == r.speaker_mention
        assert text[r.content_start : r.content_end] == r.content


def test_seed_share_of_voice_is_all_official(seed: Corpus, quotes: pd.DataFrame) -> None:
    sov = share_of_voice(quotes, seed).set_index("role")
    assert sov.loc["official", "estimate"] == 1.0
    assert (sov.loc["official", "numerator"], sov.loc["official", "denominator"]) == (12.0, 12.0)
    assert sov.drop(index="official")["estimate"].eq(0.0).all()
    assert sov["n_docs"].eq(1).all()


def test_seed_verb_classes(seed: Corpus, quotes: pd.DataFrame) -> None:
    v = verb_class_rates(quotes, seed)
    share = v[v["measure"] == "share"].set_index("cue_class")["numerator"].to_dict()
    # denounced: emotive; declared x2, affirmed, clarified: endorsing; the rest neutral
    assert share == {
        "cognition": 0.0,
        "distancing": 0.0,
        "emotive": 1.0,
        "endorsing": 4.0,
        "neutral": 7.0,
    }


def test_seed_opposition_is_mentioned_but_never_quoted(seed: Corpus) -> None:
    m = mentioned_not_quoted(seed)
    got = list(zip(m["actor"], m["role"], m["n_mentions"], strict=True))
    assert got == [
        ("the opposition", "opposition", 3),
        ("Mikail Mishustin", "official", 1),
        ("Alexander Lukashenko", "official", 1),
    ]
    text = seed[m.loc[0, "doc_id"]].text
    start = int(m.loc[0, "first_start"])
    assert text[start : start + len("the country's opposition")] == "the country's opposition"
    assert LAVROV not in set(m["actor"]) and MAKEI not in set(m["actor"])
