"""The rows of a quote timeline: one series per speaker or country (or a search), every statement of the
series in date order, and the rate events of the span that relate to them (`cli.py export timeline`)."""
from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from db.names import Resolved, resolve
from db.queries import BadSearch, StatementFilter, _marks, rate_events_between, statement_conditions, statements


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


