"""Quantities written as phrases rather than figures, for saidwhat_numbers: vague amounts of money ("billions of
dollars", "tens of billions of euros" → the least the words allow: 1e9, 1e10), amounts written as one hyphenated
word before a noun ("a 12-billion-dollar plan", "a 2.5-billion-U.S.-dollar loan"), counts written as one word
with what they count before a noun ("a 206-page report", "the five-member board" → 206 pages, 5 members) and zero
rates named as a kind of trade ("zero-tariff", "zero quotas" → 0)."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from nlp.extensions import Quantity
from nlp.quantity_forms import currency_code, parse_number, scale_value, tables, unit_of
from nlp.segments import doc_text

MULTIPLES = {"tens": 10.0, "hundreds": 100.0, "dozens": 12.0}
SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12}
# "zero-tariff trade", "zero tariffs and zero quotas": the rate or count a deal sets
ZERO_NOUNS = {"tariff": "percent", "tariffs": "percent", "duty": "percent", "duties": "percent",
              "quota": "count", "quotas": "count"}


@lru_cache(maxsize=4)
def _vague_money(currency_words: tuple[str, ...]) -> re.Pattern:
    money = "|".join(sorted((re.escape(w) for w in currency_words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?P<many>(?i:{'|'.join(MULTIPLES)})\s+of\s+)?(?P<scale>(?i:{'|'.join(SCALES)}))"
                      rf"\s+of\s+(?:(?:US|U\.S\.|Canadian|Australian|Hong Kong)\s+)?(?P<money>(?i:{money}))(?![\w-])")


@lru_cache(maxsize=4)
def _hyphenated_money(currency_words: tuple[str, ...], adjectives: tuple[str, ...]) -> re.Pattern:
    money = "|".join(sorted((re.escape(w) for w in currency_words), key=len, reverse=True))
    owner = "|".join(sorted((re.escape(a).replace(r"\ ", "[ -]") for a in adjectives), key=len, reverse=True))
    return re.compile(rf"(?<![\w.$-])(?P<num>\d+(?:\.\d+)?)-(?P<scale>(?i:thousand|million|billion|trillion))-"
                      rf"(?P<money>(?:(?i:{owner})-)?(?i:{money}))(?![\w-])")


ZERO = re.compile(rf"(?<![\w-])(?i:zero)[\s-](?P<noun>(?i:{'|'.join(ZERO_NOUNS)}))(?![\w-])")


_COUNT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
                "fifty", "sixty", "seventy", "eighty", "ninety", "hundred")
COUNT_COMPOUND = re.compile(r"(?<![\w.,$€£¥-])(?P<num>\d{1,3}(?:,\d{3})*|(?i:" + "|".join(_COUNT_WORDS) + r"))"
                            r"-(?P<noun>[a-z]{3,})(?![\w-])")
# words after "N-" that count nothing ("two-way", "three-fold", "a five-star hotel", "the 2,100-mark"), or count
# occasions, which are told, not quoted ("the three-time champion", as "won it three times")
NOT_COUNTED = frozenset({"way", "fold", "sided", "off", "odd", "plus", "worth", "old", "star", "mark", "time", "thirds",
                         "quarters", "fifths", "tenths", "halves", "hundredths", "something", "nil", "all",
                         # "twenty-sixth", "thirty-first": ordinals
                         "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"})


def _counts_before_a_noun(doc: Doc, text: str) -> list[tuple[Span, Quantity]]:
    """"a 206-page report", "the five-member board", "a three-judge panel": a count of two or more written as one
    word with the singular it counts, before the noun it describes (units such as "five-day" are read elsewhere)."""
    out = []
    for m in COUNT_COMPOUND.finditer(text):
        noun = m.group("noun")
        value = parse_number(m.group("num").replace(",", ""))
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or value is None or value < 2 or noun in NOT_COUNTED or _a_unit_word(noun) \
                or span.end >= len(doc) or doc[span.end].pos_ not in ("NOUN", "PROPN", "ADJ"):
            continue
        out.append((span, Quantity(value=float(value), unit="count", measures=_plural(noun))))
    return out


def _a_unit_word(word: str) -> bool:
    """A unit, currency, scale or number word ("day", "pound", "million", "six" of "thirty-six"): no counted thing."""
    t = tables()
    return unit_of(word) is not None or word in t.currency_words or word in t.scales or word in t.number_words \
        or word in t.currency_subunits


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def phrase_quantities(doc: Doc, currency_words: dict[str, str]) -> list[tuple[Span, Quantity]]:
    """(span, quantity) for every vague amount of money and zero rate in the doc, in text order."""
    out = []
    text = doc_text(doc)
    for m in _vague_money(tuple(currency_words)).finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        many = m.group("many")
        value = SCALES[m.group("scale").lower()] * (MULTIPLES[many.split()[0].lower()] if many else 1.0)
        approx = text[m.start():m.start("money")].strip().rsplit(" of", 1)[0] + " of"
        out.append((span, Quantity(value=value, unit=currency_words[m.group("money").lower()], approx=approx)))
    t = tables()
    for m in _hyphenated_money(tuple(currency_words), tuple(t.currency_adjectives)).finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        code = currency_code(word=m.group("money"))
        if span is not None and code:
            scale = m.group("scale").lower()
            out.append((span, Quantity(value=round(float(m.group("num")) * scale_value(scale), 6), unit=code,
                                       scale=scale)))
    for m in ZERO.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            out.append((span, Quantity(value=0.0, unit=ZERO_NOUNS[m.group("noun").lower()],
                                       measures=m.group("noun").lower())))
    out += _counts_before_a_noun(doc, text)
    return sorted(out, key=lambda sq: sq[0].start)
