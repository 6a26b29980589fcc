"""One fetched HTML page in, clean article fields out.

``extract_article`` is pure (no I/O, no clock-dependent parsing of relative dates), and its argument
and result are picklable, so the crawler runs it in worker processes. Body text comes from
trafilatura; title, authors, dates, canonical URL and site name come first from what the page
declares about itself (JSON-LD, OpenGraph/meta tags, microdata, via extruct), with trafilatura's
own guesses as fallbacks.

Body format: one paragraph (or other text block: heading, list item, table row) per line,
lines separated by a single "\\n", whitespace inside a line collapsed, no blank lines. This is
trafilatura's plain-text layout, kept as is so that stored bodies match what it produces.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape
from typing import Any
from urllib.parse import urlsplit

import ftfy
import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import extract_author, extract_sitename
from trafilatura.utils import load_html

from crawler import page_kind
from crawler.bylines import clean_authors
from crawler.dates import date_from_url, normalise_date
from crawler.encoding import decode_html
from crawler.page_metadata import (
    PageMetadata,
    jsonld_authors,
    jsonld_publisher,
    jsonld_text,
    microdata_authors,
    microdata_publisher,
    read_metadata,
)
from crawler.titles import strip_site_name
from crawler.urls import choose_canonical, strip_tracking
from nlp.language import detect_language

EXTRACTOR = "trafilatura"
EXTRACTOR_VERSION = trafilatura.__version__
# Chosen by F1 on bench/extraction.py (see its docstring for the figures).
TRAFILATURA_OPTIONS: dict[str, Any] = {"include_comments": False, "favor_precision": True, "fast": False}
RECALL_CHECK_MAX_WORDS = 100   # a favor_precision body this short gets a second, plain pass...
RECALL_CHECK_RATIO = 0.5       # ...which wins when the precision body is under half its length

HINT_SOURCES = frozenset({"news-sitemap", "feed"})
_LANG_CODE = re.compile(r"^([a-z]{2,3})(?:[-_].*)?$", re.IGNORECASE)
_SITE_NAME_EDGES = re.compile(r"^[\s|:·•–—-]+|[\s|:·•–—-]+$")
_URLISH = re.compile(r"^\s*https?:|^\s*www\.", re.IGNORECASE)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"})


@dataclass
class ExtractedArticle:
    """Article fields of one page; skip_reason is None when it is a usable article."""

    url: str
    canonical_url: str
    site_name: str | None
    title: str | None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_source: str | None = None
    language: str | None = None
    body: str = ""
    description: str | None = None
    content_hash: str = ""
    extractor: str = EXTRACTOR
    extractor_version: str = EXTRACTOR_VERSION
    skip_reason: str | None = None


# ftfy repairs text encoded twice at the source ("Chinaâ€™s" for "China’s", a page declaring UTF-8 whose CMS
# had read UTF-8 as Windows-1252); quotes, widths, ligatures and line breaks stay as the page wrote them
_ENCODING_ONLY = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, remove_control_chars=False, normalization=None, explain=False)


# the first two characters of UTF-8 read as Latin-1 or Windows-1252 ("Ã©", "â€™", "â\x80\x99", "Â\xa0"): ftfy
# runs on the pages that hold one (2 of 181 real pages), as it costs as much as extracting the body
_MOJIBAKE_START = re.compile(
    "[\u00c2\u00c3\u00e2][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]")


def repair_encoding(text: str) -> str:
    """``text`` (a whole page) with mojibake undone: letters decoded twice at the source read as written."""
    return ftfy.fix_text(text, _ENCODING_ONLY) if _MOJIBAKE_START.search(text) else text


def normalise_body(text: str | None) -> str:
    """One text block per line, inner whitespace collapsed, no blank lines."""
    if not text:
        return ""
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines())
    return "\n".join(line for line in lines if line)


def content_hash(body: str) -> str:
    """sha256 of the body with all whitespace runs collapsed, so layout changes do not count as new content."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _domain_label(host: str) -> str:
    """"example" for news.example.com or example.co.uk: the name a site's titles use."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else host


def _language_code(value: str | None) -> str | None:
    match = _LANG_CODE.match((value or "").strip())
    return match.group(1).lower() if match else None


def _language(meta: PageMetadata, body: str) -> str | None:
    declared = (
        _language_code(meta.html_lang)
        or _language_code(meta.og_first("og:locale"))
        or _language_code(meta.content_language)
        or _language_code(jsonld_text(meta, "inLanguage"))
    )
    if declared:
        return declared
    return detect_language(body, default=None) if body else None


def _published(
    meta: PageMetadata, urls: list[str], hints: dict, tree: HtmlElement | None
) -> tuple[str | None, str | None]:
    """Publication date and where it came from, most trustworthy source first."""
    hint_source = hints.get("published_source")
    candidates = [
        (jsonld_text(meta, "datePublished") or meta.jsonld_webpage_date, "json-ld"),
        (meta.meta_date or meta.og_first("article:published_time"), "meta"),
        (meta.microdata_article.get("datePublished") if isinstance(meta.microdata_article.get("datePublished"), str) else None, "microdata"),
        (hints.get("published"), hint_source if hint_source in HINT_SOURCES else "feed"),
        (next((d for u in urls if (d := date_from_url(u))), None), "url"),
    ]
    for value, source in candidates:
        if value and (normalised := normalise_date(value)):
            return normalised, source
    # Searching the page text is the slowest step and the least reliable source: last.
    if tree is not None and (page_date := normalise_date(_page_date(tree))):
        return page_date, "page-text"
    return None, None


def _clean_text(value: str | None) -> str | None:
    """Entities decoded ("&#8216;" in JSON-LD is common), whitespace collapsed; None when empty."""
    text = " ".join(unescape(value).split()) if value else ""
    return text or None


def _site_name(meta: PageMetadata, tree: HtmlElement, host: str) -> str:
    for name in (meta.og_first("og:site_name"), jsonld_publisher(meta), microdata_publisher(meta), extract_sitename(tree)):
        name = _clean_text(name)
        if name and not _URLISH.search(name) and (name := _SITE_NAME_EDGES.sub("", name)):
            return name
    return host


def _title(meta: PageMetadata, hints: dict, site_names: list[str]) -> str | None:
    """The first declared title, without site-name decoration; a title that is only the site's
    name (some pages put it in og:title) gives way to the next source."""
    for title in (jsonld_text(meta, "headline"), meta.og_first("og:title"), hints.get("title"), meta.h1, meta.title_tag):
        if (title := _clean_text(title)) and (title := strip_site_name(title, site_names)):
            if not any(title.casefold() == name.casefold() for name in site_names if name):
                return title
    return None


def _authors(meta: PageMetadata, tree: HtmlElement) -> list[str]:
    # Structured sources first; the byline trafilatura found only when the page declares nobody.
    for raw in (jsonld_authors(meta), meta.og.get("article:author", []), microdata_authors(meta), meta.meta_authors):
        if names := clean_authors(raw):
            return names
    try:
        byline = extract_author(tree)
    except Exception:  # noqa: BLE001 -- a byline guess must never stop extraction
        byline = None
    return clean_authors((byline or "").split(";"))


def _run_trafilatura(tree: HtmlElement, url: str, options: dict[str, Any]) -> str:
    try:
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, **options)
    except Exception:  # noqa: BLE001 -- a page trafilatura cannot handle is a page without body
        return ""
    return normalise_body(doc.text if doc else None)


def extract_body(tree: HtmlElement, url: str, options: dict[str, Any]) -> str:
    """Body text by trafilatura with the given options (plus our own "recall_check", default on).

    favor_precision now and then prunes the real article and keeps a small block (a copyright
    note, a caption). When its result is short, a second pass without favor_precision is cheap
    (few pages are short) and is taken when it is much longer.
    """
    options = dict(options)
    recall_check = options.pop("recall_check", True)
    body = _run_trafilatura(tree, url, options)
    if recall_check and options.get("favor_precision") and page_kind.word_count(body) < RECALL_CHECK_MAX_WORDS:
        second = _run_trafilatura(tree, url, {**options, "favor_precision": False})
        if page_kind.word_count(body) < RECALL_CHECK_RATIO * page_kind.word_count(second):
            return second
    return body


def _page_date(tree: HtmlElement) -> str | None:
    """htmldate's original publication date from the page itself (text, time elements, other markup)."""
    try:
        return find_date(tree, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 -- date guessing must never stop extraction
        return None


def extract_article(
    html: str | bytes,
    url: str,
    *,
    hints: dict | None = None,
    encoding: str | None = None,
    trafilatura_options: dict[str, Any] | None = None,
) -> ExtractedArticle:
    """Extract article fields from one page.

    hints: {"published", "published_source" ("news-sitemap" or "feed"), "title"} from the sitemap or
    feed entry that led to the page. encoding: the HTTP charset, used when html is bytes.
    trafilatura_options: override TRAFILATURA_OPTIONS (for benchmarking).
    """
    hints = hints or {}
    text = decode_html(html, encoding) if isinstance(html, bytes) else html
    # before parsing: the parser drops the C1 controls of "â\x80\x99", which leaves a bare "â" past repair
    text = repair_encoding(text) if text else text
    tree = load_html(text) if text and text.strip() else None
    if tree is None:
        clean_url = strip_tracking(url)
        return ExtractedArticle(
            url=url, canonical_url=clean_url, site_name=_host(clean_url) or None, title=hints.get("title"),
            content_hash=content_hash(""), skip_reason=page_kind.NO_BODY,
            **dict(zip(("published", "published_source"), _published(PageMetadata(), [url], hints, None))),
        )

    meta = read_metadata(tree, url)
    body = extract_body(tree, url, {**TRAFILATURA_OPTIONS, **(trafilatura_options or {})})
    canonical = choose_canonical(
        [meta.canonical_link, meta.og_first("og:url"), jsonld_text(meta, "url"), _main_entity_id(meta)], url
    )
    host = _host(canonical)
    site_name = _site_name(meta, tree, host)
    site_names = [site_name, jsonld_publisher(meta) or "", meta.og_first("og:site_name") or "", host, _domain_label(host)]
    published, published_source = _published(meta, [url, canonical], hints, tree)
    description = next(
        (d for d in (meta.og_first("og:description"), jsonld_text(meta, "description"), meta.meta_description)
         if d and d.strip()),
        None,
    )
    return ExtractedArticle(
        url=url,
        canonical_url=canonical,
        site_name=site_name,
        title=_title(meta, hints, site_names),
        authors=_authors(meta, tree),
        published=published,
        published_source=published_source,
        language=_language(meta, body),
        body=body,
        description=_clean_text(description),
        content_hash=content_hash(body),
        skip_reason=page_kind.skip_reason(
            body=body,
            url=canonical,
            tree=tree,
            declares_article=meta.declares_article,
            accessible_for_free=meta.accessible_for_free,
            page_types=meta.jsonld_types + meta.microdata_types,
        ),
    )


_WARM_UP_PAGE = (
    "<html><head><meta name='date' content='March 5, 2024'></head><body><article><h1>Warm-up</h1>"
    "<p>A short paragraph of plain words that loads every model and table the extraction uses once.</p>"
    "</article></body></html>"
)


def warm_up() -> None:
    """Load what extraction loads lazily (language model, date-parser tables) once per process:
    a ProcessPoolExecutor initializer, so the first real page is not several hundred ms slower."""
    extract_article(_WARM_UP_PAGE, "https://warm-up.invalid/story/warm-up-page")
    detect_language("a paragraph of plain words, long enough to be identified. " * 5)


def _main_entity_id(meta: PageMetadata) -> str | None:
    main = meta.jsonld_article.get("mainEntityOfPage")
    if isinstance(main, dict):
        main = main.get("@id") or main.get("url")
    return main if isinstance(main, str) else None
