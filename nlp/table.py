"""`extract --format table`: one article's record as plain text for reading in a terminal."""
from __future__ import annotations

import textwrap

WIDTH = 100


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _rows(title: str, rows: list[str]) -> list[str]:
    if not rows:
        return []
    return ["", f"{title} ({len(rows)})", *("  " + row for row in rows)]


def format_table(record: dict) -> str:
    """Officials, countries, numbers, statements, claims and rate events, one line each."""
    head = f"== {record['source']}"
    if record.get("title"):
        head += f" — {record['title']}"
    lines = [head, f"published {record.get('published') or '?'}, language {record.get('language') or '?'}"]
    lines += _rows("officials", [
        f"{o['name']}" + "".join(f", {o[k]}" for k in ("title", "organization", "country") if o.get(k))
        + f"  ×{o['mentions']}" for o in record["officials"]])
    lines += _rows("countries", [f"{c['code']} {c['name']} ×{c['mentions']}" for c in record["countries"]]
                   + [f"{b['code']} {b['name']} ×{b['mentions']} (bloc)" for b in record["blocs"]])
    lines += _rows("numbers", [
        f"{n['text']!r:28} {n['value']:g} {n['unit']}" + (f" ({n['measures']})" if n.get("measures") else "")
        for n in record["numbers"]])
    lines += _rows("statements", [
        f"[{s['kind'][:3]}] {s.get('speaker') or '?'} {s.get('cue') or ''}: "
        + textwrap.shorten(s["text"], 70, placeholder="…") for s in record["statements"]])
    lines += _rows("claims", [f"{c['score']:.2f} {c['type']:10} {_short(c['text'], 76)}" for c in record["claims"]])
    lines += _rows("rate events", [
        f"{e['kind']:13} {e['action']:9} {e.get('rate_percent') if e.get('rate_percent') is not None else '-'}% "
        f"{e.get('imposing') or '?'} → {e.get('target') or '?'} {e.get('date') or ''}" for e in record["rate_events"]])
    return "\n".join(lines) + "\n"
