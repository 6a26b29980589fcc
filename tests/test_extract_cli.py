"""`cli.py extract`: input kinds, output formats, and what each bad input gets (real model, real files)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli

TEXTS = Path(__file__).parent / "fixtures" / "texts"
ROOT = Path(__file__).resolve().parent.parent
KEYS = {"source", "title", "published", "language", "officials", "countries", "blocs", "numbers", "statements",
        "claims", "rate_events"}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli.main, ["extract", *args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def tariff_record() -> dict:
    result = run(str(TEXTS / "tariff_talks.txt"), "--published", "2025-04-10")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_extract_json_has_every_documented_field(tariff_record):
    assert KEYS <= tariff_record.keys()
    assert tariff_record["source"] == str(TEXTS / "tariff_talks.txt")
    assert tariff_record["published"] == "2025-04-10"
    assert tariff_record["language"] == "en"


def test_extract_offsets_index_the_text(tariff_record):
    text = (TEXTS / "tariff_talks.txt").read_text()
    for number in tariff_record["numbers"]:
        assert text[number["start"]:number["end"]] == number["text"]
    for statement in tariff_record["statements"]:
        pieces = statement["fragments"] or [[statement["start"], statement["end"]]]
        # a quote split by its attribution is its fragments joined; each piece lies in [start, end)
        assert " ".join(text[s:e] for s, e in pieces) == statement["text"]
        assert all(statement["start"] <= s < e <= statement["end"] for s, e in pieces)
        assert all(0 <= i < len(tariff_record["numbers"]) for i in statement["numbers"])


def test_extract_finds_the_story(tariff_record):
    codes = {c["code"] for c in tariff_record["countries"]}
    assert {"JPN", "KOR", "USA", "CHN"} <= codes
    speakers = {s["speaker"] for s in tariff_record["statements"]}
    assert "Marian Holt" in speakers
    holt = next(o for o in tariff_record["officials"] if o["name"] == "Marian Holt")
    assert "Treasury Secretary" in (holt["title"] or "")
    values = {(n["value"], n["unit"]) for n in tariff_record["numbers"]}
    assert (25.0, "percent") in values and (12e9, "USD") in values
    # "on Tuesday" before an article dated Thursday 2025-04-10
    first = min(tariff_record["statements"], key=lambda s: s["start"])
    assert first["date"] == "2025-04-08"


RATE_EVENT_KEYS = ["kind", "rate_percent", "rate_low", "previous_percent", "imposing", "target", "products", "action",
                   "date", "announced", "effective", "text", "start", "end"]


def test_extract_rate_events_carry_their_own_dates(tariff_record):
    [event] = tariff_record["rate_events"]
    assert list(event) == RATE_EVENT_KEYS
    # "announced … last month" in an article of 2025-04-10: announced then, no start date given, dated by it
    assert (event["action"], event["rate_percent"], event["announced"], event["effective"]) == (
        "announce", 25.0, "2025-03-10", None)
    assert event["date"] == event["announced"]


def test_extract_jsonl_one_line_per_input_in_order():
    a, b = str(TEXTS / "tariff_talks.txt"), str(TEXTS / "spanish_brief.txt")
    result = run(a, b, "--format", "jsonl")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in lines] == [a, b]


def test_extract_non_english_is_reported_not_analysed():
    result = run(str(TEXTS / "spanish_brief.txt"))
    record = json.loads(result.stdout)
    assert record["language"] == "es"
    assert record["statements"] == [] and record["countries"] == []


def test_extract_reads_stdin():
    text = (TEXTS / "tariff_talks.txt").read_text()
    result = run("-", input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "-"


def test_extract_table_format_is_readable():
    result = run(str(TEXTS / "tariff_talks.txt"), "--format", "table")
    assert result.exit_code == 0
    assert "statements (" in result.stdout and "Marian Holt" in result.stdout


@pytest.mark.parametrize(
    ("make_input", "message"),
    [
        (lambda d: d / "missing.txt", "cannot read"),
        (lambda d: _write(d / "empty.txt", b"  \n"), "empty input"),
        (lambda d: _write(d / "latin1.txt", "caf\xe9 cr\xe8me".encode("latin-1")), "not UTF-8"),
        (lambda d: _write(d / "blob.txt", b"\x00\x01\x02binary"), "binary file"),
        (lambda d: _write(d / "page.html", b"<html><body><nav>Home</nav></body></html>"), "no article body"),
        (lambda d: _write(d / "broken.json", b'{"maintext": "Ministers met."'), "not JSON"),
        (lambda d: _write(d / "list.json", b'[{"maintext": "Ministers met."}]'), "one article object, not a list"),
        (lambda d: _write(d / "textless.json", b'{"title": "Talks", "maintext": "  "}'), "no article text"),
    ],
)
def test_extract_bad_input_one_line_error_exit_1(tmp_path, make_input, message):
    path = str(make_input(tmp_path))
    result = run(path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr and path in result.stderr


def test_extract_batch_skips_bad_input_and_processes_the_rest(tmp_path):
    good = str(TEXTS / "tariff_talks.txt")
    bad = str(_write(tmp_path / "empty.txt", b""))
    result = run(bad, good, "--format", "jsonl")
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [good]
    assert bad in result.stderr


def test_extract_reads_an_archive_story_with_its_own_date(tmp_path):
    """A 1980s wire story keeps its date, and relative dates resolve against it, not against today."""
    story = tmp_path / "steel.txt"
    story.write_text("Ministers met on Tuesday.\n\nTrade Minister Hana Ostrova said on Tuesday that the duty on "
                     "imported steel would rise to 12% from 8% on March 20.\n")
    result = run(str(story), "--published", "1987-03-05")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["published"] == "1987-03-05"
    assert [s["date"] for s in record["statements"]] == ["1987-03-03"]
    assert [e["effective"] for e in record["rate_events"]] == ["1987-03-20"]


STORY = ("Trade Minister Hana Ostrova said on Tuesday that the duty on imported steel would rise to 12% from 8%.\n\n"
         "\"We had no choice,\" Ostrova told reporters.\n")


@pytest.mark.parametrize(
    "article",
    [
        # news-please writes one object per article
        {"title": "Steel duty to rise", "maintext": STORY, "date_publish": "1987-03-05 14:02:00", "language": "en",
         "url": "https://news.example/steel"},
        # a schema.org NewsArticle (trafilatura's JSON has "text" and "date" instead)
        {"@type": "NewsArticle", "headline": "Steel duty to rise", "articleBody": STORY, "datePublished": "1987-03-05",
         "inLanguage": "en-GB"},
    ],
)
def test_extract_reads_a_json_article_with_its_title_and_date(tmp_path, article):
    path = tmp_path / "steel.json"
    path.write_text(json.dumps(article))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["title"], record["published"], record["language"]) == ("Steel duty to rise", "1987-03-05", "en")
    # "on Tuesday" resolves against the JSON's own date; a statement with no day of its own takes that date
    assert [(s["speaker"], s["date"]) for s in record["statements"]] == [("Hana Ostrova", "1987-03-03"),
                                                                          ("Hana Ostrova", "1987-03-05")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "no_such_pipeline_xx"], "not installed"),
        (["--published", "not a date at all"], "not a date"),
        (["--format", "xml"], "Invalid value"),
        (["--jobs", "0"], "Invalid value"),
    ],
)
def test_extract_bad_options_exit_2(args, message):
    result = run(str(TEXTS / "tariff_talks.txt"), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_extract_jobs_2_gives_the_same_records(tmp_path):
    """Worker processes (a real subprocess, as users run it) give what one process gives."""
    inputs = [str(TEXTS / "tariff_talks.txt"), str(TEXTS / "spanish_brief.txt")] * 3
    command = [sys.executable, "cli.py", "extract", *inputs, "--format", "jsonl", "--published", "2025-04-10"]
    one = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    two = subprocess.run([*command, "--jobs", "2"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 6


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
