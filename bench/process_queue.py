"""Articles/s of `process --redis` with one and two `worker`s against single-machine `process`, in one run.

Texts as bench/process.py takes them (the first N PolNeAR articles from ../shared/eval/quotes when it
exists, for measuring only; else the demo site's articles repeated), stored as a crawl would in a fresh
database (bench/process.py's builder). The bench starts its own redis-server on a free loopback port and,
in each of --rounds rounds, on a fresh copy of that database:

  single   `process` in this process (model loaded beforehand), as bench/process.py's "process, 1 job";
  queue 1  `process --redis` in this process (the writer) with one `cli.py worker` subprocess;
  queue 2  the same with two workers.

The three run in turn within a round, each kind first in one of the rounds (the machine's load drifts).
Every rate is articles written / seconds from the first article written to the last, so the one-off model
loading (in the workers, on their first job) is left out alike. Per round and as medians: the rates and
their ratios; for the queue runs also the writer's own CPU per article (this process: reading articles,
Redis, SQLite), the time per article inside the store's write (`save_extraction`), Redis commands per
article (the server's own counter) and Redis's peak memory. A final check compares the stored rows of the
queue run with the single-machine run's (ids left out).

    python bench/process_queue.py [--n 200] [--rounds 3]
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from crawl_redis import redis_server  # noqa: E402 -- the Redis benchmark's own loopback server
from nlp_speed import load_texts  # noqa: E402

import db.store  # noqa: E402
from nlp.pipeline import shared_nlp  # noqa: E402
from nlp.settings import DEFAULT_MODEL  # noqa: E402
from process.runner import ProcessOptions, run_process  # noqa: E402


def _process_bench():
    """bench/process.py (its name is the `process` package's, so it is loaded from its file)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_process", ROOT / "bench" / "process.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_database = _process_bench().make_database  # the single-machine benchmark's database builder


class StoreTimer:
    """Wall seconds spent inside Store.save_extraction (the SQLite write of one article's records)."""

    def __init__(self):
        self.seconds = 0.0
        self.original = db.store.Store.save_extraction
        timer = self

        def timed(store, *args, **kwargs):
            started = time.perf_counter()
            try:
                return timer.original(store, *args, **kwargs)
            finally:
                timer.seconds += time.perf_counter() - started

        db.store.Store.save_extraction = timed


def fresh(template: Path, workdir: Path, name: str) -> Path:
    path = workdir / f"{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, path)
    return path


def timed_run(path: Path, options: ProcessOptions, timer: StoreTimer) -> dict:
    stamps: list[float] = []
    timer.seconds = 0.0
    cpu = time.process_time()
    summary = run_process(str(path), options, lambda s: stamps.append(time.perf_counter()))
    cpu = time.process_time() - cpu
    if summary.failed or summary.processed != summary.to_process:
        raise SystemExit(f"process failed on {summary.failed} articles: {summary.errors}")
    n = summary.processed
    return {"rate": (n - 1) / (stamps[-1] - stamps[0]), "cpu_ms": cpu / n * 1000, "store_ms": timer.seconds / n * 1000,
            "n": n}


def start_workers(url: str, count: int) -> list[subprocess.Popen]:
    from rq import Queue, Worker

    import redis

    workers = [subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "worker", "--redis", url, "--json"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
               for _ in range(count)]
    queue = Queue("saidwhat", connection=redis.Redis.from_url(url))
    deadline = time.monotonic() + 120
    while Worker.count(queue=queue) < count:
        if time.monotonic() > deadline:
            raise SystemExit("workers did not start")
        time.sleep(0.1)
    return workers


def stop_workers(workers: list[subprocess.Popen]) -> list[dict]:
    """Stop the workers (SIGTERM); their closing summaries."""
    import json

    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    return [json.loads(worker.communicate(timeout=120)[0]) for worker in workers]


def queue_run(url: str, path: Path, workers: int, model: str, timer: StoreTimer) -> dict:
    import redis

    client = redis.Redis.from_url(url)
    client.config_resetstat()
    started = start_workers(url, workers)
    try:
        before = client.info("stats")["total_commands_processed"]
        figures = timed_run(path, ProcessOptions(model=model, redis_url=url), timer)
        commands = client.info("stats")["total_commands_processed"] - before
    finally:
        summaries = stop_workers(started)
    measured = [(s["jobs"] - 1, s["job_cpu_ms"]) for s in summaries if s.get("job_cpu_ms") is not None]
    figures["worker_cpu_ms"] = sum(n * ms for n, ms in measured) / max(1, sum(n for n, _ in measured))
    figures["redis_commands"] = commands / figures["n"]
    figures["redis_peak_mb"] = client.info("memory")["used_memory_peak"] / 1e6
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        print("redis-server is not installed (Debian package redis-server): nothing to measure")
        return 1
    texts, origin = load_texts(args.n)
    print(f"texts: {origin}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start "
          "(shared with other work: figures are noisy)")
    workdir = Path(tempfile.mkdtemp(prefix="saidwhat-queue-bench-"))
    template = workdir / "template.db"
    make_database(template, texts)
    shared_nlp(args.model)  # single-machine process's model, loaded once outside the timed runs
    timer = StoreTimer()
    runs: dict[str, list[dict]] = {"single": [], "queue1": [], "queue2": []}
    with redis_server(workdir) as url:
        for round_no in range(1, args.rounds + 1):
            kinds = ["single", "queue1", "queue2"]
            for kind in kinds[round_no - 1:] + kinds[:round_no - 1]:  # each kind first in turn: load drifts
                path = fresh(template, workdir, kind)
                if kind == "single":
                    runs[kind].append(timed_run(path, ProcessOptions(model=args.model), timer))
                else:
                    runs[kind].append(queue_run(url, path, int(kind[-1]), args.model, timer))
            s, q1, q2 = (runs[k][-1]["rate"] for k in ("single", "queue1", "queue2"))
            print(f"round {round_no}: single {s:.1f}/s, queue 1 worker {q1:.1f}/s ({q1 / s:.2f} of single),"
                  f" 2 workers {q2:.1f}/s ({q2 / q1:.2f}x one worker)")
    med = {k: {f: statistics.median(r[f] for r in v) for f in v[0]} for k, v in runs.items()}
    ratios = {"q1/s": statistics.median(q["rate"] / s["rate"] for q, s in zip(runs["queue1"], runs["single"])),
              "q2/q1": statistics.median(b["rate"] / a["rate"] for a, b in zip(runs["queue1"], runs["queue2"])),
              "q2/s": statistics.median(q["rate"] / s["rate"] for q, s in zip(runs["queue2"], runs["single"]))}
    print(f"\nmedians of {args.rounds} rounds, {len(texts)} articles (first written to last):")
    print(f"  process (single machine)     {med['single']['rate']:6.1f} articles/s; CPU {med['single']['cpu_ms']:.0f}"
          f" ms/article (extraction and store); wall time in the store's write {med['single']['store_ms']:.1f} ms/article")
    for k, label in (("queue1", "1 worker "), ("queue2", "2 workers")):
        m = med[k]
        print(f"  process --redis, {label}   {m['rate']:6.1f} articles/s; workers' CPU {m['worker_cpu_ms']:.0f} ms/article"
              f" (after their first job); the writer's CPU {m['cpu_ms']:.1f} ms/article, wall time in the store's"
              f" write {m['store_ms']:.1f} ms/article; Redis {m['redis_commands']:.0f} commands/article,"
              f" peak {m['redis_peak_mb']:.1f} MB")
    print(f"  ratios (median per round): 1 worker / single {ratios['q1/s']:.2f}, 2 workers / 1 worker"
          f" {ratios['q2/q1']:.2f}, 2 workers / single {ratios['q2/s']:.2f}")
    print(f"  one writer's ceiling: about {1000 / med['queue2']['cpu_ms']:.0f} articles/s at its CPU per article,"
          f" {1000 / med['queue2']['store_ms']:.0f} at its wall time in the store's write on this loaded machine;"
          f" one worker core: about {1000 / med['queue2']['worker_cpu_ms']:.1f} articles/s")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    single = workdir / "single.db"
    with db.store.Store(single) as store:
        store.db.execute("pragma wal_checkpoint(truncate)")
    stored, processed = template.stat().st_size, single.stat().st_size
    print(f"database: {stored / len(texts) / 1e3:.1f} KB per article as stored here (text, no page HTML), "
          f"+ {(processed - stored) / len(texts) / 1e3:.1f} KB per article for what process adds")

    from store_contents import differences, store_contents

    same = not differences(store_contents(workdir / "queue2.db"), store_contents(workdir / "single.db"))
    print(f"stored rows of the last 2-worker run and the last single-machine run (ids left out): "
          f"{'the same' if same else 'DIFFERENT'}")
    print("\nOn a 2-core machine the two workers, the writer and Redis share two cores with whatever else runs: it\n"
          "shows what the queue costs per article (worker and writer CPU, Redis commands and memory) and that the\n"
          "records are the same, not how extraction scales over machines (two workers cannot be twice one here).\n"
          "The writer's time per article bounds what one SQLite writer can take (docs/scale.md).")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
