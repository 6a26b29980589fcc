"""Store: the only code that writes the saidwhat SQLite database.

Opens (or creates) the file in WAL mode, applies pending migrations, and offers small methods
that each write in one transaction: an article together with its fetch-log row and its frontier
state, so a crawl killed at any moment leaves either all of them or none. Wrap calls in
``store.batch()`` to group many of them into a single transaction.

Never imports Scrapy or spaCy: the crawler and the NLP code hand it plain dicts.
"""
from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from db.events import Windows
from db.raw_html import compress_html, decompress_html  # noqa: F401 -- decompress_html re-exported
from db.schema import migrate

# Columns of ``articles`` the caller may set through save_article().
ARTICLE_FIELDS = (
    "url", "canonical_url", "final_url", "outlet", "title", "authors", "published",
    "published_source", "language", "description", "body", "content_hash", "extractor",
    "extractor_version", "fetched_at", "http_status", "raw_html", "charset", "etag",
    "last_modified", "duplicate_of", "similarity", "minhash",
)
# Columns copied to article_versions when a refreshed article changed.
VERSIONED_FIELDS = (
    "version", "title", "body", "published", "content_hash", "fetched_at", "http_status",
    "raw_html", "etag", "last_modified",
)


class StoreError(Exception):
    """The database file cannot be created, opened or written."""


def now_iso() -> str:
    """Current UTC time as ISO 8601, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def check_writable(path: str | os.PathLike) -> Path:
    """Raise StoreError unless ``path`` can be created or written as a database file."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(f"cannot create {path}: directory {parent} does not exist")
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(f"cannot write {path}: permission denied")
    elif not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"cannot create {path}: directory {parent} is not writable")
    return path


SQLITE_HEADER = b"SQLite format 3\x00"


def busy_timeout_ms() -> int:
    """How long a write waits for another writer's lock (SAIDWHAT_BUSY_TIMEOUT seconds, default 10)."""
    try:
        return int(float(os.environ.get("SAIDWHAT_BUSY_TIMEOUT", "10")) * 1000)
    except ValueError:
        return 10000


def check_database(path: str | os.PathLike) -> Path:
    """Raise StoreError unless ``path`` is an existing SQLite database file (reads 16 bytes, writes nothing)."""
    path = check_writable(path)
    if not path.is_file():
        raise StoreError(f"no database {path}: crawl into it first")
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a SQLite database")
    return path


def describe_error(path: str | os.PathLike, error: sqlite3.Error) -> str:
    """One line for a SQLite failure, saying what to do when there is something to do."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"database {path} is locked by another process (waited {busy_timeout_ms() / 1000:g} s); try again later"
    if "malformed" in text or "not a database" in text:
        return f"database {path} is corrupt ({text})"
    return f"database {path}: {text}"


class Store:
    """A saidwhat database file. Use as a context manager or call close()."""

    def __init__(self, path: str | os.PathLike):
        self.path = check_writable(path)
        if self.path.is_file() and self.path.stat().st_size:
            check_database(self.path)  # never write into a file that is not SQLite
        try:
            self.db = Database(self.path)
            self.db.conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
            self.db.enable_wal()
            # WAL + NORMAL survives a killed process (only power loss can drop the last commits).
            self.db.conn.execute("PRAGMA synchronous=NORMAL")
            self.db.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.db)
        except sqlite3.DatabaseError as error:
            raise StoreError(describe_error(self.path, error)) from error

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        # The raw connection: sqlite-utils' execute() wraps every statement for autocommit,
        # which costs a millisecond per lookup on the crawl's hot path.
        return self.db.conn.execute(sql, params)

    def begin(self) -> None:
        """Open a transaction that the following writes join until commit() (batched writes)."""
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.commit()

    @contextlib.contextmanager
    def batch(self) -> Iterator[Store]:
        """Group every write inside the block into one transaction (faster for many rows)."""
        with self.writing():
            yield self

    # -- runs ---------------------------------------------------------------------------

    def start_run(self, arguments: dict[str, Any], command: str = "crawl") -> int:
        with self.writing():
            table = self.db["runs"]
            table.insert(
                {"started_at": now_iso(), "status": "running", "command": command,
                 "arguments": json.dumps(arguments, sort_keys=True, default=str)}
            )
            return int(table.last_pk)

    def finish_run(self, run_id: int, status: str = "finished") -> None:
        with self.writing():
            self.db["runs"].update(run_id, {"finished_at": now_iso(), "status": status})

    # -- frontier -----------------------------------------------------------------------

    def frontier_entry(self, url: str) -> dict[str, Any] | None:
        row = self._read(
            "select url, kind, depth, state, discovered_from, hints, article_id"
            " from frontier where url = ?", [url]
        ).fetchone()
        if row is None:
            return None
        entry = dict(zip(("url", "kind", "depth", "state", "discovered_from", "hints",
                          "article_id"), row))
        entry["hints"] = json.loads(entry["hints"]) if entry["hints"] else {}
        return entry

    def add_to_frontier(self, entries: Iterable[dict[str, Any]]) -> None:
        """Insert URLs as pending; URLs already known keep their state (done stays done).

        Hints (sitemap/feed dates and titles) fill in a known URL that had none yet.
        """
        stamp = now_iso()
        rows = [
            (e["url"], e.get("kind", "article"), int(e.get("depth", 0)),
             e.get("discovered_from"), json.dumps(e.get("hints") or {}, default=str),
             stamp, stamp)
            for e in entries
        ]
        with self.writing():
            self.db.conn.executemany(
                "insert into frontier (url, kind, depth, state, discovered_from, hints,"
                " added_at, updated_at) values (?, ?, ?, 'pending', ?, ?, ?, ?)"
                " on conflict(url) do update set hints = excluded.hints"
                " where coalesce(frontier.hints, '{}') = '{}' and excluded.hints != '{}'",
                rows,
            )

    def pending(self, kinds: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Frontier entries still to fetch (left over by an interrupted run), oldest first."""
        sql = "select url, kind, depth, discovered_from, hints from frontier where state = 'pending'"
        params: list[Any] = []
        if kinds is not None:
            kinds = list(kinds)
            sql += f" and kind in ({', '.join('?' * len(kinds))})"
            params += kinds
        rows = self._read(sql + " order by rowid", params).fetchall()
        return [
            {"url": u, "kind": k, "depth": d, "discovered_from": f,
             "hints": json.loads(h) if h else {}}
            for u, k, d, f, h in rows
        ]

    def frontier_counts(self) -> dict[str, int]:
        return dict(self._read("select state, count(*) from frontier group by state").fetchall())

    def _mark(self, url: str, state: str, article_id: int | None = None,
              kind: str | None = None) -> None:
        """Set a frontier URL's state (inserting it if unknown). Call inside a transaction."""
        stamp = now_iso()
        self.db.conn.execute(
            "insert into frontier (url, kind, depth, state, article_id, added_at, updated_at)"
            " values (?, coalesce(?, 'article'), 0, ?, ?, ?, ?)"
            " on conflict(url) do update set state = excluded.state,"
            " kind = coalesce(?, frontier.kind),"
            " article_id = coalesce(excluded.article_id, frontier.article_id),"
            " updated_at = excluded.updated_at",
            [url, kind, state, article_id, stamp, stamp, kind],
        )

    # -- reading articles ---------------------------------------------------------------

    def article_for_url(self, url: str) -> dict[str, Any] | None:
        """The stored article reached through ``url`` (any alias), with its validators."""
        row = self._read(
            "select a.id, a.canonical_url, a.content_hash, a.etag, a.last_modified, a.version"
            " from article_urls u join articles a on a.id = u.article_id where u.url = ?",
            [url],
        ).fetchone()
        if row is None:
            return None
        return dict(zip(("id", "canonical_url", "content_hash", "etag", "last_modified",
                         "version"), row))

    def article_id_for_canonical(self, canonical_url: str) -> int | None:
        row = self._read(
            "select id from articles where canonical_url = ?", [canonical_url]
        ).fetchone()
        return row[0] if row else None

    def article_id_for_hash(self, content_hash: str, outlet: str | None) -> int | None:
        """An article of the same outlet with exactly this body (an exact duplicate)."""
        row = self._read(
            "select id from articles where content_hash = ? and outlet is ? order by id limit 1",
            [content_hash, outlet],
        ).fetchone()
        return row[0] if row else None

    def minhashes(self) -> Iterator[tuple[int, str | None, bytes]]:
        """(id, outlet, signature) of every original (non-duplicate) article."""
        yield from self._read(
            "select id, outlet, minhash from articles"
            " where minhash is not null and duplicate_of is null order by id"
        )

    def published_of(self, article_id: int) -> str | None:
        row = self._read("select published from articles where id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def make_original(self, article_id: int, copy_id: int, similarity: float) -> None:
        """``article_id`` turned out to be the first publication of a story stored earlier as
        ``copy_id``: link that copy (and any copies of it) to ``article_id`` instead."""
        with self.writing():
            self.db.conn.execute(
                "update articles set duplicate_of = ?, similarity = ? where id = ?",
                [article_id, similarity, copy_id])
            self.db.conn.execute(
                "update articles set duplicate_of = ? where duplicate_of = ?", [article_id, copy_id])

    def article(self, article_id: int) -> dict[str, Any] | None:
        rows = list(self.db["articles"].rows_where("id = ?", [article_id]))
        return rows[0] if rows else None

    def article_count(self) -> int:
        return self.db["articles"].count

    def iter_articles(self, *, include_copies: bool = False,
                      columns: str = "id, url, outlet, title, published, language, body") -> Iterator[dict[str, Any]]:
        """Stored articles (current versions) in id order; syndicated copies only with `include_copies`."""
        where = "" if include_copies else " where duplicate_of is null"
        cursor = self._read(f"select {columns} from articles{where} order by id")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    def articles_after(self, last_id: int, columns: Iterable[str], limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` stored articles (copies included) with an id above ``last_id``, in id order: one
        page of a long scan that writes between pages, so no read cursor stays open across the writes."""
        cursor = self._read(f"select {', '.join(columns)} from articles where id > ? order by id limit ?",
                            [last_id, limit])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    # -- writing outcomes ---------------------------------------------------------------

    def _log(self, run_id: int | None, url: str, outcome: str, *, reason: str | None = None,
             status: int | None = None, kind: str | None = None, final_url: str | None = None,
             article_id: int | None = None) -> None:
        self.db.conn.execute(
            "insert into fetches (run_id, url, final_url, kind, status, outcome, reason, time,"
            " article_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, url, final_url, kind, status, outcome, reason, now_iso(), article_id],
        )

    def record_fetch(self, run_id: int | None, url: str, outcome: str, *,
                     reason: str | None = None, status: int | None = None,
                     kind: str | None = None, final_url: str | None = None,
                     article_id: int | None = None, frontier_state: str | None = None) -> None:
        """Log one fetch outcome and, if given, set the URL's frontier state, atomically."""
        with self.writing():
            self._log(run_id, url, outcome, reason=reason, status=status, kind=kind,
                      final_url=final_url, article_id=article_id)
            if frontier_state:
                self._mark(url, frontier_state, article_id, kind)

    def record_duplicate(self, run_id: int | None, url: str, article_id: int, *, reason: str,
                         aliases: Iterable[str] = (), status: int | None = None,
                         final_url: str | None = None) -> None:
        """``url`` turned out to be an already stored article: remember the alias, log it."""
        with self.writing():
            self._add_aliases(article_id, [url, *aliases])
            self._log(run_id, url, "duplicate", reason=reason, status=status, kind="article",
                      final_url=final_url, article_id=article_id)
            self._mark(url, "done", article_id, "article")

    def _add_aliases(self, article_id: int, urls: Iterable[str]) -> None:
        self.db.conn.executemany(
            "insert into article_urls (url, article_id) values (?, ?) on conflict(url) do nothing",
            [(u, article_id) for u in dict.fromkeys(u for u in urls if u)],
        )

    def save_article(self, run_id: int | None, article: dict[str, Any], *,
                     request_url: str, aliases: Iterable[str] = (), refresh: bool = False,
                     reason: str | None = None) -> tuple[str, int]:
        """Store a fetched article, its fetch-log row and its frontier state in one transaction.

        Returns ``(outcome, article_id)``. Outcomes: ``stored`` (new), ``duplicate`` (its
        canonical URL is already stored), and with ``refresh``: ``unchanged`` (same content
        hash, validators updated) or ``updated`` (content changed: the old content moves to
        article_versions and ``version`` goes up).
        """
        record = {k: article.get(k) for k in ARTICLE_FIELDS if k in article}
        if isinstance(record.get("authors"), (list, tuple)):
            record["authors"] = json.dumps(list(record["authors"]), ensure_ascii=False)
        if article.get("raw_html_zlib") is not None:  # compressed already (by a worker)
            record["raw_html"] = article["raw_html_zlib"]
        elif record.get("raw_html") is not None:
            record["raw_html"] = compress_html(record["raw_html"])
        record.setdefault("fetched_at", now_iso())
        status = record.get("http_status")
        aliases = [request_url, record.get("final_url"), record["canonical_url"], *aliases]
        with self.writing():
            existing = self._read(
                "select id, content_hash, version from articles where canonical_url = ?",
                [record["canonical_url"]],
            ).fetchone()
            if existing is None:
                record.update(version=1, first_seen_at=record["fetched_at"], run_id=run_id)
                columns = list(record)
                cursor = self.db.conn.execute(
                    f"insert into articles ({', '.join(columns)})"
                    f" values ({', '.join('?' * len(columns))})",
                    [record[c] for c in columns],
                )
                article_id, outcome = int(cursor.lastrowid), "stored"
            else:
                article_id, old_hash, version = existing
                if not refresh:
                    outcome = "duplicate"
                    reason = reason or f"same canonical URL as article {article_id}"
                elif old_hash == record.get("content_hash"):
                    outcome = "unchanged"
                    self._update(article_id, {k: record.get(k) for k in (
                        "fetched_at", "etag", "last_modified", "http_status")})
                else:
                    outcome = "updated"
                    self._archive_version(article_id)
                    changes = {k: v for k, v in record.items()
                               if k not in ("url", "canonical_url", "duplicate_of", "similarity")}
                    changes.update(version=version + 1, run_id=run_id)
                    self._update(article_id, changes)
            self._add_aliases(article_id, aliases)
            for url in dict.fromkeys(u for u in aliases if u):
                # The canonical and final URLs count as fetched too: never request them again.
                self._mark(url, "done", article_id, "article")
            self._log(run_id, request_url, outcome, reason=reason, status=status,
                      kind="article", final_url=record.get("final_url"), article_id=article_id)
        return outcome, article_id

    def has_fetch(self, run_id: int, url: str) -> bool:
        """Whether run ``run_id`` logged a fetch of ``url`` (a writer taking over re-checks the
        items its predecessor took but may not have committed)."""
        return self._read("select 1 from fetches where run_id = ? and url = ? limit 1",
                          [run_id, url]).fetchone() is not None

    def record_not_modified(self, run_id: int | None, url: str, article_id: int) -> None:
        """A conditional request answered 304: log it, touch nothing else."""
        self.record_fetch(run_id, url, "not-modified", status=304, kind="article",
                          article_id=article_id, frontier_state="done")

    def _update(self, article_id: int, changes: dict[str, Any]) -> None:
        if changes:
            assignments = ", ".join(f"{c} = ?" for c in changes)
            self.db.conn.execute(f"update articles set {assignments} where id = ?",
                                 [*changes.values(), article_id])

    def _archive_version(self, article_id: int) -> None:
        columns = ", ".join(VERSIONED_FIELDS)
        self.db.conn.execute(
            f"insert into article_versions (article_id, {columns})"
            f" select id, {columns} from articles where id = ?",
            [article_id],
        )

    # -- extraction results -------------------------------------------------------------------

    def ids_to_process(self, version: str, *, since: str | None = None, reprocess: bool = False,
                       limit: int | None = None) -> list[int]:
        """Ids of the articles whose extraction is missing, of another version, or of text a refresh changed
        since (all of them with ``reprocess``), in id order. Syndicated copies count: each is a source."""
        where = [] if reprocess else [
            "(processed_version is null or processed_version != :version"
            " or coalesce(processed_hash, '') != coalesce(content_hash, ''))"]
        if since:
            where.append("published >= :since")
        sql = ("select id from articles" + (" where " + " and ".join(where) if where else "") + " order by id"
               + (" limit :limit" if limit else ""))
        return [row[0] for row in self._read(sql, {"version": version, "since": since, "limit": limit})]

    def save_extraction(self, article_id: int, record: dict[str, Any], *, version: str,
                        content_hash: str | None) -> None:
        """Store one article's extraction in one transaction (see :mod:`db.extractions`)."""
        from db.extractions import save_extraction

        with self.writing():
            save_extraction(self.db.conn, article_id, record, version=version, content_hash=content_hash,
                            now=now_iso(), windows=self.windows())

    # -- the rate-event timeline ------------------------------------------------------------------

    def windows(self) -> Windows:
        """The event and link windows the timeline was built with (the defaults until set)."""
        stored = dict(self.db.conn.execute(
            "select name, value from store_settings where name in ('event_window', 'link_window')").fetchall())
        default = Windows()
        return Windows(int(stored.get("event_window", default.event_days)),
                       int(stored.get("link_window", default.link_days)))

    def use_windows(self, windows: Windows) -> bool:
        """Build the timeline with these windows from now on; regroups every mention and relinks every
        statement when they differ from the ones it was built with. Returns whether it regrouped."""
        from db.events import Events

        known = {name for (name,) in self.db.conn.execute("select name from store_settings")}
        if {"event_window", "link_window"} <= known and self.windows() == windows:
            return False
        with self.writing() as conn:
            Events(conn, now_iso(), windows).regroup()
            conn.executemany("insert or replace into store_settings (name, value) values (?, ?)",
                             [("event_window", str(windows.event_days)), ("link_window", str(windows.link_days))])
        return True

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction that takes the write lock at its start (BEGIN IMMEDIATE): it waits for
        another writer (the busy timeout) instead of failing half-way, as a transaction that read first
        would. Nested uses join the open transaction. Failing to get the lock is a one-line StoreError;
        an error inside rolls everything back."""
        conn = self.db.conn
        if conn.in_transaction:
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(describe_error(self.path, error)) from error
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(describe_error(self.path, error)) from error

    def record_process_error(self, article_id: int, error: str, *, version: str,
                             content_hash: str | None) -> None:
        """The pipeline failed on this article: keep its earlier extraction, note why, skip it until the
        next version (or --reprocess)."""
        with self.writing():
            self.db.conn.execute(
                "update articles set process_error = ?, processed_version = ?, processed_hash = ?,"
                " processed_at = ? where id = ?", [error, version, content_hash, now_iso(), article_id])

    # -- reporting ------------------------------------------------------------------------

    def run_summary(self, run_id: int) -> dict[str, Any]:
        """Counts of one run's fetch outcomes, from the fetches log (what the summary prints)."""
        rows = self._read(
            "select outcome, coalesce(reason, ''), count(*) from fetches where run_id = ?"
            " group by outcome, reason", [run_id],
        ).fetchall()
        outcomes: dict[str, int] = {}
        skipped: dict[str, int] = {}
        errors: dict[str, int] = {}
        for outcome, reason, count in rows:
            outcomes[outcome] = outcomes.get(outcome, 0) + count
            if outcome == "skipped":
                skipped[reason] = skipped.get(reason, 0) + count
            elif outcome == "error":
                errors[reason] = errors.get(reason, 0) + count
        per_outlet = dict(self._read(
            "select coalesce(a.outlet, '?'), count(distinct a.id) from fetches f join articles a"
            " on a.id = f.article_id where f.run_id = ? and f.outcome in ('stored', 'updated')"
            " group by 1 order by 2 desc, 1", [run_id],
        ).fetchall())
        near = self._read(
            "select count(*) from fetches f join articles a on a.id = f.article_id"
            " where f.run_id = ? and f.outcome = 'stored' and a.duplicate_of is not null",
            [run_id],
        ).fetchone()[0]
        return {
            "run_id": run_id,
            "requests": sum(outcomes.values()),
            "stored": outcomes.get("stored", 0),
            "updated": outcomes.get("updated", 0),
            "unchanged": outcomes.get("unchanged", 0),
            "not_modified": outcomes.get("not-modified", 0),
            "duplicates": outcomes.get("duplicate", 0),
            "near_duplicates": near,
            "listings_read": outcomes.get("read", 0),
            "per_outlet": per_outlet,
            "skipped": dict(sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0]))),
            "errors": dict(sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))),
            "articles_in_db": self.article_count(),
            "pending": self.frontier_counts().get("pending", 0),
        }
