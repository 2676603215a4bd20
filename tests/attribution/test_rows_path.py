"""The rows path (column lists, no per-article DataFrame) gives the DataFrame API's rows.

Hand-written articles with hand-checked rows; each fast-path function is compared with the
public DataFrame function on the same input, value for value and dtype for dtype.
"""

from __future__ import annotations

import pandas as pd
import pytest

from framelens.attribution.cues import load_cues
from framelens.attribution.extract import (
    _BACK_CHUNKS,
    _TOKEN_RE,
    ATTRIBUTION_SCHEMA,
    _backward_np,
    _backward_scan,
    _Context,
    _tail_start,
    _tokens,
    attribution_frame,
    attribution_spans,
    extract_attributions,
    extract_columns,
)
from framelens.attribution.roles import PhraseFinder
from framelens.attribution.speakers import (
    _SENTENCE_END,
    _last_sentence_end,
    resolve_columns,
    resolve_speakers,
)
from framelens.attribution.tables import QUOTE_TABLE_COLUMNS, quote_table
from framelens.corpus.model import Corpus, Document
from framelens.corpus.units import sentence_spans
from framelens.lexicons.matching import (
    MATCH_SCHEMA,
    _corpus_rows,
    compile_lexicons,
    document_lexicon_matches,
    lexicon_matches,
)

TEXTS = {
    "a": 'Interior Minister Ivan Petrov said the border was calm. "We are ready," he added.',
    "b": '"One," Mayor Lena Dorn said. "Two."\n\nThe plan, a source close to the council said, '
    "is to wait.",
    "c": "Rain fell on the capital.",  # no attribution
    "d": "Prices rose, according to the statistics office.",
}

# Hand-checked: (kind, content, cue, speaker_mention, speaker)
EXPECTED = {
    "a": [
        ("indirect", "the border was calm", "said", "Interior Minister Ivan Petrov", "Ivan Petrov"),
        ("direct", "We are ready,", "added", "he", "Ivan Petrov"),
    ],
    "c": [],
    "d": [
        (
            "according_to",
            "Prices rose",
            "according to",
            "the statistics office",
            "the statistics office",  # "the" is dropped only before a capitalised name
        ),
    ],
}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_rows_path_hand_checked(doc_id: str) -> None:
    doc = Document(doc_id, TEXTS[doc_id])
    cols = resolve_columns(doc, extract_columns(doc))
    got = list(
        zip(
            cols["kind"],
            cols["content"],
            cols["cue"],
            cols["speaker_mention"],
            cols["speaker"],
            strict=True,
        )
    )
    assert got == EXPECTED[doc_id]
    assert list(cols) == list(ATTRIBUTION_SCHEMA)
    assert cols["attribution_id"] == [f"{doc_id}:{k}" for k in range(1, len(got) + 1)]


@pytest.mark.parametrize("doc_id", sorted(TEXTS))
@pytest.mark.parametrize("continuations", ["separate", "merge"])
def test_columns_equal_the_dataframe_api(doc_id: str, continuations: str) -> None:
    doc = Document(doc_id, TEXTS[doc_id])
    frame = extract_attributions(doc, continuations=continuations)  # type: ignore[arg-type]
    cols = extract_columns(doc, continuations=continuations)  # type: ignore[arg-type]
    rebuilt = attribution_frame(cols)
    pd.testing.assert_frame_equal(rebuilt, frame.copy().__finalize__(rebuilt))
    assert dict(rebuilt.dtypes.astype(str)) == dict(frame.dtypes.astype(str))

    resolved = resolve_speakers(doc, frame)
    filled = resolve_columns(doc, cols)
    assert {c: resolved[c].tolist() for c in resolved.columns} == filled


def test_continuations_split_the_paragraph_quote() -> None:
    doc = Document("b", TEXTS["b"])
    sep = extract_columns(doc, continuations="separate")
    mrg = extract_columns(doc, continuations="merge")
    assert sep["content"][:2] == ["One,", "Two."]
    assert mrg["content"][0] == 'One," Mayor Lena Dorn said. "Two.'
    assert len(mrg["content"]) == len(sep["content"]) - 1


def test_bad_continuations_value_is_rejected() -> None:
    with pytest.raises(ValueError, match="continuations"):
        extract_columns(Document("x", "He said it."), continuations="join")  # type: ignore[arg-type]


def test_empty_document_keeps_the_schema() -> None:
    cols = extract_columns(Document("c", TEXTS["c"]))
    assert all(v == [] for v in cols.values())
    frame = attribution_frame(cols)
    assert len(frame) == 0 and list(frame.columns) == list(ATTRIBUTION_SCHEMA)
    assert str(frame["content_start"].dtype) == "int64"
    frame["extra"] = pd.Series(dtype="int64")  # a fresh copy each time: the cache is not mutated
    frame.attrs["x"] = 1
    again = attribution_frame(cols)
    assert list(again.columns) == list(ATTRIBUTION_SCHEMA) and again.attrs == {}


def test_quote_table_equals_concatenated_dataframes() -> None:
    corpus = Corpus(
        pd.DataFrame(
            {"doc_id": list(TEXTS), "outlet": ["X"] * len(TEXTS), "text": list(TEXTS.values())}
        )
    )
    table = quote_table(corpus)
    per_doc = [resolve_speakers(d, extract_attributions(d)) for d in corpus]
    expected = pd.concat([f for f in per_doc if len(f)], ignore_index=True)
    assert list(table.columns) == QUOTE_TABLE_COLUMNS
    # "b": '"One," ... said. "Two."' is one row (continuations="merge", the default)
    assert table["doc_id"].tolist() == ["a", "a", "b", "b", "d"]
    for col in ATTRIBUTION_SCHEMA:
        assert table[col].tolist() == expected[col].tolist(), col
        assert str(table[col].dtype) == ATTRIBUTION_SCHEMA[col], col


def test_attribution_spans_are_the_sorted_content_spans() -> None:
    doc = Document("a", TEXTS["a"])
    assert [doc.text[s:e] for s, e in attribution_spans(doc)] == [
        "the border was calm",
        "We are ready,",
    ]


@pytest.mark.parametrize(
    ("phrases", "ignore_case", "text", "expected"),
    [
        # overlapping first words ("vice" inside "vice president"), longest wins
        (
            ["vice president", "president", "vice"],
            True,
            "The Vice President met the president.",
            [(4, 18, "Vice President"), (27, 36, "president")],
        ),
        # case-sensitive names; a hit inside a longer word or after a hyphen is not a hit
        (
            ["Ivan Petrov", "Petrov"],
            False,
            "Ivan Petrov, Petrova and ex-Petrov; petrov.",
            [(0, 11, "Ivan Petrov")],
        ),
        # a curly apostrophe matches a straight one in the phrase
        (["people's front"], True, "The People’s Front won.", [(4, 18, "People’s Front")]),
        # a first word glued to more letters ("There", "theopposition") is no hit; any
        # whitespace between the words is
        (
            ["the opposition"],
            False,
            "There the opposition met; theopposition and the\n opposition left.",
            [(6, 20, "the opposition"), (44, 59, "the\n opposition")],
        ),
        # nothing to find
        (["mayor"], True, "No officials here.", []),
        ([], True, "The mayor spoke.", []),
    ],
)
def test_phrase_finder_table(
    phrases: list[str], ignore_case: bool, text: str, expected: list[tuple[int, int, str]]
) -> None:
    finder = PhraseFinder(phrases, ignore_case=ignore_case)
    assert finder.find(text) == expected
    assert finder.find(text) == expected  # the automaton is reused


def test_lexicon_corpus_rows_equal_the_document_frame() -> None:
    matcher = compile_lexicons()
    doc = Document("m", 'Rioters clashed. He said "extremists are paid."')
    cols = _corpus_rows(doc, matcher, True)
    frame = document_lexicon_matches(doc, matcher)
    assert list(cols) == list(MATCH_SCHEMA)
    assert {c: frame[c].tolist() for c in frame.columns} == cols
    assert cols["voice"] == ["narrator", "narrator", "quoted"]
    assert _corpus_rows(Document("n", "Rain fell."), matcher, True) == {c: [] for c in MATCH_SCHEMA}
    corpus = Corpus(
        pd.DataFrame({"doc_id": ["m", "n"], "outlet": ["X", "X"], "text": [doc.text, "Rain fell."]})
    )
    table = lexicon_matches(corpus, matcher)
    assert dict(table.dtypes.astype(str)) == MATCH_SCHEMA
    assert table["matched_text"].tolist() == ["Rioters", "clashed", "extremists"]


# Long sentences (more than the backward scan's window before most words), with titles,
# parentheses, possessives and auxiliaries before the places a cue could stand.
LONG = (
    "In a long statement released late on Tuesday evening after two days of closed-door "
    "talks in the northern port city, the deputy head of the regional water authority "
    "(a body set up in 2019) Ms. Dana Okafor-Reyes, a former engineer, has also repeatedly "
    "said that the Belarus' reservoir plan, which critics called reckless, would go ahead "
    "as planned, and the city's mayor, Tom Lindqvist, who spoke to reporters, said it too."
)


@pytest.mark.parametrize("text", [LONG, LONG.replace(",", "").replace("(", "").replace(")", "")])
def test_windowed_backward_scan_equals_the_full_scan(text: str) -> None:
    ctx = _Context(text, load_cues())
    starts = [i for i in range(1, len(text)) if text[i - 1] == " "]
    # the chunk windows are exercised, not only the fallback
    assert len(text.split()) > max(_BACK_CHUNKS) + 20
    found = 0
    for cue in starts:
        full = _backward_scan(text[:cue])[0]
        assert _backward_np(ctx, 0, cue) == full, text[:cue][-60:]
        found += full is not None
    assert found > 10


@pytest.mark.parametrize(
    "text",
    [
        LONG,
        "U.S.-led talks (in Kyiv)  ended; Mr. O'Neil's aide—“no”—left… A&B Co. said 5.5%.",
        "  \n\t x  ",
        "",
        'He said, "Yes!" (twice): no; \u201cfine\u201d ok? Belarus\' aide, 5, x. _a,',
        # the chunk shapes _chunk_tokens splits without the pattern (and near misses)
        'said,"  "Yes \u201cNo ok.\u201d (R x,\u201d a." b.). ,, ". _a." (_b \u201c. 5,"',
    ],
)
def test_tokens_are_the_token_regex_matches(text: str) -> None:
    for start, end in [(0, len(text)), (3, len(text) - 2), (len(text) // 2, len(text))]:
        expected = [(m.start(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]
        sub = text[start:end]
        words = _tokens(sub)
        assert words == [w for _, w in expected]
        n = len(words)
        for k in range(n + 1):
            starts = [start + _tail_start(sub, words, j, n, len(sub)) for j in range(k, n)]
            assert list(zip(starts, words[k:], strict=True)) == expected[k:]
            if k < n:  # walking on from a later token's start gives the same offset
                pos = _tail_start(sub, words, k + (n - k) // 2, n, len(sub))
                assert start + _tail_start(sub, words, k, k + (n - k) // 2, pos) == expected[k][0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. Then", 9),  # the end of the whitespace after the last [.!?]
        ('"No!" she said.  ', 17),  # the last one wins, with its whitespace
        ("Done.\u201d Smith", 7),  # a closing quotation mark after the period
        ("e.g. this", 5),
        ("No end here", -1),
        ("3.5 percent", -1),  # a period not followed by whitespace
        ("", -1),
    ],
)
def test_last_sentence_end_table(text: str, expected: int) -> None:
    assert _last_sentence_end(text) == expected
    matches = list(_SENTENCE_END.finditer(text))
    assert (matches[-1].end() if matches else -1) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the word before the period is found from the last space (an abbreviation: no break)
        ("Gen. Smith left. He came back.", ["Gen. Smith left.", "He came back."]),
        # no space within 40 characters before the period: the character scan decides
        (
            "(see www.example-site-with-a-very-long-name.org. It works.)",
            ["(see www.example-site-with-a-very-long-name.org.", "It works.)"],
        ),
        # a symbol between the space and the period ("(Sen." is still the title "Sen")
        ("He met (Sen. Ruiz) today. She left.", ["He met (Sen. Ruiz) today.", "She left."]),
    ],
)
def test_sentence_boundary_word_table(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == expected
