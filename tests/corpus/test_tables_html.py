"""Table (.csv/.jsonl/.parquet) and saved-HTML inputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from framelens.corpus import CorpusError, load_corpus
from framelens.corpus.html import html_metadata

Write = Callable[[str, str | bytes], Path]

CSV = (
    "id,headline,body,source,published,desk\n"  # line 1
    "k1,First,Body one.,Daily Example,2021-01-02,metro\n"  # line 2
    'k2,Second,"Body two\n\nspans lines.",Daily Example,2021-01-03,\n'  # lines 3-5
    "k3,Third,,Daily Example,2021-01-04,metro\n"  # line 6: empty body
    "k4,Fourth,Body four.,Daily Example,yesterday,metro\n"  # line 7: bad date
    "k1,Fifth,Body five.,Daily Example,2021-01-05,metro\n"  # line 8: duplicate id
    "k6,Sixth,Body six.,,2021-01-06,metro\n"  # line 9: no outlet
    "k7,Seventh,Body seven.,Daily Example,2021-01-07,metro,extra\n"  # line 10: extra value
)
MAPPING = {
    "text_col": "body",
    "outlet_col": "source",
    "title_col": "headline",
    "date_col": "published",
    "id_col": "id",
}


def test_csv_column_mapping_and_bad_rows(write: Write, tmp_path: Path) -> None:
    write("t.csv", CSV)
    corpus = load_corpus(tmp_path, **MAPPING)
    df = corpus.to_frame().set_index("doc_id")
    assert list(df.index) == ["k1", "k2"]
    assert df.loc["k1", ["title", "outlet", "desk"]].tolist() == ["First", "Daily Example", "metro"]
    assert df.loc["k2", "text"] == "Body two\n\nspans lines."
    assert df.loc["k2", "date"] == pd.Timestamp("2021-01-03")
    assert df.loc["k1", "source_path"] == "t.csv"
    rej = [
        (int(r.line), None if pd.isna(r.field) else r.field, r.reason)
        for r in corpus.rejections.itertuples()
    ]
    assert rej == [
        (6, "body", "empty_body"),
        (7, "published", "unparseable_date"),
        (8, "id", "duplicate_doc_id"),
        (9, "source", "missing_outlet"),
        (10, None, "malformed_table"),
    ]
    assert corpus.rejections["message"].iloc[1].startswith("t.csv, line 7, field 'published'")
    assert corpus.attrs["reconciliation"]["loaded_files"] == 1
    with pytest.raises(CorpusError, match=r"t\.csv, line 6, field 'body': empty_body"):
        load_corpus(tmp_path, strict=True, **MAPPING)


def test_csv_without_id_col_numbers_rows_by_line(write: Write, tmp_path: Path) -> None:
    write("news.csv", "title,text,outlet\nA,Alpha text.,X\nB,Beta text.,X\n")
    corpus = load_corpus(tmp_path, strict=True)
    assert corpus.doc_ids == ["news-2", "news-3"]
    assert corpus["news-3"].title == "B"


def test_csv_missing_text_column_rejects_file(write: Write, tmp_path: Path) -> None:
    write("t.csv", "title,outlet\nA,X\n")
    corpus = load_corpus(tmp_path)
    rej = corpus.rejections.iloc[0]
    assert (rej["reason"], rej["line"], rej["field"]) == ("malformed_table", 1, "text")
    assert corpus.attrs["reconciliation"]["rejected_files"] == 1


def test_jsonl_rows(write: Write, tmp_path: Path) -> None:
    write(
        "t.jsonl",
        '{"text": "One.", "outlet": "X", "title": "T1", "tags": "a"}\n'
        "{not json}\n"
        "[1, 2]\n"
        '{"text": "Four.", "title": "T4"}\n'
        "\n"
        '{"text": "Six.", "outlet": "X", "doc_id": "six"}\n',
    )
    corpus = load_corpus(tmp_path)
    assert corpus.doc_ids == ["t-1", "six"]
    assert corpus["t-1"].meta["tags"] == "a"
    got = [(int(r.line), r.reason) for r in corpus.rejections.itertuples()]
    assert got == [(2, "malformed_table"), (3, "malformed_table"), (4, "missing_outlet")]


def test_parquet_rows(tmp_path: Path) -> None:
    table = pa.table(
        {
            "body": ["Alpha body.", "", "Gamma body."],
            "outlet": ["X", "X", "Y"],
            "date": ["2020-01-01", "2020-01-02", None],
        }
    )
    pq.write_table(table, tmp_path / "t.parquet")
    corpus = load_corpus(tmp_path, text_col="body")
    assert corpus.doc_ids == ["t-1", "t-3"]
    assert corpus["t-3"].date is None
    rej = corpus.rejections.iloc[0]
    assert (rej["line"], rej["field"], rej["reason"]) == (2, "body", "empty_body")
    assert corpus.to_frame()["encoding"].tolist() == ["utf-8", "utf-8"]


def test_unreadable_parquet_is_rejected(write: Write, tmp_path: Path) -> None:
    write("bad.parquet", b"PAR1 not really")
    corpus = load_corpus(tmp_path)
    assert corpus.rejections["reason"].tolist() == ["malformed_table"]


PARA = (
    "The city council voted on Tuesday to expand the tram network to the northern "
    "districts, a plan that residents have debated for more than a decade. "
)
HTML = f"""<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Tram vote | Site</title>
<meta property="og:title" content="Council Backs Tram Extension">
<meta property="og:site_name" content="{{site}}">
<meta property="article:published_time" content="2022-05-17T09:30:00+02:00">
<meta property="article:section" content="Local">
<meta name="author" content="Dana Roe">
<link rel="canonical" href="https://www.example.org/local/tram">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article>
<h1>Council Backs Tram Extension</h1>
<p>{PARA}</p>
<p>{PARA.replace("Tuesday", "Wednesday")}</p>
<p>Opponents said the cost&nbsp;estimate was too low and asked for an independent review.</p>
</article>
<footer>Copyright Example Media</footer>
</body></html>
"""


def test_html_metadata_from_meta_tags() -> None:
    meta = html_metadata(HTML.format(site="Daily Example"))
    assert meta == {
        "title": "Council Backs Tram Extension",
        "date": "2022-05-17T09:30:00+02:00",
        "url": "https://www.example.org/local/tram",
        "outlet": "Daily Example",
        "author": "Dana Roe",
        "section": "Local",
        "language": "en",
    }
    assert html_metadata("<title> Only  a title </title>") == {"title": "Only a title"}


@pytest.mark.parametrize("site", ["telesur", ""])
def test_html_page_loads_with_registry_outlet(write: Write, tmp_path: Path, site: str) -> None:
    page = HTML.format(site=site).replace("example.org", "telesurenglish.net")
    write("page.html", page)
    corpus = load_corpus(tmp_path, strict=True)
    row = corpus.to_frame().iloc[0]
    # og:site_name "telesur" is an alias; without it the canonical URL's domain decides
    assert row["outlet"] == "teleSUR English"
    assert row["title"] == "Council Backs Tram Extension"
    assert row["date"] == pd.Timestamp("2022-05-17 09:30")
    assert (row["section"], row["author"], row["language"]) == ("Local", "Dana Roe", "en")
    text = row["text"]
    assert text.startswith("The city council voted on Tuesday")
    assert text.endswith("asked for an independent review.")
    assert "Copyright" not in text and "Home" not in text
    assert "\u00a0" not in text and "cost estimate" in text
    assert text.count("\n\n") == 2
    log = corpus.cleaning_log
    assert log["rule"].tolist() == ["title_line"]
    assert log["removed_text"].tolist() == ["Council Backs Tram Extension"]


def test_html_without_main_text_is_empty_body(write: Write, tmp_path: Path) -> None:
    write("_corpus.yaml", "outlet: X\n")
    write("blank.html", "<html><head><title>Nothing</title></head><body></body></html>")
    corpus = load_corpus(tmp_path)
    assert corpus.rejections["reason"].tolist() == ["empty_body"]
