"""Shared fixtures: paths to the seed page and to ../shared/eval (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRAMELENS_SHARED", REPO.parent / "shared"))
SEED_DIR = REPO / "corpus" / "seed"
DEMO_DIR = REPO / "corpus" / "demo"


def require_dir(path: Path, what: str) -> Path:
    """Return ``path`` or skip with a clear reason; under CI (FRAMELENS_CI=1) fail instead."""
    if path.is_dir():
        return path
    msg = f"{what} not found at {path} (set FRAMELENS_SHARED to the folder holding eval/)"
    if os.environ.get("FRAMELENS_CI"):
        pytest.fail(msg + " — CI must have it")
    pytest.skip(msg)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """``../shared/eval``: third-party annotated data, never copied into the repository."""
    return require_dir(SHARED / "eval", "the shared evaluation data ../shared/eval")


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    return SEED_DIR


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO_DIR
