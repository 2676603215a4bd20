"""The notebooks are committed thin and clean: no outputs, one parameters cell, asserts."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = [
    "00-corpus-overview",
    "01-article-inspector",
    "02-loaded-language",
    "03-source-attribution",
    "04-distinctive-language",
    "05-over-time",
]
PARAMETERS = ("corpus", "outlets", "start", "end", "lexicons", "out_dir")
BOOKS = sorted(NOTEBOOKS.glob("*.ipynb"))


def _code(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_suite_is_complete() -> None:
    assert [p.stem for p in BOOKS] == EXPECTED


@pytest.mark.parametrize("path", BOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(_code(nb), start=1):
        assert cell.get("outputs") == [], f"{path.name}: code cell {i} has outputs"
        assert cell.get("execution_count") is None, f"{path.name}: code cell {i} has a count"
    assert "papermill" not in nb.metadata, f"{path.name} carries papermill run metadata"


@pytest.mark.parametrize("path", BOOKS, ids=lambda p: p.stem)
def test_thin_parameterised_structure(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# "), "purpose cell first"
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: exactly one cell tagged 'parameters'"
    assigned = set(re.findall(r"^(\w+) = ", tagged[0].source, flags=re.M))
    assert set(PARAMETERS) <= assigned, f"{path.name}: missing {set(PARAMETERS) - assigned}"
    headings = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## ")]
    assert len(headings) >= 2
    code = "\n".join(c.source for c in _code(nb))
    assert "assert " in code, "sanity checks as assert"
    assert "from framelens" in code
    # thin: no reusable code, no path hacks, nothing silenced
    for banned in ("\ndef ", "\nclass ", "sys.path", "autoreload", "filterwarnings"):
        assert banned not in "\n" + code, f"{path.name} contains {banned.strip()!r}"


def test_the_checks_catch_a_dirty_notebook(tmp_path: Path) -> None:
    nb = nbformat.read(BOOKS[0], as_version=4)
    cell = _code(nb)[0]
    cell.execution_count = 3
    cell.outputs = [nbformat.v4.new_output("stream", text="hi")]
    dirty = tmp_path / BOOKS[0].name
    nbformat.write(nb, dirty)
    with pytest.raises(AssertionError, match="has outputs"):
        test_committed_without_outputs(dirty)
