"""The function run in extraction worker processes: kept apart so workers import no Scrapy."""
from __future__ import annotations

import dataclasses

from crawler.article import ExtractedArticle, extract_article
from crawler.similarity import signature
from db.raw_html import compress_html


def extract_page(body: bytes, url: str, hints: dict, charset: str | None
                 ) -> tuple[dict, bytes | None, bytes]:
    """The article's fields as a plain dict (so the crawl process needs no trafilatura import to
    unpickle it), the MinHash signature of usable articles' bodies, and the page compressed for
    storage (done here to keep that CPU off the reactor thread)."""
    article: ExtractedArticle = extract_article(body, url, hints=hints, encoding=charset)
    minhash = signature(article.body) if article.skip_reason is None else None
    return dataclasses.asdict(article), minhash, compress_html(body)
