"""Cleaning rules as data: each rule kind, user extension, and rule-file errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from framelens.corpus import clean_text, load_rules
from framelens.corpus.clean import clean_native, clean_page

KINDS = {
    "rule_sets": [
        {
            "name": "t",
            "version": "7",
            "rules": [
                {"id": "top", "kind": "head", "pattern": "MENU|HOME", "min_lines": 2},
                {"id": "bottom", "kind": "tail", "pattern": "END|\\d+", "min_lines": 2},
                {"id": "ad", "kind": "line", "pattern": "AD"},
                {"id": "early", "kind": "line", "pattern": "NOTE", "within": 2},
                {"id": "see", "kind": "label_block", "pattern": "SEE:", "following": 2},
                {"id": "by", "kind": "metadata", "field": "author", "pattern": "By (?P<value>.+)"},
            ],
        }
    ]
}


def _page(text: str) -> tuple[str, dict[str, str], list[tuple[int | None, str]]]:
    book = load_rules(KINDS)
    page = clean_page(text, [book.sets["t"]])
    return page.text, page.fields, [(r[0], r[2]) for r in page.log if r[3] == "t"]


PAGES = [
    # (page, cleaned text, removed (line, rule))
    ("MENU\nHOME\nBody.", "Body.", [(1, "top"), (2, "top")]),
    ("MENU\nBody.", "MENU\nBody.", []),  # head needs 2 lines
    ("Body.\nEND\n3", "Body.", [(2, "bottom"), (3, "bottom")]),
    ("Body.\n3", "Body.\n3", []),  # tail needs 2 lines
    ("A.\nAD\nB.\nAD", "A.\nB.", [(2, "ad"), (4, "ad")]),
    ("NOTE\nA.\nNOTE", "A.\nNOTE", [(1, "early")]),  # only within the first 2 lines
    ("A.\nSEE:\n\nx\ny\nB.", "A.\n\nB.", [(2, "see"), (4, "see"), (5, "see")]),
    ("By Ann Lee\nA.\nBy Bo", "A.\nBy Bo", [(1, "by")]),  # metadata: first match only
    ("A. AD B.", "A. AD B.", []),  # rules match whole lines only
]


@pytest.mark.parametrize(("page", "text", "removed"), PAGES)
def test_rule_kinds(page: str, text: str, removed: list[tuple[int, str]]) -> None:
    got_text, _fields, got_removed = _page(page)
    assert got_text == text
    assert got_removed == removed


def test_metadata_rule_fills_field() -> None:
    assert _page("By Ann Lee\nA.")[1] == {"author": "Ann Lee"}


def test_whitespace_and_blank_lines_on_pasted_pages() -> None:
    page = clean_text("\n\n  Body\u00a0 one.  \n\n\n\nBody\ttwo.\n\n")
    assert page.text == "Body one.\n\nBody two."
    got = [(r[0], r[1], r[2]) for r in page.log]
    assert got == [
        (1, "", "blank_line"),
        (2, "", "blank_line"),
        (3, "U+0020 U+0020 U+00A0 U+0020 U+0020 U+0020", "whitespace"),
        (5, "", "blank_line"),
        (6, "", "blank_line"),
        (7, "U+0009", "whitespace"),
        (8, "", "blank_line"),
        (9, "", "blank_line"),
    ]


def test_title_rule_respects_a_known_title() -> None:
    book = load_rules()
    sets = book.for_page(None)
    page = clean_page("Sidecar Title\n\nBody.", sets, known={"title": "Sidecar Title"})
    assert page.text == "Body." and "title" not in page.fields
    page = clean_page("Other Line\n\nBody.", sets, known={"title": "Sidecar Title"})
    assert page.text == "Other Line\n\nBody."
    # a first line ending in a period is not read as a title
    page = clean_page("This is a sentence.\n\nBody.", sets)
    assert page.text == "This is a sentence.\n\nBody." and "title" not in page.fields


def test_user_rules_extend_a_packaged_set(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "rule_sets:\n  - name: telesur\n    version: '2'\n    rules:\n"
        "      - {id: promo, kind: line, pattern: 'Follow us on .*'}\n",
        "utf-8",
    )
    book = load_rules(path)
    telesur = book.sets["telesur"]
    assert [r.id for r in telesur.rules] == ["caption_bullet", "section_label", "promo"]
    assert telesur.version == "1+2"
    assert telesur.outlets == ("teleSUR English",)
    page = clean_text("Body.\n\nFollow us on X", outlet="teleSUR English", rules=path)
    assert page.text == "Body."
    assert clean_text("Body.\n\nFollow us on X", rules=path).text == "Body.\n\nFollow us on X"


BAD_RULES = [
    (
        {"rule_sets": [{"name": "x", "rules": [{"id": "a", "kind": "line"}]}]},
        "rule set 'x' rules[0] field 'pattern': missing",
    ),
    (
        {"rule_sets": [{"name": "x", "rules": [{"id": "a", "kind": "zz", "pattern": "a"}]}]},
        "rule set 'x' rule 'a' field 'kind': unknown kind 'zz'",
    ),
    (
        {"rule_sets": [{"name": "x", "rules": [{"id": "a", "kind": "line", "pattern": "("}]}]},
        "rule set 'x' rule 'a' field 'pattern': does not compile",
    ),
    (
        {"rule_sets": [{"name": "x", "rules": [{"id": "a", "kind": "metadata", "pattern": "a"}]}]},
        "rule set 'x' rule 'a' field 'field': a metadata rule needs 'field' and a (?P<value>",
    ),
    (
        {
            "rule_sets": [
                {"name": "x", "rules": [{"id": "a", "kind": "line", "pattern": "a", "within": "6"}]}
            ]
        },
        "rule set 'x' rule 'a' field 'within': expected a whole number, got '6'",
    ),
    ({"rules": []}, "field 'rule_sets': expected a mapping"),
    ({"rule_sets": [{"rules": []}]}, "rule_sets[0] field 'name': a rule set needs a name"),
]


@pytest.mark.parametrize(("data", "message"), BAD_RULES)
def test_malformed_rules_raise(data: dict[str, object], message: str) -> None:
    # a mapping has no lines: the message names the source, then the rule and field
    with pytest.raises(ValueError) as err:
        load_rules(data)
    assert str(err.value).startswith(f"<mapping>: {message}")


def test_malformed_rule_file_names_path_and_line(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rule_sets:\n  - name: rt\n    rules:\n      - id: promo\n        kind: line\n"
        "        pattern: 'Follow RT on (.*'\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as err:
        load_rules(path)
    assert str(err.value).startswith(
        f"{path}: line 6: rule set 'rt' rule 'promo' field 'pattern': does not compile: "
    )


def test_unknown_rule_set_name() -> None:
    with pytest.raises(KeyError, match="nope"):
        load_rules().for_page(None, ["nope"])


def test_clean_native_keeps_offsets_stable() -> None:
    text, log = clean_native("a\u00a0b\u3000c")
    assert text == "a b c" and len(text) == 5
    assert log == [(1, "U+00A0 U+3000", "unicode_whitespace", "builtin", "1")]
