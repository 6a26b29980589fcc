"""Each question users ask of the store, as SQL in one place: `query`, the timeline export and Datasette's
stored queries build on it.

:class:`StatementFilter` holds the filters that compose (a list is an OR, different filters AND);
:func:`resolve` (in :mod:`db.names`, importable from here) turns the names a user typed into ids and codes, or
raises :class:`UnknownValue` with suggestions. Reads only.

Statements come in date order with LIMIT, so the plan matters on a large store: a filter that matches few
rows (a rare search term, a small country) is read first and sorted; one that matches many is checked row by
row while the date index is walked, which stops after LIMIT rows (see :func:`statement_plan`).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from db.identities import USUAL_ROLE_ORDER
from db.names import (  # noqa: F401 -- name resolution, re-exported: callers import it from here
    Resolved,
    UnknownValue,
    countries_named,
    groups_named,
    organizations_named,
    outlets_named,
    people_named,
    resolve,
)

KINDS = ("direct", "indirect")
SENTIMENTS = ("negative", "neutral", "positive")
EVENT_KINDS = ("tariff", "interest_rate", "other_rate")
EVENT_ACTIONS = ("announce", "raise", "cut", "hold", "pause", "threaten", "remove")
CLAIM_TYPES = ("numeric", "comparison", "causal", "factual", "prediction")
STATEMENT_ORDERS = ("date", "newest", "relevance")
# Statements in date order with LIMIT on a large store: a filter held in another table (full text, countries,
# outlets, events) is checked one of three ways, chosen from how many statements it matches (see
# statement_plan; bench/query.py measures them on a million statements). Fewer than RARE: its rows are read
# first and sorted. Many: its matches are gathered once into a set and the date index walked with the set as a
# filter. So many that LIMIT rows come within a short walk: each statement of the walk is probed in its index.
RARE = 2000
# What one probe costs against gathering one row into the set (measured): a full-text probe re-opens the
# term's doclist, a country, outlet or event probe is a primary-key lookup.
PROBE_COST = {"search": 270.0, "countries": 5.0, "outlets": 5.0, "events": 5.0}


class BadSearch(ValueError):
    """A full-text query the engine cannot parse (the message is SQLite's, on one line)."""


@dataclass
class StatementFilter:
    speakers: list[str] = field(default_factory=list)  # people (any alias), organizations or unnamed groups
    countries: list[str] = field(default_factory=list)  # ISO3, a name, or a bloc code (its members)
    organizations: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    kinds: list[str] = field(default_factory=list)
    sentiments: list[str] = field(default_factory=list)
    search: str | None = None  # FTS5 query syntax
    events: list[int] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)  # statement ids


def _marks(values: list[Any]) -> str:
    return ",".join("?" * len(values))


def set_filters(f: StatementFilter, r: Resolved) -> dict[str, tuple[str, list[Any], str, list[Any]]]:
    """The filters held in other tables, each as (SQL of the statement ids it matches, its parameters, a condition
    probing one statement ``s``, its parameters)."""
    out = {}
    if f.search:
        out["search"] = ("select rowid from statements_fts where statements_fts match ?", [f.search],
                         "exists (select 1 from statements_fts where statements_fts match ? and rowid = s.id)",
                         [f.search])
    if f.countries:
        marks = _marks(r.countries)
        dates = [d for d in (f.since, f.until) if d]
        out["countries"] = (
            f"select statement_id from statement_countries where country in ({marks})"
            + (" and date >= ?" if f.since else "") + (" and date <= ?" if f.until else ""), r.countries + dates,
            f"exists (select 1 from statement_countries sc where sc.statement_id = s.id and sc.country in ({marks}))",
            r.countries)
    if f.outlets:
        marks = _marks(r.outlets)
        out["outlets"] = (f"select statement_id from statement_sources where outlet in ({marks})", r.outlets,
                          f"exists (select 1 from statement_sources ss where ss.statement_id = s.id"
                          f" and ss.outlet in ({marks}))", r.outlets)
    if f.events:
        marks = _marks(f.events)
        out["events"] = (f"select statement_id from statement_events where event_id in ({marks})", f.events,
                         f"exists (select 1 from statement_events se where se.statement_id = s.id"
                         f" and se.event_id in ({marks}))", f.events)
    return out


def statement_conditions(f: StatementFilter, r: Resolved, *, plan: dict[str, str] | None = None,
                         search: str | None = None) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``s`` (statements) for a filter, with their parameters.

    ``plan`` says how each filter of :func:`set_filters` is checked: ``sort`` (``s.id in (its ids)``, which
    SQLite may read first), ``filter`` (the same set as a filter only: another index drives), ``probe`` (each
    statement looked up) or ``none`` (left out: the caller joins it itself); ``sort`` when not given.
    ``search`` alone sets the way of the search."""
    plan = {**(plan or {}), **({"search": search} if search else {})}
    where: list[str] = []
    params: list[Any] = []
    if f.ids:
        where.append(f"s.id in ({_marks(f.ids)})")
        params += f.ids
    if f.speakers:
        parts = []
        if r.person_ids:
            parts.append(f"s.person_id in ({_marks(r.person_ids)})")
            params += r.person_ids
        if r.speaker_org_ids:
            parts.append(f"(s.person_id is null and s.organization_id in ({_marks(r.speaker_org_ids)}))")
            params += r.speaker_org_ids
        if r.speaker_words:
            parts.append(f"(s.person_id is null and s.organization_id is null and s.speaker collate nocase"
                         f" in ({_marks(r.speaker_words)}))")
            params += r.speaker_words
        where.append("(" + " or ".join(parts or ["0"]) + ")")
    if f.organizations:
        where.append(f"s.organization_id in ({_marks(r.org_ids)})")
        params += r.org_ids
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
    for name, (rows_sql, rows_params, probe_sql, probe_params) in set_filters(f, r).items():
        how = plan.get(name, "sort")
        if how in ("sort", "filter"):
            where.append(("+" if how == "filter" else "") + f"s.id in ({rows_sql})")
            params += rows_params
        elif how == "probe":
            where.append(probe_sql)
            params += probe_params
    return where, params


STATEMENT_COLUMNS = """
    s.id, s.date, s.speaker, s.speaker_title, s.organization, a.outlet, s.kind, s.text, s.sentiment,
    s.sentiment_score,
    (select json_group_array(country) from (select country from statement_countries sc
        where sc.statement_id = s.id order by country)) as countries,
    (select json_group_array(text) from (select distinct n.text from statement_numbers sn
        join numbers n on n.id = sn.number_id where sn.statement_id = s.id order by n.id)) as numbers,
    coalesce(a.canonical_url, a.url) as url, a.title as article_title, s.sources,
    case when s.sources > 1 then (select json_group_array(outlet) from (select distinct outlet
        from statement_sources ss where ss.statement_id = s.id and outlet is not null order by outlet))
        else json_array(a.outlet) end as outlets,
    s.cue, s.speaker_text, s.speaker_kind, s.confidence, s.person_id, s.organization_id, s.article_id
"""
LIST_COLUMNS = ("countries", "numbers", "outlets")


def _count_capped(conn: sqlite3.Connection, sql: str, params: list[Any], cap: int) -> int:
    return conn.execute(f"select count(*) from ({sql} limit {int(cap)})", params).fetchone()[0]


def _search_count(conn: sqlite3.Connection, search: str, cap: int) -> int:
    """How many statements the full-text query matches, counted up to ``cap``; BadSearch when it cannot parse."""
    try:
        return _count_capped(conn, "select 1 from statements_fts where statements_fts match ?", [search], cap)
    except sqlite3.OperationalError as error:
        raise BadSearch(f"cannot read the search {search!r}: {error}") from error


def statement_plan(conn: sqlite3.Connection, f: StatementFilter, r: Resolved, limit: int | None) -> dict[str, str]:
    """How each filter of :func:`set_filters` is checked when reading statements in date order (see RARE and
    statement_conditions), from how many statements each matches, counted only up to the thresholds.

    The rarest filter under RARE rows drives (``sort``); the others are probed when probes are cheap, else
    gathered (``filter``). Without such a driver, a filter is probed when it matches so many statements that
    a walk of the date index meets LIMIT of them soon: M >= sqrt(LIMIT x PROBE_COST x statements), where
    probing the statements the walk meets costs what gathering M rows would. That walk needs a LIMIT and the
    date index to walk (no speaker, organization or id filter, whose indexes SQLite walks instead)."""
    filters = set_filters(f, r)
    if not filters:
        return {}
    total = conn.execute("select coalesce(max(id), 0) from statements").fetchone()[0]
    walks_dates = limit is not None and not (f.speakers or f.organizations or f.ids)
    common = {name: max(RARE, int(((limit or 0) * PROBE_COST[name] * total) ** 0.5)) for name in filters}
    counts = {}
    for name, (rows_sql, rows_params, _, _) in filters.items():
        if name == "search":
            counts[name] = _search_count(conn, f.search or "", common[name])
        else:
            counts[name] = _count_capped(conn, rows_sql, rows_params, common[name])
    rarest = min(counts, key=lambda name: counts[name])
    driver = rarest if counts[rarest] < RARE else None
    plan = {}
    for name, n in counts.items():
        if name == driver:
            plan[name] = "sort"
        elif driver is not None:
            plan[name] = "probe" if PROBE_COST[name] <= 10 else "filter"
        else:
            plan[name] = "probe" if walks_dates and n >= common[name] else "filter"
    return plan


def _snippet_column(f: StatementFilter, highlight: tuple[str, str] | None) -> tuple[str, list[Any]]:
    if not (f.search and highlight):
        return "", []
    return (", (select snippet(statements_fts, 0, ?, ?, '…', 32) from statements_fts"
            " where statements_fts match ? and rowid = s.id) as snippet", [highlight[0], highlight[1], f.search])


def statements(conn: sqlite3.Connection, f: StatementFilter, *, order: str = "date", limit: int | None = None,
               highlight: tuple[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Statements matching ``f`` as dicts with `extract`'s field names (``countries``, ``numbers`` and
    ``outlets`` as lists), streamed. ``order``: ``date`` (oldest first), ``newest`` (or ``-date``) or
    ``relevance`` (full-text rank; needs a search). With a search and ``highlight`` (the marks to put around
    the words that matched), each row has a ``snippet``. Raises UnknownValue or BadSearch."""
    r = resolve(conn, f)
    descending = order in ("newest", "-date")
    direction = " desc" if descending else ""
    snippet_sql, snippet_params = _snippet_column(f, highlight)
    if order == "relevance" and f.search:
        _search_count(conn, f.search, 1)  # a query that cannot parse is a BadSearch, not a crash mid-stream
        where, params = statement_conditions(f, r, plan={"search": "none"})
        source = "statements_fts cross join statements s on s.id = statements_fts.rowid"
        where, params = ["statements_fts match ?", *where], [f.search, *params]
        key, direction = "statements_fts.rank", ""
    else:
        where, params = statement_conditions(f, r, plan=statement_plan(conn, f, r, limit))
        source, key = "statements s", "s.date"
    condition = " where " + " and ".join(where) if where else ""
    if limit:
        # the ids first, then the columns (subqueries for lists and the snippet) for those rows only: a rare
        # filter's matches are sorted without computing every column of each
        sql = (f"select {STATEMENT_COLUMNS}{snippet_sql} from (select s.id, {key} as sort_key from {source}{condition}"
               f" order by {key}{direction}, s.id{direction} limit ?) as chosen cross join statements s"
               f" on s.id = chosen.id left join articles a on a.id = s.article_id"
               f" order by chosen.sort_key{direction}, chosen.id{direction}")
        params.append(limit)
    else:  # every row, in the order an index gives where it can: no sort of whole rows
        sql = (f"select {STATEMENT_COLUMNS}{snippet_sql} from {source} left join articles a on a.id = s.article_id"
               f"{condition} order by {key}{direction}, s.id{direction}")
    yield from _rows(conn.execute(sql, [*snippet_params, *params]))


def _rows(cursor: sqlite3.Cursor, lists: Iterable[str] = (*LIST_COLUMNS, "aliases")) -> Iterator[dict[str, Any]]:
    """Rows as dicts, the ``lists`` columns (JSON arrays in SQL) as lists."""
    names = [d[0] for d in cursor.description]
    positions = [i for i, name in enumerate(names) if name in lists]
    for row in cursor:
        item = dict(zip(names, row))
        for i in positions:
            value = row[i]
            item[names[i]] = [x for x in json.loads(value) if x is not None] if value else []
        yield item


def _filtered(conn: sqlite3.Connection, f: StatementFilter) -> tuple[str, list[Any]]:
    """A WHERE clause on ``s`` for aggregates over every matching statement (plans for sets, not for LIMIT)."""
    where, params = statement_conditions(f, resolve(conn, f))
    if f.search:
        _search_count(conn, f.search, 1)
    return (" and ".join(where) if where else "1"), params


def _has_filter(f: StatementFilter) -> bool:
    return f != StatementFilter()


def _limit(sql: str, params: list[Any], limit: int | None) -> tuple[str, list[Any]]:
    return (sql + " limit ?", [*params, limit]) if limit else (sql, params)


# -- who, where: people, organizations, countries ---------------------------------------------------------------

def people(conn: sqlite3.Connection, f: StatementFilter, *, order: str = "statements", limit: int | None = None
           ) -> Iterator[dict[str, Any]]:
    """People with how often they are quoted in the statements matching ``f`` (every person, quoted or only
    named, when ``f`` is empty); ``order``: ``statements`` (most first), ``name`` or ``newest`` (latest quote)."""
    where, params = _filtered(conn, f)
    join = "left join" if not _has_filter(f) else "join"
    orders = {"statements": "statements desc, p.name", "name": "p.name", "newest": "last_quoted desc, p.name"}
    sql = f"""
        with quoted as (
            select s.person_id, count(*) as n, count(distinct s.article_id) as articles, min(s.date) as first_quoted,
                   max(s.date) as last_quoted
            from statements s where s.person_id is not null and {where} group by s.person_id)
        select p.id, p.name,
            (select title from person_roles r where r.person_id = p.id order by {USUAL_ROLE_ORDER} limit 1) as title,
            (select organization from person_roles r where r.person_id = p.id order by {USUAL_ROLE_ORDER} limit 1)
                as organization,
            p.country, coalesce(q.n, 0) as statements, coalesce(q.articles, 0) as articles, q.first_quoted,
            q.last_quoted,
            (select json_group_array(alias) from (select alias from person_aliases pa where pa.person_id = p.id
             and alias != p.name order by articles desc, alias)) as aliases
        from people p {join} quoted q on q.person_id = p.id
        order by {orders.get(order, orders['statements'])}"""
    yield from _rows(conn.execute(*_limit(sql, params, limit)))


def organizations(conn: sqlite3.Connection, f: StatementFilter, *, order: str = "statements",
                  limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Organizations with the statements matching ``f`` made in their name (``own``) or by their people."""
    where, params = _filtered(conn, f)
    join = "left join" if not _has_filter(f) else "join"
    orders = {"statements": "statements desc, o.name", "name": "o.name", "newest": "last_quoted desc, o.name"}
    sql = f"""
        with quoted as (
            select s.organization_id, count(*) as n, sum(s.person_id is null) as own,
                   count(distinct s.person_id) as people, min(s.date) as first_quoted, max(s.date) as last_quoted
            from statements s where s.organization_id is not null and {where} group by s.organization_id)
        select o.id, o.name, o.country, coalesce(q.n, 0) as statements, coalesce(q.own, 0) as own,
            coalesce(q.people, 0) as people, q.first_quoted, q.last_quoted,
            (select json_group_array(alias) from (select alias from organization_aliases oa
             where oa.organization_id = o.id and alias != o.name order by alias)) as aliases
        from organizations o {join} quoted q on q.organization_id = o.id
        order by {orders.get(order, orders['statements'])}"""
    yield from _rows(conn.execute(*_limit(sql, params, limit)))


def countries(conn: sqlite3.Connection, f: StatementFilter, *, order: str = "statements", limit: int | None = None
              ) -> Iterator[dict[str, Any]]:
    """Countries and blocs named in the statements matching ``f``, with how many statements and speakers."""
    where, params = _filtered(conn, f)
    orders = {"statements": "statements desc, c.code", "name": "c.name", "newest": "last_quoted desc, c.code"}
    sql = f"""
        select c.code, c.name, c.kind, count(*) as statements,
            count(distinct coalesce('p' || s.person_id, 'o' || s.organization_id, 'g' || s.speaker)) as speakers,
            min(s.date) as first_quoted, max(s.date) as last_quoted
        from statement_countries sc join statements s on s.id = sc.statement_id join countries c on c.code = sc.country
        where {where} group by c.code order by {orders.get(order, orders['statements'])}"""
    yield from _rows(conn.execute(*_limit(sql, params, limit)))


# -- what: numbers, claims, articles ------------------------------------------------------------------------------

def numbers(conn: sqlite3.Connection, f: StatementFilter, *, units: list[str] | None = None,
            measures: list[str] | None = None, order: str = "date", limit: int | None = None
            ) -> Iterator[dict[str, Any]]:
    """Numbers quoted in the statements matching ``f`` (`extract`'s number fields), each with its statement (a
    number that several sources of one statement quote is listed once)."""
    where, params = _filtered(conn, f)
    if units:
        where += f" and n.unit in ({_marks(units)})"
        params += units
    if measures:
        where += " and (" + " or ".join("n.measures like ?" for _ in measures) + ")"
        params += [f"%{m}%" for m in measures]
    direction = " desc" if order == "newest" else ""
    sql = f"""
        select n.id, n.text, n.value, n.high, n.unit, n.approx, n.scale, n.measures, s.id as statement_id, s.date,
            s.speaker, s.speaker_title, s.text as statement,
            (select json_group_array(country) from (select country from statement_countries sc
             where sc.statement_id = s.id order by country)) as countries, a.outlet
        from statements s
        join (select sn.statement_id, min(sn.number_id) as number_id from statement_numbers sn
              join numbers m on m.id = sn.number_id group by sn.statement_id, m.text, m.unit, m.value) sn
            on sn.statement_id = s.id
        join numbers n on n.id = sn.number_id
        left join articles a on a.id = s.article_id
        where {where} order by s.date{direction}, s.id{direction}, n.id"""
    yield from _rows(conn.execute(*_limit(sql, params, limit)))


def claims(conn: sqlite3.Connection, f: StatementFilter, *, types: list[str] | None = None,
           min_score: float | None = None, order: str = "date", limit: int | None = None
           ) -> Iterator[dict[str, Any]]:
    """Check-worthy claims of the articles (dated by their article). Of ``f`` apply: outlets, dates, countries
    (articles naming them), speakers (claims inside their statements) and search (articles matching it)."""
    r = resolve(conn, f)
    where, params = _article_conditions(conn, f, r, "c.article_id")
    if f.speakers:
        speaker_where, speaker_params = statement_conditions(StatementFilter(speakers=f.speakers), r)
        where.append("exists (select 1 from statement_sources ss join statements s on s.id = ss.statement_id"
                     " where ss.article_id = c.article_id and ss.start < c.\"end\" and coalesce(ss.\"end\", ss.start)"
                     f" > c.start and {' and '.join(speaker_where)})")
        params += speaker_params
    if types:
        where.append(f"c.type in ({_marks(types)})")
        params += types
    if min_score is not None:
        where.append("c.score >= ?")
        params.append(min_score)
    orders = {"date": "date, c.id", "newest": "date desc, c.id desc", "score": "c.score desc, date desc, c.id"}
    sql = ("select c.id, c.text, c.type, c.score, substr(a.published, 1, 10) as date, a.outlet,"
           " a.title as article_title, coalesce(a.canonical_url, a.url) as url, c.article_id, c.start, c.\"end\""
           " from claims c join articles a on a.id = c.article_id"
           + (" where " + " and ".join(where) if where else "") + f" order by {orders.get(order, orders['date'])}")
    yield from _rows(conn.execute(*_limit(sql, params, limit)))


def _article_conditions(conn: sqlite3.Connection, f: StatementFilter, r: Resolved, article: str
                        ) -> tuple[list[str], list[Any]]:
    """Conditions on the article ``a`` (whose id is ``article``) for the filter's dates, outlets, countries and
    search; BadSearch for a search FTS5 cannot read."""
    where: list[str] = []
    params: list[Any] = []
    if f.since:
        where.append("a.published >= ?")
        params.append(f.since)
    if f.until:
        where.append("a.published < ?")
        params.append(_next_day(f.until))
    if f.outlets:
        where.append(f"a.outlet in ({_marks(r.outlets)})")
        params += r.outlets
    if f.countries:
        where.append(f"{article} in (select article_id from article_countries where country in"
                     f" ({_marks(r.countries)}))")
        params += r.countries
    if f.search:
        try:
            conn.execute("select 1 from articles_fts where articles_fts match ? limit 1", [f.search]).fetchall()
        except sqlite3.OperationalError as error:
            raise BadSearch(f"cannot read the search {f.search!r}: {error}") from error
        where.append(f"{article} in (select rowid from articles_fts where articles_fts match ?)")
        params.append(f.search)
    return where, params


def articles(conn: sqlite3.Connection, f: StatementFilter, *, order: str = "date", limit: int | None = None,
             highlight: tuple[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """Articles by publication date. Of ``f`` apply: outlets, dates, countries (articles naming them), speakers
    (articles quoting them) and search (title and body, with a ``snippet`` of the body when ``highlight``)."""
    r = resolve(conn, f)
    where, params = _article_conditions(conn, f, r, "a.id")
    if f.speakers:
        speaker_where, speaker_params = statement_conditions(StatementFilter(speakers=f.speakers), r)
        where.append("a.id in (select ss.article_id from statement_sources ss join statements s"
                     f" on s.id = ss.statement_id where {' and '.join(speaker_where)})")
        params += speaker_params
    snippet, snippet_params = "", []
    if f.search and highlight:
        snippet = (", (select snippet(articles_fts, 1, ?, ?, '…', 24) from articles_fts"
                   " where articles_fts match ? and rowid = a.id) as snippet")
        snippet_params = [highlight[0], highlight[1], f.search]
    orders = {"date": "a.published, a.id", "newest": "a.published desc, a.id desc", "outlet": "a.outlet, a.published"}
    sql = (f"select a.id, a.published, a.outlet, a.title, coalesce(a.canonical_url, a.url) as url, a.language,"
           f" (select count(distinct statement_id) from statement_sources ss where ss.article_id = a.id) as statements,"
           f" a.duplicate_of, a.sentiment, a.sentiment_score{snippet} from articles a"
           + (" where " + " and ".join(where) if where else "") + f" order by {orders.get(order, orders['date'])}")
    yield from _rows(conn.execute(*_limit(sql, [*snippet_params, *params], limit)))


def _next_day(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


# -- when: rate events and tone over time ------------------------------------------------------------------------

def rate_events_between(conn: sqlite3.Connection, since: str | None, until: str | None,
                        parties: list[str] | None = None) -> list[dict[str, Any]]:
    """Events of the timeline in a span (and, when given, whose imposing party or target is one of ``parties``),
    as the timeline view has them (``products`` the JSON text it stores)."""
    return list(rate_events(conn, StatementFilter(since=since, until=until), parties=parties,
                            products_as_list=False))


def rate_events(conn: sqlite3.Connection, f: StatementFilter | None = None, *, kinds: list[str] | None = None,
                actions: list[str] | None = None, parties: list[str] | None = None, order: str = "date",
                limit: int | None = None, products_as_list: bool = True) -> Iterator[dict[str, Any]]:
    """Rate events of the timeline view (``products`` as a list unless ``products_as_list`` is false). Of ``f``
    apply: dates (the event's), countries (imposing or targeted; a bloc's members too), events (ids) and speakers
    (events their statements are linked to); ``parties`` are codes taken as given."""
    f = f or StatementFilter()
    r = resolve(conn, f)
    where, params = [], []
    for column, values in (("kind", kinds), ("action", actions), ("id", f.events)):
        if values:
            where.append(f"{column} in ({_marks(values)})")
            params += values
    if f.since:
        where.append("date >= ?")
        params.append(f.since)
    if f.until:
        where.append("date <= ?")
        params.append(f.until)
    codes = list(dict.fromkeys([*(parties or []), *r.countries]))
    if codes:
        where.append(f"(imposing in ({_marks(codes)}) or target in ({_marks(codes)}))")
        params += codes + codes
    if f.speakers:
        speaker_where, speaker_params = statement_conditions(StatementFilter(speakers=f.speakers), r)
        where.append("id in (select se.event_id from statement_events se join statements s on s.id = se.statement_id"
                     f" where {' and '.join(speaker_where)})")
        params += speaker_params
    orders = {"date": "date, id", "newest": "date desc, id desc", "statements": "statements desc, date, id",
              "mentions": "mentions desc, date, id"}
    sql = ("select * from timeline" + (" where " + " and ".join(where) if where else "")
           + f" order by {orders.get(order, orders['date'])}")
    yield from _rows(conn.execute(*_limit(sql, params, limit)), lists=("products",) if products_as_list else ())


def period_of(day: str, by: str) -> str | None:
    """The week (its Monday, YYYY-MM-DD) or month (YYYY-MM) a date falls in; None for a date that is not one."""
    try:
        d = date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None
    return (d - timedelta(days=d.weekday())).isoformat() if by == "week" else d.isoformat()[:7]


def _periods(first: str, last: str, by: str) -> list[str]:
    """Every week (its Monday) or month from ``first`` to ``last``."""
    out = []
    if by == "week":
        day, end = date.fromisoformat(first), date.fromisoformat(last)
        while day <= end:
            out.append(day.isoformat())
            day += timedelta(days=7)
    else:
        year, month = map(int, first.split("-"))
        while f"{year:04d}-{month:02d}" <= last:
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def tone_series(f: StatementFilter) -> list[tuple[str, StatementFilter]]:
    """One series per speaker when several are asked for, else one per country, else one for the filter."""
    if len(f.speakers) > 1:
        return [(name, replace(f, speakers=[name])) for name in f.speakers]
    if len(f.countries) > 1:
        return [(code, replace(f, countries=[code])) for code in f.countries]
    named = f.speakers or f.countries or ([f.search] if f.search else ["all"])
    return [(named[0], f)]


TONE_FIELDS = ("statements", "scored", "score_sum", "negative", "neutral", "positive")


def tone(conn: sqlite3.Connection, f: StatementFilter, *, by: str = "week") -> list[dict[str, Any]]:
    """Statement count and mean sentiment per week (dated by its Monday) or month, per series (see
    :func:`tone_series`); periods with no statement between the first and the last are rows with a count of 0,
    so a chart's gaps are real. ``sentiment_score`` is the mean over the statements that have one (``scored``).

    SQLite groups by day along the speaker's (or date) index, which holds the sentiment columns; days are
    summed into weeks or months here."""
    if by not in ("week", "month"):
        raise ValueError(f"tone by {by!r}: week or month")
    found: list[tuple[str, dict[str, list[float]]]] = []
    for label, series_filter in tone_series(f):
        where, params = _filtered(conn, series_filter)
        cursor = conn.execute(
            "select s.date, count(*), count(s.sentiment_score), total(s.sentiment_score),"
            " sum(s.sentiment = 'negative'), sum(s.sentiment = 'neutral'), sum(s.sentiment = 'positive')"
            f" from statements s where s.date is not null and {where} group by s.date", params)
        sums: dict[str, list[float]] = {}
        for day, *values in cursor:
            period = period_of(day, by)
            if period is not None:
                total = sums.setdefault(period, [0] * len(TONE_FIELDS))
                for i, value in enumerate(values):
                    total[i] += value or 0
        found.append((_series_name(conn, label, series_filter), sums))
    periods = sorted({p for _, sums in found for p in sums})
    if not periods:
        return []
    out = []
    for name, sums in found:
        for period in _periods(periods[0], periods[-1], by):
            n, scored, score_sum, negative, neutral, positive = sums.get(period, [0] * len(TONE_FIELDS))
            out.append({"series": name, "period": period, "statements": int(n), "scored": int(scored),
                        "sentiment_score": round(score_sum / scored, 3) if scored else None,
                        "negative": int(negative), "neutral": int(neutral), "positive": int(positive)})
    return out


def _series_name(conn: sqlite3.Connection, label: str, f: StatementFilter) -> str:
    """A speaker series is named by its canonical name when the name stands for one person."""
    if f.speakers == [label]:
        ids = people_named(conn, label)
        if len(ids) == 1:
            return conn.execute("select name from people where id = ?", ids).fetchone()[0]
    return label
