"""URL clean-up: tracking parameters, fragments, AMP and canonical links."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from w3lib.url import safe_url_string, url_query_cleaner

# Parameters that only say where a click came from; the same article with or without them is one page.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id",
    "oly_enc_id", "__twitter_impression", "ncid", "ocid", "cmpid", "smid", "spm", "ito",
})
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")

_AMP_PATH = re.compile(r"(/amp/?$|/amp\.html$|\.amp(\.html)?$|^/amp/)")


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """Drop tracking query parameters and the fragment; keep everything else in order."""
    url = safe_url_string(url.strip())
    query = urlsplit(url).query
    tracking = [key for key, _ in parse_qsl(query, keep_blank_values=True) if is_tracking_param(key)]
    return url_query_cleaner(url, tracking, remove=True, keep_fragments=False)


def looks_like_amp(url: str) -> bool:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    return (
        parts.netloc.startswith("amp.")
        or bool(_AMP_PATH.search(parts.path))
        or query.get("amp") in ("", "1", "true")
        or query.get("outputType") == "amp"
    )


def resolve_candidate(candidate: str | None, page_url: str) -> str | None:
    """Make a canonical-link candidate absolute, or None when it cannot be trusted.

    A canonical pointing at the site's home page from a deeper page is a common template bug,
    and a non-HTTP link is no page address: both are ignored.
    """
    if not candidate or not candidate.strip():
        return None
    absolute = urljoin(page_url, candidate.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if parts.path in ("", "/") and urlsplit(page_url).path not in ("", "/"):
        return None
    return absolute


def choose_canonical(candidates: list[str | None], page_url: str) -> str:
    """First trustworthy candidate (rel=canonical, og:url, JSON-LD url), else the page URL, cleaned.

    An AMP candidate is passed over when a later one is not AMP: an AMP page's rel=canonical
    names the regular page, but og:url on such pages sometimes still names the AMP copy.
    """
    resolved = [r for c in candidates if (r := resolve_candidate(c, page_url))]
    non_amp = [r for r in resolved if not looks_like_amp(r)]
    chosen = (non_amp or resolved or [page_url])[0]
    return strip_tracking(chosen)
