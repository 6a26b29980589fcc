"""One real crawl of the demo site (plus every kind of bad input) in a subprocess, then its rows.

Inputs: the root page (section links, depth 2), the sitemap index with its Google News sitemap,
an RSS feed, an Atom feed, an AMP URL and a tracking-parameter URL as seeds, an extra sitemap
listing broken URLs, and an invalid sitemap and feed.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from conftest import DEMO_SITE, run_crawl
from db.store import decompress_html
from demo.server import DemoServer

pytestmark = pytest.mark.slow  # real crawls in subprocesses

ARTICLE_KINDS = {"article", "broken_markup", "non_english", "mislabelled_charset", "syndicated_copy"}
AMP = "/harbor-ledger/2025/04/08/japan-auto-tariff-talks-progressing.amp.html"
AMP_CANONICAL = "/harbor-ledger/2025/04/08/japan-auto-tariff-talks-progressing.html"
TRACKED = "/harbor-ledger/2025/05/07/fed-holds-rates-tariff-risks.html"
PRIVATE = "/harbor-ledger/private/2025/05/11/draft-us-china-tariff-truce-embargoed.html"
# URL path -> (outcome, reason) that the fetches log must record.
BAD_INPUTS = {
    "/broken/404": ("error", "HTTP 404"),
    "/broken/410": ("error", "HTTP 410"),
    "/broken/500": ("error", "HTTP 500"),
    "/broken/slow?seconds=8": ("error", "timeout"),  # longer than the tests' 5 s timeout
    "/broken/redirect-loop": ("error", "redirect loop or too many redirects"),
    "/broken/huge": ("skipped", "too large"),
    "/broken/report.pdf": ("skipped", "not HTML (application/pdf)"),
    "/broken/chart.png": ("skipped", "not HTML (image/png)"),
    "/broken/sitemap.xml": ("error", "invalid XML"),
    "/broken/feed.xml": ("error", "invalid feed XML"),
    "/capital-wire/premium/premium-inside-brussels-retaliation-list.html": ("skipped", "paywall stub"),
    PRIVATE: ("skipped", "disallowed by robots.txt"),
}
# Pages the tests add to the site: a video page with no text, and a print copy of an article.
EMPTY = "/harbor-ledger/video/2025/05/08/powell-press-conference-video.html"
EMPTY_PAGE = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Video: the press "
              "conference | The Harbor Ledger</title></head><body><h1>Video: the press conference</h1>"
              "<div class='player'>[video]</div><p>Watch the full briefing.</p></body></html>")
PRINT_COPY = "/harbor-ledger/print/fed-holds-rates-tariff-risks.html"
BAD_INPUTS[EMPTY] = ("skipped", "no article body")
LISTED_IN_EXTRA_SITEMAP = [path for path in BAD_INPUTS if path not in ("/broken/sitemap.xml", "/broken/feed.xml")]
EXTRA_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    + "".join(f"  <url><loc>{{{{BASE}}}}{path.replace('&', '&amp;')}</loc></url>\n"
              for path in [*LISTED_IN_EXTRA_SITEMAP, "/harbor-ledger/about.html", PRINT_COPY])
    + "  <url><loc>https://elsewhere.example/2025/04/01/off-site-story.html</loc></url>\n</urlset>\n"
)


class Crawled:
    """The finished crawl: server request log, database connection, summary, stderr."""

    def __init__(self, server: DemoServer, db: Path, result):
        self.server, self.base = server, server.base_url
        self.db = sqlite3.connect(db)
        self.db.row_factory = sqlite3.Row
        self.result = result
        self.summary = json.loads(result.stdout)

    def rows(self, sql: str, *params) -> list[sqlite3.Row]:
        return self.db.execute(sql, params).fetchall()

    def fetches(self, path: str) -> list[sqlite3.Row]:
        return self.rows("select * from fetches where url = ?", self.base + path)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Crawled:
    db = tmp_path_factory.mktemp("demo") / "news.db"
    with DemoServer(DEMO_SITE) as server:
        server.set_page("/extra-sitemap.xml", EXTRA_SITEMAP, content_type="application/xml")
        server.set_page(EMPTY, EMPTY_PAGE)
        original = (DEMO_SITE / TRACKED.lstrip("/")).read_text(encoding="utf-8")
        server.set_page(PRINT_COPY, "\n".join(line for line in original.splitlines()
                                               if 'rel="canonical"' not in line))
        base = server.base_url
        result = run_crawl(
            f"{base}/", base + AMP, base + TRACKED + "?utm_source=newsletter&utm_medium=email",
            "--sitemap", f"{base}/sitemap.xml", "--sitemap", f"{base}/extra-sitemap.xml",
            "--sitemap", f"{base}/broken/sitemap.xml",
            "--feed", f"{base}/capital-wire/feed.xml", "--feed", f"{base}/tradepost/atom.xml",
            "--feed", f"{base}/broken/feed.xml", "--depth", "2", "--json", db=db)
        assert result.returncode == 0, result.stderr
        yield Crawled(server, db, result)


def _articles_by_path(crawled: Crawled) -> dict[str, sqlite3.Row]:
    return {row["canonical_url"].removeprefix(crawled.base): row
            for row in crawled.rows("select * from articles")}


def test_crawl_demo_stores_every_article_once_with_its_fields(crawled, demo_manifest):
    stored = _articles_by_path(crawled)
    expected = [page for page in demo_manifest if page["kind"] in ARTICLE_KINDS]
    assert sorted(stored) == sorted(page["path"] for page in expected)
    for page in expected:
        row = stored[page["path"]]
        assert row["title"] == page["title"], page["path"]
        if page["published"]:
            assert row["published"][:10] == page["published"][:10], page["path"]
        assert row["published_source"] in {"json-ld", "news-sitemap", "feed", "meta", "microdata",
                                           "url", "page-text"}
        assert row["outlet"] and row["language"] and row["content_hash"]
        assert row["extractor"] == "trafilatura" and row["extractor_version"]
        assert row["http_status"] == 200 and row["fetched_at"] and row["version"] == 1
        for phrase in page["in_body"]:
            assert phrase in row["body"], (page["path"], phrase)


def test_crawl_demo_keeps_raw_html_compressed_and_identical(crawled):
    row = crawled.rows("select final_url, raw_html from articles where final_url not like ? order by id limit 1",
                       f"%{PRINT_COPY}")[0]  # a page served from the site folder, not added by the test
    path = row["final_url"].removeprefix(crawled.base)
    served = (DEMO_SITE / path.lstrip("/")).read_bytes().replace(b"{{BASE}}", crawled.base.encode())
    assert len(row["raw_html"]) < len(served)
    assert decompress_html(row["raw_html"]) == served


def test_crawl_demo_amp_and_tracking_urls_are_the_same_article(crawled):
    ids = crawled.rows("select id from articles where canonical_url = ?", crawled.base + AMP_CANONICAL)
    assert len(ids) == 1
    alias = crawled.rows("select article_id from article_urls where url = ?", crawled.base + AMP)
    assert [r["article_id"] for r in alias] == [ids[0]["id"]]
    assert len(crawled.rows("select id from articles where canonical_url = ?", crawled.base + TRACKED)) == 1
    # The tracking parameters were dropped before the request: the server never saw them.
    assert not [r for r in crawled.server.requests if "utm_" in r.path]
    assert len(crawled.server.requested(TRACKED)) <= 1  # 0 when the print copy named it first


def test_crawl_demo_print_copy_is_the_same_article_stored_once(crawled):
    [article] = crawled.rows("select id from articles where canonical_url = ?", crawled.base + TRACKED)
    for path in (PRINT_COPY, TRACKED):
        assert crawled.rows("select article_id from article_urls where url = ?",
                            crawled.base + path)[0]["article_id"] == article["id"]
    # Whichever copy came first was stored; the other is logged as its duplicate (or, when the
    # stored copy already named it as canonical URL, never requested).
    outcomes = sorted(r["outcome"] for path in (PRINT_COPY, TRACKED) for r in crawled.fetches(path))
    assert outcomes in (["duplicate", "stored"], ["stored"])


def test_crawl_demo_links_syndicated_copy_to_first_publication(crawled, demo_manifest):
    stored = _articles_by_path(crawled)
    for page in demo_manifest:
        if page["kind"] != "syndicated_copy":
            continue
        copy, original = stored[page["path"]], stored[page["duplicate_of"]]
        assert copy["duplicate_of"] == original["id"]
        assert original["duplicate_of"] is None
        assert 0.5 <= copy["similarity"] <= 1.0
    linked = crawled.rows("select count(*) from articles where duplicate_of is not null")[0][0]
    assert linked == sum(page["kind"] == "syndicated_copy" for page in demo_manifest)


def test_crawl_demo_honours_robots_txt(crawled):
    assert crawled.server.requested("/robots.txt")
    assert not crawled.server.requested(PRIVATE)


@pytest.mark.parametrize("path", sorted(BAD_INPUTS))
def test_crawl_demo_records_each_bad_input_with_its_reason(crawled, path):
    rows = crawled.fetches(path)
    assert [(r["outcome"], r["reason"]) for r in rows] == [BAD_INPUTS[path]]


def test_crawl_demo_records_non_article_and_offsite_entries(crawled):
    about = crawled.fetches("/harbor-ledger/about.html")
    assert [r["outcome"] for r in about] == ["skipped"]
    assert about[0]["reason"] in ("not an article", "no article body")
    offsite = crawled.rows("select outcome, reason from fetches where url like 'https://elsewhere.example/%'")
    assert [tuple(r) for r in offsite] == [("skipped", "outside the allowed domains")]
    assert not crawled.server.requested("/harbor-ledger/about.html")[1:]  # fetched once


def test_crawl_demo_reads_news_sitemap_dates_and_titles(crawled):
    news_sitemap = DEMO_SITE / "harbor-ledger" / "news-sitemap.xml"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    tree = etree.parse(str(news_sitemap))
    urls = tree.findall("s:url", ns)
    assert [r["reason"] for r in crawled.fetches("/harbor-ledger/news-sitemap.xml")] == [
        f"sitemap: {len(urls)} entries"]
    for node in urls:
        loc = node.findtext("s:loc", namespaces=ns).replace("{{BASE}}", crawled.base)
        hints = json.loads(crawled.rows("select hints from frontier where url = ?", loc)[0]["hints"])
        if PRIVATE in loc:
            continue
        assert hints.get("published_source") == "news-sitemap", (loc, hints)
        assert hints["published"] == node.findtext("n:news/n:publication_date", namespaces=ns)
        assert hints["title"] == node.findtext("n:news/n:title", namespaces=ns)


@pytest.mark.parametrize("feed, count_xpath", [
    ("/capital-wire/feed.xml", "count(/rss/channel/item)"),
    ("/tradepost/atom.xml", "count(/*[local-name()='feed']/*[local-name()='entry'])"),
])
def test_crawl_demo_reads_rss_and_atom_feeds(crawled, feed, count_xpath):
    tree = etree.parse(str(DEMO_SITE / feed.lstrip("/")))
    entries = int(tree.xpath(count_xpath))
    assert entries > 0
    assert [r["reason"] for r in crawled.fetches(feed)] == [f"feed: {entries} entries"]
    from_feed = crawled.rows("select hints from frontier where discovered_from = ?", crawled.base + feed)
    sources = {json.loads(r["hints"]).get("published_source") for r in from_feed}
    assert sources <= {"feed"} and len(from_feed) >= 1


def test_crawl_demo_follows_article_links_from_section_pages(crawled):
    sections = crawled.rows("select url from fetches where reason = 'section page'")
    assert {r["url"].removeprefix(crawled.base) for r in sections} >= {
        "/", "/harbor-ledger/index.html", "/capital-wire/index.html", "/tradepost/index.html"}
    # This analysis is in no sitemap or feed: only links lead to it (from its section page, or
    # from an article's "read next" box, whichever the crawl reads first).
    only_linked = crawled.base + "/tradepost/analysis/asean-exporters-tariff-deadline.html"
    [entry] = crawled.rows("select state, discovered_from from frontier where url = ?", only_linked)
    assert entry["state"] == "done" and entry["discovered_from"].endswith(".html")
    assert crawled.rows("select count(*) from articles where canonical_url = ?", only_linked)[0][0] == 1
    assert crawled.rows("select count(*) from frontier where state = 'pending'")[0][0] == 0


def test_crawl_demo_json_summary_matches_the_database(crawled):
    summary = crawled.summary
    assert summary["stored"] == crawled.rows("select count(*) from articles")[0][0]
    assert summary["near_duplicates"] == 1
    assert sum(summary["per_outlet"].values()) == summary["stored"]
    assert set(summary["per_outlet"]) == {"The Harbor Ledger", "Capital Wire", "Tradepost Daily"}
    for key, outcome in (("skipped", "skipped"), ("errors", "error")):
        logged = crawled.rows("select reason, count(*) from fetches where outcome = ? group by reason", outcome)
        assert summary[key] == {r[0]: r[1] for r in logged}
    assert summary["pending"] == 0 and summary["finish_reason"] == "finished"


def test_crawl_demo_prints_progress_on_stderr(crawled):
    lines = [line for line in crawled.result.stderr.splitlines() if line.startswith("crawl:")]
    assert lines and "pages/s" in lines[-1]
    assert "\r" not in crawled.result.stderr  # not a terminal: plain lines
