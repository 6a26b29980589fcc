"""When two mentions in different articles are one person: names folded for matching, and roles compared.

Pure functions on strings: the store (:mod:`db.people`) asks them and records the rule and the evidence
behind every join. The rules:

- **same name**: the full names agree once folded (case, accents, punctuation and middle initials
  ignored: "Jerome H. Powell" is "Jerome Powell", "José Ibáñez" is "Jose Ibanez"), unless both sides
  carry roles in different countries that share nothing;
- **typo**: first names agree and surnames are one letter apart (or the other way round), with long
  enough words and a role that agrees ("McLenney" for "McClenney");
- **surname and role**: a surname alone joins a person only when a role agrees (title words, the
  organization, the country); Donald Trump and Eric Trump never join, their first names differ.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words that join a surname to what comes before: "de Guindos", "bin Salman", "von der Leyen".
PARTICLES = frozenset("de da das do dos du del della der den van von ter ten bin ibn abu al el la le di st".split())
SUFFIXES = frozenset("jr sr ii iii iv".split())
# Words of a title that say nothing about which role it is.
TITLE_STOPWORDS = frozenset(
    "the a an of for and to in on at with former acting then us u s uk eu new current".split())
MIN_TYPO_LENGTH = 5  # words shorter than this are too easily one letter apart
AGREEMENT = 1.0  # role score from which a role agrees


def fold(text: str) -> str:
    """Lower case without accents, punctuation or extra spaces ("Keller-Sutter's" → "kellersutter")."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]+", "", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class NameParts:
    """A person's name folded for matching."""

    norm: str  # tokens without middle initials ("jerome powell")
    first: str | None  # None for a surname alone
    surname: str  # with its particles ("de guindos")

    @property
    def is_surname_only(self) -> bool:
        return self.first is None


def name_parts(name: str) -> NameParts:
    tokens = [t for t in fold(name).split() if len(t) > 1 or t.isdigit()]  # middle initials go
    if not tokens:
        tokens = fold(name).split() or [name.lower()]
    core = [t for t in tokens if t not in SUFFIXES] or tokens
    i = len(core) - 1
    while i > 0 and core[i - 1] in PARTICLES:
        i -= 1
    surname = " ".join(core[i:])
    first = core[0] if i > 0 else None
    return NameParts(norm=" ".join(tokens), first=first, surname=surname)


# Words that open a reference, not a name: "it", "its officials", "a spokeswoman", "this report".
_NOT_A_NAME = frozenset("it its they them their this that these those he she his her a an one some another".split())


def names_an_institution(alias: str) -> bool:
    """Whether an organization's alias is a name ("IMF", "the Bank of Korea") that may join institutions
    across articles, not a reference every institution shares ("it", "the fund", "the statement")."""
    words = alias.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in _NOT_A_NAME



def alias_forms(name: str, aliases: list[str] | None) -> list[str]:
    """The aliases an article's organization entry gives: its name, and the other forms that name an institution
    (how the article referred to it, "it", "the report", "a ministry spokesperson", stays each statement's
    speaker_text)."""
    return [alias for alias in dict.fromkeys([name, *(aliases or [])]) if alias == name or names_an_institution(alias)]

def title_words(title: str | None) -> frozenset[str]:
    return frozenset(w for w in fold(title or "").split() if w not in TITLE_STOPWORDS)


def role_key(title: str | None, organization: str | None, country: str | None) -> str:
    """One string per role, equal for the same role written differently."""
    return "|".join((" ".join(sorted(title_words(title))), fold(organization or ""), country or ""))


# The role a person is shown with: a titled one; among those seen in the 90 days before their latest
# article, the one most articles give ("China's leader" in 11, not "Chinese counterpart" of one visit
# story); then the latest. A job left more than 90 days before the latest article gives way to the new one.
USUAL_ROLE_ORDER = """r.title is null,
    coalesce(r.last_seen >= date((select max(x.last_seen) from person_roles x where x.person_id = r.person_id),
                                 '-90 days'), 1) desc,
    r.articles desc, r.last_seen desc, r.rowid desc"""


@dataclass(frozen=True)
class Role:
    title: str | None
    organization_id: int | None
    country: str | None


def role_score(a: Role, b: Role) -> float:
    """How much two roles agree: the same organization 2, shared title words up to 2, the same country
    0.5; different countries -2 (a role agrees from AGREEMENT up)."""
    score = 0.0
    if a.organization_id is not None and a.organization_id == b.organization_id:
        score += 2
    wa, wb = title_words(a.title), title_words(b.title)
    if wa and wb:
        score += 2 * len(wa & wb) / len(wa | wb)
    if a.country and b.country:
        score += 0.5 if a.country == b.country else -2
    return score


def best_role_score(role: Role, roles: list[Role]) -> float:
    return max((role_score(role, other) for other in roles), default=0.0)


def one_letter_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, deleted or replaced letter."""
    if a == b or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < MIN_TYPO_LENGTH - 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def alias_kind(alias: str, name: str) -> str:
    """``name`` for a full name, ``surname`` for a bare surname ("Powell", "de Guindos"),
    ``description`` for the rest ("the Treasury secretary", "Chief Economist", the employer's name)."""
    words = alias.split()
    if fold(alias) == fold(name):
        return "surname" if name_parts(alias).is_surname_only else "name"
    if not words or words[0].lower() in ("the", "a", "an") or not (
            alias[:1].isupper() or words[0].lower() in PARTICLES):
        return "description"
    if name_parts(alias).is_surname_only:
        return "surname"
    proper = all(w[:1].isupper() or w.lower() in PARTICLES for w in words)
    # a capitalised form sharing no word with the name ("Chief Economist", the employer) describes the person
    shares_a_word = bool({fold(w) for w in words} & {fold(w) for w in name.split()})
    return "name" if proper and shares_a_word else "description"
