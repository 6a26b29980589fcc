"""Rate events from an authoritative source (a tariff tracker, a central bank's decision history) as CSV.

Columns (a header line first; only ``kind``, ``action`` and one of the dates are required):

    kind              tariff | interest_rate | other_rate
    imposing          who moves the rate: ISO3 code, bloc code or the central bank's name
    target            on whom or what: ISO3, bloc, ALL or a product
    rate_percent      the rate after the move, in percent (the upper bound of a range)
    rate_low          the lower bound of a range, in percent
    previous_percent  the rate before the move, in percent
    action            announce | raise | cut | hold | pause | threaten | remove
    announced         when the move was announced (YYYY-MM-DD)
    effective         when it takes effect (YYYY-MM-DD)
    source_url        where the source publishes it
    note              anything else

A file with any bad line is refused whole, with the line and column of the first problem.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path
from typing import Any

from db.events import ACTIONS, KINDS

COLUMNS = ("kind", "imposing", "target", "rate_percent", "rate_low", "previous_percent", "action", "announced",
           "effective", "source_url", "note")
RATES = ("rate_percent", "rate_low", "previous_percent")
DATES = ("announced", "effective")


class ImportError_(Exception):
    """A malformed events file; the message names the line and the column."""


def _problem(path: str, line: int, column: str | None, message: str) -> ImportError_:
    where = f"{path}, line {line}" + (f", column {column}" if column else "")
    return ImportError_(f"{where}: {message}")


def read_events(path: str | Path, source: str) -> list[dict[str, Any]]:
    """Every event of the file, checked; raises ImportError_ at the first problem."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportError_(f"{name}: cannot read ({error})") from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if not header:
        raise _problem(name, 1, None, "empty file, expected a header line: " + ",".join(COLUMNS))
    for column in header:
        if column not in COLUMNS:
            raise _problem(name, 1, column, f"unknown column (expected some of {', '.join(COLUMNS)})")
    for needed in ("kind", "action"):
        if needed not in header:
            raise _problem(name, 1, needed, "missing column")
    if not set(DATES) & set(header):
        raise _problem(name, 1, "announced", "missing column: give announced or effective")
    events = []
    for row in reader:
        line = reader.line_num
        if None in row:
            raise _problem(name, line, None, f"{len(header) + len(row[None])} fields, the header has {len(header)}")
        events.append(_event(name, line, {k: (v or "").strip() for k, v in row.items()}, source))
    if not events:
        raise _problem(name, 2, None, "no events after the header")
    return events


def _event(name: str, line: int, row: dict[str, str], source: str) -> dict[str, Any]:
    event: dict[str, Any] = {c: row.get(c) or None for c in COLUMNS}
    if event["kind"] not in KINDS:
        raise _problem(name, line, "kind", f"{row.get('kind')!r} is not one of {', '.join(KINDS)}")
    if event["action"] not in ACTIONS:
        raise _problem(name, line, "action", f"{row.get('action')!r} is not one of {', '.join(ACTIONS)}")
    for column in RATES:
        if event[column] is not None:
            try:
                event[column] = float(event[column].rstrip("%"))
            except ValueError:
                raise _problem(name, line, column, f"{row[column]!r} is not a number") from None
    for column in DATES:
        if event[column] is not None:
            try:
                event[column] = dt.date.fromisoformat(event[column]).isoformat()
            except ValueError:
                raise _problem(name, line, column, f"{row[column]!r} is not a date (YYYY-MM-DD)") from None
    if not (event["announced"] or event["effective"]):
        raise _problem(name, line, "announced", "no date: give announced or effective")
    event["source"] = source
    identity = "|".join(str(event[c]) for c in (*COLUMNS[:9], "source"))
    event["import_key"] = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return event
