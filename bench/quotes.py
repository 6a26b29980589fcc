"""Quote extraction and speaker attribution on PolNeAR dev, scored by the shared scorer.

Runs saidwhat's pipeline over ``../shared/eval/quotes/polnear/gold/dev.docs.jsonl`` (relative to the project
root; ``--split train`` for the train split), writes one prediction per statement fragment (``doc_id,
quote_text, speaker, start, end``) and runs ``../shared/tools/score_quotes.py`` three times: direct quotes only, all kinds with a speech cue, all kinds.

Usage: python bench/quotes.py [--shared DIR] [--split dev|train] [--limit N] [--out preds.jsonl] [--belief]
       [--spans fragment|statement]
Develop on ``--split train --limit 150`` and confirm on dev (the default), so dev stays a held-out measure.
Exits 0 with a note when the shared folder is missing (CI without the evaluation data).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = (
    ("direct quotes", ["--quote-types", "direct"]),
    ("all kinds, speech cues", ["--cue-class", "speech"]),
    ("all kinds", []),
)
WANTED = ("saidwhat_countries", "saidwhat_numbers", "saidwhat_officials", "saidwhat_statements")


def build(belief: bool):
    """``extract``'s pipeline (``nlp.pipeline.build_nlp``) up to the statements, which PolNeAR measures."""
    from nlp.pipeline import build_nlp

    configs = {"saidwhat_statements": {"include_belief": True}} if belief else None
    return build_nlp(components=WANTED, configs=configs)


def predict(nlp, docs: list[dict], spans: str = "fragment") -> list[dict]:
    rows = []
    made = []
    for d in docs:
        doc = nlp.make_doc(d["text"])
        try:
            doc._.published = dt.date.fromisoformat(d.get("publication_date") or "")
        except ValueError:
            doc._.published = None
        made.append(doc)
    for d, doc in zip(docs, nlp.pipe(made, batch_size=16)):
        for n, s in enumerate(doc._.statements):
            pieces = [(s.start, s.end)] if spans == "statement" else (s.fragments or [(s.start, s.end)])
            for start, end in pieces:
                rows.append({"doc_id": d["doc_id"], "quote_text": d["text"][start:end], "speaker": s.speaker,
                             "start": start, "end": end, "kind": s.kind, "cue": s.cue, "statement": n,
                             "speaker_mention": d["text"][s.speaker_start:s.speaker_end]
                             if s.speaker_start is not None else None})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--split", choices=["dev", "train"], default="dev")
    ap.add_argument("--limit", type=int, default=0, help="score only the first N documents of the split")
    ap.add_argument("--out", default="")
    ap.add_argument("--belief", action="store_true", help="also report belief cues (think, expect, ...)")
    ap.add_argument("--spans", choices=["fragment", "statement"], default="fragment",
                    help="one prediction per quote fragment (default) or one per statement (first to last character)")
    args = ap.parse_args()
    shared = Path(args.shared)
    gold = shared / "eval" / "quotes" / "polnear" / "gold"
    scorer = shared / "tools" / "score_quotes.py"
    docs_file, quotes_file = gold / f"{args.split}.docs.jsonl", gold / f"{args.split}.quotes.jsonl"
    if not docs_file.exists() or not scorer.exists():
        print(f"PolNeAR data or scorer not found under {shared}: nothing to measure")
        return 0
    docs = [json.loads(line) for line in docs_file.open(encoding="utf-8") if line.strip()]
    if args.limit:
        docs = docs[: args.limit]
    nlp = build(args.belief)
    t0 = time.perf_counter()
    rows = predict(nlp, docs, args.spans)
    print(f"{len(docs)} docs, {len(rows)} predicted quote fragments in {time.perf_counter() - t0:.1f}s "
          f"(pipeline: {', '.join(nlp.pipe_names)})")
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="saidwhat-quotes-")) / "preds.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    extra = ["--only-predicted-docs"] if args.limit else []
    for label, flags in RUNS:
        cmd = [sys.executable, str(scorer), "--gold", str(quotes_file), "--docs",
               str(docs_file), "--pred", str(out), "--label", label, *flags, *extra]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        print(proc.stdout, end="")
        if proc.returncode:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
