"""Kill a crawl with SIGKILL half-way, run the same command again: nothing lost, nothing twice."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import DEMO_SITE, ROOT, TEST_CRAWL_OPTIONS

pytestmark = pytest.mark.slow  # real crawls in subprocesses

ARTICLE_KINDS = {"article", "broken_markup", "non_english", "mislabelled_charset", "syndicated_copy"}


def progress(db_path) -> tuple[int, int]:
    """(articles stored, frontier URLs pending) as committed so far."""
    if not db_path.exists():
        return 0, 0
    try:
        with sqlite3.connect(db_path, timeout=1) as db:
            stored = db.execute("select count(*) from articles").fetchone()[0]
            pending = db.execute("select count(*) from frontier where state = 'pending'").fetchone()[0]
            return stored, pending
    except sqlite3.OperationalError:  # tables not created yet
        return 0, 0


def half_way(db_path) -> bool:
    stored, pending = progress(db_path)
    return stored >= 2 and pending >= 3


def listed_articles(base: str, manifest: list[dict]) -> set[str]:
    """Canonical URLs of the demo articles that the news sitemap and the two feeds list."""
    listings = ["harbor-ledger/news-sitemap.xml", "capital-wire/feed.xml", "tradepost/atom.xml"]
    text = "".join((DEMO_SITE / name).read_text(encoding="utf-8") for name in listings)
    paths = set(re.findall(r"\{\{BASE\}\}(/[^<\"\s]+)", text))
    return {base + page["path"] for page in manifest
            if page["kind"] in ARTICLE_KINDS and page["path"] in paths}


def process_group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_crawl_killed_then_rerun_loses_nothing_and_stores_nothing_twice(site_server, db_path, demo_manifest):
    base = site_server.base_url
    command = [sys.executable, str(ROOT / "cli.py"), "crawl", "--sitemap", f"{base}/sitemap.xml",
               "--feed", f"{base}/capital-wire/feed.xml", "--feed", f"{base}/tradepost/atom.xml",
               "--db", str(db_path), *TEST_CRAWL_OPTIONS, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
               "--json", "-q"]
    site_server.delay = 0.6  # slow enough to stop it half-way
    crawl = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not half_way(db_path) and crawl.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert crawl.poll() is None, "the crawl ended before it could be killed"
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=10)
        crawl.stdout.close()
        crawl.stderr.close()
        # The orphaned extraction workers notice and exit by themselves.
        deadline = time.monotonic() + 15
        while process_group_alive(crawl.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not process_group_alive(crawl.pid)
    finally:
        if process_group_alive(crawl.pid):
            os.killpg(crawl.pid, signal.SIGKILL)

    with sqlite3.connect(db_path) as db:
        first_run = {row[0] for row in db.execute("select canonical_url from articles")}
        pending = db.execute("select count(*) from frontier where state = 'pending'").fetchone()[0]
    expected = {base + page["path"] for page in demo_manifest if page["kind"] in ARTICLE_KINDS}
    # Only the pages the three listings name, not the ones reached through section pages.
    assert 2 <= len(first_run) < len(expected)
    assert pending > 0

    site_server.delay = 0
    mark = len(site_server.requests)
    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    with sqlite3.connect(db_path) as db:
        urls = [row[0] for row in db.execute("select canonical_url from articles")]
        left = db.execute("select count(*) from frontier where state = 'pending'").fetchone()[0]
    assert len(urls) == len(set(urls))  # nothing twice
    assert first_run <= set(urls)  # nothing lost
    assert set(urls) == listed_articles(base, demo_manifest)
    assert summary["stored"] == len(urls) - len(first_run) and left == 0
    # Articles stored before the kill were not requested again.
    again = {base + r.path for r in site_server.requests[mark:]}
    assert not again & first_run
    assert summary["duplicates"] == 0
