"""``crawl --redis URL``: this process joins (or starts) the crawl shared through Redis at URL."""
from __future__ import annotations

import json
import socket
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
import redis

from crawler.redis.frontier import Frontier, connect
from crawler.redis.settings import DEFAULTS
from db.store import StoreError, check_writable

SINGLE_MACHINE_ONLY = ("--refresh", "--resume-dir", "--max-pages")


def check_options(*, redis_url: str, idle_exit: float, overrides: dict[str, Any],
                  single_machine: dict[str, Any]) -> None:
    """Usage errors (exit 2) before anything starts."""
    for option in SINGLE_MACHINE_ONLY:
        if single_machine.get(option):
            raise click.UsageError(f"{option} is for the single-machine crawl, not with --redis")
    if urlsplit(redis_url).scheme not in ("redis", "rediss", "unix"):
        raise click.BadParameter(f"not a Redis URL (redis://HOST:PORT/DB): {redis_url!r}", param_hint="--redis")
    ttl = float(overrides.get("SAIDWHAT_WRITER_TTL", DEFAULTS["SAIDWHAT_WRITER_TTL"]))
    if idle_exit <= ttl:
        raise click.BadParameter(
            f"must be longer than the writer lock's time-to-live ({ttl:g} s), so that a dead "
            "writer's successor takes over before the others leave", param_hint="--idle-exit")


def open_frontier(redis_url: str, prefix: str) -> Frontier:
    """The shared frontier, after checking that Redis answers (else a usage error, exit 2)."""
    try:
        server = connect(redis_url, timeout=5.0)
        server.ping()
    except (redis.RedisError, ValueError, OSError) as error:
        raise click.BadParameter(f"cannot reach Redis at {redis_url}: {error}", param_hint="--redis") from error
    return Frontier(server, prefix)


def claim_database(frontier: Frontier, db_path: str) -> None:
    """A crawl writes one database: the first ``--db`` given names it for good."""
    try:
        check_writable(db_path)
    except StoreError as error:
        raise click.BadParameter(str(error), param_hint="--db") from error
    identity = f"{socket.gethostname()}:{Path(db_path).resolve()}"
    frontier.server.set(frontier.db, identity, nx=True)
    claimed = frontier.server.get(frontier.db).decode()
    if claimed != identity:
        raise click.BadParameter(
            f"this crawl writes {claimed} (Redis key {frontier.db}); give that file on that host, "
            "no --db, or another Redis database for another crawl", param_hint="--db")


def run(*, redis_url: str, idle_exit: float, db_path: str | None, urls: list[str],
        sitemaps: tuple[str, ...], feeds: tuple[str, ...], allow_domains: tuple[str, ...],
        depth: int, since: datetime | None, fast: bool, workers_count: int | None,
        contact: str | None, overrides: dict[str, Any], quiet: bool, as_json: bool,
        verbose: bool) -> None:
    prefix = overrides.get("SAIDWHAT_REDIS_PREFIX", DEFAULTS["SAIDWHAT_REDIS_PREFIX"])
    frontier = open_frontier(redis_url, prefix)
    if db_path:
        claim_database(frontier, db_path)

    from crawler import workers

    workers.start(workers_count)
    from crawler.cli import crawler_process

    from crawler.redis.settings import redis_settings
    from crawler.redis.spider import RedisNewsSpider
    from crawler.settings import build_settings

    settings = redis_settings(build_settings(fast=fast, contact=contact, overrides=overrides),
                              redis_url=redis_url, db_path=db_path, idle_exit=idle_exit)
    settings.update({
        "SAIDWHAT_SINCE": since.date().isoformat() if since else None,
        "SAIDWHAT_PROGRESS": not quiet, "SAIDWHAT_WORKERS": workers_count,
        "SAIDWHAT_RUN_ARGUMENTS": {
            "redis": redis_url, "urls": urls, "sitemaps": list(sitemaps), "feeds": list(feeds),
            "depth": depth, "since": since.date().isoformat() if since else None,
            "allow_domains": list(allow_domains)},
    })
    started = time.monotonic()
    process = crawler_process(settings, quiet=quiet, verbose=verbose)
    crawler = process.create_crawler(RedisNewsSpider)
    process.crawl(crawler, urls=urls, sitemaps=sitemaps, feeds=feeds, depth=depth,
                  since=since.date() if since else None, allow_domains=allow_domains)
    process.start()

    summary = process_summary(crawler, frontier, redis_url, db_path, time.monotonic() - started)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    elif not quiet:
        click.echo(format_summary(summary))
    if summary["redis_lost"]:
        click.echo(f"Error: lost the connection to Redis at {redis_url} ({summary['redis_lost']}); "
                   "what was stored is kept: run the same command again when Redis is back.", err=True)
        raise SystemExit(1)


def process_summary(crawler, frontier: Frontier, redis_url: str, db_path: str | None,
                    seconds: float) -> dict[str, Any]:
    """What this process did, and what the shared crawl has left (when Redis still answers)."""
    stats = crawler.stats.get_stats() if crawler.stats else {}
    writer = getattr(crawler, "saidwhat_writer", None)
    summary: dict[str, Any] = {
        "redis": redis_url, "seconds": round(seconds, 2),
        "finish_reason": stats.get("finish_reason"),
        "redis_lost": stats.get("saidwhat/redis_lost"),
        "pages": stats.get("response_received_count", 0),
        "handed_over": stats.get("saidwhat/handed_over", 0),
        "leases_expired": stats.get("saidwhat/leases_expired", 0),
        "db": db_path,
        "writer_runs": writer.run_ids if writer else [],
        "written": stats.get("saidwhat/written", 0),
        "stored": stats.get("saidwhat/stored", 0),
        "duplicates": stats.get("saidwhat/duplicate", 0),
        "skipped": stats.get("saidwhat/skipped", 0),
        "errors": stats.get("saidwhat/error", 0),
    }
    try:
        counts = frontier.counts()
        summary["crawl"] = {"queued": counts.queued, "in_flight": counts.inflight,
                            "waiting_to_be_written": counts.items + counts.writing,
                            "urls": frontier.state_counts()}
    except redis.RedisError:
        summary["crawl"] = None
    return summary


def format_summary(summary: dict[str, Any]) -> str:
    lines = [f"Crawl on {summary['redis']}: this process ran {summary['seconds']:.1f} s "
             f"({summary['finish_reason']}), fetched {summary['pages']} pages and handed over "
             f"{summary['handed_over']} items."]
    if summary["writer_runs"]:
        lines.append(f"As the writer of {summary['db']} (runs {', '.join(map(str, summary['writer_runs']))}): "
                     f"{summary['written']} items written: {summary['stored']} articles stored, "
                     f"{summary['duplicates']} duplicates, {summary['skipped']} skipped, {summary['errors']} errors.")
    elif summary["db"]:
        lines.append(f"Another process was the writer of {summary['db']}.")
    else:
        lines.append("No --db: this process only crawled.")
    if (crawl := summary["crawl"]) is not None:
        urls = ", ".join(f"{count} {state}" for state, count in crawl["urls"].items() if count)
        lines.append(f"Shared crawl: {crawl['queued']} queued, {crawl['in_flight']} in flight, "
                     f"{crawl['waiting_to_be_written']} waiting to be written; URLs: {urls or 'none'}.")
    return "\n".join(lines)
