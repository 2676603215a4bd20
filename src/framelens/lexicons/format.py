"""Lexicon format: YAML lexicons with categories, phrases, globs, stems and exclusions.

A lexicon is data, not code (quanteda's ``dictionary()``): one YAML file per lexicon with a
name, a version, a language, a description, its provenance and citations, and categories of
entries. Users' own dictionaries in LIWC ``.dic`` or two-column CSV form are read into the
same :class:`Lexicon` object.

Entry syntax (one string per entry; words are separated by spaces)

- ``legitimate authorities`` -- an exact phrase (case-insensitive; curly quotes folded).
- ``destabili*`` -- a glob: a word starting with ``destabili``. ``*`` is allowed only at the
  end of a word.
- ``extremist~`` -- inflection-aware: any word with the same Snowball stem (NLTK's
  ``SnowballStemmer("english")``; Porter 2001), so ``extremist~`` also matches "extremists".
- Markers combine per word: ``provoke~ disturbance*``.

Exclusions (``exclude:`` under a category, or at the top level for every category) use the
same syntax; a match lying inside an exclusion match is dropped ("legitimate concerns" is
not a legitimacy claim).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from framelens.corpus.units import WORD_RE
from framelens.datafiles import compose_yaml, field_message, yaml_syntax_message

WordKind = Literal["literal", "glob", "stem"]

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LANG_RE = re.compile(r"^[a-z]{2}$")
_TOP_KEYS = {
    "name",
    "version",
    "language",
    "description",
    "provenance",
    "citations",
    "license",
    "authors",
    "categories",
    "exclude",
}
_REQUIRED = ("name", "version", "language", "description", "provenance", "categories")
_CATEGORY_KEYS = {"description", "entries", "exclude"}


class LexiconError(ValueError):
    """A lexicon file is invalid; the message names the file, the line and the entry."""


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    from nltk.stem.snowball import SnowballStemmer  # rule-based, ships no data files

    names = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "ru": "russian"}
    return SnowballStemmer(names.get(language, "english"))


def stem(word: str, language: str = "en") -> str:
    """Snowball stem of a lower-case ``word`` (Porter 2001, via NLTK)."""
    return str(_stemmer(language).stem(word))


@dataclass(frozen=True)
class Word:
    """One word of an entry: ``literal`` (exact), ``glob`` (prefix) or ``stem`` (same stem).

    ``value`` is the literal word, the glob prefix or the Snowball stem; ``anchor`` is the
    string every matching word starts with (the stem minus a final ``i``, since Snowball
    rewrites a final ``y`` to ``i``: "cry" -> "cri").
    """

    kind: WordKind
    value: str
    anchor: str


@dataclass(frozen=True)
class Entry:
    """A lexicon entry as written (``term``) and its parsed words."""

    term: str
    words: tuple[Word, ...]
    line: int = 0

    @property
    def is_simple(self) -> bool:
        """True for a single literal word (the fast path of the matcher)."""
        return len(self.words) == 1 and self.words[0].kind == "literal"


@dataclass(frozen=True)
class Category:
    """A named category: its entries and the exclusions that apply to it."""

    name: str
    entries: tuple[Entry, ...]
    exclusions: tuple[Entry, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Lexicon:
    """A versioned lexicon: metadata (its data card) and categories of entries.

    Examples
    --------
    >>> lex = lexicon_from_dict({"name": "demo", "version": "1", "language": "en",
    ...     "description": "d", "provenance": "p",
    ...     "categories": {"labels": {"entries": ["extremist~", "thug*"]}}})
    >>> [e.term for e in lex.categories["labels"].entries]
    ['extremist~', 'thug*']
    """

    name: str
    version: str
    language: str
    description: str
    provenance: str
    categories: Mapping[str, Category]
    citations: tuple[str, ...] = ()
    license: str = ""
    source: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

    def card(self) -> dict[str, Any]:
        """Return the data card: metadata plus entry counts per category."""
        return {
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "description": self.description,
            "provenance": self.provenance,
            "citations": list(self.citations),
            "license": self.license,
            "source": self.source,
            "categories": {c: len(cat.entries) for c, cat in self.categories.items()},
        }


@dataclass(frozen=True)
class _Source:
    """Where a lexicon comes from, for error messages (see ``datafiles.field_message``)."""

    name: str
    # False for lexicon_from_dict: its nodes' lines are those of a YAML dump of the mapping,
    # which the user never saw, so messages name no line
    lines: bool = True

    def fail(self, at: yaml.Node | int, what: str, msg: str) -> LexiconError:
        """``"<name>: line <n>: <what>: <msg>"``; ``at`` is a node or a line (0: unknown)."""
        line = at if isinstance(at, int) else _line(at)
        return LexiconError(
            field_message(self.name, line if line and self.lines else None, what, msg)
        )


def parse_entry(
    term: str, *, language: str = "en", source: str = "<entry>", line: int = 0
) -> Entry:
    """Parse one entry string into :class:`Entry`; raise :class:`LexiconError` if malformed.

    The message reads ``"<source>: line <line>: entry '<term>': <problem>"`` (no line part
    when ``line`` is 0).

    Examples
    --------
    >>> [w.kind for w in parse_entry("provoke~ disturbance*").words]
    ['stem', 'glob']
    """
    return _parse_entry(term, language, _Source(source), line)


def _parse_entry(term: str, language: str, src: _Source, line: int) -> Entry:
    raw = term
    if not isinstance(term, str):
        raise src.fail(line, f"entry {raw!r}", "must be a string")
    text = term.strip().lower().replace("’", "'").replace("‘", "'")
    if not text:
        raise src.fail(line, f"entry {raw!r}", "empty entry")
    words: list[Word] = []
    for tok in text.split():
        kind: WordKind = "literal"
        if tok.endswith("*"):
            kind, tok = "glob", tok[:-1]
        elif tok.endswith("~"):
            kind, tok = "stem", tok[:-1]
        m = WORD_RE.fullmatch(tok)
        if not tok or m is None:
            raise src.fail(
                line,
                f"entry {raw!r}",
                f"word {tok!r} is not a single word (use letters/digits with inner hyphens or "
                "apostrophes; '*' and '~' only at the end of a word)",
            )
        if kind == "stem":
            value = stem(tok, language)
            anchor = value[:-1] if value.endswith("i") and len(value) > 1 else value
            words.append(Word("stem", value, anchor))
        else:
            words.append(Word(kind, tok, tok))
    return Entry(raw.strip(), tuple(words), line)


# --- YAML with line numbers -----------------------------------------------------------------


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _scalar(node: yaml.Node, src: _Source, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise src.fail(node, what, "must be a string")
    return str(node.value)


def _seq_of_entries(node: yaml.Node, src: _Source, what: str, language: str) -> tuple[Entry, ...]:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return ()
    if not isinstance(node, yaml.SequenceNode):
        raise src.fail(node, what, "must be a list of strings")
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode):
            raise src.fail(item, what, "every entry must be a string")
        out.append(_parse_entry(item.value, language, src, _line(item)))
    return tuple(out)


def _mapping(node: yaml.Node, src: _Source, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise src.fail(node, what, "must be a mapping")
    return list(node.value)


def _load_node(node: yaml.Node, src: _Source) -> Lexicon:
    top = {k.value: (k, v) for k, v in _mapping(node, src, "top level")}
    for key, (knode, _) in top.items():
        if key not in _TOP_KEYS:
            raise src.fail(
                knode, f"field {key!r}", f"unknown field (allowed: {', '.join(sorted(_TOP_KEYS))})"
            )
    for req in _REQUIRED:
        if req not in top:
            raise src.fail(node, f"field {req!r}", "missing (a required field)")
    name = _scalar(top["name"][1], src, "field 'name'")
    if not _NAME_RE.match(name):
        raise src.fail(top["name"][1], "field 'name'", f"{name!r} must be lower_snake_case")
    language = _scalar(top["language"][1], src, "field 'language'")
    if not _LANG_RE.match(language):
        raise src.fail(
            top["language"][1],
            "field 'language'",
            f"{language!r} must be an ISO 639-1 code such as 'en'",
        )
    version = _scalar(top["version"][1], src, "field 'version'")
    citations: tuple[str, ...] = ()
    if "citations" in top:
        cnode = top["citations"][1]
        if not isinstance(cnode, yaml.SequenceNode):
            raise src.fail(cnode, "field 'citations'", "must be a list")
        citations = tuple(_scalar(c, src, "field 'citations'") for c in cnode.value)
    global_excl = (
        _seq_of_entries(top["exclude"][1], src, "field 'exclude'", language)
        if "exclude" in top
        else ()
    )
    categories: dict[str, Category] = {}
    seen_terms: dict[tuple[str, str], int] = {}
    for cknode, cvnode in _mapping(top["categories"][1], src, "field 'categories'"):
        cname = _scalar(cknode, src, "field 'categories'")
        where = f"category {cname!r}"
        if not _NAME_RE.match(cname):
            raise src.fail(cknode, where, "the name must be lower_snake_case")
        if cname in categories:
            raise src.fail(cknode, where, "duplicate category")
        desc = ""
        excl: tuple[Entry, ...] = ()
        if isinstance(cvnode, yaml.SequenceNode):
            entries = _seq_of_entries(cvnode, src, where, language)
        else:
            fields = {k.value: (k, v) for k, v in _mapping(cvnode, src, where)}
            for key, (knode, _) in fields.items():
                if key not in _CATEGORY_KEYS:
                    raise src.fail(
                        knode,
                        f"{where} field {key!r}",
                        f"unknown field (allowed: {', '.join(sorted(_CATEGORY_KEYS))})",
                    )
            if "entries" not in fields:
                raise src.fail(cknode, f"{where} field 'entries'", "missing")
            entries = _seq_of_entries(
                fields["entries"][1], src, f"{where} field 'entries'", language
            )
            if "description" in fields:
                desc = _scalar(fields["description"][1], src, f"{where} field 'description'")
            if "exclude" in fields:
                excl = _seq_of_entries(
                    fields["exclude"][1], src, f"{where} field 'exclude'", language
                )
        if not entries:
            raise src.fail(cknode, where, "empty (no entries)")
        for e in entries:
            key = (cname, e.term.lower())
            if key in seen_terms:
                first = f" (first on line {seen_terms[key]})" if src.lines else ""
                raise src.fail(
                    e.line, f"entry {e.term!r}", f"duplicate in category {cname!r}{first}"
                )
            seen_terms[key] = e.line
        categories[cname] = Category(cname, entries, excl + global_excl, desc)
    if not categories:
        raise src.fail(node, "field 'categories'", "empty")

    def opt(key: str) -> str:
        return _scalar(top[key][1], src, f"field {key!r}") if key in top else ""

    return Lexicon(
        name=name,
        version=version,
        language=language,
        description=_scalar(top["description"][1], src, "field 'description'"),
        provenance=_scalar(top["provenance"][1], src, "field 'provenance'"),
        categories=categories,
        citations=citations,
        license=opt("license"),
        source=src.name,
    )


def load_lexicon(path: str | Path) -> Lexicon:
    """Load and validate a lexicon from a YAML, LIWC ``.dic`` or ``term,category`` CSV file.

    Parameters
    ----------
    path : str or Path
        ``.yaml``/``.yml`` (the framelens format), ``.dic`` (LIWC) or ``.csv``.

    Raises
    ------
    LexiconError
        Naming the file, the 1-based line and the offending field or entry:
        ``"<path>: line <n>: field 'language': 'english' must be an ISO 639-1 code ..."``,
        ``"<path>: line <n>: entry 'de*stabili': word 'de*stabili' is not a single word ..."``;
        a YAML syntax error as :func:`framelens.datafiles.yaml_syntax_message` words it.

    Examples
    --------
    >>> from framelens.lexicons import default_lexicon_paths
    >>> load_lexicon(default_lexicon_paths()[0]).language
    'en'
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".dic":
        return read_dic(p)
    if suffix == ".csv":
        return read_csv_lexicon(p)
    text = p.read_text(encoding="utf-8")
    try:
        node = compose_yaml(text)
    except yaml.YAMLError as exc:
        raise LexiconError(yaml_syntax_message(p, exc, text)) from exc
    if node is None:
        raise LexiconError(field_message(p, 1, "", "empty lexicon file"))
    return _load_node(node, _Source(str(p)))


def lexicon_from_dict(data: Mapping[str, Any], *, source: str = "<dict>") -> Lexicon:
    """Build a lexicon from an in-memory mapping with the YAML structure (validated).

    Errors name ``source`` and the field or entry, with no line (a mapping has none).
    """
    node = yaml.compose(yaml.safe_dump(dict(data), sort_keys=False), Loader=yaml.SafeLoader)
    if node is None:
        raise LexiconError(f"{source}: empty lexicon")
    return _load_node(node, _Source(source, lines=False))


def _lexicon_name(path: Path) -> str:
    name = re.sub(r"[^a-z0-9_]+", "_", path.stem.lower()).strip("_")
    return name if name and name[0].isalpha() else f"lexicon_{name}"


def _build(
    path: Path,
    cats: Mapping[str, Iterable[tuple[str, int]]],
    *,
    name: str | None,
    version: str,
    language: str,
    fmt: str,
) -> Lexicon:
    categories: dict[str, Category] = {}
    for cname, items in cats.items():
        seen: set[str] = set()
        entries = []
        for term, line in items:
            if term.lower() in seen:
                continue
            seen.add(term.lower())
            entries.append(parse_entry(term, language=language, source=str(path), line=line))
        categories[cname] = Category(cname, tuple(entries))
    if not categories:
        raise LexiconError(f"{path}: no entries found")
    return Lexicon(
        name=name or _lexicon_name(path),
        version=version,
        language=language,
        description=f"User dictionary read from {path.name} ({fmt})",
        provenance=f"{fmt} file {path}",
        categories=categories,
        source=str(path),
    )


def read_dic(
    path: str | Path, *, name: str | None = None, version: str = "1", language: str = "en"
) -> Lexicon:
    """Read a LIWC-style ``.dic`` dictionary.

    The file starts with a ``%``-delimited header of ``<id> <category>`` lines, then one
    ``<term> <id> [<id> ...]`` line per entry (a term containing spaces must be separated
    from its ids by a tab). ``*`` globs carry over; LIWC has no stems or exclusions.

    Raises
    ------
    LexiconError
        Naming the file and line of a malformed header line, an unknown category id or a
        bad term.
    """
    p = Path(path)
    lines = p.read_text(encoding="utf-8-sig").splitlines()
    ids: dict[str, str] = {}
    cats: dict[str, list[tuple[str, int]]] = {}
    state = 0  # 0 before header, 1 in header, 2 entries
    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line == "%":
            if state == 2:
                raise LexiconError(field_message(p, i, "", "unexpected third '%' delimiter"))
            state += 1
            continue
        if state == 0:
            raise LexiconError(
                field_message(p, i, "", "a .dic file must start with a '%' header line")
            )
        if state == 1:
            parts = line.split()
            if len(parts) < 2 or not parts[0].isdigit():
                raise LexiconError(
                    field_message(
                        p, i, "", f"header line {line!r} must be '<numeric id> <category name>'"
                    )
                )
            cname = re.sub(r"[^a-z0-9_]+", "_", parts[1].lower()).strip("_")
            if not cname or not cname[0].isalpha():
                cname = f"category_{cname}"
            ids[parts[0]] = cname
            cats.setdefault(cname, [])
            continue
        if "\t" in line:
            term, _, rest = line.partition("\t")
            cat_ids = rest.split()
        else:
            term, *cat_ids = line.split()
        if not cat_ids:
            raise LexiconError(field_message(p, i, f"entry {term.strip()!r}", "no category ids"))
        for cid in cat_ids:
            if cid not in ids:
                raise LexiconError(
                    field_message(
                        p,
                        i,
                        f"entry {term.strip()!r}",
                        f"unknown category id {cid!r} (header defines {', '.join(ids) or 'none'})",
                    )
                )
            cats[ids[cid]].append((term.strip(), i))
    if state < 2:
        raise LexiconError(f"{p}: header not closed by a second '%' line")
    return _build(
        p,
        {c: v for c, v in cats.items() if v},
        name=name,
        version=version,
        language=language,
        fmt="LIWC .dic",
    )


def read_csv_lexicon(
    path: str | Path, *, name: str | None = None, version: str = "1", language: str = "en"
) -> Lexicon:
    """Read a two-column ``term,category`` CSV dictionary (header row required).

    Raises
    ------
    LexiconError
        Naming the file and line of a missing header, a row without two fields or an empty
        term or category.
    """
    p = Path(path)
    with p.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None or [h.strip().lower() for h in header[:2]] != ["term", "category"]:
            raise LexiconError(
                field_message(p, 1, "", f"header must be 'term,category', got {header!r}")
            )
        cats: dict[str, list[tuple[str, int]]] = {}
        for row in reader:
            line = reader.line_num
            if not row or not any(c.strip() for c in row):
                continue
            if len(row) < 2 or not row[0].strip() or not row[1].strip():
                raise LexiconError(
                    field_message(
                        p, line, "", f"row {row!r} needs a non-empty 'term' and 'category'"
                    )
                )
            cname = re.sub(r"[^a-z0-9_]+", "_", row[1].strip().lower()).strip("_")
            if not cname or not cname[0].isalpha():
                raise LexiconError(
                    field_message(
                        p, line, "field 'category'", f"{row[1]!r} must start with a letter"
                    )
                )
            cats.setdefault(cname, []).append((row[0].strip(), line))
    return _build(p, cats, name=name, version=version, language=language, fmt="CSV")
