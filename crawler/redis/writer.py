"""Writer: the one process of a crawl on Redis that writes SQLite.

Every process given ``--db`` runs this extension; they agree through a lock in Redis with a
time-to-live which one writes. The holder renews its lock, moves items from the shared list to
its "writing" list, stores them with the single-machine crawl's dedupe and store pipelines,
commits, then drops them from Redis and marks their URLs stored. When it dies its lock
expires and another process with ``--db`` takes over: it first re-reads what the dead writer
had taken, skipping what the dead writer's run had logged (committed before it died), so
nothing is lost and nothing is written twice. Each tenure is a row in ``runs``.
"""
from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.pipelines.dedupe import DedupePipeline
from crawler.pipelines.store import StorePipeline
from crawler.redis.shared import REDIS_ERRORS, RedisCrawl, decode_item, redis_crawl
from crawler.resources import CrawlResources
from db.store import Store

logger = logging.getLogger(__name__)
WRITE_EVERY = 0.1  # seconds between looks at the item list
BATCH = 100  # items per SQLite transaction


class Writer:
    def __init__(self, crawler: Crawler, shared: RedisCrawl, db_path: str, ttl: float):
        self.crawler = crawler
        self.shared = shared
        self.db_path = db_path
        self.ttl_ms = int(ttl * 1000)
        self.holding = False
        self.renewed = 0.0
        self.store: Store | None = None
        self.run_ids: list[int] = []
        self.loop: task.LoopingCall | None = None
        self.arguments: dict[str, Any] = crawler.settings.getdict("SAIDWHAT_RUN_ARGUMENTS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Writer:
        db_path = crawler.settings.get("SAIDWHAT_DB")
        if not db_path:
            raise NotConfigured("no --db: this process only crawls")
        writer = cls(crawler, redis_crawl(crawler), db_path, crawler.settings.getfloat("SAIDWHAT_WRITER_TTL"))
        crawler.signals.connect(writer.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(writer.spider_closed, signal=signals.spider_closed)
        crawler.saidwhat_writer = writer
        return writer

    @property
    def lock(self) -> str:
        return self.shared.frontier.writer

    def spider_opened(self, spider) -> None:
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(WRITE_EVERY, now=True)

    def spider_closed(self, spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.holding and self.shared.lost_error is None:
            try:
                self.tick()  # what arrived since the last look
                self.shared.frontier.release_lock(self.lock, self.shared.token)
            except REDIS_ERRORS as error:
                self.shared.lost(error)
        self._step_down("finished" if reason == "finished" else "interrupted")

    # -- the loop ---------------------------------------------------------------------------

    def tick(self) -> None:
        if self.shared.lost_error is not None:
            return
        try:
            if not self.holding:
                if not self.shared.frontier.counts().waiting:
                    return  # nothing to write: no lock, no empty run in the database
                previous = self.shared.frontier.acquire(self.lock, self.shared.token, self.ttl_ms)
                if previous is None:
                    return
                self._take_over()
            elif time.monotonic() - self.renewed > self.ttl_ms / 3000:
                if not self._renew():
                    return
            while self.holding and (taken := self.shared.frontier.take(BATCH)):
                self._write(taken)
        except REDIS_ERRORS as error:
            self.shared.lost(error)
            if self.store is not None:
                self.store.commit()  # what is written stays written; Redis re-offers the rest

    def _renew(self) -> bool:
        if self.shared.frontier.renew_lock(self.lock, self.shared.token, self.ttl_ms):
            self.renewed = time.monotonic()
            return True
        logger.warning("the writer lock expired (this process stalled): another process writes now")
        if self.store is not None and self.store.db.conn.in_transaction:
            self.store.db.conn.rollback()  # the next writer re-checks and writes these items
        self._step_down("interrupted")
        return False

    def _take_over(self) -> None:
        self.holding, self.renewed = True, time.monotonic()
        self.store = Store(self.db_path)
        run_id = self.store.start_run({**self.arguments, "role": "writer", "process": self.shared.token})
        self.run_ids.append(run_id)
        resources = CrawlResources(store=self.store, run_id=run_id, refresh=False)
        self.dedupe = DedupePipeline(resources)
        self.storer = StorePipeline(self.crawler, resources)
        previous_run = self.shared.server.getset(self.shared.frontier.key("writer:run"), run_id)
        left = self.shared.frontier.uncommitted()
        if left:
            logger.info("taking over as writer: re-checking %d items the last writer took", len(left))
            self._write(left, recheck_run=int(previous_run) if previous_run else None, taken=False)

    def _write(self, payloads: list[bytes], *, recheck_run: int | None = None, taken: bool = True) -> None:
        """Store items in one transaction, then acknowledge them in Redis."""
        leases: list[str] = []
        for payload in payloads:
            item = decode_item(payload)
            if item.lease:
                leases.append(item.lease)
            if recheck_run is not None and self.store.has_fetch(recheck_run, item.url):
                continue  # the dead writer committed it
            try:
                self.storer.process_item(self.dedupe.process_item(item))
            except Exception:  # noqa: BLE001 -- one bad item must not stop the writer
                logger.exception("could not store the item for %s", getattr(item, "url", "?"))
                self.store.record_fetch(self.storer.shared.run_id, item.url, "error",
                                        reason="could not be stored", frontier_state="failed")
        if not self._renew():  # lost the lock meanwhile: the next writer re-checks these
            return
        self.store.commit()
        self.shared.frontier.ack(self.shared.token, leases)
        self.crawler.stats.inc_value("saidwhat/written", len(payloads))

    def _step_down(self, status: str) -> None:
        if self.store is not None:
            self.store.commit()
            for run_id in self.run_ids[-1:]:
                self.store.finish_run(run_id, status)
            self.store.close()
        self.store, self.holding = None, False

