"""Speaker roles: anonymous phrases, person titles and keywords, as editable data.

A speaker's role is decided, in order, by (1) the actor registry, (2) an anonymous phrase
("sources said", "a source close to the ministry", "officials who spoke on condition of
anonymity"), (3) a person title attached to the speaker in the article ("Foreign Minister
Sergei Lavrov" -> official), (4) a keyword of the mention itself ("the ministry" ->
official, "a professor" -> expert), else ``unknown``. The rule that decided is recorded in
``role_rule``: ``registry``, ``anonymous_phrase``, ``title:<title>``, ``keyword:<keyword>``
or ``none``. Rules live in ``data/role_keywords.yaml``; country names and demonyms (for
affiliations read off "Russia's Foreign Minister") in ``data/countries.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from framelens.corpus.units import LOWERS_INTO_LATIN1, blank_non_word, lower_same_length
from framelens.datafiles import NO_LINES, YamlLines, field_message, read_yaml_lines
from framelens.memo import bounded, per_owners

Role = Literal[
    "official", "opposition", "civil_society", "expert", "citizen", "media", "anonymous", "unknown"
]

#: The speaker roles, in report order (ARCHITECTURE.md "Roles").
ROLES: tuple[str, ...] = (
    "official",
    "opposition",
    "civil_society",
    "expert",
    "citizen",
    "media",
    "anonymous",
    "unknown",
)

DATA = Path(__file__).parent / "data"
# Entries kept by the per-object memos of pure string functions (cleared when full).
DEFAULT_ROLE_RULES_PATH = DATA / "role_keywords.yaml"
DEFAULT_COUNTRIES_PATH = DATA / "countries.yaml"


# Case-sensitive PhraseFinders with at most this many distinct first words search one regex
# per first word (each found by its literal prefix), more search one regex of all phrases.
_FEW_FIRST_WORDS = 8

# Characters with a class of equivalents in phrases: any whitespace, either apostrophe.
_SPECIAL = {" ": r"\s+", "'": "['’]", "’": "['’]"}


def trie_pattern(entries: Iterable[str]) -> str:
    """A regular expression matching any of ``entries``, as a character trie.

    Python's ``re`` tries the branches of a plain alternation one by one at every offset; a
    trie shares prefixes, so one character decides, which makes scanning long texts for
    hundreds of entries fast. Optional groups are greedy, so the longest entry is tried
    first (and shorter ones on backtracking). A space in an entry matches any whitespace and
    an apostrophe either ' or ’.

    Examples
    --------
    >>> trie_pattern(["minister", "mayor", "foreign minister"])
    '(?:foreign\\\\s+minister|m(?:ayor|inister))'
    """
    return _trie(entries, literal=False)


def _trie(entries: Iterable[str], *, literal: bool) -> str:
    """:func:`trie_pattern`; with ``literal`` the entries are taken as they are (every
    character matches itself, no whitespace normalisation)."""
    special = {} if literal else _SPECIAL
    trie: dict[str, Any] = {}
    for e in entries:
        if not literal:
            e = " ".join(e.split())
        if not e:
            continue
        node = trie
        for ch in e:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        end = "" in node
        alts = [
            (special.get(ch) or re.escape(ch)) + emit(node[ch])
            for ch in sorted(k for k in node if k)
        ]
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return emit(trie)


class PhraseFinder:
    """Find whole-word occurrences of many phrases in long texts, fast.

    Every occurrence of every phrase's first word at the start of a word is located in one
    pass of an Aho-Corasick automaton (over the text's lower-cased copy when ``ignore_case``;
    words are found after a space in :func:`~framelens.corpus.units.blank_non_word` of it);
    each hit is then completed by an anchored trie regex of the phrases starting with that
    word (longest first), which also checks the word boundaries on both sides. Overlapping
    hits keep the leftmost, then the longest. Much faster than one large alternation scanned
    by ``re`` at every offset. Case-sensitive finders instead search trie regexes of the
    phrases (``re`` skips ahead to the phrases' first characters, so a frequent first word
    such as "the" costs no Python-level work per occurrence): one per first word when there
    are few (each then starts with a literal word, which ``re`` finds fastest), else one of
    all phrases; the hits are the same. :func:`find_phrases` searches one text with several
    finders (one automaton pass for all the case-insensitive ones).

    Examples
    --------
    >>> f = PhraseFinder(["foreign minister", "minister", "mayor"], ignore_case=True)
    >>> f.find("The Foreign Minister met the mayor; administer")
    [(4, 20, 'Foreign Minister'), (29, 34, 'mayor')]
    """

    def __init__(self, phrases: Iterable[str], *, ignore_case: bool = False) -> None:
        self.ignore_case = ignore_case
        groups: dict[str, set[str]] = {}
        for p in phrases:
            p = " ".join(p.split()).replace("’", "'")
            if not p:
                continue
            key = p.lower() if ignore_case else p
            first = re.split(r"[\s]", key, maxsplit=1)[0]
            groups.setdefault(first, set()).add(key)
        flags = re.IGNORECASE if ignore_case else 0
        # A head matches at a hit only on a word boundary: ``(?<![\w-])`` is the check
        # "not (c.isalnum() or c in '_-')" on the character before (``\w`` is isalnum() plus
        # "_"; a lookbehind sees the text before the ``pos`` given to ``match``).
        self._heads: dict[str, re.Pattern[str]] = {
            first: re.compile(rf"(?<![\w-]){trie_pattern(ps)}(?![\w-])", flags)
            for first, ps in groups.items()
        }
        # The first words that are their head's only phrase (see find_phrases).
        self._alone = frozenset(first for first, ps in groups.items() if ps == {first})
        # Case-sensitive: the regexes searched by _find_case_sensitive(), without the
        # lookbehind (it would stop ``re`` from skipping ahead to the first characters).
        # Each comes with two literals that every match holds (see _literals): one it starts
        # with and the longest, as a word or a piece of one between apostrophes ("" when
        # there is none, or when it has no character that _presence_key keeps).
        self._scan_res: list[tuple[str, str, re.Pattern[str]]] = []
        if not ignore_case and groups:
            if len(groups) <= _FEW_FIRST_WORDS:
                parts = [sorted(ps) for ps in groups.values()]
            else:
                parts = [[p for ps in groups.values() for p in ps]]
            for ps in parts:
                first, longest = _literals(ps)
                if _presence_key(longest) is None:
                    longest = ""
                pattern = re.compile(rf"{trie_pattern(ps)}(?![\w-])")
                self._scan_res.append((first, longest, pattern))

    def __bool__(self) -> bool:
        return bool(self._heads)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, matched text)`` of every hit, in text order, non-overlapping."""
        return find_phrases((self,), text)[0]

    @staticmethod
    def _find_case_sensitive(
        text: str, patterns: list[tuple[str, str, re.Pattern[str]]], present: set[str] | None
    ) -> list[tuple[int, int, str]]:
        """:meth:`find` by regex searches: every offset on a word boundary where a pattern
        matches (its longest phrase: the trie tries longer phrases first), then the leftmost,
        longest, non-overlapping ones. At one offset the phrases that match are prefixes of
        one another, so one regex of all phrases and one regex per first word give the same
        longest match there. Each pattern comes with a literal every match starts with and
        one every match holds (maybe ""): no match when the text lacks the second; else the
        search starts at the first occurrence of the first (``str`` methods get there faster
        than ``re``). ``present``, when given, holds the second literals that can occur in
        the text (found by :func:`find_phrases`'s automaton pass: see
        :func:`_presence_key`), and replaces the test of the text for them."""
        hits: list[tuple[int, int]] = []  # (start, -end): a plain sort puts longest first
        for first, longest, pattern in patterns:
            if present is None:
                if longest not in text:
                    continue
            elif longest and longest not in present:
                continue
            search = pattern.search
            pos = text.find(first)
            while pos >= 0 and (m := search(text, pos)) is not None:
                i = m.start()
                if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-"):
                    hits.append((i, -m.end()))  # not inside a word: isalnum() or in "_-"
                pos = i + 1
        hits.sort()
        return PhraseFinder._leftmost_longest(text, hits)

    @staticmethod
    def _leftmost_longest(text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """The non-overlapping hits among sorted ``(start, -end)`` ones, leftmost first."""
        out: list[tuple[int, int, str]] = []
        last = -1
        for a, neg_b in hits:
            if a >= last:
                last = -neg_b
                out.append((a, last, text[a:last]))
        return out


def _presence_key(literal: str) -> str | None:
    """The automaton key found in every text that holds ``literal`` as a word or a piece of
    one between apostrophes (the longest literal of a case-sensitive pattern: see
    :meth:`PhraseFinder._find_case_sensitive`); None when it would be blanks only.

    In a match of the pattern such a piece is preceded by the match's start (after a
    character that is not alphanumeric, "_" or "-", or none), whitespace or an apostrophe,
    and followed by the match's end (checked the same way by its lookahead), whitespace or
    an apostrophe: in ``" " + _blank_lower(text) + " "`` every one of those is a space, and
    the piece itself is ``_blank_lower(literal)`` (both lower-case and blank one character
    at a time). So a text whose blanked copy lacks the key holds no match.
    """
    blanked = _blank_lower(literal)
    return f" {blanked} " if blanked.strip() else None


def _literals(phrases: Iterable[str]) -> tuple[str, str]:
    """Two strings that every match of the trie pattern of ``phrases`` holds: one it starts
    with and the longest (each "" when there is none). A phrase's words occur in its matches
    as written, except apostrophes (either ' or ’ matches) and whitespace (any run matches
    a space): so the pieces of a word between apostrophes do."""
    ps = list(phrases)
    pieces = [[piece for w in p.split() for piece in w.split("'")] for p in ps]
    common = set(pieces[0]).intersection(*pieces[1:]) if ps else set()
    first = pieces[0][0] if ps and all(pc[0] == pieces[0][0] for pc in pieces) else ""
    return first, max(sorted(common), key=len, default="")


# Aho-Corasick automata of the first words of case-insensitive PhraseFinders (and the
# literals of case-sensitive ones), per tuple of finders (compared by identity; finders are
# never changed after construction): the last four.
_AUTOMATA: list[tuple[tuple[PhraseFinder, ...], Any]] = []


def _automaton(finders: tuple[PhraseFinder, ...], words: tuple[str, ...] = ()) -> Any:
    """Aho-Corasick automaton of the first words of ``finders`` (built on first use).

    Keys are ``" " + blank_non_word(first word) + " "``; each maps to the words' length + 1
    and the ``(finder index, first word, head match, length)`` entries it stands for (words
    differing only in blanked characters, or shared by two finders, share a key); the first
    word is None when it has no blanked character (a hit of its key is an occurrence of it),
    the length that of the word when it is also its head's only phrase, else 0. The
    case-sensitive finders add the :func:`_presence_key` of the longest literal of each of
    their patterns, with a ``(finder index, literal, None, 0)`` entry, and each of ``words``
    (keys as they are) a ``(-1, word, None, 0)`` entry.
    """
    return per_owners(_AUTOMATA, (*finders, words), lambda: _build_automaton(finders, words))


def _build_automaton(finders: tuple[PhraseFinder, ...], words: tuple[str, ...]) -> Any:
    import ahocorasick

    keys: dict[str, list[tuple[int, str | None, Any, int]]] = {}
    for word in words:
        keys.setdefault(word, []).append((-1, word, None, 0))
    for k, finder in enumerate(finders):
        for _, longest, _ in finder._scan_res:
            if (key := _presence_key(longest)) is not None:
                keys.setdefault(key, []).append((k, longest, None, 0))
        if finder._scan_res:
            continue
        for first, head in finder._heads.items():
            key = f" {blank_non_word(first)} "
            # A first word of kept characters only (blank_non_word leaves it as it is) is
            # what its key's hit covers: no check of the lower-cased text (None) is needed.
            check = None if key[1:-1] == first else first
            # The length of such a word that is its head's only phrase: in an ASCII text a
            # hit of its key is a match of its head (see find_phrases).
            alone = len(first) if check is None and first in finder._alone else 0
            keys.setdefault(key, []).append((k, check, head.match, alone))
    auto = ahocorasick.Automaton()
    for key, heads in keys.items():
        auto.add_word(key, (len(key) - 1, tuple(heads)))
    auto.make_automaton()
    return auto


def _blank_lower(text: str) -> str:
    """``blank_non_word(lower_same_length(text.replace("’", "'")))`` in one pass.

    Both apostrophes are blanked, so the replacement changes nothing. Every other character
    beyond Latin-1 lower-cases to a character beyond Latin-1 (or to several characters, when
    ``lower_same_length`` keeps it as it is), which ``blank_non_word`` blanks: so lower-casing
    and blanking the Latin-1 characters alone (one byte translation) gives the same string,
    unless the text holds one of :data:`~framelens.corpus.units.LOWERS_INTO_LATIN1` (a
    single-character ``in`` test each, cheap).
    """
    if not text.isascii() and any(c in text for c in LOWERS_INTO_LATIN1):
        return blank_non_word(lower_same_length(text))
    return blank_non_word(text, lower=True)


def _lower_at(text: str, i: int, n: int) -> str:
    """``lower_same_length(text.replace("’", "'"))[i : i + n]``, without lowering all of
    ``text``: ``lower_same_length`` lowers character by character (keeping those whose lower
    case is longer) except a capital sigma, the one character that ``str.lower`` lowers by
    its context (to "ς" at the end of a word): so a piece without one lowers alone as it
    does within the text."""
    piece = text[i : i + n].replace("’", "'")
    if "\u03a3" in piece:
        return lower_same_length(text.replace("’", "'"))[i : i + n]
    return lower_same_length(piece)


def find_phrases(finders: Sequence[PhraseFinder], text: str) -> list[list[tuple[int, int, str]]]:
    """``[f.find(text) for f in finders]``, with one Aho-Corasick pass over ``text`` for all
    the case-insensitive finders (the pass, not the hits, is most of their cost).

    The case-insensitive finders search the same haystack (the lower-cased text), so one
    automaton of all their first words, each hit tagged with its finder, finds what each
    finder's own automaton would; the hits are then completed and filtered per finder.
    """
    return find_phrases_and_words(finders, (), text)[0]


def find_phrases_and_words(
    finders: Sequence[PhraseFinder], words: tuple[str, ...], text: str
) -> tuple[list[list[tuple[int, int, str]]], set[str] | None]:
    """:func:`find_phrases`, and those of ``words`` that occur in ``" " + blanked + " "``,
    ``blanked`` being the text lower-cased with every character that is not alphanumeric,
    "_" or "-" as a space (:func:`~framelens.corpus.units.blank_non_word`), found in the
    same pass; None instead when there is no pass (no case-insensitive finder). ``words``
    should be one tuple object per set of words (the automaton is built once per tuple of
    finders and ``words``, compared by identity).
    """
    out: list[list[tuple[int, int, str]]] = [[] for _ in finders]
    aho = []
    for k, finder in enumerate(finders):
        if not finder._scan_res and finder._heads:  # (case-insensitive: see __init__)
            aho.append(k)
    if not aho:
        for k, finder in enumerate(finders):
            if finder._scan_res:
                out[k] = PhraseFinder._find_case_sensitive(text, finder._scan_res, None)
        return out, None
    # The candidates are the offsets i where a first word occurs in ``hay``, the lower-cased
    # text with "’" as "'" (read at i by _lower_at, if a first word with a blanked character
    # needs it).
    # Those after a word character cannot match (the head regex rejects them); the others
    # all follow a space in the blanked copy (a character that is not alphanumeric, "_" or
    # "-" stays one when lower-cased), so the automaton over " " + blanked hay finds them
    # (the key's space sits at i - 1 + 1 = i in the shifted copy, so i = last - size).
    # Likewise a match has whitespace or a non-word character (or the end of the text) after
    # its first word, a space in " " + blanked hay + " ": the keys end with one, which skips
    # the occurrences that run on into a longer word ("officials" for "official").
    # The same pass finds which longest literals of the case-sensitive finders' patterns
    # can occur (``present``), instead of a search of the text for each.
    # In an ASCII text, a hit of a word that is its head's only phrase is a match of the
    # head: the text's characters there lower-case to the word's; those before and after it
    # are blanked, so neither a word character nor "-".
    ascii_text = text.isascii()
    present: set[str] = set()
    hits: list[list[tuple[int, int]]] = [[] for _ in finders]  # (start, -end) per finder
    for last, (size, heads) in _automaton(tuple(finders), words).iter(f" {_blank_lower(text)} "):
        i = last - size
        for k, first, match, alone in heads:
            if alone and ascii_text:
                hits[k].append((i, -i - alone))
                continue
            if first is not None:
                if match is None:  # a literal of a case-sensitive pattern, or a word
                    present.add(first)
                    continue
                if _lower_at(text, i, len(first)) != first:
                    continue
            if (m := match(text, i)) is not None:
                hits[k].append((i, -m.end()))
    for k, finder in enumerate(finders):
        if finder._scan_res:
            out[k] = PhraseFinder._find_case_sensitive(text, finder._scan_res, present)
        elif finder._heads:
            hits[k].sort()  # a plain sort puts the longest first at one start
            out[k] = PhraseFinder._leftmost_longest(text, hits[k])
    return out, present.intersection(words)


def _entry_regex(entries: Iterable[str]) -> re.Pattern[str] | None:
    """Case-insensitive trie of ``entries`` on word boundaries (longest match preferred)."""
    items = {e.strip().lower() for e in entries if e.strip()}
    if not items:
        return None
    return re.compile(rf"(?<![\w-]){trie_pattern(items)}(?![\w-])", re.IGNORECASE)


def _lower_twin(regex: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """The case-sensitive twin of an :func:`_entry_regex` of ASCII entries, which finds in
    :func:`_caseless_copy` of a text what ``regex`` finds in the text (see there); None
    when an entry is not ASCII. ``re`` tries a case-insensitive alternation's branches one
    by one; a case-sensitive one rejects a branch whose first character differs at once."""
    if regex is None or not regex.pattern.isascii():
        return None
    return re.compile(regex.pattern)


# The characters beyond ASCII that re.IGNORECASE matches to an ASCII character (İ, ı, ſ and
# the Kelvin sign): every c among map(chr, range(128, 0x110000)) for which
# ``re.fullmatch(r"(?i)[\x00-\x7f]", c)`` matches (Python 3.11).
_ASCII_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _caseless_copy(text: str) -> str | None:
    """``text.lower()``, in which a case-sensitive twin of a case-insensitive regex of ASCII
    characters (:func:`_lower_twin`, :func:`_caseless_twin`) finds what the regex finds in
    ``text`` (same spans, a match's text lower-cased); None when that may fail.

    Lower-casing an ASCII text changes letters only, into the one lower-case letter that
    re.IGNORECASE matches them to. Beyond ASCII, when the copy is as long as the text, every
    character lowered to one character, which (checked for every code point) is whitespace,
    a word character, "-", "_" or an apostrophe exactly when the original is, and is ASCII
    only for one of :data:`_ASCII_FOLDS` (then None); the other non-ASCII characters match
    no ASCII character of a pattern either way, and whitespace lowers to itself.
    """
    low = text.lower()
    if text.isascii():
        return low
    if len(low) != len(text) or any(c in text for c in _ASCII_FOLDS):
        return None
    return low


# What a regular expression may be made of, besides "\\b", for _caseless_twin(): lower-case
# ASCII letters, spaces, groups, alternatives, optional parts, classes and inline flags.
_CASELESS_SYNTAX = frozenset("abcdefghijklmnopqrstuvwxyz ()?:|[]")


def _caseless_twin(regex: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """``regex`` without re.IGNORECASE, which finds in :func:`_caseless_copy` of a text what
    ``regex`` (case-insensitive) finds in the text, when its pattern is made of
    :data:`_CASELESS_SYNTAX` and ``\\b`` only (every backslash starts a ``\\b``); else None.

    Its atoms then match one lower-case ASCII letter, a space, or (in a class) a backspace,
    and ``\\b`` tests word characters: each matches a character of the text exactly when it
    matches that character of the copy (see :func:`_caseless_copy`); inline flags apply to
    both alike.
    """
    if regex is None or not regex.flags & re.IGNORECASE:
        return None
    if not set(regex.pattern.replace("\\b", "")) <= _CASELESS_SYNTAX:
        return None
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)


def _find_lower(regex: re.Pattern[str], twin: re.Pattern[str] | None, text: str) -> tuple[str, ...]:
    """The text of every match of ``regex`` (an :func:`_entry_regex`) in ``text``, lower
    case, whitespace normalised; found by its :func:`_lower_twin` ``twin`` when it can be."""
    if twin is not None and (low := _caseless_copy(text)) is not None:
        hits = twin.findall(low)  # (the twin has no group: findall gives each match's text)
        return tuple(" ".join(h.split()) for h in hits) if hits else ()
    return tuple(" ".join(m.group().lower().split()) for m in regex.finditer(text))


def _any_regex(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    """One regex that matches in a text when one of ``patterns`` does (an alternation), or
    None when they cannot be joined safely (groups, whose numbers would shift; different
    flags; a global inline flag)."""
    if not patterns or any(p.groups for p in patterns):
        return None
    flags = {p.flags for p in patterns}
    if len(flags) != 1:
        return None
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags.pop())
    except re.error:
        return None


# What RoleRules' memo holds for a text not yet seen (None is a remembered answer).
_UNKNOWN: Any = object()


@dataclass(frozen=True)
class RoleRules:
    """Validated role rules (see ``data/role_keywords.yaml``).

    Attributes
    ----------
    version, source : str
    anonymous : tuple of re.Pattern
        Patterns making a mention anonymous.
    titles, keywords : dict of str to str
        Lower-case entry -> role.
    descriptions : dict of str to tuple of str
        Description head ("top diplomat") -> person titles it can refer to.
    """

    version: str
    source: str
    anonymous: tuple[re.Pattern[str], ...]
    titles: Mapping[str, str]
    keywords: Mapping[str, str]
    descriptions: Mapping[str, tuple[str, ...]]
    _title_re: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _keyword_re: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    # their _lower_twin()s
    _title_twin: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _keyword_twin: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    # _any_regex() of the anonymous patterns
    _anonymous_any: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    # and its _caseless_twin()
    _anonymous_twin: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _title_finder: PhraseFinder | None = field(default=None, repr=False, compare=False)
    # description -> (its position in descriptions, its titles)
    _description_rank: dict[str, tuple[int, tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # Memos of the pure string -> result methods, one each (mentions repeat across rows and
    # articles): anonymous_match, titles_in, ends_with_keyword and role_of_keywords.
    _anonymous_memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _titles_memo: dict[str, tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _ends_memo: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    _keywords_memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_title_re", _entry_regex(self.titles))
        object.__setattr__(self, "_keyword_re", _entry_regex(self.keywords))
        object.__setattr__(self, "_title_twin", _lower_twin(self._title_re))
        object.__setattr__(self, "_keyword_twin", _lower_twin(self._keyword_re))
        object.__setattr__(self, "_anonymous_any", _any_regex(self.anonymous))
        object.__setattr__(self, "_anonymous_twin", _caseless_twin(self._anonymous_any))
        object.__setattr__(self, "_title_finder", PhraseFinder(self.titles, ignore_case=True))
        for rank, (head, ts) in enumerate(self.descriptions.items()):
            self._description_rank[head] = (rank, ts)

    @property
    def anonymous_any(self) -> re.Pattern[str] | None:
        """One regex that matches wherever one of :attr:`anonymous` does (their alternation),
        or None when they cannot be joined safely: a quick "no pattern matches" test."""
        return self._anonymous_any

    def title_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Every person title in ``text``: ``(start, end, as written)``, fast on long texts."""
        return self.title_finder.find(text)

    @property
    def title_finder(self) -> PhraseFinder:
        """The :class:`PhraseFinder` of :meth:`title_spans` (of every person title)."""
        assert self._title_finder is not None  # set by __post_init__
        return self._title_finder

    @property
    def title_regex(self) -> re.Pattern[str] | None:
        """Alternation of every person title (longest first, case-insensitive)."""
        return self._title_re

    def anonymous_match(self, mention: str) -> str | None:
        """The anonymous pattern ``mention`` matches, or None."""
        memo = self._anonymous_memo
        found = memo.get(mention, _UNKNOWN)
        if found is not _UNKNOWN:
            return cast("str | None", found)
        found = None
        # Most mentions match no pattern: one search of them all says so.
        if self._anonymous_any is None or self.anonymous_in(mention):
            for pat in self.anonymous:
                if pat.search(mention):
                    found = pat.pattern
                    break
        bounded(memo)[mention] = found
        return cast("str | None", found)

    def anonymous_in(self, text: str) -> bool:
        """True when one of :attr:`anonymous` matches in ``text`` (not memoised)."""
        twin = self._anonymous_twin
        if twin is not None and (low := _caseless_copy(text)) is not None:
            return twin.search(low) is not None
        if self._anonymous_any is not None:
            return self._anonymous_any.search(text) is not None
        return any(pat.search(text) for pat in self.anonymous)

    def description_titles(self, head: str) -> tuple[str, ...] | None:
        """The titles of the first of :attr:`descriptions` that ``head`` (lower case,
        whitespace normalised) is or ends with after a space; None when there is none."""
        # Such a description is head or a suffix of it after a space: look those up, and keep
        # the first in order.
        rank = self._description_rank
        best = rank.get(head)
        p = head.find(" ")
        while p >= 0:
            found = rank.get(head[p + 1 :])
            if found is not None and (best is None or found[0] < best[0]):
                best = found
            p = head.find(" ", p + 1)
        return None if best is None else best[1]

    def find_titles(self, text: str) -> list[str]:
        """Person titles occurring in ``text`` (lower case, longest matches, in order)."""
        return list(self.titles_in(text))

    def titles_in(self, text: str) -> tuple[str, ...]:
        """:meth:`find_titles` as a tuple (memoised: the same tuple for the same text)."""
        if self._title_re is None:
            return ()
        found = self._titles_memo.get(text)
        if found is None:
            found = _find_lower(self._title_re, self._title_twin, text)
            bounded(self._titles_memo)[text] = found
        return found

    def role_of_titles(self, titles: Iterable[str]) -> tuple[str, str] | None:
        """``(role, "title:<t>")`` for the longest known title among ``titles``."""
        best: tuple[int, str, str] | None = None
        for t in titles:
            key = " ".join(t.lower().split())
            role = self.titles.get(key)
            if role is not None and (best is None or len(key) > best[0]):
                best = (len(key), role, f"title:{key}")
        return None if best is None else (best[1], best[2])

    def ends_with_keyword(self, mention: str) -> bool:
        """True when ``mention`` ends with a keyword ("Human Rights Watch", "the ministry"):
        an organisation-headed phrase."""
        if self._keyword_re is None:
            return False
        memo = self._ends_memo
        found = memo.get(mention)
        if found is None:
            end = len(mention.rstrip(" ,.;:"))
            twin = self._keyword_twin
            low = _caseless_copy(mention) if twin is not None else None
            matches = (
                twin.finditer(low)  # (the same spans: see _caseless_copy)
                if twin is not None and low is not None
                else self._keyword_re.finditer(mention)
            )
            found = bounded(memo)[mention] = any(m.end() == end for m in matches)
        return found

    def role_of_keywords(self, mention: str) -> tuple[str, str] | None:
        """``(role, rule)`` from the longest title inside ``mention``, else the longest keyword."""
        memo = self._keywords_memo
        found = memo.get(mention, _UNKNOWN)
        if found is _UNKNOWN:
            found = bounded(memo)[mention] = self._role_of_keywords(mention)
        return cast("tuple[str, str] | None", found)

    def _role_of_keywords(self, mention: str) -> tuple[str, str] | None:
        found: list[tuple[int, str, str]] = []
        for key in self.titles_in(mention):
            found.append((len(key), self.titles[key], f"title:{key}"))
        if not found and self._keyword_re is not None:
            for key in _find_lower(self._keyword_re, self._keyword_twin, mention):
                found.append((len(key), self.keywords[key], f"keyword:{key}"))
        if not found:
            return None
        found.sort(key=lambda x: -x[0])
        return found[0][1], found[0][2]


def role_rules_from_mapping(
    data: Mapping[str, Any], *, source: str = "<mapping>", lines: YamlLines = NO_LINES
) -> RoleRules:
    """Validate a role-rules mapping (the YAML structure) and build :class:`RoleRules`.

    Raises ``ValueError`` naming the source, the line (from ``lines``, the file's
    :class:`~framelens.datafiles.YamlLines`; none for a mapping built in Python) and the
    field at fault: ``"<source>: line <n>: field 'roles.boss': unknown role; ..."``.
    """

    def fail(keys: tuple[Any, ...], what: str, msg: str) -> ValueError:
        return ValueError(field_message(source, lines.line(*keys), what, msg))

    if not isinstance(data, Mapping):
        raise fail((), "top level", "expected a mapping with 'version' and 'roles'")
    version = str(data.get("version") or "")
    if not version:
        raise fail(("version",), "field 'version'", "missing or empty")
    anon = []
    patterns = data.get("anonymous") or []
    if not isinstance(patterns, list):
        raise fail(("anonymous",), "field 'anonymous'", "expected a list of regular expressions")
    for i, pat in enumerate(patterns):
        try:
            anon.append(re.compile(str(pat), re.IGNORECASE))
        except re.error as exc:
            raise fail(
                ("anonymous", i), f"field 'anonymous[{i}]'", f"invalid regular expression: {exc}"
            ) from None
    titles: dict[str, str] = {}
    keywords: dict[str, str] = {}
    roles = data.get("roles")
    if not isinstance(roles, Mapping) or not roles:
        raise fail(("roles",), "field 'roles'", "expected a mapping of role -> titles/keywords")
    for role, entry in roles.items():
        where = f"field 'roles.{role}'"
        if role not in ROLES:
            raise fail(("roles", role), where, f"unknown role; use one of {ROLES}")
        if not isinstance(entry, Mapping):
            raise fail(("roles", role), where, "expected a mapping with 'titles'/'keywords'")
        for kind, target in (("titles", titles), ("keywords", keywords)):
            items = entry.get(kind) or []
            at = ("roles", role, kind)
            if not isinstance(items, list):
                raise fail(at, f"field 'roles.{role}.{kind}'", "expected a list of strings")
            for j, item in enumerate(items):
                key = " ".join(str(item).lower().split())
                if key in target and target[key] != role:
                    raise fail(
                        (*at, j),
                        f"field 'roles.{role}.{kind}'",
                        f"{key!r} already under {target[key]!r}",
                    )
                target[key] = role
    desc: dict[str, tuple[str, ...]] = {}
    descriptions = data.get("descriptions") or {}
    if not isinstance(descriptions, Mapping):
        raise fail(
            ("descriptions",), "field 'descriptions'", "expected a mapping of head -> titles"
        )
    for head, ts in descriptions.items():
        if not isinstance(ts, list):
            raise fail(
                ("descriptions", head), f"field 'descriptions.{head}'", "expected a list of titles"
            )
        desc[" ".join(str(head).lower().split())] = tuple(
            " ".join(str(t).lower().split()) for t in ts
        )
    return RoleRules(version, source, tuple(anon), titles, keywords, desc)


def load_role_rules(path: str | Path | None = None) -> RoleRules:
    """Read role rules from YAML (default: the shipped ``data/role_keywords.yaml``).

    Raises
    ------
    ValueError
        Naming the file, the line and the offending field (see
        :func:`role_rules_from_mapping`); a YAML syntax error as
        :func:`framelens.datafiles.yaml_syntax_message` words it.
    """
    if path is None:
        return default_role_rules()
    return _read_rules(Path(path))


def _read_rules(p: Path) -> RoleRules:
    data, lines = read_yaml_lines(p)
    return role_rules_from_mapping(data, source=str(p), lines=lines)


@lru_cache(maxsize=1)
def default_role_rules() -> RoleRules:
    """The shipped role rules (cached)."""
    return _read_rules(DEFAULT_ROLE_RULES_PATH)


def _spans_after_boundary(pattern: re.Pattern[str], text: str, inner: str) -> list[tuple[int, int]]:
    r"""The spans ``finditer`` gives for ``(?<![\w<inner>])`` followed by ``pattern``.

    Found by searches of ``pattern`` alone, which ``re`` skips ahead to its first characters
    (a leading lookbehind makes it try the pattern at every offset): a hit after a word
    character (``\w`` is isalnum() plus "_") or one of ``inner`` is skipped by searching
    again one character further, as the lookbehind would make ``finditer`` do.
    """
    out: list[tuple[int, int]] = []
    search = pattern.search
    pos = 0
    while (m := search(text, pos)) is not None:
        i = m.start()
        if i > 0 and (text[i - 1].isalnum() or text[i - 1] in inner):
            pos = i + 1
            continue
        out.append(m.span())
        pos = m.end()
    return out


@dataclass(frozen=True)
class CountryNames:
    """Country surface forms: names, possessives and demonyms -> country name."""

    version: str
    forms: Mapping[str, str]
    regex: re.Pattern[str]
    _memo: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # The forms as a literal trie with ``regex``'s lookahead but not its lookbehind, when
    # ``regex`` is the alternation default_countries() builds (see country_of).
    _trie: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    def country_of(self, text: str) -> str:
        """The country of the last country form in ``text`` ("Russia's" -> "Russia"), or ""."""
        memo = self._memo
        last = memo.get(text)
        if last is not None:
            return last
        last = ""
        if self._trie is None:
            for m in self.regex.finditer(text):
                last = self.forms[m.group()]
        else:
            # the spans of regex.finditer(text), found faster (see _spans_after_boundary)
            spans = _spans_after_boundary(self._trie, text, "_.")
            if spans:
                last = self.forms[text[spans[-1][0] : spans[-1][1]]]
        bounded(memo)[text] = last
        return last


@lru_cache(maxsize=1)
def default_countries() -> CountryNames:
    """The shipped country forms (cached)."""
    data = yaml.safe_load(DEFAULT_COUNTRIES_PATH.read_text(encoding="utf-8"))
    forms: dict[str, str] = {}
    for country, demonyms in (data.get("countries") or {}).items():
        name = str(country)
        for form in [name, f"{name}'s", f"{name}’s", *[str(d) for d in demonyms or []]]:
            forms.setdefault(form, name)
        if name.endswith("s"):
            forms.setdefault(f"{name}'", name)
            forms.setdefault(f"{name}’", name)
    alt = "|".join(re.escape(f) for f in sorted(forms, key=lambda s: (-len(s), s)))
    regex = re.compile(rf"(?<![\w.])(?:{alt})(?![\w])")
    # The same forms as a trie without the lookbehind, for country_of(): it matches the same
    # longest form at an offset (the forms matching at one offset are prefixes of one another).
    trie = re.compile(rf"{_trie(forms, literal=True)}(?![\w])") if all(forms) else None
    return CountryNames(str(data.get("version", "")), forms, regex, _trie=trie)
