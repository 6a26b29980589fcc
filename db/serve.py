"""``cli.py serve``: Datasette 0.65 on a saidwhat database, read-only, with the metadata the project ships
(db/metadata.yml: titles, descriptions, units, facets, full-text search, sorting) and the stored queries of
db/queries.py."""
from __future__ import annotations

import asyncio
import copy
from functools import cache
from pathlib import Path
from typing import Any

import click
import yaml

from db.options import DEFAULT_DB

METADATA = Path(__file__).with_name("metadata.yml")
METADATA_NAME = "saidwhat"  # the database's name in metadata.yml; Datasette names it after the file


@cache
def _shipped() -> dict[str, Any]:
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def datasette_metadata(db_path: str | Path) -> dict[str, Any]:
    """db/metadata.yml with its database filed under the name Datasette gives ``db_path`` (the file's stem)
    and the stored queries added."""
    from db.queries.stored import STORED_QUERIES

    metadata = copy.deepcopy(_shipped())
    database = metadata["databases"].pop(METADATA_NAME)
    database["queries"] = copy.deepcopy(STORED_QUERIES)
    metadata["databases"][Path(db_path).stem] = database
    return metadata


def build_datasette(db_path: str | Path, *, immutable: bool = False):
    """A Datasette on ``db_path``: read-only (``mode=ro``; with ``immutable`` SQLite is told the file never
    changes, so it counts and caches, and does not see later writes)."""
    from datasette.app import Datasette

    path = str(db_path)
    return Datasette([] if immutable else [path], immutables=[path] if immutable else [],
                     metadata=datasette_metadata(path))


@click.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="SQLite database file (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 serves this machine only (0.0.0.0 serves your network).")
@click.option("--port", "-p", type=click.IntRange(1, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@click.option("--immutable", is_flag=True,
              help="Open the file as immutable: faster counts and caching, but writes made while serving (a "
                   "crawl or process in WAL mode) are invisible, so only for a database nobody is writing.")
def serve(db_path: str, host: str, port: int, immutable: bool) -> None:
    """Browse the database in Datasette: every table and view described, facets (speaker, country, outlet,
    kind, sentiment), full-text search on statements and articles, charts, and stored queries (quotes by
    official, timeline for a country, statements around a rate event, numbers quoted about a country, most
    negative statements in the latest 30 days of data). Read-only; Ctrl-C stops it.

    Example:

    \b
        python cli.py serve --db news.db --port 8001
    """
    from db.readonly import DatabaseUnavailable, OutdatedSchema, connect

    try:
        connect(db_path).close()
    except (DatabaseUnavailable, OutdatedSchema) as error:
        raise click.BadParameter(str(error), param_hint="--db") from error
    import uvicorn

    ds = build_datasette(db_path, immutable=immutable)
    asyncio.run(ds.invoke_startup())  # plugins' startup hooks, as `datasette serve` runs them
    click.echo(f"Serving {db_path} read-only at http://{host}:{port}/{Path(db_path).stem} (Ctrl-C stops)", err=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
