"""ExtractPipeline: run ``extract_article`` in worker processes (``crawler.workers``), awaited
on the reactor's asyncio loop so downloading goes on while pages are extracted."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace
from concurrent.futures.process import BrokenProcessPool

from scrapy.crawler import Crawler

from crawler import workers
from crawler.items import FetchedPage, FetchOutcome


class ExtractPipeline:
    def __init__(self, worker_count: int | None = None):
        self.worker_count = worker_count

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
        try:
            future = workers.start(self.worker_count).submit(
                workers.extract_page, item.body, item.final_url, item.hints, item.charset)
            fields, item.minhash, item.raw_html_zlib = await asyncio.wrap_future(future)
            item.article = SimpleNamespace(**fields)  # ExtractedArticle's fields
        except BrokenProcessPool:
            # A worker died (out of memory, a C-level crash on one page): log the page, carry on.
            workers.discard()
            return self._failed(item, "extraction worker crashed")
        except Exception as error:  # noqa: BLE001 -- one bad page must not stop the crawl
            return self._failed(item, f"extraction failed: {type(error).__name__}")
        return item

    @staticmethod
    def _failed(item: FetchedPage, reason: str) -> FetchOutcome:
        return FetchOutcome(item.url, "error", reason, item.status, "article", item.final_url, "failed")
