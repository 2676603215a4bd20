"""Exact and near-duplicate articles (syndicated wire copy), flagged, never dropped silently.

* **Exact**: identical ``content_hash`` (sha1 of the cleaned text).
* **Near**: Jaccard similarity of word 5-shingle sets >= 0.8 (Broder 1997, "On the
  resemblance and containment of documents"). Tokens are the lower-cased text split at
  ASCII punctuation and whitespace (non-ASCII characters stay inside tokens); shingles are
  hashed to 64 bits (a vectorised polynomial hash of each token's bytes, then of the 5
  token hashes). Every candidate pair is verified with the exact Jaccard of the two
  shingle-hash sets, so no pair below the threshold is ever flagged.

  Candidates come from locality-sensitive hashing of MinHash signatures (Broder 1997;
  banding as in Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3.4):
  128 registers in 25 bands of 5; two articles are candidates when all 5 registers of some
  band agree, which happens with probability 1 - (1 - s^5)^25 for Jaccard s: 0.99995 at
  s = 0.8, so a pair above the threshold is missed with probability below 1e-4.
  Signatures are one-permutation MinHash (Li, Owen & Zhang 2012, "One permutation
  hashing") with rotation densification of empty registers (Shrivastava & Li 2014): one hash
  per shingle instead of 128. The banding runs vectorised over the whole corpus (one sort
  per band). datasketch's ``MinHashLSH`` implements the same banding but inserts and
  queries documents band by band in Python; at its optimised 14 x 9 banding it was slower and
  had lower recall at 0.8 (docs/corpus.md). datasketch's classic MinHash is the reference the
  tests compare these signatures with.

Articles are visited in order of date (unknown dates last), then corpus order; an article
that duplicates an earlier *original* gets ``duplicate_of`` = that original's ``doc_id``
(the earliest matching one); originals have a missing value. Chains therefore always point
at an original, and every flagged pair was verified directly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framelens.corpus.model import Corpus

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.8
#: LSH bands (of NUM_PERM // BANDS = 5 registers): a pair with Jaccard s becomes a candidate
#: with probability 1 - (1 - s^5)^25: 0.99995 at s = 0.8, 0.55 at 0.5, 0.06 at 0.3.
BANDS = 25

# bytes -> token bytes: ASCII letters/digits and every non-ASCII byte are token bytes
_TOKEN_TABLE = bytes(
    c if (0x30 <= c <= 0x39 or 0x61 <= c <= 0x7A or c >= 0x80) else 0x20 for c in range(256)
)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_PRIME = np.uint64(1_000_003)
_CHUNK = 2048  # texts per vectorised signature batch (bounds memory)


_POLY = np.uint64(0x100000001B3)  # odd base of the per-token polynomial hash (mod 2**64)
_POLY_INV = np.uint64(pow(int(_POLY), -1, 2**64))
_POWERS: dict[str, np.ndarray] = {}
_SLICE = 1 << 20


def _powers(name: str, base: np.uint64, n: int) -> np.ndarray:
    """``base ** arange(n)`` modulo 2**64, cached and grown on demand."""
    have = _POWERS.get(name)
    if have is None or len(have) < n:
        size = max(n, 2 * len(have) if have is not None else 1 << 16)
        arr = np.full(size, base, dtype=np.uint64)
        arr[0] = 1
        have = np.cumprod(arr, dtype=np.uint64)  # wraps modulo 2**64
        _POWERS[name] = have
    return have[:n]


def _token_hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of every token of every text, concatenated, and the token count per text.

    Tokens are maximal runs of token bytes (see ``_TOKEN_TABLE``) of the case-folded UTF-8
    text. A token's hash is the polynomial ``sum(b[j] * POLY ** (end - 1 - j))`` modulo 2**64,
    computed for all tokens at once from prefix sums of ``b[j] * POLY ** -j`` (POLY is odd,
    hence invertible modulo 2**64), then mixed with its length: no Python work per token.
    """
    blobs = [t.casefold().encode("utf-8").translate(_TOKEN_TABLE) for t in texts]
    # Work in slices of about 1 MiB so the table of powers stays small and cache-friendly.
    groups: list[list[bytes]] = [[]]
    size = 0
    for blob in blobs:
        if size > _SLICE and groups[-1]:
            groups.append([])
            size = 0
        groups[-1].append(blob)
        size += len(blob) + 1
    if len(groups) > 1:
        done = [_hash_blobs(g) for g in groups]
        return (np.concatenate([h for h, _ in done]), np.concatenate([c for _, c in done]))
    return _hash_blobs(blobs)


def _hash_blobs(blobs: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    buf = b" ".join(blobs) + b" "
    arr = np.frombuffer(buf, dtype=np.uint8)
    is_tok = arr != 0x20
    edges = np.diff(np.concatenate(([False], is_tok)).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    doc_starts = np.cumsum([0] + [len(x) + 1 for x in blobs[:-1]]) if blobs else np.zeros(0)
    counts = np.diff(np.searchsorted(starts, np.append(doc_starts, len(buf))))
    if len(starts) == 0:
        return np.empty(0, dtype=np.uint64), counts.astype(np.intp)
    weighted = arr.astype(np.uint64) * _powers("inv", _POLY_INV, len(arr))
    prefix = np.concatenate(([np.uint64(0)], np.cumsum(weighted, dtype=np.uint64)))
    h = (prefix[ends] - prefix[starts]) * _powers("pow", _POLY, len(arr))[ends - 1]
    h ^= (ends - starts).astype(np.uint64) << np.uint64(56)
    return _mix(h), counts.astype(np.intp)


def _shingle_hashes(text: str, k: int) -> np.ndarray:
    """64-bit hashes of the token k-shingles of ``text`` (with repeats; empty if no token).

    A text with fewer than ``k`` tokens is one shingle.
    """
    ids, _ = _token_hashes([text])
    if not len(ids):
        return np.empty(0, dtype=np.uint64)
    k = min(k, len(ids))
    n = len(ids) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # polynomial hash of the k token hashes (array uint64 ops wrap)
        h = h * _PRIME + ids[j : n + j]
    return _mix(h)


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two hash arrays taken as sets."""
    a, b = np.unique(a), np.unique(b)
    inter = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - inter
    return inter / union if union else 0.0


def _signature(h: np.ndarray, num_perm: int) -> np.ndarray:
    """One-permutation MinHash of shingle hashes ``h`` with rotation densification."""
    bits = int(num_perm).bit_length() - 1
    shift = np.uint64(64 - bits)
    bins = (h >> shift).astype(np.intp)
    vals = h & np.uint64((1 << (64 - bits)) - 1)
    sig = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    np.minimum.at(sig, bins, vals)
    empty = sig == np.iinfo(np.uint64).max
    if empty.any():
        full = np.flatnonzero(~empty)
        holes = np.flatnonzero(empty)
        nxt = full[np.searchsorted(full, holes) % len(full)]  # next filled register, circular
        dist = ((nxt - holes) % num_perm).astype(np.uint64)
        sig[holes] = sig[nxt] + dist * np.uint64(1 << (64 - bits))
    return sig


def _visit_order(frame: pd.DataFrame) -> np.ndarray:
    """Row positions by date (unknown dates last), ties in corpus order."""
    n = len(frame)
    if "date" not in frame.columns:
        return np.arange(n)
    dates = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    unknown = dates.isna().to_numpy()
    stamp = dates.to_numpy().astype("int64")
    stamp[unknown] = 0
    return np.lexsort((np.arange(n), stamp, unknown))


def exact_duplicates(frame: pd.DataFrame) -> pd.Series:
    """Return ``duplicate_of`` flagging exact copies only (identical ``content_hash``).

    Same visiting order and output as :func:`find_duplicates`, without near-duplicates.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Same.", "Same."]})
    >>> exact_duplicates(df).tolist()
    [nan, 'a']
    """
    n = len(frame)
    out: list[str | None] = [None] * n
    ids = [str(d) for d in frame["doc_id"]]
    keys = list(frame["content_hash"] if "content_hash" in frame.columns else frame["text"])
    first: dict[object, int] = {}
    for pos in _visit_order(frame):
        i = int(pos)
        j = first.setdefault(keys[i], i)
        if j != i:
            out[i] = ids[j]
    return pd.Series(out, index=frame.index, dtype="str")


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser (in place): spreads the bits of shingle hashes for the registers."""
    h ^= h >> np.uint64(30)
    h *= _MIX1
    h ^= h >> np.uint64(27)
    h *= _MIX2
    h ^= h >> np.uint64(31)
    return h


def _densify(sig: np.ndarray, shift: int) -> None:
    """Fill empty registers (all ones) of each row in place: value of the next filled register
    to the right (circular) plus ``distance << shift`` (rotation densification)."""
    empty_value = np.iinfo(np.uint64).max
    orig = sig.copy()
    orig_empty = orig == empty_value
    need = orig_empty.copy()  # registers still to fill
    todo = np.flatnonzero(need.any(axis=1) & ~need.all(axis=1))
    width = sig.shape[1]
    d = 0
    while len(todo) and d < width - 1:
        d += 1
        src = np.roll(orig[todo], -d, axis=1)
        src_empty = np.roll(orig_empty[todo], -d, axis=1)
        rows, cols = np.nonzero(need[todo] & ~src_empty)
        sig[todo[rows], cols] = src[rows, cols] + np.uint64(d << shift)
        need[todo[rows], cols] = False
        todo = todo[need[todo].any(axis=1)]


def _signatures(texts: list[str], k: int, num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """One-permutation MinHash signatures of many texts at once.

    Returns the ``(len(texts), num_perm)`` signature matrix and a mask of the texts that have
    at least one token. Identical to :func:`_signature` of :func:`_shingle_hashes` per text,
    vectorised over the texts (the tests check both paths agree).
    """
    ids, counts = _token_hashes(texts)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    bits = int(num_perm).bit_length() - 1
    shift = 64 - bits
    parts: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    long_docs = np.flatnonzero(counts >= k)
    if len(long_docs) and len(ids) >= k:
        n = len(ids) - k + 1
        h = np.zeros(n, dtype=np.uint64)
        for j in range(k):  # the same polynomial as _shingle_hashes, over all texts at once
            h = h * _PRIME + ids[j : n + j]
        n_sh = counts[long_docs] - k + 1
        owner = np.repeat(long_docs, n_sh)
        # window start positions inside each text: its offset + 0 .. n_sh - 1
        within = np.arange(len(owner)) - np.repeat(np.cumsum(n_sh) - n_sh, n_sh)
        parts.append(_mix(h[offsets[owner] + within]))
        owners.append(owner)
    for d in np.flatnonzero((counts > 0) & (counts < k)):  # short texts: one shingle
        parts.append(_shingle_hashes(texts[d], k))
        owners.append(np.array([d], dtype=np.intp))
    flat = np.full(len(texts) * num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    if parts:
        h_all = np.concatenate(parts)
        owner_all = np.concatenate(owners)
        cells = owner_all * num_perm + (h_all >> np.uint64(shift)).astype(np.intp)
        np.minimum.at(flat, cells, h_all & np.uint64((1 << shift) - 1))
    sig = flat.reshape(len(texts), num_perm)
    _densify(sig, shift)
    return sig, counts > 0


def _band_pairs(sigs: np.ndarray, bands: int, rows: int) -> dict[int, list[int]]:
    """LSH banding: rows of ``sigs`` that agree on all ``rows`` registers of some band.

    Returns, for each row index, the smaller row indices it shares a band bucket with.
    Vectorised over the corpus: one sort per band.
    """
    neighbours: dict[int, set[int]] = {}
    n = len(sigs)
    if n < 2:
        return {}
    for band in range(bands):
        block = sigs[:, band * rows : (band + 1) * rows]
        key = np.zeros(n, dtype=np.uint64)
        for col in range(rows):  # polynomial combination of the band's registers (wrapping)
            key = key * _PRIME + block[:, col]
        order = np.argsort(key, kind="stable")
        k = key[order]
        same = np.flatnonzero(k[1:] == k[:-1])
        if len(same) == 0:
            continue
        # group starts: positions where a run of equal keys begins
        starts = same[np.concatenate(([True], np.diff(same) != 1))]
        for start in starts:
            end = start + 1
            while end < n and k[end] == k[start]:
                end += 1
            members = sorted(int(x) for x in order[start:end])
            for pos, m in enumerate(members[1:], start=1):
                neighbours.setdefault(m, set()).update(members[:pos])
    return {m: sorted(v) for m, v in neighbours.items()}


def find_duplicates(
    frame: pd.DataFrame,
    *,
    threshold: float = THRESHOLD,
    shingle: int = SHINGLE,
    num_perm: int = NUM_PERM,
    bands: int = BANDS,
) -> pd.Series:
    """Return ``duplicate_of`` for each row of an article table (missing for originals).

    Parameters
    ----------
    frame : pandas.DataFrame
        With ``doc_id`` and ``text`` columns, and optionally ``content_hash`` and ``date``
        (as in ``Corpus.to_frame()``).
    threshold : float, default 0.8
        Minimum word-shingle Jaccard similarity for a near-duplicate.
    shingle : int, default 5
        Tokens per shingle (texts shorter than this are one shingle).
    num_perm : int, default 128
        MinHash registers (a power of two).
    bands : int, default 25
        LSH bands of ``num_perm // bands`` registers each.

    Returns
    -------
    pandas.Series
        Of dtype ``str``, aligned with ``frame``.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Same words here.", "Same words here."]})
    >>> find_duplicates(df).tolist()
    [nan, 'a']
    """
    if num_perm < 2 or num_perm & (num_perm - 1):
        raise ValueError(f"num_perm must be a power of two, got {num_perm}")
    if not 1 <= bands <= num_perm:
        raise ValueError(f"bands must be between 1 and num_perm={num_perm}, got {bands}")
    n = len(frame)
    out: list[str | None] = [None] * n
    if n == 0:
        return pd.Series(out, index=frame.index, dtype="str")
    texts = [str(t) for t in frame["text"]]
    ids = [str(d) for d in frame["doc_id"]]
    keys = list(frame["content_hash"] if "content_hash" in frame.columns else texts)
    # exact copies: the first in visiting order represents its copies
    first: dict[object, int] = {}
    reps: list[int] = []  # representatives, in visiting order
    for pos in _visit_order(frame):
        i = int(pos)
        if first.setdefault(keys[i], i) == i:
            reps.append(i)
    # near-duplicates among representatives: signatures, banding, exact verification
    with_sig: list[int] = []
    sigs = []
    for start in range(0, len(reps), _CHUNK):
        chunk = reps[start : start + _CHUNK]
        block, has = _signatures([texts[i] for i in chunk], shingle, num_perm)
        with_sig.extend(i for i, h in zip(chunk, has, strict=True) if h)
        sigs.append(block[has])
    if len(with_sig) > 1:
        rows = num_perm // bands
        pairs = _band_pairs(np.vstack(sigs), bands, rows)
        is_dup: set[int] = set()
        for p, cands in sorted(pairs.items()):
            i = with_sig[p]
            mine: np.ndarray | None = None
            for c in cands:  # earlier in visiting order first
                if c in is_dup:
                    continue
                if mine is None:
                    mine = _shingle_hashes(texts[i], shingle)
                other = _shingle_hashes(texts[with_sig[c]], shingle)
                if _jaccard(mine, other) >= threshold:
                    out[i] = ids[with_sig[c]]
                    is_dup.add(p)
                    break
    for i in range(n):
        j = first[keys[i]]
        if j != i:
            out[i] = out[j] if out[j] is not None else ids[j]
    return pd.Series(out, index=frame.index, dtype="str")


def corpus_dedupe(
    corpus: Corpus,
    *,
    threshold: float = THRESHOLD,
    shingle: int = SHINGLE,
) -> Corpus:
    """Return a new corpus without exact and near-duplicate articles (originals kept).

    Duplicates are recomputed with :func:`find_duplicates` (same defaults as loading), so
    this works on any corpus; the removed ``doc_id`` values and parameters are recorded in
    the new corpus' provenance (``attrs["derived"]``).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Hi.", "Hi."]})
    >>> corpus_dedupe(Corpus(df)).doc_ids
    ['a']
    """
    frame = corpus.to_frame()
    dup = find_duplicates(frame, threshold=threshold, shingle=shingle)
    frame["duplicate_of"] = dup
    keep = frame[dup.isna()]
    removed = sorted(frame.loc[dup.notna(), "doc_id"])
    return corpus.with_frame(
        keep, dedupe={"threshold": threshold, "shingle": shingle, "removed": removed}
    )
