"""Every table of the saidwhat database, created in one place through ordered migrations.

sqlite-utils' ``Migrations`` records each applied step in ``_sqlite_migrations``; opening an
older database applies only the steps it lacks. Later issues append steps (statements,
officials, ...) at the end of this module; never edit a step that has shipped.

Versions: ``articles`` always holds the *current* version of each article (one row per
canonical URL, so ids stay stable for tables that point at articles). When ``crawl --refresh``
finds changed content, the superseded content is copied to ``article_versions`` and the
``articles`` row is updated in place with ``version`` incremented.
"""
from __future__ import annotations

import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("saidwhat")

# Frontier states and kinds, also used by the crawler.
FRONTIER_STATES = ("pending", "done", "failed")
FRONTIER_KINDS = ("article", "section", "sitemap", "feed")


@MIGRATIONS(name="0001_crawl_tables")
def crawl_tables(db: Database) -> None:
    """runs, frontier, articles (+ versions and URL aliases) and the fetches log."""
    db["runs"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running / finished / interrupted
            "arguments": str,  # JSON of the command's inputs and options
        },
        pk="id",
    )
    db["frontier"].create(
        {
            "url": str,
            "kind": str,
            "depth": int,
            "state": str,
            "discovered_from": str,
            "hints": str,  # JSON: dates and titles from sitemaps/feeds
            "article_id": int,
            "added_at": str,
            "updated_at": str,
        },
        pk="url",
        not_null={"kind", "state"},
        defaults={"state": "pending", "depth": 0},
    )
    db["frontier"].create_index(["state", "kind"])
    db["articles"].create(
        {
            "id": int,
            "url": str,  # the URL that was requested
            "canonical_url": str,
            "final_url": str,  # after redirects
            "outlet": str,
            "title": str,
            "authors": str,  # JSON list
            "published": str,  # ISO 8601
            "published_source": str,
            "language": str,
            "description": str,
            "body": str,
            "content_hash": str,
            "extractor": str,
            "extractor_version": str,
            "fetched_at": str,
            "first_seen_at": str,
            "http_status": int,
            "raw_html": bytes,  # zlib-compressed response body, as received
            "charset": str,  # charset declared by the HTTP response, if any
            "etag": str,
            "last_modified": str,
            "version": int,
            "duplicate_of": int,
            "similarity": float,
            "minhash": bytes,  # MinHash signature (uint64 array) of the body's word shingles
            "run_id": int,
        },
        pk="id",
        not_null={"url", "canonical_url"},
        defaults={"version": 1},
        foreign_keys=[("duplicate_of", "articles", "id"), ("run_id", "runs", "id")],
    )
    db["articles"].create_index(["canonical_url"], unique=True)
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["outlet"])
    db["articles"].create_index(["published"])
    db["article_versions"].create(
        {
            "id": int,
            "article_id": int,
            "version": int,
            "title": str,
            "body": str,
            "published": str,
            "content_hash": str,
            "fetched_at": str,
            "http_status": int,
            "raw_html": bytes,
            "etag": str,
            "last_modified": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_versions"].create_index(["article_id", "version"], unique=True)
    db["article_urls"].create(
        {"url": str, "article_id": int},
        pk="url",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["article_urls"].create_index(["article_id"])
    db["fetches"].create(
        {
            "id": int,
            "run_id": int,
            "url": str,
            "final_url": str,
            "kind": str,
            "status": int,  # HTTP status, NULL when no response arrived
            "outcome": str,  # stored / updated / unchanged / not-modified / duplicate / read / skipped / error
            "reason": str,
            "time": str,
            "article_id": int,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("article_id", "articles", "id")],
    )
    db["fetches"].create_index(["run_id", "outcome"])
    db["fetches"].create_index(["url"])


@MIGRATIONS(name="0002_content_hash_outlet_index")
def content_hash_outlet_index(db: Database) -> None:
    """The exact-duplicate lookup filters on both columns; with the content_hash index alone
    SQLite preferred the outlet index and read every article of the outlet, blobs included."""
    db["articles"].create_index(["content_hash", "outlet"], if_not_exists=True)
    db.execute("drop index if exists idx_articles_content_hash")


def migrate(db: Database) -> None:
    """Bring ``db`` up to the newest schema."""
    MIGRATIONS.apply(db)


# -- the store across articles (process) --------------------------------------------------------------------
# Ids people cite (people, organizations, statements, numbers, claims, mentions) are never reused
# (AUTOINCREMENT): a merged person's id redirects, a statement id keeps meaning the same words.

STORE_TABLES = """
create table countries (
    code text primary key,
    kind text not null check (kind in ('country', 'bloc')),
    name text not null,
    official_name text,
    alpha_2 text,
    numeric text
);
create table bloc_members (
    bloc text not null references countries(code),
    country text not null references countries(code),
    primary key (bloc, country)
);
create index idx_bloc_members_country on bloc_members(country);

create table organizations (
    id integer primary key autoincrement,
    name text not null,
    key text not null unique,
    country text references countries(code),
    created_at text
);
create table organization_aliases (
    organization_id integer not null references organizations(id) on delete cascade,
    alias text not null,
    primary key (organization_id, alias)
);
create index idx_organization_aliases_alias on organization_aliases(alias collate nocase);

create table people (
    id integer primary key autoincrement,
    name text not null,
    country text references countries(code),
    first_name text,
    surname text,
    created_at text
);
create index idx_people_name on people(name collate nocase);
create index idx_people_surname on people(surname);
create index idx_people_first_name on people(first_name);
create table person_aliases (
    person_id integer not null references people(id) on delete cascade,
    alias text not null,
    kind text not null,
    norm text not null,
    articles integer not null default 0,
    primary key (person_id, alias)
);
create index idx_person_aliases_norm on person_aliases(norm);
create index idx_person_aliases_alias on person_aliases(alias collate nocase);
create table person_roles (
    id integer primary key autoincrement,
    person_id integer not null references people(id) on delete cascade,
    title text,
    organization text,
    organization_id integer references organizations(id) on delete set null,
    country text references countries(code),
    first_seen text,
    last_seen text,
    articles integer not null default 0,
    role_key text not null,
    unique (person_id, role_key)
);
create table person_redirects (
    from_id integer primary key,
    to_id integer not null references people(id),
    reason text not null,
    decided_by text not null check (decided_by in ('rule', 'user')),
    created_at text
);
create table identity_decisions (
    id integer primary key,
    action text not null check (action in ('merge', 'split')),
    person_id integer not null,
    other_id integer,
    alias text,
    created_at text
);
create table article_people (
    article_id integer not null references articles(id) on delete cascade,
    name text not null,
    person_id integer not null references people(id),
    title text,
    organization text,
    organization_id integer references organizations(id) on delete set null,
    country text references countries(code),
    mentions integer,
    aliases text,
    role_key text not null,
    rule text not null,
    evidence text,
    primary key (article_id, name)
);
create index idx_article_people_person on article_people(person_id, role_key);
create table article_organizations (
    article_id integer not null references articles(id) on delete cascade,
    organization_id integer not null references organizations(id),
    name text not null,
    aliases text,
    primary key (article_id, organization_id)
);
create index idx_article_organizations_organization on article_organizations(organization_id);

create table statements (
    id integer primary key autoincrement,
    speaker text,
    speaker_kind text,
    person_id integer references people(id),
    organization_id integer references organizations(id) on delete set null,
    speaker_text text,
    speaker_title text,
    organization text,
    kind text not null,
    text text not null,
    cue text,
    date text,
    article_id integer references articles(id),
    start integer,
    "end" integer,
    fragments text,
    confidence real,
    sentiment text,
    sentiment_score real,
    sentiment_model text,
    match_key text not null,
    sources integer not null default 1,
    created_at text
);
create index idx_statements_person_date on statements(person_id, date);
create index idx_statements_organization_date on statements(organization_id, date);
create index idx_statements_date on statements(date);
create index idx_statements_match_key on statements(match_key);
create index idx_statements_article on statements(article_id);
create table statement_sources (
    statement_id integer not null references statements(id) on delete cascade,
    article_id integer not null references articles(id) on delete cascade,
    outlet text,
    published text,
    speaker text,
    kind text not null,
    text text not null,
    speaker_text text,
    speaker_title text,
    cue text,
    date text,
    start integer not null,
    "end" integer,
    fragments text,
    confidence real,
    sentiment text,
    sentiment_score real,
    sentiment_model text,
    countries text,
    numbers text,
    primary key (statement_id, article_id, start)
);
create index idx_statement_sources_article on statement_sources(article_id);
create table statement_countries (
    statement_id integer not null references statements(id) on delete cascade,
    country text not null references countries(code),
    date text,
    primary key (statement_id, country)
);
create index idx_statement_countries_country on statement_countries(country, date, statement_id);
create table numbers (
    id integer primary key autoincrement,
    article_id integer not null references articles(id) on delete cascade,
    text text not null,
    value real,
    unit text,
    start integer not null,
    "end" integer not null,
    approx text,
    high real,
    scale text,
    measures text,
    unique (article_id, start, "end")
);
create index idx_numbers_unit on numbers(unit, measures);
create table statement_numbers (
    statement_id integer not null references statements(id) on delete cascade,
    number_id integer not null references numbers(id) on delete cascade,
    primary key (statement_id, number_id)
);
create index idx_statement_numbers_number on statement_numbers(number_id);
create table claims (
    id integer primary key autoincrement,
    article_id integer not null references articles(id) on delete cascade,
    text text not null,
    type text,
    score real,
    start integer not null,
    "end" integer not null,
    unique (article_id, start, "end")
);
create index idx_claims_type on claims(type, score);
create table article_countries (
    article_id integer not null references articles(id) on delete cascade,
    country text not null references countries(code),
    mentions integer not null,
    primary key (article_id, country)
);
create index idx_article_countries_country on article_countries(country, article_id);
create table rate_event_mentions (
    id integer primary key autoincrement,
    article_id integer not null references articles(id) on delete cascade,
    kind text not null,
    action text not null,
    rate_percent real,
    rate_low real,
    previous_percent real,
    imposing text,
    target text,
    products text,
    date text,
    announced text,
    effective text,
    text text,
    start integer not null,
    "end" integer not null,
    mention_key text not null,
    unique (article_id, mention_key)
);
create index idx_rate_event_mentions_event on rate_event_mentions(kind, imposing, target, date);

create view quotes as
select
    s.id,
    s.date,
    s.speaker,
    s.speaker_title,
    s.organization,
    a.outlet,
    s.kind,
    s.text,
    (select group_concat(sc.country, '; ') from statement_countries sc where sc.statement_id = s.id) as countries,
    s.sentiment,
    s.sentiment_score,
    a.title as article_title,
    coalesce(a.canonical_url, a.url) as url,
    s.sources,
    s.speaker_text,
    s.cue,
    s.confidence,
    s.person_id,
    s.organization_id,
    s.article_id
from statements s
left join articles a on a.id = s.article_id;
"""

# Full-text indexes follow only the indexed columns, so the many writes that touch other columns
# (processing stamps, validators) cost the index nothing.
FTS_TRIGGERS = (
    "create trigger {table}_fts_ai after insert on {table} begin"
    " insert into {table}_fts (rowid, {columns}) values (new.rowid, {new}); end",
    "create trigger {table}_fts_ad after delete on {table} begin"
    " insert into {table}_fts ({table}_fts, rowid, {columns}) values ('delete', old.rowid, {old}); end",
    "create trigger {table}_fts_au after update of {columns} on {table} begin"
    " insert into {table}_fts ({table}_fts, rowid, {columns}) values ('delete', old.rowid, {old});"
    " insert into {table}_fts (rowid, {columns}) values (new.rowid, {new}); end",
)


def _full_text(db: Database, table: str, columns: list[str]) -> None:
    """An external-content FTS5 index on ``table``, kept in step by triggers and filled with what is there."""
    names = ", ".join(columns)
    db.execute(f"create virtual table {table}_fts using fts5({names}, content='{table}', content_rowid='rowid',"
               " tokenize='porter unicode61 remove_diacritics 2')")
    for trigger in FTS_TRIGGERS:
        db.execute(trigger.format(table=table, columns=names, new=", ".join(f"new.{c}" for c in columns),
                                  old=", ".join(f"old.{c}" for c in columns)))
    db.execute(f"insert into {table}_fts ({table}_fts) values ('rebuild')")


def _execute_script(db: Database, script: str) -> None:
    """Run ``script`` statement by statement, inside the migration's transaction (executescript commits)."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def fill_countries(db: Database) -> None:
    """Every ISO 3166-1 country (pycountry) and every bloc saidwhat recognises, with their members."""
    import pycountry

    from db.reference import blocs

    db.conn.executemany(
        "insert or replace into countries (code, kind, name, official_name, alpha_2, numeric)"
        " values (?, 'country', ?, ?, ?, ?)",
        [(c.alpha_3, getattr(c, "common_name", None) or c.name, getattr(c, "official_name", None), c.alpha_2,
          c.numeric) for c in pycountry.countries],
    )
    for code, bloc in blocs().items():
        db.execute("insert or replace into countries (code, kind, name) values (?, 'bloc', ?)", [code, bloc["name"]])
        db.conn.executemany("insert or ignore into bloc_members (bloc, country) values (?, ?)",
                            [(code, member) for member in bloc["members"]])


@MIGRATIONS(name="0003_store")
def store_tables(db: Database) -> None:
    """What `process` stores: people, organizations, statements and their sources, countries,
    numbers, claims and rate-event mentions, with full-text search and the `quotes` view."""
    _execute_script(db, STORE_TABLES)
    fill_countries(db)
    articles = db["articles"]
    for column, kind in (("processed_version", str), ("processed_hash", str), ("processed_at", str),
                         ("process_error", str), ("sentiment", str), ("sentiment_score", float),
                         ("sentiment_model", str)):
        articles.add_column(column, kind)
    articles.create_index(["processed_version"])
    db["runs"].add_column("command", str)
    _full_text(db, "statements", ["text", "speaker"])
    _full_text(db, "articles", ["title", "body"])


# -- rate events as one timeline ----------------------------------------------------------------------------

EVENT_TABLES = """
create table rate_events (
    id integer primary key autoincrement,
    kind text not null,
    action text not null,
    rate_percent real,
    rate_low real,
    previous_percent real,
    imposing text,
    target text,
    date text,
    announced text,
    effective text,
    products text,
    source text not null,
    source_url text,
    note text,
    imported integer not null default 0,
    import_key text unique,
    mentions integer not null default 0,
    outlets integer not null default 0,
    first_reported text,
    last_reported text,
    created_at text
);
create index idx_rate_events_match on rate_events(kind, action, date);
create index idx_rate_events_date on rate_events(date);
create index idx_rate_events_announced on rate_events(announced);
create index idx_rate_events_effective on rate_events(effective);
create table statement_events (
    statement_id integer not null references statements(id) on delete cascade,
    event_id integer not null references rate_events(id) on delete cascade,
    relation text not null check (relation in ('announces', 'anticipates', 'reacts_to')),
    lag_days integer not null,
    primary key (statement_id, event_id)
);
create index idx_statement_events_event on statement_events(event_id, relation);
create table store_settings (
    name text primary key,
    value text
);
create view timeline as
select
    e.id,
    e.date,
    e.kind,
    e.action,
    e.imposing,
    e.target,
    e.rate_percent,
    e.rate_low,
    e.previous_percent,
    e.announced,
    e.effective,
    e.products,
    e.mentions,
    e.outlets,
    (select count(*) from statement_events se where se.event_id = e.id) as statements,
    e.first_reported,
    e.last_reported,
    e.source,
    e.source_url,
    e.note
from rate_events e
order by e.date, e.id;
"""


@MIGRATIONS(name="0004_rate_events")
def rate_event_tables(db: Database) -> None:
    """One row per real-world rate event with its mentions under it, imported events, and statements
    linked to the events around them; the `timeline` view."""
    _execute_script(db, EVENT_TABLES)
    db.execute("alter table rate_event_mentions add column event_id integer references rate_events(id)")
    db.execute("create index idx_rate_event_mentions_event_id on rate_event_mentions(event_id)")


# -- reading the store: `query` ------------------------------------------------------------------------------

QUERY_INDEXES = """
drop index idx_statements_person_date;
create index idx_statements_person_tone on statements(person_id, date, id, sentiment_score, sentiment);
drop index idx_statements_organization_date;
create index idx_statements_organization_tone
    on statements(organization_id, date, id, person_id, sentiment_score, sentiment);
create index idx_statements_group_tone on statements(speaker collate nocase, date, id, sentiment_score, sentiment)
    where person_id is null and organization_id is null;
create index idx_statement_sources_outlet on statement_sources(outlet, statement_id)
"""


@MIGRATIONS(name="0005_query_indexes")
def query_indexes(db: Database) -> None:
    """Indexes for reading: a speaker's statements in date order (then id, so LIMIT needs no sort) carry their
    sentiment, so `query tone` for a person, an organization or a group reads the index alone (34,000
    statements of one speaker: 30 ms instead of 180); an outlet's statements are found without reading every
    source."""
    _execute_script(db, QUERY_INDEXES)


# -- names, not references ----------------------------------------------------------------------------------


@MIGRATIONS(name="0006_aliases_are_names")
def aliases_are_names(db: Database) -> None:
    """Stores written before this step kept how articles referred to an organization ("it", "the report") among
    its aliases, and counted a capitalised form sharing no word with a person's name (their employer, "Chief
    Economist") as a name, which could become the canonical one. Drop the first; recount the people concerned
    from their article rows."""
    from datetime import datetime, timezone

    from db.identities import alias_kind, names_an_institution
    from db.people import Identities

    conn = db.conn
    names = dict(conn.execute("select id, name from organizations"))
    conn.executemany("delete from organization_aliases where organization_id = ? and alias = ?", [
        (org_id, alias) for org_id, alias in conn.execute("select organization_id, alias from organization_aliases")
        if alias != names.get(org_id) and not names_an_institution(alias)])
    stored = {(person_id, alias): kind for person_id, alias, kind in conn.execute(
        "select person_id, alias, kind from person_aliases")}
    stale = {person_id for person_id, name, aliases in conn.execute(
        "select person_id, name, aliases from article_people")
        for alias in json.loads(aliases or "[]")
        if stored.get((person_id, alias), "description") == "name" and alias_kind(alias, name) != "name"}
    identities = Identities(conn, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    for person_id in sorted(stale):
        identities.rebuild(person_id)


@MIGRATIONS(name="0007_organization_alias_counts")
def organization_alias_counts(db: Database) -> None:
    """How many article rows give each organization alias (``articles``), so an article processed again takes back
    what only it said without reading every article of the organization, as people's aliases are counted. Counted
    from the article rows; an alias no row gives (kept from a merge) counts one, and stays."""
    from collections import Counter

    from db.identities import alias_forms

    db["organization_aliases"].add_column("articles", int, not_null_default=1)
    counts = Counter((org_id, form) for org_id, name, aliases in db.conn.execute(
        "select organization_id, name, aliases from article_organizations")
        for form in alias_forms(name, json.loads(aliases or "[]")))
    db.conn.executemany("update organization_aliases set articles = ? where organization_id = ? and alias = ?",
                        [(count, org_id, alias) for (org_id, alias), count in counts.items()])
