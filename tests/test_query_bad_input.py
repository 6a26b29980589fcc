"""What `cli.py query` does with bad input: read-only SQL refusing every kind of write with the file unchanged,
one-line errors with suggestions and exit status 2, databases that are missing, not SQLite or of an older
schema, and that no query writes the file."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

import cli
from db.schema import MIGRATIONS


def query(db: Path | str, *args: str):
    return CliRunner().invoke(cli.main, ["query", *args, "--db", str(db)])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line_error(result, status: int = 2) -> str:
    """The error, after checking it is one line on stderr, nothing on stdout, and the exit status."""
    assert result.exit_code == status, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.fixture
def demo_copy(demo_db, tmp_path) -> Path:
    path = tmp_path / "copy.db"
    shutil.copy(demo_db, path)
    return path


@pytest.mark.parametrize("statement", [
    "insert into store_settings (name, value) values ('x', 'y')",
    "update statements set text = 'changed'",
    "delete from statements",
    "drop table statements",
    "drop view quotes",
    "create table notes (x)",
    "create temp table notes (x)",
    "create index idx_x on statements(text)",
    "alter table statements add column x",
    "pragma user_version = 7",
    "pragma journal_mode = delete",
    "pragma query_only = 0",
    "pragma wal_checkpoint(truncate)",
    "insert into statements_fts (statements_fts) values ('rebuild')",
    "vacuum",
    "reindex",
    "analyze",
])
def test_sql_refuses_writes_and_leaves_the_file_as_it_was(demo_copy, statement):
    before = digest(demo_copy)
    message = one_line_error(query(demo_copy, "sql", statement))
    assert "only reads" in message and "refused" in message
    assert digest(demo_copy) == before
    with sqlite3.connect(demo_copy) as conn:
        assert conn.execute("pragma user_version").fetchone()[0] == 0
        assert conn.execute("select count(*) from statements where text = 'changed'").fetchone()[0] == 0


def test_sql_refuses_attach_and_vacuum_into_and_creates_no_file(demo_copy, tmp_path):
    before = digest(demo_copy)
    for statement in (f"attach database '{tmp_path / 'other.db'}' as other", "attach database ':memory:' as m",
                      f"vacuum into '{tmp_path / 'dump.db'}'"):
        assert "refused" in one_line_error(query(demo_copy, "sql", statement))
    assert not (tmp_path / "other.db").exists() and not (tmp_path / "dump.db").exists()
    assert digest(demo_copy) == before


def test_sql_errors_are_one_line(demo_copy):
    assert "SQL error" in one_line_error(query(demo_copy, "sql", "select nothing from nowhere"))
    assert "SQL error" in one_line_error(query(demo_copy, "sql", "select 1; select 2"))


def test_no_query_writes_the_database(demo_copy):
    before = digest(demo_copy)
    for args in (["statements", "--search", "tariff*", "--country", "EU"], ["people"], ["organizations"],
                 ["countries"], ["numbers"], ["claims"], ["rate-events"], ["articles", "--search", "steel"],
                 ["tone", "--speaker", "Holt"], ["sql", "select count(*) from quotes"]):
        result = query(demo_copy, *args, "--format", "csv")
        assert result.exit_code == 0, (args, result.output)
    assert digest(demo_copy) == before


@pytest.mark.parametrize(("args", "expected"), [
    (["statements", "--speaker", "Karin Lindal"], "no person or organization 'Karin Lindal'; did you mean Karin Lindahl?"),
    (["statements", "--speaker", "Hollt"], "did you mean Marian Holt?"),
    (["people", "--speaker", "Nobody Atall"], "no person or organization 'Nobody Atall'"),
    (["statements", "--country", "Chinaa"], "no country 'Chinaa'; did you mean China"),
    (["statements", "--country", "XXQ"], "no country 'XXQ'"),
    (["statements", "--org", "Lindquist Institute"], "no organization 'Lindquist Institute'; did you mean Lindqvist"),
    (["statements", "--outlet", "Capital Wyre"], "no outlet 'Capital Wyre'; did you mean Capital Wire?"),
    (["tone", "--country", "Japn"], "did you mean Japan"),
    (["rate-events", "--country", "Chinaa"], "did you mean China"),
    (["statements", "--since", "2025-13-01"], "'2025-13-01' is not a date"),
    (["statements", "--until", "last week"], "'last week' is not a date"),
    (["statements", "--since", "2025-06", "--until", "2025-05"], "--since 2025-06-01 is after --until 2025-05-31"),
    (["statements", "--search", "tariff AND"], "cannot read the search 'tariff AND'"),
    (["articles", "--search", '"unclosed'], "cannot read the search"),
    (["statements", "--order", "relevance"], "--order relevance ranks a full-text search"),
    (["statements", "--speakr", "Holt"], "No such option"),
    (["statements", "--kind", "quoted"], "Invalid value for '--kind'"),
    (["statements", "--limit", "0"], "Invalid value for '--limit'"),
    (["statements", "--format", "xml"], "Invalid value for '--format'"),
    (["tone", "--by", "day"], "Invalid value for '--by'"),
    (["nonsense"], "No such command"),
])
def test_bad_input_is_one_line_with_suggestions_and_exit_2(demo_db, args, expected):
    assert expected in one_line_error(query(demo_db, *args))


def test_unknown_option_suggests_the_right_one(demo_db):
    assert "--speaker" in one_line_error(query(demo_db, "statements", "--speakr", "Holt"))


def test_a_missing_database_is_one_line_and_no_file_is_created(tmp_path):
    missing = tmp_path / "missing.db"
    for args in (["statements"], ["sql", "select 1"], ["tone"]):
        assert "no database" in one_line_error(query(missing, *args))
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_sqlite_is_one_line_and_unchanged(tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("these are notes, not a database\n")
    assert "is not a SQLite database" in one_line_error(query(notes, "statements"))
    assert "is not a SQLite database" in one_line_error(query(notes, "sql", "select 1"))
    assert notes.read_text() == "these are notes, not a database\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
    assert "is a directory" in one_line_error(query(tmp_path, "people"))


def test_a_database_of_an_older_schema_says_to_run_process_and_is_not_migrated(tmp_path):
    older = tmp_path / "older.db"
    db = Database(older)
    MIGRATIONS.apply(db, stop_before="0005_query_indexes")
    db.close()
    before = digest(older)
    message = one_line_error(query(older, "statements"))
    assert "older schema" in message and "0005_query_indexes" in message and "cli.py process" in message
    assert digest(older) == before
    crawled_only = tmp_path / "crawled.db"
    db = Database(crawled_only)
    MIGRATIONS.apply(db, stop_before="0003_store")
    db.close()
    assert "run `python cli.py process" in one_line_error(query(crawled_only, "people"))


def test_a_corrupt_database_is_one_line(tmp_path):
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    before = digest(corrupt)
    message = one_line_error(query(corrupt, "statements"))
    assert "corrupt" in message or "not a database" in message
    assert digest(corrupt) == before
