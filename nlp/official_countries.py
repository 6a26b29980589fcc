"""The country an official serves when the title itself names none.

- "President Ana Bell of Chile", "Prime Minister Tom Reed of Australia": the country after "of" right after
  the name.
- "Finance Minister Karl Weiss said the plan would help Austria's exporters": a national office (minister,
  president, chancellor, governor, secretary …) written without a country, in a sentence that names exactly one
  country besides those in other people's titles and those on the other side of what is done ("imported from
  China", "duties on Japanese cars"), is that country's. Two countries in the sentence leave it open.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from nlp.quotes.people import Person

# role words of national offices; a firm's "president" names its organization and is left alone
_NATIONAL_HEADS = frozenset({"minister", "premier", "president", "chancellor", "governor", "secretary",
                             "treasurer", "taoiseach"})
_COUNTRY_CODE_LEN = 3


def add_countries(doc: Doc, people: list[Person]) -> None:
    """Fill in the country of titled people whose title names none."""
    countries = [c for c in doc.spans.get("countries", []) if len(c.label_) == _COUNTRY_CODE_LEN]
    if not countries:
        return
    titled = [p for p in people if p.role.title]
    for p in titled:
        if p.role.country:
            continue
        p.role.country = _country_after_name(doc, p, countries) or (
            _only_country_in_sentence(doc, p, countries, titled) if _national_office(p) else None)


def _country_after_name(doc: Doc, person: Person, countries: list[Span]) -> str | None:
    for m in person.mentions:
        if m.end + 1 < len(doc) and doc[m.end].lower_ == "of":
            after = next((c for c in countries if c.start == m.end + 1 or
                          c.start == m.end + 2 and doc[m.end + 1].lower_ == "the"), None)
            if after is not None and (after.end >= len(doc) or doc[after.end].tag_ != "POS"):
                return after.label_  # (not "of Chile's senate")
    return None


def _national_office(person: Person) -> bool:
    words = set(person.role.title.lower().replace("-", " ").split())
    return person.role.organization is None and bool(words & _NATIONAL_HEADS)


def _only_country_in_sentence(doc: Doc, person: Person, countries: list[Span], titled: list[Person]) -> str | None:
    if person.role.span is None:
        return None
    title = doc.char_span(*person.role.span, alignment_mode="expand")
    if title is None:
        return None
    sent = title.sent
    others = [doc.char_span(*q.role.span, alignment_mode="expand") for q in titled
              if q is not person and q.role.span is not None]
    taken = {t.i for s in others if s is not None for t in s}
    found = {c.label_ for c in countries if sent.start <= c.start < sent.end and c.start not in taken
             and doc[c.start].ent_type_ != "ORG" and not _partner(c)}
    return found.pop() if len(found) == 1 else None


# prepositions that make a country the other side of what is done ("imported from China", "tariffs on Japanese
# goods", "talks with Canada")
_PARTNER_PREPOSITIONS = frozenset({"from", "on", "against", "with", "into", "to", "toward", "towards", "at", "over"})


def _partner(country: Span) -> bool:
    tok = country.root
    while tok.head is not tok and tok.pos_ not in ("VERB", "AUX"):
        if tok.head.pos_ == "ADP" and tok.head.lower_ in _PARTNER_PREPOSITIONS:
            return True
        tok = tok.head
    return False
