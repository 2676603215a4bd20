"""The optional compiled build (``framelens._native``, ``setup.py``).

- The guard: which sources a build depends on, and every reason a compiled group is refused
  (hand-built trees with empty stand-ins for the compiled files).
- The install under test: CI (``FRAMELENS_CI=1``) must run the compiled build, since the
  machine has a compiler; elsewhere the tests that need it skip with the reason.
- Equivalence: the same tables from the compiled and the pure-Python modules, byte for byte,
  over the demo corpus, the seed page and generated benchmark text (two subprocesses).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import framelens
from framelens import _native

REPO = Path(__file__).resolve().parents[1]


def _write(root: Path, rel: str, text: str = "") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_source_closure_follows_framelens_imports_transitively(tmp_path: Path) -> None:
    _write(tmp_path, "framelens/__init__.py")
    _write(tmp_path, "framelens/a.py", "import os\nfrom framelens.b import thing\n")
    _write(tmp_path, "framelens/b.py", "from framelens.pkg import c\nimport framelens.d\n")
    _write(tmp_path, "framelens/pkg/__init__.py", "")
    _write(tmp_path, "framelens/pkg/c.py", "from framelens import a\n")  # a cycle
    _write(tmp_path, "framelens/d.py", "import numpy\n")
    _write(tmp_path, "framelens/unused.py", "")
    assert _native.source_closure(tmp_path, ["framelens.a"]) == [
        "framelens/__init__.py",  # `from framelens import a` imports the package
        "framelens/a.py",
        "framelens/b.py",
        "framelens/d.py",
        "framelens/pkg/__init__.py",
        "framelens/pkg/c.py",
    ]


def test_source_closure_of_the_real_build_stays_inside_the_attribution_path() -> None:
    closure = _native.source_closure(REPO / "src")
    assert {f"{m.replace('.', '/')}.py" for m in _native.COMPILED} <= set(closure)
    assert "framelens/corpus/units.py" in closure  # extract calls the sentence scanner
    assert not any(p.startswith(("framelens/report/", "framelens/plots/")) for p in closure)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A stand-in install: the compiled modules' sources, one helper they import, empty
    files where the compiled ones go, and a record made from the sources."""
    for module in _native.COMPILED:
        _write(tmp_path, module.replace(".", "/") + ".py", f"# {module}\n")
    _write(tmp_path, "framelens/memo.py", "from framelens.helper import x\n")
    _write(tmp_path, "framelens/helper.py", "x = 1\n")
    for file in _native.compiled_files(tmp_path):
        file.write_bytes(b"")
    record = _native.make_record(tmp_path, "mypyc test")
    _write(tmp_path, f"framelens/{_native.RECORD}", json.dumps(record))
    return tmp_path


def test_current_build_is_used(tree: Path) -> None:
    status = _native.check(tree, {})
    assert status == _native.BuildStatus(True, "compiled with mypyc test from the current sources")


def test_changed_imported_source_refuses_the_whole_group(tree: Path) -> None:
    (tree / "framelens/helper.py").write_text("x = 2\n", encoding="utf-8")
    status = _native.check(tree, {})
    assert not status.compiled
    assert status.stale == ("framelens/helper.py",)


def test_new_import_since_the_build_makes_it_stale(tree: Path) -> None:
    _write(tree, "framelens/extra.py", "")
    (tree / "framelens/helper.py").write_text("import framelens.extra\nx = 1\n", encoding="utf-8")
    assert _native.check(tree, {}).stale == ("framelens/helper.py",)  # the importing file


def test_removed_source_makes_it_stale(tree: Path) -> None:
    (tree / "framelens/helper.py").unlink()
    assert _native.check(tree, {}).stale == ("framelens/helper.py",)


def test_pure_python_can_be_asked_for(tree: Path) -> None:
    status = _native.check(tree, {_native.PURE_ENV: "1"})
    assert not status.compiled and _native.PURE_ENV in status.reason


def test_missing_compiled_file_or_record(tree: Path) -> None:
    files = _native.compiled_files(tree)
    files[-1].unlink()  # the group's shared library
    status = _native.check(tree, {})
    assert not status.compiled and files[-1].name in status.reason
    files[-1].write_bytes(b"")
    (tree / f"framelens/{_native.RECORD}").write_text("{not json", encoding="utf-8")
    assert "without a readable" in _native.check(tree, {}).reason


def test_nothing_compiled_is_a_pure_install(tree: Path) -> None:
    for file in _native.compiled_files(tree):
        file.unlink()
    assert not _native.check(tree, {}).compiled


def test_source_finder_returns_the_py_file(tmp_path: Path) -> None:
    source = _write(tmp_path, "m.py", "VALUE = 3\n")
    spec = _native._SourceFinder({"framelens_test_m": source}).find_spec("framelens_test_m", None)
    assert spec is not None and spec.origin == str(source)
    assert _native._SourceFinder({}).find_spec("framelens_test_m", None) is None


def _require_compiled() -> None:
    status = framelens.build_status()
    if status.compiled:
        return
    if os.environ.get("FRAMELENS_CI"):
        pytest.fail(f"CI must test the compiled build (this machine has a compiler): {status}")
    pytest.skip(f"no compiled build to test: {status.reason}")


def test_this_process_runs_the_compiled_modules() -> None:
    _require_compiled()
    import framelens.attribution.extract as extract
    import framelens.memo as memo

    assert Path(extract.__file__).suffix != ".py"
    assert Path(memo.__file__).suffix != ".py"


# Writes every table the compiled modules feed, as text, to the file named by argv[1].
_DUMP = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    sys.path.insert(0, "benchmarks")
    import framelens
    from bench_attribution import generate
    from framelens.attribution.extract import extract_columns
    from framelens.attribution.speakers import resolve_columns
    from framelens.attribution.tables import mentioned_not_quoted, quote_table
    from framelens.corpus import load_corpus
    from framelens.lexicons.matching import lexicon_matches

    out = [repr(framelens.build_status().compiled)]
    for path in ("corpus/demo", "corpus/seed"):
        corpus = load_corpus(path)
        out.append(quote_table(corpus).to_csv())
        out.append(quote_table(corpus, continuations="separate").to_csv())
        out.append(mentioned_not_quoted(corpus).to_csv())
        out.append(lexicon_matches(corpus).to_csv())
    for doc in generate(0.2, 7):
        out.append(repr(resolve_columns(doc, extract_columns(doc))))
    Path(sys.argv[1]).write_text("\\n".join(out), encoding="utf-8")
    """
)


def test_compiled_and_pure_python_give_identical_tables(tmp_path: Path) -> None:
    _require_compiled()
    outputs = {}
    for name, pure in (("compiled", "0"), ("pure", "1")):
        out = tmp_path / f"{name}.txt"
        env = {**os.environ, _native.PURE_ENV: pure}
        subprocess.run(
            [sys.executable, "-c", _DUMP, str(out)], cwd=REPO, env=env, check=True, timeout=600
        )
        outputs[name] = out.read_text(encoding="utf-8").splitlines()
    assert outputs["compiled"][0] == "True" and outputs["pure"][0] == "False"
    assert len(outputs["compiled"]) > 1000  # the tables are not empty
    pairs = zip(outputs["compiled"][1:], outputs["pure"][1:], strict=True)
    for i, (a, b) in enumerate(pairs, start=1):
        assert a == b, f"line {i}: compiled {a!r} != pure {b!r}"
