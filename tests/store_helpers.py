"""Small builders for store tests: articles saved into a real SQLite file, and extraction records shaped
exactly like `extract`'s output (so the store is tested on what the pipeline hands it)."""
from __future__ import annotations

import hashlib
from typing import Any

from db.store import Store


def add_article(store: Store, url: str, body: str, *, outlet: str = "Harbor Ledger", published: str = "2025-04-08",
                title: str | None = None) -> int:
    """Store one article as the crawler would, return its id."""
    run = store.start_run({"test": True})
    article = {"url": url, "canonical_url": url, "final_url": url, "outlet": outlet, "title": title or url,
               "published": published, "language": "en", "body": body,
               "content_hash": hashlib.sha1(body.encode()).hexdigest(), "http_status": 200}
    return store.save_article(run, article, request_url=url)[1]


def official(name: str, title: str | None = None, organization: str | None = None, country: str | None = None,
             aliases: list[str] | None = None) -> dict[str, Any]:
    return {"name": name, "title": title, "organization": organization, "country": country,
            "mentions": 1 + len(aliases or []), "aliases": aliases or [name]}


def statement(text: str, speaker: str | None, *, kind: str = "direct", speaker_kind: str | None = "person",
              speaker_text: str | None = None, date: str = "2025-04-08", start: int = 0,
              organization: str | None = None, countries: list[str] | None = None,
              numbers: list[int] | None = None, sentiment: dict | None = None) -> dict[str, Any]:
    return {"text": text, "kind": kind, "speaker": speaker, "speaker_text": speaker_text or speaker,
            "speaker_kind": speaker_kind, "speaker_title": None, "organization": organization, "cue": "said",
            "date": date, "start": start, "end": start + len(text), "fragments": [[start, start + len(text)]],
            "confidence": 0.9, "countries": countries or [], "numbers": numbers or [],
            **({"sentiment": sentiment} if sentiment else {})}


def record(*, officials: list[dict] = (), statements: list[dict] = (), organizations: list[dict] = (),
           numbers: list[dict] = (), claims: list[dict] = (), countries: list[dict] = (),
           rate_events: list[dict] = (), published: str = "2025-04-08") -> dict[str, Any]:
    return {"source": "test", "title": None, "published": published, "language": "en",
            "officials": list(officials), "organizations": list(organizations), "countries": list(countries),
            "blocs": [], "numbers": list(numbers), "statements": list(statements), "claims": list(claims),
            "rate_events": list(rate_events)}


def save(store: Store, article_id: int, rec: dict[str, Any], version: str = "test@1") -> None:
    content_hash = store.db.execute("select content_hash from articles where id = ?", [article_id]).fetchone()[0]
    store.save_extraction(article_id, rec, version=version, content_hash=content_hash)


def people(store: Store) -> list[str]:
    return [row[0] for row in store.db.execute("select name from people order by name")]


def person_id(store: Store, name: str) -> int:
    return store.db.execute("select id from people where name = ?", [name]).fetchone()[0]
