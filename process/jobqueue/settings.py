"""What the writer and the workers agree on: the queue, job ids, the article payload, the lease."""
from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import urlsplit

import redis
from rq import Queue
from rq.serializers import JSONSerializer

from process.jobqueue.defaults import DEFAULT_LEASE, DEFAULT_QUEUE, DEFAULT_WINDOW, QueueError  # noqa: F401

JOB_TIMEOUT = 300  # seconds one article may take before its job fails (a pathological text)
RETRIES = 2  # a job whose worker died or timed out is tried again this often, then recorded as failed
RESULT_TTL = 7 * 24 * 3600  # a computed record waits this long in Redis for a writer (one killed, say)
WRITER_TTL = 10  # seconds the writer lock outlives a writer that stopped renewing it
REAP_EVERY = 1.0  # seconds between the writer's looks for jobs whose lease ran out
JOB_FUNCTION = "process.jobqueue.jobs.extract_article"

_JOB_ID = re.compile(r"^a(\d+)-([0-9a-f]{16})$")


def check_url(url: str) -> None:
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise QueueError(f"not a Redis URL (redis://HOST:PORT/DB): {url!r}")


def redacted(url: str) -> str:
    """The URL without its password (for the runs table and messages)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=f"{parts.username or ''}:***@{host}").geturl()


def connect(url: str, *, timeout: float = 10.0) -> redis.Redis:
    """A client for ``url`` after checking that Redis answers (QueueError otherwise)."""
    check_url(url)
    try:
        server = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=min(timeout, 5.0),
                                      retry_on_timeout=False, health_check_interval=0)
        server.ping()
    except (redis.RedisError, ValueError, OSError) as error:
        raise QueueError(f"cannot reach Redis at {redacted(url)}: {error}") from error
    return server


def job_queue(server: redis.Redis, name: str = DEFAULT_QUEUE) -> Queue:
    """The RQ queue of extraction jobs; payloads and results are JSON, never pickles."""
    return Queue(name, connection=server, serializer=JSONSerializer, default_timeout=JOB_TIMEOUT)


def job_id(article_id: int, content_hash: str | None, version: str) -> str:
    """One id per article text and extraction version: a rerun finds the jobs it already queued."""
    digest = hashlib.sha1(f"{version}\0{content_hash or ''}".encode()).hexdigest()[:16]
    return f"a{article_id}-{digest}"


def article_of_job(job_id_: str) -> int | None:
    """The article id in one of our job ids (None for a job id of something else)."""
    match = _JOB_ID.match(job_id_)
    return int(match.group(1)) if match else None


def article_payload(row: dict[str, Any], published: str | None) -> dict[str, Any]:
    """What a worker needs of an article: id, text, title, date (ISO), language; JSON-safe and small."""
    return {"id": row["id"], "source": row["url"], "text": row["body"] or "", "title": row["title"],
            "published": published, "language": row["language"]}
