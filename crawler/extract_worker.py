"""The function run in extraction worker processes: kept apart so workers import no Scrapy."""
from __future__ import annotations

from crawler.article import ExtractedArticle, extract_article
from crawler.similarity import signature


def warm_up() -> bool:
    """Run once per worker at start so imports happen before the first page arrives."""
    return True


def extract_page(body: bytes, url: str, hints: dict, charset: str | None
                 ) -> tuple[ExtractedArticle, bytes | None]:
    """Extract the article and, for usable ones, the MinHash signature of its body."""
    article = extract_article(body, url, hints=hints, encoding=charset)
    minhash = signature(article.body) if article.skip_reason is None else None
    return article, minhash
