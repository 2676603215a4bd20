"""Bytes -> text with the encoding detected and recorded, never silent mojibake.

Order of decisions (documented in docs/corpus.md):

1. A byte-order mark decides: UTF-8 (``utf-8-sig``), UTF-16 or UTF-32.
2. Bytes that are valid UTF-8 are UTF-8.
3. Bytes with NUL characters (binary, or UTF-16 without a BOM) are rejected.
4. Otherwise a legacy 8-bit encoding (cp1251, cp1252 or latin-1). charset-normalizer must
   find the bytes plausible in one of them (else: rejected); then a sanity rule on words
   chooses between Cyrillic and Latin: cp1251 bytes read as latin-1 give words made only of
   accented letters ("Ïðèâåò"), latin-1 bytes read as cp1251 give words mixing Latin and
   Cyrillic letters ("cafй"). The majority of such words wins; when no word tells them
   apart and the two readings differ (a lone "£" or "à"), the file is rejected as
   ambiguous rather than guessed.
5. Decoded text that is mostly control characters is rejected as binary.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from framelens.corpus.errors import Problem

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("cp1251", "cp1252", "latin_1")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the codec name that produced it (recorded per file)."""

    text: str
    encoding: str


def _cyrillic_votes(data: bytes) -> tuple[int, int]:
    """Return (words pointing to cp1251, words pointing to a Latin encoding)."""
    as_cyr = data.decode("cp1251", errors="replace")
    cyr = latin = 0
    for m in _WORD.finditer(as_cyr):
        w = m.group()
        has_cyr = bool(_CYRILLIC.search(w))
        if not has_cyr:
            continue
        if _ASCII_LETTER.search(w):
            latin += 1  # "cafй": Latin word with one accented letter read as Cyrillic
        elif len(w) >= 2:
            cyr += 1  # "Привет": a whole word of Cyrillic letters
    return cyr, latin


def _legacy(data: bytes) -> str:
    """Choose a legacy 8-bit codec for ``data`` or raise ``Problem``."""
    from charset_normalizer import from_bytes

    if from_bytes(data, cp_isolation=list(_LEGACY)).best() is None:
        raise Problem("undecodable", "not UTF-8 and not plausible cp1251/cp1252/latin-1 text")
    latin_codec = "cp1252" if any(0x80 <= b <= 0x9F for b in data) else "latin-1"
    try:
        as_latin: str | None = data.decode(latin_codec)
    except UnicodeDecodeError:
        as_latin = None
    try:
        as_cyr: str | None = data.decode("cp1251")
    except UnicodeDecodeError:
        as_cyr = None
    cyr, latin = _cyrillic_votes(data)
    if as_cyr is not None and (cyr > latin or as_latin is None):
        return "cp1251"
    if as_latin is not None and (latin > cyr or as_latin == as_cyr or as_cyr is None):
        return latin_codec
    raise Problem(
        "undecodable",
        "not UTF-8 and the legacy encoding is ambiguous (cp1251 vs latin-1 give different "
        "text and no word tells them apart); re-save the file as UTF-8",
    )


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``; raise :class:`~framelens.corpus.errors.Problem` when it is not text.

    Parameters
    ----------
    data : bytes
        Raw file content.

    Returns
    -------
    Decoded
        The text (BOM removed) and the codec name: ``utf-8``, ``utf-8-sig``, ``utf-16``,
        ``utf-32``, ``cp1251``, ``cp1252`` or ``latin-1``.

    Examples
    --------
    >>> decode_bytes("Привет, мир".encode("cp1251")).encoding
    'cp1251'
    >>> decode_bytes("café crème".encode("latin-1")).text
    'café crème'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise Problem(
                    "undecodable", f"{name} byte-order mark but invalid {name} ({exc.reason})"
                ) from None
            return _checked(text.lstrip("\ufeff"), name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # In UTF-8 every control character is its own byte: deleting them from the bytes
        # (C speed) tells whether the text has any, without a regex pass over the text.
        if len(data.translate(None, _CONTROL_BYTES)) == len(data):
            return Decoded(text, "utf-8")
        return _checked(text, "utf-8")
    if b"\x00" in data:
        raise Problem("undecodable", "binary content (NUL bytes; UTF-16 needs a byte-order mark)")
    enc = _legacy(data)
    return _checked(data.decode("latin-1" if enc == "latin-1" else enc), enc)


def _checked(text: str, encoding: str) -> Decoded:
    if _CONTROL.search(text) is None:  # one C-level pass over the text
        return Decoded(text, encoding)
    n_control = len(_CONTROL.findall(text))
    if "\x00" in text or n_control > max(2, len(text) // 100):
        raise Problem("undecodable", f"binary content ({n_control} control characters)")
    return Decoded(text, encoding)
