"""The ``crawl`` command: a thin layer over a Scrapy CrawlerProcess writing into the store."""
from __future__ import annotations

import ipaddress
import json
import logging
import time
from datetime import datetime
from pathlib import Path
from collections.abc import Callable
from typing import Any, TextIO

import click

from crawler import links
from db.options import db_option
from db.store import Store, StoreError, check_writable

LOOPBACK_NAMES = {"localhost"}
REPARSE_PROGRESS_EVERY = 500


def _is_loopback(url: str) -> bool:
    name = links.host(url)
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _setting_value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _read_urls(urls_file: TextIO | None) -> list[str]:
    if urls_file is None:
        return []
    return [line.strip() for line in urls_file if line.strip() and not line.lstrip().startswith("#")]


def _check_urls(values: list[str], hint: str) -> None:
    for value in values:
        if not links.is_http(value):
            raise click.BadParameter(f"not an http(s) URL: {value!r}", param_hint=hint)


def format_summary(summary: dict[str, Any]) -> str:
    """The readable end-of-crawl report."""
    count = summary["near_duplicates"]
    near = f" ({count} near-duplicate{'s' if count != 1 else ''} of another outlet's story)" if count else ""
    lines = [
        f"Crawl finished in {summary['seconds']:.1f} s: {summary['stored']} articles stored{near}, "
        f"{summary['updated']} updated, {summary['duplicates']} duplicates, "
        f"{summary['already_stored']} already stored (not fetched again).",
    ]
    if summary["unchanged"] or summary["not_modified"]:
        lines.append(f"Refresh: {summary['not_modified']} not modified (304), "
                     f"{summary['unchanged']} unchanged.")
    if summary["per_outlet"]:
        lines.append("Stored per outlet:")
        width = max(len(name) for name in summary["per_outlet"])
        lines += [f"  {name:<{width}}  {count}" for name, count in summary["per_outlet"].items()]
    for title, key in (("Skipped", "skipped"), ("Errors", "errors")):
        counts = summary[key]
        lines.append(f"{title}: {sum(counts.values())}")
        if counts:
            width = max(len(reason) for reason in counts)
            lines += [f"  {reason:<{width}}  {count}" for reason, count in counts.items()]
    lines.append(f"Sitemaps, feeds and section pages read: {summary['listings_read']}.")
    lines.append(f"Database {summary['db']}: {summary['articles_in_db']} articles, "
                 f"{summary['pending']} URLs pending.")
    return "\n".join(lines)


@click.command()
@click.argument("urls", nargs=-1, metavar="[URLS]...")
@click.option("--urls-file", type=click.File("r"), metavar="FILE",
              help="Read more article or section URLs from FILE, one per line (# comments allowed).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="A sitemap, sitemap index or Google News sitemap to read (repeatable).")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS 2.0 or Atom feed to read (repeatable).")
@click.option("--allow-domain", "allow_domains", multiple=True, metavar="DOMAIN",
              help="Only fetch articles on DOMAIN or its subdomains (repeatable; default: the "
                   "domains of the inputs).")
@click.option("--max-pages", type=click.IntRange(min=1), metavar="N",
              help="Fetch at most N article pages in this run (the rest stay pending).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="How many links deep to follow from the given URLs (0: only those pages).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Skip articles published before this date (by sitemap/feed date, then page date).")
@db_option
@click.option("--refresh", is_flag=True,
              help="Re-check stored articles with conditional requests (ETag/Last-Modified); "
                   "store a new version only when the text changed.")
@click.option("--reparse", is_flag=True,
              help="Fetch nothing: read every stored page again with the current extractor, from the "
                   "copy kept in the database; store a new version only when the text reads differently.")
@click.option("--resume-dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Also keep Scrapy's queue in DIR (JOBDIR) for clean pause/resume. A killed crawl "
                   "resumes without it: the frontier is in the database.")
@click.option("--fast", is_flag=True,
              help="No delays, many parallel requests, no retries: for loopback test servers only.")
@click.option("--workers", "workers_count", type=click.IntRange(min=1), metavar="N",
              help="Extraction worker processes (default: the number of CPUs).")
@click.option("--contact", metavar="URL",
              help="Contact URL put in the User-Agent, so site owners can reach you.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s DOWNLOAD_TIMEOUT=5 (repeatable).")
@click.option("--no-process", is_flag=True,
              help="Only store articles; extract them later with `process` (by default the crawl runs "
                   "`process` on what it stored; a crawl with --redis only stores).")
@click.option("-q", "--quiet", is_flag=True, help="No progress line and no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's own log (INFO level).")
@click.option("--redis", "redis_url", metavar="URL",
              help="Share the crawl with every process given the same Redis URL "
                   "(redis://HOST:6379/0), on any machine; URLS are optional then (join a crawl). "
                   "Only processes given --db write it.")
@click.option("--idle-exit", type=click.FloatRange(min=0, min_open=True), default=20.0, show_default=True,
              metavar="SECONDS",
              help="With --redis: exit after SECONDS with nothing queued, in flight or waiting to be written.")
@click.pass_context
def crawl(ctx: click.Context, urls: tuple[str, ...], urls_file: TextIO | None, sitemaps: tuple[str, ...],
          feeds: tuple[str, ...], allow_domains: tuple[str, ...], max_pages: int | None,
          depth: int, since: datetime | None, db_path: str, refresh: bool, reparse: bool, resume_dir: str | None,
          fast: bool, workers_count: int | None, contact: str | None, overrides: tuple[str, ...],
          no_process: bool, quiet: bool, as_json: bool, verbose: bool, redis_url: str | None,
          idle_exit: float) -> None:
    """Crawl news articles into the SQLite database.

    Give article or section URLs, sitemaps and/or feeds. Stored articles are not fetched
    again on the next run; a killed crawl resumes where it stopped when rerun. What was stored
    is then processed (statements, people, countries, numbers, claims, rate events) unless
    --no-process.

    Example:

    \b
        python cli.py crawl --sitemap https://example.com/news-sitemap.xml --db news.db
        python cli.py crawl https://example.com/economy/ --depth 2 --max-pages 200
        python cli.py crawl --feed https://example.com/rss.xml --since 2025-01-01 --json
        python cli.py crawl --redis redis://10.0.0.5:6379/0 --sitemap https://example.com/sitemap.xml --db news.db
        python cli.py crawl --reparse --db news.db
    """
    all_urls = [*urls, *_read_urls(urls_file)]
    if reparse:
        given = [name for name, value in (("URLS", all_urls), ("--sitemap", sitemaps), ("--feed", feeds),
                                          ("--refresh", refresh), ("--redis", redis_url),
                                          ("--max-pages", max_pages), ("--resume-dir", resume_dir),
                                          ("--since", since)) if value]
        if given:
            raise click.UsageError(f"--reparse reads only what is stored: it takes no {', '.join(given)}")
        return _reparse(db_path, workers_count, no_process=no_process, quiet=quiet, as_json=as_json)
    _check_urls(all_urls, "URLS")
    _check_urls(list(sitemaps), "--sitemap")
    _check_urls(list(feeds), "--feed")
    if not (all_urls or sitemaps or feeds or redis_url):
        raise click.UsageError("nothing to crawl: give URLS, --urls-file, --sitemap or --feed")
    if fast and not all(_is_loopback(u) for u in [*all_urls, *sitemaps, *feeds]):
        raise click.UsageError("--fast is for loopback test servers only (127.0.0.1, localhost)")
    settings_overrides: dict[str, Any] = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--set")
        settings_overrides[name.strip()] = _setting_value(value)
    if redis_url:
        from crawler.redis import cli as on_redis

        on_redis.check_options(redis_url=redis_url, idle_exit=idle_exit, overrides=settings_overrides,
                               single_machine={"--refresh": refresh, "--resume-dir": resume_dir,
                                               "--max-pages": max_pages})
        db_given = ctx.get_parameter_source("db_path") is not click.core.ParameterSource.DEFAULT
        return on_redis.run(
            redis_url=redis_url, idle_exit=idle_exit, db_path=db_path if db_given else None, urls=all_urls,
            sitemaps=sitemaps, feeds=feeds, allow_domains=allow_domains, depth=depth, since=since,
            fast=fast, workers_count=workers_count, contact=contact, overrides=settings_overrides,
            quiet=quiet, as_json=as_json, verbose=verbose)
    try:
        check_writable(db_path)
        with Store(db_path) as store:
            run_id = store.start_run({
                "urls": all_urls, "sitemaps": sitemaps, "feeds": feeds, "depth": depth,
                "max_pages": max_pages, "since": since.date().isoformat() if since else None,
                "refresh": refresh, "allow_domains": allow_domains,
            })
    except StoreError as error:
        raise click.BadParameter(str(error), param_hint="--db") from error

    # Workers load the extraction code while this process imports and sets up Scrapy.
    from crawler import workers

    workers.start(workers_count)
    # Imported here so `--help` and input errors stay fast.
    from crawler.settings import build_settings
    from crawler.spiders.news import NewsSpider

    settings = build_settings(fast=fast, contact=contact, overrides=settings_overrides)
    settings.update({
        "SAIDWHAT_DB": db_path, "SAIDWHAT_RUN_ID": run_id, "SAIDWHAT_REFRESH": refresh,
        "SAIDWHAT_SINCE": since.date().isoformat() if since else None,
        "SAIDWHAT_PROGRESS": not quiet, "SAIDWHAT_WORKERS": workers_count,
    })
    if resume_dir:
        settings["JOBDIR"] = resume_dir
    started = time.monotonic()
    process = crawler_process(settings, quiet=quiet, verbose=verbose)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, urls=all_urls, sitemaps=sitemaps, feeds=feeds, depth=depth,
                  max_pages=max_pages, since=since.date() if since else None,
                  allow_domains=allow_domains)
    process.start()
    finish_reason = crawler.stats.get_value("finish_reason") if crawler.stats else None

    with Store(db_path) as store:
        store.finish_run(run_id, "finished" if finish_reason == "finished" else "interrupted")
        summary = store.run_summary(run_id)
    summary.update(
        seconds=round(time.monotonic() - started, 2), db=db_path,
        already_stored=(crawler.stats.get_value("saidwhat/known", 0) if crawler.stats else 0),
        finish_reason=finish_reason,
    )
    _process_and_report(summary, format_summary, db_path, no_process=no_process, quiet=quiet, as_json=as_json)


def _reparse(db_path: str, workers_count: int | None, *, no_process: bool, quiet: bool, as_json: bool) -> None:
    from crawler.reparse import format_summary as format_reparse, reparse_store

    if not Path(db_path).is_file():
        raise click.BadParameter(f"no database at {db_path}: nothing stored to re-extract", param_hint="--db")
    try:
        summary = reparse_store(db_path, workers_count=workers_count, on_progress=_reparse_progress(quiet or as_json))
    except StoreError as error:
        raise click.BadParameter(str(error), param_hint="--db") from error
    _process_and_report(summary, format_reparse, db_path, no_process=no_process, quiet=quiet, as_json=as_json)


def _process_and_report(summary: dict[str, Any], formatter: Callable[[dict[str, Any]], str], db_path: str, *,
                        no_process: bool, quiet: bool, as_json: bool) -> None:
    """Run `process` on what the run stored unless --no-process, then print both summaries."""
    if not no_process:
        summary["process"] = _process_stored(db_path, quiet or as_json)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    elif not quiet:
        click.echo(formatter(summary))
        if "process" in summary:
            from process.cli import format_summary as format_process

            click.echo(format_process(summary["process"]))


def _reparse_progress(quiet: bool) -> Callable[[int, int], None] | None:
    """A line on stderr every REPARSE_PROGRESS_EVERY pages and at the end; nothing with --quiet/--json."""
    if quiet:
        return None
    shown = [0]

    def show(done: int, total: int) -> None:
        if done - shown[0] >= REPARSE_PROGRESS_EVERY or done == total:
            click.echo(f"re-extracted {done}/{total}", err=True)
            shown[0] = done

    return show


def crawler_process(settings: Any, *, quiet: bool, verbose: bool) -> Any:
    """A CrawlerProcess with the progress line off under --quiet, Scrapy's log at INFO under --verbose,
    and Scrapy's loggers set so that records nobody prints are never built."""
    from scrapy.crawler import CrawlerProcess

    if quiet:
        settings["EXTENSIONS"] = {**settings["EXTENSIONS"], "crawler.progress.Progress": None}
    if verbose:
        settings["LOG_LEVEL"] = "INFO"
    process = CrawlerProcess(settings)
    # Scrapy filters by LOG_LEVEL in its handler, after every debug record (two a page) was
    # built: set the level on its loggers so they are not built at all.
    # (Set after CrawlerProcess, whose logging set-up resets scrapy.* logger levels.)
    for name in ("scrapy", "twisted"):
        logging.getLogger(name).setLevel(settings["LOG_LEVEL"])
    if not verbose:
        # Oversized pages are expected input, recorded as "too large": no warning per page.
        logging.getLogger("scrapy.core.downloader.handlers.http11").setLevel(logging.ERROR)
    return process


def _process_stored(db_path: str, quiet: bool) -> dict[str, Any]:
    """Run `process` on the database the crawl filled (its summary goes into the crawl's)."""
    from process.cli import progress_printer
    from process.runner import ProcessOptions, run_process

    on_progress, _ = progress_printer(quiet, False)
    return run_process(db_path, ProcessOptions(), on_progress).as_dict()
