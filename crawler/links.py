"""Which links to follow: URL normalisation for the frontier and the "looks like an article" test."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.urls import strip_tracking

# A date in the path (/2025/03/14/, /2025-03-14-, /20250314/) is the strongest article signal.
_DATE_IN_PATH = re.compile(r"/(?:19|20)\d\d(?:/|-|_)?[01]\d(?:(?:/|-|_)?[0-3]\d)?(?:/|-|_|$)")
# A slug of several words ("rate-cut-leaves-markets-cold", "tariff_talks_resume.html").
_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+){3,}", re.IGNORECASE)
_ARTICLE_ID = re.compile(r"(?:^|[/-])\d{5,}(?:\.html?)?$")
# Sections, listings and site furniture, not articles.
_NON_ARTICLE_SEGMENTS = frozenset({
    "tag", "tags", "topic", "topics", "category", "categories", "section", "sections", "author",
    "authors", "about", "about-us", "contact", "contact-us", "privacy", "privacy-policy", "terms",
    "cookies", "login", "signin", "sign-in", "register", "subscribe", "subscription", "newsletter",
    "newsletters", "search", "feed", "rss", "account", "help", "advertise", "careers", "jobs",
    "page", "archive", "archives", "video", "videos", "podcast", "podcasts", "gallery", "live",
})
NON_HTML_EXTENSIONS = frozenset({
    "pdf", "jpg", "jpeg", "png", "gif", "webp", "svg", "ico", "zip", "gz", "mp3", "mp4", "mov",
    "avi", "css", "js", "json", "xml", "rss", "atom", "txt", "doc", "docx", "xls", "xlsx", "csv",
})


def normalise(url: str) -> str:
    """The frontier key of a URL: tracking parameters and fragment dropped."""
    return strip_tracking(url)


def host(url: str) -> str:
    netloc = (urlsplit(url).hostname or "").lower()
    return netloc[4:] if netloc.startswith("www.") else netloc


def in_domains(url: str, domains: list[str] | tuple[str, ...]) -> bool:
    """True when the URL's host is one of ``domains`` or a subdomain of one (no list = any)."""
    if not domains:
        return True
    name = host(url)
    return any(name == d or name.endswith("." + d) for d in domains)


def is_http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def extension(url: str) -> str:
    last = urlsplit(url).path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def looks_like_article(url: str) -> bool:
    """Guess from the URL alone whether a link leads to an article rather than a listing."""
    if not is_http(url) or extension(url) in NON_HTML_EXTENSIONS:
        return False
    path = urlsplit(url).path
    segments = [s for s in path.lower().split("/") if s]
    if not segments or any(s in _NON_ARTICLE_SEGMENTS for s in segments):
        return False
    last = re.sub(r"\.html?$", "", segments[-1])
    if last in ("index", "default"):
        return False
    return bool(_DATE_IN_PATH.search(path) or _SLUG.fullmatch(last) or _ARTICLE_ID.search(path))


def same_site(url: str, page_url: str) -> bool:
    return host(url) == host(page_url)
