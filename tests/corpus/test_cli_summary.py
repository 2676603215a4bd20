"""`framelens corpus validate|info` (typer CliRunner) and the summary tables behind them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from framelens.cli import app
from framelens.corpus import load_corpus
from framelens.corpus.summary import (
    articles_by,
    duplicate_pairs,
    length_table,
    reconciliation_table,
)

Write = Callable[[str, str | bytes], Path]
WIRE = "Officials said on Monday that the talks would resume next week in the capital city."


@pytest.fixture
def folder(write: Write, tmp_path: Path) -> Path:
    write("a.md", f"---\noutlet: telesur\ndate: 2020-09-02\nlanguage: en\n---\n{WIRE}\n")
    write("b.md", f"---\noutlet: Daily Example\ndate: 2020-10-05\n---\n{WIRE}\n")
    write("c.md", "---\noutlet: Daily Example\ndate: 2020-10-01\nlanguage: en\n---\nOne two.\n")
    write("bad.md", "---\noutlet: X\ndate: soon\n---\nBody.\n")
    write("README.md", "notes")
    return tmp_path


def test_reconciliation_table(folder: Path) -> None:
    table = reconciliation_table(load_corpus(folder))
    got = [(r.status, r.source_path, r.reason) for r in table.itertuples()]
    assert [(s, p, None if pd.isna(r) else r) for s, p, r in got] == [
        ("loaded", "a.md", None),
        ("loaded", "b.md", None),
        ("loaded", "c.md", None),
        ("rejected", "bad.md", "unparseable_date"),
        ("skipped", "README.md", "readme"),
    ]


def test_summary_tables(folder: Path) -> None:
    corpus = load_corpus(folder)
    assert articles_by(corpus, "outlet").values.tolist() == [
        ["Daily Example", 2],
        ["teleSUR English", 1],
    ]
    assert articles_by(corpus, "month").values.tolist() == [["2020-09", 1], ["2020-10", 2]]
    assert articles_by(corpus, "language").values.tolist() == [["(unknown)", 1], ["en", 2]]
    assert articles_by(corpus, "ownership").values.tolist() == [["(unknown)", 2], ["state", 1]]
    lengths = length_table(corpus).set_index("outlet")
    assert lengths.loc["Daily Example", ["articles", "words_min", "words_max"]].tolist() == [
        2,
        2,
        15,  # WIRE has 15 words, "One two." 2
    ]
    assert lengths.loc["(all)", "words_median"] == 15.0
    pairs = duplicate_pairs(corpus)
    # b (2020-10-05) is a later exact copy of a (2020-09-02)
    assert pairs.values.tolist() == [["b", "a", "exact", "Daily Example", "teleSUR English"]]
    with pytest.raises(ValueError, match="cannot count"):
        articles_by(corpus, "colour")


def test_cli_validate(folder: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["corpus", "validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert "5 files: 3 loaded (3 articles), 1 rejected, 1 skipped; 1 rejection(s)" in result.output
    assert "bad.md, line 3, field 'date': unparseable_date" in result.output
    assert "unparseable_date: 1" in result.output
    assert "README.md" in result.output
    strict = runner.invoke(app, ["corpus", "validate", str(folder), "--strict"])
    assert strict.exit_code == 1
    (folder / "bad.md").unlink()
    clean = runner.invoke(app, ["corpus", "validate", str(folder), "--strict"])
    assert clean.exit_code == 0, clean.output


def test_cli_validate_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["corpus", "validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_cli_info(folder: Path) -> None:
    result = CliRunner().invoke(app, ["corpus", "info", str(folder)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "3 articles, 2 outlets" in out
    assert "Articles by outlet:" in out and "teleSUR English" in out
    assert "2020-10" in out
    assert "Duplicate pairs:" in out and "exact" in out
    assert "1 input(s) rejected" in out


def test_cli_validate_table_options_and_unmatched_sidecar(write: Write, tmp_path: Path) -> None:
    write("t.csv", "body,source\nFirst text.,X\nSecond text.,\n")
    write("metadata.csv", "file,outlet\nmissing.txt,X\n")
    runner = CliRunner()
    default = runner.invoke(app, ["corpus", "validate", str(tmp_path)])
    assert "malformed_table" in default.output  # no "text" column
    mapped = runner.invoke(
        app,
        ["corpus", "validate", str(tmp_path), "--text-col", "body", "--outlet-col", "source"],
    )
    assert mapped.exit_code == 0, mapped.output
    assert "1 loaded (1 articles)" in mapped.output
    assert "t.csv, line 3, field 'source': missing_outlet" in mapped.output
    assert "metadata.csv, line 2: no file 'missing.txt'" in mapped.output
