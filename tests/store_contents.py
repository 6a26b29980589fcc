"""What `process` stored, as comparable values: every row of the tables it writes, with row ids replaced by
what the row is (an article by its URL, a person by name, a statement by speaker, kind and text, …) and
write times left out. Two databases that hold the same records, whatever order they were written in and
whichever ids they got, give equal contents."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

# What identifies a row of a table that others point at (its "natural key").
NATURAL_KEYS = {
    "articles": ("url",),
    "people": ("name", "country"),
    "organizations": ("key", "name"),
    "statements": ("speaker", "kind", "text"),
    "numbers": ("article_id", "start", "end", "text"),
    "rate_events": ("kind", "action", "rate_percent", "rate_low", "imposing", "target", "date", "announced",
                    "effective", "imported"),
}
TABLES = ("people", "person_aliases", "person_roles", "person_redirects", "identity_decisions", "article_people",
          "organizations", "organization_aliases", "article_organizations", "statements", "statement_sources",
          "statement_countries", "statement_numbers", "numbers", "claims", "article_countries",
          "rate_event_mentions", "rate_events", "statement_events")
LEFT_OUT = {"id", "created_at", "processed_at", "run_id"}
ID_LISTS = {("statement_sources", "numbers"): "numbers"}  # JSON lists of row ids kept in a column
ARTICLE_COLUMNS = ("url", "processed_version", "processed_hash", "process_error")


class Contents:
    def __init__(self, path: Path | str):
        self.conn = sqlite3.connect(path)
        self.conn.row_factory = sqlite3.Row
        self.cache: dict[tuple[str, int], tuple] = {}
        self.references = {table: {row["from"]: row["table"] for row in
                                   self.conn.execute(f"pragma foreign_key_list({table})")}
                           for table in (*TABLES, "articles")}
        self.references["person_redirects"]["from_id"] = "people"
        self.references["identity_decisions"].update(person_id="people", other_id="people")

    def key(self, table: str, row_id: int | None) -> tuple | None:
        """A row of ``table`` by what it is, not by its id."""
        if row_id is None or table not in NATURAL_KEYS:
            return row_id
        if (table, row_id) not in self.cache:
            row = self.conn.execute(f"select * from {table} where id = ?", [row_id]).fetchone()
            self.cache[(table, row_id)] = None if row is None else tuple(
                self.key(self.references[table].get(c), row[c]) if c in self.references[table] else row[c]
                for c in NATURAL_KEYS[table])
        return self.cache[(table, row_id)]

    def value(self, table: str, column: str, value):
        if column in self.references[table]:
            return self.key(self.references[table][column], value)
        if (table, column) in ID_LISTS and value:
            return tuple(sorted((self.key(ID_LISTS[(table, column)], i) for i in json.loads(value)), key=repr))
        return value

    def table(self, table: str) -> list[tuple]:
        rows = self.conn.execute(f"select * from {table}").fetchall()
        out = [tuple((c, self.value(table, c, row[c])) for c in row.keys() if c not in LEFT_OUT) for row in rows]
        return sorted(out, key=repr)

    def all(self) -> dict[str, list]:
        contents = {table: self.table(table) for table in TABLES}
        contents["articles"] = sorted(self.conn.execute(
            f"select {', '.join(ARTICLE_COLUMNS)} from articles").fetchall(), key=repr)
        contents["articles"] = [tuple(r) for r in contents["articles"]]
        return contents


def store_contents(path: Path | str) -> dict[str, list]:
    contents = Contents(path)
    try:
        return contents.all()
    finally:
        contents.conn.close()


def differences(a: dict[str, list], b: dict[str, list]) -> dict[str, tuple[list, list]]:
    """Per table, the rows only in ``a`` and only in ``b`` (empty when equal)."""
    out = {}
    for table in a:
        only_a = [r for r in a[table] if r not in b[table]]
        only_b = [r for r in b[table] if r not in a[table]]
        if only_a or only_b or len(a[table]) != len(b[table]):
            out[table] = (only_a[:3], only_b[:3])
    return out
