"""Money amounts whose currency the sentence gives once, and currency words several countries share.

- "Exports rose to 4.2 billion pesos from 3.9 billion": the second amount is in pesos too. A number
  with a scale word ("billion") that counts no noun takes the currency of the nearest amount of money in its
  sentence (or, when the sentence has none, in the sentence before: "Its shortfall with Peru widened to
  1.1 billion." after "… 2.5 billion dollars").
- "pesos" and "rupees" are the currency of the country the story is about (Philippine, Argentine, Chilean
  pesos; Pakistani rupees) when it names one of those countries and none of the others.
"""
from __future__ import annotations

from collections import Counter
from functools import cache

from spacy.tokens import Doc, Span

from nlp.quantity_forms import tables

# currency words used by several countries, the currency of each (the first country is the default's)
_SHARED = {
    "peso": {"MEX": "MXN", "PHL": "PHP", "ARG": "ARS", "CHL": "CLP", "COL": "COP", "URY": "UYU", "DOM": "DOP"},
    "rupee": {"IND": "INR", "PAK": "PKR", "LKA": "LKR", "NPL": "NPR"},
}
_LARGE_SCALES = {"million", "mln", "mn", "billion", "bln", "bn", "trillion", "tn", "trn"}


@cache
def currencies() -> frozenset[str]:
    """Every currency code the number tables and the shared currency words can give."""
    t = tables()
    return frozenset({*t.currency_words.values(), *t.currency_prefixes.values(),
                      *(code for shared in _SHARED.values() for code in shared.values())})


def fill_elided_currency(doc: Doc, spans: list[Span]) -> None:
    """Give a bare "3.9 billion" the currency its sentence (or the one before) writes out."""
    money = currencies()
    for span in spans:
        q = span._.quantity
        if q.unit != "count" or span.text.split()[-1].lower() not in _LARGE_SCALES or _counts_a_noun(span):
            continue
        sent = span.sent
        same = [s for s in spans if s is not span and sent.start <= s.start < sent.end and s._.quantity.unit in money]
        if not same and sent.start > 0:
            before = doc[sent.start - 1].sent
            same = [s for s in spans if before.start <= s.start < before.end and s._.quantity.unit in money]
            same = same[-1:]
        if same:
            nearest = min(same, key=lambda s: (s.start > span.start, abs(s.start - span.start)))
            q.unit = nearest._.quantity.unit


def _counts_a_noun(span: Span) -> bool:
    """"3.4 million hectares", "1.2 million of them": the number counts something written after it."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "ADJ") or nxt.lower_ == "of")


def currency_of_the_story(doc: Doc, spans: list[Span]) -> None:
    """"pesos" in a story about the Philippines are Philippine pesos."""
    mentioned = Counter(c.label_ for c in doc.spans.get("countries", []))
    for span in spans:
        word = span.text.split()[-1].lower().rstrip("s")
        shared = _SHARED.get(word)
        if shared is None or span._.quantity.unit != next(iter(shared.values())):
            continue
        named = [code for code in shared if mentioned[code]]
        if len(named) == 1:
            span._.quantity.unit = shared[named[0]]
