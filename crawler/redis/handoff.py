"""HandoffPipeline: the last pipeline of a crawl on Redis. Each item goes on the shared list for
the writer (whichever process holds the lock); the URL it finishes leaves the in-flight set.

An article's other addresses (its canonical and final URLs) are marked seen, so no process
fetches them again: the single-machine crawl's frontier does the same.
"""
from __future__ import annotations

import scrapy
from scrapy.crawler import Crawler

from crawler import links
from crawler.items import FetchedPage, FetchOutcome
from crawler.redis.shared import REDIS_ERRORS, RedisCrawl, redis_crawl


class HandoffPipeline:
    def __init__(self, shared: RedisCrawl):
        self.shared = shared

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HandoffPipeline:
        return cls(redis_crawl(crawler))

    def process_item(self, item):
        if not isinstance(item, (FetchedPage, FetchOutcome)) or self.shared.lost_error:
            return item
        if isinstance(item, FetchedPage):
            if item.raw_html_zlib is not None:
                item.body = b""  # the writer stores the compressed copy; don't ship both
        try:
            if isinstance(item, FetchedPage) and item.article is not None:
                self.shared.frontier.seen(self._aliases(item))
            self.shared.hand_over(item, item.lease)
        except REDIS_ERRORS as error:
            # Its URL stays in flight in Redis: fetched again when the crawl resumes.
            self.shared.lost(error)
        return item

    def _aliases(self, page: FetchedPage) -> list[str]:
        dupefilter = self.shared.dupefilter
        urls = {links.normalise(u) for u in (page.final_url, getattr(page.article, "canonical_url", None))
                if u and links.is_http(u)} - {page.url}
        return [dupefilter.request_fingerprint(scrapy.Request(u)) for u in sorted(urls)]
