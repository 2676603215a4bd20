"""Concept sets: the competing names for one actor or event, and how often each outlet uses them.

A concept (``PROTESTERS``) has variants (``protesters``, ``rioters``, ``extremists`` ...),
each with surface forms (``rioter``, ``rioters``). The sets are data
(``naming/data/concepts.yaml``), versioned and validated on load. Matching is
case-insensitive on word boundaries, and overlapping forms resolve longest-first across all
concepts ("legitimate authorities" is one mention, not also "authorities"); a form listed
under two concepts counts under each.

:func:`naming_table` reports, per group (outlet), each variant's share of the concept's
mentions, with a cluster-bootstrap interval that resamples articles (Efron & Tibshirani
1993; Field & Welsh 2007) via :func:`framelens.stats.ratio_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from framelens.corpus.model import Corpus, Document
from framelens.datafiles import compose_yaml, field_message, yaml_syntax_message
from framelens.keyness import Voice, voice_spans
from framelens.pipeline import Backend, map_documents
from framelens.stats import RATIO_SCHEMA, ratio_table

#: Columns of :func:`naming_matches`: one row per concept mention.
NAMING_MATCH_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "concept": "str",
    "variant": "str",
    "form": "str",  # the listed form that matched (lower-case)
    "surface": "str",  # the text as written
    "start": "int64",  # half-open offsets into the cleaned text
    "end": "int64",
}

#: Columns of :func:`naming_table`.
NAMING_SCHEMA: dict[str, str] = {
    "group": "str",  # value of the ``by`` column (e.g. the outlet)
    "concept": "str",
    "variant": "str",
    "n_docs": "int64",  # articles of the group naming the concept (the bootstrap clusters)
    "count": "float64",  # mentions of the variant
    "concept_count": "float64",  # mentions of any variant of the concept
    "share": "float64",  # count / concept_count (NaN when the concept is never named)
    "ci_low": "float64",  # percentile cluster-bootstrap interval of the share
    "ci_high": "float64",
    "voice": "str",
}

_NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


class ConceptFileError(ValueError):
    """A concept file is malformed; the message names the file, line and field."""


@dataclass(frozen=True)
class Concept:
    """One concept: variant label -> surface forms (lower-cased)."""

    name: str
    description: str
    variants: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class ConceptSet:
    """A versioned collection of concepts with its provenance."""

    version: str
    description: str
    provenance: str
    concepts: dict[str, Concept]
    source: str = "<memory>"

    def forms(self) -> dict[str, list[tuple[str, str]]]:
        """Map each lower-cased form to the ``(concept, variant)`` pairs listing it."""
        out: dict[str, list[tuple[str, str]]] = {}
        for c in self.concepts.values():
            for variant, forms in c.variants.items():
                for f in forms:
                    out.setdefault(f, []).append((c.name, variant))
        return out

    def pattern(self) -> re.Pattern[str]:
        """Regex matching every form, longest first, on word boundaries, ignoring case."""
        forms = sorted(self.forms(), key=lambda f: (-len(f), f))
        alts = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms)
        return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.IGNORECASE)


def _fail(source: str, node: yaml.Node | None, field: str, msg: str) -> ConceptFileError:
    line = node.start_mark.line + 1 if node is not None else 1
    return ConceptFileError(field_message(source, line, f"field {field!r}", msg))


def _scalar(source: str, node: yaml.Node, field: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _fail(source, node, field, "expected a non-empty string")
    return str(node.value).strip()


def _mapping(source: str, node: yaml.Node | None, field: str) -> list[tuple[yaml.Node, Any]]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(source, node, field, "expected a mapping")
    return list(node.value)


def parse_concepts(text: str, source: str = "<string>") -> ConceptSet:
    """Parse and validate concept-set YAML (format documented in ``concepts.yaml``).

    Raises
    ------
    ConceptFileError
        Naming ``source``, the 1-based line and the field, as
        ``"<source>: line <n>: field '<name>': <message>"``: missing ``version``/``concepts``,
        a concept name that is not upper-case, a variant without forms, a form listed twice
        in one concept, or a form with no word characters. A YAML syntax error reads as
        :func:`framelens.datafiles.yaml_syntax_message` words it.
    """
    try:
        root = compose_yaml(text)
    except yaml.YAMLError as exc:
        raise ConceptFileError(yaml_syntax_message(source, exc, text)) from exc
    top = {_scalar(source, k, "key"): v for k, v in _mapping(source, root, "(top level)")}
    for key in ("version", "concepts"):
        if key not in top:
            raise _fail(source, root, key, "missing required key")
    version = _scalar(source, top["version"], "version")
    description = _scalar(source, top["description"], "description") if "description" in top else ""
    provenance = _scalar(source, top["provenance"], "provenance") if "provenance" in top else ""
    concepts: dict[str, Concept] = {}
    for cnode, body in _mapping(source, top["concepts"], "concepts"):
        name = _scalar(source, cnode, "concepts")
        if not _NAME_RE.match(name):
            raise _fail(source, cnode, name, "concept names are upper-case ids like PROTESTERS")
        fields = {_scalar(source, k, name): v for k, v in _mapping(source, body, name)}
        if "variants" not in fields:
            raise _fail(source, body, f"{name}.variants", "missing required key")
        desc = (
            _scalar(source, fields["description"], f"{name}.description")
            if ("description" in fields)
            else ""
        )
        variants: dict[str, tuple[str, ...]] = {}
        seen: dict[str, str] = {}
        for vnode, fnode in _mapping(source, fields["variants"], f"{name}.variants"):
            variant = _scalar(source, vnode, f"{name}.variants")
            where = f"{name}.variants.{variant}"
            if not isinstance(fnode, yaml.SequenceNode) or not fnode.value:
                raise _fail(source, fnode, where, "expected a non-empty list of forms")
            forms: list[str] = []
            for item in fnode.value:
                form = " ".join(_scalar(source, item, where).lower().split())
                if not re.search(r"\w", form):
                    raise _fail(source, item, where, f"form {form!r} has no word characters")
                if form in seen:
                    raise _fail(
                        source, item, where, f"form {form!r} already listed under {seen[form]!r}"
                    )
                seen[form] = variant
                forms.append(form)
            variants[variant] = tuple(forms)
        concepts[name] = Concept(name, desc, variants)
    if not concepts:
        raise _fail(source, top["concepts"], "concepts", "no concepts defined")
    return ConceptSet(version, description, provenance, concepts, source)


def load_concepts(path: str | Path | None = None) -> ConceptSet:
    """Load a concept-set YAML file; ``None`` loads the packaged default.

    Examples
    --------
    >>> cs = load_concepts()
    >>> "legitimate authorities" in cs.concepts["GOVERNMENT"].variants
    True
    """
    if path is None:
        ref = resources.files("framelens.naming").joinpath("data/concepts.yaml")
        return parse_concepts(
            ref.read_text(encoding="utf-8"), "framelens/naming/data/concepts.yaml"
        )
    p = Path(path)
    return parse_concepts(p.read_text(encoding="utf-8"), str(p))


def _resolve(concepts: ConceptSet | str | Path | None) -> ConceptSet:
    if isinstance(concepts, ConceptSet):
        return concepts
    return load_concepts(concepts)


def naming_matches(
    doc: Document, concepts: ConceptSet | None = None, voice: Voice = "narrator"
) -> pd.DataFrame:
    """Every concept mention in ``doc`` (a pure per-document extractor).

    Parameters
    ----------
    doc : Document
    concepts : ConceptSet, optional
        Defaults to :func:`load_concepts` ``()``.
    voice : {"all", "narrator", "quoted"}, default "narrator"
        Keep mentions lying wholly inside this voice (see
        :func:`framelens.keyness.voice_spans`).

    Returns
    -------
    DataFrame
        :data:`NAMING_MATCH_SCHEMA`, in text order; a form listed under two concepts gives
        one row per concept.

    Examples
    --------
    >>> d = Document("a", "The legitimate authorities blamed rioters.")
    >>> naming_matches(d)[["concept", "variant"]].values.tolist()
    [['GOVERNMENT', 'legitimate authorities'], ['PROTESTERS', 'rioters']]
    """
    cs = concepts if concepts is not None else load_concepts()
    forms = _forms_cached(cs)
    spans = voice_spans(doc, voice)
    rows = []
    si = 0
    for m in _pattern_cached(cs).finditer(doc.text):
        s, e = m.span()
        while si < len(spans) and spans[si][1] <= s:
            si += 1
        if si >= len(spans) or not (spans[si][0] <= s and e <= spans[si][1]):
            continue
        form = " ".join(m.group(0).lower().split())
        for concept, variant in forms[form]:
            rows.append((doc.doc_id, concept, variant, form, m.group(0), s, e))
    return pd.DataFrame(rows, columns=list(NAMING_MATCH_SCHEMA)).astype(NAMING_MATCH_SCHEMA)


_CACHE: dict[int, tuple[ConceptSet, re.Pattern[str], dict[str, list[tuple[str, str]]]]] = {}


def _compiled(cs: ConceptSet) -> tuple[re.Pattern[str], dict[str, list[tuple[str, str]]]]:
    hit = _CACHE.get(id(cs))
    if hit is None or hit[0] is not cs:
        hit = (cs, cs.pattern(), cs.forms())
        _CACHE[id(cs)] = hit
    return hit[1], hit[2]


def _pattern_cached(cs: ConceptSet) -> re.Pattern[str]:
    return _compiled(cs)[0]


def _forms_cached(cs: ConceptSet) -> dict[str, list[tuple[str, str]]]:
    return _compiled(cs)[1]


def naming_table(
    corpus: Corpus,
    concepts: ConceptSet | str | Path | None = None,
    by: str = "outlet",
    voice: Voice = "narrator",
    *,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
    backend: Backend = "serial",
    n_jobs: int = 2,
) -> pd.DataFrame:
    """Per-group distribution of naming variants within each concept, with bootstrap CIs.

    For each group, concept and variant: ``share = variant mentions / concept mentions``,
    a ratio estimator over the group's articles; its interval resamples articles (the
    cluster) with :func:`framelens.stats.ratio_table` (percentile cluster bootstrap; Efron &
    Tibshirani 1993, Field & Welsh 2007). The clusters are the articles that name the
    concept at least once (``n_docs``): the others add nothing to either sum, and leaving them
    out keeps the cost proportional to mentions rather than corpus size. Every variant
    appears for every group, with share 0 when unused (NaN when the group never names the
    concept).

    Parameters
    ----------
    corpus : Corpus
    concepts : ConceptSet, path or None, default None
        ``None`` uses the packaged ``naming/data/concepts.yaml``.
    by : str, default "outlet"
        Grouping column of the article table; articles with a missing value are left out.
    voice : {"all", "narrator", "quoted"}, default "narrator"
        Count names the outlet uses itself (narrator) by default, not those in quotations.
    n_boot, level, seed : int, float, int, default 2000, 0.95, 0
        Bootstrap replicates, interval level and seed.
    backend, n_jobs : default "serial", 2
        Passed to :func:`framelens.pipeline.map_documents`.

    Returns
    -------
    DataFrame
        :data:`NAMING_SCHEMA`, sorted by group, concept, then variant in file order;
        ``attrs["framelens"]`` records parameters and the concept-set version.
    """
    cs = _resolve(concepts)
    frame = corpus.to_frame()
    if by not in frame.columns:
        raise KeyError(f"no column {by!r} in the corpus; available: {list(frame.columns)}")
    matches = map_documents(
        partial(naming_matches, concepts=cs, voice=voice),
        corpus,
        backend=backend,
        n_jobs=n_jobs,
        desc="naming",
        empty=pd.DataFrame(columns=list(NAMING_MATCH_SCHEMA)).astype(NAMING_MATCH_SCHEMA),
    )
    docs = frame.loc[frame[by].notna(), ["doc_id", by]].rename(columns={by: "group"})
    docs["group"] = docs["group"].astype(str)
    # One row per (article naming the concept, variant): articles that never name the
    # concept add nothing to either sum, so leaving them out keeps the estimate and makes
    # the bootstrap cost scale with mentions, not with corpus size.
    matches = matches.merge(docs, on="doc_id", how="inner")
    counts = (
        matches.groupby(["group", "doc_id", "concept", "variant"], sort=False)
        .size()
        .rename("count")
        .reset_index()
    )
    per_concept = matches.groupby(["doc_id", "concept"], sort=False).size().rename("concept_count")
    parts = []
    for c in cs.concepts.values():
        named = counts.loc[counts["concept"] == c.name, ["group", "doc_id"]].drop_duplicates()
        if named.empty:
            continue
        grid = named.merge(pd.DataFrame({"variant": list(c.variants)}), how="cross")
        grid["concept"] = c.name
        grid = grid.merge(counts, on=["group", "doc_id", "concept", "variant"], how="left")
        grid["count"] = grid["count"].fillna(0)
        grid = grid.join(per_concept, on=["doc_id", "concept"])
        parts.append(grid)
    if parts:
        table = ratio_table(
            pd.concat(parts, ignore_index=True),
            by=["group", "concept", "variant"],
            numerator="count",
            denominator="concept_count",
            n_boot=n_boot,
            level=level,
            seed=seed,
        )
    else:
        table = pd.DataFrame(columns=["group", "concept", "variant", *RATIO_SCHEMA])
    table = table.rename(
        columns={"numerator": "count", "denominator": "concept_count", "estimate": "share"}
    )
    # every (group, concept, variant): unused variants get 0, unnamed concepts NaN
    full = pd.DataFrame(
        [
            (g, c.name, v)
            for g in sorted(docs["group"].unique())
            for c in cs.concepts.values()
            for v in c.variants
        ],
        columns=["group", "concept", "variant"],
    )
    table = full.merge(table, on=["group", "concept", "variant"], how="left")
    table[["n_docs", "count", "concept_count"]] = table[
        ["n_docs", "count", "concept_count"]
    ].fillna(0)
    table["voice"] = voice
    order = {(c.name, v): i for i, c in enumerate(cs.concepts.values()) for v in c.variants}
    order_c = {c: i for i, c in enumerate(cs.concepts)}
    table["_c"] = table["concept"].map(order_c)
    table["_v"] = [order[(c, v)] for c, v in zip(table["concept"], table["variant"], strict=True)]
    table = table.sort_values(["group", "_c", "_v"], kind="mergesort").drop(columns=["_c", "_v"])
    out = table[list(NAMING_SCHEMA)].astype(NAMING_SCHEMA).reset_index(drop=True)
    out.attrs["framelens"] = {
        "table": "naming_table",
        "by": by,
        "voice": voice,
        "concepts_source": cs.source,
        "concepts_version": cs.version,
        "n_boot": n_boot,
        "level": level,
        "seed": seed,
        "n_docs": len(corpus),
        "corpus": corpus.attrs,
    }
    return out


def concept_frame(concepts: ConceptSet | None = None) -> pd.DataFrame:
    """The concept set as a tidy table ``concept, variant, form`` (for docs and reports)."""
    cs = concepts if concepts is not None else load_concepts()
    rows = [
        (c.name, v, f) for c in cs.concepts.values() for v, fs in c.variants.items() for f in fs
    ]
    return pd.DataFrame(rows, columns=["concept", "variant", "form"])


__all__ = [
    "NAMING_MATCH_SCHEMA",
    "NAMING_SCHEMA",
    "Concept",
    "ConceptFileError",
    "ConceptSet",
    "concept_frame",
    "load_concepts",
    "naming_matches",
    "naming_table",
    "parse_concepts",
]
