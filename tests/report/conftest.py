"""Fixtures for the report tests: a tiny corpus and one full report built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from framelens.report import ReportResult, run_report

MINI = Path(__file__).resolve().parent / "data" / "mini"


@pytest.fixture(scope="session")
def mini_corpus() -> Path:
    return MINI


@pytest.fixture(scope="session")
def mini_report(tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    """The whole notebook suite run once on the fixture corpus (shared by several tests)."""
    out = tmp_path_factory.mktemp("first") / "report"
    return run_report(MINI, out, progress=False)
