from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from framelens.corpus.model import Corpus, Document
from framelens.pipeline import map_documents


def _words_df(doc: Document) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [doc.doc_id] * len(doc.text.split()), "w": doc.text.split()})


def _words_dict(doc: Document) -> dict[str, list[Any]]:
    words = doc.text.split()
    return {"doc_id": [doc.doc_id] * len(words), "w": words}


CORPUS = Corpus(
    pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "outlet": ["X", "Y", "X"],
            "text": ["one two", "", "three"],
            "date": ["2020-01-02", None, "2020-01-03"],
        }
    )
)
EXPECTED = [("a", "one"), ("a", "two"), ("c", "three")]


@pytest.mark.parametrize("extractor", [_words_df, _words_dict])
@pytest.mark.parametrize("backend", ["serial", "processes", "dask"])
def test_backends_give_identical_rows_in_corpus_order(extractor: Any, backend: Any) -> None:
    out = map_documents(extractor, CORPUS, backend=backend, n_jobs=2)
    assert list(out.itertuples(index=False, name=None)) == EXPECTED


def test_empty_result_keeps_schema() -> None:
    empty = pd.DataFrame({"doc_id": pd.Series(dtype="str"), "w": pd.Series(dtype="str")})
    out = map_documents(
        _words_dict, Corpus(pd.DataFrame({"doc_id": ["z"], "text": [""]})), empty=empty
    )
    assert list(out.columns) == ["doc_id", "w"] and len(out) == 0


def test_documents_carry_metadata() -> None:
    docs = list(CORPUS)
    assert [d.outlet for d in docs] == ["X", "Y", "X"]
    assert docs[0].date == pd.Timestamp("2020-01-02") and docs[1].date is None
    assert CORPUS["c"].text == "three"


def test_unknown_backend() -> None:
    with pytest.raises(ValueError, match="unknown backend"):
        map_documents(_words_df, CORPUS, backend="gpu")  # type: ignore[arg-type]
