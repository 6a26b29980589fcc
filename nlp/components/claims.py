"""Check-worthy claims: every sentence scored in [0, 1] and typed; `doc._.claims` keeps those above `threshold`.

The score is a logistic regression over hand-made features (numbers, comparatives, causal connectives, modal and
future words, reporting verbs, first-person opinion words, quote marks, length, headline shape) plus the
words. It is fitted on a small seed set of invented news-style sentences shipped
as JSON (``nlp/data/claims_seed.json``). The fitted coefficients are plain JSON (``nlp/data/claims_model.json``,
regenerate with ``python -m nlp.components.claims``), so scoring needs no scikit-learn at run time; the file
records a digest of the seed and lexicon, and a test fails when it is stale. Page furniture and questions are
ruled out before scoring. The type comes from rules, not from the model.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.segments import doc_text, sentence_segments
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
# a caption ends on the day its photo was taken: "…, Wednesday, March 21, 2018." or "… on May 20, 2018."
CAPTION_DATE = re.compile(r"(?:,|\bon)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
                          r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.?\s*"
                          r"(?:\(.*\))?\s*$")
# a line crediting a photo is a caption, whatever its sentences say
CREDIT = re.compile(r"\((?:AP|AFP|Reuters|Getty|Bloomberg|EPA|Xinhua)\b|\b(?:AP|AFP) Photo\b|\bGetty Images\b|"
                    r"\bPhoto(?:graph)?: |\bImage: |\b(?:Photo|Picture) by\b", re.I)
# a line ending in a call to action is a promotion ("… returns to San Francisco Dec. 8–9 … Register here.")
PROMO = re.compile(r"\b(?:register|sign up|subscribe|learn more|find out more|get (?:your )?tickets|buy tickets|"
                   r"book (?:now|here|your)|join us|apply now)(?: (?:here|now|today|for free))?\W*$", re.I)
MIN_WORDS = 4
NEVER = r"(?!)"  # a pattern that never matches
HEADLINE_FACTOR = 0.4
MODEL_FILE = "claims_model.json"
CALIBRATION_FILE = "claims_calibration.json"  # written by bench/claims_calibration.py --write
WORD_WEIGHT = 1.0  # scale of the word features against the hand-made ones
C = 8.0  # inverse regularisation strength of the logistic regression


def _load(name: str) -> dict:
    return json.loads(resources.files("nlp.data").joinpath(name).read_text(encoding="utf-8"))


def _alternation(words: Iterable[str]) -> re.Pattern:
    """One whole-word pattern for a word list (a pattern that never matches for an empty list)."""
    words = sorted(words, key=len, reverse=True)
    if not words:
        return re.compile(NEVER)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w'])")


class ClaimFeatures:
    """Turns one sentence into the scorer's features; the same code serves training and scoring."""

    def __init__(self) -> None:
        lex = _load("claims_lexicon.json")
        # single words are looked up in sets, only the few multiword entries need a pattern
        names = ("comparison", "causal", "prediction", "reporting", "opinion", "event_verbs", "caption")
        self.single = {name: {w for w in lex[name] if re.fullmatch(r"[\w']+", w)} for name in names}
        self.multi = {name: _alternation(w for w in lex[name] if not re.fullmatch(r"[\w']+", w)) for name in names}
        # patterns anchored at the start are tried there only: one alternation searched at every position of
        # every sentence cost more than the rest of the scoring
        anchored = [p[1:] for p in lex["boilerplate"] if p.startswith("^")]
        floating = [p for p in lex["boilerplate"] if not p.startswith("^")]
        self.boilerplate_start = re.compile("|".join(f"(?:{p})" for p in anchored), re.I)
        self.boilerplate = re.compile("|".join(f"(?:{p})" for p in floating))  # on lower-cased text: faster

    def is_furniture(self, text: str) -> bool:
        """Bylines, author bios, credits, captions, teasers, navigation, subscription and cookie text, calls to
        action and questions: never claims."""
        stripped = text.strip()
        return bool(QUESTION.search(stripped) or self.boilerplate_start.match(stripped)
                    or self.boilerplate.search(stripped.lower()) or self.is_caption(stripped))

    def is_caption(self, text: str) -> bool:
        """A photo caption: someone doing something in the present tense, dated to the day ("The minister speaks
        to reporters in Ottawa, Canada, on March 4, 2025.", "… on Capitol Hill, Wednesday, March 21, 2018.")."""
        if not CAPTION_DATE.search(text):
            return False
        words = set(re.findall(r"[\w']+", text.lower()))
        return bool(words & self.single["caption"] or self.multi["caption"].search(text.lower()))

    def words(self, text: str) -> list[str]:
        return re.findall(r"[\w'%$\u20ac\u00a3.-]+", text.lower())

    def __call__(self, text: str) -> dict[str, float]:
        stripped = text.strip()
        lower = stripped.lower()
        words = self.words(stripped)
        n = len(words)
        feats: dict[str, float] = {}
        digits = sum(1 for w in words if any(c.isdigit() for c in w) and not YEAR.fullmatch(w.strip(".,")))
        spelled = sum(1 for w in words if w in NUMBER_WORDS)
        feats["has_number"] = float(digits + spelled > 0)
        feats["digits"] = min(digits, 4) / 4
        feats["number_words"] = min(spelled, 4) / 4
        feats["percent"] = float(bool(PERCENT.search(lower)))
        feats["money"] = float(bool(MONEY.search(lower)))
        feats["year"] = float(bool(YEAR.search(lower)))
        counts = Counter(re.findall(r"[\w']+", lower))
        for name, single in self.single.items():
            hits = sum(counts[w] for w in counts.keys() & single)
            if self.multi[name].pattern != NEVER:
                hits += len(self.multi[name].findall(lower))
            feats[name] = min(hits, 3) / 3
            feats[f"has_{name}"] = float(hits > 0)
        feats["terminal"] = float(bool(TERMINAL.search(stripped)))
        # regular past tenses and participles ("imposed", "raised"): reports of what happened
        feats["past_ed"] = min(sum(1 for w in words if len(w) > 4 and w.endswith("ed")), 3) / 3
        feats["quoted"] = float(any(q in stripped for q in QUOTES))
        feats["starts_quote"] = float(stripped[:1] in QUOTES)
        capitals = [w for w in re.findall(r"[A-Za-z][\w'-]*", stripped)[1:] if w[0].isupper()]
        alpha = max(1, len(re.findall(r"[A-Za-z][\w'-]*", stripped)) - 1)
        feats["capital_ratio"] = len(capitals) / alpha
        feats["proper_nouns"] = min(len(capitals), 5) / 5
        for lo, hi in ((0, 5), (5, 9), (9, 15), (15, 25), (25, 40), (40, 10_000)):
            feats[f"len_{lo}"] = float(lo <= n < hi)
        feats["length"] = min(n, 40) / 40
        return feats


class ClaimScorer:
    """Logistic regression over the features plus the words, with coefficients read from claims_model.json, its
    probabilities recalibrated on real news (claims_calibration.json: a claim scored 0.8 is check-worthy about
    eight times in ten there). `calibrated=False` gives the model's own probabilities."""

    def __init__(self, model: dict | None = None, calibrated: bool = True) -> None:
        self.features = ClaimFeatures()
        model = model or _load(MODEL_FILE)
        self.intercept: float = model["intercept"]
        self.weights: dict[str, float] = model["weights"]
        calibration = _load(CALIBRATION_FILE) if calibrated else {"slope": 1.0, "offset": 0.0}
        self.slope: float = calibration["slope"]
        self.offset: float = calibration["offset"]

    def vector(self, text: str, complete: bool = True) -> dict[str, float]:
        row = row_features(self.features, text)
        if not complete:  # a clause cut from a sentence shares the sentence's full stop
            row["terminal"] = 1.0
        return row

    def score(self, text: str, complete: bool = True) -> float:
        """Probability that a text is a check-worthy claim; 0 for furniture, questions and fragments.
        `complete` is False for a clause cut from a longer sentence, which has no full stop of its own."""
        raw = self.raw(text, complete)
        if raw <= 0.0:
            return 0.0
        return _sigmoid(self.slope * _logit(raw) + self.offset)

    def raw(self, text: str, complete: bool = True) -> float:
        """The model's own probability, before calibration."""
        if len(self.features.words(text)) < MIN_WORDS or self.features.is_furniture(text):
            return 0.0
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in self.vector(text, complete).items())
        score = _sigmoid(z)
        if complete and not TERMINAL.search(text.strip()):
            # a line with no full stop is a headline, a caption or a menu item: news states its claims in prose
            score *= HEADLINE_FACTOR
        return score

    def scores(self, texts: list[str]) -> list[float]:
        return [self.score(t) for t in texts]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def model_digest() -> str:
    """Fingerprint of the shipped model file, recorded with the calibration fitted for it."""
    return hashlib.sha256(resources.files("nlp.data").joinpath(MODEL_FILE).read_bytes()).hexdigest()


def row_features(features: ClaimFeatures, text: str) -> dict[str, float]:
    """Hand-made features plus the sentence's words, binary and L2-normalised and damped: the seed set is small,
    so the shape of a sentence must weigh more than its topic."""
    row = features(text)
    words = {w.strip(".,;:'\"") for w in features.words(text)} - {""}
    if words:
        value = WORD_WEIGHT / math.sqrt(len(words))
        row.update({f"w={w}": value for w in words})
    return row


def seed_digest() -> str:
    """Fingerprint of everything the model is fitted from, stored in the model file to catch a stale one."""
    h = hashlib.sha256()
    for name in ("claims_seed.json", "claims_lexicon.json"):
        h.update(resources.files("nlp.data").joinpath(name).read_bytes())
    h.update(f"{WORD_WEIGHT}:{C}:{MIN_WORDS}".encode())
    return h.hexdigest()


def train_model() -> dict:
    """Fit the scorer on the seed set with scikit-learn and return its coefficients as plain JSON data."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    features = ClaimFeatures()
    seed = _load("claims_seed.json")
    texts = seed["claim"] + seed["not_claim"]
    labels = [1] * len(seed["claim"]) + [0] * len(seed["not_claim"])
    vec = DictVectorizer()
    matrix = vec.fit_transform([row_features(features, t) for t in texts])
    model = LogisticRegression(C=C, max_iter=5000).fit(matrix, labels)
    weights = {name: round(float(w), 5) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-4}
    return {"seed_sha256": seed_digest(), "intercept": round(float(model.intercept_[0]), 5),
            "weights": dict(sorted(weights.items()))}


@lru_cache(maxsize=1)
def shared_scorer() -> ClaimScorer:
    """One trained scorer per process, shared by every pipeline that adds the component."""
    return ClaimScorer()


def claim_type(text: str) -> str:
    """The first rule that fires: a causal connective makes it causal ("fell because", "stocks rose after the
    decision", "raised rates to tame inflation"); a superlative against the past ("the lowest level since
    2021") a comparison; a policy act reported ("imposed a 100% tariff", "cut its key rate by 50 basis points",
    "will buy $200 billion of goods") is factual, numbers and all; a forecast ("inflation is expected to peak
    at 13%") a prediction; a number ("exports fell 12%", "could cost up to $60 billion") numeric; a plain future
    or hedge without one ("will decide soon") a prediction; a comparative a comparison; anything else factual."""
    has_number = bool(re.search(r"\d", YEAR.sub("", text)) or MONEY.search(text.lower())
                      or _QUANTITY_WORDS.search(text))
    if _CAUSAL.search(text):
        return "causal"
    if _SINCE_SUPERLATIVE.search(text):
        return "comparison"
    if any(not _SUBORDINATE.search(text[max(0, m.start() - 40):m.start()]) for m in _POLICY_ACT.finditer(text)):
        return "factual"  # but "lost 40% of our sales since the duties were imposed" is about the sales
    if _FORECAST.search(text):
        return "prediction"
    if has_number:
        return "numeric"
    if _HEDGED_FUTURE.search(text) or _PREDICTION.search(text):
        return "prediction"
    if _COMPARISON.search(text):
        return "comparison"
    return "factual"


# a decision reported, not a statistic: its numbers are the decision's terms
_POLICY_ACT = re.compile(r"\b(impos(ed|es|ing)|announc(ed|es)|decided|decides|voted|threatened|granted|agreed|"
                         r"pledge[sd]?|signed|approved|adopted|introduced|slapped|levied|settled for|hit with|"
                         r"put on hold|paused|suspended|aims to|"
                         r"(will|would) (import|buy|purchase|impose|cut|halve|remove|eliminate|scrap|lift|lower|reduce|"
                         r"raise|apply)|(tariffs?|duties|levies|rates?) (will|would) (fall|drop|rise|take effect|be (cut|"
                         r"removed|lowered|halved|raised|imposed))|"
                         r"(cut|cuts|raised|raises|lowered|lowers|reduced|reduces|hiked|hikes|trimmed|slashed|lifted)"
                         r"\b[^.;]{0,40}\b(rates?|benchmark|tariffs?|duties|duty|levy|levies))\b", re.I)
_SINCE_SUPERLATIVE = re.compile(r"\b(highest|lowest|biggest|largest|smallest|strongest|weakest|fastest|slowest|worst|"
                                r"best|steepest|sharpest)\b[^.;]{0,40}\b(since|ever|on record|in (\w+ ){0,3}(years|"
                                r"decades))\b", re.I)
# a policy act in a clause of time or reason is background to the claim, not its point
_SUBORDINATE = re.compile(r"\b(since|after|before|until)\b(?!.*[,;])[^.;]*$", re.I)
# a forecast is a prediction whatever its numbers; a bare "could" or "may" with a number is a numeric claim
_FORECAST = re.compile(r"\b(expects?|expected to|forecasts?|forecast to|projected|projects|predicts?|predicted|"
                       r"likely to|is likely|are likely|outlook|sees? \w+ (rising|falling|at))\b", re.I)


_CAUSAL = re.compile(r"\b(because|due to|caused|led to|lead to|as a result|result of|driven by|thanks to|owing to|"
                     r"blam\w+|reflecting|in response to|triggered|trigger|plunge \w+ into)\b|"
                     r"\b(rose|fell|jumped|slid|dropped|climbed|gained|tumbled|surged|rallied|slumped)\b[^.;]{0,60}"
                     r"\bafter\b|\bto (curb|tame|fight|combat|contain|cool|rein in|tackle|counter) (\w+ ){0,2}"
                     r"(inflation|prices)\b", re.I)
_PREDICTION = re.compile(r"\b(will|won't|set to|going to|would|is to|are to)\b", re.I)
# case-sensitive: "may" the verb, not "May" the month
_HEDGED_FUTURE = re.compile(r"\b([Cc]ould|may|[Mm]ight|expects?|expected to|forecasts?|projected|projects|predicts?|"
                            r"likely to|is likely|are likely)\b")
_COMPARISON = re.compile(r"\b(than|compared|versus|biggest|largest|highest|lowest|smallest|fastest|slowest|record|"
                         r"twice|doubled?|tripled?|most|least|first time)\b|\b\w+est since\b", re.I)
_QUANTITY_WORDS = re.compile(r"\b(half|(by|of) (a|one|two) (third|quarter|fifth)s?|(a|one|two) (third|quarter|fifth)s? of|"
                             r"twice|double|triple|hundreds?|thousands?|millions?|"
                             r"billions?|trillions?|dozens?)\b", re.I)


# Where one sentence joins independent assertions: dashes, semicolons, and ", but/though/while …" or ", and the …"
CLAUSE_CUT = re.compile(r"\s+[\u2014\u2013]\s+|\u2014|\s--\s|;\s+"
                        r"|,[\"\u201d\u2019]?\s+(?=(?:but|though|although|while|whereas)\s)"
                        r"|,\s+(?=and\s+(?:the|its|it|he|she|they|his|her|their|analysts)\s)")
MIN_CLAUSE_WORDS = 5
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def claim_units(doc: Doc) -> Iterable[tuple[Span, bool]]:
    """Sentences (cut at line breaks too), each further cut into clauses that could stand as claims alone; with
    each piece, whether it ends its sentence."""
    for seg in sentence_segments(doc):
        text = seg.text
        cuts = [m for m in CLAUSE_CUT.finditer(text)]
        pieces: list[tuple[int, int]] = []
        start = 0
        for m in cuts:
            before, after = text[start:m.start()].split(), text[m.end():].split()
            if len(before) >= MIN_CLAUSE_WORDS and len(after) >= MIN_CLAUSE_WORDS:
                pieces.append((start, m.start()))
                start = m.end()
        pieces.append((start, len(text)))
        kept: list[tuple[int, int]] = []
        for a, b in pieces:
            span = doc.char_span(seg.start_char + a, seg.start_char + b, alignment_mode="contract")
            if kept and (span is None or not _stands_alone(span)):
                kept[-1] = (kept[-1][0], b)  # "— a law, approved last year by parliament" belongs before
            else:
                kept.append((a, b))
        for a, b in kept:
            span = doc.char_span(seg.start_char + a, seg.start_char + b, alignment_mode="contract")
            if span is not None and len(span):
                yield span, b == len(text)


def _stands_alone(span: Span) -> bool:
    """A clause with a finite verb, or a verbless aside that compares or counts ("— twice last year's level")."""
    if any(t.tag_ in FINITE_TAGS for t in span):
        return True
    return bool(_COMPARISON.search(span.text) or re.search(r"\d", YEAR.sub("", span.text)))


class ClaimFinder:
    """The `saidwhat_claims` component."""

    def __init__(self, threshold: float = 0.0, clauses: bool = True):
        self.threshold = threshold
        self.clauses = clauses
        self.scorer = shared_scorer()

    def __call__(self, doc: Doc) -> Doc:
        units = claim_units(doc) if self.clauses else ((s, True) for s in sentence_segments(doc))
        claims = []
        seen: set[str] = set()
        text_of_doc = doc_text(doc)
        for seg, complete in units:
            text = seg.text
            line_start = text_of_doc.rfind("\n", 0, seg.start_char) + 1
            line_end = text_of_doc.find("\n", seg.end_char)
            line = text_of_doc[line_start:line_end if line_end >= 0 else len(text_of_doc)]
            if CREDIT.search(line) or PROMO.search(line):
                continue  # a sentence of a photo caption or of a promotion
            key = " ".join(text.lower().split())
            if key in seen:
                continue  # the same sentence twice (a page's pull quote, a copied paragraph) is one claim
            seen.add(key)
            score = self.scorer.score(text, complete)
            if score > self.threshold:
                claims.append(Claim(text=text, type=claim_type(text), score=round(score, 4),
                                    start=seg.start_char, end=seg.end_char))
        doc._.claims = claims
        return doc


@Language.factory("saidwhat_claims", default_config={"threshold": 0.0, "clauses": True})
def make_claims(nlp: Language, name: str, threshold: float, clauses: bool) -> ClaimFinder:
    """Scored claims into ``doc._.claims`` (those above `threshold`; listing applies its own cut, 0.5 by default)."""
    return ClaimFinder(threshold=threshold, clauses=clauses)


if __name__ == "__main__":  # python -m nlp.components.claims: refit the scorer after editing the seed or lexicon
    target = resources.files("nlp.data").joinpath(MODEL_FILE)
    Path = __import__("pathlib").Path
    Path(str(target)).write_text(json.dumps(train_model(), indent=0) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {target}\n")
