"""Naming: concept sets (loading, longest-first matching, shares with CIs) and actor labels."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framelens.corpus.model import Corpus, Document
from framelens.naming import (
    NAMING_SCHEMA,
    ActorNames,
    ConceptFileError,
    actor_label_matches,
    actor_labels,
    load_concepts,
    naming_matches,
    naming_table,
    parse_concepts,
    resolve_actors,
)
from tests.conftest import require_dir


def make_corpus(rows: list[tuple[str, str, str]]) -> Corpus:
    return Corpus(pd.DataFrame(rows, columns=["doc_id", "outlet", "text"]))


# --- concept files ------------------------------------------------------------------------


def test_default_concepts_load_with_provenance() -> None:
    cs = load_concepts()
    assert cs.version and "framelens" in cs.provenance
    assert {"PROTESTERS", "GOVERNMENT", "LEADER", "ELECTION", "POLICE"} <= set(cs.concepts)
    prot = cs.concepts["PROTESTERS"].variants
    for v in ("protesters", "demonstrators", "rioters", "extremists", "provocateurs"):
        assert v in prot
    assert "riot police" in cs.concepts["POLICE"].variants
    assert "legitimate authorities" in cs.concepts["GOVERNMENT"].variants


GOOD = """version: "1"
concepts:
  X:
    variants:
      a: [alpha]
"""


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("concepts:\n  X:\n    variants:\n      a: [alpha]\n", "line 1: field 'version'"),
        (GOOD.replace("  X:", "  lower:"), "line 3: field 'lower': concept names"),
        (GOOD.replace("[alpha]", "[]"), "line 5: field 'X.variants.a': expected"),
        (GOOD + "      b: [Alpha]\n", "line 6: field 'X.variants.b': form 'alpha' already"),
        (GOOD.replace("[alpha]", "[alpha, '--']"), "line 5: field 'X.variants.a': form '--'"),
        (
            GOOD.replace("    variants:\n      a: [alpha]\n", "    description: d\n"),
            "line 4: field 'X.variants': missing",
        ),
        (
            'version: "1"\nconcepts: [a, b\n',
            "line 3: invalid YAML: expected ',' or ']', but got '<stream end>' "
            "(while parsing a flow sequence at line 2, column 11)",
        ),
    ],
)
def test_concept_file_errors_name_line_and_field(text: str, needle: str) -> None:
    with pytest.raises(ConceptFileError) as info:
        parse_concepts(text, "my.yaml")
    assert str(info.value).startswith(f"my.yaml: {needle}")


def test_load_concepts_from_path(tmp_path: Path) -> None:
    p = tmp_path / "c.yaml"
    p.write_text(GOOD, encoding="utf-8")
    cs = load_concepts(p)
    assert cs.source == str(p) and cs.concepts["X"].variants == {"a": ("alpha",)}


# --- matching -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # longest-first across concepts: one GOVERNMENT mention, not also "authorities"
        ("The legitimate authorities acted.", [("GOVERNMENT", "legitimate authorities")]),
        ("Riot police and police.", [("POLICE", "riot police"), ("POLICE", "police")]),
        # "opposition leader" is an OPPOSITION variant, not the LEADER "leader"
        (
            "The opposition leader spoke to the leader.",
            [("OPPOSITION", "opposition leader"), ("LEADER", "leader")],
        ),
        # case-insensitive, any whitespace inside multi-word forms
        ("PEACEFUL\nPROTESTERS", [("PROTESTERS", "peaceful protesters")]),
        # a form listed in two concepts counts in each
        ("thugs", [("PROTESTERS", "thugs"), ("POLICE", "thugs")]),
        # word boundaries: no match inside longer words or hyphenated compounds
        ("policeman anti-government governmental", []),
    ],
)
def test_naming_matches_resolution(text: str, expected: list[tuple[str, str]]) -> None:
    rows = naming_matches(Document("d", text), voice="all")
    assert list(zip(rows["concept"], rows["variant"], strict=True)) == expected
    for s, e, surf in zip(rows["start"], rows["end"], rows["surface"], strict=True):
        assert text[s:e] == surf


def test_naming_matches_voice() -> None:
    d = Document("d", '"The extremists fled," police said. Rioters stayed.')
    nar = naming_matches(d)  # narrator is the default
    assert nar["variant"].tolist() == ["police", "rioters"]
    quoted = naming_matches(d, voice="quoted")
    assert quoted["variant"].tolist() == ["extremists"]


# --- shares -------------------------------------------------------------------------------

# Hand-counted fixture. PROTESTERS, narrator voice:
#   A: a1 rioters x2, extremists x1 (concept 3); a2 protesters x1 (concept 1) -> A total 4:
#      rioters 2/4, extremists 1/4, protesters 1/4
#   B: b1 peaceful protesters 1, protesters 1 ("thugs" is inside a quotation) -> 1/2, 1/2
# POLICE: A riot police 1 (not also police); B police 1.
FIX = make_corpus(
    [
        ("a1", "A", "The rioters and extremists clashed with riot police. Rioters fled."),
        ("a2", "A", "Protesters marched."),
        ("b1", "B", 'Peaceful protesters and protesters met police. "Thugs," one said.'),
    ]
)


def share(t: pd.DataFrame, group: str, concept: str, variant: str) -> pd.Series:
    hit = t[(t.group == group) & (t.concept == concept) & (t.variant == variant)]
    assert len(hit) == 1
    return hit.iloc[0]


@pytest.mark.parametrize(
    ("group", "concept", "variant", "count", "total", "expected"),
    [
        ("A", "PROTESTERS", "rioters", 2, 4, 0.5),
        ("A", "PROTESTERS", "extremists", 1, 4, 0.25),
        ("A", "PROTESTERS", "protesters", 1, 4, 0.25),
        ("A", "PROTESTERS", "thugs", 0, 4, 0.0),
        ("B", "PROTESTERS", "peaceful protesters", 1, 2, 0.5),
        ("B", "PROTESTERS", "protesters", 1, 2, 0.5),
        ("B", "PROTESTERS", "thugs", 0, 2, 0.0),
        ("A", "POLICE", "riot police", 1, 1, 1.0),
        ("A", "POLICE", "police", 0, 1, 0.0),
        ("B", "POLICE", "police", 1, 1, 1.0),
    ],
)
def test_naming_table_hand_counted(
    group: str, concept: str, variant: str, count: int, total: int, expected: float
) -> None:
    t = naming_table(FIX, n_boot=400)
    r = share(t, group, concept, variant)
    assert (r["count"], r["concept_count"], r["share"]) == (count, total, expected)


def test_naming_table_schema_ci_and_voice() -> None:
    t = naming_table(FIX, n_boot=2000, seed=3)
    assert list(t.columns) == list(NAMING_SCHEMA)
    assert set(t["voice"]) == {"narrator"}
    # B has one article: every resample is that article, so the CI collapses to the estimate
    r = share(t, "B", "PROTESTERS", "protesters")
    assert (r["ci_low"], r["ci_high"]) == (0.5, 0.5)
    # A, "rioters": resamples {a1,a1} -> 4/6, {a1,a2} -> 2/4, {a2,a2} -> 0/2; each extreme
    # has probability 1/4 > 2.5 %, so the 95 % interval is exactly [0, 2/3]
    r = share(t, "A", "PROTESTERS", "rioters")
    assert r["ci_low"] == 0.0 and r["ci_high"] == pytest.approx(2 / 3)
    # an unnamed concept has NaN share, not 0, and no clusters
    e = share(t, "B", "ELECTION", "election")
    assert pd.isna(e["share"]) and e["n_docs"] == 0 and e["concept_count"] == 0
    # n_docs counts the articles naming the concept (the resampled clusters)
    assert share(t, "A", "PROTESTERS", "thugs")["n_docs"] == 2
    assert share(t, "A", "POLICE", "police")["n_docs"] == 1
    # voice="all" counts the quoted "Thugs" in both PROTESTERS and POLICE
    ta = naming_table(FIX, voice="all", n_boot=200)
    assert share(ta, "B", "PROTESTERS", "thugs")["count"] == 1
    assert share(ta, "B", "POLICE", "thugs")["share"] == 0.5
    assert t.attrs["framelens"]["concepts_version"] == load_concepts().version
    # shares within a concept sum to 1 for every group that names it
    sums = t.dropna(subset=["share"]).groupby(["group", "concept"])["share"].sum()
    assert (sums.round(12) == 1.0).all()


# --- actor labels -------------------------------------------------------------------------

LUKA = ActorNames(
    "Alexander Lukashenko",
    ("Lukashenko", "Alexander Grigoryevich Lukashenko", "President Alexander Lukashenko"),
)
TIKH = ActorNames("Svetlana Tikhanovskaya", ("Tikhanovskaya",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Europe's last dictator Alexander Lukashenko spoke.",
            [("Alexander Lukashenko", "premodifier", "europe's last dictator")],
        ),
        ("He met President Lukashenko.", [("Alexander Lukashenko", "premodifier", "president")]),
        (
            "Yesterday opposition leader Svetlana Tikhanovskaya left.",
            [("Svetlana Tikhanovskaya", "premodifier", "opposition leader")],
        ),
        (
            "Lukashenko, the self-proclaimed leader, refused.",
            [("Alexander Lukashenko", "appositive", "self-proclaimed leader")],
        ),
        (
            "Tikhanovskaya, Belarus's opposition figure, said so.",
            [("Svetlana Tikhanovskaya", "appositive", "belarus's opposition figure")],
        ),
        # both patterns on one mention
        (
            "Strongman Lukashenko, a former farm director, won.",
            [
                ("Alexander Lukashenko", "premodifier", "strongman"),
                ("Alexander Lukashenko", "appositive", "former farm director"),
            ],
        ),
        # negative cases: function words, verbs, punctuation, lists, relative clauses
        ("They condemned Lukashenko.", [("Alexander Lukashenko", "", "")]),
        ("A letter to Lukashenko arrived.", [("Alexander Lukashenko", "", "")]),
        ("Minsk. Lukashenko spoke.", [("Alexander Lukashenko", "", "")]),
        ("Putin, Lukashenko and Xi met.", [("Alexander Lukashenko", "", "")]),
        ("Lukashenko, who has ruled since 1994, spoke.", [("Alexander Lukashenko", "", "")]),
        # capitalised titles with connectors; a title inside a registered alias still counts
        (
            "Chair of the Central Election Commission Svetlana Tikhanovskaya spoke.",
            [("Svetlana Tikhanovskaya", "premodifier", "chair of the central election commission")],
        ),
        (
            "Belarusian President Alexander Lukashenko spoke.",
            [("Alexander Lukashenko", "premodifier", "belarusian president")],
        ),
        # a verb before a title is not part of the label
        (
            "The count gave President Lukashenko 80%.",
            [("Alexander Lukashenko", "premodifier", "president")],
        ),
        # a one-word alias after an unregistered first name is someone else: no mention
        ("Her husband Sergei Tikhanovskaya, said.", []),
        # longest alias wins: the full name is one mention, not "Lukashenko" with a label
        ("Alexander Grigoryevich Lukashenko spoke.", [("Alexander Lukashenko", "", "")]),
    ],
)
def test_actor_label_patterns(text: str, expected: list[tuple[str, str, str]]) -> None:
    rows = actor_label_matches(Document("d", text), [LUKA, TIKH])
    assert list(zip(rows["actor"], rows["kind"], rows["label"], strict=True)) == expected
    for s, e, lab in zip(rows["label_start"], rows["label_end"], rows["label"], strict=True):
        if s >= 0:
            assert " ".join(text[s:e].lower().split()) == lab


def test_actor_labels_counted_per_outlet() -> None:
    c = make_corpus(
        [
            ("s1", "State", "President Lukashenko met workers. President Lukashenko smiled."),
            ("s2", "State", "Lukashenko, the head of state, spoke."),
            ("i1", "Indep", "Europe's last dictator Lukashenko clung on. Lukashenko left."),
        ]
    )
    t = actor_labels(c, {"Alexander Lukashenko": ["Lukashenko"]})
    got = {(r.group, r.label, r.kind): (r.count, r.n_docs, r.mentions) for r in t.itertuples()}
    assert got == {
        ("State", "president", "premodifier"): (2, 1, 3),
        ("State", "head of state", "appositive"): (1, 1, 3),
        ("Indep", "europe's last dictator", "premodifier"): (1, 1, 2),
    }
    assert t.loc[t.label == "president", "share"].iloc[0] == pytest.approx(2 / 3)
    assert t.loc[t.label == "president", "example"].iloc[0].startswith("s1: …President Luka")


@pytest.mark.parametrize(
    "actors",
    [
        {"Alexander Lukashenko": ["Lukashenko"]},
        [{"name": "Alexander Lukashenko", "aliases": ["Lukashenko"]}],
        pd.DataFrame({"name": ["Alexander Lukashenko"], "aliases": ["Lukashenko; A. Lukashenko"]}),
        {"version": "1", "actors": [{"name": "Alexander Lukashenko", "aliases": ["Lukashenko"]}]},
    ],
)
def test_resolve_actor_inputs(actors: object) -> None:
    (a,) = resolve_actors(actors)
    assert a.name == "Alexander Lukashenko" and "Lukashenko" in a.aliases


def test_resolve_actors_rejects_nameless() -> None:
    with pytest.raises(ValueError, match="without a name"):
        resolve_actors([{"aliases": ["X"]}])


# --- demo corpus (corpus/demo, data card corpus/demo/README.md) -----------------------------


@pytest.fixture(scope="module")
def demo_naming(demo_dir: Path) -> pd.DataFrame:
    from framelens.corpus import load_corpus

    require_dir(demo_dir, "the demo corpus corpus/demo")
    return naming_table(load_corpus(demo_dir, progress=False), n_boot=1000, seed=0)


def shares(t: pd.DataFrame, concept: str, variants: set[str]) -> pd.DataFrame:
    """Per outlet: summed share of ``variants``; ``lo``/``hi`` are the CI (one variant)."""
    sub = t[(t.concept == concept) & t.variant.isin(variants)]
    return sub.groupby("group").agg(
        share=("share", "sum"), lo=("ci_low", "max"), hi=("ci_high", "max")
    )


V1, FV, MER, HZ, DX = (
    "Valdoria One",
    "Free Valdoria",
    "Meridian Press",
    "Horizon International",
    "Drevna Express",
)


def test_demo_protesters_naming_follows_data_card(demo_naming: pd.DataFrame) -> None:
    # V1: "extremists", "rioters", "provocateurs", "participants in unauthorised gatherings"
    loaded = {
        "extremists",
        "rioters",
        "provocateurs",
        "participants in unauthorised gatherings",
        "radicals",
    }
    s = shares(demo_naming, "PROTESTERS", loaded)
    assert s.loc[V1, "share"] > 0.5
    assert s.loc[FV, "share"] == 0 and s.loc[MER, "share"] == 0
    # FV: "peaceful protesters", with an interval excluding 0; nobody else uses it
    p = shares(demo_naming, "PROTESTERS", {"peaceful protesters"})
    assert p.loc[FV, "lo"] > 0
    assert (p.drop(index=FV)["share"] == 0).all()
    # MER: the neutral "protesters" — its interval lies above the state broadcaster's
    n = shares(demo_naming, "PROTESTERS", {"protesters"})
    assert n.loc[MER, "lo"] > n.loc[V1, "hi"]
    assert n["share"].idxmax() == MER


def test_demo_government_leader_election_unrest_follow_data_card(
    demo_naming: pd.DataFrame,
) -> None:
    regime = shares(demo_naming, "GOVERNMENT", {"regime"})
    assert regime.loc[FV, "lo"] > 0.5  # FV: "the regime"
    assert (regime.drop(index=FV)["share"] == 0).all()
    legit = shares(demo_naming, "GOVERNMENT", {"legitimate authorities"})
    # "the state broadcaster and the foreign broadcaster share 'legitimate authorities'"
    assert legit.loc[V1, "share"] > 0 and legit.loc[HZ, "share"] > 0
    assert legit.loc[FV, "share"] == 0 and legit.loc[MER, "share"] == 0
    dictator = shares(demo_naming, "LEADER", {"dictator"})
    assert dictator.loc[FV, "lo"] > 0.5  # "the dictator Aleksander Vorin"
    assert (dictator.drop(index=FV)["share"] == 0).all()
    rigged = shares(demo_naming, "ELECTION", {"rigged election"})
    assert rigged.loc[FV, "share"] > 0 and (rigged.drop(index=FV)["share"] == 0).all()
    disputed = shares(demo_naming, "ELECTION", {"disputed election"})
    assert disputed.loc[MER, "share"] > 0 and disputed.loc[V1, "share"] == 0
    colour = shares(demo_naming, "UNREST", {"colour revolution"})
    assert colour.loc[V1, "share"] > 0 and colour.loc[HZ, "share"] > 0
    assert colour.loc[FV, "share"] == 0 and colour.loc[MER, "share"] == 0


def test_demo_actor_labels_follow_data_card(demo_dir: Path) -> None:
    from framelens.corpus import load_corpus

    require_dir(demo_dir, "the demo corpus corpus/demo")
    corpus = load_corpus(demo_dir, progress=False)
    t = actor_labels(corpus, demo_dir / "gold" / "actors.yaml")

    def top_label(group: str, actor: str) -> str:
        return str(t[(t.group == group) & (t.actor == actor)].iloc[0]["label"])

    vorin = "Aleksander Vorin"
    # "President Aleksander Vorin" / "the dictator Aleksander Vorin" / "Valdorian President"
    assert top_label(FV, vorin) == "dictator"
    assert top_label(V1, vorin) == "president"
    assert top_label(HZ, vorin) == "valdorian president"
    dictator = t[(t.actor == vorin) & (t.label == "dictator")]
    assert set(dictator["group"]) == {FV}
    # Mira Kastelan: "opposition leader" (FV) vs the wire's "opposition candidate"
    assert top_label(FV, "Mira Kastelan") == "opposition leader"
    assert top_label(MER, "Mira Kastelan") == "opposition candidate"
    # the state broadcaster's full title, read across "of"
    assert top_label(V1, "Pavel Drozd") == "minister of internal affairs"
