"""The ``people`` commands: look at a person, and undo or force the store's identity decisions."""
from __future__ import annotations

import click

from db.options import db_option


def _open(db_path: str):
    from db.store import Store, StoreError, check_database

    try:
        check_database(db_path)
        return Store(db_path)
    except StoreError as error:
        raise click.BadParameter(str(error), param_hint="--db") from error


def _decide(db_path: str, action):
    from db.people import Identities, IdentityError
    from db.store import StoreError, now_iso

    with _open(db_path) as store:
        try:
            with store.writing() as conn:
                return action(Identities(conn, now_iso()))
        except IdentityError as error:
            raise click.UsageError(str(error)) from error
        except StoreError as error:
            raise click.ClickException(str(error)) from error


@click.group()
def people() -> None:
    """People across articles: show one, merge two, split an alias off.

    The store joins mentions of one person across articles by rules (the same full name, a typo with an
    agreeing role, a surname with an agreeing role). A merge or split you make is kept and applied
    again whenever articles are processed again.
    """


@people.command()
@click.argument("person_id", type=int)
@db_option
def show(person_id: int, db_path: str) -> None:
    """Show a person: names, roles, how many articles and statements, and why they were joined.

    Example:

        python cli.py people show 12 --db news.db
    """
    from db.people import Identities

    with _open(db_path) as store:
        current = Identities(store.db.conn, "").current_id(person_id)
        row = store.db.execute("select id, name, country from people where id = ?", [current]).fetchone()
        if row is None:
            raise click.UsageError(f"no person {person_id}")
        if current != person_id:
            click.echo(f"person {person_id} was merged into {current}")
        click.echo(f"{row[0]}: {row[1]}" + (f" ({row[2]})" if row[2] else ""))
        aliases = store.db.execute("select alias, kind, articles from person_aliases where person_id = ?"
                                   " order by articles desc, alias", [current]).fetchall()
        click.echo("  aliases: " + "; ".join(f"{a} ({k}, {n})" for a, k, n in aliases))
        for title, org, country, first, last, n in store.db.execute(
                "select title, organization, country, first_seen, last_seen, articles from person_roles"
                " where person_id = ? order by first_seen", [current]):
            role = ", ".join(x for x in (title, org, country) if x) or "(no role given)"
            click.echo(f"  role: {role}  {first} to {last}, {n} article{'s' if n != 1 else ''}")
        rules = store.db.execute("select rule, count(*) from article_people where person_id = ? group by rule",
                                 [current]).fetchall()
        click.echo("  joined by: " + ", ".join(f"{rule} ({n})" for rule, n in rules))
        statements = store.db.execute("select count(*) from statements where person_id = ?", [current]).fetchone()[0]
        click.echo(f"  statements: {statements}")


@people.command()
@click.argument("first", type=int)
@click.argument("second", type=int)
@db_option
def merge(first: int, second: int, db_path: str) -> None:
    """Merge two people who are one: the lower id survives, the other redirects to it.

    Example:

        python cli.py people merge 12 40 --db news.db
    """
    kept = _decide(db_path, lambda identities: identities.user_merge(first, second))
    click.echo(f"merged {first} and {second} into {kept}")


@people.command()
@click.argument("person_id", type=int)
@click.option("--alias", required=True, metavar="NAME", help="The name whose articles are another person.")
@db_option
def split(person_id: int, alias: str, db_path: str) -> None:
    """Split off the articles that name a person ALIAS into a person of their own.

    Example:

        python cli.py people split 12 --alias "Eric Brandt" --db news.db
    """
    new_id = _decide(db_path, lambda identities: identities.user_split(person_id, alias))
    click.echo(f"split {alias!r} off person {person_id} as person {new_id}")


@click.command("import-events")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False))
@click.option("--source", default=None, metavar="NAME", help="Where the events come from (default: the file's name).")
@db_option
def import_events(csv_file: str, source: str | None, db_path: str) -> None:
    """Load rate events from a tracker's or a central bank's CSV into the timeline.

    Columns: kind, imposing, target, rate_percent, rate_low, previous_percent, action, announced, effective,
    source_url, note (only kind, action and one date are required). Mentions that articles make of an
    imported event attach to it. Importing the same file again changes nothing; a file with a bad line is
    refused whole, naming the line and the column.

    Example:

        python cli.py import-events fed-decisions.csv --source "Federal Reserve" --db news.db
    """
    from pathlib import Path

    from db.events import Events
    from db.imports import ImportError_, read_events
    from db.store import StoreError, now_iso

    try:
        events = read_events(csv_file, source or Path(csv_file).name)
    except ImportError_ as error:
        raise click.ClickException(str(error)) from error
    with _open(db_path) as store:
        try:
            with store.writing() as conn:
                timeline = Events(conn, now_iso(), store.windows())
                added = [timeline.add_imported(event) for event in events]
        except StoreError as error:
            raise click.ClickException(str(error)) from error
    new = sum(1 for event_id in added if event_id is not None)
    click.echo(f"imported {new} events from {csv_file} ({len(added) - new} already there)")
