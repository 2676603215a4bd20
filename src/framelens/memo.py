"""Small caches shared by the attribution modules.

Two kinds, both bounded:

- :func:`per_owners`: a value computed once per tuple of *owner* objects (a rules object,
  a country table, an actor registry, a tuple of phrase finders), compared by identity
  because owners are never changed after construction; the last :data:`OWNERS_KEPT` tuples
  are kept per store.
- :func:`bounded`: a memo dict of a pure function of short strings (mentions, titles),
  emptied when it reaches :data:`MEMO_LIMIT` entries.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

_K = TypeVar("_K")
_V = TypeVar("_V")

#: Entries a memo of :func:`bounded` holds before it is emptied.
MEMO_LIMIT = 50_000
#: Owner tuples remembered per :func:`per_owners` store.
OWNERS_KEPT = 4


def per_owners(
    store: list[tuple[tuple[Any, ...], _V]], owners: tuple[Any, ...], make: Callable[[], _V]
) -> _V:
    """``make()``, computed once per ``owners`` (compared element by element by identity)
    and kept in ``store`` for the last :data:`OWNERS_KEPT` owner tuples.

    Examples
    --------
    >>> store: list = []
    >>> rules = object()
    >>> per_owners(store, (rules,), list) is per_owners(store, (rules,), list)
    True
    """
    for known, value in store:
        if len(known) == len(owners) and all(map(operator.is_, known, owners)):
            return value
    value = make()
    store.append((owners, value))
    del store[:-OWNERS_KEPT]
    return value


def bounded(memo: dict[_K, _V]) -> dict[_K, _V]:
    """``memo``, emptied first when it holds :data:`MEMO_LIMIT` entries or more."""
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    return memo
