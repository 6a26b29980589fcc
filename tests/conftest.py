"""Shared fixtures: the project root on sys.path, the demo site and its server, database paths,
and a helper that runs ``cli.py crawl`` in a subprocess (Twisted's reactor cannot restart, so
every crawl gets its own process)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for `demo.server`, which is not an installed package

from demo.server import DemoServer  # noqa: E402

DEMO_SITE = ROOT / "demo" / "site"
# Settings that keep crawl tests fast: one extraction worker is enough for a dozen pages; the
# timeout is short for the slow-page test but leaves room for a loaded machine; the crawl tests
# check what is stored, so `process` (tested on its own) does not run after them.
TEST_CRAWL_OPTIONS = ["--fast", "--workers", "1", "-s", "DOWNLOAD_TIMEOUT=5", "--no-process"]


@pytest.fixture(scope="session")
def nlp():
    """saidwhat's full pipeline on the real English model, as `extract` runs it (loaded once per session)."""
    from nlp.pipeline import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def demo_manifest() -> list[dict]:
    """The demo site's own description of every page (kind, outlet, title, dates, phrases)."""
    return json.loads((DEMO_SITE / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture
def site_server() -> Iterator[DemoServer]:
    """The demo site on a free loopback port, fresh for each test."""
    with DemoServer(DEMO_SITE) as server:
        yield server


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


def run_crawl(*args: str, db: Path | str, timeout: float = 120, fast: bool = True
              ) -> subprocess.CompletedProcess:
    """``python cli.py crawl ARGS --db DB`` in a subprocess, output captured as text."""
    command = [sys.executable, str(ROOT / "cli.py"), "crawl", *args, "--db", str(db)]
    if fast:
        command += TEST_CRAWL_OPTIONS
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.fixture
def crawl() -> Callable[..., subprocess.CompletedProcess]:
    return run_crawl


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo site crawled and processed into a real database, once per session (treat it as read-only:
    copy it before writing). Its articles, people, statements and rate events are the project's own."""
    from process.runner import ProcessOptions, run_process

    path = tmp_path_factory.mktemp("demo-db") / "demo.db"
    with DemoServer(DEMO_SITE) as server:
        result = run_crawl(f"{server.base_url}/", "--sitemap", f"{server.base_url}/sitemap.xml", "--feed",
                           f"{server.base_url}/capital-wire/feed.xml", "--feed", f"{server.base_url}/tradepost/atom.xml",
                           "--depth", "2", db=path)
    assert result.returncode == 0, result.stderr
    summary = run_process(str(path), ProcessOptions())
    assert summary.processed > 10 and not summary.failed, summary.as_dict()
    return path


class RedisServer:
    """Debian's redis-server on a free loopback port, with its files in ``directory``; stop() and
    start() again on the same port and files (with ``persist``, its append-only file keeps every
    acknowledged write, as the README tells users to configure)."""

    def __init__(self, directory: Path, *, persist: bool = False):
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.directory = directory
        self.persist = persist
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        import redis
        import time

        persistence = ["--appendonly", "yes", "--appendfsync", "always"] if self.persist else ["--appendonly", "no"]
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--dir", str(self.directory), *persistence],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)

    def kill(self) -> None:
        """Gone at once, as a crashed server or a lost network would be."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def redis_server_missing() -> str | None:
    import shutil

    if shutil.which("redis-server") is None:
        return "redis-server is not installed (Debian package redis-server; `make test` as root installs it)"
    return None


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh redis-server for one test, stopped after it."""
    if reason := redis_server_missing():
        pytest.skip(reason)
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(directory).start()
    try:
        yield server
    finally:
        server.stop()


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a SQLite file with its WAL, if any (a reader of the copy sees every commit)."""
    import shutil

    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    return target


# Untrusted text as a crawled page could carry it: markup that would run if a chart wrote it as HTML.
MARKUP_NAME = "Zed <img src=x onerror=\"window.__xss='name'\"> Quill"
MARKUP_TEXT = "<script>window.__xss='script'</script><img src=x onerror=\"window.__xss='quote'\"> zzmarkup tariffs"
MARKUP_OUTLET = "<b onmouseover=\"window.__xss='outlet'\">Ledger</b>"


def score_for(statement_id: int) -> float | None:
    """The sentiment score written into the scored copy: spread over [-1, 1], every fifth left unscored."""
    return None if statement_id % 5 == 0 else ((statement_id * 37) % 21 - 10) / 10


def label_for(score: float | None) -> str | None:
    return None if score is None else "negative" if score < -0.2 else "positive" if score > 0.2 else "neutral"


@pytest.fixture(scope="session")
def scored_db(demo_db, tmp_path_factory) -> Path:
    """A copy of demo_db with sentiment written into its statements (as the sentiment work will store it) and
    one statement whose speaker, text, outlet and URL carry markup and a javascript: link."""
    import sqlite3

    path = copy_database(demo_db, tmp_path_factory.mktemp("scored-db") / "scored.db")
    conn = sqlite3.connect(path)
    with conn:
        for (statement_id,) in conn.execute("select id from statements").fetchall():
            score = score_for(statement_id)
            conn.execute("update statements set sentiment = ?, sentiment_score = ?, sentiment_model = ? where id = ?",
                         [label_for(score), score, None if score is None else "test@1", statement_id])
        article = conn.execute(
            "insert into articles (url, canonical_url, outlet, title, published, body) values (?, ?, ?, ?, ?, ?)",
            ["javascript:window.__xss='href'", "javascript:window.__xss='href'", MARKUP_OUTLET,
             "Markup <i>title</i>", "2025-05-10", "body"]).lastrowid
        person = conn.execute("insert into people (name) values (?)", [MARKUP_NAME]).lastrowid
        conn.execute("insert into statements (speaker, speaker_kind, person_id, kind, text, date, article_id,"
                     " match_key, sources, sentiment, sentiment_score) values (?, 'person', ?, 'direct', ?,"
                     " '2025-05-10', ?, 'zzmarkup', 1, 'negative', -0.95)", [MARKUP_NAME, person, MARKUP_TEXT, article])
    conn.close()
    return path


FAILING_MARKER = "UNREADABLE-MARKER"


@pytest.fixture
def pipeline_failing_on_marker(monkeypatch):
    """The real pipeline, shared in this process as `process` and `worker` build it, with a first component
    that raises on any text holding FAILING_MARKER (a real failure, on a real pipeline, for one article)."""
    from spacy.language import Language

    import nlp.pipeline

    if "fails_on_marker" not in Language.factories:
        @Language.component("fails_on_marker")
        def fails_on_marker(doc):
            if FAILING_MARKER in doc.text:
                raise ValueError("cannot analyse this text")
            return doc

    real = nlp.pipeline.build_nlp()
    real.add_pipe("fails_on_marker", first=True)
    monkeypatch.setattr(nlp.pipeline, "shared_nlp", lambda model=None, sentiment_model=None: real)
    return real
