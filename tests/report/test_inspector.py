"""The article inspector: escaping, overlapping spans, legend, attribution table."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest

from framelens.corpus import Document
from framelens.report.inspector import article_filename, render_article

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


class _Tags(HTMLParser):
    """Collect start tags with attributes, and the text inside each class of span."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text_by_class: dict[str, str] = {}
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.stack.append(dict(attrs).get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for cls in set(self.stack):
            for c in cls.split():
                self.text_by_class[c] = self.text_by_class.get(c, "") + data


def _parse(page: str) -> _Tags:
    p = _Tags()
    p.feed(page)
    p.close()
    return p


def _attr_rows(**over: object) -> pd.DataFrame:
    row: dict[str, object] = {
        "doc_id": "d1",
        "attribution_id": "d1-0",
        "kind": "direct",
        "content_start": 1,
        "content_end": 24,
        "content": "The talks failed",
        "cue": "claimed",
        "cue_lemma": "claim",
        "cue_class": "distancing",
        "cue_start": 34,
        "cue_end": 41,
        "speaker_mention": "Ivanov",
        "speaker_start": 27,
        "speaker_end": 33,
        "speaker": "Ivan Ivanov",
        "speaker_role": "opposition",
    }
    row.update(over)
    return pd.DataFrame([row])


# offsets: quote 1-24, "brutal" 5-11, "brutal talks" 5-17, Ivanov 27-33, claimed 34-41,
# perhaps 43-50
TEXT = '"The brutal talks failed," Ivanov claimed, perhaps rightly.'


def _article_body(page: str) -> str:
    start = page.index('<div class="article">')
    return page[start : page.index("</div>", start) + len("</div>")]


def test_xss_in_text_title_outlet_and_tables_is_inert() -> None:
    doc = Document(
        doc_id="x",
        text=f"Lead {XSS} tail.",
        outlet=XSS,
        title=XSS,
        meta={"url": "javascript:alert(3)"},
    )
    matches = pd.DataFrame(
        {"start": [5], "end": [13], "category": [XSS], "lexicon": [XSS], "entry": ["x"]}
    )
    attrs = _attr_rows(
        content_start=5, content_end=20, speaker=XSS, content=XSS, speaker_role="<b>", cue=XSS
    )
    page = render_article(doc, matches=matches, attributions=attrs)
    tags = _parse(page).tags
    names = {t for t, _ in tags}
    assert "script" not in names
    assert "img" not in names
    assert "a" not in names  # no link is built from article data (javascript: urls)
    assert all(not k.startswith("on") for _, attrs_ in tags for k in attrs_)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onerror=&quot;alert(2)&quot;" in page
    assert "javascript:alert(3)" in page  # shown as text only
    # the page forbids scripts and network requests even if escaping failed
    assert "default-src 'none'" in page


def test_highlights_nest_inside_quote_and_are_split_at_boundaries() -> None:
    doc = Document(doc_id="d1", text=TEXT, outlet="Alpha", title="Talks")
    matches = pd.DataFrame(
        {
            "start": [5, 5, 43],
            "end": [11, 17, 50],
            "category": ["violence", "conflict", "hedge"],
            "lexicon": ["loaded", "loaded", "hedges"],
            "entry": ["brutal", "brutal talks", "perhaps"],
        }
    )
    page = render_article(doc, matches=matches, attributions=_attr_rows())
    parsed = _parse(_article_body(page))
    assert parsed.text_by_class["article"] == TEXT  # nothing lost or duplicated
    assert parsed.text_by_class["quote"] == "The brutal talks failed"
    assert parsed.text_by_class["speaker"] == "Ivanov"
    assert parsed.text_by_class["cue"] == "claimed"
    assert parsed.text_by_class["hedge"] == "perhaps"
    # the text is split at 5, 11 and 17: "brutal" lies in both overlapping term spans
    assert parsed.text_by_class["term"] == "brutal talks"
    body = _article_body(page)
    assert body.count('class="term"') == 3  # "brutal" twice nested, " talks" once
    assert '<span class="quote role-opposition"' in body
    # the opposition tint is used and listed in the legend
    assert "role-opposition" in page
    assert "quoted: opposition" in page
    # legend lists both categories with distinct colours
    assert "conflict</span>" in page and "violence</span>" in page
    # well formed: every opened span is closed
    assert page.count("<span") == page.count("</span>")
    # the attribution table lists the row
    assert "<td>Ivan Ivanov</td>" in page and "<td>distancing</td>" in page


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (5, 5), (10, 999), (7, 3), (None, 4)],
)
def test_invalid_offsets_are_skipped_and_counted(start: object, end: object) -> None:
    doc = Document(doc_id="d1", text=TEXT)
    matches = pd.DataFrame({"start": [start, 1], "end": [end, 4], "category": ["a", "a"]})
    page = render_article(doc, matches=matches)
    assert "1 evidence row(s) had offsets outside the text" in page
    assert page.count('class="term"') == 2  # the valid match + its legend swatch


def test_no_evidence() -> None:
    page = render_article(Document(doc_id="d1", text="Plain text.", title=""))
    assert "<h1>d1</h1>" in page  # falls back to the id
    assert "no evidence to highlight" in page
    assert "No attributions found" in page
    assert "Plain text." in page


@pytest.mark.parametrize(
    ("doc_id", "expected"),
    [
        ("000_860ff9ea951405e1", "000_860ff9ea951405e1.html"),
        ("a.b-c", "a.b-c.html"),
        ("../etc/passwd", "etc_passwd-e96c47ea.html"),
        ("x y", "x_y-" + __import__("hashlib").sha1(b"x y").hexdigest()[:8] + ".html"),
    ],
)
def test_article_filename(doc_id: str, expected: str) -> None:
    assert article_filename(doc_id) == expected


def test_article_filename_unique_when_sanitised() -> None:
    assert article_filename("a/b") != article_filename("a?b")
    assert article_filename("").startswith("article-")


def test_fragment_for_notebooks_is_scoped() -> None:
    doc = Document(doc_id="d1", text=TEXT, title="T")
    frag = render_article(doc, standalone=False)
    assert frag.startswith("<style>")
    assert "<html" not in frag and "<body" not in frag
    style = frag[: frag.index("</style>")]
    # every rule is scoped to the inspector, so the notebook page keeps its own look
    rules = [r.strip() for r in style.replace("<style>", "").split("}") if r.strip()]
    assert rules and all(r.startswith(".fl-inspector") for r in rules)


def test_given_colours_are_used_for_every_page() -> None:
    doc = Document(doc_id="d1", text=TEXT)
    matches = pd.DataFrame({"start": [5], "end": [11], "category": ["violence"]})
    own = render_article(doc, matches=matches)
    shared = render_article(doc, matches=matches, colors={"violence": "#CC79A7", "x": "#000000"})
    assert "--c:#0072B2" in own  # the only category takes the first palette colour
    assert "--c:#CC79A7" in shared and "--c:#0072B2" not in shared
