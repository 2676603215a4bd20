"""Attribution cues: the verbs and phrases that introduce reported speech, with their classes.

The cue lexicon is data, not code: ``data/cue_verbs.yaml`` lists lemmas with their inflected
forms and a class (``neutral``, ``endorsing``, ``distancing``, ``emotive``, ``cognition``).
Users edit a copy and pass it to :func:`load_cues`. The class says how the outlet frames
the speaker: "said" reports, "noted" endorses, "claimed" distances, "denounced" colours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from framelens.corpus.units import blank_non_word
from framelens.datafiles import read_yaml

CueClass = Literal["neutral", "endorsing", "distancing", "emotive", "cognition"]
CueType = Literal["speech", "cognition"]

#: The cue classes, in report order.
CUE_CLASSES: tuple[str, ...] = ("neutral", "endorsing", "distancing", "emotive", "cognition")

#: The lexicon shipped with framelens.
DEFAULT_CUES_PATH = Path(__file__).parent / "data" / "cue_verbs.yaml"


@dataclass(frozen=True)
class Cue:
    """One lemma of the lexicon: its forms, class and type."""

    lemma: str
    cue_class: str
    cue_type: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class CueLexicon:
    """A validated cue lexicon.

    Attributes
    ----------
    version : str
        The lexicon's ``version`` field.
    source : str
        File the lexicon was read from (``"<mapping>"`` when built from a dict).
    cues : dict of str to Cue
        Entries by lemma.
    """

    version: str
    source: str
    cues: Mapping[str, Cue]
    _by_form: dict[str, Cue] = field(default_factory=dict, repr=False, compare=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _aho: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_form: dict[str, Cue] = {}
        for cue in self.cues.values():
            for form in cue.forms:
                by_form[form] = cue
        object.__setattr__(self, "_by_form", by_form)
        # Longest forms first so "pointed out" wins over a shorter form at the same place.
        forms = sorted(by_form, key=lambda f: (-len(f), f))
        alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
        pattern = re.compile(rf"(?<![\w\-’'])(?:{alternation})(?![\w\-])", re.IGNORECASE)
        object.__setattr__(self, "_pattern", pattern)

    @property
    def pattern(self) -> re.Pattern[str]:
        """Compiled regex matching every form as a whole word (case-insensitive)."""
        assert self._pattern is not None
        return self._pattern

    def lookup(self, form: str) -> Cue | None:
        """Return the entry whose forms include ``form`` (case- and space-insensitive)."""
        return self._by_form.get(" ".join(form.lower().split()))

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Yield regex matches of any cue form in ``text[start:end]``."""
        return self.pattern.finditer(text, start, len(text) if end is None else end)

    def find_all(self, text: str) -> list[tuple[int, int, Cue]]:
        """All cue occurrences in ``text`` as ``(start, end, cue)``, sorted, non-overlapping.

        Same matches as :meth:`finditer` (whole words, not after a hyphen or apostrophe,
        longest form first), found with an Aho-Corasick automaton over the lower-cased text
        (linear time); multi-word forms match with single spaces only. Falls back to the
        regex when lower-casing changes the text's length.

        Examples
        --------
        >>> [(s, e, c.lemma) for s, e, c in load_cues().find_all("He pointed out it. So-called.")]
        [(3, 14, 'point out')]
        """
        low = text.lower()
        if len(low) != len(text):
            out = []
            for m in self.finditer(text):
                cue = self.lookup(m.group(0))
                if cue is not None:
                    out.append((m.start(), m.end(), cue))
            return out
        # Occurrences of a form in ``low`` after a character that is not alphanumeric, "_" or
        # "-" (or at the start) are those the automaton finds after a space in the blanked
        # copy (see blank_non_word); the checks below are the plain ones.
        # The automaton gives the offset of a key's last character in the space-prefixed
        # copy: one more than its offset in ``low``, the end of the form (``size`` long).
        hits: list[tuple[int, int, Cue]] = []  # (start, -end, cue): longest first when sorted
        n = len(low)
        for e, (size, forms) in self._automaton().iter(" " + blank_non_word(low)):
            s = e - size
            if s > 0 and (low[s - 1].isalnum() or low[s - 1] in "_-'’"):
                continue
            if e < n and (low[e].isalnum() or low[e] in "_-"):
                continue
            for form, cue in forms:
                if low.startswith(form, s):
                    hits.append((s, -e, cue))
        # No two hits share a span (one form per text), so the sort never compares cues.
        hits.sort()
        res: list[tuple[int, int, Cue]] = []
        prev_end = -1
        for s, neg_e, cue in hits:
            if s >= prev_end:
                prev_end = -neg_e
                res.append((s, prev_end, cue))
        return res

    def _automaton(self) -> Any:
        """Aho-Corasick automaton of ``" " + blank_non_word(form)`` keys (built on first use),
        each mapping to the forms' length and the ``(form, cue)`` pairs it stands for (forms
        differing only in blanked characters share a key)."""
        auto = self._aho.get("a")
        if auto is None:
            import ahocorasick

            keys: dict[str, list[tuple[str, Cue]]] = {}
            for form, cue in self._by_form.items():
                keys.setdefault(" " + blank_non_word(form), []).append((form, cue))
            auto = ahocorasick.Automaton()
            for key, forms in keys.items():
                auto.add_word(key, (len(key) - 1, tuple(forms)))
            auto.make_automaton()
            self._aho["a"] = auto
        return auto

    def is_speech(self, cue_text: str) -> bool:
        """True when ``cue_text`` contains a speech cue form ("has said", "according to").

        Useful to select speech attributions from gold data whose cue spans include
        auxiliaries or adverbs (``"also said"``, ``"said in a statement"``).

        Examples
        --------
        >>> lex = load_cues()
        >>> lex.is_speech("also said"), lex.is_speech("believes"), lex.is_speech("reserved")
        (True, False, False)
        """
        for m in self.pattern.finditer(cue_text):
            cue = self.lookup(m.group(0))
            if cue is not None and cue.cue_type == "speech":
                return True
        return False


def _fail(source: str, where: str, msg: str) -> ValueError:
    return ValueError(f"{source}: {where}: {msg}")


def cue_lexicon_from_mapping(data: Mapping[str, Any], *, source: str = "<mapping>") -> CueLexicon:
    """Validate a parsed lexicon mapping and build a :class:`CueLexicon`.

    Raises ``ValueError`` naming the source, the entry and the field at fault.
    """
    if not isinstance(data, Mapping):
        raise _fail(source, "top level", "expected a mapping with 'version' and 'cues'")
    version = data.get("version")
    if version is None or not str(version).strip():
        raise _fail(source, "field 'version'", "missing or empty")
    raw = data.get("cues")
    if not isinstance(raw, Mapping) or not raw:
        raise _fail(source, "field 'cues'", "expected a non-empty mapping of lemma -> entry")
    cues: dict[str, Cue] = {}
    seen: dict[str, str] = {}
    for lemma, entry in raw.items():
        where = f"cue {lemma!r}"
        if not isinstance(entry, Mapping):
            raise _fail(source, where, "expected a mapping with 'class' and 'forms'")
        cls = entry.get("class")
        if cls not in CUE_CLASSES:
            raise _fail(source, f"{where} field 'class'", f"{cls!r} is not one of {CUE_CLASSES}")
        ctype = entry.get("type", "cognition" if cls == "cognition" else "speech")
        if ctype not in ("speech", "cognition"):
            raise _fail(source, f"{where} field 'type'", f"{ctype!r} is not speech|cognition")
        forms = entry.get("forms", [lemma])
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) for f in forms):
            raise _fail(source, f"{where} field 'forms'", "expected a non-empty list of strings")
        norm = tuple(" ".join(f.lower().split()) for f in forms)
        for f in norm:
            if not f:
                raise _fail(source, f"{where} field 'forms'", "empty form")
            if f in seen and seen[f] != str(lemma):
                raise _fail(source, f"{where} field 'forms'", f"{f!r} already under {seen[f]!r}")
            seen[f] = str(lemma)
        cues[str(lemma)] = Cue(str(lemma), str(cls), str(ctype), norm)
    return CueLexicon(version=str(version), source=source, cues=cues)


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """Read and validate a cue lexicon (YAML); the shipped one when ``path`` is None.

    Parameters
    ----------
    path : str or Path or None, default None
        A YAML file in the format of ``framelens/attribution/data/cue_verbs.yaml``.

    Examples
    --------
    >>> lex = load_cues()
    >>> lex.lookup("Pointed  out").cue_class, lex.lookup("alleged").cue_class
    ('endorsing', 'distancing')
    """
    if path is None:
        return _default_cues()
    return _read(Path(path))


def _read(p: Path) -> CueLexicon:
    return cue_lexicon_from_mapping(read_yaml(p), source=str(p))


@lru_cache(maxsize=1)
def _default_cues() -> CueLexicon:
    return _read(DEFAULT_CUES_PATH)
