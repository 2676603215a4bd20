"""Role rules, country forms and the actor registry (YAML and CSV), with their error messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from framelens.attribution.actors import actors_from_records, default_actors, load_actors
from framelens.attribution.roles import (
    ROLES,
    default_countries,
    default_role_rules,
    load_role_rules,
    role_rules_from_mapping,
)


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Foreign Minister", ("official", "title:foreign minister")),
        ("the ministry", ("official", "keyword:ministry")),
        ("opposition leader Maria Kolesnikova", ("opposition", "title:opposition leader")),
        ("a political analyst", ("expert", "title:political analyst")),
        ("rights group Viasna", ("civil_society", "keyword:rights group")),
        ("the newspaper", ("media", "keyword:newspaper")),
        ("a local resident", ("citizen", "title:resident")),
        ("Acme Widgets", None),
        ("ministerial", None),  # word boundaries: not "minister"
    ],
)
def test_role_of_keywords(mention: str, expected: tuple[str, str] | None) -> None:
    assert default_role_rules().role_of_keywords(mention) == expected


@pytest.mark.parametrize(
    ("mention", "anonymous"),
    [
        ("a source close to the ministry", True),
        ("sources", True),
        ("officials who spoke on condition of anonymity", True),
        ("a person familiar with the talks", True),
        ("an official who declined to be named", True),
        ("the official", False),
        ("Sergei Lavrov", False),
        ("resources minister", False),  # "sources" inside a word does not count
    ],
)
def test_anonymous_phrases(mention: str, anonymous: bool) -> None:
    rules = default_role_rules()
    assert (rules.anonymous_match(mention) is not None) is anonymous
    # the joined quick test agrees with the patterns one by one
    assert rules.anonymous_any is not None
    assert (rules.anonymous_any.search(mention) is not None) is anonymous


def test_anonymous_any_needs_joinable_patterns(tmp_path: Path) -> None:
    p = tmp_path / "rules.yaml"
    # a capturing group would renumber when joined: no quick test, matching still works
    p.write_text("version: '1'\nanonymous: ['(a|the) source']\nroles: {official: {}}\n")
    rules = load_role_rules(p)
    assert rules.anonymous_any is None
    assert rules.anonymous_match("a source said") is not None
    p.write_text("version: '1'\nanonymous: ['insiders?', 'aides?']\nroles: {official: {}}\n")
    joined = load_role_rules(p).anonymous_any
    assert joined is not None and joined.search("two aides") and not joined.search("Lavrov")


def test_role_of_titles_prefers_the_longest() -> None:
    rules = default_role_rules()
    assert rules.role_of_titles(["leader", "opposition leader"]) == (
        "opposition",
        "title:opposition leader",
    )
    assert rules.role_of_titles(["nobody"]) is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Russia's", "Russia"),
        ("Belarus'", "Belarus"),
        ("Belarusian", "Belarus"),
        ("U.S.", "United States"),
        ("the Russian and Ukrainian", "Ukraine"),  # the last form wins
        ("Prussian", ""),
    ],
)
def test_country_forms(text: str, country: str) -> None:
    assert default_countries().country_of(text) == country


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("roles: {official: {titles: [x]}}\n", "line 1: field 'version': missing"),
        ("version: '1'\nroles: {boss: {titles: [x]}}\n", "line 2: field 'roles.boss': unknown"),
        (
            "version: '1'\nanonymous: ['(']\nroles: {official: {}}\n",
            "line 2: field 'anonymous[0]': invalid regular expression",
        ),
        (
            "version: '1'\nroles:\n  official:\n    titles: [x]\n  expert:\n    titles:\n"
            "      - y\n      - x\n",
            "line 8: field 'roles.expert.titles': 'x' already under 'official'",
        ),
        (
            "version: '1'\nroles: {official: {titles: [x]}}\ndescriptions:\n  envoy: diplomat\n",
            "line 4: field 'descriptions.envoy': expected a list of titles",
        ),
        (
            "version: '1'\nanonymous: a source\nroles: {official: {}}\n",
            "line 2: field 'anonymous': expected a list of regular expressions",
        ),
        (
            "version: '1'\nroles: {official: {}}\ndescriptions: [envoy]\n",
            "line 3: field 'descriptions': expected a mapping of head -> titles",
        ),
    ],
)
def test_role_rules_validation(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "rules.yaml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=f"^{re.escape(f'{p}: {message}')}"):
        load_role_rules(p)


def test_role_rules_from_mapping_names_no_line() -> None:
    with pytest.raises(ValueError, match=r"^<mapping>: field 'roles\.boss': unknown role"):
        role_rules_from_mapping({"version": "1", "roles": {"boss": {"titles": ["x"]}}})


def test_roles_constant() -> None:
    assert ROLES == (
        "official",
        "opposition",
        "civil_society",
        "expert",
        "citizen",
        "media",
        "anonymous",
        "unknown",
    )


# --- actor registry -------------------------------------------------------------------------

YAML = """version: "1"
description: test registry
actors:
  - name: Sergei Lavrov
    aliases: [Lavrov, S. Lavrov]
    descriptions: [Russia's top diplomat]
    role: official
    affiliation: Government of Russia
    country: RU
    gender: male
    titles: [Foreign Minister]
  - name: Viasna
    kind: group
    role: civil_society
"""


def test_load_yaml_registry(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_text(YAML, encoding="utf-8")
    reg = load_actors(p)
    assert [a.name for a in reg] == ["Sergei Lavrov", "Viasna"]
    lav = reg.lookup("S. Lavrov")
    assert lav is not None and lav.affiliation == "Government of Russia"
    assert reg.lookup("russia's TOP diplomat") is lav  # descriptions: case-insensitive
    assert reg.lookup("lavrov") is None  # names and aliases: case-sensitive
    assert reg.actors[1].kind == "group"
    merged = load_actors(p, defaults=True)
    assert len(merged) == len(reg) + len(default_actors())
    text = "Lavrov met Viasna; Russia's top diplomat left."
    assert [(m.start, m.actor.name) for m in reg.mentions(text)] == [
        (0, "Sergei Lavrov"),
        (11, "Viasna"),
        (19, "Sergei Lavrov"),
    ]


def test_load_csv_registry(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(
        "name,aliases,role,gender,affiliation\n"
        "Sergei Lavrov,Lavrov;S. Lavrov,official,male,Government of Russia\n"
        "Jane Roe,,expert,,\n",
        encoding="utf-8",
    )
    reg = load_actors(p)
    assert reg.lookup("S. Lavrov") is reg.actors[0]
    assert reg.actors[0].aliases == ("Lavrov", "S. Lavrov")
    assert (reg.actors[1].role, reg.actors[1].gender) == ("expert", "unknown")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (YAML.replace("role: official", "role: boss"), "line 7: field 'role': 'boss' is not"),
        (YAML.replace("gender: male", "gender: m"), "line 10: field 'gender'"),
        (YAML.replace("  - name: Viasna", "  - name: ''"), "line 12: field 'name': missing"),
        (YAML.replace("    kind: group", "    colour: red"), "line 13: field 'colour': unknown"),
        (YAML.replace("[Lavrov, S. Lavrov]", "{a: 1}"), "line 5: field 'aliases'"),
        (YAML + "  - name: Other\n    aliases: [Lavrov]\n", "line 15: field 'aliases'"),
        ("version: '1'\nactors: {a: 1}\n", "line 2: field 'actors'"),
        ("version: '1'\nactors:\n  - Lavrov\n", "line 3: field 'actors': each actor"),
    ],
)
def test_yaml_registry_errors_name_line_and_field(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "a.yaml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{p}: {message}")):
        load_actors(p)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("role,gender\nofficial,male\n", "line 1: field 'name'"),
        ("name,role\nA,official\nB,boss\n", "line 3: field 'role'"),
        ("name,role\nA,official,extra\n", "line 2: more values than header columns"),
    ],
)
def test_csv_registry_errors(tmp_path: Path, body: str, message: str) -> None:
    p = tmp_path / "a.csv"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(f"{p}: {message}")):
        load_actors(p)


def test_records_errors_name_the_record() -> None:
    records = [{"name": "A", "aliases": ["X"]}, {"name": "B", "role": "boss"}]
    with pytest.raises(ValueError, match=r"^<records>: actor 2 field 'role': 'boss' is not"):
        actors_from_records(records, source="<records>")
    records = [{"name": "A", "aliases": ["X"]}, {"name": "B", "aliases": ["X"]}]
    with pytest.raises(ValueError, match=r"^<records>: actor 2 field 'aliases': 'X' already"):
        actors_from_records(records, source="<records>")


def test_registry_format_by_suffix(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="unsupported registry format"):
        load_actors(p)


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Lavrov",
        "İstanbul’s MAYOR",
        "\u212aing \u212bngström café",
        "ΣΑΣ 日本 x-y_z",
    ],
)
def test_blank_lower_is_the_plain_composition(text: str) -> None:
    from framelens.attribution.roles import _blank_lower
    from framelens.corpus.units import blank_non_word, lower_same_length

    assert _blank_lower(text) == blank_non_word(lower_same_length(text.replace("’", "'")))


def test_ascii_folds_lists_every_such_character() -> None:
    """The case-sensitive twins of the title, keyword and anonymity regexes search a
    lower-cased copy; a text holding a character that re.IGNORECASE matches to an ASCII
    letter falls back to the original regex: the list must hold exactly those characters."""
    from framelens.attribution.roles import _ASCII_FOLDS

    ascii_class = re.compile(r"(?i)[\x00-\x7f]")
    folds = {c for c in map(chr, range(128, 0x110000)) if ascii_class.fullmatch(c)}
    assert set(_ASCII_FOLDS) == folds


def test_lower_case_keeps_the_word_classes() -> None:
    """What _caseless_copy relies on: a character that lower-cases to one character is
    whitespace, a word character, "-", "_" or an apostrophe exactly when its lower case is."""

    def kind(c: str) -> tuple[bool, bool, bool]:
        return c.isspace(), bool(re.fullmatch(r"\w", c)), c in "-_'’"

    changed = [
        c
        for c in map(chr, range(0x110000))
        if len(low := c.lower()) == 1 and low != c and kind(c) != kind(low)
    ]
    assert changed == []


@pytest.mark.parametrize(
    ("mention", "titles"),
    [
        ("Foreign Minister Sergei Lavrov", ["foreign minister"]),
        ("FOREIGN   MINISTER of İstanbul", ["foreign minister"]),  # İ: the original regex
        ("the \u212aremlin spokesman", ["spokesman"]),  # the Kelvin sign folds to "k"
        ("ministerial aides", []),
    ],
)
def test_find_titles_with_and_without_the_lower_case_twin(mention: str, titles: list[str]) -> None:
    assert default_role_rules().find_titles(mention) == titles


@pytest.mark.parametrize(
    ("text", "span", "form"),
    [
        ("Leaders of the opposition met.", (11, 25), "the opposition"),
        ("The opposition met.", (0, 14), "The opposition"),
        ("They bathe opposition leaders.", (11, 29), "opposition leaders"),  # not "the" of "bathe"
        ("x-the opposition", (6, 16), "opposition"),
    ],
)
def test_description_mentions_take_a_preceding_word_the(
    text: str, span: tuple[int, int], form: str
) -> None:
    (m,) = default_actors().mentions(text)
    assert ((m.start, m.end), m.form) == (span, form)
