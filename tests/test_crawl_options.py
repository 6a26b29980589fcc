"""--urls-file, --depth, --allow-domain and --quiet on the demo site."""
from __future__ import annotations

import json
import sqlite3

import pytest

pytestmark = pytest.mark.slow  # real crawls in subprocesses


def test_crawl_urls_file_follows_section_links_one_level(site_server, db_path, tmp_path, crawl):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# the Harbor Ledger front page\n{site_server.base_url}/harbor-ledger/index.html\n\n",
                    encoding="utf-8")
    result = crawl("--urls-file", str(urls), "--depth", "1", "--json", db=db_path)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    stored = [row[0] for row in sqlite3.connect(db_path).execute("select canonical_url from articles")]
    assert summary["stored"] == len(stored) >= 3
    assert all("/harbor-ledger/" in url for url in stored)
    # Depth 1: articles linked from the front page, but nothing linked from those articles.
    assert not site_server.requested("/capital-wire/index.html")


def test_crawl_allow_domain_keeps_links_on_listed_domains_and_quiet_prints_nothing(site_server, db_path, crawl):
    result = crawl(f"{site_server.base_url}/harbor-ledger/index.html", "--allow-domain", "elsewhere.example",
                   "--quiet", db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "pages/s" not in result.stderr
    assert sqlite3.connect(db_path).execute("select count(*) from articles").fetchone()[0] == 0
    fetched = {r.path for r in site_server.requests}
    assert fetched == {"/robots.txt", "/harbor-ledger/index.html"}
