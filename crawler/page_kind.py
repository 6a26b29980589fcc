"""Decide whether an extracted page is a usable article, and if not, say why in a short stable reason."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement

NO_BODY = "no article body"
PAYWALL = "paywall stub"
NOT_ARTICLE = "not an article"

MIN_BODY_WORDS = 20          # below this there is nothing to analyse
PAYWALL_MAX_WORDS = 150      # a stub shows a teaser; a full text behind a marker is not a stub
LISTING_MAX_WORDS = 360      # index pages carry little running text of their own...
LISTING_MIN_LINKS = 25       # ...and many links
LISTING_LINK_SHARE = 0.5     # share of the page's visible words that sit inside links
LISTING_MIN_TEASERS = 3      # ...or a few headline links / article cards
LISTING_WORDS_PER_TEASER = 40  # with no more text than a short dek each

_PAYWALL_PHRASES = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|subscribe to read|to continue reading,? "
    r"(?:please )?(?:subscribe|log ?in|sign ?in|register)|already an? (?:subscriber|member)\?|"
    r"(?:this|the rest of this) (?:article|story|content) is (?:only )?(?:available )?(?:for|to) "
    r"(?:subscribers|members)|subscribers? only|exclusive(?:ly)? for subscribers|"
    r"become a (?:subscriber|member) to (?:read|continue)|unlock (?:this|the full) (?:article|story)",
    re.IGNORECASE,
)
_PAYWALL_CLASS = re.compile(r"paywall|piano-|regwall|subscriber-only|premium-(?:gate|wall)", re.IGNORECASE)
_SERVICE_SLUGS = frozenset({
    "about", "about-us", "aboutus", "contact", "contact-us", "contactus", "imprint", "impressum", "privacy",
    "privacy-policy", "terms", "terms-of-use", "terms-of-service", "cookies", "cookie-policy", "login",
    "signin", "sign-in", "register", "subscribe", "subscription", "newsletters", "newsletter", "careers",
    "jobs", "advertise", "sitemap", "search", "help", "faq", "staff", "team", "masthead",
})
_NON_ARTICLE_TYPES = frozenset({
    "CollectionPage", "ItemList", "AboutPage", "ContactPage", "ProfilePage", "SearchResultsPage", "FAQPage",
})


# Scripts written without spaces between words: about two characters make a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_INDEX_PAGE = re.compile(r"(?:index|default|home)(?:\.(?:s?html?|php|aspx?))?")
_SLUG_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def word_count(text: str) -> int:
    """Words in text; for Chinese and Japanese, which have no spaces, characters / 2."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    return len(_UNSPACED.sub(" ", text).split()) + unspaced // 2


def is_service_url(url: str) -> bool:
    """About, contact, legal and account pages, named by their last path segment."""
    segments = [seg for seg in urlsplit(url).path.lower().split("/") if seg]
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1]) if segments else ""
    return last in _SERVICE_SLUGS


def looks_like_section_url(url: str) -> bool:
    """Home, section and about pages have short paths ("/", "/business/", "/about-us"); articles
    have a slug of several words or a numeric id ("/2024/03/05/rates-held", "/story/812345").
    A trailing index/default page stands for its folder ("/business/index.html")."""
    segments = [seg for seg in urlsplit(url).path.split("/") if seg]
    if segments and _INDEX_PAGE.fullmatch(segments[-1].lower()):
        segments.pop()
    if not segments:
        return True
    if len(segments) > 3 or any(sum(ch.isdigit() for ch in seg) >= 4 for seg in segments):
        return False
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1].lower())
    return len(_SLUG_WORD.findall(last)) <= 2 and last not in ("", "amp")


def _has_paywall_markup(tree: HtmlElement) -> bool:
    for el in tree.iter():
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if attrs.strip() and _PAYWALL_CLASS.search(attrs):
            return True
    return False


def _teaser_count(tree: HtmlElement) -> int:
    """Headline links (a heading that holds a link) and <article> cards: what a listing is made of."""
    headings = sum(1 for h in tree.iter("h2", "h3", "h4") if h.find(".//a[@href]") is not None)
    return max(headings, len(tree.findall(".//article")))


def _link_profile(tree: HtmlElement) -> tuple[int, float]:
    """Number of links on the page and the share of its visible words inside them."""
    body = tree.find(".//body")
    if body is None:
        return 0, 0.0
    links = body.findall(".//a[@href]")
    link_words = sum(word_count(a.text_content()) for a in links)
    all_words = word_count(body.text_content()) or 1
    return len(links), min(1.0, link_words / all_words)


def skip_reason(
    *,
    body: str,
    url: str,
    tree: HtmlElement,
    declares_article: bool,
    accessible_for_free: bool | None,
    page_types: list[str],
) -> str | None:
    """None for a usable article, else one of NO_BODY, PAYWALL, NOT_ARTICLE.

    Pages that mark themselves as articles are never called "not an article": a real short
    article (a brief, a correction) keeps its metadata even when its text is short.
    """
    words = word_count(body)
    # "Already a subscriber?" also sits in the navigation of free pages, so a phrase elsewhere on
    # the page counts only together with paywall markup; in the extracted body it counts alone.
    if words < PAYWALL_MAX_WORDS and (
        accessible_for_free is False
        or _PAYWALL_PHRASES.search(body)
        or (_has_paywall_markup(tree) and _PAYWALL_PHRASES.search(tree.text_content()))
    ):
        return PAYWALL
    if not declares_article:
        if _NON_ARTICLE_TYPES.intersection(page_types) and words < LISTING_MAX_WORDS:
            return NOT_ARTICLE
        # Short articles without metadata exist (briefs on small sites), so link-heavy short pages
        # count as listings only at a section-like address.
        if is_service_url(url):
            return NOT_ARTICLE
        if looks_like_section_url(url) and words < LISTING_MAX_WORDS:
            # A related-stories rail also has headline links, but under far more text of its own.
            teasers = _teaser_count(tree)
            if teasers >= LISTING_MIN_TEASERS and words < LISTING_WORDS_PER_TEASER * teasers:
                return NOT_ARTICLE
            links, link_share = _link_profile(tree)
            if links >= LISTING_MIN_LINKS and link_share >= LISTING_LINK_SHARE:
                return NOT_ARTICLE
    if words < MIN_BODY_WORDS:
        return NO_BODY
    return None
