"""Speaker resolution: from the mention as written to a person, a role and an affiliation.

:func:`resolve_speakers` fills ``speaker, speaker_role, speaker_affiliation, role_rule`` of
attribution rows (:data:`framelens.attribution.extract.ATTRIBUTION_SCHEMA`) for one article.
It is rule-based, parser-free and works within one article:

1. **Scan the article for people**: a person title followed by a capitalised name
   ("Russia's Foreign Minister Sergei Lavrov", "Prime Minister, Mikail Mishustin") or an
   appositive ("Sergei Lavrov, Russia's foreign minister"), plus every name, alias and
   description of the actor registry. Each person keeps its titles and the country read off
   the premodifier ("Russia's", "Russian" -> Russia; ``data/countries.yaml``).
2. **Resolve each mention**, in text order:

   - a registry name, alias or description -> that actor (``role_rule = "registry"``);
   - an anonymous phrase ("sources", "a source close to the ministry") -> itself, role
     ``anonymous``;
   - a mention followed by an anonymity clause ("a police officer who asked not to be
     named") -> the whole phrase, role ``anonymous``;
   - a pronoun: he/she -> the most recent earlier speaker of compatible gender, or person
     who opened a clause since (registry gender, "Mr."/"Ms." in the article, or what an
     earlier pronoun established; unknown gender is compatible with both, but a registry
     actor without a gender is never he/she); they -> groups and anonymous plurals; it ->
     registered organisations and groups;
   - a name with titles or descriptors ("Russia's Foreign Minister Sergei Lavrov",
     "nurse Alina Rusk", "Hanna Lisova of the Beacon Centre") -> the person; a short form
     ("Lavrov") -> the person of the article with that surname (the most recently mentioned
     if several), or "<First> <Surname>" found elsewhere in the article;
   - a definite description ("the Foreign Minister", "Russia's top diplomat") -> among the
     people mentioned earlier whose title it can denote (``descriptions`` in
     ``data/role_keywords.yaml``) and whose country agrees with the description's
     country, the most salient: the most recent speaker, else the most recently mentioned;
   - anything else (an organisation, an unresolved description) -> the mention itself,
     without a leading "the" before a proper name ("the Interior Ministry" -> "Interior
     Ministry").
3. **Role** from the registry, else an anonymous phrase, else the person's titles, else a
   keyword of the mention (:mod:`framelens.attribution.roles`); ``role_rule`` says which.

Limitations: no syntactic parse and no cross-document linking; a bare surname shared by two
people of one article goes to the most recently mentioned; "they" resolves only to groups
and anonymous plurals. See docs/attribution_speakers.md.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd

from framelens.attribution.actors import Actor, ActorRegistry, registry_with_defaults
from framelens.attribution.roles import (
    CountryNames,
    RoleRules,
    default_countries,
    default_role_rules,
    find_phrases_and_words,
)
from framelens.corpus.model import Document
from framelens.memo import bounded, per_owners

#: Columns that :func:`resolve_speakers` fills.
RESOLVED_COLUMNS = ("speaker", "speaker_role", "speaker_affiliation", "role_rule")

#: Columns of :func:`article_actors`.
ARTICLE_ACTORS_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "actor": "str",
    "kind": "str",  # person | group | anonymous | other
    "role": "str",
    "role_rule": "str",
    "affiliation": "str",
    "first_start": "int64",
    "n_mentions": "int64",
    "n_attributions": "int64",
}

_PRONOUNS: dict[str, str] = {
    "he": "male",
    "him": "male",
    "she": "female",
    "her": "female",
    "they": "plural",
    "them": "plural",
    "it": "neuter",
}
_HONORIFICS: dict[str, str] = {
    "mr": "male",
    "mr.": "male",
    "mrs": "female",
    "mrs.": "female",
    "ms": "female",
    "ms.": "female",
    "miss": "female",
    "sir": "male",
    "dr": "unknown",
    "dr.": "unknown",
}
_NOT_NAMES_TEXT = """
    The A An In On At For And But Or Of To From With By As After Before When While This That
    These Those It Its He She They We I You His Her Their Our My Your Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Former Then Also Meanwhile However Photo RELATED
    Under According During Since Despite Although If Unlike Like Among Over Until Amid
    Following Asked Speaking Writing Instead Still Yet Now Here There"""
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_DETERMINERS = ("the ", "a ", "an ", "his ", "her ", "their ", "its ", "our ")
# "<Name Name>, [the|a] [up to two premodifiers] " right before a title
_APPOSITIVE = re.compile(
    r"([A-Z][\w’'-]*(?:[ \t]+(?:[A-Z]\.|[A-Z][\w’'-]*)){1,3}),[ \t]+"
    r"(?:(?:the|a|an)[ \t]+)?(?:[\w’'.-]+[ \t]+){0,2}$"
)
_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir)\.?\s+([^\W\d_][\w’'-]*)")
# Words of find_phrases_and_words found in every text where _HONORIFIC_NAME matches: its
# honorific lower-cased, after a space (blanked: a character that is no word character, or
# the start) or "-" (\b lets it follow one), and before a space ("." or whitespace, blanked).
_HONORIFIC_KEYS = tuple(f"{c}{h} " for h in ("mr", "mrs", "ms", "miss", "sir") for c in " -")
_WORD_RUN = re.compile(r"\S+")
_RELATIVE_CLAUSE = re.compile(r",?[ \t]+(?:who|that|speaking|talking)\b[^.;:\n\"“”]{0,80}")
_LEAD_BREAKS = frozenset({"of", "from", "at", "with", "who", "whose", "in"})
# Words that make a capitalised run an organisation, not a person ("Interior Ministry").
_ORG_WORDS_TEXT = """
    ministry commission council committee court affairs office department party government
    centre center institute university union bank agency service services assembly
    parliament police army state house press post times news network group foundation
    association corporation company inc ltd league front movement coalition campaign
    administration authority authorities board bureau embassy forces guard kremlin senate
    congress republic federation organisation organization fund club team works motors
    industries plant factory
"""
_ORG_WORDS = frozenset(_ORG_WORDS_TEXT.split())
_RANKS = frozenset({"col", "gen", "lt", "maj", "capt", "sgt", "adm", "cmdr", "prof", "rev", "sen"})


def _forms_capitalised(countries: CountryNames) -> bool:
    """True when every country form starts with a capital letter and the table's regex is
    case-sensitive: then text without a capital names no country."""
    pattern = countries.regex
    return (
        not pattern.flags & re.IGNORECASE
        and "(?i" not in pattern.pattern
        and all(f[:1].isupper() for f in countries.forms)
    )


def _rule_words(rules: RoleRules) -> tuple[frozenset[str], frozenset[str]]:
    """Single words of every person title (plus ranks), and the lower-case words that are no
    name (see :meth:`_Article._name_like`): honorifics (with or without a full stop), those
    title words, organisation words and single-word keywords."""
    titles = {w.strip(".") for t in rules.titles for w in t.split()} | _RANKS
    titles -= {"of", "the", "for", "and"}
    kw = {k for k in rules.keywords if " " not in k}
    honorifics = {h.removesuffix(".") for h in _HONORIFICS}
    return frozenset(titles), frozenset(honorifics | titles | _ORG_WORDS | kw)


class _Plan(NamedTuple):
    """What resolving a mention needs to know about its text alone: a pure function of the
    mention, the rules, the registry and the country table (memoised per mention)."""

    m: str  # the mention, whitespace normalised
    actors: tuple[Actor, ...]  # the registry actors it names
    anonymous: bool  # an anonymous phrase ("sources")
    pronoun: str  # gender of a pronoun ("male", ..., "neuter"), else ""
    # (name tokens, titles, country, gender) of the person it names, if it is worth knowing:
    # see _Article._parse
    person: tuple[tuple[str, ...], tuple[str, ...], str, str] | None


class _Name(NamedTuple):
    """What :meth:`_Article._person` makes of name tokens before looking at the article: a
    pure function of the tokens, the rules and the registry (memoised per tuple of tokens)."""

    tokens: tuple[str, ...]  # without leading title words (see _Article._name_of)
    name: str  # the tokens joined
    key: str  # "person:" + name
    actor: Actor | None  # the registry actor named ``name``


class _Shared(NamedTuple):
    """What the articles resolved with one rules object, registry and country table share:
    word sets derived from them, and the memos of pure functions of a mention (or a few
    words) given them: :meth:`_Article.plan`, ``registry.candidates``,
    :meth:`_Article._country`, :meth:`_Article._description_targets` and
    :meth:`_Article._name_of`."""

    title_words: frozenset[str]  # see _rule_words
    not_names: frozenset[str]
    capitalised: bool  # see _forms_capitalised
    plans: dict[str, _Plan]
    candidates: dict[str, tuple[Actor, ...]]
    countries: dict[str, str]
    targets: dict[str, tuple[str, tuple[str, ...]] | None]
    names: dict[tuple[str, ...], _Name]


_SHARED: list[tuple[tuple[Any, ...], _Shared]] = []


def _shared(rules: RoleRules, registry: ActorRegistry, countries: CountryNames) -> _Shared:
    """The :class:`_Shared` of ``(rules, registry, countries)``, built once per triple (see
    :func:`framelens.memo.per_owners`); its memos are emptied when full when an article
    takes them (:func:`framelens.memo.bounded`)."""

    def make() -> _Shared:
        words, kw = _rule_words(rules)
        return _Shared(words, kw, _forms_capitalised(countries), {}, {}, {}, {}, {})

    return per_owners(_SHARED, (rules, registry, countries), make)


# A mention right after a closing quotation and comma ('...," Smith'): the text before it
# matches [,!?][”"’']\s*$ (checked on the right-stripped text, without a regex search).
_QUOTE_CLOSERS = frozenset("”\"’'")
_AFTER_QUOTE_PUNCT = frozenset(",!?")
_SENTENCE_END = re.compile(r"[.!?][”\"’')]*\s+")
_PREPOSITIONS_TEXT = "at of in for from with on by to who which that whose near about"
_PREPOSITIONS = frozenset(_PREPOSITIONS_TEXT.split())
# For _name_tokens: spaces or tabs, one comma, spaces or tabs, then up to five words (a
# letter other than a-z, then word characters, apostrophes, full stops or hyphens)
# separated by spaces or tabs, one group each (None when absent). A word is followed by a
# space, a tab or a character that cannot start a word (greedy: a longer word would have
# taken a letter). A word starting with a-z is no name token: the run stops before it.
_NAME_WORD = r"([^\W\d_a-z][\w’'.-]*)"
_NAME_RUN = re.compile(
    r"[ \t]*(?:,[ \t]*)?" + _NAME_WORD + (r"(?:[ \t]+" + _NAME_WORD) * 4 + r")?" * 4
)


def _last_sentence_end(s: str) -> int:
    """End of the last :data:`_SENTENCE_END` match in ``s`` (as ``finditer`` finds them), or
    -1. Each match holds one [.!?], at its start, so the last match starts at the last of
    those characters where the pattern matches: tried from the right, no scan of the rest."""
    hi = len(s)
    while True:
        p = max(s.rfind(".", 0, hi), s.rfind("!", 0, hi), s.rfind("?", 0, hi))
        if p < 0:
            return -1
        m = _SENTENCE_END.match(s, p)
        if m is not None:
            return m.end()
        hi = p


def _line_start(text: str, start: int, reach: int) -> int:
    """Start of the line holding ``start`` when it is at most ``reach`` characters back; else
    an offset below ``start - reach`` (not the line start: the text further back is not
    searched, so long lines cost nothing)."""
    lo = max(0, start - reach - 1)
    newline = text.rfind("\n", lo, start)
    return newline + 1 if newline >= 0 else lo


def _norm(s: str) -> str:
    r"""Whitespace runs collapsed to one space, ends stripped. ``str.split()`` splits on the
    characters that ``\s`` matches (both use ``str.isspace``), so this equals
    ``re.sub(r"\s+", " ", s).strip()``, four times faster."""
    return " ".join(s.split())


def _word_occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Spans of ``word`` as a whole word (not inside a longer word or hyphenation)."""
    out = []
    n, k = len(text), len(word)
    find = text.find
    i = find(word)
    while i >= 0:
        j = i + k
        # (not after, nor before, a character that is alphanumeric, "_" or "-")
        if not (i and ((c := text[i - 1]).isalnum() or c in "_-")) and not (
            j < n and ((c := text[j]).isalnum() or c in "_-")
        ):
            out.append((i, j))
        i = find(word, i + 1)
    return out


def _honorific_start(text: str, start: int) -> int:
    """Start of the honorific of a possible :data:`_HONORIFIC_NAME` match whose name starts
    at ``start`` (of "Mr" in "Mr. Smith"), else -1."""
    k = start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k == start:
        return -1
    if k > 0 and text[k - 1] == ".":
        k -= 1
    # every honorific ends in "r" or "s", after "M", "r", "s" or "i" (Mr, Mrs, Ms, Miss, Sir)
    if k < 2 or text[k - 1] not in "rs" or text[k - 2] not in "Mris":
        return -1
    for word in ("Mr", "Mrs", "Ms", "Miss", "Sir"):
        if text.endswith(word, 0, k):
            return k - len(word)
    return -1


def _is_initial(w: str) -> bool:
    """True for an initial: an ASCII capital and a full stop ("V.")."""
    return len(w) == 2 and w[1] == "." and "A" <= w[0] <= "Z"


def _strip_possessive(w: str) -> str:
    """``w`` without a final "'s", "’s", "'" or "’"."""
    if w.endswith(("'s", "’s")):
        return w[:-2]
    return w[:-1] if w.endswith(("'", "’")) else w


def _word_start(s: str, words: list[str], k: int) -> int:
    """Offset of word ``k`` (from 0) of ``s``, words being runs of non-space characters
    (``words``: ``s.split()``, which splits on the same characters as ``\\s``; ``k`` below
    its length)."""
    # Usually s starts with the words before word k, each followed by one space: then word k
    # starts right after them.
    before = " ".join(words[:k]) + " " if k else ""
    if s.startswith(before) and not s[len(before)].isspace():
        return len(before)
    return next(itertools.islice(_WORD_RUN.finditer(s), k, None)).start()


def _possessor(w: str) -> str | None:
    """The possessor of a possessive word ("Serevia's" -> "Serevia", "States'" -> "States"),
    else None: what ``(.+?)(?:'s|’s|'|’)`` captures when it fully matches ``w``."""
    if w[-1:] not in "s'’":  # (most words: no possessive ending)
        return None
    if w.endswith(("'s", "’s")) and len(w) > 2:
        return w[:-2]
    if w.endswith(("'", "’")) and len(w) > 1:
        return w[:-1]
    return None


def _name_tokens(text: str, start: int, limit: int = 4) -> tuple[list[str], int]:
    """Capitalised name tokens from ``start`` (skipping one comma), and the end offset.

    At most ``limit`` (at most five) tokens: the words of one :data:`_NAME_RUN` match, from
    the first, up to the first that is no name token (not capitalised, a stop word), a
    possessive included ("Lavrov's" -> "Lavrov"), or the last word of the match (followed
    by a comma, by no space or tab, or by no word that could be a token).
    """
    m = _NAME_RUN.match(text, start)
    toks: list[str] = []
    end = start
    if m is None:
        return toks, end
    for g, word in enumerate(m.groups()[:limit], 1):
        if word is None:
            break
        if len(word) == 2 and word[1] == "." and "A" <= word[0] <= "Z":
            tok = word  # an initial (_is_initial): kept whole, never possessive
            possessive = False
        else:
            tok = stripped = word.rstrip(".")  # (a word holds no comma)
            if toks and tok.endswith(("'s", "’s", "'", "’")):
                tok = _strip_possessive(tok)
            possessive = tok != stripped and not _is_initial(tok)
        if not tok or not tok[0].isupper() or tok in _NOT_NAMES or not tok[0].isalpha():
            break
        toks.append(tok)
        end = m.start(g) + len(tok)
        if possessive:
            break  # a possessive ends the name ("Lavrov's")
    while toks and toks[-1].endswith(".") and not _is_initial(toks[-1]):
        toks[-1] = toks[-1].rstrip(".")
    return toks, end


@dataclass(slots=True)
class _Entity:
    key: str
    name: str
    kind: str = "person"  # person | group | anonymous | other
    titles: list[str] = field(default_factory=list)
    country: str = ""
    gender: str = "unknown"
    actor: Actor | None = None
    surname: str = ""
    # the mentions recorded, as sorted starts and their ends: they never overlap
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    spoke: list[int] = field(default_factory=list)  # sorted (see _resolve_lists)
    # starts of the mentions the scan found, sorted: those that open a clause are salient
    # (checked lazily, only when a pronoun asks: see _Article._most_salient)
    scanned: list[int] = field(default_factory=list)
    role: str = "unknown"
    role_rule: str = "none"

    @property
    def display(self) -> str:
        return self.actor.name if self.actor is not None else self.name

    def add(self, start: int, end: int) -> None:
        """Record a mention unless it overlaps one already recorded."""
        if end <= start:
            end = start + 1
        starts, ends = self.starts, self.ends
        if not starts or starts[-1] < start:  # after every mention: no bisection
            if not ends or ends[-1] <= start:
                starts.append(start)
                ends.append(end)
            return
        # mentions never overlap each other, so only the neighbours can overlap the new one
        # (one that starts at start, too, is one of them)
        i = bisect.bisect_left(starts, start)
        if (i > 0 and ends[i - 1] > start) or starts[i] < end:
            return
        starts.insert(i, start)
        ends.insert(i, end)

    def add_sorted(self, spans: Iterable[tuple[int, int]]) -> None:
        """:meth:`add` for each of ``spans`` (sorted by start, each non-empty), in order.

        One merge of the recorded mentions with ``spans`` instead of a bisection and an
        insertion each: the mention before a span in the merged list is the recorded one
        with the greatest start below it (a recorded mention, or a span added before it:
        spans come by start), and the one after it the first recorded mention starting at
        or after it, the two neighbours :meth:`add` checks.
        """
        old_s, old_e = self.starts, self.ends
        starts: list[int] = []
        ends: list[int] = []
        k, n = 0, len(old_s)
        for start, end in spans:
            while k < n and old_s[k] < start:
                starts.append(old_s[k])
                ends.append(old_e[k])
                k += 1
            if (ends and ends[-1] > start) or (k < n and old_s[k] < end):
                continue
            starts.append(start)
            ends.append(end)
        if k < n:
            starts.extend(old_s[k:])
            ends.extend(old_e[k:])
        self.starts, self.ends = starts, ends

    def last_before(self, pos: int, *, speaking: bool) -> int:
        """Latest position at or before ``pos`` where this entity spoke (``speaking``) or
        was mentioned; -1 when none."""
        if speaking:
            i = bisect.bisect_right(self.spoke, pos)
            return self.spoke[i - 1] if i else -1
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i - 1] if i else -1


def _latest(ents: Iterable[_Entity], when: Callable[[_Entity], int]) -> _Entity | None:
    """The first of ``ents`` with the greatest ``when`` (a position); None when every one is
    negative (no such position). Same as ``max`` over the non-negative ones."""
    best, best_at = None, -1
    for e in ents:
        at = when(e)
        if at > best_at:
            best, best_at = e, at
    return best


class _Article:
    """Per-article state: the people found by scanning, then resolution of mentions."""

    def __init__(
        self,
        text: str,
        registry: ActorRegistry,
        rules: RoleRules,
        countries: CountryNames,
    ) -> None:
        self.text = text
        self.registry = registry
        self.rules = rules
        self.countries = countries
        self.entities: dict[str, _Entity] = {}
        self._honorifics: dict[str, str] | None = None  # first honorific of every name
        self._genders: dict[str, str] = {}  # surname -> gender from an honorific
        self._occurrences: dict[str, list[tuple[int, int]]] = {}
        self._subject_memo: dict[int, bool] = {}
        self._no_honorific = False  # True: no _HONORIFIC_NAME match in text (see _scan)
        shared = _shared(rules, registry, countries)
        self._title_words, self._not_names = shared.title_words, shared.not_names
        self._capitalised = shared.capitalised
        self._plans = bounded(shared.plans)
        self._cands = bounded(shared.candidates)
        self._country_cache = bounded(shared.countries)
        self._targets_cache = bounded(shared.targets)
        self._names = bounded(shared.names)
        self._scan()

    # -- entities -----------------------------------------------------------------------
    def _candidates(self, surface: str) -> tuple[Actor, ...]:
        """``registry.candidates(surface)``, memoised."""
        found = self._cands.get(surface)
        if found is None:
            found = self._cands[surface] = tuple(self.registry.candidates(surface))
        return found

    def _lookup(self, surface: str) -> Actor | None:
        """``registry.lookup(surface)``, memoised."""
        found = self._cands.get(surface)  # (the memo of _candidates, read without a call)
        if found is None:
            found = self._candidates(surface)
        return found[0] if found else None

    def _entity_for_actor(self, actor: Actor) -> _Entity:
        key = "actor:" + actor.name
        ent = self.entities.get(key)
        if ent is None:
            toks = actor.name.split()
            ent = _Entity(
                key,
                actor.name,
                kind=actor.kind,
                titles=[t.lower() for t in actor.titles],
                country=actor.country,
                gender=actor.gender,
                actor=actor,
                surname=toks[-1] if actor.kind == "person" and toks else "",
            )
            self.entities[key] = ent
        return ent

    def _name_of(self, tokens: tuple[str, ...]) -> _Name:
        """:class:`_Name` of name tokens (memoised)."""
        memo = self._names
        found = memo.get(tokens)
        if found is None:
            # "Prosecutor General Oleg Marchuk": drop leading title words / find a registered
            # suffix
            toks = tokens
            while len(toks) > 2 and self._lookup(" ".join(toks)) is None:
                if self.rules.titles_in(toks[0]) or self._lookup(" ".join(toks[1:])):
                    toks = toks[1:]
                else:
                    break
            name = " ".join(toks)
            found = memo[tokens] = _Name(toks, name, "person:" + name, self._lookup(name))
        return found

    def _person(self, tokens: Sequence[str], pos: int, end: int) -> _Entity:
        """The entity for a name (full name, or a surname of a known person), created if new."""
        named = self._name_of(tuple(tokens))
        actor = named.actor
        if actor is not None:
            ent = self._entity_for_actor(actor)
        else:
            ent_or_none = self.entities.get(named.key)
            # (a person under this key is what the search of _new_person would find first)
            ent = self._new_person(list(named.tokens), pos) if ent_or_none is None else ent_or_none
        if pos >= 0:
            ent.add(pos, end)
        return ent

    def _new_person(self, tokens: list[str], pos: int) -> _Entity:
        """:meth:`_person` for name tokens (titles dropped) that name no registry actor and no
        entity of the article under their own key."""
        name = " ".join(tokens)
        found: _Entity | None = None
        if len(tokens) == 1:
            found = self._by_surname(tokens[0], pos)
            if found is None:
                tokens = self._full_name(tokens[0])
                name = " ".join(tokens)
                found = self.entities.get("person:" + name)
        if found is None:
            found = self._merge_with_surname(tokens)
        if found is None:
            found = _Entity("person:" + name, name, surname=tokens[-1])
            self._infer_gender(found)
            self.entities[found.key] = found
        return found

    def _full_name(self, surname: str) -> list[str]:
        """``[first, surname]`` from "<First> <Surname>" elsewhere in the article (the person
        was introduced without a known title: "the dictator Aleksander Vorin"), else
        ``[surname]``."""
        text = self.text
        for start, _ in self._word_occurrences(surname):
            j = start
            while j > 0 and text[j - 1] in " \t":
                j -= 1
            if j == start or j == 0:
                continue
            i = j
            while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "’'-"):
                i -= 1
            first = text[i:j]
            if first[:1].isupper() and self._name_like(first, last=False):
                return [first, surname]
        return [surname]

    def _merge_with_surname(self, tokens: list[str]) -> _Entity | None:
        # "President Putin" seen first, "Vladimir Putin" later: one person. A person without
        # an actor is keyed "person:<name>" (and keys are unique): no need to scan them all.
        ent = self.entities.get("person:" + tokens[-1])
        if ent is None or ent.kind != "person" or ent.actor is not None:
            return None
        del self.entities[ent.key]
        ent.key, ent.name, ent.surname = (
            "person:" + " ".join(tokens),
            " ".join(tokens),
            tokens[-1],
        )
        self.entities[ent.key] = ent
        return ent

    def _by_surname(self, token: str, pos: int) -> _Entity | None:
        cands = []
        for e in self.entities.values():  # (a loop: cheaper than a comprehension's call)
            if e.kind == "person" and (
                # (a substring test first: most names do not contain the token at all)
                e.surname == token or (token in e.name and token in e.name.split()[1:])
            ):
                cands.append(e)
        if not cands and (a := self._lookup(token)) is not None:
            return self._entity_for_actor(a)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        return max(cands, key=lambda e: (e.last_before(pos, speaking=False), -len(e.starts)))

    def _scan(self) -> None:
        text = self.text
        title_re = self.rules.title_regex
        claimed: list[tuple[int, int, str]] = []  # mention spans already given to an entity
        # the titles and the registry's phrases, in one pass (find_phrases); same as
        # rules.title_spans(text) and registry.mentions(text)
        # (and whether the text can hold an honorific before a name: see _honorific_gender)
        reg_finders = self.registry.finders()
        (title_spans, *reg_found), honorifics = find_phrases_and_words(
            (self.rules.title_finder, *reg_finders), _HONORIFIC_KEYS, text
        )
        self._no_honorific = honorifics is not None and not honorifics
        if title_re is not None:
            forms = self.countries.forms
            titles_seen: dict[str, str] = {}  # title as written -> normalised (a memo)
            for t_start, t_end, written in title_spans:
                nxt = text[t_end : t_end + 3].lstrip(" ,\t")
                if nxt[:1].isupper():
                    toks, end = _name_tokens(text, t_end)
                elif text.find(",", max(0, t_start - 90), t_start) < 0:
                    continue  # neither "Title Name" nor "Name, ... title": skip fast
                elif nxt:
                    # _name_tokens(text, t_end) finds no name: its first token starts at
                    # nxt[0] (no capital) or at a second comma (no capital either)
                    toks, end = [], t_end
                else:
                    toks, end = _name_tokens(text, t_end)
                if toks and written.islower() and len(toks) < 2:
                    toks = []
                if toks and toks[0] in forms and all(t in forms for t in toks):
                    toks = []  # (the first token alone rules out most names: no generator)
                pos = t_start
                if not toks:
                    toks, pos = self._appositive_name(t_start)
                    end = t_end
                    if not toks:
                        continue
                title = titles_seen.get(written)
                if title is None:
                    title = titles_seen[written] = " ".join(
                        written.lower().replace("’", "'").split()
                    )
                country = self._premodifier_country(t_start)
                ent = self._person(toks, pos, end)
                claimed.append((pos, end, ent.key))
                if title not in ent.titles:
                    ent.titles.append(title)
                if country and not ent.country:
                    ent.country = country
        for start, end, actor, _ in self.registry.mention_spans(text, reg_found):
            ent = self._entity_for_actor(actor)
            ent.add(start, end)
            claimed.append((start, end, ent.key))
        # claimed spans by start, with the running maximum of their ends: the spans that can
        # contain [ws, we) start at or before ws, and the scan back stops once none reaches we
        claimed.sort()
        c_starts = [c[0] for c in claimed]
        c_reach: list[int] = []
        for c in claimed:
            c_reach.append(max(c_reach[-1], c[1]) if c_reach else c[1])
        n_claimed = len(claimed)
        for ent in list(self.entities.values()):
            if ent.kind == "person" and ent.surname:
                key = ent.key
                found = []
                j_end = 0  # claimed spans starting at or before ws: claimed[:j_end]
                for ws, we in self._word_occurrences(ent.surname):  # (sorted by start)
                    while j_end < n_claimed and c_starts[j_end] <= ws:
                        j_end += 1
                    # "Vorin" inside "Roman Ilkov, the Vorin loyalist" is not a mention of Vorin
                    j = j_end - 1
                    while j >= 0 and c_reach[j] >= we:
                        if claimed[j][1] >= we and claimed[j][2] != key:
                            break
                        j -= 1
                    else:
                        found.append((ws, we))
                ent.add_sorted(found)
                self._infer_gender(ent)
            self._assign_role(ent, ent.name)
        for ent in self.entities.values():
            ent.scanned = ent.starts.copy()

    def _most_salient(self, ents: Iterable[_Entity], pos: int) -> _Entity | None:
        """The first of ``ents`` with the latest salient position before ``pos`` (where it
        spoke, or where a mention of it found by the scan opened a clause:
        :meth:`_subject_like`); None when none has one. ``_latest`` of that position."""
        best, best_at = None, -1
        bisect_left, subject_like = bisect.bisect_left, self._subject_like
        for e in ents:
            spoke = e.spoke
            i = bisect_left(spoke, pos)
            at = spoke[i - 1] if i else -1
            # The scanned mentions before pos, latest first: only one later than ``at`` can
            # change e's position, and the first of those that opens a clause is it. Only a
            # position later than best_at changes the answer: so the scan stops there too
            # (it only skips the clause tests of mentions that cannot win).
            floor = at if at > best_at else best_at
            scanned = e.scanned
            i = bisect_left(scanned, pos) - 1
            while i >= 0 and scanned[i] > floor:
                if subject_like(scanned[i]):
                    at = scanned[i]
                    break
                i -= 1
            if at > best_at:
                best, best_at = e, at
        return best

    def _subject_like(self, start: int) -> bool:
        """True when a mention opens its sentence (after at most three capitalised
        premodifiers) or directly follows a closing quotation and comma ('...," Smith');
        memoised per position."""
        found = self._subject_memo.get(start)
        if found is None:
            found = self._subject_memo[start] = self._subject_like_uncached(start)
        return found

    def _subject_like_uncached(self, start: int) -> bool:
        line_start = _line_start(self.text, start, 80)
        before = self.text[max(line_start, start - 80) : start]
        tail = before.rstrip()  # ends in [,!?] and a closing mark, then only whitespace
        if len(tail) >= 2 and tail[-1] in _QUOTE_CLOSERS and tail[-2] in _AFTER_QUOTE_PUNCT:
            return True
        cut = _last_sentence_end(before)
        head = before[cut:] if cut >= 0 else before
        if cut < 0 and start - 80 > line_start:
            return False
        words = head.split()
        return len(words) <= 3 and all(w[:1].isupper() for w in words)

    def _infer_gender(self, ent: _Entity) -> None:
        """Gender from an honorific before the surname anywhere in the article ("Mr. Ivanov")."""
        if ent.gender != "unknown" or not ent.surname:
            return
        gender = self._genders.get(ent.surname)
        if gender is None:
            gender = self._genders[ent.surname] = self._honorific_gender(ent.surname)
        ent.gender = gender

    def _honorific_gender(self, surname: str) -> str:
        """Gender of the first ``_HONORIFIC_NAME.finditer`` match of the article whose name
        is ``surname``, else "unknown".

        Found from the occurrences of ``surname`` rather than by running the regex over the
        whole text: the name of such a match is a whole word after whitespace, so it is one
        of the occurrences; the regex is tried where an honorific ends right before one. A
        match there is also one of ``finditer``'s unless an earlier match overlaps it: one
        whose name is this honorific ("Mr. Mr. Smith"), or runs on into it through "-" or an
        apostrophe ("Mr Smith-Sir Jones"). Then the full scan decides. And when the scan's
        automaton pass found no :data:`_HONORIFIC_KEYS` in the text, there is no match.
        """
        if self._no_honorific:
            return "unknown"
        text = self.text
        for start, _ in self._word_occurrences(surname):
            # (_honorific_start is -1 unless whitespace precedes the name, and before it a
            # full stop, "r", "s" or more whitespace: most occurrences fail this first)
            if start < 3 or not text[start - 1].isspace():
                continue
            c = text[start - 2]
            if c not in ".rs" and not c.isspace():
                continue
            h = _honorific_start(text, start)
            hm = _HONORIFIC_NAME.match(text, h) if h >= 0 else None
            if hm is None or hm.group(2) != surname:
                continue
            if h > 0 and (text[h - 1] in "’'-" or _honorific_start(text, h) >= 0):
                return self._honorific_table().get(surname, "unknown")
            return _HONORIFICS[hm.group(1).lower()]
        return "unknown"

    def _honorific_table(self) -> dict[str, str]:
        """Name -> gender of its first honorific, for every name after one in the article."""
        if self._honorifics is None:
            self._honorifics = {}
            for hm in _HONORIFIC_NAME.finditer(self.text):
                self._honorifics.setdefault(hm.group(2), _HONORIFICS[hm.group(1).lower()])
        return self._honorifics

    def _word_occurrences(self, word: str) -> list[tuple[int, int]]:
        """:func:`_word_occurrences` in this article's text, memoised per word."""
        found = self._occurrences.get(word)
        if found is None:
            found = self._occurrences[word] = _word_occurrences(self.text, word)
        return found

    def _premodifier_country(self, start: int) -> str:
        # the 40 characters before start, or fewer if the line starts later: the same text
        # as text[max(_line_start(text, start, 40), start - 40) : start]
        before = self.text[max(0, start - 40) : start]
        before = before[before.rfind("\n") + 1 :]
        toks = before.split()[-2:]
        return self._country(" ".join(toks)) if toks else ""

    def _appositive_name(self, title_start: int) -> tuple[list[str], int]:
        """Name before ", <premodifiers> <title>" on the same line ("Sergei Lavrov, Russia's
        foreign minister"); ``([], -1)`` when none."""
        text = self.text
        lo = max(_line_start(text, title_start, 90), title_start - 90)
        # The comma of a match is the last one (nothing after it may hold a comma), and its
        # name holds none, so the match starts after the comma before: search from there.
        comma = text.rfind(",", lo, title_start)
        if comma < 0:
            return [], -1
        # Quick rejections, without the search: after the comma a match has [ \t], then at
        # most three words (a determiner and two premodifiers); before it a name token (no
        # whitespace inside) that starts with a capital A-Z.
        if text[comma + 1] not in " \t" or len(text[comma + 1 : title_start].split()) > 3:
            return [], -1
        k = max(text.rfind(" ", lo, comma), text.rfind("\t", lo, comma))
        if k < 0 or not "A" <= text[k + 1] <= "Z":
            return [], -1
        before = text[lo:title_start]
        comma -= lo
        m = _APPOSITIVE.search(before, before.rfind(",", 0, comma) + 1)
        if not m:
            return [], -1
        toks, _ = _name_tokens(before, m.start(1))
        return (toks, lo + m.start(1)) if len(toks) >= 2 else ([], -1)

    def _assign_role(self, ent: _Entity, mention: str) -> None:
        if ent.actor is not None and (ent.actor.role != "unknown" or ent.actor.kind == "group"):
            ent.role, ent.role_rule = ent.actor.role, "registry"
            return
        if ent.kind == "anonymous":
            ent.role, ent.role_rule = "anonymous", "anonymous_phrase"
            return
        rules = self.rules
        hit = rules.role_of_titles(ent.titles) if ent.titles else None  # (else it is None)
        if hit is None:
            hit = rules.role_of_keywords(mention)
        if hit is not None:
            ent.role, ent.role_rule = hit
        elif ent.actor is not None:
            ent.role, ent.role_rule = ent.actor.role, "registry"

    def affiliation(self, ent: _Entity) -> str:
        if ent.actor is not None and (ent.actor.affiliation or ent.actor.country):
            return ent.actor.affiliation or ent.actor.country
        return ent.country

    # -- resolution ---------------------------------------------------------------------
    def resolve(self, mention: str, pos: int, end: int) -> _Entity | None:
        """The entity that ``mention`` at ``[pos, end)`` (``pos >= 0``) denotes, with the
        mention recorded (:meth:`_Entity.add`); None when it denotes none."""
        plan = self._plans.get(mention)  # (the memo of plan(), read without a call)
        if plan is None:
            plan = self.plan(mention)
        m = plan.m
        if not m:
            return None
        if plan.actors:
            # a description shared by several actors: the most salient one in the article
            ents = [self._entity_for_actor(a) for a in plan.actors]
            ent = max(
                ents,
                key=lambda e: (
                    e.last_before(pos, speaking=True),
                    e.last_before(pos, speaking=False),
                    -ents.index(e),
                ),
            )
            ent.add(pos, end)
            return ent
        if plan.anonymous:
            return self._other(m, "anonymous", pos, end)
        if plan.pronoun:
            found = self._pronoun(plan.pronoun, pos)
            if found is not None:
                found.add(pos, end)
            return found
        text = self.text
        cm = _RELATIVE_CLAUSE.match(text, end) if 0 < end < len(text) else None
        if cm is not None and (tail := self._anonymity_tail(cm.group())):
            # "a police officer" + ", who asked not to be named": the phrase is the speaker
            return self._other(m + tail, "anonymous", pos, end)
        if plan.person is not None:
            # a person (titles and descriptors stripped)
            toks, titles, country, gender = plan.person
            ent = self._person(toks, pos, end)
            for t in titles:
                if t not in ent.titles:
                    ent.titles.append(t)
            if not ent.country:
                ent.country = country
            if gender != "unknown" and ent.gender == "unknown":
                ent.gender = gender
            return ent
        described = self._description(m, pos)
        if described is None:
            return self._other(m, "other", pos, end)
        described.add(pos, end)
        return described

    def plan(self, mention: str) -> _Plan:
        """:class:`_Plan` of ``mention`` (memoised)."""
        memo = self._plans
        found = memo.get(mention)
        if found is None:
            found = memo[mention] = self._plan_uncached(mention)
        return found

    def _plan_uncached(self, mention: str) -> _Plan:
        m = _norm(mention)
        pronoun = _PRONOUNS.get(m.lower(), "")
        if not m:
            return _Plan(m, (), False, pronoun, None)
        actors = self._candidates(m)
        anonymous = not actors and self.rules.anonymous_match(m) is not None
        # only needed when resolve gets past these; it is a pure function, so computing it
        # for a mention that an anonymity clause claims instead costs time, nothing else
        person = None if actors or anonymous or pronoun else self._parse(m)
        return _Plan(m, actors, anonymous, pronoun, person)

    def _anonymity_tail(self, clause: str) -> str:
        """The part of a relative clause right after a mention (a :data:`_RELATIVE_CLAUSE`
        match) that makes the mention anonymous (" who asked not to be named"), or ""."""
        if not self.rules.anonymous_in(clause):
            return ""  # no pattern matches (most clauses): one search instead of one each
        ends = [am.end() for pat in self.rules.anonymous if (am := pat.search(clause))]
        return clause[: max(ends)].rstrip(", ") if ends else ""

    def _other(self, m: str, kind: str, pos: int, end: int) -> _Entity:
        key = kind + ":" + m.lower()
        ent = self.entities.get(key)
        if ent is None:
            name = m
            if (
                kind == "other"
                and m[:4] in ("the ", "The ")
                and m[4:5].isupper()
                and m.split()[-1][:1].isupper()  # (m holds "the ": it has a last word)
            ):
                name = m[4:]  # "the Interior Ministry" -> "Interior Ministry"
            ent = _Entity(key, name, kind=kind, country=self._country(m))
            self.entities[key] = ent
            self._assign_role(ent, m)
        ent.add(pos, end)
        return ent

    def _pronoun(self, gender: str, pos: int) -> _Entity | None:
        ents = self.entities.values()
        if gender == "neuter":
            # registered organisations and groups only: unregistered phrases are too noisy
            return _latest(
                (
                    e
                    for e in ents
                    if e.kind == "group" or (e.actor is not None and e.actor.gender == "unknown")
                ),
                lambda e: max(
                    e.last_before(pos, speaking=True), e.last_before(pos, speaking=False)
                ),
            )
        if gender == "plural":
            cands = [
                e
                for e in ents
                if e.kind in ("group", "anonymous", "other") and e.gender in ("unknown", "plural")
            ]
        else:
            # a registry actor without a gender (often an organisation) is not "he"/"she"
            cands = [
                e
                for e in ents
                if e.kind == "person"
                and (e.gender == gender or (e.gender == "unknown" and e.actor is None))
            ]
        # the most recent compatible speaker, or person who opened a clause since
        ent = self._most_salient(cands, pos)
        if ent is None and gender != "plural":  # else the most recently mentioned person
            ent = _latest(cands, lambda e: e.last_before(pos, speaking=False))
        if ent is not None and ent.gender == "unknown" and gender in ("male", "female"):
            ent.gender = gender
        return ent

    def _parse(self, m: str) -> tuple[tuple[str, ...], tuple[str, ...], str, str] | None:
        """The person ``m`` names, titles and descriptors stripped, as ``(name tokens,
        titles, country, gender)`` (the titles and the country of the words around the name,
        the gender of an honorific before it); None when ``m`` names no person."""
        head, comma, age = m.rpartition(",")
        if comma and age.strip().isdigit() and len(age.strip()) <= 3:
            # an age apposition ("nurse Alina Rusk, 29"): the person is the phrase before it
            person = self._parse(head)
            if person is not None:
                return person
        if "," in m:
            # appositive: "Sergei Lavrov, Russia's foreign minister"
            head, tail = m.split(",", 1)
            toks, hend = _name_tokens(head, 0, limit=5)
            if (
                toks
                and not _norm(head[hend:])
                and not self.rules.titles_in(head)
                and not self._is_org(" ".join(toks))
            ):
                return (
                    tuple(toks),
                    self.rules.titles_in(tail),
                    self._country(tail),
                    "unknown",
                )
            # the name second: "the director of the F.B.I., James B. Comey"
            head, _, tail = m.rpartition(",")
            start = len(tail) - len(tail.lstrip())
            toks, tend = _name_tokens(tail, start, limit=5)
            if toks and not _norm(tail[tend:]) and not self._is_org(" ".join(toks)):
                return (tuple(toks), self.rules.titles_in(head), self._country(head), "unknown")
        split = self._split_name(m)
        if split is not None:
            prefix, toks, gender = split
            return tuple(toks), self.rules.titles_in(prefix), self._country(prefix), gender
        return None

    def _country(self, words: str) -> str:
        """Country of a premodifier: the countries table, else a possessive proper noun
        ("Serevia's" -> "Serevia") or an adjective in -ian ("Valdorian" -> "Valdoria")."""
        memo = self._country_cache
        found = memo.get(words)
        if found is None:
            found = memo[words] = self._country_uncached(words)
        return found

    def _country_uncached(self, words: str) -> str:
        known = self._country_of(words)
        if known or words.islower():
            return known  # (else a capital starts what the loop finds: lower-case text has none)
        found = ""
        for w in words.split():
            w = w.strip(",;:()")
            owner = _possessor(w)
            if owner is not None and owner[:1].isupper() and owner not in _NOT_NAMES:
                found = owner
            elif w[:1].isupper() and w.endswith("ian") and len(w) > 5:
                found = w[:-1]
        return found

    def _country_of(self, text: str) -> str:
        """``countries.country_of(text)``; "" at once for text without a capital letter when
        every country form starts with one (the table's regex is case-sensitive)."""
        if self._capitalised and text.islower():
            return ""
        return self.countries.country_of(text)

    def _split_name(self, m: str) -> tuple[str, list[str], str] | None:
        """``(prefix, name tokens, gender)`` when ``m`` ends in a person's name after titles
        or descriptors ("Central Election Commission chair Irena Sokal"), or starts with one
        followed by "of/from/at ..." ("Hanna Lisova of the Beacon Centre"); else None."""
        found = self._split_words(m)
        # an organisation ("Human Rights Watch") is no person: tested last, as the answer is
        # None anyway when _split_words finds nothing
        return None if found is None or self.rules.ends_with_keyword(m) else found

    def _split_words(self, m: str) -> tuple[str, list[str], str] | None:
        """:meth:`_split_name`, organisations not excluded."""
        words = m.split()  # the \S+ runs of m
        if not words:
            return None
        run: list[str] = []
        k = len(words)
        while k > 0:
            w = words[k - 1]
            if not self._name_like(w, last=not run):
                break
            run.insert(0, w.rstrip(",") if not _is_initial(w) else w)
            k -= 1
        prev = words[k - 1].rstrip(".").lower() if k > 0 else ""
        gender = _HONORIFICS.get(prev + ".", "unknown")
        if run and not run[-1].endswith(".") and prev not in _PREPOSITIONS:
            alone = k == 0
            titled = prev in self._title_words or prev + "." in _HONORIFICS
            if (len(run) >= 2 or alone or titled) and not self._is_org(" ".join(run)):
                return m[: _word_start(m, words, k)] if k < len(words) else m, run[-4:], gender
        # leading name followed by a preposition: "Hanna Lisova of the Beacon Centre"
        lead: list[str] = []
        for w in words:
            if not self._name_like(w, last=False) or w.endswith(("'s", "’s")):
                break
            lead.append(w)
        if (
            2 <= len(lead) < len(words)
            and words[len(lead)] in _LEAD_BREAKS
            and not self._is_org(" ".join(lead))
        ):
            return m[_word_start(m, words, len(lead)) :], lead, "unknown"
        return None

    def _name_like(self, w: str, *, last: bool) -> bool:
        if _is_initial(w):
            return not last
        core = w.rstrip(",.")
        if not core[:1].isupper() or not core[:1].isalpha() or core in _NOT_NAMES:
            return False
        if _possessor(core) is not None:
            return False
        # (no honorific, title word, organisation word or single-word keyword: see
        # _rule_words; core ends in no full stop, so an honorific there lacks its own)
        return core.lower() not in self._not_names

    def _is_org(self, head: str) -> bool:
        return self.rules.role_of_keywords(head) is not None and not self.rules.titles_in(head)

    def _description(self, m: str, pos: int) -> _Entity | None:
        memo = self._targets_cache
        found = memo[m] if m in memo else memo.setdefault(m, self._description_targets(m))
        if found is None:
            return None
        country, targets = found
        cands: list[tuple[tuple[bool, int, int], _Entity]] = []
        for e in self.entities.values():
            if e.kind != "person" or not e.titles:
                continue
            if not any(t == x or t.endswith(" " + x) for t in e.titles for x in targets):
                continue
            if country and e.country and e.country != country:
                continue
            spoke = e.last_before(pos, speaking=True)
            seen = e.last_before(pos, speaking=False)
            if seen < 0 and spoke < 0:
                continue
            # a person known to hold the description's country first, then salience
            cands.append(((bool(country) and e.country == country, spoke, seen), e))
        if not cands:
            return None
        return max(cands, key=lambda x: x[0])[1]

    def _description_targets(self, m: str) -> tuple[str, tuple[str, ...]] | None:
        """``(country, titles)`` of a definite description: the country of its premodifier
        and the person titles it can denote; None when ``m`` is no description."""
        low = m.lower().replace("’", "'")
        for det in _DETERMINERS:
            if low.startswith(det):
                low = low[len(det) :]
                break
        words = low.split()
        m_words = m.split()
        # drop the country premodifier ("russia's top diplomat" -> "top diplomat")
        while words and self._country_of(m_words[len(m_words) - len(words)]):
            words = words[1:]
        head = " ".join(words)
        targets = self.rules.description_titles(head) or ()
        if not targets:
            found = self.rules.titles_in(head)
            if not found or len(head.split()) > len(found[-1].split()) + 2:
                return None
            targets = (found[-1],)
        return self._country(m), targets


_MERGED: list[tuple[tuple[Any, ...], ActorRegistry]] = []


def _merged_registry(actors: ActorRegistry | None) -> ActorRegistry:
    """``registry_with_defaults(actors)``, built once per registry object (regexes included)."""
    return per_owners(_MERGED, (actors,), lambda: registry_with_defaults(actors))


def _make_article(doc: Document, actors: ActorRegistry | None, rules: RoleRules | None) -> _Article:
    return _Article(
        doc.text,
        _merged_registry(actors),
        rules if rules is not None else default_role_rules(),
        default_countries(),
    )


def _int(v: Any) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return -1


def _frame_lists(rows: pd.DataFrame) -> tuple[list[str], list[int], list[int], list[int]]:
    """``(mentions, speaker starts, speaker ends, content starts)`` of a rows frame; missing
    columns and values become "" / -1."""
    n = len(rows)
    mentions = (
        ["" if pd.isna(m) else str(m) for m in rows["speaker_mention"].tolist()]
        if "speaker_mention" in rows
        else [""] * n
    )
    ints = [
        [_int(v) for v in rows[c].tolist()] if c in rows else [-1] * n
        for c in ("speaker_start", "speaker_end", "content_start")
    ]
    return mentions, ints[0], ints[1], ints[2]


def _resolve_lists(
    art: _Article,
    mentions: Sequence[str],
    sp_starts: Sequence[int],
    sp_ends: Sequence[int],
    content_starts: Sequence[int],
) -> tuple[dict[str, list[str]], list[_Entity | None]]:
    """Resolve every row (given as column lists) in text order; the four filled columns."""
    n = len(mentions)
    spans: list[tuple[int, int]] = []
    for k in range(n):  # (conditional expressions: faster than max())
        s = sp_starts[k]
        if s >= 0:
            e = sp_ends[k]
            spans.append((s, e if e > s else s + 1))
        else:
            c = content_starts[k]
            c = c if c > 0 else 0
            spans.append((c, c + 1))
    # by start, ties in row order (the sort is stable)
    order = sorted(range(n), key=[start for start, _ in spans].__getitem__)
    speaker = [""] * n
    role = [""] * n
    affiliation = [""] * n
    rule = [""] * n
    ents: list[_Entity | None] = [None] * n
    resolve, affiliation_of = art.resolve, art.affiliation
    for i in order:
        pos, end = spans[i]
        mention = mentions[i]
        ent = resolve(mention, pos, end)
        ents[i] = ent
        if ent is None:
            role[i] = "unknown"
            # (plan.pronoun is set exactly when _norm(mention).lower() is a pronoun)
            rule[i] = "pronoun_unresolved" if art.plan(mention).pronoun else "none"
            continue
        spoke = ent.spoke
        if not spoke or spoke[-1] <= pos:  # rows come in text order: almost always
            spoke.append(pos)
        else:
            bisect.insort(spoke, pos)
        if ent.role == "unknown":
            art._assign_role(ent, mention)
        speaker[i] = ent.display
        affiliation[i] = affiliation_of(ent)
        role[i] = ent.role
        rule[i] = ent.role_rule
    cols = {
        "speaker": speaker,
        "speaker_role": role,
        "speaker_affiliation": affiliation,
        "role_rule": rule,
    }
    return cols, ents


def _resolve_rows(
    art: _Article, rows: pd.DataFrame
) -> tuple[dict[str, list[str]], list[_Entity | None]]:
    return _resolve_lists(art, *_frame_lists(rows))


def resolve_columns(
    doc: Document,
    columns: dict[str, list[Any]],
    *,
    actors: ActorRegistry | None = None,
    rules: RoleRules | None = None,
) -> dict[str, list[Any]]:
    """:func:`resolve_speakers` on column lists (``extract.extract_columns`` output).

    The fast path for corpus-level tables: fills the four columns of ``columns`` in place
    and returns it; no DataFrame is built. Same values as :func:`resolve_speakers`.
    """
    if not columns["doc_id"]:
        return columns
    art = _make_article(doc, actors, rules)
    resolved, _ = _resolve_lists(
        art,
        columns["speaker_mention"],
        columns["speaker_start"],
        columns["speaker_end"],
        columns["content_start"],
    )
    columns.update(resolved)
    return columns


def resolve_speakers(
    doc: Document,
    rows: pd.DataFrame,
    *,
    actors: ActorRegistry | None = None,
    rules: RoleRules | None = None,
) -> pd.DataFrame:
    """Fill ``speaker, speaker_role, speaker_affiliation, role_rule`` of one article's rows.

    Parameters
    ----------
    doc : Document
        The article the rows were extracted from (offsets index ``doc.text``).
    rows : DataFrame
        Attribution rows of this document (``extract_attributions(doc)``).
    actors : ActorRegistry, optional
        The user's registry; consulted first. The shipped collective actors
        (:func:`framelens.attribution.actors.default_actors`) are always merged behind it.
    rules : RoleRules, optional
        Role rules; default ``data/role_keywords.yaml``.

    Returns
    -------
    DataFrame
        A copy of ``rows`` with the four columns filled; rows keep their order. A row with
        no speaker mention, or a pronoun with no earlier compatible person, gets speaker ""
        and role ``unknown`` (``role_rule`` ``none`` / ``pronoun_unresolved``).

    Examples
    --------
    >>> from framelens.attribution.extract import extract_attributions
    >>> d = Document("x", "Russia's Foreign Minister Sergei Lavrov said talks went well. "
    ...              "Progress was made, he added.")
    >>> resolve_speakers(d, extract_attributions(d))["speaker"].tolist()  # doctest: +SKIP
    ['Sergei Lavrov', 'Sergei Lavrov']
    """
    if not len(rows):
        return rows.assign(**{c: pd.Series(dtype="str") for c in RESOLVED_COLUMNS})
    # pandas deep-copies attrs on every frame operation: work on a view without them
    base = rows.copy(deep=False)
    base.attrs = {}
    art = _make_article(doc, actors, rules)
    resolved, _ = _resolve_rows(art, base)
    out = base.assign(**{c: pd.array(resolved[c], dtype="str") for c in RESOLVED_COLUMNS})
    out.attrs = copy.deepcopy(rows.attrs)
    return out


def article_actors(
    doc: Document,
    rows: pd.DataFrame | None = None,
    *,
    actors: ActorRegistry | None = None,
    rules: RoleRules | None = None,
) -> pd.DataFrame:
    """Every actor of one article: people found by title patterns, registry actors (with the
    default collective actors), and resolved speakers; with mentions and attribution counts.

    Returns
    -------
    DataFrame
        :data:`ARTICLE_ACTORS_SCHEMA`, ordered by first mention.
    """
    art = _make_article(doc, actors, rules)
    n_attr: dict[str, int] = {}
    if rows is not None and len(rows):
        _, ents = _resolve_rows(art, rows)
        for e in ents:
            if e is not None:
                n_attr[e.key] = n_attr.get(e.key, 0) + 1
    recs = []
    for e in art.entities.values():
        if not e.starts:
            continue
        recs.append(
            {
                "doc_id": doc.doc_id,
                "actor": e.display,
                "kind": e.kind,
                "role": e.role,
                "role_rule": e.role_rule,
                "affiliation": art.affiliation(e),
                "first_start": e.starts[0],
                "n_mentions": len(e.starts),
                "n_attributions": n_attr.get(e.key, 0),
            }
        )
    df = pd.DataFrame(recs, columns=list(ARTICLE_ACTORS_SCHEMA))
    df = df.sort_values(["first_start", "actor"], kind="stable").reset_index(drop=True)
    return df.astype(ARTICLE_ACTORS_SCHEMA)


# The registry of strip_to_person(): one object, so that the memos kept per registry
# (_shared) are reused across calls instead of evicting those of real registries.
_NO_ACTORS = ActorRegistry()


def strip_to_person(mention: str, *, rules: RoleRules | None = None) -> str:
    """The person name inside a mention, titles and premodifiers removed; "" when none.

    Examples
    --------
    >>> strip_to_person("Russia's Foreign Minister Sergei Lavrov")
    'Sergei Lavrov'
    >>> strip_to_person("Sergei Lavrov, Russia's foreign minister")
    'Sergei Lavrov'
    >>> strip_to_person("the Foreign Minister")
    ''
    """
    art = _Article("", _NO_ACTORS, rules or default_role_rules(), default_countries())
    ent = art.resolve(mention, 0, len(mention))
    return ent.name if ent is not None and ent.kind == "person" else ""
