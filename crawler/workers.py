"""The extraction process pool, started as early as possible so workers load while Scrapy does.

trafilatura holds the GIL for 10-15 ms a page, so threads would stall downloading; processes
keep the reactor thread free. Workers are spawned (not forked from a process that already runs
threads) and import only ``crawler.extract_worker``. No Scrapy import here: the CLI starts the
pool before it imports Scrapy.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor


_pool: ProcessPoolExecutor | None = None
WORKER_MODULE = "crawler.extract_worker"
_size = 0


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Spawned workers re-import the parent's ``__main__`` script (cli.py, which loads every
    command and spaCy: seconds and ~100 MB per worker). They need only the extraction code, so
    hide the script while the workers start."""
    main = sys.modules["__main__"]
    saved = {name: main.__dict__[name] for name in ("__file__", "__spec__") if name in main.__dict__}
    for name in saved:
        if name == "__spec__":
            main.__spec__ = None
        else:
            delattr(main, name)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: exit when the crawl process is gone (killed with SIGKILL, say).

    A worker waits on a queue whose write end it holds itself, so it would never see EOF and
    would linger forever as an orphan; a daemon thread checks the parent twice a second.
    """
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _warm_up() -> bool:
    """Import the extraction code in a worker, before the first page arrives. Only the import:
    ``crawler.article.warm_up()`` here also loads what extraction may never need (dateparser's tables,
    the language model), which measured +190 MB peak and c/b 0.80 → 0.65 in bench/crawl.py."""
    import importlib

    importlib.import_module(WORKER_MODULE)
    return True


def extract_pages(pages: list[tuple]) -> list:
    """Run ``crawler.extract_worker.extract_page`` on each page (imported in the worker, not
    here); a page that raises gives its exception in place of a result."""
    from crawler.extract_worker import extract_page

    results: list = []
    for page in pages:
        try:
            results.append(extract_page(*page))
        except Exception as error:  # noqa: BLE001 -- reported for that page only
            results.append(error)
    return results


def start(workers: int | None = None) -> ProcessPoolExecutor:
    """Start (once) the pool of ``workers`` processes (default: CPU count)."""
    global _pool, _size
    if _pool is None:
        _size = workers or default_workers()
        _pool = ProcessPoolExecutor(_size, mp_context=multiprocessing.get_context("spawn"),
                                    initializer=_exit_with_parent, initargs=(os.getpid(),))
        with _main_module_hidden():
            for _ in range(_size):
                _pool.submit(_warm_up)  # spawns every worker now, not on the first pages
    return _pool


def discard() -> None:
    """Forget a broken pool (a worker died) so the next start() makes a new one."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    _pool = None


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
