"""Sitemaps and feeds as real sites serve them: a stray ``&``, a file cut off mid-way.

Each is read as far as it goes, with URLs kept exact, and the crawl's fetches log says it was
recovered; a file that yields no URL at all is still "invalid XML".
"""
from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import run_crawl
from crawler.listings import InvalidListing, parse_feed, parse_sitemap

HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        b' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n')
QUERY_URL = b"<url><loc>https://paper.example/story?id=7&section=trade</loc></url>\n"
TITLE_AMP = (b"<url><loc>https://paper.example/2025/03/01/ports-reopen.html</loc><news:news>"
             b"<news:publication_date>2025-03-01</news:publication_date>"
             b"<news:title>Ports & docks reopen &amp; ships queue</news:title></news:news></url>\n")
PLAIN = b"<url><loc>https://paper.example/2025/03/02/grain-deal.html</loc></url>\n"
CUT = b"<url><loc>https://paper.example/2025/03/03/half-wri"


def test_parse_sitemap_escapes_a_stray_ampersand_and_keeps_the_url_exact():
    entries = parse_sitemap(HEAD + QUERY_URL + TITLE_AMP + b"</urlset>\n")
    assert entries.recovered
    assert [e.url for e in entries] == ["https://paper.example/story?id=7&section=trade",
                                        "https://paper.example/2025/03/01/ports-reopen.html"]
    assert entries[1].hints["title"] == "Ports & docks reopen & ships queue"
    assert entries[1].hints["published"] == "2025-03-01"


def test_parse_sitemap_cut_off_keeps_every_complete_entry_and_drops_the_half_written_one():
    entries = parse_sitemap(HEAD + TITLE_AMP + PLAIN + CUT)
    assert entries.recovered
    assert [e.url for e in entries] == ["https://paper.example/2025/03/01/ports-reopen.html",
                                        "https://paper.example/2025/03/02/grain-deal.html"]


def test_parse_sitemap_valid_file_is_not_marked_recovered():
    entries = parse_sitemap(HEAD + PLAIN + b"</urlset>")
    assert not entries.recovered and len(entries) == 1


@pytest.mark.parametrize("body", [
    HEAD + CUT,  # nothing complete before the cut
    b"<urlset><url><loc>not-a-url</url>",
    b"\x00\x01 garbage",
])
def test_parse_sitemap_with_nothing_usable_is_still_invalid_xml(body):
    with pytest.raises(InvalidListing, match="invalid XML"):
        parse_sitemap(body)


def test_parse_feed_broken_xml_is_read_and_marked_recovered():
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Paper</title>'
           b"<item><title>Steel & aluminium</title><link>https://paper.example/a.html?x=1&y=2</link></item>"
           b"<item><title>Cut off")
    entries = parse_feed(rss, "https://paper.example/rss.xml")
    assert entries.recovered
    assert [(e.url, e.hints.get("title")) for e in entries] == [
        ("https://paper.example/a.html?x=1&y=2", "Steel & aluminium")]
    clean = parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><item>'
                       b"<link>https://paper.example/b.html</link></item></channel></rss>", "https://paper.example/rss")
    assert not clean.recovered


@pytest.mark.slow
def test_single_machine_crawl_reads_a_broken_sitemap_and_logs_it_recovered(site_server, db_path):
    """The demo's articles behind a sitemap with a stray & in a title and a cut-off end."""
    base = site_server.base_url
    paths = ["/harbor-ledger/2025/05/07/fed-holds-rates-tariff-risks.html",
             "/harbor-ledger/2025/04/08/japan-auto-tariff-talks-progressing.html"]
    broken = (HEAD.decode() + "".join(
        f"<url><loc>{base}{path}</loc><news:news><news:title>Rates & tariffs</news:title></news:news></url>\n"
        for path in paths) + f"<url><loc>{base}/harbor-ledger/2025/0")
    site_server.set_page("/broken-news-sitemap.xml", broken, content_type="application/xml")
    result = run_crawl("--sitemap", f"{base}/broken-news-sitemap.xml", "--json", "-q", db=db_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["stored"] == 2
    with sqlite3.connect(db_path) as db:
        [(outcome, reason)] = db.execute(
            "select outcome, reason from fetches where url = ?", [f"{base}/broken-news-sitemap.xml"]).fetchall()
        stored = {row[0] for row in db.execute("select url from articles")}
    assert (outcome, reason) == ("read", "sitemap: 2 entries (recovered from invalid XML)")
    assert stored == {base + path for path in paths}
    # Only the two complete URLs were requested, not the half-written one.
    assert not [r for r in site_server.requests if r.path.startswith("/harbor-ledger/2025/0/")
                or r.path == "/harbor-ledger/2025/0"]
