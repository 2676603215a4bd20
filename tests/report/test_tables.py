"""Notebook helpers: selection, weeks, card tables, pooling, top speakers, files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framelens.corpus import Corpus
from framelens.report.tables import (
    POOLED_CATEGORY,
    _pooled_matches,
    articles_by_outlet,
    articles_by_week,
    corpus_label,
    corpus_summary,
    file_slug,
    load_selection,
    pick_article,
    pooled_rates,
    save_table,
    top_keyness_terms,
    top_speakers,
    with_week,
    write_article_pages,
)


def _corpus() -> Corpus:
    return Corpus(
        pd.DataFrame(
            {
                "doc_id": ["a", "b", "c", "d"],
                "outlet": ["X", "X", "Y", "Y"],
                "date": ["2024-03-04", "2024-03-10", "2024-03-11", None],  # Mon, Sun, Mon, -
                "title": ["<b>A</b>", "B", "C", "D"],
                "text": ["one two three", "four five", "six seven eight nine", "ten"],
            }
        )
    )


@pytest.mark.parametrize(
    ("path", "label"),
    [("corpus/demo", "demo"), ("/x/y/articles.csv", "articles"), ("corpus/demo/", "demo")],
)
def test_corpus_label(path: str, label: str) -> None:
    assert corpus_label(path) == label


def test_weeks_start_on_monday_and_undated_kept_apart() -> None:
    weeks = with_week(_corpus()).to_frame()["week"]
    assert [str(w.date()) if pd.notna(w) else None for w in weeks] == [
        "2024-03-04",
        "2024-03-04",  # Sunday belongs to the week starting the Monday before
        "2024-03-11",
        None,
    ]
    by_week = articles_by_week(_corpus())
    assert by_week["n_articles"].tolist() == [2, 1, 1]
    assert by_week["week"].isna().tolist() == [False, False, True]


def test_card_tables() -> None:
    out = articles_by_outlet(_corpus())
    assert out.to_dict("records")[0] == {
        "outlet": "X",
        "n_articles": 2,
        "n_dated": 2,
        "first_date": "2024-03-04",
        "last_date": "2024-03-10",
        "median_words": 2.5,
    }
    summary = dict(corpus_summary(_corpus(), "mini").itertuples(index=False))
    assert summary["articles"] == "4" and summary["dated articles"] == "3"
    assert summary["words (total)"] == "10"


def test_load_selection_filters_and_empty_error(mini_corpus: Path) -> None:
    assert len(load_selection(mini_corpus, outlets=["Southern Voice"])) == 2
    assert len(load_selection(mini_corpus, start="2024-03-10")) == 2
    with pytest.raises(ValueError, match=r"no articles left in 'mini'.*outlets=\['Nobody'\]"):
        load_selection(mini_corpus, outlets=["Nobody"])


def test_pick_article() -> None:
    c = _corpus()
    assert pick_article(c).doc_id == "a"  # no seed page: first id
    assert pick_article(c, "c").doc_id == "c"
    with pytest.raises(KeyError, match="zzz"):
        pick_article(c, "zzz")


def test_save_table_sorts_formats_dates(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "outlet": ["Y", "X"],
            "week": pd.to_datetime(["2024-03-11", "2024-03-04"]),
            "v": [1 / 3, 2.0],
        }
    )
    path = save_table(df, tmp_path, "t", sort_by=["outlet"])
    assert path == tmp_path / "tables" / "t.csv"
    assert path.read_text() == "outlet,week,v\nX,2024-03-04,2\nY,2024-03-11,0.333333\n"


def _matches() -> pd.DataFrame:
    rows = [
        # one span listed under two categories of the loaded lexicon: counts once when pooled
        ("a", 0, 3, "conflict_framing", "violence"),
        ("a", 0, 3, "conflict_framing", "labels"),
        ("a", 4, 7, "epistemic_stance", "hedges"),  # another lexicon: not pooled
        ("c", 0, 3, "conflict_framing", "labels"),
    ]
    df = pd.DataFrame(rows, columns=["doc_id", "start", "end", "lexicon", "category"])
    df["voice"] = "narrator"
    df["lexicon_version"] = "1"
    df["term"] = "t"
    return df


def test_pooled_matches_and_rates() -> None:
    pooled = _pooled_matches(_matches(), "conflict_framing")
    assert len(pooled) == 2 and set(pooled["category"]) == {POOLED_CATEGORY}
    rates = pooled_rates(_matches(), _corpus(), loaded_lexicon="conflict_framing")
    got = rates.set_index("outlet")[["numerator", "denominator", "estimate"]]
    assert got.loc["X"].tolist() == [1.0, 5.0, 200.0]  # 1 match / 5 words * 1000
    assert got.loc["Y"].tolist() == [1.0, 5.0, 200.0]
    # an absent loaded lexicon pools every lexicon
    assert len(_pooled_matches(_matches(), "nonexistent")) == 3


def test_top_speakers_ranks_and_breaks_ties_by_name() -> None:
    q = pd.DataFrame(
        {
            "outlet": ["X"] * 5 + ["Y"],
            "doc_id": ["a", "a", "b", "a", "b", "c"],
            "attribution_id": list("123456"),
            "speaker": ["Zed", "Zed", "Amy", "Bob", "", "Cy"],
            "speaker_role": ["official", "official", "expert", "citizen", "unknown", "media"],
        }
    )
    out = top_speakers(q, n=2)
    assert out[["outlet", "speaker", "n_attributions", "n_articles"]].values.tolist() == [
        ["X", "Zed", 2, 1],
        ["X", "Amy", 1, 1],  # Amy and Bob tie at 1: alphabetical
        ["Y", "Cy", 1, 1],
    ]


def test_top_keyness_terms() -> None:
    k = pd.DataFrame(
        {
            "group": ["A", "A", "A", "B"],
            "term": ["x", "y", "z", "w"],
            "stat": [2.0, 3.0, -1.0, 1.0],
            "n_group": [1, 2, 3, 4],
            "n_reference": [1, 1, 1, 1],
            "measure": ["log_odds_dirichlet"] * 4,
        }
    )
    out = top_keyness_terms(k, n=5)
    assert out[["group", "rank", "term"]].values.tolist() == [
        ["A", 1, "y"],
        ["A", 2, "x"],
        ["B", 1, "w"],
    ]


@pytest.mark.parametrize(
    ("name", "slug"), [("teleSUR English", "telesur_english"), ("A & B", "a_b"), ("***", "unnamed")]
)
def test_file_slug(name: str, slug: str) -> None:
    assert file_slug(name) == slug


def test_write_article_pages(tmp_path: Path) -> None:
    pages = write_article_pages(_corpus(), tmp_path, max_articles=2)
    assert [p.name for p in pages] == ["a.html", "b.html", "index.html"]
    index = (tmp_path / "articles" / "index.html").read_text()
    assert "&lt;b&gt;A&lt;/b&gt;" in index and "<b>A</b>" not in index
    assert "Showing 2 of 4 articles" in index


def test_article_pages_share_category_colours(tmp_path: Path) -> None:
    matches = pd.DataFrame(
        {
            "doc_id": ["a", "b", "b"],
            "start": [0, 0, 5],
            "end": [3, 4, 9],
            "category": ["z", "a", "z"],
        }
    )
    write_article_pages(_corpus(), tmp_path, matches=matches)
    page_a = (tmp_path / "articles" / "a.html").read_text()
    page_b = (tmp_path / "articles" / "b.html").read_text()
    # sorted categories a, z -> blue, orange on every page, although page a has only "z"
    assert '<span class="term" style="--c:#E69F00">z</span>' in page_a
    assert '<span class="term" style="--c:#E69F00">z</span>' in page_b
    assert '<span class="term" style="--c:#0072B2">a</span>' in page_b


def test_actor_registry_found_beside_the_corpus_or_given(tmp_path: Path) -> None:
    from framelens.report.tables import actor_registry

    assert actor_registry(tmp_path) is None  # nothing registered: resolve from the text alone
    reg = tmp_path / "actors.yaml"
    reg.write_text(
        'version: "1"\nactors:\n  - name: Ana Petrova\n    aliases: [Petrova]\n'
        "    role: opposition\n",
        encoding="utf-8",
    )
    found = actor_registry(tmp_path)
    given = actor_registry(tmp_path / "elsewhere", reg)
    assert found is not None and given is not None
    assert [a.name for a in found.actors] == [a.name for a in given.actors] == ["Ana Petrova"]


def test_silent_actors_by_outlet_counts_articles_and_mentions() -> None:
    from framelens.corpus.model import Corpus
    from framelens.report.tables import silent_actors_by_outlet

    corpus = Corpus(
        pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"], "text": ["."] * 3})
    )
    silent = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "a"],
            "actor": ["the opposition", "the opposition", "the opposition", "Mishustin"],
            "role": ["opposition", "opposition", "opposition", "official"],
            "n_mentions": [3, 1, 2, 1],
        }
    )
    out = silent_actors_by_outlet(silent, corpus)
    assert out.values.tolist() == [
        ["X", "Mishustin", "official", 1, 1],
        ["X", "the opposition", "opposition", 2, 4],
        ["Y", "the opposition", "opposition", 1, 2],
    ]
