"""Matching: word boundaries, globs, stems, exclusions, overlaps, normalisation, voice."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelens.corpus import Corpus, Document
from framelens.lexicons import (
    MATCH_SCHEMA,
    LexiconMatcher,
    lexicon_from_dict,
    lexicon_matches,
    normalise,
)
from framelens.lexicons.format import Lexicon


def lex(categories: dict[str, object], name: str = "t", version: str = "1") -> Lexicon:
    return lexicon_from_dict(
        {
            "name": name,
            "version": version,
            "language": "en",
            "description": "test",
            "provenance": "test",
            "categories": categories,
        }
    )


def found(text: str, entries: list[str], exclude: list[str] | None = None) -> list[str]:
    cat: dict[str, object] = {"entries": entries}
    if exclude:
        cat["exclude"] = exclude
    m = LexiconMatcher([lex({"c": cat})])
    return [text[s:e] for s, e, _ in m.find(text)]


@pytest.mark.parametrize(
    ("text", "entries", "expected"),
    [
        # globs: a word starting with the prefix, whole word reported
        (
            "They destabilize; destabilization, Destabilising!",
            ["destabili*"],
            ["destabilize", "destabilization", "Destabilising"],
        ),
        ("Stabilize it. re-destabilize it.", ["destabili*"], []),
        ("a color revolutionary plot", ["color revolution*"], ["color revolutionary"]),
        # inflections via Snowball stems
        ("Extremists and an extremist's aims", ["extremist~"], ["Extremists", "extremist's"]),
        ("extremism, extremely extreme", ["extremist~"], []),
        ("Protesters cried; he cries; she cry", ["cry~"], ["cried", "cries", "cry"]),
        ("they provoked disturbances", ["provoke~ disturbance~"], ["provoked disturbances"]),
        ("they provoke peace", ["provoke~ disturbance~"], []),
        # word boundaries
        ("patriotic rioters, a riot, riots.", ["riot"], ["riot"]),
        ("mobile mob mobs", ["mob"], ["mob"]),
        ("anti-extremist extremist-led extremist", ["extremist"], ["extremist"]),
        ("rioters' camp", ["rioters"], ["rioters"]),
        ("_riot riot_ riot", ["riot"], ["riot"]),
        # case and quote-mark normalisation
        (
            "OUTSIDE FORCES and Outside Forces",
            ["outside forces"],
            ["OUTSIDE FORCES", "Outside Forces"],
        ),
        ("we don’t and we don't", ["don't"], ["don’t", "don't"]),
        (
            "outside\nforces, outside   forces",
            ["outside forces"],
            ["outside\nforces", "outside   forces"],
        ),
        ("İstanbul saw outside forces", ["outside forces"], ["outside forces"]),
        # whitespace runs collapse through an offset map: offsets still exact
        (
            "a  b\r\n outside \t forces;   riot  outside  forces",
            ["outside forces", "riot"],
            ["outside \t forces", "riot", "outside  forces"],
        ),
    ],
)
def test_match_table(text: str, entries: list[str], expected: list[str]) -> None:
    assert found(text, entries) == expected


@pytest.mark.parametrize(
    ("text", "entries", "exclude", "expected"),
    [
        (
            "legitimate concerns; legitimate aims",
            ["legitimate"],
            ["legitimate concern~"],
            ["legitimate"],
        ),
        ("a legitimate concern", ["legitimate"], ["legitimate concern~"], []),
        (
            "legitimate authorities",
            ["legitimate authorities"],
            ["legitimate concern~"],
            ["legitimate authorities"],
        ),
        ("state media said the state", ["state"], ["state media"], ["state"]),
    ],
)
def test_exclusions(text: str, entries: list[str], exclude: list[str], expected: list[str]) -> None:
    assert found(text, entries, exclude) == expected


def test_exclusion_only_applies_to_its_category() -> None:
    lx = lex(
        {"a": {"entries": ["legitimate"], "exclude": ["legitimate concern~"]}, "b": ["legitimate"]}
    )
    m = LexiconMatcher([lx])
    text = "legitimate concerns"
    assert [(text[s:e], m.describe(p)[1]) for s, e, p in m.find(text)] == [("legitimate", "b")]


@pytest.mark.parametrize(
    ("text", "entries", "expected"),
    [
        # longest wins: one row, not also "authorities"
        (
            "the legitimate authorities acted",
            ["authorities", "legitimate authorities"],
            ["legitimate authorities"],
        ),
        # equal length: leftmost wins
        ("a b c", ["a b", "b c"], ["a b"]),
        # longer beats leftmost
        ("a b c d", ["a b", "b c d"], ["b c d"]),
        # non-overlapping both kept
        ("a b and b c", ["a b", "b c"], ["a b", "b c"]),
        # glob longer than a literal at the same start
        ("destabilizing", ["destabili*", "destabiliz"], ["destabilizing"]),
    ],
)
def test_overlaps(text: str, entries: list[str], expected: list[str]) -> None:
    assert found(text, entries) == expected


def test_same_span_in_two_categories_gives_two_rows_and_lexicons_are_independent() -> None:
    a = lex({"labels": ["extremists"], "threat": ["extremist~"]}, name="a")
    b = lex({"other": ["extremists", "the extremists"]}, name="b")
    m = LexiconMatcher([a, b])
    text = "the extremists"
    got = [(text[s:e], *m.describe(p)[1:3]) for s, e, p in m.find(text)]
    assert got == [
        ("the extremists", "other", "b"),
        ("extremists", "labels", "a"),
        ("extremists", "threat", "a"),
    ]


def test_duplicate_lexicon_names_rejected() -> None:
    with pytest.raises(ValueError, match="unique"):
        LexiconMatcher([lex({"c": ["x"]}), lex({"c": ["y"]})])


def test_normalise_keeps_length() -> None:
    t = "İ “Quoted” it’s\u00a0x\ny"
    n = normalise(t)
    assert len(n) == len(t)
    assert n[2:10] == '"quoted"' and n[11:15] == "it's" and n[15] == " " and n[17] == " "


MINI = lex(
    {"labels": ["extremist~", "rioters"], "claims": ["legitimate authorities"]},
    name="mini",
    version="0.3",
)


@pytest.mark.parametrize(
    ("text", "paraphrase", "expected"),
    [
        (
            'He said: "The extremists came." Extremists fled.',
            True,
            [("extremists", "quoted"), ("Extremists", "narrator")],
        ),
        (
            "He said: “The rioters came.” Rioters fled.",
            True,
            [("rioters", "quoted"), ("Rioters", "narrator")],
        ),
        ("«Rioters», he said.", False, [("Rioters", "scare_quote")]),
        (
            "He said: ''The rioters came here.'' Rioters fled.",
            False,
            [("rioters", "quoted"), ("Rioters", "narrator")],
        ),
        # scare quotes: 1-3 quoted words, no attribution
        ('The so-called "extremists" marched.', True, [("extremists", "scare_quote")]),
        ('The "violent extremist groups" marched.', True, [("extremist", "scare_quote")]),
        ('The "many violent extremist groups" marched.', True, [("extremist", "quoted")]),
        # short but attributed: a quotation, not a scare quote
        ('"Extremists," he said.', True, [("Extremists", "quoted")]),
        # attributed paraphrase (framelens.attribution.attribution_spans)
        (
            "Lavrov said that extremists were sent to the legitimate authorities.",
            True,
            [("extremists", "quoted"), ("legitimate authorities", "quoted")],
        ),
        ("Lavrov said that extremists were sent.", False, [("extremists", "narrator")]),
        ("Extremists were sent, the minister declared.", True, [("Extremists", "quoted")]),
        ("Extremists were sent on Monday.", True, [("Extremists", "narrator")]),
    ],
)
def test_voice(text: str, paraphrase: bool, expected: list[tuple[str, str]]) -> None:
    df = lexicon_matches(Document("d", text), MINI, paraphrase=paraphrase)
    assert list(zip(df["matched_text"], df["voice"], strict=True)) == expected


def test_table_schema_offsets_and_sentences() -> None:
    text = "Calm.\n\nRioters ran.  Then “extremists” came, he said.\n"
    c = Corpus(
        pd.DataFrame({"doc_id": ["x", "y"], "outlet": ["A", "B"], "text": [text, "Nothing here."]})
    )
    df = lexicon_matches(c, MINI)
    assert list(df.columns) == list(MATCH_SCHEMA)
    assert df.dtypes.astype(str).tolist() == list(MATCH_SCHEMA.values())
    rows = df[["doc_id", "sentence_id", "start", "end", "matched_text", "term"]]
    assert rows.values.tolist() == [
        ["x", 1, 7, 14, "Rioters", "rioters"],
        ["x", 2, 27, 37, "extremists", "extremist~"],
    ]
    assert all(text[s:e] == t for s, e, t in zip(df.start, df.end, df.matched_text, strict=True))
    assert set(df["lexicon"]) == {"mini"} and set(df["lexicon_version"]) == {"0.3"}
    prov = df.attrs["framelens"]
    assert prov["lexicons"][0]["name"] == "mini" and prov["lexicons"][0]["version"] == "0.3"
    assert prov["paraphrase"] is True


def test_empty_corpus_result_keeps_schema() -> None:
    c = Corpus(pd.DataFrame({"doc_id": ["y"], "outlet": ["B"], "text": ["Nothing here."]}))
    df = lexicon_matches(c, MINI)
    assert len(df) == 0 and list(df.columns) == list(MATCH_SCHEMA)


def test_processes_backend_matches_serial() -> None:
    texts = [f"Doc {i}: rioters and “extremists” and legitimate authorities." for i in range(6)]
    c = Corpus(
        pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)], "outlet": ["A"] * 6, "text": texts})
    )
    a = lexicon_matches(c, MINI)
    b = lexicon_matches(c, MINI, backend="processes", n_jobs=2)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 18


# --- property: the matcher equals a token-level reference on arbitrary messy text --------

PIECES = ["outside", "Forces", "forces", "riot", "rioters", "x", "anti", "-", "'", "’", " ",
          "  ", "\n", "\n\n", "\r\n", "\t", "“", "”", ".", "—", "\u00a0", "OUTSIDE"]  # fmt: skip
PROP_ENTRIES = ["outside forces", "forces", "riot"]


def reference_matches(text: str, entries: list[str]) -> list[tuple[int, int]]:
    """Independent reference: WORD_RE tokens, phrases joined by in-paragraph whitespace."""
    from framelens.corpus.units import WORD_RE

    toks = [(m.start(), m.end(), m.group().lower().replace("’", "'"))
            for m in WORD_RE.finditer(text)]  # fmt: skip
    cands = set()
    for entry in entries:
        words = entry.split()
        for i in range(len(toks) - len(words) + 1):
            window = toks[i : i + len(words)]
            if [t[2] for t in window] != words:
                continue
            gaps = [text[a[1] : b[0]] for a, b in itertools.pairwise(window)]
            if all(g and g.isspace() and g.count("\n") < 2 for g in gaps):
                cands.add((window[0][0], window[-1][1]))
    accepted: list[tuple[int, int]] = []
    for s, e in sorted(cands, key=lambda se: (se[0] - se[1], se[0])):
        if all(e <= a or s >= b for a, b in accepted):
            accepted.append((s, e))
    return sorted(accepted)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_matcher_equals_reference_on_messy_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    m = LexiconMatcher([lex({"c": PROP_ENTRIES})])
    assert [(s, e) for s, e, _ in m.find(text)] == reference_matches(text, PROP_ENTRIES)
