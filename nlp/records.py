"""doc → plain dict rows: the only link between the spaCy components and what is printed or stored."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any, Iterable

import pycountry
from spacy.tokens import Doc, Span

from nlp.extensions import Claim, Official, RateEvent, Statement

from nlp.settings import DEFAULT_CLAIM_THRESHOLD


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@cache
def country_name(code: str) -> str:
    """Common English name for an ISO 3166-1 alpha-3 code ("KOR" → "South Korea")."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@cache
def _bloc_names() -> dict[str, str]:
    data = json.loads((resources.files("nlp") / "data" / "blocs.json").read_text(encoding="utf-8"))
    return {code: bloc["name"] for code, bloc in data["blocs"].items()}


def bloc_name(code: str) -> str:
    return _bloc_names().get(code, code)


def _mention_counts(spans: Iterable[Span], name_of) -> list[dict[str, Any]]:
    """One entry per code in order of first mention, with the number of mentions."""
    counts = Counter(span.label_ for span in spans)
    return [{"code": code, "name": name_of(code), "mentions": n} for code, n in counts.items()]


def _number_record(span: Span) -> dict[str, Any]:
    q = span._.quantity
    return {
        "text": span.text,
        "value": q.value,
        "unit": q.unit,
        "start": span.start_char,
        "end": span.end_char,
        "approx": q.approx,
        "high": q.high,
        "scale": q.scale,
        "measures": q.measures,
    }


def _official_record(o: Official) -> dict[str, Any]:
    return {
        "name": o.name,
        "title": o.title,
        "organization": o.organization,
        "country": o.country,
        "mentions": len(o.mentions),
    }


def _within(start: int, end: int, pieces: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in pieces)


def _statement_record(s: Statement, countries: list[Span], numbers: list[Span], published: dt.date | None) -> dict:
    pieces = s.fragments or [(s.start, s.end)]
    codes = list(dict.fromkeys(c.label_ for c in countries if _within(c.start_char, c.end_char, pieces)))
    indices = [i for i, n in enumerate(numbers) if _within(n.start_char, n.end_char, pieces)]
    return {
        "text": s.text,
        "kind": s.kind,
        "speaker": s.speaker,
        "speaker_title": s.speaker_title,
        "cue": s.cue,
        "date": _iso(s.date or published),
        "start": s.start,
        "end": s.end,
        "fragments": [list(f) for f in s.fragments],
        "confidence": round(s.confidence, 3),
        "countries": codes,
        "numbers": indices,
    }


def _claim_record(c: Claim) -> dict[str, Any]:
    return {"text": c.text, "type": c.type, "score": round(c.score, 3), "start": c.start, "end": c.end}


def _rate_event_record(e: RateEvent) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "rate_percent": e.rate_percent,
        "rate_low": e.rate_low,
        "previous_percent": e.previous_percent,
        "imposing": e.imposing,
        "target": e.target,
        "products": list(e.products),
        "action": e.action,
        "date": _iso(e.date),
        "announced": _iso(e.announced),
        "effective": _iso(e.effective),
        "text": e.text,
        "start": e.start,
        "end": e.end,
    }


def doc_to_record(
    doc: Doc,
    *,
    source: str,
    title: str | None = None,
    language: str | None = "en",
    claim_threshold: float = DEFAULT_CLAIM_THRESHOLD,
) -> dict[str, Any]:
    """The `extract` output object for one analysed article (documented in the README)."""
    published = doc._.published
    countries = list(doc.spans.get("countries", []))
    numbers = list(doc.spans.get("numbers", []))
    return {
        "source": source,
        "title": title,
        "published": _iso(published),
        "language": language,
        "officials": [_official_record(o) for o in doc._.officials or []],
        "countries": _mention_counts(countries, country_name),
        "blocs": _mention_counts(doc.spans.get("blocs", []), bloc_name),
        "numbers": [_number_record(n) for n in numbers],
        "statements": [_statement_record(s, countries, numbers, published) for s in doc._.statements or []],
        "claims": [_claim_record(c) for c in doc._.claims or [] if c.score >= claim_threshold],
        "rate_events": [_rate_event_record(e) for e in doc._.rate_events or []],
    }


def empty_record(*, source: str, title: str | None, published: dt.date | None, language: str | None) -> dict:
    """The output for an article that is not analysed (not English): same keys, empty lists."""
    return {
        "source": source,
        "title": title,
        "published": _iso(published),
        "language": language,
        **{key: [] for key in ("officials", "countries", "blocs", "numbers", "statements", "claims", "rate_events")},
    }
