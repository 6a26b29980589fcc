"""crawler.article: one fetched page in, clean article fields out (pages in tests/fixtures/pages/)."""
from __future__ import annotations

import hashlib
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from crawler.article import ExtractedArticle, extract_article
from crawler.bylines import clean_authors
from crawler.dates import date_from_url, normalise_date
from crawler.encoding import decode_html
from crawler.page_kind import word_count
from crawler.titles import strip_site_name
from crawler.urls import choose_canonical, strip_tracking

PAGES = Path(__file__).parent / "fixtures" / "pages"
STORY_URL = "https://news.example/story/{}-report"


def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def extract(name: str, url: str | None = None, **kwargs) -> ExtractedArticle:
    return extract_article(page(name), url or STORY_URL.format(name.replace("_", "-")), **kwargs)


# --- whole pages, one field group at a time -------------------------------------------------

@pytest.mark.parametrize(
    ("name", "site_name", "title", "authors"),
    [
        # JSON-LD NewsArticle: headline, Person authors, publisher.
        ("jsonld_article", "Harbor Ledger", "Port authority lifts container fees for the first time since 2019",
         ["Dana Whitfield", "Omar Castillo"]),
        # OpenGraph only: og:title loses its " - Site" suffix; article:author is a profile URL (dropped),
        # so the authors come from <meta name=author> "By A and B".
        ("opengraph_only", "Prairie Courier", "Grain cooperative warns of thinner margins", ["Lena Ortiz", "Sam Reyes"]),
        # Microdata only: headline/author/publisher itemprops.
        ("microdata", "Valley Dispatch", "Central bank keeps its benchmark rate at 3.25%", ["Priya Nandakumar"]),
        # "Site: " prefix in <title>, site known from og:site_name.
        ("title_prefix", "Coastal Times", "Textile mills idle as export orders slow", []),
        # No metadata at all: byline in the page, upper case and a job title; site name is the domain.
        ("byline_only", "news.example", "Ferry operator adds winter sailings", ["Rosa Delgado"]),
    ],
)
def test_article_site_title_authors(name, site_name, title, authors):
    article = extract(name)
    assert (article.site_name, article.title, article.authors) == (site_name, title, authors)
    assert article.skip_reason is None


@pytest.mark.parametrize(
    ("name", "url", "hints", "published", "source"),
    [
        ("jsonld_article", None, None, "2025-04-02T14:30:00-04:00", "json-ld"),
        ("opengraph_only", None, None, "2025-03-14T08:00:00+00:00", "meta"),
        ("microdata", None, None, "2025-01-29", "microdata"),
        # The page's own date beats a sitemap hint.
        ("opengraph_only", None, {"published": "2025-03-10", "published_source": "news-sitemap"},
         "2025-03-14T08:00:00+00:00", "meta"),
        # A page without dates: the news-sitemap or feed date (RFC 822 in feeds) is used, normalised.
        ("no_date", None, {"published": "2025-02-11T07:15:00+01:00", "published_source": "news-sitemap"},
         "2025-02-11T07:15:00+01:00", "news-sitemap"),
        ("no_date", None, {"published": "Tue, 11 Feb 2025 06:15:00 GMT", "published_source": "feed"},
         "2025-02-11T06:15:00+00:00", "feed"),
        # No metadata, no hint: a date in the URL path...
        ("no_date", "https://www.borderpost.example/2025/02/11/customs-office-extends-opening-hours", None,
         "2025-02-11", "url"),
        # ...and last the page text (htmldate).
        ("page_text_date", None, None, "2025-02-03", "page-text"),
        ("no_date", None, None, None, None),
    ],
)
def test_article_published_date_and_source(name, url, hints, published, source):
    article = extract(name, url, hints=hints)
    assert (article.published, article.published_source) == (published, source)


def test_article_url_date_from_canonical_when_fetched_url_has_none():
    html = page("no_date").replace(
        b"<title>", b'<link rel="canonical" href="/2025/02/11/customs-office-extends-opening-hours"><title>'
    )
    article = extract_article(html, "https://www.borderpost.example/?p=4412")
    assert article.canonical_url == "https://www.borderpost.example/2025/02/11/customs-office-extends-opening-hours"
    assert (article.published, article.published_source) == ("2025-02-11", "url")


@pytest.mark.parametrize(
    ("name", "url", "canonical"),
    [
        # rel=canonical is relative: made absolute against the page URL.
        ("jsonld_article", "https://harborledger.example/story/42?utm_source=rss",
         "https://harborledger.example/business/2025/04/02/port-authority-lifts-container-fees"),
        # og:url only, with utm_* parameters: stripped.
        ("opengraph_only", None, "https://www.prairiecourier.example/farm/grain-cooperative-warns-of-thinner-margins"),
        # AMP page: its rel=canonical names the regular page (tracking and fragment dropped); og:url, which
        # still names the AMP copy, is passed over.
        ("amp_article", "https://www.metrowire.example/markets/steel-importers-brace-for-quota-cut/amp?utm_source=twitter",
         "https://www.metrowire.example/markets/steel-importers-brace-for-quota-cut"),
        # No canonical: the URL itself, without tracking parameters and fragment; real parameters stay.
        ("tracking_params",
         "https://bakery.example/news/bakery-chain-to-open-fourteen-shops?id=7&utm_source=newsletter&utm_medium=email"
         "&fbclid=AbC123&gclid=xyz&mc_cid=55#comments",
         "https://bakery.example/news/bakery-chain-to-open-fourteen-shops?id=7"),
    ],
)
def test_article_canonical_url(name, url, canonical):
    article = extract(name, url)
    assert article.canonical_url == canonical
    assert article.url == (url or STORY_URL.format(name.replace("_", "-")))


def test_article_mislabelled_charset_is_decoded_as_utf8():
    # The page declares iso-8859-1 but its bytes are UTF-8: no mojibake ("ZÃ¼rcher") anywhere.
    article = extract("mislabelled_charset")
    assert article.title == "Zürcher Exporteure spüren den starken Franken"
    assert "Großraum Zürich" in article.body
    assert "40 Mio. €" in article.body
    assert "Ã" not in article.body


def test_article_text_encoded_twice_at_the_source_is_repaired():
    """A page in valid UTF-8 whose CMS had read UTF-8 as Windows-1252 before saving ("Chinaâ€™s"): the body and
    the title read as written; curly quotes, dashes and accents that were right stay as they are."""
    garbled = "Oslo\u2019s port fees".encode("utf-8").decode("cp1252")  # "Osloâ€™s", as such pages hold it
    html = (f"<html><head><meta charset='utf-8'><title>{garbled} rise</title></head><body><article>"
            f"<h1>{garbled} rise</h1><p>{garbled} will rise by 4.5% in June, the port authority said on "
            "Tuesday, citing \u201chigher dredging costs\u201d \u2014 a step shippers at the caf\u00e9 by the "
            "quay called na\u00efve.</p><p>The authority expects the change to bring in about $21 million a year "
            "for deeper berths, money it plans to spend before the winter storms.</p></article></body></html>")
    article = extract_article(html.encode("utf-8"), STORY_URL.format("fees"))
    assert article.title == "Oslo\u2019s port fees rise"
    assert "Oslo\u2019s port fees will rise by 4.5% in June" in article.body
    assert "\u201chigher dredging costs\u201d \u2014 a step shippers at the caf\u00e9 by the quay called " \
           "na\u00efve." in article.body
    assert "\u00e2" not in article.body


def test_article_declared_latin1_is_honoured():
    # Real iso-8859-1 bytes (not valid UTF-8) with a matching <meta charset>.
    article = extract("latin1_declared")
    assert article.title == "Les exportateurs de fromage s'inquiètent des nouveaux droits"
    assert article.language == "fr"


def test_article_http_encoding_is_used_when_page_declares_none():
    html = page("latin1_declared").replace(b'<meta charset="iso-8859-1">', b"")
    article = extract_article(html, STORY_URL.format("cheese"), encoding="iso-8859-1")
    assert article.title == "Les exportateurs de fromage s'inquiètent des nouveaux droits"


def test_article_text_input_equals_bytes_input():
    html = page("jsonld_article")
    assert extract_article(html.decode("utf-8"), STORY_URL.format("x")) == extract_article(html, STORY_URL.format("x"))


@pytest.mark.parametrize(
    ("name", "url", "reason"),
    [
        # isAccessibleForFree false and a one-paragraph teaser.
        ("paywall_jsonld", None, "paywall stub"),
        # No JSON-LD: a paywall overlay with a subscribe prompt over a teaser.
        ("paywall_markup", None, "paywall stub"),
        # A section index: many headline links, little text, no article metadata.
        ("section_page", "https://harborledger.example/business/", "not an article"),
        # A small section front: four headline links with one-line deks, at /markets/index.html.
        ("section_teasers", "https://valleydispatch.example/markets/index.html", "not an article"),
        # The same page at an article-like address is given the benefit of the doubt.
        ("section_teasers", "https://valleydispatch.example/markets/2025/02/04/bond-yields-edge-lower", None),
        ("about_page", "https://harborledger.example/about", "not an article"),
        # A JavaScript shell with no text.
        ("empty_body", None, "no article body"),
        # A real 30-word correction without metadata is still an article.
        ("short_brief", None, None),
        ("jsonld_article", None, None),
    ],
)
def test_article_skip_reason(name, url, reason):
    assert extract(name, url).skip_reason == reason


@pytest.mark.parametrize("html", ["", "   ", b"", b"<html></html>"])
def test_article_empty_input_has_no_body(html):
    article = extract_article(html, "https://news.example/story/nothing-here?utm_source=x")
    assert article.body == ""
    assert article.skip_reason == "no article body"
    assert article.canonical_url == "https://news.example/story/nothing-here"


@pytest.mark.parametrize(
    ("name", "language", "skip_reason"),
    [
        ("jsonld_article", "en", None),          # <html lang="en-US">
        ("opengraph_only", "en", None),          # og:locale en_CA, no lang attribute
        ("mislabelled_charset", "de", None),     # <html lang="de">: recorded, not skipped
        ("french_no_lang", "fr", None),          # nothing declared: detected from the body
    ],
)
def test_article_language_recorded(name, language, skip_reason):
    article = extract(name)
    assert (article.language, article.skip_reason) == (language, skip_reason)


def test_article_body_layout_and_hash():
    article = extract("jsonld_article")
    paragraphs = article.body.split("\n")
    # Furniture is gone: navigation, share bar, related links, footer.
    for furniture in ("Share on social", "Rail freight slows", "All rights reserved", "Opinion"):
        assert furniture not in article.body
    assert paragraphs[-1] == (
        "The authority expects the new fees to bring in about $21 million a year, money it plans to spend on "
        "deepening two berths so that larger vessels can call without waiting for high tide."
    )
    assert all(p and p == " ".join(p.split()) for p in paragraphs)  # one block a line, no blank lines
    assert article.content_hash == hashlib.sha256(" ".join(article.body.split()).encode()).hexdigest()
    assert article.description == "Shippers will pay 4.5% more per container from June, the port said."
    assert (article.extractor, article.extractor_version) == ("trafilatura", __import__("trafilatura").__version__)


def test_article_comments_are_not_body():
    article = extract("opengraph_only")
    assert "Reader one" not in article.body
    assert article.body.endswith("would hold up better than export sales.")


def test_article_title_is_never_just_the_site_name():
    # og:title holds the site name (a template default): the headline in <h1> is used instead.
    html = page("title_prefix").replace(
        b'<meta property="og:type" content="article">',
        b'<meta property="og:type" content="article"><meta property="og:title" content="Coastal Times">',
    ).replace(b'<div class="content">', b'<div class="content"><h1>Looms fall silent at &#8216;three mills&#8217;</h1>')
    assert extract_article(html, "https://coastaltimes.example/industry/mills-idle").title == "Looms fall silent at ‘three mills’"


def test_article_hint_title_used_when_page_has_none():
    html = b"<html><body><p>" + b"Plain words about the harbour budget and its several new cranes. " * 5 + b"</p></body></html>"
    article = extract_article(html, STORY_URL.format("plain"), hints={"title": "Harbour budget approved"})
    assert article.title == "Harbour budget approved"


def test_article_result_pickles_and_runs_in_a_worker_process():
    # The crawler calls extract_article in a ProcessPoolExecutor: arguments and result must travel.
    html, url = page("microdata"), STORY_URL.format("microdata")
    with ProcessPoolExecutor(max_workers=1) as pool:
        remote = pool.submit(extract_article, html, url, hints={"published": "2025-01-01"}).result()
    assert remote == extract_article(html, url, hints={"published": "2025-01-01"})
    assert pickle.loads(pickle.dumps(remote)) == remote


# --- the helpers, on exact strings -------------------------------------------------------------

@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("Rates held steady | Example Times", ["Example Times"], "Rates held steady"),
        ("Rates held steady - Example Times", ["Example Times"], "Rates held steady"),
        ("Rates held steady — Example Times", ["Example Times"], "Rates held steady"),
        ("Example Times: Rates held steady", ["Example Times"], "Rates held steady"),
        ("Rates held steady | Markets | Example Times", ["Example Times"], "Rates held steady | Markets"),
        ("Rates held steady - ExampleTimes.com", ["exampletimes.com"], "Rates held steady"),
        ("Rates held steady - EXAMPLE", ["example.com", "example"], "Rates held steady"),
        # Not the site: kept whole.
        ("Trade talks: what comes next - analysis", ["Example Times"], "Trade talks: what comes next - analysis"),
        ("Oil - the week ahead", ["Example Times"], "Oil - the week ahead"),
        # A title that starts with the site's name is not a "Site: " prefix.
        ("The Guardian view on rates: hold steady", ["The Guardian"], "The Guardian view on rates: hold steady"),
        ("Rates held steady", [], "Rates held steady"),
    ],
)
def test_strip_site_name(title, sites, expected):
    assert strip_site_name(title, sites) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Roe and John Doe"], ["Jane Roe", "John Doe"]),
        (["Jane Roe, John Doe; Ana Silva"], ["Jane Roe", "John Doe", "Ana Silva"]),
        (["BY MARY MAJOR, Staff Writer"], ["Mary Major"]),
        (["Tom Krisher, AP Auto Writer"], ["Tom Krisher"]),
        (["https://www.facebook.com/someone", "www.example.com", "humans.txt"], []),
        (["Jane Roe", "jane roe", "JANE ROE"], ["Jane Roe"]),
        (["Reuters"], ["Reuters"]),
        (["by"], []),
        (["Text: Ana Silva"], ["Ana Silva"]),
        (["Metro Desk Published 9:14 a.m. ET"], ["Metro Desk"]),
        (["siteadmin", "admin"], []),
        (["Ana Silva &amp; John Doe"], ["Ana Silva", "John Doe"]),
        (["updated 3 hours ago"], []),
    ],
)
def test_clean_authors(raw, expected):
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-02T14:30:00-04:00", "2025-04-02T14:30:00-04:00"),
        ("2025-04-02T14:30:00Z", "2025-04-02T14:30:00+00:00"),
        ("2025-04-02T14:30:00.250+02:00", "2025-04-02T14:30:00+02:00"),
        ("2025-04-02", "2025-04-02"),
        ("April 2, 2025", "2025-04-02"),
        ("Wed, 02 Apr 2025 18:30:00 GMT", "2025-04-02T18:30:00+00:00"),
        ("2025-04-02 14:30", "2025-04-02T14:30:00"),
        ("20250402T143000Z", "2025-04-02T14:30:00+00:00"),
        ("2 April 2025 14:30 +0530", "2025-04-02T14:30:00+05:30"),
        ("3 hours ago", None),      # relative: would depend on the clock
        ("April 2025", None),       # no day: would be filled in from the clock
        ("March 2, 1987", "1987-03-02"),  # an archive's story is dated as it was
        ("1850-01-01", None),
        ("1970-01-01T00:00:00Z", None),  # the Unix epoch: a timestamp never set
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(text, expected):
    assert normalise_date(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/2025/04/02/fees-rise", "2025-04-02"),
        ("https://a.example/news/fees-rise-2025-04-02.html", "2025-04-02"),
        ("https://a.example/news/20250402-fees-rise", "2025-04-02"),
        ("https://a.example/2025/13/45/fees-rise", None),
        ("https://a.example/story/123456789", None),
        ("https://a.example/news/fees?date=2025-04-02", None),  # query strings are not the path
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/x?utm_source=a&utm_campaign=b&page=2", "https://a.example/x?page=2"),
        ("https://a.example/x?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&msclkid=5", "https://a.example/x"),
        ("https://a.example/x?id=7#section-2", "https://a.example/x?id=7"),
        ("https://a.example/x?ref=home", "https://a.example/x?ref=home"),
    ],
)
def test_strip_tracking(url, expected):
    assert strip_tracking(url) == expected


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        # A canonical pointing at the home page from an article is a template bug: ignored.
        (["https://a.example/", None], "https://a.example/news/story-one"),
        (["javascript:void(0)", "https://a.example/news/story-one-final"], "https://a.example/news/story-one-final"),
        (["//a.example/news/story-one?utm_medium=x"], "https://a.example/news/story-one"),
    ],
)
def test_choose_canonical(candidates, expected):
    assert choose_canonical(candidates, "https://a.example/news/story-one") == expected


RUSSIAN_PAGE = (
    "<html><body><p>Центральный банк сохранил ключевую ставку на прежнем уровне и сообщил, что будет "
    "внимательно следить за ценами на продовольствие и за курсом рубля в ближайшие месяцы.</p></body></html>"
)


@pytest.mark.parametrize(
    ("data", "http_encoding", "expected"),
    [
        ("Zürich – 5 €".encode("utf-8"), None, "Zürich – 5 €"),
        ("Zürich – 5 €".encode("utf-8"), "iso-8859-1", "Zürich – 5 €"),  # a wrong header loses to valid UTF-8
        ("Zürich".encode("cp1252"), "windows-1252", "Zürich"),
        ("Zürich".encode("cp1252"), None, "Zürich"),
        ('<meta charset="koi8-r">Курс'.encode("koi8-r"), None, '<meta charset="koi8-r">Курс'),
        # Undeclared and not UTF-8: detected from a page-sized text.
        (RUSSIAN_PAGE.encode("cp1251"), None, RUSSIAN_PAGE),
        ("\ufeffZürich".encode("utf-8"), None, "Zürich"),
    ],
)
def test_decode_html(data, http_encoding, expected):
    assert decode_html(data, http_encoding) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("one two three", 3), ("", 0), ("日本銀行は金利を据え置いた", 6), ("Bank of Japan 日本銀行", 5)],
)
def test_word_count(text, expected):
    assert word_count(text) == expected
