"""One article's extraction into the store, in one transaction, keeping every id that still means the same.

``save_extraction`` takes the rows :mod:`process.rows` made from an ``extract`` record and writes them:
people and organizations resolved across articles (:mod:`db.people`), statements matched to the ones
other articles carried (:mod:`db.statements`), numbers, claims, countries and rate-event mentions.
Processing the same article again updates rows in place (ids of statements, numbers, claims and
mentions are kept) and removes only what the new extraction no longer finds.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from db.events import Events, Windows
from db.people import Identities, article_people_rows
from db.statements import SOURCE_COLUMNS, Speaker, find_statement, match_key, refresh_statement

NUMBER_COLUMNS = ("text", "value", "unit", "start", "end", "approx", "high", "scale", "measures")
CLAIM_COLUMNS = ("text", "type", "score", "start", "end")
MENTION_COLUMNS = ("kind", "action", "rate_percent", "rate_low", "previous_percent", "imposing", "target",
                   "products", "date", "announced", "effective", "text", "start", "end")


def _sync_by_key(conn: sqlite3.Connection, table: str, article_id: int, key_columns: tuple[str, ...],
                 columns: tuple[str, ...], rows: list[dict[str, Any]]) -> list[int]:
    """Upsert an article's rows on their natural key (ids kept), delete the ones no longer there;
    returns the ids in the order of ``rows``."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    keys = ", ".join(f'"{c}"' for c in key_columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key_columns)
    ids = []
    for row in rows:
        conn.execute(
            f"insert into {table} (article_id, {quoted}) values (?, {', '.join('?' * len(columns))})"
            f" on conflict (article_id, {keys}) do update set {updates}",
            [article_id, *(row.get(c) for c in columns)])
        ids.append(conn.execute(
            f"select id from {table} where article_id = ? and " + " and ".join(f'"{c}" = ?' for c in key_columns),
            [article_id, *(row.get(c) for c in key_columns)]).fetchone()[0])
    stale = [row[0] for row in conn.execute(f"select id from {table} where article_id = ?", [article_id])
             if row[0] not in set(ids)]
    conn.executemany(f"delete from {table} where id = ?", [(i,) for i in stale])
    return ids


KEPT_PERSON_FIELDS = ("name", "person_id", "title", "organization", "organization_id", "country", "mentions",
                      "aliases", "role_key")


def _same_person_row(before: dict[str, Any] | None, row: dict[str, Any]) -> bool:
    """An article's person row that processing again leaves as it was (its summaries need no change)."""
    if before is None:
        return False
    now = {**row, "aliases": json.dumps(row.get("aliases", []), ensure_ascii=False)}
    return all(before[f] == now.get(f) for f in KEPT_PERSON_FIELDS)


def _mention_key(mention: dict[str, Any]) -> str:
    return "|".join(str(mention.get(c)) for c in ("start", "end", "kind", "action", "target", "rate_percent",
                                                   "rate_low", "previous_percent", "imposing"))


class ArticleExtraction:
    """Writes one article's rows; use :func:`save_extraction`."""

    def __init__(self, conn: sqlite3.Connection, article_id: int, now: str, windows: Windows) -> None:
        self.conn = conn
        self.article_id = article_id
        self.identities = Identities(conn, now)
        self.events = Events(conn, now, windows)
        row = conn.execute("select outlet, published from articles where id = ?", [article_id]).fetchone()
        if row is None:
            raise KeyError(f"no article {article_id}")
        self.outlet, published = row
        self.published = published[:10] if published else None
        self.touched_people: set[int] = set()
        self.touched_organizations: set[int] = set()
        self.statement_ids: set[int] = set()

    # -- organizations and people ----------------------------------------------------------------------

    def organizations(self, entries: list[dict[str, Any]]) -> dict[str, int]:
        """Organization id by every alias the record uses for it."""
        by_alias: dict[str, int] = {}
        old = self.conn.execute("select organization_id, name, aliases from article_organizations where article_id = ?",
                                [self.article_id]).fetchall()
        self.conn.execute("delete from article_organizations where article_id = ?", [self.article_id])
        for org_id, name, aliases in old:  # (an article processed again takes back what it said before)
            self.identities.count_organization_aliases(org_id, name, aliases, -1)
        for entry in entries:
            org_id = self.identities.organization(entry)
            aliases = json.dumps(entry.get("aliases", []), ensure_ascii=False)
            written = self.conn.execute(
                "insert or ignore into article_organizations (article_id, organization_id, name, aliases)"
                " values (?, ?, ?, ?)", [self.article_id, org_id, entry["name"], aliases]).rowcount
            if written:
                self.identities.count_organization_aliases(org_id, entry["name"], aliases, 1)
            for alias in (entry["name"], *entry.get("aliases", [])):
                by_alias[alias] = org_id
        self.touched_organizations |= {org_id for org_id, _, _ in old}
        return by_alias

    def people(self, officials: list[dict[str, Any]], speakers: list[str], orgs: dict[str, int]) -> dict[str, int]:
        """Person id by the name the article gives each person."""
        rows, names = article_people_rows(officials, speakers)
        cursor = self.conn.execute(f"select {', '.join(KEPT_PERSON_FIELDS)} from article_people where article_id = ?",
                                   [self.article_id])
        old = {row[0]: dict(zip(KEPT_PERSON_FIELDS, row)) for row in cursor}
        resolved = []
        for row in rows:  # resolve while the old rows still count, so ids survive re-processing
            row["organization_id"] = orgs.get(row.get("organization") or "")
            person_id, rule, evidence = self.identities.resolve(row, row["organization_id"])
            resolved.append({**row, "person_id": person_id, "rule": rule, "evidence": evidence})
        unchanged = {row["name"] for row in resolved if _same_person_row(old.get(row["name"]), row)}
        for name, before in old.items():
            if name not in unchanged:
                self.identities.remove_article_person(self.article_id, name)
                self.touched_people.add(before["person_id"])
        ids: dict[str, int] = {}
        for row in resolved:
            row["person_id"] = self.identities.current_id(row["person_id"])
            if row["name"] not in unchanged:
                self.identities.add_article_person(self.article_id, self.published, row)
                self.identities.absorb_surnames(row["person_id"], row, row["organization_id"])
        for row in resolved:
            ids[row["name"]] = self.identities.current_id(row["person_id"])
        return {name: ids[official] for name, official in names.items()}

    # -- statements -------------------------------------------------------------------------------------

    def statements(self, statements: list[dict[str, Any]], people: dict[str, int], orgs: dict[str, int],
                   number_ids: list[int]) -> None:
        old_ids = [row[0] for row in self.conn.execute(
            "select distinct statement_id from statement_sources where article_id = ?", [self.article_id])]
        self.conn.execute("delete from statement_sources where article_id = ?", [self.article_id])
        affected = set(old_ids)
        for s in statements:
            person_id = people.get(s.get("speaker") or "") if s.get("speaker_kind") == "person" else None
            org_id = orgs.get(s.get("organization") or "") or (
                orgs.get(s.get("speaker") or "") if s.get("speaker_kind") == "organization" else None)
            speaker_org = org_id if s.get("speaker_kind") == "organization" else None
            who = Speaker(person_id, speaker_org, None if person_id or speaker_org else s.get("speaker") or "")
            key = match_key(s["text"])
            statement_id = find_statement(self.conn, who, key, s.get("date"), old_ids)
            if statement_id is None:
                statement_id = self.conn.execute(
                    "insert into statements (speaker, speaker_kind, person_id, organization_id, organization, kind,"
                    " text, match_key, date, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [s.get("speaker"), s.get("speaker_kind"), person_id, org_id, s.get("organization"), s["kind"],
                     s["text"], key, s.get("date"), self.identities.now]).lastrowid
            else:
                self.conn.execute("update statements set organization_id = coalesce(?, organization_id),"
                                  " organization = coalesce(?, organization) where id = ?",
                                  [org_id, s.get("organization"), statement_id])
            sentiment = s.get("sentiment") or {}
            values = {**{c: s.get(c) for c in SOURCE_COLUMNS},
                      "fragments": json.dumps(s.get("fragments") or []),
                      "sentiment": sentiment.get("label"), "sentiment_score": sentiment.get("score"),
                      "sentiment_model": sentiment.get("model")}
            columns = ", ".join(f'"{c}"' for c in SOURCE_COLUMNS)
            self.conn.execute(
                f"insert or replace into statement_sources (statement_id, article_id, outlet, published, {columns},"
                f" countries, numbers) values (?, ?, ?, ?, {', '.join('?' * len(SOURCE_COLUMNS))}, ?, ?)",
                [statement_id, self.article_id, self.outlet, self.published, *(values[c] for c in SOURCE_COLUMNS),
                 json.dumps(sorted(set(s.get("countries") or []))),
                 json.dumps(sorted({number_ids[i] for i in s.get("numbers") or [] if i < len(number_ids)}))])
            for code in s.get("countries") or []:
                self.identities._country(code)
            affected.add(statement_id)
        for statement_id in sorted(affected):
            refresh_statement(self.conn, statement_id)
        self._name_speakers(affected)
        self.statement_ids = {i for i in affected
                              if self.conn.execute("select 1 from statements where id = ?", [i]).fetchone()}

    def _name_speakers(self, statement_ids: set[int]) -> None:
        """A statement's speaker is its person's or organization's canonical name."""
        marks = ",".join("?" * len(statement_ids))
        ids = sorted(statement_ids)
        self.conn.execute(
            f"update statements set speaker = (select name from people where id = statements.person_id)"
            f" where person_id is not null and id in ({marks})", ids)
        self.conn.execute(
            f"update statements set speaker = (select name from organizations where id = statements.organization_id)"
            f" where person_id is null and speaker_kind = 'organization' and organization_id is not null"
            f" and id in ({marks})", ids)

    # -- the rest ---------------------------------------------------------------------------------------

    def countries(self, record: dict[str, Any]) -> None:
        counts = {c["code"]: c["mentions"] for c in [*record.get("countries", []), *record.get("blocs", [])]}
        current = dict(self.conn.execute("select country, mentions from article_countries where article_id = ?",
                                         [self.article_id]).fetchall())
        if current == counts:
            return
        self.conn.execute("delete from article_countries where article_id = ?", [self.article_id])
        for code, mentions in counts.items():
            self.identities._country(code)
            self.conn.execute("insert into article_countries (article_id, country, mentions) values (?, ?, ?)",
                              [self.article_id, code, mentions])

    def numbers(self, numbers: list[dict[str, Any]]) -> list[int]:
        return _sync_by_key(self.conn, "numbers", self.article_id, ("start", "end"), NUMBER_COLUMNS, numbers)

    def claims(self, claims: list[dict[str, Any]]) -> None:
        _sync_by_key(self.conn, "claims", self.article_id, ("start", "end"), CLAIM_COLUMNS, claims)

    def rate_event_mentions(self, events: list[dict[str, Any]]) -> None:
        """The article's mentions, each under its event in the timeline; statements relinked to the events
        that changed and to the events around the article's statements."""
        before = {row[0] for row in self.conn.execute(
            "select event_id from rate_event_mentions where article_id = ? and event_id is not null",
            [self.article_id])}
        rows = [{**e, "date": e.get("date") or self.published,  # a mention the text gives no date is the article's
                 "products": json.dumps(e.get("products") or [], ensure_ascii=False),
                 "mention_key": _mention_key(e)} for e in events]
        _sync_by_key(self.conn, "rate_event_mentions", self.article_id, ("mention_key",),
                     ("mention_key", *MENTION_COLUMNS), rows)
        for event_id in sorted(self.events.assign_article(self.article_id, before)):
            self.events.link_event(event_id)
        self.events.link_statements(self.statement_ids)

    def finish(self, record: dict[str, Any], version: str, content_hash: str | None) -> None:
        sentiment = record.get("sentiment") or {}
        self.conn.execute(
            "update articles set processed_version = ?, processed_hash = ?, processed_at = ?, process_error = null,"
            " sentiment = ?, sentiment_score = ?, sentiment_model = ? where id = ?",
            [version, content_hash, self.identities.now, sentiment.get("label"), sentiment.get("score"),
             sentiment.get("model"), self.article_id])
        self.identities.drop_unused_people(self.touched_people)
        self.identities.drop_unused_organizations(self.touched_organizations)


def save_extraction(conn: sqlite3.Connection, article_id: int, record: dict[str, Any], *, version: str,
                    content_hash: str | None, now: str, windows: Windows = Windows()) -> None:
    """Write one article's ``extract`` record (inside the caller's transaction)."""
    writer = ArticleExtraction(conn, article_id, now, windows)
    orgs = writer.organizations(record.get("organizations", []))
    person_speakers = [s["speaker"] for s in record.get("statements", [])
                       if s.get("speaker_kind") == "person" and s.get("speaker")]
    people = writer.people(record.get("officials", []), person_speakers, orgs)
    number_ids = writer.numbers(record.get("numbers", []))
    writer.statements(record.get("statements", []), people, orgs, number_ids)
    writer.claims(record.get("claims", []))
    writer.countries(record)
    writer.rate_event_mentions(record.get("rate_events", []))
    writer.finish(record, version, content_hash)
