"""Extract attributions (direct quotes, indirect speech, "according to", mixed) from an article.

Rule-based and parser-free: the text is cut into sentences (:func:`units.sentence_spans`)
and quotation spans (:func:`units.quote_spans`); every cue of the cue lexicon
(:mod:`framelens.attribution.cues`) outside quotation marks anchors at most one attribution.
Around the cue, a handful of ordered rules find the speaker mention (the noun phrase before
the cue, or after it when inverted: ``"...," said Lavrov``) and the content:

1. a quotation that ends right before the speech tag (``"...," he said``) or opens right
   after it (``Lavrov stated: "..."``) is the content (``direct``); a quotation that starts
   mid-sentence after other words (``Moscow will "block ..." he added``) makes the content
   run from the sentence start to the closing mark (``mixed``); a quotation after the tag
   that ends in its own comma or final mark, or follows a colon, stays ``direct`` even
   when narration follows (``said "this is a terrible attack," before the session ended``,
   ``told reporters: "..." as the talks ended``);
2. a tag at the end of its sentence after a comma (``..., Makei said.``) takes the clause
   before it (``indirect``, or ``mixed`` when the clause holds a speech-like quotation);
3. otherwise the clause after the cue, minus a leading "that" and the final period
   (``Makei affirmed that ...``), up to a later tag or a coordinated clause with a subject
   of its own (``..., and several shops have closed``);
4. ``according to X`` takes the rest of its sentence, on whichever side of it.

A short bare object built around scare quotes (``praised the so-called "calm" streets``) is
not reported speech.

A split quote (``"We will not," she said, "back down."``) is one attribution whose content
runs from the first fragment's first character to the last fragment's last character
(the speech tag in between is inside the span). A further quotation in a later sentence of
the same paragraph with no tag of its own (``"One," he said. "Two."``) is a row of its own
with the same cue and speaker by default, or part of the first row with
``continuations="merge"``. Content spans exclude the outer quotation marks. The method and
its measured quality are in ``docs/attribution_extraction.md``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from operator import attrgetter, itemgetter
from typing import Any, Literal

import numpy as np
import pandas as pd

from framelens.attribution.cues import Cue, CueLexicon, load_cues
from framelens.corpus.model import Document, empty_frame
from framelens.corpus.units import QuoteSpan, paragraph_spans, quote_spans, sentence_spans
from framelens.memo import bounded

#: Columns of :func:`extract_attributions` rows, in order, with their pandas dtypes.
ATTRIBUTION_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "attribution_id": "str",  # "<doc_id>:<n>", n counting from 1 in content order
    "kind": "str",  # direct | indirect | according_to | mixed
    "content_start": "int64",
    "content_end": "int64",
    "content": "str",
    "cue": "str",  # the cue as written ("said", "pointed out", "according to")
    "cue_lemma": "str",
    "cue_class": "str",  # neutral | endorsing | distancing | emotive | cognition
    "cue_start": "int64",
    "cue_end": "int64",
    "speaker_mention": "str",  # the mention as written; "" when absent
    "speaker_start": "int64",  # -1 when absent
    "speaker_end": "int64",
    "speaker": "str",  # filled by attribution.speakers.resolve_speakers
    "speaker_role": "str",
    "speaker_affiliation": "str",
    "role_rule": "str",
    "sentence_id": "int64",  # index into units.sentence_spans(text) of the cue's sentence
    "warning": "str",  # recovery notes (e.g. an unclosed quotation mark); "" when none
}

Kind = str
Span = tuple[int, int]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TOKEN_RE = re.compile(r"\w+(?:[-'’.&]\w+)*%?\.?|[^\w\s]")  # ("42%" is one token)
# Words that end a speaker noun phrase when scanning away from the cue.
_STOP = _wordset(
    """as that when while because since if although though but or so after before which who
    whom whose where whether than then there also however meanwhile thus hence yet
    in on during by with into over under through about against between among without
    is was are were be been being has have had do does did will would can could should may
    might must shall not never
    yesterday today tonight last this next week month year morning afternoon evening night
    earlier later recently previously once again
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    said says say told added"""
)
_PRONOUNS = _wordset("he she they we i it you")
_OBJECT_PRONOUNS = _wordset("him them us me")
_DETERMINERS = _wordset("the a an his her their its this that these those our my your")
# Between the subject and its cue: auxiliaries, negation and adverbs ("has also said").
_AUX = _wordset(
    """has have had will would could should may might must shall did does do is was are were
    can cannot now also then later again previously repeatedly publicly privately once
    recently earlier further already still just even reportedly initially"""
) | {  # contractions: "doesn't tell", "can't say"
    f"{aux}{apostrophe}t"
    for aux in (
        "doesn",
        "don",
        "didn",
        "won",
        "can",
        "couldn",
        "wouldn",
        "isn",
        "wasn",
        "hasn",
        "haven",
        "hadn",
        "shouldn",
    )
    for apostrophe in ("'", "’")
}
_ABBREVIATIONS = _wordset(
    "mr mrs ms dr jr sr st gen col lt sgt gov sen rep rev prof inc corp co ltd"
)
_PREPOSITIONS = _wordset("of for from at to close")
_QUOTE_CHARS = "\"“”«»„‟‹›'’"
# Precompiled forms of small patterns used in the rules (same patterns as inline).
_WORD_RE = re.compile(r"\w")
_NOT_TO_RE = re.compile(r"\s+not\s+to\b")
_FROM_RE = re.compile(r"\s+from\b")
_NAME_AFTER_RE = re.compile(r"\s+[A-Z“\"'‘]")
_OFF_RE = re.compile(r"\s+off\b")
_ABBREV_RE = re.compile(r"\b[A-Z][a-z]{0,3}\.")
_INTRO_END_RE = re.compile(r"[:,]\s*$")
_COLON_RE = re.compile(r"\s*:")
_AFTER_TAG_RE = re.compile(r"\s*(?:,|:|—|–)?\s*(?:that\s+)?")
_LABEL_COLON_RE = re.compile(r"\s*(?:\w[^\n]{0,60})?:\s*$")


@dataclass(slots=True)
class _Attribution:
    kind: Kind
    content_start: int
    content_end: int
    cue: str
    cue_entry: Cue
    cue_start: int
    cue_end: int
    speaker: Span | None
    sentence_id: int
    warning: str = ""


class _Context:
    """Per-document state shared by the rules."""

    def __init__(self, text: str, lexicon: CueLexicon, *, merge: bool = True) -> None:
        self.text = text
        self.lexicon = lexicon
        self.merge = merge
        self.sentences = sentence_spans(text)
        self.sent_starts = list(map(itemgetter(0), self.sentences))
        self.paragraphs = paragraph_spans(text)
        self.para_starts = list(map(itemgetter(0), self.paragraphs))
        scan = quote_spans(text)
        self.quotes: list[QuoteSpan] = scan.spans
        self.quote_starts = list(map(attrgetter("start"), self.quotes))
        self.quote_ends = list(map(attrgetter("end"), self.quotes))
        self.quote_warnings = scan.warnings
        self.any_unclosed = not all(map(attrgetter("closed"), self.quotes))  # see _quote_warning
        self.cues = lexicon.find_all(text)
        self.cue_starts = list(map(itemgetter(0), self.cues))

    def cues_within(self, start: int, end: int) -> list[tuple[int, int, Cue]]:
        """Cue occurrences starting in ``[start, end)``."""
        i = bisect.bisect_left(self.cue_starts, start)
        j = bisect.bisect_left(self.cue_starts, end)
        return self.cues[i:j]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def paragraph_of(self, offset: int) -> Span:
        i = max(0, bisect.bisect_right(self.para_starts, offset) - 1)
        return self.paragraphs[i] if self.paragraphs else (0, len(self.text))

    # (the lookups below read the start and end lists rather than the quotation objects)

    def quote_at(self, offset: int) -> QuoteSpan | None:
        """The quotation whose marks enclose ``offset``, if any."""
        i = bisect.bisect_right(self.quote_starts, offset) - 1  # (starts at or before offset)
        if i >= 0 and offset < self.quote_ends[i]:
            return self.quotes[i]
        return None

    def quote_ending_at(self, offset: int) -> QuoteSpan | None:
        i = bisect.bisect_left(self.quote_ends, offset)
        if i < len(self.quote_ends) and self.quote_ends[i] == offset:
            return self.quotes[i]
        return None

    def quote_starting_at(self, offset: int) -> QuoteSpan | None:
        i = bisect.bisect_left(self.quote_starts, offset)
        if i < len(self.quote_starts) and self.quote_starts[i] == offset:
            return self.quotes[i]
        return None

    def quotes_within(self, start: int, end: int) -> list[QuoteSpan]:
        starts = self.quote_starts
        i = bisect.bisect_left(starts, start)
        out = []
        while i < len(starts) and starts[i] < end:
            if self.quote_ends[i] <= end + 1:
                out.append(self.quotes[i])
            i += 1
        return out


def _is_name_like(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit()


_PREP_OR_DET = _PREPOSITIONS | _DETERMINERS

# Stop words that stop the phrase even when capitalised (sentence-initial "As", "But").
_STOP_CAPITAL_TOO = _wordset(
    """as that when while because since if although though but or so after before which who
    whom whose where whether than then there also however meanwhile thus hence yet in on
    during by with into over under through about against is was are were has have had will
    would can could should did does do not never yesterday today tonight last this next
    earlier later monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december said says told added"""
)


# Whitespace-separated chunks before a cue tokenised first by _backward_np (a few, then more);
# earlier text is tokenised only when the phrase scan reaches back that far.
_BACK_CHUNKS = (7, 14)


def _backward_np(ctx: _Context, limit: int, cue_start: int) -> Span | None:
    """The speaker phrase ending just before the cue (auxiliaries and adverbs skipped).

    Tokenises only the last 7 (then 14) whitespace-separated chunks of ``[limit, cue_start)``
    (no token straddles whitespace, so their tokens are the last ones of the whole range)
    and falls back to the whole range when the scan reads or compares a token index below 2
    of those: the result is the same as scanning the whole range.
    """
    sub = ctx.text[limit:cue_start]
    for k in _BACK_CHUNKS:
        chunks = sub.rsplit(None, k)
        if len(chunks) <= k:  # at most k chunks: these are all of them
            span = _scan_tokens(sub, _chunk_tokens(chunks))[0]
            break
        del chunks[0]  # the text before the last k chunks
        span, low = _scan_tokens(sub, _chunk_tokens(chunks))
        if low >= 2:  # every index read and compared was >= 2: same as on all tokens
            break
    else:
        span = _backward_scan(sub)[0]
    return None if span is None else (limit + span[0], limit + span[1])


# Symbols that end a chunk without joining the word before them (see _tokens).
_CHUNK_END_SYMBOLS = frozenset(',;:)!?"”')
# Symbols that start a chunk without joining the word after them (see _chunk_tokens).
_CHUNK_START_SYMBOLS = frozenset('"“(')


def _tokens(sub: str) -> list[str]:
    """``_TOKEN_RE.findall(sub)``, the tokens of ``sub`` (words with inner punctuation, or one
    symbol), without running the pattern on the common chunks (see :func:`_chunk_tokens`)."""
    return _chunk_tokens(sub.split())


def _chunk_tokens(chunks: list[str]) -> list[str]:
    """The tokens of whitespace-separated ``chunks``, in order (see :func:`_tokens`).

    Only whitespace separates tokens and a token holds none, so the chunks are tokenised one
    by one. An alphanumeric chunk is one token (``\\w+`` takes it all); an alphanumeric chunk
    plus one or two of :data:`_CHUNK_END_SYMBOLS` (``said,"``) is a token per part (``\\w+``
    stops before the symbols, which neither continue the word nor are a final period, and
    each is a token of its own); one of :data:`_CHUNK_START_SYMBOLS` plus an alphanumeric
    chunk is two (``"Yes``); an alphanumeric chunk plus a period is one (``\\w+\\.?``); any
    other chunk goes through the pattern.
    """
    out: list[str] = []
    for chunk in chunks:
        if chunk.isalnum():
            out.append(chunk)
        elif chunk[-1] in _CHUNK_END_SYMBOLS:
            if chunk[:-1].isalnum():
                out.append(chunk[:-1])
                out.append(chunk[-1])
            elif chunk[-2:-1] in _CHUNK_END_SYMBOLS and chunk[:-2].isalnum():
                out.append(chunk[:-2])
                out.append(chunk[-2])
                out.append(chunk[-1])
            else:
                out += _TOKEN_RE.findall(chunk)
        elif chunk[0] in _CHUNK_START_SYMBOLS and chunk[1:].isalnum():
            out.append(chunk[0])
            out.append(chunk[1:])
        elif chunk[-1] == "." and chunk[:-1].isalnum():
            out.append(chunk)
        else:
            out += _TOKEN_RE.findall(chunk)
    return out


def _tail_start(sub: str, words: list[str], k: int, j: int, pos: int) -> int:
    """Start offset in ``sub`` of ``words[k]``, one of the last of the tokens of ``sub``,
    given ``pos``, the start offset of ``words[j]`` (``j`` > ``k``; ``len(sub)`` when ``j`` is
    ``len(words)``).

    Every character but whitespace belongs to a token, so walking back from ``pos``, each
    token ends after the last non-whitespace character before the next one: the offsets of
    the few tokens that need them come from the token lengths.
    """
    for w in range(j - 1, k - 1, -1):
        while sub[pos - 1].isspace():
            pos -= 1
        pos -= len(words[w])
    return pos


def _backward_scan(sub: str) -> tuple[Span | None, int]:
    """:func:`_backward_np` on ``sub``, the text before the cue (or its end), with offsets in
    ``sub``; also the lowest token index the scan read or compared (every read ``toks[j]``
    has ``j`` >= that index minus 2, and is guarded by a comparison of ``i`` or ``k`` with
    0 or 1).

    The tokens of the slice (:func:`_tokens`; :data:`_TOKEN_RE` has no anchors or
    lookarounds, so they are those of ``findall(text, start, end)``) are kept as strings:
    offsets are computed (:func:`_tail_start`) only for the tokens that need them.
    """
    return _scan_tokens(sub, _tokens(sub))


_PREPOSITIONS_AND = _PREPOSITIONS | {"and"}
_OBJECT_PRONOUNS_DETERMINERS = _OBJECT_PRONOUNS | _DETERMINERS
# The lowered tokens that the first three rules of the _scan_tokens loop apply to.
_SCAN_SPECIAL = frozenset(("'", "’", ")", "in"))

# What _scan_tokens asks about a token, one bit per question (see _token_flags).
_SKIP = 1  # an auxiliary or adverb between the subject and the cue
_WHO = 2  # "who"
_SPECIAL = 4  # one of _SCAN_SPECIAL: a possessive apostrophe, a parenthesis or "in"
_BREAK = 8  # not a word of a noun phrase
_PRONOUN = 16
_AND = 32  # "and"
_NAME = 64  # name-like (_is_name_like)
_REL = 128  # "which", "what" or "whom"
_REL_PREP = 256  # "in", "to", "for" or "with"
_TRIM = 512  # a preposition or "and", trimmed from the start of the phrase
_LONE = 1024  # an object pronoun or determiner: no phrase on its own
# (and what _forward_np asks)
_STOP_WORD = 2048  # one of _STOP, in any case
_SYMBOL = 4096  # not starting with a letter or digit
_PREP_DET = 8192  # a preposition or determiner, trimmed from the end of the phrase


def _word_bits() -> dict[str, int]:
    """The bits of :func:`_token_flags` that depend on the lowered word alone, by word."""
    bits: dict[str, int] = {}
    for bit, words in (
        (_SKIP, _AUX),
        (_WHO, {"who"}),
        (_SPECIAL, _SCAN_SPECIAL),
        (_PRONOUN, _PRONOUNS),
        (_AND, {"and"}),
        (_REL, {"which", "what", "whom"}),
        (_REL_PREP, {"in", "to", "for", "with"}),
        (_TRIM, _PREPOSITIONS_AND),
        (_LONE, _OBJECT_PRONOUNS_DETERMINERS),
        (_STOP_WORD, _STOP),
        (_PREP_DET, _PREP_OR_DET),
    ):
        for word in words:
            bits[word] = bits.get(word, 0) | bit
    return bits


_WORD_BITS = _word_bits()


def _token_flags(tok: str) -> int:
    """The bits of what :func:`_scan_tokens` and :func:`_forward_np` ask about ``tok`` (all
    about the token alone)."""
    low = tok.lower()
    flags = _WORD_BITS.get(low, 0)
    first = tok[:1]
    if _is_name_like(tok):
        flags |= _NAME
    if not first.isupper() and low.endswith("ly"):  # an adverb, unless capitalised
        flags |= _SKIP
    if not first.isalnum():
        flags |= _SYMBOL | _BREAK
    elif flags & _STOP_WORD and not (flags & _NAME and low not in _STOP_CAPITAL_TOO):
        flags |= _BREAK  # (a capitalised stop word can be a name: "May", "Will")
    return flags


class _TokenFlags(dict[str, int]):
    """token -> :func:`_token_flags` of it, computed once per distinct token (a bounded memo:
    the words near cues repeat; a few thousand over the PolNeAR texts)."""

    def __missing__(self, tok: str) -> int:
        flags = _token_flags(tok)
        bounded(self)[tok] = flags
        return flags


_TOKEN_FLAGS = _TokenFlags()


def _scan_tokens(sub: str, toks: list[str]) -> tuple[Span | None, int]:
    """:func:`_backward_scan` given ``toks``, the last tokens of ``sub`` (all of them or the
    tokens of its last chunks); the returned index counts in ``toks``."""
    flags = _TOKEN_FLAGS
    i = len(toks) - 1
    while i >= 0 and flags[toks[i]] & _SKIP:
        i -= 1
    if i < 0:
        return None, i
    end_i = i
    if flags[toks[i]] & _WHO:
        start = _tail_start(sub, toks, i, len(toks), len(sub))
        return (start, start + len(toks[i])), i  # "Reed, who added that ...": "who"
    n = 0
    floor = i  # the lowest index the parenthesis scan below compared or read
    while i >= 0 and n < 10:
        t = toks[i]
        f = flags[t]
        if f & _SPECIAL:  # (only these tokens can pass the three rules below)
            if t in ("'", "’") and i > 0 and toks[i - 1][-1:].isalnum():
                # glued to the word before and not to the word after (offsets i-1, i, i+1)
                after = _tail_start(sub, toks, i + 1, len(toks), len(sub))
                at = _tail_start(sub, toks, i, i + 1, after)
                if _tail_start(sub, toks, i - 1, i, at) + len(toks[i - 1]) == at and not (
                    i + 1 < len(toks) and after == at + len(t)
                ):
                    i -= 1  # possessive apostrophe glued to the word before ("Belarus'")
                    continue
            if t == ")" and i == end_i and i > 0:
                # "Sen. Marco Rubio (R-Fla.) said": skip a short parenthesis
                k = i - 1
                while k >= 0 and toks[k] != "(" and i - k < 8:
                    k -= 1
                if k > 0 and toks[k] == "(":
                    i = k - 1
                    end_i = i
                    continue
                floor = k
                break
            if (
                t == "in"
                and 0 < i < end_i
                and flags[toks[i + 1]] & _NAME
                and toks[i - 1].islower()
                and toks[i - 1] not in _STOP
            ):
                i -= 1  # "a member of the commission in Drevna", "officials in Minsk"
                n += 1
                continue
        if f & _BREAK:
            break  # not a word of a noun phrase
        if f & _PRONOUN:
            if i == end_i:
                if (
                    i > 0
                    and flags[toks[i - 1]] & _REL
                    and not (i > 1 and flags[toks[i - 2]] & _REL_PREP)
                ):
                    return None, i  # "which he said was a mistake": an object relative clause
                i -= 1
                n += 1
            break
        if f & _AND and not (
            0 < i < end_i and flags[toks[i - 1]] & _NAME and flags[toks[i + 1]] & _NAME
        ):
            break
        i -= 1
        n += 1
    lowest = i if i < floor else floor
    first = i + 1
    # trim leading prepositions / conjunctions
    while first <= end_i and flags[toks[first]] & _TRIM:
        first += 1
    if first > end_i:
        return None, lowest
    if end_i == first and flags[toks[first]] & _LONE:
        return None, lowest  # a lone "him" or "the"
    if end_i + 1 == len(toks):
        # the last token (the usual case) ends where the trailing whitespace starts (rstrip
        # strips the characters isspace() accepts: see _tail_start)
        last = len(sub.rstrip()) - len(toks[end_i])
    else:
        last = _tail_start(sub, toks, end_i, len(toks), len(sub))
    start = last if first == end_i else _tail_start(sub, toks, first, end_i, last)
    return (start, last + len(toks[end_i])), lowest


_NAME_LINKS = _wordset("of the de van von al bin der la le del da")


def _name_segment(ctx: _Context, start: int, end: int) -> Span | None:
    """``[start, end)`` trimmed, when it is a short capitalised name ("Steve Coll")."""
    text = ctx.text
    k = start
    while k < end and text[k].isspace():
        k += 1
    if k < end and text[k].isalnum() and not _is_name_like(text[k]):
        return None  # the first token is a word that is not name-like (checked below)
    sub = text[start:end]
    # The tokens of the slice (see _backward_scan), chunk by chunk (see _chunk_tokens): the
    # tests below are side-effect free, so stopping at the first token that fails one gives
    # the same answer as tokenising the whole segment first.
    toks: list[str] = []
    words = 0
    first = ""  # the first word
    for chunk in sub.split():
        for t in (chunk,) if chunk.isalnum() else _chunk_tokens([chunk]):
            if t[:1].isalnum():
                if not (_is_name_like(t) or t.lower() in _NAME_LINKS):
                    return None
                words += 1
                first = first or t
            elif t not in ("'", "’", ".", "-"):
                return None
            toks.append(t)
    if not words or words > 7 or not _is_name_like(first) or first.lower() in _STOP_CAPITAL_TOO:
        return None
    # only whitespace precedes the first token and follows the last one (see _tail_start)
    return (start + sub.find(toks[0]), start + sub.rfind(toks[-1]) + len(toks[-1]))


def _appositive(ctx: _Context, ss: int, cue_start: int, subj: Span | None) -> Span | None:
    """Widen the speaker to "Name, appositive," when the cue follows an appositive.

    ``Steve Coll, the dean of the school, said ...``: the phrase before the cue is a
    description (or nothing but a comma; the caller has checked that ``subj`` does not start
    name-like) and the comma-delimited segment before it is a capitalised name at the start
    of its clause.
    """
    text = ctx.text
    k = subj[0] if subj is not None else _before_auxiliaries(text, ss, cue_start)
    j = k
    while j > ss and text[j - 1].isspace():
        j -= 1
    if j <= ss or text[j - 1] not in ",—–-":
        return subj
    if text[j - 1] != ",":
        # "The justice -- who has been involved ... -- said": a dash-delimited clause
        dash = "--" if text[j - 1] == "-" else text[j - 1]
        if subj is not None or not text.endswith(dash, ss, j):
            return subj
        return _clause_appositive(ctx, ss, j - len(dash), (dash,)) or subj
    b_end = j - 1  # the comma closing the appositive (or before the description)
    if subj is None:
        # "Name, appositive, said": the appositive is the segment before that comma
        p = text.rfind(",", ss, b_end)
        if p < 0 or len(text[p + 1 : b_end].split(None, 25)) > 25:
            return _clause_appositive(ctx, ss, b_end, (",",)) or subj
        a_end = p
        speaker_end = b_end
    else:
        a_end = b_end
        speaker_end = subj[1]
    if ctx.quote_at(a_end - 1) is not None:
        return subj
    a_start = max(text.rfind(",", ss, a_end) + 1, ss)
    qi = bisect.bisect_right(ctx.quote_ends, a_end) - 1
    if qi >= 0 and ctx.quotes[qi].end > a_start:
        a_start = ctx.quotes[qi].end  # the name follows a quotation: '"...," Name, ...'
    name = _opening_name(ctx, ss, a_start, a_end)
    if name is None and subj is None and a_start > ss:
        # "Tom Fitton, the president of Judicial Watch, a conservative group ..., said":
        # the name opens an appositive of two comma-separated parts
        a_end2 = a_start - 1
        a_start2 = max(text.rfind(",", ss, a_end2) + 1, ss)
        if len(text[a_start2:b_end].split(None, 40)) <= 40 and ctx.quote_at(a_end2 - 1) is None:
            name = _opening_name(ctx, ss, a_start2, a_end2)
    if name is None:
        if subj is None and _AGE_RE.fullmatch(text, a_end + 1, b_end):
            # "nurse Alina Rusk, 29, sobbed": an age apposition after any noun phrase
            np = _backward_np(ctx, a_start, a_end)
            return (np[0], speaker_end) if np is not None else subj
        if subj is None:
            inner = _name_segment(ctx, a_end + 1, b_end)
            if inner is not None and not _CLAUSE_OPENER_RE.match(text, a_start):
                # "the director of the F.B.I., James B. Comey, said": the name second
                desc = _backward_np(ctx, a_start, a_end)
                if (
                    desc is not None
                    and not text[a_start : desc[0]].strip()  # the description fills its part
                    and text[desc[0] : desc[1]].lower() not in _PRONOUNS
                ):
                    return (desc[0], inner[1])
            return _clause_appositive(ctx, ss, b_end, (",",)) or subj
        return subj
    return (name[0], speaker_end)


def _opening_name(ctx: _Context, ss: int, a_start: int, a_end: int) -> Span | None:
    """The name filling ``[a_start, a_end)`` (after a sentence-initial conjunction)."""
    lead = _LEADING_CONJUNCTION_RE.match(ctx.text, a_start, a_end)
    if lead is not None:
        a_start = lead.end()  # "But Ruiz, who chairs the committee, added"
    return _name_segment(ctx, a_start, a_end)


def _before_auxiliaries(text: str, ss: int, cue_start: int) -> int:
    """The start of the auxiliaries and adverbs right before the cue ("has also said"), or
    ``cue_start`` when there are none (at most three words)."""
    k = cue_start
    for _ in range(3):
        j = k
        while j > ss and text[j - 1].isspace():
            j -= 1
        i = j
        while i > ss and text[i - 1].isalpha():
            i -= 1
        if i == j or not _TOKEN_FLAGS[text[i:j]] & _SKIP:
            break
        k = i
    return k


#: The start of a clause or aside that can stand between a subject and its cue, set off by
#: commas or dashes: a relative pronoun ("Trump, who has relied on ..., said"), a participle
#: ("Trump, speaking at a rally in Wilmington, N.C., warned"), a sentence adverb ("The mayor,
#: however, said"), a comparison ("economists, like their rivals, say") or the channel
#: ("Trump, in an interview with Fox, said").
_CLAUSE_OPENER_RE = re.compile(
    r"\s*(?:who|whose|which|[a-z]{2,}ing|however|meanwhile|though|too|also|instead|in turn|"
    r"like|unlike|including|such as|along with|as well as|"
    r"nonetheless|nevertheless|for (?:his|her|its|their) part|"
    r"in (?:a|an|his|her|its|their) (?:statement|interview|speech|letter|tweet|post|email))\b"
)


def _clause_appositive(ctx: _Context, ss: int, close: int, marks: tuple[str, ...]) -> Span | None:
    """The head of "Head, who ...," / "Head -- who ... --", a clause ending at ``close``.

    The clause opens at one of the last four marks before ``close`` (commas inside it are
    allowed: "in Wilmington, N.C.,"), at most 30 words before it, with one of
    :data:`_CLAUSE_OPENER_RE` (a relative pronoun, a participle, a sentence adverb, a
    comparison, the channel); the head is the noun phrase before the opening mark, outside
    quotations. The
    speaker is the head alone (a clause, unlike a descriptive appositive, is not a name).
    """
    text = ctx.text
    end = close
    for _ in range(4):
        p = max(text.rfind(mark, ss, end) for mark in marks)
        if p <= ss or len(text[p:close].split(None, 31)) > 31:
            return None
        opener = p + len(next(m for m in marks if text.startswith(m, p)))
        if _CLAUSE_OPENER_RE.match(text, opener) and ctx.quote_at(p - 1) is None:
            head = _backward_np(ctx, ss, p)
            if head is None or text[head[0] : head[1]].lower() in _PRONOUNS:
                return None
            return head
        end = p
    return None


# A relative clause open up to the end of the searched text: ", who calls Trump a ".
_REL_CLAUSE_TAIL_RE = re.compile(r",\s+(?:who|whose|which)\b[^,;:]*\Z")
_LEADING_CONJUNCTION_RE = re.compile(r"\s*(?:But|And|So|Yet|Still|Now|Then)\s+")
# An age between commas ("Anna Ivanova, 62, said").
_AGE_RE = re.compile(r"\s*\d{1,3}\s*")


def _forward_np(ctx: _Context, start: int, limit: int) -> Span | None:
    """The speaker phrase starting just after ``start`` (``said Lavrov``, ``according to X``)."""
    # the first 14 tokens, matched one at a time: the scan usually stops after a few
    # (matched on the slice, offsets relative to ``start``: see _backward_scan)
    flags = _TOKEN_FLAGS
    out: list[re.Match[str]] = []
    for m in islice(_TOKEN_RE.finditer(ctx.text[start:limit]), 14):
        t = m.group()
        if t in ("'", "’") and out and out[-1].end() == m.start() and out[-1].group()[-1].isalnum():
            out.append(m)
            continue
        f = flags[t]
        if f & (_SYMBOL | _STOP_WORD):  # ("in" is a stop word too)
            break
        if f & _PRONOUN:  # a phrase of its own ("said he"), else the end of the phrase
            if not out:
                out.append(m)
            break
        out.append(m)
    while out and (flags[out[-1].group()] & _PREP_DET or out[-1].group() in "'’"):
        if out[-1].group() in "'’" and len(out) > 1 and out[-2].end() == out[-1].start():
            break
        out.pop()
    if not out:
        return None
    end = out[-1].end()
    last = out[-1].group()
    if last.endswith(".") and last[:-1].lower() not in _ABBREVIATIONS:
        end -= 1  # a sentence-final period, not an abbreviation ("Jr.")
    return (start + out[0].start(), start + end)


def _speech_like(ctx: _Context, q: QuoteSpan) -> bool:
    """A quotation that reads as speech, not a title or scare quotes."""
    content = ctx.text[q.content_start : q.content_end]
    words = content.split()
    if len(words) >= 4:
        return True
    return content.rstrip()[-1:] in ".,!?" and len(words) >= 2


_TAIL_RE = re.compile(
    r"""\s*(?:(?:in|on|at|to|during|after|before|last|this|from|with|via|through|by|late|early|
    earlier|later|yesterday|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|
    sunday|afterward|afterwards|recently|again)\b[^,.;:!?"“”«»]{0,60})?""",
    re.IGNORECASE | re.VERBOSE,
)


# ASCII letters that can start a word of _TAIL_RE (any case); under IGNORECASE no other
# ASCII character can, and only a few non-ASCII ones ("İ", "ı", "ſ").
_TAIL_INITIALS = frozenset("abdefilmorstvwyABDEFILMORSTVWY")


def _tail_end(ctx: _Context, offset: int, limit: int) -> int:
    """Skip a short adverbial tail after a tag ("in a statement on Monday")."""
    text = ctx.text
    k = offset
    while k < limit and text[k].isspace():  # the pattern's leading \s* (same whitespace)
        k += 1
    if k >= limit or (text[k].isascii() and text[k] not in _TAIL_INITIALS):
        return k  # no tail word can start here: the pattern matches the whitespace only
    m = _TAIL_RE.match(text, offset, limit)
    return m.end() if m else offset


def _strip_span(text: str, start: int, end: int, *, period: bool) -> Span:
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    if period:
        while end > start and text[end - 1] in ".":
            end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _strip_quote_marks(ctx: _Context, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` to the quotation's content when it is exactly one quotation."""
    q = ctx.quote_starting_at(start)
    if q is not None and q.end >= end:
        return q.content_start, q.content_end
    return start, end


# Up to five words, then an aside between commas (at most 150 characters, no quotation mark,
# colon or semicolon), then "that": 'said, per a translator, that'.
_ASIDE_THAT_RE = re.compile(
    r"(?:\s+(?!that\b)[^\s,;:\"“”]+){0,5}?\s*(,)\s+[^;:\"“”\n]{1,150}?,\s+that\b"
)


def _find_that(ctx: _Context, start: int, limit: int) -> int | None:
    """Offset just after a "that" within the next few words (``told reporters that``), or
    after an aside set off by commas (``said, per a translator, that``, ``contended in its
    letter, written by ..., that``)."""
    wide = ctx.text[start : start + 200 if start + 200 < limit else limit]
    if "that" in wide:
        aside = _ASIDE_THAT_RE.match(ctx.text, start, limit)
        if aside is not None and ctx.quote_at(aside.start(1)) is None:
            return aside.end()
    sub = wide[:80]
    if "that" not in sub.lower():
        return None  # no token can be "that" (the loop only returns an offset after one)
    # the first 8 tokens, matched one at a time: the scan usually stops after a few
    # (matched on the slice, offsets relative to ``start``: see _backward_scan)
    first = ""
    for k, m in enumerate(islice(_TOKEN_RE.finditer(sub), 8)):
        t = m.group()
        if k == 0:
            first = t
        if not t[:1].isalnum():
            if t in ("'", "’"):
                continue
            return None
        if t.lower() == "that" and (k == 0 or ctx.lexicon.lookup(first) is None):
            return start + m.end()
        if k > 0 and t.lower() in ("if", "whether", "how", "why", "what", "when"):
            return None
    return None


def _continuations(
    ctx: _Context, last: QuoteSpan, tag_end: int, tagged: set[int]
) -> list[QuoteSpan]:
    """The quotations that follow in the same paragraph without a tag of their own.

    ``"One," he said, "two." "Three."``: a later quotation of the paragraph with no cue
    between it and the tag, and none of its own, continues the speaker's quote.
    """
    quotes = ctx.quotes
    i = bisect.bisect_right(ctx.quote_starts, last.start)
    if i == len(quotes):
        return []  # no quotation follows
    _, p_end = ctx.paragraph_of(last.start)
    text = ctx.text
    out: list[QuoteSpan] = []
    while i < len(quotes):
        q = quotes[i]
        if q.start >= p_end or q.start in tagged or q.paragraphs > 1:
            break
        gap_from = max(last.end, tag_end)
        gap = text[gap_from : q.start]
        if len(gap.split(None, 40)) > 40 or ctx.cues_within(gap_from, q.start):
            break
        q_sid = ctx.sentence_of(q.end - 1)
        q_se = ctx.sentences[q_sid][1] if ctx.sentences else len(text)
        for c in ctx.cues_within(q.end, max(q.end, q_se)):
            if ctx.quote_at(c[0]) is None:
                return out  # the next quotation has its own tag
        out.append(q)
        last = q
        i += 1
    return out


def _continuation_rows(
    ctx: _Context,
    quotes: Sequence[QuoteSpan],
    proto: _Attribution,
    tagged: set[int],
) -> list[_Attribution]:
    """One ``direct`` row per continuation quotation, with the tag's cue and speaker."""
    out = []
    for q in quotes:
        tagged.add(q.start)
        out.append(
            _Attribution(
                "direct",
                q.content_start,
                q.content_end,
                proto.cue,
                proto.cue_entry,
                proto.cue_start,
                proto.cue_end,
                proto.speaker,
                proto.sentence_id,
                _quote_warning(ctx, q.start, q.end),
            )
        )
    return out


def _infers_str() -> bool:
    return bool(pd.DataFrame({"a": ["x"]})["a"].dtype == pd.Series(["x"], dtype="str").dtype)


#: pandas >= 3 infers the "str" dtype for lists of strings (same dtype as the schema's).
_INFERS_STR = _infers_str()


# The fields of a row that are column values as they are, in column order (see _columns).
_ROW_VALUES = attrgetter(
    "kind", "content_start", "content_end", "cue", "cue_start", "cue_end", "sentence_id", "warning"
)


def _columns(doc: Document, ctx: _Context, found: Sequence[_Attribution]) -> dict[str, list[Any]]:
    """The rows of one document as column lists, in :data:`ATTRIBUTION_SCHEMA` order."""
    if not found:
        return {col: [] for col in ATTRIBUTION_SCHEMA}
    text = ctx.text
    items = sorted(found, key=attrgetter("content_start", "cue_start"))
    n = len(items)
    doc_id = doc.doc_id
    # Transposed in C: one tuple of plain field values per row, zipped into columns.
    kinds, c_starts, c_ends, cues, cue_starts, cue_ends, sids, warnings = map(
        list, zip(*map(_ROW_VALUES, items), strict=True)
    )
    mentions: list[str] = []
    sp_starts: list[int] = []
    sp_ends: list[int] = []
    lemmas: list[str] = []
    classes: list[str] = []
    for a in items:
        sp = a.speaker
        if sp:
            mentions.append(text[sp[0] : sp[1]])
            sp_starts.append(sp[0])
            sp_ends.append(sp[1])
        else:
            mentions.append("")
            sp_starts.append(-1)
            sp_ends.append(-1)
        entry = a.cue_entry
        lemmas.append(entry.lemma)
        classes.append(entry.cue_class)
    blank = [""] * n
    return {
        "doc_id": [doc_id] * n,
        "attribution_id": [f"{doc_id}:{k}" for k in range(1, n + 1)],
        "kind": kinds,
        "content_start": c_starts,
        "content_end": c_ends,
        "content": [text[s:e] for s, e in zip(c_starts, c_ends, strict=True)],
        "cue": cues,  # (text[cue_start:cue_end])
        "cue_lemma": lemmas,
        "cue_class": classes,
        "cue_start": cue_starts,
        "cue_end": cue_ends,
        "speaker_mention": mentions,
        "speaker_start": sp_starts,
        "speaker_end": sp_ends,
        "speaker": blank,
        "speaker_role": list(blank),
        "speaker_affiliation": list(blank),
        "role_rule": list(blank),
        "sentence_id": sids,
        "warning": warnings,
    }


@lru_cache(maxsize=1)
def _empty_template() -> pd.DataFrame:
    return empty_frame(ATTRIBUTION_SCHEMA)


def attribution_frame(columns: dict[str, list[Any]]) -> pd.DataFrame:
    """A DataFrame with :data:`ATTRIBUTION_SCHEMA` dtypes from column lists (no attrs)."""
    if not columns["doc_id"]:
        return _empty_template().copy()
    # Built column by column with the schema's dtypes (several times faster than
    # conforming a frame of dicts; the result is identical).
    data: dict[str, Any] = dict(columns)
    if not _INFERS_STR:  # pandas < 3 infers object columns: convert explicitly
        for col, dtype in ATTRIBUTION_SCHEMA.items():
            data[col] = (
                np.asarray(data[col], dtype=np.int64)
                if dtype == "int64"
                else pd.array(data[col], dtype=dtype)
            )
    return pd.DataFrame(data)


def _provenance(ctx: _Context) -> dict[str, Any]:
    return {
        "extractor": "framelens.attribution.extract_attributions",
        "cue_lexicon_version": ctx.lexicon.version,
        "cue_lexicon_source": ctx.lexicon.source,
        "quote_warnings": list(ctx.quote_warnings),
    }


def extract_columns(
    doc: Document,
    *,
    cues: CueLexicon | None = None,
    continuations: Literal["merge", "separate"] = "merge",
) -> dict[str, list[Any]]:
    """The rows of :func:`extract_attributions` as a mapping of column -> list of values.

    The fast path for corpus-level tables (:func:`framelens.pipeline.map_documents`
    concatenates the lists and builds one DataFrame): no per-article DataFrame is built.
    Same parameters, rows, order and values as :func:`extract_attributions`.
    """
    return _extract(doc, cues, continuations)[0]


def _extract(
    doc: Document, cues: CueLexicon | None, continuations: str
) -> tuple[dict[str, list[Any]], _Context]:
    if continuations not in ("merge", "separate"):
        raise ValueError(f"continuations must be 'merge' or 'separate', got {continuations!r}")
    lex = cues if cues is not None else load_cues()
    ctx = _Context(doc.text, lex, merge=continuations == "merge")
    return _columns(doc, ctx, _find(ctx)), ctx


def _quote_warning(ctx: _Context, start: int, end: int) -> str:
    if not ctx.any_unclosed:
        return ""  # every quotation of the document is closed: no note anywhere
    notes = []
    for q in ctx.quotes_within(start - 1, end + 1):
        if not q.closed:
            notes.append(
                f"quotation opened at offset {q.start} has no closing mark; "
                "cut at the end of its paragraph"
            )
    return "; ".join(notes)


_TO_NOT_CUE = _wordset("added adding adds continued described")
_BE_FORMS = _wordset("was were is are be been being")
_SPLIT_INFINITIVE_RE = re.compile(r"\bto\s+\w+ly\s+\Z")
_BE_ADVERBS = _wordset("either also not never")
_IRREGULAR_PARTICIPLES = _wordset("told said written")
_ADDRESSEE_PASSIVES = _wordset("tell ask warn urge remind inform assure")
#: A form of "be" (and an adverb) right before a cue: a passive.
_PASSIVE_RE = re.compile(
    r"\b(?:was|were|is|are|be|been|being)\s+(?:(?:\w+ly|either|also|not|never)\s+)?\Z"
)
_THAT_RE = re.compile(r"\s+(?:that\b|[:\"“])")


# After a mid-sentence tag: a comma and a clause that is not a participle, relative clause
# or another attribution: the sentence goes on ("The plan, a source said, is to ...").
_PARENTHETICAL_RE = re.compile(
    r",\s+(?!(?:\w+ing|according|who|which|where|when|while|as|and|but|because|though|"
    r"although|after|before|in|on|at|during|for|to|with|from|by|without|since)\b)[\w“\"'‘(]",
    re.IGNORECASE,
)


# "a police officer who asked not to be named said": the relative clause is not part of
# the speaker phrase, and its verb ("asked") is not a cue.
_ANONYMITY_RE = re.compile(
    r",?\s+who\s+(?:asked|spoke|declined|requested|was\s+not\s+authori[sz]ed|were\s+not"
    r"\s+authori[sz]ed|did\s+not\s+want)\b[^,.;:“”\"]{0,80}?,?\s*$",
    re.IGNORECASE,
)


def _anonymity_start(text: str, ss: int, s: int) -> int:
    """Where an anonymity clause (``_ANONYMITY_RE.search(text, ss, s)``) starts, else ``s``.

    The pattern needs "who" (only "w", "h" and "o" in any case match it, and only they
    lower to those letters), so only the places before a "who" are tried: a match for a
    "who" starts at the comma or whitespace just before it, the earliest place the search
    would find it; the first "who" that matches gives the leftmost match.
    """
    head = text[ss:s].lower()
    i = head.find("who")
    if i < 0:
        return s
    if len(head) != s - ss:  # a character lowered to two: offsets in head are not offsets
        rel = _ANONYMITY_RE.search(text, ss, s)
        return rel.start() if rel else s
    while i >= 0:
        start = ss + i
        while start > ss and text[start - 1].isspace():
            start -= 1
        if start > ss and text[start - 1] == ",":
            start -= 1
        rel = _ANONYMITY_RE.match(text, start, s)
        if rel is not None:
            return start
        i = head.find("who", i + 3)
    return s


#: A time adverbial between a subject and its cue, with any auxiliaries and adverbs after
#: it ("Clinton on Tuesday said", "officials last week had warned"; searched in the last 48
#: characters before the cue).
_TIME_TAIL_RE = re.compile(
    r"\s+(?:on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|"
    r"evening|night))?|today|yesterday|tonight|last\s+night|(?:last|this|earlier\s+this|"
    r"later\s+this)\s+(?:week|month|year|weekend|morning|afternoon|evening))"
    r"(?:\s+(?:also|again|later|repeatedly|publicly|has|have|had|was|were|is|are|will|"
    r"would))*\s*\Z"
)
_DETERMINERS_TO = _DETERMINERS | {"to"}


def _headline(ctx: _Context, ss: int, se: int) -> bool:
    """True for the article's headline in title case ("Rubio Says He Would Issue A
    Quarantine"): a sentence of the first paragraph, of 4 to 25 words, at least 80% of those
    starting with a letter capitalised. (Only the first paragraph: a "Related:" link to another
    article, "Putin Says ...", is not this article's attribution.)"""
    if ss >= ctx.paragraph_of(0)[1]:
        return False
    words = [w for w in ctx.text[ss:se].split(None, 26) if w[:1].isalpha()]
    if not 4 <= len(words) <= 25:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_NAMING_RE = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?:[\w-]+\s+){0,3}$")


def _not_a_cue(text: str, s: int, e: int, ss: int, se: int, lemma: str) -> bool:
    """Contexts where a cue form is not an attribution verb.

    A determiner or possessive before it makes it a noun or adjective ("the said agreement",
    "a warning", "Trump's claim"), and so does "a"/"an" and one word before the bare form
    ("a sharp reply"); "to" before it an infinitive ("to explain"); a form of "be" a passive
    with no speaker ("was announced", "were called off", "was told that ..."; only "it was
    reported that ..." and the like stay);
    "than"/"to"/"by" after it an idiom or a non-speech sense ("easier said than done",
    "added to it").
    """
    lo = s - 16
    prev = text[lo if lo > ss else ss : s].rsplit(None, 1)
    if prev:  # (else the word before is "", which passes neither test)
        p = prev[-1].lower()
        # (a possessive ends in "s", "'" or "’": a cheap first test)
        if p in _DETERMINERS_TO or (p[-1] in "s'’" and p.endswith(("'s", "’s", "s'", "s’"))):
            return True
        if p.endswith("ly") and _SPLIT_INFINITIVE_RE.search(text, max(ss, s - 28), s):
            return True  # "promises to immediately declare": an infinitive
        if (p in _BE_ADVERBS or p in _BE_FORMS or p.endswith("ly")) and _PASSIVE_RE.search(
            text, max(ss, s - 28), s
        ):
            form = text[s:e].lower()
            if (form.endswith("ed") or form in _IRREGULAR_PARTICIPLES) and (
                lemma in _ADDRESSEE_PASSIVES or not _THAT_RE.match(text, e, se)
            ):
                return True  # (the subject of "was told that ..." is the addressee)
        if text[s:e] == lemma and p.isalpha() and p.islower() and not p.endswith("ly"):
            two = text[lo if lo > ss else ss : s].rsplit(None, 2)
            if len(two) >= 2 and two[-2] in ("a", "an", "A", "An"):
                return True  # "a sharp reply"
    # Only "asked" (5), "called" (6) and "reported" (8) have checks of their own before the
    # next-word test: lower() never shortens a string, so a form of another length cannot
    # lower to them and needs no lowered copy here.
    length = e - s
    if length == 5 or length == 6 or length == 8:
        form = text[s:e].lower()
        if form == "asked" and _NOT_TO_RE.match(text[e : e + 12]):
            return True  # "who asked not to be named"
        if form == "reported" and _FROM_RE.match(text[e : e + 8]):
            return True  # a byline: "Smith reported from Washington."
        if form == "called" and _OFF_RE.match(text, e, se):
            return True  # "the walkouts were called off"
        if (
            form == "called"
            and _NAMING_RE.search(text, max(ss, s - 40), s)
            and _NAME_AFTER_RE.match(text[e : e + 3])
        ):
            return True  # naming: "a program called BleachBit", "a show called "Brokers""
    end = e + 8 if e + 8 < se else se
    k = e
    while k < end and text[k].isspace():
        k += 1
    if k >= end or text[k] not in "bBtT":
        return False  # the next word is not "by", "than" or "to" (only these letters lower so)
    form = text[s:e].lower()
    n = text[k:end].split(None, 1)[0].lower()
    if n == "by" and form != "asked":
        return True  # a passive participle: "the sanctions announced by the Council"
    return n == "than" or (n == "to" and form in _TO_NOT_CUE)


def _find(ctx: _Context) -> list[_Attribution]:
    text = ctx.text
    found: list[_Attribution] = []
    used_quotes: set[int] = set()  # quote starts already used as direct content
    sentences = ctx.sentences or [(0, len(text))]
    quote_ends = ctx.quote_ends
    # Cues come in offset order: cursors over the sorted sentence and quotation starts give
    # the same answers as ctx.sentence_of and ctx.quote_at (bisect on the same lists). The
    # start lists end in a sentinel beyond every cue, where the cursors stop.
    sentinel = [len(text) + 1]
    next_sent_starts = ctx.sent_starts[1:] + sentinel
    quote_starts = ctx.quote_starts + sentinel
    sid = 0  # the last sentence starting at or before the cue (else 0)
    qi = 0  # the number of quotations starting at or before the cue
    for s, e, entry in ctx.cues:
        while quote_starts[qi] <= s:
            qi += 1
        if qi and s < quote_ends[qi - 1]:
            continue  # inside a quotation
        while next_sent_starts[sid] <= s:
            sid += 1
        ss, se = sentences[sid]
        # one pass: the filters read only the text, not the rows found so far
        lemma = entry.lemma
        att: _Attribution | None
        if lemma == "according to":
            att = _according_to(ctx, s, e, entry, sid, ss, se)
        elif text[s].isupper() and s != ss and not _headline(ctx, ss, se):
            continue  # "United States", a capitalised name, not a cue (but "Rubio Says ...")
        elif _not_a_cue(text, s, e, ss, se, lemma):
            continue
        elif lemma == "ask" and _ASKED_RE.fullmatch(text, ss, e):
            att = _asked_question(ctx, s, e, entry, sid, se)
        else:
            att = _verb_cue(ctx, s, e, entry, sid, ss, se, qi, used_quotes, found)
        if att is not None:
            found.append(att)
    return found


_SOURCE_END_RE = re.compile(r",|;|:|\s[—–-]\s|—|\(|\.(?=\s|$)|$")
# A period that ends an initial or a title abbreviation, not the source: "J.", "Sen.".
_INITIAL_OR_ABBREV_RE = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Rev|Prof))\Z"
)


def _according_np(ctx: _Context, e: int, se: int) -> Span | None:
    """The source after "according to": up to the next comma, dash, colon or sentence end.

    Sources are often long and need not be names ("her \"clawback\" plan", "members who
    spoke with reporters afterward", "a study by the Pew Research Center").
    """
    text = ctx.text
    m = _SOURCE_END_RE.search(text, e, se)
    while m is not None and m.group() == "." and _INITIAL_OR_ABBREV_RE.search(text, e, m.start()):
        m = _SOURCE_END_RE.search(text, m.end(), se)  # "William J. Bennett", "Sen. Ruiz"
    end = m.start() if m else se
    while end > e and text[end - 1].isspace():
        end -= 1
    start = e
    while start < end and text[start].isspace():
        start += 1
    if start >= end:
        return None
    words = text[start:end].split()
    if len(words) > 20:
        return _forward_np(ctx, e, se)
    last = text[start:end]
    if last.endswith(".") and last.split()[-1][:-1].lower() not in _ABBREVIATIONS:
        end -= 1
    return (start, end)


_CLAUSE_BREAK_RE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")
# "Asked whether ...," / "When asked about ...,": a reported question, asker unnamed or "by X"
_ASKED_RE = re.compile(
    r"\s*(?:(?:When|After|Once|If|Also)\s+)?(?:he\s+was\s+|she\s+was\s+)?asked", re.IGNORECASE
)
_QUESTION_RE = re.compile(
    r"\s+(?:by\s+(?P<by>[^,]{1,60}?)\s+)?(?P<q>(?:whether|if|why|what|how|which|who|when|"
    r"where|about|to)\b[^;]*?)(?:,|$)",
    re.IGNORECASE,
)


def _asked_question(
    ctx: _Context, s: int, e: int, entry: Cue, sid: int, se: int
) -> _Attribution | None:
    """ "Asked whether he would run, Reid said ...": the question is the content."""
    m = _QUESTION_RE.match(ctx.text, e, se)
    if m is None:
        return None
    cs, ce = _strip_span(ctx.text, m.start("q"), m.end("q"), period=True)
    if len(ctx.text[cs:ce].split()) < 2:
        return None
    speaker = m.span("by") if m.group("by") else None
    kind = _kind_for(ctx, cs, ce, "indirect")
    return _Attribution(
        kind, cs, ce, ctx.text[s:e], entry, s, e, speaker, sid, _quote_warning(ctx, cs, ce)
    )


_LEAD_RE = re.compile(r"\s*(?:And|But|So|Yet|Also|Now)\s*,?\s*")


def _according_to(
    ctx: _Context, s: int, e: int, entry: Cue, sid: int, ss: int, se: int
) -> _Attribution | None:
    text = ctx.text
    sp = _according_np(ctx, e, se)
    if sp is None:
        return None
    before = text[ss:s]
    if not _WORD_RE.search(before) or _LEAD_RE.fullmatch(before):
        # According to X, content: the content starts after the comma that closes X.
        comma = text.find(",", sp[1], se)
        start = comma + 1 if comma >= 0 and len(text[sp[1] : comma].split()) <= 8 else sp[1]
        cs, ce = _strip_span(text, start, se, period=True)
    else:
        # "X rose, and Y fell, according to Z": the clause before the tag
        cut = ss
        for m in _CLAUSE_BREAK_RE.finditer(text, ss, s):
            if ctx.quote_at(m.start()) is None:
                cut = m.end()
        cs, ce = _strip_span(text, cut, s, period=True)
        cs, ce = _strip_quote_marks(ctx, cs, ce)
        after = text[sp[1] : se]
        if before.rstrip().endswith(",") and _PARENTHETICAL_RE.match(after):
            # "Over the long term, according to the office, the deficit rises.": both sides
            ce = _strip_span(text, cs, se, period=True)[1]
    if ce - cs < 3:
        return None
    return _Attribution(
        "according_to", cs, ce, text[s:e], entry, s, e, sp, sid, _quote_warning(ctx, cs, ce)
    )


_POSSESSIVES = _wordset("her his its their our my your this these those")


def _long_speaker_after_quote(
    ctx: _Context, ss: int, cue_start: int, i: int
) -> tuple[QuoteSpan, Span] | None:
    """A quotation closing in this sentence with only a speaker phrase before the cue.

    ``i`` is the index of the last quotation ending at or before the cue (-1 if none).
    """
    text = ctx.text
    if i < 0:
        return None
    q = ctx.quotes[i]
    if q.end < ss or q.end > cue_start:
        return None
    if text[q.content_end - 1 : q.content_end] not in (",", "!", "?", "—", "–", "-", "…"):
        return None
    between = text[q.end : cue_start]
    if "\n" in between or any(c in between for c in _QUOTE_CHARS if c not in "'’"):
        return None
    words = between.split()
    if not words or len(words) > 14 or ctx.cues_within(q.end, cue_start):
        return None
    if any(c in between for c in ".;:!?") and not _ABBREV_RE.search(between):
        return None
    start = q.end
    while start < cue_start and (text[start].isspace() or text[start] in ",—–-"):
        start += 1
    end = cue_start
    sub = text[start:cue_start]
    toks = _tokens(sub)  # (on the slice: see _backward_scan)
    k = len(toks)
    while k and toks[k - 1].lower() in _AUX:  # "has also said"
        k -= 1
    if not k:
        return None
    end = start + _tail_start(sub, toks, k - 1, len(toks), len(sub)) + len(toks[k - 1])
    while end > start and text[end - 1] in ", ":
        end -= 1
    first = text[start : start + 1]
    if not (first.isupper() or text[start:end].split()[0].lower() in _DETERMINERS | {"a", "an"}):
        return None
    return q, (start, end)


def _verb_cue(
    ctx: _Context,
    s: int,
    e: int,
    entry: Cue,
    sid: int,
    ss: int,
    se: int,
    qi: int,
    used_quotes: set[int],
    found: list[_Attribution],
) -> _Attribution | None:
    """The attribution anchored by the verb cue ``text[s:e]`` of sentence ``sid``, if any.

    ``qi`` is the number of quotations starting at or before the cue, which is outside them:
    ``ctx.quotes[:qi]`` end at or before ``s`` and the others start after it (quotations do
    not overlap), so for an offset ``x <= s`` beyond ``prev_end``, the end of the last of
    them, no quotation encloses ``x`` or ends at ``x``: the bisections of ``ctx.quote_at``
    and ``ctx.quote_ending_at`` are needed only up to ``prev_end``.
    """
    text = ctx.text
    prev_end = ctx.quote_ends[qi - 1] if qi else -1
    # The subject can sit before a quotation that closes inside this sentence.
    q_before = None
    limit = _anonymity_start(text, ss, s)
    w0 = limit - 48 if limit - 48 > ss else ss
    window = text[w0:limit]
    time = (
        _TIME_TAIL_RE.search(text, w0, limit)
        if "day" in window
        or "ight" in window
        or "we" in window
        or "ear" in window
        or "mo" in window
        or "noon" in window
        or "ing" in window  # (a word the pattern needs, cheaply)
        else None
    )
    if time is not None:
        limit = time.start()  # "Clinton on Tuesday said": the subject ends before the time
    subj = _backward_np(ctx, ss, limit)
    if subj is not None and subj[0] < prev_end and ctx.quote_at(subj[0]) is not None:
        subj = None
    if subj is None or not _is_name_like(text[subj[0]]):
        subj = _appositive(ctx, ss, limit, subj)  # (before a time adverbial: ", on Friday said")
    # a closing quotation before the tag bounds the subject search
    tag_start = subj[0] if subj else s
    j = tag_start
    while j > 0 and (text[j - 1].isspace() or text[j - 1] in ",—–-"):
        j -= 1
    q_before = ctx.quote_ending_at(j) if 0 < j <= prev_end else None
    if q_before is None and 1 < j <= prev_end + 1 and text[j - 1] in "'’":
        j -= 1  # a single mark left over after a closing pair of two: "'old-school,''' said"
        q_before = ctx.quote_ending_at(j)
    if q_before is not None:
        gap = text[j:tag_start]
        k = q_before.content_end  # the last character before a nested closing mark
        while k > q_before.content_start and (text[k - 1].isspace() or text[k - 1] in "'’"):
            k -= 1  # ("... ‘I refuse,’” he noted": the comma is inside the inner quote)
        last_char = text[k - 1 : k]
        if "\n" in gap or not (
            "," in gap
            or "—" in gap
            or "–" in gap
            or last_char in ",!?—–-…"
            or (tag_start == s and text[s].islower())  # '"..." said Merrill': no comma
        ):
            q_before = None  # "...end." Lavrov claimed: a new sentence, not a tag
    if q_before is not None and subj is None and q_before.start > ss:
        # 'Humphrey, who calls Trump a "sociopath," said ...': a short quotation ending a
        # relative clause between the subject and the cue is not what the cue reports
        rel = _REL_CLAUSE_TAIL_RE.search(text, max(ss, q_before.start - 120), q_before.start)
        if rel is not None and len(text[q_before.start : q_before.end].split(None, 6)) <= 6:
            head = _backward_np(ctx, ss, rel.start())
            if head is not None and text[head[0] : head[1]].lower() not in _PRONOUNS:
                q_before, subj, tag_start = None, head, head[0]
    if q_before is None:
        # '"...," a diplomat who attended the talks said.': the whole phrase between the
        # closing mark and the cue is the speaker
        long_tag = _long_speaker_after_quote(ctx, ss, s, qi - 1) if prev_end >= ss else None
        if long_tag is not None:
            q_before, subj = long_tag
            tag_start = subj[0]
    inverted = None
    # (the lowered cue ends in "ing" iff its last three characters lower to "ing": besides
    # "I", "N" and "G" only "İ" lowers to anything holding those letters, "i" + a dot; and
    # only "g" and "G" lower to a "g", a cheap first test)
    is_participle = text[e - 1] in "gG" and text[max(s, e - 3) : e].lower() == "ing"
    # "Zucker responded by saying that ...": a participle after a preposition is the act of
    # the sentence's speaker, like a coordinated verb
    after_prep = is_participle and (
        _PREP_PARTICIPLE_RE.search(text, max(ss, s - 8), s) is not None
        or _DOCUMENT_PARTICIPLE_RE.search(text, max(ss, s - 12), s) is not None
    )
    coordinated = subj is None and (after_prep or _coordinated(text, ss, s))
    if subj is None and not coordinated:
        gap = text[j:tag_start]
        if q_before is None and not ("," in gap or "—" in gap or "–" in gap) and s != ss:
            return None
        inverted = None if is_participle else _forward_np(ctx, e, se)  # not "saying Mr. X"
        if inverted is not None and (
            text[inverted[0] : inverted[1]].split()[0].lower() in _POSSESSIVES
            or (q_before is None and entry.lemma in _NEEDS_THAT)
        ):
            inverted = None  # "..., continued her tour": an object, not an inverted subject
    speaker = subj or inverted
    tag_end = inverted[1] if inverted else e
    if is_participle and subj is not None and not after_prep:
        return None  # "the protesters demanding ...": a participle needs a preceding comma
    if is_participle:
        speaker = _participle_speaker(ctx, ss, s, found, sid)
    elif coordinated:
        # "... said that A, and said that B": the subject of the first verb
        speaker = _participle_speaker(ctx, ss, s, found, sid)
        subj = speaker
    warning = ""

    # Rule 1a: a quotation right before the tag: "...," he said.
    if q_before is not None and not is_participle:
        used_quotes.add(q_before.start)
        first = last = q_before
        chain = _continuations(ctx, first, tag_end, used_quotes)
        # a split quote ("A," she said, "B.") stays one row; later sentences are rows of
        # their own, with the same cue and speaker
        while chain and (ctx.merge or ctx.sentence_of(chain[0].start) == sid):
            last = chain.pop(0)
            used_quotes.add(last.start)
        qsid = ctx.sentence_of(first.start)
        qss = ctx.sentences[qsid][0] if ctx.sentences else 0
        prefix = text[qss : first.start]
        kind = "direct"
        cs = first.content_start
        if _WORD_RE.search(prefix) and not _INTRO_END_RE.search(prefix):
            kind, cs = "mixed", _strip_span(text, qss, first.start, period=False)[0]
        ce = last.content_end
        warning = _quote_warning(ctx, first.start, last.end)
        att = _Attribution(kind, cs, ce, text[s:e], entry, s, e, speaker, sid, warning)
        found.extend(_continuation_rows(ctx, chain, att, used_quotes))
        return att

    # Rule 1b: a quotation right after the tag: Lavrov stated: "...".
    q_from = tag_end
    if entry.lemma in _ADDRESSEE_CUES and not is_participle:
        obj = _forward_np(ctx, tag_end, se)  # 'told reporters: "..."'
        if obj is not None and _COLON_RE.match(text, obj[1]):
            q_from = obj[1]
    after = _quote_after_tag(ctx, q_from, se) if not is_participle else None
    if (
        after is not None
        and ":" not in text[q_from : after.start]  # a colon introduces the whole quotation
        and _continues_after(ctx, after)
        and not _closed_utterance(ctx, after, entry)
    ):
        after = None  # He said that "we need more" about ...: a mixed quote (rule 3)
    if after is not None and speaker is not None:
        used_quotes.add(after.start)
        chain = _continuations(ctx, after, after.end, used_quotes)
        last = after
        if ctx.merge and chain:
            last = chain[-1]
            used_quotes.update(q.start for q in chain)
            chain = []
        warning = _quote_warning(ctx, after.start, last.end)
        att = _Attribution(
            "direct",
            after.content_start,
            last.content_end,
            text[s:e],
            entry,
            s,
            e,
            speaker,
            sid,
            warning,
        )
        found.extend(_continuation_rows(ctx, chain, att, used_quotes))
        return att

    # Rule 2: tag at the end of its sentence after a comma: "..., Makei said."
    # (the tests on the text before the tag come first: the tail after the tag is only
    # looked at when they pass; every test is side-effect free, so the result is the same)
    b_end = tag_start  # the end of the sentence text before the tag, minus whitespace
    while b_end > ss and text[b_end - 1].isspace():
        b_end -= 1
    if (
        not is_participle
        and speaker is not None
        and b_end > ss
        and text[b_end - 1] in ",—–"
        and _WORD_RE.search(text, ss, b_end)
    ):
        tail_from = tag_end
        if entry.lemma in _ADDRESSEE_CUES:
            obj = _forward_np(ctx, tag_end, se)  # "..., the campaign told USA TODAY."
            if obj is not None:
                tail_from = obj[1]
        tail = _tail_end(ctx, tail_from, se)
        rest = text[tail:se].strip()
        if (
            rest in ("", ".", "!", "?") or rest.startswith(",") or rest.startswith(";")
        ) and not _ADVERBIAL_ONLY_RE.fullmatch(text, ss, b_end):
            cs, ce = _strip_span(text, ss, b_end, period=False)
            if _PARENTHETICAL_RE.match(rest):
                # "The plan, an inside source said, is to ...": content on both sides
                ce = _strip_span(text, cs, _content_end(ctx, tail + 1, se, sid), period=True)[1]
            kind = _kind_for(ctx, cs, ce, "indirect")
            cs, ce = _strip_quote_marks(ctx, cs, ce) if kind == "direct" else (cs, ce)
            warning = _quote_warning(ctx, cs, ce)
            return _Attribution(kind, cs, ce, text[s:e], entry, s, e, speaker, sid, warning)

    # Rule 3: the clause after the cue: "Makei affirmed that ..."
    if speaker is None:
        return None
    that_end = _find_that(ctx, e, se)
    if that_end is None and (
        entry.cue_type == "cognition"
        or (entry.lemma in _NEEDS_THAT and not _commissive(text, entry, e, se))
        or (text[s:e].lower() in _NOUN_FORMS and not (subj and _FOR_ON_RE.match(text, e, se)))
    ):
        return None  # ("Sanders calls for a ban": after its subject, "calls for" is a verb)
    start = that_end if that_end is not None else e
    if that_end is None and inverted is not None:
        start = inverted[1]
    if that_end is None and q_from != tag_end:
        start = q_from  # 'told reporters: the talks failed': the addressee is not content
    end = _content_end(ctx, start, se, sid)
    cs, ce = _strip_span(text, start, end, period=True)
    if len(text[cs:ce].split(None, 1)) < 2 and text[cs:ce].lower() not in ("yes", "no"):
        return None  # (fewer than two words, unless the answer: "the candidate said no")
    if that_end is None and entry.lemma not in _QUOTING_CUES and _scare_quoted_phrase(ctx, cs, ce):
        return None  # "Officials praised the so-called "calm" streets": not reported speech
    kind = _kind_for(ctx, cs, ce, "indirect")
    if kind == "direct":
        cs, ce = _strip_quote_marks(ctx, cs, ce)
    warning = _quote_warning(ctx, cs, ce)
    return _Attribution(kind, cs, ce, text[s:e], entry, s, e, speaker, sid, warning)


# Cues whose bare object may hold a quoted word as what was said ("called the plan
# "reckless"", "said "no""): a short quotation after them is not a scare quote.
_QUOTING_CUES = _wordset("say call")
_SO_CALLED_RE = re.compile(r"(?:so-called|so called|self-styled)\s*$", re.IGNORECASE)
_MODIFIER_RE = re.compile(r"\s+([a-z][\w-]*)")


def _scare_quoted_phrase(ctx: _Context, cs: int, ce: int) -> bool:
    """True when ``[cs, ce)`` is a short noun phrase around scare quotes.

    A bare object of at most five words holding a quoted fragment of one to three words
    with no closing punctuation, after "so-called" or modifying the noun that follows it
    (``the so-called "calm" streets``, ``the "reform" plan``): the quotation marks
    distance the narrator from a word, they do not report what someone said.
    """
    text = ctx.text
    if len(text[cs:ce].split()) > 5:
        return False
    for q in ctx.quotes_within(cs, ce):
        content = text[q.content_start : q.content_end]
        if not 1 <= len(content.split()) <= 3 or content.rstrip()[-1:] in _UTTERANCE_END:
            continue
        if _SO_CALLED_RE.search(text, max(cs, q.start - 12), q.start):
            return True
        m = _MODIFIER_RE.match(text, q.end, ce)
        if m is not None and m.group(1) not in _STOP | {"and", "or", "nor"}:
            return True  # the quoted word modifies the noun after it: the "reform" plan
    return False


def _closed_utterance(ctx: _Context, q: QuoteSpan, entry: Cue) -> bool:
    """True when a quotation right after a speech tag is the whole content.

    A speech-like quotation whose content ends in a comma or a final mark inside the
    quotation marks (``said "this is a terrible attack," before the session ended``) is a
    complete utterance when no other quotation follows in its sentence: the narration after
    it is not part of the content. Cognition cues and cues that need "that" keep the
    stricter reading (a quoted title after "agreed" or "hoped" is not speech).
    """
    if entry.cue_type == "cognition" or entry.lemma in _NEEDS_THAT:
        return False
    if ctx.text[q.content_end - 1 : q.content_end] not in _UTTERANCE_END:
        return False
    if not _speech_like(ctx, q):
        return False
    qs_end = ctx.sentences[ctx.sentence_of(q.end - 1)][1] if ctx.sentences else len(ctx.text)
    i = bisect.bisect_left(ctx.quote_starts, q.end)
    return not (i < len(ctx.quotes) and ctx.quotes[i].start < qs_end)


def _continues_after(ctx: _Context, q: QuoteSpan) -> bool:
    """True when the quotation's sentence goes on with more words after it."""
    if q.paragraphs > 1 or not q.closed:
        return False
    qs_end = ctx.sentences[ctx.sentence_of(q.end - 1)][1] if ctx.sentences else len(ctx.text)
    rest = ctx.text[q.end : max(qs_end, q.end)]
    return bool(re.match(r"\s*[\w(]", rest)) and not ctx.cues_within(q.end, max(qs_end, q.end))


# Last characters inside the marks that close a quoted utterance (see _continues_after).
_UTTERANCE_END = frozenset(",.!?…")


# Verbs whose bare object is usually an event, not reported content ("the court
# rejected the complaint", "talks continued"): rule 3 takes them only with "that".
_NEEDS_THAT = _wordset(
    """continue confirm agree reject recall repeat pledge promise vow propose recommend
    indicate reiterate disclose advise caution conclude sustain testify email post respond
    answer"""
) | {"go on"}
# Forms that are as often nouns ("the bombshell claim", "calls for a strike").
_NOUN_FORMS = _wordset("claim claims call calls fears doubts notes promises reports")
_FOR_ON_RE = re.compile(r"\s+(?:for|on)\s")
#: Cues whose to-infinitive is what was said ("vowed to fight the ruling").
_COMMISSIVES = _wordset("promise vow pledge agree propose")
_TO_VERB_RE = re.compile(r"\s+to\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those)\b)[a-z]")
#: The text before a tag that is only adverbials, not a clause: "In a letter, the mayor
#: promised to resign" does not report "In a letter".
#: A wire dateline before the first sentence of a story: "ORLANDO, Fla. (Reuters) -" (capitals
#: only: the flag is scoped, so patterns compiled with IGNORECASE can include it).
_DATELINE = (
    r"(?-i:\s*[A-Z][A-Z .'-]{2,}(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*"
    r"(?:\([^)]{1,30}\)\s*)?[—–-]+\s)"
)
_ADVERBIAL_ONLY_RE = re.compile(
    rf"{_DATELINE}?"  # (a wire dateline, "PORTLAND, Maine -")
    r"\s*(?:(?:in|on|at|during|after|before|from|under|with|without|despite|for|by|amid|"
    r"since|through|to|across|over|outside|inside)\s[^,;]*[,—–]\s*)+",
    re.IGNORECASE,
)


def _commissive(text: str, entry: Cue, e: int, se: int) -> bool:
    """True for a promise or vow followed by its to-infinitive ("vowed to fight")."""
    return entry.lemma in _COMMISSIVES and _TO_VERB_RE.match(text, e, se) is not None


_ADDRESSEE_CUES = _wordset("tell ask inform assure advise warn urge email")
_COORDINATED_RE = re.compile(r"\b(?:and|but)\s+(?:(?:also|then|later|\w+ly)\s+)?$", re.I)
# A preposition that makes a participle cue the act of the sentence's speaker: "Zucker
# responded by saying that ...", "Trump told reporters, before insisting ...".
_PREP_PARTICIPLE_RE = re.compile(r"\b(?:by|before|after|while)\s+\Z")
# ... or a document that carries the speaker's words: "Trump issued a statement saying ...".
_DOCUMENT_PARTICIPLE_RE = re.compile(
    r"\b(?:statement|letter|email|e-mail|tweet|post|memo|release|message|video|ad|op-ed)\s+\Z"
)


def _coordinated(text: str, ss: int, s: int) -> bool:
    """True when "and"/"but" (and an adverb) ends ``[ss, s)``: ``_COORDINATED_RE.search``.

    A match is "and"/"but", whitespace, at most one adverb and whitespace up to the end, so it
    starts within the last two whitespace-separated chunks: searching from there (``\\b``
    still sees the character before the search start) gives the same answer without
    scanning the whole sentence.
    """
    return _COORDINATED_RE.search(text, _last_chunks_start(text, ss, s), s) is not None


def _last_chunks_start(text: str, ss: int, s: int) -> int:
    """Where the last two whitespace-separated chunks of ``[ss, s)`` start (see
    :func:`_coordinated`), or ``ss``."""
    w0 = s - 60 if s - 60 > ss else ss  # (a window: the two chunks are short)
    head = text[w0:s].rsplit(None, 2)
    return w0 + len(head[0]) if len(head) == 3 else w0


def _participle_speaker(
    ctx: _Context, ss: int, s: int, found: Sequence[_Attribution], sid: int
) -> Span | None:
    """The speaker of ", adding that ...": the sentence's earlier speaker, else its subject."""
    for a in reversed(found):
        if a.sentence_id != sid:
            break  # rows come in cue order: the earlier ones are in earlier sentences
        if a.speaker is not None:
            return a.speaker
    return _subject_np(ctx, ss, s)


_LEADING_RE = re.compile(
    r"(?:(?:in|on|at|during|after|before|since|as|when|while|with|without|despite|for|by|"
    r"from|under|over|amid|meanwhile|however|but|and|still|yet|also|later|earlier|instead|"
    r"then|now|so|this|last|next)\b)",
    re.IGNORECASE,
)


_DATELINE_RE = re.compile(_DATELINE)


def _subject_np(ctx: _Context, ss: int, limit: int) -> Span | None:
    """The first noun phrase that opens a clause of ``[ss, limit)`` (the sentence subject)."""
    text = ctx.text
    pos = ss
    dateline = _DATELINE_RE.match(text, ss, limit)
    if dateline is not None:
        pos = dateline.end()  # "ORLANDO, Fla. (Reuters) - President Obama met ... and said"
    for _ in range(4):
        while pos < limit and (text[pos].isspace() or text[pos] in ",;—–-\"“”'‘’"):
            pos += 1
        if pos >= limit:
            return None
        if _LEADING_RE.match(text, pos):
            nxt = text.find(",", pos, limit)
            if nxt < 0:
                return None
            pos = nxt + 1
            continue
        np = _forward_np(ctx, pos, limit)
        return None if np is None else _before_verb(text, np)
    return None


#: Common irregular past forms that end a sentence subject ("Clinton spoke to workers and
#: said ..."); regular ones are recognised by "-ed".
_IRREGULAR_PAST = _wordset(
    """spoke met went took gave came sat stood held won lost ran saw sent paid kept made
    brought began thought felt found knew became wrote told"""
)
_WORD_TOKEN_RE = re.compile(r"[\w’'.-]+")


def _before_verb(text: str, np: Span) -> Span | None:
    """``np`` cut before its first word that reads as a verb, when a subject phrase runs on
    into its predicate ("Clinton visited the plant and" -> "Clinton"): an auxiliary or an
    adverb, or a lower-case past form ("-ed" not after a determiner, or a common irregular
    one); None when the phrase starts with one."""
    prev = ""
    prev_end = np[0]
    for m in _WORD_TOKEN_RE.finditer(text, np[0], np[1]):
        w = m.group()
        if w.islower() and (
            _TOKEN_FLAGS[w] & _SKIP
            or (w.endswith("ed") and prev not in _DETERMINERS)
            or w in _IRREGULAR_PAST
        ):
            return (np[0], prev_end) if prev else None
        prev = w.lower()
        prev_end = m.end()
    return np


def _quote_after_tag(ctx: _Context, tag_end: int, se: int) -> QuoteSpan | None:
    text = ctx.text
    # Fast exit: neither the tail (_TAIL_RE) nor _AFTER_TAG_RE can pass a period, so when
    # one comes before the next quotation start, no quotation starts where they end.
    i = bisect.bisect_left(ctx.quote_starts, tag_end)
    if i == len(ctx.quote_starts) or text.find(".", tag_end, ctx.quote_starts[i]) >= 0:
        return None
    k = _tail_end(ctx, tag_end, len(text))
    m = _AFTER_TAG_RE.match(text, k)
    j = m.end() if m else k
    q = ctx.quote_starting_at(j)
    if q is None:
        return None
    gap = text[tag_end:j]
    if (
        "\n" in gap
        and not gap.strip().startswith(":")
        and not _LABEL_COLON_RE.match(gap.split("\n")[0] + "\n")
    ):
        return None
    return q


# A coordinated clause with a subject of its own, matched at a separator before "and"/"but"
# (see _new_clause).
_NEW_CLAUSE_RE = re.compile(
    r"(?:,|\s[—–])\s+(?:(?:and|but)\s+(?:"
    r"(?:the|a|an|several|many|some|most|other|its|their|his|her)\s+"
    r"(?:\w+\s+){0,5}?(?:have|has|had|are|is|was|were|will|would)\b"
    # "— and he singled out ...": a subject pronoun opens the clause
    r"|(?:he|she|they|we|I)\s)"
    # ", but for Republicans, it is ...": an adverbial opens the clause
    r"|but\s+(?:for|in|on|at|with|after|before|if|when|as|by)\s)"
)


def _new_clause(text: str, start: int, end: int) -> int | None:
    """Where ``_NEW_CLAUSE_RE.search(text, start, end)`` would match, found by trying the
    pattern only at the separators before each "and"/"but" (a match starts at one)."""
    best = None
    for word in ("and", "but"):
        i = text.find(word, start, end)
        while i >= 0 and (best is None or i < best):
            if text[i - 1].isspace() and i + 3 < end and text[i + 3].isspace():
                k = i
                while k > start and text[k - 1].isspace():
                    k -= 1
                sep = k - 1 if k > start and text[k - 1] == "," else -1
                if sep < 0 and k - 1 > start and text[k - 1] in "—–" and text[k - 2].isspace():
                    sep = k - 2
                if sep >= start and _NEW_CLAUSE_RE.match(text, sep, end):
                    best = sep if best is None or sep < best else best
                    break
            i = text.find(word, i + 3, end)
    return best


def _content_end(ctx: _Context, start: int, se: int, sid: int) -> int:
    """End of a cue-first clause: the sentence end, or before a later tag in the sentence."""
    text = ctx.text
    end = se
    # cut at a following ", according to" / ", he said" / ", adding" (the cues starting in
    # [start, se), as ctx.cues_within gives them)
    cue_starts = ctx.cue_starts
    i = bisect.bisect_left(cue_starts, start)
    while i < len(cue_starts) and (k := cue_starts[i]) < se:
        i += 1
        if ctx.quote_at(k) is not None:
            continue
        coord = _COORDINATED_RE.search(text, _last_chunks_start(text, start, k), k)
        if (
            coord is not None
            and coord.start() > start
            and ctx.cues[i - 1][2].cue_type != "cognition"  # "he's proud and expects ..."
        ):
            end = coord.start()  # "called it "shameful" and said ...": a cue of its own
            break
        comma = max(text.rfind(",", start, k), text.rfind("—", start, k))
        if comma < 0:
            continue
        if len(text[comma + 1 : k].split(None, 5)) <= 5:  # at most five words between
            end = comma
            break
    # ", and several shops have closed": a coordinated clause with a subject of its own
    cut = _new_clause(text, start, end)
    if cut is not None and ctx.quote_at(cut) is None:
        end = cut
    # a quotation that runs past the sentence end is part of the content (the quotation
    # ctx.quote_at(end - 1) gives: the last one starting at or before end - 1, if it ends
    # after end - 1, here after end)
    if end > start:
        i = bisect.bisect_right(ctx.quote_starts, end - 1) - 1
        if i >= 0 and ctx.quote_ends[i] > end:
            end = ctx.quote_ends[i]
    return end


def _kind_for(ctx: _Context, cs: int, ce: int, default: Kind) -> Kind:
    # (quotes_within starts at the first quotation starting at or after cs - 1)
    i = bisect.bisect_left(ctx.quote_starts, cs - 1)
    if i == len(ctx.quote_starts) or ctx.quote_starts[i] >= ce + 1:
        return default  # no quotation starts in [cs - 1, ce + 1)
    qs = ctx.quotes_within(cs - 1, ce + 1)
    if not qs:
        return default
    if len(qs) == 1 and qs[0].start <= cs and qs[0].end >= ce:
        return "direct"
    if any(_speech_like(ctx, q) for q in qs):
        return "mixed"
    return default


def extract_attributions(
    doc: Document,
    *,
    cues: CueLexicon | None = None,
    continuations: Literal["merge", "separate"] = "merge",
) -> pd.DataFrame:
    """Extract every attribution of an article, with its cue and speaker mention.

    Parameters
    ----------
    doc : Document
        The article; offsets index ``doc.text``.
    cues : CueLexicon or None, default None
        The cue lexicon; the shipped ``data/cue_verbs.yaml`` when None.
    continuations : {"merge", "separate"}, default "merge"
        A quotation that follows the tag in a later sentence of the same paragraph with no
        tag of its own (``"One," he said. "Two."``) continues the first row, whose content
        then runs from the first quotation to the last (``"merge"``: one attribution per
        speech event, the convention of PolNeAR and of the demo gold key), or gets a row of
        its own with the same cue and speaker (``"separate"``). A split quote inside one
        sentence (``"We will not," she said, "back down."``) is always one row.

    Returns
    -------
    pandas.DataFrame
        One row per attribution with :data:`ATTRIBUTION_SCHEMA`, in content order.
        ``speaker``, ``speaker_role``, ``speaker_affiliation`` and ``role_rule`` are left
        empty for :func:`framelens.attribution.speakers.resolve_speakers`.
        ``attrs["framelens"]`` records the cue lexicon version and the quotation-mark
        recoveries of the document.

    Examples
    --------
    >>> doc = Document("d1", '"We will not," she said, "back down." Lavrov claimed that it failed.')
    >>> df = extract_attributions(doc)
    >>> df[["kind", "content", "cue", "speaker_mention"]].values.tolist()
    [['direct', 'We will not," she said, "back down.', 'said', 'she'], \
['indirect', 'it failed', 'claimed', 'Lavrov']]
    """
    columns, ctx = _extract(doc, cues, continuations)
    out = attribution_frame(columns)
    out.attrs["framelens"] = _provenance(ctx)
    return out


def attribution_spans(doc: Document) -> list[tuple[int, int]]:
    """Content spans of every attribution (direct, indirect, mixed), sorted.

    The lexicon engineer's voice split uses these: a lexicon match inside one of these
    spans is in a quoted or reported voice, otherwise in the narrator's voice.

    Examples
    --------
    >>> doc = Document("d1", 'Lavrov said that Russia would act. "Never," he added.')
    >>> [doc.text[s:e] for s, e in attribution_spans(doc)]
    ['Russia would act', 'Never,']
    """
    cols = extract_columns(doc)
    return sorted(zip(cols["content_start"], cols["content_end"], strict=True))
