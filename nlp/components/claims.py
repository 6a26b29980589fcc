"""Check-worthy claims: every sentence scored in [0, 1] and typed; `doc._.claims` keeps those above `threshold`.

The score is a logistic regression over hand-made features (numbers, comparatives, causal connectives, modal and
future words, reporting verbs, first-person opinion words, quote marks, length, headline shape) plus hashed
words. It is trained once per process, at start-up, on a small seed set of invented news-style sentences shipped
as JSON (``nlp/data/claims_seed.json``): well under a second, and no pickled model to go stale. Page furniture
and questions are ruled out before scoring. The type comes from rules, not from the model.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.components.rate_events import sentence_segments
from nlp.extensions import Claim

NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
                "million", "billion", "trillion", "half", "third", "thirds", "quarter", "quarters", "fifth", "dozen",
                "twice", "double", "triple", "percent", "zero"}
TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
QUESTION = re.compile(r"\?[\"'\u201d\u2019)]*$")
YEAR = re.compile(r"\b(19|20)\d\d\b")
MONEY = re.compile(r"[$\u20ac\u00a3\u00a5]|\b(dollars?|euros?|pounds?|yen|yuan|rupees?)\b")
PERCENT = re.compile(r"%|\bper ?cent\b|\bpercentage points?\b|\bbasis points?\b|\bbps\b")
QUOTES = "\"\u201c\u201d"
HASH_FEATURES = 2 ** 14
MIN_WORDS = 4


def _load(name: str) -> dict:
    return json.loads(resources.files("nlp.data").joinpath(name).read_text(encoding="utf-8"))


def _alternation(words: Iterable[str]) -> re.Pattern:
    words = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w'])")


class ClaimFeatures:
    """Turns one sentence into the scorer's features; the same code serves training and scoring."""

    def __init__(self) -> None:
        lex = _load("claims_lexicon.json")
        self.lists = {name: _alternation(lex[name])
                      for name in ("comparison", "causal", "prediction", "reporting", "opinion", "event_verbs")}
        self.boilerplate = [re.compile(p, re.I) for p in lex["boilerplate"]]

    def is_furniture(self, text: str) -> bool:
        """Bylines, credits, navigation, calls to action and questions: never claims."""
        stripped = text.strip()
        return bool(QUESTION.search(stripped)) or any(p.search(stripped) for p in self.boilerplate)

    def words(self, text: str) -> list[str]:
        return re.findall(r"[\w'%$\u20ac\u00a3.-]+", text.lower())

    def __call__(self, text: str) -> dict[str, float]:
        stripped = text.strip()
        lower = stripped.lower()
        words = self.words(stripped)
        n = len(words)
        feats: dict[str, float] = {}
        numbers = sum(1 for w in words if any(c.isdigit() for c in w) and not YEAR.fullmatch(w.strip(".,")))
        numbers += sum(1 for w in words if w in NUMBER_WORDS)
        feats["has_number"] = float(numbers > 0)
        feats["numbers"] = min(numbers, 4) / 4
        feats["percent"] = float(bool(PERCENT.search(lower)))
        feats["money"] = float(bool(MONEY.search(lower)))
        feats["year"] = float(bool(YEAR.search(lower)))
        for name, pattern in self.lists.items():
            hits = len(pattern.findall(lower))
            feats[name] = min(hits, 3) / 3
            feats[f"has_{name}"] = float(hits > 0)
        feats["terminal"] = float(bool(TERMINAL.search(stripped)))
        feats["quoted"] = float(any(q in stripped for q in QUOTES))
        feats["starts_quote"] = float(stripped[:1] in QUOTES)
        capitals = [w for w in re.findall(r"[A-Za-z][\w'-]*", stripped)[1:] if w[0].isupper()]
        alpha = max(1, len(re.findall(r"[A-Za-z][\w'-]*", stripped)) - 1)
        feats["capital_ratio"] = len(capitals) / alpha
        feats["proper_nouns"] = min(len(capitals), 5) / 5
        for lo, hi in ((0, 5), (5, 9), (9, 15), (15, 25), (25, 40), (40, 10_000)):
            feats[f"len_{lo}"] = float(lo <= n < hi)
        feats["bias_words"] = min(n, 40) / 40
        return feats


class ClaimScorer:
    """Logistic regression over the features plus hashed words, trained on the seed set."""

    def __init__(self) -> None:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import HashingVectorizer
        from sklearn.linear_model import LogisticRegression

        self.features = ClaimFeatures()
        seed = _load("claims_seed.json")
        texts = seed["claim"] + seed["not_claim"]
        labels = [1] * len(seed["claim"]) + [0] * len(seed["not_claim"])
        self.dict_vec = DictVectorizer()
        # words matter less than the shape of the sentence: a small seed set must not become a topic detector
        self.hash_vec = HashingVectorizer(n_features=HASH_FEATURES, alternate_sign=False, norm="l2",
                                          ngram_range=(1, 1), lowercase=True)
        self.model = LogisticRegression(C=2.0, max_iter=2000)
        self.model.fit(self._matrix(texts, fit=True), labels)

    def _matrix(self, texts: list[str], fit: bool = False):
        from scipy.sparse import hstack

        rows = [self.features(t) for t in texts]
        dense = self.dict_vec.fit_transform(rows) if fit else self.dict_vec.transform(rows)
        return hstack([dense, self.hash_vec.transform(texts) * 0.5]).tocsr()

    def scores(self, texts: list[str]) -> list[float]:
        """Probability that each text is a check-worthy claim; 0 for furniture, questions and fragments."""
        out = [0.0] * len(texts)
        keep = [i for i, t in enumerate(texts)
                if len(self.features.words(t)) >= MIN_WORDS and not self.features.is_furniture(t)]
        if keep:
            probs = self.model.predict_proba(self._matrix([texts[i] for i in keep]))[:, 1]
            for i, p in zip(keep, probs):
                out[i] = float(p)
        return out


@lru_cache(maxsize=1)
def shared_scorer() -> ClaimScorer:
    """One trained scorer per process, shared by every pipeline that adds the component."""
    return ClaimScorer()


def claim_type(text: str, scorer: ClaimScorer | None = None) -> str:
    """numeric | comparison | causal | prediction | factual, by the first rule that fires."""
    feats = (scorer or shared_scorer()).features(text)
    if feats["has_causal"] and _strong_causal(text):
        return "causal"
    if feats["has_comparison"] and _strong_comparison(text):
        return "comparison"
    if feats["has_prediction"] and _strong_prediction(text):
        return "prediction"
    if feats["has_number"] or feats["percent"] or feats["money"]:
        return "numeric"
    return "factual"


_CAUSAL = re.compile(r"\b(because|due to|caused|led to|lead to|as a result|result of|driven by|thanks to|owing to|"
                     r"blam\w+|reflecting|in response to|triggered)\b", re.I)
_COMPARISON = re.compile(r"\b(than|compared|versus|biggest|largest|highest|lowest|smallest|record|twice|"
                         r"doubled?|tripled?|most|least|first time)\b|\b\w+est since\b", re.I)
_PREDICTION = re.compile(r"\b(will|expect(s|ed)? to|forecasts?|projected|predicts?|likely to|set to|going to|"
                         r"would)\b", re.I)


def _strong_causal(text: str) -> bool:
    return bool(_CAUSAL.search(text))


def _strong_comparison(text: str) -> bool:
    return bool(_COMPARISON.search(text))


def _strong_prediction(text: str) -> bool:
    return bool(_PREDICTION.search(text))


class ClaimFinder:
    """The `saidwhat_claims` component."""

    def __init__(self, threshold: float = 0.0):
        self.threshold = threshold
        self.scorer = shared_scorer()

    def __call__(self, doc: Doc) -> Doc:
        segments: list[Span] = list(sentence_segments(doc))
        texts = [s.text for s in segments]
        claims = []
        for seg, text, score in zip(segments, texts, self.scorer.scores(texts)):
            if score > self.threshold:
                claims.append(Claim(text=text, type=claim_type(text, self.scorer), score=round(score, 4),
                                    start=seg.start_char, end=seg.end_char))
        doc._.claims = claims
        return doc


@Language.factory("saidwhat_claims", default_config={"threshold": 0.0})
def make_claims(nlp: Language, name: str, threshold: float) -> ClaimFinder:
    """Scored claims into ``doc._.claims`` (those above `threshold`; listing applies its own cut, 0.5 by default)."""
    return ClaimFinder(threshold=threshold)
