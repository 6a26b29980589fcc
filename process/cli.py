"""The ``process`` command: extract every stored article that needs it into the store."""
from __future__ import annotations

import json
import sqlite3
import sys

import click

from db.options import db_option
from nlp.settings import DEFAULT_CLAIM_THRESHOLD, DEFAULT_MODEL
from process.jobqueue.defaults import DEFAULT_LEASE, DEFAULT_QUEUE, DEFAULT_WINDOW, QueueError


def progress_printer(quiet: bool, as_json: bool):
    """A bar on a terminal, a plain line every 50 articles otherwise, nothing with --quiet/--json."""
    if quiet or as_json:
        return None, None
    if sys.stderr.isatty():
        state: dict = {}

        def on_terminal(summary) -> None:
            bar = state.get("bar")
            if bar is None:
                bar = state["bar"] = click.progressbar(length=summary.to_process, label="processing",
                                                       file=sys.stderr, show_pos=True)
                bar.__enter__()
            bar.update(1)
            if summary.processed + summary.failed == summary.to_process:
                bar.__exit__(None, None, None)

        return on_terminal, state

    def plain(summary) -> None:
        done = summary.processed + summary.failed
        if done % 50 == 0 or done == summary.to_process:
            click.echo(f"processed {done}/{summary.to_process} ({summary.failed} failed)", err=True)

    return plain, None


def format_summary(summary: dict) -> str:
    lines = [f"Processed {summary['processed']} of {summary['to_process']} articles in {summary['seconds']:.1f} s:"
             f" {summary['statements']} statements; {summary['failed']} failed."]
    for article_id, error in summary["errors"].items():
        lines.append(f"  article {article_id}: {error}")
    if not summary["to_process"]:
        lines = ["Nothing to process: every article is up to date."]
    if (queue := summary.get("queue")) is not None:
        lines.append(f"Queue: {queue['queued']} jobs queued, {queue['adopted']} taken over from an earlier run"
                     f" ({queue['reused']} records already computed), {queue['requeued']} queued again after a"
                     f" lost lease, {queue['gave_up']} given up, {queue['dropped']} dropped; up to"
                     f" {queue['workers']} workers.")
    if summary.get("regrouped"):
        lines.append("Rate events regrouped and statements relinked with the given windows.")
    lines.append(f"Extraction version {summary['version']}.")
    return "\n".join(lines)


def _log_queue_warnings() -> None:
    """The queue's warnings (a lost worker, no worker yet) as lines on stderr."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("process.jobqueue")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


@click.command()
@db_option
@click.option("--since", metavar="YYYY-MM-DD", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only articles published on or after this date.")
@click.option("--reprocess", is_flag=True, help="Process every article again, even those up to date.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for extraction (each loads the model once); one process writes.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed English spaCy pipeline.")
@click.option("--claim-threshold", type=click.FloatRange(0, 1), default=DEFAULT_CLAIM_THRESHOLD, show_default=True,
              help="Store claims scoring at least this.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Process at most N articles in this run.")
@click.option("--event-window", type=click.IntRange(0, 365), default=7, show_default=True, metavar="DAYS",
              help="Mentions of the same rate move this many days apart are one event.")
@click.option("--link-window", type=click.IntRange(0, 365), default=14, show_default=True, metavar="DAYS",
              help="Link statements to the rate events this many days before or after them.")
@click.option("--sentiment-model", type=click.Path(exists=True, dir_okay=False), metavar="PATH",
              help="A sentiment model written by train-sentiment (default: the shipped one); another model"
                   " re-processes everything. Not with --redis: workers use the shipped model.")
@click.option("--redis", "redis_url", metavar="URL",
              help="Queue the articles as jobs on this Redis (redis://HOST:PORT/DB) for `worker`s on any machine; "
                   "this process writes the records that come back.")
@click.option("--queue", "queue_name", default=DEFAULT_QUEUE, show_default=True,
              help="With --redis: the job queue's name (one queue per database).")
@click.option("--lease", type=click.IntRange(2, 3600), default=DEFAULT_LEASE, show_default=True, metavar="SECONDS",
              help="With --redis: a job whose worker stopped renewing its lease this long (killed, out of memory, "
                   "cut off) is queued again at the front within one more second.")
@click.option("--window", type=click.IntRange(1, 100_000), default=DEFAULT_WINDOW, show_default=True, metavar="N",
              help="With --redis: articles queued or in flight at a time.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def process(db_path: str, since, reprocess: bool, jobs: int, model: str, claim_threshold: float,
            limit: int | None, event_window: int, link_window: int, redis_url: str | None, queue_name: str,
            lease: int, window: int, sentiment_model: str | None, quiet: bool, as_json: bool) -> None:
    """Extract statements, people, organizations, countries, numbers, claims and rate events from the
    stored articles into the database.

    Only articles never processed, processed by another version of the extraction, or changed by a
    refresh are processed; --reprocess does all. Each article is written in one transaction: a killed run
    loses nothing, and the next run finishes it. An article the pipeline fails on is recorded with its
    error and skipped. Rate-event mentions are grouped into one timeline of events, and statements linked
    to the events around them; other windows than the database was built with regroup everything.

    With --redis, extraction runs on `worker`s (`cli.py worker --redis URL`, on any machine) and this
    process stays the only writer of the database. Killed and run again, it takes over the jobs it had
    queued and writes the records already computed: nothing is lost or written twice.

    Example:

    \b
        python cli.py process --db news.db
        python cli.py process --db news.db --jobs 2 --since 2025-04-01
        python cli.py process --db news.db --redis redis://10.0.0.5:6379/0
    """
    from db.store import StoreError, check_database, describe_error
    from nlp.pipeline import ModelNotFound, check_model

    ctx = click.get_current_context()
    if redis_url:
        if jobs != 1:
            raise click.UsageError("--jobs runs worker processes on this machine; with --redis, start "
                                   "`cli.py worker --redis URL` on each machine instead")
        if sentiment_model:
            raise click.UsageError("--sentiment-model is a file on this machine; workers on Redis use the "
                                   "shipped model (process without --redis to use your own)")
        from process.jobqueue.settings import connect

        try:
            connect(redis_url).close()
        except QueueError as error:
            raise click.BadParameter(str(error), param_hint="--redis") from error
    else:
        for name in ("queue_name", "lease", "window"):
            if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE:
                raise click.UsageError(f"--{name.removesuffix('_name')} is for --redis")

    try:
        check_database(db_path)
    except StoreError as error:
        raise click.BadParameter(str(error), param_hint="--db") from error
    try:
        check_model(model)
    except ModelNotFound as error:
        raise click.BadParameter(str(error), param_hint="--model") from error
    if sentiment_model:
        from nlp.sentiment.model import ModelFileError, model_at

        try:
            model_at(sentiment_model)
        except ModelFileError as error:
            raise click.BadParameter(str(error), param_hint="--sentiment-model") from error
    from process.runner import ProcessOptions, run_process

    options = ProcessOptions(since=since.date().isoformat() if since else None, reprocess=reprocess, jobs=jobs,
                             model=model, claim_threshold=claim_threshold, limit=limit, event_window=event_window,
                             link_window=link_window, sentiment_model=sentiment_model, redis_url=redis_url,
                             queue=queue_name, lease=lease, window=window)
    on_progress, _ = progress_printer(quiet, as_json)
    if redis_url and not quiet:
        _log_queue_warnings()
    try:
        summary = run_process(db_path, options, on_progress).as_dict()
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    except QueueError as error:
        raise click.ClickException(str(error)) from error
    except sqlite3.Error as error:
        raise click.ClickException(describe_error(db_path, error)) from error
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    elif not quiet:
        click.echo(format_summary(summary))
