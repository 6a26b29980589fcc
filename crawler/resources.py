"""Objects shared by the spider and the pipelines of one crawl: the store and the duplicate index.

Scrapy builds each component separately from the crawler; keeping one instance per crawler
means one SQLite connection, used only from the reactor thread.
"""
from __future__ import annotations

from dataclasses import dataclass

from scrapy.crawler import Crawler

from crawler.similarity import NearDuplicateIndex
from db.store import Store

_ATTRIBUTE = "_saidwhat_resources"


@dataclass
class CrawlResources:
    store: Store
    run_id: int | None
    refresh: bool
    index: NearDuplicateIndex | None = None

    def near_duplicates(self) -> NearDuplicateIndex:
        """The index of stored originals, loaded from the database on first use."""
        if self.index is None:
            self.index = NearDuplicateIndex()
            for article_id, _outlet, blob in self.store.minhashes():
                self.index.add(article_id, blob)
        return self.index


def resources(crawler: Crawler) -> CrawlResources:
    shared = getattr(crawler, _ATTRIBUTE, None)
    if shared is None:
        settings = crawler.settings
        shared = CrawlResources(
            store=Store(settings.get("SAIDWHAT_DB")),
            run_id=settings.getint("SAIDWHAT_RUN_ID") or None,
            refresh=settings.getbool("SAIDWHAT_REFRESH"),
        )
        setattr(crawler, _ATTRIBUTE, shared)
    return shared


def close_resources(crawler: Crawler) -> None:
    shared = getattr(crawler, _ATTRIBUTE, None)
    if shared is not None:
        shared.store.close()
        delattr(crawler, _ATTRIBUTE)
