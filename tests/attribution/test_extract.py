"""Attribution extraction: example tables (text -> kind, content, cue, speaker mention).

Every fixture sentence is written for these tests; expectations are read off by hand.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framelens.attribution.cues import load_cues
from framelens.attribution.extract import (
    ATTRIBUTION_SCHEMA,
    attribution_spans,
    extract_attributions,
)
from framelens.corpus.model import Document


def rows(text: str) -> list[tuple[str, str, str, str]]:
    df = extract_attributions(Document("t", text))
    return [(r.kind, r.content, r.cue, r.speaker_mention) for r in df.itertuples(index=False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # direct, speaker after the quote
        ('"The talks went well," Smith said.',
         [("direct", "The talks went well,", "said", "Smith")]),
        # curly marks, inverted tag with a long mention
        ("“We are ready,” said Foreign Minister Anna Berg.",
         [("direct", "We are ready,", "said", "Foreign Minister Anna Berg")]),
        # guillemets and low-high marks
        ("«Nothing will change», the mayor stated.",
         [("direct", "Nothing will change", "stated", "the mayor")]),
        ("„Wir bleiben hier“, the envoy insisted.",
         [("direct", "Wir bleiben hier", "insisted", "the envoy")]),
        # colon-introduced
        ('Petrov stated: "The border stays open."',
         [("direct", "The border stays open.", "stated", "Petrov")]),
        # a colon introduces the whole quotation, even with narration after it, and the
        # addressee of "told" is not content
        ('Lavrov told reporters: "We will not accept this" as the talks ended.',
         [("direct", "We will not accept this", "told", "Lavrov")]),
        ("Lavrov told reporters: the talks had failed.",
         [("indirect", "the talks had failed", "told", "Lavrov")]),
        # without the colon the quoted fragment is part of a mixed clause
        ('Lavrov said "we will not accept this" as the talks ended.',
         [("mixed", '"we will not accept this" as the talks ended', "said", "Lavrov")]),
        # an age apposition after a lower-case title: the speaker phrase keeps both
        ('"I was there," retired teacher Anna Ivanova, 62, said.',
         [("direct", "I was there,", "said", "retired teacher Anna Ivanova, 62")]),
        # a coordinated clause with a subject of its own is the narrator's, not the source's
        ("Cafe owners say trade has halved, and several shops have closed for good.",
         [("indirect", "trade has halved", "say", "Cafe owners")]),
        ("Cafe owners say trade has halved and rents have doubled.",
         [("indirect", "trade has halved and rents have doubled", "say", "Cafe owners")]),
        # split quote: one attribution from the first fragment to the last
        ('"We will not," she said, "back down."',
         [("direct", 'We will not," she said, "back down.', "said", "she")]),
        # multi-sentence quote with the tag after it
        ('"Prices rose. Wages did not," the economist noted.',
         [("direct", "Prices rose. Wages did not,", "noted", "the economist")]),
        # indirect with "that"; the final period and "that" are excluded
        ("The minister affirmed that the vote was fair.",
         [("indirect", "the vote was fair", "affirmed", "The minister")]),
        ("Gomez denounced that foreign forces meddle in the region.",
         [("indirect", "foreign forces meddle in the region", "denounced", "Gomez")]),
        # indirect without "that", speaker after the clause
        ("Rebels took the airport at dawn, Colonel Diaz said.",
         [("indirect", "Rebels took the airport at dawn", "said", "Colonel Diaz")]),
        # indirect, inverted
        ("The bridge will reopen in May, said a city spokesman.",
         [("indirect", "The bridge will reopen in May", "said", "a city spokesman")]),
        # a description as the speaker, after a sentence adverbial
        ("As such, the country's top diplomat stated that talks would resume.",
         [("indirect", "talks would resume", "stated", "the country's top diplomat")]),
        # multi-word cue
        ("Okafor pointed out that the budget had shrunk.",
         [("indirect", "the budget had shrunk", "pointed out", "Okafor")]),
        # told + object + that
        ("The senator told reporters that he would vote no.",
         [("indirect", "he would vote no", "told", "The senator")]),
        # according to, on either side
        ("According to the ministry, ten people were hurt.",
         [("according_to", "ten people were hurt", "According to", "the ministry")]),
        # an initial or a title abbreviation does not end the source
        ("For farmers, according to economist Ivo J. Tran, the plan is a disaster.",
         [("according_to", "For farmers, according to economist Ivo J. Tran, the plan is a "
           "disaster", "according to", "economist Ivo J. Tran")]),
        ("Ten people were hurt, according to a source close to the ministry.",
         [("according_to", "Ten people were hurt", "according to",
           "a source close to the ministry")]),
        # mixed: a paraphrase holding a quoted fragment, speaker after
        ('The city will "fight every eviction in court," he added.',
         [("mixed", 'The city will "fight every eviction in court,', "added", "he")]),
        # mixed: cue first, quote fragment inside the clause
        ('Nkosi said that the plan "makes no sense at all" for farmers.',
         [("mixed", 'the plan "makes no sense at all" for farmers', "said", "Nkosi")]),
        # parenthetical tag: the content runs across it
        ("The plan, an aide said, is to leave on Friday.",
         [("indirect", "The plan, an aide said, is to leave on Friday", "said", "an aide")]),
        # a clause or aside between the subject and the cue, set off by commas or dashes
        # (commas inside it allowed); the speaker is the head alone
        ("Berg, speaking at a rally in Tula, Kansas, warned that taxes would rise.",
         [("indirect", "taxes would rise", "warned",
           "Berg, speaking at a rally in Tula, Kansas")]),
        ("The union, speaking at a rally in Tula, Kansas, warned that taxes would rise.",
         [("indirect", "taxes would rise", "warned", "The union")]),
        # a name before an appositive of two comma-separated parts
        ("But Ivo Tran, the head of Civic Watch, a group that sued the ministry, said that "
         "the damage was done.",
         [("indirect", "the damage was done", "said",
           "Ivo Tran, the head of Civic Watch, a group that sued the ministry")]),
        # a description with the name second: the mention holds both
        ("On Monday, however, the head of the port authority, Ivo J. Tran, said that the "
         "cranes were idle.",
         [("indirect", "the cranes were idle", "said",
           "the head of the port authority, Ivo J. Tran")]),
        # an appositive clause, then a time adverbial before the cue
        ("Berg, who chairs the committee, on Friday declared the vote was rigged.",
         [("indirect", "the vote was rigged", "declared", "Berg, who chairs the committee")]),
        # a participle after a document that carries the speaker's words
        ("On Saturday, Ruiz issued a statement saying that the port would reopen.",
         [("indirect", "the port would reopen", "saying", "Ruiz")]),
        # a time adverbial between the subject and the cue
        ("Ruiz on Tuesday said that the vote would wait.",
         [("indirect", "the vote would wait", "said", "Ruiz")]),
        ("Farm groups today argue that prices are too low.",
         [("indirect", "prices are too low", "argue", "Farm groups")]),
        ("The ministry last week had warned that prices would rise.",
         [("indirect", "prices would rise", "warned", "The ministry")]),
        # a participle takes no inverted subject: the name after it is content
        ("Berg defended the mayor, saying Mr. Ruiz deserved a medal.",
         [("indirect", "Mr. Ruiz deserved a medal", "saying", "Berg")]),
        # ... and its speaker skips a sentence-initial time phrase
        ("This year, Berg defended the mayor, saying Mr. Ruiz deserved a medal.",
         [("indirect", "Mr. Ruiz deserved a medal", "saying", "Berg")]),
        ("The port authority, which runs the docks, said the cranes were idle.",
         [("indirect", "the cranes were idle", "said", "The port authority")]),
        ("The judge -- who had ruled twice before -- said she regretted the delay.",
         [("indirect", "she regretted the delay", "said", "The judge")]),
        ("The mayor, however, said the plan was dead.",
         [("indirect", "the plan was dead", "said", "The mayor")]),
        # (after a name, the aside stays in the mention, like any appositive)
        ("Okafor, in an interview with a local radio station, said the budget had shrunk.",
         [("indirect", "the budget had shrunk", "said",
           "Okafor, in an interview with a local radio station")]),
        ("The senator, in a statement, said the budget had shrunk.",
         [("indirect", "the budget had shrunk", "said", "The senator")]),
        # ... and auxiliaries between the appositive and the cue
        ("Ruiz, who chairs the committee, has said the vote will be delayed.",
         [("indirect", "the vote will be delayed", "said",
           "Ruiz, who chairs the committee")]),
        # a sentence-initial conjunction is not part of the name before an appositive
        ("But Ruiz, who chairs the committee, added that the vote would wait.",
         [("indirect", "the vote would wait", "added", "Ruiz, who chairs the committee")]),
        # a quotation ending in a nested quotation: the comma sits inside the inner marks
        ("“You can say ‘they are civil,’” Berg said.",
         [("direct", "You can say ‘they are civil,’", "said", "Berg")]),
        ("''I would use the word 'old-school,''' said Ivo Tran.",
         [("direct", "I would use the word 'old-school,", "said", "Ivo Tran")]),
        # a short quotation ending a relative clause after the subject is not the content
        ("Ruiz, who calls the plan a “scam,” said he would vote against it.",
         [("indirect", "he would vote against it", "said", "Ruiz")]),
        # a closing mark with no comma before a lower-case inverted tag
        ('"We had to stand by while the leaks spread" said Anna Berg, a spokeswoman.',
         [("direct", "We had to stand by while the leaks spread", "said", "Anna Berg")]),
        # a coordinated cue: the subject phrase stops before its own verb
        ("Ruiz visited the plant and said the jobs would return.",
         [("indirect", "the jobs would return", "said", "Ruiz")]),
        ("Berg spoke to workers but said the plant would close.",
         [("indirect", "the plant would close", "said", "Berg")]),
        # a participle after "by"/"before" is the act of the sentence's speaker
        ("Zucker responded by saying that the network pays no fees.",
         [("indirect", "the network pays no fees", "saying", "Zucker")]),
        ('"The danger is real," Ruiz told reporters, before insisting he had support.',
         [("direct", "The danger is real,", "told", "Ruiz"),
          ("indirect", "he had support", "insisting", "Ruiz")]),
        # the content of a cue stops before a coordinated cue, which is a row of its own
        ('Berg called the plan "reckless" and said it would fail.',
         [("indirect", 'the plan "reckless"', "called", "Berg"),
          ("indirect", "it would fail", "said", "Berg")]),
        # ... and before a new clause after "and he" or ", but for ..."
        ("Berg said the count had been rigged — and he named the officials.",
         [("indirect", "the count had been rigged", "said", "Berg")]),
        ("Ruiz says the emails were personal, but for his rivals, they are proof.",
         [("indirect", "the emails were personal", "says", "Ruiz")]),
        # a percentage as the speaker
        ("On economic issues, 42% say they are liberal.",
         [("indirect", "they are liberal", "say", "42%")]),
        # ... but a coordinated cognition verb belongs to the reported clause
        ("Berg says she is proud of the campaign and expects to win.",
         [("indirect", "she is proud of the campaign and expects to win", "says", "Berg")]),
        # ... and before a coordinated clause after a dash
        ("Farmers insist the tide is turning — and the senate is listening.",
         [("indirect", "the tide is turning", "insist", "Farmers")]),
        # a promise or vow reports its to-infinitive; "agreed to" a noun phrase does not
        ("The mayor vowed to fight the ruling in court.",
         [("indirect", "to fight the ruling in court", "vowed", "The mayor")]),
        ("The parties agreed to a deal.", []),
        # a sentence opening with adverbials only is not the content of a later tag
        ("In a letter, the mayor promised to resign.",
         [("indirect", "to resign", "promised", "the mayor")]),
        ("In Tula, prices rose sharply, the minister said.",
         [("indirect", "In Tula, prices rose sharply", "said", "the minister")]),
        # participles after a comma continue the speaker; a determiner makes a noun
        ("Berg criticized the budget, warning that costs would double.",
         [("indirect", "the budget", "criticized", "Berg"),
          ("indirect", "costs would double", "warning", "Berg")]),
        ("The mayor issued a warning that costs would double.", []),
        # participle continuing the same speaker
        ("Officials said the dam held, adding that repairs would start soon.",
         [("indirect", "the dam held", "said", "Officials"),
          ("indirect", "repairs would start soon", "adding", "Officials")]),
        # the typewriter pair '' used as double quotes
        ("''It is over,'' Mr. Hale said.", [("direct", "It is over,", "said", "Mr. Hale")]),
        # a quotation after the tag that closes with its own comma or final mark is the
        # whole content: the narration after the closing mark is not quoted
        ('The minister said "this is a disgraceful, terrible attack," before the calm '
         'session ended.',
         [("direct", "this is a disgraceful, terrible attack,", "said", "The minister")]),
        ('The mayor declared: "We will rebuild every house!" as the crowd cheered.',
         [("direct", "We will rebuild every house!", "declared", "The mayor")]),
        # ... but a fragment with no closing punctuation stays inside a mixed clause
        ('Nkosi said "the plan makes no sense" for most farmers.',
         [("mixed", '"the plan makes no sense" for most farmers', "said", "Nkosi")]),
        # ... and so does a quotation followed by another in the same sentence
        ('Hale said "the vote was fair," and the count "was clean."',
         [("mixed", '"the vote was fair," and the count "was clean."', "said", "Hale")]),
        # negative: scare quotes and titles are not quotes; "so-called" is not a cue
        ("The so-called 'opposition council' met on Monday.", []),
        ('The so-called "opposition council" met on Monday.', []),
        ('They watched the film "Red Square" twice.', []),
        # negative: "said" as an adjective, a noun after a determiner or possessive
        ("The said agreement expired in June.", []),
        ("His claims were never tested.", []),
        ("Trump's claim drew no response.", []),
        # negative: passives name no speaker ("was told": the subject is the addressee),
        # a phrasal "called off", and a bare form after "a" and an adjective is a noun
        ("On Thursday, the dissolution of the club was announced.", []),
        ("He was told that the vote was lost.", []),
        ("The strike was either called off or postponed.", []),
        ("The plan drew a sharp reply from the mayor.", []),
        # ... while "it was reported that" keeps its clause (no speaker to resolve)
        ("It was reported that the talks had failed.",
         [("indirect", "the talks had failed", "reported", "It")]),
        # a headline in title case: the capitalised cue is a cue, not part of a name
        ("Senator Ruiz Says He Will Fight The Ruling",
         [("indirect", "He Will Fight The Ruling", "Says", "Senator Ruiz")]),
        # ... only the article's first paragraph is its headline: a "Related:" link is not
        ("The talks ended on Monday.\n\nRELATED:\n\nRussia Might Intervene, Putin Says", []),
        # "calls for" after its subject is a verb; after a determiner a noun
        ("Ruiz calls for a ban on fracking.",
         [("indirect", "for a ban on fracking", "calls", "Ruiz")]),
        ("The calls for a ban grew louder.", []),
        # auxiliaries, "now" and contractions are not the speaker
        ("It doesn't tell us whether the plan will pass.",
         [("indirect", "us whether the plan will pass", "tell", "It")]),
        ("And I can now say that the plan failed.",
         [("indirect", "the plan failed", "say", "I")]),
        # a split infinitive is not a cue
        ("He promises to immediately declare a holiday.", []),
        # a wire dateline is not a sentence's subject
        ("TULA, Kan. (Reuters) - Mayor Ruiz met farmers on Thursday and said prices would rise.",
         [("indirect", "prices would rise", "said", "Mayor Ruiz")]),
        # a comparison aside between subject and cue
        ("Farm economists, like their urban colleagues, say prices will rise.",
         [("indirect", "prices will rise", "say", "Farm economists")]),
        # an aside between the cue and "that"
        ("Berg said, per a translator, that the server was open.",
         [("indirect", "the server was open", "said", "Berg")]),
        ("The firm contended in its letter, written by Ivo J. Tran, that the fees were legal.",
         [("indirect", "the fees were legal", "contended", "The firm")]),
        # naming with a capitalised determiner, and "adding to" in its non-speech sense
        ("An advocacy group called Fair Roads is expanding.", []),
        ("Ruiz won the primary in Tula, adding to his earlier victories.", []),
        # a one-word answer
        ("Asked whether he would run, the mayor said no.",
         [("indirect", "whether he would run", "Asked", ""),
          ("indirect", "no", "said", "the mayor")]),
        # negative: an idiom and a capitalised name that contains a cue form
        ("That is easier said than done.", []),
        ("The United States Navy sailed north.", []),
        # negative: a quotation with no cue anywhere
        ('The slogan "bread and peace" filled the square.', []),
        # negative: scare quotes in the bare object of a non-speech use of a cue
        ('Officials praised the so-called "calm" streets.', []),
        ('Critics denounced the "reform" plan.', []),
        # ... while the same verbs with a plain object, or "said" with a clause, still count
        ("Officials praised the quiet streets.",
         [("indirect", "the quiet streets", "praised", "Officials")]),
        ('Officials said the so-called "calm" streets were safe.',
         [("indirect", 'the so-called "calm" streets were safe', "said", "Officials")]),
        # "called X 'Y'" quotes the word someone used: not a scare quote
        ('Critics called the plan "reckless" and "vague."',
         [("indirect", 'the plan "reckless" and "vague."', "called", "Critics")]),
    ],
)  # fmt: skip
def test_extraction_table(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert rows(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = 'Intro line.\n\n"We will not," she said, "back down." Later, Lee claimed that it failed.'
    df = extract_attributions(Document("d", text))
    assert len(df) == 2
    for r in df.itertuples(index=False):
        assert text[r.content_start : r.content_end] == r.content
        assert text[r.cue_start : r.cue_end] == r.cue
        assert text[r.speaker_start : r.speaker_end] == r.speaker_mention
    first = df.iloc[0]
    assert (first.content_start, first.content_end) == (14, 49)
    assert first.cue_lemma == "say" and first.cue_class == "neutral"
    assert df.iloc[1].cue_class == "distancing" and df.iloc[1].speaker_mention == "Lee"


def test_schema_and_empty_frame() -> None:
    df = extract_attributions(Document("d", "Nothing is attributed here."))
    assert list(df.columns) == list(ATTRIBUTION_SCHEMA)
    assert len(df) == 0
    full = extract_attributions(Document("d", '"Yes," Ana said.'))
    assert list(full.columns) == list(ATTRIBUTION_SCHEMA)
    assert str(full["content_start"].dtype) == "int64"
    assert full.iloc[0].attribution_id == "d:1"
    assert full.iloc[0].sentence_id == 0
    assert full.iloc[0][
        ["speaker", "speaker_role", "speaker_affiliation", "role_rule"]
    ].tolist() == [
        "",
        "",
        "",
        "",
    ]
    meta = full.attrs["framelens"]
    assert meta["cue_lexicon_version"] == load_cues().version


def test_sentence_id_indexes_sentence_spans() -> None:
    text = "First sentence here. Second one. Ana said the river rose."
    df = extract_attributions(Document("d", text))
    assert df["sentence_id"].tolist() == [2]


def test_missing_closing_mark_recovers_at_next_paragraph() -> None:
    text = (
        'Ivanova said: "We will never stop.\n\n'
        "The minister replied that the talks had failed.\n\n"
        '"It is done," Ruiz said.'
    )
    df = extract_attributions(Document("d", text))
    assert df[["kind", "content", "speaker_mention"]].values.tolist() == [
        ["direct", "We will never stop.", "Ivanova"],
        ["indirect", "the talks had failed", "The minister"],
        ["direct", "It is done,", "Ruiz"],
    ]
    assert "no closing mark" in df.iloc[0].warning
    assert df.iloc[1].warning == "" and df.iloc[2].warning == ""
    assert df.attrs["framelens"]["quote_warnings"]


def test_multi_paragraph_quote_reopens_each_paragraph() -> None:
    text = '"First part of the statement.\n\n"Second part," the spokesman said.\n\nNext item.'
    df = extract_attributions(Document("d", text))
    assert len(df) == 1
    assert df.iloc[0].content == 'First part of the statement.\n\n"Second part,'
    assert df.iloc[0].speaker_mention == "the spokesman"


def test_attribution_spans_sorted_and_cover_contents() -> None:
    text = 'Lee said that taxes rose. "No," Kim replied. Rain fell, according to the agency.'
    spans = attribution_spans(Document("d", text))
    assert spans == sorted(spans)
    assert [text[s:e] for s, e in spans] == ["taxes rose", "No,", "Rain fell"]


def test_custom_lexicon_changes_classes(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "cues.yaml"  # type: ignore[operator]
    path.write_text(
        'version: "t1"\ncues:\n  say: {class: distancing, forms: [said]}\n', encoding="utf-8"
    )
    lex = load_cues(path)
    df = extract_attributions(Document("d", "Ana said that it rained. Bo claimed it."), cues=lex)
    assert df[["cue", "cue_class"]].values.tolist() == [["said", "distancing"]]
    assert df.attrs["framelens"]["cue_lexicon_version"] == "t1"


def test_seed_page_mentions(seed_text: str) -> None:
    df = extract_attributions(Document("seed", seed_text))
    got = list(zip(df["cue"], df["speaker_mention"], df["kind"], strict=True))
    assert got == [
        ("denounced", "Russia's Foreign Minister Sergei Lavrov", "indirect"),
        ("declared", "Russia's Foreign Minister Sergei Lavrov", "indirect"),
        ("announced", "Lavrov", "indirect"),
        ("affirmed", "Belarus' Foreign Minister\xa0Vladimir Makei", "indirect"),
        ("sustained", "Makei", "direct"),
        ("said", "Makei", "indirect"),
        ("stated", "Russia's top diplomat", "indirect"),
        ("stated", "Lavrov", "direct"),
        ("added", "he", "mixed"),
        ("said", "Lavrov", "direct"),
        ("declared", "the Foreign Minister", "indirect"),
        ("clarified", "he", "direct"),
    ]
    assert set(df["cue_class"]) == {"neutral", "endorsing", "emotive"}


@pytest.fixture
def seed_text() -> str:
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "corpus" / "seed"
    files = sorted(path.glob("*.txt")) + sorted(path.glob("*.md"))
    if not files:
        pytest.skip(f"seed article not found under {path}")
    return files[0].read_text(encoding="utf-8")


def test_frame_is_a_dataframe_with_text_dtypes() -> None:
    df = extract_attributions(Document("d", '"Yes," Ana said.'))
    assert isinstance(df, pd.DataFrame)
    assert df["content"].tolist() == ["Yes,"]


def test_quotes_command_writes_jsonl_and_csv(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from framelens.cli import app

    (tmp_path / "articles").mkdir()
    art = tmp_path / "articles" / "a1.md"
    art.write_text(
        "---\noutlet: Port Daily\ntitle: Port\n---\n"
        "Mayor Lina Ortiz visited the port.\n\n"
        '"The port will reopen," Ortiz said.\n\n'
        "Workers were hurt, according to the union.\n",
        encoding="utf-8",
    )
    out = tmp_path / "q.jsonl"
    res = CliRunner().invoke(app, ["quotes", str(art), "--format", "jsonl", "--out", str(out)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["kind"], r["content"], r["speaker_mention"]) for r in recs] == [
        ("direct", "The port will reopen,", "Ortiz"),
        ("according_to", "Workers were hurt", "the union"),
    ]
    res = CliRunner().invoke(app, ["quotes", str(tmp_path / "articles"), "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].startswith("doc_id,attribution_id,kind,")
    assert len(lines) == 3
    bad = CliRunner().invoke(app, ["quotes", str(art), "--format", "xml"])
    assert bad.exit_code == 2
    # a quote continued after its tag: one row by default, two with --continuations separate
    art.write_text(
        '---\noutlet: Port Daily\n---\n"The port will reopen," Ortiz said. "Ships are waiting."\n',
        encoding="utf-8",
    )
    for mode, n_rows in (("merge", 1), ("separate", 2)):
        res = CliRunner().invoke(app, ["quotes", str(art), "--continuations", mode])
        assert res.exit_code == 0, res.output
        assert len(res.stdout.splitlines()) == n_rows
    bad = CliRunner().invoke(app, ["quotes", str(art), "--continuations", "split"])
    assert bad.exit_code == 2
    assert "--continuations must be merge or separate" in bad.stderr


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("separate", [("Prices rose,", "she"), ("Wages fell.", "she")]),
        ("merge", [('Prices rose," she said. "Wages fell.', "she")]),
    ],
)
def test_continuation_quotes(mode: str, expected: list[tuple[str, str]]) -> None:
    text = '"Prices rose," she said. "Wages fell."\n\n"Next paragraph," he said.'
    df = extract_attributions(Document("d", text), continuations=mode)  # type: ignore[arg-type]
    got = list(zip(df["content"], df["speaker_mention"], strict=True))
    assert got == [*expected, ("Next paragraph,", "he")]
    assert len(set(df["cue_start"].iloc[: len(expected)])) == 1  # one tag, one cue


def test_continuations_option_is_validated() -> None:
    with pytest.raises(ValueError, match="continuations"):
        extract_attributions(Document("d", "x"), continuations="both")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a long speaker phrase between the quotation and the cue
        ('"It was agreed," a diplomat who attended the talks said.',
         [("direct", "It was agreed,", "said", "a diplomat who attended the talks")]),
        # an appositive after the name
        ("Ana Ruiz, the head of the union, said on Monday that the strike would go on.",
         [("indirect", "the strike would go on", "said", "Ana Ruiz, the head of the union")]),
        # a party label in parentheses
        ('"We will see," Sen. Rob Hale (R-Utah) said.',
         [("direct", "We will see,", "said", "Sen. Rob Hale")]),
        # anonymity clause: "asked" is not a cue, the clause is not part of the speaker
        ('"We waited," a guard who asked not to be named said.',
         [("direct", "We waited,", "said", "a guard")]),
        # passives, infinitives and event objects are not attributions
        ("The sanctions announced by the council took effect.", []),
        ("She went to the square to explain the plan.", []),
        ("The court rejected the complaint on Friday.", []),
        ("Talks continued in the capital until midnight.", []),
        ("The bombshell claim from the capital was never proved.", []),
        ("They used a program called BleachBit.", []),
        ("Lena Sorel reported from Kyiv.", []),
        # a reported question with no named asker, then the answer
        ("Asked whether he would run again, Reid said he would not.",
         [("indirect", "whether he would run again", "Asked", ""),
          ("indirect", "he would not", "said", "Reid")]),
        ("Asked by reporters about the deal, the mayor said nothing.",
         [("indirect", "about the deal", "Asked", "reporters")]),
        # "according to" in the middle: the content is on both sides
        ("Over the long term, according to the agency, the deficit will grow.",
         [("according_to", "Over the long term, according to the agency, the deficit will grow",
           "according to", "the agency")]),
    ],
)  # fmt: skip
def test_speaker_phrases_and_non_cues(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert rows(text) == expected
