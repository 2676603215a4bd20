"""Speaker resolution and the actor registry, on hand-written articles."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from framelens.attribution.actors import load_actors
from framelens.attribution.extract import extract_attributions
from framelens.attribution.speakers import article_actors, resolve_speakers, strip_to_person
from framelens.corpus.model import Document


def rows(text: str, mentions: list[str]) -> pd.DataFrame:
    """Attribution rows with only the speaker mention filled, located in order in ``text``."""
    recs, pos = [], 0
    for i, m in enumerate(mentions):
        s = text.index(m, pos)
        pos = s + len(m)
        recs.append(
            {
                "doc_id": "d",
                "attribution_id": f"d:{i + 1}",
                "content_start": s,
                "content_end": s + 1,
                "speaker_mention": m,
                "speaker_start": s,
                "speaker_end": s + len(m),
            }
        )
    return pd.DataFrame(recs)


def resolve(text: str, mentions: list[str], **kw: object) -> list[tuple[str, str, str, str]]:
    out = resolve_speakers(Document("d", text), rows(text, mentions), **kw)  # type: ignore[arg-type]
    return list(
        zip(
            out["speaker"],
            out["speaker_role"],
            out["speaker_affiliation"],
            out["role_rule"],
            strict=True,
        )
    )


@pytest.mark.parametrize(
    ("mention", "person"),
    [
        ("Russia's Foreign Minister Sergei Lavrov", "Sergei Lavrov"),
        ("Belarus' Foreign Minister Vladimir Makei", "Vladimir Makei"),
        ("Sergei Lavrov, Russia's foreign minister", "Sergei Lavrov"),
        ("Prime Minister, Mikail Mishustin", "Mikail Mishustin"),
        ("U.S. Secretary of State John F. Kerry", "John F. Kerry"),
        ("Mr. Smith", "Smith"),
        ("Lavrov", "Lavrov"),
        ("Central Election Commission chair Irena Sokal", "Irena Sokal"),
        ("Minister of Internal Affairs Pavel Drozd", "Pavel Drozd"),
        ("Interior Ministry spokesman Col. Anton Shevel", "Anton Shevel"),
        ("Prosecutor General Oleg Marchuk", "Oleg Marchuk"),
        ("Hanna Lisova of the Beacon Human Rights Centre", "Hanna Lisova"),
        ("nurse Alina Rusk", "Alina Rusk"),
        ("nurse Alina Rusk, 29", "Alina Rusk"),  # an age apposition
        ("John Smith, 45", "John Smith"),
        ("Protesters, 12", ""),  # a number after a group is no age of a person
        ("Kastelan's campaign chief Olga Petrash", "Olga Petrash"),
        ("a manager at Drevna Motor Works", ""),  # an organisation after "at", not a name
        ("The New York Post", ""),
        ("Human Rights Watch", ""),
        ("the Foreign Minister", ""),  # a description, not a name
        ("a source close to the ministry", ""),
        ("he", ""),
        ("The ministry", ""),
    ],
)
def test_strip_to_person(mention: str, person: str) -> None:
    assert strip_to_person(mention) == person


TWO_MINISTERS = (
    "Russia's Foreign Minister Sergei Lavrov met Belarus' Foreign Minister Vladimir Makei.\n\n"
    "Lavrov said the talks went well. Makei said they were useful. "
    "Russia's top diplomat stated that more would come. He added that was all.\n\n"
    "Lavrov said more. The Foreign Minister declared that he was done."
)


def test_short_forms_descriptions_and_pronouns() -> None:
    got = resolve(
        TWO_MINISTERS,
        ["Lavrov", "Makei", "Russia's top diplomat", "He", "Lavrov", "The Foreign Minister"],
    )
    lavrov = ("Sergei Lavrov", "official", "Russia", "title:foreign minister")
    makei = ("Vladimir Makei", "official", "Belarus", "title:foreign minister")
    # "Russia's top diplomat" follows Makei's quote but only Lavrov is Russia's minister;
    # "He" goes to the most recent speaker; "The Foreign Minister" to the most recent
    # speaker holding that title
    assert got == [lavrov, makei, lavrov, lavrov, lavrov, lavrov]


def test_titles_are_found_in_text_whose_lower_case_is_longer() -> None:
    # "İ" lower-cases to two characters; the title scan must still see "Foreign Minister"
    text = "Foreign Minister Anna Berg arrived in İzmir. Berg said the talks failed."
    assert resolve(text, ["Berg"]) == [("Anna Berg", "official", "", "title:foreign minister")]


def test_age_apposition_keeps_the_title_role() -> None:
    text = 'Nurse Alina Rusk, 29, marched. "It hurts," nurse Alina Rusk, 29, said. Rusk wept.'
    got = resolve(text, ["nurse Alina Rusk, 29", "Rusk"])
    assert got == [("Alina Rusk", "citizen", "", "title:nurse")] * 2


def test_description_follows_the_most_recent_speaker_with_the_title() -> None:
    text = TWO_MINISTERS + "\n\nMakei said no. The Foreign Minister insisted."
    got = resolve(text, ["Lavrov", "Makei", "The Foreign Minister"])
    assert [g[0] for g in got] == ["Sergei Lavrov", "Vladimir Makei", "Vladimir Makei"]


def test_description_with_a_country_nobody_holds_stays_unresolved() -> None:
    text = TWO_MINISTERS + " Ukraine's top diplomat said nothing."
    got = resolve(text, ["Lavrov", "Ukraine's top diplomat"])
    assert got[1] == ("Ukraine's top diplomat", "official", "Ukraine", "title:diplomat")


def test_pronoun_gender_skips_incompatible_speakers() -> None:
    text = (
        "Finance Minister Anna Petrova spoke first. Mr. Ivanov, the mayor, spoke next.\n\n"
        "Petrova said taxes would fall. Ivanov said roads would be built. She added more."
    )
    got = resolve(text, ["Petrova", "Ivanov", "She"])
    # Ivanov is male ("Mr."), so "She" skips him; Petrova's gender is unknown -> compatible
    assert [g[0] for g in got] == ["Anna Petrova", "Ivanov", "Anna Petrova"]


def test_pronoun_without_antecedent_is_unresolved() -> None:
    got = resolve("He said it was fine.", ["He"])
    assert got == [("", "unknown", "", "pronoun_unresolved")]


@pytest.mark.parametrize(
    ("mention", "role", "rule"),
    [
        ("a source close to the ministry", "anonymous", "anonymous_phrase"),
        ("officials who spoke on condition of anonymity", "anonymous", "anonymous_phrase"),
        ("sources", "anonymous", "anonymous_phrase"),
        ("the ministry", "official", "keyword:ministry"),
        ("a professor at the university", "expert", "title:professor"),
        ("an opposition leader", "opposition", "title:opposition leader"),
        ("Reuters", "media", "keyword:reuters"),
        ("one resident", "citizen", "title:resident"),
        ("Acme Widgets", "unknown", "none"),
    ],
)
def test_roles_of_non_person_mentions(mention: str, role: str, rule: str) -> None:
    text = f"Something happened, {mention} said."
    got = resolve(text, [mention])
    assert got == [(mention, role, "", rule)]


def test_registry_first(tmp_path: Path) -> None:
    p = tmp_path / "actors.yaml"
    p.write_text(
        "version: '1'\nactors:\n"
        "  - name: Sergei Lavrov\n    aliases: [Lavrov]\n"
        "    descriptions: [the Kremlin's envoy]\n    role: official\n"
        "    affiliation: Government of Russia\n    gender: male\n"
        "  - name: Jane Roe\n    role: civil_society\n    gender: female\n",
        encoding="utf-8",
    )
    reg = load_actors(p)
    text = "Lavrov said yes. The Kremlin's envoy said no. Jane Roe disagreed. She said so."
    got = resolve(text, ["Lavrov", "The Kremlin's envoy", "Jane Roe", "She"], actors=reg)
    assert got == [
        ("Sergei Lavrov", "official", "Government of Russia", "registry"),
        ("Sergei Lavrov", "official", "Government of Russia", "registry"),
        ("Jane Roe", "civil_society", "", "registry"),
        ("Jane Roe", "civil_society", "", "registry"),
    ]


def test_empty_rows_and_missing_mentions() -> None:
    d = Document("d", "Nothing.")
    out = resolve_speakers(d, rows("Nothing.", []))
    assert len(out) == 0 and "speaker_role" in out.columns
    r = rows("Nothing.", ["Nothing"]).assign(speaker_mention="", speaker_start=-1, speaker_end=-1)
    out = resolve_speakers(d, r)
    assert out[["speaker", "speaker_role", "role_rule"]].values.tolist() == [
        ["", "unknown", "none"]
    ]


def test_article_actors_counts_mentions_and_attributions() -> None:
    text = (
        TWO_MINISTERS
        + "\n\nBelarusian President Alexander Lukashenko and the opposition stayed silent."
    )
    a = article_actors(Document("d", text), rows(text, ["Lavrov", "Makei"]))
    got = {r.actor: (r.kind, r.role, r.n_mentions, r.n_attributions) for r in a.itertuples()}
    assert got["Sergei Lavrov"] == ("person", "official", 3, 1)
    assert got["Vladimir Makei"] == ("person", "official", 2, 1)
    assert got["Alexander Lukashenko"] == ("person", "official", 1, 0)
    assert got["the opposition"] == ("group", "opposition", 1, 0)
    first = a.set_index("actor").loc["Alexander Lukashenko", "first_start"]
    assert re.match("President Alexander Lukashenko", text[first:])


def test_shared_registry_description_goes_to_the_most_salient_actor(tmp_path: Path) -> None:
    p = tmp_path / "actors.csv"
    p.write_text(
        "name,aliases,descriptions,role,gender\n"
        "Pavel Drozd,Drozd,the minister,official,male\n"
        "Viktor Halan,Halan,the minister;Valdoria's top diplomat,official,male\n",
        encoding="utf-8",
    )
    reg = load_actors(p)
    text = (
        "Drozd said one thing. Halan said another. The minister added more. "
        "Drozd said no. The minister insisted."
    )
    got = resolve(text, ["Drozd", "Halan", "The minister", "Drozd", "The minister"], actors=reg)
    assert [g[0] for g in got] == [
        "Pavel Drozd",
        "Viktor Halan",
        "Viktor Halan",
        "Pavel Drozd",
        "Pavel Drozd",
    ]


def test_org_names_lose_the_article_and_short_forms_find_the_full_name() -> None:
    text = (
        "The dictator Aleksander Vorin spoke on Monday. The Interior Ministry said all was calm. "
        "Vorin said the army was loyal. The Valdorian leader added that nothing would change."
    )
    got = resolve(text, ["The Interior Ministry", "Vorin", "The Valdorian leader"])
    assert [g[0] for g in got] == ["Interior Ministry", "Aleksander Vorin", "The Valdorian leader"]
    assert got[0][1:] == ("official", "", "keyword:ministry")


def test_description_country_from_an_unlisted_demonym() -> None:
    text = (
        "Serevian Foreign Minister Dmitar Oskolov met Foreign Minister Viktor Halan of Valdoria. "
        "Halan said little. Serevia's top diplomat said more."
    )
    got = resolve(text, ["Halan", "Serevia's top diplomat"])
    assert [g[0] for g in got] == ["Viktor Halan", "Dmitar Oskolov"]
    assert got[1][2] == "Serevia"


def test_anonymity_clause_after_the_mention_makes_the_speaker_anonymous() -> None:
    text = "Shots were fired, a police officer who asked not to be named said on Monday."
    r = rows(text, ["a police officer"])
    got = resolve_speakers(Document("d", text), r)
    assert got[["speaker", "speaker_role", "role_rule"]].values.tolist() == [
        ["a police officer who asked not to be named", "anonymous", "anonymous_phrase"]
    ]


def test_description_then_name_resolves_to_the_name() -> None:
    text = (
        "The head of the port authority, Ivo J. Tran, said that the cranes were idle. "
        "Tran added that repairs would take a week."
    )
    doc = Document("t", text)
    rows = resolve_speakers(doc, extract_attributions(doc))
    assert rows["speaker"].tolist() == ["Ivo J. Tran", "Ivo J. Tran"]
