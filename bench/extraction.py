"""Body-text quality of the crawler's extraction path on the article-extraction benchmark.

Runs ``crawler.article.extract_article`` over every page of
``../shared/bench/article-extraction/html/*.html.gz`` (page id = file-name stem), writes the
predictions as ``{id: {"articleBody": body}}`` to a temporary file and scores them with the
benchmark's own metric, ``../shared/tools/score_extraction.py``. Prints precision, recall, F1,
pages per second and the skip reasons given (every benchmark page is an article).

Usage:
    python bench/extraction.py                 # the settings extract_article uses
    python bench/extraction.py --compare       # also other trafilatura settings, side by side

Measured (181 pages, trafilatura 2.3.1, include_comments=False throughout):

    setting                    P      R      F1
    chosen (favor_precision
      + plain second pass
      for bodies < 100 words) 0.962  0.976  0.969
    favor_precision alone     0.958  0.971  0.964
    default                   0.942  0.978  0.960
    fast                      0.946  0.979  0.962
    favor_recall              0.941  0.978  0.959
    fast + favor_precision    0.947  0.946  0.946
    trafilatura.extract only  0.942  0.978  0.960

The second pass rescues the pages where favor_precision keeps only a small block; it runs on
the few pages whose precision body is under 100 words. Speed (CPU time, on the shared 2-core
machine, noisy): 34-38 pages/s for the chosen path including metadata, 36-51 for bare
trafilatura.extract.

Pages are fed as bytes with the page URL from the ground truth, as the crawler does. pages/s is
wall-clock; "CPU p/s" counts this process's CPU time only, steadier on a shared machine.
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.article import TRAFILATURA_OPTIONS, extract_article, warm_up  # noqa: E402

SHARED = ROOT.parent / "shared"
PAGES = SHARED / "bench" / "article-extraction"
SCORER = SHARED / "tools" / "score_extraction.py"

# Settings compared with --compare (include_comments=False throughout: comments are not the article).
# "recall_check" is extract_article's second plain pass when a favor_precision body is very short.
VARIANTS: dict[str, dict] = {
    "default": {"favor_precision": False, "favor_recall": False, "fast": False},
    "favor_precision": {"favor_precision": True, "favor_recall": False, "fast": False, "recall_check": False},
    "favor_precision+check": {"favor_precision": True, "favor_recall": False, "fast": False},
    "favor_recall": {"favor_precision": False, "favor_recall": True, "fast": False},
    "fast": {"favor_precision": False, "favor_recall": False, "fast": True},
    "fast+favor_precision": {"favor_precision": True, "favor_recall": False, "fast": True, "recall_check": False},
    "fast+precision+check": {"favor_precision": True, "favor_recall": False, "fast": True},
}


def load_pages() -> list[tuple[str, bytes, str]]:
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((PAGES / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        pages.append((page_id, gzip.decompress(path.read_bytes()), truth.get(page_id, {}).get("url", "")))
    return pages


def run(pages: list[tuple[str, bytes, str]], options: dict | None) -> tuple[dict, tuple[float, float], Counter]:
    """Predictions, (wall, CPU) pages/s and skip-reason counts for one setting."""
    predictions: dict[str, dict] = {}
    reasons: Counter = Counter()
    warm_up()  # as the crawler's worker processes do: lazy models load before the clock starts
    start = (time.perf_counter(), time.process_time())
    for page_id, html, url in pages:
        article = extract_article(html, url or "https://example.invalid/", trafilatura_options=options)
        predictions[page_id] = {"articleBody": article.body}
        reasons[article.skip_reason] += 1
    return predictions, _rates(len(pages), start), reasons


def run_bare_trafilatura(pages: list[tuple[str, bytes, str]]) -> tuple[dict, tuple[float, float], Counter]:
    """trafilatura.extract alone (default settings, no comments): the reference line."""
    import trafilatura

    start = (time.perf_counter(), time.process_time())
    predictions = {
        page_id: {"articleBody": trafilatura.extract(html, url=url, include_comments=False) or ""}
        for page_id, html, url in pages
    }
    return predictions, _rates(len(pages), start), Counter()


def _rates(count: int, start: tuple[float, float]) -> tuple[float, float]:
    """Pages per second of wall-clock time and of this process's CPU time. On a shared machine the
    CPU figure is the steadier one: other processes' load slows the wall clock, not the CPU count."""
    return count / (time.perf_counter() - start[0]), count / (time.process_time() - start[1])


def score(predictions: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        pred_path, out_path = Path(tmp) / "predictions.json", Path(tmp) / "scores.json"
        pred_path.write_text(json.dumps(predictions), encoding="utf-8")
        subprocess.run(
            [sys.executable, str(SCORER), str(pred_path), "--ground-truth", str(PAGES / "ground-truth.json"),
             "--json", str(out_path)],
            check=True, stdout=subprocess.DEVNULL,
        )
        return json.loads(out_path.read_text(encoding="utf-8"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", action="store_true", help="also score other trafilatura settings")
    args = parser.parse_args()
    if not SCORER.exists() or not (PAGES / "html").is_dir():
        print(f"benchmark data not found under {SHARED}: nothing to measure")
        return 0
    pages = load_pages()
    variants = {"chosen": None} | (VARIANTS if args.compare else {})
    print(f"{len(pages)} pages; chosen settings: {TRAFILATURA_OPTIONS}")
    print(f"{'setting':<25} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8} {'CPU p/s':>8}  skip reasons")
    if args.compare:
        variants["trafilatura.extract only"] = "bare"
    for name, options in variants.items():
        predictions, (rate, cpu_rate), reasons = run_bare_trafilatura(pages) if options == "bare" else run(pages, options)
        figures = _figures(score(predictions))
        skipped = ", ".join(f"{r}: {n}" for r, n in reasons.items() if r) or "none"
        print(f"{name:<25} {figures['precision']:6.3f} {figures['recall']:6.3f} {figures['f1']:6.3f} {rate:8.1f} {cpu_rate:8.1f}  {skipped}")
    return 0


def _figures(result: dict) -> dict:
    """P/R/F1 from the scorer's JSON output (one system)."""
    system = result[0] if isinstance(result, list) else next(iter(result.values())) if "f1" not in result else result
    return {key: system[key] for key in ("precision", "recall", "f1")}


if __name__ == "__main__":
    sys.exit(main())
