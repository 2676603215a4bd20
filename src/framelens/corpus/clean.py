"""Audited cleaning: native-format normalisation and rule-based cleaning of pasted pages.

Two paths, both recording every change in rows of :data:`~framelens.corpus.model.CLEANING_SCHEMA`:

* **Native files** (YAML front matter) get exactly three normalisations, nothing else, so
  offsets computed against the cleaned text stay stable: ``\\r\\n`` -> ``\\n`` (rule
  ``crlf``); Unicode space characters (category Zs other than U+0020: NBSP, thin space,
  ideographic space, ...) -> one ASCII space each (``unicode_whitespace``, so lengths are
  unchanged); leading and trailing blank lines of the body removed (``blank_line``).
* **Pasted pages** (no front matter) go through rule sets loaded from YAML
  (``corpus/data/cleaning_rules.yaml`` plus any user file): widget and chrome lines are
  removed, breadcrumb/date/title lines become metadata; then whitespace is normalised
  (``whitespace``: Unicode spaces -> ASCII, runs of spaces and tabs -> one space, lines
  stripped) and blank lines are collapsed to paragraph breaks (``blank_line``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import yaml

from framelens.corpus.dates import parse_date
from framelens.datafiles import NO_LINES, YamlLines, field_message, read_yaml_lines

#: Version of the built-in normalisation steps (crlf, unicode_whitespace, whitespace,
#: blank_line); bump when their behaviour changes.
BUILTIN_VERSION = "1"
BUILTIN_SET = "builtin"

RuleKind = Literal["head", "tail", "line", "label_block", "metadata", "title"]
_KINDS: tuple[str, ...] = ("head", "tail", "line", "label_block", "metadata", "title")

#: Unicode space separators other than U+0020 (category Zs).
UNICODE_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_H_SPACE_RUN = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")

#: One cleaning-log row: (line, removed_text, rule, rule_set, rule_version).
LogRow = tuple[int | None, str, str, str, str]


def _codepoints(s: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in s)


@dataclass(frozen=True)
class Rule:
    """One cleaning rule (see the header of ``cleaning_rules.yaml`` for the kinds)."""

    id: str
    kind: RuleKind
    pattern: re.Pattern[str]
    description: str
    version: str
    field: str | None = None
    following: int = 1
    min_lines: int = 1
    within: int | None = None


@dataclass(frozen=True)
class RuleSet:
    """A named, versioned list of rules, applied to pages of ``outlets`` (all if empty)."""

    name: str
    version: str
    description: str
    outlets: tuple[str, ...]
    rules: tuple[Rule, ...]
    source: str


@dataclass(frozen=True)
class RuleBook:
    """All known rule sets, by name, in file order."""

    sets: Mapping[str, RuleSet]

    def for_page(self, outlet: str | None, names: Iterable[str] = ()) -> list[RuleSet]:
        """Return the sets for a page: every set with no outlets, sets listing ``outlet``,
        and the sets named in ``names`` (``_corpus.yaml`` ``rules:``), in book order.

        Raises ``KeyError`` for an unknown name.
        """
        wanted = set(names)
        unknown = wanted - set(self.sets)
        if unknown:
            raise KeyError(f"unknown rule set(s) {sorted(unknown)}; known: {sorted(self.sets)}")
        out = []
        for s in self.sets.values():
            if not s.outlets or (outlet is not None and outlet in s.outlets) or s.name in wanted:
                out.append(s)
        return out

    def provenance(self) -> list[dict[str, str]]:
        """Rule-set names, versions and sources, for ``Corpus.attrs``."""
        return [
            {"name": s.name, "version": s.version, "source": s.source} for s in self.sets.values()
        ]


RulesArg = str | Path | Mapping[str, Any] | Sequence[str | Path | Mapping[str, Any]] | None


# Errors read "<file>: line <n>: rule set 'x' rule 'y' field 'z': <message>"
# (datafiles.field_message); rules given as a mapping have no lines. A _Fail makes one:
# fail(what, field or None, message), the line looked up from where it was made.
_Fail = Callable[[str, str | None, str], ValueError]


def _parse_rule(raw: Any, set_version: str, in_set: str, index: int, fail: _Fail) -> Rule:
    """Rule ``index`` of the rule set ``in_set`` names (``"rule set 'x'"``)."""
    where = f"{in_set} rules[{index}]"  # until its id is known
    if not isinstance(raw, Mapping):
        raise fail(where, None, "a rule must be a mapping")
    for key in ("id", "kind", "pattern"):
        if key not in raw:
            raise fail(where, key, "missing (a rule needs 'id', 'kind' and 'pattern')")
    where = f"{in_set} rule {raw['id']!r}"
    kind = str(raw["kind"])
    if kind not in _KINDS:
        raise fail(where, "kind", f"unknown kind {kind!r}; use one of {_KINDS}")
    flags = re.IGNORECASE if raw.get("ignore_case") else 0
    try:
        pattern = re.compile(str(raw["pattern"]), flags)
    except re.error as exc:
        raise fail(where, "pattern", f"does not compile: {exc}") from exc
    if kind == "metadata" and (not raw.get("field") or "value" not in pattern.groupindex):
        raise fail(
            where,
            "pattern" if raw.get("field") else "field",
            "a metadata rule needs 'field' and a (?P<value>...) group in its pattern",
        )
    counts: dict[str, int | None] = {}
    for key, default in (("following", 1), ("min_lines", 1), ("within", None)):
        value = raw.get(key, default)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise fail(where, key, f"expected a whole number, got {value!r}")
        counts[key] = value
    return Rule(
        id=str(raw["id"]),
        kind=kind,  # type: ignore[arg-type]
        pattern=pattern,
        description=str(raw.get("description", "")),
        version=str(raw.get("version", set_version)),
        field=None if raw.get("field") is None else str(raw["field"]),
        following=int(counts["following"] or 0),
        min_lines=int(counts["min_lines"] or 0),
        within=counts["within"],
    )


def _parse_book(
    data: Any,
    source: str,
    into: dict[str, RuleSet],
    *,
    path: str | None = None,
    lines: YamlLines = NO_LINES,
) -> None:
    """Add the rule sets of ``data`` to ``into``; ``source`` is recorded in each set, errors
    name ``path`` (default ``source``) and the line from ``lines``."""
    where_file = source if path is None else path

    def failer(keys: tuple[Any, ...]) -> _Fail:
        def fail(what: str, field: str | None, message: str) -> ValueError:
            at = keys if field is None else (*keys, field)
            subject = what if field is None else f"{what} field {field!r}"
            return ValueError(field_message(where_file, lines.line(*at), subject, message))

        return fail

    if not isinstance(data, Mapping) or not isinstance(data.get("rule_sets"), list):
        raise failer(("rule_sets",))(
            "field 'rule_sets'", None, "expected a mapping with a 'rule_sets' list"
        )
    for i, raw in enumerate(data["rule_sets"]):
        fail = failer(("rule_sets", i))
        if not isinstance(raw, Mapping):
            raise fail(f"rule_sets[{i}]", None, "a rule set needs a name")
        if "name" not in raw:
            raise fail(f"rule_sets[{i}]", "name", "a rule set needs a name")
        name = str(raw["name"])
        version = str(raw.get("version", data.get("version", "1")))
        rules = tuple(
            _parse_rule(r, version, f"rule set {name!r}", j, failer(("rule_sets", i, "rules", j)))
            for j, r in enumerate(raw.get("rules") or [])
        )
        outlets = tuple(str(o) for o in (raw.get("outlets") or []))
        if name in into and not raw.get("replace"):
            old = into[name]
            into[name] = RuleSet(
                name=name,
                version=f"{old.version}+{version}",
                description=old.description,
                outlets=tuple(dict.fromkeys(old.outlets + outlets)),
                rules=old.rules + rules,
                source=f"{old.source}+{source}",
            )
        else:
            into[name] = RuleSet(
                name=name,
                version=version,
                description=str(raw.get("description", "")),
                outlets=outlets,
                rules=rules,
                source=source,
            )


def load_rules(rules: RulesArg = None) -> RuleBook:
    """Return the packaged rule sets extended by ``rules``.

    Parameters
    ----------
    rules : path, mapping or list of them, optional
        User rule files (same shape as ``cleaning_rules.yaml``) or already-parsed mappings.
        A set with a new name is added; a set with an existing name gets its rules appended
        (or replaced when the user set has ``replace: true``).

    Raises
    ------
    ValueError
        Naming the file, the line and the rule and field that is malformed, as
        ``"<path>: line <n>: rule set 'rt' rule 'promo' field 'pattern': does not compile:
        ..."``; a YAML syntax error as :func:`framelens.datafiles.yaml_syntax_message` words
        it.
    """
    sets: dict[str, RuleSet] = {}
    packaged = resources.files("framelens.corpus").joinpath("data/cleaning_rules.yaml")
    _parse_book(yaml.safe_load(packaged.read_text("utf-8")), "framelens:cleaning_rules.yaml", sets)
    items: Sequence[Any]
    if rules is None:
        items = []
    elif isinstance(rules, str | Path | Mapping):
        items = [rules]
    else:
        items = list(rules)
    for item in items:
        if isinstance(item, Mapping):
            _parse_book(item, "<mapping>", sets)
        else:
            path = Path(item)
            data, lines = read_yaml_lines(path)
            _parse_book(data, path.name, sets, path=str(path), lines=lines)
    return RuleBook(sets)


# -- native format -----------------------------------------------------------------------


def clean_native(body: str, first_line: int = 1) -> tuple[str, list[LogRow]]:
    """Apply the three native-format normalisations to ``body``; return text and log rows.

    Parameters
    ----------
    body : str
        Article body as read (after the front matter).
    first_line : int, default 1
        Line number of the body's first line in the file, for the log.

    Examples
    --------
    >>> clean_native("\\r\\nA\\u00a0b.\\r\\n\\r\\n")[0]
    'A b.'
    """
    log: list[LogRow] = []
    if "\r\n" in body:
        n_crlf = body.count("\r\n")
        log.append((None, f"U+000D x{n_crlf}", "crlf", BUILTIN_SET, BUILTIN_VERSION))
        body = body.replace("\r\n", "\n")
    lines = body.split("\n")
    if not body.isascii() and UNICODE_SPACES.search(body):  # isascii() is O(1) in CPython
        for i, line in enumerate(lines):
            found = UNICODE_SPACES.findall(line)
            if found:
                log.append(
                    (
                        first_line + i,
                        _codepoints("".join(found)),
                        "unicode_whitespace",
                        BUILTIN_SET,
                        BUILTIN_VERSION,
                    )
                )
                lines[i] = UNICODE_SPACES.sub(" ", line)
    start = 0
    while start < len(lines) and not lines[start].strip(" \t"):
        log.append((first_line + start, lines[start], "blank_line", BUILTIN_SET, BUILTIN_VERSION))
        start += 1
    end = len(lines)
    while end > start and not lines[end - 1].strip(" \t"):
        end -= 1
        if end < len(lines) - 1 or lines[end]:  # not the empty rest after a final newline
            log.append((first_line + end, lines[end], "blank_line", BUILTIN_SET, BUILTIN_VERSION))
    return "\n".join(lines[start:end]), sorted(log, key=lambda r: (r[0] or 0, r[2]))


# -- pasted pages ------------------------------------------------------------------------


@dataclass
class CleanedPage:
    """The result of cleaning one pasted page.

    Attributes
    ----------
    text : str
        The article body (paragraphs separated by one blank line).
    fields : dict
        Metadata read off the page by ``metadata``/``title`` rules (``title``, ``date``,
        ``section``, ...), as strings.
    log : list of tuple
        ``(line, removed_text, rule, rule_set, rule_version)`` for every change.
    field_lines : dict
        1-based page line each field in ``fields`` was read from.
    """

    text: str
    fields: dict[str, str] = field(default_factory=dict)
    log: list[LogRow] = field(default_factory=list)
    field_lines: dict[str, int] = field(default_factory=dict)

    def log_frame(self) -> pd.DataFrame:
        """Return the log as a DataFrame with the CLEANING_SCHEMA columns it knows."""
        return pd.DataFrame(
            self.log, columns=["line", "removed_text", "rule", "rule_set", "rule_version"]
        ).astype({"line": "Int64"})


def _norm(line: str) -> str:
    return UNICODE_SPACES.sub(" ", line).strip()


def clean_page(
    text: str,
    rule_sets: Sequence[RuleSet],
    *,
    known: Mapping[str, str] | None = None,
) -> CleanedPage:
    """Clean a pasted page with ``rule_sets`` and record every removed line.

    Parameters
    ----------
    text : str
        The decoded page.
    rule_sets : sequence of RuleSet
        Applied in order, each rule in file order; ``title`` rules run last.
    known : mapping, optional
        Metadata already known (sidecar, front matter): a ``metadata`` rule still removes its
        line but does not override the known value; a ``title`` rule removes the first line
        only when it equals the known title.

    Examples
    --------
    >>> book = load_rules()
    >>> page = clean_page("News > World\\n\\nA Headline\\n\\nBody text.\\n", book.for_page(None))
    >>> page.text, page.fields["section"], page.fields["title"]
    ('Body text.', 'World', 'A Headline')
    """
    known = dict(known or {})
    page = CleanedPage(text="")
    n_crlf = text.count("\r\n")
    if n_crlf:
        page.log.append((None, f"U+000D x{n_crlf}", "crlf", BUILTIN_SET, BUILTIN_VERSION))
        text = text.replace("\r\n", "\n")
    raw = text.split("\n")
    norm = [_norm(x) for x in raw]
    alive = [True] * len(raw)

    def live() -> list[int]:
        return [i for i in range(len(raw)) if alive[i] and norm[i]]

    def kill(i: int, rule: Rule, rs: RuleSet) -> None:
        alive[i] = False
        page.log.append((i + 1, raw[i], rule.id, rs.name, rule.version))

    deferred: list[tuple[Rule, RuleSet]] = []
    for rs in rule_sets:
        for rule in rs.rules:
            if rule.kind == "title":
                deferred.append((rule, rs))
                continue
            idx = live()
            if rule.kind in ("head", "tail"):
                run = []
                for i in idx if rule.kind == "head" else reversed(idx):
                    if not rule.pattern.fullmatch(norm[i]):
                        break
                    run.append(i)
                if len(run) >= rule.min_lines:
                    for i in sorted(run):
                        kill(i, rule, rs)
            elif rule.kind == "line":
                for i in idx[: rule.within]:
                    if rule.pattern.fullmatch(norm[i]):
                        kill(i, rule, rs)
            elif rule.kind == "label_block":
                pos = 0
                while pos < len(idx):
                    if rule.pattern.fullmatch(norm[idx[pos]]):
                        for i in idx[pos : pos + 1 + rule.following]:
                            kill(i, rule, rs)
                        pos += 1 + rule.following
                    else:
                        pos += 1
            elif rule.kind == "metadata":
                assert rule.field is not None
                if rule.field in page.fields:
                    continue
                for i in idx[: rule.within]:
                    m = rule.pattern.fullmatch(norm[i])
                    if m is None:
                        continue
                    value = m.group("value").strip()
                    if rule.field == "date":
                        try:
                            parse_date(value)
                        except ValueError:
                            continue
                    kill(i, rule, rs)
                    if rule.field not in known:
                        page.fields[rule.field] = value
                        page.field_lines[rule.field] = i + 1
                    break
    for rule, rs in deferred:
        idx = live()
        if not idx or "title" in page.fields:
            break
        first = norm[idx[0]]
        if "title" in known:
            if _norm(known["title"]) == first:
                kill(idx[0], rule, rs)
                break
        elif rule.pattern.fullmatch(first):
            kill(idx[0], rule, rs)
            page.fields["title"] = first
            page.field_lines["title"] = idx[0] + 1
            break
    # whitespace and blank lines (built-in)
    kept: list[str] = []
    pending_blank: int | None = None
    for i in range(len(raw)):
        if not alive[i]:
            continue
        line = raw[i]
        new = _H_SPACE_RUN.sub(" ", line).strip(" ")
        if new != line:
            changed = [
                m.group()
                for m in _H_SPACE_RUN.finditer(line)
                if m.group() != " " or m.start() == 0 or m.end() == len(line)
            ]
            page.log.append(
                (i + 1, _codepoints("".join(changed)), "whitespace", BUILTIN_SET, BUILTIN_VERSION)
            )
        if not new:
            if not kept or pending_blank is not None:
                page.log.append((i + 1, "", "blank_line", BUILTIN_SET, BUILTIN_VERSION))
            else:
                pending_blank = i
            continue
        if pending_blank is not None:
            kept.append("")
            pending_blank = None
        kept.append(new)
    if pending_blank is not None:
        page.log.append((pending_blank + 1, "", "blank_line", BUILTIN_SET, BUILTIN_VERSION))
    page.text = "\n".join(kept)
    page.log.sort(key=lambda r: (r[0] or 0, r[2]))
    return page


def clean_text(
    text: str,
    *,
    outlet: str | None = None,
    rule_sets: Sequence[str] = (),
    rules: RulesArg = None,
) -> CleanedPage:
    """Clean one pasted page as :func:`~framelens.corpus.load_corpus` would.

    Parameters
    ----------
    text : str
        The page as pasted.
    outlet : str, optional
        Canonical outlet name; selects the rule sets listing it.
    rule_sets : sequence of str, default ()
        Extra rule-set names to apply (as ``_corpus.yaml`` ``rules:`` would).
    rules : path, mapping or list, optional
        User rule files extending the packaged rules (see :func:`load_rules`).

    Returns
    -------
    CleanedPage
        Text, metadata found on the page, and the log of every change.
    """
    book = load_rules(rules)
    return clean_page(text, book.for_page(outlet, rule_sets))
