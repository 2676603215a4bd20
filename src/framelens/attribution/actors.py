"""The actor registry: who is who, in a file users extend (YAML or CSV).

Format (ARCHITECTURE.md "Actor registry")::

    version: "1"
    description: free text, provenance
    actors:
      - name: Sergei Lavrov            # canonical name (required)
        aliases: [Lavrov, S. Lavrov]   # other surface forms: exact, case-sensitive
        descriptions: [Russia's top diplomat]  # definite descriptions: case-insensitive
        role: official                 # official|opposition|civil_society|expert|citizen|
                                       # media|anonymous|unknown
        affiliation: Government of Russia
        country: RU
        gender: male                   # male|female|unknown (pronoun resolution)
        titles: [Foreign Minister]
        kind: person                   # person|group (framelens extension; default person)

CSV files carry the same columns with list fields ``;``-separated. Every error names the
file, the line and the field. The shipped default registry (``data/default_actors.yaml``)
holds only collective actors such as "the opposition", so that an unnamed group that is
talked about but never quoted shows up in ``mentioned_not_quoted``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from framelens.attribution.roles import ROLES, PhraseFinder, find_phrases
from framelens.datafiles import field_message, read_yaml_lines
from framelens.memo import bounded

DEFAULT_ACTORS_PATH = Path(__file__).parent / "data" / "default_actors.yaml"
GENDERS = ("male", "female", "unknown")
KINDS = ("person", "group")
_LIST_FIELDS = ("aliases", "descriptions", "titles")
_STR_FIELDS = ("role", "affiliation", "country", "gender", "kind")


@dataclass(frozen=True)
class Actor:
    """One registered actor."""

    name: str
    aliases: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    role: str = "unknown"
    affiliation: str = ""
    country: str = ""
    gender: str = "unknown"
    titles: tuple[str, ...] = ()
    kind: str = "person"
    source: str = ""


@dataclass(frozen=True)
class ActorMention:
    """An occurrence of a registered actor in a text (half-open offsets)."""

    start: int
    end: int
    actor: Actor
    form: str


@dataclass(frozen=True)
class ActorRegistry:
    """An immutable set of actors with exact lookups by name, alias and description.

    Earlier actors win when two claim the same surface form (so a user registry merged in
    front of the default one overrides it).
    """

    actors: tuple[Actor, ...] = ()
    version: str = ""
    source: str = ""
    _names: dict[str, Actor] = field(default_factory=dict, repr=False, compare=False)
    _descs: dict[str, list[Actor]] = field(default_factory=dict, repr=False, compare=False)
    _finders: list[PhraseFinder] = field(default_factory=list, repr=False, compare=False)
    # Memo of lookup() for mentions(): surface forms repeat across articles (bounded).
    _lookups: dict[str, Actor | None] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for a in self.actors:
            for form in (a.name, *a.aliases):
                self._names.setdefault(form, a)
            for d in a.descriptions:
                self._descs.setdefault(_norm_desc(d), []).append(a)

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def lookup(self, surface: str) -> Actor | None:
        """The actor whose name or alias equals ``surface`` (case-sensitive), or whose
        description equals it (case-insensitive, a leading "the" ignored)."""
        found = self.candidates(surface)
        return found[0] if found else None

    def candidates(self, surface: str) -> list[Actor]:
        """Every actor ``surface`` can denote: the one it names, else all it describes
        (a description such as "the minister" may fit several actors)."""
        s = " ".join(surface.split())
        if s in self._names:
            return [self._names[s]]
        return list(self._descs.get(_norm_desc(s), []))

    def merge(self, other: ActorRegistry) -> ActorRegistry:
        """A registry with this one's actors first, then ``other``'s not already named here."""
        names = {a.name for a in self.actors}
        extra = tuple(a for a in other.actors if a.name not in names)
        return ActorRegistry(
            self.actors + extra,
            version=self.version or other.version,
            source=";".join(s for s in (self.source, other.source) if s),
        )

    def mentions(self, text: str) -> list[ActorMention]:
        """Every non-overlapping occurrence of a name, alias or description, in text order.

        Names and aliases match case-sensitively, descriptions case-insensitively; all on
        word boundaries, longest form first.
        """
        spans = self.mention_spans(text, find_phrases(self.finders(), text))
        return [ActorMention(start, end, a, form) for start, end, a, form in spans]

    def finders(self) -> list[PhraseFinder]:
        """The phrase finders :meth:`mentions` searches (built on first use)."""
        if not self._finders:
            self._finders.extend(self._build_finders())
        return self._finders

    def mention_spans(
        self, text: str, found: Sequence[Sequence[tuple[int, int, str]]]
    ) -> list[tuple[int, int, Actor, str]]:
        """:meth:`mentions` as ``(start, end, actor, form)`` tuples, given ``found``: the
        ``find`` result of each of :meth:`finders` in ``text`` (for callers that search them
        together with other finders, and need no :class:`ActorMention` objects)."""
        lookups = self._lookups
        # (start, -end, n, actor, form): a plain sort orders by start, longest first, then
        # in the order found (n), and never compares actors
        hits: list[tuple[int, int, int, Actor, str]] = []
        for finder, spans in zip(self.finders(), found, strict=True):
            ignore_case = finder.ignore_case
            for start, end, form in spans:
                if (
                    ignore_case
                    and start >= 4
                    and text[start - 4 : start].lower() == "the "
                    # a word "the", not the end of "bathe"
                    and (start == 4 or not ((c := text[start - 5]).isalnum() or c in "_-"))
                ):
                    start -= 4
                    form = text[start:end]
                a = lookups.get(form, _UNSEEN)
                if a is _UNSEEN:
                    a = bounded(lookups)[form] = self.lookup(form)
                if a is not None:
                    hits.append((start, -end, len(hits), a, form))
        hits.sort()
        out: list[tuple[int, int, Actor, str]] = []
        last_end = -1
        for start, neg_end, _, a, form in hits:
            if start >= last_end:
                last_end = -neg_end
                out.append((start, last_end, a, form))
        return out

    def _build_finders(self) -> list[PhraseFinder]:
        out = []
        if self._names:
            out.append(PhraseFinder(self._names))
        # descriptions are indexed without a leading "the" (a frequent word would make every
        # "the" a candidate); mentions() extends a hit back over a preceding "the "
        descs = {_norm_desc(d) for a in self.actors for d in a.descriptions}
        if descs:
            out.append(PhraseFinder(descs, ignore_case=True))
        return out


# What ActorRegistry._lookups holds for a form not yet looked up (None is an answer).
_UNSEEN: Any = object()


def _norm_desc(s: str) -> str:
    s = " ".join(s.lower().replace("’", "'").split())
    return s[4:] if s.startswith("the ") else s


def _fail(source: str, line: int | None, fld: str, msg: str, entry: str = "") -> ValueError:
    """``"<source>: line <n>: field '<fld>': <msg>"`` (no field part when ``fld`` is empty;
    ``entry`` names the record when there is no line)."""
    what = " ".join(x for x in (entry, f"field {fld!r}" if fld else "") if x)
    return ValueError(field_message(source, line, what, msg))


def _actor_from_record(
    rec: Mapping[str, Any],
    *,
    source: str,
    line: int | None,
    lines: Mapping[str, int],
    entry: str = "",
) -> Actor:
    def at(f: str) -> int | None:
        return lines.get(f, line)

    def fail(f: str, msg: str) -> ValueError:
        return _fail(source, at(f), f, msg, entry)

    name = rec.get("name")
    if not isinstance(name, str) or not name.strip():
        raise fail("name", "missing or empty canonical name")
    unknown = set(rec) - {"name", *_LIST_FIELDS, *_STR_FIELDS}
    if unknown:
        f = sorted(unknown)[0]
        raise fail(f, "unknown field")
    vals: dict[str, Any] = {"name": " ".join(name.split())}
    for f in _LIST_FIELDS:
        v = rec.get(f)
        if v is None or v == "":
            vals[f] = ()
        elif isinstance(v, str):
            vals[f] = tuple(x.strip() for x in v.split(";") if x.strip())
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            vals[f] = tuple(" ".join(x.split()) for x in v if x.strip())
        else:
            raise fail(f, "expected a list of strings")
    for f in _STR_FIELDS:
        v = rec.get(f)
        if v is None or v == "":
            continue
        if not isinstance(v, str):
            raise fail(f, f"expected a string, got {v!r}")
        vals[f] = v.strip()
    if vals.get("role", "unknown") not in ROLES:
        raise fail("role", f"{vals['role']!r} is not one of {ROLES}")
    if vals.get("gender", "unknown") not in GENDERS:
        raise fail("gender", f"{vals['gender']!r} is not one of {GENDERS}")
    if vals.get("kind", "person") not in KINDS:
        raise fail("kind", f"{vals['kind']!r} is not one of {KINDS}")
    return Actor(**vals, source=source)


def _check_unique(
    actors: list[Actor], wheres: Sequence[tuple[int | None, str]], source: str
) -> None:
    """Each name and alias denotes one actor; ``wheres`` gives each actor's line (or, without
    lines, the name of its record) for the message."""
    seen: dict[str, str] = {}
    for a, (line, entry) in zip(actors, wheres, strict=True):
        for form in (a.name, *a.aliases):
            if form in seen and seen[form] != a.name:
                raise _fail(
                    source, line, "aliases", f"{form!r} already names {seen[form]!r}", entry
                )
            seen[form] = a.name


def _load_yaml(p: Path) -> ActorRegistry:
    data, ylines = read_yaml_lines(p)
    root = ylines.root
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise _fail(
            str(p), ylines.line(), "actors", "expected a mapping with 'version' and 'actors'"
        )
    items = data.get("actors")
    if not isinstance(items, list):
        raise _fail(str(p), ylines.line("actors"), "actors", "expected a list of actors")
    item_nodes: list[yaml.Node] = []
    for k, v in root.value:
        if k.value == "actors" and isinstance(v, yaml.SequenceNode):
            item_nodes = list(v.value)
    actors: list[Actor] = []
    starts: list[tuple[int | None, str]] = []
    for rec, node in zip(items, item_nodes, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(rec, dict):
            raise _fail(str(p), line, "actors", "each actor must be a mapping")
        lines = (
            {k.value: k.start_mark.line + 1 for k, v in node.value}
            if isinstance(node, yaml.MappingNode)
            else {}
        )
        actors.append(_actor_from_record(rec, source=str(p), line=line, lines=lines))
        starts.append((line, ""))
    _check_unique(actors, starts, str(p))
    return ActorRegistry(tuple(actors), version=str(data.get("version", "")), source=str(p))


def _load_csv(p: Path) -> ActorRegistry:
    actors: list[Actor] = []
    starts: list[tuple[int | None, str]] = []
    with p.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames is None or "name" not in reader.fieldnames:
            raise _fail(str(p), 1, "name", "the header must include a 'name' column")
        for row in reader:
            line = reader.line_num
            rec = {k: v for k, v in row.items() if k is not None and k != ""}
            if None in row:
                raise _fail(str(p), line, "", "more values than header columns")
            actors.append(_actor_from_record(rec, source=str(p), line=line, lines={}))
            starts.append((line, ""))
    _check_unique(actors, starts, str(p))
    return ActorRegistry(tuple(actors), version="", source=str(p))


def load_actors(path: str | Path, *, defaults: bool = False) -> ActorRegistry:
    """Read an actor registry from YAML (``.yaml``/``.yml``) or CSV (``.csv``).

    Parameters
    ----------
    path : str or Path
    defaults : bool, default False
        Merge the shipped collective actors (``default_actors()``) behind this file.

    Raises
    ------
    ValueError
        Naming the file, the line and the field of an invalid entry.

    Examples
    --------
    >>> reg = load_actors("corpus/demo/gold/actors.yaml")  # doctest: +SKIP
    >>> reg.lookup("Lavrov").name  # doctest: +SKIP
    'Sergei Lavrov'
    """
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml"):
        reg = _load_yaml(p)
    elif p.suffix.lower() == ".csv":
        reg = _load_csv(p)
    else:
        raise ValueError(f"{p}: unsupported registry format (use .yaml, .yml or .csv)")
    return reg.merge(default_actors()) if defaults else reg


@lru_cache(maxsize=1)
def default_actors() -> ActorRegistry:
    """The shipped registry of collective actors ("the opposition", "protesters", ...)."""
    return _load_yaml(DEFAULT_ACTORS_PATH)


def registry_with_defaults(actors: ActorRegistry | None) -> ActorRegistry:
    """``actors`` (user entries win) followed by the default collective actors."""
    return default_actors() if actors is None else actors.merge(default_actors())


def actors_from_records(records: Iterable[Mapping[str, Any]], *, source: str) -> ActorRegistry:
    """Build a registry from dicts (same fields as the YAML), validating each.

    Errors name the record by its 1-based position: ``"<source>: actor 2 field 'role': ..."``.
    """
    actors: list[Actor] = []
    wheres: list[tuple[int | None, str]] = []
    for i, r in enumerate(records, 1):
        entry = f"actor {i}"
        actors.append(_actor_from_record(r, source=source, line=None, lines={}, entry=entry))
        wheres.append((None, entry))
    _check_unique(actors, wheres, source)
    return ActorRegistry(tuple(actors), source=source)


def with_source(actor: Actor, source: str) -> Actor:
    """A copy of ``actor`` recording where it came from."""
    return replace(actor, source=source)
