"""Publication dates: normalise date strings to ISO 8601 and find dates in URLs."""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import dateparser

# A time of day in the string means the source gave a datetime; otherwise it gave a date only.
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}|\dT\d{4}")  # "09:30", or ISO basic "20240305T0930"
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
# News archives go back a century (wire stories of the 1980s are studied to this day), so the window is wide;
# what it keeps out are placeholder years ("0001", "1850") and the Unix epoch's first day, which a page
# gives when its timestamp was never set.
_EARLIEST_YEAR = 1900
_LATEST_YEAR = 2100
_UNSET_TIMESTAMP = date(1970, 1, 1)
# Absolute dates only, all three parts required: relative phrases ("2 hours ago") and missing
# parts would be filled from the clock, which would make extraction depend on when it ran.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
}


def _plausible(value: date) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return _EARLIEST_YEAR <= day.year <= _LATEST_YEAR and day != _UNSET_TIMESTAMP


def _parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_rfc822(text: str) -> datetime | None:
    """RSS dates ("Tue, 05 Mar 2024 09:30:00 GMT"): the standard library is exact and far faster."""
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def normalise_date(text: str | None) -> str | None:
    """ISO 8601 for a date string as the page gave it: a date stays a date, a datetime keeps its offset,
    and a time without one stays without one (no zone is invented).

    >>> normalise_date("2024-03-05T09:30:00Z")
    '2024-03-05T09:30:00+00:00'
    >>> normalise_date("March 5, 2024")
    '2024-03-05'
    """
    if not text or not (text := text.strip()):
        return None
    parsed = _parse_iso(text) or _parse_rfc822(text) or dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    if parsed is None or not _plausible(parsed):
        return None
    if not _HAS_TIME.search(text):
        return parsed.date().isoformat()
    return parsed.replace(microsecond=0).isoformat()


def date_from_url(url: str) -> str | None:
    """A full year-month-day in the URL path (``/2024/03/05/``, ``2024-03-05``, ``20240305``)."""
    for match in _URL_DATE.finditer(urlsplit(url).path):
        try:
            found = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        if _plausible(found):
            return found.isoformat()
    return None
