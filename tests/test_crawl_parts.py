"""Crawler parts without a crawl: listings, link choice, near-duplicate index, settings, failures."""
from __future__ import annotations

import gzip

import pytest
from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler import links, similarity
from crawler.listings import InvalidListing, entry_date, parse_feed, parse_sitemap
from crawler.settings import FAST, POLITE, build_settings
from crawler.spiders.news import failure_reason

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://paper.example/2025/02/03/mills-idle-as-orders-dry-up.html</loc>
    <lastmod>2025-02-04</lastmod>
    <news:news><news:publication><news:name>Paper</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2025-02-03T06:30:00+01:00</news:publication_date>
      <news:title>Mills idle as orders dry up</news:title></news:news></url>
  <url><loc>https://paper.example/about-us</loc></url>
</urlset>"""
SITEMAP_INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://paper.example/news.xml</loc><lastmod>2025-02-04</lastmod></sitemap></sitemapindex>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Paper</title><id>urn:paper</id><updated>2025-02-03T08:00:00Z</updated>
<entry><title>Port strike ends</title><link href="/2025/02/03/port-strike-ends.html"/><id>urn:1</id>
<published>2025-02-03T07:00:00Z</published><updated>2025-02-03T08:00:00Z</updated><author><name>Lena Ko</name></author></entry>
</feed>"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Paper</title>
<item><title>Grain prices climb</title><link>https://paper.example/markets/grain-prices-climb-again</link>
<pubDate>Mon, 03 Feb 2025 09:15:00 +0100</pubDate></item></channel></rss>"""


def test_parse_sitemap_keeps_google_news_date_and_title():
    article, about = parse_sitemap(NEWS_SITEMAP)
    assert article.url == "https://paper.example/2025/02/03/mills-idle-as-orders-dry-up.html"
    assert article.hints == {"lastmod": "2025-02-04", "published": "2025-02-03T06:30:00+01:00",
                             "published_source": "news-sitemap", "title": "Mills idle as orders dry up"}
    assert (about.url, about.hints) == ("https://paper.example/about-us", {})


def test_parse_sitemap_index_and_gzip():
    [child] = parse_sitemap(gzip.compress(SITEMAP_INDEX))
    assert (child.url, child.kind) == ("https://paper.example/news.xml", "sitemap")


@pytest.mark.parametrize("body, reason", [
    (b"<urlset><url><loc>x</url>", "invalid XML"),
    (b"<html><body>Not found</body></html>", "not a sitemap"),
    (b"\x1f\x8bnot really gzip", "invalid gzip"),
])
def test_parse_sitemap_rejects_broken_xml_with_a_reason(body, reason):
    with pytest.raises(InvalidListing, match=reason):
        parse_sitemap(body)


def test_parse_feed_reads_rss_and_atom_with_dates_titles_authors():
    [rss] = parse_feed(RSS, "https://paper.example/rss.xml")
    assert rss.hints == {"title": "Grain prices climb", "published": "2025-02-03T08:15:00+00:00",
                         "published_source": "feed"}
    [atom] = parse_feed(ATOM, "https://paper.example/atom.xml")
    assert atom.url == "https://paper.example/2025/02/03/port-strike-ends.html"  # relative link resolved
    assert atom.hints["authors"] == ["Lena Ko"] and atom.hints["published"] == "2025-02-03T07:00:00+00:00"


def test_parse_feed_rejects_broken_feed():
    with pytest.raises(InvalidListing, match="invalid feed XML"):
        parse_feed(b"<?xml version='1.0'?><rss><channel><item><title>x</channel>", "https://p.example/rss")


@pytest.mark.parametrize("hints, day", [
    ({"published": "2025-02-03T23:30:00-05:00"}, "2025-02-03"),
    ({"lastmod": "2024-12-31"}, "2024-12-31"),
    ({"published": "yesterday"}, None),
    ({}, None),
])
def test_entry_date(hints, day):
    result = entry_date(hints)
    assert (result.isoformat() if result else None) == day


@pytest.mark.parametrize("url, expected", [
    ("https://paper.example/2025/02/03/port-strike-ends.html", True),
    ("https://paper.example/markets/grain-prices-climb-again", True),
    ("https://paper.example/news/story-1234567", True),
    ("https://paper.example/markets/", False),
    ("https://paper.example/tag/trade-war-tariffs-latest", False),
    ("https://paper.example/author/lena-ko-senior-writer", False),
    ("https://paper.example/files/annual-report-2024-final.pdf", False),
    ("https://paper.example/index.html", False),
    ("mailto:desk@paper.example", False),
])
def test_looks_like_article(url, expected):
    assert links.looks_like_article(url) is expected


def test_normalise_drops_tracking_parameters_and_fragment():
    assert links.normalise("https://p.example/a-b-c-d?utm_source=x&id=7&fbclid=1#top") == \
        "https://p.example/a-b-c-d?id=7"


def test_in_domains_accepts_subdomains_only_of_listed_domains():
    assert links.in_domains("https://www.news.paper.example/x", ["paper.example"])
    assert not links.in_domains("https://notpaper.example/x", ["paper.example"])
    assert links.in_domains("https://anything.example/x", [])


STORY = ("The central bank raised its policy rate by a quarter point on Tuesday, its third increase "
         "this year, and said further moves would depend on how quickly import prices cool after the "
         "new duties on steel and aluminium took effect last month. The governor told reporters that "
         "the board had discussed a larger move but judged that the labour market was already slowing.")
OTHER = ("Dock workers at the northern container terminal ended a nine-day strike on Sunday after "
         "the operator agreed to a pay rise of six percent over two years, clearing the way for "
         "dozens of ships that had been waiting offshore to unload grain, timber and fuel.")


def test_near_duplicate_index_finds_a_reprint_not_a_different_story():
    index = similarity.NearDuplicateIndex()
    index.add(1, similarity.signature(STORY))
    index.add(2, similarity.signature(OTHER))
    reprint = "Reprinted from the wire. " + STORY + " Copyright the wire service."
    match = index.best_match(similarity.signature(reprint))
    assert match is not None and match[0] == 1 and 0.7 <= match[1] <= 1.0
    unrelated = "Ministers met in the capital to discuss a new fishing agreement covering northern waters " * 2
    assert index.best_match(similarity.signature(unrelated)) is None
    index.remove(1)
    assert index.best_match(similarity.signature(reprint)) is None


@pytest.mark.parametrize("text", [STORY, OTHER, STORY[:40], "one", STORY + " " + OTHER])
def test_signature_equals_datasketch_minhash(text):
    """The numpy MinHash gives datasketch's own values for the same shingle hashes."""
    import numpy as np
    from datasketch import MinHash

    reference = MinHash(num_perm=similarity.NUM_PERM, seed=similarity.SEED, scheme="affine32",
                        hashfunc=lambda value: value)
    reference.update_batch(similarity.shingle_hashes(text).tolist())
    assert similarity.signature(text) == reference.hashvalues.astype(np.uint64).tobytes()


def test_settings_are_polite_by_default_and_fast_only_when_asked():
    settings = build_settings()
    assert settings["ROBOTSTXT_OBEY"] is True and settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1 and settings["DOWNLOAD_DELAY"] >= 1
    assert settings["USER_AGENT"].startswith("saidwhat/0.1 (+http")
    assert build_settings(contact="https://me.example/contact")["USER_AGENT"] == \
        "saidwhat/0.1 (+https://me.example/contact)"
    fast = build_settings(fast=True, overrides={"DOWNLOAD_TIMEOUT": 3})
    assert fast["DOWNLOAD_DELAY"] == 0 and fast["ROBOTSTXT_OBEY"] is True
    assert fast["DOWNLOAD_TIMEOUT"] == 3
    assert set(FAST) <= set(POLITE) | {"DOWNLOAD_DELAY_JITTER"}


def _failure(error: Exception) -> Failure:
    try:
        raise error
    except Exception:
        return Failure()


@pytest.mark.parametrize("error, expected", [
    (IgnoreRequest("Forbidden by robots.txt"), ("skipped", "disallowed by robots.txt", None)),
    (IgnoreRequest("max redirections reached"), ("error", "redirect loop or too many redirects", None)),
    (DownloadTimeoutError("took longer"), ("error", "timeout", None)),
    (DownloadCancelledError("maxsize"), ("skipped", "too large", None)),
    (HttpError(HtmlResponse("https://p.example/x", status=410, request=Request("https://p.example/x")), "x"),
     ("error", "HTTP 410", 410)),
])
def test_failure_reason_names_each_failure(error, expected):
    assert failure_reason(_failure(error)) == expected
