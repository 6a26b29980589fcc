"""The shared frontier's Redis steps against a real redis-server: queue and duplicate filter,
leases lost and put back, hand-over, the writer lock, per-host slots; and the `crawl --redis`
command's bad input (Redis absent, wrong options): a one-line error, exit status 2."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import ROOT
from crawler.cli import crawl
from crawler.redis.frontier import MAX_LEASE_LOSSES, Frontier, connect
from crawler.redis.slots import ACQUIRE


@pytest.fixture
def frontier(redis_server) -> Frontier:
    return Frontier(connect(redis_server.url))


def test_push_is_the_duplicate_filter_and_pop_puts_the_url_in_flight(frontier):
    assert frontier.push("fp-a", -1, b"request a")
    assert not frontier.push("fp-a", -1, b"request a again")  # seen: not queued twice
    assert frontier.push("fp-b", -10, b"request b")  # higher priority (lower score)
    assert frontier.counts().queued == 2
    assert frontier.pop(60_000) == ("fp-b", b"request b")
    assert frontier.state_of("fp-b") == "inflight"
    counts = frontier.counts()
    assert (counts.queued, counts.inflight) == (1, 1)
    # In flight, the URL is still seen: discovering it again queues nothing.
    assert not frontier.push("fp-b", -10, b"request b")


def test_an_expired_lease_puts_the_url_back_past_the_duplicate_filter(frontier):
    frontier.push("fp-a", -1, b"request a")
    assert frontier.pop(100)[0] == "fp-a"
    assert frontier.reap() == (0, [])  # not expired yet
    time.sleep(0.2)
    assert frontier.reap() == (1, [])
    assert frontier.state_of("fp-a") == "queued"
    assert frontier.pop(60_000) == ("fp-a", b"request a")  # the same request, with its payload


def test_a_renewed_lease_does_not_expire(frontier):
    frontier.push("fp-a", -1, b"request a")
    frontier.pop(300)
    for _ in range(3):
        time.sleep(0.15)
        assert frontier.renew(["fp-a"], 300) == 1
    assert frontier.reap() == (0, [])


def test_a_url_that_loses_its_lease_too_often_is_given_up(frontier):
    frontier.push("fp-a", -1, b"request a")
    for loss in range(1, MAX_LEASE_LOSSES + 1):
        assert frontier.pop(10) is not None
        time.sleep(0.05)
        count, failed = frontier.reap()
        assert count == 1
        assert failed == (["fp-a"] if loss == MAX_LEASE_LOSSES else [])
    assert frontier.state_of("fp-a") == "failed" and frontier.counts().queued == 0


def test_hand_over_ends_the_lease_and_the_writer_acknowledges_under_its_lock(frontier):
    frontier.push("fp-a", -1, b"request a")
    frontier.pop(60_000)
    frontier.hand_over(b"item a", "fp-a")
    frontier.hand_over(b"item b", None)  # an outcome that finishes no URL
    assert frontier.state_of("fp-a") == "handed"
    counts = frontier.counts()
    assert (counts.inflight, counts.items) == (0, 2)
    assert frontier.acquire(frontier.writer, "writer-1", 60_000) == ""
    assert frontier.take(10) == [b"item a", b"item b"]
    assert frontier.counts().writing == 2
    assert not frontier.ack("writer-2", ["fp-a"])  # not the lock holder: nothing acknowledged
    assert frontier.ack("writer-1", ["fp-a"])
    assert frontier.state_of("fp-a") == "stored" and frontier.counts().writing == 0


def test_writer_lock_expires_and_the_next_writer_learns_who_held_it(frontier):
    assert frontier.acquire(frontier.writer, "writer-1", 200) == ""
    assert frontier.acquire(frontier.writer, "writer-2", 200) is None  # held
    assert frontier.renew_lock(frontier.writer, "writer-1", 200)
    assert not frontier.renew_lock(frontier.writer, "writer-2", 200)
    time.sleep(0.3)  # writer-1 stopped renewing: it died
    assert frontier.acquire(frontier.writer, "writer-2", 200) == "writer-1"
    assert not frontier.renew_lock(frontier.writer, "writer-1", 200)


def test_a_run_ends_only_when_the_crawl_is_drained(frontier):
    run = frontier.join_run()
    assert frontier.join_run() == run  # a second process joins the same run
    frontier.push("fp-a", -1, b"request a")
    assert not frontier.end_run(run)
    frontier.pop(60_000)
    frontier.hand_over(b"item a", "fp-a")
    assert not frontier.end_run(run)  # an item still waits to be written
    frontier.acquire(frontier.writer, "w", 60_000)
    frontier.take(10)
    frontier.ack("w", ["fp-a"])
    assert frontier.end_run(run)
    assert frontier.join_run() != run  # the next crawl is a new run


def test_host_slots_never_exceed_the_limit_and_keep_the_delay(redis_server):
    server = connect(redis_server.url)
    acquire = server.register_script(ACQUIRE)
    keys = ["saidwhat:slot:news.example", "saidwhat:next:news.example"]

    def take(holder: str, delay_ms: int = 0) -> int:
        return int(acquire(keys=keys, args=[holder, 2, 60_000, delay_ms]))

    assert take("p1:1") == 0 and take("p2:1") == 0
    assert take("p1:2") == -1  # both slots busy, whichever process asks
    server.zrem(keys[0], "p2:1")  # an answer came in
    assert take("p1:2") == 0
    server.delete(keys[0])
    assert take("p1:3", delay_ms=500) == 0
    wait = take("p2:2", delay_ms=500)
    assert 0 < wait <= 500  # a free slot, but not before the delay since the last start


def test_host_slot_of_a_dead_process_expires(redis_server):
    server = connect(redis_server.url)
    acquire = server.register_script(ACQUIRE)
    keys = ["saidwhat:slot:h", "saidwhat:next:h"]
    assert int(acquire(keys=keys, args=["dead:1", 1, 100, 0])) == 0
    assert int(acquire(keys=keys, args=["alive:1", 1, 100, 0])) == -1
    time.sleep(0.15)
    assert int(acquire(keys=keys, args=["alive:1", 1, 100, 0])) == 0


# -- the command's bad input ------------------------------------------------------------------

def invoke(*args: str):
    return CliRunner().invoke(crawl, list(args), catch_exceptions=False)


def one_error_line(result) -> str:
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    return errors[0]


def test_crawl_redis_unreachable_is_a_one_line_error_exit_2(tmp_path):
    """Nothing listens on the port: the real command says so in one line, creates nothing."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), "crawl", "--redis", f"redis://127.0.0.1:{port}/0",
                             "--sitemap", "http://127.0.0.1:1/sitemap.xml", "--db", str(tmp_path / "x.db")],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: Invalid value for --redis: cannot reach Redis at redis://127.0.0.1:{port}/0")
    assert "refused" in last.lower()
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("args, message", [
    (["--redis", "http://127.0.0.1:6379"], "not a Redis URL"),
    (["--redis", "redis://127.0.0.1:1/0", "--refresh"], "--refresh is for the single-machine crawl"),
    (["--redis", "redis://127.0.0.1:1/0", "--max-pages", "5"], "--max-pages is for the single-machine crawl"),
    (["--redis", "redis://127.0.0.1:1/0", "--idle-exit", "5"], "must be longer than the writer lock's time-to-live (10 s)"),
    (["--redis", "redis://127.0.0.1:1/0", "--idle-exit", "0"], "Invalid value for '--idle-exit'"),
])
def test_crawl_redis_bad_options_are_usage_errors(args, message):
    result = invoke("http://127.0.0.1:1/a.html", *args)
    assert result.exit_code == 2
    assert message in one_error_line(result)


def test_crawl_redis_refuses_a_second_database_for_one_crawl(redis_server, tmp_path):
    frontier = Frontier(connect(redis_server.url))
    frontier.server.set(frontier.db, "otherhost:/data/news.db")
    result = invoke("--redis", redis_server.url, "--db", str(tmp_path / "mine.db"))
    assert result.exit_code == 2
    assert "this crawl writes otherhost:/data/news.db" in one_error_line(result)
    assert not (tmp_path / "mine.db").exists()
