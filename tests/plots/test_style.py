"""The framelens chart style: scoped rc, stable outlet colours, annotation, determinism."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from framelens.plots.style import (
    OKABE_ITO,
    SOURCE_GID,
    SUBTITLE_GID,
    TITLE_GID,
    annotate_figure,
    corpus_subtitle,
    framelens_style,
    outlet_colors,
    save_figure,
    write_csv,
)


def _figure() -> plt.Figure:
    with framelens_style():
        fig, ax = plt.subplots()
        ax.bar(["A", "B"], [1.5, 2.25], color=["#0072B2", "#E69F00"])
        ax.set_xlabel("outlet")
        ax.set_ylabel("matches per 1,000 words")
        annotate_figure(fig, title="Loaded terms", subtitle="demo · n = 2 articles", source="src")
    return fig


def test_style_is_scoped() -> None:
    before = dict(mpl.rcParams)
    with framelens_style():
        assert mpl.rcParams["svg.hashsalt"] == "framelens"
        assert mpl.rcParams["svg.fonttype"] == "path"
        assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert mpl.rcParams["svg.hashsalt"] == before["svg.hashsalt"]
    assert mpl.rcParams["font.sans-serif"] == before["font.sans-serif"]


@pytest.mark.parametrize(
    ("outlets", "expected"),
    [
        (["B", "A", "B"], {"A": OKABE_ITO[0], "B": OKABE_ITO[1]}),
        (["Zeta", "Alpha", "Mid"], {"Alpha": "#0072B2", "Mid": "#E69F00", "Zeta": "#009E73"}),
        ([], {}),
    ],
)
def test_outlet_colors(outlets: list[str], expected: dict[str, str]) -> None:
    assert outlet_colors(outlets) == expected


def test_outlet_colors_stable_under_order_and_repeat_past_palette() -> None:
    names = [f"o{i:02d}" for i in range(10)]
    a = outlet_colors(names)
    b = outlet_colors(list(reversed(names)))
    assert a == b
    assert a["o08"] == a["o00"]  # the ninth outlet wraps to the first colour
    assert len(set(a.values())) == 8


def test_corpus_subtitle() -> None:
    assert corpus_subtitle("seed", 1) == "seed · n = 1 articles"
    assert corpus_subtitle("", 1234, unit="quotes") == "corpus · n = 1,234 quotes"


def test_annotate_figure_texts() -> None:
    fig = _figure()
    by_gid = {t.get_gid(): t.get_text() for t in fig.texts}
    assert by_gid[TITLE_GID] == "Loaded terms"
    assert by_gid[SUBTITLE_GID] == "demo · n = 2 articles"
    assert by_gid[SOURCE_GID] == "src"
    ax = fig.axes[0]
    # the axes sit below the title block and above the source line
    assert ax.get_position().y1 < 1 - 0.6 / fig.get_size_inches()[1]
    plt.close(fig)


def test_save_figure_is_byte_deterministic(tmp_path: Path) -> None:
    data = pd.DataFrame({"outlet": ["A", "B"], "estimate": [1.5, 2.0 / 3.0]})
    fig = _figure()
    first = save_figure(fig, tmp_path / "one" / "chart", data=data, alt_text="Two bars.")
    second = save_figure(fig, tmp_path / "two" / "chart", data=data, alt_text="Two bars.")
    plt.close(fig)
    fig2 = _figure()  # a fresh figure drawn the same way gives the same bytes too
    third = save_figure(fig2, tmp_path / "three" / "chart", data=data, alt_text="Two bars.")
    plt.close(fig2)
    assert [p.name for p in first] == ["chart.png", "chart.svg", "chart.csv", "chart.txt"]
    for a, b, c in zip(first, second, third, strict=True):
        assert a.read_bytes() == b.read_bytes() == c.read_bytes(), a.name
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert "Two bars." in svg
    assert b"Software" not in first[0].read_bytes()
    assert first[2].read_text(encoding="utf-8") == "outlet,estimate\nA,1.5\nB,0.666667\n"
    assert first[3].read_text(encoding="utf-8") == "Two bars.\n"


def test_save_figure_requires_alt_text(tmp_path: Path) -> None:
    fig = _figure()
    with pytest.raises(ValueError, match="alt_text"):
        save_figure(fig, tmp_path / "x", data=pd.DataFrame(), alt_text="  ")
    plt.close(fig)


def test_write_csv_fixed_format(tmp_path: Path) -> None:
    df = pd.DataFrame({"a": [1.0, 0.1 + 0.2], "b": ["x,y", "é"]})
    path = write_csv(df, tmp_path / "t.csv")
    assert path.read_bytes() == 'a,b\n1,"x,y"\n0.3,é\n'.encode()
