"""Table assembly for the notebooks: selection, corpus card, pooled and weekly measures, files.

The notebooks stay thin: every step that is more than one library call lives here, with a
test. Nothing here computes a new statistic: rates and shares come from
:func:`framelens.lexicons.lexicon_rates` and :func:`framelens.attribution.share_of_voice`
(cluster bootstrap over articles, :func:`framelens.stats.ratio_table`; Efron & Tibshirani
1993, Field & Welsh 2007).

Files: :func:`save_table` writes ``<out>/tables/<name>.csv`` sorted and with the fixed float
format of :func:`framelens.plots.style.write_csv`; :func:`figure_stem` gives the path stem
for :func:`framelens.plots.save_figure` under ``<out>/figures/``.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from framelens.attribution.actors import ActorRegistry
from framelens.corpus.model import Corpus, Document, corpus_subset
from framelens.corpus.units import word_count
from framelens.plots.style import write_csv
from framelens.report.inspector import (
    HEDGE_CATEGORIES,
    article_filename,
    category_colors,
    render_article,
)

#: The lexicon whose categories count as "loaded terms" in pooled rates, when present.
DEFAULT_LOADED_LEXICON = "conflict_framing"
#: Category label of pooled rates.
POOLED_CATEGORY = "all loaded terms"


def corpus_label(path: str | os.PathLike[str]) -> str:
    """Short corpus name for subtitles: the folder (or file stem) name, never a full path.

    Examples
    --------
    >>> corpus_label("/data/corpora/demo/")
    'demo'
    >>> corpus_label("articles.csv")
    'articles'
    """
    p = Path(path)
    return p.stem if p.suffix else p.name


def load_selection(
    corpus: str | os.PathLike[str],
    *,
    outlets: Sequence[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Corpus:
    """Load ``corpus`` (:func:`framelens.corpus.load_corpus`) and apply the notebook filters.

    Raises ``ValueError`` when the selection is empty, naming the filters, so a notebook stops
    at its first cell instead of drawing empty charts.
    """
    from framelens.corpus.load import load_corpus

    loaded = load_corpus(corpus)
    if outlets is None and start is None and end is None:
        selected = loaded
    else:
        selected = corpus_subset(
            loaded, outlets=list(outlets) if outlets is not None else None, start=start, end=end
        )
    if len(selected) == 0:
        raise ValueError(
            f"no articles left in {corpus_label(corpus)!r} after filters outlets={outlets}, "
            f"start={start}, end={end} ({len(loaded)} loaded)"
        )
    return selected


ACTOR_REGISTRY_NAMES = ("actors.yaml", "actors.yml", "actors.csv")


def actor_registry(
    corpus: str | os.PathLike[str], actors: str | os.PathLike[str] | None = None
) -> ActorRegistry | None:
    """The actor registry for a notebook: ``actors`` when given, else one beside the corpus.

    A registry named ``actors.yaml`` (or ``.yml``/``.csv``) in the corpus folder is used
    automatically, as ``outlets.yaml`` is; ``None`` when there is none (speakers are then
    resolved from the articles alone, plus framelens's shipped collective actors).
    """
    from framelens.attribution.actors import load_actors

    if actors is not None:
        return load_actors(Path(actors))
    root = Path(corpus)
    for name in ACTOR_REGISTRY_NAMES:
        if root.is_dir() and (root / name).is_file():
            return load_actors(root / name)
    return None


def outlet_list(corpus: Corpus) -> list[str]:
    """The corpus's outlets, sorted: pass to every chart so colours agree across charts."""
    return sorted({str(o) for o in corpus.to_frame()["outlet"].dropna()})


def _iso_dates(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out


def save_table(
    df: pd.DataFrame,
    out_dir: str | os.PathLike[str],
    name: str,
    *,
    sort_by: Sequence[str] | None = None,
) -> Path:
    """Write ``df`` to ``<out_dir>/tables/<name>.csv``: sorted rows, ISO dates, fixed floats.

    ``sort_by`` defaults to every column, left to right, so the file never depends on the
    order rows were computed in.
    """
    keys = list(sort_by) if sort_by is not None else list(df.columns)
    data = df.sort_values(keys, kind="stable", na_position="last") if keys and len(df) else df
    return write_csv(
        _iso_dates(data.reset_index(drop=True)), Path(out_dir) / "tables" / f"{name}.csv"
    )


def figure_stem(out_dir: str | os.PathLike[str], name: str) -> Path:
    """``<out_dir>/figures/<name>``: the path stem to give :func:`framelens.plots.save_figure`."""
    return Path(out_dir) / "figures" / name


# --- corpus card ------------------------------------------------------------------------


def _weeks(dates: pd.Series) -> pd.Series:
    """Monday of each date's ISO week (NaT stays NaT)."""
    d = pd.to_datetime(dates).dt.normalize()
    return d - pd.to_timedelta(d.dt.day_of_week, unit="D")


def with_week(corpus: Corpus) -> Corpus:
    """Return ``corpus`` with a ``week`` column: the Monday of each article's week."""
    df = corpus.to_frame()
    df["week"] = _weeks(df["date"])
    return corpus.with_frame(df, added_column="week")


def articles_by_outlet(corpus: Corpus) -> pd.DataFrame:
    """``outlet, n_articles, n_dated, first_date, last_date, median_words`` per outlet."""
    df = corpus.to_frame()
    df["words"] = [word_count(t) for t in df["text"]]
    rows = []
    for outlet, g in df.groupby("outlet", sort=True):
        dates = g["date"].dropna()
        rows.append(
            {
                "outlet": outlet,
                "n_articles": len(g),
                "n_dated": len(dates),
                "first_date": dates.min().date().isoformat() if len(dates) else "",
                "last_date": dates.max().date().isoformat() if len(dates) else "",
                "median_words": float(g["words"].median()),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "outlet",
            "n_articles",
            "n_dated",
            "first_date",
            "last_date",
            "median_words",
        ],
    )


def articles_by_week(corpus: Corpus) -> pd.DataFrame:
    """``outlet, week, n_articles``; undated articles in one row per outlet with NaT week."""
    df = corpus.to_frame()
    df["week"] = _weeks(df["date"])
    out = (
        df.groupby(["outlet", "week"], sort=True, dropna=False)
        .size()
        .rename("n_articles")
        .reset_index()
    )
    return out.sort_values(["outlet", "week"], na_position="last").reset_index(drop=True)


def article_lengths(corpus: Corpus) -> pd.DataFrame:
    """``doc_id, outlet, words`` (:func:`framelens.corpus.units.word_count`)."""
    df = corpus.to_frame()
    return pd.DataFrame(
        {
            "doc_id": df["doc_id"],
            "outlet": df["outlet"],
            "words": [word_count(t) for t in df["text"]],
        }
    )


def corpus_summary(corpus: Corpus, label: str) -> pd.DataFrame:
    """The corpus card as ``field, value`` rows (articles, outlets, dates, rejections, …)."""
    df = corpus.to_frame()
    dates = df["date"].dropna()
    dup_col = df["duplicate_of"] if "duplicate_of" in df.columns else pd.Series(dtype=str)
    n_dup = int(dup_col.fillna("").astype(str).str.len().gt(0).sum())
    rows: list[tuple[str, Any]] = [
        ("corpus", label),
        ("articles", len(df)),
        ("outlets", df["outlet"].nunique()),
        ("dated articles", len(dates)),
        ("first date", dates.min().date().isoformat() if len(dates) else ""),
        ("last date", dates.max().date().isoformat() if len(dates) else ""),
        ("words (total)", int(sum(word_count(t) for t in df["text"]))),
        ("near or exact duplicates (flagged)", n_dup),
        ("rejected inputs", len(corpus.rejections)),
        ("cleaning removals (logged)", len(corpus.cleaning_log)),
    ]
    return pd.DataFrame(rows, columns=["field", "value"]).astype({"value": str})


def rejection_reasons(corpus: Corpus) -> pd.DataFrame:
    """``reason, n`` of the inputs the loader did not load."""
    rej = corpus.rejections
    if rej.empty:
        return pd.DataFrame({"reason": pd.Series(dtype=str), "n": pd.Series(dtype=int)})
    return rej.groupby("reason", sort=True).size().rename("n").reset_index()


# --- loaded language ----------------------------------------------------------------------


def _pooled_matches(matches: pd.DataFrame, loaded_lexicon: str | None) -> pd.DataFrame:
    m = matches
    if loaded_lexicon and (matches["lexicon"] == loaded_lexicon).any():
        m = matches[matches["lexicon"] == loaded_lexicon]
    # a span listed under several categories counts once
    m = m.drop_duplicates(["doc_id", "start", "end"]).copy()
    m["lexicon"] = loaded_lexicon or "all lexicons"
    m["lexicon_version"] = ""
    m["category"] = POOLED_CATEGORY
    m.attrs = {
        "framelens": {
            **matches.attrs.get("framelens", {}),
            "lexicons": [
                {
                    "name": loaded_lexicon or "all lexicons",
                    "version": "",
                    "categories": [POOLED_CATEGORY],
                }
            ],
        }
    }
    return m


def pooled_rates(
    matches: pd.DataFrame,
    corpus: Corpus,
    *,
    loaded_lexicon: str | None = DEFAULT_LOADED_LEXICON,
    by: str | list[str] = "outlet",
    voices: Sequence[str] = ("narrator",),
    seed: int = 0,
) -> pd.DataFrame:
    """Rate of all loaded terms pooled (one category), per group and voice, with 95% CIs.

    Matches of ``loaded_lexicon`` (all lexicons when it is absent from ``matches``) are
    pooled into the single category :data:`POOLED_CATEGORY`; a span matched by several
    categories counts once. Rates are :func:`framelens.lexicons.lexicon_rates` per voice
    (denominator: all words of the article, :func:`framelens.corpus.units.word_count`).
    """
    from framelens.lexicons import lexicon_rates

    pooled = _pooled_matches(matches, loaded_lexicon)
    parts = [
        lexicon_rates(pooled, corpus, by=by, voice=v, seed=seed)  # type: ignore[arg-type]
        for v in voices
    ]
    return pd.concat(parts, ignore_index=True)


def loaded_lexicon_name(matches: pd.DataFrame, wanted: str | None = DEFAULT_LOADED_LEXICON) -> str:
    """``wanted`` when ``matches`` has it, else "all lexicons" (what :func:`pooled_rates` pools)."""
    if wanted and len(matches) and (matches["lexicon"] == wanted).any():
        return wanted
    return "all lexicons"


# --- sourcing ---------------------------------------------------------------------------------


def top_speakers(quotes: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` most-attributed speakers per outlet: ``outlet, speaker, speaker_role,
    n_attributions, n_articles``; ties broken by name."""
    cols = ["outlet", "speaker", "speaker_role", "n_attributions", "n_articles"]
    q = quotes[quotes["speaker"].fillna("").astype(str).str.len() > 0]
    if q.empty:
        return pd.DataFrame(columns=cols)
    g = (
        q.groupby(["outlet", "speaker", "speaker_role"], sort=True)
        .agg(n_attributions=("attribution_id", "size"), n_articles=("doc_id", "nunique"))
        .reset_index()
    )
    g = g.sort_values(["outlet", "n_attributions", "speaker"], ascending=[True, False, True])
    return g.groupby("outlet", sort=True).head(n).reset_index(drop=True)[cols]


def silent_actors_by_outlet(silent: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Mentioned-but-not-quoted actors counted per outlet.

    ``silent`` is :func:`framelens.attribution.mentioned_not_quoted` output (one row per
    article and actor). Returns ``outlet, actor, role, n_articles, n_mentions``: in how many
    of the outlet's articles the actor is named without being quoted, and how often.
    """
    frame = corpus.to_frame()[["doc_id", "outlet"]]
    return (
        silent.merge(frame, on="doc_id")
        .groupby(["outlet", "actor", "role"], sort=True)
        .agg(n_articles=("doc_id", "nunique"), n_mentions=("n_mentions", "sum"))
        .reset_index()
    )


def weekly_share(
    quotes: pd.DataFrame, corpus: Corpus, *, role: str = "official", seed: int = 0
) -> pd.DataFrame:
    """Share (fraction) of attributions to ``role`` per outlet and week, with 95% CIs.

    :func:`framelens.attribution.share_of_voice` grouped by an outlet-week key; undated
    articles are left out. Columns: ``outlet, week, role, n_docs, numerator, denominator,
    estimate, ci_low, ci_high``.
    """
    from framelens.attribution.tables import share_of_voice

    df = with_week(corpus).to_frame()
    df = df[df["week"].notna()]
    cols = ["outlet", "week", "role", "n_docs", "numerator", "denominator", "estimate"]
    cols += ["ci_low", "ci_high"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    key = df["outlet"].astype(str) + "\x1f" + df["week"].dt.strftime("%Y-%m-%d")
    df["outlet_week"] = key
    sub = corpus.with_frame(df, added_column="outlet_week")
    q = quotes[quotes["doc_id"].isin(set(df["doc_id"]))].merge(
        df[["doc_id", "outlet_week"]], on="doc_id", how="left"
    )
    table = share_of_voice(q, sub, by="outlet_week", seed=seed)
    table = table[table["role"] == role].copy()
    split = table["outlet_week"].str.split("\x1f", n=1, expand=True)
    table["outlet"] = split[0]
    table["week"] = pd.to_datetime(split[1])
    return table[cols].sort_values(["outlet", "week"]).reset_index(drop=True)


# --- article pages ------------------------------------------------------------------------


def write_article_pages(
    corpus: Corpus,
    out_dir: str | os.PathLike[str],
    *,
    matches: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    max_articles: int | None = None,
) -> list[Path]:
    """Write one inspector page per article to ``<out_dir>/articles/`` plus ``index.html``.

    Articles are taken in ``doc_id`` order (the first ``max_articles`` when set). File names
    come from :func:`framelens.report.inspector.article_filename`; a lexicon category has the
    same colour on every page.
    """
    base = Path(out_dir) / "articles"
    base.mkdir(parents=True, exist_ok=True)
    ids = sorted(corpus.doc_ids)
    if max_articles is not None:
        ids = ids[:max_articles]
    by_doc_m = dict(iter(matches.groupby("doc_id"))) if matches is not None and len(matches) else {}
    by_doc_q = dict(iter(quotes.groupby("doc_id"))) if quotes is not None and len(quotes) else {}
    palette = category_colors(
        c for c in (matches["category"] if matches is not None else []) if c not in HEDGE_CATEGORIES
    )
    written: list[Path] = []
    rows = []
    for doc_id in ids:
        doc = corpus[doc_id]
        page = render_article(
            doc, matches=by_doc_m.get(doc_id), attributions=by_doc_q.get(doc_id), colors=palette
        )
        name = article_filename(doc_id)
        path = base / name
        path.write_bytes(page.encode("utf-8"))
        written.append(path)
        date = doc.date.date().isoformat() if doc.date is not None else ""
        rows.append(
            f'<tr><td><a href="{html.escape(name, quote=True)}">'
            f"{html.escape(doc.title or doc_id)}</a></td><td>{html.escape(doc.outlet)}</td>"
            f"<td>{date}</td><td>{len(by_doc_q.get(doc_id, ()))}</td></tr>"
        )
    more = (
        f"<p>Showing {len(ids)} of {len(corpus)} articles (max_articles).</p>"
        if len(ids) < len(corpus)
        else ""
    )
    index = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\"><title>Articles — framelens</title>"
        '<style>body{font-family:"DejaVu Sans",sans-serif;max-width:60rem;margin:1.5rem auto}'
        "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;"
        "text-align:left}</style></head><body><h1>Articles</h1>"
        f'<p><a href="../index.html">Back to the report</a></p>{more}'
        "<table><thead><tr><th>title</th><th>outlet</th><th>date</th><th>attributions</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )
    index_path = base / "index.html"
    index_path.write_bytes(index.encode("utf-8"))
    return [*written, index_path]


# --- helpers for single articles, KWIC, keyness and file names ----------------------------

#: The seed page (``corpus/seed``): the inspector's default article.
SEED_DOC_ID = "000_860ff9ea951405e1"


def pick_article(corpus: Corpus, doc_id: str | None = None) -> Document:
    """The article to inspect: ``doc_id``; else the seed page if present; else the first id.

    Raises ``KeyError`` naming the id when ``doc_id`` is not in the corpus.
    """
    if doc_id is not None:
        return corpus[doc_id]
    if SEED_DOC_ID in corpus:
        return corpus[SEED_DOC_ID]
    return corpus[sorted(corpus.doc_ids)[0]]


def pooled_pairwise(
    matches: pd.DataFrame,
    corpus: Corpus,
    *,
    loaded_lexicon: str | None = DEFAULT_LOADED_LEXICON,
    voice: str = "narrator",
    seed: int = 0,
) -> pd.DataFrame:
    """Pairwise outlet tests of the pooled loaded-term rate (:func:`pooled_rates`' pooling).

    :func:`framelens.lexicons.lexicon_pairwise`: article-level permutation tests
    (Phipson & Smyth 2010) with Benjamini–Hochberg q-values (Benjamini & Hochberg 1995).
    """
    from framelens.lexicons import lexicon_pairwise

    return lexicon_pairwise(
        _pooled_matches(matches, loaded_lexicon),
        corpus,
        voice=voice,  # type: ignore[arg-type]
        seed=seed,
    )


def kwic_samples(
    matches: pd.DataFrame, corpus: Corpus, *, per_group: int = 3, window: int = 60
) -> pd.DataFrame:
    """Up to ``per_group`` KWIC lines per category and outlet (first by doc id and offset).

    Lines come from :func:`framelens.lexicons.kwic` (``window`` characters each side).
    """
    from framelens.lexicons import kwic

    parts = []
    for category in sorted(set(matches["category"])):
        lines = kwic(matches, category, corpus=corpus, window=window)
        lines = lines[lines["category"] == category]
        lines = lines.sort_values(["outlet", "doc_id", "start"], kind="stable")
        parts.append(lines.groupby("outlet", sort=True).head(per_group))
    cols = ["category", "outlet", "doc_id", "start", "voice", "left", "match", "right"]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)[cols]


def top_keyness_terms(keyness: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most over-used terms per group (``stat`` descending, ties by term), ranked."""
    cols = ["group", "rank", "term", "stat", "n_group", "n_reference", "measure"]
    if keyness.empty:
        return pd.DataFrame(columns=cols)
    ranked = keyness[keyness["stat"] > 0].sort_values(
        ["group", "stat", "term"], ascending=[True, False, True]
    )
    top = ranked.groupby("group", sort=True).head(n).copy()
    top["rank"] = top.groupby("group").cumcount() + 1
    return top[cols].reset_index(drop=True)


def file_slug(name: str) -> str:
    """A lower-case file-name part for an outlet or concept name.

    Examples
    --------
    >>> file_slug("teleSUR English")
    'telesur_english'
    """
    slug = "".join(c if c.isalnum() else "_" for c in name.lower()).strip("_")
    while "__" in slug:
        slug = slug.replace("__", "_")
    return slug or "unnamed"
