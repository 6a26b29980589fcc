"""db.store: schema, transactions, frontier, versions and errors, on a real SQLite file."""
from __future__ import annotations

import json
import os
import sqlite3
import sys

import pytest

from db.store import Store, StoreError, decompress_html


def article(url: str = "https://news.example/a/rates-rise-again", body: str = "Rates rose.",
            content_hash: str = "h1", **extra) -> dict:
    return {"url": url, "canonical_url": url, "final_url": url, "outlet": "Example News",
            "title": "Rates rise again", "authors": ["Ada Byline"], "published": "2025-03-01",
            "published_source": "json-ld", "language": "en", "body": body,
            "content_hash": content_hash, "extractor": "trafilatura", "extractor_version": "2",
            "http_status": 200, "raw_html": b"<html><p>Rates rose.</p></html>", "etag": '"v1"',
            **extra}


@pytest.fixture
def store(db_path):
    with Store(db_path) as opened:
        yield opened


def test_store_schema_has_the_crawl_tables_with_plain_columns(store):
    tables = set(store.db.table_names())
    assert {"runs", "frontier", "articles", "article_versions", "article_urls", "fetches"} <= tables
    columns = set(store.db["articles"].columns_dict)
    assert {"url", "canonical_url", "final_url", "outlet", "title", "authors", "published",
            "published_source", "language", "body", "content_hash", "extractor",
            "extractor_version", "fetched_at", "http_status", "raw_html", "etag", "last_modified",
            "version", "duplicate_of", "similarity", "minhash"} <= columns
    assert set(store.db["fetches"].columns_dict) >= {"url", "status", "outcome", "reason", "time"}
    assert set(store.db["frontier"].columns_dict) >= {"url", "kind", "depth", "state",
                                                      "discovered_from", "hints"}
    unique = [i.columns for i in store.db["articles"].indexes if i.unique]
    assert ["canonical_url"] in unique
    assert ("duplicate_of", "articles", "id") in [
        (fk.column, fk.other_table, fk.other_column) for fk in store.db["articles"].foreign_keys]


def test_store_uses_wal_and_records_migrations(store, db_path):
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    applied = [row["name"] for row in store.db["_sqlite_migrations"].rows]
    assert applied[:3] == ["0001_crawl_tables", "0002_content_hash_outlet_index", "0003_store"]
    Store(db_path).close()  # reopening applies nothing twice
    assert store.db["_sqlite_migrations"].count == len(applied)


def test_store_duplicate_lookups_use_indexes(store):
    for sql in ("select id from articles where content_hash = ? and outlet is ? order by id limit 1",
                "select id from articles where canonical_url = ?",
                "select url from frontier where url = ?"):
        plan = " ".join(row[3] for row in store.db.execute("explain query plan " + sql, ["a", "b"][:sql.count("?")]))
        assert "USING" in plan and ("content_hash" in plan or "content_hash" not in sql), plan


def test_store_save_article_compresses_html_and_maps_every_url(store):
    run = store.start_run({"urls": []})
    store.add_to_frontier([{"url": "https://news.example/a/rates-rise-again?x=1", "kind": "article"}])
    outcome, article_id = store.save_article(
        run, article(), request_url="https://news.example/a/rates-rise-again?x=1")
    assert outcome == "stored"
    row = store.article(article_id)
    assert decompress_html(row["raw_html"]) == b"<html><p>Rates rose.</p></html>"
    assert json.loads(row["authors"]) == ["Ada Byline"]
    assert row["version"] == 1 and row["run_id"] == run
    assert store.article_for_url("https://news.example/a/rates-rise-again?x=1")["id"] == article_id
    assert store.frontier_counts() == {"done": 2}  # requested URL and canonical URL
    assert store.pending() == []


def test_store_same_canonical_twice_is_one_article(store):
    run = store.start_run({})
    store.save_article(run, article(), request_url="https://news.example/a/rates-rise-again")
    outcome, _ = store.save_article(run, article(url="https://news.example/a/rates-rise-again"),
                                    request_url="https://news.example/amp/rates-rise-again")
    assert outcome == "duplicate"
    assert store.article_count() == 1
    assert store.run_summary(run)["duplicates"] == 1


def test_store_refresh_versions_only_changed_content(store):
    run = store.start_run({})
    _, article_id = store.save_article(run, article(), request_url="https://news.example/a/rates-rise-again")
    outcome, _ = store.save_article(run, article(etag='"v2"'), request_url="https://news.example/a/rates-rise-again",
                                    refresh=True)
    assert outcome == "unchanged"
    assert store.article(article_id)["etag"] == '"v2"' and store.article(article_id)["version"] == 1
    outcome, _ = store.save_article(run, article(body="Rates rose again.", content_hash="h2"),
                                    request_url="https://news.example/a/rates-rise-again", refresh=True)
    assert outcome == "updated"
    current = store.article(article_id)
    assert (current["version"], current["body"]) == (2, "Rates rose again.")
    old = list(store.db["article_versions"].rows)
    assert [(v["article_id"], v["version"], v["body"]) for v in old] == [(article_id, 1, "Rates rose.")]
    assert store.article_count() == 1


def test_store_frontier_keeps_done_urls_done(store):
    store.add_to_frontier([{"url": "https://n.example/1", "hints": {"title": "One"}},
                           {"url": "https://n.example/2"}])
    store.record_fetch(None, "https://n.example/1", "error", reason="HTTP 500", status=500,
                       frontier_state="failed")
    store.add_to_frontier([{"url": "https://n.example/1"}, {"url": "https://n.example/3"}])
    assert [p["url"] for p in store.pending()] == ["https://n.example/2", "https://n.example/3"]
    assert store.frontier_entry("https://n.example/1")["state"] == "failed"
    assert store.frontier_entry("https://n.example/1")["hints"] == {"title": "One"}


def test_store_write_rolls_back_as_a_whole(store):
    """An article write that fails leaves no fetch row and no frontier change behind."""
    store.add_to_frontier([{"url": "https://n.example/x"}])
    broken = article(url="https://n.example/x")
    broken["duplicate_of"] = 999  # no such article: the foreign key fails
    with pytest.raises(sqlite3.IntegrityError):
        store.save_article(None, broken, request_url="https://n.example/x")
    assert store.article_count() == 0
    assert store.db["fetches"].count == 0
    assert store.frontier_entry("https://n.example/x")["state"] == "pending"


def test_store_run_summary_counts_outcomes_and_outlets(store):
    run = store.start_run({})
    store.save_article(run, article(), request_url="https://news.example/a/rates-rise-again")
    store.record_fetch(run, "https://news.example/404", "error", reason="HTTP 404", status=404)
    store.record_fetch(run, "https://news.example/p", "skipped", reason="paywall stub", status=200)
    store.record_fetch(run, "https://news.example/q", "skipped", reason="paywall stub", status=200)
    summary = store.run_summary(run)
    assert summary["stored"] == 1
    assert summary["per_outlet"] == {"Example News": 1}
    assert summary["skipped"] == {"paywall stub": 2}
    assert summary["errors"] == {"HTTP 404": 1}
    assert summary["requests"] == 4


@pytest.mark.parametrize("make_path, message", [
    (lambda tmp: tmp / "missing" / "x.db", "does not exist"),
    (lambda tmp: tmp, "is a directory"),
])
def test_store_unwritable_path_raises_store_error(tmp_path, make_path, message):
    with pytest.raises(StoreError, match=message):
        Store(make_path(tmp_path))


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root ignores permissions")
def test_store_read_only_directory_raises_store_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="not writable"):
            Store(locked / "news.db")
    finally:
        locked.chmod(0o700)


def test_store_not_a_database_raises_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="is not a SQLite database"):
        Store(path)


def test_store_imports_neither_scrapy_nor_spacy():
    import subprocess

    code = "import sys, db.store; print(sorted(m for m in ('scrapy', 'spacy') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
