"""A quote timeline as a chart: one row per series, statements as points over time coloured by sentiment
(the quote on hover, a click opens the source), rate events as rules labelled with their rate.

The chart is a Vega-Lite spec. :func:`html_page` inlines Vega, Vega-Lite and Vega-Embed (from
vl-convert-python, so the page works offline) and draws SVG; :func:`png_bytes` renders the same spec without a
browser. Crawled text is untrusted: it reaches the page only as JSON inside a data block with ``<``, ``>`` and
``&`` escaped, Vega draws it as SVG text, the tooltip escapes it, and the page's Content-Security-Policy runs
only the page's own scripts (by hash) and fetches nothing.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from datetime import date
from typing import Any

from export.timeline import Timeline

SENTIMENTS = ("negative", "neutral", "positive", "not scored")
SENTIMENT_COLOURS = ("#ca0020", "#7f7f7f", "#0571b0", "#d9d9d9")  # red / grey / blue: safe for red-green blindness
POINT_OPACITY = 0.85  # points of one day may overlap and still be told apart
EVENT_KINDS = ("tariff", "interest_rate", "other_rate")
EVENT_DASHES = ([1, 0], [6, 3], [2, 2])
EVENT_COLOUR = "#5b3a8c"
WIDTH, ROW_HEIGHT = 900, 160
LABEL_SLOTS, LABEL_TOP, LABEL_STEP, LABEL_CHAR_PX = 6, 0.96, 0.075, 5.6  # event labels: lines at the top of a row
DATE = {"field": "date", "type": "temporal", "timeUnit": "utcyearmonthdate", "scale": {"padding": 14}}


def _safe_href(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _rate(event: dict[str, Any]) -> str:
    high, low = event.get("rate_percent"), event.get("rate_low")
    if high is None:
        return ""
    return (f"{low:g}–{high:g}%" if low is not None else f"{high:g}%") + " "


def event_label(event: dict[str, Any]) -> str:
    """``84% tariff raise CHN → USA``, ``4.25% interest rate cut Bank of England``, ``25% tariff announce on
    autos``."""
    imposing, target = event.get("imposing"), event.get("target")
    parties = f"{imposing} → {target}" if imposing and target else imposing or (f"on {target}" if target else "")
    kind = (event.get("kind") or "").replace("_", " ")
    return f"{_rate(event)}{kind} {event.get('action') or ''} {parties}".strip()


def chart_values(timeline: Timeline, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows the chart draws (dated ones only): plain strings and numbers, lists joined."""
    values = []
    for row in statements:
        if not row.get("date"):
            continue
        values.append({
            "record": "statement", "series": row["series"], "date": row["date"], "id": row["id"],
            "speaker": row.get("speaker"), "speaker_title": row.get("speaker_title"), "outlet": row.get("outlet"),
            "kind": row.get("kind"), "text": row.get("text"), "sentiment": row.get("sentiment") or "not scored",
            "sentiment_score": row.get("sentiment_score"), "countries": "; ".join(row.get("countries") or []),
            "numbers": "; ".join(row.get("numbers") or []), "sources": row.get("sources") or 1,
            "href": _safe_href(row.get("url")),
            # a steady spread over the lower part of the row, so points on one day don't hide each other
            "lane": 0.04 + 0.46 * ((row["id"] * 0.6180339887) % 1),
        })
    events = [e for e in timeline.events if e.get("date")]
    placed = _place_labels(events, [v["date"] for v in values] + [e["date"] for e in events])
    for event, (slot, side) in zip(events, placed):
        values.append({
            "record": "rate_event", "series": event["series"], "date": event["date"], "id": event["id"],
            "kind": event.get("kind"), "action": event.get("action"), "label": event_label(event),
            "imposing": event.get("imposing"), "target": event.get("target"),
            "products": "; ".join(event.get("products") or []), "mentions": event.get("mentions"),
            "related": event.get("related"),
            # labels that found no free line are left to the rule's tooltip
            "label_y": None if slot is None else LABEL_TOP - LABEL_STEP * slot, "label_side": side,
        })
    return values


def _place_labels(events: list[dict[str, Any]], dates: list[str]) -> list[tuple[int | None, str]]:
    """A line (slot) and a side for each event's label, so labels in one row don't overlap: labels in the
    right third of the span extend to the left of their rule. Estimated from the label's length."""
    if not events:
        return []
    days = [date.fromisoformat(d[:10]).toordinal() for d in dates]
    start, px_per_day = min(days), WIDTH / max(1, max(days) - min(days))
    taken: dict[tuple[str, int], list[tuple[float, float]]] = {}
    out = []
    for event in events:
        x = (date.fromisoformat(event["date"][:10]).toordinal() - start) * px_per_day
        width = LABEL_CHAR_PX * len(event_label(event)) + 6
        side = "right" if x > WIDTH * 2 / 3 else "left"
        span = (x - width, x) if side == "right" else (x, x + width)
        slot = next((n for n in range(LABEL_SLOTS)
                     if all(span[1] < a or span[0] > b for a, b in taken.get((event["series"], n), []))), None)
        if slot is not None:
            taken.setdefault((event["series"], slot), []).append(span)
        out.append((slot, side))
    return out


def _only(record: str) -> list[dict[str, str]]:
    return [{"filter": f"datum.record === '{record}'"}]


def chart_spec(timeline: Timeline, statements: list[dict[str, Any]], *, title: str) -> dict[str, Any]:
    """The Vega-Lite spec: a row per series, statements as points, rate events as rules with labels."""
    values = chart_values(timeline, statements)
    points = {
        "name": "statements", "transform": _only("statement"),
        "mark": {"type": "point", "filled": True, "opacity": POINT_OPACITY, "stroke": "#333", "strokeWidth": 0.4,
                 "cursor": "pointer"},
        "encoding": {
            "x": {**DATE, "title": None, "axis": {"format": "%d %b %Y", "labelAngle": 0}},
            "y": {"field": "lane", "type": "quantitative", "scale": {"domain": [0, 1]}, "axis": None},
            "color": {"field": "sentiment", "type": "nominal", "title": "sentiment",
                      "scale": {"domain": list(SENTIMENTS), "range": list(SENTIMENT_COLOURS)}},
            "size": {"field": "sources", "type": "quantitative", "title": "articles carrying it",
                     "scale": {"range": [60, 320]}},
            "href": {"condition": {"test": "isValid(datum.href)", "field": "href"}, "value": None},  # no "null" links
            "tooltip": [
                {**DATE, "title": "date"}, {"field": "speaker", "title": "speaker"},
                {"field": "speaker_title", "title": "role"}, {"field": "outlet", "title": "outlet"},  # not "title": that becomes the heading
                {"field": "text", "title": "quote"}, {"field": "kind", "title": "kind"},
                {"field": "sentiment", "title": "sentiment"}, {"field": "numbers", "title": "numbers"},
                {"field": "countries", "title": "countries"}, {"field": "sources", "title": "articles"},
            ],
        },
    }
    rules = {
        "name": "events", "transform": _only("rate_event"),
        "mark": {"type": "rule", "strokeWidth": 1.6, "color": EVENT_COLOUR},
        "encoding": {
            "x": DATE,
            "strokeDash": {"field": "kind", "type": "nominal", "title": "rate event",
                           "scale": {"domain": list(EVENT_KINDS), "range": [list(d) for d in EVENT_DASHES]}},
            "tooltip": [{**DATE, "title": "date"}, {"field": "label", "title": "rate event"},
                        {"field": "products", "title": "products"}, {"field": "mentions", "title": "mentions"},
                        {"field": "related", "title": "shown because"}],
        },
    }
    labels = [{
        "name": f"event_labels_{side}",
        "transform": [{"filter": f"datum.record === 'rate_event' && datum.label_y != null && datum.label_side === '{side}'"}],
        "mark": {"type": "text", "align": side, "dx": 3 if side == "left" else -3, "fontSize": 10,
                 "color": EVENT_COLOUR},
        "encoding": {"x": DATE, "y": {"field": "label_y", "type": "quantitative", "scale": {"domain": [0, 1]},
                                      "axis": None},
                     "text": {"field": "label"}},
    } for side in ("left", "right")]
    most = max([v["sources"] for v in values if v["record"] == "statement"], default=1)
    points["encoding"]["size"]["scale"]["domain"] = [1, max(most, 2)]
    points["encoding"]["size"]["legend"] = {"values": sorted({1, max(most, 2)} | ({(1 + most) // 2} if most > 2 else set())),
                                            "format": "d"}
    return {
        "title": {"text": title, "subtitle": _subtitle(timeline, values), "anchor": "start"},
        "data": {"values": values},
        "facet": {"row": {"field": "series", "type": "nominal", "title": None,
                          "sort": [s["label"] for s in timeline.series],
                          "header": {"labelAngle": 0, "labelOrient": "top", "labelAnchor": "start",
                                     "labelFontSize": 13, "labelFontWeight": "bold"}}},
        "spec": {"width": WIDTH, "height": ROW_HEIGHT, "layer": [rules, *labels, points]},
        "config": {"view": {"stroke": "#e3e3e3"}, "font": "DejaVu Sans, Helvetica, Arial, sans-serif"},
    }


def _subtitle(timeline: Timeline, values: list[dict[str, Any]]) -> str:
    statements = sum(v["record"] == "statement" for v in values)
    events = len({v["id"] for v in values if v["record"] == "rate_event"})
    span = f"{timeline.since or '…'} to {timeline.until or '…'}"
    return f"{statements} statements and {events} rate events, {span}"


def png_bytes(spec: dict[str, Any], *, scale: float = 2) -> bytes:
    """The chart as a PNG, rendered by vl-convert (no browser)."""
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=scale)


def _json_for_html(value: Any) -> str:
    """JSON that cannot end the element it sits in or open markup (``</script>``, ``<!--``)."""
    return (json.dumps(value, ensure_ascii=False).replace("&", "\\u0026").replace("<", "\\u003c")
            .replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


EMBED = """
const spec = JSON.parse(document.getElementById("timeline-spec").textContent);
vegaEmbed("#chart", spec, {renderer: "svg", actions: {export: true, source: false, compiled: false, editor: false}})
  .then(() => { document.body.dataset.rendered = "yes"; })
  .catch((error) => { document.body.dataset.rendered = "error"; document.getElementById("chart").textContent = String(error); });
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src {script_hashes} 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 14px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 24px; color: #222; }}
p.how {{ color: #555; max-width: 60em; }}
#vg-tooltip-element td.value {{ max-width: 480px; white-space: normal; }}
</style>
<script>{bundle}</script>
</head>
<body>
<div id="chart"></div>
<p class="how">{how}</p>
<noscript>This chart needs JavaScript; the same timeline is available as CSV, JSON or PNG.</noscript>
<script type="application/json" id="timeline-spec">{spec}</script>
<script>{embed}</script>
</body>
</html>
"""

HOW_TO_READ = ("Each row is a series; each point a statement, coloured by its sentiment (grey when not scored) and "
               "sized by how many articles carried it. Hover a point for the quote, click it to open its source. "
               "Vertical rules are rate events (solid: tariffs; dashed: interest rates; dotted: other rates), "
               "labelled with their rate, the move and who imposes it on whom.")


def html_page(spec: dict[str, Any], *, title: str) -> str:
    """A self-contained page drawing ``spec`` as SVG: the libraries inline, no network, untrusted text inert."""
    import vl_convert

    bundle = vl_convert.javascript_bundle()
    if "</script" in bundle.lower() or "<!--" in bundle:
        raise RuntimeError("the Vega bundle cannot be inlined in a <script> element")
    return PAGE.format(script_hashes=f"{_hash(bundle)} {_hash(EMBED)}", title=html.escape(title), bundle=bundle,
                       how=html.escape(HOW_TO_READ), spec=_json_for_html(spec), embed=EMBED)
