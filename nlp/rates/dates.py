"""The dates of a rate move: a short date phrase ("Tuesday", "May 3", "next month") resolved against the
article date, and the one a move's sentence gives."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Span, Token

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_MONTH_DAY = re.compile(r"^" + _MONTH + r" (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"(?:,? (\d{4}))?$")


def sentence_date(dates: list[Span], sent: Span, main: Token | None, published: dt.date | None) -> dt.date | None:
    """The date a move's sentence gives: the one its own verb governs ("on Thursday announced") before any other."""
    candidates = [e for e in dates if sent.start <= e.start < sent.end]
    if main is not None:
        candidates.sort(key=lambda e: (not any(a.i == main.i for a in e.root.ancestors), abs(e.start - main.i)))
    for ent in candidates:
        text = ent.text.strip()
        lower = text.lower()
        if re.search(r"\b(since|days?|weeks|months|years|decade|ago|later|earlier|\d{4}s)\b", lower) \
                and not re.search(r"\b(next|last) (week|month)\b", lower):
            continue
        if re.fullmatch(r"\d{4}", text):
            continue
        resolved = resolve_date(lower, published)
        if resolved:
            return resolved
    return None


def resolve_date(phrase: str, published: dt.date | None) -> dt.date | None:
    """A short date phrase ("Tuesday", "May 3", "next month") as a date, relative to the article's date."""
    phrase = re.sub(r"^(on|this|early|late|mid|the)\s+", "", phrase.strip().lower().split("\n")[0].strip())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", phrase):
        try:
            return dt.date.fromisoformat(phrase)
        except ValueError:
            return None
    if not re.search(r"\d|\b(next|last|coming|past) (week|month)\b", phrase) and phrase not in WEEKDAYS \
            and phrase not in ("today", "tonight", "yesterday", "tomorrow"):
        return None  # "annually", "April", "this year": no day to give
    if published is None:  # only a date that carries its year can be read
        return _month_day(phrase, None) or (_parse_date(phrase, None) if re.search(r"\d{4}", phrase) else None)
    if phrase in WEEKDAYS:  # the most recent such day, the article's own day included
        back = (published.weekday() - WEEKDAYS.index(phrase)) % 7
        return published - dt.timedelta(days=back)
    if phrase in ("today", "tonight"):
        return published
    if phrase in ("yesterday", "tomorrow"):
        return published + dt.timedelta(days=-1 if phrase == "yesterday" else 1)
    return _month_day(phrase, published.year) or _parse_date(phrase, published)


def _month_day(phrase: str, default_year: int | None) -> dt.date | None:
    """"May 3", "Aug. 1, 2025", "3 May": the common cases, read without loading dateparser."""
    m = _MONTH_DAY.match(phrase)
    if m:
        month, day, year = m.group(1), m.group(2), m.group(3)
    else:
        m = _DAY_MONTH.match(phrase)
        if not m:
            return None
        day, month, year = m.group(1), m.group(2), m.group(3)
    if not year and default_year is None:
        return None
    try:
        return dt.date(int(year) if year else default_year, MONTHS.index(month[:3]) + 1, int(day))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_date(phrase: str, published: dt.date | None) -> dt.date | None:
    import dateparser  # imported on first use: it is slow to import and most sentences never need it

    settings = {"REQUIRE_PARTS": ["day"], "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    if re.search(r"\b(next|last) (week|month)\b|\b(yesterday|tomorrow)\b", phrase):
        settings.pop("REQUIRE_PARTS")
    try:
        value = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a date we cannot read is no date
        return None
    return value.date() if value else None
