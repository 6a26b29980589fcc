"""Clean author names from bylines and metadata."""
from __future__ import annotations

import html
import re

_BY_PREFIX = re.compile(r"^\s*(?:written\s+|reporting\s+|words\s+)?by[:\s]+", re.IGNORECASE)
# A short label before a colon ("Text: Jane Roe", "Reporting: ...") is not part of the name.
_LABEL_PREFIX = re.compile(r"^[^\W\d]+(?:\s[^\W\d]+)?:\s*")
# Dates and times glued to a byline ("Jane Roe Published 9:00 a.m.").
_TRAILING_STAMP = re.compile(r"\s+(?:published|updated|posted)\b.*$", re.IGNORECASE)
# CMS account names that stand in for an author.
_ACCOUNT_NAME = re.compile(r"admin|^user\d*$|^editor$|^webmaster$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|&|\||\band\b|\bund\b|\bet\b|\by\b)\s*", re.IGNORECASE)
_JUNK = re.compile(r"https?:|www\.|\.com\b|\.txt\b|@|\d", re.IGNORECASE)
# Words that follow a name in a byline but are not names ("Jane Roe, Staff Writer").
_ROLE_WORDS = frozenset({
    "staff", "writer", "reporter", "correspondent", "editor", "contributor", "columnist", "updated",
    "published", "posted", "photos", "photo", "video", "and", "the", "in", "for", "with", "more",
    "follow", "email", "twitter", "senior", "chief", "associate", "contributing", "news", "desk",
})
# A part holding one of these is a job title, not a name ("AP Auto Writer").
_ROLE_MARKERS = frozenset({"writer", "reporter", "correspondent", "editor", "columnist", "contributor", "staff"})
_MAX_NAME_WORDS = 5


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS or _JUNK.search(name) or _ACCOUNT_NAME.search(name):
        return False
    lowered = [w.lower().strip(".") for w in words]
    if all(w in _ROLE_WORDS for w in lowered) or _ROLE_MARKERS.intersection(lowered):
        return False
    # A name has at least one capitalised word (in scripts with case); all-lowercase runs are prose.
    return any(w[0].isupper() or not w[0].isalpha() or w[0].lower() == w[0].upper() for w in words)


def clean_authors(raw: list[str]) -> list[str]:
    """Split, clean and de-duplicate author strings, keeping their first-seen order.

    >>> clean_authors(["By Jane Roe and John Doe", "jane roe", "https://example.com/staff/jroe"])
    ['Jane Roe', 'John Doe']
    """
    seen: set[str] = set()
    names: list[str] = []
    for value in raw:
        if not value or _JUNK.match(value.strip()) and " " not in value.strip():
            continue
        value = html.unescape(" ".join(value.split()))
        value = _TRAILING_STAMP.sub("", _LABEL_PREFIX.sub("", _BY_PREFIX.sub("", value)))
        for part in _SPLIT.split(value):
            part = _BY_PREFIX.sub("", part).strip(" .-–—:")
            if not _looks_like_name(part):
                continue
            if part.isupper() and len(part) > 3:  # "JANE ROE" -> "Jane Roe"
                part = part.title()
            key = part.casefold()
            if key not in seen:
                seen.add(key)
                names.append(part)
    return names
