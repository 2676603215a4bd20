"""Gold readers (BRAT standoff, demo JSONL) and the attribution scorer users can run.

Predicted attributions (rows of ``attribution.ATTRIBUTION_SCHEMA``) are matched one-to-one
to gold attributions by the token overlap of their *content* spans; matched pairs are then
checked for the speaker and the cue. Everything is measured on word tokens as
:func:`framelens.corpus.units.word_spans` defines them, so figures do not depend on
whitespace or on whether a span includes its quotation marks.

Definitions
-----------
token set
    The indices of the document's word tokens that share at least one character with the
    span (with all fragments of a discontinuous span).
token overlap
    ``|P ∩ G| / max(|P|, |G|)`` for predicted token set ``P`` and gold token set ``G``
    (0 when either is empty). This is the overlap coefficient normalised by the *larger*
    set, so a prediction that swallows a whole paragraph around a one-clause gold content
    does not count as a match.
matching
    Every (predicted, gold) pair of the same document with overlap >= the threshold is a
    candidate; candidates are taken greedily by decreasing overlap (ties: gold order, then
    prediction order) and each prediction and each gold attribution is used at most once.
precision, recall, F1
    ``matched predictions / predictions``, ``matched gold / gold`` and their harmonic mean.
speaker accuracy
    Over matched pairs whose gold attribution has a source: the prediction is right when
    its speaker-mention span shares a character with the gold source span, or when its
    resolved ``speaker`` equals the gold canonical ``speaker`` (case-insensitive).
speaker name accuracy
    Over matched pairs whose gold attribution has a canonical ``speaker`` (the demo gold;
    PolNeAR has none): the predicted resolved ``speaker`` equals it (case-insensitive). This
    is stricter than speaker accuracy for pronouns and descriptions ("he", "the minister"),
    whose span may overlap the gold mention while resolving to the wrong person.
cue accuracy
    Over matched pairs whose gold attribution has a cue: right when the predicted cue span
    shares a character with the gold cue span; when either side has no offsets, the cue
    lemmas (:func:`cue_lemma`) are compared.
speech attribution
    The cue is a speech cue of the shipped cue lexicon (:func:`is_speech_cue`: a word whose
    rule-based lemma is one of the lexicon's speech lemmas, :data:`SPEECH_VERBS`, "according
    to", or a listed form of a multi-word speech cue), or the attribution is of kind
    ``according_to``, or at least half of the content's tokens lie inside quotation marks
    (:func:`framelens.corpus.units.quote_spans`). PolNeAR also annotates beliefs and
    intentions ("he hopes"); the lexicon types those as cognition, not speech. The speech
    subset therefore follows the lexicon: figures are comparable at the same lexicon version
    (recorded in ``attrs["framelens"]["speech_lexicon"]``).
speech-only scores
    Matching is done once over all attributions; recall is then ``matched speech gold /
    speech gold`` and precision ``matched speech predictions / speech predictions``. A
    predicted speech attribution that matches a gold non-speech attribution (the two
    annotations disagree only on the cue) is not a false positive; the cue disagreement is
    what cue accuracy measures.

References
----------
Newell, E., Margolin, D. & Ruths, D. (2018). An attribution relations corpus for political
news. *LREC 2018* (PolNeAR; BRAT standoff attribution relations).
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. *LREC 2016* (span-overlap
evaluation of attribution relations).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from framelens.attribution.cues import load_cues
from framelens.corpus.model import Document, conform, empty_frame
from framelens.corpus.units import WORD_RE, quote_spans

Span = tuple[int, int]

#: Columns of gold tables returned by :func:`read_brat`, :func:`read_polnear` and
#: :func:`read_gold_jsonl`. ``content_spans`` lists the content fragments as
#: ``"start end;start end"`` (BRAT style; one fragment for contiguous spans).
GOLD_SCHEMA: dict[str, str] = {
    "doc_id": "str",
    "attribution_id": "str",
    "kind": "str",
    "content_start": "int64",
    "content_end": "int64",
    "content": "str",
    "content_spans": "str",
    "speaker_mention": "str",
    "speaker_start": "int64",
    "speaker_end": "int64",
    "speaker": "str",
    "speaker_role": "str",
    "cue": "str",
    "cue_start": "int64",
    "cue_end": "int64",
    "text_mismatch": "bool",
}

#: Speech verbs (lemmas): a cue containing one of these makes an attribution "speech".
#: Derived from the shipped cue lexicon (``framelens/attribution/data/cue_verbs.yaml``): its
#: single-word lemmas of type ``speech``. Cognition cues (believe, think, hope, want, fear,
#: expect, know, feel, ...) have type ``cognition`` there and are excluded. Multi-word speech
#: cues ("point out", "go on", "make clear") are recognised by their listed forms, see
#: :func:`is_speech_cue`.
SPEECH_VERBS: frozenset[str] = frozenset(
    lemma
    for lemma, cue in load_cues().cues.items()
    if cue.cue_type == "speech" and " " not in lemma
)

#: Phrasal cues that are speech whatever their verb.
SPEECH_PHRASES: tuple[str, ...] = ("according to",)

_IRREGULAR = {
    "said": "say",
    "says": "say",
    "saying": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "writes": "write",
    "spoke": "speak",
    "spoken": "speak",
    "sang": "sing",
    "sung": "sing",
    "thought": "think",
    "knew": "know",
    "known": "know",
    "felt": "feel",
    "cried": "cry",
}


def _word_lemma(word: str, vocabulary: frozenset[str] = SPEECH_VERBS) -> str:
    """Lemma of one verb form by rule: irregulars, then suffixes checked against ``vocabulary``."""
    w = word.lower().strip("’'")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in vocabulary:
        return w
    cands: list[str] = []
    if w.endswith("ies") or w.endswith("ied"):
        cands.append(w[:-3] + "y")
    if w.endswith("ing"):
        cands += [w[:-3], w[:-3] + "e", w[:-4]]
    if w.endswith("ed"):
        cands += [w[:-1], w[:-2], w[:-3]]
    if w.endswith("es"):
        cands.append(w[:-2])
    if w.endswith("s"):
        cands.append(w[:-1])
    for c in cands:
        if c in vocabulary:
            return c
    return w


def cue_lemma(cue: str) -> str:
    """Lemma of a cue phrase: the speech cue it contains, else its words.

    "according to" first; then the lemma of the first listed form of a speech cue of the
    shipped lexicon ("pointed out" -> "point out"); then a rule-based lemma of a word that
    is in :data:`SPEECH_VERBS` ("states" -> "state"); else the words themselves.

    Examples
    --------
    >>> cue_lemma("has stressed"), cue_lemma("Told"), cue_lemma("according to")
    ('stress', 'tell', 'according to')
    >>> cue_lemma("pointed out"), cue_lemma("criticised"), cue_lemma("hopes")
    ('point out', 'criticize', 'hopes')
    """
    low = " ".join(cue.lower().split())
    for phrase in SPEECH_PHRASES:
        if phrase in low:
            return phrase
    lex = load_cues()
    for m in lex.finditer(low):
        entry = lex.lookup(m.group(0))
        if entry is not None and entry.cue_type == "speech":
            return entry.lemma
    words = [_word_lemma(m.group()) for m in WORD_RE.finditer(low)]
    for w in words:
        if w in SPEECH_VERBS:
            return w
    return " ".join(words)


def is_speech_cue(cue: str) -> bool:
    """True when ``cue`` is a speech cue of the shipped cue lexicon.

    That is: its :func:`cue_lemma` is "according to", a listed speech cue of the lexicon
    ("pointed out", "went on", "sobbed"), or a word whose rule-based lemma is in
    :data:`SPEECH_VERBS` (so inflections the lexicon does not list, "states", count).

    Examples
    --------
    >>> is_speech_cue("also stated"), is_speech_cue("pointed out"), is_speech_cue("hopes")
    (True, True, False)
    """
    lem = cue_lemma(cue)
    entry = load_cues().cues.get(lem)
    return (
        lem in SPEECH_PHRASES
        or lem in SPEECH_VERBS
        or (entry is not None and entry.cue_type == "speech")
    )


# --- BRAT -----------------------------------------------------------------------------------

_T_HEAD = re.compile(r"T(\d+)\t([^\t ]+) (\d+ \d+(?:;\d+ \d+)*)\t")
_RECORD = re.compile(r"(?m)^(?:[TERAMN]\d+|#\d*)\t")


@dataclass
class _TextBound:
    label: str
    frags: list[Span]
    text: str


def _line_of(raw: str, pos: int) -> int:
    return raw.count("\n", 0, pos) + 1


def _parse_brat(raw: str, path: str) -> tuple[dict[str, _TextBound], list[tuple[str, str, int]]]:
    """Split a BRAT file into text-bound spans and event records, by record prefix."""
    spans: dict[str, _TextBound] = {}
    events: list[tuple[str, str, int]] = []
    pos, n = 0, len(raw)
    while pos < n:
        if raw[pos] == "\n":
            pos += 1
            continue
        m = _T_HEAD.match(raw, pos)
        if m:
            frags = []
            for part in m.group(3).split(";"):
                a, b = (int(x) for x in part.split())
                if b < a:
                    raise ValueError(f"{path}:{_line_of(raw, pos)}: span end {b} < start {a}")
                frags.append((a, b))
            expected = sum(b - a for a, b in frags) + len(frags) - 1
            end = m.end() + expected
            if end <= n and (end == n or raw[end] == "\n"):
                text = raw[m.end() : end]
                nxt = end + 1
            else:  # text length disagrees with the offsets: run to the next record
                r = _RECORD.search(raw, m.end())
                stop = r.start() - 1 if r else n
                text = raw[m.end() : max(stop, m.end())]
                nxt = stop + 1
            spans["T" + m.group(1)] = _TextBound(m.group(2), frags, text)
            pos = nxt
            continue
        eol = raw.find("\n", pos)
        eol = n if eol < 0 else eol
        line = raw[pos:eol]
        if line.startswith("E") and "\t" in line:
            eid, body = line.split("\t", 1)
            events.append((eid, body, _line_of(raw, pos)))
        elif not _RECORD.match(raw, pos) and line.strip():
            raise ValueError(
                f"{path}:{_line_of(raw, pos)}: not a BRAT record (expected T/E/R/A/M/N/# prefix): "
                f"{line[:60]!r}"
            )
        pos = eol + 1
    return spans, events


def _frag_text(text: str, frags: Sequence[Span]) -> str:
    return " ".join(text[a:b] for a, b in frags)


def _fmt_frags(frags: Iterable[Span]) -> str:
    return ";".join(f"{a} {b}" for a, b in frags)


def read_brat(
    ann_path: str | Path, txt_path: str | Path, *, doc_id: str | None = None
) -> pd.DataFrame:
    """Read PolNeAR-style BRAT attribution relations into a gold table.

    Parameters
    ----------
    ann_path, txt_path : str or Path
        The standoff ``.ann`` file and the text its offsets index.
    doc_id : str, optional
        Defaults to the stem of ``txt_path``.

    Returns
    -------
    DataFrame
        One row per ``E`` relation that has content, with :data:`GOLD_SCHEMA`.
        Relation ``E<n>\\tAttribution:T<a> Content:T<c> Cue:T<q> Source:T<s>``; ``Source``
        may be absent (-1 offsets); ``Content2``... fragments are joined to the content.
        ``df.attrs["framelens"]`` counts spans, spans whose text differs from the file at
        their offsets (``n_span_mismatches``, listed in ``span_mismatches``; they are kept
        and flagged in ``text_mismatch``) and relations without content (skipped).

    Raises
    ------
    ValueError
        Naming the file and line of a malformed record or a reference to a missing span.
    """
    ann_path, txt_path = Path(ann_path), Path(txt_path)
    text = txt_path.read_text(encoding="utf-8")
    raw = ann_path.read_text(encoding="utf-8")
    did = doc_id if doc_id is not None else txt_path.stem
    spans, events = _parse_brat(raw, str(ann_path))
    mismatched = sorted(
        (k for k, t in spans.items() if _frag_text(text, t.frags) != t.text),
        key=lambda k: int(k[1:]),
    )
    rows: list[dict[str, Any]] = []
    no_content = 0
    for eid, body, line in events:
        roles: dict[str, list[str]] = {}
        for part in body.split():
            if ":" not in part:
                raise ValueError(f"{ann_path}:{line}: relation argument {part!r} lacks ':'")
            role, ref = part.split(":", 1)
            if ref not in spans:
                raise ValueError(f"{ann_path}:{line}: field {role}: unknown span {ref}")
            roles.setdefault(role.rstrip("0123456789"), []).append(ref)
        if "Content" not in roles:
            no_content += 1
            continue
        frags = sorted(f for ref in roles["Content"] for f in spans[ref].frags)
        refs = [r for rs in roles.values() for r in rs]
        src = spans[roles["Source"][0]] if "Source" in roles else None
        cue = spans[roles["Cue"][0]] if "Cue" in roles else None
        rows.append(
            {
                "doc_id": did,
                "attribution_id": eid,
                "kind": "",
                "content_start": frags[0][0],
                "content_end": frags[-1][1],
                "content": " ".join(spans[r].text for r in roles["Content"]),
                "content_spans": _fmt_frags(frags),
                "speaker_mention": src.text if src else "",
                "speaker_start": src.frags[0][0] if src else -1,
                "speaker_end": src.frags[-1][1] if src else -1,
                "speaker": "",
                "speaker_role": "",
                "cue": cue.text if cue else "",
                "cue_start": cue.frags[0][0] if cue else -1,
                "cue_end": cue.frags[-1][1] if cue else -1,
                "text_mismatch": any(r in mismatched for r in refs),
            }
        )
    out = conform(pd.DataFrame(rows), GOLD_SCHEMA) if rows else empty_frame(GOLD_SCHEMA)
    out.attrs["framelens"] = {
        "source": str(ann_path),
        "n_spans": len(spans),
        "n_span_mismatches": len(mismatched),
        "span_mismatches": [f"{did}:{k}" for k in mismatched],
        "n_relations_without_content": no_content,
    }
    return out


@dataclass
class GoldSet:
    """Gold attributions with the texts their offsets index.

    ``gold`` has :data:`GOLD_SCHEMA`; ``texts`` maps ``doc_id`` to text; ``meta`` holds
    per-document metadata (outlet, date, annotator) when the source has it.
    """

    gold: pd.DataFrame
    texts: dict[str, str]
    meta: pd.DataFrame = field(default_factory=pd.DataFrame)

    def documents(self) -> list[Document]:
        """Documents (doc_id, text, outlet) in ``texts`` order, for an extractor."""
        outlets: dict[str, str] = {}
        if len(self.meta) and "outlet" in self.meta.columns:
            outlets = dict(zip(self.meta["doc_id"], self.meta["outlet"], strict=True))
        return [
            Document(doc_id=d, text=t, outlet=outlets.get(d, "")) for d, t in self.texts.items()
        ]


def read_polnear(split_dir: str | Path) -> GoldSet:
    """Read one PolNeAR split (``text/NAME.txt`` + ``attributions/NAME_<annotator>.ann``).

    A few articles were annotated by several annotators; exactly one file per article is
    used: the one whose annotator suffix sorts first (lexicographic order), so every run
    reads the same annotations. Articles without an ``.ann`` file are kept with no gold.

    Returns
    -------
    GoldSet
        ``gold.attrs["framelens"]`` totals spans, mismatching spans (reported, never fatal),
        relations without content, and lists the annotator chosen per article in ``meta``.
    """
    split_dir = Path(split_dir)
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"{split_dir}: expected text/ and attributions/ folders")
    chosen: dict[str, tuple[str, Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem, _, annotator = ann.stem.rpartition("_")
        if stem not in chosen or annotator < chosen[stem][0]:
            chosen[stem] = (annotator, ann)
    frames, texts, meta_rows = [], {}, []
    totals = {"n_spans": 0, "n_span_mismatches": 0, "n_relations_without_content": 0}
    mism: list[str] = []
    for txt in sorted(text_dir.glob("*.txt")):
        did = txt.stem
        texts[did] = txt.read_text(encoding="utf-8")
        outlet = did.split("_", 1)[0]
        annotator = chosen[did][0] if did in chosen else ""
        meta_rows.append({"doc_id": did, "outlet": outlet, "annotator": annotator})
        if did in chosen:
            g = read_brat(chosen[did][1], txt, doc_id=did)
            for k in totals:
                totals[k] += g.attrs["framelens"][k]
            mism += g.attrs["framelens"]["span_mismatches"]
            frames.append(g)
    parts = [f for f in frames if len(f)]
    gold = pd.concat(parts, ignore_index=True) if parts else empty_frame(GOLD_SCHEMA)
    gold.attrs["framelens"] = {
        "source": str(split_dir),
        "annotator_rule": "lexicographically first annotator suffix per article",
        "n_docs": len(texts),
        **totals,
        "span_mismatches": mism,
    }
    return GoldSet(gold=gold, texts=texts, meta=pd.DataFrame(meta_rows))


_JSONL_REQUIRED: dict[str, type] = {
    "doc_id": str,
    "attribution_id": str,
    "content_start": int,
    "content_end": int,
}
_JSONL_OPTIONAL: dict[str, type] = {
    "kind": str,
    "content": str,
    "speaker_mention": str,
    "speaker_start": int,
    "speaker_end": int,
    "speaker": str,
    "speaker_role": str,
    "cue": str,
    "cue_start": int,
    "cue_end": int,
}


def read_gold_jsonl(path: str | Path, *, texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Read demo-style gold attributions, one JSON object per line.

    Fields (ARCHITECTURE.md "Demo gold"): ``doc_id, attribution_id, kind, content_start,
    content_end, content, speaker_mention, speaker_start, speaker_end, speaker,
    speaker_role, cue, cue_start, cue_end``; only the first four are required, absent
    offsets are -1. When ``texts`` is given, offsets are checked against the text and the
    ``content`` must equal the text at its offsets (``text_mismatch`` flags rows that differ).

    Raises
    ------
    ValueError
        Naming file, line and field for invalid JSON, a missing field, a wrong type, an
        offset outside the document, or an unknown ``doc_id``.
    """
    path = Path(path)
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: invalid JSON: {exc.msg}") from None
            if not isinstance(rec, dict):
                raise ValueError(f"{where}: expected a JSON object")
            row: dict[str, Any] = {}
            for name, typ in {**_JSONL_REQUIRED, **_JSONL_OPTIONAL}.items():
                if name not in rec or rec[name] is None:
                    if name in _JSONL_REQUIRED:
                        raise ValueError(f"{where}: field {name!r} is missing")
                    row[name] = -1 if typ is int else ""
                    continue
                val = rec[name]
                if typ is int and (isinstance(val, bool) or not isinstance(val, int)):
                    raise ValueError(f"{where}: field {name!r} must be an integer, got {val!r}")
                if typ is str and not isinstance(val, str):
                    val = str(val)
                row[name] = val
            if row["content_end"] < row["content_start"] or row["content_start"] < 0:
                raise ValueError(f"{where}: field 'content_end' precedes 'content_start'")
            row["content_spans"] = f"{row['content_start']} {row['content_end']}"
            mismatch = False
            if texts is not None:
                if row["doc_id"] not in texts:
                    raise ValueError(f"{where}: field 'doc_id': unknown document {row['doc_id']!r}")
                t = texts[row["doc_id"]]
                for b in ("content_end", "speaker_end", "cue_end"):
                    if row[b] > len(t):
                        raise ValueError(f"{where}: field {b!r} = {row[b]} beyond the text end")
                if row["content"]:
                    mismatch = t[row["content_start"] : row["content_end"]] != row["content"]
            row["text_mismatch"] = mismatch
            rows.append(row)
    out = conform(pd.DataFrame(rows), GOLD_SCHEMA) if rows else empty_frame(GOLD_SCHEMA)
    out.attrs["framelens"] = {
        "source": str(path),
        "n_span_mismatches": int(out["text_mismatch"].sum()) if len(out) else 0,
    }
    return out


# --- scoring --------------------------------------------------------------------------------


class _DocTokens:
    """Word-token offsets and quotation coverage of one document."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in WORD_RE.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.text = text
        self._quoted: set[int] | None = None

    def tokens(self, frags: Iterable[Span]) -> frozenset[int]:
        out: set[int] = set()
        for a, b in frags:
            if b <= a:
                continue
            lo = bisect.bisect_right(self.ends, a)  # first token ending after a
            hi = bisect.bisect_left(self.starts, b)  # tokens starting before b
            out.update(range(lo, hi))
        return frozenset(out)

    def quoted(self) -> set[int]:
        if self._quoted is None:
            q: set[int] = set()
            for s in quote_spans(self.text).spans:
                q |= self.tokens([(s.content_start, s.content_end)])
            self._quoted = q
        return self._quoted


def token_overlap(pred: frozenset[int], gold: frozenset[int]) -> float:
    """``|pred ∩ gold| / max(|pred|, |gold|)``; 0.0 when either set is empty.

    Examples
    --------
    >>> token_overlap(frozenset({1, 2, 3, 4}), frozenset({3, 4, 5}))
    0.5
    """
    if not pred or not gold:
        return 0.0
    return len(pred & gold) / max(len(pred), len(gold))


def _frags_of(row: Mapping[str, Any]) -> list[Span]:
    spans = row.get("content_spans")
    if isinstance(spans, str) and spans.strip():
        out = []
        for part in spans.split(";"):
            a, b = part.split()
            out.append((int(a), int(b)))
        return out
    return [(int(row["content_start"]), int(row["content_end"]))]


def _overlaps(a0: Any, a1: Any, b0: Any, b1: Any) -> bool:
    try:
        a0, a1, b0, b1 = int(a0), int(a1), int(b0), int(b1)
    except (TypeError, ValueError):
        return False
    if min(a0, b0) < 0 or a1 <= a0 or b1 <= b0:
        return False
    return a0 < b1 and b0 < a1


def _str(v: Any) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA else str(v)


def _is_speech(row: Mapping[str, Any], toks: frozenset[int], doc: _DocTokens) -> bool:
    if _str(row.get("kind")) == "according_to" or is_speech_cue(_str(row.get("cue"))):
        return True
    return bool(toks) and len(toks & doc.quoted()) * 2 >= len(toks)


def match_attributions(
    pred: pd.DataFrame, gold: pd.DataFrame, texts: Mapping[str, str], *, overlap: float = 0.3
) -> pd.DataFrame:
    """One-to-one greedy matching of predicted to gold attributions by content token overlap.

    Returns
    -------
    DataFrame
        One row per gold attribution and per unmatched prediction: ``doc_id, gold_index,
        pred_index`` (-1 when unmatched on that side), ``overlap``, ``gold_speech``,
        ``pred_speech``, ``speaker_ok``, ``speaker_name_ok`` and ``cue_ok`` (NA when not
        applicable), with the
        gold and predicted content, speaker mention and cue for error analysis. Indices are
        positions in ``gold`` and ``pred``.
    """
    if not 0 < overlap <= 1:
        raise ValueError(f"overlap must be in (0, 1], got {overlap}")
    docs: dict[str, _DocTokens] = {}

    def doc_of(did: str) -> _DocTokens:
        if did not in docs:
            if did not in texts:
                raise ValueError(f"no text for doc_id {did!r}")
            docs[did] = _DocTokens(texts[did])
        return docs[did]

    g_recs = gold.reset_index(drop=True).to_dict("records")
    p_recs = pred.reset_index(drop=True).to_dict("records")
    g_tok = [doc_of(str(r["doc_id"])).tokens(_frags_of(r)) for r in g_recs]
    p_tok = [doc_of(str(r["doc_id"])).tokens(_frags_of(r)) for r in p_recs]
    by_doc: dict[str, list[int]] = {}
    for j, r in enumerate(p_recs):
        by_doc.setdefault(str(r["doc_id"]), []).append(j)
    cands = []
    for i, r in enumerate(g_recs):
        for j in by_doc.get(str(r["doc_id"]), []):
            ov = token_overlap(p_tok[j], g_tok[i])
            if ov >= overlap:
                cands.append((-ov, i, j))
    cands.sort()
    g_match: dict[int, tuple[int, float]] = {}
    p_used: set[int] = set()
    for neg, i, j in cands:
        if i in g_match or j in p_used:
            continue
        g_match[i] = (j, -neg)
        p_used.add(j)

    rows = []
    for i, g in enumerate(g_recs):
        did = str(g["doc_id"])
        j, ov = g_match.get(i, (-1, 0.0))
        p = p_recs[j] if j >= 0 else {}
        speaker_ok: bool | None = None
        name_ok: bool | None = None
        cue_ok: bool | None = None
        if j >= 0:
            if _str(g.get("speaker")):
                name_ok = _str(g.get("speaker")).casefold() == _str(p.get("speaker")).casefold()
            has_src = int(g["speaker_start"]) >= 0 or _str(g.get("speaker"))
            if has_src:
                gs, ps = _str(g.get("speaker")).casefold(), _str(p.get("speaker")).casefold()
                speaker_ok = _overlaps(
                    p.get("speaker_start"),
                    p.get("speaker_end"),
                    g["speaker_start"],
                    g["speaker_end"],
                ) or bool(gs and gs == ps)
            if _str(g.get("cue")) or int(g["cue_start"]) >= 0:
                if int(g["cue_start"]) >= 0 and int(_num(p.get("cue_start"))) >= 0:
                    cue_ok = _overlaps(p["cue_start"], p["cue_end"], g["cue_start"], g["cue_end"])
                else:
                    plem = _str(p.get("cue_lemma")) or cue_lemma(_str(p.get("cue")))
                    cue_ok = bool(plem) and cue_lemma(_str(g.get("cue"))) == cue_lemma(plem)
        rows.append(
            {
                "doc_id": did,
                "gold_index": i,
                "pred_index": j,
                "overlap": ov,
                "gold_speech": _is_speech(g, g_tok[i], doc_of(did)),
                "pred_speech": _is_speech(p, p_tok[j], doc_of(did)) if j >= 0 else pd.NA,
                "speaker_ok": pd.NA if speaker_ok is None else speaker_ok,
                "speaker_name_ok": pd.NA if name_ok is None else name_ok,
                "cue_ok": pd.NA if cue_ok is None else cue_ok,
                "gold_content": _str(g.get("content")),
                "pred_content": _str(p.get("content")),
                "gold_speaker": _str(g.get("speaker_mention")) or _str(g.get("speaker")),
                "gold_speaker_name": _str(g.get("speaker")),
                "pred_speaker": _str(p.get("speaker_mention")),
                "pred_speaker_name": _str(p.get("speaker")),
                "gold_cue": _str(g.get("cue")),
                "pred_cue": _str(p.get("cue")),
            }
        )
    for j, p in enumerate(p_recs):
        if j in p_used:
            continue
        did = str(p["doc_id"])
        rows.append(
            {
                "doc_id": did,
                "gold_index": -1,
                "pred_index": j,
                "overlap": 0.0,
                "gold_speech": pd.NA,
                "pred_speech": _is_speech(p, p_tok[j], doc_of(did)),
                "speaker_ok": pd.NA,
                "speaker_name_ok": pd.NA,
                "cue_ok": pd.NA,
                "gold_content": "",
                "pred_content": _str(p.get("content")),
                "gold_speaker": "",
                "gold_speaker_name": "",
                "pred_speaker": _str(p.get("speaker_mention")),
                "pred_speaker_name": _str(p.get("speaker")),
                "gold_cue": "",
                "pred_cue": _str(p.get("cue")),
            }
        )
    cols = [
        "doc_id",
        "gold_index",
        "pred_index",
        "overlap",
        "gold_speech",
        "pred_speech",
        "speaker_ok",
        "speaker_name_ok",
        "cue_ok",
        "gold_content",
        "pred_content",
        "gold_speaker",
        "gold_speaker_name",
        "pred_speaker",
        "pred_speaker_name",
        "gold_cue",
        "pred_cue",
    ]
    out = pd.DataFrame(rows, columns=cols)
    for c in ("gold_speech", "pred_speech", "speaker_ok", "speaker_name_ok", "cue_ok"):
        out[c] = out[c].astype("boolean")
    out.attrs["framelens"] = {
        "overlap": overlap,
        "overlap_measure": "|P∩G|/max(|P|,|G|)",
        "speech_lexicon": _lexicon_id(),
    }
    return out


def _lexicon_id() -> str:
    """Version and file of the cue lexicon that defines speech attributions."""
    lex = load_cues()
    return f"{Path(lex.source).name} v{lex.version}"


def _num(v: Any) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return -1


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def scores_from_matches(matches: pd.DataFrame, *, speech_only: bool = False) -> dict[str, Any]:
    """Precision, recall, F1, speaker and cue accuracy from :func:`match_attributions`."""
    m = matches
    gold = m[m["gold_index"] >= 0]
    pred = m[m["pred_index"] >= 0]
    if speech_only:
        gold = gold[gold["gold_speech"].fillna(False).astype(bool)]
        pred = pred[pred["pred_speech"].fillna(False).astype(bool)]
    n_gold, n_pred = len(gold), len(pred)
    tp_gold = int((gold["pred_index"] >= 0).sum())
    tp_pred = int((pred["gold_index"] >= 0).sum())
    p, r = _ratio(tp_pred, n_pred), _ratio(tp_gold, n_gold)
    f1 = 2 * p * r / (p + r) if n_pred and n_gold and (p + r) > 0 else 0.0
    if not n_pred or not n_gold:
        f1 = float("nan") if not n_gold and not n_pred else 0.0
    matched = gold[gold["pred_index"] >= 0]
    spk = matched["speaker_ok"].dropna()
    name = matched["speaker_name_ok"].dropna()
    cue = matched["cue_ok"].dropna()
    return {
        "subset": "speech" if speech_only else "all",
        "overlap": float(m.attrs.get("framelens", {}).get("overlap", float("nan"))),
        "n_gold": n_gold,
        "n_pred": n_pred,
        "tp_gold": tp_gold,
        "tp_pred": tp_pred,
        "precision": p,
        "recall": r,
        "f1": f1,
        "speaker_n": len(spk),
        "speaker_accuracy": _ratio(int(spk.sum()), len(spk)),
        "speaker_name_n": len(name),
        "speaker_name_accuracy": _ratio(int(name.sum()), len(name)),
        "cue_n": len(cue),
        "cue_accuracy": _ratio(int(cue.sum()), len(cue)),
    }


def score_attributions(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    texts: Mapping[str, str],
    *,
    overlap: float = 0.3,
    speech_only: bool = False,
) -> dict[str, Any]:
    """Score predicted attributions against gold (definitions in the module docstring).

    Parameters
    ----------
    pred : DataFrame
        Rows with at least ``doc_id, content_start, content_end``; ``speaker_start,
        speaker_end, speaker, cue, cue_start, cue_end, cue_lemma, kind`` are used when present.
    gold : DataFrame
        A gold table (:data:`GOLD_SCHEMA`), e.g. from :func:`read_polnear`.
    texts : mapping of str to str
        ``doc_id`` -> the text the offsets index.
    overlap : float, default 0.3
        Minimum token overlap ``|P∩G|/max(|P|,|G|)`` for a match.
    speech_only : bool, default False
        Score speech attributions only.

    Returns
    -------
    dict
        ``subset, overlap, n_gold, n_pred, tp_gold, tp_pred, precision, recall, f1,
        speaker_n, speaker_accuracy, speaker_name_n, speaker_name_accuracy, cue_n,
        cue_accuracy``.
    """
    return scores_from_matches(
        match_attributions(pred, gold, texts, overlap=overlap), speech_only=speech_only
    )


def score_table(
    pred: pd.DataFrame,
    gold: pd.DataFrame,
    texts: Mapping[str, str],
    *,
    overlaps: Sequence[float] = (0.3, 0.8),
) -> pd.DataFrame:
    """Tidy table of :func:`score_attributions` for every overlap and both subsets."""
    rows = []
    for ov in overlaps:
        m = match_attributions(pred, gold, texts, overlap=ov)
        for speech in (False, True):
            rows.append(scores_from_matches(m, speech_only=speech))
    out = pd.DataFrame(rows)
    out.attrs["framelens"] = {
        "overlaps": list(overlaps),
        "overlap_measure": "|P∩G|/max(|P|,|G|)",
        "speech_lexicon": _lexicon_id(),
    }
    return out


def format_scores(table: pd.DataFrame) -> str:
    """Plain-text rendering of a :func:`score_table` (percentages, one row per line)."""
    lines = [
        f"{'subset':<7} {'overlap':>7} {'n_gold':>6} {'n_pred':>6} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'speaker':>7} {'name':>6} {'cue':>6}"
    ]
    for r in table.to_dict("records"):
        lines.append(
            f"{r['subset']:<7} {r['overlap']:>7.1f} {r['n_gold']:>6} {r['n_pred']:>6} "
            f"{100 * r['precision']:>6.1f} {100 * r['recall']:>6.1f} {100 * r['f1']:>6.1f} "
            f"{100 * r['speaker_accuracy']:>7.1f} {100 * r['speaker_name_accuracy']:>6.1f} "
            f"{100 * r['cue_accuracy']:>6.1f}"
        )
    return "\n".join(lines)


def _default_extractor() -> Callable[[Document], pd.DataFrame]:
    from framelens.attribution.extract import extract_attributions

    return extract_attributions


def evaluate_polnear(
    split_dir: str | Path,
    extractor: Callable[[Document], pd.DataFrame] | None = None,
    *,
    overlaps: Sequence[float] = (0.3, 0.8),
    verbose: bool = True,
) -> pd.DataFrame:
    """Run ``extractor`` over a PolNeAR split and score it (all and speech-only).

    Parameters
    ----------
    split_dir : str or Path
        E.g. ``../shared/eval/polnear/dev``.
    extractor : callable, optional
        ``Document -> DataFrame`` of attribution rows; defaults to
        ``framelens.attribution.extract.extract_attributions``.
    overlaps : sequence of float, default (0.3, 0.8)
    verbose : bool, default True
        Print the table and the count of gold spans whose text mismatches the file.

    Returns
    -------
    DataFrame
        :func:`score_table` with ``attrs["framelens"]`` recording the split and gold counts.
    """
    from framelens.pipeline import map_documents

    gs = read_polnear(split_dir)
    fn = extractor if extractor is not None else _default_extractor()
    pred = map_documents(fn, gs.documents(), desc="polnear")
    if not len(pred):
        pred = pd.DataFrame(columns=["doc_id", "content_start", "content_end"])
    table = score_table(pred, gs.gold, gs.texts, overlaps=overlaps)
    ga = gs.gold.attrs["framelens"]
    table.attrs["framelens"] = {
        **table.attrs["framelens"],
        "split": str(split_dir),
        "n_docs": ga["n_docs"],
        "n_spans": ga["n_spans"],
        "n_span_mismatches": ga["n_span_mismatches"],
        "annotator_rule": ga["annotator_rule"],
    }
    if verbose:
        print(
            f"{split_dir}: {ga['n_docs']} articles, {len(gs.gold)} gold attributions, "
            f"{ga['n_span_mismatches']}/{ga['n_spans']} gold spans mismatch the text"
        )
        print(format_scores(table))
    return table
