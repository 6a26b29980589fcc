"""ExtractPipeline: run ``extract_article`` in worker processes (``crawler.workers``), awaited
on the reactor's asyncio loop so downloading goes on while pages are extracted.

Pages go to the pool in small batches: every submission to a ProcessPoolExecutor costs the
reactor thread a pipe write and a lock shared with the pool's manager thread (measured at
about 4 ms a page on a busy 2-core machine), so up to BATCH_SIZE pages that arrive within
BATCH_WAIT seconds travel together.
"""
from __future__ import annotations

import asyncio
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

from scrapy.crawler import Crawler

from crawler import workers
from crawler.items import FetchedPage, FetchOutcome

BATCH_SIZE = 8
BATCH_WAIT = 0.01


class ExtractPipeline:
    def __init__(self, worker_count: int | None = None):
        self.worker_count = worker_count
        self._batch: list[tuple[FetchedPage, asyncio.Future]] = []
        self._timer: asyncio.TimerHandle | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        pipeline = cls(crawler.settings.getint("SAIDWHAT_WORKERS") or None)
        workers.start(pipeline.worker_count)  # no-op when the CLI started them already
        return pipeline

    def close_spider(self) -> None:
        workers.shutdown()

    async def process_item(self, item):
        if not isinstance(item, FetchedPage):
            return item
        loop = asyncio.get_running_loop()
        result: asyncio.Future = loop.create_future()
        self._batch.append((item, result))
        if len(self._batch) >= BATCH_SIZE:
            self._flush()
        elif self._timer is None:
            self._timer = loop.call_later(BATCH_WAIT, self._flush)
        try:
            fields, item.minhash, item.raw_html_zlib = await result
        except BrokenProcessPool:
            # A worker died (out of memory, a C-level crash on one page): log the page, carry on.
            workers.discard()
            return self._failed(item, "extraction worker crashed")
        except Exception as error:  # noqa: BLE001 -- one bad page must not stop the crawl
            return self._failed(item, f"extraction failed: {type(error).__name__}")
        item.article = SimpleNamespace(**fields)  # ExtractedArticle's fields
        return item

    def _flush(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._batch = self._batch, []
        if not batch:
            return
        pages = [(page.body, page.final_url, page.hints, page.charset) for page, _ in batch]
        try:
            submitted = asyncio.wrap_future(workers.start(self.worker_count).submit(workers.extract_pages, pages))
        except BrokenProcessPool as error:
            for _, result in batch:
                result.set_exception(error)
            return

        def deliver(done: asyncio.Future) -> None:
            error = done.exception()
            outcomes = [error] * len(batch) if error else done.result()
            for (_, result), outcome in zip(batch, outcomes):
                if result.done():
                    continue
                if isinstance(outcome, BaseException):
                    result.set_exception(outcome)
                else:
                    result.set_result(outcome)

        submitted.add_done_callback(deliver)

    @staticmethod
    def _failed(item: FetchedPage, reason: str) -> FetchOutcome:
        return FetchOutcome(item.url, "error", reason, item.status, "article", item.final_url, "failed")
