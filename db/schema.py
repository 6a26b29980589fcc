"""Every table of the saidwhat database, created in one place through ordered migrations.

sqlite-utils' ``Migrations`` records each applied step in ``_sqlite_migrations``; opening an
older database applies only the steps it lacks. Later issues append steps (statements,
officials, ...) at the end of this module; never edit a step that has shipped.

Versions: ``articles`` always holds the *current* version of each article (one row per
canonical URL, so ids stay stable for tables that point at articles). When ``crawl --refresh``
finds changed content, the superseded content is copied to ``article_versions`` and the
``articles`` row is updated in place with ``version`` incremented.
"""
from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("saidwhat")

# Frontier states and kinds, also used by the crawler.
FRONTIER_STATES = ("pending", "done", "failed")
FRONTIER_KINDS = ("article", "section", "sitemap", "feed")


@MIGRATIONS(name="0001_crawl_tables")
def crawl_tables(db: Database) -> None:
    """runs, frontier, articles (+ versions and URL aliases) and the fetches log."""
    db["runs"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running / finished / interrupted
            "arguments": str,  # JSON of the command's inputs and options
        },
        pk="id",
    )
    db["frontier"].create(
        {
            "url": str,
            "kind": str,
            "depth": int,
            "state": str,
            "discovered_from": str,
            "hints": str,  # JSON: dates and titles from sitemaps/feeds
            "article_id": int,
            "added_at": str,
            "updated_at": str,
        },
        pk="url",
        not_null={"kind", "state"},
        defaults={"state": "pending", "depth": 0},
    )
    db["frontier"].create_index(["state", "kind"])
    db["articles"].create(
        {
            "id": int,
            "url": str,  # the URL that was requested
            "canonical_url": str,
            "final_url": str,  # after redirects
            "outlet": str,
            "title": str,
            "authors": str,  # JSON list
            "published": str,  # ISO 8601
            "published_source": str,
            "language": str,
            "description": str,
            "body": str,
            "content_hash": str,
            "extractor": str,
            "extractor_version": str,
            "fetched_at": str,
            "first_seen_at": str,
            "http_status": int,
            "raw_html": bytes,  # zlib-compressed response body, as received
            "charset": str,  # charset declared by the HTTP response, if any
            "etag": str,
            "last_modified": str,
            "version": int,
            "duplicate_of": int,
            "similarity": float,
            "minhash": bytes,  # MinHash signature (uint64 array) of the body's word shingles
            "run_id": int,
        },
        pk="id",
        not_null={"url", "canonical_url"},
        defaults={"version": 1},
        foreign_keys=[("duplicate_of", "articles", "id"), ("run_id", "runs", "id")],
    )
    db["articles"].create_index(["canonical_url"], unique=True)
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["outlet"])
    db["articles"].create_index(["published"])
    db["article_versions"].create(
        {
            "id": int,
            "article_id": int,
            "version": int,
            "title": str,
            "body": str,
            "published": str,
            "content_hash": str,
            "fetched_at": str,
            "http_status": int,
            "raw_html": bytes,
            "etag": str,
            "last_modified": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create_index(["article_id", "version"], unique=True)
    db["article_urls"].create(
        {"url": str, "article_id": int},
        pk="url",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_urls"].create_index(["article_id"])
    db["fetches"].create(
        {
            "id": int,
            "run_id": int,
            "url": str,
            "final_url": str,
            "kind": str,
            "status": int,  # HTTP status, NULL when no response arrived
            "outcome": str,  # stored / updated / unchanged / not-modified / duplicate / read / skipped / error
            "reason": str,
            "time": str,
            "article_id": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("article_id", "articles", "id")],
    )
    db["fetches"].create_index(["run_id", "outcome"])
    db["fetches"].create_index(["url"])


@MIGRATIONS(name="0002_content_hash_outlet_index")
def content_hash_outlet_index(db: Database) -> None:
    """The exact-duplicate lookup filters on both columns; with the content_hash index alone
    SQLite preferred the outlet index and read every article of the outlet, blobs included."""
    db["articles"].create_index(["content_hash", "outlet"], if_not_exists=True)
    db.execute("drop index if exists idx_articles_content_hash")


def migrate(db: Database) -> None:
    """Bring ``db`` up to the newest schema."""
    MIGRATIONS.apply(db)
