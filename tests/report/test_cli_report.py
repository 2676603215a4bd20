"""`framelens report`: thin CLI over run_report, exit status 1 with the notebook and cell."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from framelens.cli import app
from tests.report.test_runner import WRITE, _book


def test_report_command_success_and_failure(tmp_path: Path, mini_corpus: Path) -> None:
    books = tmp_path / "nb"
    books.mkdir()
    _book(books / "00-ok.ipynb", WRITE.format(name="ok", value=7))
    out = tmp_path / "out"
    args = ["report", "--corpus", str(mini_corpus), "--out", str(out), "--notebooks", str(books)]
    runner = CliRunner()
    ok = runner.invoke(app, args)
    assert ok.exit_code == 0, ok.output
    assert "1 notebook(s) run" in ok.output
    assert (out / "tables" / "ok.csv").read_text() == "a\n7\n"

    _book(books / "01-bad.ipynb", "raise KeyError('outlet')")
    bad = runner.invoke(app, args)
    assert bad.exit_code == 1
    assert "notebook 01-bad.ipynb failed at cell 3: KeyError: 'outlet'" in bad.output
    assert (out / "tables" / "ok.csv").read_text() == "a\n7\n"

    unknown = runner.invoke(app, [*args, "--only", "09"])
    assert unknown.exit_code == 1
    assert "matches no notebook" in unknown.output
