"""The news spider: discovers article URLs from sitemaps, feeds and section pages, fetches them.

Every URL to fetch goes through the database frontier first (``db.store``), so a crawl that is
killed can be rerun: sitemaps, feeds and seed section pages are read again to discover new
articles, stored articles are not requested again (unless ``--refresh``, which asks with
If-None-Match / If-Modified-Since), and URLs still pending from the killed run are fetched.

The spider yields ``FetchedPage`` items for HTML responses and ``FetchOutcome`` items for
everything else (errors, skips, listings read); the pipelines extract, dedupe and store them.
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    CannotResolveHostError,
)
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError as TxTimeout
from twisted.python.failure import Failure

from crawler import links
from crawler.items import FetchedPage, FetchOutcome
from crawler.listings import InvalidListing, ListingEntry, entry_date, parse_feed, parse_sitemap
from crawler.resources import resources
from db.store import now_iso

HTML_TYPES = ("text/html", "application/xhtml+xml")


def failure_reason(failure: Failure) -> tuple[str, str, int | None]:
    """(outcome, reason, HTTP status) for a failed request, in the words the summary uses."""
    error = failure.value
    if failure.check(HttpError):
        status = error.response.status
        return "error", f"HTTP {status}", status
    if failure.check(IgnoreRequest):
        message = str(error)
        if "robots.txt" in message:
            return "skipped", "disallowed by robots.txt", None
        if "redirect" in message:
            return "error", "redirect loop or too many redirects", None
        return "skipped", message or "ignored", None
    if failure.check(DownloadTimeoutError, TxTimeout):
        return "error", "timeout", None
    if failure.check(DownloadCancelledError):
        return "skipped", "too large", None
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "error", "connection refused", None
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "error", "DNS lookup failed", None
    return "error", f"{type(error).__name__}: {error}"[:200], None


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"\'')
    return None


class NewsSpider(scrapy.Spider):
    name = "saidwhat"

    def __init__(self, *, urls: Iterable[str] = (), sitemaps: Iterable[str] = (),
                 feeds: Iterable[str] = (), depth: int = 1, max_pages: int | None = None,
                 since: date | None = None, allow_domains: Iterable[str] = (), **kwargs: Any):
        super().__init__(**kwargs)
        self.seed_urls = [links.normalise(u) for u in urls]
        self.sitemap_urls = list(sitemaps)
        self.feed_urls = list(feeds)
        self.max_depth = depth
        self.max_pages = max_pages
        self.since = since
        self.domains = [d.lower().removeprefix("www.") for d in allow_domains] or sorted(
            {links.host(u) for u in [*self.seed_urls, *self.sitemap_urls, *self.feed_urls]}
        )
        self.article_requests = 0
        self._requested: set[str] = set()
        self._known: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.shared = resources(crawler)
        return spider

    @property
    def store(self):
        return self.shared.store

    # -- start ----------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        for url in self.sitemap_urls:
            yield self._listing_request(url, "sitemap")
        for url in self.feed_urls:
            yield self._listing_request(url, "feed")
        self.store.add_to_frontier({"url": u, "kind": "article", "depth": 0} for u in self.seed_urls)
        for url in self.seed_urls:
            entry = self.store.frontier_entry(url) or {}
            if entry.get("kind") == "section":
                yield self._section_request(url, 0, None)
            elif (request := self._page_request(url, "page", 0, {}, None, retry_failed=True)):
                yield request
        # Left over by an interrupted run: fetch them now.
        for entry in self.store.pending(kinds=["article", "section"]):
            if entry["kind"] == "section":
                yield self._section_request(entry["url"], entry["depth"], entry["discovered_from"])
            elif (request := self._page_request(entry["url"], "article", entry["depth"],
                                                entry["hints"], entry["discovered_from"])):
                yield request

    # -- requests -------------------------------------------------------------------------

    def _listing_request(self, url: str, kind: str) -> scrapy.Request:
        callback = self.parse_sitemap if kind == "sitemap" else self.parse_feed
        return scrapy.Request(url, callback=callback, errback=self.on_error, dont_filter=True,
                              meta={"frontier_url": url, "kind": kind}, priority=10)

    def _section_request(self, url: str, depth: int, source: str | None) -> scrapy.Request | None:
        if url in self._requested:
            return None
        self._requested.add(url)
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                              dont_filter=True, priority=5,
                              meta={"frontier_url": url, "kind": "section", "depth": depth})

    def _page_request(self, url: str, kind: str, depth: int, hints: dict[str, Any],
                      source: str | None, *, retry_failed: bool = False) -> scrapy.Request | None:
        """A request for an article URL, or None when it is stored, failed, or over budget."""
        entry = self.store.frontier_entry(url)
        if entry is None or (hints and not entry["hints"]):
            self.store.add_to_frontier([{"url": url, "kind": "article", "depth": depth,
                                         "discovered_from": source, "hints": hints}])
        if url in self._requested:
            return None
        meta: dict[str, Any] = {"frontier_url": url, "kind": kind, "depth": depth,
                                "hints": hints or (entry or {}).get("hints") or {}}
        headers: dict[str, str] = {}
        if entry is not None and entry["state"] != "pending":
            stored = self.store.article_for_url(url) if self.shared.refresh else None
            if stored is not None:
                # --refresh: ask whether it changed since we stored it.
                meta.update(refresh_of=stored["id"], handle_httpstatus_list=[304])
                if stored["etag"]:
                    headers["If-None-Match"] = stored["etag"]
                if stored["last_modified"]:
                    headers["If-Modified-Since"] = stored["last_modified"]
            elif not (entry["state"] == "failed" and (retry_failed or self.shared.refresh)):
                if entry["article_id"] is not None and url not in self._known:
                    self._known.add(url)
                    self.crawler.stats.inc_value("saidwhat/known")  # stored before, not refetched
                return None
        if self.max_pages is not None and self.article_requests >= self.max_pages:
            return None
        self.article_requests += 1
        self._requested.add(url)
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                              headers=headers, meta=meta, dont_filter=True)

    def _discover(self, entries: Iterable[ListingEntry], source: str, depth: int
                  ) -> list[scrapy.Request | FetchOutcome]:
        # One transaction for a whole listing's frontier rows, not one per URL.
        with self.store.batch():
            return list(self._discover_each(entries, source, depth))

    def _discover_each(self, entries: Iterable[ListingEntry], source: str, depth: int
                       ) -> Iterator[scrapy.Request | FetchOutcome]:
        for entry in entries:
            url = links.normalise(urljoin(source, entry.url))
            if not links.is_http(url):
                continue
            if entry.kind == "sitemap":
                yield self._listing_request(url, "sitemap")
                continue
            if not links.in_domains(url, self.domains):
                yield FetchOutcome(url, "skipped", "outside the allowed domains", kind="article")
                continue
            if self.since and (day := entry_date(entry.hints)) and day < self.since:
                yield FetchOutcome(url, "skipped", "older than --since", kind="article")
                continue
            if (request := self._page_request(url, "article", depth, entry.hints, source)):
                yield request

    # -- callbacks ------------------------------------------------------------------------

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        yield from self._parse_listing(response, "sitemap", lambda: parse_sitemap(response.body))

    def parse_feed(self, response: Response) -> Iterator[Any]:
        yield from self._parse_listing(response, "feed", lambda: parse_feed(response.body, response.url))

    def _parse_listing(self, response: Response, kind: str, parse) -> Iterator[Any]:
        url = response.meta["frontier_url"]
        try:
            entries = parse()
        except InvalidListing as error:
            yield FetchOutcome(url, "error", str(error), response.status, kind, response.url, "failed")
            return
        recovered = " (recovered from invalid XML)" if getattr(entries, "recovered", False) else ""
        yield FetchOutcome(url, "read", f"{kind}: {len(entries)} entries{recovered}", response.status,
                           kind, response.url, "done")
        yield from self._discover(entries, response.url, 1)

    def parse_page(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        url, kind, depth = meta["frontier_url"], meta["kind"], meta.get("depth", 0)
        if response.status == 304:
            yield FetchOutcome(url, "not-modified", None, 304, "article", response.url, "done",
                               meta.get("refresh_of"))
            return
        content_type = _header(response, "Content-Type")
        mime = (content_type or "").split(";")[0].strip().lower()
        if not isinstance(response, TextResponse) or (mime and mime not in HTML_TYPES):
            yield FetchOutcome(url, "skipped", f"not HTML ({mime or 'unknown type'})",
                               response.status, kind, response.url, "done")
            return
        found = 0
        if depth < self.max_depth:
            found = yield from self._follow_links(response, depth)
        if kind == "section":
            yield FetchOutcome(url, "read", "section page", response.status, "section",
                               response.url, "done")
            return
        yield FetchedPage(
            url=url, final_url=response.url, status=response.status, body=response.body,
            fetched_at=now_iso(), charset=_charset(content_type), etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"), kind=kind, depth=depth,
            hints=meta.get("hints") or {}, links_found=found, refresh_of=meta.get("refresh_of"),
        )

    def _follow_links(self, response: TextResponse, depth: int) -> Generator[scrapy.Request, None, int]:
        """Same-site links: article-like ones as articles, others as sections while depth lasts.

        Returns how many links it followed or found already known (0 for a page without any).
        """
        seen: set[str] = set()
        followed = 0
        for href in response.css("a::attr(href)").getall():
            url = links.normalise(urljoin(response.url, href.strip()))
            if url in seen or not links.is_http(url) or not links.same_site(url, response.url) \
                    or not links.in_domains(url, self.domains):
                continue
            seen.add(url)
            if links.looks_like_article(url):
                followed += 1
                request = self._page_request(url, "article", depth + 1, {}, response.url)
            elif depth + 1 < self.max_depth and links.extension(url) not in links.NON_HTML_EXTENSIONS:
                self._remember_section(url, depth + 1, response.url)
                request = self._section_request(url, depth + 1, response.url)
                followed += 1
            else:
                request = None
            if request is not None:
                yield request
        return followed

    def _remember_section(self, url: str, depth: int, source: str) -> None:
        """A section page found by following links goes into the frontier."""
        self.store.add_to_frontier([{"url": url, "kind": "section", "depth": depth,
                                     "discovered_from": source}])

    def on_error(self, failure: Failure) -> Iterator[FetchOutcome]:
        request = failure.request
        outcome, reason, status = failure_reason(failure)
        kind = request.meta.get("kind")
        yield FetchOutcome(
            request.meta.get("frontier_url", request.url), outcome, reason, status,
            "article" if kind == "page" else kind, request.url,
            "failed" if outcome == "error" else "done",
        )
