"""Gold readers and the attribution scorer, on hand-written fixtures with hand-computed scores."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from framelens.attribution.cues import load_cues
from framelens.evaluate import (
    SPEECH_VERBS,
    cue_lemma,
    is_speech_cue,
    match_attributions,
    read_brat,
    read_gold_jsonl,
    read_polnear,
    score_attributions,
    score_table,
    token_overlap,
)

# --- BRAT -----------------------------------------------------------------------------------

BRAT_TEXT = "Alpha said that\nbeta gamma delta.\nVoters hope so, Omega wrote.\n"
BRAT_ANN = (
    "T1\tSource 0 5\tAlpha\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 32\tthat\nbeta gamma delta\n"  # span text runs over a newline
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 34 40;46 48\tVoters so\n"  # discontinuous span
    "T6\tCue 41 45\thope\n"
    "T7\tAttribution-no-source 41 45\thope\n"
    "E2\tAttribution-no-source:T7 Cue:T6 Content:T5\n"
    "T8\tSource 50 55\tOMEGA\n"  # text differs from the file at its offsets
    "T9\tCue 56 61\twrote\n"
    "T10\tAttribution 56 61\twrote\n"
    "E3\tAttribution:T10 Cue:T9 Source:T8\n"  # no content: skipped, counted
)


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def test_read_brat_records_multiline_discontinuous_and_missing_source(tmp_path: Path) -> None:
    txt = write(tmp_path, "doc.txt", BRAT_TEXT)
    ann = write(tmp_path, "doc.ann", BRAT_ANN)
    g = read_brat(ann, txt)
    assert list(g["attribution_id"]) == ["E1", "E2"]
    r1, r2 = g.to_dict("records")
    assert (r1["doc_id"], r1["content_start"], r1["content_end"]) == ("doc", 11, 32)
    assert r1["content"] == "that\nbeta gamma delta"
    assert (r1["speaker_mention"], r1["speaker_start"], r1["speaker_end"]) == ("Alpha", 0, 5)
    assert (r1["cue"], r1["cue_start"], r1["cue_end"]) == ("said", 6, 10)
    assert (r2["content_start"], r2["content_end"], r2["content_spans"]) == (34, 48, "34 40;46 48")
    assert (r2["speaker_mention"], r2["speaker_start"], r2["speaker_end"]) == ("", -1, -1)
    assert not r1["text_mismatch"] and not r2["text_mismatch"]
    meta = g.attrs["framelens"]
    assert meta["n_spans"] == 10
    assert meta["n_span_mismatches"] == 1
    assert meta["span_mismatches"] == ["doc:T8"]
    assert meta["n_relations_without_content"] == 1


def test_read_brat_recovers_when_span_text_length_disagrees(tmp_path: Path) -> None:
    txt = write(tmp_path, "d.txt", BRAT_TEXT)
    ann = write(
        tmp_path,
        "d.ann",
        "T1\tSource 0 5\tAlp\nT2\tCue 6 10\tsaid\nT3\tContent 11 15\tthat\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
    )
    g = read_brat(ann, txt)
    assert g.attrs["framelens"]["n_span_mismatches"] == 1
    assert g.loc[0, "speaker_mention"] == "Alp"
    assert bool(g.loc[0, "text_mismatch"]) is True
    assert (g.loc[0, "cue"], g.loc[0, "content"]) == ("said", "that")


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tCue 6 10\tsaid\nE1\tAttribution:T1 Content:T9\n", "d.ann:2: field Content"),
        ("T1\tCue 6 10\tsaid\nE1\tAttribution:T1 Content\n", "d.ann:2: relation argument"),
        ("T1\tCue 6 10\tsaid\ngarbage line\n", "d.ann:2: not a BRAT record"),
        ("T1\tCue 10 6\tsaid\n", "d.ann:1: span end 6 < start 10"),
    ],
)
def test_read_brat_errors_name_file_and_line(tmp_path: Path, ann: str, message: str) -> None:
    txt = write(tmp_path, "d.txt", BRAT_TEXT)
    path = write(tmp_path, "d.ann", ann)
    with pytest.raises(ValueError, match=re.escape(message)):
        read_brat(path, txt)


def test_read_polnear_picks_first_annotator_and_keeps_unannotated(tmp_path: Path) -> None:
    write(tmp_path, "text/a.txt", BRAT_TEXT)
    write(tmp_path, "text/b.txt", "Nothing here.\n")
    write(tmp_path, "attributions/a_zz99.ann", BRAT_ANN)
    # the lexicographically first annotator has only the first relation
    write(tmp_path, "attributions/a_ab12.ann", "\n".join(BRAT_ANN.split("\n")[:6]) + "\n")
    gs = read_polnear(tmp_path)
    assert list(gs.texts) == ["a", "b"]
    assert list(gs.gold["attribution_id"]) == ["E1"]
    assert list(gs.meta["annotator"]) == ["ab12", ""]
    assert [d.doc_id for d in gs.documents()] == ["a", "b"]
    assert gs.gold.attrs["framelens"]["n_docs"] == 2


def test_read_polnear_requires_layout(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="text/ and attributions/"):
        read_polnear(tmp_path)


# --- JSONL gold -----------------------------------------------------------------------------

GOOD = {
    "doc_id": "d1",
    "attribution_id": "q1",
    "kind": "indirect",
    "content_start": 16,
    "content_end": 35,
    "content": "the plan would fail",
    "speaker_mention": "Smith",
    "speaker_start": 0,
    "speaker_end": 5,
    "speaker": "John Smith",
    "speaker_role": "official",
    "cue": "said",
    "cue_start": 6,
    "cue_end": 10,
}


def test_read_gold_jsonl_reads_and_checks_content(tmp_path: Path) -> None:
    other = {**GOOD, "attribution_id": "q2", "content": "the plan", "speaker": None}
    p = write(tmp_path, "g.jsonl", json.dumps(GOOD) + "\n\n" + json.dumps(other) + "\n")
    g = read_gold_jsonl(p, texts={"d1": TEXT})
    assert list(g["attribution_id"]) == ["q1", "q2"]
    assert list(g["text_mismatch"]) == [False, True]
    assert list(g["speaker"]) == ["John Smith", ""]
    assert g.loc[0, "content_spans"] == "16 35"
    assert g.attrs["framelens"]["n_span_mismatches"] == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"content_start": None}, "g.jsonl:1: field 'content_start' is missing"),
        ({"speaker_start": "0"}, "g.jsonl:1: field 'speaker_start' must be an integer"),
        ({"cue_end": True}, "g.jsonl:1: field 'cue_end' must be an integer"),
        ({"content_end": 3}, "g.jsonl:1: field 'content_end' precedes"),
        ({"doc_id": "nope"}, "g.jsonl:1: field 'doc_id': unknown document"),
        ({"content_end": 999}, "g.jsonl:1: field 'content_end' = 999 beyond"),
    ],
)
def test_read_gold_jsonl_errors(tmp_path: Path, change: dict[str, object], message: str) -> None:
    rec = {**GOOD, **change}
    p = write(tmp_path, "g.jsonl", json.dumps(rec) + "\n")
    with pytest.raises(ValueError, match=re.escape(message)):
        read_gold_jsonl(p, texts={"d1": TEXT})


def test_read_gold_jsonl_invalid_json(tmp_path: Path) -> None:
    p = write(tmp_path, "g.jsonl", json.dumps(GOOD) + "\n{not json\n")
    with pytest.raises(ValueError, match=re.escape("g.jsonl:2: invalid JSON")):
        read_gold_jsonl(p)


# --- scoring --------------------------------------------------------------------------------

# tokens: Smith0 said1 that2 the3 plan4 would5 fail6 We7 will8 win9 the10 vote11 Jones12 told13
# reporters14 Officials15 hope16 for17 peace18
TEXT = (
    'Smith said that the plan would fail. "We will win the vote," Jones told reporters. '
    "Officials hope for peace."
)
TEXTS = {"d1": TEXT}


def frame(rows: list[tuple[object, ...]], cols: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=cols)


GCOLS = ["doc_id", "content_start", "content_end", "content", "speaker_mention"]
GCOLS += ["speaker_start", "speaker_end", "speaker", "cue", "cue_start", "cue_end"]
GOLD = frame(
    [
        ("d1", 11, 35, "that the plan would fail", "Smith", 0, 5, "", "said", 6, 10),  # G1 5 tok
        ("d1", 38, 59, "We will win the vote,", "Jones", 61, 66, "", "told", 67, 71),  # G2 5 tok
        ("d1", 98, 107, "for peace", "Officials", 83, 92, "", "hope", 93, 97),  # G3 2 tok, belief
    ],
    GCOLS,
)
PCOLS = ["doc_id", "content_start", "content_end", "speaker_start", "speaker_end", "speaker"]
PCOLS += ["cue", "cue_start", "cue_end", "cue_lemma", "kind"]
PRED = frame(
    [
        ("d1", 16, 35, 0, 5, "John Smith", "said", 6, 10, "say", "indirect"),  # P1: 4/5 of G1
        ("d1", 38, 45, 83, 92, "", "told", 67, 71, "tell", "direct"),  # P2: 2/5 of G2
        ("d1", 83, 107, -1, -1, "", "hope", 93, 97, "hope", "indirect"),  # P3: 2/4 of G3
        ("d1", 61, 81, -1, -1, "", "told", 67, 71, "tell", "indirect"),  # P4: spurious
    ],
    PCOLS,
)


@pytest.mark.parametrize(
    ("p", "g", "expected"),
    [
        ({1, 2, 3, 4}, {3, 4, 5}, 0.5),
        ({1, 2}, {1, 2}, 1.0),
        ({1}, {1, 2, 3, 4, 5}, 0.2),  # normalised by the larger set, not Dice (1/3)
        ({1, 2}, {3, 4}, 0.0),
        (set(), {1}, 0.0),
    ],
)
def test_token_overlap(p: set[int], g: set[int], expected: float) -> None:
    assert token_overlap(frozenset(p), frozenset(g)) == pytest.approx(expected)


def test_scores_at_03_all_attributions() -> None:
    s = score_attributions(PRED, GOLD, TEXTS, overlap=0.3)
    assert (s["n_gold"], s["n_pred"], s["tp_gold"], s["tp_pred"]) == (3, 4, 3, 3)
    assert s["precision"] == pytest.approx(3 / 4)
    assert s["recall"] == pytest.approx(1.0)
    assert s["f1"] == pytest.approx(6 / 7)
    # speaker: P1 span overlaps Smith; P2 points at "Officials"; P3 has none
    assert (s["speaker_n"], s["speaker_accuracy"]) == (3, pytest.approx(1 / 3))
    assert (s["cue_n"], s["cue_accuracy"]) == (3, pytest.approx(1.0))


def test_scores_at_03_speech_only() -> None:
    # gold speech: G1 (said), G2 (told, quoted); G3 "hope" is a belief. pred speech: P1, P2, P4
    s = score_attributions(PRED, GOLD, TEXTS, overlap=0.3, speech_only=True)
    assert (s["n_gold"], s["n_pred"], s["tp_gold"], s["tp_pred"]) == (2, 3, 2, 2)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(1.0)
    assert s["f1"] == pytest.approx(0.8)
    assert s["speaker_accuracy"] == pytest.approx(1 / 2)


def test_scores_at_08_keep_only_close_matches() -> None:
    s = score_attributions(PRED, GOLD, TEXTS, overlap=0.8)
    assert (s["tp_gold"], s["tp_pred"]) == (1, 1)
    assert s["precision"] == pytest.approx(1 / 4)
    assert s["recall"] == pytest.approx(1 / 3)
    assert s["f1"] == pytest.approx(2 / 7)
    assert (s["speaker_n"], s["speaker_accuracy"]) == (1, 1.0)


def test_speaker_matches_by_resolved_name_without_span() -> None:
    gold = GOLD.iloc[[0]].assign(speaker="John Smith", speaker_start=-1, speaker_end=-1)
    pred = PRED.iloc[[0]].assign(speaker_start=-1, speaker_end=-1)
    s = score_attributions(pred, gold, TEXTS)
    assert (s["speaker_accuracy"], s["speaker_name_n"], s["speaker_name_accuracy"]) == (1.0, 1, 1.0)
    assert score_attributions(pred.assign(speaker="Jane Doe"), gold, TEXTS)[
        "speaker_accuracy"
    ] == pytest.approx(0.0)


def test_speaker_name_accuracy_is_stricter_than_span_overlap() -> None:
    # the mention span overlaps the gold source, but it was resolved to the wrong person
    gold = GOLD.iloc[[0]].assign(speaker="John Smith")
    pred = PRED.iloc[[0]].assign(speaker="Jane Doe")
    s = score_attributions(pred, gold, TEXTS)
    assert (s["speaker_accuracy"], s["speaker_name_accuracy"]) == (1.0, 0.0)
    # PolNeAR-style gold without canonical names: name accuracy is undefined
    s = score_attributions(PRED, GOLD, TEXTS)
    assert s["speaker_name_n"] == 0 and math.isnan(s["speaker_name_accuracy"])


def test_cue_falls_back_to_lemma_without_offsets() -> None:
    pred = PRED.iloc[[0]].assign(cue_start=-1, cue_end=-1, cue="says", cue_lemma="say")
    assert score_attributions(pred, GOLD.iloc[[0]], TEXTS)["cue_accuracy"] == 1.0
    pred = pred.assign(cue="claimed", cue_lemma="claim")
    assert score_attributions(pred, GOLD.iloc[[0]], TEXTS)["cue_accuracy"] == 0.0


def test_greedy_one_to_one_takes_best_overlap_first() -> None:
    # Ga = tokens 0-3 "Smith said that the", Gb = tokens 4-7 "plan would fail We"
    gold = frame([("d1", 0, 19, "", "", -1), ("d1", 20, 40, "", "", -1)], GCOLS[:6])
    gold = gold.assign(speaker_end=-1, speaker="", cue="", cue_start=-1, cue_end=-1)
    # Px = tokens 2-5 overlaps both by 2/4; Py = tokens 0-3 equals Ga
    pred = frame([("d1", 11, 30), ("d1", 0, 19)], ["doc_id", "content_start", "content_end"])
    m = match_attributions(pred, gold, TEXTS, overlap=0.5)
    got = m[m["gold_index"] >= 0][["gold_index", "pred_index", "overlap"]].values.tolist()
    assert got == [[0, 1, 1.0], [1, 0, 0.5]]
    s = score_attributions(pred, gold, TEXTS, overlap=0.5)
    assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0)
    assert math.isnan(s["speaker_accuracy"]) and s["speaker_n"] == 0


def test_predictions_never_match_across_documents() -> None:
    texts = {**TEXTS, "d2": TEXT}
    pred = PRED.iloc[[0]].assign(doc_id="d2")
    s = score_attributions(pred, GOLD.iloc[[0]], texts)
    assert (s["tp_gold"], s["f1"]) == (0, 0.0)


def test_score_table_and_bad_overlap() -> None:
    t = score_table(PRED, GOLD, TEXTS)
    assert list(zip(t["subset"], t["overlap"], strict=True)) == [
        ("all", 0.3),
        ("speech", 0.3),
        ("all", 0.8),
        ("speech", 0.8),
    ]
    assert t["f1"].round(4).tolist() == [round(6 / 7, 4), 0.8, round(2 / 7, 4), 0.4]
    with pytest.raises(ValueError, match="overlap must be in"):
        score_attributions(PRED, GOLD, TEXTS, overlap=0)
    with pytest.raises(ValueError, match="no text for doc_id 'zz'"):
        score_attributions(PRED.assign(doc_id="zz"), GOLD, TEXTS)


@pytest.mark.parametrize(
    ("cue", "lemma", "speech"),
    [
        ("said", "say", True),
        ("has stressed", "stress", True),
        ("Told", "tell", True),
        ("according to", "according to", True),
        ("denied", "deny", True),
        ("slammed", "slam", True),
        ("clarifies", "clarify", True),
        ("hopes", "hopes", False),  # belief, not speech (not lemmatised outside the list)
        ("believes", "believes", False),
        ("feared", "feared", False),  # a cognition cue of the lexicon
        ("states", "state", True),  # an inflection the lexicon does not list
        ("sobbed", "sob", True),  # an emotive speech cue of the lexicon
        ("criticised", "criticize", True),  # British spelling: a listed form of "criticize"
        ("pointed out", "point out", True),  # multi-word speech cue, by its listed form
        ("went on", "go on", True),
        ("She also said", "say", True),
        ("reserved", "reserved", False),
        ("", "", False),
    ],
)
def test_cue_lemma_and_speech(cue: str, lemma: str, speech: bool) -> None:
    assert cue_lemma(cue) == lemma
    assert is_speech_cue(cue) is speech


def test_speech_verbs_follow_the_cue_lexicon() -> None:
    lex = load_cues()
    assert {"say", "tell", "claim", "sob", "deny"} <= SPEECH_VERBS
    assert not {"believe", "hope", "think", "fear", "according to", "point out"} & SPEECH_VERBS
    for lemma in SPEECH_VERBS:
        assert lex.cues[lemma].cue_type == "speech", lemma
    single = {k for k, c in lex.cues.items() if c.cue_type == "speech" and " " not in k}
    assert single == SPEECH_VERBS
    table = score_table(PRED, GOLD, TEXTS)
    assert table.attrs["framelens"]["speech_lexicon"] == f"cue_verbs.yaml v{lex.version}"
