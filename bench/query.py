"""Latency of `cli.py query` on a generated store of 1,000,000 statements, and the memory of a large CSV export.

The database (see bench/query_data.py: 100,000 people, 200,000 articles, a Zipf vocabulary) is built once and
cached under bench/out/, keyed by the schema's migration steps and the generator, so reruns reuse it.

Latency: each question runs through the command line's own code (click's test runner invoking
``cli.py query … --limit 50 --format json``: opening the file read-only, checking the schema, resolving names,
choosing the plan, the SQL, writing JSON), many times with parameters drawn afresh each time, in an interleaved
random order, after a warm-up. A plain indexed lookup (``query statements --id N``) runs in the same rounds as
the baseline. Printed: median and p95 in ms, and each median over the baseline's.

    by speaker            --speaker NAME, speakers drawn by how often they are quoted
    by country and dates  --country CODE --since D --until D+30..365 days, countries drawn by frequency
    full text, rare       --search WORD, a word in fewer than 0.1% of statements
    full text, common     --search WORD, a word in 10% to 25% of statements (date order)
    full text, middle     --search WORD, a word in 0.1% to 10% (for the picture between the two targets)
    tone --by week        one speaker's weekly tone, speakers drawn by how often they are quoted

Targets: p95 < 50 ms for all but the common full-text term, < 150 ms for that.

Export: ``python cli.py query statements --format csv --limit N`` in a subprocess at two sizes (100,000 and
200,000 rows), its wall time and peak RSS (the kernel's high-water mark of the child), beside the peak RSS of the
same command printing one row: memory flat in the row count means the two sizes peak alike.

    python bench/query.py [--repeat 200] [--scale 1.0] [--rebuild]
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after the packages: bench/process.py is not `process`

from click.testing import CliRunner  # noqa: E402
from query_data import START, Sizes, build, cache_key  # noqa: E402

import cli  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGETS = {"full text, common": 150.0}
DEFAULT_TARGET = 50.0


def database(sizes: Sizes, rebuild: bool) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"query-{sizes.statements}-{cache_key(sizes)}.db"
    if path.exists() and not rebuild:
        print(f"database: {path.relative_to(ROOT)} (cached; --rebuild to make it again)")
        return path
    for stale in OUT.glob(f"query-{sizes.statements}-*.db*"):
        stale.unlink()
    building = path.with_suffix(".building")
    building.unlink(missing_ok=True)
    print(f"building {path.relative_to(ROOT)} ({sizes.statements:,} statements; a few minutes, once)")
    started = time.perf_counter()
    build(building, sizes)
    building.rename(path)
    print(f"built in {time.perf_counter() - started:.0f} s, {path.stat().st_size / 1e6:.0f} MB")
    return path


class Draws:
    """Parameters for each question, drawn from the data the way users would meet them."""

    def __init__(self, path: Path, rng: random.Random) -> None:
        self.rng = rng
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.total = conn.execute("select max(id) from statements").fetchone()[0]
        # a random statement's speaker: speakers come as often as they are quoted
        sample = [rng.randrange(1, self.total + 1) for _ in range(3000)]
        marks = ",".join("?" * len(sample))
        self.speakers = [r[0] for r in conn.execute(
            f"select p.name from statements s join people p on p.id = s.person_id where s.id in ({marks})", sample)]
        self.countries = [r[0] for r in conn.execute(
            f"select country from statement_countries where statement_id in ({marks})", sample)]
        self.top_speaker = conn.execute(
            "select p.name, count(*) from statements s join people p on p.id = s.person_id"
            " group by s.person_id order by 2 desc limit 1").fetchone()
        words: dict[str, float] = {}
        for (text,) in conn.execute(f"select text from statements where id in ({','.join('?' * 600)})", sample[:600]):
            for word in set(text.split()):
                if word not in words:
                    n = conn.execute("select count(*) from statements_fts where statements_fts match ?",
                                     [f'"{word}"']).fetchone()[0]
                    words[word] = n / self.total
        self.shares = words
        self.terms = {
            "full text, rare": sorted(w for w, s in words.items() if s < 0.001),
            "full text, middle": sorted(w for w, s in words.items() if 0.001 <= s < 0.10),
            "full text, common": sorted(w for w, s in words.items() if 0.10 <= s <= 0.25),
        }
        self.most_common = max(words, key=words.get)
        self.days = int(conn.execute("select julianday(max(date)) - julianday(min(date)) from statements").fetchone()[0])
        conn.close()

    def date_range(self) -> list[str]:
        from datetime import timedelta
        start = self.rng.randrange(0, self.days - 30)
        length = self.rng.randint(30, 365)
        return ["--since", (START + timedelta(days=start)).isoformat(),
                "--until", (START + timedelta(days=start + length)).isoformat()]

    def args(self, kind: str) -> list[str]:
        rng = self.rng
        if kind == "statement by id (baseline)":
            return ["statements", "--id", str(rng.randrange(1, self.total + 1))]
        if kind == "by speaker":
            return ["statements", "--speaker", rng.choice(self.speakers)]
        if kind == "by country and dates":
            return ["statements", "--country", rng.choice(self.countries), *self.date_range()]
        if kind in self.terms:
            return ["statements", "--search", rng.choice(self.terms[kind])]
        if kind == "tone --by week, one speaker":
            return ["tone", "--speaker", rng.choice(self.speakers), "--by", "week"]
        if kind == "tone --by week, most quoted":
            return ["tone", "--speaker", self.top_speaker[0], "--by", "week"]
        if kind == "full text, most common word":
            return ["statements", "--search", self.most_common]
        raise ValueError(kind)


KINDS = ["statement by id (baseline)", "by speaker", "by country and dates", "full text, rare", "full text, middle",
         "full text, common", "tone --by week, one speaker", "tone --by week, most quoted", "full text, most common word"]
INFORMATIVE = {"full text, middle", "tone --by week, most quoted", "full text, most common word"}


def invoke(db: Path, args: list[str]) -> float:
    runner = CliRunner()
    extra = [] if args[0] == "tone" else ["--limit", "50"]
    started = time.perf_counter()
    result = runner.invoke(cli.main, ["query", *args, *extra, "--format", "json", "--db", str(db)])
    elapsed = (time.perf_counter() - started) * 1000
    if result.exit_code != 0:
        raise SystemExit(f"query {' '.join(args)} failed: {result.output}")
    return elapsed


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def measure_latency(db: Path, repeat: int, rng: random.Random) -> Draws:
    draws = Draws(db, rng)
    print(f"terms drawn from 600 random statements: {len(draws.terms['full text, rare'])} rare (< 0.1%),"
          f" {len(draws.terms['full text, middle'])} middle, {len(draws.terms['full text, common'])} common"
          f" (10-25%: {', '.join(f'{w} {draws.shares[w]:.0%}' for w in draws.terms['full text, common'])});"
          f" most common word {draws.most_common!r} in {draws.shares[draws.most_common]:.0%};"
          f" most quoted speaker {draws.top_speaker[0]} ({draws.top_speaker[1]:,} statements)")
    for kind in KINDS:  # warm-up: the file's pages into the OS cache, Python's imports
        for _ in range(5):
            invoke(db, draws.args(kind))
    order = [kind for kind in KINDS for _ in range(repeat)]
    rng.shuffle(order)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for kind in order:
        times[kind].append(invoke(db, draws.args(kind)))
    base = statistics.median(times[KINDS[0]])
    print(f"\nlatency through `cli.py query … --limit 50 --format json`, {repeat} runs each, interleaved"
          f" (the machine is shared: figures are noisy; ratios are to the baseline in the same run):")
    print(f"  {'question':32s} {'median':>8s} {'p95':>8s} {'x base':>7s}  target (p95)")
    for kind in KINDS:
        values = times[kind]
        med, high = statistics.median(values), p95(values)
        if kind == KINDS[0]:
            verdict = "baseline"
        elif kind in INFORMATIVE:
            verdict = "(no target; for the picture)"
        else:
            target = TARGETS.get(kind, DEFAULT_TARGET)
            verdict = f"< {target:.0f} ms: {'met' if high < target else 'NOT met'}"
        print(f"  {kind:32s} {med:7.1f}  {high:7.1f}  {med / base:6.1f}x  {verdict}")
    return draws


def measure_without_plan(db: Path, repeat: int, rng: random.Random, draws: Draws) -> None:
    """The common and the rare term as one plain SQL query each, ids only, leaving the plan to SQLite: what
    statement_plan is for."""
    from db.readonly import connect

    conn = connect(db)
    plain = ("select s.id from statements s where s.id in (select rowid from statements_fts where statements_fts"
             " match ?) order by s.date, s.id limit 50")
    print(f"\nfor comparison, `{plain}` (ids only, SQLite's own plan), {repeat} runs:")
    for kind in ("full text, rare", "full text, common"):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            conn.execute(plain, [rng.choice(draws.terms[kind])]).fetchall()
            times.append((time.perf_counter() - started) * 1000)
        print(f"  {kind:32s} {statistics.median(times):7.1f}  {p95(times):7.1f}")
    conn.close()


def peak_of(command: list[str], output: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, lines written) of a command run as a child with stdout to ``output``.

    The peak is the kernel's high-water mark of the child's own memory (VmHWM in /proc, read until it exits):
    the rusage of a child forked from this large process would count this process's pages too."""
    peak_kb = 0
    with output.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.PIPE)
        status = Path(f"/proc/{process.pid}/status")
        while process.poll() is None:
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak_kb = max(peak_kb, int(line.split()[1]))
            except (OSError, ValueError):
                pass
            time.sleep(0.01)
        wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    with output.open("rb") as f:
        lines = sum(1 for _ in f)
    return wall, peak_kb / 1024, lines


def measure_export(db: Path, sizes: list[int]) -> None:
    output = OUT / "export.csv"
    command = [sys.executable, str(ROOT / "cli.py"), "query", "statements", "--format", "csv", "--db", str(db)]
    wall, base, _ = peak_of([*command, "--limit", "1"], output)
    print(f"\nexport through `python cli.py query statements --format csv --limit N` (a child process; its peak RSS):\n  {'one row (start-up)':24s} {wall:6.2f} s  peak {base:6.1f} MB")
    peaks = []
    for n in sizes:
        wall, peak, lines = peak_of([*command, "--limit", str(n)], output)
        peaks.append(peak)
        print(f"  {f'{n:,} rows':24s} {wall:6.2f} s  peak {peak:6.1f} MB  ({lines - 1:,} rows written,"
              f" {output.stat().st_size / 1e6:.0f} MB of CSV, {(lines - 1) / wall:,.0f} rows/s)")
    print(f"  peak at {sizes[-1]:,} rows over peak at {sizes[0]:,}: {peaks[-1] / peaks[0]:.2f}"
          f" (flat in the row count when near 1); over start-up: +{peaks[-1] - base:.1f} MB")
    output.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="runs of each question (default 200)")
    parser.add_argument("--scale", type=float, default=1.0, help="size of the database (1.0: a million statements)")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--no-export", action="store_true", help="skip the export measurement")
    args = parser.parse_args()
    sizes = Sizes() if args.scale == 1.0 else Sizes().scaled(args.scale)
    db = database(sizes, args.rebuild)
    rng = random.Random(42)
    draws = measure_latency(db, args.repeat, rng)
    measure_without_plan(db, max(10, args.repeat // 10), rng, draws)
    if not args.no_export:
        big = min(200_000, sizes.statements)
        measure_export(db, [big // 2, big])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
