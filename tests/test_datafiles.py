"""One error format for every data file users edit (datafiles.py and the readers using it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from framelens.attribution.actors import load_actors
from framelens.attribution.cues import load_cues
from framelens.attribution.roles import load_role_rules
from framelens.corpus.clean import load_rules
from framelens.corpus.outlets import read_outlets
from framelens.datafiles import (
    NO_LINES,
    field_message,
    parse_yaml_lines,
    read_yaml,
    yaml_syntax_message,
)
from framelens.lexicons import LexiconError, load_lexicon
from framelens.naming import ConceptFileError, load_concepts

# Every reader of a user-edited data file, with the exception type it raises.
READERS: dict[str, tuple[Callable[[Path], Any], type[ValueError]]] = {
    "cues": (load_cues, ValueError),
    "roles": (load_role_rules, ValueError),
    "actors": (load_actors, ValueError),
    "lexicon": (load_lexicon, LexiconError),
    "concepts": (load_concepts, ConceptFileError),
    "outlets": (read_outlets, ValueError),
    "rules": (load_rules, ValueError),
}

# A flow sequence opened on line 2 (the "[" in column 7) and still open at "b:" on line 3.
BROKEN = 'version: "1"\ncues: [1, 2\nb: 3\n'
BROKEN_MESSAGE = (
    "line 3: invalid YAML: expected ',' or ']', but got ':' "
    "(while parsing a flow sequence at line 2, column 7)"
)

# Per reader, a file with a schema error, the line it is on and the field part of the message.
SCHEMA_ERRORS = [
    (
        "cues",
        "cues.yaml",
        'version: "1"\ncues:\n  say:\n    class: neutral\n  claim:\n    class: polite\n',
        6,
        "cue 'claim' field 'class'",
        "'polite' is not one of",
    ),
    (
        "roles",
        "roles.yaml",
        'version: "1"\nroles:\n  official:\n    titles: [minister]\n  boss:\n    titles: [x]\n',
        5,
        "field 'roles.boss'",
        "unknown role",
    ),
    (
        "actors",
        "actors.yaml",
        'version: "1"\nactors:\n  - name: A\n    role: boss\n',
        4,
        "field 'role'",
        "'boss' is not one of",
    ),
    ("actors", "actors.csv", "name,role\nA,official\nB,boss\n", 3, "field 'role'", "'boss'"),
    (
        "lexicon",
        "lexicon.yaml",
        "name: demo\nversion: '1'\nlanguage: english\ndescription: d\nprovenance: p\n"
        "categories:\n  labels: [thug*]\n",
        3,
        "field 'language'",
        "'english' must be an ISO 639-1 code",
    ),
    (
        "lexicon",
        "lexicon.csv",
        "term,category\nthug*,labels\nx,_\n",
        3,
        "field 'category'",
        "'_' must start with a letter",
    ),
    (
        "concepts",
        "concepts.yaml",
        'version: "1"\nconcepts:\n  X:\n    variants:\n      a: [alpha]\n      b: []\n',
        6,
        "field 'X.variants.b'",
        "expected a non-empty list of forms",
    ),
    (
        "outlets",
        "outlets.yaml",
        'version: "1"\noutlets:\n  - name: Wire Service\n    country: US\n  - aliases: [Wire]\n',
        5,
        "field 'name'",
        "an outlet needs a non-empty name",
    ),
    (
        "outlets",
        "outlets.csv",
        "name,country\nWire Service,US\n,GB\n",
        3,
        "field 'name'",
        "an outlet needs a non-empty name",
    ),
    (
        "rules",
        "rules.yaml",
        "rule_sets:\n  - name: rt\n    rules:\n      - id: promo\n        kind: footer\n"
        "        pattern: 'x'\n",
        5,
        "rule set 'rt' rule 'promo' field 'kind'",
        "unknown kind 'footer'",
    ),
]

# The one format: path, "line N", then the field (an entry's name may come before it).
FORMAT = re.compile(r"^(?P<path>.+?): line (?P<line>\d+): (?:.+ )?field '[^']+': .+$", re.DOTALL)


# A key written twice in one mapping (line 2 and line 4): YAML would keep the last silently.
DUPLICATED = 'version: "1"\ncues: 1\nother: 2\ncues: 3\n'
DUPLICATED_MESSAGE = "line 4: invalid YAML: duplicate key 'cues' (first at line 2)"


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize(
    ("text", "message"),
    [(BROKEN, BROKEN_MESSAGE), (DUPLICATED, DUPLICATED_MESSAGE)],
    ids=["syntax", "duplicate-key"],
)
def test_every_reader_words_a_yaml_error_alike(
    tmp_path: Path, reader: str, text: str, message: str
) -> None:
    load, error = READERS[reader]
    path = tmp_path / f"{reader}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error) as err:
        load(path)
    assert type(err.value) is error
    assert str(err.value) == f"{path}: {message}"


def test_every_shipped_data_file_has_no_duplicate_key() -> None:
    import framelens

    root = Path(framelens.__file__).parent
    files = sorted(root.rglob("*.yaml"))
    assert len(files) >= 8
    for f in files:
        parse_yaml_lines(f.read_text(encoding="utf-8"))  # raises on a duplicate key


@pytest.mark.parametrize(
    ("reader", "name", "text", "line", "field", "message"),
    SCHEMA_ERRORS,
    ids=[f"{case[0]}-{case[1]}" for case in SCHEMA_ERRORS],
)
def test_every_reader_words_a_field_error_alike(
    tmp_path: Path, reader: str, name: str, text: str, line: int, field: str, message: str
) -> None:
    load, error = READERS[reader]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error) as err:
        load(path)
    assert type(err.value) is error
    got = str(err.value)
    assert got.startswith(f"{path}: line {line}: {field}: {message}")
    m = FORMAT.match(got)
    assert m is not None and m["path"] == str(path) and int(m["line"]) == line


def test_yaml_syntax_message_without_context_or_position() -> None:
    # a scanner error with no context mark: the problem alone
    text = "a: b: c\n"
    with pytest.raises(yaml.YAMLError) as err:
        parse_yaml_lines(text)
    assert yaml_syntax_message("f.yaml", err.value, text) == (
        "f.yaml: line 1: invalid YAML: mapping values are not allowed here"
    )
    # a context without a mark: no position for it
    text = "a:\n\t- x\n"
    with pytest.raises(yaml.YAMLError) as err:
        parse_yaml_lines(text)
    assert yaml_syntax_message("f.yaml", err.value, text) == (
        "f.yaml: line 2: invalid YAML: found character '\\t' that cannot start any token "
        "(while scanning for the next token)"
    )
    # a character YAML refuses is located in the text; without the text, "line ?"
    text = "a: 1\nb: \x07\n"
    with pytest.raises(yaml.YAMLError) as err:
        parse_yaml_lines(text)
    message = "invalid YAML: unacceptable character #x0007: special characters are not allowed"
    assert yaml_syntax_message("f.yaml", err.value, text) == f"f.yaml: line 2: {message}"
    assert yaml_syntax_message("f.yaml", err.value) == f"f.yaml: line ?: {message}"
    assert "<unicode string>" not in yaml_syntax_message("f.yaml", err.value)


def test_field_message() -> None:
    assert field_message("f.yaml", 3, "field 'x'", "bad") == "f.yaml: line 3: field 'x': bad"
    assert field_message(Path("f.csv"), 2, "", "too long") == "f.csv: line 2: too long"
    assert field_message("<mapping>", None, "field 'x'", "bad") == "<mapping>: field 'x': bad"


def test_yaml_lines() -> None:
    text = "# comment\nversion: '1'\ncues:\n  say:\n    forms:\n      - said\n      - says\n"
    data, lines = parse_yaml_lines(text)
    assert data == yaml.safe_load(text)
    assert lines.line() == 2  # the document starts after the comment
    assert lines.line("version") == 2
    assert lines.line("cues", "say") == 4
    assert lines.line("cues", "say", "forms") == 5
    assert lines.line("cues", "say", "forms", 1) == 7
    assert lines.line("cues", "say", "class") == 4  # missing: the deepest key found
    assert lines.line("cues", "say", "forms", 9) == 5
    assert parse_yaml_lines("")[1].line("x") == 1  # an empty document
    assert NO_LINES.line("cues") is None


def test_read_yaml_parses_and_names_file_and_line(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("version: '1'\nitems: [a, b]\n", encoding="utf-8")
    assert read_yaml(good) == {"version": "1", "items": ["a", "b"]}
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: '1'\nitems: [a, b\nnext: 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml: line 3: invalid YAML: expected ','"):
        read_yaml(bad)
