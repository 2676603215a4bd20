"""Build framelens: pure Python, plus a compiled build of the attribution hot path when it can.

Metadata and dependencies are in ``pyproject.toml``; this file only adds the optional compiled
modules (``framelens._native.COMPILED``, compiled by mypyc) and the build record that lets
``framelens._native`` refuse a compiled module whose source has since changed.

- Compiling needs a C compiler and Python's headers. When either is missing, or mypyc rejects
  the code, the build warns and installs the pure-Python package, which gives the same results.
- ``FRAMELENS_PURE_PYTHON=1`` skips compiling.
- An in-place build (``pip install -e .``, ``setup.py build_ext --inplace``) whose record
  already matches the sources does nothing: ``make`` calls it after every edit, cheaply.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import BaseError, CCompilerError

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"

_spec = importlib.util.spec_from_file_location(
    "_framelens_native", SRC / "framelens" / "_native.py"
)
assert _spec is not None and _spec.loader is not None
native = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(native)

BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}
IN_PLACE = {"editable_wheel", "develop", "--inplace", "-i"}


def _warn(message: str) -> None:
    print(f"framelens setup: {message}", file=sys.stderr)


def _missing_toolchain() -> str | None:
    """Why this machine cannot compile C extensions (no compiler, no Python headers), or None;
    checked before mypyc spends half a minute generating C that could not be built."""
    from setuptools._distutils.ccompiler import new_compiler
    from setuptools._distutils.sysconfig import customize_compiler

    compiler: Any = new_compiler()
    customize_compiler(compiler)
    command = getattr(compiler, "compiler_so", None) or ["cc"]
    if shutil.which(command[0]) is None:
        return f"no C compiler ({command[0]!r} not found)"
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return None if headers.is_file() else f"no Python headers ({headers} not found)"


def _compiler_name() -> str:
    from mypy.version import __version__

    return f"mypyc {__version__}"


def compiled_extensions() -> list[Any]:
    """mypyc's extensions for the modules in ``COMPILED``, or none (see the module doc)."""
    if not BUILDS.intersection(sys.argv) or os.environ.get(native.PURE_ENV) == "1":
        return []
    if IN_PLACE.intersection(sys.argv) and native.check(SRC, {}).compiled:
        _warn("the compiled attribution modules are current; nothing to compile")
        return []
    paths = [str(native.module_path(SRC, m).relative_to(ROOT)) for m in native.COMPILED]
    try:
        missing = _missing_toolchain()
        if missing:
            _warn(f"not compiling the attribution modules: {missing}; installing pure Python")
            return []
        from mypyc.build import mypycify

        return list(
            mypycify(
                [
                    "--config-file",
                    str(ROOT / "pyproject.toml"),
                    "--cache-dir",
                    "build/mypy",
                    *paths,
                ],
                opt_level="3",
                group_name=native.GROUP,
            )
        )
    except (Exception, SystemExit) as exc:  # mypyc missing or rejecting: stay pure Python
        _warn(f"not compiling the attribution modules ({exc!r}); installing pure Python")
        return []


class OptionalBuildExt(build_ext):
    """Builds the compiled modules if it can, then writes the build record beside them;
    a compiler failure leaves the pure-Python package (and no record)."""

    def run(self) -> None:
        if not self.extensions:
            return
        try:
            super().run()
        except (CCompilerError, BaseError, OSError) as exc:
            _warn(f"compiling failed ({exc}); the pure-Python modules will be used")
            return
        package = SRC / "framelens" if self.inplace else Path(self.build_lib) / "framelens"
        record = native.make_record(SRC, _compiler_name())
        (package / native.RECORD).write_text(
            json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
