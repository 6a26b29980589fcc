"""Statements: golden texts through the real English model, plus fast unit tests of the quote-mark scanner."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from nlp.quotes.dates import resolve_word, weekday_on_or_before
from nlp.quotes.quote_marks import find_quotes

GOLDEN = json.loads((Path(__file__).parent / "golden" / "statements.json").read_text(encoding="utf-8"))["cases"]


def run(nlp, case):
    doc = nlp.make_doc(case["text"])
    doc._.published = dt.date.fromisoformat(case["published"])
    return nlp(doc)


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_statements_golden(nlp, case):
    doc = run(nlp, case)
    found = doc._.statements
    for want in case["statements"]:
        hits = [s for s in found if s.text.startswith(want["text_start"]) or want["text_start"] in s.text[:80]]
        assert hits, f"{case['id']}: no statement starting {want['text_start']!r} in {[s.text for s in found]}"
        s = hits[0]
        if want.get("starts_exactly"):
            assert s.text.startswith(want["text_start"]), (case["id"], s.text)
        assert s.speaker == want["speaker"], (case["id"], s)
        assert s.cue == want["cue"], (case["id"], s)
        if "speaker_title" in want:
            assert s.speaker_title == want["speaker_title"], (case["id"], s)
        if want.get("kind"):
            assert s.kind == want["kind"], (case["id"], s)
        if want.get("fragments"):
            assert len(s.fragments) == want["fragments"], (case["id"], s)
        if want.get("date"):
            assert s.date == dt.date.fromisoformat(want["date"]), (case["id"], s)
        assert 0.0 <= s.confidence <= 1.0
        assert doc.text[s.start:s.end].startswith(doc.text[s.fragments[0][0]:s.fragments[0][1]][:10])
    if case.get("exact"):
        assert len(found) == len(case["statements"]), [s.text for s in found]


def test_statements_fresh_on_each_doc(nlp):
    a = run(nlp, GOLDEN[0])
    b = run(nlp, next(c for c in GOLDEN if c["id"] == "scare_quotes"))
    assert a._.statements and b._.statements == []


def test_statement_date_defaults_to_article_date(nlp):
    doc = run(nlp, next(c for c in GOLDEN if c["id"] == "split_quote"))
    assert doc._.statements[0].date == dt.date(2025, 5, 14)


def test_pronoun_mention_added_to_official(nlp):
    doc = run(nlp, next(c for c in GOLDEN if c["id"] == "pronoun_after_named"))
    okafor = next(o for o in doc._.officials if o.name == "Tomas Okafor")
    assert "he" in [m.text for m in okafor.mentions]


def _record(nlp, text: str) -> dict:
    """``extract``'s record of a text, as the tests of speaker kinds read it."""
    from nlp.records import doc_to_record

    return doc_to_record(nlp(text), source="t.txt")


def _speaker_kinds(record: dict) -> dict[str, str]:
    return {s["speaker"]: s["speaker_kind"] for s in record["statements"]}


def test_unnamed_market_people_are_no_organization(nlp):
    """A trader or dealer left unnamed is a group of people in the record, not an organization named after
    them, whatever bank their words name."""
    text = ("Shares in Lisbon fell sharply on Monday, a senior Harbour Bank equity trader said.\n\n"
            "Bond yields will climb further, foreign exchange dealers at a Danish bank said.\n\n"
            "Central bank governor Lars Holm said rates would stay on hold.\n\n"
            "One trader at a Swedish bank noted the krona weakened. \u201cNobody expected that,\u201d he said.")
    record = _record(nlp, text)
    kinds = {s["speaker"]: (s["speaker_kind"], s["organization"]) for s in record["statements"]}
    assert kinds == {"senior Harbour Bank equity trader": ("group", None),
                     "foreign exchange dealers at a Danish bank": ("group", None),
                     "Lars Holm": ("person", None),
                     "One trader at a Swedish bank": ("group", None)}
    assert record["organizations"] == []


def test_a_joint_statement_of_two_bodies_is_not_the_first_body(nlp):
    """A statement several bodies put out together is theirs jointly: the first body's mention is not an alias
    of the joint speaker, so the store never takes the two for one organization (nor renames the first after
    the longer joint string)."""
    text = ("Import rules for online sellers will change in May, the Ministry of Finance and the General "
            "Administration of Customs said on Thursday.\n\n"
            "Duties on baby formula will fall next year, the Ministry of Finance said separately.")
    record = _record(nlp, text)
    aliases = {o["name"]: o["aliases"] for o in record["organizations"]}
    assert aliases["Ministry of Finance and the General Administration of Customs"] == [
        "Ministry of Finance and the General Administration of Customs",
        "the Ministry of Finance and the General Administration of Customs"]
    assert "the Ministry of Finance" in aliases["Ministry of Finance"]


def test_what_an_official_issued_speaks_for_them_but_is_no_alias(nlp):
    """A statement an official issued speaks for them ("The statement said" after "Minister X issued a
    statement"), but "The statement" is no name of the person: the store would show it among their aliases."""
    text = ("SANTIAGO, May 4 -- Chilean Trade Minister Lena Ortiz issued a statement on Monday after the talks. "
            "The statement said Chile would answer any new duties in kind and would take the case to the WTO.")
    record = _record(nlp, text)
    assert [s["speaker"] for s in record["statements"]] == ["Lena Ortiz"]
    assert {o["name"]: o["aliases"] for o in record["officials"]} == {"Lena Ortiz": ["Lena Ortiz"]}


def test_a_hyphenated_surname_alone_is_an_alias(nlp):
    """A surname joined by a hyphen ("Fierro-Wells") is a word of the full name, whatever entity the model reads it
    as: it stays among the official's aliases."""
    text = ("CANBERRA, May 4 -- Trade Minister Ana Fierro-Wells of Chile said on Monday that copper duties would "
            "stay. Fierro-Wells added that talks with Lima would resume in June.")
    record = _record(nlp, text)
    assert {o["name"]: o["aliases"] for o in record["officials"]} == {
        "Ana Fierro-Wells": ["Ana Fierro-Wells", "Fierro-Wells"]}


def test_confederations_alliances_and_secretariats_speak_as_organizations(nlp):
    """Bodies named as a confederation, an alliance, a secretariat or an assembly are institutions, as
    federations and associations were: their words go to an organization, not to an unnamed group."""
    text = ("The Confederation of Andean Farmers said quinoa exports would fall by 8% this year.\n\n"
            "The Pacific Wine Alliance said the new duties would cost growers $40 million.\n\n"
            "The WTO Secretariat said world trade would grow by 3% next year.")
    record = _record(nlp, text)
    assert [(s["speaker"], s["speaker_kind"]) for s in record["statements"]] == [
        ("the Confederation of Andean Farmers", "organization"), ("the Pacific Wine Alliance", "organization"),
        ("the WTO Secretariat", "organization")]


def test_firms_the_model_reads_as_people_speak_as_firms(nlp):
    """Firms quoted for their views whose one-word names the small model tags as a person's ("Fitch said",
    "Mintel said") speak as organizations and are no people; a person whose surname is such a name ("Laura
    Fitch", "Mr Nielsen") stays a person."""
    firms = _record(nlp, "The outlook for the bank is stable, Fitch said on Monday.\n\n"
                         "Demand for plant-based food is rising, Mintel said.\n\n"
                         "\u201cMargins are thin,\u201d McKinsey said in its report.")
    assert _speaker_kinds(firms) == {"Fitch": "organization", "Mintel": "organization", "McKinsey": "organization"}
    assert firms["officials"] == []
    people = _record(nlp, "Laura Fitch, an economist at Harbour Bank, said growth would slow. Fitch said rates would "
                          "fall.\n\nMr Nielsen said the plant would close. \u201cWe had no choice,\u201d Nielsen said.")
    assert _speaker_kinds(people) == {"Laura Fitch": "person", "Nielsen": "person"}


def test_institutions_named_with_the_are_no_people(nlp):
    """A capitalised name written after "the" is an institution or an outlet, never a person; the United Nations
    and an embassy are institutions by name."""
    text = ("The United Nations warned on Friday that food aid to the region would run out by June.\n\n"
            "The Canadian Embassy said in a statement that its staff were safe.\n\n"
            "Fuel prices rose 8% in a week, according to the Marrow Valley Courier.")
    record = _record(nlp, text)
    assert _speaker_kinds(record) == {"the United Nations": "organization", "the Canadian Embassy": "organization",
                     "the Marrow Valley Courier": "organization"}
    assert record["officials"] == []


def test_firms_named_with_an_ampersand_or_their_own_possessive(nlp):
    """"Halden & Rowe" and "Kettering's" are firms' names: whole, and organizations, never people (the model
    often leaves such names untagged, and the parser joins the two sides of "&" as two nouns)."""
    text = ("Retail results\n\nHalden & Rowe said sales fell 2% in the quarter. Kettering's said it would close "
            "ten stores. Japan's trade ministry said exports to Europe rose for a third month.")
    record = _record(nlp, text)
    assert _speaker_kinds(record) == {"Halden & Rowe": "organization", "Kettering's": "organization",
                     "Japan's trade ministry": "organization"}


def test_an_abbreviated_rank_does_not_end_a_sentence(nlp):
    """"Cmdr." or "Lt. Col." before a name keeps its full stop: no sentence ends there, the rank is no person and
    no part of the title before it ("Trade Representative Amb. X" is a trade representative)."""
    from nlp.records import doc_to_record

    doc = nlp("The camp holds about 9,000 people, aid groups say.\n\n"
              "Cmdr. Dana Reyes, a spokesperson for the naval task force, told reporters the claim was false.\n\n"
              "Officials met on Monday. Lt. Col. Lena Fisk said the base would stay open.\n\n"
              "Trade Representative Amb. Ruth Calder said the talks would resume.")
    assert not [s for s in doc.sents if s.text.strip() in ("Cmdr.", "Lt.", "Lt. Col.", "Col.")]
    record = doc_to_record(doc, source="t.txt")
    assert [s["speaker"] for s in record["statements"]] == ["aid groups", "Dana Reyes", "Lena Fisk", "Ruth Calder"]
    titles = {o["name"]: o["title"] for o in record["officials"]}
    assert titles["Ruth Calder"] == "Trade Representative" and "Cmdr" not in titles


# ---------------------------------------------------------------- fast unit tests
@pytest.mark.parametrize(
    "text, pieces",
    [
        ('He said "yes," then left.', ['"yes,"']),
        ("\u201cA.\u201d and \u201cB.\u201d", ["\u201cA.\u201d", "\u201cB.\u201d"]),
        ("The ''old style'' marks.", ["''old style''"]),
        ("No quotes here.", []),
        ("\u201cRuns to the end of the line\nNext paragraph.", ["\u201cRuns to the end of the line"]),
    ],
)
def test_find_quotes_pieces(text, pieces):
    assert [text[q.start:q.end] for q in find_quotes(text)] == pieces


def test_find_quotes_links_paragraph_continuation():
    text = "\u201cFirst paragraph.\n\n\u201cSecond one,\u201d she said."
    qs = find_quotes(text)
    assert [q.closed for q in qs] == [False, True]
    assert [q.continues for q in qs] == [False, True]


def test_find_quotes_unbalanced_mark_stays_in_its_paragraph():
    text = 'A stray " mark.\nA \u201cclean\u201d one.'
    qs = find_quotes(text)
    assert all(text[q.start:q.end].count("\n") == 0 for q in qs)
    assert "\u201cclean\u201d" in [text[q.start:q.end] for q in qs]


@pytest.mark.parametrize(
    "word, published, expected",
    [
        ("Tuesday", dt.date(2025, 5, 14), dt.date(2025, 5, 13)),  # a Wednesday paper
        ("Wednesday", dt.date(2025, 5, 14), dt.date(2025, 5, 14)),
        ("Thursday", dt.date(2025, 5, 14), dt.date(2025, 5, 8)),
        ("yesterday", dt.date(2025, 5, 14), dt.date(2025, 5, 13)),
        ("soon", dt.date(2025, 5, 14), None),
    ],
)
def test_dates_resolve_word(word, published, expected):
    assert resolve_word(word, published) == expected


def test_weekday_on_or_before_same_day():
    assert weekday_on_or_before(dt.date(2025, 5, 12), 0) == dt.date(2025, 5, 12)


def test_participle_subject_stops_at_the_paragraph_break(nlp):
    """The parser may hang a paragraph's main verb under the paragraph before ("Lind noted" as a complement of
    the previous paragraph's verb); a participle cue ("…, mentioning …") then belongs to this paragraph's
    subject, not to the subject of the verb a paragraph up. The parse is built by hand to pin that case."""
    from spacy.tokens import Doc

    from nlp.quotes.attribution import Attributor
    from nlp.quotes.speakers import SpeakerResolver

    words = ["Rates", "fell", ".", "\n\n", "Lind", "noted", "talks", "stalled", ",", "mentioning", "critics",
             "objected", "."]
    heads = [1, 1, 1, 2, 5, 1, 7, 5, 7, 7, 11, 9, 5]
    deps = ["nsubj", "ROOT", "punct", "dep", "nsubj", "ccomp", "nsubj", "ccomp", "punct", "advcl", "nsubj",
            "ccomp", "punct"]
    tags = ["NNS", "VBD", ".", "_SP", "NNP", "VBD", "NNS", "VBD", ",", "VBG", "NNS", "VBD", "."]
    spaces = [True, False, False, False, True, True, True, False, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags)
    attributor = Attributor(doc, [], SpeakerResolver(doc, [], []))
    assert attributor.subject_of(doc[9]).text == "Lind"


@pytest.mark.parametrize(
    "text, pieces",
    [
        # single marks as the house style: apostrophes and a plural possessive inside are no marks
        ("He said: \u2018We can\u2019t wait.\u2019 Then: \u2018The growers\u2019 union agrees.\u2019",
         ["\u2018We can\u2019t wait.\u2019", "\u2018The growers\u2019 union agrees.\u2019"]),
        ("'It is over,' she said. 'The farmers' interests come first,' he replied.",
         ["'It is over,'", "'The farmers' interests come first,'"]),
        # one quoted headline phrase in single marks beside double-quoted speech: the double marks rule
        ("Tariffs on \u2018Liberation Day\u2019\n\u201cWe will talk,\u201d she said. \u201cNot now.\u201d",
         ["\u201cWe will talk,\u201d", "\u201cNot now.\u201d"]),
    ],
)
def test_find_quotes_single_mark_style(text, pieces):
    assert [text[q.start:q.end] for q in find_quotes(text)] == pieces


def test_a_speaker_never_keeps_the_line_breaks_an_entity_took_in(nlp):
    # the model's entities can run over the blank lines after a headline ("… says US Trade Rep\n\n\n")
    from spacy.tokens import Span

    doc = nlp.make_doc("Steel duties are coming \"very soon,\" says US Trade Rep\n\n\nMore talks follow on Monday.")
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "ner":
            doc.ents = [Span(doc, 10, 14, label="ORG")]
    assert [e.text for e in doc.ents] == ["US Trade Rep\n\n\n"]
    [statement] = doc._.statements
    assert statement.speaker == "US Trade Rep"
    assert doc.text[statement.speaker_start:statement.speaker_end] == "US Trade Rep"


@pytest.mark.parametrize("text, speaker, cue, said", [
    ("The finance minister made clear that the levy would stay in place until the autumn.",
     "The finance minister", "made clear", "the levy would stay in place until the autumn"),
    ("The trade commissioner made it clear that Brussels would not accept the quota.",
     "The trade commissioner", "made it clear", "Brussels would not accept the quota"),
    ("Before the vote, Chancellor Ana Weber had made clear that her government would abstain.",
     "Ana Weber", "made clear", "her government would abstain"),
])
def test_made_clear_that_reports_what_was_said(nlp, text, speaker, cue, said):
    [statement] = nlp(text)._.statements
    assert (statement.speaker, statement.cue, statement.text) == (speaker, cue, said)
    assert statement.kind == "indirect"


def test_surname_speakers_take_the_full_name_another_statement_gives():
    """"said Ada Quist … Quist added … she said": one name per person, also when the model took the full name for
    an organization's (with a title and a quote mark glued to it) and found the surname alone as a person."""
    from nlp.quotes.full_names import surnames_to_full_names
    from nlp.quotes.drafts import Draft
    from nlp.quotes.speakers import Speaker

    drafts = [Draft(fragments=[(0, 10)], kind="indirect", speaker=Speaker(name='" General Ada Quist', kind="organization")),
              Draft(fragments=[(20, 30)], kind="indirect", speaker=Speaker(name="Quist", kind="organization")),
              Draft(fragments=[(40, 50)], kind="direct", speaker=Speaker(name="Quist", kind="pronoun")),
              Draft(fragments=[(60, 70)], kind="indirect", speaker=Speaker(name="Nordbank Group", kind="organization")),
              Draft(fragments=[(80, 90)], kind="indirect", speaker=Speaker(name="Group", kind="organization"))]
    surnames_to_full_names(drafts)
    assert [d.speaker.name for d in drafts] == ["Ada Quist", "Ada Quist", "Ada Quist", "Nordbank Group", "Group"]


def test_a_speaker_named_with_mr_or_ms_or_as_he_or_she_is_a_person(nlp):
    """A one-word name that could be a town or a brand ("Ms Luton", "Mr Bristol") is a person when the text puts
    an honorific before it or calls the speaker "he" or "she"."""
    text = ("Port traffic\n\nWaiting times at the quay have tripled, says Ms Luton, who runs the harbour "
            "board. \u201cWe need two more cranes,\u201d she says.\n\nMr Bristol, a shipping broker, says "
            "freight rates have doubled.")
    record = _record(nlp, text)
    kinds = {(s["speaker"], s["speaker_text"]): s["speaker_kind"] for s in record["statements"]}
    assert kinds == {("Luton", "Ms Luton"): "person", ("Luton", "she"): "person",
                     ("Bristol", "Bristol"): "person"}


def test_firm_set_off_with_its_kind_is_an_organization(nlp):
    """A firm the text introduces with a description of its kind ("X, a venture-capital fund,") or names after
    a description ("its owner, X") speaks as an organization in the record, however its name looks."""
    text = ("Savers are nervous.\n\nIn June Dunmore Ventures (DV), a venture-capital fund, said it had closed two "
            "offices.\n\nThe tower is the greenest in Europe, according to its owner, Harrow Holdings.\n\n"
            "Kell Research, an American short-seller, published a report on Monday. Its aim, according to the "
            "short-seller, was to prop up the share price.")
    record = _record(nlp, text)
    assert _speaker_kinds(record) == {"Dunmore Ventures": "organization", "Harrow Holdings": "organization",
                     "Kell Research": "organization"}


def test_a_name_set_off_as_a_hyphenated_kind_of_body_is_an_organization(nlp):
    """"a think-tank", "a start-up": the tokenizer splits the hyphenated word, so the description's head is "tank"
    or "up"; the kind is read whole, and the name it describes speaks as an organization."""
    record = _record(nlp, "Harrow Meridian, a Swedish think-tank, said rates would rise.\n\n"
                          "Kell Lantern, a fintech start-up, said sales had doubled.")
    assert _speaker_kinds(record) == {"Harrow Meridian": "organization", "Kell Lantern": "organization"}


def test_a_name_then_its_title_then_who_said_is_the_named_person(nlp):
    """"X, former head of Y, who said that …": the relative pronoun hangs on the title, which the name right before
    it owns; the statement is the person's, not a group called after the title."""
    record = _record(nlp, "Port fees\n\nThe levy was criticised by Jorge Amaral, former head of the Central Bank's "
                          "Research Division, who said that \"the levy is a mistake.\"")
    assert [(s["speaker"], s["speaker_kind"]) for s in record["statements"]] == [("Jorge Amaral", "person")]


def test_an_unnamed_employee_of_a_named_body_is_a_group_working_for_it(nlp):
    """"a senior economist with the OECD told …": an unnamed person is a group in the record (not the body, not a
    person), and the body named after the role word is the statement's organization."""
    record = _record(nlp, "Fishing quotas\n\n\"The fleet is too old,\" a senior economist with the Organisation "
                          "for Economic Co-operation and Development (OECD) told the Daily Herald.")
    said = [(s["speaker_kind"], s["organization"]) for s in record["statements"]]
    assert said == [("group", "Organisation for Economic Co-operation and Development")]
    assert any(o["name"] == "Organisation for Economic Co-operation and Development" for o in record["organizations"])


def test_an_unnamed_speaker_ending_in_an_acronym_keeps_its_closing_bracket(nlp):
    """"a senior analyst with the International Energy Agency (IEA) told": the speaker as written keeps the
    bracket it opened."""
    record = _record(nlp, "Fish trade\n\n\"The fleet is too old,\" a senior analyst with the International Energy "
                          "Agency (IEA) told the Daily Herald.")
    assert [s["speaker"] for s in record["statements"]] == ["senior analyst with the International Energy Agency (IEA)"]


def test_a_government_body_without_its_country_is_that_of_the_capital_heading_the_story(nlp):
    """"HANOI, May 3 (Wire) -- … a spokesperson for the Ministry of Industry and Trade said": wire copy writes the
    bodies of the dateline's country bare; the organization's country (and the store's key) is that country,
    the name stays as written. A city that is no capital, a body across borders, a story without a dateline and
    a body whose statements are all about another country (a foreign ministry quoted from that capital) give
    no country."""
    text = ("HANOI, May 3 (Wire) -- Shoe exports rose by a fifth in April, a spokesperson for the Ministry of "
            "Industry and Trade said on Thursday.")
    orgs = {o["name"]: o for o in _record(nlp, text)["organizations"]}
    assert (orgs["Ministry of Industry and Trade"]["country"], orgs["Ministry of Industry and Trade"]["key"]) == (
        "VNM", "VNM:ministry of industry and trade")
    for other in ("GENEVA, May 3 (Wire) -- Shoe exports rose by a fifth, the Ministry of Industry and Trade said.",
                  "Shoe exports rose by a fifth in April, the Ministry of Industry and Trade said on Thursday.",
                  "HANOI, May 3 (Wire) -- Shoe exports rose by a fifth, the International Trade Centre said.",
                  "HANOI, May 3 (Wire) -- Chile will respond to the new duties, a spokesperson for the Ministry of "
                  "Economy said on Thursday."):
        assert all(o["country"] is None for o in _record(nlp, other)["organizations"]), other


def test_an_interviewees_i_is_a_person_in_the_record(nlp):
    """An interviewee known by one name speaks as a person through the "I" of a transcript turn, not as a brand
    or an organization called after the label."""
    text = "((Reporter)) Where did you grow up?\n\n((Tavita)) I told my teachers that I wanted to sail around the cape."
    record = _record(nlp, text)
    assert _speaker_kinds(record).get("Tavita") == "person"
    assert not any(o["name"] == "Tavita" for o in record["organizations"])
