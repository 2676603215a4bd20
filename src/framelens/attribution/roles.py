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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from framelens.datafiles import read_yaml

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
_MEMO_SIZE = 50_000
DEFAULT_ROLE_RULES_PATH = DATA / "role_keywords.yaml"
DEFAULT_COUNTRIES_PATH = DATA / "countries.yaml"


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
    trie: dict[str, Any] = {}
    for e in entries:
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
            (_SPECIAL.get(ch) or re.escape(ch)) + emit(node[ch])
            for ch in sorted(k for k in node if k)
        ]
        if not alts:
            return ""
        if len(alts) == 1 and not end:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return emit(trie)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


class PhraseFinder:
    """Find whole-word occurrences of many phrases in long texts, fast.

    Every occurrence of every phrase's first word is located in one pass of an Aho-Corasick
    automaton over the text (over its lower-cased copy when ``ignore_case``); each hit on a
    word boundary is then completed by an anchored trie regex of the phrases starting with
    that word (longest first). Overlapping hits keep the leftmost, then the longest. Much
    faster than one large alternation scanned by ``re`` at every offset. Case-sensitive
    finders instead search one trie regex of all phrases (``re`` skips ahead to the phrases'
    first characters, so a frequent first word such as "the" costs no Python-level work per
    occurrence); the hits are the same.

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
        self._heads: dict[str, re.Pattern[str]] = {
            first: re.compile(rf"{trie_pattern(ps)}(?![\w-])", flags)
            for first, ps in groups.items()
        }
        # Case-sensitive: one regex of every phrase; the word boundary before a hit is checked
        # in Python (a lookbehind would stop ``re`` from skipping to the first characters).
        self._scan_re: re.Pattern[str] | None = None
        if not ignore_case and groups:
            every = [p for ps in groups.values() for p in ps]
            self._scan_re = re.compile(rf"{trie_pattern(every)}(?![\w-])")

        self._aho: Any = None

    def __bool__(self) -> bool:
        return bool(self._heads)

    def _automaton(self) -> Any:
        """Aho-Corasick automaton of the first words (built on first use)."""
        if self._aho is None:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for first in self._heads:
                auto.add_word(first, first)
            auto.make_automaton()
            self._aho = auto
        return self._aho

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, matched text)`` of every hit, in text order, non-overlapping."""
        if self._scan_re is not None:
            return self._find_case_sensitive(text, self._scan_re)
        hay = text.replace("’", "'")
        if self.ignore_case:
            hay = hay.lower()
        if len(hay) != len(text):  # a case mapping changed the length: fall back
            hay = text
        hits: list[tuple[int, int]] = []
        heads = self._heads
        if not heads:
            return []
        n = len(text)
        # every occurrence of every first word (overlapping ones included), in one pass
        for last, first in self._automaton().iter(hay):
            i = last - len(first) + 1
            if i > 0:
                c = text[i - 1]
                if c.isalnum() or c in "_-":  # inside a word (_is_word_char, inlined)
                    continue
            # the first word is followed by whitespace or a word boundary in every phrase:
            # a word character right after it ("there" for "the") cannot match
            if last + 1 < n:
                c = text[last + 1]
                if c.isalnum() or c in "_-":
                    continue
            m = heads[first].match(text, i)
            if m:
                hits.append((i, m.end()))
        hits.sort(key=lambda h: (h[0], -h[1]))
        out: list[tuple[int, int, str]] = []
        last = -1
        for a, b in hits:
            if a >= last:
                out.append((a, b, text[a:b]))
                last = b
        return out

    @staticmethod
    def _find_case_sensitive(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
        """:meth:`find` by one regex search per hit: the leftmost hit on a word boundary,
        longest first (the trie tries longer phrases first), then the next from its end;
        a hit inside a word is skipped by searching again one character further."""
        out: list[tuple[int, int, str]] = []
        search = pattern.search
        pos = 0
        while (m := search(text, pos)) is not None:
            i = m.start()
            if i > 0:
                c = text[i - 1]
                if c.isalnum() or c in "_-":  # inside a word (_is_word_char, inlined)
                    pos = i + 1
                    continue
            out.append((i, m.end(), m.group()))
            pos = m.end()
        return out


def _entry_regex(entries: Iterable[str]) -> re.Pattern[str] | None:
    """Case-insensitive trie of ``entries`` on word boundaries (longest match preferred)."""
    items = {e.strip().lower() for e in entries if e.strip()}
    if not items:
        return None
    return re.compile(rf"(?<![\w-]){trie_pattern(items)}(?![\w-])", re.IGNORECASE)


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
    _title_finder: PhraseFinder | None = field(default=None, repr=False, compare=False)
    # Memo of the pure string -> result methods (mentions repeat across rows and articles).
    _memo: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_title_re", _entry_regex(self.titles))
        object.__setattr__(self, "_keyword_re", _entry_regex(self.keywords))
        object.__setattr__(self, "_title_finder", PhraseFinder(self.titles, ignore_case=True))

    def title_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Every person title in ``text``: ``(start, end, as written)``, fast on long texts."""
        return self._title_finder.find(text) if self._title_finder is not None else []

    @property
    def title_regex(self) -> re.Pattern[str] | None:
        """Alternation of every person title (longest first, case-insensitive)."""
        return self._title_re

    def _remember(self, kind: str, text: str, value: Any) -> Any:
        memo = self._memo
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[(kind, text)] = value
        return value

    def anonymous_match(self, mention: str) -> str | None:
        """The anonymous pattern ``mention`` matches, or None."""
        key = ("anonymous", mention)
        if key in self._memo:
            return cast("str | None", self._memo[key])
        for pat in self.anonymous:
            if pat.search(mention):
                return cast(str, self._remember("anonymous", mention, pat.pattern))
        self._remember("anonymous", mention, None)
        return None

    def find_titles(self, text: str) -> list[str]:
        """Person titles occurring in ``text`` (lower case, longest matches, in order)."""
        if self._title_re is None:
            return []
        found = self._memo.get(("titles", text))
        if found is None:
            found = self._remember(
                "titles",
                text,
                tuple(" ".join(m.group().lower().split()) for m in self._title_re.finditer(text)),
            )
        return list(found)

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
        key = ("ends_with_keyword", mention)
        if key in self._memo:
            return bool(self._memo[key])
        end = len(mention.rstrip(" ,.;:"))
        found = any(m.end() == end for m in self._keyword_re.finditer(mention))
        return bool(self._remember("ends_with_keyword", mention, found))

    def role_of_keywords(self, mention: str) -> tuple[str, str] | None:
        """``(role, rule)`` from the longest title inside ``mention``, else the longest keyword."""
        key = ("role_of_keywords", mention)
        if key in self._memo:
            return cast("tuple[str, str] | None", self._memo[key])
        return cast(
            "tuple[str, str] | None",
            self._remember("role_of_keywords", mention, self._role_of_keywords(mention)),
        )

    def _role_of_keywords(self, mention: str) -> tuple[str, str] | None:
        found: list[tuple[int, str, str]] = []
        for key in self.find_titles(mention):
            found.append((len(key), self.titles[key], f"title:{key}"))
        if not found and self._keyword_re is not None:
            for m in self._keyword_re.finditer(mention):
                key = " ".join(m.group().lower().split())
                found.append((len(key), self.keywords[key], f"keyword:{key}"))
        if not found:
            return None
        found.sort(key=lambda x: -x[0])
        return found[0][1], found[0][2]


def _fail(source: str, where: str, msg: str) -> ValueError:
    return ValueError(f"{source}: {where}: {msg}")


def role_rules_from_mapping(data: Mapping[str, Any], *, source: str = "<mapping>") -> RoleRules:
    """Validate a role-rules mapping (the YAML structure) and build :class:`RoleRules`."""
    if not isinstance(data, Mapping):
        raise _fail(source, "top level", "expected a mapping with 'version' and 'roles'")
    version = str(data.get("version") or "")
    if not version:
        raise _fail(source, "field 'version'", "missing or empty")
    anon = []
    for i, pat in enumerate(data.get("anonymous") or []):
        try:
            anon.append(re.compile(str(pat), re.IGNORECASE))
        except re.error as exc:
            raise _fail(source, f"anonymous[{i}]", f"invalid regular expression: {exc}") from None
    titles: dict[str, str] = {}
    keywords: dict[str, str] = {}
    roles = data.get("roles")
    if not isinstance(roles, Mapping) or not roles:
        raise _fail(source, "field 'roles'", "expected a mapping of role -> titles/keywords")
    for role, entry in roles.items():
        if role not in ROLES:
            raise _fail(source, f"roles.{role}", f"unknown role; use one of {ROLES}")
        if not isinstance(entry, Mapping):
            raise _fail(source, f"roles.{role}", "expected a mapping with 'titles'/'keywords'")
        for kind, target in (("titles", titles), ("keywords", keywords)):
            items = entry.get(kind) or []
            if not isinstance(items, list):
                raise _fail(source, f"roles.{role}.{kind}", "expected a list of strings")
            for item in items:
                key = " ".join(str(item).lower().split())
                if key in target and target[key] != role:
                    raise _fail(
                        source, f"roles.{role}.{kind}", f"{key!r} already under {target[key]!r}"
                    )
                target[key] = role
    desc: dict[str, tuple[str, ...]] = {}
    for head, ts in (data.get("descriptions") or {}).items():
        if not isinstance(ts, list):
            raise _fail(source, f"descriptions.{head}", "expected a list of titles")
        desc[" ".join(str(head).lower().split())] = tuple(
            " ".join(str(t).lower().split()) for t in ts
        )
    return RoleRules(version, source, tuple(anon), titles, keywords, desc)


def load_role_rules(path: str | Path | None = None) -> RoleRules:
    """Read role rules from YAML (default: the shipped ``data/role_keywords.yaml``).

    Raises
    ------
    ValueError
        Naming the file and the offending field.
    """
    if path is None:
        return default_role_rules()
    return _read_rules(Path(path))


def _read_rules(p: Path) -> RoleRules:
    return role_rules_from_mapping(read_yaml(p), source=str(p))


@lru_cache(maxsize=1)
def default_role_rules() -> RoleRules:
    """The shipped role rules (cached)."""
    return _read_rules(DEFAULT_ROLE_RULES_PATH)


@dataclass(frozen=True)
class CountryNames:
    """Country surface forms: names, possessives and demonyms -> country name."""

    version: str
    forms: Mapping[str, str]
    regex: re.Pattern[str]
    _memo: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def country_of(self, text: str) -> str:
        """The country of the last country form in ``text`` ("Russia's" -> "Russia"), or ""."""
        memo = self._memo
        last = memo.get(text)
        if last is not None:
            return last
        last = ""
        for m in self.regex.finditer(text):
            last = self.forms[m.group()]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[text] = last
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
    return CountryNames(str(data.get("version", "")), forms, regex)
