"""Scrapy settings for ``saidwhat crawl``: polite by default, ``--fast`` only for loopback benchmarks.

Scrapy's library defaults (used when it runs from code) are not polite: robots.txt is ignored,
there is no delay and 8 requests per domain run at once. These settings say otherwise.

Scaling out: the frontier that makes a crawl resumable lives in SQLite (``db.store``); Scrapy's
scheduler and duplicate filter only hold the current run's queue. ``crawl --redis URL`` shares one
frontier between processes on many machines: ``crawler.redis.settings`` puts scrapy-redis'
scheduler (extended with leases), per-host slots and a single writer on top of these settings.
"""
from __future__ import annotations

from typing import Any

CONTACT_URL = "https://github.com/saidwhat/saidwhat"
BOT_NAME = "saidwhat"
MAX_PAGE_BYTES = 10 * 1024 * 1024  # pages above this are skipped as "too large"


def user_agent(contact: str = CONTACT_URL) -> str:
    """An identifying User-Agent: who we are and where to complain."""
    return f"saidwhat/0.1 (+{contact})"


POLITE: dict[str, Any] = {
    "BOT_NAME": BOT_NAME,
    "USER_AGENT": user_agent(),
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": 1.0,
    "DOWNLOAD_DELAY_JITTER": 0.5,  # wait 0.5-1.5 x DOWNLOAD_DELAY
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "DOWNLOAD_TIMEOUT": 30,
    "DOWNLOAD_MAXSIZE": MAX_PAGE_BYTES,
    "DOWNLOAD_WARNSIZE": 0,
    "REDIRECT_MAX_TIMES": 5,
    "RETRY_TIMES": 2,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    # Items handled at once *per response*; Scrapy starts this many asyncio tasks for every
    # response, and a page yields one item, so a small number saves reactor time. Responses
    # are still processed in parallel (SCRAPER_SLOT_MAX_ACTIVE_SIZE bounds their bytes).
    "CONCURRENT_ITEMS": 4,
    "ITEM_PIPELINES": {
        "crawler.pipelines.extract.ExtractPipeline": 100,
        "crawler.pipelines.dedupe.DedupePipeline": 200,
        "crawler.pipelines.store.StorePipeline": 300,
    },
    "DOWNLOADER_MIDDLEWARES": {
        # Same position as Scrapy's own, which has a race that lets early requests past robots.txt.
        "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
        "crawler.middlewares.RobotsTxtMiddleware": 100,
        # Middlewares with nothing to do here still cost every request a call: the spider
        # keeps to --allow-domain itself and sends no credentials.
        "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
        "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
    },
    "SPIDER_MIDDLEWARES": {
        # The spider tracks link depth itself (the frontier stores it), and the meta-copy check
        # is a development aid for spiders that copy response.meta, which this one never does.
        "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
        "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
    },
    "EXTENSIONS": {
        "crawler.progress.Progress": 500,
    },
    # One place for the store's path and this run's id; the CLI fills them in.
    "SAIDWHAT_DB": "saidwhat.db",
    "SAIDWHAT_RUN_ID": None,
    "SAIDWHAT_WORKERS": None,  # extraction processes; None = CPU count
    "SAIDWHAT_PROGRESS": True,
    "SAIDWHAT_REFRESH": False,
}

# Loopback benchmarks and tests only (the CLI refuses --fast for other hosts): no delays,
# many parallel requests, no retries, short timeouts.
FAST: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_DELAY_JITTER": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
    "DOWNLOAD_TIMEOUT": 10,
    "RETRY_TIMES": 0,
}


def build_settings(*, fast: bool = False, contact: str | None = None,
                   overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The settings dict for one crawl: POLITE, then FAST if asked, then explicit overrides."""
    settings = dict(POLITE)
    if fast:
        settings.update(FAST)
    if contact:
        settings["USER_AGENT"] = user_agent(contact)
    settings.update(overrides or {})
    return settings
