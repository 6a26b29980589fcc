"""The news spider on the shared frontier.

The same discovery and parsing as ``NewsSpider``, without SQLite (a crawl process may have no
database): the Redis URL-state hash decides what is new. Requests go through the duplicate
filter (the single-machine spider bypasses Scrapy's, keeping its own frontier). Each response's
own outcome item carries the lease of its URL and comes after every request found on the page,
so by the time the item is handed over (and the lease ends) those requests are in Redis.
"""
from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import FetchedPage, FetchOutcome
from crawler.listings import ListingEntry
from crawler.redis.shared import LEASE_META, REDIS_ERRORS, redis_crawl
from crawler.spiders.news import NewsSpider

DOMAINS_REFRESH = 2.0  # seconds between reads of the crawl's allowed domains


class RedisNewsSpider(NewsSpider):
    name = "saidwhat"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> RedisNewsSpider:
        # scrapy.Spider's, not NewsSpider's: that one opens the SQLite store.
        spider = super(NewsSpider, cls).from_crawler(crawler, *args, **kwargs)
        spider.redis = redis_crawl(crawler)
        spider.shared = None
        spider._domains_read = 0.0
        return spider

    # -- allowed domains: the union of every process's inputs in this run ---------------------

    @property
    def domains(self) -> list[str]:
        if time.monotonic() - self._domains_read > DOMAINS_REFRESH and self.redis.lost_error is None:
            try:
                members = self.redis.server.smembers(self._domains_key())
                self._all_domains = sorted({m.decode() for m in members} | set(self._own_domains))
                self._domains_read = time.monotonic()
            except REDIS_ERRORS as error:
                self.redis.lost(error)
        return self._all_domains

    @domains.setter
    def domains(self, value: list[str]) -> None:
        self._own_domains = list(value)
        self._all_domains = list(value)
        self._domains_read = 0.0

    def _domains_key(self) -> str:
        return self.redis.frontier.domains(self.redis.run)

    # -- start ----------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        if self._own_domains:
            self.redis.server.sadd(self._domains_key(), *self._own_domains)
        for url in self.sitemap_urls:
            yield self._listing_request(url, "sitemap")
        for url in self.feed_urls:
            yield self._listing_request(url, "feed")
        for url in self.seed_urls:
            # A seed may be an article or a section page; like listings it is read once per run.
            yield scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                                 meta={"frontier_url": url, "kind": "page", "depth": 0, "hints": {}})

    # -- requests: through the shared duplicate filter ------------------------------------------

    def _listing_request(self, url: str, kind: str) -> scrapy.Request:
        return super()._listing_request(url, kind).replace(dont_filter=False)

    def _section_request(self, url: str, depth: int, source: str | None) -> scrapy.Request | None:
        request = super()._section_request(url, depth, source)
        return request.replace(dont_filter=False) if request is not None else None

    def _page_request(self, url: str, kind: str, depth: int, hints: dict[str, Any],
                      source: str | None, *, retry_failed: bool = False) -> scrapy.Request | None:
        if url in self._requested:
            return None
        self._requested.add(url)
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_error,
                              meta={"frontier_url": url, "kind": kind, "depth": depth, "hints": hints or {}})

    def _discover(self, entries: Iterable[ListingEntry], source: str, depth: int
                  ) -> list[scrapy.Request | FetchOutcome]:
        return list(self._discover_each(entries, source, depth))

    def _remember_section(self, url: str, depth: int, source: str) -> None:
        """The shared frontier is in Redis: nothing to remember here."""

    # -- callbacks: the URL's own outcome last, carrying its lease ------------------------------

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        return self._leased(response.meta, super().parse_sitemap(response))

    def parse_feed(self, response: Response) -> Iterator[Any]:
        return self._leased(response.meta, super().parse_feed(response))

    def parse_page(self, response: Response) -> Iterator[Any]:
        return self._leased(response.meta, super().parse_page(response))

    def on_error(self, failure: Failure) -> Iterator[FetchOutcome]:
        return self._leased(failure.request.meta, super().on_error(failure))

    @staticmethod
    def _leased(meta: dict[str, Any], outputs: Iterable[Any]) -> Iterator[Any]:
        lease, url = meta.get(LEASE_META), meta.get("frontier_url")
        own = None
        for output in outputs:
            if own is None and lease and isinstance(output, (FetchedPage, FetchOutcome)) and output.url == url:
                own = output
                continue
            yield output
        if own is not None:
            own.lease = lease
            yield own

