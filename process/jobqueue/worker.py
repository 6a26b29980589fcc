"""``worker``: RQ's in-process worker with a lease on the job in hand.

RQ's own rule for a worker that dies mid-job is its heartbeat time-to-live (the job's timeout plus 60 s for
RQ's SimpleWorker) and then only when someone cleans the registry. Here the worker renews its job's entry
in RQ's started-job registry every third of the lease from a thread, so a live worker keeps its job however
long the article takes (up to the job timeout) and a dead one loses it ``lease`` seconds after its last
renewal; the writer then finds it (RQ's registry cleanup, every second) and RQ's ``Retry`` policy puts it
back at the front of the queue.

The job runs in this process (no fork per job): the pipeline is loaded once, on the first job, and kept.
SIGTERM or SIGINT: the job in hand is finished, then the worker exits (a second signal stops it at once;
its job then comes back after the lease).
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import redis
from rq import Queue, SimpleWorker
from rq.job import Job
from rq.serializers import JSONSerializer
from rq.utils import current_timestamp

from process.jobqueue.jobs import refusal
from process.jobqueue.settings import DEFAULT_LEASE, QueueError, connect, job_queue

logger = logging.getLogger(__name__)


def lease_of(job: Job) -> int:
    """The lease the writer gave this job (seconds)."""
    try:
        return max(1, int(job.meta.get("lease", DEFAULT_LEASE)))
    except (TypeError, ValueError):
        return DEFAULT_LEASE


class LeaseWorker(SimpleWorker):
    """A SimpleWorker whose job entries expire ``lease`` seconds after its last renewal, which refuses
    (and puts back) a job its code or model cannot do as the writer asked."""

    refused: str | None = None
    signalled: bool = False
    jobs_done = 0
    attempts_failed = 0
    later_jobs_cpu = 0.0  # CPU seconds of every job but the first (which loads the pipeline)

    def handle_job_failure(self, job: Job, queue: Queue, started_job_registry=None, exc_string="") -> None:
        self.attempts_failed += 1
        super().handle_job_failure(job, queue, started_job_registry=started_job_registry, exc_string=exc_string)

    def request_stop(self, signum, frame) -> None:
        self.signalled = True
        super().request_stop(signum, frame)

    def get_heartbeat_ttl(self, job: Job) -> int:
        return lease_of(job)

    def subscribe(self) -> None:
        """No command channel (RQ's `rq` shell commands): its listening thread, waiting up to 60 s in
        Redis, held every exit for up to a minute; stop a worker with SIGTERM instead."""

    def execute_job(self, job: Job, queue: Queue) -> None:
        try:
            reason = refusal(job.kwargs)
        except Exception as error:  # noqa: BLE001 -- an unreadable job fails as RQ fails it
            logger.warning("job %s cannot be read (%s): running it as given", job.id, error)
            reason = None
        if reason is not None:
            self._put_back(job, queue)
            self.refused = reason
            self._stop_requested = True
            return
        stop = threading.Event()
        beat = threading.Thread(target=self._renew_lease, args=(job, lease_of(job), stop),
                                name="lease", daemon=True)
        beat.start()
        cpu = time.process_time()
        try:
            super().execute_job(job, queue)
            if self.jobs_done:
                self.later_jobs_cpu += time.process_time() - cpu
            self.jobs_done += 1
        finally:
            stop.set()
            beat.join()

    def _put_back(self, job: Job, queue: Queue) -> None:
        """The job goes back where it was (front of the queue), untouched, for a worker that can do it."""
        with self.connection.pipeline() as pipeline:  # one MULTI: never in neither list
            pipeline.lrem(queue.intermediate_queue_key, 1, job.id)
            queue.push_job_id(job.id, pipeline=pipeline, at_front=True)
            pipeline.execute()

    def _renew_lease(self, job: Job, lease: int, stop: threading.Event) -> None:
        registry = job.started_job_registry.key
        while not stop.wait(lease / 3):
            execution = self.execution
            if execution is None:
                continue
            try:
                with self.connection.pipeline() as pipeline:
                    # XX: an entry the job's end removed is never added back
                    pipeline.zadd(registry, {execution.composite_key: current_timestamp() + lease}, xx=True)
                    pipeline.expire(self.key, lease + 60)
                    pipeline.execute()
            except redis.RedisError as error:  # the job goes on; if Redis stays away the lease lapses
                logger.warning("could not renew the lease of job %s: %s", job.id, error)


@dataclass
class WorkerSummary:
    name: str
    queue: str
    redis: str
    jobs: int
    failed: int
    seconds: float
    ended: str  # "signal", "idle", "refused" or "error"
    refused: str | None
    job_cpu_ms: float | None = None  # CPU per job after the first (which loads the pipeline)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "queue": self.queue, "redis": self.redis, "jobs": self.jobs,
                "failed": self.failed, "seconds": round(self.seconds, 1), "ended": self.ended,
                "refused": self.refused,
                "job_cpu_ms": round(self.job_cpu_ms, 1) if self.job_cpu_ms is not None else None}


def worker_name() -> str:
    """host.pid.random: unique across machines and across a restarted container that reuses a pid."""
    return f"{socket.gethostname()}.{os.getpid()}.{secrets.token_hex(2)}"


def run_worker(redis_url: str, queue_name: str, *, idle_exit: float | None = None,
               verbose: bool = False) -> WorkerSummary:
    """Work jobs until stopped (SIGTERM, SIGINT), idle for ``idle_exit`` seconds, or refusing a job."""
    server = connect(redis_url)
    queue = job_queue(server, queue_name)
    worker = LeaseWorker([queue], connection=server, name=worker_name(), serializer=JSONSerializer)
    worker.log_result_lifespan = False
    started = time.monotonic()
    try:
        worker.work(logging_level="INFO" if verbose else "WARNING",
                    max_idle_time=int(idle_exit) if idle_exit else None)
    except redis.RedisError as error:
        raise QueueError(f"lost the connection to Redis at {redis_url} ({error})") from error
    if worker.refused:
        ended = "refused"
    elif worker.signalled:
        ended = "signal"
    else:  # RQ's loop leaves on its idle limit, or on an error it has logged
        ended = "idle" if idle_exit else "error"
    later = worker.jobs_done - 1
    return WorkerSummary(worker.name, queue_name, redis_url, worker.jobs_done, worker.attempts_failed,
                         time.monotonic() - started, ended, worker.refused,
                         worker.later_jobs_cpu / later * 1000 if later > 0 else None)
