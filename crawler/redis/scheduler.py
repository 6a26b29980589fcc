"""scrapy-redis' scheduler, priority queue and duplicate filter, with leases.

- ``StateDupeFilter``: scrapy-redis' request fingerprint, kept in the URL-state hash instead of
  a set (a fingerprint with a state was seen). Listings, section pages and seeds are read once
  per crawl *run* (their fingerprints carry the run), so a later crawl finds new articles in
  them; articles are fetched once ever.
- ``LeasedQueue``: scrapy-redis' PriorityQueue order, but a pop leaves the URL in flight under
  a lease instead of forgetting it (``frontier.Frontier.pop``).
- ``LeasedScheduler``: scrapy-redis' Scheduler with those two; a redirect or retry of a request
  this process holds stays in this process, under the same lease (it is not a new URL of the
  crawl); lost leases are put back on the queue by whichever process notices first.
"""
from __future__ import annotations

import collections
import time

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from crawler.items import FetchOutcome
from crawler.redis.shared import LEASE_META, REDIS_ERRORS, RedisCrawl, redis_crawl

RUN_SCOPED_KINDS = {"sitemap", "feed", "section", "page"}
REAP_EVERY = 1.0  # seconds between looks for expired leases


class StateDupeFilter(RFPDupeFilter):
    """Fingerprints in the URL-state hash; listings and seeds fingerprinted per run."""

    def __init__(self, shared: RedisCrawl, debug: bool = False):
        super().__init__(shared.server, key=shared.frontier.state, debug=debug)
        self.shared = shared

    @classmethod
    def from_spider(cls, spider: Spider) -> StateDupeFilter:
        return cls(redis_crawl(spider.crawler), spider.settings.getbool("DUPEFILTER_DEBUG"))

    def request_fingerprint(self, request: Request) -> str:
        fingerprint = super().request_fingerprint(request)
        if request.meta.get("kind") in RUN_SCOPED_KINDS:
            return f"run{self.shared.run}:{fingerprint}"
        return fingerprint

    def request_seen(self, request: Request) -> bool:
        return not self.server.hsetnx(self.key, self.request_fingerprint(request), "queued")

    def close(self, reason: str = "") -> None:
        """Never clear: the state outlives every process (scrapy-redis clears on close)."""

    def clear(self) -> None:
        """Never clear (see close)."""


class LeasedQueue(PriorityQueue):
    """scrapy-redis' PriorityQueue, keyed by fingerprint, popping into leases."""

    def __init__(self, server, spider: Spider, key: str, serializer=None):
        super().__init__(server, spider, key, serializer)
        self.shared = redis_crawl(spider.crawler)

    def __len__(self) -> int:
        return self.server.zcard(self.shared.frontier.requests)

    def push_new(self, request: Request, fingerprint: str, *, dedupe: bool) -> bool:
        return self.shared.frontier.push(fingerprint, -request.priority, self._encode_request(request),
                                         dedupe=dedupe)

    def push(self, request: Request) -> None:
        self.push_new(request, self.shared.dupefilter.request_fingerprint(request), dedupe=False)

    def pop(self, timeout: int = 0) -> Request | None:
        popped = self.shared.frontier.pop(self.shared.lease_ms)
        if popped is None:
            return None
        fingerprint, payload = popped
        self.shared.held[fingerprint] = None
        if payload is None:  # cannot happen unless the hash was edited by hand
            self.shared.hand_over(FetchOutcome(fingerprint, "error", "request lost from Redis"), fingerprint)
            return None
        request = self._decode_request(payload)
        request.meta[LEASE_META] = fingerprint
        return request

    def clear(self) -> None:
        """Never clear: other processes share this queue."""


class LeasedScheduler(Scheduler):
    """scrapy-redis' Scheduler over the leased queue and the URL-state duplicate filter."""

    def __init__(self, crawler: Crawler, **kwargs):
        super().__init__(**kwargs)
        self.crawler = crawler
        self.shared = redis_crawl(crawler)
        self.follow_ups: collections.deque[Request] = collections.deque()
        self._reaped_at = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeasedScheduler:
        shared = redis_crawl(crawler)
        scheduler = cls(crawler, server=shared.server, persist=True,
                        queue_cls="crawler.redis.scheduler.LeasedQueue",
                        dupefilter_cls="crawler.redis.scheduler.StateDupeFilter")
        scheduler.stats = crawler.stats
        return scheduler

    def open(self, spider: Spider) -> None:
        # Join the crawl run before any fingerprint is taken (listings are read once per run).
        self.shared.run = self.shared.frontier.join_run()
        super().open(spider)
        self.shared.dupefilter = self.df

    def close(self, reason: str) -> None:
        """Leases this process still holds go back on the queue now, not when they expire."""
        if self.shared.lost_error is None and self.shared.held:
            try:
                self.shared.frontier.give_back(list(self.shared.held))
            except REDIS_ERRORS:
                pass  # they expire and are put back by the next process
        self.shared.held.clear()

    def __len__(self) -> int:
        return len(self.follow_ups) + (0 if self.shared.lost_error else self._queued())

    def _queued(self) -> int:
        try:
            return len(self.queue)
        except REDIS_ERRORS as error:
            self.shared.lost(error)
            return 0

    def has_pending_requests(self) -> bool:
        return len(self) > 0

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get(LEASE_META) in self.shared.held:
            # A redirect or retry of a request this process works on: same lease, same process.
            self.follow_ups.append(request)
            return True
        if self.shared.lost_error:
            return False
        fingerprint = self.df.request_fingerprint(request)
        try:
            queued = self.queue.push_new(request, fingerprint, dedupe=not request.dont_filter)
        except REDIS_ERRORS as error:
            self.shared.lost(error)
            return False
        if not queued:
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.follow_ups:
            return self.follow_ups.popleft()
        if self.shared.lost_error:
            return None
        try:
            self._reap()
            request = self.queue.pop()
        except REDIS_ERRORS as error:
            self.shared.lost(error)
            return None
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def _reap(self) -> None:
        """Expired leases (their process died) back on the queue; URLs that lost too many, logged."""
        now = time.monotonic()
        if now - self._reaped_at < REAP_EVERY:
            return
        self._reaped_at = now
        count, given_up = self.shared.frontier.reap()
        if count:
            self.stats.inc_value("saidwhat/leases_expired", count)
        for fingerprint in given_up:
            payload = self.shared.frontier.payload(fingerprint)
            request = self.queue._decode_request(payload) if payload else None
            url = request.meta.get("frontier_url", request.url) if request else fingerprint
            kind = request.meta.get("kind") if request else None
            self.shared.hand_over(FetchOutcome(
                url, "error", "lease lost repeatedly (the processes fetching it stopped)",
                kind="article" if kind == "page" else kind, frontier_state="failed"), fingerprint)
