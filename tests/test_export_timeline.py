"""`cli.py export timeline` as CSV and JSON on the demo database, and what each bad input gets."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from export.cli import _write_atomically


def export(db: Path, out: Path, *args: str):
    return CliRunner().invoke(cli.main, ["export", "timeline", *args, "--db", str(db), "-o", str(out)])


def expected_statements(conn: sqlite3.Connection, where: str, params: list) -> list[int]:
    return [r[0] for r in conn.execute(f"select id from statements s where {where} order by date, id", params)]


HOLT = "s.person_id in (select id from people where name = 'Marian Holt')"
CHINA = "s.id in (select statement_id from statement_countries where country = 'CHN')"


def expected_events(conn: sqlite3.Connection, where: str, parties: set[str], span: tuple[str, str]) -> set[int]:
    """The documented rule: events of the span linked to a statement of the series, or (a country series)
    imposed by or on the country or a bloc it belongs to."""
    linked = {r[0] for r in conn.execute(
        f"select event_id from statement_events where statement_id in (select id from statements s where {where})")}
    return {r[0] for r in conn.execute("select id, imposing, target from rate_events where date between ? and ?", span)
            if r[0] in linked or r[1] in parties or r[2] in parties}


@pytest.fixture(scope="module")
def holt_china(demo_db, tmp_path_factory):
    """The same timeline as CSV and as JSON (Holt under a bare surname, China by code)."""
    folder = tmp_path_factory.mktemp("timeline")
    for fmt in ("csv", "json"):
        result = export(demo_db, folder / f"t.{fmt}", "--speaker", "Holt", "--country", "CHN")
        assert result.exit_code == 0, result.output
        assert "2 series" in result.output
    with (folder / "t.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows, json.loads((folder / "t.json").read_text(encoding="utf-8"))


def test_csv_has_every_statement_of_each_series_in_date_order(demo_db, holt_china):
    rows, _ = holt_china
    conn = sqlite3.connect(demo_db)
    statements = [r for r in rows if r["record"] == "statement"]
    holt = [int(r["id"]) for r in statements if r["series"] == "Marian Holt"]
    china = [int(r["id"]) for r in statements if r["series"] == "China (CHN)"]
    assert holt == expected_statements(conn, HOLT, []) and len(holt) == 11
    assert china == expected_statements(conn, CHINA, []) and len(china) > 10
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)  # statements and events merged in date order
    assert {r["speaker"] for r in statements if r["series"] == "Marian Holt"} == {"Marian Holt"}
    assert all("CHN" in r["countries"].split("; ") for r in statements if r["series"] == "China (CHN)")


def test_csv_rows_carry_speaker_title_outlet_text_numbers_and_source(demo_db, holt_china):
    rows, _ = holt_china
    conn = sqlite3.connect(demo_db)
    row = next(r for r in rows if r["record"] == "statement" and r["numbers"].count("; ") >= 1)
    sid = int(row["id"])
    text, title, outlet, url, sentiment, score = conn.execute(
        "select s.text, s.speaker_title, a.outlet, coalesce(a.canonical_url, a.url), s.sentiment, s.sentiment_score"
        " from statements s join articles a on a.id = s.article_id where s.id = ?", [sid]).fetchone()
    assert (row["text"], row["speaker_title"], row["outlet"], row["url"]) == (text, title or "", outlet, url)
    numbers = [r[0] for r in conn.execute("select distinct n.text from statement_numbers sn join numbers n"
                                          " on n.id = sn.number_id where sn.statement_id = ? order by n.id", [sid])]
    assert row["numbers"] == "; ".join(numbers)
    assert row["sentiment"] == sentiment and float(row["sentiment_score"]) == score and sentiment


def test_rate_events_are_those_of_the_span_related_to_each_series(demo_db, holt_china):
    rows, _ = holt_china
    conn = sqlite3.connect(demo_db)
    span = (rows[0]["date"], rows[-1]["date"])
    events = [r for r in rows if r["record"] == "rate_event"]
    china_parties = {"CHN"} | {r[0] for r in conn.execute("select bloc from bloc_members where country = 'CHN'")}
    assert {int(r["id"]) for r in events if r["series"] == "China (CHN)"} == \
        expected_events(conn, CHINA, china_parties, span)
    assert {int(r["id"]) for r in events if r["series"] == "Marian Holt"} == expected_events(conn, HOLT, set(), span)
    raise_84 = next(r for r in events if r["series"] == "China (CHN)" and r["rate_percent"] == "84.0")
    assert (raise_84["kind"], raise_84["action"], raise_84["imposing"], raise_84["target"]) == \
        ("tariff", "raise", "CHN", "USA")
    assert {r["related"] for r in events} <= {"linked", "party"}
    # the Bank of Japan's March moves are before the first statement: not in the span
    assert not [r for r in events if r["date"] < span[0]]


def test_json_holds_the_same_rows_with_lists(holt_china):
    rows, data = holt_china
    assert [s["label"] for s in data["series"]] == ["Marian Holt", "China (CHN)"]
    assert [s["by"] for s in data["series"]] == ["speaker", "country"]
    assert [(s["series"], s["id"]) for s in data["statements"]] == \
        [(r["series"], int(r["id"])) for r in rows if r["record"] == "statement"]
    assert [(e["series"], e["id"]) for e in data["rate_events"]] == \
        [(r["series"], int(r["id"])) for r in rows if r["record"] == "rate_event"]
    first = data["statements"][0]
    assert isinstance(first["countries"], list) and isinstance(first["numbers"], list)
    assert {"speaker", "speaker_title", "outlet", "text", "sentiment", "sentiment_score", "url"} <= set(first)
    assert all(isinstance(e["products"], list) for e in data["rate_events"])
    assert (data["since"], data["until"]) == (rows[0]["date"], rows[-1]["date"])


def test_dates_bound_statements_and_events(demo_db, tmp_path):
    out = tmp_path / "t.json"
    result = export(demo_db, out, "--country", "China", "--since", "2025-04-10", "--until", "2025-05-31")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    dates = [r["date"] for r in data["statements"] + data["rate_events"]]
    assert dates and all("2025-04-10" <= d <= "2025-05-31" for d in dates)
    assert (data["since"], data["until"]) == ("2025-04-10", "2025-05-31")


def test_search_alone_is_one_series_and_narrows_speakers(demo_db, tmp_path):
    conn = sqlite3.connect(demo_db)
    matches = [r[0] for r in conn.execute("select s.id from statements_fts f join statements s on s.id = f.rowid"
                                          " where statements_fts match 'tariff' order by s.date, s.id")]
    out = tmp_path / "s.json"
    assert export(demo_db, out, "--search", "tariff").exit_code == 0
    data = json.loads(out.read_text())
    assert [s["label"] for s in data["series"]] == ["search: tariff"]
    assert [s["id"] for s in data["statements"]] == matches
    assert export(demo_db, out, "--search", "tariff", "--speaker", "Holt").exit_code == 0
    holt = expected_statements(conn, HOLT, [])
    assert [s["id"] for s in json.loads(out.read_text())["statements"]] == [i for i in matches if i in holt]


def test_all_events_puts_every_event_of_the_span_in_every_series(demo_db, tmp_path):
    out = tmp_path / "a.json"
    assert export(demo_db, out, "--speaker", "Holt", "--events", "all").exit_code == 0
    data = json.loads(out.read_text())
    conn = sqlite3.connect(demo_db)
    in_span = {r[0] for r in conn.execute("select id from rate_events where date between ? and ?",
                                          [data["since"], data["until"]])}
    assert {e["id"] for e in data["rate_events"]} == in_span
    assert "span" in {e["related"] for e in data["rate_events"]}


@pytest.mark.parametrize("args, message", [
    ([], "give at least one --speaker, --country or --search"),
    (["--speaker", "Holt", "--since", "2025-13-01"], "'2025-13-01' does not match the format '%Y-%m-%d'"),
    (["--speaker", "Holt", "--since", "2025-06-01", "--until", "2025-05-01"], "is after --until"),
    (["--speaker", "Marian Hlot"], "no person or organization 'Marian Hlot'; did you mean Marian Holt"),
    (["--country", "Chna"], "no country 'Chna'; did you mean China"),
    (["--search", 'tariff "open'], "is not a full-text query: unterminated string"),
    (["--search", "tariff AND"], "is not a full-text query: fts5: syntax error"),
    (["--speaker", "Holt", "--format", "xlsx"], "'xlsx' is not one of"),
])
def test_bad_input_is_one_line_exit_2_and_no_file(demo_db, tmp_path, args, message):
    out = tmp_path / "t.csv"
    result = export(demo_db, out, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert result.output.strip().splitlines()[-1].startswith("Error:")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_bad_databases_and_outputs(demo_db, tmp_path):
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("just text\n")
    old = tmp_path / "old.db"
    sqlite3.connect(old).execute("create table articles (id integer primary key)").connection.close()
    cases = [
        (tmp_path / "missing.db", tmp_path / "t.csv", "no database"),
        (not_sqlite, tmp_path / "t.csv", "is not a SQLite database"),
        (old, tmp_path / "t.csv", "run `python cli.py process --db"),
        (demo_db, tmp_path / "no-such-dir" / "t.csv", "does not exist"),
        (demo_db, tmp_path, "is a directory"),
    ]
    for db, out, message in cases:
        result = export(db, out, "--speaker", "Holt")
        assert result.exit_code == 2, (db, out, result.output)
        assert message in result.output, result.output
        assert [line for line in result.output.splitlines() if line.startswith('Error:')] == \
            [result.output.strip().splitlines()[-1]]  # one error line, after click's usage hint
    assert not (tmp_path / "missing.db").exists() and not (tmp_path / "t.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db", "old.db"]
    assert not_sqlite.read_text() == "just text\n"


def test_a_failed_write_leaves_no_file(tmp_path):
    out = tmp_path / "t.csv"

    def fails_halfway(f):
        f.write("series,record\n")
        raise OSError("disk full")

    with pytest.raises(OSError):
        _write_atomically(out, False, fails_halfway)
    assert list(tmp_path.iterdir()) == []
    out.write_text("earlier export")
    with pytest.raises(OSError):
        _write_atomically(out, False, fails_halfway)
    assert out.read_text() == "earlier export" and [p.name for p in tmp_path.iterdir()] == ["t.csv"]
