"""After the demo crawl and `process`: what the store now answers across articles, briefly."""
from __future__ import annotations

import sqlite3
import textwrap

from db.identities import USUAL_ROLE_ORDER

TABLES = ("articles", "statements", "statement_sources", "people", "organizations", "numbers", "claims",
          "rate_event_mentions", "rate_events")


def _shorten(text: str, width: int = 90) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder="…")


def print_digest(db_path: str) -> None:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    counts = {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    print("\nThe store now holds: " + ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in counts.items()))

    print("\nMost quoted people (statements, articles, outlets):")
    for name, title, statements, articles, outlets in conn.execute(
            "select p.name, (select title from person_roles r where r.person_id = p.id"
            f" order by {USUAL_ROLE_ORDER} limit 1), count(distinct s.id), count(distinct ss.article_id),"
            " count(distinct ss.outlet) from people p join statements s on s.person_id = p.id"
            " join statement_sources ss on ss.statement_id = s.id group by p.id"
            " order by count(distinct s.id) desc, p.name limit 5"):
        print(f"  {name}{', ' + title if title else ''}: {_count(statements, 'statement')} in"
              f" {_count(articles, 'article')} from {_count(outlets, 'outlet')}")

    print("\nOne statement, several outlets:")
    for statement_id, speaker, text, sources in conn.execute(
            "select id, speaker, text, sources from statements where sources > 1 order by sources desc, id limit 2"):
        outlets = [row[0] for row in conn.execute(
            "select distinct outlet from statement_sources where statement_id = ? order by outlet", [statement_id])]
        print(f"  #{statement_id} {speaker}: {_shorten(text, 70)}\n      carried by {', '.join(outlets)}")

    print("\nOne person, many names:")
    for name, aliases in conn.execute(
            "select p.name, group_concat(a.alias, '; ') from people p join person_aliases a on a.person_id = p.id"
            " group by p.id having count(*) >= 3 order by count(*) desc, p.name limit 2"):
        print(f"  {name}: {aliases}")
    for name, aliases in conn.execute(
            "select o.name, group_concat(a.alias, '; ') from organizations o join organization_aliases a"
            " on a.organization_id = o.id group by o.id having count(*) >= 2 order by count(*) desc, o.name limit 2"):
        print(f"  {name}: {aliases}")

    print("\nWho spoke about China (statements naming CHN), newest first:")
    for date, speaker, text in conn.execute(
            "select date, speaker, text from quotes where countries like '%CHN%' and speaker is not null"
            " order by date desc, id limit 3"):
        print(f"  {date} {speaker}: {_shorten(text, 80)}")
    _print_timeline(conn)
    conn.close()


def _event_label(kind: str, action: str, rate: float | None, imposing: str | None, target: str | None) -> str:
    rate_text = f" {rate:g}%" if rate is not None else ""
    return f"{kind.replace('_', ' ')} {action}{rate_text} {imposing or '?'} → {target or '?'}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _print_timeline(conn: sqlite3.Connection) -> None:
    print("\nTimeline (rate events reported by more than one article, or linked to statements):")
    for date, kind, action, rate, imposing, target, mentions, outlets, statements in conn.execute(
            "select date, kind, action, rate_percent, imposing, target, mentions, outlets, statements from timeline"
            " where mentions > 1 or statements > 10 limit 12"):
        print(f"  {date}  {_event_label(kind, action, rate, imposing, target):42}  {_count(mentions, 'mention')},"
              f" {_count(outlets, 'outlet')}, {_count(statements, 'statement')}")
    event = conn.execute("select id, date, kind, action, rate_percent, imposing, target from timeline"
                         " order by mentions desc, statements desc, date limit 1").fetchone()
    if event is None:
        return
    print(f"\nStatements around event #{event[0]}, {event[1]}: {_event_label(*event[2:])}")
    for relation, lag, speaker, text in conn.execute(
            "select se.relation, se.lag_days, s.speaker, s.text from statement_events se join statements s"
            " on s.id = se.statement_id where se.event_id = ? and s.speaker is not null"
            " order by se.lag_days, s.id limit 8", [event[0]]):
        print(f"  {lag:+3d} d  {relation:11}  {speaker}: {_shorten(text, 70)}")
