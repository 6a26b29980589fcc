"""Article titles without the site-name decoration that <title> tags carry."""
from __future__ import annotations

import re

# " | Site", " - Site", " — Site", " – Site", " :: Site", " · Site", " // Site"
_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|//|»)\s+")
_PREFIX = re.compile(r"^(?P<site>[^:|]{2,60}?)\s*[:|]\s+(?P<rest>.+)$")


_MAX_DOMAIN_TAIL = 5  # "com", "couk", "online"


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _matches_site(piece: str, site_keys: list[str]) -> bool:
    key = _squash(piece)
    # A piece that is a long prefix of a site key ("ZDNet" vs "zdnetcom") counts too, and so does one
    # that adds a domain ending to it ("ExampleTimes.com" vs "Example Times"), but not a whole phrase
    # that starts with the site's name ("The Guardian view on ...").
    return bool(key) and any(
        key == s
        or (len(key) >= max(4, len(s) // 2) and s.startswith(key))
        or (len(s) >= 4 and key.startswith(s) and len(key) - len(s) <= _MAX_DOMAIN_TAIL)
        for s in site_keys
    )


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Remove a trailing " | Site" (or a leading "Site: ") when it names the site.

    site_names holds every name the site goes by (og:site_name, publisher, domain label).

    >>> strip_site_name("Rates held steady | Example Times", ["Example Times"])
    'Rates held steady'
    """
    title = " ".join(title.split())
    site_keys = [k for name in site_names if name and (k := _squash(name))]
    if not site_keys:
        return title
    pieces = _SEPARATORS.split(title)
    # Drop site-name pieces from the end (titles like "Story | Section | Site" lose both tails
    # only when each matches; a section name stays).
    while len(pieces) > 1 and _matches_site(pieces[-1], site_keys):
        pieces.pop()
    while len(pieces) > 1 and _matches_site(pieces[0], site_keys):
        pieces.pop(0)
    title = _rejoin(title, pieces)
    prefix = _PREFIX.match(title)
    if prefix and _matches_site(prefix["site"], site_keys):
        title = prefix["rest"]
    return title.strip()


def _rejoin(original: str, pieces: list[str]) -> str:
    """The span of the original title from the first kept piece to the last (keeps inner separators)."""
    start = original.find(pieces[0])
    end = original.rfind(pieces[-1]) + len(pieces[-1])
    return original[start:end] if start >= 0 and end > start else " ".join(pieces)
