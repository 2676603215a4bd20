"""The report runner: ordering, --only, atomic swap, failures that name notebook and cell."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from framelens.report import ReportError, ReportResult, list_notebooks, run_report
from framelens.report.runner import MARKER


def _book(path: Path, *cells: str, params: str = 'corpus = ""\nout_dir = "."') -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    p = nbformat.v4.new_code_cell(params)
    p.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# test"), p]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)
    return path


WRITE = (
    "from pathlib import Path\n"
    "Path(out_dir, 'tables').mkdir(exist_ok=True)\n"
    "Path(out_dir, 'tables', '{name}.csv').write_text('a\\n{value}\\n')"
)


@pytest.fixture()
def suite(tmp_path: Path) -> Path:
    books = tmp_path / "notebooks"
    books.mkdir()
    _book(books / "00-first.ipynb", WRITE.format(name="first", value=1))
    _book(books / "01-second.ipynb", WRITE.format(name="second", value=2), "x = 1")
    (books / "notes.ipynb").write_text("{}")  # not NN-name: ignored
    return books


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_list_notebooks_sorted_and_only(suite: Path) -> None:
    assert [p.name for p in list_notebooks(suite)] == ["00-first.ipynb", "01-second.ipynb"]
    for key in ("01", "01-second", "01-second.ipynb"):
        assert [p.name for p in list_notebooks(suite, key)] == ["01-second.ipynb"]
    with pytest.raises(ValueError, match="matches no notebook; choose one of: 00-first, 01-second"):
        list_notebooks(suite, "07")


def test_run_failure_only_and_swap(suite: Path, tmp_path: Path, mini_corpus: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    (out / ".gitkeep").write_text("")
    result = run_report(mini_corpus, out, notebooks_dir=suite, progress=False)
    assert result.notebooks == ["00-first", "01-second"]
    assert (out / MARKER).is_file() and (out / ".gitkeep").is_file()
    assert (out / "tables" / "first.csv").read_text() == "a\n1\n"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest == {"00-first": ["tables/first.csv"], "01-second": ["tables/second.csv"]}
    assert (out / "notebooks" / "01-second.html").is_file()
    executed = nbformat.read(out / "notebooks" / "01-second.ipynb", as_version=4)
    counts = [c.execution_count for c in executed.cells if c.cell_type == "code"]
    assert counts == [1, 2, 3, 4]  # numbered per notebook although one kernel ran both
    assert "tmp-" not in (out / "notebooks" / "01-second.ipynb").read_text()
    html = (out / "index.html").read_text()
    assert "first.csv" in html and "01-second" in html
    before = _tree(out)

    # a failing notebook: the error names notebook and cell; the report is untouched
    _book(suite / "02-broken.ipynb", "y = 2", "1 / 0", "z = 3")
    with pytest.raises(ReportError) as err:
        run_report(mini_corpus, out, notebooks_dir=suite, progress=False)
    assert err.value.notebook == "02-broken.ipynb"
    assert err.value.cell == 4  # markdown, parameters, "y = 2", then the division
    assert "02-broken.ipynb" in str(err.value) and "cell 4" in str(err.value)
    assert "ZeroDivisionError" in str(err.value)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "reports"]  # no temp left

    # --only reruns one notebook and keeps the others' files
    (suite / "02-broken.ipynb").unlink()
    _book(suite / "01-second.ipynb", WRITE.format(name="second", value=22))
    run_report(mini_corpus, out, "01", notebooks_dir=suite, progress=False)
    assert (out / "tables" / "second.csv").read_text() == "a\n22\n"
    assert (out / "tables" / "first.csv").read_text() == "a\n1\n"
    assert json.loads((out / "manifest.json").read_text()) == manifest


def test_cell_timeout_is_reported(tmp_path: Path, mini_corpus: Path) -> None:
    books = tmp_path / "nb"
    books.mkdir()
    _book(books / "00-slow.ipynb", "import time\ntime.sleep(30)")
    with pytest.raises(ReportError, match=r"00-slow.ipynb failed at cell 3: .*[Tt]imeout"):
        run_report(mini_corpus, tmp_path / "out", notebooks_dir=books, timeout=2, progress=False)
    assert not (tmp_path / "out").exists()


def test_refuses_to_replace_a_folder_that_is_not_a_report(suite: Path, tmp_path: Path) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.md").write_text("keep me")
    with pytest.raises(ValueError, match="is not a framelens report"):
        run_report(tmp_path, precious, notebooks_dir=suite, progress=False)
    assert (precious / "chapter1.md").read_text() == "keep me"


def test_replaces_a_folder_holding_only_report_entries(suite: Path, tmp_path: Path) -> None:
    """E.g. ``reports/`` after a notebook ran interactively: figures/ and tables/ only."""
    out = tmp_path / "reports"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "stale.svg").write_text("old")
    run_report(tmp_path, out, notebooks_dir=suite, progress=False)
    assert not (out / "figures" / "stale.svg").exists()
    assert (out / "tables" / "first.csv").is_file()


def test_missing_corpus(suite: Path, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="corpus not found"):
        run_report(tmp_path / "nope", tmp_path / "out", notebooks_dir=suite)


# --- the real suite on the fixture corpus ---------------------------------------------------

EXPECTED_FILES = [
    "index.html",
    "manifest.json",
    "articles/index.html",
    "articles/north-1.html",
    "figures/corpus_overview.png",
    "figures/corpus_overview.svg",
    "figures/corpus_overview.csv",
    "figures/corpus_overview.txt",
    "figures/share_of_voice.svg",
    "figures/verb_classes.svg",
    "figures/loaded_terms_narrator_vs_quoted.svg",
    "figures/loaded_terms_by_week.svg",
    "figures/official_share_by_week.svg",
    "tables/corpus_summary.csv",
    "tables/lexicon_rates.csv",
    "tables/share_of_voice.csv",
    "tables/keyness.csv",
    "tables/naming.csv",
    *(f"notebooks/{nb}.html" for nb in ("00-corpus-overview", "05-over-time")),
]


def test_full_report_files(mini_report: ReportResult) -> None:
    out = mini_report.out
    missing = [f for f in EXPECTED_FILES if not (out / f).is_file()]
    assert not missing
    summary = (out / "tables" / "corpus_summary.csv").read_text()
    assert "articles,4\n" in summary and "outlets,2\n" in summary
    html = (out / "index.html").read_text()
    assert (
        'href="notebooks/03-source-attribution.html"><img src="figures/share_of_voice.svg"' in html
    )


def test_two_runs_give_identical_tables_and_svgs(
    mini_report: ReportResult, mini_corpus: Path, tmp_path: Path
) -> None:
    second = run_report(mini_corpus, tmp_path / "again", progress=False)
    a, b = mini_report.out, second.out
    for pattern in ("tables/*.csv", "figures/*.svg", "figures/*.csv", "figures/*.png"):
        names_a = sorted(p.name for p in a.glob(pattern))
        assert names_a == sorted(p.name for p in b.glob(pattern)) and names_a
        for name in names_a:
            rel = f"{pattern.split('/')[0]}/{name}"
            assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"{rel} differs"
    # no machine-specific path leaks into any output
    for path in [*b.rglob("*.csv"), *b.rglob("*.svg"), *b.rglob("*.html"), *b.rglob("*.ipynb")]:
        text = path.read_text(encoding="utf-8")
        assert str(b) not in text and ".again.tmp-" not in text, path
