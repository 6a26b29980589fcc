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


# -- reading a database safely -------------------------------------------------------------------------------

class UnreadableDatabase(Exception):
    """A --db that is missing, not SQLite, or not a saidwhat store processed far enough."""


SQLITE_MAGIC = b"SQLite format 3\x00"


def open_readonly(path: str) -> sqlite3.Connection:
    """A read-only connection to a saidwhat store (nothing is created, migrated or written); raises
    UnreadableDatabase with one line saying what is wrong."""
    from pathlib import Path

    file = Path(path)
    if not file.is_file():
        raise UnreadableDatabase(f"no database {path}" + (" (it is a directory)" if file.is_dir() else ""))
    with file.open("rb") as f:
        if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise UnreadableDatabase(f"{path} is not a SQLite database")
    conn = sqlite3.connect(file.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    except sqlite3.DatabaseError as error:
        conn.close()
        raise UnreadableDatabase(f"database {path} is corrupt ({error})") from error
    if not {"statements", "timeline"} <= tables:
        conn.close()
        raise UnreadableDatabase(f"{path} holds no statements or rate events of this version of saidwhat:"
                                 f" run `python cli.py process --db {path}` first")
    return conn


# -- quote timelines ----------------------------------------------------------------------------------------

class BadSearch(ValueError):
    """A full-text query the engine cannot parse (an unclosed quote, a stray operator)."""


def check_search(conn: sqlite3.Connection, text: str) -> None:
    """Raise BadSearch unless FTS5 can parse ``text`` (the engine parses it only when a query runs)."""
    try:
        conn.execute("select 1 from statements_fts where statements_fts match ? limit 1", [text]).fetchall()
    except sqlite3.OperationalError as error:
        raise BadSearch(f"{text!r} is not a full-text query: {error}") from error


@dataclass
class TimelineSeries:
    """One row of a timeline: the statements of one speaker, about one country, or matching one search."""

    label: str
    by: str  # speaker, country or search
    value: str  # as the user gave it
    filter: StatementFilter
    parties: list[str] = field(default_factory=list)  # codes whose rate events belong to this series


def _series_label(conn: sqlite3.Connection, by: str, value: str, resolved: Resolved) -> str:
    if by == "speaker":
        ids = sorted(set(resolved.person_ids))
        table, ids = ("people", ids) if ids else ("organizations", sorted(set(resolved.speaker_org_ids)))
        names = {r[0] for r in conn.execute(f"select name from {table} where id in ({_marks(ids)})", ids)}
        return names.pop() if len(names) == 1 else value
    if by == "country":
        row = conn.execute("select name from countries where code = ?", [resolved.countries[0]]).fetchone()
        return f"{row[0]} ({resolved.countries[0]})" if row else value
    return f"search: {value}"


def timeline_series(conn: sqlite3.Connection, *, speakers: list[str], countries: list[str], search: str | None,
                    since: str | None, until: str | None) -> list[TimelineSeries]:
    """A series per speaker and per country given (``search`` narrows each), or the search alone when no
    speaker or country is given. Raises UnknownValue (with suggestions) for a name the store does not know and
    BadSearch for a search FTS5 cannot parse."""
    if search:
        check_search(conn, search)
    asked = [("speaker", v) for v in speakers] + [("country", v) for v in countries]
    if not asked and search:
        asked = [("search", search)]
    out: list[TimelineSeries] = []
    for by, value in asked:
        f = StatementFilter(speakers=[value] if by == "speaker" else [],
                            countries=[value] if by == "country" else [], search=search, since=since, until=until)
        resolved = resolve(conn, f)
        parties: list[str] = []
        if by == "country":
            # the country (or a bloc and its members) and the blocs it belongs to: an EU tariff concerns Germany
            parties = list(dict.fromkeys(resolved.countries + [r[0] for r in conn.execute(
                f"select bloc from bloc_members where country in ({_marks(resolved.countries)})",
                resolved.countries)]))
        label = _series_label(conn, by, value, resolved)
        if all(s.label != label for s in out):
            out.append(TimelineSeries(label, by, value, f, parties))
    return out


def timeline_span(conn: sqlite3.Connection, series: list[TimelineSeries]) -> tuple[str | None, str | None]:
    """The first and last statement date over every series."""
    first = last = None
    for s in series:
        where, params = statement_conditions(s.filter, resolve(conn, s.filter))
        lo, hi = conn.execute("select min(s.date), max(s.date) from statements s"
                              + (" where " + " and ".join(where) if where else ""), params).fetchone()
        first = lo if first is None or (lo is not None and lo < first) else first
        last = hi if last is None or (hi is not None and hi > last) else last
    return first, last


def _timeline_order(row: dict[str, Any]) -> tuple:
    # SQLite's order: undated rows first, then by date; within a day rate events before statements
    return (row["date"] is not None, row["date"] or "", row["record"] != "rate_event", row["id"])


def timeline_statements(conn: sqlite3.Connection, series: list[TimelineSeries]) -> Iterator[dict[str, Any]]:
    """Every statement of every series in date order, each with its ``series`` label and ``record`` =
    ``statement`` (a statement in two series comes once in each); streamed."""
    import heapq

    def labelled(s: TimelineSeries) -> Iterator[dict[str, Any]]:
        for row in statements(conn, s.filter):
            yield {"series": s.label, "record": "statement", **row}

    return heapq.merge(*(labelled(s) for s in series), key=_timeline_order)


def timeline_events(conn: sqlite3.Connection, series: list[TimelineSeries], since: str | None, until: str | None,
                    *, related_only: bool = True) -> list[dict[str, Any]]:
    """Rate events dated within ``since``..``until``, once per series they belong to, in date order, each with
    ``series``, ``record`` = ``rate_event``, ``products`` as a list and ``related`` saying why: ``linked`` (a
    statement of the series is linked to it in statement_events), ``party`` (the series' country, or a bloc it
    belongs to, imposes it or is its target) or ``span`` (with ``related_only=False``: every event of the span
    in every series)."""
    events = rate_events_between(conn, since, until)
    out = []
    for s in series:
        where, params = statement_conditions(s.filter, resolve(conn, s.filter))
        linked = {r[0] for r in conn.execute(
            "select distinct event_id from statement_events where statement_id in (select s.id from statements s"
            + (" where " + " and ".join(where) if where else "") + ")", params)}
        for event in events:
            if event["id"] in linked:
                related = "linked"
            elif event["imposing"] in s.parties or event["target"] in s.parties:
                related = "party"
            elif not related_only:
                related = "span"
            else:
                continue
            products = json.loads(event["products"]) if event.get("products") else []
            out.append({"series": s.label, "record": "rate_event", **event, "products": products, "related": related})
    out.sort(key=_timeline_order)
    return out


# -- stored queries (Datasette's canned queries; `cli.py serve` puts them in its metadata) ------------------

# The names a user types, as SQL on named parameters: the same matches as people_named, organizations_named
# and countries_named above.
_SPEAKER_MATCH = """(
    s.person_id in (select id from people where name = :speaker collate nocase
                    union select person_id from person_aliases where alias = :speaker collate nocase)
    or (s.person_id is null and s.organization_id in (
        select id from organizations where name = :speaker collate nocase
        union select organization_id from organization_aliases where alias = :speaker collate nocase)))"""
_COUNTRY_CODES = """with asked as (
    select code, kind from countries where code = upper(:country) or alpha_2 = upper(:country)
        or name = :country collate nocase or official_name = :country collate nocase limit 1
), codes as (  -- the country, or a bloc and its members
    select code from asked
    union select country from bloc_members where bloc in (select code from asked where kind = 'bloc')
), parties as (  -- and the blocs the country belongs to: an EU tariff concerns Germany
    select code from codes union select bloc from bloc_members where country in (select code from asked)
)
"""
_STATEMENT_ROW = """s.date, s.speaker, s.speaker_title, a.outlet, s.kind, s.text, s.sentiment, s.sentiment_score,
    coalesce(a.canonical_url, a.url) as url, s.sources, s.id"""

QUOTES_BY_OFFICIAL = f"""select {_STATEMENT_ROW}
from statements s left join articles a on a.id = s.article_id
where {_SPEAKER_MATCH}
order by s.date desc, s.id desc"""

TIMELINE_FOR_COUNTRY = _COUNTRY_CODES + """select date, 'rate_event' as record, id,
    coalesce(imposing, '?') || ' → ' || coalesce(target, '?') as who,
    iif(rate_percent is null, '', printf('%g%% ', rate_percent)) || replace(kind, '_', ' ') || ' ' || action as what,
    null as sentiment, null as outlet, source_url as url
from rate_events where imposing in (select code from parties) or target in (select code from parties)
union all
select s.date, 'statement', s.id, s.speaker, s.text, s.sentiment, a.outlet, coalesce(a.canonical_url, a.url)
from statements s left join articles a on a.id = s.article_id
where s.id in (select statement_id from statement_countries where country in (select code from codes))
order by date, record, id"""

STATEMENTS_AROUND_EVENT = """select se.lag_days, se.relation, s.date, s.speaker, s.speaker_title, s.text, s.sentiment,
    a.outlet, coalesce(a.canonical_url, a.url) as url, s.id,
    e.date as event_date, e.kind as event_kind, e.action as event_action, e.rate_percent, e.imposing, e.target
from statement_events se
join statements s on s.id = se.statement_id
join rate_events e on e.id = se.event_id
left join articles a on a.id = s.article_id
where se.event_id = :event
order by se.lag_days, s.id"""

NUMBERS_ABOUT_COUNTRY = _COUNTRY_CODES + """select s.date, s.speaker, n.text as number, n.value, n.unit, n.measures,
    s.text as statement, a.outlet, s.id as statement_id, n.id as number_id
from statements s
join statement_numbers sn on sn.statement_id = s.id
join numbers n on n.id = sn.number_id
left join articles a on a.id = s.article_id
where s.id in (select statement_id from statement_countries where country in (select code from codes))
order by s.date desc, s.id, n.start"""

MOST_NEGATIVE_LATEST_30_DAYS = f"""select {_STATEMENT_ROW}
from statements s left join articles a on a.id = s.article_id
where s.sentiment = 'negative'
    and s.date > date((select max(date) from statements), '-30 days')
order by s.sentiment_score, s.date desc, s.id
limit 50"""

STORED_QUERIES: dict[str, dict[str, Any]] = {
    "quotes_by_official": {
        "title": "Quotes by official",
        "description": "Everything a person (under any of their names, e.g. a surname) or an organization said,"
                       " newest first.",
        "sql": QUOTES_BY_OFFICIAL, "params": ["speaker"]},
    "timeline_for_country": {
        "title": "Timeline for a country",
        "description": "Statements naming a country (ISO3 code, name or bloc) and the rate events it imposes or"
                       " faces, or that a bloc it belongs to does, in date order.",
        "sql": TIMELINE_FOR_COUNTRY, "params": ["country"]},
    "statements_around_event": {
        "title": "Statements around a rate event",
        "description": "The statements linked to one rate event (its id in rate_events or timeline), from the"
                       " earliest anticipation to the latest reaction, with the lag in days.",
        "sql": STATEMENTS_AROUND_EVENT, "params": ["event"]},
    "numbers_about_country": {
        "title": "Numbers quoted about a country",
        "description": "Every number quoted in a statement that names a country (ISO3 code, name or bloc), with"
                       " its value, unit and what it measures, newest first.",
        "sql": NUMBERS_ABOUT_COUNTRY, "params": ["country"]},
    "most_negative_latest_30_days": {
        "title": "Most negative statements in the latest 30 days of data",
        "description": "The 50 statements scored most negative among those dated within 30 days of the latest"
                       " statement in the database (empty until statements are scored for sentiment).",
        "sql": MOST_NEGATIVE_LATEST_30_DAYS},
}
