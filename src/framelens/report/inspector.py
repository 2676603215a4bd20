"""The article inspector: one article as self-contained HTML with its evidence highlighted.

Loaded terms are underlined in their category's colour, quoted and paraphrased content is
tinted by the speaker's role, cue verbs are boxed, hedges get a dotted underline, and speaker
mentions are bold. A legend and a table of the article's attributions follow the text.

Article text and metadata are untrusted input: every piece of text that reaches the page goes
through :func:`html.escape` (attributes with ``quote=True``), no link is generated from
article data, and the page carries a Content-Security-Policy that forbids scripts and any
network request. The page needs no JavaScript and loads nothing external.

Overlapping evidence (a loaded term inside a quote, a cue verb that is also a lexicon entry,
two lexicon matches that overlap) is handled by splitting the text at every span boundary:
each resulting segment is wrapped in one nested ``<span>`` per evidence layer covering it,
always in the same layer order, so the markup is well formed whatever the overlaps.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from framelens.corpus.model import Document
from framelens.plots.style import OKABE_ITO

#: Light background tint per speaker role (roles of docs/ARCHITECTURE.md).
ROLE_COLORS: dict[str, str] = {
    "official": "#CFE3F5",
    "opposition": "#FBE0C2",
    "civil_society": "#CDEBDD",
    "expert": "#F6D3C0",
    "citizen": "#DCEFFA",
    "media": "#F1D9E8",
    "anonymous": "#E3E3E3",
    "unknown": "#EFEFEF",
}

#: Lexicon categories rendered as hedges (dotted underline) rather than loaded terms.
HEDGE_CATEGORIES: frozenset[str] = frozenset({"hedge", "hedges", "hedging"})

# Layer order, outermost first. Quotes enclose everything else.
_LAYERS = ("quote", "speaker", "cue", "term", "hedge")

#: Columns of the attribution table shown under the article.
ATTRIBUTION_COLUMNS = (
    "kind",
    "speaker",
    "speaker_role",
    "cue",
    "cue_class",
    "content",
)

_CSS = """
.fl-inspector{font-family:"DejaVu Sans",Verdana,sans-serif;max-width:52rem;margin:1.5rem auto;
padding:0 1rem;color:#222;line-height:1.55}
.fl-inspector h1{font-size:1.4rem;margin-bottom:.2rem}
.fl-inspector .meta{color:#555;font-size:.9rem;margin:0 0 1rem}
.fl-inspector .meta dt{display:inline;font-weight:bold}
.fl-inspector .meta dd{display:inline;margin:0 1rem 0 .3rem}
.fl-inspector .article{white-space:pre-wrap;border-top:1px solid #ccc;padding-top:1rem}
.fl-inspector .term{border-bottom:3px solid var(--c);font-weight:600}
.fl-inspector .hedge{border-bottom:2px dotted #555;font-style:italic}
.fl-inspector .cue{outline:1.5px solid #222;outline-offset:1px;border-radius:2px}
.fl-inspector .speaker{font-weight:bold;text-decoration:underline}
.fl-inspector .quote{background:var(--bg)}
.fl-inspector .legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;font-size:.85rem;
margin:1rem 0;padding:.6rem;border:1px solid #ddd}
.fl-inspector .legend span.sw{padding:0 .3rem}
.fl-inspector table{border-collapse:collapse;font-size:.85rem;width:100%}
.fl-inspector th,.fl-inspector td{border:1px solid #ddd;padding:.25rem .4rem;text-align:left;
vertical-align:top}
.fl-inspector th{background:#f4f4f4}
.fl-inspector .note{color:#8a4b00;font-size:.85rem}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'"


@dataclass(frozen=True)
class _Span:
    layer: str
    start: int
    end: int
    css_class: str
    style: str
    title: str


def _esc(value: object) -> str:
    """Escape any value for HTML text or attribute context (NaN/None become "")."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def category_colors(categories: Iterable[str]) -> dict[str, str]:
    """Colour per lexicon category: sorted names take the Okabe–Ito palette in order."""
    names = sorted({str(c) for c in categories})
    return {n: OKABE_ITO[i % len(OKABE_ITO)] for i, n in enumerate(names)}


def _valid(start: object, end: object, n: int) -> tuple[int, int] | None:
    try:
        s, e = int(start), int(end)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    if 0 <= s < e <= n:
        return (s, e)
    return None


def _collect_spans(
    text: str,
    matches: pd.DataFrame | None,
    attributions: pd.DataFrame | None,
    palette: Mapping[str, str] | None = None,
) -> tuple[list[_Span], int, dict[str, str], set[str], bool]:
    """Evidence spans, the number of rows with invalid offsets, colours, roles, hedges seen."""
    n = len(text)
    spans: list[_Span] = []
    skipped = 0
    colors: dict[str, str] = {}
    roles: set[str] = set()
    hedges = False
    if matches is not None and len(matches):
        cats = {str(c) for c in matches["category"] if str(c) not in HEDGE_CATEGORIES}
        fallback = category_colors(cats)
        colors = {c: (palette or {}).get(c, fallback[c]) for c in cats}
        for row in matches.itertuples(index=False):
            rec = row._asdict()
            se = _valid(rec.get("start"), rec.get("end"), n)
            if se is None:
                skipped += 1
                continue
            cat = str(rec.get("category", ""))
            label = " · ".join(
                str(rec[k]) for k in ("lexicon", "category", "term", "entry") if rec.get(k)
            )
            if cat in HEDGE_CATEGORIES:
                hedges = True
                spans.append(_Span("hedge", *se, "hedge", "", f"hedge: {label}"))
            else:
                spans.append(_Span("term", *se, "term", f"--c:{colors[cat]}", label))
    if attributions is not None and len(attributions):
        for row in attributions.itertuples(index=False):
            rec = row._asdict()
            role = str(rec.get("speaker_role") or "unknown")
            if role not in ROLE_COLORS:
                role = "unknown"
            speaker = str(rec.get("speaker") or rec.get("speaker_mention") or "unknown speaker")
            se = _valid(rec.get("content_start"), rec.get("content_end"), n)
            if se is None:
                skipped += 1
            else:
                roles.add(role)
                spans.append(
                    _Span(
                        "quote",
                        *se,
                        f"quote role-{role}",
                        f"--bg:{ROLE_COLORS[role]}",
                        f"{rec.get('kind', '')} · {speaker} ({role})",
                    )
                )
            cue = _valid(rec.get("cue_start"), rec.get("cue_end"), n)
            if cue is not None:
                title = f"cue: {rec.get('cue_lemma', '')} ({rec.get('cue_class', '')})"
                spans.append(_Span("cue", *cue, "cue", "", title))
            mention = _valid(rec.get("speaker_start"), rec.get("speaker_end"), n)
            if mention is not None:
                spans.append(_Span("speaker", *mention, "speaker", "", f"speaker: {speaker}"))
    return spans, skipped, colors, roles, hedges


def _render_text(text: str, spans: list[_Span]) -> str:
    """Split ``text`` at every span boundary; wrap each piece in its covering spans."""
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    order = {layer: i for i, layer in enumerate(_LAYERS)}
    ranked = sorted(spans, key=lambda s: (order[s.layer], s.start, -s.end, s.title))
    parts: list[str] = []
    for a, b in itertools.pairwise(bounds):
        if a == b:
            continue
        covering = [s for s in ranked if s.start <= a and b <= s.end]
        piece = _esc(text[a:b])
        for s in reversed(covering):
            style = f' style="{_esc(s.style)}"' if s.style else ""
            piece = (
                f'<span class="{_esc(s.css_class)}"{style} title="{_esc(s.title)}">{piece}</span>'
            )
        parts.append(piece)
    return "".join(parts)


def _legend(colors: Mapping[str, str], roles: set[str], hedges: bool, has_cues: bool) -> str:
    items: list[str] = []
    for cat, col in sorted(colors.items()):
        items.append(f'<span class="term" style="--c:{_esc(col)}">{_esc(cat)}</span>')
    for role in [r for r in ROLE_COLORS if r in roles]:
        items.append(
            f'<span class="quote sw" style="--bg:{ROLE_COLORS[role]}">quoted: {_esc(role)}</span>'
        )
    if has_cues:
        items.append('<span class="cue">cue verb</span>')
        items.append('<span class="speaker">speaker mention</span>')
    if hedges:
        items.append('<span class="hedge">hedge</span>')
    if not items:
        items.append("<span>no evidence to highlight</span>")
    return '<div class="legend" aria-label="legend">' + "".join(items) + "</div>"


def _attribution_table(attributions: pd.DataFrame | None) -> str:
    if attributions is None or not len(attributions):
        return "<p>No attributions found in this article.</p>"
    cols = [c for c in ATTRIBUTION_COLUMNS if c in attributions.columns]
    head = "".join(f"<th>{_esc(c)}</th>" for c in ["#", *cols])
    rows = []
    sort_cols = [c for c in ("content_start", "attribution_id") if c in attributions.columns]
    ordered = attributions.sort_values(sort_cols, kind="stable") if sort_cols else attributions
    for i, rec in enumerate(ordered.to_dict("records"), start=1):
        cells = "".join(f"<td>{_esc(rec.get(c))}</td>" for c in cols)
        rows.append(f"<tr><td>{i}</td>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_article(
    doc: Document,
    *,
    matches: pd.DataFrame | None = None,
    attributions: pd.DataFrame | None = None,
    standalone: bool = True,
    colors: Mapping[str, str] | None = None,
) -> str:
    """Return one article as a self-contained HTML page with its evidence highlighted.

    Parameters
    ----------
    doc : Document
        The article; ``doc.text`` is the offset space of every span.
    matches : DataFrame, optional
        Lexicon matches of this article (``framelens.lexicons.lexicon_matches``): at least
        ``start``, ``end``, ``category``; ``lexicon`` and ``entry`` are shown on hover when
        present. Categories in :data:`HEDGE_CATEGORIES` are drawn as hedges.
    attributions : DataFrame, optional
        Attribution rows of this article (``attribution.ATTRIBUTION_SCHEMA``): content spans
        tinted by ``speaker_role``, cue spans boxed, speaker mentions in bold.
    standalone : bool, default True
        ``True``: a complete HTML document. ``False``: a ``<div class="fl-inspector">``
        fragment with its (scoped) style, for ``IPython.display.HTML`` in a notebook.
    colors : mapping, optional
        Category -> colour, so that pages of one report agree (see :func:`category_colors`);
        by default the article's own categories take the palette in sorted order.

    Returns
    -------
    str
        HTML with inline CSS, no scripts and no external requests. Spans with offsets
        outside the text are skipped and counted in a note.

    Examples
    --------
    >>> from framelens.corpus import Document
    >>> page = render_article(Document(doc_id="d1", text="<b>x</b>", title="T"))
    >>> "&lt;b&gt;x&lt;/b&gt;" in page
    True
    """
    spans, skipped, used_colors, roles, hedges = _collect_spans(
        doc.text, matches, attributions, colors
    )
    has_cues = any(s.layer in ("cue", "speaker") for s in spans)
    meta_items = [
        ("outlet", doc.outlet),
        ("date", doc.date.date().isoformat() if doc.date is not None else ""),
        ("doc_id", doc.doc_id),
        ("url", doc.meta.get("url", "")),
    ]
    meta = "".join(
        f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>"
        for k, v in meta_items
        if v is not None and not (isinstance(v, float) and pd.isna(v)) and str(v)
    )
    n_terms = sum(s.layer == "term" for s in spans)
    n_quotes = sum(s.layer == "quote" for s in spans)
    note = (
        f'<p class="note">{skipped} evidence row(s) had offsets outside the text and are not '
        "shown.</p>"
        if skipped
        else ""
    )
    title = doc.title or doc.doc_id
    body = (
        f'<div class="fl-inspector">\n<h1>{_esc(title)}</h1>\n'
        f'<dl class="meta">{meta}</dl>\n'
        f"<p>{n_terms} loaded-term match(es), {n_quotes} attribution(s) highlighted.</p>\n"
        f"{_legend(used_colors, roles, hedges, has_cues)}\n{note}"
        f'<div class="article">{_render_text(doc.text, spans)}</div>\n'
        f"<h2>Attributions</h2>\n{_attribution_table(attributions)}\n</div>\n"
    )
    if not standalone:
        return f"<style>{_CSS}</style>\n{body}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)} — framelens inspector</title>"
        f"<style>{_CSS}</style></head>\n<body>\n{body}</body></html>\n"
    )


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def article_filename(doc_id: str) -> str:
    """A safe, unique file name for a document's inspector page.

    Characters outside ``[A-Za-z0-9._-]`` become ``_``; when that changed the id (or left it
    empty, or it is ``index``, the name of the articles' list page) an 8-character sha1 suffix
    of the original id keeps names unique.

    Examples
    --------
    >>> article_filename("000_860ff9ea951405e1")
    '000_860ff9ea951405e1.html'
    >>> article_filename("../etc/passwd")
    'etc_passwd-e96c47ea.html'
    """
    safe = _UNSAFE.sub("_", doc_id).strip("._")[:80]
    if safe != doc_id or not safe or safe.lower() == "index":
        digest = hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]
        safe = f"{safe or 'article'}-{digest}"
    return f"{safe}.html"
