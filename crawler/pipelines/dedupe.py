"""DedupePipeline: the same article under another URL is stored once; copies on other sites are linked.

Exact duplicates (an AMP page, a tracking-parameter URL, a second link to the same canonical
URL, or the very same text under another URL of the same outlet) are logged as duplicates of
the stored article. A near-duplicate by MinHash (a syndicated wire story on another site) is
stored anyway, with ``duplicate_of`` and ``similarity`` pointing at the first copy: never dropped.
"""
from __future__ import annotations

from scrapy.crawler import Crawler

from crawler import links
from crawler.items import FetchedPage
from crawler.resources import CrawlResources, resources


def outlet_of(article) -> str:
    return article.site_name or links.host(article.canonical_url)


class DedupePipeline:
    def __init__(self, shared: CrawlResources):
        self.shared = shared

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        return cls(resources(crawler))

    def process_item(self, item):
        if not isinstance(item, FetchedPage) or item.article is None:
            return item
        article = item.article
        if article.skip_reason or item.refresh_of is not None:
            return item
        store = self.shared.store
        if (existing := store.article_id_for_canonical(article.canonical_url)) is not None:
            item.duplicate_of, item.duplicate_reason = existing, f"same canonical URL as article {existing}"
        elif (existing := store.article_id_for_hash(article.content_hash, outlet_of(article))) is not None:
            item.duplicate_of, item.duplicate_reason = existing, f"same text as article {existing}"
        elif item.minhash and (match := self.shared.near_duplicates().best_match(item.minhash)):
            item.near_duplicate_of, item.similarity = match
        return item
