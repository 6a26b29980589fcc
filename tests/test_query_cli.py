"""`cli.py query` on the demo site crawled and processed into a real database: each subcommand, each filter,
each format. Expected rows come from plain SQL on the file, written here, not from db/queries.py."""
from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

STATEMENT_FIELDS = {"id", "date", "speaker", "speaker_title", "organization", "outlet", "kind", "text", "sentiment",
                    "sentiment_score", "countries", "numbers", "url", "article_title", "sources", "outlets"}


def query(db: Path, *args: str):
    return CliRunner().invoke(cli.main, ["query", *args, "--db", str(db)])


def rows(db: Path, *args: str) -> list[dict]:
    result = query(db, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ids(db: Path, *args: str) -> list[int]:
    return [row["id"] for row in rows(db, "statements", *args)]


def sql(db: Path, statement: str, params=()) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(statement, params).fetchall()


def sql_ids(db: Path, where: str, params=()) -> list[int]:
    return [r[0] for r in sql(db, f"select id from statements s where {where} order by date, id", params)]


@pytest.fixture
def scored_db(demo_db, tmp_path) -> Path:
    """A copy of the demo database with sentiment written on every statement (the columns the sentiment
    component fills): a score from the id, its label from the score."""
    path = tmp_path / "scored.db"
    shutil.copy(demo_db, path)
    with sqlite3.connect(path) as conn:
        conn.execute("update statements set sentiment_score = round(((id * 37) % 21 - 10) / 10.0, 1)")
        conn.execute("update statements set sentiment = case when sentiment_score < -0.2 then 'negative'"
                     " when sentiment_score > 0.2 then 'positive' else 'neutral' end")
    return path


# -- statements and each filter ----------------------------------------------------------------------------------

def test_statements_by_speaker_have_extracts_field_names(demo_db):
    found = rows(demo_db, "statements", "--speaker", "Marian Holt")
    expected = sql_ids(demo_db, "person_id = (select id from people where name = 'Marian Holt')")
    assert [r["id"] for r in found] == expected and len(expected) >= 5
    assert all(STATEMENT_FIELDS <= r.keys() for r in found)
    assert {r["speaker"] for r in found} == {"Marian Holt"}
    assert all(isinstance(r["countries"], list) and isinstance(r["numbers"], list) for r in found)
    numbers = {n for r in found for n in r["numbers"]}
    assert "25%" in numbers  # the texts of the numbers, as extract gives them
    dates = [r["date"] for r in found]
    assert dates == sorted(dates)


def test_a_speaker_under_any_alias_case_or_organization_or_group(demo_db):
    holt = ids(demo_db, "--speaker", "Marian Holt")
    assert ids(demo_db, "--speaker", "holt") == holt
    assert ids(demo_db, "--speaker", "the Treasury secretary") == holt
    ecb = ids(demo_db, "--speaker", "ECB")
    assert ecb == sql_ids(demo_db, "person_id is null and organization_id = (select id from organizations"
                                   " where name = 'European Central Bank')") and ecb
    economists = rows(demo_db, "statements", "--speaker", "economists")
    assert economists and {r["speaker"].lower() for r in economists} == {"economists"}


def test_a_repeated_filter_is_or_and_different_filters_and(demo_db):
    holt, lindahl = ids(demo_db, "--speaker", "Holt"), ids(demo_db, "--speaker", "Karin Lindahl")
    both = ids(demo_db, "--speaker", "Holt", "--speaker", "Karin Lindahl")
    assert set(both) == set(holt) | set(lindahl) and len(both) == len(holt) + len(lindahl)
    japan = set(ids(demo_db, "--country", "JPN"))
    holt_on_japan = ids(demo_db, "--speaker", "Holt", "--country", "JPN")
    assert set(holt_on_japan) == set(holt) & japan and holt_on_japan


def test_country_by_code_name_or_bloc(demo_db):
    china = sql_ids(demo_db, "id in (select statement_id from statement_countries where country = 'CHN')")
    assert ids(demo_db, "--country", "CHN") == china and china
    assert ids(demo_db, "--country", "china") == china
    members = [r[0] for r in sql(demo_db, "select country from bloc_members where bloc = 'EU'")] + ["EU"]
    eu = sql_ids(demo_db, f"id in (select statement_id from statement_countries where country in"
                          f" ({','.join('?' * len(members))}))", members)
    assert ids(demo_db, "--country", "EU") == eu and len(eu) > len(
        sql_ids(demo_db, "id in (select statement_id from statement_countries where country = 'EU')"))


def test_org_outlet_dates_kind_and_event(demo_db):
    org = sql_ids(demo_db, "organization_id = (select id from organizations where name = 'Lindqvist Institute')")
    assert ids(demo_db, "--org", "Lindqvist Institute") == org and org
    wire = sql_ids(demo_db, "id in (select statement_id from statement_sources where outlet = 'Capital Wire')")
    assert ids(demo_db, "--outlet", "capital wire") == wire and 0 < len(wire) < len(sql_ids(demo_db, "1"))
    may = ids(demo_db, "--since", "2025-05", "--until", "2025-05")
    assert may == sql_ids(demo_db, "date between '2025-05-01' and '2025-05-31'") and may
    assert ids(demo_db, "--since", "2025-05-01", "--until", "2025-05-31") == may
    direct = rows(demo_db, "statements", "--kind", "direct")
    assert {r["kind"] for r in direct} == {"direct"} and [r["id"] for r in direct] == sql_ids(demo_db, "kind = 'direct'")
    event = sql(demo_db, "select event_id from statement_events group by 1 order by count(*) desc limit 1")[0][0]
    linked = sql_ids(demo_db, "id in (select statement_id from statement_events where event_id = ?)", [event])
    assert ids(demo_db, "--event", str(event)) == linked and linked


def test_sentiment_filter_on_the_columns_as_they_are(demo_db, scored_db):
    assert ids(demo_db, "--sentiment", "negative") == sql_ids(demo_db, "sentiment = 'negative'")
    negative = ids(scored_db, "--sentiment", "negative")
    assert negative == sql_ids(scored_db, "sentiment = 'negative'") and negative
    found = rows(scored_db, "statements", "--sentiment", "negative", "--sentiment", "positive")
    assert {r["sentiment"] for r in found} == {"negative", "positive"}
    assert all(r["sentiment_score"] < -0.2 if r["sentiment"] == "negative" else r["sentiment_score"] > 0.2
               for r in found)


def test_full_text_search_in_date_order_with_snippets_or_by_relevance(demo_db):
    found = rows(demo_db, "statements", "--search", "tariff*")
    expected = sql_ids(demo_db, "id in (select rowid from statements_fts where statements_fts match 'tariff*')")
    assert [r["id"] for r in found] == expected and len(expected) > 5
    assert all("«" in r["snippet"] and "»" in r["snippet"] for r in found if "tariff" in r["text"].lower())
    phrase = rows(demo_db, "statements", "--search", '"fight to the end"')
    assert phrase and all("fight to the end" in r["text"] for r in phrase)
    assert "«fight to the end»" in phrase[0]["snippet"]
    ranked = rows(demo_db, "statements", "--search", "tariff*", "--order", "relevance")
    best = sql(demo_db, "select rowid from statements_fts where statements_fts match 'tariff*' order by rank, rowid")
    assert [r["id"] for r in ranked] == [b[0] for b in best]


def test_limit_and_newest_first(demo_db):
    newest = ids(demo_db, "--order", "newest", "--limit", "5")
    assert newest == [r[0] for r in sql(demo_db, "select id from statements order by date desc, id desc limit 5")]


def test_every_plan_gives_the_same_statements(demo_db, monkeypatch):
    """The plans chosen on a large store (read the rare filter first, walk dates with a gathered set, probe
    each statement) give the same rows: forced here by moving the thresholds on the small demo."""
    from db import queries

    cases = [["--search", "tariff*"], ["--country", "USA", "--since", "2025-04-05"],
             ["--search", "tariff*", "--country", "EU", "--limit", "7"], ["--outlet", "Capital Wire", "--limit", "9"],
             ["--search", "rate*", "--order", "newest", "--limit", "4"]]
    baseline = {str(c): ids(demo_db, *c) for c in cases}
    plans = set()
    for rare, cost in ((10**9, 1.0), (1, 10**-9), (1, 10**9)):
        monkeypatch.setattr(queries, "RARE", rare)
        monkeypatch.setattr(queries, "PROBE_COST", {k: cost for k in queries.PROBE_COST})
        for case in cases:
            assert ids(demo_db, *case) == baseline[str(case)], (rare, cost, case)
        conn = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
        f = queries.StatementFilter(search="tariff*", countries=["USA"])
        plans.add(tuple(sorted(queries.statement_plan(conn, f, queries.resolve(conn, f), 50).items())))
        conn.close()
    assert len({dict(p)["search"] for p in plans}) == 3  # sort, filter and probe were all exercised


# -- formats ---------------------------------------------------------------------------------------------------

def test_json_jsonl_and_csv_are_the_same_rows(demo_db):
    as_json = rows(demo_db, "statements", "--country", "CHN")
    lines = query(demo_db, "statements", "--country", "CHN", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    table = list(csv.DictReader(io.StringIO(query(demo_db, "statements", "--country", "CHN", "--format", "csv").stdout)))
    assert len(table) == len(as_json)
    for got, want in zip(table, as_json):
        assert list(got) == list(want)
        for name, value in want.items():
            if isinstance(value, list):
                assert got[name] == "; ".join(value)
            else:
                assert got[name] == ("" if value is None else str(value))
    assert any(len(r["countries"]) > 1 for r in as_json)  # a list really joined


def test_machine_formats_give_every_row_and_the_table_fifty(demo_db):
    total = sql(demo_db, "select count(*) from statements")[0][0]
    assert total > 60
    assert len(rows(demo_db, "statements")) == total
    assert len(query(demo_db, "statements", "--format", "jsonl").stdout.splitlines()) == total
    result = query(demo_db, "statements", "--format", "table")
    shown = {int(line.split("│")[1]) for line in result.stdout.splitlines()
             if line.startswith("│") and line.split("│")[1].strip().isdigit()}
    assert len(shown) == 50 and "the first 50 statements" in result.stderr
    assert len(json.loads(query(demo_db, "statements", "--format", "json", "--limit", "3").stdout)) == 3


def test_the_table_wraps_text_and_shows_dates_and_the_speaker_with_title(demo_db):
    result = CliRunner().invoke(cli.main, ["query", "statements", "--speaker", "Marian Holt", "--format", "table",
                                           "--db", str(demo_db)], env={"COLUMNS": "100"})
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and all(len(line) <= 100 for line in lines)
    assert "Marian Holt" in result.stdout and "Treasury" in result.stdout
    first = rows(demo_db, "statements", "--speaker", "Marian Holt")[0]
    assert first["date"] in result.stdout
    assert len(lines) > 3 * len(rows(demo_db, "statements", "--speaker", "Marian Holt"))  # rows wrap


def test_quotes_is_statements(demo_db):
    assert rows(demo_db, "quotes", "--speaker", "Holt") == rows(demo_db, "statements", "--speaker", "Holt")


# -- the other subcommands ---------------------------------------------------------------------------------------

def test_people_most_quoted_first_with_counts(demo_db):
    people = rows(demo_db, "people")
    counts = dict(sql(demo_db, "select person_id, count(*) from statements where person_id is not null group by 1"))
    assert [p["statements"] for p in people] == sorted((p["statements"] for p in people), reverse=True)
    assert all(p["statements"] == counts.get(p["id"], 0) for p in people)
    assert len(people) == sql(demo_db, "select count(*) from people")[0][0]
    holt = next(p for p in people if p["name"] == "Marian Holt")
    assert holt["title"] == "Treasury Secretary" and "Holt" in holt["aliases"]
    on_china = rows(demo_db, "people", "--country", "CHN")
    expected = dict(sql(demo_db, "select s.person_id, count(*) from statements s join statement_countries c"
                                 " on c.statement_id = s.id where c.country = 'CHN' and s.person_id is not null group by 1"))
    assert {p["id"]: p["statements"] for p in on_china} == expected


def test_organizations_and_countries(demo_db):
    orgs = {o["name"]: o for o in rows(demo_db, "organizations")}
    ecb = orgs["European Central Bank"]
    assert ecb["statements"] == sql(demo_db, "select count(*) from statements where organization_id = ?", [ecb["id"]])[0][0]
    assert ecb["own"] == len(ids(demo_db, "--speaker", "ECB")) and "ECB" in ecb["aliases"]
    countries = rows(demo_db, "countries")
    expected = dict(sql(demo_db, "select country, count(*) from statement_countries group by 1"))
    assert {c["code"]: c["statements"] for c in countries} == expected
    assert countries[0]["statements"] == max(expected.values())
    kessler = {c["code"] for c in rows(demo_db, "countries", "--speaker", "Jonah Kessler")}
    assert kessler == {r[0] for r in sql(demo_db, "select distinct c.country from statement_countries c join statements s"
                                                  " on s.id = c.statement_id join people p on p.id = s.person_id"
                                                  " where p.name = 'Jonah Kessler'")}


def test_numbers_quoted_about_a_country(demo_db):
    found = rows(demo_db, "numbers", "--country", "CHN", "--unit", "percent")
    assert found and all(n["unit"] == "percent" and "CHN" in n["countries"] for n in found)
    assert {"84%", "34%"} <= {n["text"] for n in found}
    pairs = [(n["statement_id"], n["text"]) for n in found]
    assert len(pairs) == len(set(pairs))  # a number two sources of one statement quote is listed once
    tariffs = rows(demo_db, "numbers", "--measures", "tariff")
    assert tariffs and all("tariff" in n["measures"] for n in tariffs)


def test_claims_by_type_score_speaker_and_country(demo_db):
    numeric = rows(demo_db, "claims", "--type", "numeric", "--min-score", "0.9", "--order", "score")
    assert numeric and all(c["type"] == "numeric" and c["score"] >= 0.9 for c in numeric)
    assert len(numeric) == sql(demo_db, "select count(*) from claims where type = 'numeric' and score >= 0.9")[0][0]
    held = rows(demo_db, "claims", "--speaker", "Karin Lindahl")
    assert held and len(held) < len(rows(demo_db, "claims"))
    spans = sql(demo_db, "select ss.article_id, ss.start, ss.\"end\" from statement_sources ss join statements s"
                         " on s.id = ss.statement_id join people p on p.id = s.person_id where p.name = 'Karin Lindahl'")
    for claim in held:
        assert any(a == claim["article_id"] and start < claim["end"] and end > claim["start"] for a, start, end in spans)
    japan = rows(demo_db, "claims", "--country", "JPN")
    articles = {r[0] for r in sql(demo_db, "select article_id from article_countries where country = 'JPN'")}
    assert japan and {c["article_id"] for c in japan} <= articles


def test_rate_events_by_country_kind_and_speaker(demo_db):
    china = rows(demo_db, "rate-events", "--country", "CHN", "--kind", "tariff")
    expected = sql(demo_db, "select id from timeline where kind = 'tariff' and (imposing = 'CHN' or target = 'CHN')")
    assert [e["id"] for e in china] == [r[0] for r in expected] and china
    assert all(isinstance(e["products"], list) for e in china)
    linked = rows(demo_db, "rate-events", "--speaker", "Marian Holt")
    assert {e["id"] for e in linked} == {r[0] for r in sql(
        demo_db, "select event_id from statement_events se join statements s on s.id = se.statement_id"
                 " join people p on p.id = s.person_id where p.name = 'Marian Holt'")}


def test_articles_search_with_snippets_and_filters(demo_db):
    steel = rows(demo_db, "articles", "--search", "steel")
    expected = sql(demo_db, "select rowid from articles_fts where articles_fts match 'steel'")
    assert {a["id"] for a in steel} == {r[0] for r in expected} and steel
    assert all("«steel»" in a["snippet"].lower() or "«steel" in a["snippet"].lower() for a in steel)
    wire = rows(demo_db, "articles", "--outlet", "Capital Wire")
    assert wire and {a["outlet"] for a in wire} == {"Capital Wire"}


def test_tone_per_week_and_month_on_scored_statements(scored_db):
    found = rows(scored_db, "tone", "--speaker", "Karin Lindahl", "--by", "month")
    by_month: dict[str, list[float]] = {}
    for day, score in sql(scored_db, "select date, sentiment_score from statements where person_id ="
                                     " (select id from people where name = 'Karin Lindahl')"):
        by_month.setdefault(day[:7], []).append(score)
    assert [r["period"] for r in found] == sorted(by_month)
    for row in found:
        scores = by_month[row["period"]]
        assert row["statements"] == row["scored"] == len(scores)
        assert row["sentiment_score"] == pytest.approx(sum(scores) / len(scores), abs=0.001)
        assert row["negative"] == sum(s < -0.2 for s in scores) and row["positive"] == sum(s > 0.2 for s in scores)
    weeks = rows(scored_db, "tone", "--speaker", "Karin Lindahl", "--by", "week")
    assert sum(w["statements"] for w in weeks) == sum(len(v) for v in by_month.values())
    from datetime import date, timedelta
    mondays = [date.fromisoformat(w["period"]) for w in weeks]
    assert all(d.weekday() == 0 for d in mondays)
    assert all(b - a == timedelta(days=7) for a, b in zip(mondays, mondays[1:]))  # empty weeks are rows too
    assert any(w["statements"] == 0 and w["sentiment_score"] is None for w in weeks)


def test_tone_one_series_per_speaker_or_country(demo_db):
    found = rows(demo_db, "tone", "--speaker", "Holt", "--speaker", "Karin Lindahl", "--by", "month")
    assert {r["series"] for r in found} == {"Marian Holt", "Karin Lindahl"}
    for series, name in (("Marian Holt", "Marian Holt"), ("Karin Lindahl", "Karin Lindahl")):
        total = sum(r["statements"] for r in found if r["series"] == series)
        assert total == len(ids(demo_db, "--speaker", name))
    scored = sql(demo_db, "select count(*), avg(sentiment_score) from statements s join people p on p.id = s.person_id"
                          " where p.name = 'Marian Holt' and s.sentiment is not null")[0]
    holt = [r for r in found if r["series"] == "Marian Holt"]
    assert sum(r["scored"] for r in holt) == scored[0] > 0
    mean = sum(r["sentiment_score"] * r["scored"] for r in holt if r["scored"]) / scored[0]
    assert abs(mean - scored[1]) < 1e-3  # the output rounds each mean
    countries = rows(demo_db, "tone", "--country", "CHN", "--country", "JPN", "--by", "month")
    assert {r["series"] for r in countries} == {"CHN", "JPN"}
    table = query(demo_db, "tone", "--speaker", "Holt", "--by", "month", "--format", "table")
    assert table.exit_code == 0 and "Marian Holt" in table.stdout


def test_sql_runs_reading_statements(demo_db):
    found = rows(demo_db, "sql", "select kind, count(*) as n from statements group by kind order by kind")
    assert found == [{"kind": k, "n": n} for k, n in sql(demo_db, "select kind, count(*) from statements"
                                                                  " group by kind order by kind")]
    bound = rows(demo_db, "sql", "select id from timeline where rate_percent >= :rate", "-p", "rate", "25")
    assert [r["id"] for r in bound] == [r[0] for r in sql(demo_db, "select id from timeline where rate_percent >= 25")]
    pragma = rows(demo_db, "sql", "pragma table_info(statements)")
    assert "sentiment_score" in {r["name"] for r in pragma}


def test_without_a_terminal_the_default_is_json_lines(demo_db):
    result = query(demo_db, "statements", "--speaker", "Holt")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ids(demo_db, "--speaker", "Holt")


def test_a_reader_that_stops_early_ends_the_stream_quietly(demo_db):
    """`query … | head -1`: the closed pipe ends the command without a traceback."""
    import subprocess
    import sys

    root = Path(cli.__file__).resolve().parent
    process = subprocess.Popen([sys.executable, str(root / "cli.py"), "query", "statements", "--format", "jsonl",
                                "--db", str(demo_db)], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert json.loads(first)["id"] and "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_every_subcommand_has_help_with_examples_that_run_on_the_demo(demo_db):
    """The examples in each --help and in the README's Querying section run on the demo database."""
    import re
    import shlex

    from db.query.cli import query as group

    readme = (Path(cli.__file__).resolve().parent / "README.md").read_text()
    section = readme.split("## Querying", 1)[1].split("\n## ", 1)[0]
    examples = [line for line in section.splitlines() if line.startswith("python cli.py query")]
    for name, command in group.commands.items():
        text = CliRunner().invoke(cli.main, ["query", name, "--help"]).stdout
        assert "Example" in text and f"`{name}`" in section, name
        examples += [line.strip() for line in text.splitlines() if line.strip().startswith("python cli.py query")]
    assert len(examples) > 20
    for example in examples:
        bare = re.sub(r"\s+>\s+[\w.-]+$", "", re.sub(r"\s+#\s.*$", "", example))  # no comment, no redirection
        words = shlex.split(bare)[2:]
        words = [str(demo_db) if w == "demo.db" else w for w in words]
        result = CliRunner().invoke(cli.main, words)
        assert result.exit_code == 0, (example, result.output)


def test_rate_events_between_keeps_what_it_returned(demo_db):
    """The first version's function (the timeline export builds on it): timeline rows, products as stored."""
    from db.queries import rate_events_between

    with sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True) as conn:
        events = rate_events_between(conn, "2025-04-01", "2025-05-31", ["CHN"])
        expected = conn.execute("select id, products from timeline where date between '2025-04-01' and '2025-05-31'"
                                " and (imposing = 'CHN' or target = 'CHN') order by date, id").fetchall()
    assert [(e["id"], e["products"]) for e in events] == expected and events
