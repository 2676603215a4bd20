"""Exact and near-duplicate articles (syndicated wire copy), flagged, never dropped silently.

* **Exact**: identical ``content_hash`` (sha1 of the cleaned text).
* **Near**: Jaccard similarity of word 5-shingle sets >= 0.8 (Broder 1997, "On the
  resemblance and containment of documents"). Tokens are the lower-cased text split at
  ASCII punctuation and whitespace (non-ASCII characters stay inside tokens); shingles are
  hashed to 64 bits. Every candidate pair is verified with the exact Jaccard of the two
  shingle-hash sets, so no pair below the threshold is ever flagged.

  Candidates come from locality-sensitive hashing of MinHash signatures (Broder 1997;
  banding as in Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3.4):
  128 registers in 25 bands of 5; two articles are candidates when all 5 registers of some
  band agree, which happens with probability 1 - (1 - s^5)^25 for Jaccard s: 0.99995 at
  s = 0.8, so a pair above the threshold is missed with probability below 1e-4.
  Signatures are one-permutation MinHash (Li, Owen & Zhang 2012, "One permutation
  hashing") with rotation densification of empty registers (Shrivastava & Li 2014): one hash
  per shingle instead of 128. The banding runs vectorised over the whole corpus (one sort
  per band). datasketch's ``MinHashLSH`` implements the same banding but inserts documents
  one at a time into Python hash tables, which alone cost more than the rest of loading
  (see docs/corpus.md); datasketch's MinHash serves as the reference in the tests.

Articles are visited in order of date (unknown dates last), then corpus order; an article
that duplicates an earlier *original* gets ``duplicate_of`` = that original's ``doc_id``
(the earliest matching one); originals have a missing value. Chains therefore always point
at an original, and every flagged pair was verified directly.
"""

from __future__ import annotations

import zlib

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


class _Vocabulary(dict[bytes, int]):
    """Token -> deterministic 32-bit id (crc32), filled on first sight."""

    def __missing__(self, token: bytes) -> int:
        value = zlib.crc32(token)
        self[token] = value
        return value


def _tokens(text: str) -> list[bytes]:
    return text.casefold().encode("utf-8").translate(_TOKEN_TABLE).split()


def _shingle_hashes(text: str, k: int, vocab: _Vocabulary) -> np.ndarray:
    """64-bit hashes of the token k-shingles of ``text`` (with repeats; empty if no token).

    A text with fewer than ``k`` tokens is one shingle.
    """
    tokens = _tokens(text)
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    ids = np.fromiter(map(vocab.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    k = min(k, len(ids))
    n = len(ids) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # polynomial hash of the k token ids (array uint64 ops wrap)
        h = h * _PRIME + ids[j : n + j]
    h ^= h >> np.uint64(30)  # splitmix64 finaliser: spreads bits for the registers
    h *= _MIX1
    h ^= h >> np.uint64(27)
    h *= _MIX2
    h ^= h >> np.uint64(31)
    return h


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
    vocab = _Vocabulary()
    with_sig: list[int] = []
    sigs = []
    for i in reps:
        sh = _shingle_hashes(texts[i], shingle, vocab)
        if len(sh):
            with_sig.append(i)
            sigs.append(_signature(sh, num_perm))
    if len(sigs) > 1:
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
                    mine = _shingle_hashes(texts[i], shingle, vocab)
                other = _shingle_hashes(texts[with_sig[c]], shingle, vocab)
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
