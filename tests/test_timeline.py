"""Rate events as one timeline, imported events, and statements linked to the events around them, on real
SQLite files fed with records shaped like `extract`'s output."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import cli
from db.events import Windows
from db.store import Store
from store_helpers import add_article, official, record, save, statement


def mention(rate: float | None, action: str = "announce", *, imposing: str | None = "USA", target: str | None = "ALL",
            kind: str = "tariff", announced: str | None = None, effective: str | None = None,
            date: str | None = None, start: int = 0, end: int = 60) -> dict:
    return {"kind": kind, "action": action, "rate_percent": rate, "rate_low": None, "previous_percent": None,
            "imposing": imposing, "target": target, "products": [], "date": date or announced or effective,
            "announced": announced, "effective": effective, "text": "…", "start": start, "end": end}


@pytest.fixture
def store(db_path):
    with Store(db_path) as opened:
        yield opened


def _article(store, n: int, published: str, outlet: str = "Harbor Ledger") -> int:
    return add_article(store, f"https://news.example/{n}", f"body {n}", outlet=outlet, published=published)


def _events(store) -> list[tuple]:
    return store.db.execute("select kind, action, rate_percent, imposing, target, date, announced, effective,"
                            " mentions, outlets from timeline").fetchall()


def test_timeline_one_event_from_articles_reported_on_different_days(store):
    for n, (published, outlet) in enumerate([("2025-04-02", "Harbor Ledger"), ("2025-04-04", "Capital Wire"),
                                             ("2025-04-07", "Tradepost")]):
        save(store, _article(store, n, published, outlet), record(rate_events=[mention(10.0, date=published)]))
    assert _events(store) == [("tariff", "announce", 10.0, "USA", "ALL", "2025-04-02", None, None, 3, 3)]
    first, last = store.db.execute("select first_reported, last_reported from rate_events").fetchone()
    assert (first, last) == ("2025-04-02", "2025-04-07")


def test_timeline_a_threat_and_an_announcement_are_two_events_and_two_rates_too(store):
    save(store, _article(store, 1, "2025-03-01"), record(rate_events=[mention(25.0, "threaten", date="2025-03-01")]))
    save(store, _article(store, 2, "2025-03-04"), record(rate_events=[mention(25.0, "announce", date="2025-03-04")]))
    save(store, _article(store, 3, "2025-03-04"), record(rate_events=[mention(20.0, "announce", date="2025-03-04")]))
    assert [(e[1], e[2]) for e in _events(store)] == [("threaten", 25.0), ("announce", 25.0), ("announce", 20.0)]


def test_timeline_a_missing_party_joins_the_event_that_has_it(store):
    save(store, _article(store, 1, "2025-04-02"), record(rate_events=[mention(10.0, date="2025-04-02")]))
    save(store, _article(store, 2, "2025-04-03"), record(rate_events=[mention(10.0, imposing=None, date="2025-04-03")]))
    assert len(_events(store)) == 1 and _events(store)[0][3] == "USA"


def test_timeline_keeps_the_effective_date_apart_from_the_announcement(store):
    save(store, _article(store, 1, "2025-04-02"),
         record(rate_events=[mention(10.0, announced="2025-04-02", effective="2025-04-05")]))
    save(store, _article(store, 2, "2025-04-06"), record(rate_events=[mention(10.0, effective="2025-04-05")]))
    save(store, _article(store, 3, "2025-04-11"), record(rate_events=[mention(10.0, effective="2025-04-05")]))
    assert _events(store) == [("tariff", "announce", 10.0, "USA", "ALL", "2025-04-02", "2025-04-02", "2025-04-05", 3, 1)]


def test_timeline_a_wider_event_window_regroups_everything(store):
    save(store, _article(store, 1, "2025-04-02"), record(rate_events=[mention(10.0, date="2025-04-02")]))
    save(store, _article(store, 2, "2025-04-12"), record(rate_events=[mention(10.0, date="2025-04-12")]))
    assert len(_events(store)) == 2
    assert store.use_windows(Windows(event_days=14, link_days=14)) is True
    assert len(_events(store)) == 1
    assert store.use_windows(Windows(event_days=14, link_days=14)) is False


def _csv(tmp_path, text: str):
    path = tmp_path / "events.csv"
    path.write_text(text)
    return path


TRACKER = ("kind,imposing,target,rate_percent,previous_percent,action,announced,effective,source_url,note\n"
           "tariff,USA,ALL,10,,announce,2025-04-02,2025-04-05,https://tracker.example/a,baseline rate\n"
           "interest_rate,Federal Reserve,,4.5,4.5,hold,2025-05-07,,https://fed.example/may,\n")


def test_import_events_attaches_mentions_and_a_second_import_changes_nothing(store, db_path, tmp_path):
    save(store, _article(store, 1, "2025-04-03"), record(rate_events=[mention(10.0, date="2025-04-03")]))
    path = _csv(tmp_path, TRACKER)
    runner = CliRunner()
    result = runner.invoke(cli.main, ["import-events", str(path), "--source", "Tracker", "--db", str(db_path)])
    assert result.exit_code == 0 and "imported 2 events" in result.output
    rows = store.db.execute("select kind, source, imported, mentions, date, effective from rate_events"
                            " order by date").fetchall()
    assert rows == [("tariff", "Tracker", 1, 1, "2025-04-02", "2025-04-05"),
                    ("interest_rate", "Tracker", 1, 0, "2025-05-07", None)]  # the extracted event is gone
    save(store, _article(store, 2, "2025-05-08"),
         record(rate_events=[mention(4.5, "hold", kind="interest_rate", imposing="Federal Reserve", target=None,
                                     date="2025-05-07")]))
    assert store.db.execute("select mentions from rate_events where kind = 'interest_rate'").fetchone() == (1,)
    before = store.db.execute("select * from rate_events order by id").fetchall()
    again = runner.invoke(cli.main, ["import-events", str(path), "--source", "Tracker", "--db", str(db_path)])
    assert again.exit_code == 0 and "imported 0 events" in again.output and "2 already there" in again.output
    assert store.db.execute("select * from rate_events order by id").fetchall() == before


@pytest.mark.parametrize("text, message", [
    ("kind,action,announced\ntariff,announce,2025-04-02\ntariff,annouce,2025-04-03\n",
     "line 3, column action: 'annouce' is not one of"),
    ("kind,action,announced,rate_percent\ntariff,raise,2025-04-02,ten\n", "line 2, column rate_percent: 'ten' is not a number"),
    ("kind,action,announced\ntariff,raise,02/04/2025\n", "line 2, column announced: '02/04/2025' is not a date"),
    ("kind,action,effective\ntariff,raise,\n", "line 2, column announced: no date"),
    ("kind,action,announced,rate\ntariff,raise,2025-04-02,10\n", "line 1, column rate: unknown column"),
    ("kind,announced\ntariff,2025-04-02\n", "line 1, column action: missing column"),
    ("kind,action,announced\ntariff,raise,2025-04-02,extra\n", "line 2: 4 fields, the header has 3"),
    ("", "empty file"),
])
def test_import_events_refuses_a_malformed_file_whole(store, db_path, tmp_path, text, message):
    path = _csv(tmp_path, text)
    result = CliRunner().invoke(cli.main, ["import-events", str(path), "--db", str(db_path)])
    assert result.exit_code == 1 and message in result.output and len(result.output.strip().splitlines()) == 1
    assert store.db.execute("select count(*) from rate_events").fetchone() == (0,)


def test_timeline_links_statements_before_during_and_after_an_event(store):
    save(store, _article(store, 1, "2025-03-28"), record(
        officials=[official("Ana Ruiz", "Economy Minister", None, "MEX")],
        statements=[statement("we expect Washington to raise duties on our steel soon", "Ana Ruiz",
                              date="2025-03-28", countries=["USA"])]))
    save(store, _article(store, 2, "2025-04-02"), record(
        officials=[official("Marian Holt", "Treasury Secretary", None, "USA")],
        numbers=[{"text": "10%", "value": 10.0, "unit": "percent", "start": 20, "end": 23, "approx": None,
                  "high": None, "scale": None, "measures": "tariff"}],
        statements=[statement("every import will face 10% from Saturday", "Marian Holt", date="2025-04-02",
                              start=0, numbers=[0])],
        rate_events=[mention(10.0, announced="2025-04-02", start=0, end=45)]))
    save(store, _article(store, 3, "2025-04-10"), record(
        officials=[official("Ana Ruiz", "Economy Minister", None, "MEX")],
        statements=[statement("the new levy on all our exports to the United States is unjust", "Ana Ruiz",
                              date="2025-04-10", countries=["USA"])]))
    save(store, _article(store, 4, "2025-06-30"), record(  # outside the 14-day window
        statements=[statement("the United States economy slowed this spring", "Ana Ruiz", date="2025-06-30",
                              countries=["USA"])]))
    links = store.db.execute(
        "select s.text, se.relation, se.lag_days from statement_events se join statements s on s.id = se.statement_id"
        " order by se.lag_days").fetchall()
    assert links == [("we expect Washington to raise duties on our steel soon", "anticipates", -5),
                     ("every import will face 10% from Saturday", "announces", 0),
                     ("the new levy on all our exports to the United States is unjust", "reacts_to", 8)]
    assert store.db.execute("select statements from timeline").fetchone() == (3,)


def test_timeline_processing_again_leaves_events_and_links_unchanged(db_path):
    from test_process import ARTICLES, _run, _stored

    _stored(db_path, ARTICLES)
    assert _run("process", "--db", str(db_path)).exit_code == 0
    conn = sqlite3.connect(db_path)
    before = (conn.execute("select * from rate_events order by id").fetchall(),
              conn.execute("select * from statement_events order by 1, 2").fetchall(),
              conn.execute("select id, event_id from rate_event_mentions order by id").fetchall())
    assert before[0] and all(event_id for _, event_id in before[2])
    assert _run("process", "--db", str(db_path), "--reprocess", "-q").exit_code == 0
    after = (conn.execute("select * from rate_events order by id").fetchall(),
             conn.execute("select * from statement_events order by 1, 2").fetchall(),
             conn.execute("select id, event_id from rate_event_mentions order by id").fetchall())
    assert after == before


def test_timeline_an_announced_rate_and_the_same_rate_raised_are_one_move(store):
    save(store, _article(store, 1, "2025-04-09"), record(rate_events=[mention(84.0, "announce", imposing="CHN",
                                                                              target="USA", date="2025-04-09")]))
    save(store, _article(store, 2, "2025-04-10"), record(rate_events=[mention(84.0, "raise", imposing="CHN",
                                                                              target="USA", date="2025-04-10")]))
    save(store, _article(store, 3, "2025-04-10"), record(rate_events=[mention(84.0, "raise", imposing="CHN",
                                                                              target="USA", date="2025-04-10")]))
    assert [(e[1], e[8]) for e in _events(store)] == [("raise", 3)]  # the action most reports use
