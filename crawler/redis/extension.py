"""SharedCrawl: the heartbeat and the stopping rule of a process in a crawl on Redis.

- Heartbeat: renews this process's URL leases and host slots well before they expire, so only
  a dead (or stalled) process loses them.
- Polling: Scrapy looks for new requests every 5 s when its own queue is empty; on a shared
  queue other processes add work at any time, so the engine looks every ``POLL`` seconds.
- Stopping: Scrapy closes a spider as soon as its own process has nothing to do; here the
  process stays until, for ``--idle-exit`` seconds, nothing is queued, nothing is in flight
  anywhere and, for a process that can write, no item waits to be written. The last process
  to leave a drained crawl ends its run, so the next crawl reads its listings again.
"""
from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from twisted.internet import task

from crawler.redis.shared import REDIS_ERRORS, RedisCrawl, redis_crawl

logger = logging.getLogger(__name__)
POLL = 0.2  # seconds between the engine's looks at the shared queue
CHECK_EVERY = 0.5  # seconds between looks at the crawl's counts while idle


class SharedCrawl:
    def __init__(self, crawler: Crawler, shared: RedisCrawl, idle_exit: float, writes: bool):
        self.crawler = crawler
        self.shared = shared
        self.idle_exit = idle_exit
        self.writes = writes
        self.beat: task.LoopingCall | None = None
        self.idle_since: float | None = None
        self.last_idle_call = 0.0
        self.checked = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedCrawl:
        settings = crawler.settings
        extension = cls(crawler, redis_crawl(crawler), settings.getfloat("SAIDWHAT_IDLE_EXIT"),
                        bool(settings.get("SAIDWHAT_DB")))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:
        # Read by the engine when it starts its heartbeat, right after the spider opens.
        self.crawler.engine._SLOT_HEARTBEAT_INTERVAL = POLL
        self.beat = task.LoopingCall(self.heartbeat)
        self.beat.start(min(1.0, self.shared.lease_ms / 4000), now=False)

    def spider_closed(self, spider, reason: str) -> None:
        if self.beat is not None and self.beat.running:
            self.beat.stop()

    def heartbeat(self) -> None:
        if self.shared.lost_error is not None:
            return
        try:
            self.shared.frontier.renew(self.shared.held, self.shared.lease_ms)
            if self.shared.slots is not None:
                self.shared.slots.renew()
        except REDIS_ERRORS as error:
            self.shared.lost(error)

    def spider_idle(self, spider) -> None:
        """Keep the process while the shared crawl has work; let it close after --idle-exit."""
        if self.shared.lost_error is not None:
            return  # close now
        now = time.monotonic()
        if now - self.last_idle_call > 4 * POLL:
            self.idle_since = None  # it was busy in between: the idle time starts again
        self.last_idle_call = now
        if now - self.checked >= CHECK_EVERY:
            self.checked = now
            try:
                counts = self.shared.frontier.counts()
            except REDIS_ERRORS as error:
                self.shared.lost(error)
                return
            if counts.busy(writes=self.writes):
                self.idle_since = None
            elif self.idle_since is None:
                self.idle_since = now
        if self.idle_since is None or now - self.idle_since < self.idle_exit:
            raise DontCloseSpider
        try:
            if self.shared.frontier.end_run(self.shared.run):
                logger.info("crawl run %s finished", self.shared.run)
        except REDIS_ERRORS as error:
            self.shared.lost(error)
        self.crawler.stats.set_value("saidwhat/idle_exit", True)
