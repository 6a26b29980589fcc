"""DomainSlots: per-host politeness across every process of a crawl on Redis.

scrapy-redis shares the queue but not Scrapy's per-domain limits: each process keeps its own
``CONCURRENT_REQUESTS_PER_DOMAIN`` and ``DOWNLOAD_DELAY``, so N processes would send a site N
times as many requests at once. This downloader middleware, placed last before the downloader,
takes one of the host's ``CONCURRENT_REQUESTS_PER_DOMAIN`` slots in Redis before a request is
sent and gives it back when the answer (or an error) is in; request starts on one host are at
least ``DOWNLOAD_DELAY`` apart across all processes (each process's own delay and AutoThrottle
still apply on top). A slot is held under a time-to-live that its process renews, so a process
that dies frees its slots when they expire.
"""
from __future__ import annotations

import asyncio
import itertools

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

from crawler.redis.frontier import _NOW
from crawler.redis.shared import REDIS_ERRORS, RedisCrawl, redis_crawl

SLOT_META = "saidwhat_slot"
POLL = 0.02  # seconds between tries when every slot of the host is taken

# KEYS: slot holders (zset), next start (string); ARGV: holder, limit, hold ms, delay ms.
# 0 = taken; > 0 = ms to wait for the delay; -1 = every slot is busy.
ACQUIRE = _NOW + """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local next_start = tonumber(redis.call('GET', KEYS[2]) or '0')
if next_start > now then return next_start - now end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
local delay = tonumber(ARGV[4])
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay + 1000) end
return 0
"""

# KEYS: slot holders; ARGV: hold ms, holders...
RENEW = _NOW + """
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
return 1
"""


class DomainSlots:
    def __init__(self, shared: RedisCrawl, limit: int, delay: float):
        self.shared = shared
        self.limit = max(1, limit)
        self.delay_ms = int(delay * 1000)
        self._ids = itertools.count()
        self.held: dict[str, str] = {}  # holder -> host
        server = shared.server
        self._acquire = server.register_script(ACQUIRE)
        self._renew = server.register_script(RENEW)
        shared.slots = self

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DomainSlots:
        settings = crawler.settings
        return cls(redis_crawl(crawler), settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                   settings.getfloat("DOWNLOAD_DELAY"))

    def _keys(self, host: str) -> list[str]:
        frontier = self.shared.frontier
        return [frontier.key(f"slot:{host}"), frontier.key(f"next:{host}")]

    async def process_request(self, request: Request) -> None:
        host = (urlparse_cached(request).hostname or "").lower()
        holder = f"{self.shared.token}:{next(self._ids)}"
        while True:
            if self.shared.lost_error:
                raise IgnoreRequest("Redis lost")
            try:
                wait = int(self._acquire(keys=self._keys(host),
                                         args=[holder, self.limit, self.shared.lease_ms, self.delay_ms]))
            except REDIS_ERRORS as error:
                self.shared.lost(error)
                raise IgnoreRequest("Redis lost") from error
            if wait == 0:
                break
            await asyncio.sleep(POLL if wait < 0 else min(wait / 1000, 1.0))
        self.held[holder] = host
        request.meta[SLOT_META] = holder

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._release(request)

    def _release(self, request: Request) -> None:
        # Popped from meta before a redirect or retry copies it.
        holder = request.meta.pop(SLOT_META, None)
        host = self.held.pop(holder, None) if holder else None
        if host is None or self.shared.lost_error:
            return
        try:
            self.shared.server.zrem(self._keys(host)[0], holder)
        except REDIS_ERRORS as error:
            self.shared.lost(error)

    def renew(self) -> None:
        """Keep this process's slots (the heartbeat calls this; a dead process's expire)."""
        by_host: dict[str, list[str]] = {}
        for holder, host in list(self.held.items()):
            by_host.setdefault(host, []).append(holder)
        for host, holders in by_host.items():
            self._renew(keys=[self._keys(host)[0]], args=[self.shared.lease_ms, *holders])
