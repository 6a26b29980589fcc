"""Read sitemaps (indexes, Google News sitemaps) and feeds (RSS 2.0, Atom) into URL entries.

Scrapy's own Sitemap class keeps only ``loc``/``lastmod``; Google News sitemaps also give
``news:publication_date`` and ``news:title``, among the most reliable dates there are, so the
XML is read here with lxml. Feeds go through feedparser, which copes with both formats and
their common breakage.
"""
from __future__ import annotations

import calendar
import gzip
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

import feedparser
from lxml import etree

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit


class InvalidListing(ValueError):
    """A sitemap or feed that cannot be read; the message is the reason logged."""


@dataclass
class ListingEntry:
    url: str
    kind: str  # "article", or "sitemap" for a child of a sitemap index
    hints: dict[str, Any] = field(default_factory=dict)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _gunzip(body: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
        data = stream.read(MAX_UNZIPPED_BYTES + 1)
    if len(data) > MAX_UNZIPPED_BYTES:
        raise InvalidListing("sitemap larger than 50 MB unzipped")
    return data


def parse_sitemap(body: bytes) -> list[ListingEntry]:
    """Entries of a sitemap index (kind "sitemap") or a urlset (kind "article", with news hints)."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body)
        except (OSError, EOFError) as error:
            raise InvalidListing(f"invalid gzip: {error}") from error
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise InvalidListing("invalid XML") from error
    kind = _local(root)
    entries: list[ListingEntry] = []
    if kind == "sitemapindex":
        for node in root:
            if _local(node) == "sitemap" and (loc := _child_text(node, "loc")):
                entries.append(ListingEntry(loc, "sitemap", _drop_none({"lastmod": _child_text(node, "lastmod")})))
    elif kind == "urlset":
        for node in root:
            if _local(node) != "url" or not (loc := _child_text(node, "loc")):
                continue
            hints: dict[str, Any] = {"lastmod": _child_text(node, "lastmod")}
            news = next((child for child in node if _local(child) == "news"), None)
            if news is not None:
                published = _child_text(news, "publication_date")
                hints.update(title=_child_text(news, "title"), published=published,
                             published_source="news-sitemap" if published else None)
            entries.append(ListingEntry(loc, "article", _drop_none(hints)))
    else:
        raise InvalidListing(f"not a sitemap (root element <{kind}>)")
    return entries


def parse_feed(body: bytes, url: str) -> list[ListingEntry]:
    """Article entries of an RSS 2.0 or Atom feed, with date, title and authors as hints."""
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    entries = [entry for entry in parsed.entries if entry.get("link")]
    if not entries:
        if parsed.bozo:
            raise InvalidListing("invalid feed XML")
        if not parsed.get("version"):
            raise InvalidListing("not a feed")
    result = []
    for entry in entries:
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (datetime.fromtimestamp(calendar.timegm(when), tz=timezone.utc).isoformat()
                     if when else None)
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        hints = {"title": entry.get("title"), "published": published,
                 "published_source": "feed" if published else None, "authors": authors or None}
        result.append(ListingEntry(entry["link"], "article", _drop_none(hints)))
    return result


def entry_date(hints: dict[str, Any]) -> date | None:
    """The publication (else lastmod) date of a listing entry, for ``--since``."""
    for key in ("published", "lastmod"):
        value = hints.get(key)
        if not value:
            continue
        try:
            return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
        except ValueError:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
