"""Articles/s of `process` into SQLite against bare `nlp.pipe` over the same texts, in one run.

Texts: the first N real political-news articles of PolNeAR (read from ../shared/eval/quotes when it
exists, for measuring only), else the bundled demo site's articles repeated. They are stored as articles
of a fresh database (as a crawl would), then each round measures:

  bare      nlp.pipe of the plain English model at process's batch size (model loaded beforehand);
  jobs 1    `process` in this process, everything included (reading articles, the pipeline, records,
            identities, statements across articles, every row, one transaction per article) but the
            one-off model loading; and the same over the whole run with the loading;
  jobs N    `process --jobs N`: worker processes extract, this process writes; after the workers'
            model loading (first article written to last) and over the whole run.

Each figure is the median of --rounds rounds; bare runs right before the process runs of its round.
Then a `python cli.py process` subprocess for the database size per 1,000 articles and the peak memory
of the process tree (the writer plus its workers).

    python bench/process.py [--n 200] [--rounds 3] [--jobs 2]
"""
from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from crawl import run_with_peak_memory  # noqa: E402 -- the crawl benchmark's process-tree sampler
from nlp_speed import load_texts  # noqa: E402

from db.store import Store  # noqa: E402
from nlp.pipeline import load_model, shared_nlp  # noqa: E402
from nlp.settings import DEFAULT_MODEL  # noqa: E402
from process.runner import BATCH, ProcessOptions, run_process  # noqa: E402


def make_database(path: Path, texts: list[str]) -> None:
    """Store the texts as a crawl would (one article each, spread over a few outlets and dates)."""
    with Store(path) as store:
        run = store.start_run({"bench": "process"})
        with store.batch():
            for i, text in enumerate(texts):
                url = f"https://bench{i % 5}.example/story/{i}"
                store.save_article(run, {
                    "url": url, "canonical_url": url, "final_url": url, "outlet": f"Outlet {i % 5}",
                    "title": f"Story {i}", "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "language": "en",
                    "body": text, "content_hash": hashlib.sha1(text.encode()).hexdigest(), "http_status": 200,
                }, request_url=url)


def timed_process(template: Path, workdir: Path, jobs: int, model: str) -> tuple[float, float, int]:
    """(seconds for the whole run, seconds from the first article written to the last, articles)."""
    path = workdir / f"jobs{jobs}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, path)
    stamps: list[float] = []
    started = time.perf_counter()
    summary = run_process(str(path), ProcessOptions(jobs=jobs, model=model),
                          lambda s: stamps.append(time.perf_counter()))
    total = time.perf_counter() - started
    if summary.failed or summary.processed != summary.to_process:
        raise SystemExit(f"process failed on {summary.failed} articles: {summary.errors}")
    return total, stamps[-1] - stamps[0], summary.processed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    texts, origin = load_texts(args.n)
    print(f"texts: {origin}")
    workdir = Path(tempfile.mkdtemp(prefix="saidwhat-process-bench-"))
    template = workdir / "template.db"
    make_database(template, texts)

    bare = load_model(args.model)
    list(bare.pipe(texts[:5], batch_size=BATCH))
    shared_nlp(args.model)  # loaded once, outside the timed runs, as bare's model is
    rates: dict[str, list[float]] = {"bare": [], "one": [], "one_whole": [], "many": [], "many_whole": []}
    for round_no in range(1, args.rounds + 1):
        started = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=BATCH):
            pass
        rates["bare"].append(len(texts) / (time.perf_counter() - started))
        whole, steady, n = timed_process(template, workdir, 1, args.model)
        rates["one"].append((n - 1) / steady)
        rates["one_whole"].append(n / whole)
        whole, steady, n = timed_process(template, workdir, args.jobs, args.model)
        rates["many"].append((n - 1) / steady)
        rates["many_whole"].append(n / whole)
        print(f"round {round_no}: bare {rates['bare'][-1]:.1f}/s, process {rates['one'][-1]:.1f}/s"
              f" (ratio {rates['one'][-1] / rates['bare'][-1]:.2f}), --jobs {args.jobs} {rates['many'][-1]:.1f}/s"
              f" ({rates['many'][-1] / rates['one'][-1]:.2f}x one job)")
    med = {k: statistics.median(v) for k, v in rates.items()}
    print(f"\nmedians of {args.rounds} rounds, {len(texts)} articles:")
    print(f"  bare nlp.pipe (batch {BATCH})     {med['bare']:7.1f} articles/s")
    print(f"  process, 1 job              {med['one']:7.1f} articles/s  ratio to bare {med['one'] / med['bare']:.2f}"
          f"  (target >= 0.70; whole run with the model already loaded {med['one_whole']:.1f}/s)")
    print(f"  process, --jobs {args.jobs}          {med['many']:7.1f} articles/s  {med['many'] / med['one']:.2f}x one job"
          f" after the workers load the model (target >= 1.6); whole run with their loading"
          f" {med['many_whole']:.1f}/s, {med['many_whole'] / med['one_whole']:.2f}x")

    measured = workdir / "measured.db"
    shutil.copy(template, measured)
    before = measured.stat().st_size
    result, wall, peak, _, _ = run_with_peak_memory(
        [sys.executable, str(ROOT / "cli.py"), "process", "--db", str(measured), "--jobs", str(args.jobs), "-q"])
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    with Store(measured) as store:
        store.db.execute("pragma wal_checkpoint(truncate)")
    added = measured.stat().st_size - before
    print(f"  database: {before / len(texts) * 1000 / 1e6:.1f} MB per 1,000 articles as crawled (bodies and"
          f" compressed pages), + {added / len(texts) * 1000 / 1e6:.1f} MB per 1,000 for what process adds")
    print(f"  peak memory, `cli.py process --jobs {args.jobs}` (writer + workers): {peak:.0f} MB"
          f" ({wall:.1f} s with Python start-up and model loading)")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
