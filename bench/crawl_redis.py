"""Crawl throughput on Redis: one `crawl --redis` process and two on one frontier, against the
single-machine crawl, in one run.

Generates N article pages as bench/crawl.py does (5-10 KB each, ``random.Random(42)``) with a
Google News sitemap, serves them with ``demo/server.py`` in its own process, starts its own
redis-server on a free loopback port, and measures in each of ``--rounds`` rounds:

  (s)  ``crawl --fast`` without Redis (the single-machine crawl), 2 extraction workers;
  (r1) one ``crawl --redis --fast --db`` process, 2 extraction workers;
  (r2) two ``crawl --redis --fast`` processes on one frontier, 1 extraction worker each (the same
       extraction capacity as s and r1), one of them with ``--db`` (the writer), one without.

Each rate is articles stored / wall seconds from launching the process(es) until the database
holds all N articles (polled), so start-up counts alike for all three. Ratios are per round and
their median; Redis commands per article come from the server's own counter.

    python bench/crawl_redis.py [--pages 1000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.crawl import generate_site, serve, write_sitemap  # noqa: E402

CLI = [sys.executable, str(ROOT / "cli.py"), "crawl"]
REDIS_OPTIONS = ["--idle-exit", "2", "-s", "SAIDWHAT_WRITER_TTL=1", "-s", "SAIDWHAT_REDIS_LEASE=10"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def redis_server(directory: Path) -> Iterator[str]:
    import redis

    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(directory)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    try:
        for _ in range(200):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def timed(commands: list[list[str]], db: Path, pages: int) -> tuple[float, float]:
    """Launch the commands together; (wall seconds until ``db`` holds ``pages`` articles, CPU
    seconds of the processes and their workers until they exit)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True) for command in commands]
    done = None
    while done is None:
        if stored(db) >= pages:
            done = time.monotonic() - started
        elif all(p.poll() is not None for p in processes):
            errors = "\n".join(p.stderr.read()[-2000:] for p in processes)
            raise SystemExit(f"crawl ended with {stored(db)} of {pages} articles stored:\n{errors}")
        else:
            time.sleep(0.05)
    for process in processes:
        process.communicate(timeout=120)
        if process.returncode != 0:
            raise SystemExit(f"crawl exited with {process.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def redis_commands(url: str) -> int:
    import redis

    return int(redis.Redis.from_url(url).info("stats")["total_commands_processed"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Crawl throughput on Redis against the single-machine crawl.")
    parser.add_argument("--pages", type=int, default=1000, help="article pages to generate (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of s, r1, r2 (default 3)")
    args = parser.parse_args(argv)
    if shutil.which("redis-server") is None:
        print("redis-server is not installed (Debian package redis-server): nothing to measure")
        return 1
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="saidwhat-bench-redis-") as scratch:
        scratch = Path(scratch)
        site = scratch / "site"
        site.mkdir()
        paths = generate_site(site, args.pages)
        write_sitemap(site, "sitemap.xml", paths)
        print(f"Generated {len(paths)} article pages; {cores} CPUs; load average {os.getloadavg()[0]:.1f}", flush=True)
        rates: dict[str, list[float]] = {"s": [], "r1": [], "r2": []}
        cpu: dict[str, list[float]] = {"s": [], "r1": [], "r2": []}
        per_article: list[float] = []
        with serve(site) as base, redis_server(scratch) as redis_url:
            import redis

            flush = redis.Redis.from_url(redis_url).flushall
            sitemap = ["--sitemap", f"{base}/sitemap.xml", "--fast", "-q"]
            for round_ in range(1, args.rounds + 1):
                runs = {
                    "s": [[*CLI, *sitemap, "--workers", "2", "--db", str(scratch / f"s{round_}.db")]],
                    "r1": [[*CLI, *sitemap, "--workers", "2", "--redis", redis_url, *REDIS_OPTIONS,
                            "--db", str(scratch / f"r1-{round_}.db")]],
                    "r2": [[*CLI, *sitemap, "--workers", "1", "--redis", redis_url, *REDIS_OPTIONS,
                            "--db", str(scratch / f"r2-{round_}.db")],
                           [*CLI, *sitemap, "--workers", "1", "--redis", redis_url, *REDIS_OPTIONS]],
                }
                line = []
                for name, commands in runs.items():
                    flush()
                    db = Path(commands[0][commands[0].index("--db") + 1])
                    commands_before = redis_commands(redis_url)
                    seconds, cpu_seconds = timed(commands, db, args.pages)
                    if name == "r2":
                        per_article.append((redis_commands(redis_url) - commands_before) / args.pages)
                    rates[name].append(args.pages / seconds)
                    cpu[name].append(cpu_seconds / args.pages * 1000)
                    line.append(f"{name} {args.pages / seconds:6.1f} pages/s ({seconds:.1f} s)")
                print(f"round {round_}: " + "; ".join(line) + f"; r1/s {rates['r1'][-1] / rates['s'][-1]:.2f}, "
                      f"r2/s {rates['r2'][-1] / rates['s'][-1]:.2f}, r2/r1 {rates['r2'][-1] / rates['r1'][-1]:.2f}",
                      flush=True)
    ratio = {key: statistics.median(a / b for a, b in zip(rates[x], rates[y]))
             for key, x, y in (("r1/s", "r1", "s"), ("r2/s", "r2", "s"), ("r2/r1", "r2", "r1"))}
    print(f"median: s {statistics.median(rates['s']):.1f}, r1 {statistics.median(rates['r1']):.1f}, "
          f"r2 {statistics.median(rates['r2']):.1f} pages/s; r1/s {ratio['r1/s']:.2f}, r2/s {ratio['r2/s']:.2f}, "
          f"r2/r1 {ratio['r2/r1']:.2f}")
    print(f"CPU per page, processes and workers until exit (idle-exit wait included for r1, r2): "
          f"s {statistics.median(cpu['s']):.1f} ms, r1 {statistics.median(cpu['r1']):.1f} ms, "
          f"r2 {statistics.median(cpu['r2']):.1f} ms; Redis commands per article in r2: "
          f"{statistics.median(per_article):.1f}")
    used = statistics.median(rate * ms / 1000 for rate, ms in zip(rates["r2"], cpu["r2"]))
    print(f"What {cores} cores can show: that two processes on one frontier crawl the site with every article "
          f"stored once, at the speed of one process or somewhat more (r2/r1: the second overlaps the first's "
          f"waiting, as the crawl kept only about {used:.1f} of {cores} cores busy), and what sharing costs in CPU per "
          f"page (r1 and r2 against s). It cannot show scaling across machines: here both processes, their "
          f"extraction workers, the site and Redis share the same {cores} cores, and rounds move with the load of "
          f"whatever else runs on them. On separate machines each process brings its own cores; the shared "
          f"parts are then the limit: the site's politeness, Redis (about {statistics.median(per_article):.0f} "
          f"commands per article, steps inside scripts counted) and the one SQLite writer.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
