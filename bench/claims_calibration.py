"""Claim scores against real news: how often a claim scored s is check-worthy, and the calibration that makes
a score read as that share.

Runs saidwhat's pipeline over the real-news development set (``../shared/eval/news-dev``, for measuring only)
as `extract` does (page furniture blanked, no article date), keeps every unit the claim scorer gave a score
above 0, and labels a unit check-worthy when it holds the first five words of an annotated claim (the real-news
scorer's rule; units holding an uncertain claim are left out). It fits a temperature on the develop part
(D01–D06, D13–D18): score = sigmoid(slope * logit(model probability)), prints the reliability of the
calibrated scores on both parts, with the counts in each bin, and P/R/F1 of the claims listed at 0.5 (the
same list as the model's own: a slope alone moves no score across 0.5). `--write` stores the slope in
``nlp/data/claims_calibration.json`` with the digest of the model file it was fitted for (one number: nothing
of the set's texts or annotations is copied).

    python bench/claims_calibration.py [--shared DIR] [--write]

Refit after refitting the model (`python -m nlp.components.claims`): the test suite fails on a stale file.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.components.claims import CALIBRATION_FILE, ClaimScorer, model_digest  # noqa: E402
from nlp.furniture import blank_page_furniture  # noqa: E402
from nlp.pipeline import build_nlp  # noqa: E402

DEVELOP = [f"D{n:02d}" for n in (*range(1, 7), *range(13, 19))]
CONFIRM = [f"D{n:02d}" for n in (*range(7, 13), *range(19, 25))]
KEY_WORDS = 5
LISTING = 0.5


def norm(text: str | None) -> str:
    """Lower case, curly quotes straightened, punctuation dropped: the real-news scorer's normal form."""
    text = unicodedata.normalize("NFKC", text or "").replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^\w%$.' ]+", " ", text.replace("\u201c", '"').replace("\u201d", '"').lower())
    return re.sub(r"\s+", " ", text).strip()


def labelled_units(nlp, folder: Path, ids: list[str]) -> tuple[list[tuple[float, int]], int]:
    """(model probability, 1 or 0) per scored unit, and the number of annotated claims (uncertain ones aside)."""
    units: list[tuple[float, int]] = []
    annotated = 0
    for article_id in ids:
        text = json.loads((folder / "articles" / f"{article_id}.json").read_text())["text"]
        gold = json.loads((folder / "gold" / f"{article_id}.json").read_text())
        claims = nlp(blank_page_furniture(text))._.claims
        labels: list[int | None] = [0] * len(claims)
        for claim in gold.get("claims", []):
            words = " ".join(norm(claim.get("text_start")).split()[:KEY_WORDS])
            annotated += not claim.get("uncertain")
            hit = next((i for i, c in enumerate(claims) if labels[i] == 0 and words and words in norm(c.text)), None)
            if hit is not None:
                labels[hit] = None if claim.get("uncertain") else 1
        units += [(c.score, label) for c, label in zip(claims, labels) if label is not None]
    return units, annotated


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def fit(units: list[tuple[float, int]]) -> tuple[float, float]:
    """Temperature scaling: the one slope that maximises the likelihood of the labels, no offset. A slope alone
    corrects over- or under-confidence; an offset would also learn the develop part's share of check-worthy
    units, which the next articles need not share."""
    def loss(slope: float) -> float:
        return -sum(math.log(max(1e-12, q if y else 1 - q))
                    for p, y in units for q in [1 / (1 + math.exp(-slope * logit(p)))])

    lo, hi = 0.05, 5.0
    for _ in range(100):  # golden-section search: the loss is convex in the slope
        a, b = lo + (hi - lo) * 0.382, lo + (hi - lo) * 0.618
        lo, hi = (lo, b) if loss(a) < loss(b) else (a, hi)
    return (lo + hi) / 2, 0.0


def report(name: str, units: list[tuple[float, int]], annotated: int, slope: float, offset: float) -> None:
    scored = [(1 / (1 + math.exp(-(slope * logit(p) + offset))), y) for p, y in units]
    print(f"{name}: {len(scored)} scored units, {sum(y for _, y in scored)} check-worthy, {annotated} annotated claims")
    gap = 0.0
    for lo in [i / 10 for i in range(10)]:
        bin_ = [y for s, y in scored if lo <= s < lo + 0.1 or (lo == 0.9 and s == 1.0)]
        if bin_:
            mean = sum(s for s, _ in scored if lo <= s < lo + 0.1 or (lo == 0.9 and s == 1.0)) / len(bin_)
            gap += abs(mean - sum(bin_) / len(bin_)) * len(bin_)
            print(f"  scores {lo:.1f}-{lo + 0.1:.1f}: {len(bin_):3d} units, mean score {mean:.2f}, "
                  f"check-worthy {sum(bin_):3d} ({sum(bin_) / len(bin_):.2f})")
    print(f"  expected calibration error {gap / len(scored):.3f}")
    tp = sum(1 for s, y in scored if s >= LISTING and y)
    listed = sum(1 for s, _ in scored if s >= LISTING)
    p, r = tp / listed if listed else 0.0, tp / annotated if annotated else 0.0
    print(f"  listed at {LISTING}: {listed}, check-worthy {tp}: P {p:.3f} R {r:.3f} "
          f"F1 {2 * p * r / (p + r) if p + r else 0.0:.3f} (units holding an uncertain claim left out)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--write", action="store_true", help="store the fitted calibration in nlp/data")
    args = parser.parse_args()
    folder = Path(args.shared) / "eval" / "news-dev"
    if not (folder / "gold").is_dir():
        print(f"the real-news set is not under {folder}: nothing to measure")
        return 0
    nlp = build_nlp()
    nlp.get_pipe("claims").scorer = ClaimScorer(calibrated=False)
    develop, develop_annotated = labelled_units(nlp, folder, DEVELOP)
    confirm, confirm_annotated = labelled_units(nlp, folder, CONFIRM)
    slope, offset = fit(develop)
    print(f"calibration fitted on the develop part: slope {slope:.4f}, offset {offset:.4f}")
    report("develop (fitted here)", develop, develop_annotated, slope, offset)
    report("confirm", confirm, confirm_annotated, slope, offset)
    if args.write:
        target = ROOT / "nlp" / "data" / CALIBRATION_FILE
        target.write_text(json.dumps({
            "about": "temperature calibration of the claim model, fitted by bench/claims_calibration.py on the "
                     f"develop part of the real-news set ({len(develop)} scored units)",
            "slope": round(slope, 5), "offset": round(offset, 5), "model_sha256": model_digest()}, indent=1) + "\n")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
