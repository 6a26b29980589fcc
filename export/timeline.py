"""A quote timeline as data: statements and rate events in date order, one series per speaker, country or
search, written as CSV or JSON while the rows stream in (memory stays flat in the row count)."""
from __future__ import annotations

import csv
import heapq
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

STATEMENT_FIELDS = ("series", "record", "date", "id", "speaker", "speaker_title", "organization", "outlet", "kind",
                    "text", "sentiment", "sentiment_score", "countries", "numbers", "url", "article_title",
                    "sources")
EVENT_FIELDS = ("series", "record", "date", "id", "kind", "action", "rate_percent", "rate_low", "previous_percent",
                "imposing", "target", "products", "announced", "effective", "mentions", "outlets", "statements",
                "source", "source_url", "related")
CSV_FIELDS = tuple(dict.fromkeys(STATEMENT_FIELDS + EVENT_FIELDS))
LIST_SEPARATOR = "; "


@dataclass
class Timeline:
    """What a timeline shows. ``statements`` may be a stream (read once); ``events`` is small and a list.
    Every row carries its ``series`` label and its ``record`` (``statement`` or ``rate_event``)."""

    series: list[dict[str, str]]  # label, by (speaker, country or search), value as given
    since: str | None
    until: str | None
    statements: Iterable[dict[str, Any]]
    events: list[dict[str, Any]] = field(default_factory=list)


def _order(row: dict[str, Any]) -> tuple:
    return (row["date"] is not None, row["date"] or "", row["record"] != "rate_event", row["id"])


def records(timeline: Timeline) -> Iterator[dict[str, Any]]:
    """Statements and rate events merged in date order (on one day, events first), streamed."""
    return heapq.merge(timeline.events, timeline.statements, key=_order)


def _pick(row: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: row.get(name) for name in fields}


def statement_row(row: dict[str, Any]) -> dict[str, Any]:
    return _pick(row, STATEMENT_FIELDS)


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    return _pick(row, EVENT_FIELDS)


def _cell(value: Any) -> Any:
    return LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list) else value


def write_csv(timeline: Timeline, out: TextIO) -> int:
    """One CSV row per statement or rate event and series, in date order; lists joined with "; ".
    Returns the number of rows written."""
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    count = 0
    for row in records(timeline):
        # a statement has none of an event's own fields, nor an event a statement's, so one pick serves both
        writer.writerow([_cell(row.get(name)) for name in CSV_FIELDS])
        count += 1
    return count


def write_json(timeline: Timeline, out: TextIO) -> int:
    """``{"series", "since", "until", "statements": [...], "rate_events": [...]}``, each list in date order,
    written row by row. Returns the number of statements and events written."""
    out.write("{" + f'"series": {json.dumps(timeline.series, ensure_ascii=False)}, '
              f'"since": {json.dumps(timeline.since)}, "until": {json.dumps(timeline.until)},\n "statements": [')
    count = 0
    for i, row in enumerate(timeline.statements):
        out.write(("," if i else "") + "\n  " + json.dumps(statement_row(row), ensure_ascii=False))
        count += 1
    out.write("\n ],\n \"rate_events\": [")
    for i, row in enumerate(timeline.events):
        out.write(("," if i else "") + "\n  " + json.dumps(event_row(row), ensure_ascii=False))
        count += 1
    out.write("\n ]\n}\n")
    return count
