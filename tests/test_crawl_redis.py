"""Two `crawl --redis` processes on one generated loopback site, against a real redis-server.

The site has a few hundred article pages (generated as bench/crawl.py generates them) behind a
Google News sitemap that is broken as real ones are (a stray "&" in titles, a cut-off end).
Each process sends its own User-Agent (``--contact``), so the server's request log says who
asked for what; the server also counts requests it is answering at once.
"""
from __future__ import annotations

import collections
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis

from bench.crawl import generate_site
from conftest import ROOT, RedisServer, redis_server_missing
from demo.server import DemoServer

pytestmark = pytest.mark.slow  # real crawls in subprocesses

PAGES = 240
PER_DOMAIN = 2
OPTIONS = ["--fast", "--workers", "1", "--idle-exit", "3", "-s", "SAIDWHAT_WRITER_TTL=1",
           "-s", "SAIDWHAT_REDIS_LEASE=3", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={PER_DOMAIN}",
           "-s", "DOWNLOAD_TIMEOUT=20", "-q", "--json"]


class CountingServer(DemoServer):
    """The demo server, also counting the requests it is answering at the same moment."""

    def __init__(self, root: Path, **kwargs):
        super().__init__(root, **kwargs)
        self.active = self.max_active = 0
        counter = threading.Lock()
        site = self

        class Counting(self.httpd.RequestHandlerClass):
            def do_GET(self) -> None:  # noqa: N802 -- stdlib name
                with counter:
                    site.active += 1
                    site.max_active = max(site.max_active, site.active)
                try:
                    super().do_GET()
                finally:
                    with counter:
                        site.active -= 1

        self.httpd.RequestHandlerClass = Counting

    def by_agent(self) -> dict[str, collections.Counter]:
        """Requested paths per process (the contact URL in its User-Agent)."""
        counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for record in list(self.requests):
            agent = record.headers.get("User-Agent", "")
            counts[agent.split("+http://")[-1].split(".test")[0]][record.path] += 1
        return counts


def broken_sitemap(paths: list[str]) -> str:
    """Every article, with a raw '&' in each title and the file cut off after the last entry."""
    entries = "".join(
        f"<url><loc>{{{{BASE}}}}{path}</loc><news:news><news:publication_date>2025-{path.split('/')[3]}-"
        f"{path.split('/')[4]}</news:publication_date><news:title>Trade & tariffs {index}</news:title>"
        f"</news:news></url>\n" for index, path in enumerate(paths))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + entries + "<url><loc>{{BASE}}/news/20")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("site")
    paths = generate_site(root, PAGES)
    (root / "sitemap.xml").write_text(broken_sitemap(paths), encoding="utf-8")
    return root, paths


@pytest.fixture
def server(site) -> CountingServer:
    with CountingServer(site[0], delay=0.02) as running:
        yield running


class Crawl:
    """One `crawl --redis` process, its output in files (a pipe could fill up and block it)."""

    def __init__(self, name: str, redis_url: str, sitemap: str, db: Path, scratch: Path):
        self.name = name
        self.command = [sys.executable, str(ROOT / "cli.py"), "crawl", "--redis", redis_url,
                        "--sitemap", sitemap, "--db", str(db), "--contact", f"http://{name}.test", *OPTIONS]
        self.out, self.err = scratch / f"{name}.out", scratch / f"{name}.err"
        self.process: subprocess.Popen | None = None

    def start(self) -> Crawl:
        with open(self.out, "w") as out, open(self.err, "w") as err:
            self.process = subprocess.Popen(self.command, cwd=ROOT, stdout=out, stderr=err,
                                            start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        return self

    def wait(self, timeout: float = 180) -> int:
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL to the crawl and its extraction workers: the machine is gone."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def summary(self) -> dict:
        return json.loads(self.out.read_text())

    def stderr(self) -> str:
        return self.err.read_text()

    def cleanup(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def crawls(tmp_path):
    started: list[Crawl] = []

    def make(name: str, redis_url: str, sitemap: str, db: Path) -> Crawl:
        started.append(Crawl(name, redis_url, sitemap, db, tmp_path))
        return started[-1]

    yield make
    for crawl in started:
        crawl.cleanup()


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def wait_for(condition, timeout: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def articles(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db) as connection:
        assert connection.execute("pragma integrity_check").fetchone()[0] == "ok"
        return connection.execute("select id, canonical_url from articles order by id").fetchall()


def assert_every_article_stored_once(db: Path, base: str, paths: list[str]) -> None:
    rows = articles(db)
    urls = [url for _, url in rows]
    assert len(urls) == len(set(urls)) == PAGES
    assert set(urls) == {base + path for path in paths}


def writer_pid(redis_url: str) -> int | None:
    token = redis.Redis.from_url(redis_url).get("saidwhat:writer")
    return int(token.decode().split(":")[1]) if token else None


def test_two_processes_share_one_crawl_each_url_requested_once(redis_server, server, site, tmp_path, crawls):
    _, paths = site
    db = tmp_path / "news.db"
    sitemap = server.url("/sitemap.xml")
    one = crawls("one", redis_server.url, sitemap, db).start()
    two = crawls("two", redis_server.url, sitemap, db).start()
    assert one.wait() == 0, one.stderr()
    assert two.wait() == 0, two.stderr()

    assert_every_article_stored_once(db, server.base_url, paths)
    # The site's own log: robots.txt, the sitemap and every article once, across both processes.
    requests = collections.Counter(record.path for record in server.requests)
    assert requests["/robots.txt"] == 1 and requests["/sitemap.xml"] == 1
    assert {path for path, count in requests.items() if count > 1} == set()
    assert set(requests) == {"/robots.txt", "/sitemap.xml", *paths}
    # Both did a share of the work; one of them wrote everything.
    shares = {name: sum(counter.values()) for name, counter in server.by_agent().items()}
    assert set(shares) == {"one", "two"} and min(shares.values()) >= PAGES // 10, shares
    summaries = [one.summary(), two.summary()]
    assert sum(s["pages"] for s in summaries) == len(requests)
    assert sorted(bool(s["writer_runs"]) for s in summaries) == [False, True]
    assert summaries[0]["crawl"]["urls"]["stored"] == PAGES + 1  # the articles and the sitemap
    # Never more requests at once than the per-domain setting, counted at the server; and the
    # limit was reached (the slots do not serialise the crawl further than asked).
    assert server.max_active == PER_DOMAIN
    with sqlite3.connect(db) as connection:
        [(reason,)] = connection.execute("select reason from fetches where url = ?", [sitemap]).fetchall()
    assert reason == f"sitemap: {PAGES} entries (recovered from invalid XML)"


@pytest.mark.parametrize("victim", ["writer", "crawler"])
def test_one_of_two_processes_killed_the_other_finishes_every_article_once(
        victim, redis_server, server, site, tmp_path, crawls):
    _, paths = site
    db = tmp_path / "news.db"
    sitemap = server.url("/sitemap.xml")
    first = crawls("first", redis_server.url, sitemap, db).start()
    wait_for(lambda: writer_pid(redis_server.url) == first.process.pid, what="the first process to write")
    second = crawls("second", redis_server.url, sitemap, db).start()
    wait_for(lambda: stored_count(db) >= PAGES // 3 and len(server.by_agent().get("second", ())) > 5,
             what="a third of the articles stored, both processes crawling")
    killed, survivor = (first, second) if victim == "writer" else (second, first)
    killed.kill()
    before = {url for _, url in articles(db)}
    assert len(before) < PAGES

    assert survivor.wait() == 0, survivor.stderr()
    assert_every_article_stored_once(db, server.base_url, paths)
    assert before <= {url for _, url in articles(db)}
    summary = survivor.summary()
    assert summary["writer_runs"], "the survivor writes (it took over the lock if it had to)"
    assert summary["crawl"]["urls"] == {"queued": 0, "inflight": 0, "handed": 0, "stored": PAGES + 1, "failed": 0}
    # Requested once, except what the killed process had in flight (its answers died with it):
    # each of those exactly once more, by the survivor.
    agents = server.by_agent()
    total = collections.Counter(record.path for record in server.requests)
    again = {path for path, count in total.items() if count > 1}
    assert max(total.values()) <= 2
    assert all(agents[killed.name][path] == 1 and agents[survivor.name][path] == 1 for path in again)
    assert total["/robots.txt"] == 1 and total["/sitemap.xml"] == 1
    print(f"{victim} killed: {len(again)} URLs it held were requested again by the survivor")


def test_redis_lost_mid_crawl_stops_cleanly_and_the_same_command_resumes(server, site, tmp_path, crawls):
    if reason := redis_server_missing():
        pytest.skip(reason)
    _, paths = site
    (tmp_path / "redis").mkdir()
    store = RedisServer(tmp_path / "redis", persist=True).start()  # append-only file, fsync always
    try:
        db = tmp_path / "news.db"
        sitemap = server.url("/sitemap.xml")
        first = [crawls(name, store.url, sitemap, db).start() for name in ("one", "two")]
        wait_for(lambda: stored_count(db) >= PAGES // 3, what="a third of the articles stored")
        store.kill()
        for crawl in first:
            assert crawl.wait(timeout=60) == 1
            last = crawl.stderr().strip().splitlines()[-1]
            assert last.startswith(f"Error: lost the connection to Redis at {store.url}")
            assert "run the same command again when Redis is back" in last
        before = articles(db)
        assert 0 < len(before) < PAGES and len({url for _, url in before}) == len(before)

        store.start()  # same port, same files
        again = [crawls(f"{crawl.name}-again", store.url, sitemap, db) for crawl in first]
        for crawl, previous in zip(again, first):
            crawl.command = previous.command  # the same command
            crawl.start()
        for crawl in again:
            assert crawl.wait() == 0, crawl.stderr()
        assert_every_article_stored_once(db, server.base_url, paths)
        assert set(before) <= set(articles(db))  # nothing stored before was lost or renumbered
    finally:
        store.stop()
