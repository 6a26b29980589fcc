"""What the Redis components of one crawl process share: the client, this process's leases and
slot holds, the run, and one way to stop when Redis is gone.

Scrapy builds the scheduler, middlewares, pipelines and extensions separately; they find this
object on the crawler (as ``crawler.resources`` does for the SQLite store).
"""
from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass, field
from typing import Any

import redis
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

from crawler.redis.frontier import Frontier, connect, process_token

logger = logging.getLogger(__name__)
_ATTRIBUTE = "_saidwhat_redis"
LEASE_META = "saidwhat_lease"  # request.meta key: the fingerprint whose lease the request works under
REDIS_ERRORS = (redis.ConnectionError, redis.TimeoutError)


@dataclass
class RedisCrawl:
    frontier: Frontier
    crawler: Crawler
    token: str
    lease_ms: int
    url: str
    run: str = ""
    held: dict[str, None] = field(default_factory=dict)  # fingerprints in flight in this process
    lost_error: str | None = None
    dupefilter: Any = None  # the scheduler's StateDupeFilter, once it is open
    slots: Any = None  # the DomainSlots middleware, whose holds the heartbeat renews

    @property
    def server(self) -> redis.Redis:
        return self.frontier.server

    def lost(self, error: Exception) -> None:
        """Redis is gone: stop the crawl cleanly (once); what is stored stays stored."""
        if self.lost_error is not None:
            return
        self.lost_error = f"{type(error).__name__}: {error}"
        logger.error("lost the connection to Redis at %s (%s): stopping", self.url, self.lost_error)
        self.crawler.stats.set_value("saidwhat/redis_lost", self.lost_error)
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason="redis lost"))

    def hand_over(self, item: Any, fingerprint: str | None) -> None:
        """Put an item on the shared list; the URL it finishes (if any) leaves the in-flight set."""
        self.frontier.hand_over(encode_item(item), fingerprint)
        if fingerprint is not None:
            self.held.pop(fingerprint, None)
        self.crawler.stats.inc_value("saidwhat/handed_over")


def encode_item(item: Any) -> bytes:
    return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)


def decode_item(data: bytes) -> Any:
    return pickle.loads(data)  # noqa: S301 -- Redis is the crawl's own, private store


def redis_crawl(crawler: Crawler) -> RedisCrawl:
    """This crawler's shared Redis state, made on first use from its settings."""
    shared = getattr(crawler, _ATTRIBUTE, None)
    if shared is None:
        settings = crawler.settings
        url = settings.get("REDIS_URL")
        shared = RedisCrawl(
            frontier=Frontier(connect(url), settings.get("SAIDWHAT_REDIS_PREFIX") or "saidwhat"),
            crawler=crawler, token=process_token(), url=url,
            lease_ms=int(settings.getfloat("SAIDWHAT_REDIS_LEASE") * 1000),
        )
        setattr(crawler, _ATTRIBUTE, shared)
    return shared
