"""Who an organization is, from the words an article uses for it: one identity key per institution.

"China's commerce ministry", "the Chinese Ministry of Commerce" and "MOFCOM" name one institution;
India's commerce ministry is another. :func:`identify` turns a speaker or employer string into an
:class:`Organization` whose ``key`` is the same for every way of writing the same institution
(country code + the institution's words in one order), so that the store can join organizations
across articles without knowing any English. Strings with no institution in them ("analysts",
"industry figures", "he") are not organizations.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from nlp.components.countries import BLOC, BLOC_SEAT, CAPITAL, DEMONYM, NAME, SEAT, load_gazetteer
from nlp.quotes.described_names import described_as_organization
from nlp.quotes.entities import entity_of
from nlp.quotes.lexicon import PERSONAL_HONORIFICS, lexicon

# Nouns of a government body whose subject may come first ("commerce ministry") or after "of"
# ("Ministry of Commerce"): keyed in the "of" order.
REORDERED_HEADS = {"ministry", "department", "office", "bureau", "agency", "commission", "administration",
                   "council", "committee", "secretariat", "service"}
# Short subjects that the "of" form spells out.
SUBJECT_FORMS = {"foreign": "foreign affairs", "economy": "economy", "economic": "economy",
                 "financial": "finance", "trade": "trade", "industry": "industry"}
# A country standing alone, or its government, speaks as the government.
GOVERNMENT_WORDS = {"government", "administration", "authorities", "cabinet"}
# Words that introduce the organization a voice speaks for ("a spokesperson for the ministry").
VOICE_PREFIX = re.compile(
    r"^(?:an?\s+|the\s+)?(?:\w+\s+)?(?:spokes(?:man|woman|person)|representative|official|statement|"
    r"report)\s+(?:for|of|from|by)\s+", re.IGNORECASE)
PRONOUNS = frozenset("he she him her his they them their i we you it".split())
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,7}$")


@dataclass(frozen=True)
class Organization:
    """An institution as the store keys it."""

    name: str  # as written, without a leading article ("Chinese Ministry of Commerce")
    country: str | None  # ISO3 or bloc code of whom it belongs to
    key: str  # "CHN:ministry of commerce": equal for every way of writing the same institution


def plain(text: str) -> str:
    """Lower case, accents and curly apostrophes folded, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().lower()


@lru_cache(maxsize=1)
def _country_forms() -> dict[str, str]:
    """Lower-cased country names, demonyms and bloc names → code (longest forms win on lookup)."""
    forms: dict[str, str] = {}
    for form, (kind, code) in load_gazetteer().entries.items():
        if kind in (NAME, DEMONYM, BLOC) and code:
            forms[plain(form)] = code
    forms.update({plain(k): v for k, v in lexicon().country_aliases.items()})
    return forms


@lru_cache(maxsize=1)
def _seats() -> dict[str, str]:
    """Capitals and seats of government that speak for it ("Beijing said", "Brussels retaliated")."""
    return {plain(form): code for form, (kind, code) in load_gazetteer().entries.items()
            if kind in (CAPITAL, SEAT, BLOC_SEAT) and code}


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def _leading_country(words: str) -> tuple[str | None, str]:
    """("CHN", "commerce ministry") for "china's commerce ministry" or "chinese commerce ministry"."""
    forms = _country_forms()
    tokens = words.split()
    for n in range(min(4, len(tokens) - 1), 0, -1):  # the country modifies what follows
        bare = " ".join(tokens[:n]).removesuffix("'s").removesuffix("'")
        if bare in forms:
            return forms[bare], " ".join(tokens[n:])
    return None, words


def leading_country(name: str) -> str | None:
    """The country an institution's name opens with ("U.S. Supreme Court", "Tunisian Parliament", "Chile's
    Senate"), if any; a bloc ("EU Council") is no country."""
    code, _ = _leading_country(plain(_strip_article(name)))
    return code if code and len(code) == 3 else None


def country_of_word(word: str) -> str | None:
    """The country a single word names or is the adjective of ("Danish" → DNK, "Korea's" → KOR), if any."""
    return _country_forms().get(plain(word).removesuffix("'s"))


def _contained_country(words: str) -> str | None:
    """The country a name holds ("bank of korea" → KOR), longest form first."""
    forms = _country_forms()
    tokens = words.split()
    for n in range(min(4, len(tokens)), 0, -1):
        for i in range(len(tokens) - n + 1):
            form = " ".join(tokens[i:i + n]).removesuffix("'s")
            if form in forms:
                return forms[form]
    return None


def _of_order(words: str) -> str:
    """"commerce ministry" → "ministry of commerce"; "ministry of commerce" stays."""
    tokens = words.split()
    if len(tokens) >= 2 and tokens[-1] in REORDERED_HEADS and "of" not in tokens:
        subject = " ".join(tokens[:-1])
        return f"{tokens[-1]} of {SUBJECT_FORMS.get(subject, subject)}"
    match = re.fullmatch(r"(\w+) of (.+)", words)
    if match and match.group(1) in REORDERED_HEADS:
        return f"{match.group(1)} of {SUBJECT_FORMS.get(match.group(2), match.group(2))}"
    return words


def _has_org_noun(words: str) -> bool:
    nouns = lexicon().org_nouns
    return any(token in nouns for token in words.replace(",", " ").split())


def identify(text: str | None, country: str | None = None, *, proper: bool = False) -> Organization | None:
    """The organization ``text`` names, or None when it names none (a person, a group, a pronoun).

    ``country`` is whom the article says it belongs to, used when the words do not say it. With
    ``proper``, a capitalised name with no institution word ("Volkswagen") counts as one: the caller
    knows it is no person.
    """
    if not text or not text.strip():
        return None
    written = _strip_article(VOICE_PREFIX.sub("", text.strip()))
    written = re.sub(r"[\s,.;:]+$", "", written) if not ACRONYM.match(written) else written
    if not written:
        return None
    known = lexicon().org(written)
    if known is not None:
        canonical, code = known
        lead, rest = _leading_country(plain(canonical))  # "Chinese Ministry of Commerce" as "China's commerce ministry"
        # An international organization has no country: its code is "" in the key, None as a field.
        return Organization(name=written, country=code or None,
                            key=f"{code}:{_of_order(rest if lead == code else plain(canonical))}")
    words = plain(written)
    forms = _country_forms()
    if words in forms or words in _seats():  # "Britain", "Beijing" speak as the government
        code = forms.get(words) or _seats()[words]
        return Organization(name=written, country=code, key=f"{code}:government")
    lead, rest = _leading_country(words)
    if lead is not None and rest in GOVERNMENT_WORDS:
        return Organization(name=written, country=lead, key=f"{lead}:government")
    if ACRONYM.match(written):
        return Organization(name=written, country=country, key=f"{country or '-'}:{words.replace('.', '')}")
    if not _has_org_noun(rest if lead else words):
        if proper and all(w[:1].isupper() for w in written.split() if w[:1].isalpha()):
            return Organization(name=written, country=country or lead, key=f"{country or lead or '-'}:{words}")
        return None
    body = _of_order(rest) if lead else _of_order(words)
    code = lead or _contained_country(words) or country
    return Organization(name=written, country=code, key=f"{code or '-'}:{body}")


# words of a body that works across borders, never one country's ("the International Trade Centre")
_ACROSS_BORDERS = frozenset({"international", "world", "global", "united", "nations", "european", "regional", "asian",
                             "african", "atlantic", "pacific", "inter-american", "multilateral", "un"})


def of_the_dateline(org: Organization, dateline: str | None) -> Organization:
    """"BEIJING, May 3 (Wire) -- … the Ministry of Commerce said": a wire reporter writes the government bodies of
    the country whose capital heads the story without their country; such a body named by its proper name alone
    ("the Ministry of Commerce", "the State Council", "the Foreign Ministry") is that country's. The name stays as
    written; only the country (and so the store's key) says whose it is."""
    if dateline is None or org.country is not None or not org.key.startswith("-:"):
        return org
    body = org.key.partition(":")[2]
    words = org.name.replace(",", " ").split()
    if body.split()[0] not in REORDERED_HEADS | {"cabinet", "treasury"} or not words \
            or not all(w[:1].isupper() or w in ("of", "for", "and", "the", "&") for w in words) \
            or any(w.isupper() for w in words) or {plain(w) for w in words} & _ACROSS_BORDERS:
        return org  # (an acronym, an international body, "the customs office": nobody's by the dateline)
    return Organization(name=org.name, country=dateline, key=f"{dateline}:{body}")


def _unnamed_people(root) -> bool:
    """The words are headed by a role or trade, not a name ("executive", "dealers", "officials")."""
    lex = lexicon()
    return root.pos_ != "PROPN" and root.ent_type_ not in ("PERSON", "ORG") and (
        lex.is_title_head(root.lower_) or root.lemma_.lower() in lex.people)


# prepositions that tie an unnamed person to the body they work for ("an analyst at X", "a member of Y")
_EMPLOYING = frozenset({"of", "at", "with", "for", "from"})


def body_of_unnamed(said_by: Span | None) -> str | None:
    """"a senior economist with the IMF", "an employee of Harrow Bank told": the named body an unnamed person
    speaking works for (the group's ``organization``), when a preposition after the role word names it."""
    if said_by is None or not len(said_by):
        return None
    root = said_by.root
    if root.pos_ != "NOUN" or root.ent_type_:
        return None
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in _EMPLOYING or prep.i < root.i:
            continue
        body = next((c for c in prep.children if c.dep_ == "pobj"), None)
        ent = entity_of(body) if body is not None and body.ent_type_ == "ORG" else None
        if ent is not None and ent.root.i == body.i:
            start, end = ent.start + (ent[0].lower_ == "the"), ent.end
            owner = next((c for c in body.children if c.dep_ == "poss" and c.ent_type_ == "ORG" and c.i < start), None)
            if owner is not None:  # ("the Fund's Asia Division"): the owner's name is part of the body's
                start = owner.left_edge.i + (owner.left_edge.lower_ == "the")
            while end <= body.right_edge.i and root.doc[end].pos_ == "PROPN":
                end += 1  # (a name the model cut short: "the Bank for Foreign Trade and | Development")
            return root.doc[start:end].text.strip() or None
    return None


def _unnamed_people_named(speaker: str) -> bool:
    """The speaker's words, as a pronoun took them over, name a trade before any preposition ("One dealer for a
    U.S. bank" for "he")."""
    words = re.split(r"\s+(?:for|at|of|with|in|from)\s+", _strip_article(speaker), maxsplit=1)[0].split()
    if not words or words[-1][:1].isupper():
        return False
    lex = lexicon()
    last = words[-1].lower()
    return lex.is_title_head(last) or last in lex.people or last.endswith("s") and last[:-1] in lex.people


_DESCRIBING = frozenset({"a", "an", "one", "the", "some", "two", "three", "several", "many"})  # "One trader … he"


def _with_a_post(root) -> bool:
    """The name has a post or a place of work set after it, as people's names do ("X of the Hertie School",
    "X, co-founder of Y"), whatever the model tagged it."""
    lex = lexicon()
    return any(c.dep_ == "prep" and c.lower_ in ("of", "at") or c.dep_ == "appos" and lex.is_title_head(c.lower_)
               for c in root.children)


def speaker_kind(speaker: str | None, person_names: set[str], span: Span | None = None,
                 resolved_organization: bool = False) -> str | None:
    """``person``, ``organization`` or ``group`` ("analysts", "Swiss officials") for a statement's speaker;
    ``span`` is the speaker's words in the text, used when the speaker is named there as written;
    ``resolved_organization`` says the attribution took words other than the name for an organization.

    Institutions carry an institution word or are known ("the ministry", "the Fed"); a capitalised name
    of two or more words without one is a person ("Marian Holt") unless written after "the" or joined by "&"
    or ending in a possessive ("Marks & Spencer", "Moody's"), as firms are named; a single
    capitalised word a brand or an outlet ("Volkswagen", "Xinhua") unless the text writes it as a common noun
    ("Economists")."""
    if not speaker or speaker.lower() in PRONOUNS:
        return None
    if speaker in person_names or speaker in {name.split()[-1] for name in person_names}:
        return "person"
    named = speaker[:1].isupper() and speaker.split()[0].lower() not in _DESCRIBING
    if named and span is not None and len(span) and (span.text.lower() in ("he", "she", "i", "me") or any(
            t.lower_ in PERSONAL_HONORIFICS for t in span.doc[max(0, span.start - 1):span.start + 1] if t.i < span.end - 1)):
        return "person"  # "she", "Ms Derby", an interviewee's "I": a named person, whatever the name looks like
    if resolved_organization and span is not None and span.root.pos_ in ("NOUN", "PRON") \
            and plain(_strip_article(span.text)) != plain(_strip_article(speaker)):
        return "organization"  # what common words stand for was resolved to an organization ("the short-seller", "it")
    if span is not None and plain(_strip_article(span.text)) == plain(_strip_article(speaker)) \
            and _unnamed_people(span.root) or _unnamed_people_named(speaker):
        return "group"  # "a Barclays executive", "a dealer at a French bank": people, whatever they work for
    if span is not None and lexicon().names_a_firm(span):
        return "organization"  # "Fitch said", "according to Mintel": a firm the model took for a person
    if span is not None and span.root.lower_ == "they" and not resolved_organization:
        return "group"  # "they" for people described ("Supporters of the group think … They say"), whatever
        # the words name ("group" is no organization there)
    if identify(speaker) is not None or span is not None and any(
            c.dep_ == "appos" and c.ent_type_ == "ORG" and c.text in speaker for c in span.root.children):
        return "organization"  # (or the firm named after the words: "its main rival, Kestrel Oil,")
    words = _strip_article(speaker).split()
    capitalised = all(w[:1].isupper() for w in words if w[:1].isalpha())
    if span is not None and plain(_strip_article(span.text)) == plain(_strip_article(speaker)):
        root = span.root
        described = described_as_organization(span)
        if root.ent_type_ == "PERSON" and not described:
            return "person"
        if described or root.ent_type_ == "ORG" and capitalised and not lexicon().is_first_name(words[0]) \
                and not _with_a_post(root):
            return "organization"  # "Harrow Partners, a consultancy, reckons", a name the model tags as one
        if root.pos_ != "PROPN" and not root.ent_type_:
            return "group"
    if "&" in words or words and words[-1].endswith(("'s", "’s")):
        return "organization"  # no one's name joins with "&" or ends in a possessive ("Marks & Spencer", "Moody's")
    if capitalised:
        # no one's name is written after "the" ("the Sioux Falls Argus Leader", "the Kiel Institute")
        named_with_article = speaker.split()[0].lower() == "the"
        return "person" if len(words) >= 2 and not named_with_article else "organization"
    return "group"
