"""Sentiment: accuracy and macro-F1 of saidwhat's shipped model beside two lexicon baselines, on real data.

Reads ../shared/ (for measuring only; nothing from it is written into the project):

- ``eval/sentiment/phrasebank-dev.jsonl``: financial-news sentences (Financial PhraseBank, CC BY-NC-SA), all rows
  and the rows every annotator agreed on, each in two halves fixed by a hash of the text (develop / confirm),
  chosen before any row was looked at;
- ``eval/news-dev/gold/Dnn.json``: the labelled quotes (``quote_text``; ``uncertain`` ones skipped), develop
  D01–D06 + D13–D18 and confirm D07–D12 + D19–D24: once on the annotated quote texts, and once through the
  pipeline as saidwhat is finally scored (``eval/news-dev/articles`` run through `extract`'s pipeline, each
  labelled quote scored on the first statement that contains its first five words, matched by the news-dev
  scorer's own function from ``tools/score_news.py``), in all and split into mild and clear quotes.

And, from the project itself, ``bench/data/sentiment_speech_heldout.csv``: officials' statements written and
labelled for saidwhat as real statements run (reported clauses, two-sentence quotes, a median of 17 words), never
trained on: how the model does on the kind of sentence it was trained on, untouched by the news-dev quotes; and
``bench/data/sentiment_speech_guidelines_heldout.csv``: officials' statements labelled the way the news-dev
guidelines label quotes (an open outlook, a procedure, an uncertain outcome neutral; mild leans of tone), written in
saidwhat's own words and never trained on either; and ``bench/data/sentiment_speech_realistic_heldout.csv``:
statements in the form real ones take (two sentences, reported clauses, a concession before the point, a mild
lean), written before any training sentence of that form and never trained on.

The model is scored as the pipeline uses it: PhraseBank sentences in its ``news`` domain (the document's),
quotes in its ``speech`` domain (statements'). Baselines run in the same command: VADER (the vaderSentiment package, compound ≥ 0.05 positive, ≤ −0.05
negative) and a finance-lexicon count (saidwhat's own tone word lists in ``nlp/data/sentiment_lexicon.json``,
MIT: more positive than negative words, a negated word counting for the other side). Finally ``train-sentiment``
runs on the all-agree PhraseBank rows written to a temporary CSV (deleted after; that data must not ship) and
prints its cross-validated accuracy.

``--speed N`` instead times `extract`'s pipeline and records on N PolNeAR articles (the demo site's articles
when ../shared is missing) with and without the sentiment component, in alternating rounds of one command, and
prints the time sentiment adds.

    python bench/sentiment.py [--model PATH] [--no-train] [--no-pipeline] [--shared DIR] [--speed N [--rounds R]]
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
HELDOUT = ROOT / "bench" / "data" / "sentiment_speech_heldout.csv"
# written later in the news-dev guidelines' convention (an open outlook, a procedure, an uncertain outcome are
# neutral; mild leans kept), also never trained on
HELDOUT_GUIDELINES = ROOT / "bench" / "data" / "sentiment_speech_guidelines_heldout.csv"
# written in the form real statements take (two-sentence quotes, reported clauses, a concession before the point,
# mild leans), before any training sentence of that form; never trained on
HELDOUT_REALISTIC = ROOT / "bench" / "data" / "sentiment_speech_realistic_heldout.csv"
LABELS = ("negative", "neutral", "positive")
QUOTES_DEVELOP = [*range(1, 7), *range(13, 19)]
QUOTES_CONFIRM = [*range(7, 13), *range(19, 25)]


def phrasebank_half(text: str) -> str:
    """develop or confirm, by the parity of the first 8 hex digits of the text's SHA-1 (fixed before looking)."""
    return "develop" if int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "confirm"


def phrasebank_file(shared: Path = SHARED) -> Path:
    return shared / "eval" / "sentiment" / "phrasebank-dev.jsonl"


def news_gold(shared: Path = SHARED) -> Path:
    return shared / "eval" / "news-dev" / "gold"


def load_phrasebank(shared: Path = SHARED) -> list[dict]:
    with phrasebank_file(shared).open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:
        row["half"] = phrasebank_half(row["text"])
    return rows


def load_quotes(articles: Sequence[int], shared: Path = SHARED) -> list[dict]:
    quotes = []
    for number in articles:
        gold = json.loads((news_gold(shared) / f"D{number:02d}.json").read_text(encoding="utf-8"))
        for q in gold.get("quotes", []):
            if q.get("uncertain") or q.get("sentiment") not in LABELS or not q.get("quote_text"):
                continue
            quotes.append({"text": q["quote_text"], "label": q["sentiment"], "article": number})
    return quotes


def load_heldout(path: Path = HELDOUT) -> list[dict]:
    from nlp.sentiment.data import read_labelled_csv

    data = read_labelled_csv(path)
    return [{"text": t, "label": label} for t, label in zip(data.texts, data.labels)]


def score_news_module(shared: Path):
    """The news-dev scorer (``tools/score_news.py``), so quotes are matched to statements exactly as it does."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_news", shared / "tools" / "score_news.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pipeline_quotes(articles: Sequence[int], shared: Path, model_path: str | None) -> tuple[list[dict], int]:
    """Labelled quotes matched to the statements `extract`'s pipeline finds in the same articles: one row per
    matched quote with the statement's text and the label the pipeline gave it; and the number of labelled quotes."""
    from nlp.analyse import analyse
    from nlp.inputs import ArticleText
    from nlp.pipeline import build_nlp

    scorer = score_news_module(shared)
    texts = [json.loads((shared / "eval" / "news-dev" / "articles" / f"D{n:02d}.json").read_text(encoding="utf-8"))
             ["text"] for n in articles]
    records = analyse(build_nlp(sentiment_model=model_path),
                      [ArticleText(source=f"D{n:02d}", text=t, language="en") for n, t in zip(articles, texts)])
    rows, labelled = [], 0
    for number, record in zip(articles, records):
        gold = json.loads((news_gold(shared) / f"D{number:02d}.json").read_text(encoding="utf-8"))
        statements = record.get("statements") or []
        for quote in gold.get("quotes", []):
            if quote.get("uncertain") or quote.get("sentiment") not in LABELS or quote.get("sentiment_uncertain"):
                continue
            labelled += 1
            hits = [s for s in statements if scorer.quote_matches(quote, s)]
            if hits and hits[0].get("sentiment"):
                rows.append({"text": hits[0]["text"], "label": quote["sentiment"], "article": number,
                             "strength": quote.get("sentiment_strength"), "predicted": hits[0]["sentiment"]["label"]})
    return rows, labelled


def report_pipeline(title: str, rows: list[dict], labelled: int, systems: dict[str, Callable[[str], str]]) -> None:
    """The pipeline's own labels on matched statements, then the baselines on the same statements' texts."""
    counts = Counter(r["label"] for r in rows)
    print(f"\n{title}: {len(rows)} of {labelled} labelled quotes found as statements "
          f"({', '.join(f'{k} {counts[k]}' for k in LABELS)})")
    right = sum(r["predicted"] == r["label"] for r in rows)
    acc, f1 = scores([r["label"] for r in rows], [r["predicted"] for r in rows])
    print(f"  {'saidwhat (pipeline)':<22} accuracy {acc:.3f} ({right}/{len(rows)})  macro-F1 {f1:.3f}")
    for strength, name in ((1, "mild"), (2, "clear")):
        part = [r for r in rows if r["strength"] == strength]
        if part:
            ok = sum(r["predicted"] == r["label"] for r in part)
            print(f"    {name} quotes: {ok}/{len(part)} = {ok / len(part):.3f}")
    for name, predict in systems.items():
        acc, f1 = scores([r["label"] for r in rows], [predict(r["text"]) for r in rows])
        print(f"  {name:<22} accuracy {acc:.3f}  macro-F1 {f1:.3f}")


def scores(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float]:
    """Accuracy and macro-F1 over the three labels."""
    from sklearn.metrics import accuracy_score, f1_score

    if not gold:
        return float("nan"), float("nan")
    return (float(accuracy_score(gold, predicted)),
            float(f1_score(gold, predicted, labels=list(LABELS), average="macro", zero_division=0)))


def vader_baseline() -> Callable[[str], str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()

    def label(text: str) -> str:
        compound = analyzer.polarity_scores(text)["compound"]
        return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"

    return label


def lexicon_baseline() -> Callable[[str], str]:
    from nlp.sentiment.features import SentimentFeatures, tokenize

    features = SentimentFeatures()

    def label(text: str) -> str:
        tokens = tokenize(text)
        tags = features.lists.tag(tokens)
        negated = features._negated(tokens, tags)
        net = 0
        for i in range(len(tokens)):
            sign = (tags["positive"][i] == 1) - (tags["negative"][i] == 1)
            net += -sign if negated[i] else sign
        return "positive" if net > 0 else "negative" if net < 0 else "neutral"

    return label


def report(title: str, rows: list[dict], systems: dict[str, Callable[[str], str]]) -> dict[str, float]:
    """Accuracy and macro-F1 of each system on the rows (each system a text → label function)."""
    counts = Counter(r["label"] for r in rows)
    print(f"\n{title}: {len(rows)} rows ({', '.join(f'{k} {counts[k]}' for k in LABELS)})")
    accuracy = {}
    for name, predict in systems.items():
        predicted = [predict(r["text"]) for r in rows]
        acc, f1 = scores([r["label"] for r in rows], predicted)
        accuracy[name] = acc
        print(f"  {name:<22} accuracy {acc:.3f}  macro-F1 {f1:.3f}")
    return accuracy


def train_on_all_agree(rows: list[dict]) -> None:
    """`train-sentiment` on the all-agree rows, through the command itself, from a temporary CSV."""
    from click.testing import CliRunner

    import cli

    agree = [r for r in rows if r["agreement"] == 100]
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp) / "allagree.csv", Path(tmp) / "model.json"
        with data.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["text", "label"])
            writer.writerows([r["text"], r["label"]] for r in agree)
        result = CliRunner().invoke(cli.main, ["train-sentiment", "--data", str(data), "--out", str(out)])
    print(f"\ntrain-sentiment on the {len(agree)} all-agree rows (temporary CSV, deleted):")
    for line in result.output.splitlines():
        if not line.startswith("wrote"):
            print(f"  {line}")
    if result.exit_code:
        print(f"  exit status {result.exit_code}")


def speed(n: int, rounds: int, shared: Path) -> None:
    """analyse() with and without the sentiment component in alternating rounds, and the component alone."""
    import time

    from nlp.analyse import BATCH_SIZE, analyse
    from nlp.inputs import ArticleText
    from nlp.pipeline import COMPONENTS, build_nlp

    polnear = shared / "eval" / "quotes" / "polnear" / "gold" / "train.docs.jsonl"
    if polnear.exists():
        with polnear.open(encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for _, line in zip(range(n), f)]
        origin = f"PolNeAR train, first {len(texts)} articles"
    else:
        from crawler.article import extract_article

        pages = sorted((ROOT / "demo" / "site").rglob("*.html"))
        bodies = [a.body for p in pages if (a := extract_article(p.read_bytes(), p.as_uri())).body]
        texts = [bodies[i % len(bodies)] for i in range(n)]
        origin = f"demo site articles repeated to {n} (../shared not found)"
    articles = [ArticleText(source=f"doc{i}", text=t, language="en") for i, t in enumerate(texts)]
    with_sentiment, without = build_nlp(), build_nlp(components=COMPONENTS[:-1])
    pipelines = {"with sentiment": with_sentiment, "without": without}
    for nlp in pipelines.values():
        list(analyse(nlp, articles[:3]))  # warm-up
    times: dict[str, list[float]] = {name: [] for name in pipelines}
    for _ in range(rounds):
        for name, nlp in pipelines.items():
            start = time.perf_counter()
            records = list(analyse(nlp, articles))
            times[name].append(time.perf_counter() - start)
    # the component alone on the docs the rest of the pipeline made: robust to a busy machine
    docs = list(without.pipe(texts, batch_size=BATCH_SIZE))
    component = with_sentiment.get_pipe("sentiment")
    alone = []
    for _ in range(rounds):
        start = time.perf_counter()
        for doc in docs:
            component(doc)
        alone.append(time.perf_counter() - start)
    statements = sum(len(r["statements"]) for r in records)
    print(f"texts: {origin}; {statements} statements; {rounds} alternating rounds (the machine may be shared)")
    for name, values in times.items():
        print(f"  extract {name:<15} best {min(values):6.2f} s   rounds {' '.join(f'{v:.2f}' for v in values)}")
    print(f"  sentiment component alone on the same docs: best {min(alone):.2f} s")
    print(f"  sentiment adds {min(times['with sentiment']) / min(times['without']) - 1:+.1%} (best rounds); "
          f"the component alone is {min(alone) / min(times['without']):.1%} of extract without it")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="a sentiment model file to measure instead of the shipped one")
    parser.add_argument("--no-train", action="store_true", help="skip the train-sentiment run")
    parser.add_argument("--no-pipeline", action="store_true",
                        help="skip the quotes through the pipeline (the slowest part, about 10 s)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: ../shared)")
    parser.add_argument("--speed", type=int, metavar="N", help="time extract with and without sentiment on N texts")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds for --speed")
    args = parser.parse_args()
    if args.speed:
        speed(args.speed, args.rounds, args.shared)
        return 0
    if not phrasebank_file(args.shared).exists() or not news_gold(args.shared).exists():
        print(f"note: {args.shared / 'eval'} not found (sentiment/ and news-dev/ are needed): nothing measured")
        return 0
    from nlp.sentiment.model import NEWS, SPEECH, SentimentModel

    model = SentimentModel.load(args.model)
    baselines = {"VADER": vader_baseline(), "finance lexicon": lexicon_baseline(), "always neutral": lambda t: "neutral"}
    # as the pipeline scores them: news sentences in the news domain, quotes as officials' speech
    news = {f"saidwhat ({model.name})": lambda t: model.sentiment(t, NEWS).label, **baselines}
    speech = {f"saidwhat ({model.name})": lambda t: model.sentiment(t, SPEECH).label, **baselines}
    print(f"data: {args.shared / 'eval'} (measuring only)")
    rows = load_phrasebank(args.shared)
    for half in ("develop", "confirm"):
        part = [r for r in rows if r["half"] == half]
        report(f"PhraseBank all-agree, {half} half", [r for r in part if r["agreement"] == 100], news)
        report(f"PhraseBank all rows, {half} half", part, news)
    report("PhraseBank all-agree, both halves", [r for r in rows if r["agreement"] == 100], news)
    report("PhraseBank all rows, both halves", rows, news)
    report("news-dev quotes, develop (D01-D06, D13-D18)", load_quotes(QUOTES_DEVELOP, args.shared), speech)
    report("news-dev quotes, confirm (D07-D12, D19-D24)", load_quotes(QUOTES_CONFIRM, args.shared), speech)
    if not args.no_pipeline:
        for name, part in (("develop (D01-D06, D13-D18)", QUOTES_DEVELOP), ("confirm (D07-D12, D19-D24)", QUOTES_CONFIRM)):
            matched, labelled = pipeline_quotes(part, args.shared, args.model)
            report_pipeline(f"news-dev quotes through the pipeline, {name}", matched, labelled, baselines)
    report(f"saidwhat's held-out officials' statements ({HELDOUT.name}, never trained on)", load_heldout(), speech)
    report(f"held-out statements in the guidelines' convention ({HELDOUT_GUIDELINES.name}, never trained on)",
           load_heldout(HELDOUT_GUIDELINES), speech)
    report(f"held-out statements in the form real ones take ({HELDOUT_REALISTIC.name}, never trained on)",
           load_heldout(HELDOUT_REALISTIC), speech)
    if not args.no_train:
        train_on_all_agree(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
