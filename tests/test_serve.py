"""`cli.py serve`: Datasette 0.65 on the demo database through its own test client (metadata, units, facets,
full-text search, the stored queries, writes refused), and the command itself on a loopback port."""
from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import cli
from db.queries.stored import STORED_QUERIES
from db.serve import METADATA, build_datasette
from tests.conftest import ROOT, copy_database


def get(ds, path: str):
    """GET through Datasette's own client: (status, parsed JSON or text)."""
    response = asyncio.run(ds.client.get(path))
    is_json = response.headers.get("content-type", "").startswith("application/json")
    return response.status_code, (response.json() if is_json else response.text)


@pytest.fixture(scope="module")
def ds(demo_db):
    return build_datasette(demo_db)


def test_metadata_titles_descriptions_and_units_show(ds, demo_db):
    shipped = yaml.safe_load(METADATA.read_text())["databases"]["saidwhat"]["tables"]
    status, metadata = get(ds, "/-/metadata.json")
    assert status == 200 and metadata["title"] == "saidwhat"
    assert set(metadata["databases"]) == {"demo"}  # the file's stem, not the name in metadata.yml
    status, page = get(ds, "/demo/statements")
    assert shipped["statements"]["description"].split(";")[0] in page
    assert 'data-column-description="Canonical name of the person or organization who said it."' in page
    raise_84 = sqlite3.connect(demo_db).execute(
        "select id from rate_events where rate_percent = 84 and imposing = 'CHN'").fetchone()[0]
    status, page = get(ds, f"/demo/rate_events?id={raise_84}")
    assert "84.0&nbsp;%" in page
    status, page = get(ds, "/demo/statement_events?_size=5")
    assert "&nbsp;d</td>" in page  # lag in days


def test_the_database_is_named_after_its_file(demo_db, tmp_path):
    ds = build_datasette(copy_database(demo_db, tmp_path / "news.db"))
    status, metadata = get(ds, "/-/metadata.json")
    assert set(metadata["databases"]) == {"news"} and set(metadata["databases"]["news"]["queries"]) == set(STORED_QUERIES)
    status, rows = get(ds, "/news/quotes_by_official.json?speaker=Holt&_shape=array")
    assert status == 200 and rows


def test_facets_count_what_the_store_holds(ds, demo_db):
    conn = sqlite3.connect(demo_db)
    status, data = get(ds, "/demo/quotes.json?_size=0")
    facets = data["facet_results"]
    assert {"speaker", "outlet", "kind", "sentiment", "countries"} <= set(facets)
    speakers = {r["value"]: r["count"] for r in facets["speaker"]["results"]}
    assert speakers["Marian Holt"] == conn.execute(
        "select count(*) from statements where speaker = 'Marian Holt'").fetchone()[0] == 11
    kinds = {r["value"]: r["count"] for r in facets["kind"]["results"]}
    assert kinds == dict(conn.execute("select kind, count(*) from statements group by kind").fetchall())
    status, data = get(ds, "/demo/statement_countries.json?_size=0")
    countries = {r["value"]: r["count"] for r in data["facet_results"]["country"]["results"]}
    assert countries["CHN"] == conn.execute(
        "select count(*) from statement_countries where country = 'CHN'").fetchone()[0] > 5
    status, data = get(ds, "/demo/quotes.json?_size=0&outlet=Capital%20Wire")
    assert data["filtered_table_rows_count"] == conn.execute(
        "select count(*) from quotes where outlet = 'Capital Wire'").fetchone()[0] > 0


def test_full_text_search_on_statements_quotes_and_articles(ds, demo_db):
    conn = sqlite3.connect(demo_db)
    wanted = sorted(r[0] for r in conn.execute("select rowid from statements_fts where statements_fts match 'tariffs'"))
    assert len(wanted) > 5
    for table in ("statements", "quotes"):
        status, rows = get(ds, f"/demo/{table}.json?_search=tariffs&_shape=array&_size=max")
        assert status == 200 and sorted(r["id"] for r in rows) == wanted
    articles = sorted(r[0] for r in conn.execute("select rowid from articles_fts where articles_fts match 'steel'"))
    status, rows = get(ds, "/demo/articles.json?_search=steel&_shape=array&_col=title")
    assert articles and sorted(r["id"] for r in rows) == articles


def test_sorting_newest_first_and_by_score(ds):
    status, rows = get(ds, "/demo/quotes.json?_shape=array&_size=max")
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)  # the default sort
    status, page = get(ds, "/demo/quotes.json?_sort=speaker_text")
    assert status != 200 and "Cannot sort table by speaker_text" in str(page)  # only the listed columns sort


@pytest.mark.parametrize("name, params", [
    ("quotes_by_official", {"speaker": "Holt"}),
    ("timeline_for_country", {"country": "China"}),
    ("statements_around_event", {"event": None}),
    ("numbers_about_country", {"country": "CHN"}),
])
def test_each_stored_query_runs_and_answers_on_the_demo(ds, demo_db, name, params):
    conn = sqlite3.connect(demo_db)
    if name == "statements_around_event":  # ids depend on the order articles were processed in: take the event
        params = {"event": conn.execute(  # with the most statements around it
            "select event_id from statement_events group by event_id order by count(*) desc, event_id limit 1"
        ).fetchone()[0]}
    query = "&".join(f"{k}={v}" for k, v in params.items())
    status, rows = get(ds, f"/demo/{name}.json?{query}&_shape=array")
    assert status == 200 and rows, rows
    if name == "quotes_by_official":
        assert {r["speaker"] for r in rows} == {"Marian Holt"} and len(rows) == 11
    elif name == "timeline_for_country":
        assert {r["record"] for r in rows} == {"statement", "rate_event"}
        naming = {r[0] for r in conn.execute("select statement_id from statement_countries where country = 'CHN'")}
        assert {r["id"] for r in rows if r["record"] == "statement"} == naming
        assert "84% tariff raise" in {r["what"] for r in rows if r["record"] == "rate_event"}
        assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    elif name == "statements_around_event":
        linked = conn.execute("select count(*) from statement_events where event_id = ?", [params["event"]]).fetchone()[0]
        target = conn.execute("select target from rate_events where id = ?", [params["event"]]).fetchone()[0]
        assert len(rows) == linked and {r["target"] for r in rows} == {target}
        assert [r["lag_days"] for r in rows] == sorted(r["lag_days"] for r in rows)
    else:
        naming = {r[0] for r in conn.execute("select statement_id from statement_countries where country = 'CHN'")}
        assert {r["statement_id"] for r in rows} <= naming and all(r["number"] for r in rows)


def test_most_negative_of_the_latest_30_days(ds, scored_db):
    status, rows = get(ds, "/demo/most_negative_latest_30_days.json?_shape=array")
    assert status == 200 and rows and {r["sentiment"] for r in rows} == {"negative"}
    scored = build_datasette(scored_db)
    status, rows = get(scored, "/scored/most_negative_latest_30_days.json?_shape=array")
    conn = sqlite3.connect(scored_db)
    latest = conn.execute("select max(date), date(max(date), '-30 days') from statements").fetchone()
    wanted = conn.execute("select count(*) from statements where sentiment = 'negative' and date > ?",
                          [latest[1]]).fetchone()[0]
    assert status == 200 and len(rows) == min(wanted, 50) > 0
    assert {r["sentiment"] for r in rows} == {"negative"} and all(latest[1] < r["date"] <= latest[0] for r in rows)
    assert [r["sentiment_score"] for r in rows] == sorted(r["sentiment_score"] for r in rows)


def test_writes_are_refused(ds, demo_db):
    before = sqlite3.connect(demo_db).execute("select count(*) from statements").fetchone()[0]
    for sql in ("delete from statements", "update statements set text = 'x'", "drop table statements",
                "pragma journal_mode = delete", "attach database 'x.db' as x"):
        status, data = get(ds, "/demo.json?" + urllib.parse.urlencode({"sql": sql}))
        assert status == 400 and not data["ok"], sql
    with pytest.raises(sqlite3.OperationalError, match="readonly"):  # and the connection itself is read-only
        asyncio.run(ds.get_database("demo").execute("delete from statements"))
    status, page = get(ds, "/demo/quotes_by_official?speaker=Holt")
    assert status == 200 and "<form" in page and 'method="post"' not in page  # a read query, no write form
    assert sqlite3.connect(demo_db).execute("select count(*) from statements").fetchone()[0] == before


def test_immutable_mode_and_the_chart_plugin(demo_db):
    ds = build_datasette(demo_db, immutable=True)
    status, databases = get(ds, "/-/databases.json")
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("demo", False)]
    status, plugins = get(ds, "/-/plugins.json")
    assert "datasette-vega" in {p["name"] for p in plugins}
    status, page = get(ds, "/demo/timeline")
    script = next(part.split('"')[0] for part in page.split('src="')[1:] if "datasette_vega" in part)
    assert get(ds, script)[0] == 200  # the plugin's chart code is served locally


@pytest.mark.parametrize("setup, message", [
    (lambda d: d / "missing.db", "no database"),
    (lambda d: (d / "notes.db").write_text("text") and d / "notes.db", "is not a SQLite database"),
])
def test_serve_bad_database_is_one_line_exit_2(tmp_path, setup, message):
    path = setup(tmp_path)
    before = sorted(tmp_path.iterdir())
    result = CliRunner().invoke(cli.main, ["serve", "--db", str(path)])
    assert result.exit_code == 2 and message in result.output.strip().splitlines()[-1]
    assert sorted(tmp_path.iterdir()) == before


def test_serve_help_warns_about_immutable():
    result = CliRunner().invoke(cli.main, ["serve", "--help"])
    assert "invisible" in result.output and "127.0.0.1" in result.output


def test_serve_listens_on_loopback(demo_db, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--db", str(demo_db), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/demo/quotes.json?_shape=array&_size=1") as r:
                    rows = json.load(r)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.2)
        assert len(rows) == 1 and rows[0]["speaker"]
        listening = [line for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                     if line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"]
        assert [line.split()[1] for line in listening] == [f"0100007F:{port:04X}"]  # 127.0.0.1 only
    finally:
        server.terminate()
        server.wait(timeout=10)
