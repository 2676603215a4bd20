"""The report's front page: corpus card, findings, chart gallery, tables and notebooks.

Everything shown comes from files the notebooks wrote (``tables/*.csv``, ``figures/*``) and
the runner's manifest (which notebook wrote which file). All text is HTML-escaped; the page
has no scripts and a Content-Security-Policy that allows only its own images.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from framelens.report.findings import findings

#: Corpus card tables written by ``00-corpus-overview``.
CORPUS_SUMMARY_TABLE = "corpus_summary.csv"  # field, value
OUTLET_SUMMARY_TABLE = "articles_by_outlet.csv"  # outlet, n_articles, first_date, ...

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"

_CSS = """
body{font-family:"DejaVu Sans",Verdana,sans-serif;max-width:70rem;margin:1.5rem auto;
padding:0 1rem;color:#222;line-height:1.5}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}th{background:#f4f4f4}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(30rem,1fr));gap:1.2rem}
figure{margin:0;border:1px solid #ddd;padding:.5rem}
figure img{width:100%;height:auto}
figcaption{font-size:.85rem;color:#444}
.findings li{margin:.3rem 0}
.muted{color:#666}
"""


def _esc(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _href(rel: str) -> str:
    """An escaped relative link (paths are ours, but names may come from the corpus)."""
    from urllib.parse import quote

    return _esc(quote(rel))


def _table_html(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{_esc(c)}</th>" for c in df.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in row) + "</tr>"
        for row in df.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _read_csv(path: Path) -> pd.DataFrame | None:
    if not path.is_file():
        return None
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.EmptyDataError, pd.errors.ParserError):
        return None


def _corpus_card(root: Path, corpus_label: str) -> str:
    parts = [f"<p>Corpus: <strong>{_esc(corpus_label)}</strong></p>"]
    summary = _read_csv(root / "tables" / CORPUS_SUMMARY_TABLE)
    outlets = _read_csv(root / "tables" / OUTLET_SUMMARY_TABLE)
    if summary is None and outlets is None:
        parts.append('<p class="muted">No corpus card: run the 00-corpus-overview notebook.</p>')
    if summary is not None and {"field", "value"} <= set(summary.columns):
        rows = "".join(
            f"<tr><th>{_esc(f)}</th><td>{_esc(v)}</td></tr>"
            for f, v in zip(summary["field"], summary["value"], strict=True)
        )
        parts.append(f"<table>{rows}</table>")
    if outlets is not None:
        parts.append("<h3>Articles by outlet</h3>" + _table_html(outlets))
    return "\n".join(parts)


def _figure_block(root: Path, svg_rel: str, notebook: str) -> str:
    stem = svg_rel[: -len(".svg")]
    alt_path = root / f"{stem}.txt"
    alt = alt_path.read_text(encoding="utf-8").strip() if alt_path.is_file() else stem
    name = Path(stem).name.replace("_", " ")
    nb_link = f"notebooks/{notebook}.html"
    files = " · ".join(
        f'<a href="{_href(f"{stem}.{ext}")}">{ext.upper()}</a>'
        for ext in ("png", "svg", "csv")
        if (root / f"{stem}.{ext}").is_file()
    )
    return (
        f'<figure><a href="{_href(nb_link)}"><img src="{_href(svg_rel)}" alt="{_esc(alt)}">'
        f"</a><figcaption><strong>{_esc(name)}</strong> — {_esc(alt)}<br>"
        f'{files} · made by <a href="{_href(nb_link)}">{_esc(notebook)}</a></figcaption>'
        "</figure>"
    )


def render_index(
    root: str | Path, manifest: Mapping[str, Sequence[str]], *, corpus_label: str
) -> str:
    """Return the report's ``index.html`` for the report folder ``root``.

    Parameters
    ----------
    root : path
        The report folder (``figures/``, ``tables/``, ``notebooks/`` inside).
    manifest : mapping
        Notebook stem -> files (relative to ``root``) it wrote, as in ``manifest.json``.
    corpus_label : str
        Corpus name shown on the card.
    """
    base = Path(root)
    notebooks = sorted(manifest)
    found = findings(base / "tables")
    finding_html = (
        "<ul class='findings'>" + "".join(f"<li>{_esc(f)}</li>" for f in found) + "</ul>"
        if found
        else '<p class="muted">No findings: the tables they need were not produced.</p>'
    )
    figures = [
        _figure_block(base, rel, nb)
        for nb in notebooks
        for rel in sorted(manifest[nb])
        if rel.startswith("figures/") and rel.endswith(".svg")
    ]
    tables = [
        f'<li><a href="{_href(rel)}">{_esc(Path(rel).name)}</a> '
        f'<span class="muted">({_esc(nb)})</span></li>'
        for nb in notebooks
        for rel in sorted(manifest[nb])
        if rel.startswith("tables/") and rel.endswith(".csv")
    ]
    nb_links = [
        f'<li><a href="{_href(f"notebooks/{nb}.html")}">{_esc(nb)}</a></li>'
        for nb in notebooks
        if (base / "notebooks" / f"{nb}.html").is_file()
    ]
    n_articles = sum(1 for nb in notebooks for rel in manifest[nb] if rel.startswith("articles/"))
    articles = (
        f'<p><a href="articles/index.html">Article inspector</a>: '
        f"{n_articles - 1 if (base / 'articles' / 'index.html').is_file() else n_articles} "
        "article page(s) with loaded terms, quotes and cue verbs highlighted.</p>"
        if n_articles
        else '<p class="muted">No article pages.</p>'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>framelens report — {_esc(corpus_label)}</title>"
        f"<style>{_CSS}</style></head>\n<body>\n"
        f"<h1>framelens report</h1>\n"
        '<p class="muted">How the outlets in this corpus frame the same events: loaded '
        "language, who is quoted and how, distinctive vocabulary — every estimate with a 95% "
        "interval. Regenerate with <code>framelens report</code>.</p>\n"
        f"<h2>Corpus</h2>\n{_corpus_card(base, corpus_label)}\n"
        f"<h2>Findings</h2>\n{finding_html}\n"
        f"<h2>Charts</h2>\n<div class='gallery'>{''.join(figures)}</div>\n"
        f"<h2>Tables</h2>\n<ul>{''.join(tables)}</ul>\n"
        f"<h2>Articles</h2>\n{articles}\n"
        f"<h2>Notebooks</h2>\n<ul>{''.join(nb_links)}</ul>\n"
        "</body></html>\n"
    )


def write_index(
    root: str | Path, manifest: Mapping[str, Sequence[str]], *, corpus_label: str
) -> Path:
    """Write :func:`render_index` to ``root/index.html`` and return its path."""
    path = Path(root) / "index.html"
    path.write_bytes(render_index(root, manifest, corpus_label=corpus_label).encode("utf-8"))
    return path
