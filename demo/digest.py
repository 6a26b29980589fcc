"""After the demo crawl: run `extract` over the stored articles and print what it found, briefly."""
from __future__ import annotations

import textwrap
from collections import Counter

from db.store import Store

FIELDS = ("statements", "officials", "countries", "numbers", "rate_events", "claims")


def _article_lines(row: dict, record: dict) -> list[str]:
    counts = ", ".join(f"{len(record[f])} {f.replace('_', ' ')}" for f in FIELDS)
    lines = [f"* {row['title']} ({row['outlet']}, {row['published'] or 'undated'})", f"    {counts}"]
    if record["language"] != "en":
        return lines + [f"    language {record['language']}: reported, not analysed"]
    for s in record["statements"][:2]:
        quote = textwrap.shorten(s["text"], 70, placeholder="…")
        lines.append(f"    {s['speaker'] or '?'} ({s['kind']}, {s['cue']}): {quote}")
    for e in record["rate_events"][:2]:
        rate = f"{e['rate_percent']:g}%" if e["rate_percent"] is not None else "-"
        lines.append(f"    rate event: {e['kind']} {e['action']} {rate} {e['imposing'] or '?'} → {e['target'] or '?'}"
                     f" {e['date'] or ''}".rstrip())
    return lines


def print_digest(db_path: str) -> None:
    from nlp.analyse import analyse
    from nlp.inputs import ArticleText, parse_date
    from nlp.pipeline import build_nlp

    with Store(db_path) as store:
        rows = list(store.iter_articles())
    articles = [ArticleText(source=row["url"], text=row["body"], title=row["title"],
                            published=parse_date(row["published"]), language=row["language"]) for row in rows]
    print(f"\nExtracting from {len(rows)} stored articles (syndicated copies skipped)…\n", flush=True)
    totals: Counter = Counter()
    speakers: Counter = Counter()
    for row, record in zip(rows, analyse(build_nlp(), articles)):
        print("\n".join(_article_lines(row, record)))
        totals.update({f: len(record[f]) for f in FIELDS})
        speakers.update(s["speaker"] for s in record["statements"] if s["speaker"])
    print("\nIn all: " + ", ".join(f"{totals[f]} {f.replace('_', ' ')}" for f in FIELDS))
    print("Most quoted: " + ", ".join(f"{name} ({n})" for name, n in speakers.most_common(5)))
    print("One article in full: python cli.py extract demo/site/harbor-ledger/2025/05/07/"
          "fed-holds-rates-tariff-risks.html --format table")
