"""Structured metadata of a page: JSON-LD, microdata and OpenGraph (via extruct) plus plain meta tags."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Iterator

from extruct.jsonld import JsonLdExtractor
from extruct.opengraph import OpenGraphExtractor
from extruct.w3cmicrodata import MicrodataExtractor
from lxml.html import HtmlElement

log = logging.getLogger(__name__)

# schema.org types that mean "this page is one article" (any *Article type counts too).
_ARTICLE_TYPES = frozenset({"BlogPosting", "LiveBlogPosting", "Report", "Review", "Posting"})
# Meta tags that carry a publication date, by (attribute, name), in the order trusted.
_DATE_META = (
    ("property", "article:published_time"),
    ("property", "og:published_time"),
    ("name", "article:published_time"),
    ("name", "article.published"),
    ("name", "parsely-pub-date"),
    ("name", "sailthru.date"),
    ("name", "publish-date"),
    ("name", "publishdate"),
    ("name", "pubdate"),
    ("name", "publication_date"),
    ("name", "date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.created"),
    ("name", "dc.date"),
    ("itemprop", "datePublished"),
)


def _short_type(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v).rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v]


def is_article_type(types: list[str]) -> bool:
    return any(t.endswith("Article") or t in _ARTICLE_TYPES for t in types)


def _first_text(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, a list or a {"name"/"@value"} object."""
    if isinstance(value, list):
        return next((t for v in value if (t := _first_text(v))), None)
    if isinstance(value, dict):
        if "properties" in value:  # a microdata item
            return _first_text(value["properties"].get("name"))
        return _first_text(value.get("name") or value.get("@value"))
    if isinstance(value, (str, int, float)) and str(value).strip():
        return str(value).strip()
    return None


def _person_names(value: Any, by_id: dict[str, dict]) -> list[str]:
    """Author names from a JSON-LD/microdata author value (string, object, list, or @id reference)."""
    if isinstance(value, list):
        return [name for v in value for name in _person_names(v, by_id)]
    if isinstance(value, dict):
        if set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
            value = by_id[value["@id"]]  # {"@id": "#author"} points at a Person node elsewhere in the graph
        name = value.get("name") or value.get("properties", {}).get("name")  # JSON-LD or microdata item
        names = name if isinstance(name, list) else [name]
        return [n for n in names if isinstance(n, str)]
    if isinstance(value, str):
        return [value]
    return []


@dataclass
class PageMetadata:
    """What the page says about itself, source by source; every field may be empty."""

    html_lang: str | None = None
    title_tag: str | None = None
    h1: str | None = None
    canonical_link: str | None = None
    meta_description: str | None = None
    meta_authors: list[str] = field(default_factory=list)
    meta_date: str | None = None
    content_language: str | None = None
    og: dict[str, list[str]] = field(default_factory=dict)
    jsonld_types: list[str] = field(default_factory=list)
    jsonld_article: dict = field(default_factory=dict)
    jsonld_by_id: dict[str, dict] = field(default_factory=dict)
    jsonld_site_name: str | None = None
    jsonld_webpage_date: str | None = None
    microdata_article: dict = field(default_factory=dict)
    microdata_types: list[str] = field(default_factory=list)

    def og_first(self, key: str) -> str | None:
        values = self.og.get(key)
        return values[0] if values else None

    @property
    def declares_article(self) -> bool:
        """The page marks itself as an article in any structured way."""
        return bool(
            self.jsonld_article
            or self.microdata_article
            or self.og_first("og:type") == "article"
            or self.og_first("article:published_time")
        )

    @property
    def accessible_for_free(self) -> bool | None:
        """schema.org isAccessibleForFree of the article (or one of its parts), None when not stated."""
        values = [self.jsonld_article.get("isAccessibleForFree")]
        parts = self.jsonld_article.get("hasPart") or []
        values += [p.get("isAccessibleForFree") for p in (parts if isinstance(parts, list) else [parts]) if isinstance(p, dict)]
        flags = [str(v).strip().lower() for v in values if v is not None]
        if any(f in ("false", "0", "no") for f in flags):
            return False
        return True if flags else None


def _jsonld_nodes(items: list[Any]) -> Iterator[dict]:
    for item in items:
        if isinstance(item, list):
            yield from _jsonld_nodes(item)
        elif isinstance(item, dict):
            yield item
            if "@graph" in item:
                yield from _jsonld_nodes(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
            main = item.get("mainEntity")
            if isinstance(main, dict):
                yield from _jsonld_nodes([main])


def _meta(tree: HtmlElement, attr: str, name: str) -> list[str]:
    """content of <meta attr=name>, attribute value matched case-insensitively."""
    lower = name.lower()
    return [
        content.strip()
        for el in tree.iter("meta")
        if (el.get(attr) or "").strip().lower() == lower and (content := el.get("content")) and content.strip()
    ]


def _safe(extract, *args) -> list:
    try:
        return extract(*args)
    except Exception as error:  # noqa: BLE001 -- broken markup must never stop extraction
        log.debug("metadata extractor %s failed: %s", getattr(extract, "__qualname__", extract), error)
        return []


def read_metadata(tree: HtmlElement, url: str) -> PageMetadata:
    """Collect the page's self-description from its parsed tree."""
    meta = PageMetadata()
    meta.html_lang = (tree.get("lang") or tree.get("xml:lang") or "").strip() or None
    meta.title_tag = _text(tree.find(".//title"))
    meta.h1 = next((t for el in tree.iter("h1") if (t := _text(el))), None)
    meta.canonical_link = next(
        (el.get("href") for el in tree.iter("link") if "canonical" in (el.get("rel") or "").lower().split()), None
    )
    meta.meta_description = next(iter(_meta(tree, "name", "description")), None)
    meta.meta_authors = _meta(tree, "name", "author") + _meta(tree, "name", "byl") + _meta(tree, "name", "parsely-author")
    meta.content_language = next(iter(_meta(tree, "http-equiv", "content-language")), None)
    meta.meta_date = next((d for attr, name in _DATE_META for d in _meta(tree, attr, name)), None)

    for item in _safe(OpenGraphExtractor().extract_items, tree):
        for key, value in item.get("properties", []):
            if isinstance(value, str) and value.strip():
                meta.og.setdefault(key, []).append(value.strip())

    nodes = list(_jsonld_nodes(_safe(JsonLdExtractor().extract_items, tree, url)))
    meta.jsonld_by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 2}
    for node in nodes:
        types = _short_type(node.get("@type"))
        meta.jsonld_types += types
        if is_article_type(types) and not meta.jsonld_article:
            meta.jsonld_article = node
        elif "WebPage" in types and not meta.jsonld_webpage_date:
            meta.jsonld_webpage_date = _first_text(node.get("datePublished"))
        elif "WebSite" in types and not meta.jsonld_site_name:
            meta.jsonld_site_name = _first_text(node.get("name"))

    for item in _safe(MicrodataExtractor().extract_items, tree, url):
        types = _short_type(item.get("type"))
        meta.microdata_types += types
        if is_article_type(types) and not meta.microdata_article:
            meta.microdata_article = item.get("properties", {})
    return meta


def _text(el: HtmlElement | None) -> str | None:
    if el is None:
        return None
    text = " ".join(el.text_content().split())
    return text or None


def jsonld_text(meta: PageMetadata, key: str) -> str | None:
    return _first_text(meta.jsonld_article.get(key))


def jsonld_authors(meta: PageMetadata) -> list[str]:
    return _person_names(meta.jsonld_article.get("author"), meta.jsonld_by_id)


def microdata_authors(meta: PageMetadata) -> list[str]:
    return _person_names(meta.microdata_article.get("author"), {})


def microdata_publisher(meta: PageMetadata) -> str | None:
    return _first_text(meta.microdata_article.get("publisher"))


def jsonld_publisher(meta: PageMetadata) -> str | None:
    publisher = meta.jsonld_article.get("publisher")
    if isinstance(publisher, dict) and set(publisher) <= {"@id", "@type"}:
        publisher = meta.jsonld_by_id.get(publisher.get("@id"), publisher)
    return _first_text(publisher) or meta.jsonld_site_name
