"""Fast lexicon matching with word boundaries, globs, stems, exclusions and voice.

The matcher builds one Aho–Corasick automaton (Aho & Corasick 1975, via ``pyahocorasick``)
over the *anchors* of every entry: the literal words of a phrase up to its first glob or
stem word, plus that word's prefix (the glob prefix, or the Snowball stem minus a final
``i``). The text is scanned once; each automaton hit is checked against word boundaries
(the same word definition as :func:`framelens.corpus.units.word_spans`) and, for globs and
stems, verified word by word, so per-match Python work happens only where a key occurs.

Normalisation keeps offsets 1:1 with the original text (:func:`normalise`: lower-casing,
curly quotes and apostrophes folded to straight ones, every whitespace character read as a
space); runs of whitespace inside a paragraph are then collapsed through an offset map, so
a phrase broken across a line or by a double space still matches and every match maps back
to exact original offsets. No phrase crosses a paragraph break (a blank line).

Overlap rule (per lexicon): candidate matches are taken longest first, then leftmost, and a
candidate overlapping an already accepted one is dropped — "legitimate authorities" counts
once, not also "authorities". Matches with the *same* span in different categories are all
kept (a word may belong to several categories, as in LIWC). Different lexicons are
independent measurements and never suppress each other. Exclusions are applied before the
overlap rule: a match lying inside an exclusion match of its category is dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Literal

import ahocorasick
import numpy as np
import pandas as pd

from framelens.attribution.extract import attribution_spans
from framelens.corpus.model import Corpus, Document
from framelens.corpus.units import (
    WORD_RE,
    lower_same_length,
    merge_spans,
    quote_spans,
    sentence_spans,
    word_count,
)
from framelens.lexicons.format import Entry, Lexicon, load_lexicon, stem
from framelens.pipeline import Backend, map_documents

Span = tuple[int, int]
Voice = Literal["narrator", "quoted", "scare_quote"]

#: Columns of :func:`lexicon_matches`, in order, with their dtypes.
#: ``sentence_id`` is the 0-based index into :func:`~framelens.corpus.units.sentence_spans`;
#: ``voice`` is ``narrator``, ``quoted`` (inside quotation marks or an attributed
#: paraphrase) or ``scare_quote`` (a 1–3 word quotation with no attribution: the narrator's
#: distancing, e.g. the so-called "referendum").
MATCH_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "sentence_id": "int64",
    "start": "int64",
    "end": "int64",
    "matched_text": "str",
    "term": "str",
    "category": "str",
    "lexicon": "str",
    "lexicon_version": "str",
    "voice": "str",
}

#: A quotation with at most this many words and no attribution is a scare quote.
SCARE_QUOTE_MAX_WORDS = 3

# 1:1 character folds, applied with str.replace (C speed) only when the character occurs
_WS_FOLDS = ("\n", "\r", "\t", "\f", "\v")
_UNICODE_FOLDS = (
    ("’", "'"),
    ("‘", "'"),
    ("‛", "'"),
    ("ʼ", "'"),
    ("“", '"'),
    ("”", '"'),
    ("„", '"'),
    ("‟", '"'),
    ("«", '"'),
    ("»", '"'),
    ("\u00a0", " "),
    ("\u2007", " "),
    ("\u202f", " "),
    ("\u2028", " "),
    ("\u2029", " "),
    ("—", "."),  # dashes and ellipsis: non-word, non-space (no phrase crosses them)
    ("–", "."),
    ("…", "."),
)
_WS_RUN = re.compile(r"\s{2,}")


def normalise(text: str) -> str:
    """Lower-case and fold quotes/whitespace, keeping ``len`` and offsets identical.

    Curly apostrophes become ``'``, curly and angle double quotes ``"``, every whitespace
    character a space, and em/en dashes and the ellipsis ``.``, one character for one.

    Examples
    --------
    >>> print(normalise("Russia’s “Outside Forces” now"))
    russia's "outside forces" now
    """
    low = text
    if not low.isascii():  # fold first: an all-ASCII result lower-cases ~5x faster
        for a, b in _UNICODE_FOLDS:
            if a in low:
                low = low.replace(a, b)
    for ch in _WS_FOLDS:
        if ch in low:
            low = low.replace(ch, " ")
    return lower_same_length(low)


def _needs_collapse(text: str, norm: str) -> bool:
    """True when whitespace other than single characters and ``\\n\\n`` breaks occurs."""
    return (
        "\r" in text
        or " \n" in text
        or "\n " in text
        or "\t" in text
        or norm.count("  ") != text.count("\n\n")
    )


def _collapse(text: str, norm: str) -> tuple[str, list[int], list[int]]:
    """Collapse whitespace runs inside a paragraph to one space, with an offset back-map.

    Runs holding two or more line breaks (paragraph breaks) are kept, so no phrase crosses
    a paragraph. The map is two sorted lists: collapsed positions from which ``removed[i]``
    characters in total had been dropped.
    """
    pieces: list[str] = []
    at: list[int] = []
    removed: list[int] = []
    last = 0
    dropped = 0
    for m in _WS_RUN.finditer(text):
        if text.count("\n", m.start(), m.end()) >= 2:
            continue
        pieces.append(norm[last : m.start() + 1])
        at.append(m.start() + 1 - dropped)
        dropped += m.end() - m.start() - 1
        removed.append(dropped)
        last = m.end()
    pieces.append(norm[last:])
    return "".join(pieces), at, removed


def _back(pos: int, at: list[int], removed: list[int]) -> int:
    i = bisect.bisect_right(at, pos) - 1
    return pos + (removed[i] if i >= 0 else 0)


def _isw(c: str) -> bool:
    return c.isalnum() or c == "_"


def _end_ok(norm: str, e: int, n: int) -> bool:
    """True when a word ends at ``e`` (as :data:`~framelens.corpus.units.WORD_RE` reads it)."""
    c = norm[e]
    if c.isalnum() or c == "_":
        return False
    return not ((c == "-" or c == "'") and e + 1 < n and _isw(norm[e + 1]))


@dataclass(frozen=True)
class _Pattern:
    entry: Entry
    lexicon: int  # index into the matcher's lexicons
    category: str  # "" for an exclusion pattern
    scopes: frozenset[str]  # categories an exclusion applies to
    simple: bool  # all-literal entry whose key is the whole phrase


@lru_cache(maxsize=200_000)
def _stem_cached(token: str, language: str) -> str:
    return stem(token, language)


class LexiconMatcher:
    """Compiled matcher over one or more lexicons (build once, reuse for every document).

    Parameters
    ----------
    lexicons : sequence of Lexicon
        Lexicons to match; each keeps its own overlap resolution.

    Examples
    --------
    >>> from framelens.lexicons import default_lexicons
    >>> m = LexiconMatcher(default_lexicons())
    >>> t = "Outside forces backed the rioters."
    >>> [(t[s:e], m.describe(p)[1]) for s, e, p in m.find(t)]
    [('Outside forces', 'foreign_interference'), ('rioters', 'delegitimizing_labels')]
    """

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self.lexicons: tuple[Lexicon, ...] = tuple(lexicons)
        names = [lx.name for lx in self.lexicons]
        if len(set(names)) != len(names):
            raise ValueError(f"lexicon names must be unique, got {names}")
        self._patterns: list[_Pattern] = []
        keyed: dict[str, tuple[list[int], list[int]]] = {}
        for li, lex in enumerate(self.lexicons):
            excl: dict[str, tuple[Entry, set[str]]] = {}
            for cname, cat in lex.categories.items():
                for entry in cat.entries:
                    self._add(keyed, _Pattern(entry, li, cname, frozenset(), False))
                for ex in cat.exclusions:
                    excl.setdefault(ex.term.lower(), (ex, set()))[1].add(cname)
            for ex, scopes in excl.values():
                self._add(keyed, _Pattern(ex, li, "", frozenset(scopes), False))
        self._automaton = ahocorasick.Automaton()
        for key, (simple, complex_) in keyed.items():
            self._automaton.add_word(key, (len(key), tuple(simple), tuple(complex_)))
        if keyed:
            self._automaton.make_automaton()
        self._languages = [lx.language for lx in self.lexicons]

    def _add(self, keyed: dict[str, tuple[list[int], list[int]]], pat: _Pattern) -> None:
        words = pat.entry.words
        parts: list[str] = []
        simple = True
        for w in words:
            parts.append(w.anchor)
            if w.kind != "literal":
                simple = False
                break
        key = " ".join(parts)
        pat = _Pattern(pat.entry, pat.lexicon, pat.category, pat.scopes, simple)
        pid = len(self._patterns)
        self._patterns.append(pat)
        slot = keyed.setdefault(key, ([], []))
        (slot[0] if simple else slot[1]).append(pid)

    def describe(self, pid: int) -> tuple[str, str, str, str]:
        """Return ``(term, category, lexicon, lexicon_version)`` of pattern ``pid``."""
        p = self._patterns[pid]
        lex = self.lexicons[p.lexicon]
        return p.entry.term, p.category, lex.name, lex.version

    def _verify(self, norm: str, s: int, pat: _Pattern) -> int:
        """Walk the entry's words from ``s``; return the match end or -1."""
        pos = s
        lang = self._languages[pat.lexicon]
        for k, w in enumerate(pat.entry.words):
            if k:
                # exactly one space: longer runs left after normalisation are paragraph breaks
                if norm[pos : pos + 1] != " " or norm[pos + 1 : pos + 2] == " ":
                    return -1
                pos += 1
            m = WORD_RE.match(norm, pos)
            if m is None:
                return -1
            tok = m.group()
            if w.kind == "literal":
                if tok != w.value:
                    return -1
            elif w.kind == "glob":
                if not tok.startswith(w.value):
                    return -1
            elif not tok.startswith(w.anchor) or _stem_cached(tok, lang) != w.value:
                return -1
            pos = m.end()
        return pos

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Return accepted matches as sorted ``(start, end, pattern_id)`` offsets into ``text``.

        Applies word boundaries, exclusions and the longest-then-leftmost overlap rule.
        """
        if not self._patterns or not text:
            return []
        norm = normalise(text)
        back: tuple[list[int], list[int]] | None = None
        if _needs_collapse(text, norm):
            norm, at, removed = _collapse(text, norm)
            back = (at, removed)
        n = len(norm)
        cands: list[tuple[int, int, int]] = []
        excls: list[tuple[int, int, int]] = []
        patterns = self._patterns
        for end_i, (klen, simple, complex_) in self._automaton.iter(norm):
            s = end_i + 1 - klen
            if s > 0:
                c = norm[s - 1]
                if c.isalnum() or c == "_":
                    continue
                if (c == "-" or c == "'") and s > 1 and _isw(norm[s - 2]):
                    continue
            if simple:
                e = end_i + 1
                if e < n and not _end_ok(norm, e, n):
                    simple = ()
                for pid in simple:
                    if patterns[pid].category:
                        cands.append((s, e, pid))
                    else:
                        excls.append((s, e, pid))
            for pid in complex_:
                e = self._verify(norm, s, patterns[pid])
                if e > 0:
                    if patterns[pid].category:
                        cands.append((s, e, pid))
                    else:
                        excls.append((s, e, pid))
        if not cands:
            return []
        if excls:
            cands = [c for c in cands if not self._excluded(c, excls)]
        out = self._resolve(cands)
        if back is not None:
            out = [(_back(s, *back), _back(e - 1, *back) + 1, p) for s, e, p in out]
        return out

    def _excluded(self, cand: tuple[int, int, int], excls: list[tuple[int, int, int]]) -> bool:
        s, e, pid = cand
        pat = self._patterns[pid]
        for xs, xe, xp in excls:
            if xs <= s and e <= xe:
                xpat = self._patterns[xp]
                if xpat.lexicon == pat.lexicon and pat.category in xpat.scopes:
                    return True
        return False

    def _resolve(self, cands: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Longest match wins, then leftmost, within each lexicon; same-span rows all kept."""
        cands.sort()
        for i in range(1, len(cands)):
            if cands[i][0] < cands[i - 1][1]:
                break
        else:  # no two candidates overlap: nothing to resolve
            return cands
        patterns = self._patterns
        by_lex: dict[int, dict[tuple[int, int], list[int]]] = {}
        for s, e, pid in cands:
            by_lex.setdefault(patterns[pid].lexicon, {}).setdefault((s, e), []).append(pid)
        out: list[tuple[int, int, int]] = []
        for spans in by_lex.values():
            starts: list[int] = []
            ends: list[int] = []
            for s, e in sorted(spans, key=lambda se: (se[0] - se[1], se[0])):
                i = bisect.bisect_left(starts, s)
                if i > 0 and ends[i - 1] > s:
                    continue
                if i < len(starts) and starts[i] < e:
                    continue
                starts.insert(i, s)
                ends.insert(i, e)
                seen: set[str] = set()
                for pid in sorted(spans[(s, e)]):
                    cat = patterns[pid].category
                    if cat not in seen:  # one row per category and span
                        seen.add(cat)
                        out.append((s, e, pid))
        out.sort()
        return out


# --- defaults and lexicon arguments ----------------------------------------------------------

DATA_DIR = Path(__file__).parent / "data"


def default_lexicon_paths(language: str = "en") -> list[Path]:
    """Paths of the default lexicons shipped for ``language`` (``data/<language>/*.yaml``)."""
    folder = DATA_DIR / language
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise ValueError(f"no default lexicons for language {language!r} in {DATA_DIR}")
    return paths


@lru_cache(maxsize=8)
def _default_lexicons(language: str) -> tuple[Lexicon, ...]:
    return tuple(load_lexicon(p) for p in default_lexicon_paths(language))


def default_lexicons(language: str = "en") -> list[Lexicon]:
    """The default lexicons written for framelens (see docs/lexicons.md for their data cards).

    Examples
    --------
    >>> sorted(lx.name for lx in default_lexicons())[:2]
    ['conflict_framing', 'epistemic_stance']
    """
    return list(_default_lexicons(language))


@lru_cache(maxsize=8)
def _default_matcher(language: str) -> LexiconMatcher:
    return LexiconMatcher(_default_lexicons(language))


LexiconsArg = Lexicon | str | Path | Sequence[Lexicon | str | Path] | LexiconMatcher | None


def compile_lexicons(lexicons: LexiconsArg = None) -> LexiconMatcher:
    """Return a :class:`LexiconMatcher` for a lexicon, path, list of them, or the defaults."""
    if lexicons is None:
        return _default_matcher("en")
    if isinstance(lexicons, LexiconMatcher):
        return lexicons
    items = [lexicons] if isinstance(lexicons, Lexicon | str | Path) else list(lexicons)
    return LexiconMatcher([x if isinstance(x, Lexicon) else load_lexicon(x) for x in items])


# --- voice -----------------------------------------------------------------------------------


def _lookup(spans: list[Span], starts: list[int], pos: int) -> int:
    i = bisect.bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < spans[i][1] else -1


def voice_spans(doc: Document, *, paraphrase: bool = True) -> tuple[list[Span], list[Span]]:
    """Return ``(quoted, scare)`` content spans of ``doc``, each sorted and non-overlapping.

    ``quoted`` merges quotation-mark contents (:func:`~framelens.corpus.units.quote_spans`,
    the same code attribution uses) and, when ``paraphrase`` is true, the content spans of
    attributed speech and paraphrase (``framelens.attribution.attribution_spans``). A
    quotation of at most :data:`SCARE_QUOTE_MAX_WORDS` words that overlaps no attribution
    is a scare quote.
    """
    text = doc.text
    marks = [(q.content_start, q.content_end) for q in quote_spans(text).spans]
    att_m = merge_spans(attribution_spans(doc)) if paraphrase else []
    att_starts = [s for s, _ in att_m]
    quoted: list[Span] = list(att_m)
    scare: list[Span] = []
    for s, e in marks:
        short = word_count(text[s:e]) <= SCARE_QUOTE_MAX_WORDS
        i = bisect.bisect_right(att_starts, e) - 1  # last attribution starting before e
        attributed = i >= 0 and att_m[i][1] > s
        if short and not attributed:
            scare.append((s, e))
        else:
            quoted.append((s, e))
    return merge_spans(quoted), merge_spans(scare)


# --- the extractor ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _empty_template() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in MATCH_SCHEMA.items()})


def empty_matches() -> pd.DataFrame:
    """An empty table with :data:`MATCH_SCHEMA` (a fresh copy)."""
    return _empty_template().copy()


def document_lexicon_matches(
    doc: Document, lexicons: LexiconsArg = None, *, paraphrase: bool = True
) -> pd.DataFrame:
    """Lexicon matches of one document: the pure per-document extractor.

    Parameters
    ----------
    doc : Document
        The article; offsets index ``doc.text``.
    lexicons : Lexicon, path, list of them, LexiconMatcher or None, default None
        ``None`` uses :func:`default_lexicons`.
    paraphrase : bool, default True
        Count attributed paraphrase (``framelens.attribution.attribution_spans``) as quoted
        voice; ``False`` uses quotation marks only.

    Returns
    -------
    DataFrame
        :data:`MATCH_SCHEMA`, one row per match and category, sorted by offset.
    """
    out = _document_rows(doc, compile_lexicons(lexicons), paraphrase)
    return empty_matches() if out is None else out.astype(MATCH_SCHEMA)


def _document_rows(doc: Document, matcher: LexiconMatcher, paraphrase: bool) -> pd.DataFrame | None:
    """Rows of one document with object columns, or None."""
    cols = _document_columns(doc, matcher, paraphrase)
    if cols is None:
        return None
    data: dict[str, Any] = {
        c: np.array(v, dtype=np.int64 if MATCH_SCHEMA[c] == "int64" else object)
        for c, v in cols.items()
    }
    return pd.DataFrame(data, copy=False)


def _document_columns(
    doc: Document, matcher: LexiconMatcher, paraphrase: bool
) -> dict[str, list[Any]] | None:
    """Rows of one document as column lists in :data:`MATCH_SCHEMA` order, or None."""
    found = matcher.find(doc.text)
    if not found:
        return None
    text = doc.text
    sent_starts = [s for s, _ in sentence_spans(text)]
    quoted, scare = voice_spans(doc, paraphrase=paraphrase)
    q_starts = [s for s, _ in quoted]
    sc_starts = [s for s, _ in scare]
    starts = [f[0] for f in found]
    voices = []
    for s in starts:
        if sc_starts and _lookup(scare, sc_starts, s) >= 0:
            voices.append("scare_quote")
        elif q_starts and _lookup(quoted, q_starts, s) >= 0:
            voices.append("quoted")
        else:
            voices.append("narrator")
    info = [matcher.describe(p) for _, _, p in found]
    n = len(found)
    return {
        "doc_id": [doc.doc_id] * n,
        "sentence_id": [max(0, bisect.bisect_right(sent_starts, s) - 1) for s in starts],
        "start": starts,
        "end": [f[1] for f in found],
        "matched_text": [text[s:e] for s, e, _ in found],
        "term": [i[0] for i in info],
        "category": [i[1] for i in info],
        "lexicon": [i[2] for i in info],
        "lexicon_version": [i[3] for i in info],
        "voice": voices,
    }


def _corpus_rows(doc: Document, matcher: LexiconMatcher, paraphrase: bool) -> dict[str, list[Any]]:
    """Column lists of one document for :func:`framelens.pipeline.map_documents` (which
    builds one DataFrame for the corpus); empty lists when nothing matches."""
    cols = _document_columns(doc, matcher, paraphrase)
    return {c: [] for c in MATCH_SCHEMA} if cols is None else cols


def lexicon_provenance(matcher: LexiconMatcher) -> list[dict[str, Any]]:
    """Name, version, language, source and categories of every lexicon in ``matcher``."""
    return [
        {
            "name": lx.name,
            "version": lx.version,
            "language": lx.language,
            "source": Path(lx.source).name if lx.source else "",
            "categories": list(lx.categories),
        }
        for lx in matcher.lexicons
    ]


def lexicon_matches(
    corpus_or_document: Corpus | Document,
    lexicons: LexiconsArg = None,
    *,
    paraphrase: bool = True,
    backend: Backend = "serial",
    n_jobs: int = 2,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Every lexicon match in a corpus (or one document), with sentence and voice.

    Parameters
    ----------
    corpus_or_document : Corpus or Document
    lexicons : Lexicon, path, list of them, LexiconMatcher or None, default None
        ``None`` uses :func:`default_lexicons` (English).
    paraphrase : bool, default True
        Attributed paraphrase (``framelens.attribution.attribution_spans``) counts as
        ``quoted`` voice; ``False`` uses quotation marks only (faster).
    backend, n_jobs, progress
        Passed to :func:`framelens.pipeline.map_documents`.

    Returns
    -------
    DataFrame
        :data:`MATCH_SCHEMA`. ``attrs["framelens"]`` records the lexicons (name, version),
        the ``paraphrase`` setting, the scare-quote threshold and the corpus provenance.

    Examples
    --------
    >>> from framelens.corpus import Corpus
    >>> c = Corpus(pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...     "text": ['Rioters clashed. He said "extremists are paid."']}))
    >>> lexicon_matches(c)[["matched_text", "category", "voice"]].values.tolist()
    [['Rioters', 'delegitimizing_labels', 'narrator'], ['clashed', 'violence_disorder', \
'narrator'], ['extremists', 'delegitimizing_labels', 'quoted']]
    """
    matcher = compile_lexicons(lexicons)
    if isinstance(corpus_or_document, Document):
        out = document_lexicon_matches(corpus_or_document, matcher, paraphrase=paraphrase)
        corpus_attrs: dict[str, Any] = {}
    else:
        out = map_documents(
            partial(_corpus_rows, matcher=matcher, paraphrase=paraphrase),
            corpus_or_document,
            backend=backend,
            n_jobs=n_jobs,
            progress=progress,
            desc="lexicon matches",
            empty=empty_matches(),
        )
        out = out.astype(MATCH_SCHEMA)
        corpus_attrs = corpus_or_document.attrs
    out.attrs = {
        "framelens": {
            "table": "lexicon_matches",
            "lexicons": lexicon_provenance(matcher),
            "paraphrase": paraphrase,
            "scare_quote_max_words": SCARE_QUOTE_MAX_WORDS,
            "overlap_rule": "longest then leftmost, per lexicon",
            "corpus": corpus_attrs,
        }
    }
    return out
