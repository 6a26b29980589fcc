"""Crawl throughput on a generated loopback news site: is extraction the only real cost?

Generates N article pages (5-10 KB of HTML each, like a real article page: navigation, JSON-LD,
byline, 8-14 paragraphs, related links, footer; text drawn with ``random.Random(42)``) plus a
Google News sitemap, serves them with ``demo/server.py``, and measures in one run:

  (a) a bare Scrapy spider that only downloads the pages (same --fast settings);
  (b) ``extract_article`` alone, in one process, over the same pages;
  (c) the full ``cli.py crawl --fast`` into a fresh SQLite file, at 500 and at N pages,
      with the peak resident memory of the crawl process plus its extraction workers.

Target: c/b >= 0.8 on a 2-core machine, peak memory under 500 MB and flat from 500 to N pages.
c's rate is measured over the crawl itself (the summary's seconds, from creating the
CrawlerProcess to the end); the wall-clock rate including Python start-up is printed too.
(b) and (c) are measured in --rounds rounds, (b) just before (c) each time; c/b is printed per
round and as their median, since a shared 2-core machine's speed drifts by 10-20% in a minute.
The server caches each page once read: it stands for a remote site, and its CPU, which would
be elsewhere in a real crawl, competes here with the crawler's for the same two cores.

    python bench/crawl.py [--pages 2000] [--rounds 5] [--keep DIR]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "the of and to in a is that for on with as by at from it was said be has have are will not "
    "but its an or this which their after more than would year new government minister bank "
    "rate rates tariff tariffs trade exports imports prices market markets growth inflation "
    "percent economy economic policy officials talks deal agreement week month analysts "
    "investors central federal reserve interest duties steel goods companies workers billion "
    "million since could also last first two three higher lower expected announced increase "
    "cut raise raised cuts decision board meeting statement spokesman secretary president "
    "commerce finance treasury ministry country countries china japan europe union states "
    "united mexico canada britain india korea brazil global demand supply shipping ports "
    "factory factories output jobs unemployment wages consumer spending budget deficit debt "
    "bond yields currency dollar euro yen exchange quarter forecast outlook risk risks pressure "
    "negotiators retaliation measures sector industry farmers steelmakers carmakers retailers"
).split()
FIRST_NAMES = "Ana Bruno Chen Dara Elif Femi Greta Hugo Ines Jonas Kiri Lars Mina Nadia Omar Priya".split()
LAST_NAMES = "Abara Berg Costa Dahl Eze Fischer Grant Haas Ito Jansen Kovac Lund Moreau Novak Ortiz".split()
SECTIONS = ["economy", "markets", "world", "business", "policy"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 28))]
    text = " ".join(words)
    if rng.random() < 0.25:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        return f"\u201c{text.capitalize()},\u201d {name} said."
    if rng.random() < 0.2:
        return f"{text.capitalize()} by {rng.randint(1, 60) / 4:.2f}% in {rng.choice(['March', 'June', 'October'])}."
    return text.capitalize() + "."


def article_page(index: int, rng: random.Random) -> tuple[str, str]:
    """(path, html) of one generated article."""
    section = rng.choice(SECTIONS)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 11))).capitalize()
    slug = "-".join(title.lower().split()[:6]) + f"-{index}"
    path = f"/news/2025/{month:02d}/{day:02d}/{slug}.html"
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    published = f"2025-{month:02d}-{day:02d}T{rng.randint(5, 21):02d}:{rng.randint(0, 59):02d}:00+00:00"
    paragraphs = "\n".join(
        "      <p>" + " ".join(sentence(rng) for _ in range(rng.randint(2, 4))) + "</p>"
        for _ in range(rng.randint(8, 14))
    )
    nav = "\n".join(f'      <li><a href="/news/{s}/">{s.title()}</a></li>' for s in SECTIONS * 3)
    related = "\n".join(
        f'      <li><a href="/news/2025/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/'
        f'{"-".join(rng.choice(WORDS) for _ in range(5))}.html">'
        f'{" ".join(rng.choice(WORDS) for _ in range(7)).capitalize()}</a></li>'
        for _ in range(6)
    )
    jsonld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                         "datePublished": published, "author": {"@type": "Person", "name": author},
                         "publisher": {"@type": "Organization", "name": "Bench Courier"},
                         "mainEntityOfPage": "{{BASE}}" + path})
    html = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | Bench Courier</title>
  <link rel="canonical" href="{{{{BASE}}}}{path}">
  <meta property="og:site_name" content="Bench Courier">
  <meta property="og:title" content="{title}">
  <meta property="og:type" content="article">
  <script type="application/ld+json">{jsonld}</script>
</head>
<body>
  <header class="site-header"><a class="logo" href="/">Bench Courier</a>
    <nav><ul>
{nav}
    </ul></nav>
  </header>
  <main>
    <article class="story">
      <h1>{title}</h1>
      <div class="byline">By <span class="author">{author}</span> <time datetime="{published}">{published[:10]}</time></div>
      <div class="share"><a href="#tw">Share</a> <a href="#fb">Post</a> <a href="#mail">Email</a></div>
{paragraphs}
    </article>
    <aside class="related"><h2>Related</h2><ul>
{related}
    </ul></aside>
  </main>
  <footer><p>Bench Courier, a generated site for measuring saidwhat. <a href="/about">About</a> <a href="/privacy">Privacy</a></p></footer>
</body>
</html>
"""
    return path, html


def generate_site(root: Path, pages: int, seed: int = 42) -> list[str]:
    """Write ``pages`` articles, robots.txt and one Google News sitemap per 1,000 URLs."""
    rng = random.Random(seed)
    paths = []
    for index in range(pages):
        path, html = article_page(index, rng)
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        paths.append(path)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    return paths


def write_sitemap(root: Path, name: str, paths: list[str]) -> None:
    entries = "".join(
        f"<url><loc>{{{{BASE}}}}{p}</loc><news:news><news:publication><news:name>Bench Courier</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>2025-{p.split('/')[3]}-{p.split('/')[4]}</news:publication_date>"
        f"<news:title>generated</news:title></news:news></url>\n"
        for p in paths
    )
    (root / name).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + entries + "</urlset>\n",
        encoding="utf-8")


# -- (a) bare download spider, run in its own process -------------------------------------------

def bare_spider(sitemap_url: str) -> None:
    """Download every page of the sitemap and nothing else; print pages and seconds as JSON."""
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawler.listings import parse_sitemap
    from crawler.settings import build_settings

    timing: dict[str, float] = {}

    class DownloadOnly(scrapy.Spider):
        name = "download_only"

        async def start(self):
            yield scrapy.Request(sitemap_url, callback=self.parse_sitemap)

        def parse_sitemap(self, response):
            for entry in parse_sitemap(response.body):
                yield scrapy.Request(entry.url, callback=self.parse_page)

        def parse_page(self, response):
            return None

    settings = build_settings(fast=True)
    settings.update(ITEM_PIPELINES={}, EXTENSIONS={}, LOG_LEVEL="ERROR")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DownloadOnly)
    def opened(spider) -> None:
        timing["start"] = time.monotonic()

    def closed(spider, reason) -> None:
        timing["end"] = time.monotonic()

    # Signal receivers are held weakly: keep these two alive in this scope.
    crawler.signals.connect(opened, signal=signals.spider_opened)
    crawler.signals.connect(closed, signal=signals.spider_closed)
    process.crawl(crawler)
    process.start()
    pages = crawler.stats.get_value("response_received_count", 0) - 2  # robots.txt and sitemap
    print(json.dumps({"pages": pages, "seconds": timing["end"] - timing["start"]}))


# -- memory of a process tree ---------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(c) for c in task.read_text().split()]
        except OSError:
            pass
    return found


TICKS = os.sysconf("SC_CLK_TCK")
MAIN_PEAKS: list[float] = []  # peak RSS of the crawl process alone, per run
MAIN_TREE_PEAKS: list[float] = []  # peak RSS of the crawl process and its workers, per run


def tree_rss_mb(pid: int, cpu: dict[int, float] | None = None) -> float:
    """RSS of a process and its descendants, in MB; records each one's CPU seconds in ``cpu``."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            if cpu is not None:
                fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
                cpu[current] = (int(fields[11]) + int(fields[12])) / TICKS
        except OSError:
            continue
        stack += _children(current)
    return total / 1024


def run_with_peak_memory(command: list[str]) -> tuple[subprocess.CompletedProcess, float, float, float, float]:
    """Run a command; return its result, wall seconds, the peak RSS (MB) of it plus children, the
    CPU seconds it and its children used, and the CPU seconds of the main process alone."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    output: dict[str, str] = {}
    reader = threading.Thread(target=lambda: output.update(zip(("out", "err"), process.communicate())))
    reader.start()
    cpu_seen: dict[int, float] = {}
    main_peak = 0.0
    while reader.is_alive():
        peak = max(peak, tree_rss_mb(process.pid, cpu_seen))
        main_peak = max(main_peak, tree_rss_mb(process.pid) - sum(tree_rss_mb(c) for c in _children(process.pid)))
        time.sleep(0.1)
    MAIN_PEAKS.append(main_peak)
    MAIN_TREE_PEAKS.append(peak)
    reader.join()
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result = subprocess.CompletedProcess(command, process.returncode, output.get("out", ""), output.get("err", ""))
    return result, elapsed, peak, cpu, cpu_seen.get(process.pid, 0.0)


# -- the benchmark ---------------------------------------------------------------------------------

def measure_extraction(site: Path, paths: list[str], base: str) -> tuple[float, float, float]:
    """(b): extract_article over every page in this one process; (pages/s, seconds, CPU ms/page)."""
    from crawler.article import extract_article

    pages = [(base + p, (site / p.lstrip("/")).read_bytes().replace(b"{{BASE}}", base.encode())) for p in paths]
    extract_article(pages[0][1], pages[0][0])  # warm caches, as a worker's first page would
    started, cpu_started = time.perf_counter(), time.process_time()
    for url, html in pages:
        extract_article(html, url)
    seconds = time.perf_counter() - started
    return len(pages) / seconds, seconds, (time.process_time() - cpu_started) / len(pages) * 1000


def full_crawl(sitemap_url: str, db: Path) -> dict:
    command = [sys.executable, str(ROOT / "cli.py"), "crawl", "--sitemap", sitemap_url, "--fast",
               "--db", str(db), "--json", "-q", "--no-process"]
    result, wall, peak, cpu, main_cpu = run_with_peak_memory(command)
    if result.returncode != 0:
        raise SystemExit(f"crawl failed:\n{result.stderr}")
    summary = json.loads(result.stdout)
    return {"stored": summary["stored"], "seconds": summary["seconds"], "wall": wall, "peak_mb": peak,
            "rate": summary["stored"] / summary["seconds"], "wall_rate": summary["stored"] / wall,
            "cpu_ms": cpu / summary["stored"] * 1000, "main_cpu_ms": main_cpu / summary["stored"] * 1000}


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the site from ``demo/server.py`` in its own process and session: it stands for the
    remote web site, so its CPU must not count against (or compete with) the crawler's share."""
    server = subprocess.Popen([sys.executable, str(ROOT / "demo" / "server.py"), "--root", str(site), "--port", "0"],
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        yield server.stdout.readline().strip()
    finally:
        server.terminate()
        server.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Crawl throughput on a generated loopback site.")
    parser.add_argument("--pages", type=int, default=2000, help="article pages to generate (default 2000)")
    parser.add_argument("--small", type=int, default=500, help="page count of the memory comparison run")
    parser.add_argument("--rounds", type=int, default=5,
                        help="(b)-then-(c) rounds; c/b is reported per round and as the median (default 5)")
    parser.add_argument("--keep", metavar="DIR", help="generate the site in DIR and keep it")
    parser.add_argument("--bare-spider", metavar="SITEMAP_URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_spider:
        bare_spider(args.bare_spider)
        return 0

    with tempfile.TemporaryDirectory(prefix="saidwhat-bench-") as scratch:
        site = Path(args.keep or Path(scratch) / "site")
        site.mkdir(parents=True, exist_ok=True)
        paths = generate_site(site, args.pages)
        write_sitemap(site, "sitemap.xml", paths)
        write_sitemap(site, f"sitemap-{args.small}.xml", paths[:args.small])
        sizes = [len((site / p.lstrip("/")).read_bytes()) for p in paths]
        print(f"Generated {len(paths)} article pages, {min(sizes) / 1024:.1f}-{max(sizes) / 1024:.1f} KB "
              f"(mean {sum(sizes) / len(sizes) / 1024:.1f} KB); {os.cpu_count()} CPUs", flush=True)
        with serve(site) as base:
            bare = subprocess.run([sys.executable, __file__, "--bare-spider", f"{base}/sitemap.xml"],
                                  capture_output=True, text=True, cwd=ROOT, check=True)
            a = json.loads(bare.stdout.strip().splitlines()[-1])
            print(f"(a) bare Scrapy download:      {a['pages'] / a['seconds']:7.1f} pages/s  "
                  f"({a['pages']} pages, {a['seconds']:.1f} s)", flush=True)
            small = full_crawl(f"{base}/sitemap-{args.small}.xml", Path(scratch) / "small.db")
            ratios, full = [], {}
            for round_ in range(1, args.rounds + 1):
                # Each round measures its own baseline just before (c): a shared machine's speed
                # drifts over a minute, and the ratio should compare like with like.
                b_rate, b_seconds, b_cpu = measure_extraction(site, paths, base)
                full = full_crawl(f"{base}/sitemap.xml", Path(scratch) / f"full-{round_}.db")
                ratios.append(full["rate"] / b_rate)
                print(f"round {round_}: (b) extract_article, 1 process: {b_rate:6.1f} pages/s ({b_seconds:.1f} s, "
                      f"{b_cpu:.1f} ms CPU/page); (c) crawl --fast into SQLite: {full['rate']:6.1f} pages/s "
                      f"({full['stored']} stored, {full['seconds']:.1f} s; {full['wall_rate']:.1f} pages/s "
                      f"over {full['wall']:.1f} s wall incl. start-up); c/b = {ratios[-1]:.2f}", flush=True)
                if full["stored"] != len(paths):
                    print("WARNING: not every page was stored", file=sys.stderr)
                    return 1
        print(f"c/b = {statistics.median(ratios):.2f} (median of {', '.join(f'{r:.2f}' for r in ratios)}); "
              f"target >= 0.8")
        cores = len(os.sched_getaffinity(0))
        print(f"CPU per page in the last round: (b) {b_cpu:.1f} ms; (c) {full['cpu_ms']:.1f} ms for crawl process "
              f"+ workers, start-up included, of which {full['main_cpu_ms']:.1f} ms in the crawl process. "
              f"Load average now {os.getloadavg()[0]:.1f} on {cores} cores: when other programs share them, "
              f"the rates above move with the load; CPU per page does not.")
        # What the CPU times allow when the cores are free: b uses one core; c spreads its CPU
        # over all cores but its crawl process is one thread.
        c_free = min(cores / full["cpu_ms"], 1 / full["main_cpu_ms"]) * 1000
        print(f"estimate from CPU time with {cores} free cores (not a measurement): b {1000 / b_cpu:.0f} pages/s, "
              f"c {c_free:.0f} pages/s, c/b {c_free * b_cpu / 1000:.2f}")
        print(f"peak memory (crawl + workers): {small['peak_mb']:.0f} MB at {small['stored']} pages, "
              f"{max(MAIN_TREE_PEAKS[1:]):.0f} MB at {full['stored']} pages (highest of {args.rounds} runs); "
              f"target < 500 MB and flat")
        print(f"    of which the crawl process alone: {MAIN_PEAKS[0]:.0f} MB and {max(MAIN_PEAKS[1:]):.0f} MB; "
              f"{args.small}-page crawl: {small['rate']:.1f} pages/s")
        if small["stored"] != args.small:
            print("WARNING: not every page was stored", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
