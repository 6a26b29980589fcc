"""What the spider hands to the pipelines: a fetched page to extract, or an outcome to log."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchedPage:
    """An HTML response that may hold an article; the pipelines fill in the lower fields."""

    url: str  # the frontier URL that was requested (tracking parameters stripped)
    final_url: str  # after redirects
    status: int
    body: bytes = field(repr=False)
    fetched_at: str
    charset: str | None = None  # as declared by the HTTP response
    etag: str | None = None
    last_modified: str | None = None
    kind: str = "article"  # "article", or "page" for a seed that may also be a section page
    depth: int = 0
    hints: dict[str, Any] = field(default_factory=dict, repr=False)
    links_found: int = 0  # article-like links discovered on this page
    refresh_of: int | None = None  # stored article this request re-checks (--refresh)
    # Set by ExtractPipeline
    article: Any = field(default=None, repr=False)  # ExtractedArticle's fields, as attributes
    minhash: bytes | None = field(default=None, repr=False)
    raw_html_zlib: bytes | None = field(default=None, repr=False)
    # Set by DedupePipeline
    duplicate_of: int | None = None  # exact duplicate: store once, log as duplicate
    duplicate_reason: str | None = None
    near_duplicate_of: int | None = None  # syndicated copy: store, linked to the original
    similarity: float | None = None
    lease: str | None = None  # crawl on Redis: the in-flight URL this item finishes (its fingerprint)


@dataclass
class FetchOutcome:
    """A fetch that yields no article (error, skip, listing read), logged as one fetches row."""

    url: str
    outcome: str  # read / skipped / error / not-modified
    reason: str | None = None
    status: int | None = None
    kind: str | None = None
    final_url: str | None = None
    frontier_state: str | None = None  # pending / done / failed, None = leave as is
    article_id: int | None = None
    lease: str | None = None  # crawl on Redis: the in-flight URL this item finishes (its fingerprint)
