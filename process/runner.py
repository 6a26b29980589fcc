"""``process``: extract every stored article that needs it and write its records, one transaction each.

An article needs processing when it was never processed, when the stamp of the extraction code and
models changed (:mod:`process.version`), or when a refresh changed its text. A run with nothing to do
writes only its own line in ``runs``. Killed at any moment, a run leaves each article either fully
stored or untouched, and the next run picks up the rest.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from db.events import EVENT_WINDOW_DAYS, LINK_WINDOW_DAYS, Windows
from db.store import Store
from nlp.inputs import ArticleText, parse_date
from nlp.settings import DEFAULT_CLAIM_THRESHOLD, DEFAULT_MODEL
from process.jobqueue.defaults import DEFAULT_LEASE, DEFAULT_QUEUE, DEFAULT_WINDOW
from process.version import processing_version

LOAD_CHUNK = 64  # articles read from the database at a time
BATCH = 16  # articles per nlp.pipe batch in this process


@dataclass
class ProcessOptions:
    since: str | None = None
    reprocess: bool = False
    jobs: int = 1
    model: str = DEFAULT_MODEL
    claim_threshold: float = DEFAULT_CLAIM_THRESHOLD
    limit: int | None = None
    event_window: int = EVENT_WINDOW_DAYS
    link_window: int = LINK_WINDOW_DAYS
    sentiment_model: str | None = None  # a model file from train-sentiment (None: the shipped one)
    redis_url: str | None = None  # extract on `worker`s through the job queue on this Redis
    queue: str = DEFAULT_QUEUE
    lease: int = DEFAULT_LEASE
    window: int = DEFAULT_WINDOW


@dataclass
class ProcessSummary:
    run_id: int | None = None
    version: str = ""
    regrouped: bool = False
    to_process: int = 0
    processed: int = 0
    failed: int = 0
    statements: int = 0
    seconds: float = 0.0
    errors: dict[int, str] = field(default_factory=dict)
    queue: Any = None  # process.jobqueue.writer.QueueStats with --redis

    def as_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "version": self.version, "regrouped": self.regrouped,
                "to_process": self.to_process,
                "processed": self.processed, "failed": self.failed, "statements": self.statements,
                "seconds": round(self.seconds, 2), "errors": {str(k): v for k, v in self.errors.items()},
                **({"queue": self.queue.as_dict()} if self.queue is not None else {})}


def _article_text(row: dict[str, Any]) -> ArticleText:
    return ArticleText(source=row["url"], text=row["body"] or "", title=row["title"],
                       published=parse_date(row["published"]), language=row["language"])


def _rows(store: Store, ids: list[int]) -> Iterator[dict[str, Any]]:
    """The articles with these ids, read a chunk at a time (bodies are not all held in memory)."""
    for start in range(0, len(ids), LOAD_CHUNK):
        chunk = ids[start:start + LOAD_CHUNK]
        marks = ",".join("?" * len(chunk))
        found = {row["id"]: row for row in store.db.query(
            f"select id, url, outlet, title, published, language, body, content_hash from articles"
            f" where id in ({marks})", chunk)}
        yield from (found[i] for i in chunk if i in found)


WINDOW = 256  # articles handed to worker processes at a time (they read ahead of the writer)


def extracted(rows: Iterable[dict[str, Any]], options: ProcessOptions,
              summary: ProcessSummary | None = None) -> Iterator[tuple[dict, dict]]:
    """(article row, extraction record or ``{"error"}``): in order in this process or in workers, or as
    they come back from the job queue with ``options.redis_url``."""
    from nlp.analyse import chunks

    if options.redis_url:
        from process.jobqueue.settings import connect
        from process.jobqueue.writer import QueueStats, extracted_on_queue

        stats = QueueStats()
        if summary is not None:
            summary.queue = stats
        yield from extracted_on_queue(rows, server=connect(options.redis_url), queue_name=options.queue,
                                      model=options.model, claim_threshold=options.claim_threshold,
                                      version=processing_version(options.model,
                                                                 claim_threshold=options.claim_threshold),
                                      lease=options.lease, window=options.window, stats=stats)
        return
    if options.jobs == 1:
        from nlp.analyse import analyse
        from nlp.pipeline import shared_nlp

        nlp = shared_nlp(options.model, options.sentiment_model)
        for window in chunks(rows, BATCH):
            yield from zip(window, analyse(nlp, map(_article_text, window),
                                           claim_threshold=options.claim_threshold, keep_going=True))
        return
    from nlp.analyse import WorkerPool

    with WorkerPool(options.jobs, model=options.model, claim_threshold=options.claim_threshold,
                    keep_going=True, sentiment_model=options.sentiment_model) as pool:
        for window in chunks(rows, WINDOW):
            yield from zip(window, pool.analyse(map(_article_text, window)))


def run_process(db_path: str, options: ProcessOptions,
                progress: Callable[[ProcessSummary], None] | None = None) -> ProcessSummary:
    """Process what needs it in ``db_path``; ``progress`` is called after every article."""
    started = time.monotonic()
    queue_arguments = {}
    if options.redis_url:
        from process.jobqueue.settings import redacted

        queue_arguments = {"redis": redacted(options.redis_url), "queue": options.queue}
    summary = ProcessSummary(version=processing_version(options.model, claim_threshold=options.claim_threshold,
                                                        files=[options.sentiment_model] if options.sentiment_model else []))
    with Store(db_path) as store:
        summary.run_id = store.start_run({"since": options.since, "reprocess": options.reprocess,
                                          "jobs": options.jobs, "model": options.model,
                                          **queue_arguments,
                                          "claim_threshold": options.claim_threshold,
                                          "event_window": options.event_window,
                                          "link_window": options.link_window,
                                          "sentiment_model": options.sentiment_model}, command="process")
        status = "interrupted"
        try:
            summary.regrouped = store.use_windows(Windows(options.event_window, options.link_window))
            ids = store.ids_to_process(summary.version, since=options.since, reprocess=options.reprocess,
                                       limit=options.limit)
            summary.to_process = len(ids)
            if ids:
                _process(store, ids, options, summary, progress)
            status = "finished"
        finally:
            summary.seconds = time.monotonic() - started
            store.finish_run(summary.run_id, status)
    return summary


def _process(store: Store, ids: list[int], options: ProcessOptions, summary: ProcessSummary,
             progress: Callable[[ProcessSummary], None] | None) -> None:
    for row, record in extracted(_rows(store, ids), options, summary):
        error = record.get("error")
        if error is None:
            try:
                store.save_extraction(row["id"], record, version=summary.version, content_hash=row["content_hash"])
            except sqlite3.IntegrityError as rejected:
                # One record the store's constraints reject (its write rolled back) is recorded like an
                # extraction error; the batch goes on. Other database errors stop the run.
                error = f"store rejected the record: {rejected}"
            else:
                summary.processed += 1
                summary.statements += len(record.get("statements", []))
        if error is not None:
            store.record_process_error(row["id"], error, version=summary.version, content_hash=row["content_hash"])
            summary.failed += 1
            summary.errors[row["id"]] = error
        if progress is not None:
            progress(summary)

