"""Read-only connections to a saidwhat database, for everything that only reads it (`query`, exports).

The file is opened with SQLite's ``mode=ro`` URI (the library cannot write it, nor create it when it is
missing), with ``query_only`` on, and an authorizer that lets statements read and nothing else: no
INSERT/UPDATE/DELETE (temporary tables included), no CREATE/DROP/ALTER, no ATTACH (which would create a
file), no PRAGMA that sets a value. Nothing here migrates: a database missing schema steps is refused with
the advice to run `process`, which brings it up to date.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from db.store import SQLITE_HEADER, busy_timeout_ms, describe_error

# Pragmas whose argument names what to read ("table_info(statements)"), not a value to set.
READING_PRAGMAS = frozenset({
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
    "foreign_key_check", "integrity_check", "quick_check",
})
# Pragmas that write or change the connection even without an argument.
WRITING_PRAGMAS = frozenset({"optimize", "wal_checkpoint", "incremental_vacuum", "shrink_memory"})
ALLOWED_ACTIONS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
                             sqlite3.SQLITE_RECURSIVE})
# Read connections get a larger page cache than SQLite's 2 MB default: a cap, not an allocation, which a long
# export fills and then holds (bench/query.py: 32 MB exports a third faster than 16 and peaks at 108 MB at
# 100,000 and 200,000 rows alike; 64 MB was still filling at 200,000 rows).
CACHE_KIB = 32 * 1024


class DatabaseUnavailable(Exception):
    """The file is missing, is not SQLite, is corrupt or cannot be read (the message is one line)."""


class OutdatedSchema(Exception):
    """The database lacks schema steps this saidwhat has; `process` applies them."""


def read_only_authorizer(action: int, arg1: str | None, arg2: str | None, _db: str | None,
                         _trigger: str | None) -> int:
    """Allow what reads; deny every write, schema change, ATTACH/DETACH and every pragma that sets a value."""
    if action in ALLOWED_ACTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        if name in WRITING_PRAGMAS:
            return sqlite3.SQLITE_DENY
        if arg2 is None or name in READING_PRAGMAS:
            return sqlite3.SQLITE_OK
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_TRANSACTION:  # BEGIN / COMMIT of a read transaction
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master":
        # asked when a virtual table (FTS5, pragma_table_info) is declared on first use; SQLite itself never
        # lets a statement update sqlite_master without writable_schema, which no pragma here can set
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def check_readable(path: str | os.PathLike) -> Path:
    """Raise DatabaseUnavailable unless ``path`` is an existing, readable SQLite file (reads 16 bytes)."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseUnavailable(f"{path} is a directory, not a database file")
    if not path.exists():
        raise DatabaseUnavailable(f"no database {path}: crawl and process into it first, or give --db")
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseUnavailable(f"cannot read {path}: {error.strerror}") from error
    if header != SQLITE_HEADER:
        raise DatabaseUnavailable(f"{path} is not a SQLite database")
    return path


def pending_steps(conn: sqlite3.Connection) -> list[str]:
    """Names of the schema steps this saidwhat has that the database lacks (reads only)."""
    from db.schema import MIGRATIONS

    known = [m.name for m in MIGRATIONS._migrations]
    has_table = conn.execute("select 1 from sqlite_master where type = 'table' and name = '_sqlite_migrations'"
                             ).fetchone()
    applied = {row[0] for row in conn.execute(
        "select name from _sqlite_migrations where migration_set = ?", [MIGRATIONS.name])} if has_table else set()
    return [name for name in known if name not in applied]


def connect(path: str | os.PathLike, *, check_schema: bool = True) -> sqlite3.Connection:
    """A read-only connection to the saidwhat database at ``path``.

    Raises DatabaseUnavailable (missing, not SQLite, corrupt) or OutdatedSchema; never creates or writes a
    file (in WAL mode SQLite keeps its shared-memory index beside the file, as every reader does)."""
    path = check_readable(path)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        conn.execute(f"pragma busy_timeout={busy_timeout_ms()}")
        conn.execute(f"pragma cache_size=-{CACHE_KIB}")
        conn.execute("pragma query_only=1")
        steps = pending_steps(conn) if check_schema else []
    except sqlite3.DatabaseError as error:
        raise DatabaseUnavailable(describe_error(path, error)) from error
    if steps:
        conn.close()
        if "0003_store" in steps:
            raise OutdatedSchema(f"{path} has no store yet (schema steps missing: {', '.join(steps)});"
                                 f" run `python cli.py process --db {path}` first")
        raise OutdatedSchema(f"{path} is of an older schema (missing {', '.join(steps)});"
                             f" run `python cli.py process --db {path}` to bring it up to date")
    conn.set_authorizer(read_only_authorizer)
    return conn
