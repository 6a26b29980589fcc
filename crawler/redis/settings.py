"""Scrapy settings of a crawl on Redis: the single-machine ones, with scrapy-redis' scheduler
(extended with leases), shared politeness, the hand-over pipeline and the writer."""
from __future__ import annotations

from typing import Any

# Overridable with -s NAME=VALUE.
DEFAULTS: dict[str, Any] = {
    "SAIDWHAT_REDIS_LEASE": 20.0,  # seconds a URL stays in flight without its process renewing it
    "SAIDWHAT_WRITER_TTL": 10.0,  # seconds the writer lock outlives a writer that stopped renewing it
    "SAIDWHAT_REDIS_PREFIX": "saidwhat",  # key prefix (or use another Redis database number)
}


def redis_settings(settings: dict[str, Any], *, redis_url: str, db_path: str | None,
                   idle_exit: float) -> dict[str, Any]:
    """``settings`` (from ``crawler.settings.build_settings``) turned into a crawl on Redis."""
    settings = {**DEFAULTS, **settings}
    settings.update({
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawler.redis.scheduler.LeasedScheduler",
        "SCHEDULER_PERSIST": True,
        "DUPEFILTER_CLASS": "crawler.redis.scheduler.StateDupeFilter",
        "SAIDWHAT_DB": db_path,
        "SAIDWHAT_IDLE_EXIT": idle_exit,
        "ITEM_PIPELINES": {
            "crawler.pipelines.extract.ExtractPipeline": 100,
            "crawler.redis.handoff.HandoffPipeline": 300,  # dedupe and store run in the writer
        },
        "DOWNLOADER_MIDDLEWARES": {
            **settings["DOWNLOADER_MIDDLEWARES"],
            "crawler.middlewares.RobotsTxtMiddleware": None,
            "crawler.redis.robots.SharedRobotsTxtMiddleware": 100,
            "crawler.redis.slots.DomainSlots": 950,  # last before the downloader
        },
        "EXTENSIONS": {
            **settings["EXTENSIONS"],
            "crawler.redis.extension.SharedCrawl": 400,
            "crawler.redis.writer.Writer": 410,
        },
    })
    return settings
