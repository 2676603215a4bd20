"""load_corpus on native files, pasted pages, folder config, ids and rejections."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from framelens.corpus import REASONS, CorpusError, load_corpus

Write = Callable[[str, str | bytes], Path]  # the ``write`` fixture of tests/corpus/conftest.py

NATIVE = """---
outlet: Daily Example
title: "Vote count: a slow night"
date: 2021-03-04
author: [Ann Lee, Bo Chan]
url: https://example.org/a
language: en
section: Politics
topic: elections
---
First paragraph.

Second paragraph.
"""


def test_native_fields_extras_and_hash(write: Write, tmp_path: Path) -> None:
    write("a.md", NATIVE)
    corpus = load_corpus(tmp_path, strict=True)
    row = corpus.to_frame().iloc[0]
    assert row["doc_id"] == "a"
    assert row["outlet"] == "Daily Example"
    assert row["title"] == "Vote count: a slow night"
    assert row["date"] == pd.Timestamp("2021-03-04")
    assert row["author"] == "Ann Lee; Bo Chan"
    assert row["url"] == "https://example.org/a"
    assert (row["language"], row["section"], row["topic"]) == ("en", "Politics", "elections")
    assert row["text"] == "First paragraph.\n\nSecond paragraph."
    assert row["source_path"] == "a.md"
    assert row["encoding"] == "utf-8"
    assert row["content_hash"] == hashlib.sha1(b"First paragraph.\n\nSecond paragraph.").hexdigest()
    assert pd.isna(row["outlet_ownership"])  # not in the registry: no registry columns
    log = corpus.cleaning_log
    assert list(log["rule"]) == []  # LF file, no Unicode spaces, one final newline


def test_native_cleaning_is_exactly_the_three_normalisations(write: Write, tmp_path: Path) -> None:
    raw = "---\r\noutlet: X\r\n---\r\n\r\n  \r\nA\u00a0b\u2009c.\r\n\r\nD  e.\r\n\r\n"
    write("n.md", raw)
    corpus = load_corpus(tmp_path, strict=True)
    # NBSP and thin space become one ASCII space each; the double space is kept
    assert corpus["n"].text == "A b c.\n\nD  e."
    log = corpus.cleaning_log
    got = [
        (None if pd.isna(r.line) else int(r.line), r.rule, r.removed_text) for r in log.itertuples()
    ]
    assert got == [
        (None, "crlf", "U+000D x6"),
        (4, "blank_line", ""),
        (5, "blank_line", "  "),
        (6, "unicode_whitespace", "U+00A0 U+2009"),
        (9, "blank_line", ""),
    ]
    assert set(log["rule_set"]) == {"builtin"}


def test_default_ids_stem_then_path_and_declared_ids_win(write: Write, tmp_path: Path) -> None:
    body = "---\noutlet: X\n---\nText {n}.\n"
    write("a/x.md", body.format(n=1))
    write("b/x.md", body.format(n=2))
    write("c.md", body.format(n=3))
    write("d.md", "---\noutlet: X\ndoc_id: c\n---\nText 4.\n")
    corpus = load_corpus(tmp_path, strict=True)
    ids = dict(zip(corpus.to_frame()["source_path"], corpus.to_frame()["doc_id"], strict=True))
    assert ids == {"a/x.md": "a/x", "b/x.md": "b/x", "c.md": "c.md", "d.md": "c"}


def test_declared_duplicate_doc_id_is_rejected(write: Write, tmp_path: Path) -> None:
    write("a.md", "---\noutlet: X\ndoc_id: same\n---\nOne.\n")
    write("b.md", "---\noutlet: X\ntitle: T\ndoc_id: same\n---\nTwo.\n")
    corpus = load_corpus(tmp_path)
    assert corpus.doc_ids == ["same"]
    assert corpus["same"].text == "One."
    rej = corpus.rejections.iloc[0]
    assert (rej["source_path"], rej["reason"], rej["line"], rej["field"]) == (
        "b.md",
        "duplicate_doc_id",
        4,
        "doc_id",
    )


REJECTED = [
    # (file, content, reason, line, field)
    ("bin.txt", b"\x00\x01\x02\x03binary", "undecodable", None, None),
    ("pound.txt", "---\noutlet: X\n---\n£5 only.\n".encode("latin-1"), "undecodable", None, None),
    ("empty.md", "---\noutlet: X\n---\n\n  \n", "empty_body", 4, "text"),
    ("nooutlet.md", "---\ntitle: T\n---\nBody.\n", "missing_outlet", None, "outlet"),
    ("baddate.md", "---\noutlet: X\ndate: someday\n---\nBody.\n", "unparseable_date", 3, "date"),
    ("olddate.md", "---\noutlet: X\ndate: 1066-10-14\n---\nB.\n", "unparseable_date", 3, "date"),
    ("big.md", "---\noutlet: X\n---\n" + "x" * 200, "over_size_limit", None, None),
    ("badfm.md", "---\noutlet: X\ntitle: [open\n---\nBody\n", "malformed_front_matter", 3, None),
    ("indent.md", "---\noutlet: X\n  bad: indent\n---\nB\n", "malformed_front_matter", 3, None),
    ("unclosed.md", "---\noutlet: X\nBody\n", "malformed_front_matter", 1, None),
    ("listfm.md", "---\n- a\n- b\n---\nBody\n", "malformed_front_matter", 2, None),
    ("reserved.md", "---\noutlet: X\ntext: hi\n---\nB\n", "malformed_front_matter", 3, "text"),
    (
        "listtitle.md",
        "---\noutlet: X\ntitle: [a, b]\n---\nB\n",
        "malformed_front_matter",
        3,
        "title",
    ),
    ("image.png", b"\x89PNG\r\n", "unsupported_type", None, None),
    ("noext", "plain", "unsupported_type", None, None),
]


@pytest.mark.parametrize(("name", "content", "reason", "line", "field"), REJECTED)
def test_each_rejection_reason(
    write: Write,
    tmp_path: Path,
    name: str,
    content: str | bytes,
    reason: str,
    line: int | None,
    field: str | None,
) -> None:
    write("ok.md", "---\noutlet: X\n---\nFine.\n")
    write(name, content)
    corpus = load_corpus(tmp_path, max_bytes=100)
    assert corpus.doc_ids == ["ok"]
    assert len(corpus.rejections) == 1
    rej = corpus.rejections.iloc[0]
    assert rej["source_path"] == name
    assert rej["reason"] == reason
    assert reason in REASONS
    assert (None if pd.isna(rej["line"]) else int(rej["line"])) == line
    assert (None if pd.isna(rej["field"]) else rej["field"]) == field
    assert rej["message"].startswith(name)
    assert corpus.attrs["reconciliation"]["files"] == 2
    assert corpus.attrs["reconciliation"]["rejected_files"] == 1
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path, max_bytes=100, strict=True)
    assert str(info.value) == rej["message"]


def test_strict_message_names_file_line_and_field(write: Write, tmp_path: Path) -> None:
    write("sub/baddate.md", "---\noutlet: X\ndate: someday\n---\nBody.\n")
    with pytest.raises(CorpusError, match=r"^sub/baddate\.md, line 3, field 'date': "):
        load_corpus(tmp_path, strict=True)
    assert issubclass(CorpusError, ValueError)


def test_skipped_files_and_reconciliation(write: Write, tmp_path: Path) -> None:
    art = "---\noutlet: X\n---\nBody {n}.\n"
    write("a.md", art.format(n=1))
    write("README.md", "# notes")
    write("LICENSE", "text")
    write("_draft.md", art.format(n=2))
    write(".hidden.md", art.format(n=3))
    write("old.bak", "x")
    write("drafts/d.md", art.format(n=4))
    write("keep/drafts.md", art.format(n=5))
    write(".git/config", "x")
    write("_corpus.yaml", "exclude: ['*.bak', drafts]\n")
    corpus = load_corpus(tmp_path, strict=True)
    assert sorted(corpus.doc_ids) == ["a", "drafts"]
    skipped = {s["source_path"]: s["reason"] for s in corpus.attrs["skipped"]}
    assert skipped == {
        ".git/": "hidden_folder",
        ".hidden.md": "hidden",
        "LICENSE": "license",
        "README.md": "readme",
        "_corpus.yaml": "config",
        "_draft.md": "hidden",
        "drafts/": "excluded_folder",
        "old.bak": "excluded",
    }
    assert corpus.attrs["reconciliation"] == {
        "files": 8,
        "loaded_files": 2,
        "rejected_files": 0,
        "skipped_files": 6,
        "articles": 2,
        "rejections": 0,
    }


def test_folder_defaults_sidecar_and_page_precedence(write: Write, tmp_path: Path) -> None:
    write("wire/_corpus.yaml", "outlet: Wire Service\nlanguage: en\nsection: World\n")
    write("wire/metadata.csv", "file,section,desk\np2.txt,Europe,night\n")
    write("wire/p1.txt", "Markets Rally on Rate Hopes\n\nShares rose on Monday.\n")
    write("wire/p2.txt", "News > Asia\n\nBorder Talks Resume\n\nTalks resumed today.\n")
    write("wire/n.md", "---\noutlet: Other Paper\n---\nNative body.\n")
    corpus = load_corpus(tmp_path, strict=True)
    df = corpus.to_frame().set_index("doc_id")
    # pasted page: title read off the page, outlet/language/section from folder defaults
    assert df.loc["p1", ["outlet", "title", "section", "language"]].tolist() == [
        "Wire Service",
        "Markets Rally on Rate Hopes",
        "World",
        "en",
    ]
    assert df.loc["p1", "text"] == "Shares rose on Monday."
    # sidecar beats the page's breadcrumb, which beats the folder default
    assert df.loc["p2", "section"] == "Europe"
    assert df.loc["p2", "desk"] == "night"
    assert df.loc["p2", "text"] == "Talks resumed today."
    # front matter beats folder defaults
    assert df.loc["n", "outlet"] == "Other Paper"
    assert df.loc["n", "section"] == "World"
    assert corpus.attrs["unmatched_sidecar_rows"] == []


def test_sidecar_row_without_file_is_reported(write: Write, tmp_path: Path) -> None:
    write("metadata.csv", "file,outlet\np.txt,Wire Service\ngone.txt,Wire Service\n")
    path = write("p.txt", "A Headline\n\nBody.\n")
    corpus = load_corpus(tmp_path, strict=True)
    assert corpus.doc_ids == ["p"]
    assert corpus.attrs["unmatched_sidecar_rows"] == ["metadata.csv, line 3: no file 'gone.txt'"]
    assert load_corpus(path).attrs["unmatched_sidecar_rows"] == []


def test_page_breadcrumb_fills_section_when_no_sidecar(write: Write, tmp_path: Path) -> None:
    write("_corpus.yaml", "outlet: Wire Service\n")
    write("p.txt", "News > Asia\n\nBorder Talks Resume\n\nPublished 5 May 2021\n\nTalks resumed.\n")
    corpus = load_corpus(tmp_path, strict=True)
    row = corpus.to_frame().iloc[0]
    assert (row["section"], row["title"], row["date"]) == (
        "Asia",
        "Border Talks Resume",
        pd.Timestamp("2021-05-05"),
    )


def test_single_file_root_reads_its_folder_sidecar(write: Write, tmp_path: Path) -> None:
    path = write("p.txt", "A Headline\n\nBody.\n")
    write("metadata.csv", "file,outlet\np.txt,Wire Service\n")
    corpus = load_corpus(path, strict=True)
    assert corpus.doc_ids == ["p"]
    assert corpus["p"].outlet == "Wire Service"
    assert corpus.attrs["root"] == str(path)


ENCODED = [
    ("utf-8-sig", "Café au lait.", "utf-8-sig"),
    ("utf-16", "Привет, мир.", "utf-16"),
    ("cp1251", "Министр иностранных дел заявил об этом.", "cp1251"),
    ("latin-1", "Le ministre a déclaré à la presse.", "latin-1"),
    ("cp1252", "He said “no” – twice.", "cp1252"),
]


@pytest.mark.parametrize(("codec", "body", "recorded"), ENCODED)
def test_encodings_detected_and_recorded(
    write: Write, tmp_path: Path, codec: str, body: str, recorded: str
) -> None:
    write("e.md", f"---\noutlet: X\n---\n{body}\n".encode(codec))
    corpus = load_corpus(tmp_path, strict=True)
    row = corpus.to_frame().iloc[0]
    assert row["text"] == body
    assert row["encoding"] == recorded


def test_outlet_registry_aliases_domains_and_columns(write: Write, tmp_path: Path) -> None:
    write(
        "outlets.yaml",
        """version: "3"
outlets:
  - name: Daily Example
    aliases: [DE, the daily example]
    domains: [example.org]
    country: GB
    ownership: private
    language: en
""",
    )
    write("a.md", "---\noutlet: The Daily  Example\n---\nA.\n")
    write("b.md", "---\nurl: https://news.example.org/x\n---\nB.\n")
    write("c.md", "---\noutlet: telesur\nlanguage: es\n---\nC.\n")
    corpus = load_corpus(tmp_path, strict=True)
    df = corpus.to_frame().set_index("doc_id")
    assert df.loc["a", "outlet"] == "Daily Example"
    assert df.loc["b", "outlet"] == "Daily Example"
    assert df.loc["a", ["outlet_country", "outlet_ownership", "language"]].tolist() == [
        "GB",
        "private",
        "en",  # registry language fills a missing language
    ]
    # the packaged registry still applies; an article's own language wins
    assert df.loc["c", ["outlet", "outlet_ownership", "language"]].tolist() == [
        "teleSUR English",
        "state",
        "es",
    ]
    assert corpus.attrs["outlet_registry"] == [
        {"source": "framelens:outlets.yaml", "version": "1"},
        {"source": "outlets.yaml", "version": "3"},
    ]
    skipped = {s["source_path"]: s["reason"] for s in corpus.attrs["skipped"]}
    assert skipped == {"outlets.yaml": "config"}


def test_malformed_config_is_rejected_and_loading_continues(write: Write, tmp_path: Path) -> None:
    write("a/_corpus.yaml", "rules: [no_such_set]\n")
    write("a/x.md", "---\noutlet: X\n---\nA.\n")
    write("b/metadata.csv", "name,outlet\nx.txt,Y\n")
    write("b/y.md", "---\noutlet: X\n---\nB.\n")
    corpus = load_corpus(tmp_path)
    assert sorted(corpus.doc_ids) == ["x", "y"]
    rej = corpus.rejections.set_index("source_path")
    assert rej.loc["a/_corpus.yaml", "reason"] == "malformed_config"
    assert rej.loc["a/_corpus.yaml", "field"] == "rules"
    assert rej.loc["b/metadata.csv", "reason"] == "malformed_config"
    assert corpus.attrs["reconciliation"]["rejected_files"] == 2
    with pytest.raises(CorpusError, match=r"a/_corpus\.yaml, field 'rules'"):
        load_corpus(tmp_path, strict=True)


def test_folder_rules_and_user_rule_file(write: Write, tmp_path: Path) -> None:
    page = "• Live\nSome Headline\n\n  • A caption line here\n\nBody text.\n\nADVERTISEMENT\n"
    write("plain/p.txt", page)
    write("ruled/_corpus.yaml", "rules: telesur\n")
    write("ruled/q.txt", page)
    write("_corpus.yaml", "outlet: Wire Service\n")
    rules = tmp_path / "my_rules.yaml"
    rules.write_text(
        "version: '2'\nrule_sets:\n  - name: ads\n    outlets: [Wire Service]\n    rules:\n"
        "      - {id: advert, kind: line, pattern: ADVERTISEMENT}\n",
        "utf-8",
    )
    (tmp_path / "my_rules.yaml").rename(tmp_path.parent / "my_rules.yaml")
    corpus = load_corpus(tmp_path, rules=tmp_path.parent / "my_rules.yaml", strict=True)
    # without the telesur set the bullet caption stays; the user's ads set applies to both
    assert corpus["p"].text == "• A caption line here\n\nBody text."
    assert corpus["q"].text == "Body text."
    log = corpus.cleaning_log
    ads = log[log["rule"] == "advert"]
    assert list(ads["doc_id"]) == ["p", "q"] and set(ads["rule_version"]) == {"2"}
    assert ("ads", "2") in [(r["name"], r["version"]) for r in corpus.attrs["rule_sets"]]


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "nope")


def test_empty_folder_gives_empty_corpus(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 0
    assert list(corpus.to_frame().columns[:12]) == [
        "doc_id",
        "outlet",
        "title",
        "date",
        "url",
        "author",
        "language",
        "section",
        "text",
        "source_path",
        "content_hash",
        "duplicate_of",
    ]


def test_bad_sidecar_value_names_the_sidecar_row(write: Write, tmp_path: Path) -> None:
    write("metadata.csv", "file,outlet,date\np.txt,Wire Service,soon\n")
    write("p.txt", "A Headline\n\nBody.\n")
    corpus = load_corpus(tmp_path)
    rej = corpus.rejections.iloc[0]
    assert (rej["source_path"], rej["reason"]) == ("p.txt", "unparseable_date")
    assert rej["field"] == "date"
    assert pd.isna(rej["line"])
    assert rej["message"] == (
        "p.txt, field 'date': unparseable_date: no four-digit year in 'soon' "
        "(value from metadata.csv, line 2)"
    )


def test_folder_defaults_are_strings(write: Write, tmp_path: Path) -> None:
    write("_corpus.yaml", "outlet: Aftenposten\nlanguage: no\nrules: [telesur]\n")
    write("a.md", "---\ntitle: T\n---\nTekst.\n")
    row = load_corpus(tmp_path, strict=True).to_frame().iloc[0]
    assert (row["outlet"], row["language"]) == ("Aftenposten", "no")


def test_dangling_symlink_is_rejected_as_unreadable(tmp_path: Path) -> None:
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    corpus = load_corpus(tmp_path)
    rej = corpus.rejections.iloc[0]
    assert (rej["source_path"], rej["reason"]) == ("gone.md", "unreadable")
