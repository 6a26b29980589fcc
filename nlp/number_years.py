"""Years among numbers: four digits that name a year, two years joined by a dash, and four digits that count
("2741 confirmed cases") though the small model reads them as dates."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from nlp.quantity_forms import Surface


def year_like(text: str) -> bool:
    """Four digits from 1800 to 2199, as a year is written."""
    return bool(re.fullmatch(r"1[89]\d\d|2[01]\d\d", text.strip()))


# the years a news story names; a year-like figure outside them that counts a plural noun is a count
NEWS_YEARS = range(1900, 2031)


def four_digits_counting(span: Span) -> bool:
    """'2741 confirmed cases', 'claimed 1850 lives': four digits, outside the years news names, that count the
    plural noun after them (past adjectives), with no determiner or preposition before them ('in 1850 ships
    sailed', 'the 1850 reforms' stay years). The small model reads such figures as dates."""
    doc = span.doc
    if not re.fullmatch(r"\d{4}", span.text.strip()) or int(span.text) in NEWS_YEARS:
        return False
    if span.start > 0 and doc[span.start - 1].pos_ in {"DET", "ADP"}:
        return False
    k = span.end
    while k < len(doc) and k < span.end + 3 and doc[k].tag_ in {"JJ", "VBN"}:
        k += 1
    return k < len(doc) and doc[k].tag_ == "NNS"


def years_joined(doc: Doc, m: re.Match, first: Surface, second: Surface) -> bool:
    """'2014–2015', '2021-2022': two years of the news joined by a dash, with no unit or scale and no plural
    noun after them to count ('1950-2000 people' is a count)."""
    num1, num2 = m.group("num1").strip(), m.group("num2").strip()
    if first.unit or second.unit or first.scale or second.scale or not (year_like(num1) and year_like(num2)):
        return False
    last = doc.char_span(second.end - 1, second.end, alignment_mode="expand")
    if last is not None and last.end < len(doc) and doc[last.end].tag_ == "NNS":
        return False
    return int(num1) in NEWS_YEARS and int(num2) in NEWS_YEARS
