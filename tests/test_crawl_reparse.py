"""``crawl --reparse``: stored pages read again by the current extractor from the copy in the database,
with no network; a text that reads differently becomes a new version, nothing stored is lost."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from crawler.article import content_hash, extract_article
from db.store import Store

pytestmark = pytest.mark.slow  # the command runs in a subprocess with its extraction workers

GARBLED = "Oslo\u2019s".encode("utf-8").decode("cp1252")  # "Osloâ€™s": UTF-8 read as Windows-1252 at the source


def page(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>").encode("utf-8")


GARBLED_PAGE = page(f"{GARBLED} port fees rise",
                    f"{GARBLED} port fees will rise by 4.5% in June, the port authority said on Tuesday, citing "
                    "higher dredging costs that it expects to pass on to the shipping lines calling at the quay.",
                    "The authority expects the change to bring in about $21 million a year for deeper berths, "
                    "money it plans to spend before the winter storms close the northern channel again.")
CLEAN_PAGE = page("Lisbon keeps its harbour dues",
                  "Lisbon will keep its harbour dues unchanged for a second year, the city's port board said on "
                  "Monday, after cargo volumes recovered faster than it had forecast in the spring.",
                  "The board said a review of the dues would follow the opening of the new container terminal, "
                  "which it now expects to take its first ships in the autumn of next year.")
EMPTY_PAGE = b"<html><head><title>Port notices</title></head><body><nav>Home</nav></body></html>"


def store_article(store: Store, name: str, html: bytes | None, *, body: str | None = None) -> int:
    """Store one page as a crawl would; ``body`` stands for what an older extractor read from it."""
    url = f"https://ports.example.com/2025/06/{name}.html"
    fields = extract_article(html, url) if html else None
    text = body if body is not None else fields.body
    record = {"url": url, "canonical_url": url, "final_url": url, "outlet": "Ports Daily",
              "title": fields.title if fields else name, "published": "2025-06-03", "language": "en",
              "body": text, "content_hash": content_hash(text), "extractor": "trafilatura",
              "extractor_version": "0.0-older", "http_status": 200 if html else None, "raw_html": html}
    return store.save_article(None, record, request_url=url)[1]


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "ports.db"
    # what an extractor that did not repair text encoded twice at the source read from the page
    older_body = extract_article(GARBLED_PAGE, "https://ports.example.com/x.html").body.replace("Oslo\u2019s", GARBLED)
    with Store(path) as store:
        ids = {
            "garbled": store_article(store, "oslo-fees", GARBLED_PAGE, body=older_body),
            "clean": store_article(store, "lisbon-dues", CLEAN_PAGE),
            "imported": store_article(store, "imported", None, body="Text imported from a file, with no page."),
            "corrupt": store_article(store, "corrupt", CLEAN_PAGE.replace(b"Lisbon", b"Porto")),
            "no_article": store_article(store, "notices", EMPTY_PAGE, body="A notice read by an older extractor."),
        }
    with sqlite3.connect(path) as db:  # a page blob damaged on disk
        db.execute("update articles set raw_html = ? where id = ?", [b"not zlib data", ids["corrupt"]])
    return path, ids


def reparse(path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), "crawl", "--reparse", "--no-process", "--workers",
                           "1", "--db", str(path), *extra], cwd=ROOT, capture_output=True, text=True, timeout=120)


def rows(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchall()


def test_reparse_stores_a_new_version_only_where_the_text_reads_differently(stored):
    path, ids = stored
    before = dict(rows(path, "select id, body from articles"))
    result = reparse(path, "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["updated"], summary["unchanged"], summary["stored"]) == (1, 1, 0)
    assert summary["skipped"] == {"reparse: no stored page (article not crawled)": 1,
                                  "reparse: no article body; stored version kept": 1}
    [(error, count)] = summary["errors"].items()
    assert error.startswith("reparse: stored page unreadable (") and count == 1

    body, version, title = rows(path, "select body, version, title from articles where id = ?", (ids["garbled"],))[0]
    assert "Oslo\u2019s port fees will rise by 4.5% in June" in body and "\u00e2" not in body
    assert title == "Oslo\u2019s port fees rise" and version == 2
    # the text the older extractor stored is kept as version 1, with the same page
    assert rows(path, "select version, body from article_versions where article_id = ?", (ids["garbled"],)) == \
        [(1, before[ids["garbled"]])]
    # every other article is as it was: unchanged text, no page, a damaged page, a page now read as no article
    for name in ("clean", "imported", "corrupt", "no_article"):
        assert rows(path, "select body, version from articles where id = ?", (ids[name],)) == [(before[ids[name]], 1)]
    reasons = dict(rows(path, "select article_id, outcome || ': ' || reason from fetches where run_id ="
                              " (select max(id) from runs)"))
    assert reasons[ids["garbled"]] == "updated: re-extracted from the stored page"
    assert reasons[ids["clean"]] == "unchanged: re-extracted from the stored page"
    assert reasons[ids["no_article"]].startswith("skipped: reparse: ") and reasons[ids["no_article"]].endswith(
        "stored version kept")
    assert rows(path, "select command, status from runs order by id desc limit 1") == [("reparse", "finished")]


def test_reparse_again_changes_nothing_and_process_picks_up_only_the_changed_text(stored):
    path, ids = stored
    with Store(path) as store:  # as if every article had been processed before the reparse
        store.db.conn.execute("update articles set processed_version = 'v1', processed_hash = content_hash")
        store.commit()
    assert reparse(path).returncode == 0
    with Store(path) as store:
        assert store.ids_to_process("v1") == [ids["garbled"]]
    again = json.loads(reparse(path, "--json").stdout)
    assert (again["updated"], again["unchanged"]) == (0, 2)
    assert rows(path, "select count(*) from article_versions") == [(1,)]


def test_reparse_prints_what_it_did(stored):
    path, _ = stored
    result = reparse(path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Re-extracted 5 stored pages in ")
    assert "1 read differently (stored as new versions), 1 unchanged, 2 kept as stored, 1 errors." in result.stdout
    assert "re-extracted 5/5" in result.stderr


@pytest.mark.parametrize("extra, message", [
    (["https://ports.example.com/"], "--reparse reads only what is stored: it takes no URLS"),
    (["--refresh"], "it takes no --refresh"),
    (["--sitemap", "https://ports.example.com/sitemap.xml"], "it takes no --sitemap"),
])
def test_reparse_with_something_to_fetch_is_a_usage_error(stored, extra, message):
    path, _ = stored
    before = rows(path, "select id, body, version from articles")
    result = reparse(path, *extra)
    assert result.returncode == 2 and message in result.stderr
    assert rows(path, "select id, body, version from articles") == before


def test_reparse_without_a_database_is_a_one_line_error(tmp_path):
    result = reparse(tmp_path / "missing.db")
    assert result.returncode == 2
    assert "no database at" in result.stderr and "nothing stored to re-extract" in result.stderr
    assert not (tmp_path / "missing.db").exists()


def test_a_page_that_crashes_its_worker_costs_only_its_batch(tmp_path):
    """A worker that dies on a page (a C-level crash, the out-of-memory killer) breaks the process pool: the pages
    in flight with it are logged as errors and keep their stored version, and the next batches run on a new pool."""
    from crawler.reparse import BATCH_SIZE, reparse_store
    from reparse_crash import CRASHING_URL_PART, extract_or_die

    path = tmp_path / "ports.db"
    names = [f"dues-{i}" for i in range(3 * BATCH_SIZE)]
    names[1] = f"dues-{CRASHING_URL_PART}"
    with Store(path) as store:
        ids = [store_article(store, name, CLEAN_PAGE) for name in names]
    before = rows(path, "select id, body, version from articles order by id")
    summary = reparse_store(str(path), workers_count=1, extract=extract_or_die)

    assert rows(path, "select id, body, version from articles order by id") == before
    outcomes = dict(rows(path, "select article_id, outcome || ': ' || coalesce(reason, '') from fetches"
                               " where run_id = ?", (summary["run_id"],)))
    assert outcomes[ids[1]] == "error: reparse: RuntimeError: extraction worker crashed"
    # the last batch was submitted after the crash was seen: a new pool read it
    assert all(outcomes[i] == "unchanged: re-extracted from the stored page" for i in ids[-BATCH_SIZE:])
    assert summary["unchanged"] + sum(summary["errors"].values()) == len(ids)
    assert rows(path, "select status from runs where id = ?", (summary["run_id"],)) == [("finished",)]
