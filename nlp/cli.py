"""The `extract` command: article text in, officials/countries/numbers/statements/claims/rate events out."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click

from nlp.settings import DEFAULT_CLAIM_THRESHOLD, DEFAULT_MODEL

# spaCy, dateparser and the components load inside the command, so `crawl` and `--help` don't pay for them.


def _read_all(sources: tuple[str, ...], published, failures: list[str]) -> Iterator:
    """Readable inputs in order; each unreadable one is reported on stderr and skipped."""
    from nlp.inputs import InputError, read_input

    for source in sources:
        try:
            article = read_input(source)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            failures.append(source)
            continue
        if published is not None:
            article.published = published
        yield article


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json", show_default=True,
    help="json: one object per input (a list for several); jsonl: one object per line; table: for reading.",
)
@click.option("--published", metavar="DATE", help="Article date (YYYY-MM-DD) for relative dates such as 'on Tuesday'.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed English spaCy pipeline to build on.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (each loads the model once).")
@click.option("--claim-threshold", type=click.FloatRange(0, 1), default=DEFAULT_CLAIM_THRESHOLD, show_default=True,
              help="List claims scoring at least this.")
@click.option("--sentiment-model", metavar="PATH", default=None,
              help="A sentiment model file written by train-sentiment, instead of the shipped model.")
def extract(inputs: tuple[str, ...], fmt: str, published: str | None, model: str, jobs: int,
            claim_threshold: float, sentiment_model: str | None) -> None:
    """Extract who said what, about which countries, with which numbers from news articles.

    INPUT is a .txt or .html file (HTML goes through the crawler's article extraction), a .json article as
    news-please, trafilatura or schema.org write it (its text, title, date and language), an http(s) URL, or
    - for standard input. In plain text copied from a page, menu, byline and teaser lines are blanked first
    (offsets still index the input). An unreadable or empty input is reported on stderr and skipped; the exit
    status is then 1.

    Example:

        python cli.py extract article.txt --published 2025-04-08

        python cli.py extract a.html b.txt --format jsonl --jobs 2
    """
    from nlp.inputs import parse_date

    published_date = parse_date(published) if published else None
    if published and published_date is None:
        raise click.BadParameter(f"not a date: {published!r}", param_hint="--published")
    nlp = _load(model, sentiment_model) if jobs == 1 else None
    from nlp.analyse import analyse, analyse_in_workers

    failures: list[str] = []
    articles = _read_all(inputs, published_date, failures)
    if nlp is not None:
        records = analyse(nlp, articles, claim_threshold=claim_threshold)
    else:
        _load(model, sentiment_model, check_only=True)
        records = analyse_in_workers(articles, jobs=jobs, model=model, claim_threshold=claim_threshold,
                                     sentiment_model=sentiment_model)
    _emit(records, fmt, single=len(inputs) == 1)
    if failures:
        sys.exit(1)


def _load(model: str, sentiment_model: str | None = None, check_only: bool = False):
    from nlp.pipeline import ModelNotFound, check_model
    from nlp.sentiment.model import ModelFileError, model_at

    try:
        model_at(sentiment_model)
    except ModelFileError as exc:
        raise click.BadParameter(str(exc), param_hint="--sentiment-model") from exc
    try:
        return check_model(model) if check_only else _built(model, sentiment_model)
    except ModelNotFound as exc:
        raise click.BadParameter(str(exc), param_hint="--model") from exc


def _built(model: str, sentiment_model: str | None = None):
    from nlp.pipeline import shared_nlp

    return shared_nlp(model, sentiment_model)


def _emit(records: Iterator[dict], fmt: str, single: bool) -> None:
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    elif fmt == "table":
        from nlp.table import format_table

        for record in records:
            click.echo(format_table(record))
    else:
        collected = list(records)
        if not collected:
            return
        payload = collected[0] if single else collected
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
