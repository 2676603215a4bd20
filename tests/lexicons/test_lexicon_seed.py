"""The seed page (corpus/seed): the narrator/quoted split of issue #4, item 6."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framelens.corpus import quote_spans
from framelens.corpus.load import load_corpus
from framelens.lexicons import lexicon_matches


@pytest.fixture(scope="module")
def seed(seed_dir: Path) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    corpus = load_corpus(seed_dir)
    assert len(corpus) == 1
    text = next(iter(corpus)).text
    return text, lexicon_matches(corpus), lexicon_matches(corpus, paraphrase=False)


def voices(m: pd.DataFrame, word: str) -> list[str]:
    return m.loc[m["matched_text"].str.lower() == word, "voice"].tolist()


def test_extremists_in_both_voices_by_quotation_marks(seed: tuple) -> None:
    text, _, marks_only = seed
    # quotation marks only: one narrator-voice sentence, two inside Lavrov's direct quote
    assert voices(marks_only, "extremists") == ["narrator", "quoted", "quoted"]
    narr = marks_only[(marks_only["matched_text"] == "extremists")].iloc[0]
    assert text[narr.start - 60 : narr.start].endswith("Ukraine sent over 200 ")
    # the singular inside "extremist provocations" is in the quote as well
    assert voices(marks_only, "extremist") == ["quoted"]


def test_attributed_paraphrase_is_quoted_voice(seed: tuple) -> None:
    _, m, _ = seed
    # "Russia has certified information that Ukraine sent over 200 extremists ..., the
    # Foreign Minister declared." is an attributed paraphrase, so by the issue's own
    # definition of voice every "extremists" on this page is quoted.
    assert voices(m, "extremists") == ["quoted", "quoted", "quoted"]
    boost = m[m["term"] == "certified information"]
    assert boost["voice"].tolist() == ["quoted"] and boost["category"].tolist() == ["boosters"]


def test_legitimate_authorities_only_inside_the_lavrov_quote(seed: tuple) -> None:
    text, m, marks_only = seed
    for table in (m, marks_only):
        rows = table[table["matched_text"].str.lower() == "legitimate authorities"]
        assert len(rows) == 1 and rows["voice"].tolist() == ["quoted"]
        assert rows["category"].tolist() == ["legitimacy_claims"]
        # counted once: not also as a shorter match
        s = int(rows["start"].iloc[0])
        assert ((table["start"] >= s) & (table["start"] < s + 22)).sum() == 1
        q = [sp for sp in quote_spans(text).spans if sp.content_start <= s < sp.content_end]
        assert len(q) == 1
        assert text[q[0].content_start :].startswith("We condemn the pressure")
        assert text[q[0].end : q[0].end + 13] == " Lavrov said."
