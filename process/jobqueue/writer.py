"""The writer's side of ``process --redis``: queue articles as RQ jobs, hand back the records that return.

:func:`extracted_on_queue` is what ``process`` iterates instead of running the pipeline itself: it yields
``(article row, record)`` as workers send them back, in article order (the order ``process`` writes in,
so the database comes out the same as a single-machine run's), and ``process`` writes each in one
transaction, exactly as for a local run. Between two records it keeps the queue healthy:

- **a window**: at most ``window`` articles are queued, in flight, or back and waiting for an earlier
  one; more are queued as records are written, so Redis holds a bounded amount and a rerun has a bounded
  amount to take over. A slow or lost job holds the writing of the later ones (not the workers) until
  the window is full;
- **leases**: every second RQ's started-job registry is cleaned; a job whose worker stopped renewing
  its lease goes back to the front of the queue (RQ's ``Retry``), and after ``RETRIES`` such losses or
  timeouts the article is recorded as failed, like an article the pipeline fails on;
- **one writer per queue**: a lock in Redis with a time-to-live, renewed while this runs;
- **killed and run again**: job ids are made from the article, its text and the extraction version, so
  a rerun finds what the killed run queued. It takes over queued and running jobs instead of queueing
  them again, writes the records already computed (never recomputes them), and drops the jobs of
  articles that no longer need them (the killed run wrote them before it could delete the job: they
  are not written twice).
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

import redis
from rq import Queue, Retry, Worker
from rq.executions import ExecutionRegistry
from rq.job import Job
from rq.registry import FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry, StartedJobRegistry
from rq.results import Result
from rq.utils import current_timestamp

from nlp.inputs import parse_date
from process.jobqueue.settings import (JOB_FUNCTION, JOB_TIMEOUT, REAP_EVERY, RESULT_TTL, RETRIES, WRITER_TTL,
                                       QueueError, article_of_job, article_payload, job_id, job_queue)

logger = logging.getLogger(__name__)
POLL = 0.05  # seconds between looks at the finished jobs when none came back
COLLECT = 100  # records fetched from Redis at a time
WORKER_HINT_AFTER = 5.0  # seconds without any worker before saying how to start one

# KEYS: lock; ARGV: token, ttl ms
_RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0"
_RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"


@dataclass
class QueueStats:
    """What the queue did for this run (part of ``process``'s summary)."""

    queued: int = 0  # jobs this run queued
    adopted: int = 0  # jobs of an earlier (killed) run taken over instead of queued again
    reused: int = 0  # of those, records already computed, written without recomputing
    requeued: int = 0  # jobs whose worker's lease ran out, put back on the queue
    gave_up: int = 0  # jobs that failed RETRIES + 1 times, recorded as failed articles
    dropped: int = 0  # jobs of an earlier run no longer needed (written already, or text changed)
    workers: int = 0  # most workers seen on the queue at once

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def writer_ttl() -> float:
    """Seconds the writer lock outlives a killed writer (SAIDWHAT_QUEUE_WRITER_TTL, default WRITER_TTL)."""
    try:
        return max(1.0, float(os.environ.get("SAIDWHAT_QUEUE_WRITER_TTL", WRITER_TTL)))
    except ValueError:
        return float(WRITER_TTL)


class WriterLock:
    """One ``process --redis`` per queue: SET NX with a time-to-live, renewed, released at the end."""

    def __init__(self, server: redis.Redis, queue_name: str, ttl: float | None = None):
        self.server = server
        self.key = f"saidwhat:process:{queue_name}:writer"
        self.queue_name = queue_name
        self.ttl_ms = int((ttl or writer_ttl()) * 1000)
        self.token = f"{socket.gethostname()} pid {os.getpid()} ({secrets.token_hex(3)})"
        self.renewed = 0.0

    def acquire(self) -> None:
        """Take the lock; a killed writer's lock is waited out (its time-to-live), a live one is refused."""
        deadline = time.monotonic() + self.ttl_ms / 1000 + 1
        while not self.server.set(self.key, self.token, nx=True, px=self.ttl_ms):
            if time.monotonic() > deadline:
                holder = self.server.get(self.key)
                raise QueueError(
                    f"another process --redis ({holder.decode() if holder else '?'}) is the writer of queue "
                    f"{self.queue_name!r}; one writer per queue (another database: --queue NAME)")
            time.sleep(0.2)
        self.renewed = time.monotonic()

    def renew(self) -> None:
        if time.monotonic() - self.renewed < self.ttl_ms / 3000:
            return
        if not self.server.eval(_RENEW, 1, self.key, self.token, self.ttl_ms):
            raise QueueError(f"lost the writer lock of queue {self.queue_name!r} (this process stalled for "
                             f"{self.ttl_ms / 1000:g} s); what was written is kept: run the same command again")
        self.renewed = time.monotonic()

    def release(self) -> None:
        self.server.eval(_RELEASE, 1, self.key, self.token)


class QueueWriter:
    def __init__(self, queue: Queue, *, model: str, claim_threshold: float, version: str, lease: int,
                 window: int, stats: QueueStats):
        self.queue = queue
        self.server = queue.connection
        self.kwargs = {"model": model, "claim_threshold": claim_threshold, "version": version}
        self.lease = lease
        self.window = window
        self.stats = stats
        self.started = StartedJobRegistry(queue=queue)
        self.finished = FinishedJobRegistry(queue=queue)
        self.failed = FailedJobRegistry(queue=queue)
        self.scheduled = ScheduledJobRegistry(queue=queue)
        self.outstanding: dict[str, dict[str, Any]] = {}  # job id -> the article row (without its body)
        self.earlier: dict[int, str] = {}  # article id -> job id of an earlier run, not yet decided
        self.earlier_finished: set[str] = set()
        self.stuck_since: dict[str, float] = {}
        self.hinted = False
        self.began = time.monotonic()

    # -- the loop ------------------------------------------------------------------------------

    def run(self, rows: Iterable[dict[str, Any]], lock: WriterLock) -> Iterator[tuple[dict, dict]]:
        self.earlier = self._earlier_jobs()
        rows = iter(rows)
        exhausted = False
        last_reap = 0.0
        while True:
            lock.renew()
            if not exhausted and len(self.outstanding) < self.window:
                exhausted = self._fill(rows)
                if exhausted:
                    for old in self.earlier.values():  # articles that no longer need these jobs
                        self._drop(old)
                    self.stats.dropped += len(self.earlier)
                    self.earlier.clear()
            if time.monotonic() - last_reap >= REAP_EVERY:
                self._reap()
                last_reap = time.monotonic()
            came_back = 0
            for row, record in self._collect():
                came_back += 1
                yield row, record
                lock.renew()
            if exhausted and not self.outstanding:
                return
            if not came_back:
                time.sleep(POLL)

    def _earlier_jobs(self) -> dict[int, str]:
        """Our jobs already in Redis (a killed run's), by article; duplicates of an article dropped."""
        ids: list[str] = [*self.queue.get_job_ids(), *self.queue.intermediate_queue.get_job_ids()]
        self.earlier_finished = set(self.finished.get_job_ids(cleanup=False))
        for registry in (self.started, self.finished, self.failed, self.scheduled):
            ids += registry.get_job_ids(cleanup=False)
        found: dict[int, str] = {}
        for jid in dict.fromkeys(ids):
            article = article_of_job(jid)
            if article is None:
                continue
            if article in found:
                self._drop(jid)
                self.stats.dropped += 1
            else:
                found[article] = jid
        return found

    def _fill(self, rows: Iterator[dict[str, Any]]) -> bool:
        """Queue articles up to the window (one Redis transaction); True once the rows are all read."""
        batch = []
        row: dict[str, Any] | None = {}
        while len(self.outstanding) < self.window:
            row = next(rows, None)
            if row is None:
                break
            jid = job_id(row["id"], row["content_hash"], self.kwargs["version"])
            self.outstanding[jid] = {"id": row["id"], "url": row["url"], "content_hash": row["content_hash"]}
            old = self.earlier.pop(row["id"], None)
            if old == jid:
                self.stats.adopted += 1
                self.stats.reused += jid in self.earlier_finished
                continue
            if old is not None:
                self._drop(old)  # queued for another text or version of this article
                self.stats.dropped += 1
            published = parse_date(row["published"])
            batch.append(Queue.prepare_data(
                JOB_FUNCTION, kwargs={"article": article_payload(row, published.isoformat() if published else None),
                                      **self.kwargs},
                job_id=jid, description=f"article {row['id']}", timeout=JOB_TIMEOUT, result_ttl=RESULT_TTL,
                failure_ttl=RESULT_TTL, meta={"lease": self.lease}, retry=Retry(max=RETRIES, enqueue_at_front=True)))
        if batch:
            with self.server.pipeline() as pipeline:
                self.queue.enqueue_many(batch, pipeline=pipeline)
                pipeline.execute()
            self.stats.queued += len(batch)
        return row is None

    def _collect(self) -> Iterator[tuple[dict, dict]]:
        """The records (or errors, for jobs that failed for good) of the oldest outstanding jobs that came
        back, in the order they were queued: article order, as ``process`` writes them, so the database is
        the same as a single-machine run's (which article introduced a person is part of it). A job is
        deleted once its record is written (when the caller asks for the next); stale jobs on sight."""
        finished = set(self.finished.get_job_ids(cleanup=False))
        failed = set(self.failed.get_job_ids(cleanup=False))
        for jid in finished | failed:
            if jid not in self.outstanding and self.earlier.get(article_of_job(jid)) != jid:
                self._drop(jid)  # not ours to write (any more)
                self.stats.dropped += 1
        head: list[str] = []
        for jid in self.outstanding:
            if jid not in finished and jid not in failed or len(head) == COLLECT:
                break
            head.append(jid)
        written: list[str] = []
        try:
            for job in Job.fetch_many(head, connection=self.server, serializer=self.queue.serializer):
                if job is None:  # deleted since: the existence check says so within a second
                    break
                row = self.outstanding.pop(job.id)
                if job.id in failed:
                    self.stats.gave_up += 1
                    yield row, {"source": row["url"], "error": _failure(job)}
                else:
                    yield row, _record(job, row)
                written.append(job.id)
        finally:
            with self.server.pipeline() as pipeline:
                for jid in written:
                    self._drop(jid, pipeline=pipeline)
                pipeline.execute()

    def _check_outstanding(self) -> None:
        """Every job this run waits for still exists (a Redis restarted without persistence loses them)."""
        with self.server.pipeline(transaction=False) as pipeline:
            for jid in self.outstanding:
                pipeline.exists(Job.key_for(jid))
            missing = sum(1 for found in pipeline.execute() if not found)
        if missing:
            raise QueueError(f"{missing} queued jobs vanished from Redis (restarted without persistence?); what "
                             "was written is kept: run the same command again")

    def _reap(self) -> None:
        """Jobs whose lease ran out go back on the queue (RQ's cleanup applies the Retry policy)."""
        now = current_timestamp()  # RQ's clock: each machine's own (keep them in step, NTP)
        expired = self.started.get_expired_job_ids(now)
        self.started.cleanup(now)
        if expired:
            with self.server.pipeline(transaction=False) as pipeline:
                for jid in expired:
                    pipeline.zscore(self.failed.key, jid)
                requeued = sum(1 for score in pipeline.execute() if score is None)  # the rest failed for good
            if requeued:
                logger.warning("%d job(s) lost their worker (lease of %d s ran out): queued again", requeued,
                               self.lease)
                self.stats.requeued += requeued
        self._unstick()
        self._check_outstanding()
        workers = Worker.count(queue=self.queue)
        self.stats.workers = max(self.stats.workers, workers)
        if not workers and not self.hinted and time.monotonic() - self.began > WORKER_HINT_AFTER:
            self.hinted = True
            logger.warning("no worker is working queue %r yet: start `cli.py worker --redis URL` on any machine",
                           self.queue.name)

    def _unstick(self) -> None:
        """A worker killed between taking a job and starting it leaves the job in RQ's intermediate list
        (RQ itself moves it after a minute, when a worker cleans up): put it back after one lease."""
        started = set(self.started.get_job_ids(cleanup=False))
        now = time.monotonic()
        waiting = [jid for jid in self.queue.intermediate_queue.get_job_ids() if jid not in started]
        self.stuck_since = {jid: self.stuck_since.get(jid, now) for jid in waiting}
        for jid, since in list(self.stuck_since.items()):
            if now - since > self.lease:
                with self.server.pipeline() as pipeline:
                    pipeline.lrem(self.queue.intermediate_queue_key, 1, jid)
                    self.queue.push_job_id(jid, pipeline=pipeline, at_front=True)
                    pipeline.execute()
                self.stats.requeued += 1
                del self.stuck_since[jid]

    def _drop(self, jid: str, pipeline: Any = None) -> None:
        """Delete a job wherever it waits, with its result (Redis commands only: no reads, one round trip).
        An execution a worker still runs keeps its own entry until it ends or its lease runs out."""
        target = pipeline if pipeline is not None else self.server.pipeline()
        target.lrem(self.queue.key, 0, jid)
        target.lrem(self.queue.intermediate_queue_key, 0, jid)
        for registry in (self.finished, self.failed, self.scheduled):
            target.zrem(registry.key, jid)
        target.delete(Job.key_for(jid), Job.dependents_key_for(jid), Result.get_key(jid),
                      ExecutionRegistry.key_template.format(jid))
        if pipeline is None:
            target.execute()

def _record(job: Job, row: dict[str, Any]) -> dict:
    result = job.latest_result()
    if result is None or result.type != Result.Type.SUCCESSFUL or not isinstance(result.return_value, dict):
        return {"source": row["url"], "error": "its record was lost from Redis before it was written"}
    return result.return_value


def _failure(job: Job) -> str:
    """One line: why the job failed RETRIES + 1 times."""
    result = job.latest_result()
    text = (result.exc_string if result is not None else None) or job.exc_info or ""
    if "AbandonedJobError" in text:
        why = "its worker stopped renewing the lease (killed, or out of memory)"
    else:
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        why = lines[-1] if lines else "unknown error"
    return f"failed on {RETRIES + 1} attempts: {why}"


def extracted_on_queue(rows: Iterable[dict[str, Any]], *, server: redis.Redis, queue_name: str, model: str,
                       claim_threshold: float, version: str, lease: int, window: int,
                       stats: QueueStats) -> Iterator[tuple[dict, dict]]:
    """(article row, record or ``{"error"}``) as workers return them; see the module docstring."""
    lock = WriterLock(server, queue_name)
    try:
        lock.acquire()
        writer = QueueWriter(job_queue(server, queue_name), model=model, claim_threshold=claim_threshold,
                             version=version, lease=lease, window=window, stats=stats)
        try:
            yield from writer.run(rows, lock)
        finally:
            lock.release()
    except (redis.ConnectionError, redis.TimeoutError) as error:
        raise QueueError(f"lost the connection to Redis ({error}); what was written is kept: run the same "
                         "command again when Redis is back") from error
