"""Encoding detection, dates and front matter: parametrized tables incl. negative cases."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from framelens.corpus.dates import parse_date
from framelens.corpus.decode import decode_bytes
from framelens.corpus.errors import Problem
from framelens.corpus.frontmatter import _fast, split_front_matter

DECODED = [
    (b"Plain ASCII.", "utf-8", "Plain ASCII."),
    ("Grüße".encode(), "utf-8", "Grüße"),
    ("\ufeffGrüße".encode(), "utf-8-sig", "Grüße"),
    ("Grüße".encode("utf-16"), "utf-16", "Grüße"),
    ("Grüße".encode("utf-32"), "utf-32", "Grüße"),
    (
        "Премьер-министр прибыл в Минск.".encode("cp1251"),
        "cp1251",
        "Премьер-министр прибыл в Минск.",
    ),
    (
        "Der Außenminister sagte: später.".encode("latin-1"),
        "latin-1",
        "Der Außenminister sagte: später.",
    ),
    ("“Fine” – he said.".encode("cp1252"), "cp1252", "“Fine” – he said."),
]


@pytest.mark.parametrize(("data", "encoding", "text"), DECODED)
def test_decode_bytes(data: bytes, encoding: str, text: str) -> None:
    got = decode_bytes(data)
    assert (got.encoding, got.text) == (encoding, text)


UNDECODABLE = [
    b"\x00\x01\x02 binary",  # NUL bytes
    "Grüße".encode("utf-16-le"),  # UTF-16 without BOM has NULs
    "£5".encode("latin-1"),  # cp1251 'Ј5' vs latin-1 '£5': ambiguous
    "à".encode("latin-1"),  # one-letter word: ambiguous
    b"\x01\x02\x03\x04\x05\x06\x07",  # control characters
    b"\xff\xfe\x00\xd8",  # UTF-16 BOM then a lone surrogate
]


@pytest.mark.parametrize("data", UNDECODABLE)
def test_undecodable_is_a_problem(data: bytes) -> None:
    with pytest.raises(Problem) as info:
        decode_bytes(data)
    assert info.value.reason == "undecodable"


def test_cyrillic_is_never_latin_mojibake() -> None:
    got = decode_bytes("Привет".encode("cp1251"))
    assert got.text == "Привет" and "Ï" not in got.text


DATES = [
    ("2020-09-02", dt.datetime(2020, 9, 2)),
    ("2 September 2020", dt.datetime(2020, 9, 2)),
    ("September 2, 2020", dt.datetime(2020, 9, 2)),
    ("Sept. 2, 2020", dt.datetime(2020, 9, 2)),
    ("2020-09-02T23:30:00-05:00", dt.datetime(2020, 9, 2, 23, 30)),
    ("2020-09-02T10:00:00Z", dt.datetime(2020, 9, 2, 10, 0)),
    ("September 2020", dt.datetime(2020, 9, 1)),
    (dt.date(2021, 1, 5), dt.datetime(2021, 1, 5)),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_parse_date(value: object, expected: dt.datetime | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["someday", "10:30", "2020-13-45", "0999-01-01", "2300-01-01"])
def test_parse_date_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


def test_front_matter_split_and_body_line() -> None:
    fm = split_front_matter("---\r\noutlet: X\r\ntitle: 'a: b'\r\n---\r\nBody\r\n")
    assert fm is not None
    assert fm.fields == {"outlet": "X", "title": "a: b"}
    assert fm.body == "Body\r\n"
    assert fm.body_line == 5
    assert fm.line_of("title") == 3
    assert split_front_matter("No front matter\n---\n") is None


def test_front_matter_lists_use_yaml() -> None:
    fm = split_front_matter("---\nauthor:\n  - A\n  - B\nn: 3\n---\nB\n")
    assert fm is not None and fm.fields == {"author": ["A", "B"], "n": "3"}


_SAFE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20
)


@given(key=st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,8}", fullmatch=True), value=_SAFE)
def test_fast_path_agrees_with_yaml_base_loader(key: str, value: str) -> None:
    for line in (f"{key}: {value}", f'{key}: "{value}"', f"{key}: '{value}'"):
        fast = _fast([line])
        if fast is None:
            continue  # not simple: YAML reads it
        try:
            slow = yaml.load(line, Loader=yaml.BaseLoader)
        except yaml.YAMLError:
            pytest.fail(f"fast path accepted invalid YAML {line!r}")
        assert fast == slow, line
