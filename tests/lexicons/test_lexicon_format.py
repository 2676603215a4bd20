"""Lexicon format: YAML loading and validation, LIWC .dic and CSV readers, defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from framelens.lexicons import (
    LexiconError,
    default_lexicon_paths,
    default_lexicons,
    load_lexicon,
    parse_entry,
    read_csv_lexicon,
    read_dic,
)

GOOD = """\
name: protest_labels
version: "2.1"
language: en
description: Test lexicon.
provenance: Written for this test.
citations:
  - "Someone (2000). A paper."
categories:
  labels:
    description: People labels.
    entries:
      - extremist~
      - destabili*
      - paid protesters
    exclude:
      - paid protesters union
  legitimacy:
    - legitimate authorities
"""


def write(tmp_path: Path, text: str, name: str = "lex.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_load_valid_yaml(tmp_path: Path) -> None:
    lex = load_lexicon(write(tmp_path, GOOD))
    assert (lex.name, lex.version, lex.language) == ("protest_labels", "2.1", "en")
    assert lex.citations == ("Someone (2000). A paper.",)
    assert list(lex.categories) == ["labels", "legitimacy"]
    labels = lex.categories["labels"]
    assert [e.term for e in labels.entries] == ["extremist~", "destabili*", "paid protesters"]
    assert [e.line for e in labels.entries] == [12, 13, 14]
    assert [w.kind for w in labels.entries[0].words] == ["stem"]
    assert [w.kind for w in labels.entries[2].words] == ["literal", "literal"]
    assert [e.term for e in labels.exclusions] == ["paid protesters union"]
    assert lex.categories["legitimacy"].exclusions == ()
    assert lex.card()["categories"] == {"labels": 3, "legitimacy": 1}


@pytest.mark.parametrize(
    ("term", "kinds", "values", "anchors"),
    [
        ("extremist~", ["stem"], ["extremist"], ["extremist"]),
        ("cry~", ["stem"], ["cri"], ["cr"]),  # Snowball rewrites final y -> i
        ("destabili*", ["glob"], ["destabili"], ["destabili"]),
        ("Outside  Forces", ["literal", "literal"], ["outside", "forces"], ["outside", "forces"]),
        ("provoke~ disturbance*", ["stem", "glob"], ["provok", "disturbance"], None),
        ("don’t", ["literal"], ["don't"], ["don't"]),
        ("pro-western", ["literal"], ["pro-western"], ["pro-western"]),
    ],
)
def test_parse_entry(
    term: str, kinds: list[str], values: list[str], anchors: list[str] | None
) -> None:
    e = parse_entry(term)
    assert [w.kind for w in e.words] == kinds
    assert [w.value for w in e.words] == values
    if anchors is not None:
        assert [w.anchor for w in e.words] == anchors


@pytest.mark.parametrize("term", ["de*stab", "*", "~", "a ~b", "two.words", "", "   "])
def test_parse_entry_rejects(term: str) -> None:
    with pytest.raises(LexiconError, match="entry"):
        parse_entry(term, source="f.yaml", line=7)


@pytest.mark.parametrize(
    ("old", "new", "line", "needle"),
    [
        ("name: protest_labels", "name: Protest Labels", 1, "field 'name': 'Protest Labels'"),
        ('version: "2.1"\n', "", 1, "field 'version': missing"),
        ("language: en", "language: english", 3, "field 'language': 'english' must be"),
        ("provenance: Written for this test.", "provenance: x\ncolour: red", 6, "field 'colour'"),
        ("      - destabili*", "      - de*stabili", 13, "entry 'de*stabili': word"),
        (
            "      - destabili*",
            "      - extremist~",
            13,
            "entry 'extremist~': duplicate in category 'labels' (first on line 12)",
        ),
        ("      - destabili*", "      - [a, b]", 13, "category 'labels' field 'entries': every"),
        (
            "  legitimacy:\n    - legitimate authorities\n",
            "  legitimacy: []\n",
            17,
            "category 'legitimacy': empty",
        ),
        ("    entries:", "    entrys:", 11, "category 'labels' field 'entrys': unknown field"),
        (
            "      - paid protesters union",
            "      - paid protesters union*x",
            16,
            "entry 'paid protesters union*x': word 'union*x'",
        ),
    ],
)
def test_load_errors_name_file_line_and_entry(
    tmp_path: Path, old: str, new: str, line: int, needle: str
) -> None:
    assert old in GOOD
    p = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(LexiconError) as err:
        load_lexicon(p)
    msg = str(err.value)
    assert msg.startswith(f"{p}: line {line}: {needle}")


def test_invalid_yaml_names_line(tmp_path: Path) -> None:
    p = write(tmp_path, GOOD.replace("  legitimacy:", "  legitimacy: [unclosed"))
    # the "[" opened on line 17 (column 15) is still open at the end of the text: line 19,
    # after the final newline of line 18
    with pytest.raises(LexiconError) as err:
        load_lexicon(p)
    assert str(err.value) == (
        f"{p}: line 19: invalid YAML: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence at line 17, column 15)"
    )


DIC = """\
%
1\tthreat
2\tcertainty
%
destabili*\t1
extremist\t1 2
undoubtedly\t2
outside forces\t1
"""


def test_read_dic(tmp_path: Path) -> None:
    lex = read_dic(write(tmp_path, DIC, "my words.dic"))
    assert lex.name == "my_words"
    assert [e.term for e in lex.categories["threat"].entries] == [
        "destabili*",
        "extremist",
        "outside forces",
    ]
    assert [e.term for e in lex.categories["certainty"].entries] == ["extremist", "undoubtedly"]
    assert lex.categories["threat"].entries[2].line == 8
    assert load_lexicon(tmp_path / "my words.dic").categories.keys() == lex.categories.keys()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (DIC.replace("extremist\t1 2", "extremist\t1 9"), ": line 6: entry 'extremist': unknown"),
        (DIC.replace("1\tthreat", "x\tthreat"), ": line 2: header line"),
        ("destabili*\t1\n", ": line 1: a .dic file must start"),
        ("%\n1\tthreat\n", "header not closed"),
        (
            DIC.replace("undoubtedly\t2", "undoubtedly"),
            ": line 7: entry 'undoubtedly': no category",
        ),
        # LIWC conditional entries are not supported: a clear error, not a silent skip
        (DIC + "like\t1 (1 2)2\n", ": line 9: entry 'like': unknown category id '\\(1'"),
    ],
)
def test_read_dic_errors(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(LexiconError, match=needle):
        read_dic(write(tmp_path, text, "bad.dic"))


def test_read_csv(tmp_path: Path) -> None:
    p = write(tmp_path, "term,category\nrioter~,Labels\n\nthug*,labels\nunrest,disorder\n", "c.csv")
    lex = read_csv_lexicon(p, name="mine", version="3")
    assert (lex.name, lex.version) == ("mine", "3")
    assert {c: [e.term for e in cat.entries] for c, cat in lex.categories.items()} == {
        "labels": ["rioter~", "thug*"],
        "disorder": ["unrest"],
    }
    assert lex.categories["disorder"].entries[0].line == 5


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("word,cat\nx,y\n", ": line 1: header must be 'term,category'"),
        ("term,category\nx,y\nlonely\n", ": line 3: row \\['lonely'\\]"),
        ("term,category\nx,y\n,z\n", ": line 3: row"),
        ("term,category\nx*y,z\n", ": line 2: entry 'x\\*y'"),
        ("term,category\nx,y\nz,_\n", ": line 3: field 'category': '_' must start"),
    ],
)
def test_read_csv_errors(tmp_path: Path, text: str, needle: str) -> None:
    with pytest.raises(LexiconError, match=needle):
        read_csv_lexicon(write(tmp_path, text, "bad.csv"))


def test_default_lexicons_have_data_cards() -> None:
    lexs = default_lexicons()
    assert [lx.name for lx in lexs] == [
        "conflict_framing",
        "epistemic_stance",
        "reporting_predicates",
    ]
    cats = {c for lx in lexs for c in lx.categories}
    assert cats == {
        "delegitimizing_labels",
        "legitimacy_claims",
        "foreign_interference",
        "violence_disorder",
        "hedges",
        "boosters",
        "factive_verbs",
        "assertive_verbs",
    }
    for lx in lexs:
        assert lx.language == "en" and lx.version and lx.provenance and len(lx.citations) >= 2
        assert all(c.description for c in lx.categories.values())
    assert [p.parent.name for p in default_lexicon_paths()] == ["en"] * 3
    with pytest.raises(ValueError, match="no default lexicons for language 'xx'"):
        default_lexicon_paths("xx")
