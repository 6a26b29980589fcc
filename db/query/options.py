"""The options `query` subcommands share: the statement filters, dates, output format, limit and order."""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from db.options import db_option
from db.queries import KINDS, SENTIMENTS, StatementFilter

FORMATS = ("table", "json", "jsonl", "csv")
TABLE_ROWS = 50  # rows a table shows unless --limit says otherwise
DATE_FORMS = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class DateBound(click.ParamType):
    """YYYY-MM-DD, YYYY-MM or YYYY; a month or year is its first day for --since and its last for --until."""

    name = "date"

    def __init__(self, end: bool = False) -> None:
        self.end = end

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if isinstance(value, date):
            return value.isoformat()
        match = DATE_FORMS.match(str(value).strip())
        try:
            if not match:
                raise ValueError
            year, month, day = (int(g) if g else None for g in match.groups())
            if month is None:
                month, day = (12, 31) if self.end else (1, 1)
            elif day is None:
                day = calendar.monthrange(year, month)[1] if self.end else 1
            return date(year, month, day).isoformat()
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", param, ctx)


FILTERS: dict[str, Callable] = {
    "speaker": click.option("--speaker", "speakers", multiple=True, metavar="NAME",
                       help="Said by this person (any of their names), organization or group; repeat for OR."),
    "country": click.option("--country", "countries", multiple=True, metavar="CODE|NAME",
                       help="About this country (ISO3 code, name) or bloc (EU, ASEAN: any member); repeat for OR."),
    "org": click.option("--org", "organizations", multiple=True, metavar="NAME",
                   help="Said for this organization, in its name or by its people; repeat for OR."),
    "outlet": click.option("--outlet", "outlets", multiple=True, metavar="NAME",
                      help="Carried by this outlet; repeat for OR."),
    "since": click.option("--since", type=DateBound(), metavar="DATE", help="On or after this date (YYYY-MM-DD, YYYY-MM, YYYY)."),
    "until": click.option("--until", type=DateBound(end=True), metavar="DATE",
                     help="On or before this date (a month or year: its last day)."),
    "kind": click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
                    help="Direct quotes or reported speech; repeat for both."),
    "sentiment": click.option("--sentiment", "sentiments", multiple=True, type=click.Choice(SENTIMENTS),
                         help="Tone of the statement; repeat for OR."),
    "search": click.option("--search", metavar="TEXT",
                      help="Full text (SQLite FTS5 syntax: words, \"a phrase\", tariff*, a OR b, NOT, NEAR)."),
    "event": click.option("--event", "events", multiple=True, type=click.IntRange(min=1), metavar="ID",
                     help="Linked to this rate event (see `query rate-events`); repeat for OR."),
    "id": click.option("--id", "ids", multiple=True, type=click.IntRange(min=1), metavar="ID",
                  help="This statement id; repeat for several."),
}
STATEMENT_FILTERS = ("speaker", "country", "org", "outlet", "since", "until", "kind", "sentiment", "search", "event")


def filters(*names: str) -> Callable:
    """The named filter options, in the order given (help lists them so)."""
    def decorate(function: Callable) -> Callable:
        for name in reversed(names):
            function = FILTERS[name](function)
        return function
    return decorate


def output_options(orders: tuple[str, ...] | None, default_order: str | None = None, limit: bool = True) -> Callable:
    """--format, and --limit and --order when the command has them; --db last, as every subcommand takes it."""
    def decorate(function: Callable) -> Callable:
        function = db_option(function)
        if orders:
            function = click.option("--order", type=click.Choice(orders), default=default_order or orders[0],
                                    show_default=True, help="Order of the rows.")(function)
        if limit:
            function = click.option(
                "--limit", type=click.IntRange(min=1), metavar="N",
                help=f"At most N rows (a table shows {TABLE_ROWS} unless given; other formats every row).")(function)
        return click.option(
            "--format", "fmt", type=click.Choice(FORMATS),
            help="Output format (default: table on a terminal, jsonl otherwise).")(function)
    return decorate


def statement_filter(params: dict[str, Any]) -> StatementFilter:
    """A StatementFilter from the command's parameters (those it does not take stay empty)."""
    since, until = params.get("since"), params.get("until")
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}")
    return StatementFilter(
        speakers=list(params.get("speakers") or ()), countries=list(params.get("countries") or ()),
        organizations=list(params.get("organizations") or ()), outlets=list(params.get("outlets") or ()),
        since=since, until=until, kinds=list(dict.fromkeys(params.get("kinds") or ())),
        sentiments=list(dict.fromkeys(params.get("sentiments") or ())), search=params.get("search") or None,
        events=list(params.get("events") or ()), ids=list(params.get("ids") or ()))
