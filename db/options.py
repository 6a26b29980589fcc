"""Click options shared by every command that reads or writes the store."""
from __future__ import annotations

import click

DEFAULT_DB = "saidwhat.db"

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file.",
)
