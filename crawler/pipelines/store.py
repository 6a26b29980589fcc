"""StorePipeline: every item becomes rows through ``db.store``: an article, or a fetch-log entry."""
from __future__ import annotations

from datetime import date, datetime, timezone

from scrapy.crawler import Crawler
from twisted.internet import task

from crawler.items import FetchedPage, FetchOutcome
from crawler.page_kind import NOT_ARTICLE
from crawler.pipelines.dedupe import outlet_of
from crawler.resources import CrawlResources, close_resources, resources


COMMIT_EVERY = 50
COMMIT_SECONDS = 1.0


class StorePipeline:
    def __init__(self, crawler: Crawler, shared: CrawlResources):
        self.crawler = crawler
        self.shared = shared
        self.pending_writes = 0
        since = crawler.settings.get("SAIDWHAT_SINCE")
        self.since = date.fromisoformat(since) if since else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler, resources(crawler))

    def open_spider(self) -> None:
        self.commits = task.LoopingCall(self._commit)
        self.commits.start(COMMIT_SECONDS, now=False)

    def close_spider(self) -> None:
        if self.commits.running:
            self.commits.stop()
        self._commit()
        close_resources(self.crawler)

    def _commit(self) -> None:
        self.shared.store.commit()
        self.pending_writes = 0

    def _written(self) -> None:
        """Writes are grouped: one transaction per COMMIT_EVERY items or COMMIT_SECONDS.

        Each article still shares its transaction with its frontier row, so a kill loses at
        most the last uncommitted group, whose URLs are still pending and are fetched again.
        """
        self.pending_writes += 1
        if self.pending_writes >= COMMIT_EVERY:
            self._commit()

    def _count(self, outcome: str) -> None:
        self.crawler.stats.inc_value(f"saidwhat/{outcome}")

    def process_item(self, item):
        store, run_id = self.shared.store, self.shared.run_id
        store.begin()
        if isinstance(item, FetchOutcome):
            store.record_fetch(run_id, item.url, item.outcome, reason=item.reason, status=item.status,
                               kind=item.kind, final_url=item.final_url, article_id=item.article_id,
                               frontier_state=item.frontier_state)
            self._count(item.outcome)
            self._written()
            return item
        if not isinstance(item, FetchedPage):
            return item
        outcome = self._store_page(item)
        self._count(outcome)
        self._written()
        item.body = b""  # the bytes are in the database now; don't keep them alive
        return item

    def _store_page(self, page: FetchedPage) -> str:
        store, run_id, article = self.shared.store, self.shared.run_id, page.article
        common = {"status": page.status, "final_url": page.final_url}
        if page.kind == "page" and article.skip_reason and (
                article.skip_reason == NOT_ARTICLE or page.links_found):
            # A seed URL that is a section page: its links were followed, re-read it next run.
            store.record_fetch(run_id, page.url, "read", reason="section page", kind="section",
                               frontier_state="done", **common)
            return "read"
        if article.skip_reason:
            store.record_fetch(run_id, page.url, "skipped", reason=article.skip_reason, kind="article",
                               frontier_state="done", **common)
            return "skipped"
        if self.since and article.published and article.published[:10] < self.since.isoformat():
            store.record_fetch(run_id, page.url, "skipped", reason="older than --since", kind="article",
                               frontier_state="done", **common)
            return "skipped"
        if page.duplicate_of is not None:
            store.record_duplicate(run_id, page.url, page.duplicate_of, reason=page.duplicate_reason,
                                   aliases=[page.final_url], **common)
            return "duplicate"
        record = {
            "url": page.url, "canonical_url": article.canonical_url, "final_url": page.final_url,
            "outlet": outlet_of(article), "title": article.title, "authors": article.authors,
            "published": article.published, "published_source": article.published_source,
            "language": article.language, "description": article.description, "body": article.body,
            "content_hash": article.content_hash, "extractor": article.extractor,
            "extractor_version": article.extractor_version, "fetched_at": page.fetched_at,
            "http_status": page.status, "raw_html": page.body, "raw_html_zlib": page.raw_html_zlib,
            "charset": page.charset,
            "etag": page.etag, "last_modified": page.last_modified,
            "duplicate_of": page.near_duplicate_of, "similarity": page.similarity, "minhash": page.minhash,
        }
        earlier_copy = None
        if page.near_duplicate_of is not None and _earlier(article.published,
                                                           store.published_of(page.near_duplicate_of)):
            # Crawl order is not publication order: the first published copy is the original.
            earlier_copy, record["duplicate_of"], record["similarity"] = page.near_duplicate_of, None, None
        reason = (f"near-duplicate of article {page.near_duplicate_of} ({page.similarity:.2f})"
                  if record["duplicate_of"] is not None else None)
        outcome, article_id = store.save_article(run_id, record, request_url=page.url,
                                                 refresh=page.refresh_of is not None, reason=reason)
        if outcome == "stored" and record["duplicate_of"] is None and page.minhash:
            index = self.shared.near_duplicates()
            if earlier_copy is not None:
                store.make_original(article_id, earlier_copy, page.similarity)
                index.remove(earlier_copy)
            index.add(article_id, page.minhash)
        return outcome


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _earlier(first: str | None, second: str | None) -> bool:
    """True when ``first`` is a known date strictly before a known ``second``."""
    a, b = _moment(first), _moment(second)
    return a is not None and b is not None and a < b
