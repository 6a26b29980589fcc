"""The same statement in several articles: one ``statements`` row, one ``statement_sources`` row per article.

Two extractions are the same statement when the same speaker (the same person, the same organization,
or the same words for an unnamed group) says the same words: equal once folded, near-identical (an
outlet's house style, a dropped word), or one outlet's excerpt of the longer passage another quoted,
within a few days. The statement row shows its first source
(the earliest published article, then the lowest id), so whichever article is processed first, the
result is the same; its ids stay put when articles are processed again.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

from db.identities import fold

NEAR_SIMILARITY = 0.85  # shared words over the longer statement's words
NEAR_DAYS = 7  # syndicated copies and reports of one press conference fall within a week
NEAR_MIN_WORDS = 6  # shorter statements must match exactly
EXCERPT_MIN_WORDS = 8  # an excerpt this long of another outlet's longer quote is the same remarks


def match_key(text: str) -> str:
    """The words of a statement folded: case, accents, quote marks and punctuation ignored."""
    return fold(text)


def near(a: str, b: str) -> bool:
    """Near-identical wording (most words shared, lengths alike), or one a long enough excerpt of the other."""
    wa, wb = a.split(), b.split()
    if min(len(wa), len(wb)) < NEAR_MIN_WORDS:
        return False
    short, long = (a, b) if len(wa) <= len(wb) else (b, a)
    if min(len(wa), len(wb)) >= EXCERPT_MIN_WORDS and f" {short} " in f" {long} ":
        return True
    shared = sum((Counter(wa) & Counter(wb)).values())
    return shared / max(len(wa), len(wb)) >= NEAR_SIMILARITY


@dataclass(frozen=True)
class Speaker:
    """Who a statement belongs to, for matching: a person, an organization, or the words for a group."""

    person_id: int | None
    organization_id: int | None
    words: str | None  # the speaker as written when neither a person nor an organization

    def where(self) -> tuple[str, list[Any]]:
        if self.person_id is not None:
            return "person_id = ?", [self.person_id]
        if self.organization_id is not None:
            return "person_id is null and organization_id = ?", [self.organization_id]
        return "person_id is null and organization_id is null and coalesce(speaker, '') = ?", [self.words or ""]


def find_statement(conn: sqlite3.Connection, speaker: Speaker, key: str, date: str | None,
                   preferred: list[int]) -> int | None:
    """The stored statement these words by this speaker already are, preferring the article's own."""
    condition, params = speaker.where()
    exact = [row[0] for row in conn.execute(
        f"select id from statements where match_key = ? and {condition} order by id", [key, *params])]
    for statement_id in exact:
        if statement_id in preferred:
            return statement_id
    if exact:
        return exact[0]
    if speaker.words is not None and speaker.person_id is None and speaker.organization_id is None:
        return None  # an unnamed group's words must match exactly
    low, high = _window(date)
    candidates = conn.execute(
        f"select id, match_key from statements where {condition} and date between ? and ? order by id",
        [*params, low, high]).fetchall()
    close = [statement_id for statement_id, other in candidates if near(key, other)]
    for statement_id in close:
        if statement_id in preferred:
            return statement_id
    return close[0] if close else None


def _window(date: str | None) -> tuple[str, str]:
    try:
        day = dt.date.fromisoformat((date or "")[:10])
    except ValueError:
        return "", "~"
    delta = dt.timedelta(days=NEAR_DAYS)
    return (day - delta).isoformat(), (day + delta).isoformat()


SOURCE_COLUMNS = ("speaker", "kind", "text", "speaker_text", "speaker_title", "cue", "date", "start", "end",
                  "fragments", "confidence", "sentiment", "sentiment_score", "sentiment_model")
# What a statement row copies from its first source.
SHOWN_COLUMNS = ("kind", "text", "speaker_text", "speaker_title", "cue", "date", "start", "end", "fragments",
                 "confidence", "sentiment", "sentiment_score", "sentiment_model")


def refresh_statement(conn: sqlite3.Connection, statement_id: int) -> None:
    """Bring a statement in line with its sources: first source shown, counts, countries and numbers;
    a statement no article carries any more is deleted."""
    columns = ", ".join(f'ss."{c}"' for c in SHOWN_COLUMNS)
    row = conn.execute(
        f"select ss.article_id, {columns} from statement_sources ss where ss.statement_id = ?"
        " order by coalesce(ss.published, '9999'), ss.article_id, ss.start limit 1", [statement_id]).fetchone()
    if row is None:
        conn.execute("delete from statements where id = ?", [statement_id])
        return
    sources = conn.execute("select count(distinct article_id) from statement_sources where statement_id = ?",
                           [statement_id]).fetchone()[0]
    assignments = ", ".join(f'"{c}" = ?' for c in SHOWN_COLUMNS)
    conn.execute(f"update statements set article_id = ?, {assignments}, sources = ? where id = ?",
                 [row[0], *row[1:], sources, statement_id])
    countries: set[str] = set()
    numbers: set[int] = set()
    for c, n in conn.execute("select countries, numbers from statement_sources where statement_id = ?",
                             [statement_id]):
        countries.update(json.loads(c or "[]"))
        numbers.update(json.loads(n or "[]"))
    date = row[1 + SHOWN_COLUMNS.index("date")]
    _replace(conn, "statement_countries", ("country", "date"), statement_id, {(c, date) for c in countries})
    _replace(conn, "statement_numbers", ("number_id",), statement_id, {(n,) for n in numbers})


def _replace(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], statement_id: int,
             values: set[tuple]) -> None:
    """Make a statement's rows in ``table`` exactly ``values``, touching only the rows that differ."""
    names = ", ".join(columns)
    current = set(conn.execute(f"select {names} from {table} where statement_id = ?", [statement_id]).fetchall())
    for value in current - values:
        conn.execute(f"delete from {table} where statement_id = ? and {columns[0]} = ?", [statement_id, value[0]])
    conn.executemany(f"insert into {table} (statement_id, {names}) values (?, {', '.join('?' * len(columns))})",
                     [(statement_id, *value) for value in sorted(values - current)])
