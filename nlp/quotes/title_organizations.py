"""The organization and country a title names ("chief economist at Aldgate Capital", "Japan's trade minister"),
and the organization "its" refers to ("Its chief executive"): read by ``titles.role_from``; and, once every
person of an article is known, the organization a bare title belongs to ("Governor X" in a story about a central
bank) and the fullest name the article gives it."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pycountry
from spacy.tokens import Doc, Span

from nlp.quotes.entities import entities_within, entity_bounds
from nlp.quotes.lexicon import Lexicon, lexicon
from nlp.quotes.organizations import OrgIndex, without_country

if TYPE_CHECKING:
    from nlp.quotes.people import Person


def organization_before(doc: Doc, i: int) -> str | None:
    """The organization "its" at token i refers to: the last one named as a subject before it, within the
    sentence before."""
    sent_start = doc[i].sent.start
    limit = doc[sent_start - 1].sent.start if sent_start > 0 else 0
    for k in range(i - 1, limit - 1, -1):
        tok = doc[k]
        if tok.ent_type_ == "ORG" and tok.dep_ in ("nsubj", "nsubjpass"):
            start = k
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            return doc[start:k + 1].text.removeprefix("the ").removeprefix("The ")
    return None


# words that name a part of an organization ("the Treasury Unit of X", "the Markets Department at the IMF")
_UNIT_WORDS = frozenset({"unit", "division", "department", "desk", "section", "branch", "directorate", "bureau",
                         "office", "service", "team", "group"})


def title_organization(span: Span, lex: Lexicon) -> str | None:
    """The organization a title names; of a unit and the body it belongs to ("director of the Markets Department
    at the IMF", "head of the Treasury Unit of Harbor Bank"), the body."""
    org = _first_organization(span, lex)
    if org is None:
        return None
    doc = span.doc
    end = next((t.i for t in span if t.text == org.split()[-1]), None)
    if end is None:
        return org
    unit = org.split()[-1].lower() in _UNIT_WORDS
    while end + 1 < span.end and doc[end + 1].lower_ in _UNIT_WORDS:
        end += 1  # "the Treasury Unit of …" with "Treasury" alone tagged
        unit = True
    if end + 2 < span.end and (doc[end + 1].lower_ == "at" or unit and doc[end + 1].lower_ == "of"):
        body = _first_organization(doc[end + 2:span.end], lex)
        if body is not None:
            return body
    return org


# last words of a portfolio the model tags as an organization ("Home Affairs", "Veterans Affairs", "National
# Development Planning") when no institution word names the body ("Department of Veterans Affairs" is one)
_PORTFOLIO_ENDINGS = frozenset({"affairs", "relations", "planning", "development"})


def _bare_portfolio(ent: Span, lex: Lexicon) -> bool:
    """"Home Affairs" of "Home Affairs spokesman", "State for Transport" of "Secretary of State for Transport":
    the title's portfolio, no organization."""
    if ent[0].lower_ == "state" and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "of":
        return True
    return (ent[-1].lower_ in _PORTFOLIO_ENDINGS or _joined_field(ent)) and not any(
        t.lower_ in lex.org_nouns or t.lower_ in lex.institution_nouns for t in ent)


def _joined_field(ent: Span) -> bool:
    """"Dams" of "Rivers and Dams Minister", "Inland Fisheries" of "Inland Fisheries and Forests Minister": one of
    two capitalised fields a title joins with "and", with no "of" naming a body."""
    doc = ent.doc
    if any(t.lower_ == "of" for t in ent):
        return False
    after = ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("and", "&") and doc[ent.end + 1].text[:1].isupper()
    before = ent.start > 1 and doc[ent.start - 1].lower_ in ("and", "&") and doc[ent.start - 2].text[:1].isupper()
    return after or before


def _place_of_a_based(ent: Span) -> bool:
    """"Oslo" of "the Oslo-based Nordic Shipping Institute": where the organization after it is based."""
    doc = ent.doc
    return ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ == "based"


def _first_organization(span: Span, lex: Lexicon) -> str | None:
    in_country = {t.i for c in span.doc.spans["countries"] for t in c} if "countries" in span.doc.spans else set()
    for ent in entities_within(span):
        if ent.label_ == "ORG" and not all(t.lower_ in lex.title_modifiers or lex.is_title_head(t.lower_)
                                           or t.i in in_country or t.is_punct or t.lower_ in ("and", "&") for t in ent) \
                and not _bare_portfolio(ent, lex) and not _place_of_a_based(ent):
            # ("Commerce" of "Commerce Minister", "European Trade" of "European Trade Commissioner": a portfolio)
            end = ent.end
            while end > ent.start + 1 and (lex.is_title_head(span.doc[end - 1].lower_) or span.doc[end - 1].lower_ in (
                    "deputy", "vice", "chief", "senior")):
                end -= 1  # "Bank of Mexico Governor" tagged as one organization
            while end > ent.start + 1 and span.doc[end - 1].pos_ == "ADP":
                end -= 1  # "the Center for Japanese Studies at" tagged with the "at" of where it is
            return span.doc[ent.start:end].text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
    runs, run = [], []
    for t in span:
        if run and (t.tag_ == "POS" or t.text in ("'", "’")) and t.i + 1 < span.end and span.doc[t.i + 1].text[:1].isupper():
            run.append(t)  # "National Farmers' Federation"
            continue
        cap = t.text[:1].isupper() and not t.is_punct
        if cap and (t.ent_type_ not in ("GPE", "NORP", "PERSON") or lex.org(t.text) or _in_known_organization(t, lex)) \
                and not lex.is_title_head(t.lower_) or (
            run and t.lower_ in ("of", "for", "on", "and", "&")):
            run.append(t)  # ("Council on Foreign Relations")
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        while run and run[-1].lower_ in ("of", "for", "on", "and", "&"):
            run.pop()
        if not run:  # a capitalised connective alone, as at a sentence's start ("For New Zealand's prime minister, …")
            continue
        words = [t.text for t in run]
        text = run[0].doc[run[0].i:run[-1].i + 1].text
        if lex.org(text) or any(w.lower() in lex.org_nouns for w in words):
            return text
    return _untagged_body_before_head(span, lex)


def _untagged_body_before_head(span: Span, lex: Lexicon) -> str | None:
    """"Akava President X", "Korpi chairman Y": one or two capitalised proper nouns the model tagged as nothing,
    opening the title right before the role word of a body's head, name the body the role is held in."""
    k = 0
    while k < min(len(span), 2) and span[k].pos_ == "PROPN" and span[k].is_alpha and span[k].text[:1].isupper() \
            and span[k].ent_type_ == "" and not lex.is_title_head(span[k].lower_) \
            and span[k].lower_ not in lex.title_modifiers and not lex.is_first_name(span[k].text):
        k += 1
    if k == 0 or k >= len(span) or span[k].lower_ not in _BODY_HEADS:
        return None  # ("Mining Minister X", "Tourism Secretary Y": a portfolio, no body)
    if k == 1 and _ADJECTIVE_ENDING.search(span[0].lower_):
        return None  # ("Artistic Director X", "Technical Director Y": the field a director heads, capitalised)
    return span[:k].text


# endings of English adjectives, which name a field of work capitalised in a title, not a body
_ADJECTIVE_ENDING = re.compile(r"(?:ic|ical|al|ive|ary|ous)$")


# role words of those who lead a body, not of a portfolio's holder ("Mining Minister")
_BODY_HEADS = frozenset({"president", "chairman", "chairwoman", "chair", "chairperson", "ceo", "chief", "head",
                         "leader", "boss", "director", "mayor", "spokesperson", "spokesman", "spokeswoman"})


def _in_known_organization(tok, lex: Lexicon) -> bool:
    """A word of an entity that is a well-known organization whatever the model's label ("Lib Dem" as a person)."""
    if tok.ent_type_ != "PERSON":
        return False
    start, end = entity_bounds(tok)
    return lex.org(tok.doc[start:end].text) is not None


# role words whose post is somewhere: "to" the country or body an envoy is sent to, "in" the city of a consulate
POSTED_TO = {"to": frozenset({"ambassador", "envoy", "representative", "consul", "delegate", "ambassador-at-large"}),
             "in": frozenset({"consul", "consul-general", "general"})}


# role words of members elected "from" a place ("Senator from Vermont", "Representative from Ohio"): the place is
# their seat, written between the title and the name when the title comes first
ELECTED_FROM = frozenset({"senator", "representative", "congressman", "congresswoman", "delegate", "lawmaker",
                          "legislator", "deputy", "member"})


def elected_from_place(doc: Doc, start: int) -> bool:
    """The words at ``start`` are the seat a capitalised elected member's title names after "from" ("Senator from
    Vermont")."""
    return start >= 2 and doc[start - 1].lower_ == "from" and doc[start - 2].lower_ in ELECTED_FROM \
        and doc[start - 2].text[:1].isupper()


def posted_place(doc: Doc, start: int) -> bool:
    """The words at ``start`` name where a post is held: "Ambassador to [the] Mexico", "Consul General in Lyon"."""
    k = start - 1
    if k >= 1 and doc[k].lower_ == "the":
        k -= 1
    return k >= 1 and doc[k - 1].lower_ in POSTED_TO.get(doc[k].lower_, ())


def _field_of_study(doc: Doc, end: int) -> bool:
    """"the Center for American Studies", "Institute of European Policy Studies": the country or region studied
    is no country the official serves."""
    return any(t.lower_ == "studies" for t in doc[end:min(end + 3, len(doc))])


def title_country(doc: Doc, span: Span, org: str | None, lex: Lexicon) -> str | None:
    """The country a title names; not the one an envoy is posted to ("Ambassador to Mexico" serves another) nor
    one a research centre studies ("Center for American Studies")."""
    for c in doc.spans.get("countries", []):
        if c.start < span.end and c.end > span.start and len(c.label_) == 3 and not posted_place(doc, c.start) \
                and not _field_of_study(doc, c.end) and not _ethnic(doc, c.start):
            return c.label_
    for t in span:
        if t.ent_type_ in ("GPE", "NORP") and t.ent_iob_ == "B" and not posted_place(doc, t.i) \
                and not _field_of_study(doc, entity_bounds(t)[1]) and not _ethnic(doc, t.i):
            code = country_code(doc[t.i:entity_bounds(t)[1]].text, lex)
            if code:
                return code
    if org:
        known = lex.org(org)
        if known and len(known[1]) == 3:
            return known[1]
    return None


def _ethnic(doc: Doc, i: int) -> bool:
    """"spokeswoman for the ethnic Albanian party": a people, not the country of the same name."""
    return i > 0 and doc[i - 1].lower_ == "ethnic"


def country_code(name: str, lex: Lexicon | None = None) -> str | None:
    """ISO3 for a country name as written ("Japan", "the U.S."), via pycountry plus common short forms."""
    lex = lex or lexicon()
    name = re.sub(r"['’]s$", "", name.strip()).removeprefix("the ").strip()
    code = lex.country_aliases.get(name.lower())
    if code:
        return code
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


# titles that name a post at a central bank when no organization is written with them ("Governor Rhee",
# "Chairman Martin Schlegel" in a story about the bank)
_BANK_POSTS = {"governor", "chairman", "chair", "chairwoman", "chairperson"}
_BANK_POST_WORDS = _BANK_POSTS | {"deputy", "vice", "senior", "assistant", "acting", "the", "bank's", "bank’s"}


def bank_of_bare_titles(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """A bare "Governor"/"Chairman" belongs to the central bank the article named before the person."""
    banks = []
    for ent in doc.ents:
        if ent.label_ in ("ORG", "GPE"):
            known = lex.org(ent.text)
            if known and lex.org_kinds.get(known[0]) == "central_bank":
                banks.append((ent.start, known[0], known[1] or None))
    if not banks:
        return
    for p in people:
        title = (p.role.title or "").lower().split()
        economist = set(title) <= _BANK_POST_WORDS | {"chief", "economist"} and "economist" in title and (
            p.role.title[:1].isupper() or "bank's" in title or "bank’s" in title)
        if p.role.organization or not title or not economist and (
                not set(title) <= _BANK_POST_WORDS or not set(title) & _BANK_POSTS):
            continue  # ("Chief Economist X", "the bank's chief economist, X" in a story about the bank are its own)
        first = p.mentions[0].start if p.mentions else 0
        before = [b for b in banks if b[0] < first]
        if before:
            _, p.role.organization, country = before[-1]
            p.role.country = p.role.country or country


def fullest_organizations(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """"the Bank's governor" → Bank of England, when the article names it in full: the organization of a
    title under the fullest name the text gives it, without a possessive country (that is the country field)."""
    index = None
    for p in people:
        role = p.role
        if not role.organization or role.span is None:
            continue
        title = doc.char_span(*role.span, alignment_mode="expand")
        first = role.organization.split()[0]
        start = next((t.i for t in title if t.text == first), None) if title is not None else None
        if start is None:
            continue
        index = index or OrgIndex.of(doc, lex)
        found = index.find(doc[start:min(title.end, start + len(role.organization.split()))])
        if found is None:
            continue
        name = without_country(found.text).removeprefix("the ")
        known = lex.org(name)
        if known:
            role.organization = known[0]
            role.country = role.country or known[1] or None
        elif len(name) > len(role.organization) and role.organization.lower() in name.lower():
            role.organization = name
