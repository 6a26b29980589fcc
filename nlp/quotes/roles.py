"""A role as the text gives it (title, organization, country): read from a title phrase ("chief economist at
Aldgate Capital"), from a clause that says what a person heads ("X, who heads the Bank of Vestland,", "the union,
led by X,"), and the organization written after a name whose title comes before it ("Chief Inspector X from the
Vestland Police"); and which of two roles is the one held now ("a former minister who now heads X"). ``titles.py``
finds where a title is; this module reads what it says."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from nlp.quotes.entities import entity_bounds
from nlp.quotes.lexicon import Lexicon
from nlp.quotes.title_organizations import organization_before, title_country, title_organization


@dataclass
class Role:
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    span: tuple[int, int] | None = None  # character offsets of the title as written


OWNER_PRONOUNS = ("his", "her", "their", "my", "our")


def role_from(doc: Doc, span: Span, lex: Lexicon) -> Role:
    """The role a title phrase gives ("chief economist at Aldgate Capital"): title, organization, country. A
    possessive pronoun is no part of the title: "Its chief executive" is the chief executive of the
    organization the sentence before was about."""
    owner = None
    if len(span) > 1 and span[0].lower_ in ("its", "their"):
        owner = organization_before(doc, span[0].i)
        span = span[1:]
    elif len(span) > 1 and span[0].lower_ in OWNER_PRONOUNS:
        span = span[1:]  # "His deputy, Ewa Zielinska": a deputy (whose is another person's business)
    span = _without_trailing_clause(span)
    if span.text.count("(") > span.text.count(")") and span.end < len(doc) and doc[span.end].text == ")":
        span = doc[span.start:span.end + 1]  # "Ambassador to the World Trade Organization (WTO)": the bracket closed
    title = span.text.strip(" ,")
    org = title_organization(span, lex) or owner
    country = title_country(doc, span, org, lex)
    if org is not None:
        known = lex.org(org)
        if known:
            org = known[0]
    return Role(title=title, organization=org, country=country, span=(span.start_char, span.end_char))


def _without_trailing_clause(span: Span) -> Span:
    """"chairwoman of the House committee that …", "economics spokesman for the …": a relative clause or a second
    description ("… and a close ally of X") the title ran into ends it, and a title never ends in a preposition,
    article or conjunction."""
    cut = next((t.i for t in span[1:] if t.tag_ in ("WDT", "WP", "WP$") or t.lower_ == "and" and t.i + 1 < span.end
                and span.doc[t.i + 1].lower_ in ("a", "an", "one", "also")
                or t.tag_ == "VBN" and t.i + 1 < span.end and span.doc[t.i + 1].lower_ == "by"), None)
    # ("president of the chamber and a longtime friend of X": the second is no title; "the duty officer
    # interviewed by the paper, X": whom he spoke to is no part of it)
    if cut is not None:
        span = span.doc[span.start:cut]
    preposition = False
    while len(span) > 1 and (span[-1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PRON") or span[-1].is_punct):
        preposition = preposition or span[-1].pos_ == "ADP"
        span = span[:-1]
    if preposition and len(span) > 1 and span[-1].pos_ == "ADJ":
        span = span[:-1]  # "official responsible for …"
    return span


_ORG_LINKS = frozenset({"of", "from", "at"})


def organization_after_name(doc: Doc, name: Span, role: Role, lex: Lexicon) -> None:
    """"Chief Inspector Aino Lehto from the Vestland Police", "spokesman Pal Berg of Nordrail": a title written
    before the name whose organization follows the name after "of", "from" or "at" (an organization the model
    tagged; "Senator Ana Bell of Ohio" names her seat)."""
    i = name.end
    if i + 1 >= len(doc) or doc[i].lower_ not in _ORG_LINKS or doc[i].sent.start != name.sent.start:
        return
    j = i + 1
    if doc[j].ent_type_ != "ORG" and doc[j].lower_ == "the" and j + 1 < len(doc):
        j += 1
    if doc[j].ent_type_ not in ("ORG", "GPE") or doc[j].ent_iob_ != "B":
        return
    start, end = entity_bounds(doc[j])
    body_end = _body_words_after(doc, end, lex)
    if doc[j].ent_type_ == "GPE" and body_end == end:
        return  # ("Senator Ana Bell of Ohio": her seat)
    org = doc[start:body_end].text.removeprefix("the ").removeprefix("The ")
    known = lex.org(org)
    role.organization = known[0] if known else org
    if role.country is None and known and len(known[1]) == 3:
        role.country = known[1]


# lower-case words of a local body written after its town ("from Harlby police station", "of Vestby city council")
_LOCAL_BODY_WORDS = frozenset({"police", "fire", "rescue", "station", "city", "county", "district", "municipal"})
_BODY_WORDS_MAX = 3


def _body_words_after(doc: Doc, i: int, lex: Lexicon) -> int:
    """The end of the lower-case words of a body that follow a name at ``i`` ("[Harlby] police station"), ``i``
    when there are none or they end in no body noun."""
    end, last = i, i
    while end < len(doc) and end - i < _BODY_WORDS_MAX and doc[end].is_lower \
            and (doc[end].lower_ in _LOCAL_BODY_WORDS or doc[end].lower_ in lex.org_nouns):
        end += 1
        if doc[end - 1].lower_ in lex.org_nouns or doc[end - 1].lower_ in ("police", "station"):
            last = end
    return last


_HEADING_VERBS = {"head": "head", "lead": "head", "run": "head", "chair": "chair", "direct": "director",
                  "preside": "president"}


_LED_BY = {"headed": "head", "head": "head", "led": "head", "chaired": "chair", "run": "head"}


def headed_by(doc: Doc, name: Span, lex: Lexicon) -> Role:
    """"The union, headed by Ilkka Lampi, …", "SAK, led by X," → "head of the union": the body a name is set
    off after as its head."""
    i = name.start
    if i < 4 or doc[i - 1].lower_ != "by" or doc[i - 2].lower_ not in _LED_BY or doc[i - 3].text != ",":
        return Role()
    body = doc[i - 4]
    if body.pos_ not in ("NOUN", "PROPN") or body.ent_type_ in ("PERSON", "GPE", "NORP", "DATE") \
            or body.pos_ == "NOUN" and body.lower_ not in lex.org_nouns and body.lower_ not in lex.institution_nouns:
        return Role()  # ("The study, led by X," is no body she heads)
    start = min(body.left_edge.i, entity_bounds(body)[0]) if body.ent_type_ == "ORG" else body.left_edge.i
    what = doc[start:body.i + 1]
    found = role_from(doc, what, lex)
    if found.organization is None and body.pos_ == "PROPN":
        found.organization = what.text.removeprefix("the ").removeprefix("The ")
    body_text = what.text[0].lower() + what.text[1:] if what[0].lower_ == "the" else what.text
    found.title = f"{_LED_BY[doc[i - 2].lower_]} of {body_text}"
    return found


def who_heads(doc: Doc, name: Span, lex: Lexicon) -> Role:
    """"Rui Lemos, who heads Portugal's central bank," → "head of Portugal's central bank"."""
    k = name.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ != "who":
        return Role()
    return heading_clause(doc, k + 2, lex)


def heading_clause(doc: Doc, i: int, lex: Lexicon) -> Role:
    """The role a clause starting at token i after "who" gives ("heads Portugal's central bank", "now presides
    over the Commission"): what the person heads, chairs or runs."""
    verb = doc[i]
    while verb.lower_ in ("also", "now", "currently") and verb.i + 1 < len(doc):
        verb = doc[verb.i + 1]
    role = _HEADING_VERBS.get(verb.lemma_.lower())
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None and role == "president":  # "who presides over the Commission"
        over = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "over"), None)
        obj = next((c for c in over.children if c.dep_ == "pobj"), None) if over is not None else None
    if role is None or obj is None:
        return Role()
    what = doc[obj.left_edge.i:obj.right_edge.i + 1]
    found = role_from(doc, what, lex)
    found.title = f"{role} of {what.text}"
    return found


def held_before(doc: Doc, name: Span) -> bool:
    """The role set off after the name is one the person held before ("X, who was finance minister", "X, who
    served as …")."""
    k = name.end
    return k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ == "who" \
        and doc[k + 2].lower_ in ("was", "served", "worked")


def current_after_former(doc: Doc, role: Role, lex: Lexicon) -> Role:
    """"X, a former finance minister who now heads the Bank of Vestland,": the office the person holds now, given
    in a clause right after the former one."""
    title = doc.char_span(*role.span, alignment_mode="expand") if role.span is not None else None
    if title is None or not role.title.lower().startswith(("former ", "ex-")):
        return role
    for k in range(title.end, min(len(doc), title.end + 3)):
        if doc[k].lower_ == "who":
            now = heading_clause(doc, k + 1, lex)
            return now if now.title else role
        if doc[k].is_punct:
            break
    return role


# ranks of scholars and of the armed forces, which a person holds whatever post they have
_RANKS = frozenset({"professor", "prof", "dr", "doctor", "general", "brigadier", "colonel", "lieutenant", "major",
                    "captain", "admiral", "rear", "vice", "commodore", "marshal", "sergeant", "corporal"})


def only_a_rank(title: str) -> bool:
    """"Professor", "Brigadier General", "Lt. Col.": a title of rank words only, no post."""
    words = title.lower().replace(".", " ").replace("-", " ").split()
    return bool(words) and all(w in _RANKS or w in ("lt", "col", "gen", "maj", "capt", "adm", "sgt") for w in words)


# fixed phrases after a role word that tell when or for what the holder serves ("the officer in charge", "the fire
# master on duty", "the doctor on call")
_SERVICE_TAILS = (("in", "charge"), ("on", "duty"), ("on", "call"))


def ends_in_service_tail(span: Span, lex: Lexicon) -> bool:
    """A title ending in a role word and "in charge", "on duty" or "on call"."""
    return len(span) > 2 and (span[-2].lower_, span[-1].lower_) in _SERVICE_TAILS \
        and lex.is_title_head(span[-3].lower_)
