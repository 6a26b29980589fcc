"""The ``process`` command: extract every stored article that needs it into the store."""
from __future__ import annotations

import json
import sqlite3
import sys

import click

from db.options import db_option
from nlp.settings import DEFAULT_CLAIM_THRESHOLD, DEFAULT_MODEL


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
    if summary.get("regrouped"):
        lines.append("Rate events regrouped and statements relinked with the given windows.")
    lines.append(f"Extraction version {summary['version']}.")
    return "\n".join(lines)


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
                   " re-processes everything.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def process(db_path: str, since, reprocess: bool, jobs: int, model: str, claim_threshold: float,
            limit: int | None, event_window: int, link_window: int, sentiment_model: str | None, quiet: bool,
            as_json: bool) -> None:
    """Extract statements, people, organizations, countries, numbers, claims and rate events from the
    stored articles into the database.

    Only articles never processed, processed by another version of the extraction, or changed by a
    refresh are processed; --reprocess does all. Each article is written in one transaction: a killed run
    loses nothing, and the next run finishes it. An article the pipeline fails on is recorded with its
    error and skipped. Rate-event mentions are grouped into one timeline of events, and statements linked
    to the events around them; other windows than the database was built with regroup everything.

    Example:

    \b
        python cli.py process --db news.db
        python cli.py process --db news.db --jobs 2 --since 2025-04-01
    """
    from db.store import StoreError, check_database, describe_error
    from nlp.pipeline import ModelNotFound, check_model

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
                             link_window=link_window, sentiment_model=sentiment_model)
    on_progress, _ = progress_printer(quiet, as_json)
    try:
        summary = run_process(db_path, options, on_progress).as_dict()
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    except sqlite3.Error as error:
        raise click.ClickException(describe_error(db_path, error)) from error
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    elif not quiet:
        click.echo(format_summary(summary))
