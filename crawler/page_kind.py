"""Decide whether an extracted page is a usable article, and if not, say why in a short stable reason."""
from __future__ import annotations

import re

from lxml.html import HtmlElement

NO_BODY = "no article body"
PAYWALL = "paywall stub"
NOT_ARTICLE = "not an article"

MIN_BODY_WORDS = 20          # below this there is nothing to analyse
PAYWALL_MAX_WORDS = 150      # a stub shows a teaser; a full text behind a marker is not a stub
LISTING_MAX_WORDS = 120      # index pages carry little running text of their own...
LISTING_MIN_LINKS = 25       # ...and many links
LISTING_LINK_SHARE = 0.5     # share of the page's visible words that sit inside links

_PAYWALL_PHRASES = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|subscribe to read|to continue reading,? "
    r"(?:please )?(?:subscribe|log ?in|sign ?in|register)|already an? (?:subscriber|member)\?|"
    r"(?:this|the rest of this) (?:article|story|content) is (?:only )?(?:available )?(?:for|to) "
    r"(?:subscribers|members)|subscribers? only|exclusive(?:ly)? for subscribers|"
    r"become a (?:subscriber|member) to (?:read|continue)|unlock (?:this|the full) (?:article|story)",
    re.IGNORECASE,
)
_PAYWALL_CLASS = re.compile(r"paywall|piano-|regwall|subscriber-only|premium-(?:gate|wall)", re.IGNORECASE)
_NON_ARTICLE_TYPES = frozenset({
    "CollectionPage", "ItemList", "AboutPage", "ContactPage", "ProfilePage", "SearchResultsPage", "FAQPage",
})


def word_count(text: str) -> int:
    return len(text.split())


def _has_paywall_markup(tree: HtmlElement) -> bool:
    for el in tree.iter():
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if attrs.strip() and _PAYWALL_CLASS.search(attrs):
            return True
    return False


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
        if _NON_ARTICLE_TYPES.intersection(page_types) and words < LISTING_MAX_WORDS * 3:
            return NOT_ARTICLE
        links, link_share = _link_profile(tree)
        if words < LISTING_MAX_WORDS and links >= LISTING_MIN_LINKS and link_share >= LISTING_LINK_SHARE:
            return NOT_ARTICLE
    if words < MIN_BODY_WORDS:
        return NO_BODY
    return None
