"""Labels attached to registered actors: premodifiers and appositives, counted per outlet.

"Europe's last dictator Alexander Lukashenko", "President Lukashenko", "opposition leader
Svetlana Tikhanovskaya" and "Lukashenko, the self-proclaimed leader," attach a label to a
named actor. This module finds every mention of a registered actor (name or alias,
case-sensitive, longest first) and reads two patterns around it, without a parser:

premodifier
    The run of words right before the mention, separated by single spaces only (no
    punctuation, possessive ``'s`` allowed inside), at most ``max_words`` long, stopping at
    a function word (scikit-learn's English stop words except ``last``/``former``/``first``/
    ``top``) or a reporting verb. The word next to the name must not look like a verb form
    (``-ed``/``-ing`` without a hyphen), so "condemned Lukashenko" gives no label.
appositive
    ``, the <label>,`` (or ``, a``/``an``/``<someone>'s <label>``) right after the mention,
    ending at a comma, period, semicolon, colon, parenthesis or dash, at most ``max_words``
    words; the determiner is dropped.

Labels are lower-cased. This is a discovery tool with heuristic precision: read the
``examples`` column before quoting a count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from framelens.corpus.model import Corpus, Document
from framelens.keyness import Voice, voice_spans
from framelens.pipeline import Backend, map_documents

#: Columns of :func:`actor_label_matches`: one row per (mention, label); a mention with no
#: label gives one row with empty ``kind`` and ``label``.
ACTOR_LABEL_MATCH_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "actor": "str",  # canonical name
    "mention": "str",  # the name or alias as written
    "mention_start": "int64",
    "mention_end": "int64",
    "kind": "str",  # "premodifier", "appositive" or "" (no label)
    "label": "str",  # lower-cased label ("europe's last dictator")
    "label_start": "int64",  # -1 when no label
    "label_end": "int64",
}

#: Columns of :func:`actor_labels`.
ACTOR_LABEL_SCHEMA: dict[str, str] = {
    "group": "str",
    "actor": "str",
    "kind": "str",
    "label": "str",
    "count": "int64",  # mentions carrying this label
    "n_docs": "int64",  # articles with at least one such mention
    "mentions": "int64",  # all mentions of the actor in the group
    "share": "float64",  # count / mentions
    "example": "str",  # first occurrence, "doc_id: …context…"
}

_KEEP = {"last", "former", "first", "top"}
_REPORTING = {
    "said",
    "says",
    "say",
    "told",
    "tells",
    "according",
    "met",
    "meets",
    "asked",
    "urged",
    "accused",
    "called",
    "added",
    "warned",
    "wrote",
    "claimed",
    "thanked",
    "supported",
    "backed",
    "criticised",
    "criticized",
    "condemned",
}
_TIME = {
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "meanwhile",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "day",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "evening",
    "time",
}
_BOUNDARY = (frozenset(ENGLISH_STOP_WORDS) - _KEEP) | _REPORTING | _TIME
# Common verbs that precede an object name ("gave President X", "congratulated X").
_VERBS = frozenset(
    [
        "gave",
        "give",
        "gives",
        "wish",
        "wishes",
        "wished",
        "recognise",
        "recognises",
        "recognize",
        "recognizes",
        "include",
        "includes",
        "congratulate",
        "congratulates",
        "urge",
        "urges",
        "thank",
        "thanks",
        "accuse",
        "accuses",
        "support",
        "supports",
        "back",
        "backs",
        "meet",
        "join",
        "joins",
        "elect",
        "elects",
        "name",
        "names",
        "call",
        "calls",
        "tell",
        "ask",
        "asks",
        "sanction",
        "sanctions",
        "replace",
        "replaces",
        "oppose",
        "opposes",
        "defeat",
        "defeats",
        "beat",
        "beats",
        "face",
        "faces",
        "see",
        "sees",
        "saw",
        "hold",
        "holds",
        "held",
        "keep",
        "keeps",
        "kept",
        "let",
        "lets",
        "made",
        "make",
        "makes",
        "told",
        "wrote",
        "sent",
        "send",
        "sends",
        "brought",
        "bring",
        "brings",
        "took",
        "take",
        "takes",
        "left",
        "leave",
        "leaves",
        "visited",
        "visit",
        "visits",
        "invited",
        "invite",
        "invites",
    ]
)
# "-ing" words that are adjectives before a title ("outgoing president").
_ING_ADJ = frozenset({"outgoing", "incoming", "leading", "ruling", "sitting", "acting", "ageing"})
# Generic title words allowed right before a name although capitalised.
_TITLES = frozenset(
    [
        "president",
        "minister",
        "leader",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "madam",
        "colonel",
        "col",
        "general",
        "gen",
        "major",
        "captain",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "prosecutor",
        "judge",
        "mayor",
        "governor",
        "senator",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "ambassador",
        "commissioner",
        "director",
        "chief",
        "commander",
        "officer",
        "deputy",
        "head",
        "speaker",
        "candidate",
        "opposition",
        "interior",
        "foreign",
        "prime",
        "dictator",
        "strongman",
    ]
)
_CONNECTORS = frozenset({"of", "the", "for", "and"})
_WORD = re.compile(r"\w+(?:[-'’]\w+)*(?:['’]s?)?", re.UNICODE)
_APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an)\s+)?(?P<label>[^,.;:()\[\]\n\"“”«»—–]{1,80}?)\s*(?=[,.;:()—–])",
)
_APPOSITIVE_START = re.compile(r",\s+(?:the|a|an)\s+|,\s+[\w-]+['’]s\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ActorNames:
    """An actor's canonical name and the surface forms that mention it."""

    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # e.g. "Interior Minister": allowed capitalised premodifiers

    @property
    def forms(self) -> tuple[str, ...]:
        """Name and aliases, longest first."""
        return tuple(sorted({self.name, *self.aliases}, key=lambda f: (-len(f), f)))


def _from_record(rec: Any) -> ActorNames:
    if isinstance(rec, ActorNames):
        return rec
    if isinstance(rec, str):
        return ActorNames(rec)
    if isinstance(rec, Mapping):
        name, aliases, titles = rec.get("name"), rec.get("aliases"), rec.get("titles")
    else:
        name = getattr(rec, "name", None)
        aliases, titles = getattr(rec, "aliases", ()), getattr(rec, "titles", ())
    if not name:
        raise ValueError(f"actor record without a name: {rec!r}")
    return ActorNames(str(name), _str_tuple(aliases), _str_tuple(titles))


def _str_tuple(value: Any) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ()
    if isinstance(value, str):
        return tuple(a.strip() for a in value.split(";") if a.strip())
    return tuple(str(a) for a in value)


def resolve_actors(actors: Any) -> list[ActorNames]:
    """Normalise an actor registry to :class:`ActorNames`.

    Accepts a path (read with ``framelens.attribution.load_actors``), a DataFrame with
    ``name`` and ``aliases`` columns (lists or ``;``-separated strings), a mapping
    ``name -> aliases``, or a sequence of names, dicts, or objects with ``name``/``aliases``.
    """
    if isinstance(actors, str | Path):
        try:
            from framelens.attribution import load_actors
        except ImportError as exc:
            raise ImportError(
                "reading an actor registry file needs framelens.attribution.load_actors; "
                "pass a mapping {name: [aliases]} instead"
            ) from exc
        return resolve_actors(load_actors(actors))
    if isinstance(actors, pd.DataFrame):
        if "name" not in actors.columns:
            raise ValueError("actor table needs a 'name' column")
        recs: Iterable[Any] = actors.to_dict("records")
    elif isinstance(actors, Mapping):
        if "actors" in actors and isinstance(actors["actors"], list):
            recs = actors["actors"]
        else:
            recs = [{"name": k, "aliases": v} for k, v in actors.items()]
    elif hasattr(actors, "actors"):
        recs = actors.actors
    else:
        recs = actors
    out = [_from_record(r) for r in recs]
    if not out:
        raise ValueError("no actors given")
    return out


def _mention_pattern(
    actors: Sequence[ActorNames],
) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """Regex over every name and alias (longest first) and ``form -> (actor, core)``.

    ``core`` is the canonical name when a longer alias ends with it ("President Aleksander
    Vorin" -> "Aleksander Vorin"): labels are read from the core's start, so a title that a
    registry lists inside an alias still counts as a premodifier.
    """
    owner: dict[str, tuple[str, str]] = {}
    for a in actors:
        canon = " ".join(a.name.split())
        for f in a.forms:
            form = " ".join(f.split())
            core = canon if form.endswith(" " + canon) else form
            owner.setdefault(form, (a.name, core))
    forms = sorted(owner, key=lambda f: (-len(f), f))
    alts = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms)
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"), owner


def _looks_verbal(word: str) -> bool:
    w = word.lower()
    return "-" not in w and (w.endswith("ed") or w.endswith("ing")) and len(w) > 4


def _is_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and "-" not in word


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _premodifier(
    text: str,
    start: int,
    max_words: int,
    titles: frozenset[str] = frozenset(),
    surname: bool = False,
) -> tuple[int, int] | Literal[False] | None:
    """Offsets of the premodifier ending right before ``start``; None when there is none.

    Returns ``False`` when the mention is a one-word alias (``surname``) and the word right
    before it is a capitalised word that is not a title: the mention is then part of a
    longer, unregistered name ("Daniil" before the alias "Kastelan") and is not this actor.
    """
    left = text[max(0, start - 200) : start]
    base = start - len(left)
    words = list(_WORD.finditer(left))
    taken: list[re.Match[str]] = []
    pending: list[re.Match[str]] = []  # connectors inside a capitalised title
    end_expected = len(left)
    content = 0
    for k in range(len(words) - 1, -1, -1):
        m = words[k]
        if left[m.end() : end_expected] != " " or content >= max_words:
            break
        w = m.group(0)
        lw = w.lower().rstrip("'’")
        if lw in _CONNECTORS and taken and _is_cap(taken[-1].group(0)):
            # connectors inside a capitalised title: "Chair of the Central Election Commission"
            j, right = k - 1, m
            while j >= 0 and words[j].group(0).lower() in _CONNECTORS:
                if left[words[j].end() : right.start()] != " ":
                    break
                j, right = j - 1, words[j]
            if (
                j >= 0
                and left[words[j].end() : right.start()] == " "
                and _is_cap(words[j].group(0))
            ):
                pending.append(m)
                end_expected = m.start()
                continue
        if lw in _BOUNDARY or not re.search(r"[^\W\d_]", w) or _is_adverb(lw):
            break
        if lw in _VERBS or (lw.endswith("ing") and "-" not in lw and lw not in _ING_ADJ):
            break
        if not taken:
            if _looks_verbal(w):
                break
            if surname and _is_cap(w) and lw not in titles and lw not in _TITLES:
                at_start = k == 0 or bool(re.search(r"[.!?]\s*$", left[: m.start()]))
                if not at_start:
                    return False
                break
        taken.extend(pending)
        pending.clear()
        taken.append(m)
        content += 1
        end_expected = m.start()
    if not taken:
        return None
    return base + taken[-1].start(), base + taken[0].end()


def _appositive(text: str, end: int, max_words: int) -> tuple[int, int] | None:
    right = text[end : end + 160]
    if not _APPOSITIVE_START.match(right):
        return None
    m = _APPOSITIVE.match(right)
    if m is None:
        return None
    s, e = m.span("label")
    if len(m.group("label").split()) > max_words or not re.search(r"[^\W\d_]", m.group("label")):
        return None
    return end + s, end + e


def actor_label_matches(
    doc: Document,
    actors: Sequence[ActorNames],
    voice: Voice = "all",
    max_words: int = 4,
) -> pd.DataFrame:
    """Mentions of registered actors in ``doc`` and the labels attached to them.

    A pure per-document extractor; ``actors`` from :func:`resolve_actors`. Mentions must lie
    inside ``voice`` (see :func:`framelens.keyness.voice_spans`).

    Returns
    -------
    DataFrame
        :data:`ACTOR_LABEL_MATCH_SCHEMA`, in text order.

    Examples
    --------
    >>> d = Document("a", "Europe's last dictator Alexander Lukashenko spoke.")
    >>> a = [ActorNames("Alexander Lukashenko", ("Lukashenko",))]
    >>> actor_label_matches(d, a)[["kind", "label"]].values.tolist()
    [['premodifier', "europe's last dictator"]]
    """
    pattern, owner = _mention_pattern(actors)
    titles = frozenset(w.lower() for a in actors for t in a.titles for w in t.split())
    spans = voice_spans(doc, voice)
    text = doc.text
    rows: list[tuple[Any, ...]] = []
    si = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        while si < len(spans) and spans[si][1] <= s:
            si += 1
        if si >= len(spans) or not (spans[si][0] <= s and e <= spans[si][1]):
            continue
        actor, core = owner[" ".join(m.group(0).split())]
        core_start = s + m.group(0).rfind(core.split()[0]) if core.count(" ") else e - len(core)
        pre = _premodifier(text, core_start, max_words, titles, surname=" " not in core)
        if pre is False:
            continue  # part of a longer, unregistered name
        found = False
        for kind, span in (
            ("premodifier", pre),
            ("appositive", _appositive(text, e, max_words)),
        ):
            if span is None:
                continue
            found = True
            label = " ".join(text[span[0] : span[1]].lower().split())
            rows.append((doc.doc_id, actor, m.group(0), s, e, kind, label, *span))
        if not found:
            rows.append((doc.doc_id, actor, m.group(0), s, e, "", "", -1, -1))
    out = pd.DataFrame(rows, columns=list(ACTOR_LABEL_MATCH_SCHEMA))
    return out.astype(ACTOR_LABEL_MATCH_SCHEMA)


def actor_labels(
    corpus: Corpus,
    actors: Any,
    by: str = "outlet",
    voice: Voice = "all",
    *,
    max_words: int = 4,
    min_count: int = 1,
    backend: Backend = "serial",
    n_jobs: int = 2,
) -> pd.DataFrame:
    """Count, per group, the labels each registered actor is given.

    Parameters
    ----------
    corpus : Corpus
    actors : registry
        Anything :func:`resolve_actors` accepts (registry path, DataFrame, mapping
        ``{name: [aliases]}``, list of names).
    by : str, default "outlet"
        Grouping column; articles with a missing value are left out.
    voice : {"all", "narrator", "quoted"}, default "all"
        Keep mentions inside this voice.
    max_words : int, default 4
        Longest label kept.
    min_count : int, default 1
        Drop labels seen fewer times in a group.

    Returns
    -------
    DataFrame
        :data:`ACTOR_LABEL_SCHEMA`, sorted by group, actor, ``count`` descending, label.
        ``share`` is the label's count over all mentions of the actor in the group.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"],
    ...                    "text": ["President Lukashenko met Lukashenko, the strongman, again."]})
    >>> t = actor_labels(Corpus(df), {"Alexander Lukashenko": ["Lukashenko"]})
    >>> t[["label", "kind", "count", "mentions"]].astype(str).values.tolist()
    [['president', 'premodifier', '1', '2'], ['strongman', 'appositive', '1', '2']]
    """
    names = resolve_actors(actors)
    frame = corpus.to_frame()
    if by not in frame.columns:
        raise KeyError(f"no column {by!r} in the corpus; available: {list(frame.columns)}")
    matches = map_documents(
        partial(actor_label_matches, actors=names, voice=voice, max_words=max_words),
        corpus,
        backend=backend,
        n_jobs=n_jobs,
        desc="actor labels",
        empty=pd.DataFrame(columns=list(ACTOR_LABEL_MATCH_SCHEMA)).astype(ACTOR_LABEL_MATCH_SCHEMA),
    )
    groups = frame.set_index("doc_id")[by]
    matches = matches.assign(group=matches["doc_id"].map(groups))
    matches = matches[matches["group"].notna()].copy()
    matches["group"] = matches["group"].astype(str)
    mentions = (
        matches.drop_duplicates(["doc_id", "mention_start"]).groupby(["group", "actor"]).size()
    )
    labelled = matches[matches["kind"] != ""]
    rows: list[tuple[Any, ...]] = []
    for (g, actor, kind, label), sub in labelled.groupby(
        ["group", "actor", "kind", "label"], sort=True
    ):
        if len(sub) < min_count:
            continue
        first = sub.iloc[0]
        doc_text = corpus[str(first["doc_id"])].text
        a = max(0, min(int(first["label_start"]), int(first["mention_start"])) - 20)
        b = min(len(doc_text), max(int(first["label_end"]), int(first["mention_end"])) + 20)
        example = f"{first['doc_id']}: …{' '.join(doc_text[a:b].split())}…"
        total = int(mentions[(g, actor)])
        rows.append(
            (
                g,
                actor,
                kind,
                label,
                len(sub),
                sub["doc_id"].nunique(),
                total,
                len(sub) / total,
                example,
            )
        )
    out = pd.DataFrame(rows, columns=list(ACTOR_LABEL_SCHEMA)).astype(ACTOR_LABEL_SCHEMA)
    out = out.sort_values(
        ["group", "actor", "count", "label", "kind"],
        ascending=[True, True, False, True, True],
        kind="mergesort",
    ).reset_index(drop=True)
    out.attrs["framelens"] = {
        "table": "actor_labels",
        "by": by,
        "voice": voice,
        "max_words": max_words,
        "min_count": min_count,
        "actors": [a.name for a in names],
        "n_docs": len(corpus),
        "corpus": corpus.attrs,
    }
    return out
