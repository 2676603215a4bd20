"""Open the report in headless Chromium: no console errors, no request outside the report.

Uses Debian's ``chromium`` over the DevTools protocol on a pipe (``headless.py``). Without
Chromium the test is skipped with the reason — except under ``FRAMELENS_CI=1``, where it fails
(CI installs the package in ``.ci/run``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from framelens.corpus import Document
from framelens.report import ReportResult, render_article
from tests.report.headless import Chromium, PageReport, file_url, find_chromium

REPO_REPORTS = Path(__file__).resolve().parents[2] / "reports"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = find_chromium()
    if binary is None:
        msg = "chromium not installed (apt-get install chromium); headless browser test not run"
        if os.environ.get("FRAMELENS_CI"):
            pytest.fail(msg + " — CI must have it")
        pytest.skip(msg)
    return binary


def _outside(report: PageReport, root: Path) -> list[str]:
    prefix = root.resolve().as_uri() + "/"
    return [u for u in report.requests if not (u.startswith(prefix) or u.startswith("data:"))]


def _check_report(binary: str, root: Path) -> None:
    pages = sorted(p for p in (root / "articles").glob("*.html") if p.name != "index.html")
    assert pages, "no inspector page in the report"
    with Chromium(binary) as browser:
        index = browser.open(file_url(root / "index.html"))
        article = browser.open(file_url(pages[0]))
    for name, page in (("index", index), ("article", article)):
        assert page.errors == [], f"{name}: {page.errors}"
        assert _outside(page, root) == [], f"{name}: requests outside the report"
        assert page.screenshot.startswith(b"\x89PNG"), name
        (root / f"screenshot-{name}.png").write_bytes(page.screenshot)
    # the index really loaded its charts (one request per SVG in the gallery)
    svgs = {p.name for p in (root / "figures").glob("*.svg")}
    requested = {u.rsplit("/", 1)[-1] for u in index.requests if u.endswith(".svg")}
    assert svgs and requested == svgs


def test_fixture_report_in_chromium(chromium: str, mini_report: ReportResult) -> None:
    _check_report(chromium, mini_report.out)


def test_repository_reports_in_chromium(chromium: str) -> None:
    """The report ``make report`` wrote into ``reports/`` (when it exists)."""
    if not (REPO_REPORTS / "index.html").is_file():
        if os.environ.get("FRAMELENS_CI"):
            pytest.fail("reports/index.html missing: CI runs `make report` before `make test`")
        pytest.skip("reports/index.html not built yet (run `make report`)")
    _check_report(chromium, REPO_REPORTS)


def test_hostile_article_is_inert_in_chromium(chromium: str, tmp_path: Path) -> None:
    """Script and onerror payloads in text, title and outlet render as text, run nothing."""
    evil = "<script>console.error('xss')</script><img src=x onerror=\"console.error('xss2')\">"
    doc = Document(doc_id="evil", text=f"Body {evil} end.", title=f"T {evil}", outlet=evil)
    matches = pd.DataFrame({"start": [5], "end": [20], "category": [evil]})
    (tmp_path / "evil.html").write_text(render_article(doc, matches=matches), encoding="utf-8")
    with Chromium(chromium) as browser:
        page = browser.open(
            file_url(tmp_path / "evil.html"),
            evaluate={
                "active": "document.querySelectorAll('script, img, iframe, object').length",
                "title": "document.querySelector('h1').textContent",
            },
        )
    assert page.errors == []
    assert page.requests == [file_url(tmp_path / "evil.html")]
    assert page.values == {"active": 0, "title": f"T {evil}"}


def test_the_check_sees_errors_and_outside_requests(chromium: str, tmp_path: Path) -> None:
    """The browser check is not blind: a page with a script error and a remote image fails."""
    (tmp_path / "bad.html").write_text(
        "<!DOCTYPE html><html><body><img src='http://127.0.0.1:9/x.png'>"
        "<script>console.error('boom'); undefinedFunction();</script></body></html>"
    )
    with Chromium(chromium) as browser:
        page = browser.open(file_url(tmp_path / "bad.html"))
    assert any("boom" in e for e in page.errors)
    assert any("undefinedFunction" in e for e in page.errors)
    assert _outside(page, tmp_path) == ["http://127.0.0.1:9/x.png"]
