"""The compiled build of the attribution hot path, and the rule that keeps it honest.

framelens is pure Python. Where it is installed with a C compiler at hand, ``setup.py`` also
compiles the modules in :data:`COMPILED` with mypyc, the compiler that ships with mypy (black
and mypy are distributed the same way). The compiled modules are the same source, type-checked
and translated to C; they give identical results about 1.3 to 1.5 times faster. Without a
compiler the install is pure Python and everything works the same, only slower.

A compiled module sits beside its source, and Python's import system prefers it, so an edited
source would be silently ignored. This module prevents that. The build writes :data:`RECORD`,
the SHA-256 of every source the compiled group was made from: the compiled modules and every
framelens module they import, transitively. :func:`install` runs first in
``framelens/__init__.py`` and compares those digests with the files on disk (a millisecond:
no import graph is recomputed, since a new import can only come from an edit to a recorded
file). The whole group is loaded from its ``.py`` sources instead (a finder placed first on
``sys.meta_path``) when

- a digested source differs from the one compiled (a warning names it and how to rebuild);
- the record or a compiled file is missing, or the record cannot be read;
- the environment variable :data:`PURE_ENV` is ``1`` (to compare the two builds).

The group is all or nothing: compiled modules call each other directly in C, so a current
compiled module must not run beside a stale one.

This module imports only the standard library: ``setup.py`` loads it by path to compute the
record at build time.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

#: Modules compiled by mypyc when a compiler is available: speaker resolution, quote and
#: paraphrase extraction and what they call per token (cue matching, titles and roles, the
#: actor registry, the bounded memos).
COMPILED: tuple[str, ...] = (
    "framelens.memo",
    "framelens.attribution.cues",
    "framelens.attribution.roles",
    "framelens.attribution.actors",
    "framelens.attribution.extract",
    "framelens.attribution.speakers",
)
#: mypyc's name for the shared library of the group (``framelens__mypyc.<abi>.so``, top level).
GROUP = "framelens"
#: The build record, in the package directory.
RECORD = "_compiled.json"
#: ``FRAMELENS_PURE_PYTHON=1`` loads the pure-Python sources even when a current build exists;
#: at build time it skips compiling.
PURE_ENV = "FRAMELENS_PURE_PYTHON"


class BuildStatus(NamedTuple):
    """Which build of the :data:`COMPILED` modules this process runs, and why."""

    compiled: bool
    reason: str
    stale: tuple[str, ...] = ()


def module_path(root: Path, module: str) -> Path | None:
    """The source file of framelens ``module`` under ``root`` (the folder holding
    ``framelens/``), or None when no such file exists (a name imported from a package)."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _framelens_imports(path: Path) -> list[str]:
    """Every framelens module ``path`` imports by name (``import framelens.x`` or
    ``from framelens.x import y``; ``y`` counts too when it is a module)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names if a.name.split(".")[0] == "framelens"]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "framelens":
                continue
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def source_closure(root: Path, modules: Sequence[str] = COMPILED) -> list[str]:
    """The sources a build of ``modules`` depends on: their files and those of every framelens
    module they import, transitively, as sorted ``/``-separated paths relative to ``root``."""
    seen: set[Path] = set()
    todo = list(modules)
    while todo:
        path = module_path(root, todo.pop())
        if path is None or path in seen:
            continue
        seen.add(path)
        todo += _framelens_imports(path)
    return sorted(p.relative_to(root).as_posix() for p in seen)


def digests(root: Path, relpaths: Sequence[str]) -> dict[str, str]:
    """SHA-256 of each file, keyed by its path relative to ``root``."""
    return {rel: hashlib.sha256((root / rel).read_bytes()).hexdigest() for rel in relpaths}


def compiled_files(root: Path, modules: Sequence[str] = COMPILED) -> list[Path]:
    """Where this interpreter would find the compiled group: one extension file per module
    plus the group's shared library (the first suffix in ``EXTENSION_SUFFIXES``)."""
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    parts = [name.split(".") for name in (*modules, f"{GROUP}__mypyc")]
    return [root.joinpath(*p[:-1], p[-1] + suffix) for p in parts]


def make_record(root: Path, tool: str) -> dict[str, Any]:
    """The build record of the sources under ``root`` as they are now."""
    return {
        "compiler": tool,
        "modules": list(COMPILED),
        "sources": digests(root, source_closure(root)),
    }


def check(root: Path, environ: Mapping[str, str]) -> BuildStatus:
    """Whether the compiled group under ``root`` may be used, and why (see the module doc)."""
    files = compiled_files(root)
    present = [f for f in files if f.exists()]
    if not present:
        return BuildStatus(False, "pure-Python install (nothing compiled for this interpreter)")
    if environ.get(PURE_ENV) == "1":
        return BuildStatus(False, f"{PURE_ENV}=1: the pure-Python sources were asked for")
    if len(present) < len(files):
        missing = ", ".join(f.name for f in files if not f.exists())
        return BuildStatus(False, f"compiled build incomplete (missing {missing})")
    record_path = root / "framelens" / RECORD
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        sources = record["sources"]
        modules = record["modules"]
        compiler = record["compiler"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return BuildStatus(False, f"compiled build without a readable {record_path}: {exc}")
    if list(modules) != list(COMPILED):
        return BuildStatus(False, f"{record_path} lists other modules than framelens compiles")
    # The recorded sources are enough: a new framelens import can only come from an edit to
    # one of them, which changes its digest (no closure is recomputed at import time).
    stale = []
    for rel, digest in sorted(sources.items()):
        try:
            if hashlib.sha256((root / rel).read_bytes()).hexdigest() != digest:
                stale.append(rel)
        except OSError:
            stale.append(rel)  # (removed or unreadable)
    if stale:
        return BuildStatus(False, "sources changed since they were compiled", tuple(stale))
    return BuildStatus(True, f"compiled with {compiler} from the current sources")


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the listed modules as their ``.py`` files, ahead of any compiled file."""

    def __init__(self, files: Mapping[str, Path]) -> None:
        self.files = dict(files)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        file = self.files.get(fullname)
        return None if file is None else importlib.util.spec_from_file_location(fullname, file)


#: What :func:`install` decided for this process.
STATUS = BuildStatus(False, "framelens._native.install() has not run")


def install() -> BuildStatus:
    """Decide which build this process runs (see the module doc); called once, by
    ``framelens/__init__.py``, before any compiled module can be imported."""
    global STATUS
    root = Path(__file__).resolve().parent.parent
    STATUS = check(root, os.environ)
    if not STATUS.compiled and any(f.exists() for f in compiled_files(root)):
        files = {name: module_path(root, name) for name in COMPILED}
        sys.meta_path.insert(0, _SourceFinder({k: v for k, v in files.items() if v}))
        if STATUS.stale:
            warnings.warn(
                f"framelens: {', '.join(STATUS.stale)} changed since the attribution modules "
                "were compiled; running the pure-Python sources (same results, slower). "
                "Rebuild with `make venv` or `pip install -e .`.",
                stacklevel=2,
            )
    return STATUS
