"""A named person the text places at a firm rather than in a public office.

News often names an analyst or banker by their firm alone, with no title: "said Ana Bell of Northgate
Securities", "Northgate Securities' Ana Bell said". Such a speaker still speaks (statements keep them) but is
no official. A public institution after "of"/"at" ("Ana Bell of the Finance Ministry", "of the IMF") or a place
("Senator Ana Bell of Ohio") leaves them as they are.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from nlp.components.numbers import OLDEST_AGE
from nlp.quotes.described_names import described_as_organization
from nlp.quotes.lexicon import LEGAL_FORMS, Lexicon, lexicon
from nlp.quotes.titles import country_code
from nlp.segments import doc_text

if TYPE_CHECKING:
    from nlp.quotes.people import Person

_AFFILIATION_WORDS = ("of", "at", "with", "from")
# words that make an organization public (besides the institution nouns: ministry, agency, central bank …)
_PUBLIC_WORDS = frozenset({"party", "central", "reserve", "federal", "nations",
                           "monetary", "house", "embassy", "mission", "delegation", "police", "army"})


def works_at_a_firm(doc: Doc, person: Person) -> bool:
    """The person is named next to a firm ("of Northgate Securities", "Northgate Securities' Ana Bell") and
    next to no public institution."""
    lex = lexicon()
    firms = [_firm_after(doc, m, lex) or _firm_before(doc, m, lex) for m in person.mentions]
    return any(f is True for f in firms) and not any(f is False for f in firms)


# last words of a firm's or a paper's name ("Bellmont Mutual Bank Plc", "the Harbour Gazette") that the model
# sometimes tags as a person
_FIRM_ENDINGS = LEGAL_FORMS | {"bank", "review", "times", "journal", "gazette", "herald", "tribune", "daily", "news"}


def firm_name(name: str) -> bool:
    """A "person" whose name ends like a firm's or a paper's and starts with no known first name."""
    words = name.split()
    return len(words) > 1 and words[-1].lower().strip(".") in _FIRM_ENDINGS \
        and not lexicon().is_first_name(words[0])


def _firm_after(doc: Doc, name: Span, lex: Lexicon) -> bool | None:
    """True for "Ana Bell of Northgate Securities", False for "of the Finance Ministry", None for anything
    else."""
    k = name.end
    if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in _AFFILIATION_WORDS:
        k += 1  # "Ana Bell, of Northgate Securities,"
    if k + 1 >= len(doc) or doc[k].lower_ not in _AFFILIATION_WORDS:
        return None
    k += 1
    if doc[k].lower_ == "the" and k + 1 < len(doc):
        k += 1
    described = _described_body(doc, k)
    if described is not None:
        return described
    org = _organization_at(doc, k)
    return None if org is None else _is_firm(org, lex)


# what the appositive after an organization's name calls it when it is a firm, a think-tank or a university
# ("of Norvik, an engineering firm", "of Halden, a Swedish think-tank", "of Brightwater, a consultancy")
_PRIVATE_BODY_HEADS = frozenset({"firm", "consultancy", "consultants", "consultant", "company", "bank", "insurer",
                                 "lender", "broker", "brokerage", "carmaker", "startup", "fund",
                                 "university", "tank", "group", "newspaper", "magazine", "publication",
                                 "conglomerate", "chipmaker", "bookmaker", "pollster", "forecaster", "agency",
                                 "outfit", "institute", "body", "lobby"})
# words that make the body so described a public one ("the central bank", "a state-owned lender", "an official
# forecaster", "a government agency")
_PUBLIC_DESCRIPTION = frozenset({"central", "state", "state-owned", "government", "public", "official",
                                 "national", "development", "multilateral", "federal", "regional", "intergovernmental"})
_NAME_WORDS = frozenset({"&", "of", "-", "and", "for", "on"})
# what opens such an appositive ("X, a consultancy", "X, her software firm", "X, one more PE firm")
_DESCRIBING_DETERMINERS = frozenset({"a", "an", "another", "the", "his", "her", "its", "their", "one"})


def named_as_a_body(person: Person) -> bool:
    """The "person" is an organization the text describes as one: "Morning Tide, a freight magazine", "Tern
    Analytics, a consultancy", "Banxico, the central bank" (the speakers' test, `described_as_organization`)."""
    return any(described_as_organization(m) for m in person.mentions)


def _described_body(doc: Doc, k: int) -> bool | None:
    """True for "of Norvik, an engineering firm" (a name, then an appositive calling it a firm, think-tank or
    university), False when the appositive calls it a public body ("of Banxico, the central bank"), None when
    there is no such appositive. A rating agency or a think-tank is private; any other agency public."""
    j = k
    while j < min(len(doc), k + 6) and (doc[j].text[:1].isupper() or doc[j].lower_ in _NAME_WORDS and j > k):
        j += 1
    if j == k or j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in _DESCRIBING_DETERMINERS:
        return None
    words, aside = [], False
    for tok in doc[j + 2:j + 11]:
        if tok.text in ("(", ")"):
            aside = tok.text == "("  # "a private-equity (PE) firm": the acronym is an aside
            continue
        if aside:
            continue
        if tok.is_punct and tok.text != "-" or tok.tag_ in ("WDT", "WP") or tok.pos_ == "ADP" or tok.lower_ == "that":
            break
        words.append(tok.lower_)
    if not words or words[-1] not in _PRIVATE_BODY_HEADS:
        return None
    if any(w in _PUBLIC_DESCRIPTION for w in words):
        return False
    head = words[-1]
    if head == "tank" and "think" not in words or head == "agency" and "rating" not in words \
            or head == "institute" and "research" not in words \
            or head in ("group", "body") and not ({"research", "consulting", "lobby", "industry", "trade",
                                                   "business", "advocacy"} & set(words)):
        return None
    return True


def _firm_before(doc: Doc, name: Span, lex: Lexicon) -> bool | None:
    """True for "Northgate Securities' Ana Bell" (the firm's possessive right before the name)."""
    k = name.start - 1
    if k < 1 or doc[k].tag_ != "POS":
        return None
    end = k
    start = end
    while start > 0 and doc[start - 1].ent_type_ == "ORG":
        start -= 1
    if start == end:
        return None
    return _is_firm(doc[start:end], lex)


def _organization_at(doc: Doc, k: int) -> Span | None:
    """The ORG entity starting at token k (a GPE or a person is no organization)."""
    tok = doc[k]
    if tok.ent_type_ != "ORG" or tok.ent_iob_ != "B" and doc[k - 1].lower_ != "the":
        return None
    return next((e for e in doc.ents if e.start <= k < e.end), None)


def _is_firm(org: Span, lex: Lexicon) -> bool:
    text = org.text.removeprefix("the ").removeprefix("The ")
    if lex.org(text) or lex.org(text.removesuffix("'s").removesuffix("’s")):
        return False  # a known public body ("the IMF", "the Bank of Korea")
    words = {t.lower_ for t in org}
    if words & (lex.institution_nouns - {"bank"}) or words & _PUBLIC_WORDS:
        return False
    # a country in the name may make it the country's bank ("Bank of Ghana"); a city does not ("Bank of Tokyo")
    return not any(t.text[:1].isupper() and len(t) > 2 and country_code(t.text, lex) for t in org)


# descriptions of people in public life that are no title word ("the island's de facto ruler", "a veteran politician")
_PUBLIC_DESCRIPTIONS = frozenset({"ruler", "dictator", "monarch", "emperor", "sultan", "emir", "archbishop",
                                  "strongman", "warlord", "regent", "politician", "parliamentarian", "councillor",
                                  "successor", "predecessor"})


def described_as_private(doc: Doc, person: Person) -> bool:
    """An untitled person the appositive after their name describes by no office: "X, a fisherman in
    Y", "X, a 58-year-old baker", "X, a taxi driver", "X, a shop assistant", or named as someone's relative
    ("her husband, X") (a person's own words, not an official's)."""
    lex = lexicon()
    for m in person.mentions:
        if _given_an_age(doc, m) or _someones_relative(doc, m):
            return True
        j = m.end + 1
        if j >= len(doc) or doc[m.end].text != ",":
            continue
        if doc[j].lower_ in ("a", "an", "another"):
            j += 1
        head = None
        for tok in doc[j:j + 8]:
            if tok.is_punct and tok.text != "-" or tok.pos_ in ("ADP", "CCONJ", "VERB", "AUX", "PRON") \
                    or tok.tag_ in ("WDT", "WP"):
                break
            head = tok
        if head is not None and head.pos_ == "NOUN" and head.tag_ == "NN" and not lex.is_title_head(head.lower_) \
                and head.lower_ not in _PUBLIC_DESCRIPTIONS:
            return True
    return False


# words for a person's family written before their name ("the victim's brother X", "her husband, X")
_RELATIVES = frozenset({"brother", "sister", "mother", "father", "husband", "wife", "son", "daughter", "grandmother",
                        "grandfather", "grandson", "granddaughter", "uncle", "aunt", "cousin", "niece", "nephew",
                        "girlfriend", "boyfriend", "fiancé", "fiancée", "widow", "widower", "stepfather",
                        "stepmother"})


def _someones_relative(doc: Doc, name: Span) -> bool:
    """"the victim's brother, X", "her husband X": a name right after a word for a relative that someone owns."""
    k = name.start - 1
    if k > 0 and doc[k].text == ",":
        k -= 1
    return k > 0 and doc[k].lower_ in _RELATIVES and (doc[k - 1].tag_ in ("PRP$", "POS") or doc[k - 1].text == "’s")


def _given_an_age(doc: Doc, name: Span) -> bool:
    """"X, 47, said", "47-year-old X": reporters give the age of the people they meet, not a title; an official
    so described has a title too (and is then no untitled person)."""
    k = name.end
    if k + 2 < len(doc) and doc[k].text == "," and doc[k + 1].like_num and doc[k + 1].text.isdigit() \
            and doc[k + 2].text in (",", ".") and 0 < int(doc[k + 1].text) < OLDEST_AGE:
        return True
    i = name.start
    return i >= 1 and doc[i - 1].lower_.endswith("-old") or i >= 3 and doc[i - 1].lower_ == "old" \
        and doc[i - 3].lower_ in ("year", "years") and doc[i - 2].text == "-"



# heads of posts only firms have ("Tarn Motors CEO", "chief financial officer of Bellhaven")
_FIRM_ONLY_HEADS = re.compile(r"\b(?:ceo|cfo|coo|cto|chief (?:executive|financial|operating|technology)(?: officer)?"
                              r"|general counsel|owner|founder|co-founder)\b")
# role words of public office: a title with one is public whatever firm it also names ("former chancellor and
# deputy chairman of Tarn Tobacco")
_PUBLIC_HEADS = frozenset({"minister", "chancellor", "senator", "sen.", "governor", "gov.", "secretary", "ambassador",
                           "mayor", "mp", "lawmaker", "congressman", "congresswoman", "rep.", "premier", "judge",
                           "commissioner", "envoy", "diplomat", "official"})

# bodies of members, no firms ("the Tarn Growers Association", "the Chamber of Shipping")
_BODIES_OF_MEMBERS = frozenset({"association", "federation", "chamber", "council", "union", "institute", "society",
                                "foundation", "league", "board", "confederation", "alliance", "coalition"})


def holds_a_firm_post(doc: Doc, person: Person) -> bool:
    """The person's title is a post at a firm: at an organization written with a legal form ("vice president at
    Tarn Motors Inc.", "Tarn Motors chairman" where the text also writes "Tarn Motors Corp."), or a post only
    firms have at an organization that is no public body ("Tarn Motors CEO"); not when the title also names a
    public office."""
    org = person.role.organization
    title = (person.role.title or "").lower()
    if not org or set(title.replace(",", " ").split()) & _PUBLIC_HEADS:
        return False
    lex = lexicon()
    bare = org.removeprefix("the ").removeprefix("The ")
    if lex.org(bare) or set(bare.lower().split()) & (lex.institution_nouns | _PUBLIC_WORDS | _BODIES_OF_MEMBERS):
        return False  # ("chief executive of the Bank of Korea", "CEO of the Port Authority", "of the X Association")
    return _with_legal_form(doc, bare) or _after_a_firm_word(doc, bare) or bool(_FIRM_ONLY_HEADS.search(title))


def _with_legal_form(doc: Doc, org: str) -> bool:
    """"Tarn Motors Inc.", or "Tarn Motors" where the text writes "Tarn Motors Inc." somewhere."""
    words = org.split()
    if words and words[-1].lower().strip(".,") in LEGAL_FORMS:
        return True
    # (not "Tarn Motors co-founder")
    pattern = re.compile(re.escape(org) + r",?\s+(?i:" + "|".join(LEGAL_FORMS) + r")(?![\w-])")
    return pattern.search(doc_text(doc)) is not None


def _after_a_firm_word(doc: Doc, org: str) -> bool:
    """"the carmaker Tarn Motors", "security firm Tarn": the text names the organization after a word for a firm."""
    pattern = re.compile(r"\b(?:" + "|".join(_FIRM_WORDS) + r")\s+(?:the\s+)?" + re.escape(org) + r"\b")
    return pattern.search(doc_text(doc)) is not None


# words for a firm written before its name
_FIRM_WORDS = ("company", "firm", "corporation", "automaker", "carmaker", "retailer", "insurer", "airline",
               "manufacturer", "startup", "conglomerate", "chipmaker", "giant", "maker", "contractor", "consultancy")
