"""The ``query`` commands: statements, people, organizations, countries, numbers, claims, rate events, articles,
tone over time, and read-only SQL, over a saidwhat database opened read-only."""
from __future__ import annotations

import copy
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any, NoReturn

import click

from db import queries
from db.query.options import STATEMENT_FILTERS, TABLE_ROWS, filters, output_options, statement_filter
from db.query.output import HIGHLIGHT, TABLES, WRITERS, write_table
from db.readonly import DatabaseUnavailable, OutdatedSchema, connect
from db.store import describe_error


class QueryUsageError(click.UsageError):
    """A usage error printed as one line (no usage text before it)."""


def _one_line(error: click.UsageError) -> click.UsageError:
    error.ctx = None  # click prints the usage and a hint only when the error has a context
    return error


class QueryCommand(click.Command):
    """A command whose usage errors (unknown option, bad value, unknown name) are one line, exit status 2."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as error:
            raise _one_line(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _one_line(error) from None


class QueryGroup(click.Group):
    command_class = QueryCommand

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as error:
            raise _one_line(error) from None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            raise _one_line(error) from None


@click.group(cls=QueryGroup)
def query() -> None:
    """Ask the store: who said what, when, about whom, with which numbers, around which rate moves.

    Every subcommand reads the database (--db, after the subcommand's name) read-only and never changes it.
    Filters compose: different filters must all hold, a filter given twice is either value. Output is a
    table on a terminal (the first 50 rows), JSON lines otherwise; --format json, jsonl or csv give every
    matching row unless --limit says otherwise.

    \b
    Examples:
        python cli.py query statements --speaker "Marian Holt" --db demo.db
        python cli.py query statements --search tariff --country CHN --since 2025-04 --db demo.db
        python cli.py query tone --speaker "Karin Lindahl" --by month --db demo.db
        python cli.py query sql "select speaker, count(*) from statements group by 1" --db demo.db
    """


# -- running a question ---------------------------------------------------------------------------------------

def open_db(db_path: str, *, check_schema: bool = True) -> sqlite3.Connection:
    try:
        return connect(db_path, check_schema=check_schema)
    except (DatabaseUnavailable, OutdatedSchema) as error:
        raise QueryUsageError(str(error)) from error


def _primed(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The rows with the first one already read, so a bad name or search fails before any output."""
    rows = iter(rows)
    try:
        first = next(rows)
    except StopIteration:
        return iter(())
    return chain([first], rows)


def _pipe_closed() -> NoReturn:
    """The reader went away (`| head`): stop quietly, as the Python docs advise for SIGPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


Produce = Callable[[sqlite3.Connection, int | None, tuple[str, str] | None], Iterable[dict[str, Any]]]


def run(db_path: str, fmt: str | None, limit: int | None, table: str | None, produce: Produce, *,
        what: str = "rows", check_schema: bool = True) -> None:
    """Open the database, ask, and write the rows in the chosen format (streamed, except the table)."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    conn = open_db(db_path, check_schema=check_schema)
    out = sys.stdout
    try:
        if fmt == "table":
            shown = limit or TABLE_ROWS
            rows = _primed(produce(conn, shown + 1, HIGHLIGHT))
            color = out.isatty() and "NO_COLOR" not in os.environ
            count, more = write_table(rows, out, TABLES.get(table or ""), shown, color=color)
            out.flush()  # the table before the note on stderr, when both go to one place
            if not count:
                click.echo(f"no {what} match", err=True)
            elif more:
                click.echo(f"(the first {count} {what}; --limit N for more, --format csv, json or jsonl for all)",
                           err=True)
        else:
            WRITERS[fmt](_primed(produce(conn, limit, HIGHLIGHT)), out)
        out.flush()
    except (queries.UnknownValue, queries.BadSearch) as error:
        raise QueryUsageError(str(error)) from error
    except BrokenPipeError:
        _pipe_closed()
    except sqlite3.Error as error:
        raise click.ClickException(describe_error(db_path, error)) from error
    finally:
        conn.close()


# -- statements -----------------------------------------------------------------------------------------------

@query.command("statements")
@filters(*STATEMENT_FILTERS, "id")
@output_options(queries.STATEMENT_ORDERS)
def statements_command(fmt: str | None, limit: int | None, order: str, db_path: str, **params: Any) -> None:
    """Statements: who said what, when, carried by which outlets, about which countries, with which numbers.

    Fields are extract's: speaker, speaker_title, organization, outlet, kind, text, date, sentiment and
    sentiment_score, countries (ISO3 codes) and numbers (their texts), with url, article_title, sources
    (articles carrying it) and outlets. With --search, each row has a snippet with the matched words
    «marked»; results come in date order (--order relevance ranks them).

    \b
    Examples:
        python cli.py query statements --speaker Holt --db demo.db
        python cli.py query statements --country EU --since 2025-06 --order newest --db demo.db
        python cli.py query statements --search '"fight to the end"' --format json --db demo.db
        python cli.py query statements --event 4 --format csv --db demo.db > around-event-4.csv
    """
    f = statement_filter(params)
    if order == "relevance" and not f.search:
        raise QueryUsageError("--order relevance ranks a full-text search: give --search too")
    run(db_path, fmt, limit, "statements",
        lambda conn, n, marks: queries.statements(conn, f, order=order, limit=n, highlight=marks), what="statements")


quotes_command = copy.copy(statements_command)
quotes_command.help = "The same as `query statements`: statements matching the filters.\n\n" + (
    statements_command.help or "").split("\n\n", 1)[1]
quotes_command.short_help = "The same as `statements`."
query.add_command(quotes_command, "quotes")


# -- who and where ---------------------------------------------------------------------------------------------

WHO_ORDERS = ("statements", "name", "newest")


@query.command("people")
@filters(*STATEMENT_FILTERS)
@output_options(WHO_ORDERS)
def people_command(fmt: str | None, limit: int | None, order: str, db_path: str, **params: Any) -> None:
    """People, most quoted first, counted over the statements the filters match (with no filter: everyone the
    articles name, quoted or not): title and organization (the role most of their articles of the last 90 days
    give), country (the one most of their articles give), statements, articles, first and last quote.

    \b
    Examples:
        python cli.py query people --db demo.db
        python cli.py query people --country CHN --since 2025-04 --db demo.db
    """
    f = statement_filter(params)
    run(db_path, fmt, limit, "people", lambda conn, n, _: queries.people(conn, f, order=order, limit=n),
        what="people")


@query.command("organizations")
@filters(*STATEMENT_FILTERS)
@output_options(WHO_ORDERS)
def organizations_command(fmt: str | None, limit: int | None, order: str, db_path: str, **params: Any) -> None:
    """Organizations, counted over the statements the filters match: in their own name (own) or by their people.

    \b
    Example:
        python cli.py query organizations --search tariff --db demo.db
    """
    f = statement_filter(params)
    run(db_path, fmt, limit, "organizations",
        lambda conn, n, _: queries.organizations(conn, f, order=order, limit=n), what="organizations")


@query.command("countries")
@filters(*STATEMENT_FILTERS)
@output_options(WHO_ORDERS)
def countries_command(fmt: str | None, limit: int | None, order: str, db_path: str, **params: Any) -> None:
    """Countries and blocs the statements the filters match are about, with statements and speakers.

    \b
    Examples:
        python cli.py query countries --db demo.db
        python cli.py query countries --speaker "Jonah Kessler" --db demo.db
    """
    f = statement_filter(params)
    run(db_path, fmt, limit, "countries", lambda conn, n, _: queries.countries(conn, f, order=order, limit=n),
        what="countries")


# -- what ----------------------------------------------------------------------------------------------------

@query.command("numbers")
@filters(*STATEMENT_FILTERS)
@click.option("--unit", "units", multiple=True, metavar="UNIT",
              help="percent, bp, a currency code (USD, EUR), count, multiple…; repeat for OR.")
@click.option("--measures", multiple=True, metavar="WORD", help="What the number measures (tariff, jobs); repeat for OR.")
@output_options(("date", "newest"))
def numbers_command(units: tuple[str, ...], measures: tuple[str, ...], fmt: str | None, limit: int | None,
                    order: str, db_path: str, **params: Any) -> None:
    """Numbers quoted in the statements the filters match (extract's number fields), each with its statement.

    \b
    Examples:
        python cli.py query numbers --country CHN --unit percent --db demo.db
        python cli.py query numbers --speaker "Marcus Feld" --format csv --db demo.db
    """
    f = statement_filter(params)
    run(db_path, fmt, limit, "numbers",
        lambda conn, n, _: queries.numbers(conn, f, units=list(units), measures=list(measures), order=order, limit=n),
        what="numbers")


@query.command("claims")
@filters("speaker", "country", "outlet", "since", "until", "search")
@click.option("--type", "types", multiple=True, type=click.Choice(queries.CLAIM_TYPES), help="Claim type; repeat for OR.")
@click.option("--min-score", type=click.FloatRange(0, 1), metavar="SCORE", help="Only claims scoring at least this.")
@output_options(("date", "newest", "score"))
def claims_command(types: tuple[str, ...], min_score: float | None, fmt: str | None, limit: int | None, order: str,
                   db_path: str, **params: Any) -> None:
    """Check-worthy claims of the articles, dated by their article: --speaker keeps claims inside that
    speaker's statements, --country and --search the articles naming or matching them.

    \b
    Example:
        python cli.py query claims --type numeric --order score --db demo.db
    """
    f = statement_filter(params)
    run(db_path, fmt, limit, "claims",
        lambda conn, n, _: queries.claims(conn, f, types=list(types), min_score=min_score, order=order, limit=n),
        what="claims")


@query.command("rate-events")
@filters("speaker", "country", "since", "until", "event")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(queries.EVENT_KINDS), help="Kind of rate; repeat for OR.")
@click.option("--action", "actions", multiple=True, type=click.Choice(queries.EVENT_ACTIONS), help="Action; repeat for OR.")
@output_options(("date", "newest", "statements", "mentions"))
def rate_events_command(kinds: tuple[str, ...], actions: tuple[str, ...], fmt: str | None, limit: int | None,
                        order: str, db_path: str, **params: Any) -> None:
    """Rate events of the timeline (tariffs, central-bank and other rates): --country keeps events a country
    imposes or is targeted by, --speaker those their statements are linked to, --event the ids given.

    \b
    Examples:
        python cli.py query rate-events --country CHN --kind tariff --db demo.db
        python cli.py query statements --event 4 --db demo.db   # the statements around the event of id 4
    """
    f = statement_filter(params)
    run(db_path, fmt, limit, "rate-events",
        lambda conn, n, _: queries.rate_events(conn, f, kinds=list(kinds), actions=list(actions), order=order,
                                               limit=n), what="rate events")


@query.command("articles")
@filters("speaker", "country", "outlet", "since", "until", "search")
@output_options(("date", "newest", "outlet"))
def articles_command(fmt: str | None, limit: int | None, order: str, db_path: str, **params: Any) -> None:
    """Articles by publication date, with how many statements each carries: --search matches title and body
    (with a snippet), --country the articles naming it, --speaker those quoting the speaker.

    \b
    Example:
        python cli.py query articles --search "NEAR(steel aluminum, 5)" --db demo.db
    """
    f = statement_filter(params)
    run(db_path, fmt, limit, "articles-search" if f.search else "articles",
        lambda conn, n, marks: queries.articles(conn, f, order=order, limit=n, highlight=marks), what="articles")


# -- when ----------------------------------------------------------------------------------------------------

@query.command("tone")
@filters(*STATEMENT_FILTERS)
@click.option("--by", type=click.Choice(("week", "month")), default="week", show_default=True,
              help="Period of each row: a week (dated by its Monday) or a month.")
@output_options(None, limit=False)
def tone_command(by: str, fmt: str | None, db_path: str, **params: Any) -> None:
    """How the tone moved: statement count and mean sentiment per week or month.

    One series per speaker when --speaker is given more than once, else one per country when --country is,
    else one for the filters. Weeks or months without a statement between the first and the last are rows
    with 0 statements. sentiment_score is the mean over the statements that have a score (scored); negative,
    neutral and positive count the labels.

    \b
    Examples:
        python cli.py query tone --speaker "Marian Holt" --speaker "Jonah Kessler" --by month --db demo.db
        python cli.py query tone --country CHN --format csv --db demo.db
    """
    f = statement_filter(params)
    run(db_path, fmt, None, "tone", lambda conn, n, _: queries.tone(conn, f, by=by)[:n] if n else
        queries.tone(conn, f, by=by), what="periods")


# -- SQL -----------------------------------------------------------------------------------------------------

@query.command("sql")
@click.argument("sql")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="A named parameter (:NAME in the SQL).")
@output_options(None)
def sql_command(sql: str, params: tuple[tuple[str, str], ...], fmt: str | None, limit: int | None,
                db_path: str) -> None:
    """Run one SQL statement on a read-only connection and print its rows.

    The connection refuses anything that would write: INSERT, UPDATE, DELETE, CREATE, DROP, ATTACH and
    pragmas that set a value are refused (exit status 2) and the file is left as it was. Tables and columns
    are described in db/metadata.yml; the quotes and timeline views are the easiest start.

    \b
    Examples:
        python cli.py query sql "select date, speaker, text from quotes where countries like '%CHN%'" --db demo.db
        python cli.py query sql "select * from timeline where rate_percent >= :rate" -p rate 25 --db demo.db
    """
    def produce(conn: sqlite3.Connection, n: int | None, _: Any) -> Iterator[dict[str, Any]]:
        try:
            cursor = conn.execute(sql, dict(params))
        except sqlite3.DatabaseError as error:
            raise QueryUsageError(_refusal(sql, error)) from error
        if cursor.description is None:
            return
        names = [d[0] for d in cursor.description]
        for count, row in enumerate(cursor, 1):
            yield dict(zip(names, row))
            if n and count >= n:
                return

    run(db_path, fmt, limit, None, produce, check_schema=False)


def _refusal(sql: str, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "not authorized" in text or "readonly" in text or "authorization denied" in text:
        return f"query sql only reads: the statement was refused ({text}); nothing was changed"
    return f"SQL error: {text}"
