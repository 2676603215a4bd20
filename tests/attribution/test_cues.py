"""The cue lexicon: classes from the issue, multi-word cues, validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from framelens.attribution.cues import CUE_CLASSES, cue_lexicon_from_mapping, load_cues


@pytest.mark.parametrize(
    ("form", "lemma", "cue_class"),
    [
        ("said", "say", "neutral"),
        ("told", "tell", "neutral"),
        ("stated", "state", "neutral"),
        ("affirmed", "affirm", "endorsing"),
        ("declared", "declare", "endorsing"),
        ("clarified", "clarify", "endorsing"),
        ("stressed", "stress", "endorsing"),
        ("noted", "note", "endorsing"),
        ("confirmed", "confirm", "endorsing"),
        ("Pointed  Out", "point out", "endorsing"),
        ("claimed", "claim", "distancing"),
        ("alleged", "allege", "distancing"),
        ("insisted", "insist", "distancing"),
        ("denounced", "denounce", "emotive"),
        ("condemned", "condemn", "emotive"),
        ("slammed", "slam", "emotive"),
        ("admitted", "admit", "emotive"),
        ("according to", "according to", "neutral"),
        ("believes", "believe", "cognition"),
    ],
)
def test_shipped_classes(form: str, lemma: str, cue_class: str) -> None:
    cue = load_cues().lookup(form)
    assert cue is not None
    assert (cue.lemma, cue.cue_class) == (lemma, cue_class)


def test_unknown_form_and_types() -> None:
    lex = load_cues()
    assert lex.lookup("walked") is None
    assert lex.lookup("hopes").cue_type == "cognition"  # type: ignore[union-attr]
    assert lex.lookup("said").cue_type == "speech"  # type: ignore[union-attr]
    assert all(c.cue_class in CUE_CLASSES for c in lex.cues.values())


@pytest.mark.parametrize(
    ("cue_text", "speech"),
    [
        ("also said", True),
        ("said in a statement", True),
        ("According to", True),
        ("pointed out", True),
        ("believes", False),
        ("so-called", False),
        ("reserved his passion for", False),
    ],
)
def test_is_speech(cue_text: str, speech: bool) -> None:
    assert load_cues().is_speech(cue_text) is speech


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("He said it and she pointed  out more.", ["said", "pointed  out"]),
        ("the so-called council", []),
        ("the un-said thing, 'said' once", []),
        ("He SAID no.", ["SAID"]),
    ],
)
def test_pattern_matches_whole_words(text: str, found: list[str]) -> None:
    assert [m.group(0) for m in load_cues().finditer(text)] == found


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("cues: {say: {class: neutral}}\n", "line 1: field 'version': missing"),
        ('version: "1"\n', "line 1: field 'cues': expected"),
        (
            'version: "1"\ncues: {say: {class: polite}}\n',
            "line 2: cue 'say' field 'class': 'polite'",
        ),
        (
            'version: "1"\ncues:\n  say:\n    class: neutral\n    type: spoken\n',
            "line 5: cue 'say' field 'type': 'spoken' is not",
        ),
        (
            'version: "1"\ncues: {say: {class: neutral, forms: []}}\n',
            "line 2: cue 'say' field 'forms': expected a non-empty list",
        ),
        (
            'version: "1"\ncues:\n  say: {class: neutral, forms: [said]}\n'
            "  tell:\n    class: neutral\n    forms:\n      - told\n      - said\n",
            "line 8: cue 'tell' field 'forms': 'said' already under 'say'",
        ),
        ('version: "1"\ncues: [\n', "line 3: invalid YAML: expected the node content"),
    ],
)
def test_validation_names_file_line_and_field(tmp_path: Path, yaml_text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_cues(path)
    assert str(err.value).startswith(f"{path}: {message}")


def test_mapping_errors_name_no_line() -> None:
    with pytest.raises(ValueError, match=r"^<mapping>: cue 'say' field 'class': 'polite'"):
        cue_lexicon_from_mapping({"version": "1", "cues": {"say": {"class": "polite"}}})


def test_shipped_lexicon_has_version_and_provenance() -> None:
    import yaml

    from framelens.attribution.cues import DEFAULT_CUES_PATH

    data = yaml.safe_load(DEFAULT_CUES_PATH.read_text(encoding="utf-8"))
    assert data["version"] and "provenance" in data
    assert load_cues().version == str(data["version"])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("He said.", [(3, 7, "say")]),
        ("\u212asaid it", []),  # the Kelvin sign lower-cases to "k": "ksaid" is one word
        ("日said it", []),  # an ideograph is a word character beyond Latin-1
        ("said日 it", []),
        ("— said it", [(2, 6, "say")]),  # a dash beyond Latin-1 is not
        ("Σ said it", [(2, 6, "say")]),
        ("café said it", [(5, 9, "say")]),
        ("caféSaid it", []),
        ("She said’s", [(4, 8, "say")]),  # an apostrophe may follow a form ...
        ("it’said", []),  # ... but not precede it
        ("She pointed out it", [(4, 15, "point out")]),
        ("She pointed  out it", []),  # (a multi-word form needs one space)
        ("İ pointed out it", [(2, 13, "point out")]),  # "İ" lower-cases longer: kept as it is
        ("İ pointed  out it", []),  # (the same rules as without it)
        ("İsaid it", []),
    ],
)
def test_find_all_word_boundaries_beyond_ascii(
    text: str, found: list[tuple[int, int, str]]
) -> None:
    assert [(s, e, c.lemma) for s, e, c in load_cues().find_all(text)] == found


def test_case_special_lists_every_irregular_lower_case() -> None:
    """find_all reads a text's own characters beyond Latin-1 in place of their lower case,
    except for those whose lower case is not one character beyond Latin-1 (and final sigma):
    the list must hold exactly those of this Python's Unicode tables."""
    from framelens.attribution.cues import _CASE_SPECIAL

    irregular = {
        c for c in map(chr, range(256, 0x110000)) if len(c.lower()) != 1 or c.lower() <= "\xff"
    }
    assert set(_CASE_SPECIAL) == irregular | {"Σ"}
