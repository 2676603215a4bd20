"""Saved ``.html`` pages: main text via trafilatura, metadata from meta tags.

Metadata, first found wins:

* ``title`` - ``og:title``, ``twitter:title``, then ``<title>``;
* ``date`` - ``article:published_time``, ``og:published_time``, ``datePublished``,
  ``date``/``pubdate``/``dc.date``;
* ``url`` - ``<link rel="canonical">``, then ``og:url``;
* ``outlet`` - ``og:site_name``, then ``application-name`` (normalised by the outlet
  registry; when absent the registry maps the URL's domain to an outlet);
* ``author`` - ``author``, ``article:author``; ``section`` - ``article:section``;
* ``language`` - ``<html lang>``, then ``og:locale`` (first two letters).

The body is trafilatura's main-text extraction (comments and tables excluded), its
paragraphs joined by one blank line, without a first paragraph equal to the title (the
headline; logged as ``title_line``), then the native-format normalisations (Unicode spaces,
blank lines at the ends) recorded in the cleaning log (``line`` is NA: HTML has no line of
the article text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from framelens.corpus.clean import BUILTIN_SET, BUILTIN_VERSION, LogRow, clean_native

_TITLE = ("og:title", "twitter:title")
_DATE = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "dc.date",
    "dc.date.issued",
)
_OUTLET = ("og:site_name", "application-name")
_AUTHOR = ("author", "article:author")


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.lang: str | None = None
        self.title_parts: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content", "").strip():
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            if a.get("href") and self.canonical is None:
                self.canonical = a["href"].strip()
        elif tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)


@dataclass
class HtmlPage:
    """Main text, metadata fields (strings) and cleaning-log rows of one saved page."""

    text: str
    fields: dict[str, str] = field(default_factory=dict)
    log: list[LogRow] = field(default_factory=list)


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if meta.get(k)), None)


def html_metadata(html: str) -> dict[str, str]:
    """Return the metadata fields found in the page's meta tags (see module docstring).

    Examples
    --------
    >>> html_metadata('<html lang="en-GB"><meta property="og:title" content="A &amp; B">')
    {'title': 'A & B', 'language': 'en'}
    """
    p = _MetaParser()
    p.feed(html)
    p.close()
    m = p.meta
    out: dict[str, str] = {}
    title = _first(m, _TITLE) or " ".join("".join(p.title_parts).split())
    values = {
        "title": title,
        "date": _first(m, _DATE),
        "url": p.canonical or m.get("og:url"),
        "outlet": _first(m, _OUTLET),
        "author": _first(m, _AUTHOR),
        "section": m.get("article:section"),
        "language": (p.lang or m.get("og:locale") or "")[:2].lower(),
    }
    for k, v in values.items():
        if v:
            out[k] = v
    return out


def read_html(html: str) -> HtmlPage:
    """Extract the main text and metadata of a saved page.

    Parameters
    ----------
    html : str
        The decoded page.

    Returns
    -------
    HtmlPage
        ``text`` is empty when trafilatura finds no main text (the loader then rejects the
        file as ``empty_body``).
    """
    import trafilatura

    fields = html_metadata(html)
    has_markup = "<" in html and ">" in html
    extracted = None
    if has_markup:  # text without any tag: nothing to extract (and no trafilatura log noise)
        extracted = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            deduplicate=False,
            with_metadata=False,
        )
    paras = [p.strip() for p in (extracted or "").split("\n") if p.strip()]
    head: list[LogRow] = []
    title = fields.get("title")
    if paras and title and " ".join(paras[0].split()) == " ".join(title.split()):
        head.append((None, paras.pop(0), "title_line", BUILTIN_SET, BUILTIN_VERSION))
    text, log = clean_native("\n\n".join(paras))
    return HtmlPage(text, fields, head + [(None, *r[1:]) for r in log])
