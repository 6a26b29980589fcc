"""Read sitemaps (indexes, Google News sitemaps) and feeds (RSS 2.0, Atom) into URL entries.

Scrapy's own Sitemap class keeps only ``loc``/``lastmod``; Google News sitemaps also give
``news:publication_date`` and ``news:title``, among the most reliable dates there are, so the
XML is read here with lxml. Feeds go through feedparser, which copes with both formats and
their common breakage.

Real sites serve broken XML: an unescaped ``&`` in a URL or a title, a file cut off mid-way.
Such a sitemap is read as far as it goes (as Scrapy's own reader does, with lxml's recovering
parser), after two repairs that keep URLs exact: a stray ``&`` becomes ``&amp;`` (the recovering
parser alone drops it and the text after it up to the next ``=``), and a cut-off file ends at
its last complete entry (so a half-written URL is not requested). The entries it gives say
``recovered``; the crawl's fetches log says so. A file that yields no URL is still invalid.
"""
from __future__ import annotations

import calendar
import gzip
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any
from xml.sax import SAXException

import feedparser
from lxml import etree

MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit
# An "&" that starts no entity or character reference.
STRAY_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)")
# The closing tag of a whole sitemap entry, with or without a namespace prefix.
ENTRY_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:url|sitemap)\s*>")
ENTRY_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:url|sitemap)[\s>]")
ROOT_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:urlset|sitemapindex)\s*>\s*$")


class InvalidListing(ValueError):
    """A sitemap or feed that cannot be read; the message is the reason logged."""


class ListingEntries(list):
    """The entries of one sitemap or feed; ``recovered`` when its XML was broken and read as far
    as it goes."""

    recovered: bool = False


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


def _repaired(body: bytes) -> bytes:
    """Broken sitemap XML made readable: stray ``&`` escaped; a cut-off file ended at its last
    complete entry (the recovering parser closes the elements left open)."""
    body = STRAY_AMPERSAND.sub(b"&amp;", body)
    if not ROOT_END.search(body):
        ends = list(ENTRY_END.finditer(body))
        if ends:
            body = body[:ends[-1].end()]
        elif start := ENTRY_START.search(body):
            body = body[:start.start()]  # not one entry is whole
    return body


def _sitemap_root(body: bytes) -> tuple[etree._Element, bool]:
    """The parsed root and whether the XML had to be recovered; InvalidListing when nothing is."""
    strict = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        return etree.fromstring(body, strict), False
    except etree.XMLSyntaxError as error:
        recovering = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        try:
            root = etree.fromstring(_repaired(body), recovering)
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise InvalidListing("invalid XML") from error
        return root, True


def parse_sitemap(body: bytes) -> ListingEntries:
    """Entries of a sitemap index (kind "sitemap") or a urlset (kind "article", with news hints)."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body)
        except (OSError, EOFError) as error:
            raise InvalidListing(f"invalid gzip: {error}") from error
    root, recovered = _sitemap_root(body)
    kind = _local(root)
    entries = ListingEntries()
    entries.recovered = recovered
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
    if recovered and not any(_absolute(entry.url) for entry in entries):
        raise InvalidListing("invalid XML")  # nothing usable could be read from it
    return entries


def _absolute(url: str) -> bool:
    return url.startswith(("http://", "https://")) and len(url) > len("https://")


def parse_feed(body: bytes, url: str) -> ListingEntries:
    """Article entries of an RSS 2.0 or Atom feed, with date, title and authors as hints.

    feedparser reads broken XML with its loose parser; such a feed's entries say ``recovered``."""
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    entries = [entry for entry in parsed.entries if entry.get("link")]
    if not entries:
        if parsed.bozo:
            raise InvalidListing("invalid feed XML")
        if not parsed.get("version"):
            raise InvalidListing("not a feed")
    result = ListingEntries()
    # bozo also flags harmless things (a charset declaration overridden); only broken XML counts.
    result.recovered = bool(parsed.bozo) and isinstance(parsed.get("bozo_exception"), SAXException)
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
