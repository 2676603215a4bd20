"""Property: random bytes, encodings and names never crash the loader; files always reconcile."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framelens.corpus import CorpusError, load_corpus

SUFFIXES = [".md", ".txt", ".html", ".csv", ".jsonl", ".parquet", ".png", ""]
CODECS = ["utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1"]
NAMES = st.text(alphabet="abXY _.-éжREADM", min_size=1, max_size=8).filter(
    lambda s: s not in (".", "..")
)
TEXT = st.text(max_size=200)


@st.composite
def contents(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "native", "csv"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    codec = draw(st.sampled_from(CODECS))
    body = draw(TEXT)
    if kind == "native":
        outlet = draw(st.sampled_from(["X", "", "telesur"]))
        date = draw(st.sampled_from(["2020-01-02", "soon", ""]))
        body = f"---\noutlet: {outlet}\ndate: {date}\n---\n{body}"
    elif kind == "csv":
        body = f"text,outlet\n{body},X\n"
    try:
        return body.encode(codec)
    except UnicodeEncodeError:
        return body.encode("utf-8")


FILES = st.lists(
    st.tuples(NAMES, st.sampled_from(SUFFIXES), st.sampled_from(["", "sub/"]), contents()),
    min_size=1,
    max_size=6,
    unique_by=lambda f: (f[2] + f[0] + f[1]).casefold(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=FILES)
def test_loader_never_crashes_and_reconciles(files: list[tuple[str, str, str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        written = set()
        for name, suffix, folder, data in files:
            rel = f"{folder}{name}{suffix}"
            if folder:
                (root / folder).mkdir(exist_ok=True)
            (root / rel).write_bytes(data)
            written.add(rel)
        corpus = load_corpus(root, max_bytes=250)
        rec = corpus.attrs["reconciliation"]
        assert rec["files"] == len(written)
        assert rec["files"] == rec["loaded_files"] + rec["rejected_files"] + rec["skipped_files"]
        frame = corpus.to_frame()
        seen = (
            set(frame["source_path"])
            | set(corpus.rejections["source_path"])
            | {s["source_path"] for s in corpus.attrs["skipped"]}
        )
        assert seen == written
        assert rec["articles"] == len(corpus)
        assert frame["doc_id"].is_unique
        try:
            strict = load_corpus(root, max_bytes=250, strict=True)
        except CorpusError as exc:
            assert len(corpus.rejections) > 0
            assert str(exc) == corpus.rejections["message"].iloc[0]
        else:
            assert len(corpus.rejections) == 0
            assert strict.doc_ids == corpus.doc_ids
