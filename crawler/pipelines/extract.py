"""ExtractPipeline: run ``extract_article`` in worker processes, awaited on the reactor's loop.

trafilatura holds the GIL for 10-15 ms a page, so threads would stall downloading; a process
pool keeps the reactor thread free. Workers are spawned (not forked from the reactor process,
which has threads and Scrapy's state) and import only the extraction code.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from scrapy.crawler import Crawler

from crawler.extract_worker import extract_page, warm_up
from crawler.items import FetchedPage, FetchOutcome


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ExtractPipeline:
    def __init__(self, workers: int | None = None):
        self.workers = workers or default_workers()
        self.pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler.settings.getint("SAIDWHAT_WORKERS") or None)

    def _start_pool(self) -> None:
        self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        for _ in range(self.workers):
            self.pool.submit(warm_up)  # start every worker now, not on the first pages

    def open_spider(self) -> None:
        self._start_pool()

    def close_spider(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    async def process_item(self, item):
        if not isinstance(item, FetchedPage):
            return item
        if self.pool is None:
            self._start_pool()
        try:
            future = self.pool.submit(extract_page, item.body, item.final_url, item.hints, item.charset)
            item.article, item.minhash = await asyncio.wrap_future(future)
        except BrokenProcessPool:
            # A worker died (out of memory, a C-level crash on one page): log the page, carry on.
            self.pool = None
            return self._failed(item, "extraction worker crashed")
        except Exception as error:  # noqa: BLE001 -- one bad page must not stop the crawl
            return self._failed(item, f"extraction failed: {type(error).__name__}")
        return item

    @staticmethod
    def _failed(item: FetchedPage, reason: str) -> FetchOutcome:
        return FetchOutcome(item.url, "error", reason, item.status, "article", item.final_url, "failed")
