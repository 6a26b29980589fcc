"""`process`: stored articles through the real pipeline into a real SQLite store, and its faults."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

import cli
from db.store import Store
from store_helpers import add_article

# Written for these tests: a wire story, a second outlet's report of the same remarks, a central bank.
WIRE = (
    "Trade Minister Odile Ferrand said on Monday that the European Union would answer the new steel duties "
    "within days.\n\n"
    "\u201cWe will not accept a 25% levy on our steel without a response,\u201d Ferrand told reporters in "
    "Brussels. \u201cOur list of countermeasures is ready.\u201d\n\n"
    "Ferrand said the bloc still preferred a negotiated settlement with Washington.")
REPORT = (
    "Odile Ferrand, the trade minister, warned on Monday that Europe had prepared its reply.\n\n"
    "\u201cWe will not accept a 25% levy on our steel without a response,\u201d Ferrand told reporters. "
    "Economists said the dispute could slow growth in both economies.")
BANK = (
    "The Bank of Korea held its policy rate at 2.5% on Thursday. Governor Min-jun Seo said inflation was "
    "easing but that the tariff outlook remained uncertain.\n\n"
    "\u201cWe will watch the data closely before the next move,\u201d Seo told a news conference in Seoul.")


def _run(*args: str):
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def _stored(db_path, items):
    with Store(db_path) as store:
        return [add_article(store, url, body, outlet=outlet, published=date) for url, body, outlet, date in items]


ARTICLES = [("https://wire.example/steel", WIRE, "Wire Service", "2025-04-14"),
            ("https://daily.example/ferrand", REPORT, "The Daily", "2025-04-15"),
            ("https://wire.example/bok", BANK, "Wire Service", "2025-04-17")]


def _snapshot(db_path) -> dict[str, list]:
    """Every row of the tables process writes, ids included, timestamps left out."""
    conn = sqlite3.connect(db_path)
    tables = ["people", "person_aliases", "person_roles", "article_people", "organizations", "statements",
              "statement_sources", "statement_countries", "statement_numbers", "numbers", "claims",
              "article_countries", "rate_event_mentions"]
    snapshot = {}
    for table in tables:
        columns = [r[1] for r in conn.execute(f"pragma table_info({table})") if r[1] not in ("created_at",)]
        quoted = ", ".join(f'"{c}"' for c in columns)
        order = ", ".join(str(i + 1) for i in range(len(columns)))
        snapshot[table] = conn.execute(f"select {quoted} from {table} order by {order}").fetchall()
    conn.close()
    return snapshot


def test_process_fills_the_store_and_joins_one_statement_from_two_outlets(db_path):
    _stored(db_path, ARTICLES)
    result = _run("process", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    assert "Processed 3 of 3 articles" in result.output
    conn = sqlite3.connect(db_path)
    ferrand = conn.execute("select id, name from people where name like '%Ferrand'").fetchall()
    assert [name for _, name in ferrand] == ["Odile Ferrand"]
    quote = conn.execute("select id, speaker, sources, article_id from statements where text like '%25% levy%'"
                         " and kind = 'direct'").fetchall()
    assert len(quote) == 1 and quote[0][1] == "Odile Ferrand" and quote[0][2] == 2
    outlets = {row[0] for row in conn.execute("select outlet from statement_sources where statement_id = ?",
                                              [quote[0][0]])}
    assert outlets == {"Wire Service", "The Daily"}
    row = conn.execute("select speaker, outlet, kind, countries, sources, url from quotes where id = ?",
                       [quote[0][0]]).fetchone()
    assert row[0] == "Odile Ferrand" and row[1] == "Wire Service" and row[4] == 2
    assert row[5] == "https://wire.example/steel"  # the first source is the earliest published
    assert conn.execute("select count(*) from numbers where unit = 'percent'").fetchone()[0] >= 3
    assert conn.execute("select count(*) from rate_event_mentions where kind = 'interest_rate'").fetchone()[0] >= 1
    assert {"KOR"} <= {r[0] for r in conn.execute("select country from article_countries")}
    assert conn.execute("select processed_version from articles").fetchone()[0].startswith("en_core_web_sm")


def test_process_gives_the_same_result_in_either_order_and_keeps_ids(db_path, tmp_path):
    _stored(db_path, ARTICLES)
    assert _run("process", "--db", str(db_path)).exit_code == 0
    reversed_db = tmp_path / "reversed.db"
    ids = _stored(reversed_db, ARTICLES)
    with Store(reversed_db) as store:  # the second outlet's article first
        store.db.execute("update articles set processed_version = 'later' where id != ?", [ids[1]])
        store.db.conn.commit()
    assert _run("process", "--db", str(reversed_db), "--limit", "1").exit_code == 0
    with Store(reversed_db) as store:
        store.db.execute("update articles set processed_version = null where id != ?", [ids[1]])
        store.db.conn.commit()
    assert _run("process", "--db", str(reversed_db)).exit_code == 0

    def shown(path):
        conn = sqlite3.connect(path)
        return sorted(conn.execute("select speaker, kind, text, sources, article_id, date from statements"))

    assert shown(db_path) == shown(reversed_db)

    before = _snapshot(db_path)
    again = _run("process", "--db", str(db_path))
    assert "Nothing to process" in again.output
    assert _snapshot(db_path) == before  # idempotent
    assert _run("process", "--db", str(db_path), "--reprocess", "-q").exit_code == 0
    assert _snapshot(db_path) == before  # statement, people, number ids all kept


def test_process_follows_a_refreshed_article_and_full_text_search(db_path):
    (wire_id, *_) = _stored(db_path, ARTICLES)
    assert _run("process", "--db", str(db_path)).exit_code == 0
    conn = sqlite3.connect(db_path)
    hits = conn.execute("select s.speaker from statements_fts f join statements s on s.id = f.rowid"
                        " where statements_fts match 'countermeasures'").fetchall()
    assert hits == [("Odile Ferrand",)]
    assert conn.execute("select count(*) from articles_fts where articles_fts match 'policy rate'").fetchone()[0] == 1
    changed = WIRE.replace("Our list of countermeasures is ready.", "Our list of retaliatory measures is ready.")
    with Store(db_path) as store:  # what `crawl --refresh` does with a changed page
        store.db.execute("update articles set body = ?, content_hash = 'new' where id = ?", [changed, wire_id])
        store.db.conn.commit()
    result = _run("process", "--db", str(db_path))
    assert "Processed 1 of 1" in result.output
    assert conn.execute("select count(*) from statements_fts where statements_fts match 'countermeasures'"
                        ).fetchone()[0] == 0
    assert conn.execute("select count(*) from statements_fts where statements_fts match 'retaliatory'"
                        ).fetchone()[0] == 1
    assert conn.execute("select count(*) from articles_fts where articles_fts match 'retaliatory'").fetchone()[0] == 1


def test_process_records_an_article_the_pipeline_fails_on_and_goes_on(db_path, pipeline_failing_on_marker):
    from process.runner import ProcessOptions, run_process

    _stored(db_path, [*ARTICLES[:2], ("https://bad.example/x", "UNREADABLE-MARKER " + BANK, "Bad", "2025-04-16")])
    summary = run_process(str(db_path), ProcessOptions())
    assert (summary.processed, summary.failed) == (2, 1)
    conn = sqlite3.connect(db_path)
    error = conn.execute("select process_error from articles where url = 'https://bad.example/x'").fetchone()[0]
    assert error == "ValueError: cannot analyse this text"
    assert conn.execute("select count(*) from statement_sources ss join articles a on a.id = ss.article_id"
                        " where a.url = 'https://bad.example/x'").fetchone()[0] == 0
    assert run_process(str(db_path), ProcessOptions()).to_process == 0  # skipped until the next version


def test_process_stores_an_international_organization_as_a_speaker_without_a_country(db_path):
    """The IMF, the WTO: known institutions that belong to no country. Their records once carried an
    empty country code, which the store's country key refused, and the whole run stopped."""
    from process.runner import ProcessOptions, run_process

    fund = ("The International Monetary Fund said on Tuesday that world growth would slow to 2.7% next year "
            "as tariffs weigh on trade.\n\nThe fund said central banks should keep rates steady.")
    _stored(db_path, [("https://wire.example/fund", fund, "Wire Service", "2025-04-22"), ARTICLES[2]])
    summary = run_process(str(db_path), ProcessOptions())
    assert (summary.processed, summary.failed) == (2, 0)
    conn = sqlite3.connect(db_path)
    assert conn.execute("select name, country from organizations where name = 'International Monetary Fund'"
                        ).fetchall() == [("International Monetary Fund", None)]
    assert conn.execute("select count(*) from statements where speaker = 'International Monetary Fund'"
                        ).fetchone()[0] >= 1
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_process_records_a_record_the_store_rejects_and_goes_on(db_path):
    """A record the store's constraints refuse is rolled back whole, recorded as the article's error and
    skipped; the articles after it are stored. (A trigger stands in for a constraint the record breaks.)"""
    from process.runner import ProcessOptions, run_process

    rejected = "https://bad.example/rejected"
    _stored(db_path, [(rejected, WIRE, "Bad", "2025-04-13"), *ARTICLES[1:]])
    conn = sqlite3.connect(db_path)
    conn.execute("create trigger reject_one before insert on statement_sources when new.article_id ="
                 f" (select id from articles where url = '{rejected}')"
                 " begin select raise(abort, 'not from this outlet'); end")
    conn.commit()
    summary = run_process(str(db_path), ProcessOptions())
    assert (summary.processed, summary.failed) == (2, 1)
    error = conn.execute("select process_error from articles where url = ?", [rejected]).fetchone()[0]
    assert error == "store rejected the record: not from this outlet"
    assert conn.execute("select count(*) from article_people ap join articles a on a.id = ap.article_id"
                        " where a.url = ?", [rejected]).fetchone()[0] == 0  # nothing of it half-written
    assert conn.execute("select count(*) from statement_sources").fetchone()[0] > 0


def test_process_killed_and_run_again_loses_and_doubles_nothing(db_path, tmp_path):
    articles = [(f"https://wire.example/{i}", body.replace("Monday", f"day {i}"), outlet, date)
                for i in range(12) for (_, body, outlet, date) in [ARTICLES[i % 3]]]
    _stored(db_path, articles)
    complete = tmp_path / "complete.db"
    _stored(complete, articles)
    command = [sys.executable, "cli.py", "process", "--db"]
    assert subprocess.run([*command, str(complete), "-q"], cwd=cli.__file__.rsplit("/", 1)[0]).returncode == 0
    proc = subprocess.Popen([*command, str(db_path), "-q"], cwd=cli.__file__.rsplit("/", 1)[0])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill once some, not all, articles are written
        time.sleep(0.2)
        try:
            done = sqlite3.connect(db_path).execute(
                "select count(*) from articles where processed_version is not null").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if done >= 3 or proc.poll() is not None:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    rerun = subprocess.run([*command, str(db_path), "--json"], cwd=cli.__file__.rsplit("/", 1)[0],
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["to_process"] < 12

    def content(path):
        conn = sqlite3.connect(path)
        return (sorted(conn.execute("select speaker, text, sources from statements")),
                sorted(conn.execute("select name from people")),
                conn.execute("select count(*) from statement_sources").fetchone(),
                conn.execute("select count(*) from numbers").fetchone())

    assert content(db_path) == content(complete)


def test_process_bad_databases_get_one_line_and_write_nothing(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("not a database at all\n")
    result = CliRunner().invoke(cli.main, ["process", "--db", str(text)])
    assert result.exit_code == 2 and "is not a SQLite database" in result.output
    assert text.read_text() == "not a database at all\n"

    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    before = corrupt.read_bytes()
    result = CliRunner().invoke(cli.main, ["process", "--db", str(corrupt)])
    assert result.exit_code != 0 and "corrupt" in result.output and len(result.output.strip().splitlines()) == 1
    assert corrupt.read_bytes() == before

    missing = tmp_path / "missing.db"
    result = CliRunner().invoke(cli.main, ["process", "--db", str(missing)])
    assert result.exit_code == 2 and "no database" in result.output and not missing.exists()


def test_process_waits_for_a_locked_database_then_fails_in_one_line(db_path, monkeypatch):
    _stored(db_path, ARTICLES[:1])
    monkeypatch.setenv("SAIDWHAT_BUSY_TIMEOUT", "0.5")
    holder = sqlite3.connect(db_path)
    holder.execute("begin immediate")
    try:
        started = time.monotonic()
        result = CliRunner().invoke(cli.main, ["process", "--db", str(db_path)])
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert "is locked by another process" in result.output and len(result.output.strip().splitlines()) == 1
    assert waited >= 0.5
    assert sqlite3.connect(db_path).execute("select count(*) from statements").fetchone()[0] == 0


def test_process_migrates_a_database_of_the_previous_schema(tmp_path):
    from sqlite_utils import Database

    from db.schema import MIGRATIONS

    old = tmp_path / "old.db"
    db = Database(old)
    MIGRATIONS.apply(db, stop_before="0003_store")
    db["articles"].insert({"url": "https://wire.example/steel", "canonical_url": "https://wire.example/steel",
                           "outlet": "Wire Service", "published": "2025-04-14", "language": "en", "body": WIRE,
                           "content_hash": "h", "title": "Steel"})
    db.close()
    result = _run("process", "--db", str(old))
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(old)
    assert conn.execute("select title, body from articles").fetchone() == ("Steel", WIRE)
    assert conn.execute("select count(*) from statements").fetchone()[0] >= 2
    assert conn.execute("select count(*) from articles_fts where articles_fts match 'countermeasures'").fetchone()[0] == 1


def test_db_package_imports_neither_spacy_nor_scrapy():
    code = ("import sys, db.store, db.schema, db.extractions, db.people, db.identities, db.statements, db.reference;"
            "bad = [m for m in ('spacy', 'scrapy', 'thinc') if m in sys.modules]; print(bad); sys.exit(bool(bad))")
    result = subprocess.run([sys.executable, "-c", code], cwd=cli.__file__.rsplit("/", 1)[0],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_crawl_processes_what_it_stores_unless_told_not_to(site_server, db_path, crawl):
    from conftest import TEST_CRAWL_OPTIONS

    url = f"{site_server.base_url}/harbor-ledger/2025/04/08/japan-auto-tariff-talks-progressing.html"
    options = [o for o in TEST_CRAWL_OPTIONS if o != "--no-process"]
    result = subprocess.run([sys.executable, "cli.py", "crawl", url, "--depth", "0", "--db", str(db_path),
                             "--json", *options], cwd=cli.__file__.rsplit("/", 1)[0], capture_output=True,
                            text=True, timeout=300, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["stored"] == 1 and summary["process"]["processed"] == 1
    conn = sqlite3.connect(db_path)
    assert conn.execute("select count(*) from statements").fetchone()[0] > 5

    other = db_path.with_name("stored-only.db")
    plain = crawl(url, "--depth", "0", db=other)  # the crawl tests' options include --no-process
    assert plain.returncode == 0
    assert sqlite3.connect(other).execute("select count(*) from statements").fetchone()[0] == 0
