"""The word lists behind officials and statements, loaded once from ``nlp/data``."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span


# the legal forms that end a firm's name ("Bellmont Mutual Bank Plc", "Norland Steel Inc.")
LEGAL_FORMS = frozenset({"plc", "inc", "corp", "co", "ltd", "llc", "ag", "sa", "nv", "gmbh"})
# words written before a surname ("Mr Ueda", "Dr Lee"): the word after one is a family name
SURNAME_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})
# words written before a person's name and never an office's ("Sir Keir", "Dame Ann", "Lord Pike", "Prof Ng")
PERSONAL_HONORIFICS = SURNAME_HONORIFICS | {"miss", "sir", "dame", "lord", "lady", "prof", "prof."}


def _load(name: str) -> dict:
    return json.loads(resources.files("nlp").joinpath("data", name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    belief: frozenset[str]
    phrasal: dict[str, str]
    title_heads: frozenset[str]
    weak_heads: frozenset[str]
    private_heads: frozenset[str]
    title_modifiers: frozenset[str]
    leader_words: frozenset[str]
    leading_heads: frozenset[str]
    honorifics: frozenset[str]
    nationals: frozenset[str]  # "Finn", "Briton": a national written before a full name, no part of it
    female: frozenset[str]
    male: frozenset[str]
    plural_heads: dict[str, str]
    abbreviated_heads: dict[str, str]  # "gov." → "governor"
    generic: frozenset[str]
    orgs: dict[str, tuple[str, str]]
    org_kinds: dict[str, str]
    org_own_names: frozenset[str]
    org_short_forms: frozenset[str]
    firms: frozenset[str]  # firms whose one-word names read as a person's ("Fitch", "Mintel"), lower case
    institution_nouns: frozenset[str]
    org_nouns: frozenset[str]
    country_aliases: dict[str, str]
    female_names: frozenset[str]
    male_names: frozenset[str]
    document_nouns: frozenset[str]
    body_nouns: frozenset[str]
    voice_nouns: frozenset[str]
    company_nouns: frozenset[str]
    spokespeople: frozenset[str]
    people: frozenset[str]
    venues: frozenset[str]
    own_documents: frozenset[str]
    issued_texts: frozenset[str]  # "the plan", "the memorandum": their issuer speaks, when named
    bloc_names: dict[str, str]  # bloc code → full name ("EU" → "European Union")
    bloc_seats: frozenset[str]  # cities that stand for a bloc ("Brussels")
    us_titles: tuple[str, ...]  # titles American copy writes without the country ("commerce secretary")
    uk_titles: re.Pattern  # words of British offices and parties British copy writes without the country

    def cue_class(self, lemma: str) -> str | None:
        lemma = lemma.lower()
        if lemma in self.speech:
            return "speech"
        if lemma in self.belief:
            return "belief"
        return None

    def names_a_firm(self, name: Span) -> bool:
        """``name`` is a firm's ("Fitch", "Mintel said"), not a person's: a firm of the list, and no person the
        text names in full ("Laura Fitch") carries it as a surname."""
        text = name.text.lower().removeprefix("the ").strip()
        if text not in self.firms:
            return False
        before = name.doc[name.start - 1].lower_ if name.start else ""
        if before in self.honorifics or before.rstrip(".") in self.honorifics:
            return False  # "Mr Fitch"
        return not any(e.label_ == "PERSON" and len(e) > len(name) and e.text.lower().endswith(" " + text)
                       for e in name.doc.ents)

    def is_first_name(self, word: str) -> bool:
        """A common first name of either gender ("carly", "jason")."""
        w = word.lower()
        return w in self.male_names or w in self.female_names

    def is_title_head(self, word: str) -> bool:
        w = word.lower()
        return w in self.title_heads or self.plural_heads.get(w) in self.title_heads

    def is_body_noun(self, word: str) -> bool:
        """A part of an institution that speaks for it ("committee"), typos with a tripled letter included."""
        return normal_word(word) in self.body_nouns

    def is_voice_of_body(self, word: str) -> bool:
        """A body or its officers that speak as the institution named after them ("Policymakers at the Bank of
        Korea", "the board of the bank"), unlike its members or economists, who speak for themselves."""
        return normal_word(word) in self.body_nouns and normal_word(word) not in _OWN_VOICES

    def org(self, text: str) -> tuple[str, str] | None:
        """(canonical name, ISO3 or bloc or "") of a well-known organization as written, else None."""
        return self.orgs.get(text.lower().removeprefix("the ").strip())


_OWN_VOICES = frozenset({"member", "economist", "governor", "statement"})
_TRIPLED = re.compile(r"(\w)\1{2,}")


# news outlets spoken of by their kind: "the newspaper said", "told the daily Al-Rai"
OUTLETS = frozenset({"newspaper", "paper", "daily", "weekly", "agency", "broadcaster", "magazine", "tabloid"})
# the last word of many newspapers' names: "the New York Times", "the Jakarta Post", "the Mainichi Shimbun"
NEWSPAPER_NAME_ENDS = frozenset({
    "times", "post", "herald", "journal", "tribune", "gazette", "telegraph", "guardian", "shimbun", "chronicle",
    "examiner", "observer", "mail", "express", "globe", "inquirer", "mirror", "courier", "dispatch", "sun",
    "standard", "independent", "nation", "hindu", "ilbo", "zeitung", "allgemeine", "spiegel", "monde", "figaro",
    "pais", "repubblica", "corriere", "sera", "kompas", "straits", "dawn", "statesman", "age", "australian",
})


def normal_word(word: str) -> str:
    """Lower case, a letter typed three or more times cut to two ("commmittee" → "committee"): no English
    word has a tripled letter, and news copy keeps such typos."""
    return _TRIPLED.sub(r"\1\1", word.lower())


def _org_names(institutions: list[dict]) -> dict[str, tuple[str, str]]:
    """Every name and alias of the listed institutions, lower-case, to (canonical name, country or bloc or "")."""
    out: dict[str, tuple[str, str]] = {}
    for inst in institutions:
        value = (inst["name"], inst.get("country") or "")
        for written in [inst["name"], *inst.get("aliases", []), *inst.get("other_names", [])]:
            out.setdefault(written.lower(), value)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cues = _load("cue_verbs.json")
    titles = _load("titles.json")
    orgs = _load("organizations.json")
    names = _load("first_names.json")
    speaker_nouns = _load("speaker_nouns.json")
    blocs = _load("blocs.json")
    return Lexicon(
        speech=frozenset(cues["speech"]),
        belief=frozenset(cues["belief"]),
        phrasal=dict(cues["speech_phrasal"]),
        title_heads=frozenset(titles["heads"]),
        weak_heads=frozenset(titles["weak_heads"]),
        private_heads=frozenset(titles["private_heads"]),
        title_modifiers=frozenset(titles["modifiers"]),
        leader_words=frozenset(titles["leader_words"]),
        leading_heads=frozenset(titles["leading_heads"]),
        honorifics=frozenset(titles["honorifics"]),
        nationals=frozenset(titles["nationals"]),
        female=frozenset(titles["female_honorifics"]),
        male=frozenset(titles["male_honorifics"]),
        plural_heads=dict(titles["plural_heads"]),
        abbreviated_heads=dict(titles["abbreviated_heads"]),
        generic=frozenset(titles["generic_descriptions"]),
        orgs=_org_names(orgs["institutions"]),
        org_kinds={i["name"]: i["kind"] for i in orgs["institutions"] if i.get("kind")},
        org_own_names=frozenset(n.lower() for i in orgs["institutions"] for n in i.get("other_names", [])),
        org_short_forms=frozenset(n.lower() for i in orgs["institutions"] for n in i.get("aliases", [])),
        firms=frozenset(n.lower() for n in orgs["firms"]),
        institution_nouns=frozenset(orgs["institution_nouns"]),
        org_nouns=frozenset(orgs["org_nouns"]),
        country_aliases=dict(orgs["country_aliases"]),
        female_names=frozenset(names["female"]),
        male_names=frozenset(names["male"]),
        document_nouns=frozenset(speaker_nouns["documents"]),
        body_nouns=frozenset(speaker_nouns["bodies"]),
        voice_nouns=frozenset(speaker_nouns["voices"]),
        company_nouns=frozenset(speaker_nouns["companies"]),
        spokespeople=frozenset(speaker_nouns["spokespeople"]),
        people=frozenset(speaker_nouns["people"]),
        venues=frozenset(speaker_nouns["venues"]),
        own_documents=frozenset(speaker_nouns["own_documents"]),
        issued_texts=frozenset(speaker_nouns["issued"]),
        bloc_names={code: b["name"] for code, b in blocs["blocs"].items()},
        bloc_seats=frozenset(seat for b in blocs["blocs"].values() for seat in b.get("seats", [])),
        us_titles=tuple(orgs["us_titles"]),
        uk_titles=re.compile(r"\b(?:" + "|".join(map(re.escape, orgs["uk_titles"])) + r")\b"),
    )
