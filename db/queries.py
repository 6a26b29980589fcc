"""Each question users ask of the store, as SQL in one place: `query`, the timeline export and Datasette's
stored queries build on it.

:class:`StatementFilter` holds the filters that compose (a list is an OR, different filters AND);
:func:`resolve` turns the names a user typed (a person under any alias, an organization, a country by ISO3,
name or bloc) into ids and codes, or raises :class:`UnknownValue` with suggestions. Reads only.
"""
from __future__ import annotations

import difflib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

KINDS = ("direct", "indirect")
SENTIMENTS = ("negative", "neutral", "positive")


class UnknownValue(Exception):
    """A name the store does not know; the message says what it knows that is close."""


@dataclass
class StatementFilter:
    speakers: list[str] = field(default_factory=list)  # people (any alias) or organizations
    countries: list[str] = field(default_factory=list)  # ISO3, a name, or a bloc code (its members)
    organizations: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    kinds: list[str] = field(default_factory=list)
    sentiments: list[str] = field(default_factory=list)
    search: str | None = None  # FTS5 query syntax
    events: list[int] = field(default_factory=list)


@dataclass
class Resolved:
    """What a filter's names stand for in this database."""

    person_ids: list[int] = field(default_factory=list)
    speaker_org_ids: list[int] = field(default_factory=list)
    org_ids: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


def _suggest(value: str, known: list[str], what: str) -> UnknownValue:
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.6) or difflib.get_close_matches(
        value.lower(), [k.lower() for k in known], n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return UnknownValue(f"no {what} {value!r}{hint}")


def people_named(conn: sqlite3.Connection, name: str) -> list[int]:
    """People who are ``name`` under their canonical name or any alias (case-insensitive)."""
    return [row[0] for row in conn.execute(
        "select id from people where name = ? collate nocase"
        " union select person_id from person_aliases where alias = ? collate nocase", [name, name])]


def organizations_named(conn: sqlite3.Connection, name: str) -> list[int]:
    return [row[0] for row in conn.execute(
        "select id from organizations where name = ? collate nocase"
        " union select organization_id from organization_aliases where alias = ? collate nocase", [name, name])]


def countries_named(conn: sqlite3.Connection, value: str) -> list[str]:
    """ISO3 codes for an ISO3 code, an alpha-2 code, a name, or a bloc (its members)."""
    row = conn.execute("select code, kind from countries where code = upper(?) or alpha_2 = upper(?)"
                       " or name = ? collate nocase or official_name = ? collate nocase",
                       [value, value, value, value]).fetchone()
    if row is None:
        return []
    code, kind = row
    if kind == "bloc":
        return [code, *(r[0] for r in conn.execute("select country from bloc_members where bloc = ?", [code]))]
    return [code]


def resolve(conn: sqlite3.Connection, f: StatementFilter) -> Resolved:
    """Ids and codes for the names in ``f``; raises UnknownValue (with suggestions) for a name unknown."""
    out = Resolved()
    for name in f.speakers:
        people, orgs = people_named(conn, name), organizations_named(conn, name)
        if not people and not orgs:
            known = [r[0] for r in conn.execute("select name from people union select name from organizations")]
            raise _suggest(name, known, "person or organization")
        out.person_ids += people
        out.speaker_org_ids += orgs
    for name in f.organizations:
        orgs = organizations_named(conn, name)
        if not orgs:
            raise _suggest(name, [r[0] for r in conn.execute("select name from organizations")], "organization")
        out.org_ids += orgs
    for value in f.countries:
        codes = countries_named(conn, value)
        if not codes:
            known = [r[0] for r in conn.execute("select name from countries union select code from countries")]
            raise _suggest(value, known, "country")
        out.countries += codes
    return out


def _marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def statement_conditions(f: StatementFilter, r: Resolved) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``s`` (statements) for a filter, with their parameters."""
    where: list[str] = []
    params: list[Any] = []
    if f.speakers:
        parts = []
        if r.person_ids:
            parts.append(f"s.person_id in ({_marks(r.person_ids)})")
            params += r.person_ids
        if r.speaker_org_ids:
            parts.append(f"(s.person_id is null and s.organization_id in ({_marks(r.speaker_org_ids)}))")
            params += r.speaker_org_ids
        where.append("(" + " or ".join(parts or ["0"]) + ")")
    if f.organizations:
        where.append(f"s.organization_id in ({_marks(r.org_ids)})")
        params += r.org_ids
    if f.countries:
        where.append(f"s.id in (select statement_id from statement_countries where country in ({_marks(r.countries)})"
                     + (" and date >= ?" if f.since else "") + (" and date <= ?" if f.until else "") + ")")
        params += r.countries + ([f.since] if f.since else []) + ([f.until] if f.until else [])
    if f.outlets:
        where.append(f"s.id in (select statement_id from statement_sources where outlet in ({_marks(f.outlets)})"
                     " collate nocase)")
        params += f.outlets
    if f.since:
        where.append("s.date >= ?")
        params.append(f.since)
    if f.until:
        where.append("s.date <= ?")
        params.append(f.until)
    if f.kinds:
        where.append(f"s.kind in ({_marks(f.kinds)})")
        params += f.kinds
    if f.sentiments:
        where.append(f"s.sentiment in ({_marks(f.sentiments)})")
        params += f.sentiments
    if f.search:
        where.append("s.id in (select rowid from statements_fts where statements_fts match ?)")
        params.append(f.search)
    if f.events:
        where.append(f"s.id in (select statement_id from statement_events where event_id in ({_marks(f.events)}))")
        params += f.events
    return where, params


STATEMENT_COLUMNS = """
    s.id, s.date, s.speaker, s.speaker_title, s.organization, a.outlet, s.kind, s.text, s.sentiment,
    s.sentiment_score,
    (select json_group_array(country) from (select country from statement_countries sc
        where sc.statement_id = s.id order by country)) as countries,
    (select json_group_array(text) from (select distinct n.text from statement_numbers sn
        join numbers n on n.id = sn.number_id where sn.statement_id = s.id order by n.id)) as numbers,
    coalesce(a.canonical_url, a.url) as url, a.title as article_title, s.sources, s.cue, s.speaker_text,
    s.speaker_kind, s.confidence, s.person_id, s.organization_id, s.article_id
"""
LIST_COLUMNS = ("countries", "numbers")


def statements(conn: sqlite3.Connection, f: StatementFilter, *, order: str = "date", limit: int | None = None
               ) -> Iterator[dict[str, Any]]:
    """Statements matching ``f`` as dicts with `extract`'s field names (``countries`` and ``numbers`` as
    lists), streamed. ``order``: ``date`` (oldest first), ``-date`` (newest first) or ``relevance``
    (full-text rank; needs a search)."""
    where, params = statement_conditions(f, resolve(conn, f))
    orders = {"date": "s.date, s.id", "-date": "s.date desc, s.id desc"}
    if order == "relevance" and f.search:
        sql = (f"select {STATEMENT_COLUMNS} from statements_fts join statements s on s.id = statements_fts.rowid"
               " left join articles a on a.id = s.article_id where statements_fts match ?"
               + "".join(f" and {w}" for w in where) + " order by statements_fts.rank")
        params = [f.search, *params]
    else:
        sql = (f"select {STATEMENT_COLUMNS} from statements s left join articles a on a.id = s.article_id"
               + (" where " + " and ".join(where) if where else "") + f" order by {orders.get(order, orders['date'])}")
    if limit:
        sql += " limit ?"
        params.append(limit)
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        item = dict(zip(names, row))
        for column in LIST_COLUMNS:
            item[column] = json.loads(item[column]) if item[column] else []
        yield item


def rate_events_between(conn: sqlite3.Connection, since: str | None, until: str | None,
                        parties: list[str] | None = None) -> list[dict[str, Any]]:
    """Events of the timeline in a span (and, when given, whose imposing party or target is one of ``parties``)."""
    where, params = [], []
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until)
    if parties:
        where.append(f"(imposing in ({_marks(parties)}) or target in ({_marks(parties)}))")
        params += parties + parties
    cursor = conn.execute("select * from timeline" + (" where " + " and ".join(where) if where else ""), params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
