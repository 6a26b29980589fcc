"""The country an official serves when the title itself names none.

- "Supreme Court Justice X" after "the Chilean Supreme Court struck down …": the country an official's
  organization opens with, unless it is the body the person is sent to ("delegate to the U.S. Congress").
- "Chilean president Ana Bell and energy minister Tom Reed": an office written after "and" and the name of an
  official whose title names the country is that country's too.
- "President Ana Bell of Chile", "Prime Minister Tom Reed of Australia": the country after "of" right after
  the name.
- "Commerce Secretary X" in a story that names the United States: the titles American copy writes without the
  country (``us_titles`` in organizations.json) are American.
- "Finance Minister Karl Weiss said the plan would help Austria's exporters": a national office (minister,
  president, chancellor, governor, secretary …) written without a country, whose holder is reported to say
  something that names exactly one
  country besides those in other people's titles, those on the other side of what is done ("bought from
  Peru", "duties on Korean steel") and those written as a modifier of what a country does ("the US action"), is
  that country's. Two countries in the sentence leave it open.
- "Montana Governor X", "Sen. Y (R-Neb.)", "Rep. Z, D-Ariz.,": an office of an American state, or a member of
  Congress written with the party and state, is American ("Georgia Governor X" too: Georgia the country has none).
- "Lib Dem Treasury spokesman X", "Chief Secretary to the Treasury Y" in a story that never names the United
  States: a British title's "Treasury", a body many countries have, is not the American one.
- "Home Secretary X", "Lib Dem leader Y", "Z, the Labour MP for …", "shadow education secretary W": words of
  British offices and parties that British copy writes without the country (``uk_titles`` in
  organizations.json; "shadow" with a secretary or chancellor) are British, unless the story's opening names
  another country (where a "Tory leader" may be Canadian).
- "Finance Minister Karl Weiss" in a story whose opening (headline and first paragraph) names one country and
  no other, or that names one country five times and three times as often as any other: a national office (or
  a post at a body such as "the Central Bank", "the Oil Ministry") written without a country is that country's
  (reporters name the country once, at the top, and write the ministers of that country without it).
- "Mayor of Brdovec X", "police spokeswoman Y", "Z, a fire service spokesman", in a story whose opening names
  Slovenia alone: a post in a service a country runs at home (its towns, police, fire and rescue, prosecutors
  and courts, wildlife wardens) is, like a national office, the story's country; "the mayor of Lisbon", "the Oslo
  police chief" are the country of the capital the title names, wherever the story is.
- "a spokesman for the National Road Safety Board" in a story whose opening names one country: a body whose
  name calls it national or federal is that country's, as a national office is.
- "BEIJING, May 3 (Xinhua) -- … Foreign Ministry spokesperson X said": failing all that, a national office written
  without a country, with no other country named close by, is that of the capital the dateline names.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry
from spacy.tokens import Doc, Span

from nlp.organizations import leading_country
from nlp.quantity_forms import tables
from nlp.quotes.lexicon import lexicon
from nlp.quotes.title_organizations import country_code
from nlp.segments import doc_text

if TYPE_CHECKING:
    from nlp.quotes.people import Person

# role words of national offices; a firm's "president" names its organization and is left alone
_NATIONAL_HEADS = frozenset({"minister", "premier", "president", "chancellor", "governor", "secretary",
                             "treasurer", "taoiseach", "senator", "lawmaker", "legislator", "congressman",
                             "congresswoman", "negotiator", "representative", "parliamentarian"})
_SECRETARY_GENERAL = re.compile(r"\bsecretary[- ]general\b", re.IGNORECASE)
# national posts no head word above names: a government's adviser on the nation's security ("national security
# adviser X"), its law officers ("Solicitor General", "Attorney-General"), the head of its top court ("Chief
# Justice"), and posts of or for the presidency ("presidential spokesperson", "presidential candidate")
_NATIONAL_POSTS = re.compile(r"\bnational security advis[eo]r\b|\b(?:solicitor|attorney)[- ]general\b|"
                             r"\bchief justice\b|\bpresidential\b")
_COUNTRY_CODE_LEN = 3


def add_countries(doc: Doc, people: list[Person]) -> None:
    """Fill in the country of titled people whose title names none."""
    titled = [p for p in people if p.role.title]
    for p in titled:
        if p.role.country in (None, "GEO") and _american_state_office(doc, p):
            p.role.country = "USA"
    countries = [c for c in doc.spans.get("countries", []) if len(c.label_) == _COUNTRY_CODE_LEN]
    if not any(c.label_ == "USA" for c in countries):
        for p in titled:
            if p.role.country == "USA" and (p.role.organization in _SHARED_BODY_NAMES and _british_title(p)
                                            or p.role.organization in _LEGISLATURE_NAMES):
                p.role.country = None  # "Lib Dem Treasury spokesman" in a story that never names the United States
    for p in titled:
        if p.role.country is None and _british_title(p) and story_country(doc, countries) in (None, "GBR"):
            p.role.country = "GBR"
    for p in titled:
        if p.role.country is None and _home_service(p):
            p.role.country = _capital_in_title(p)
    if not countries and dateline_country(doc) is None:
        return
    for p in titled:
        if p.role.country:
            continue
        national = _national_office(p)
        portfolio = national or _home_service(p) or _body_of_a_portfolio(p) or _nationally_named_body(p)
        p.role.country = _country_of_organization(p) or _country_after_name(doc, p, countries) or \
            _country_of_owner(doc, p, countries) or (
            _country_of_the_leader_before(doc, p, titled) if portfolio else None) or \
            _country_of_delegation(doc, p, countries) or \
            _us_title(p, countries) or (
            _only_country_in_sentence(doc, p, countries, titled) if national else None) or (
            _of_the_story(doc, p, countries) if portfolio and not _met_by_a_compatriot(doc, p, countries, titled)
            else None) or (
            _of_the_dateline(doc, p, countries) if portfolio else None)


# words of the services a country runs at home, through its towns and regions as much as its capital: mayors and
# councils, police, fire and rescue, prosecutors and courts, wildlife and forest wardens
_HOME_SERVICES = re.compile(r"(?<![\w-])(?:mayor|council(?:l?or|man|woman)|police(?:man|woman)?|constable|sheriff|"
                            r"fire(?:fighter)?|rescue|prosecutor|(?:district|county) attorney|judge|magistrate|coroner|"
                            r"wildlife|forest(?:ry)?)(?![\w-])")
# titles of people who serve one country in another's capital ("ambassador in Berlin", "envoy to Tokyo")
_POSTED_ABROAD = re.compile(r"\b(?:ambassador|envoy|consul|diplomat|attach[eé]|correspondent)\b")


# the name of a police, fire or rescue body a post is at ("Inspector X from the Harlby Police Department")
_HOME_BODY = re.compile(r"(?<![\w-])(?:police|fire|rescue)(?: (?:department|service|station|force|board))?$",
                        re.IGNORECASE)


def _home_service(person: Person) -> bool:
    """"Mayor of Koszalin", "fire service spokesman", "police press officer", "county prosecutor", "Inspector X
    from the Harlby Police Department": a post in a service a country runs at home, written without the country
    (the reporter named it once, at the top), at no international body."""
    title = person.role.title.lower()
    org = person.role.organization
    if org and (known := lexicon().org(org)) and not known[1]:
        return False  # ("Interpol police liaison")
    return bool(_HOME_SERVICES.search(title) or org and _HOME_BODY.search(org)) and not _POSTED_ABROAD.search(title)


def _capital_in_title(person: Person) -> str | None:
    """"mayor of Lisbon", "the Oslo police chief", "Madrid prosecutor": a home service of a capital the title names
    is that capital's country, wherever the story's opening is."""
    title = person.role.title
    found = {code for capital, code in _capitals().items()
             if re.search(r"(?<![\w-])" + re.escape(capital) + r"(?![\w-])", title.upper())}
    return found.pop() if len(found) == 1 else None


# role words of offices a state has or sends to Congress ("Ohio Governor", "Texas Savings and Loan Commissioner")
_STATE_HEADS = frozenset({"governor", "gov.", "senator", "sen.", "rep.", "representative", "congressman",
                          "congresswoman", "lawmaker", "legislator", "mayor", "attorney", "commissioner", "treasurer",
                          "comptroller", "secretary", "judge", "lieutenant"})
# "(R-Neb.)", ", D-Ariz.,": party and state after a member of Congress
_PARTY_AND_STATE = re.compile(r"\s?(?:\(|,\s?)[DRI]-[A-Z][A-Za-z]")


@lru_cache(maxsize=1)
def _state_names() -> re.Pattern:
    names = sorted((s.name for s in pycountry.subdivisions.get(country_code="US") if s.type == "State"),
                   key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")


# offices whose holder American copy gives with the state after the name ("Sen. X of Nevada", "Gov. Y of Ohio")
_MEMBER_HEADS = frozenset({"governor", "gov.", "senator", "sen.", "rep.", "representative", "congressman",
                           "congresswoman", "lawmaker"})


def _american_state_office(doc: Doc, person: Person) -> bool:
    """An office whose title names an American state, a member of Congress given with party and state, or a
    member of Congress or governor given with "of" and the state ("Rep. X of Iowa")."""
    title = person.role.title
    words = set(title.lower().replace("-", " ").split())
    if _state_names().search(title) and words & _STATE_HEADS:
        return True
    text = doc_text(doc)
    if any(_PARTY_AND_STATE.match(text, m.end_char) for m in person.mentions):
        return True
    return bool(words & _MEMBER_HEADS) and any(_of_a_state(text, m.end_char) for m in person.mentions)


def _of_a_state(text: str, at: int) -> bool:
    """"of Nevada", "of West Virginia" (not "of Westfield"), ", Democrat of Ohio" right after a name."""
    m = _OF_STATE.match(text, at)
    return m is not None and _state_names().fullmatch(m.group("state")) is not None


# "of Nevada", ", Republican of Kansas" (the party before the state, as the New York Times writes it)
_OF_STATE = re.compile(r",?\s+(?:(?:a\s+)?(?:Republican|Democrat|Independent)\s+)?of\s+(?:the\s+state\s+of\s+)?"
                       r"(?P<state>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")


# verbs and nouns of a meeting between two leaders ("Lehto met President X", "talks with President X")
_MEETING_WORDS = frozenset({"meet", "receive", "host", "visit", "welcome", "call", "phone", "talk", "talks",
                            "meeting"})


def _met_by_a_compatriot(doc: Doc, person: Person, countries: list[Span], titled: list[Person]) -> bool:
    """A head of state or government the story's own official meets ("Prime Minister Aino Lehto … met President
    Wen Li in Beijing", "talks with President X"): the one met is the host or guest from abroad, not the story's."""
    title = person.role.title.lower()
    if title not in _LEADERS:
        return False
    code = story_country(doc, countries)
    if code is None:
        return False
    mates = {t.i for q in titled if q is not person and q.role.country == code for m in q.mentions for t in m}
    for m in _titled_mentions(doc, person):
        root = m.root
        verb = root.head
        if root.dep_ == "pobj" and verb.lower_ in ("with", "by"):
            verb = verb.head
        elif root.dep_ != "dobj":
            continue
        if verb.lemma_.lower() not in _MEETING_WORDS:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.pos_ == "NOUN":  # "X held talks with …"
            subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.i in mates:
            return True
    return False


def _of_the_story(doc: Doc, person: Person, countries: list[Span]) -> str | None:
    """The story's country, when no other country is named close to the person in the sentence that gives the
    title ("Chancellor Kohl of Austria and his host, Prime Minister Tom Reed": not the story's); a country beside a
    later mention is where the person went or what they dealt with ("Reed later flew to Iceland")."""
    return _unless_another_near(person, countries, story_country(doc, countries) or _dominant_country(countries),
                                _titled_mentions(doc, person))


def _of_the_dateline(doc: Doc, person: Person, countries: list[Span]) -> str | None:
    """"BEIJING, May 3 (Xinhua) -- … Foreign Ministry spokesperson X said": a wire reporter writes the offices of
    the country whose capital heads the story without that country."""
    title = person.role.title.lower().replace("-", " ")
    if title in _LEADERS and not (title in _PRESIDENTS and dateline_country(doc) == "USA"):
        # ("President Obama" in a story from Wellington: a head of state is written bare anywhere; from
        # Washington, American copy writes its own president bare and another country's with the country)
        return None
    span = person.role.span
    if span is not None and any(b.start_char < span[1] and b.end_char > span[0] for b in doc.spans.get("blocs", [])):
        return None  # ("European Council President": a bloc's office)
    return _unless_another_near(person, countries, dateline_country(doc), _titled_mentions(doc, person))


def _titled_mentions(doc: Doc, person: Person) -> list[Span]:
    """The mentions in the sentence that gives the person's title (all of them when the title's place is unknown):
    a capital's official later named beside another country ("… met Chilean officials") is still the capital's."""
    span = person.role.span
    title = doc.char_span(*span, alignment_mode="expand") if span is not None else None
    if title is None:
        return person.mentions
    sent = title.sent
    return [m for m in person.mentions if sent.start <= m.start < sent.end] or person.mentions


_PRESIDENTS = frozenset({"president", "vice president"})
_LEADERS = frozenset({"president", "vice president", "prime minister", "deputy prime minister", "chancellor",
                      "premier", "king", "queen", "president elect"})


# "OSLO, June 4 (Wire) --", "OSLO, Norway (Wire) -", "OSLO (Wire) --", "OSLO -": a city in capitals, perhaps its
# region or country, a date and the agency, then a dash (a hyphen only with spaces around it)
_DATELINE = re.compile(r"(?:^|(?<=\s))(?P<city>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"
                       r"(?:,\s+(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))??"
                       r"(?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
                       r"(?:,?\s+\([A-Za-z][\w .&/-]{0,30}\))?\s*(?:--|—|–|\s-\s)")
_DATELINE_KEY = "saidwhat.dateline_country"


def dateline_country(doc: Doc) -> str | None:
    """The country whose capital the story's dateline names ("TOKYO, June 3 (Kyodo) --", "TOKYO (Kyodo) -"), or that
    it names after a city ("PUNO, Peru (Wire) -"), if any."""
    if _DATELINE_KEY not in doc.user_data:
        m = _DATELINE.search(doc_text(doc)[:600])
        doc.user_data[_DATELINE_KEY] = (_capitals().get(m.group("city")) or _country_of_region(m.group("region"))) \
            if m else None
    return doc.user_data[_DATELINE_KEY]


def _country_of_region(region: str | None) -> str | None:
    """The country a dateline names after its city: an American state as AP writes it ("Fla.", "Ore.", "Ohio",
    "Georgia" too: Georgia the country's capital is a city of its own) or a country ("Peru")."""
    if region is None:
        return None
    if region in _AP_STATES or _state_names().fullmatch(region):
        return "USA"
    return country_code(region)


# the states as AP datelines abbreviate them
_AP_STATES = frozenset({"Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.",
                        "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.",
                        "Nev.", "N.H.", "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.",
                        "S.C.", "S.D.", "Tenn.", "Vt.", "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.", "D.C."})


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    data = json.loads((Path(__file__).parent / "data" / "countries.json").read_text(encoding="utf-8"))
    return {capital.upper(): code for code, forms in data["countries"].items() for capital in forms.get("capitals", [])}


def _unless_another_near(person: Person, countries: list[Span], code: str | None,
                         mentions: list[Span] | None = None) -> str | None:
    """The country, when no other country is named close to the person (to ``mentions``, by default all of
    them) in the sentence, outside what the person is reported to say ("… the U.S. tariffs broke the rules, the
    spokesman said": the spokesman talks about them)."""
    if code is None:
        return None
    for m in person.mentions if mentions is None else mentions:
        sent = m.sent
        near = range(max(sent.start, m.start - _NEAR), min(sent.end, m.end + _NEAR))
        said = _speech_verb(m)
        if any(c.label_ != code and c.start in near and not _names_a_currency(c)
               and not (said is not None and _in_content(c.root, said)) for c in countries):
            return None  # (a country in what the person is reported to say is what they talk about)
    return code


_NEAR = 12  # tokens either side of a mention
# a country named this many times, and this many times as often as any other, is what the story is about
_DOMINANT_MENTIONS = 5
_DOMINANT_RATIO = 3


def _dominant_country(countries: list[Span]) -> str | None:
    """The country a story keeps naming when its opening names none or several (a feature opening on a
    scene): named at least five times and three times as often as any other."""
    counts: dict[str, int] = {}
    for c in countries:
        if not _names_a_currency(c):
            counts[c.label_] = counts.get(c.label_, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < _DOMINANT_MENTIONS or len(ranked) > 1 and ranked[0] < _DOMINANT_RATIO * ranked[1]:
        return None
    return max(counts, key=counts.get)


def story_country(doc: Doc, countries: list[Span]) -> str | None:
    """The one country the story's opening names: its first paragraph, and the one after when the first is a
    headline (a line with no full stop at its end). A currency's country ("the U.S. dollar") does not count."""
    if _STORY_COUNTRY not in doc.user_data:
        text = doc_text(doc)
        end = _paragraph_end(text, 0)
        if text[:end].rstrip()[-1:] not in ".!?\"”'’":
            end = _paragraph_end(text, end)
        found = {c.label_ for c in countries if c.start_char < end and not _names_a_currency(c)
                 and not _nationality_of_a_person(c)}
        # (a text of one paragraph has no opening apart from the rest)
        doc.user_data[_STORY_COUNTRY] = found.pop() if len(found) == 1 and text[end:].strip() else None
    return doc.user_data[_STORY_COUNTRY]


_STORY_COUNTRY = "saidwhat.story_country"
# people a demonym gives a nationality ("a Dutch man", "two Chilean tourists"), wherever they are
_PEOPLE_NOUNS = frozenset({"man", "woman", "boy", "girl", "teenager", "teen", "child", "national", "citizen",
                           "tourist", "student", "couple", "family", "father", "mother", "husband", "wife",
                           "worker", "migrant", "refugee", "pensioner", "driver", "backpacker", "traveller",
                           "traveler", "sailor", "pilot", "suspect", "victim"})


def _nationality_of_a_person(country: Span) -> bool:
    """"Dutch man held in Lima": the nationality of someone the story is about, not the country it happens in."""
    root = country.root
    return root.dep_ == "amod" and root.ent_type_ == "NORP" and root.head.lemma_.lower() in _PEOPLE_NOUNS


def _names_a_currency(country: Span) -> bool:
    """"U.S. dollar", "Swiss francs": the country names the currency after it."""
    doc = country.doc
    return country.end < len(doc) and doc[country.end].lower_ in tables().currency_words


def _paragraph_end(text: str, start: int) -> int:
    """Where the paragraph at or after ``start`` ends (its line break), skipping blank lines before it."""
    while start < len(text) and text[start] in "\n\r \t":
        start += 1
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _country_of_organization(person: Person) -> str | None:
    """"Justice of the U.S. Supreme Court", "member of the Tunisian Parliament": the country the organization's name
    opens with; not a body the person is sent to ("Chile's delegate to the U.S. Congress", "envoy to the
    Mexican government")."""
    org = person.role.organization
    if not org or re.search(r"\bto\b", person.role.title):
        return None
    return leading_country(org)


def _country_of_the_leader_before(doc: Doc, person: Person, titled: list[Person]) -> str | None:
    """"the Chilean president Ana Bell and energy minister Tom Reed": an office written right after "and" and
    the name of an official whose title, right before that name, gives the country is of that country too."""
    span = person.role.span
    title = doc.char_span(*span, alignment_mode="expand") if span is not None else None
    if title is None or title.start < 3 or doc[title.start - 1].lower_ != "and":
        return None
    end = title.start - 1
    for q in titled:
        for m in q.mentions if q is not person else ():
            if m.end == end:
                return _country_in_title_before(m)
    return None


_TITLE_BEFORE_NAME = 4  # tokens before a name looked through for the country its title names


def _country_in_title_before(name: Span) -> str | None:
    """The country named in the words right before a name, with no punctuation between ("Chilean president
    [Ana Bell]")."""
    doc = name.doc
    start = max(name.sent.start, name.start - _TITLE_BEFORE_NAME)
    for c in sorted(doc.spans.get("countries", []), key=lambda c: -c.start):
        if start <= c.start and c.end <= name.start and len(c.label_) == _COUNTRY_CODE_LEN \
                and not any(t.is_punct for t in doc[c.end:name.start]):
            return c.label_
    return None


def _country_after_name(doc: Doc, person: Person, countries: list[Span]) -> str | None:
    for m in person.mentions:
        if m.end + 1 < len(doc) and doc[m.end].lower_ == "of":
            after = next((c for c in countries if c.start == m.end + 1 or
                          c.start == m.end + 2 and doc[m.end + 1].lower_ == "the"), None)
            if after is not None and (after.end >= len(doc) or doc[after.end].tag_ != "POS"):
                return after.label_  # (not "of Chile's senate")
    return None


# groups a title holder leads for a country ("the Chinese delegation led by Vice Premier X", "a U.S. team headed by")
_DELEGATIONS = frozenset({"delegation", "side", "team", "mission", "government"})


def _country_of_delegation(doc: Doc, person: Person, countries: list[Span]) -> str | None:
    """"a Chilean delegation headed by Trade Minister X", "the Peruvian side led by Vice Premier Y": the country
    of the delegation the title holder leads."""
    if person.role.span is None:
        return None
    title = doc.char_span(*person.role.span, alignment_mode="expand")
    if title is None or title.start < 4:
        return None
    i = title.start
    if doc[i - 1].lower_ != "by" or doc[i - 2].lemma_ not in ("lead", "head") or doc[i - 3].lower_ not in _DELEGATIONS:
        return None
    group = i - 3
    return next((c.label_ for c in countries if group - 3 <= c.start and c.end <= group
                 and all(t.pos_ in ("ADJ", "PROPN", "NOUN", "PUNCT") for t in doc[c.end:group])), None)


_COUNTRY_NOUNS = frozenset({"country", "nation"})


def _country_of_owner(doc: Doc, person: Person, countries: list[Span]) -> str | None:
    """"Chile has shut its mines. Its president, X, said …", "Y, the country's interior minister": the
    country last named before "its" (a national office, no organization between) or "the country's", in the
    sentence or the one before."""
    if person.role.span is None:
        return None
    title = doc.char_span(*person.role.span, alignment_mode="expand")
    if title is None:
        return None
    i = title.start
    if len(title) > 1 and title[0].lower_ in _COUNTRY_NOUNS and title[1].tag_ == "POS":
        owner = i  # ("country's interior minister")
    elif i > 1 and doc[i - 1].tag_ == "POS" and doc[i - 2].lower_ in _COUNTRY_NOUNS:
        owner = i - 2
    elif i > 0 and doc[i - 1].lower_ == "its" and _national_office(person):
        owner = i - 1
    else:
        return None
    sent_start = doc[owner].sent.start
    limit = doc[sent_start - 1].sent.start if sent_start > 0 else 0
    before = [c for c in countries if limit <= c.start and c.end <= owner and not _names_a_currency(c)]
    if not before:
        return None
    last = max(before, key=lambda c: c.start)
    in_country = {t.i for c in before for t in c}
    if doc[owner].lower_ == "its" and any(t.ent_type_ == "ORG" and t.i not in in_country
                                          for t in doc[last.end:owner]):
        return None  # ("Chile's largest bank cut jobs; its chief executive …": the bank's)
    return last.label_


def _us_title(person: Person, countries: list[Span]) -> str | None:
    """"Commerce Secretary X", "Trade Representative Y", "Sen. Z", "Congressman W", "Representative V" in a
    story that names the United States: the titles American copy writes without the country (``us_titles`` in
    organizations.json, and a member of the House written "Representative" alone); not a "Secretary of State
    for Trade", which is British."""
    title = person.role.title.lower()
    if " for " in f" {title} " or not any(c.label_ == "USA" for c in countries):
        return None
    return "USA" if title == "representative" or any(
        re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", title) for t in lexicon().us_titles) else None


_SHADOW = re.compile(r"\bshadow\b.*\b(?:secretary|chancellor|treasury)\b")
# bodies many countries name alike, listed as American in organizations.json: American only in a story that
# names the United States
_SHARED_BODY_NAMES = frozenset({"Treasury"})
# legislatures many countries call so ("the budget committee in Congress" in a story about Peru): American
# only in a story that names the United States
_LEGISLATURE_NAMES = frozenset({"Congress", "Senate"})


def _british_title(person: Person) -> bool:
    """"Home Secretary", "Lib Dem leader", "shadow education secretary": a British office or party the title
    names without the country."""
    title = person.role.title.lower()
    return bool(lexicon().uk_titles.search(title) or _SHADOW.search(title))


def _national_office(person: Person) -> bool:
    """A national office ("Finance Minister"), or any post at a national body written without its country
    ("Central Bank President", "Oil Ministry spokesman")."""
    words = set(person.role.title.lower().replace("-", " ").split())
    org = person.role.organization
    if any(w.isupper() and (known := lexicon().org(w)) and not known[1] for w in person.role.title.split()) \
            or org and (known := lexicon().org(org)) and not known[1]:
        return False  # "Director-General of the World Trade Organization", "European Council President": international
    if _SECRETARY_GENERAL.search(person.role.title):
        return False  # ("Secretary-General X": the post of an international body or a party, no government's)
    return org is None and (bool(words & _NATIONAL_HEADS) or bool(_NATIONAL_POSTS.search(person.role.title.lower()))) \
        or org is not None and _generic_national_body(org)


# words that may qualify a national body without naming it ("Central Bank", "Federal Labour Office")
_BODY_QUALIFIERS = frozenset({"central", "reserve", "national", "federal", "state", "affairs"})


def _generic_national_body(org: str) -> bool:
    """"Central Bank", "Oil Ministry", "Reserve Bank", "Ministry of Commerce": an institution word with portfolio
    words only."""
    lex = lexicon()
    words = org.lower().split()
    return any(w in lex.institution_nouns for w in words) and all(
        w in lex.institution_nouns or w in lex.title_modifiers or w in _BODY_QUALIFIERS for w in words)


def _body_of_a_portfolio(person: Person) -> bool:
    """"spokesman for the Ministry of Commerce", "Ministry of Foreign Affairs": a national body named with its
    portfolio after "of", written without a country (the wire writes its own capital's ministries so). Only for
    the story's and the dateline's country: what such a spokesman says names the other side as often as not."""
    org = person.role.organization
    if org is None or lexicon().org(org):
        return False
    words = org.lower().replace(",", " ").split()
    return len(words) > 2 and words[1] == "of" and _generic_national_body(
        " ".join(w for w in words if w not in _BODY_CONNECTORS))


def _nationally_named_body(person: Person) -> bool:
    """"spokesman for the National Road Safety Board", "Federal Water Agency director": a body whose name calls
    it the nation's, written without the nation (the one the story is about), and no international one."""
    org = person.role.organization
    if not org or (known := lexicon().org(org)) and not known[1]:
        return False
    words = org.split()
    return len(words) > 1 and words[0] in ("National", "Federal")


# words joining an institution to its portfolio ("Ministry of Commerce", "Ministry of Food and Agriculture")
_BODY_CONNECTORS = frozenset({"of", "and", "&", "for"})


def _only_country_in_sentence(doc: Doc, person: Person, countries: list[Span], titled: list[Person]) -> str | None:
    """The one country named in what the official is reported to say in the sentence that gives the title
    ("Finance Minister X said exports to ... would help Austria's farmers")."""
    if person.role.span is None:
        return None
    title = doc.char_span(*person.role.span, alignment_mode="expand")
    mention = next((m for m in person.mentions if title is not None and title.sent.start <= m.start < title.sent.end), None)
    if mention is None:
        return None
    said = _speech_verb(mention)
    if said is None:
        return None
    others = [doc.char_span(*q.role.span, alignment_mode="expand") for q in titled
              if q is not person and q.role.span is not None]
    taken = {t.i for s in others if s is not None for t in s}
    found = {c.label_ for c in countries if c.start not in taken and doc[c.start].ent_type_ != "ORG"
             and _in_content(c.root, said) and not _partner(c) and not _names_what_another_does(c)}
    return found.pop() if len(found) == 1 else None


def _names_what_another_does(country: Span) -> bool:
    """"said the US action will hurt growth", "U.S. soybeans sold to China …": a country's name written before a
    noun as a modifier names what that country does or sells, which officials of other countries talk about; the
    country of an official's own people is written "Austria's exporters" or "Austrian exporters"."""
    root = country.root
    if root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in _ACTS_OF_A_STATE:
        return True  # "rejected the Chinese proposal", "after the strikes": what that state did, whoever talks of it
    return root.dep_ == "compound" and root.ent_type_ == "GPE" and root.head.pos_ == "NOUN"


# what a state offers, demands or does to others: a country written before one of these is the doer, not the
# speaker's own country
_ACTS_OF_A_STATE = frozenset({"offer", "proposal", "plan", "demand", "ultimatum", "attack", "strike", "airstrike",
                              "bombing", "invasion", "intervention", "incursion", "offensive", "aggression",
                              "threat", "troop", "force", "warplane", "jet", "sanction", "annexation", "veto"})


def _speech_verb(mention: Span):
    """The reporting verb the mention is the subject of ("X said", "said X"), if any."""
    root = mention.root
    verb = root.head
    if root.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return None
    return verb if lexicon().cue_class(verb.lemma_) == "speech" else None


def _in_content(tok, said) -> bool:
    """The token lies in the clause the verb reports: under one of its clausal children, or in the clause the
    verb is attached to as "…, X said"."""
    while tok.head.i != tok.i and tok.head.i != said.i:
        tok = tok.head
    if tok.head.i == said.i and tok.i != said.i:
        return tok.dep_ in ("ccomp", "parataxis")  # (not "pledged to appeal the Chilean ruling": what he will do)
    return said.dep_ in ("parataxis", "ccomp") and said.head.i == tok.i  # "Japan cannot …, the minister said"


# prepositions that make a country the other side of what is done ("bought from Peru", "duties on Korean steel",
# "talks with Canada")
_PARTNER_PREPOSITIONS = frozenset({"from", "on", "against", "with", "into", "to", "toward", "towards", "at", "over"})


def _partner(country: Span) -> bool:
    tok = country.root
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        if tok.head.pos_ == "ADP" and tok.head.lower_ in _PARTNER_PREPOSITIONS:
            return True
        tok = tok.head
    return False
