"""The store across articles on real news: are the most quoted officials one person each, with their
statements under their name?

Stores the annotated real articles of ../shared/eval/news-dev (for measuring only) as articles of one
fresh database, runs `process` over them, then for every speaker the annotations quote at least
--min-quotes times across the set (directly or in reported speech): how many `people` rows carry their
name (one is right), and what share of their quotes `quotes` lists under that person's canonical name.

    python bench/people.py [--min-quotes 3] [--only D07,D08,…] [--keep news.db]
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NEWS_DEV = ROOT.parent / "shared" / "eval" / "news-dev"

from db.identities import name_parts  # noqa: E402
from db.store import Store  # noqa: E402
from nlp.organizations import identify  # noqa: E402
from process.runner import ProcessOptions, run_process  # noqa: E402


def words(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[^\w%$.' ]+", " ", text).split())


def load(only: set[str] | None) -> list[tuple[dict, dict]]:
    pairs = []
    for path in sorted((NEWS_DEV / "articles").glob("D*.json")):
        if only and path.stem not in only:
            continue
        pairs.append((json.loads(path.read_text()), json.loads((NEWS_DEV / "gold" / path.name).read_text())))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-quotes", type=int, default=3)
    parser.add_argument("--only", help="comma-separated article ids")
    parser.add_argument("--keep", help="keep the database at this path")
    args = parser.parse_args()
    if not NEWS_DEV.exists():
        print(f"{NEWS_DEV} not found: nothing to measure (the real annotated articles are not here)")
        return 0
    pairs = load(set(args.only.split(",")) if args.only else None)
    path = Path(args.keep) if args.keep else Path(tempfile.mkdtemp()) / "news.db"
    with Store(path) as store:
        run = store.start_run({"bench": "people"})
        for article, _ in pairs:
            store.save_article(run, {"url": article["url"], "canonical_url": article["url"], "final_url": article["url"],
                                     "outlet": article["url"].split("/")[2], "title": article["title"],
                                     "published": article["published"], "language": "en", "body": article["text"],
                                     "content_hash": str(hash(article["text"])), "http_status": 200},
                               request_url=article["url"])
    summary = run_process(str(path), ProcessOptions())
    print(f"{len(pairs)} articles processed ({summary.failed} failed) into {path}")

    conn = sqlite3.connect(path)
    quotes_by_speaker: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for article, gold in pairs:
        for q in gold["quotes"]:
            if not q.get("uncertain") and q.get("speaker"):
                quotes_by_speaker[q["speaker"]].append((article["url"], q.get("indirect_start") or q["text_start"]))
    rows = conn.execute("select q.speaker, q.text, a.url from quotes q join statement_sources ss"
                        " on ss.statement_id = q.id join articles a on a.id = ss.article_id").fetchall()
    people = [(pid, name) for pid, name in conn.execute("select id, name from people")]
    organizations = dict(conn.execute("select key, name from organizations").fetchall())
    print(f"\nspeakers quoted at least {args.min_quotes} times: rows of `people` (or `organizations`) with their"
          " name, share of their quotes under that name in `quotes`")
    shares = []
    for speaker, quotes in sorted(quotes_by_speaker.items(), key=lambda kv: -len(kv[1])):
        if len(quotes) < args.min_quotes:
            continue
        institution = identify(speaker)
        by_name = [name for name in organizations.values() if words(name) == words(speaker)]
        if institution is not None:  # an institution: the organization with its identity key
            matching = [organizations[institution.key]] if institution.key in organizations else []
        elif by_name:  # an organization that is not a known institution ("Volkswagen"), under the same name
            matching = by_name
        else:
            wanted = name_parts(speaker)
            matching = [name for _, name in people if name_parts(name).surname == wanted.surname
                        and (name_parts(name).first in (None, wanted.first))]
        canonical = max(matching, key=len) if matching else None
        found = 0
        for url, start in quotes:
            head = " ".join(words(start).split()[:5])
            if any(u == url and s == canonical and head in words(t) for s, t, u in rows):
                found += 1
        share = found / len(quotes)
        shares.append(share)
        ok = "ok" if len(matching) == 1 and share >= 0.7 else "SHORT"
        print(f"  {speaker:28} {len(quotes):3} quotes  people rows {len(matching)} {matching[:3]}"
              f"  under the name {found}/{len(quotes)} = {share:.2f}  {ok}")
    if shares:
        print(f"\nmean share {sum(shares) / len(shares):.2f}; speakers at or above 0.70 with one row:"
              f" {sum(1 for s in shares if s >= 0.7)}/{len(shares)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
