"""The ``export`` commands: ``export timeline`` writes a quote timeline as CSV, JSON, an HTML chart or a PNG."""
from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from datetime import datetime
from pathlib import Path

import click

from db.options import db_option

FORMATS = ("csv", "json", "html", "png")


@click.group()
def export() -> None:
    """Write what the store holds to files: tables for spreadsheets and charts for readers."""


def _check_output(path: str) -> Path:
    """The -o file must be creatable: a writable folder that exists, not a folder itself."""
    out = Path(path)
    parent = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise click.BadParameter(f"{path} is a directory", param_hint="-o")
    if not parent.is_dir():
        raise click.BadParameter(f"directory {parent} does not exist", param_hint="-o")
    if not os.access(parent, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise click.BadParameter(f"cannot write {path}: permission denied", param_hint="-o")
    return out


def _write_atomically(out: Path, binary: bool, write) -> int:
    """Write through a temporary file beside ``out`` and move it into place, so a failure leaves nothing."""
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent if str(out.parent) else ".")
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as f:
            count = write(f)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, out)
        return count
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _title(series: list[dict[str, str]]) -> str:
    return "Quote timeline: " + ", ".join(s["label"] for s in series)


@export.command()
@click.option("--speaker", "speakers", multiple=True, metavar="NAME",
              help="A speaker's series: a person under any alias, or an organization (repeat for more rows).")
@click.option("--country", "countries", multiple=True, metavar="CODE",
              help="A series of the statements naming a country: ISO3 code, name or bloc (repeat for more rows).")
@click.option("--search", metavar="TEXT",
              help="Full text (FTS5 syntax): narrows every series, or is the one series when no speaker or "
                   "country is given.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="First date shown (default: the first statement's).")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Last date shown (default: the last statement's).")
@click.option("--events", type=click.Choice(["related", "all"]), default="related", show_default=True,
              help="Rate events of the span shown in a series: those linked to its statements or imposed by or "
                   "on its country (related), or every one (all).")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="csv, json, html (an interactive SVG chart that works offline) or png; default from -o's suffix.")
@click.option("-o", "--output", "output", required=True, metavar="FILE", help="File to write.")
def timeline(speakers: tuple[str, ...], countries: tuple[str, ...], search: str | None, since: datetime | None,
             until: datetime | None, events: str, db_path: str, fmt: str | None, output: str) -> None:
    """Every statement of the speakers, countries or search asked for, in date order, with the rate events of
    the same span: a series (a row of the chart) per speaker and per country.

    Each statement comes with its speaker, title, outlet, text, sentiment, countries, numbers and source URL;
    each rate event with its kind, move, rate, parties and why it is shown (linked: a statement of the series
    is linked to it; party: the series' country or one of its blocs imposes it or is its target). The span is
    --since to --until, else the first to the last statement shown.

    Example:

    \b
        python cli.py export timeline --speaker "Marian Holt" --country CHN --db news.db -o holt-china.html
    """
    from db import queries
    from db.queries import timeline

    if not (speakers or countries or search):
        raise click.UsageError("give at least one --speaker, --country or --search")
    out = _check_output(output)
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise click.BadParameter(f"give --format {'|'.join(FORMATS)} (cannot tell it from {output!r})",
                                 param_hint="--format")
    first, last = (d.date().isoformat() if d else None for d in (since, until))
    if first and last and first > last:
        raise click.BadParameter(f"{first} is after --until {last}", param_hint="--since")
    from db.readonly import DatabaseUnavailable, OutdatedSchema, connect

    try:
        conn = connect(db_path)
    except (DatabaseUnavailable, OutdatedSchema) as error:
        raise click.BadParameter(str(error), param_hint="--db") from error
    with closing(conn):
        try:
            series = timeline.timeline_series(conn, speakers=list(speakers), countries=list(countries), search=search,
                                             since=first, until=last)
            data = _timeline(conn, series, first, last, related_only=events == "related")
            written = _write(data, fmt, out)
        except queries.UnknownValue as error:
            raise click.UsageError(str(error)) from error
        except queries.BadSearch as error:
            raise click.BadParameter(str(error), param_hint="--search") from error
        except sqlite3.Error as error:
            raise click.ClickException(f"database {db_path}: {error}") from error
    span = f"{data.since or '…'} to {data.until or '…'}"
    click.echo(f"wrote {written} in {len(data.series)} series ({span}) to {output}", err=True)


def _timeline(conn: sqlite3.Connection, series, since: str | None, until: str | None, *, related_only: bool):
    """The timeline's rows from the store; the span is since..until, else the statements' first and last dates."""
    from db.queries import timeline
    from export.timeline import Timeline

    if not (since and until):
        first, last = timeline.timeline_span(conn, series)
        since, until = since or first, until or last
    return Timeline(series=[{"label": s.label, "by": s.by, "value": s.value} for s in series], since=since,
                    until=until, statements=timeline.timeline_statements(conn, series),
                    events=timeline.timeline_events(conn, series, since, until, related_only=related_only))


def _write(data, fmt: str, out: Path) -> str:
    """Write ``data`` to ``out`` in ``fmt``; says what was written."""
    from export import chart
    from export.timeline import write_csv, write_json

    if fmt in ("csv", "json"):
        writer = write_csv if fmt == "csv" else write_json
        return f"{_write_atomically(out, False, lambda f: writer(data, f))} rows"
    rows = list(data.statements)
    spec = chart.chart_spec(data, rows, title=_title(data.series))
    if fmt == "html":
        page = chart.html_page(spec, title=_title(data.series))
        _write_atomically(out, False, lambda f: f.write(page))
    else:
        image = chart.png_bytes(spec)
        _write_atomically(out, True, lambda f: f.write(image))
    return f"{len(rows)} statements and {len(data.events)} rate events"
