"""Build the constructed demo corpus and its gold answer key from annotated sources.

Run from the repository root::

    .venv/bin/python corpus/demo/_build/build.py

Inputs (hand-written, under ``corpus/demo/_build/content/``):

* ``world.yaml`` -- actors (with how each outlet names them) and outlets (format, quote
  marks, cue verbs by speaker group, vocabulary slots, bylines);
* ``events.yaml`` -- the shared events: date, fact templates with vocabulary slots and the
  statements actors made (direct wording, optional reported wording, continuations);
* ``<outlet>.yaml`` -- per outlet: one article per event (title, lede, extra paragraphs) and a
  pool of background paragraphs in the outlet's own voice.

Hand-written text may carry inline attribution markup (the *annotated source format*)::

    ⟦S1 Pavel Drozd|Interior Minister Pavel Drozd⟧  speaker mention of attribution 1
    ⟦V1|said⟧                                       cue of attribution 1
    ⟦C1 direct|We will restore order.⟧              content of attribution 1 (kind)
    ⟦C2 direct@1|...⟧                               a further fragment of attribution 1
    ⟦S3 anon|a source close to the ministry⟧        anonymous speaker (speaker = mention)

Statements in ``events.yaml`` are rendered into this markup by the outlet's attribution
style. The markup is then parsed into plain text plus exact spans; articles are written in
three formats (native Markdown, pasted pages + ``metadata.csv``, saved HTML) and the gold key
``gold/quotes.jsonl`` gets offsets into the text *as the framelens loader returns it after
cleaning*: native articles are checked against the loader, and pasted/HTML articles are
located paragraph by paragraph inside the loaded text (each paragraph must occur exactly
once; the build fails loudly otherwise). Everything is seeded: two runs give identical files.

The key has one row per speech event: the fragments of a quote interrupted by its tag
(``"We will not," she said, "back down."``) or continued in a later sentence (``"One," he
said. "Two."``) form one row whose content runs from the first fragment's start to the last
fragment's end, tag included (PolNeAR's convention; ``continuations="merge"`` in
``framelens.attribution.extract``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"
DEMO = HERE.parent
GOLD = DEMO / "gold"

KINDS = ("direct", "indirect", "according_to", "mixed")
ROLES = ("official", "opposition", "civil_society", "expert", "citizen", "media", "anonymous")
PRONOUNS = {"he", "she", "He", "She"}
# cue verbs that only introduce quoted words, never reported speech ("sobbed that" is odd)
DIRECT_ONLY_CUES = {"sobbed", "fumed", "blasted", "whispered", "told the Express"}
MARKUP_RE = re.compile(r"⟦([CSV])(\d+)([^|⟧]*)\|([^⟧]*)⟧")
SLOT_RE = re.compile(r"\{([A-Za-z_]+)\}")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class BuildError(RuntimeError):
    """Raised when a source file is inconsistent; the message names file and item."""


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    name: str
    role: str
    affiliation: str
    country: str
    gender: str
    titles: list[str]
    aliases: list[str]
    descriptions: list[str]
    forms: dict[str, dict[str, Any]]

    def first(self, outlet: str) -> str:
        f = self.forms.get(outlet) or self.forms["default"]
        return str(f["first"])

    def later(self, outlet: str) -> list[str]:
        f = self.forms.get(outlet) or self.forms["default"]
        return [str(x) for x in f.get("later", [self.name.split()[-1]])]

    @property
    def pronoun(self) -> str | None:
        return {"male": "he", "female": "she"}.get(self.gender)


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    folder: str
    fmt: str  # md | pasted | html
    quotes: str  # curly | straight | mixed
    sources: dict[str, int]  # speaker group -> how many statements of it an article quotes
    cues: dict[str, list[str]]
    slots: dict[str, list[str]]
    authors: list[str]
    sections: list[str]
    registry: dict[str, Any]
    domain: str
    indirect_share: float


@dataclass
class Statement:
    speaker: str  # canonical name, or "anon:<description>"
    direct: str | list[str]
    indirect: str | None
    more: list[str]
    outlets: list[str] | None
    event: int
    index: int


@dataclass
class Event:
    id: int
    slug: str
    date: date
    name: str
    place: str
    facts: list[tuple[str, list[str]]]  # (template, outlets that never use it)
    statements: list[Statement]


@dataclass
class ArticleSpec:
    outlet: str
    event: int
    doc_id: str
    title: str
    date: date
    lede: str
    extra: list[str]
    section: str | None
    author: str | None
    statements: list[int] | None
    render_as: str | None = None  # outlet key whose style renders the body (syndication)
    prefix: list[str] = field(default_factory=list)
    drop_last: int = 0
    based_on: str | None = None


def _load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        raise BuildError(f"{path}: invalid YAML: {exc}") from exc


def load_world() -> tuple[dict[str, Actor], dict[str, Outlet]]:
    """Read actors and outlets from ``content/world.yaml``."""
    data = _load_yaml(CONTENT / "world.yaml")
    actors: dict[str, Actor] = {}
    for i, a in enumerate(data["actors"]):
        if a["role"] not in ROLES:
            raise BuildError(f"world.yaml: actor #{i} {a.get('name')!r}: bad role {a['role']!r}")
        actors[a["name"]] = Actor(
            name=a["name"],
            role=a["role"],
            affiliation=a.get("affiliation", ""),
            country=a.get("country", ""),
            gender=a.get("gender", "unknown"),
            titles=list(a.get("titles", [])),
            aliases=list(a.get("aliases", [])),
            descriptions=list(a.get("descriptions", [])),
            forms=a["forms"],
        )
    outlets: dict[str, Outlet] = {}
    for o in data["outlets"]:
        outlets[o["key"]] = Outlet(
            key=o["key"],
            name=o["name"],
            folder=o["folder"],
            fmt=o["format"],
            quotes=o["quotes"],
            sources={str(k): int(v) for k, v in o["sources"].items()},
            cues={k: list(v) for k, v in o["cues"].items()},
            slots={k: list(v) for k, v in o["slots"].items()},
            authors=list(o["authors"]),
            sections=list(o["sections"]),
            registry=dict(o["registry"]),
            domain=o["registry"]["domains"][0],
            indirect_share=float(o.get("indirect_share", 0.35)),
        )
    return actors, outlets


def load_events() -> dict[int, Event]:
    """Read the shared events and their statements from ``content/events.yaml``."""
    data = _load_yaml(CONTENT / "events.yaml")
    events: dict[int, Event] = {}
    for e in data["events"]:
        sts = [
            Statement(
                speaker=s["speaker"],
                direct=s["direct"],
                indirect=s.get("indirect"),
                more=list(s.get("more", [])),
                outlets=s.get("outlets"),
                event=int(e["id"]),
                index=j,
            )
            for j, s in enumerate(e["statements"])
        ]
        events[int(e["id"])] = Event(
            id=int(e["id"]),
            slug=e["slug"],
            date=e["date"],
            name=e["name"],
            place=e.get("place", "Drevna, Valdoria"),
            facts=[
                (f, []) if isinstance(f, str) else (f["text"], list(f.get("not", [])))
                for f in e["facts"]
            ],
            statements=sts,
        )
    return events


def load_articles(outlets: dict[str, Outlet]) -> tuple[list[ArticleSpec], dict[str, list[str]]]:
    """Read every outlet's article specs and background pools."""
    specs: list[ArticleSpec] = []
    pools: dict[str, list[str]] = {}
    for key, outlet in outlets.items():
        path = CONTENT / f"{key}.yaml"
        data = _load_yaml(path)
        pools[key] = list(data["background"])
        for i, a in enumerate(data["articles"]):
            try:
                specs.append(
                    ArticleSpec(
                        outlet=key,
                        event=int(a["event"]),
                        doc_id=a["doc_id"],
                        title=a["title"],
                        date=a["date"],
                        lede=a["lede"],
                        extra=list(a.get("extra", [])),
                        section=a.get("section"),
                        author=a.get("author"),
                        statements=a.get("statements"),
                        render_as=a.get("render_as"),
                        prefix=list(a.get("prefix", [])),
                        drop_last=int(a.get("drop_last", 0)),
                        based_on=a.get("based_on"),
                    )
                )
            except KeyError as exc:
                raise BuildError(f"{path}: article #{i}: missing field {exc}") from exc
        del outlet
    return specs, pools


# --------------------------------------------------------------------------------------------
# Rendering statements into markup
# --------------------------------------------------------------------------------------------


def speaker_group(speaker: str, actors: dict[str, Actor]) -> str:
    """Group used to pick statements and cue verbs: official_dom, official_for, voice, anon."""
    if speaker.startswith("anon:"):
        return "anonymous"
    a = actors[speaker]
    if a.role == "official":
        return "official_dom" if a.country == "XV" else "official_for"
    return "voice"  # opposition, civil society, experts, citizens, media


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Renderer:
    """Render one article's statements and templates into attribution markup."""

    def __init__(self, outlet: Outlet, actors: dict[str, Actor], rng: random.Random) -> None:
        self.o = outlet
        self.actors = actors
        self.rng = rng
        self.seen: set[str] = set()
        self.group = 0
        self.counts: dict[str, int] = {}

    # -- helpers ----------------------------------------------------------------------------
    def next_group(self) -> int:
        self.group += 1
        return self.group

    def mention(self, speaker: str, *, start: bool) -> tuple[str, str]:
        """Return (canonical, surface) for a non-pronoun mention of ``speaker``."""
        if speaker.startswith("anon:"):
            desc = speaker[5:]
            if speaker in self.seen:
                surface = self.rng.choice(["the source", "the same source"])
                if desc.startswith(("officials", "insiders", "sources", "residents", "police")):
                    surface = desc
            else:
                surface = desc
            self.seen.add(speaker)
            return speaker, cap(surface) if start else surface
        a = self.actors[speaker]
        if speaker in self.seen:
            surface = self.rng.choice(a.later(self.o.key))
        else:
            surface = a.first(self.o.key)
            self.seen.add(speaker)
        return a.name, cap(surface) if start else surface

    def cue(self, speaker: str, *, reported: bool = False) -> str:
        group = speaker_group(speaker, self.actors)
        pool = self.o.cues.get(group) or self.o.cues["default"]
        if reported:
            pool = [c for c in pool if c not in DIRECT_ONLY_CUES] or ["said"]
        return self.rng.choice(pool)

    def s_tag(self, g: int, canon: str, surface: str) -> str:
        if surface.endswith(","):  # an appositive ("X, a nurse,"): the comma is not the name
            return f"⟦S{g} {canon}|{surface[:-1]}⟧,"
        return f"⟦S{g} {canon}|{surface}⟧"

    @staticmethod
    def v_tag(g: int, cue: str) -> str:
        verb, _, addressee = cue.partition(" ")
        if verb == "told" and addressee:  # "told Meridian Press": the cue is the verb
            return f"⟦V{g}|told⟧ {addressee}"
        return f"⟦V{g}|{cue}⟧"

    @staticmethod
    def c_tag(g: int, kind: str, text: str, ref: int | None = None) -> str:
        suffix = f"@{ref}" if ref is not None else ""
        return f"⟦C{g} {kind}{suffix}|{text}⟧"

    def fill(self, template: str) -> str:
        """Replace ``{slot}`` with a seeded choice from the outlet's vocabulary."""

        def rep(m: re.Match[str]) -> str:
            name = m.group(1)
            low = name[:1].lower() + name[1:]
            if low not in self.o.slots:
                raise BuildError(f"outlet {self.o.key}: no vocabulary for slot {{{low}}}")
            val = self.rng.choice(self.o.slots[low])
            return cap(val) if name[:1].isupper() else val

        return SLOT_RE.sub(rep, template)

    # -- statements -------------------------------------------------------------------------
    def statement(self, st: Statement, *, multi_paragraph_ok: bool) -> list[str]:
        """Render one statement (and its continuations) as one or more paragraphs."""
        paras: list[str] = []
        direct = st.direct
        if isinstance(direct, list) and not multi_paragraph_ok:
            direct = " ".join(direct)
        use_indirect = st.indirect is not None and self.rng.random() < self.o.indirect_share
        g = self.next_group()
        if isinstance(direct, list):
            paras.extend(self._multi_paragraph(g, st.speaker, direct))
        elif use_indirect:
            assert st.indirect is not None
            paras.append(self._indirect(g, st.speaker, st.indirect))
        else:
            paras.append(self._direct(g, st.speaker, direct))
        for k, more in enumerate(st.more):
            paras.append(self._continuation(st.speaker, more, join=k == 0))
        return paras

    def _kind(self, content: str) -> str:
        return "mixed" if any(q in content for q in '“”"') else "indirect"

    def _indirect(self, g: int, speaker: str, clause: str) -> str:
        kind = self._kind(clause)
        form = self.rng.choice(["that", "that", "after", "according", "according_end"])
        if speaker.startswith("anon:") and form.startswith("according"):
            form = "that"
        if form == "that":
            canon, surf = self.mention(speaker, start=True)
            cue = self.cue(speaker, reported=True)
            return (
                f"{self.s_tag(g, canon, surf)} {self.v_tag(g, cue)} that "
                f"{self.c_tag(g, kind, clause)}."
            )
        if form == "after":
            canon, surf = self.mention(speaker, start=False)
            cue = self.cue(speaker, reported=True)
            return (
                f"{self.c_tag(g, kind, cap(clause))}, {self.s_tag(g, canon, surf)} "
                f"{self.v_tag(g, cue)}."
            )
        if form == "according":
            canon, surf = self.mention(speaker, start=False)
            return (
                f"{self.v_tag(g, 'According to')} {self.s_tag(g, canon, surf)}, "
                f"{self.c_tag(g, 'according_to', clause)}."
            )
        canon, surf = self.mention(speaker, start=False)
        return (
            f"{self.c_tag(g, 'according_to', cap(clause))}, {self.v_tag(g, 'according to')} "
            f"{self.s_tag(g, canon, surf)}."
        )

    def _direct(self, g: int, speaker: str, text: str) -> str:
        split = "|" in text
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text.replace("|", ""))
        forms = ["colon", "after", "after", "before_said", "speaker_comma"]
        if split:
            forms = ["inside", "inside", "colon"]
        elif len(sentences) > 1:
            forms += ["continue", "continue"]
        if speaker.startswith("anon:"):
            forms = [f for f in forms if f != "before_said"] or ["after"]
        form = self.rng.choice(forms)
        cue = self.cue(speaker)
        if form == "before_said" and cue != "said":  # inversion only with "said"
            form = "after"
        if form == "inside":
            first, rest = text.split("|", 1)
            rest = rest.lstrip()
            canon, surf = self.mention(speaker, start=False)
            return (
                f"“{self.c_tag(g, 'direct', first + ',')}” {self.s_tag(g, canon, surf)} "
                f"{self.v_tag(g, cue)}, “{self.c_tag(self.next_group(), 'direct', rest, g)}”"
            )
        text = text.replace("|", "")
        if form in ("colon", "speaker_comma"):
            canon, surf = self.mention(speaker, start=True)
            mark = ":" if form == "colon" else ","
            head = f"{self.s_tag(g, canon, surf)} {self.v_tag(g, cue)}{mark}"
            return f"{head} “{self.c_tag(g, 'direct', text)}”"
        if form == "continue":
            head, tail = sentences[0], " ".join(sentences[1:])
            canon, surf = self.mention(speaker, start=False)
            return (
                f"“{self.c_tag(g, 'direct', _comma(head))}” {self.s_tag(g, canon, surf)} "
                f"{self.v_tag(g, cue)}. “{self.c_tag(self.next_group(), 'direct', tail, g)}”"
            )
        canon, surf = self.mention(speaker, start=False)
        quote = f"“{self.c_tag(g, 'direct', _comma(text))}”"
        s_tag, v_tag = self.s_tag(g, canon, surf), self.v_tag(g, cue)
        if form == "before_said":
            return f"{quote} {v_tag} {s_tag}."
        return f"{quote} {s_tag} {v_tag}."

    def _multi_paragraph(self, g: int, speaker: str, paras: list[str]) -> list[str]:
        canon, surf = self.mention(speaker, start=True)
        cue = self.cue(speaker)
        body = "\n\n“".join(paras)
        return [
            f"{self.s_tag(g, canon, surf)} {self.v_tag(g, cue)}: “{self.c_tag(g, 'direct', body)}”"
        ]

    def _continuation(self, speaker: str, text: str, *, join: bool) -> str:
        """A follow-up by the same speaker: a pronoun where the speaker has one."""
        g = self.next_group()
        a = self.actors.get(speaker)
        pron = a.pronoun if a is not None else None
        cue = self.rng.choice(self.o.cues.get("continue", ["added"]))
        if text.startswith("that ") and cue in ("went on", "continued"):
            cue = "added"
        if pron is None:
            canon, surf = self.mention(speaker, start=False)
        else:
            canon, surf = speaker, pron
        if text.startswith("that "):
            clause = text[5:]
            kind = self._kind(clause)
            return (
                f"{self.s_tag(g, canon, cap(surf))} {self.v_tag(g, cue)} that "
                f"{self.c_tag(g, kind, clause)}."
            )
        if text.startswith(":") or (not join and self.rng.random() < 0.3):
            text = text.lstrip(": ")
            head = f"{self.s_tag(g, canon, cap(surf))} {self.v_tag(g, cue)}:"
            return f"{head} “{self.c_tag(g, 'direct', text)}”"
        quote = f"“{self.c_tag(g, 'direct', _comma(text))}”"
        return f"{quote} {self.s_tag(g, canon, surf)} {self.v_tag(g, cue)}."


def _comma(text: str) -> str:
    """Turn a final full stop into the comma a quote takes before its reporting clause."""
    return text[:-1] + "," if text.endswith(".") else text


# --------------------------------------------------------------------------------------------
# Markup -> plain text + spans
# --------------------------------------------------------------------------------------------


@dataclass
class Span:
    group: int
    tag: str
    param: str
    start: int
    end: int
    text: str


def parse_markup(markup: str, where: str) -> tuple[str, list[Span]]:
    """Strip attribution markup, returning plain text and the tagged spans (offsets into it)."""
    out: list[str] = []
    spans: list[Span] = []
    pos = 0
    n = 0
    for m in MARKUP_RE.finditer(markup):
        out.append(markup[pos : m.start()])
        n += m.start() - pos
        tag, g, param, text = m.group(1), int(m.group(2)), m.group(3).strip(), m.group(4)
        spans.append(Span(g, tag, param, n, n + len(text), text))
        out.append(text)
        n += len(text)
        pos = m.end()
    out.append(markup[pos:])
    plain = "".join(out)
    if "⟦" in plain or "⟧" in plain:
        i = plain.find("⟦") if "⟦" in plain else plain.find("⟧")
        raise BuildError(f"{where}: malformed markup near {plain[max(0, i - 40) : i + 40]!r}")
    return plain, spans


def gold_rows(
    doc_id: str, plain: str, spans: list[Span], actors: dict[str, Actor], where: str
) -> list[dict[str, Any]]:
    """Turn parsed spans into gold rows (offsets relative to the parsed plain text).

    One row per speech event: content fragments linked to one speaker and cue (``⟦C2
    direct@1|...⟧``, a quote interrupted by its tag or continued in a later sentence) are
    merged into one row whose content runs from the first fragment's start to the last
    fragment's end -- the tag and the inner quotation marks included, as in PolNeAR and in
    ``extract_attributions(continuations="merge")``. The kind is the first fragment's.
    """
    speakers = {s.group: s for s in spans if s.tag == "S"}
    cues = {s.group: s for s in spans if s.tag == "V"}
    events: dict[int, list[tuple[str, Span]]] = {}
    for c in (s for s in spans if s.tag == "C"):
        kind, _, ref = c.param.partition("@")
        g = int(ref) if ref else c.group
        if kind not in KINDS:
            raise BuildError(f"{where}: attribution {c.group}: unknown kind {kind!r}")
        if g not in speakers or g not in cues:
            raise BuildError(f"{where}: attribution {c.group}: no speaker/cue for group {g}")
        events.setdefault(g, []).append((kind, c))
    rows: list[dict[str, Any]] = []
    for g, frags in events.items():
        kind, first = frags[0]
        if any(b.start < a.end for (_, a), (_, b) in pairwise(frags)):
            raise BuildError(f"{where}: attribution {g}: content fragments out of order")
        start, end = first.start, frags[-1][1].end
        if "\n\n" in plain[start:end] and len(frags) > 1:
            raise BuildError(f"{where}: attribution {g}: fragments in different paragraphs")
        sp, cu = speakers[g], cues[g]
        if sp.param.startswith("anon"):  # "anon" or "anon:<first description>"
            canon = sp.param[5:] if sp.param.startswith("anon:") else cap_lower(sp.text)
            role = "anonymous"
        else:
            if sp.param not in actors:
                raise BuildError(f"{where}: speaker {sp.param!r} is not in world.yaml actors")
            canon, role = sp.param, actors[sp.param].role
        rows.append(
            {
                "doc_id": doc_id,
                "attribution_id": "",
                "kind": kind,
                "content_start": start,
                "content_end": end,
                "content": plain[start:end],
                "speaker_mention": sp.text,
                "speaker_start": sp.start,
                "speaker_end": sp.end,
                "speaker": canon,
                "speaker_role": role,
                "cue": cu.text,
                "cue_start": cu.start,
                "cue_end": cu.end,
            }
        )
    return rows


def cap_lower(s: str) -> str:
    return s[:1].lower() + s[1:]


# --------------------------------------------------------------------------------------------
# Article assembly
# --------------------------------------------------------------------------------------------


def quote_style(markup: str, style: str) -> str:
    """Apply an outlet's quotation-mark style; sources are written with curly marks."""
    if style == "straight":
        table: dict[str, str | int | None] = {"“": '"', "”": '"', "‘": "'", "’": "'"}
        return markup.translate(str.maketrans(table))
    # curly: typographic apostrophes too
    return re.sub(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s)", "’", markup)


def choose_statements(
    spec: ArticleSpec, outlet: Outlet, event: Event, actors: dict[str, Actor]
) -> list[Statement]:
    """Pick the statements this outlet quotes, by its sourcing quotas, in event order."""
    if spec.statements is not None:
        return [event.statements[i] for i in spec.statements]
    taken: dict[str, int] = {}
    picked: list[Statement] = []
    for s in event.statements:
        group = speaker_group(s.speaker, actors)
        if s.outlets is not None and outlet.key not in s.outlets:
            continue
        if taken.get(group, 0) < outlet.sources.get(group, 0):
            taken[group] = taken.get(group, 0) + 1
            picked.append(s)
    return picked


def article_markup(
    spec: ArticleSpec,
    outlet: Outlet,
    event: Event,
    actors: dict[str, Actor],
    pool: list[str],
    art_index: int,
) -> list[str]:
    """Compose an article's paragraphs (markup) from lede, statements, facts and background.

    Hand-written paragraphs number their attributions from 1; each gets its own block of
    group numbers here so that numbers never collide within an article.
    """
    rng = random.Random(spec.doc_id)
    style = outlet.quotes if outlet.quotes != "mixed" else rng.choice(["curly", "straight"])
    r = Renderer(outlet, actors, rng)
    block = iter(range(1000, 100000, 50))
    hand = [_shift_groups(h, next(block)) for h in [spec.lede, *spec.extra]]
    for h in hand:  # actors already named in hand-written text get short forms later on
        for m in MARKUP_RE.finditer(h):
            if m.group(1) == "S" and not m.group(3).strip().startswith("anon"):
                r.seen.add(m.group(3).strip())
        r.seen.update(name for name in actors if name in h and " " in name)
    facts = [r.fill(f) for f, never in event.facts if outlet.key not in never]
    rng.shuffle(facts)
    statements = choose_statements(spec, outlet, event, actors)
    quote_paras = [r.statement(s, multi_paragraph_ok=outlet.fmt == "md") for s in statements]
    bg = [
        _shift_groups(r.fill(pool[(art_index * 3 + k) % len(pool)]), next(block)) for k in range(3)
    ]
    # lede, quote, fact, extras, quotes, fact, background, quotes, fact, background x2
    paras: list[str] = [hand[0]]
    if quote_paras:
        paras.extend(quote_paras[0])
    paras.append(facts[0])
    paras.extend(hand[1:])
    rest = quote_paras[1:]
    half = (len(rest) + 1) // 2
    for q in rest[:half]:
        paras.extend(q)
    paras.extend(facts[1:2])
    paras.append(bg[0])
    for q in rest[half:]:
        paras.extend(q)
    paras.extend(facts[2:])
    paras.extend(bg[1:])
    paras = [re.sub(r"⟧,([,.])", r"⟧\1", p) for p in paras]
    return [quote_style(p.strip(), style) for p in paras if p.strip()]


def syndicated_markup(spec: ArticleSpec, original: list[str], outlet: Outlet) -> list[str]:
    """A wire story as republished by another outlet: own lede, the rest nearly verbatim."""
    lede = quote_style(_shift_groups(spec.lede, 1000), outlet.quotes)
    end = len(original) - spec.drop_last
    return [lede, *[quote_style(p, outlet.quotes) for p in spec.prefix], *original[1:end]]


def _shift_groups(markup: str, offset: int) -> str:
    def rep(m: re.Match[str]) -> str:
        param = m.group(3)
        if "@" in param:
            kind, ref = param.rsplit("@", 1)
            param = f"{kind}@{int(ref) + offset}"
        return f"⟦{m.group(1)}{int(m.group(2)) + offset}{param}|{m.group(4)}⟧"

    return MARKUP_RE.sub(rep, markup)


# --------------------------------------------------------------------------------------------
# Writers: native Markdown, pasted page, saved HTML
# --------------------------------------------------------------------------------------------


def front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


def pasted_page(spec: ArticleSpec, body: list[str], caption: str, related: str) -> str:
    """A page pasted from a browser, like the seed: widgets, breadcrumb, caption, comments."""
    d = spec.date
    lines = [
        "• Live",
        "    • Audio Only",
        "  • google plus",
        "  • facebook",
        "  • twitter",
        "News > Valdoria",
        "",
        spec.title,
        "",
        f"  • {caption}",
        "",
        f"    {caption} | Photo: Horizon International",
        "",
        f"Published {d.day} {MONTHS[d.month - 1]} {d.year}",
        "Opinion",
        "",
    ]
    for i, p in enumerate(body):
        lines += [p + " ", ""]
        if i == 2:
            lines += ["RELATED:", "", related, ""]
    lines += ["Comment", "0", "Comments", "Post with no comments."]
    return "\n".join(lines)


def html_page(spec: ArticleSpec, outlet: Outlet, body: list[str], author: str) -> str:
    e = html.escape
    url = f"https://{outlet.domain}/news/{spec.doc_id}"
    ps = "\n".join(f"<p>{e(p, quote=False)}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(spec.title)} | {e(outlet.name)}</title>
<meta property="og:title" content="{e(spec.title)}">
<meta property="og:site_name" content="{e(outlet.name)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{spec.date.isoformat()}T07:30:00+03:00">
<meta name="author" content="{e(author)}">
<link rel="canonical" href="{url}">
</head>
<body>
<header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/showbiz">Showbiz</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/puzzles">Puzzles</a></li></ul></nav>
</header>
<main>
<article>
<h1>{e(spec.title)}</h1>
<div class="byline">By {e(author)} | {spec.date.isoformat()}</div>
{ps}
</article>
<aside><h2>Most read</h2><ul><li><a href="/news/horoscope">Your stars this week</a></li>
<li><a href="/news/lottery">Lottery results</a></li></ul></aside>
</main>
<footer><p>&copy; {spec.date.year} {e(outlet.name)}. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/contact">Contact us</a></footer>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Offsets against the loaded, cleaned text
# --------------------------------------------------------------------------------------------


def normalise_ws(text: str) -> str:
    """The loader's whitespace normalisation: CRLF -> LF, Unicode spaces -> ASCII space."""
    text = text.replace("\r\n", "\n")
    return "".join(" " if (c.isspace() and c not in "\n") else c for c in text)


def locate_paragraphs(text: str, paras: list[str], where: str) -> list[int]:
    """Offsets of each paragraph inside the cleaned text; each must occur exactly once."""
    starts: list[int] = []
    for i, p in enumerate(paras):
        p = normalise_ws(p).strip()
        n = text.count(p)
        if n != 1:
            raise BuildError(
                f"{where}: paragraph {i + 1} occurs {n} times in the loaded text "
                f"(expected exactly once): {p[:80]!r}"
            )
        starts.append(text.index(p))
    if starts != sorted(starts):
        raise BuildError(f"{where}: paragraphs are out of order in the loaded text")
    return starts


def remap_rows(
    rows: list[dict[str, Any]], paras: list[str], starts: list[int], text: str, where: str
) -> list[dict[str, Any]]:
    """Map offsets from the build's own paragraph layout to the loaded text."""
    own_starts: list[int] = []
    n = 0
    for p in paras:
        own_starts.append(n)
        n += len(p) + 2

    def conv(off: int) -> int:
        k = max(i for i, s in enumerate(own_starts) if s <= off)
        return starts[k] + (off - own_starts[k])

    out = []
    for r in rows:
        r = dict(r)
        for a, b, key in (
            ("content_start", "content_end", "content"),
            ("speaker_start", "speaker_end", "speaker_mention"),
            ("cue_start", "cue_end", "cue"),
        ):
            s = conv(r[a])
            e = conv(r[b] - 1) + 1
            got = text[s:e]
            if normalise_ws(got) != normalise_ws(r[key]):
                raise BuildError(f"{where}: {key} {r[key][:60]!r} maps to {got[:60]!r}")
            r[a], r[b], r[key] = s, e, got
        out.append(r)
    return out


def load_with_framelens() -> pd.DataFrame:
    """Load corpus/demo with the framelens loader; the article table (cleaned text)."""
    from framelens.corpus import load_corpus

    corpus = load_corpus(DEMO, progress=False)
    rej = corpus.rejections
    if len(rej):
        raise BuildError(f"the loader rejected files:\n{rej.to_string()}")
    return corpus.to_frame()


CARD_START = "<!-- counts:start (generated by _build/build.py) -->"
CARD_END = "<!-- counts:end -->"


def data_card_counts(frame: pd.DataFrame, rows: list[dict[str, Any]]) -> str:
    """The "at a glance" table of the data card, computed from the loaded corpus and gold."""
    from framelens.corpus.units import word_count

    words = frame["text"].map(word_count)
    kinds = {k: sum(r["kind"] == k for r in rows) for k in KINDS}
    reported = kinds["indirect"] + kinds["according_to"]
    owners = frame.groupby("outlet")["outlet_ownership"].first().value_counts().sort_index()
    suffix = frame["source_path"].map(lambda p: Path(p).suffix).value_counts()
    dups = frame.loc[frame["duplicate_of"].fillna("") != "", ["doc_id", "duplicate_of"]]
    roles: dict[str, int] = {}
    for r in rows:
        roles[r["speaker_role"]] = roles.get(r["speaker_role"], 0) + 1
    start, end = frame["date"].min(), frame["date"].max()
    lines = [
        "| | |",
        "|---|---|",
        f"| articles | **{len(frame)}** |",
        f"| outlets | **{frame['outlet'].nunique()}** (ownership: "
        + ", ".join(f"{n} {o}" for o, n in owners.items())
        + ") |",
        f"| dates | {start:%Y-%m-%d} to {end:%Y-%m-%d} ({(end - start).days} days) |",
        f"| words per article | {words.min()} to {words.max()} (median {words.median():.0f}; "
        "`framelens.corpus.units.word_count`) |",
        f"| total words | {words.sum():,} |",
        f"| formats | {suffix.get('.md', 0)} native Markdown, {suffix.get('.txt', 0)} pasted "
        f"pages + `metadata.csv`, {suffix.get('.html', 0)} saved HTML pages |",
        f"| gold attributions | **{len(rows)}** (direct {kinds['direct']}, indirect "
        f"{kinds['indirect']}, according_to {kinds['according_to']}, mixed {kinds['mixed']}) |",
        f"| reported (indirect + according_to) | {reported} ({reported / len(rows):.1%}) |",
        f'| pronoun speakers ("he added") | '
        f"{sum(r['speaker_mention'] in PRONOUNS for r in rows)} |",
        "| speaker roles (attributions) | "
        + ", ".join(f"{k} {v}" for k, v in sorted(roles.items(), key=lambda kv: -kv[1]))
        + " |",
    ]
    lines += [
        f"| near-duplicate pair | `{d}` is a syndicated copy of `{o}` |"
        for d, o in zip(dups["doc_id"], dups["duplicate_of"], strict=True)
    ]
    return "\n".join(lines)


def update_data_card(table: str) -> None:
    """Replace the generated counts block of README.md (between the markers)."""
    path = DEMO / "README.md"
    card = path.read_text(encoding="utf-8")
    if CARD_START not in card or CARD_END not in card:
        raise BuildError(f"{path}: the counts markers are missing")
    head, rest = card.split(CARD_START, 1)
    _, tail = rest.split(CARD_END, 1)
    write(path, f"{head}{CARD_START}\n{table}\n{CARD_END}{tail}")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def registry_yaml(actors: dict[str, Actor], used: dict[str, set[str]]) -> str:
    """The gold actor registry: every surface form an outlet uses, as alias or description.

    ``used`` maps canonical names to the (non-pronoun) speaker mentions of the gold key, so
    the registry lists every form a resolver has to link, including typographic apostrophes.
    """
    out = []
    for a in actors.values():
        forms: list[str] = []
        for form in a.forms.values():
            forms += [str(form["first"]).rstrip(","), *[str(x) for x in form.get("later", [])]]
        forms += sorted(used.get(a.name, set()))
        aliases = list(a.aliases)
        descs = list(a.descriptions)
        for f in forms:
            low = f[:1].lower() + f[1:]
            if f == a.name or f in aliases or f in descs or low in descs:
                continue
            starts_lower = f.split()[0].lower() in ("the", "a", "an", "one", "our", "her", "his")
            if f[:1].islower() or starts_lower:
                descs.append(low if starts_lower else f)
            else:
                aliases.append(f)
        out.append(
            {
                "name": a.name,
                "aliases": aliases,
                "descriptions": descs,
                "role": a.role,
                "affiliation": a.affiliation,
                "country": a.country,
                "gender": a.gender,
                "titles": a.titles,
            }
        )
    doc = {
        "version": "1",
        "description": (
            "Actor registry of the constructed framelens demo corpus. Every person and "
            "organisation is fictional. Generated by corpus/demo/_build/build.py from "
            "_build/content/world.yaml; aliases and descriptions list every surface form "
            "an outlet uses for the actor. Countries use ISO 3166 user-assigned codes: "
            "XV Valdoria, XS Serevia, XN Nordavia, XC the Northern Council, XX international."
        ),
        "actors": out,
    }
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def outlets_yaml(outlets: dict[str, Outlet]) -> str:
    doc = {
        "version": "1",
        "description": "Fictional outlets of the framelens demo corpus (constructed; not real).",
        "outlets": [dict(o.registry) for o in outlets.values()],
    }
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def build() -> dict[str, int]:
    """Write every article, the sidecar, the registries and the gold key; return counts."""
    actors, outlets = load_world()
    events = load_events()
    specs, pools = load_articles(outlets)
    ids = [s.doc_id for s in specs]
    if len(set(ids)) != len(ids):
        dups = sorted({i for i in ids if ids.count(i) > 1})
        raise BuildError(f"duplicate doc_id in outlet files: {dups}")

    for o in outlets.values():  # clean generated folders (never the hand-written sources)
        folder = DEMO / o.folder
        if folder.exists():
            for p in sorted(folder.iterdir()):
                if p.is_file() and not p.name.startswith("_"):
                    p.unlink()

    per_outlet_index: dict[str, int] = {}
    built: list[tuple[ArticleSpec, list[str], list[dict[str, Any]]]] = []
    meta_rows: list[dict[str, str]] = []
    markups: dict[str, list[str]] = {}
    # syndicated copies last: they reuse the original's rendered paragraphs
    for spec in sorted(specs, key=lambda s: s.based_on is not None):
        outlet = outlets[spec.outlet]
        idx = per_outlet_index.get(spec.outlet, 0)
        per_outlet_index[spec.outlet] = idx + 1
        where = f"{spec.outlet}.yaml:{spec.doc_id}"
        if spec.based_on:
            if spec.based_on not in markups:
                raise BuildError(f"{where}: based_on {spec.based_on!r} is not an article")
            style = outlets[spec.render_as] if spec.render_as else outlet
            paras_m = syndicated_markup(spec, markups[spec.based_on], style)
        else:
            paras_m = article_markup(
                spec, outlet, events[spec.event], actors, pools[spec.outlet], idx
            )
        markups[spec.doc_id] = paras_m
        markup = "\n\n".join(paras_m)
        plain, spans = parse_markup(markup, where)
        rows = gold_rows(spec.doc_id, plain, spans, actors, where)
        paras = plain.split("\n\n")
        author = spec.author or outlet.authors[idx % len(outlet.authors)]
        section = spec.section or outlet.sections[0]
        folder = DEMO / outlet.folder
        if outlet.fmt == "md":
            meta = {
                "doc_id": spec.doc_id,
                "outlet": outlet.name,
                "title": spec.title,
                "date": spec.date.isoformat(),
                "url": f"https://{outlet.domain}/{spec.date.year}/{spec.date.month:02d}/"
                f"{spec.doc_id}",
                "author": author,
                "language": "en",
                "section": section,
            }
            write(folder / f"{spec.doc_id}.md", front_matter(meta) + plain + "\n")
        elif outlet.fmt == "pasted":
            caption = _caption(spec, events[spec.event])
            related = _related(spec, specs)
            write(folder / f"{spec.doc_id}.txt", pasted_page(spec, paras, caption, related))
            meta_rows.append(
                {
                    "file": f"{spec.doc_id}.txt",
                    "doc_id": spec.doc_id,
                    "outlet": outlet.name,
                    "date": spec.date.isoformat(),
                    "title": spec.title,
                    "url": f"https://{outlet.domain}/news/{spec.doc_id}",
                    "author": author,
                    "section": section,
                    "language": "en",
                }
            )
        elif outlet.fmt == "html":
            write(folder / f"{spec.doc_id}.html", html_page(spec, outlet, paras, author))
        else:
            raise BuildError(f"world.yaml: outlet {outlet.key}: unknown format {outlet.fmt!r}")
        built.append((spec, paras, rows))

    pasted = [o for o in outlets.values() if o.fmt == "pasted"]
    for o in pasted:
        buf = io.StringIO()
        cols = ["file", "doc_id", "outlet", "date", "title", "url", "author", "section", "language"]
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for row in meta_rows:
            if row["outlet"] == o.name:
                w.writerow(row)
        write(DEMO / o.folder / "metadata.csv", buf.getvalue())
        write(
            DEMO / o.folder / "_corpus.yaml",
            "# Generated by corpus/demo/_build/build.py. These pasted pages share teleSUR's\n"
            "# layout (bulleted photo caption, a lone section label), so the folder applies the\n"
            "# packaged `telesur` cleaning rule set on top of the default one.\n"
            "rules: [telesur]\n",
        )

    write(DEMO / "outlets.yaml", outlets_yaml(outlets))

    frame = load_with_framelens()
    loaded = dict(zip(frame["doc_id"], frame["text"], strict=True))
    all_rows: list[dict[str, Any]] = []
    for spec, paras, rows in built:
        fmt = outlets[spec.outlet].fmt
        where = f"{outlets[spec.outlet].folder}/{spec.doc_id}"
        own = "\n\n".join(paras)
        if spec.doc_id not in loaded:
            raise BuildError(f"{where}: the loader returned no document {spec.doc_id!r}")
        text = loaded[spec.doc_id]
        if fmt == "md" and text != own:
            raise BuildError(f"{where}: loaded text differs from the written body")
        if fmt != "md":  # pasted / HTML: find each paragraph in the cleaned text
            starts = locate_paragraphs(text, paras, where)
            rows = remap_rows(rows, paras, starts, text, where)
        all_rows.extend(rows)
    all_rows.sort(key=lambda r: (r["doc_id"], r["content_start"], r["content_end"]))
    counters: dict[str, int] = {}
    for r in all_rows:
        counters[r["doc_id"]] = counters.get(r["doc_id"], 0) + 1
        r["attribution_id"] = f"{r['doc_id']}:a{counters[r['doc_id']]:02d}"
    used: dict[str, set[str]] = {}
    for r in all_rows:
        if r["speaker_role"] != "anonymous" and r["speaker_mention"] not in PRONOUNS:
            used.setdefault(r["speaker"], set()).add(r["speaker_mention"])
    write(GOLD / "actors.yaml", registry_yaml(actors, used))
    write(
        GOLD / "quotes.jsonl",
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in all_rows),
    )
    update_data_card(data_card_counts(frame, all_rows))
    return {
        "articles": len(built),
        "attributions": len(all_rows),
        "indirect_or_according_to": sum(
            r["kind"] in ("indirect", "according_to") for r in all_rows
        ),
        "pronoun_speakers": sum(r["speaker_mention"] in PRONOUNS for r in all_rows),
    }


def _caption(spec: ArticleSpec, event: Event) -> str:
    d = spec.date
    return f"{event.name}, {event.place}. {MONTHS[d.month - 1]} {d.day:02d}, {d.year}."


def _related(spec: ArticleSpec, specs: list[ArticleSpec]) -> str:
    same = [s for s in specs if s.outlet == spec.outlet and s.doc_id != spec.doc_id]
    earlier = [s for s in same if s.date <= spec.date]
    pick = earlier[-1] if earlier else same[0]
    return pick.title


def main() -> int:
    try:
        counts = build()
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(counts, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
