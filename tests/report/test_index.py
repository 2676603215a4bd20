"""The index page: corpus card, gallery linking charts to notebooks, everything escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from framelens.report.index import render_index

EVIL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _report(tmp: Path) -> dict[str, list[str]]:
    for sub in ("figures", "tables", "notebooks"):
        (tmp / sub).mkdir()
    (tmp / "tables" / "corpus_summary.csv").write_text(
        f'field,value\narticles,3\ncorpus,"{EVIL}"\n'
    )
    (tmp / "tables" / "articles_by_outlet.csv").write_text(f'outlet,n_articles\n"{EVIL}",3\n')
    for ext in ("png", "svg", "csv"):
        (tmp / "figures" / f"share_of_voice.{ext}").write_text("x")
    (tmp / "figures" / "share_of_voice.txt").write_text(f"Bars for {EVIL}\n")
    (tmp / "notebooks" / "03-source-attribution.html").write_text("<html></html>")
    return {
        "00-corpus-overview": ["tables/articles_by_outlet.csv", "tables/corpus_summary.csv"],
        "03-source-attribution": [
            "figures/share_of_voice.csv",
            "figures/share_of_voice.png",
            "figures/share_of_voice.svg",
            "figures/share_of_voice.txt",
        ],
    }


def test_index_escapes_and_links(tmp_path: Path) -> None:
    manifest = _report(tmp_path)
    page = render_index(tmp_path, manifest, corpus_label=EVIL)
    parser = _Tags()
    parser.feed(page)
    names = [t for t, _ in parser.tags]
    assert "script" not in names
    imgs = [a for t, a in parser.tags if t == "img"]
    assert imgs == [{"src": "figures/share_of_voice.svg", "alt": f"Bars for {EVIL}"}]
    assert all(not k.startswith("on") for _, a in parser.tags for k in a)
    # the chart links to the notebook that made it, and to its PNG/SVG/CSV
    hrefs = [a.get("href") for t, a in parser.tags if t == "a"]
    assert "notebooks/03-source-attribution.html" in hrefs
    assert {"figures/share_of_voice.png", "figures/share_of_voice.csv"} <= set(hrefs)
    assert "tables/corpus_summary.csv" in hrefs
    # the corpus card shows the (escaped) values
    assert "<th>articles</th><td>3</td>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "img-src 'self'" in page  # the CSP allows only the report's own images


def test_index_without_tables(tmp_path: Path) -> None:
    page = render_index(tmp_path, {}, corpus_label="empty")
    assert "No corpus card" in page
    assert "No findings" in page
    assert "No article pages" in page
