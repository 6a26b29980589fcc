"""The sentiment model: a multinomial logistic regression over `SentimentFeatures`, kept as plain JSON.

Training uses scikit-learn; scoring needs only the JSON (feature name → one weight per label), so loading a
model runs no code and does not depend on the scikit-learn version. A model names itself "name@version",
where the version is a digest of its weights: a refitted model has a new version.

Training rows may name a domain (saidwhat's own: ``speech`` for what officials say, ``news`` for business and
market reporting, where the reader's view of the news sets the tone). Each feature then also has a copy per
domain (Daumé's feature augmentation): shared weights learn from every row, a domain's copies only what is
particular to it. Scoring in a domain adds its copies; scoring with no domain uses the shared weights alone.
A model may also carry decision offsets per domain (added to the label scores), calibrated on labelled real
statements it was not fitted on: the shipped model's written training sentences under-state how often officials
speak positively (see `nlp.sentiment.refit`).
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from nlp.sentiment.features import FeatureSettings, SentimentFeatures, lexicon_digest

LABELS = ("negative", "neutral", "positive")
FORMAT = "saidwhat-sentiment-model/1"
SHIPPED_FILE = "sentiment_model.json"
SHIPPED_NAME = "saidwhat-sentiment"
DEFAULT_C = 1.0
DEFAULT_SETTINGS = FeatureSettings(word_weight=1.5)  # words weigh more than the default against the shape features: better on held-out statements written as real ones run
CV_FOLDS = 5
SPEECH, NEWS = "speech", "news"  # saidwhat's domains: what officials say; business and market reporting
DOMAIN_BIAS = "bias"
# features that read a tone or a direction (word lists, VADER, changes, undoings); the rest are plain words and shape
TONE_FEATURES = ("lex_", "vader_", "change_", "undo", "dir_")
MIN_WEIGHT = 0.05  # a feature whose weights are all smaller moves no prediction: left out of the file (half its size)


class ModelFileError(Exception):
    """A sentiment model file that cannot be read or is not a saidwhat sentiment model."""


@dataclass(frozen=True)
class Sentiment:
    """The tone of a text: its label, a score in [−1, 1] (P(positive) − P(negative)) and the model's name."""

    label: str
    score: float
    model: str

    def as_record(self) -> dict:
        return {"label": self.label, "score": self.score, "model": self.model}


class SentimentModel:
    """Scores texts with the weights of one model file."""

    def __init__(self, data: dict) -> None:
        if data.get("format") != FORMAT:
            raise ModelFileError(f"not a saidwhat sentiment model (format {data.get('format')!r}, expected {FORMAT!r})")
        self.labels: tuple[str, ...] = tuple(data["labels"])
        if set(self.labels) != set(LABELS):
            raise ModelFileError(f"labels {list(self.labels)} are not {list(LABELS)}")
        self.intercept: list[float] = [float(x) for x in data["intercept"]]
        self.weights: dict[str, list[float]] = data["weights"]
        self.domains: tuple[str, ...] = tuple(data.get("domains") or ())
        # a domain's decision offsets (one per label, added to its scores before the softmax), calibrated on
        # labelled statements the model was not fitted on; a model from `train-sentiment` has none
        self.offsets: dict[str, list[float]] = {domain: [float(x) for x in row]
                                                for domain, row in (data.get("offsets") or {}).items()}
        if any(len(row) != len(self.labels) for row in self.offsets.values()):
            raise ModelFileError(f"offsets need one number per label ({len(self.labels)})")
        if len(self.intercept) != 3 or any(len(row) != 3 for row in self.weights.values()):
            raise ModelFileError("intercept and weights need one number per label (3)")
        self._tables: dict[str | None, dict[str, tuple[list[float], ...]]] = {}
        self.name = f"{data['name']}@{data['version']}"
        self.data = data
        self.features = SentimentFeatures(FeatureSettings.from_json(data["features"]))

    @classmethod
    def load(cls, path: str | Path | None = None) -> "SentimentModel":
        """The model in `path`, or the one shipped with saidwhat when `path` is None."""
        if path is None:
            return shipped_model()
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ModelFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelFileError(f"{path} is not a JSON model file: {exc}") from exc
        if not isinstance(data, dict):
            raise ModelFileError(f"{path} is not a saidwhat sentiment model")
        try:
            return cls(data)
        except ModelFileError as exc:
            raise ModelFileError(f"{path}: {exc}") from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelFileError(f"{path} is not a saidwhat sentiment model (bad or missing {exc})") from exc

    def probabilities(self, text: str, domain: str | None = None) -> dict[str, float]:
        """P(label) for each label; `domain` adds that domain's weights when the model has them."""
        z0, z1, z2 = self.intercept
        table = self._rows(domain)
        for name, value in self.features(text).items():
            for w0, w1, w2 in table.get(name, ()):
                z0 += w0 * value
                z1 += w1 * value
                z2 += w2 * value
        z = [z0, z1, z2]
        if domain in self.domains:
            row = self.weights.get(DOMAIN_BIAS + f"@{domain}")
            if row is not None:
                for k, w in enumerate(row):
                    z[k] += w
        offsets = self.offsets.get(domain) if domain else None
        if offsets:
            for k, w in enumerate(offsets):
                z[k] += w
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return {label: e / total for label, e in zip(self.labels, exp)}

    def _rows(self, domain: str | None) -> dict[str, tuple[list[float], ...]]:
        """Feature name → the weight rows a text scored in `domain` adds for it: the shared row, then the domain's
        copy when the model has one. Built once per domain, so scoring looks each feature up once and adds in
        the same order as reading both rows apart."""
        table = self._tables.get(domain)
        if table is None:
            suffix = f"@{domain}" if domain in self.domains else None
            table = {}
            for name, row in self.weights.items():
                if "@" not in name:
                    table[name] = (row,)
            if suffix is not None:
                for name, row in self.weights.items():
                    if name.endswith(suffix) and name != DOMAIN_BIAS + suffix:
                        base = name[:-len(suffix)]
                        table[base] = table.get(base, ()) + (row,)
            self._tables[domain] = table
        return table

    def sentiment(self, text: str, domain: str | None = NEWS, *, no_positive: bool = False,
                  no_negative: bool = False, negative_lead: float = 0.0) -> Sentiment:
        """The text's label and score; with `no_positive` (a text that cannot be praise) a text that would read as
        positive is neutral (its positive probability counts as neutral), and with `no_negative` (a denial) one
        that would read as negative is; the other readings stand. A negative reading that leads the positive one by
        less than `negative_lead` is neutral too: the text holds good and bad with no clear lean."""
        probs = self.probabilities(text, domain)
        top = max(self.labels, key=lambda name: probs[name])
        no_negative = no_negative or (top == "negative" and probs["negative"] - probs["positive"] < negative_lead)
        for flag, label in ((no_positive, "positive"), (no_negative, "negative")):
            if flag and max(self.labels, key=lambda name: probs[name]) == label:
                probs = {**probs, "neutral": probs["neutral"] + probs[label], label: 0.0}
        return self._from_probabilities(probs)

    def has_tone(self, text: str) -> bool:
        """Whether the text holds anything with a tone: a word of the lists or of VADER, a change or an undoing.
        Without one, a label can only come from its plain words."""
        return any(value and name.startswith(TONE_FEATURES) for name, value in self.features(text).items())

    def document(self, sentences: Sequence[str], domain: str | None = NEWS) -> Sentiment:
        """A whole text: the mean of its sentences' probabilities (neutral when it has no sentence)."""
        sentences = [s for s in sentences if s.strip()]
        if not sentences:
            return Sentiment("neutral", 0.0, self.name)
        total = dict.fromkeys(self.labels, 0.0)
        for sentence in sentences:
            for label, p in self.probabilities(sentence, domain).items():
                total[label] += p
        return self._from_probabilities({label: p / len(sentences) for label, p in total.items()})

    def _from_probabilities(self, probs: dict[str, float]) -> Sentiment:
        label = max(self.labels, key=lambda name: probs[name])
        score = round(probs["positive"] - probs["negative"], 4)
        return Sentiment(label, score, self.name)

    def predict(self, texts: Iterable[str], domain: str | None = NEWS) -> list[str]:
        return [self.sentiment(t, domain).label for t in texts]


@lru_cache(maxsize=1)
def shipped_model() -> SentimentModel:
    """The model shipped in ``nlp/data/sentiment_model.json`` (read once per process)."""
    return SentimentModel(json.loads(resources.files("nlp.data").joinpath(SHIPPED_FILE).read_text(encoding="utf-8")))


@lru_cache(maxsize=8)
def model_at(path: str | None) -> SentimentModel:
    """The model in a file (or the shipped one for None), read once per process and path."""
    return SentimentModel.load(path)


# ---------------------------------------------------------------------------------------------------- training


def _matrix(texts: Sequence[str], settings: FeatureSettings, domains: Sequence[str | None] | None = None):
    """Feature dicts; a row with a domain also gets a copy of each feature (and a bias) for that domain."""
    features = SentimentFeatures(settings)
    rows = []
    for i, text in enumerate(texts):
        row = features(text)
        domain = domains[i] if domains else None
        if domain:
            row.update({f"{name}@{domain}": value for name, value in list(row.items())})
            row[f"{DOMAIN_BIAS}@{domain}"] = 1.0
        rows.append(row)
    return rows


def _fit(rows: list[dict], labels: Sequence[str], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    classifier.fit(matrix, list(labels))
    return vectorizer, classifier


def train(texts: Sequence[str], labels: Sequence[str], *, name: str, c: float = DEFAULT_C,
          settings: FeatureSettings = DEFAULT_SETTINGS, source: str | None = None,
          domains: Sequence[str | None] | None = None, offsets: dict[str, Sequence[float]] | None = None) -> dict:
    """Fit on labelled texts (each optionally in a domain); return the model as JSON data (see `SentimentModel`).

    `offsets` (domain → one number per label in LABELS' order) shift that domain's decisions; they are set from
    labelled data the model is not fitted on, never from its training rows."""
    vectorizer, classifier = _fit(_matrix(texts, settings, domains), labels, c)
    order = [list(classifier.classes_).index(label) for label in LABELS]
    weights = {}
    for j, feature in enumerate(vectorizer.get_feature_names_out()):
        row = [round(float(classifier.coef_[k][j]), 4) for k in order]
        if any(abs(w) >= MIN_WEIGHT for w in row):
            weights[feature] = row
    weights = dict(sorted(weights.items()))
    intercept = [round(float(classifier.intercept_[k]), 4) for k in order]
    offsets = {domain: [round(float(x), 4) for x in row] for domain, row in (offsets or {}).items()}
    # the word lists are part of what a model reads: a model whose weights did not move but whose lists did
    # labels some texts differently, so it is a new version (stored records are re-processed)
    lexicon = lexicon_digest()
    identity = [intercept, weights, settings.as_json()] + ([offsets] if offsets else []) + [lexicon]
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()
    return {
        "format": FORMAT,
        "name": name,
        "version": digest[:10],
        "labels": list(LABELS),
        "domains": sorted({d for d in domains or () if d}),
        "features": settings.as_json(),
        "lexicon_sha256": lexicon,
        "training": {"rows": len(texts), "source": source, "c": c,
                     "per_label": {label: sum(1 for x in labels if x == label) for label in LABELS}},
        "intercept": intercept,
        **({"offsets": offsets} if offsets else {}),
        "weights": weights,
    }


@dataclass(frozen=True)
class CrossValidation:
    accuracy: float
    macro_f1: float
    folds: int
    predictions: list[str]


def cross_validate(texts: Sequence[str], labels: Sequence[str], *, c: float = DEFAULT_C,
                   settings: FeatureSettings = DEFAULT_SETTINGS, folds: int = CV_FOLDS,
                   seed: int = 0, domains: Sequence[str | None] | None = None) -> CrossValidation:
    """Stratified k-fold accuracy and macro-F1 of the same training on the same rows."""
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    rows = _matrix(texts, settings, domains)
    predicted = [""] * len(texts)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(rows, labels):
        vectorizer, classifier = _fit([rows[i] for i in train_idx], [labels[i] for i in train_idx], c)
        guesses = classifier.predict(vectorizer.transform([rows[i] for i in test_idx]))
        for i, guess in zip(test_idx, guesses):
            predicted[i] = str(guess)
    return CrossValidation(accuracy=float(accuracy_score(labels, predicted)),
                           macro_f1=float(f1_score(labels, predicted, labels=list(LABELS), average="macro")),
                           folds=folds, predictions=predicted)


def write_model(data: dict, path: str | Path) -> None:
    """One feature per line: diffs of a refitted model stay readable."""
    lines = ["{"]
    head = {k: v for k, v in data.items() if k != "weights"}
    for key, value in head.items():
        lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('"weights": {')
    items = list(data["weights"].items())
    for i, (feature, row) in enumerate(items):
        lines.append(f"{json.dumps(feature, ensure_ascii=False)}: {json.dumps(row)}" + ("," if i < len(items) - 1 else ""))
    lines.append("}")
    lines.append("}")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
