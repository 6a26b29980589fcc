"""``crawl --reparse``: every stored page read again by the current extractor, with no network.

The store keeps each article's page as it was received (``raw_html``), so a better extractor (a
newer trafilatura, a repair saidwhat learnt since the crawl) can be applied to what was crawled
months ago, when the site has moved or gone. A page whose text now reads differently is stored as
a new version of its article exactly as a ``--refresh`` that found changed text would store it (the
old text moves to ``article_versions``), so ``process`` then extracts it again; a page whose text
reads the same is left as it is. Nothing stored is ever dropped: a page the extractor now refuses
(it reads as no article, or it fails) keeps its stored version, and the outcome is logged.

Pages are parsed in the crawl's extraction worker processes, a few batches at a time, so memory
holds only the pages in flight; this process is the only one that writes the store.
"""
from __future__ import annotations

import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from db.raw_html import decompress_html
from db.store import Store

BATCH_SIZE = 16
BATCHES_PER_WORKER = 2  # in flight: enough to keep every worker busy, few enough to bound memory
REASON = "re-extracted from the stored page"
STORED_COLUMNS = ("id", "url", "canonical_url", "final_url", "outlet", "published", "published_source",
                  "fetched_at", "http_status", "raw_html", "charset", "etag", "last_modified")
# Where a stored date came from a sitemap or feed, the page alone cannot give it again.
HINT_SOURCES = frozenset({"news-sitemap", "feed"})
Progress = Callable[[int, int], None]


def reparse_store(db_path: str, *, workers_count: int | None = None, on_progress: Progress | None = None,
                  extract: Callable[[list[tuple]], list] | None = None) -> dict[str, Any]:
    """Re-extract every stored page of ``db_path``; return the run's summary (see ``Store.run_summary``).
    ``extract`` is what the workers run on a batch of pages (default: the crawl's ``workers.extract_pages``)."""
    from crawler import workers

    extract = extract or workers.extract_pages
    started = time.monotonic()
    with Store(db_path) as store:
        run_id = store.start_run({"reparse": True}, command="reparse")
        total = store.article_count()
        workers.start(workers_count)
        window = max(1, workers.default_workers() if workers_count is None else workers_count) * BATCHES_PER_WORKER
        in_flight: deque[tuple[list[dict], Future]] = deque()
        done = 0
        try:
            for rows in _batches(store):
                pages, inputs = [], []
                for row in rows:
                    if (page := _page(store, run_id, row)) is not None:
                        pages.append(row)
                        inputs.append(page)
                if pages:
                    in_flight.append((pages, _submit(workers_count, extract, inputs)))
                while len(in_flight) >= window or (in_flight and in_flight[0][1].done()):
                    done += _store_results(store, run_id, *in_flight.popleft())
                done += len(rows) - len(pages)
                if on_progress:
                    on_progress(done, total)
            while in_flight:
                done += _store_results(store, run_id, *in_flight.popleft())
                if on_progress:
                    on_progress(done, total)
            store.finish_run(run_id)
        except BaseException:
            store.finish_run(run_id, "interrupted")
            raise
        finally:
            workers.shutdown()
        summary = store.run_summary(run_id)
    summary.update(seconds=round(time.monotonic() - started, 2), db=db_path, pages=total)
    return summary


def _batches(store: Store) -> Iterator[list[dict]]:
    """Stored articles in id order, BATCH_SIZE at a time, read by id range so no cursor stays open
    across the writes of earlier batches."""
    last = 0
    while True:
        rows = store.articles_after(last, STORED_COLUMNS, BATCH_SIZE)
        if not rows:
            return
        last = rows[-1]["id"]
        yield rows


def _page(store: Store, run_id: int, row: dict) -> tuple | None:
    """The worker's input for a stored article, or None (logged) when it has no readable page."""
    if row["raw_html"] is None:
        _log(store, run_id, row, "skipped", "reparse: no stored page (article not crawled)")
        return None
    try:
        html = decompress_html(row["raw_html"])
    except zlib.error as error:
        _log(store, run_id, row, "error", f"reparse: stored page unreadable ({error})")
        return None
    hints = ({"published": row["published"], "published_source": row["published_source"]}
             if row["published_source"] in HINT_SOURCES else {})
    return html, row["final_url"] or row["url"], hints, row["charset"]


def _submit(workers_count: int | None, extract: Callable, inputs: list[tuple]) -> Future:
    """One batch to the pool; a pool a dead worker broke is replaced, so one page that crashes its worker (out of
    memory, a C-level crash) costs only the pages in flight with it."""
    from crawler import workers

    try:
        return workers.start(workers_count).submit(extract, inputs)
    except BrokenProcessPool:
        workers.discard()
        return workers.start(workers_count).submit(extract, inputs)


def _store_results(store: Store, run_id: int, rows: list[dict], future: Future) -> int:
    try:
        results = future.result()
    except BrokenProcessPool:  # a worker died: those pages keep their stored version (the next submit starts a
        # new pool; discarding here could drop a new pool that later batches run on)
        results = [RuntimeError("extraction worker crashed")] * len(rows)
    except Exception as error:  # noqa: BLE001 -- a batch that failed as a whole keeps its stored versions
        results = [error] * len(rows)
    with store.batch():
        for row, result in zip(rows, results):
            _store_one(store, run_id, row, result)
    return len(rows)


def _store_one(store: Store, run_id: int, row: dict, result: Any) -> None:
    if isinstance(result, BaseException):
        message = " ".join(str(result).split())[:200]
        _log(store, run_id, row, "error", f"reparse: {type(result).__name__}: {message}".rstrip(": "))
        return
    fields, minhash, _ = result
    if fields["skip_reason"]:
        _log(store, run_id, row, "skipped", f"reparse: {fields['skip_reason']}; stored version kept")
        return
    record = {
        # Where and when the page was fetched does not change: only what is read from it.
        **{key: row[key] for key in ("url", "canonical_url", "final_url", "outlet", "fetched_at", "http_status",
                                     "charset", "etag", "last_modified")},
        "raw_html_zlib": row["raw_html"],
        **{key: fields[key] for key in ("title", "authors", "published", "published_source", "language",
                                        "description", "body", "content_hash", "extractor", "extractor_version")},
        "minhash": minhash,
    }
    store.save_article(run_id, record, request_url=row["url"], refresh=True, reason=REASON)


def _log(store: Store, run_id: int, row: dict, outcome: str, reason: str) -> None:
    store.record_fetch(run_id, row["url"], outcome, reason=reason, kind="article", article_id=row["id"])


def format_summary(summary: dict[str, Any]) -> str:
    """The readable end-of-reparse report."""
    skipped, errors = sum(summary["skipped"].values()), sum(summary["errors"].values())
    lines = [f"Re-extracted {summary['pages']} stored pages in {summary['seconds']:.1f} s: "
             f"{summary['updated']} read differently (stored as new versions), {summary['unchanged']} unchanged, "
             f"{skipped} kept as stored, {errors} errors."]
    for title, key in (("Kept as stored", "skipped"), ("Errors", "errors")):
        if summary[key]:
            width = max(len(reason) for reason in summary[key])
            lines.append(f"{title}:")
            lines += [f"  {reason:<{width}}  {count}" for reason, count in summary[key].items()]
    return "\n".join(lines)
