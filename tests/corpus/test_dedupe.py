"""Exact and near-duplicate flags; corpus_dedupe."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framelens.corpus import Corpus, corpus_dedupe, find_duplicates, load_corpus
from framelens.corpus.dedupe import (
    _jaccard,
    _shingle_hashes,
    _signature,
    _signatures,
)

# 30 distinct words -> 26 word 5-shingles
Write = Callable[[str, str | bytes], Path]

SENTENCE = (
    "officials in the capital said on monday that talks with a neighbouring state "
    "would resume next week after one pause of almost two months over border trade rules "
    "and quotas"
)
BASE = SENTENCE.split()
assert len(BASE) == 30 and len(set(BASE)) == 30


def _text(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


def _shingle_jaccard(a: str, b: str) -> float:
    return _jaccard(_shingle_hashes(a, 5), _shingle_hashes(b, 5))


def test_shingle_jaccard_hand_computed() -> None:
    one_word_changed_at_end = [*BASE[:-1], "limits"]
    # 25 shared shingles of 26 each: 25 / 27
    assert _shingle_jaccard(_text(BASE), _text(one_word_changed_at_end)) == pytest.approx(25 / 27)
    middle = [*BASE[:15], "x", *BASE[16:]]
    # a middle word touches 5 shingles: 21 shared, union 26 + 5 = 31
    assert _shingle_jaccard(_text(BASE), _text(middle)) == pytest.approx(21 / 31)
    # case and punctuation do not matter
    assert _shingle_jaccard(_text(BASE), " ".join(BASE).upper() + "!") == 1.0


def test_find_duplicates_exact_near_and_below_threshold() -> None:
    near = _text([*BASE[:-1], "limits"])  # J = 25/27 = 0.93 -> near duplicate
    far = _text([*BASE[:15], "x", *BASE[16:]])  # J = 21/31 = 0.68 -> distinct
    df = pd.DataFrame(
        {
            "doc_id": ["late", "orig", "copy", "near", "far", "other"],
            "text": [_text(BASE), _text(BASE), _text(BASE), near, far, "Unrelated short text."],
            "date": [
                "2020-05-03",
                "2020-05-01",
                None,
                "2020-05-02",
                "2020-05-04",
                "2020-05-01",
            ],
        }
    )
    got = [None if pd.isna(v) else v for v in find_duplicates(df)]
    # "orig" is the earliest copy; every duplicate points at an original, never a copy
    assert got == ["orig", None, "orig", "orig", None, None]


def test_threshold_is_a_parameter() -> None:
    far = _text([*BASE[:15], "x", *BASE[16:]])  # J = 0.68
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": [_text(BASE), far]})
    assert [None if pd.isna(v) else v for v in find_duplicates(df, threshold=0.5)] == [None, "a"]
    assert find_duplicates(df).isna().all()


def test_corpus_dedupe_returns_new_corpus_without_duplicates() -> None:
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "outlet": ["X", "Y", "Z"],
            "text": [_text(BASE), _text([*BASE[:-1], "limits"]), "Something else entirely."],
        }
    )
    corpus = Corpus(frame)
    deduped = corpus_dedupe(corpus)
    assert deduped.doc_ids == ["a", "c"]
    assert corpus.doc_ids == ["a", "b", "c"]  # the original is unchanged
    assert deduped.attrs["derived"] == [
        {"dedupe": {"threshold": 0.8, "shingle": 5, "removed": ["b"]}}
    ]


def test_tokens_and_short_texts() -> None:
    # "Belarus'" and "belarus" are the same token; fewer than 5 tokens make one shingle
    assert len(_shingle_hashes("Belarus' vote", 5)) == 1
    assert _jaccard(_shingle_hashes("Belarus' vote", 5), _shingle_hashes("belarus VOTE!", 5)) == 1.0
    assert len(_shingle_hashes("... !!!", 5)) == 0


def test_signature_estimates_jaccard() -> None:
    a = _shingle_hashes(_text(BASE * 20), 5)
    sig = _signature(a, 128)
    assert sig.shape == (128,)
    assert (_signature(a.copy(), 128) == sig).all()  # deterministic
    # identical sets give identical registers, even with empty registers densified
    small = _shingle_hashes(_text(BASE), 5)
    assert (_signature(small, 128) == _signature(small[::-1], 128)).all()
    with pytest.raises(ValueError, match="power of two"):
        find_duplicates(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), num_perm=100)


def test_load_flags_near_by_default_and_exact_on_request(write: Write, tmp_path: Path) -> None:
    write("a.md", f"---\noutlet: X\ndate: 2020-01-01\n---\n{_text(BASE)}\n")
    write("b.md", f"---\noutlet: Y\ndate: 2020-01-02\n---\n{_text([*BASE[:-1], 'limits'])}\n")
    write("c.md", f"---\noutlet: Z\n---\n{_text(BASE)}\n")
    near = load_corpus(tmp_path).to_frame().set_index("doc_id")["duplicate_of"]
    assert near.fillna("").to_dict() == {"a": "", "b": "a", "c": "a"}
    exact = load_corpus(tmp_path, duplicates="exact").to_frame().set_index("doc_id")
    assert exact["duplicate_of"].fillna("").to_dict() == {"a": "", "b": "", "c": "a"}
    with pytest.raises(ValueError, match="duplicates"):
        load_corpus(tmp_path, duplicates="fuzzy")  # type: ignore[arg-type]


def test_signature_agrees_with_datasketch_minhash_reference() -> None:
    """Register agreement estimates Jaccard like datasketch's classic MinHash (the oracle)."""
    from datasketch import MinHash

    words = [f"w{i}" for i in range(400)]  # 400 distinct tokens -> 396 shingles
    edited = list(words)
    for pos in range(20, 400, 40):  # 10 edits far apart: 50 shingles differ on each side
        edited[pos] = f"x{pos}"
    a = _shingle_hashes(" ".join(words), 5)
    b = _shingle_hashes(" ".join(edited), 5)
    exact = _jaccard(a, b)
    assert exact == pytest.approx(346 / 446)
    ours = float(np.mean(_signature(a, 128) == _signature(b, 128)))
    ref_a, ref_b = MinHash(num_perm=128, seed=1), MinHash(num_perm=128, seed=1)
    ref_a.update_batch([int(h).to_bytes(8, "little") for h in a])
    ref_b.update_batch([int(h).to_bytes(8, "little") for h in b])
    ref = ref_a.jaccard(ref_b)
    # both are unbiased estimates with standard error ~ sqrt(J(1-J)/128) = 0.037
    assert abs(ours - exact) < 0.12
    assert abs(ref - exact) < 0.12


def test_bulk_signatures_equal_per_text_signatures() -> None:
    texts = [
        _text(BASE),
        _text(BASE[:4]),  # 4 tokens: one shingle, 127 registers densified
        "",
        "... !!!",  # no token
        _text(BASE * 3),
        "One two three four five",  # exactly 5 tokens
    ]
    sig, has = _signatures(texts, 5, 128)
    assert has.tolist() == [True, True, False, False, True, True]
    for text, row, ok in zip(texts, sig, has, strict=True):
        if ok:
            assert (row == _signature(_shingle_hashes(text, 5), 128)).all(), text


def test_bulk_token_hashes_equal_per_text_hashes_across_slices() -> None:
    from framelens.corpus import dedupe

    texts = [f"Article {i}: the wire copy of story {i % 7}, reprinted. " * 400 for i in range(120)]
    texts[5] = ""  # a text without tokens contributes nothing
    bulk, counts = dedupe._token_hashes(texts)
    assert sum(len(t) for t in texts) > 2 * dedupe._SLICE  # several slices were hashed
    singles = [dedupe._token_hashes([t])[0] for t in texts]
    assert counts.tolist() == [len(s) for s in singles]
    assert (bulk == np.concatenate(singles)).all()
    # the same token always gets the same hash, different tokens different ones
    h, _ = dedupe._token_hashes(["wire Wire WIRE copy"])
    assert h[0] == h[1] == h[2] != h[3]
