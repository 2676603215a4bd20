"""The shared bounded caches of framelens.memo."""

from __future__ import annotations

import pytest

from framelens import memo


def test_per_owners_computes_once_per_owner_tuple_by_identity() -> None:
    store: list = []
    calls: list[int] = []
    a, b = ["rules"], ["rules"]  # equal but not the same object

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert memo.per_owners(store, (a,), make) == 1
    assert memo.per_owners(store, (a,), make) == 1  # cached
    assert memo.per_owners(store, (b,), make) == 2  # identity, not equality
    assert memo.per_owners(store, (a, b), make) == 3  # a different tuple length
    assert len(calls) == 3


def test_per_owners_keeps_the_last_owner_tuples_only() -> None:
    store: list = []
    owners = [object() for _ in range(memo.OWNERS_KEPT + 1)]
    for i, o in enumerate(owners):
        memo.per_owners(store, (o,), lambda i=i: i)
    assert len(store) == memo.OWNERS_KEPT
    assert memo.per_owners(store, (owners[0],), lambda: "again") == "again"  # evicted
    assert memo.per_owners(store, (owners[-1],), lambda: "new") == memo.OWNERS_KEPT


def test_bounded_empties_a_full_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "MEMO_LIMIT", 3)
    m = {"a": 1, "b": 2}
    assert memo.bounded(m) is m and m == {"a": 1, "b": 2}
    m["c"] = 3
    assert memo.bounded(m) == {}
