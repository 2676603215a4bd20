"""The seed page (corpus/seed/) loads exactly as issue #2 point 4 requires."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framelens.corpus import Corpus, load_corpus

SEED_ID = "000_860ff9ea951405e1"
WIDGET_LINES = [
    "Live",
    "Audio Only",
    "google plus",
    "facebook",
    "twitter",
    "News > Belarus",
    "Published 2 September 2020",
    "Opinion",
    "RELATED:",
    "Russia Might Intervene in Belarus If Necessary, Putin Says",
    "Comment",
    "0",
    "Comments",
    "Post with no comments.",
    "| Photo: EFE/EPA/Russian Ministry of Foreign Affairs",
    "attend a briefing after their talks in Moscow",  # the photo caption (both copies)
]


@pytest.fixture(scope="module")
def seed(seed_dir: Path) -> Corpus:
    return load_corpus(seed_dir, strict=True)


def test_seed_is_the_shared_page_unmodified(seed_dir: Path) -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "seed" / f"{SEED_ID}.txt"
    if not shared.is_file():
        pytest.skip(f"{shared} not present")
    assert (seed_dir / f"{SEED_ID}.txt").read_bytes() == shared.read_bytes()


def test_seed_metadata(seed: Corpus) -> None:
    assert len(seed) == 1
    doc = seed[SEED_ID]
    row = seed.to_frame().iloc[0]
    assert doc.title == "Russia Condemns Foreign Interference in Belarus' Internal Affairs"
    assert doc.date == pd.Timestamp("2020-09-02")
    assert row["section"] == "Belarus"
    assert doc.outlet == "teleSUR English"
    assert row["language"] == "en"
    assert row["outlet_ownership"] == "state"
    assert row["outlet_country"] == "VE"
    assert row["source_path"] == f"{SEED_ID}.txt"
    assert row["encoding"] == "utf-8"
    assert pd.isna(row["duplicate_of"])


def test_seed_body_start_end_and_whitespace(seed: Corpus) -> None:
    text = seed[SEED_ID].text
    assert text.startswith(
        "Russia's Foreign Minister Sergei Lavrov denounced that outside forces are intervening"
    )
    assert text.endswith("but the opposition has contested the results.")
    assert "\u00a0" not in text
    assert "  " not in text
    assert "\n\n\n" not in text
    # the 13 body paragraphs of the page, one blank line apart
    assert text.count("\n\n") == 12


@pytest.mark.parametrize("widget", WIDGET_LINES)
def test_seed_body_has_no_widget_line(seed: Corpus, widget: str) -> None:
    lines = seed[SEED_ID].text.split("\n")
    if widget.startswith(("|", "attend")):
        assert not any(widget in line for line in lines)
    else:
        assert widget not in [line.strip() for line in lines]


def test_seed_cleaning_log_records_each_removed_line(seed: Corpus) -> None:
    log = seed.cleaning_log
    removed = log[log["rule_set"] != "builtin"]
    got = [(int(r.line), r.rule, r.rule_set) for r in removed.itertuples()]
    assert got == [
        (1, "share_widget", "default"),
        (2, "share_widget", "default"),
        (3, "share_widget", "default"),
        (4, "share_widget", "default"),
        (5, "share_widget", "default"),
        (6, "breadcrumb", "default"),
        (8, "title_line", "default"),
        (10, "caption_bullet", "telesur"),
        (12, "photo_credit", "default"),
        (14, "published_date", "default"),
        (15, "section_label", "telesur"),
        (23, "related_block", "default"),
        (25, "related_block", "default"),
        (47, "comment_widget", "default"),
        (48, "comment_widget", "default"),
        (49, "comment_widget", "default"),
        (50, "comment_widget", "default"),
    ]
    assert removed["removed_text"].iloc[0].strip() == "• Live"
    assert set(log["doc_id"]) == {SEED_ID}
    assert set(log["rule_version"]) == {"1"}
    # NBSP normalisation is recorded on the lines that had them (17: three NBSPs)
    ws = log[log["rule"] == "whitespace"]
    assert int(ws["line"].iloc[0]) == 17
    assert ws["removed_text"].iloc[0] == "U+00A0 U+00A0 U+00A0"


def test_seed_provenance_and_reconciliation(seed: Corpus, seed_dir: Path) -> None:
    attrs = seed.attrs
    assert attrs["reconciliation"] == {
        "files": 3,
        "loaded_files": 1,
        "rejected_files": 0,
        "skipped_files": 2,
        "articles": 1,
        "rejections": 0,
    }
    assert {s["source_path"]: s["reason"] for s in attrs["skipped"]} == {
        "README.md": "readme",
        "metadata.csv": "config",
    }
    assert [(r["name"], r["version"]) for r in attrs["rule_sets"]] == [
        ("default", "1"),
        ("telesur", "1"),
    ]
    assert attrs["root"] == str(seed_dir)
    assert load_corpus(seed_dir, strict=True).attrs == attrs  # nothing time-dependent
