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
from itertools import islice
from operator import itemgetter, le
from pathlib import Path
from typing import Any, Literal

from framelens.corpus.units import LOWERS_INTO_LATIN1, blank_non_word, lower_same_length
from framelens.datafiles import NO_LINES, YamlLines, field_message, read_yaml_lines

CueClass = Literal["neutral", "endorsing", "distancing", "emotive", "cognition"]
CueType = Literal["speech", "cognition"]

#: The cue classes, in report order.
CUE_CLASSES: tuple[str, ...] = ("neutral", "endorsing", "distancing", "emotive", "cognition")

# The characters beyond Latin-1 whose lower case is in Latin-1 (units.LOWERS_INTO_LATIN1) or
# longer (İ), and the one lower-cased by its context (Σ). See CueLexicon.find_all.
_CASE_SPECIAL = "\u0130\u03a3" + LOWERS_INTO_LATIN1

# What the copy of a text that cue forms are looked up in keeps, lower-cased, besides Latin-1
# alphanumerics (units.blank_non_word): "_", "-" (which a form may not follow or precede) and
# "'" (which it may not follow). See CueLexicon.find_all.
_CUE_KEEP = "_-'"


def _start_longest(hit: tuple[int, int, Cue]) -> tuple[int, int]:
    return hit[0], -hit[1]


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
        (linear time); multi-word forms match with single spaces only. A character whose
        lower case is longer ("İ") is read as it is (see ``units.lower_same_length``): like
        any letter, it may not stand right before or after a form.

        Examples
        --------
        >>> [(s, e, c.lemma) for s, e, c in load_cues().find_all("He pointed out it. So-called.")]
        [(3, 14, 'point out')]
        """
        # Forms of the lower-cased text not after an alphanumeric character, "_", "-", "'" or
        # "’" and not before an alphanumeric character, "_" or "-" are, in one C pass, the
        # automaton's keys (see _automaton) found in a lower-cased and blanked copy (see
        # _CUE_KEEP, "’" read as "'"): the plain rules, except that characters beyond
        # Latin-1 are all blanked, so their neighbours are checked below when there are any.
        # Lower-casing the text maps each character to one character, and the same one wherever
        # it stands, and those beyond Latin-1 to characters beyond it, except for the few of
        # _CASE_SPECIAL: without them, the text's characters are read instead of the
        # lower-cased text's.
        low = ""
        quoted = text.replace("’", "'") if "’" in text else text
        try:
            quoted.encode("latin-1")
            wide = False
        except UnicodeEncodeError:
            wide = True
            if any(map(text.__contains__, _CASE_SPECIAL)):
                # (a character whose lower case is longer, "İ", stays as it is: offsets hold)
                low = lower_same_length(text)
                quoted = low.replace("’", "'") if "’" in low else low
        hay = f" {blank_non_word(quoted, _CUE_KEEP, lower=True)} "
        # A key ends one past its form's end in the text, ``size`` after the form's start; a
        # key that does not imply its form carries the form to check (see _automaton).
        auto, shared = self._automaton()
        hits = [
            (e - size, e - 1, cue)
            for e, (size, cue, form) in auto.iter(hay)
            if form is None
            or (low.startswith(form, e - size) if low else text[e - size : e - 1].lower() == form)
        ]
        if shared:  # keys of several forms (cue None): the form is the text's, if any
            by_form = self._by_form
            hits = [
                hit
                if hit[2] is not None
                else (hit[0], hit[1], by_form.get((low or text)[hit[0] : hit[1]].lower()))
                for hit in hits
            ]
            hits = [hit for hit in hits if hit[2] is not None]
        if wide:  # characters beyond Latin-1 (blanked) must not continue the form's word
            chars, n = low or text, len(text)
            hits = [
                hit
                for hit in hits
                if not (hit[0] and chars[hit[0] - 1] > "\xff" and chars[hit[0] - 1].isalnum())
                and not (hit[1] < n and chars[hit[1]] > "\xff" and chars[hit[1]].isalnum())
            ]
        # The hits come in order of their ends. When none overlaps the next (whole words
        # seldom overlap), that is also the order of their starts and they are the answer;
        # else the longest at each start wins and those overlapping it are dropped.
        if all(map(le, map(itemgetter(1), hits), map(itemgetter(0), islice(hits, 1, None)))):
            return hits
        hits.sort(key=_start_longest)
        res: list[tuple[int, int, Cue]] = []
        prev_end = -1
        for hit in hits:
            if hit[0] >= prev_end:
                prev_end = hit[1]
                res.append(hit)
        return res

    def _automaton(self) -> tuple[Any, bool]:
        """Aho-Corasick automaton of the keys ``" " + form + " "`` and ``" " + form + "'"``,
        form blanked by ``blank_non_word(form, _CUE_KEEP, lower=True)`` ("’" read as "'"),
        for the haystack ``" " + blanked text + " "`` (built on first use), and whether some
        key stands for several forms.

        A key maps to ``(size, cue, form)``: size is the form's length + 1; form is None when
        the key implies it (the form has only Latin-1 alphanumerics, "_" and "-", kept as they
        are), else the form to check in the text (a space in the key may be any blanked
        character); for a key of several forms, both are None (the text says which).
        """
        built = self._aho.get("a")
        if built is None:
            import ahocorasick

            keys: dict[str, list[tuple[str, Cue]]] = {}
            for form, cue in self._by_form.items():
                blanked = blank_non_word(form.replace("’", "'"), _CUE_KEEP, lower=True)
                keys.setdefault(blanked, []).append((form, cue))
            auto = ahocorasick.Automaton()
            for key, forms in keys.items():
                form, cue = forms[0]
                plain = key == form and " " not in key and "'" not in key
                value = (
                    (len(key) + 1, None, None)
                    if len(forms) > 1
                    else (len(key) + 1, cue, None if plain else form)
                )
                auto.add_word(f" {key} ", value)
                auto.add_word(f" {key}'", value)
            auto.make_automaton()
            built = self._aho["a"] = (auto, any(len(forms) > 1 for forms in keys.values()))
        return built

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


def cue_lexicon_from_mapping(
    data: Mapping[str, Any], *, source: str = "<mapping>", lines: YamlLines = NO_LINES
) -> CueLexicon:
    """Validate a parsed lexicon mapping and build a :class:`CueLexicon`.

    Raises ``ValueError`` naming the source, the line (from ``lines``, the file's
    :class:`~framelens.datafiles.YamlLines`; none for a mapping built in Python), the entry
    and the field at fault: ``"<source>: line <n>: cue 'say' field 'class': ..."``.
    """

    def fail(keys: tuple[Any, ...], what: str, msg: str) -> ValueError:
        return ValueError(field_message(source, lines.line(*keys), what, msg))

    if not isinstance(data, Mapping):
        raise fail((), "top level", "expected a mapping with 'version' and 'cues'")
    version = data.get("version")
    if version is None or not str(version).strip():
        raise fail(("version",), "field 'version'", "missing or empty")
    raw = data.get("cues")
    if not isinstance(raw, Mapping) or not raw:
        raise fail(("cues",), "field 'cues'", "expected a non-empty mapping of lemma -> entry")
    cues: dict[str, Cue] = {}
    seen: dict[str, str] = {}
    for lemma, entry in raw.items():
        where = f"cue {lemma!r}"
        at = ("cues", lemma)
        if not isinstance(entry, Mapping):
            raise fail(at, where, "expected a mapping with 'class' and 'forms'")
        cls = entry.get("class")
        if cls not in CUE_CLASSES:
            raise fail(
                (*at, "class"), f"{where} field 'class'", f"{cls!r} is not one of {CUE_CLASSES}"
            )
        ctype = entry.get("type", "cognition" if cls == "cognition" else "speech")
        if ctype not in ("speech", "cognition"):
            raise fail((*at, "type"), f"{where} field 'type'", f"{ctype!r} is not speech|cognition")
        forms = entry.get("forms", [lemma])
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) for f in forms):
            raise fail(
                (*at, "forms"), f"{where} field 'forms'", "expected a non-empty list of strings"
            )
        norm = tuple(" ".join(f.lower().split()) for f in forms)
        for i, f in enumerate(norm):
            if not f:
                raise fail((*at, "forms", i), f"{where} field 'forms'", "empty form")
            if f in seen and seen[f] != str(lemma):
                raise fail(
                    (*at, "forms", i), f"{where} field 'forms'", f"{f!r} already under {seen[f]!r}"
                )
            seen[f] = str(lemma)
        cues[str(lemma)] = Cue(str(lemma), str(cls), str(ctype), norm)
    return CueLexicon(version=str(version), source=source, cues=cues)


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """Read and validate a cue lexicon (YAML); the shipped one when ``path`` is None.

    Parameters
    ----------
    path : str or Path or None, default None
        A YAML file in the format of ``framelens/attribution/data/cue_verbs.yaml``.

    Raises
    ------
    ValueError
        Naming the file, the line and the entry and field at fault (see
        :func:`cue_lexicon_from_mapping`); a YAML syntax error as
        :func:`framelens.datafiles.yaml_syntax_message` words it.

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
    data, lines = read_yaml_lines(p)
    return cue_lexicon_from_mapping(data, source=str(p), lines=lines)


@lru_cache(maxsize=1)
def _default_cues() -> CueLexicon:
    return _read(DEFAULT_CUES_PATH)
