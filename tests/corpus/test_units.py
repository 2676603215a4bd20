from __future__ import annotations

import pytest

from framelens.corpus.units import (
    LOWERS_INTO_LATIN1,
    blank_non_word,
    paragraph_spans,
    quote_spans,
    sentence_spans,
    word_count,
    word_spans,
)


def texts(t: str, spans: list[tuple[int, int]]) -> list[str]:
    return [t[s:e] for s, e in spans]


def test_sentences_keep_abbreviations_together() -> None:
    t = "Gen. Smith met U.S. envoys on Sept. 5 in Minsk. He left — quietly. Mr. Jones stayed."
    assert texts(t, sentence_spans(t)) == [
        "Gen. Smith met U.S. envoys on Sept. 5 in Minsk.",
        "He left — quietly.",
        "Mr. Jones stayed.",
    ]


def test_sentences_never_cross_paragraphs() -> None:
    t = "First line without stop\n\nSecond paragraph. Third sentence."
    assert texts(t, sentence_spans(t)) == [
        "First line without stop",
        "Second paragraph.",
        "Third sentence.",
    ]


def test_paragraphs_and_words() -> None:
    t = "One two.\nstill one.\n\nBelarus' post-electoral talks"
    assert texts(t, paragraph_spans(t)) == ["One two.\nstill one.", "Belarus' post-electoral talks"]
    assert texts(t, word_spans(t))[-3:] == ["Belarus", "post-electoral", "talks"]
    assert word_count(t) == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "no." Then “yes,” she said.', ["no.", "yes,"]),
        ("«Nous gagnerons», a-t-il dit.", ["Nous gagnerons"]),
        ("Er sagte: „Wir gewinnen“ heute.", ["Wir gewinnen"]),
        ('Lavrov stated: "Those who try."', ["Those who try."]),
        ("''It is over,'' Mr. Hale said. ''Done.''", ["It is over,", "Done."]),
        ("The Joneses' dog isn't ''tame'' at all.", ["tame"]),
    ],
)
def test_quote_marks(text: str, expected: list[str]) -> None:
    scan = quote_spans(text)
    assert [text[q.content_start : q.content_end] for q in scan.spans] == expected
    assert scan.warnings == []


def test_multi_paragraph_quote_reopens_without_closing() -> None:
    t = '"First paragraph of the quote.\n\n"Second paragraph," he said. After.'
    scan = quote_spans(t)
    assert len(scan.spans) == 1
    q = scan.spans[0]
    assert (
        t[q.content_start : q.content_end] == 'First paragraph of the quote.\n\n"Second paragraph,'
    )
    assert q.paragraphs == 2 and q.closed


def test_missing_close_recovers_at_next_paragraph() -> None:
    t = 'She said "we will never stop.\n\nThe minister replied "nonsense" at once.'
    scan = quote_spans(t)
    got = [t[q.content_start : q.content_end] for q in scan.spans]
    assert got == ["we will never stop.", "nonsense"]
    assert [q.closed for q in scan.spans] == [False, True]
    assert len(scan.warnings) == 1 and "not closed" in scan.warnings[0]


def test_apostrophes_are_not_quotes() -> None:
    t = "Belarus’ leaders and the protesters’ demands were ’90s style."
    assert quote_spans(t).spans == []


def test_typewriter_pair_reopens_paragraphs() -> None:
    t = "''First part.\n\n''Second part,'' she said."
    scan = quote_spans(t)
    assert len(scan.spans) == 1
    q = scan.spans[0]
    assert (q.start, q.content_start) == (0, 2)
    assert t[q.content_start : q.content_end] == "First part.\n\n''Second part,"
    assert q.paragraphs == 2 and q.closed and scan.warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviation followed by a frequent sentence starter ends the sentence
        ("He flew to the U.S. The talks failed.", ["He flew to the U.S.", "The talks failed."]),
        # an initial never ends a sentence
        ("J. R. Smith arrived. He spoke.", ["J. R. Smith arrived.", "He spoke."]),
        # a question inside a quote followed by a lower-case cue is one sentence
        ('"Why now?" he asked. Nobody knew.', ['"Why now?" he asked.', "Nobody knew."]),
        # a closing quote after the period ends the sentence
        ('"We will win." Then he left.', ['"We will win."', "Then he left."]),
        # titles before names, even before a sentence starter
        ("They met Gen. He Wei in Minsk.", ["They met Gen. He Wei in Minsk."]),
    ],
)
def test_fast_sentence_rules(text: str, expected: list[str]) -> None:
    assert texts(text, sentence_spans(text)) == expected


def test_fast_splitter_agrees_with_full_punkt_on_demo_corpus() -> None:
    from framelens.corpus import load_corpus
    from tests.conftest import DEMO_DIR

    docs = list(load_corpus(DEMO_DIR, progress=False))
    fast = {(d.doc_id, e) for d in docs for _, e in sentence_spans(d.text)}
    full = {(d.doc_id, e) for d in docs for _, e in sentence_spans(d.text, method="punkt")}
    agree = len(fast & full)
    assert agree / len(full) >= 0.99 and agree / len(fast) >= 0.99


def test_merge_spans_sorts_merges_touching_and_drops_empty() -> None:
    from framelens.corpus.units import merge_spans

    assert merge_spans([(5, 9), (0, 3), (3, 4), (8, 12), (7, 7), (20, 20)]) == [(0, 4), (5, 12)]
    assert merge_spans([]) == []


def test_typewriter_quotes_alone_are_scanned() -> None:
    t = "He said ''we will win'' today."
    assert [t[q.content_start : q.content_end] for q in quote_spans(t).spans] == ["we will win"]


def test_fast_quote_span_is_a_quote_span() -> None:
    import dataclasses
    import pickle

    from framelens.corpus.units import QuoteSpan, _quote_span

    args = (3, 20, 4, 19, False, 2)
    fast, plain = _quote_span(*args), QuoteSpan(*args)
    # every field filled (a field added to QuoteSpan must be added to _quote_span too)
    assert [f.name for f in dataclasses.fields(QuoteSpan)] == list(vars(fast))
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert pickle.loads(pickle.dumps(fast)) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.start = 0  # type: ignore[misc]


def test_lowers_into_latin1_lists_every_such_character() -> None:
    """blank_non_word(text, lower=True) lower-cases and blanks Latin-1 by one byte translation
    and blanks every other character: it differs from lower-casing first only for the listed
    characters, which must be exactly those of this Python's Unicode tables."""

    into_latin1 = {
        c
        for c in map(chr, range(256, 0x110000))
        if len(c.lower()) == 1 and c.lower() < "Ā" and blank_non_word(c.lower()) != " "
    }
    assert set(LOWERS_INTO_LATIN1) == into_latin1


@pytest.mark.parametrize(
    ("text", "keep", "expected"),
    [
        ("Co-chair’s (re)view", "_-", "co-chair s  re view"),
        ("He SAID 'no' ÀÉ", "_-'", "he said 'no' àé"),
        ("İstanbul \u212a x_y", "_-", " stanbul   x_y"),  # (beyond Latin-1: blanked)
    ],
)
def test_blank_non_word_lower(text: str, keep: str, expected: str) -> None:
    assert blank_non_word(text, keep, lower=True) == expected
    assert len(expected) == len(text)
