"""Rate events as one timeline: the mentions articles make grouped into real-world events, events imported
from an authoritative tracker, and statements linked to the events around them.

A mention joins an event of the same kind, action and rate whose parties agree (a party the text did not
give agrees with any; "announce" and "raise" are one action here, as outlets call the same new rate either) and whose dates lie within the event window of the mention's (its announcement and
effective dates when the text gives them, else its article's date). A threat and a later announcement
are two events; two rates are two events. An imported event takes the mentions that match it in place of
an extracted one.

A statement is linked to an event it reports (``announces``: it overlaps a mention of the event and quotes
its rate), and
to events within the link window whose imposing party or target it names or its speaker represents:
``anticipates`` before the event's date, ``reacts_to`` on or after it, with the lag in days.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

EVENT_WINDOW_DAYS = 7
LINK_WINDOW_DAYS = 14
KINDS = ("tariff", "interest_rate", "other_rate")
ACTIONS = ("announce", "raise", "cut", "hold", "pause", "threaten", "remove")
# Actions that name the same move: one outlet reports a new 84% rate as announced, another as raised.
SAME_MOVE = {"announce": ("announce", "raise"), "raise": ("announce", "raise")}


def same_move(action: str) -> tuple[str, ...]:
    return SAME_MOVE.get(action, (action,))


def day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Windows:
    event_days: int = EVENT_WINDOW_DAYS
    link_days: int = LINK_WINDOW_DAYS


MENTION_FIELDS = ("id", "article_id", "kind", "action", "rate_percent", "rate_low", "imposing", "target",
                  "date", "announced", "effective", "start", "end", "event_id")
EVENT_FIELDS = ("id", "kind", "action", "rate_percent", "rate_low", "imposing", "target", "date", "announced",
                "effective", "imported")


def _anchors(row: dict[str, Any]) -> list[dt.date]:
    """The dates an event or a mention is known by: its own announcement and effective dates, else its date."""
    own = [d for d in (day(row.get("announced")), day(row.get("effective"))) if d]
    return own or [d for d in (day(row.get("date")),) if d]


def _same_rate(a: float | None, b: float | None) -> bool:
    return a == b or (a is not None and b is not None and abs(a - b) < 1e-9)


def _agrees(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def matches(mention: dict[str, Any], event: dict[str, Any], window: int) -> int | None:
    """Days between a mention and an event that it can join, or None when it cannot."""
    if mention["kind"] != event["kind"] or event["action"] not in same_move(mention["action"]):
        return None
    if not _same_rate(mention["rate_percent"], event["rate_percent"]):
        return None
    if mention["rate_low"] is not None and event["rate_low"] is not None and \
            not _same_rate(mention["rate_low"], event["rate_low"]):
        return None
    if not (_agrees(mention["imposing"], event["imposing"]) and _agrees(mention["target"], event["target"])):
        return None
    gaps = [abs((a - b).days) for a in _anchors(mention) for b in _anchors(event)]
    if not gaps:
        return None
    gap = min(gaps)
    return gap if gap <= window else None


def _mode(values: list[str | None]) -> str | None:
    """The most frequent value (the earliest on a tie), ignoring missing ones."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


class Events:
    """Grouping, importing and linking on one connection, inside the caller's transaction."""

    def __init__(self, conn: sqlite3.Connection, now: str, windows: Windows = Windows()) -> None:
        self.conn = conn
        self.now = now
        self.windows = windows

    def _dicts(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    # -- grouping -------------------------------------------------------------------------------------

    def assign_article(self, article_id: int, before: set[int]) -> set[int]:
        """Put each of the article's mentions under its event; ``before`` are the events its mentions
        were under before this processing. Returns every event that changed (refreshed, then relinked)."""
        columns = ", ".join(f'm."{c}"' for c in MENTION_FIELDS)
        touched = set(before)
        for mention in self._dicts(f"select {columns} from rate_event_mentions m where m.article_id = ?"
                                   " order by m.id", [article_id]):
            touched |= self.assign(mention)
        for event_id in sorted(touched):
            self.refresh_event(event_id)
        return {e for e in touched if self.conn.execute("select 1 from rate_events where id = ?", [e]).fetchone()}

    def assign(self, mention: dict[str, Any]) -> set[int]:
        """Put one mention under the event it matches best (kept when it still matches), else a new one."""
        current = mention.get("event_id")
        if current is not None:
            event = self._event(current)
            if event is not None and matches(mention, event, self.windows.event_days) is not None:
                return {current}
        event_id = self._best_event(mention)
        if event_id is None:
            event_id = self.conn.execute(
                "insert into rate_events (kind, action, rate_percent, rate_low, previous_percent, imposing, target,"
                " date, announced, effective, products, source, imported, mentions, created_at)"
                " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'extracted', 0, 0, ?)",
                [mention["kind"], mention["action"], mention["rate_percent"], mention["rate_low"],
                 mention.get("previous_percent"), mention["imposing"], mention["target"], mention["date"],
                 mention["announced"], mention["effective"], "[]", self.now]).lastrowid
        self.conn.execute("update rate_event_mentions set event_id = ? where id = ?", [event_id, mention["id"]])
        touched = {event_id}
        if current is not None and current != event_id:
            touched.add(current)
        for changed in touched:
            self.refresh_event(changed)
        return touched

    def _event(self, event_id: int) -> dict[str, Any] | None:
        rows = self._dicts(f"select {', '.join(EVENT_FIELDS)} from rate_events where id = ?", [event_id])
        return rows[0] if rows else None

    def _best_event(self, mention: dict[str, Any]) -> int | None:
        anchors = _anchors(mention)
        if not anchors:
            return None
        window = dt.timedelta(days=self.windows.event_days)
        low, high = (min(anchors) - window).isoformat(), (max(anchors) + window).isoformat()
        candidates = self._dicts(
            f"select {', '.join(EVENT_FIELDS)} from rate_events where kind = :kind and action in (:action, :alike)"
            " and ((date between :low and :high) or (announced between :low and :high)"
            " or (effective between :low and :high))",
            {"kind": mention["kind"], "action": same_move(mention["action"])[0],
             "alike": same_move(mention["action"])[-1], "low": low, "high": high})
        scored = []
        for event in candidates:
            gap = matches(mention, event, self.windows.event_days)
            if gap is not None:
                exact = (event["imposing"] == mention["imposing"]) + (event["target"] == mention["target"])
                scored.append((not event["imported"], -exact, gap, event["id"]))
        return min(scored)[-1] if scored else None

    def refresh_event(self, event_id: int) -> None:
        """Recount an event from its mentions; an extracted event nobody mentions any more goes."""
        event = self.conn.execute("select imported from rate_events where id = ?", [event_id]).fetchone()
        if event is None:
            return
        mentions = self._dicts(
            "select m.action, m.imposing, m.target, m.date, m.announced, m.effective, m.products, m.previous_percent,"
            " a.published, a.outlet from rate_event_mentions m join articles a on a.id = m.article_id"
            " where m.event_id = ?", [event_id])
        if not mentions and not event[0]:
            self.conn.execute("delete from rate_events where id = ?", [event_id])
            return
        reported = sorted(m["published"][:10] for m in mentions if m["published"])
        counts = {"mentions": len(mentions), "articles_first": reported[0] if reported else None,
                  "articles_last": reported[-1] if reported else None,
                  "outlets": len({m["outlet"] for m in mentions if m["outlet"]})}
        if event[0]:  # imported: its own fields stand, only the counts follow the mentions
            self.conn.execute(
                "update rate_events set mentions = :mentions, first_reported = :articles_first,"
                " last_reported = :articles_last, outlets = :outlets where id = :id", {**counts, "id": event_id})
            return
        announced = _mode([m["announced"] for m in mentions])
        effective = _mode([m["effective"] for m in mentions])
        earliest = min((m["date"] for m in mentions if m["date"]), default=None)
        products = sorted({p for m in mentions for p in json.loads(m["products"] or "[]")})
        self.conn.execute(
            "update rate_events set action = :action, imposing = :imposing, target = :target, previous_percent = :previous,"
            " announced = :announced, effective = :effective, date = :date, products = :products,"
            " mentions = :mentions, first_reported = :articles_first, last_reported = :articles_last,"
            " outlets = :outlets where id = :id",
            {**counts, "id": event_id, "action": _mode([m["action"] for m in mentions]),
             "imposing": _mode([m["imposing"] for m in mentions]),
             "target": _mode([m["target"] for m in mentions]),
             "previous": _mode([str(m["previous_percent"]) for m in mentions if m["previous_percent"] is not None]),
             "announced": announced, "effective": effective, "date": announced or effective or earliest,
             "products": json.dumps(products, ensure_ascii=False)})

    def regroup(self) -> None:
        """Group every mention again from scratch (after the event window changed): extracted events are
        rebuilt in date order, imported ones keep their ids."""
        self.conn.execute("update rate_event_mentions set event_id = null")
        self.conn.execute("delete from statement_events")
        self.conn.execute("delete from rate_events where imported = 0")
        columns = ", ".join(f'm."{c}"' for c in MENTION_FIELDS)
        for mention in self._dicts(f"select {columns} from rate_event_mentions m order by m.date, m.article_id, m.id"):
            self.assign(mention)
        for (event_id,) in self.conn.execute("select id from rate_events where imported = 1").fetchall():
            self.refresh_event(event_id)
        for (event_id,) in self.conn.execute("select id from rate_events").fetchall():
            self.link_event(event_id)

    # -- importing ------------------------------------------------------------------------------------

    def add_imported(self, row: dict[str, Any]) -> int | None:
        """Insert an imported event unless the same one is there; it takes the mentions that match it."""
        existing = self.conn.execute("select id from rate_events where import_key = ?", [row["import_key"]]).fetchone()
        if existing:
            return None
        event_id = self.conn.execute(
            "insert into rate_events (kind, action, rate_percent, rate_low, previous_percent, imposing, target,"
            " date, announced, effective, products, source, source_url, note, imported, import_key, mentions,"
            " created_at) values (:kind, :action, :rate_percent, :rate_low, :previous_percent, :imposing, :target,"
            " :date, :announced, :effective, '[]', :source, :source_url, :note, 1, :import_key, 0, :now)",
            {**row, "date": row["announced"] or row["effective"], "now": self.now}).lastrowid
        event = self._event(event_id)
        columns = ", ".join(f'm."{c}"' for c in MENTION_FIELDS)
        moved: set[int] = set()
        alike = same_move(row["action"])
        for mention in self._dicts(f"select {columns} from rate_event_mentions m where m.kind = ?"
                                   f" and m.action in ({','.join('?' * len(alike))})", [row["kind"], *alike]):
            current = self._event(mention["event_id"]) if mention["event_id"] else None
            if matches(mention, event, self.windows.event_days) is not None and not (current and current["imported"]):
                self.conn.execute("update rate_event_mentions set event_id = ? where id = ?", [event_id, mention["id"]])
                if mention["event_id"]:
                    moved.add(mention["event_id"])
        for changed in moved | {event_id}:
            self.refresh_event(changed)
        for changed in moved | {event_id}:
            self.link_event(changed)
        return event_id

    # -- linking statements ---------------------------------------------------------------------------

    def _announced_in(self, where: str, params: list[Any]) -> list[tuple[int, int, str | None, str]]:
        """(statement, event, statement date, event date) where the statement reports the move itself: it
        overlaps a mention of the event and quotes its rate (or the move has none)."""
        return self.conn.execute(
            "select distinct ss.statement_id, m.event_id, s.date, e.date from rate_event_mentions m"
            " join statement_sources ss on ss.article_id = m.article_id and ss.start < m.\"end\""
            " and m.start < ss.\"end\" join statements s on s.id = ss.statement_id"
            " join rate_events e on e.id = m.event_id"
            f" where ({where}) and (m.rate_percent is null or exists (select 1 from statement_numbers sn"
            " join numbers n on n.id = sn.number_id where sn.statement_id = ss.statement_id"
            " and n.article_id = m.article_id and n.unit = 'percent'"
            " and (n.value = m.rate_percent or n.high = m.rate_percent)))", params).fetchall()

    def _insert_links(self, links: dict[tuple[int, int], tuple[str, int]]) -> None:
        self.conn.executemany(
            "insert or replace into statement_events (statement_id, event_id, relation, lag_days) values (?, ?, ?, ?)",
            [(s, e, relation, lag) for (s, e), (relation, lag) in links.items()])

    def _relation(self, statement_date: str | None, event_date: str) -> tuple[str, int]:
        said, when = day(statement_date), day(event_date)
        lag = (said - when).days if said and when else 0
        return ("anticipates" if lag < 0 else "reacts_to"), lag

    def link_event(self, event_id: int) -> None:
        """(Re)compute the statements linked to one event."""
        self.conn.execute("delete from statement_events where event_id = ?", [event_id])
        event = self._dicts("select id, date, imposing, target from rate_events where id = ?", [event_id])
        if not event or not day(event[0]["date"]):
            return
        event = event[0]
        links = {(s, e): ("announces", self._relation(sd, ed)[1])
                 for s, e, sd, ed in self._announced_in("m.event_id = ?", [event_id])}
        window = dt.timedelta(days=self.windows.link_days)
        when = day(event["date"])
        low, high = (when - window).isoformat(), (when + window).isoformat()
        parties = [p for p in (event["imposing"], event["target"]) if p]
        if parties:
            marks = ",".join("?" * len(parties))
            nearby = self.conn.execute(
                f"select sc.statement_id, sc.date from statement_countries sc where sc.country in ({marks})"
                f" and sc.date between ? and ?"
                f" union select s.id, s.date from statements s join people p on p.id = s.person_id"
                f" where p.country in ({marks}) and s.date between ? and ?"
                f" union select s.id, s.date from statements s join organizations o on o.id = s.organization_id"
                f" where (o.country in ({marks}) or o.name in ({marks}) collate nocase) and s.date between ? and ?",
                [*parties, low, high, *parties, low, high, *parties, *parties, low, high])
            for statement_id, statement_date in nearby:
                links.setdefault((statement_id, event_id), self._relation(statement_date, event["date"]))
        self._insert_links(links)

    def link_statements(self, statement_ids: set[int]) -> None:
        """(Re)compute the events linked to these statements (their words, dates or speakers changed)."""
        for statement_id in sorted(statement_ids):
            self.conn.execute("delete from statement_events where statement_id = ?", [statement_id])
            row = self.conn.execute(
                "select s.date, p.country, o.country, o.name from statements s left join people p on p.id = s.person_id"
                " left join organizations o on o.id = s.organization_id where s.id = ?", [statement_id]).fetchone()
            if row is None:
                continue
            said = day(row[0])
            links = {(s, e): ("announces", self._relation(sd, ed)[1])
                     for s, e, sd, ed in self._announced_in("ss.statement_id = ?", [statement_id])}
            if said:
                parties = {c for (c,) in self.conn.execute(
                    "select country from statement_countries where statement_id = ?", [statement_id])}
                parties |= {v for v in row[1:] if v}
                parties_folded = {p.lower() for p in parties}
                window = dt.timedelta(days=self.windows.link_days)
                for event_id, event_date, imposing, target in self.conn.execute(
                        "select id, date, imposing, target from rate_events where date between ? and ?",
                        [(said - window).isoformat(), (said + window).isoformat()]):
                    if {(imposing or "").lower(), (target or "").lower()} & parties_folded:
                        links.setdefault((statement_id, event_id), self._relation(row[0], event_date))
            self._insert_links(links)
