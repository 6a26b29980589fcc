"""What ``make demo`` runs: serve the demo site on a loopback port, crawl it (which processes what it
stores into statements, people, organizations, countries, numbers, claims and rate events), print the
summaries, then what the store answers across articles.

The crawl runs as ``python cli.py crawl`` in a subprocess, exactly as a user would type it, on
the site's root page, its sitemap index and both feeds, plus a handful of broken URLs so the
summary shows how bad input is recorded. The server is stopped whatever happens. A second run
on the same database stores nothing new: stored articles are not fetched again.

    python demo/run.py --db demo.db
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from demo.digest import print_digest  # noqa: E402 -- needs the path above
from demo.server import DemoServer  # noqa: E402

DEFAULT_PORT = 8642
BROKEN = ["/broken/404", "/broken/report.pdf", "/broken/redirect-loop", "/broken/huge"]


def crawl_command(base: str, db: str, extra: list[str]) -> list[str]:
    return [
        sys.executable, str(ROOT / "cli.py"), "crawl",
        f"{base}/", *(base + path for path in BROKEN),
        "--sitemap", f"{base}/sitemap.xml", "--sitemap", f"{base}/broken/sitemap.xml",
        "--feed", f"{base}/capital-wire/feed.xml", "--feed", f"{base}/tradepost/atom.xml",
        "--depth", "2", "--fast", "--db", db, *extra,
    ]


def start_server(root: str, port: int) -> DemoServer:
    """The same port on every run keeps the site's URLs, so a second demo finds its articles
    stored; any free port when that one is taken."""
    try:
        return DemoServer(root, port=port)
    except OSError:
        return DemoServer(root, port=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="demo.db", help="database file to crawl into")
    parser.add_argument("--root", default=str(ROOT / "demo" / "site"), help="site folder to serve")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to serve on (default {DEFAULT_PORT}, any free port if taken)")
    args, extra = parser.parse_known_args(argv)
    with start_server(args.root, args.port) as server:
        print(f"Demo site served at {server.base_url}/ (stops when the demo ends)", flush=True)
        command = crawl_command(server.base_url, str(Path(args.db).resolve()), extra)
        shown = " ".join(["python", "cli.py", *command[2:]]).replace(server.base_url, "$BASE")
        print("$ " + shown.replace(str(Path(args.db).resolve()), args.db), flush=True)
        try:
            result = subprocess.run(command, cwd=ROOT, check=False)
        except KeyboardInterrupt:
            return 130
    if result.returncode != 0:
        return result.returncode
    print_digest(args.db)
    return export_and_show_next_steps(args.db)


def export_and_show_next_steps(db: str) -> int:
    """Export one quote timeline from the demo database, then print how to browse and query it."""
    export = ["export", "timeline", "--speaker", "Marian Holt", "--country", "CHN", "--db", db,
              "-o", "demo-timeline.html"]
    print("\n$ python cli.py " + " ".join(f'"{a}"' if " " in a else a for a in export), flush=True)
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), *export], cwd=ROOT, check=False)
    if result.returncode != 0:
        return result.returncode
    print(f"""
Open demo-timeline.html in a browser (it works offline), or browse everything in Datasette:
  .venv/bin/python cli.py serve --db {db}            # then http://127.0.0.1:8001/{Path(db).stem}
Or ask from the terminal:
{QUERY_EXAMPLES.format(db=db)}""")
    return 0


QUERY_EXAMPLES = """\
  .venv/bin/python cli.py query statements --speaker Holt --db {db}
  .venv/bin/python cli.py query statements --search "tariff*" --country CHN --db {db}
  .venv/bin/python cli.py query people --country CHN --db {db}
  .venv/bin/python cli.py query numbers --country CHN --unit percent --db {db}
  .venv/bin/python cli.py query rate-events --db {db}
  .venv/bin/python cli.py query tone --speaker Holt --by month --db {db}"""


if __name__ == "__main__":
    sys.exit(main())
