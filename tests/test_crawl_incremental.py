"""Re-crawls: stored articles are not fetched again; --refresh asks conditionally and versions changes;
--since and --max-pages limit what is fetched."""
from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import DEMO_SITE
from demo.server import DemoServer

pytestmark = pytest.mark.slow  # real crawls in subprocesses

CHANGED = "/harbor-ledger/2025/05/07/fed-holds-rates-tariff-risks.html"
RELAID = "/harbor-ledger/2025/07/23/treasury-statement-us-japan-agreement.html"


def inputs(base: str) -> list[str]:
    return ["--sitemap", f"{base}/sitemap.xml", "--feed", f"{base}/capital-wire/feed.xml",
            "--feed", f"{base}/tradepost/atom.xml", "--json"]


def article_requests(server: DemoServer, since: int = 0) -> list:
    """Requests for pages that are not listings, robots.txt or sections."""
    listings = ("/robots.txt", "/sitemap.xml", "/harbor-ledger/news-sitemap.xml",
                "/capital-wire/feed.xml", "/tradepost/atom.xml")
    return [r for r in server.requests[since:] if r.path not in listings]


def test_crawl_second_run_fetches_no_stored_article(site_server, db_path, crawl):
    first = crawl(*inputs(site_server.base_url), db=db_path)
    assert first.returncode == 0, first.stderr
    stored = json.loads(first.stdout)["stored"]
    assert stored >= 10
    mark = len(site_server.requests)
    second = crawl(*inputs(site_server.base_url), db=db_path)
    assert second.returncode == 0, second.stderr
    summary = json.loads(second.stdout)
    assert article_requests(site_server, mark) == []
    assert summary["stored"] == 0 and summary["already_stored"] >= stored
    assert summary["articles_in_db"] == stored
    # The listings themselves were read again, to discover new articles.
    assert len(site_server.requested("/harbor-ledger/news-sitemap.xml")) == 2


def test_crawl_refresh_uses_validators_and_versions_only_real_changes(site_server, db_path, crawl):
    base = site_server.base_url
    first = crawl(*inputs(base), db=db_path)
    assert first.returncode == 0, first.stderr
    stored = json.loads(first.stdout)["stored"]

    mark = len(site_server.requests)
    unchanged = json.loads(crawl(*inputs(base), "--refresh", db=db_path).stdout)
    refetched = article_requests(site_server, mark)
    assert refetched and all("If-None-Match" in r.headers for r in refetched)
    assert {r.status for r in refetched} == {304}
    assert unchanged["not_modified"] == len(refetched) == stored
    assert unchanged["updated"] == 0 and unchanged["stored"] == 0

    page = (DEMO_SITE / CHANGED.lstrip("/")).read_text(encoding="utf-8")
    assert "4.25%-4.5%" in page
    site_server.set_page(CHANGED, page.replace("4.25%-4.5%", "4%-4.25%"))  # a correction
    relaid = (DEMO_SITE / RELAID.lstrip("/")).read_text(encoding="utf-8")
    site_server.set_page(RELAID, relaid.replace("</body>", "<!-- new ad slot --></body>"))  # layout only
    changed = json.loads(crawl(*inputs(base), "--refresh", db=db_path).stdout)
    assert (changed["updated"], changed["unchanged"]) == (1, 1)
    assert changed["not_modified"] == stored - 2 and changed["stored"] == 0

    db = sqlite3.connect(db_path)
    version, body, article_id = db.execute(
        "select version, body, id from articles where canonical_url = ?", [base + CHANGED]).fetchone()
    assert version == 2 and "4%-4.25%" in body
    old = db.execute("select version, body from article_versions where article_id = ?", [article_id]).fetchall()
    assert len(old) == 1 and old[0][0] == 1 and "4.25%-4.5%" in old[0][1]
    assert db.execute("select version from articles where canonical_url = ?", [base + RELAID]).fetchone() == (1,)
    assert db.execute("select count(*) from articles").fetchone()[0] == stored


def test_crawl_since_skips_older_listing_entries_unfetched(site_server, db_path, crawl):
    result = crawl(*inputs(site_server.base_url), "--since", "2025-06-01", db=db_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["skipped"]["older than --since"] > 0
    db = sqlite3.connect(db_path)
    dates = [row[0] for row in db.execute("select published from articles")]
    assert dates and all(day[:10] >= "2025-06-01" for day in dates)
    assert not site_server.requested("/harbor-ledger/2025/04/10/china-raises-tariffs-84-percent.html")


def test_crawl_max_pages_leaves_the_rest_pending_for_the_next_run(site_server, db_path, crawl):
    args = ["--sitemap", f"{site_server.base_url}/sitemap.xml", "--json"]
    first = json.loads(crawl(*args, "--max-pages", "2", db=db_path).stdout)
    db = sqlite3.connect(db_path)
    fetched = db.execute("select count(*) from fetches where run_id = ? and kind = 'article'",
                         [first["run_id"]]).fetchone()[0]
    assert fetched == 2
    assert first["pending"] > 0
    second = json.loads(crawl(*args, db=db_path).stdout)
    assert second["pending"] == 0
    assert first["stored"] + second["stored"] == second["articles_in_db"] > 2
