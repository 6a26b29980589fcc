"""Rows out: JSON, JSON lines and CSV streamed row by row for programs, a wrapped table for people.

Rows are dicts with the store's field names; lists (countries, numbers, outlets, aliases) stay lists in JSON and
are joined with "; " in CSV and tables. Full-text snippets mark the words that matched with « and »; a table on
a colour terminal also shows them in bold.
"""
from __future__ import annotations

import base64
import csv
import json
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from tabulate import tabulate

HIGHLIGHT = ("«", "»")
LIST_SEPARATOR = "; "
BOLD, NORMAL = "\x1b[1m", "\x1b[22m"


def _jsonable(value: Any) -> Any:
    """Blobs (a page's compressed HTML) as Datasette writes them: base64 with a marker."""
    if isinstance(value, bytes):
        return {"$base64": True, "encoded": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=_jsonable)


def write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """A JSON array, one object a line, written as the rows come."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(("," if count else "") + "\n" + _dumps(row))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(_dumps(row) + "\n")
        count += 1
    return count


def csv_value(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return "" if value is None else value


CONVERTED = (list, bytes)  # the csv module itself writes None as "" and numbers as they are


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """CSV with a header from the first row's fields; lists joined with "; "."""
    writer = None
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(row.keys())
        writer.writerow([v if type(v) not in CONVERTED else csv_value(v) for v in row.values()])
        count += 1
    return count


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
    "json": write_json, "jsonl": write_jsonl, "csv": write_csv}


# -- tables ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """A table column: its header, how a row shows in it, and its widest (None: the column that takes what is
    left of the terminal's width, wrapped)."""

    header: str
    show: Callable[[dict[str, Any]], Any]
    width: int | None = 24
    optional: bool = False  # left out when no row has a value in it


def field(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: csv_value(row.get(name))


def speaker_with_title(row: dict[str, Any]) -> str:
    speaker = row.get("speaker") or "(unknown)"
    title = row.get("speaker_title") or (row.get("organization") if row.get("organization") != speaker else None)
    return f"{speaker} ({title})" if title else speaker


def outlet_and_more(row: dict[str, Any]) -> str:
    outlets = row.get("outlets") or ([row["outlet"]] if row.get("outlet") else [])
    first = row.get("outlet") or (outlets[0] if outlets else "")
    more = len([o for o in outlets if o != first])
    return first + (f" +{more}" if more else "")


def statement_text(row: dict[str, Any]) -> str:
    return row.get("snippet") or row.get("text") or ""


def tone_value(row: dict[str, Any]) -> str:
    score, label = row.get("sentiment_score"), row.get("sentiment")
    if score is None:
        return label or ""
    return f"{label or ''} {score:+.2f}".strip()


def rate(row: dict[str, Any]) -> str:
    high, low = row.get("rate_percent"), row.get("rate_low")
    if high is None:
        return ""
    return f"{low:g}–{high:g}%" if low is not None else f"{high:g}%"


def parties(row: dict[str, Any]) -> str:
    return f"{row.get('imposing') or '?'} → {row.get('target') or '?'}"


def tone_bar(row: dict[str, Any], half: int = 10) -> str:
    """The mean score as a bar left (negative) or right (positive) of a centre line."""
    score = row.get("sentiment_score")
    if score is None:
        return ""
    n = round(min(1.0, abs(score)) * half)
    return (" " * (half - n) + "█" * n + "│" + " " * half) if score < 0 else (" " * half + "│" + "█" * n)


def role(row: dict[str, Any]) -> str:
    title, organization = row.get("title") or "", row.get("organization") or ""
    if organization and organization.lower() not in title.lower():
        return f"{title}, {organization}" if title else organization
    return title


def scored(name: str) -> Callable[[dict[str, Any]], Any]:
    """A count of sentiment labels, shown only for periods with scored statements."""
    return lambda row: row.get(name) if row.get("scored") else ""


STATEMENT_TABLE = [Column("id", field("id"), 8), Column("date", field("date"), 10),
                   Column("speaker", speaker_with_title, 26), Column("outlet", outlet_and_more, 18),
                   Column("tone", tone_value, 14, optional=True), Column("statement", statement_text, None)]
TABLES: dict[str, list[Column]] = {
    "statements": STATEMENT_TABLE,
    "people": [Column("id", field("id"), 8), Column("name", field("name"), 24),
               Column("title", role, None),
               Column("country", field("country"), 7), Column("statements", field("statements"), 10),
               Column("articles", field("articles"), 8), Column("first", field("first_quoted"), 10),
               Column("last", field("last_quoted"), 10)],
    "organizations": [Column("id", field("id"), 8), Column("name", field("name"), None),
                      Column("country", field("country"), 7), Column("statements", field("statements"), 10),
                      Column("own", field("own"), 6), Column("people", field("people"), 6),
                      Column("first", field("first_quoted"), 10), Column("last", field("last_quoted"), 10)],
    "countries": [Column("code", field("code"), 6), Column("name", field("name"), None),
                  Column("kind", field("kind"), 7), Column("statements", field("statements"), 10),
                  Column("speakers", field("speakers"), 8), Column("first", field("first_quoted"), 10),
                  Column("last", field("last_quoted"), 10)],
    "numbers": [Column("date", field("date"), 10), Column("number", field("text"), 16),
                Column("unit", field("unit"), 8), Column("measures", field("measures"), 16),
                Column("speaker", speaker_with_title, 26), Column("statement", field("statement"), None)],
    "claims": [Column("id", field("id"), 8), Column("date", field("date"), 10), Column("outlet", field("outlet"), 18),
               Column("type", field("type"), 10), Column("score", field("score"), 5),
               Column("claim", field("text"), None)],
    "rate-events": [Column("id", field("id"), 6), Column("date", field("date"), 10), Column("kind", field("kind"), 13),
                    Column("action", field("action"), 8), Column("rate", rate, 12), Column("parties", parties, 22),
                    Column("products", field("products"), None), Column("mentions", field("mentions"), 8),
                    Column("outlets", field("outlets"), 7), Column("statements", field("statements"), 10)],
    "articles": [Column("id", field("id"), 8), Column("published", lambda r: (r.get("published") or "")[:10], 10),
                 Column("outlet", field("outlet"), 18), Column("title", field("title"), None),
                 Column("statements", field("statements"), 10)],
    "articles-search": [Column("id", field("id"), 8), Column("published", lambda r: (r.get("published") or "")[:10], 10),
                        Column("outlet", field("outlet"), 18), Column("title", field("title"), 34),
                        Column("snippet", field("snippet"), None)],
    "tone": [Column("series", field("series"), 24), Column("period", field("period"), 10),
             Column("statements", field("statements"), 10), Column("scored", field("scored"), 6),
             Column("mean", lambda r: "" if r.get("sentiment_score") is None else f"{r['sentiment_score']:+.3f}", 6,
                    optional=True),
             Column("negative ← tone → positive", tone_bar, 21, optional=True),
             Column("neg", scored("negative"), 5, optional=True), Column("neu", scored("neutral"), 5, optional=True),
             Column("pos", scored("positive"), 5, optional=True)],
}


def generic_columns(rows: list[dict[str, Any]]) -> list[Column]:
    """Every field of the rows; the one with the longest values takes the spare width."""
    if not rows:
        return []
    names = list(rows[0])
    widest = max(names, key=lambda n: max(len(str(csv_value(r.get(n)))) for r in rows))
    return [Column(name, field(name), None if name == widest else 30) for name in names]


MIN_FLEXIBLE = 20  # the wrapping column (the statement) never gets narrower than this
MIN_FIXED = 10  # nor do the others, when the terminal is too narrow for all of them


def terminal_width() -> int:
    return shutil.get_terminal_size((120, 24)).columns


def render_table(rows: list[dict[str, Any]], columns: list[Column], *, width: int | None = None,
                 color: bool = False) -> str:
    """The rows as a grid whose flexible column wraps to fit ``width`` (the terminal's by default)."""
    if not rows:
        return ""
    width = width or terminal_width()
    cells = [[_cell(c.show(row)) for c in columns] for row in rows]
    kept = [i for i, c in enumerate(columns) if not c.optional or any(cell[i] for cell in cells)]
    columns, cells = [columns[i] for i in kept], [[cell[i] for i in kept] for cell in cells]
    natural = [max([len(c.header)] + [max((len(line) for line in str(cell[i]).splitlines()), default=0)
                                      for cell in cells]) for i, c in enumerate(columns)]
    fixed = [min(n, c.width) if c.width else None for n, c in zip(natural, columns)]
    frame = 3 * len(columns) + 1
    flexible = any(w is None for w in fixed)  # a table of short fields only is left at its natural width
    while flexible and sum(w for w in fixed if w) + frame + MIN_FLEXIBLE > width \
            and max((w or 0) for w in fixed) > MIN_FIXED:
        widest = max(range(len(fixed)), key=lambda i: fixed[i] or 0)  # narrow the widest fixed column a notch
        fixed[widest] -= 1
    spare = max(MIN_FLEXIBLE, width - sum(w for w in fixed if w) - frame)
    widths = [w if w is not None else min(spare, natural[i]) for i, w in enumerate(fixed)]
    text = tabulate(cells, headers=[c.header for c in columns], tablefmt="simple_grid", maxcolwidths=widths,
                    disable_numparse=True)
    return _highlight(text, color)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _highlight(text: str, color: bool) -> str:
    """Bold the «matched» words on a colour terminal (the marks stay, so the grid keeps its width)."""
    if not color or HIGHLIGHT[0] not in text:
        return text
    lines = []
    for line in text.splitlines():
        line = line.replace(HIGHLIGHT[0], BOLD + HIGHLIGHT[0]).replace(HIGHLIGHT[1], HIGHLIGHT[1] + NORMAL)
        if line.count(BOLD) > line.count(NORMAL):
            line += NORMAL  # a highlighted phrase wrapped onto the next line: no bold border
        lines.append(line)
    return "\n".join(lines)


def write_table(rows: Iterator[dict[str, Any]], out: TextIO, columns: list[Column] | None, shown: int, *,
                color: bool = False, width: int | None = None) -> tuple[int, bool]:
    """At most ``shown`` rows as a table; returns (rows shown, whether more rows matched)."""
    kept = []
    more = False
    for row in rows:
        if len(kept) == shown:
            more = True
            break
        kept.append(row)
    if kept:
        out.write(render_table(kept, columns or generic_columns(kept), width=width, color=color) + "\n")
    return len(kept), more
