"""Check-worthy claims: every sentence scored in [0, 1] and typed; `doc._.claims` keeps those above `threshold`.

The score is a logistic regression over hand-made features (numbers, comparatives, causal connectives, modal and
future words, reporting verbs, first-person opinion words, quote marks, length, headline shape) plus the
words. It is fitted on a small seed set of invented news-style sentences shipped
as JSON (``nlp/data/claims_seed.json``). The fitted coefficients are plain JSON (``nlp/data/claims_model.json``,
regenerate with ``python -m nlp.components.claims``), so scoring needs no scikit-learn at run time; the file
records a digest of the seed and lexicon, and a test fails when it is stale. Page furniture and questions are
ruled out before scoring. The type comes from rules (``nlp/claim_types.py``), not from the model.
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
from spacy.tokens import Doc, Span, Token

from nlp.segments import doc_text, sentence_segments
from nlp.claim_types import COMPARISON, MONEY, YEAR
from nlp.extensions import Claim

NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
                "million", "billion", "trillion", "half", "third", "thirds", "quarter", "quarters", "fifth", "dozen",
                "twice", "double", "triple", "percent", "zero"}
TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
QUESTION = re.compile(r"\?[\"'\u201d\u2019)]*$")
# a quoted question with only its speaker after it: '"Who pays for this?" a senator asked.'
QUOTED_QUESTION = re.compile(r"^[\"\u201c][^\"\u201d]*\?[\"\u201d]\s*,?\s*(?:\S+\s+){0,11}\S+$")
PERCENT = re.compile(r"%|\bper ?cent\b|\bpercentage points?\b|\bbasis points?\b|\bbps\b")
QUOTES = "\"\u201c\u201d"
# a caption ends on the day its photo was taken: "…, Wednesday, March 21, 2018.", "… on May 20, 2018.", "… on May 20."
CAPTION_DATE = re.compile(r"(?:,|\bon)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
                          r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?\.?\s*"
                          r"(?:\(.*\))?\s*$")
# an editor's note or an opinion page's disclaimer: "Editor's note: …", "The views expressed here are the author's
# own.", "The article reflects the writer's own opinions."
EDITORIAL = re.compile(r"^\W*(?:editor'?s )?note:|\b(?:views|opinions) expressed\b|\b(?:reflects?|represents?) (?:only )?"
                       r"the (?:author|writer)s?['\u2019]?s? own (?:views?|opinions?)\b|\bdo(?:es)? not necessarily "
                       r"(?:reflect|represent) (?:the (?:views|opinions|position)|those) of\b", re.I)
# a call to read more of the outlet: "Follow our page to learn more about the fair.", "Visit our site to find out more."
CALL_TO_READ = re.compile(r"^\W*(?:follow|visit|download|subscribe to|sign up for|click|tap|watch|listen to|join)\b"
                          r".{0,80}\bto (?:learn|find out|read|see|get|know|discover|hear) more\b", re.I)
# where someone stands in a photo: "(L)", "(2nd R)", "(center)", "(front, right)"
PICTURE_PLACE = re.compile(r"\((?:(?:front|back|rear|first|second|third|\d(?:st|nd|rd|th)),? )?"
                           r"(?:L|R|C|left|right|cent(?:er|re)|front|back|middle)\)")
REPORTED = re.compile(r"\b(?:said|says|told|tells|according to|added)\b")
# a line crediting a photo is a caption, whatever its sentences say; an agency's name closed and followed by a dash
# is a wire story's dateline ("OSLO, May 2 (Reuters) -", "LIMA, Jan. 9 (AP) --"), which opens its lead paragraph
CREDIT = re.compile(r"\((?:AP|AFP|Reuters|Getty|Bloomberg|EPA|Xinhua)\b(?!\)\s*(?:--|[-\u2014\u2013]))|\b(?:AP|AFP) Photo\b|\bGetty Images\b|"
                    r"\bPhoto(?:graph)?: |\bImage: |\b(?:Photo|Picture) by\b", re.I)
# a line ending in a call to action is a promotion ("… returns to San Francisco Dec. 8–9 … Register here.")
PROMO = re.compile(r"\b(?:register|sign up|subscribe|learn more|find out more|get (?:your )?tickets|buy tickets|"
                   r"book (?:now|here|your)|join us|apply now)(?: (?:here|now|today|for free))?\W*$", re.I)
# a line sending readers to more of the outlet's pages ("For more coverage of the election, visit our hub.")
HOUSE_LINK = re.compile(r"^\W*(?:and )?for more (?:of our )?(?:coverage|on|news|stories|analysis|reporting)\b.*"
                        r"\b(?:see|visit|read|go to|follow|head to)\b", re.I)
WORD = re.compile(r"[\w'%$\u20ac\u00a3.-]+")  # a word with its figures: "4.5%", "$300", "u.s."
PLAIN_WORD = re.compile(r"[\w']+")
LETTER_WORD = re.compile(r"[A-Za-z][\w'-]*")
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
        self._multiword = [(name, pattern) for name, pattern in self.multi.items() if pattern.pattern != NEVER]
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
        return bool(QUESTION.search(stripped) or QUOTED_QUESTION.match(stripped)
                    or self.boilerplate_start.match(stripped) or self.boilerplate.search(stripped.lower())
                    or EDITORIAL.search(stripped) or CALL_TO_READ.match(stripped)
                    or self.is_caption(stripped))

    def is_caption(self, text: str) -> bool:
        """A photo caption: someone doing something in the present tense, dated to the day ("The minister speaks
        to reporters in Ottawa, Canada, on March 4, 2025.", "… on Capitol Hill, Wednesday, March 21, 2018."), or
        people placed in the picture ("Finance Minister Ana Ruiz (2nd L) meets …") by someone who does not speak."""
        if PICTURE_PLACE.search(text) and not REPORTED.search(text):
            return True
        if not CAPTION_DATE.search(text):
            return False
        words = set(re.findall(r"[\w']+", text.lower()))
        return bool(words & self.single["caption"] or self.multi["caption"].search(text.lower()))

    def words(self, text: str) -> list[str]:
        return WORD.findall(text.lower())

    def __call__(self, text: str, words: list[str] | None = None) -> dict[str, float]:
        """The features of one text; `words` are its ``words()`` when the caller has them already."""
        stripped = text.strip()
        lower = stripped.lower()
        words = self.words(stripped) if words is None else words
        n = len(words)
        feats: dict[str, float] = {}
        digits = sum(1 for w in words if any(map(str.isdigit, w)) and not YEAR.fullmatch(w.strip(".,")))
        spelled = sum(1 for w in words if w in NUMBER_WORDS)
        feats["has_number"] = float(digits + spelled > 0)
        feats["digits"] = min(digits, 4) / 4
        feats["number_words"] = min(spelled, 4) / 4
        feats["percent"] = float(bool(PERCENT.search(lower)))
        feats["money"] = float(bool(MONEY.search(lower)))
        feats["year"] = float(bool(YEAR.search(lower)))
        counts = Counter(PLAIN_WORD.findall(lower))
        hits = {name: sum(counts[w] for w in counts.keys() & single) for name, single in self.single.items()}
        for name, pattern in self._multiword:
            hits[name] += len(pattern.findall(lower))
        for name, found in hits.items():
            feats[name] = min(found, 3) / 3
            feats[f"has_{name}"] = float(found > 0)
        feats["terminal"] = float(bool(TERMINAL.search(stripped)))
        # regular past tenses and participles ("imposed", "raised"): reports of what happened
        feats["past_ed"] = min(sum(1 for w in words if len(w) > 4 and w.endswith("ed")), 3) / 3
        feats["quoted"] = float(any(q in stripped for q in QUOTES))
        feats["starts_quote"] = float(stripped[:1] in QUOTES)
        letter_words = LETTER_WORD.findall(stripped)
        capitals = [w for w in letter_words[1:] if w[0].isupper()]
        alpha = max(1, len(letter_words) - 1)
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

    def vector(self, text: str, complete: bool = True, words: list[str] | None = None) -> dict[str, float]:
        row = row_features(self.features, text, words)
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
        words = self.features.words(text)
        if len(words) < MIN_WORDS or self.features.is_furniture(text):
            return 0.0
        weights = self.weights
        z = self.intercept + sum(weights.get(k, 0.0) * v for k, v in self.vector(text, complete, words).items())
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


def row_features(features: ClaimFeatures, text: str, words: list[str] | None = None) -> dict[str, float]:
    """Hand-made features plus the sentence's words, binary and L2-normalised and damped: the seed set is small,
    so the shape of a sentence must weigh more than its topic. `words` are the text's ``features.words()``."""
    words = features.words(text) if words is None else words
    row = features(text, words)
    words = {w.strip(".,;:'\"") for w in words} - {""}
    if words:
        value = WORD_WEIGHT / math.sqrt(len(words))
        row.update({f"w={w}": value for w in sorted(words)})  # sorted: the same sum every run
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


# Where one sentence joins independent assertions: dashes, semicolons, and ", but/though/while …" or ", and the …"
CLAUSE_CUT = re.compile(r"\s+[\u2014\u2013]\s+|\u2014|\s--\s|;\s+"
                        r"|,[\"\u201d\u2019]?\s+(?=(?:but|though|although|while|whereas)\s)"
                        r"|,\s+(?=and\s+(?:the|its|it|he|she|they|his|her|their|analysts)\s)")
MIN_CLAUSE_WORDS = 5
# a verbless piece opening with these goes on with the piece before ("…, or 14 of the 27 members")
CONTINUING_WORDS = {"or", "and", "nor", "compared", "versus", "vs", "vs.", "against", "up", "down"}
MIN_ROW_FIGURES = 3  # a verbless line with this many figures is a table row
# verbs of a schedule, told of what is still to come: who will meet, travel or vote when ("will vote next week";
# "voted to cut rates" is a decision, "met on Monday" may carry what was agreed)
SCHEDULE_VERBS = {"meet", "convene", "reconvene", "gather", "travel", "visit", "arrive", "adjourn", "vote",
                  "attend", "discuss", "resume"}
REPORTING_LEMMAS = {"say", "tell", "add", "announce", "confirm", "report"}
STATING_LEMMAS = REPORTING_LEMMAS | {"state"}
# who can be told what they should do: people, governments, firms and bodies
AGENT_PRONOUNS = {"i", "we", "you", "he", "she", "they"}
AGENT_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
AGENT_NOUNS = {"government", "country", "nation", "bank", "company", "firm", "union", "committee", "parliament",
               "congress", "administration", "minister", "president", "leader", "official", "authority",
               "regulator", "state", "people", "everyone", "member", "senator", "lawmaker", "legislator", "mayor",
               "governor", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson", "executive",
               "group", "association", "party", "ministry", "department", "agency", "council", "board",
               "commission", "industry", "farmer", "exporter", "importer", "producer", "manufacturer", "analyst",
               "economist", "critic", "opposition", "lobby", "campaigner", "activist", "investor", "employer",
               "worker"}
# verbs that voice a stance toward what others do, not a fact: "The union called for a ban", "Ministers insisted on
# a tough line", "He fears an escalation", "Farmers welcomed the deal" (with no figure); "rejected" stays out: a
# court, a parliament or a regulator that rejects something has decided
STANCE_VERBS = {"insist", "urge", "welcome", "criticise", "criticize", "condemn", "denounce", "deplore",
                "fear", "praise", "applaud", "regret", "lament", "hail", "slam", "decry"}
# with no figure, what a government hopes for, is ready to do or agrees to keep doing is an aspiration, not a fact:
# "Norway hopes the talks succeed", "Peru is ready to work with Chile", "The two sides agreed to keep in touch";
# what it is ready or agrees to do about a measure ("agreed to lift the ban", "is ready to retaliate with duties")
# stays a claim
HOPE_FORMS = {"hope", "hopes", "hoped", "hoping", "wish", "wishes", "wished"}
READY_WORDS = {"ready", "willing", "committed", "determined", "eager", "keen", "dedicated"}
PLEDGE_LEMMAS = {"agree", "pledge", "vow", "promise", "resolve"}
# verbs of going on talking and working together
PROCESS_VERBS = {"continue", "keep", "maintain", "strengthen", "enhance", "deepen", "intensify", "strive", "work",
                 "push", "promote", "advance", "boost", "seek", "stay", "cooperate", "join", "facilitate",
                 "consolidate", "build", "implement", "hold", "have", "pursue", "explore", "develop", "expand",
                 "safeguard", "uphold", "contribute", "help", "support", "communicate", "engage", "resolve", "settle",
                 "handle", "address", "manage", "make", "play", "open", "share", "achieve", "accelerate", "step"}
# nouns of a measure someone can take: with one, the pledge has content
MEASURE_NOUNS = {"tariff", "duty", "levy", "tax", "sanction", "quota", "ban", "embargo", "subsidy", "price", "rate",
                 "import", "export", "purchase", "measure", "countermeasure", "restriction", "barrier", "dumping",
                 "probe", "investigation", "lawsuit", "case", "retaliation", "visa", "troop", "weapon", "deal"}
# holding to a course, with no measure named: "adheres to the principle of …", "pursues a strategy of openness"
COURSE_VERBS = {"adhere", "pursue", "uphold", "follow", "stick", "keep"}
COURSE_NOUNS = {"policy", "principle", "path", "strategy", "concept", "philosophy", "vision", "idea", "approach",
                "course", "road"}
COURSE_ADVERBS = {"further", "firmly", "steadfastly", "unswervingly", "resolutely", "actively", "continuously"}
REMARK_NOUNS = {"remark", "comment"}  # "made the announcement" is itself news
# with no figure, "it is important / unfair / time / too early to …" weighs what should be or can be said, and
# states no fact ("It is vital for both sides to cut red tape", "It was too early to say whether …")
NORMATIVE_WORDS = {"important", "necessary", "essential", "crucial", "vital", "imperative", "urgent", "unfair", "fair",
                   "unjust", "natural", "normal", "right", "wrong", "wise", "unwise", "reasonable", "unreasonable",
                   "ridiculous", "absurd", "irresponsible", "unacceptable", "regrettable", "understandable",
                   "appropriate", "inappropriate", "desirable"}
# with no figure and no rank, a role played, contributions made, and opportunities or benefits brought are praise,
# not facts: "The fair plays an active role in …", "Trade has brought real benefits to both"; "the biggest
# contribution" ranks and stays
PRAISE_OBJECTS = {"role": {"play"}, "contribution": {"make"},
                  **{noun: {"create", "bring", "provide", "offer", "deliver", "generate", "open", "present", "inject",
                            "give"} for noun in ("opportunity", "benefit", "momentum", "impetus", "vitality",
                                                 "prospect", "possibility")}}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# with no figure, how things seem to someone is a reading of events, not a fact ("Growth seems stronger", "It looks
# like the worst is over"), and so is what "I" or "we" think, believe or feel ("I think the bank will wait")
VIEW_VERBS = {"think", "believe", "feel", "reckon"}


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
        if len(pieces) > 1 and _predicate_after_aside(doc, seg, pieces):
            pieces = [(0, len(text))]  # "A majority — home to 65% of people — would have been needed": one sentence
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


def _predicate_after_aside(doc: Doc, seg: Span, pieces: list[tuple[int, int]]) -> bool:
    """A piece after a dash opens with a finite verb: the subject stands before the dash, the dashes hold an
    aside, and the sentence is one claim."""
    for a, _ in pieces[1:]:
        tok = next((t for t in seg if t.idx >= seg.start_char + a and not t.is_space), None)
        if tok is not None and tok.pos_ in ("AUX", "VERB") and tok.tag_ in FINITE_TAGS:
            return True
    return False


def table_row(span: Span) -> bool:
    """A row of a table or a list of figures with no verb ("Wheat 39.9, barley 12.0, total 51.9 (48.2).",
    "Japan 24%, Vietnam 46%, Chile 18%"): figures to read, not a claim anyone makes."""
    figures = sum(1 for t in span if t.like_num and not YEAR.fullmatch(t.text))
    return figures >= MIN_ROW_FIGURES and not any(t.pos_ in ("VERB", "AUX") for t in span)


def no_claim_without_a_figure(span: Span) -> bool:
    """A piece with no figure (other than a date or a time) that no one can check: a schedule still to come ("The
    ministers will meet in Geneva on Friday"), a supposition ("If the board ends the scheme, costs would go up"),
    a stance ("Beijing called for talks", "Farmers welcomed the deal"; "agreed to", "threatened", "voted" and
    "rejected" tell what someone did and stay) or advice ("Japan should open its markets"; what something should
    do, "prices should ease", is a forecast and stays). "About 15,000 miners will attend the rally" keeps its
    figure and stays a claim. A hope, a readiness or an agreement to go on talking ("Oslo hopes …", "is ready to
    work with …", "the two sides agreed to keep in touch") and the occasion of remarks ("made the remarks at …") are
    no claims even with the parties counted or an ordinal ("the 12th summit"), and neither is a judgment of what
    should be ("it is vital for both sides to …", "it is too early to say whether the three countries …"); with
    no figure, a role played, contributions made and opportunities or benefits brought are praise ("Trade has
    brought real benefits to both")."""
    mains, tops = _main_verbs(span), _top_verbs(span)
    if _has_figure(span):
        # "the two sides", "a third round of talks": counts of the parties and ordinals are no figures to check
        return not _has_quantity(span) and (_aspiration(mains + tops) or _remarks_made(mains) or _evaluation(mains))
    return _schedule(mains) or _supposition(mains) or _conjecture(span) or _stance(tops) or _advice(tops) \
        or _view(mains + tops) or _aspiration(mains + tops) or _remarks_made(mains) or _evaluation(mains) \
        or _praise(mains)


def _schedule(verbs: list[Token]) -> bool:
    """Who will meet when, what "will be held" or "will take place" where, and what "is scheduled to" happen."""
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma == "schedule" and any(c.dep_ == "xcomp" for c in verb.children):
            return True
        if not any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in verb.children):
            continue
        if lemma in SCHEDULE_VERBS or lemma == "hold" and any(c.dep_ == "auxpass" for c in verb.children) \
                or lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children):
            return True
    return False


def _supposition(verbs: list[Token]) -> bool:
    return any(
        any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "'d") for c in verb.children) and any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            for c in verb.children) for verb in verbs)


def _conjecture(span: Span) -> bool:
    """The sentence's own verb says what would be, told by no one ("A total ban would hurt exporters", "That
    would be bad news for savers"): a conjecture of the writer; "would" under a speaker ("the bank said it would
    wait") tells what someone said and stays."""
    root = span.root
    return any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in root.children) and not any(
        c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in root.children) and not any(
        any(ch.isdigit() for ch in t.text) and t.ent_type_ not in ("DATE", "TIME") for t in span)  # "$200bn"


def _stance(verbs: list[Token]) -> bool:
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma in STANCE_VERBS or lemma == "call" and _agent_subject(verb) and any(
                c.dep_ == "prep" and c.lower_ in ("for", "on") or c.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ == "for" for m in c.children) for c in verb.children):
            return True  # "called for talks", "called on Ottawa to …"; "the bill calls for …" tells what it holds
    return False


def _view(verbs: list[Token]) -> bool:
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma == "seem" or lemma == "look" and (any(c.dep_ == "acomp" and c.lower_ != "set" for c in verb.children)
                                                   or verb.i + 1 < len(verb.doc) and verb.nbor(1).lower_ == "like"):
            return True  # "Demand seems to have cooled", "It looks like a slowdown" ("looks at", "is looking
            # into", "looks set to" tell what someone does or what is coming)
        if lemma in VIEW_VERBS and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children):
            return True  # "I think the Fed will wait"
    return False


def _aspiration(verbs: list[Token]) -> bool:
    """A hope ("Oslo hopes the talks will succeed", "expressed the hope that …"), a readiness ("is ready to work
    with Lima", "is committed to deepening ties") or an agreement to go on talking ("agreed to continue their
    consultations"): no one can check it. Readiness and agreement about a measure ("is ready to lift the
    sanctions", "agreed to scrap the duties") tell a decision and stay."""
    for verb in verbs:
        if verb.lower_ in HOPE_FORMS or verb.lemma_.lower() == "express" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in HOPE_FORMS for c in verb.children):
            return True
        if verb.lemma_.lower() == "be":
            ready = [c for c in verb.children if c.dep_ == "acomp" and c.lower_ in READY_WORDS]
            if any(_process_only(r) for r in ready):
                return True
        elif verb.lemma_.lower() in PLEDGE_LEMMAS:
            if _process_only(verb):
                return True
        if _pledged_course(verb):
            return True
    return False


def _pledged_course(verb: Token) -> bool:
    """"Peru will continue to deepen ties with …", "Chile will firmly uphold free trade": a course pledged, with no
    measure in it ("will further cut duties on grain" names one and stays)."""
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in verb.children):
        return False
    if verb.lemma_.lower() == "continue":
        return _process_only(verb)
    return verb.lemma_.lower() in PROCESS_VERBS and _without_measure(verb) and any(
        c.dep_ == "advmod" and c.lower_ in COURSE_ADVERBS for c in verb.children)


def _process_only(head: Token) -> bool:
    """What `head` ("ready", "agreed") is to do is to go on talking or working together, about no measure."""
    done = [c for c in head.children if c.dep_ == "xcomp"]
    return bool(done) and all(c.lemma_.lower() in PROCESS_VERBS and _without_measure(c) for c in done)


def _without_measure(head: Token) -> bool:
    """Nothing under `head` names a measure, and it is not negated ("agreed not to …" is a decision)."""
    return not any(t.lemma_.lower() in MEASURE_NOUNS or t.dep_ == "neg" for t in head.subtree)


def _evaluation(verbs: list[Token]) -> bool:
    """"It is important / unfair / in the interest of both / time / too early to …": a judgment, not a fact."""
    for verb in verbs:
        if verb.lemma_.lower() != "be" or not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it"
                                                  for c in verb.children):
            continue
        for c in verb.children:
            if c.dep_ == "acomp" and (c.lower_ in NORMATIVE_WORDS and not _points_to_a_fact(c)
                                      or any(a.lower_ == "too" for a in c.children)) \
                    or c.dep_ == "attr" and c.lemma_.lower() == "time" and not _ranked(c) \
                    or c.dep_ == "prep" and c.lower_ == "in" and any(p.lemma_.lower() == "interest" for p in c.children):
                return True
    return False


def _praise(verbs: list[Token]) -> bool:
    """"… plays an important role", "has made great contributions", "will create new opportunities": praise, not
    a fact, unless the noun is ranked ("made the largest contribution"); "adheres to the principle of …" holds to a
    course and names no measure."""
    for verb in verbs:
        lemma = verb.lemma_.lower()
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [c for o in objects for c in o.conjuncts]  # "offered markets, opportunities and jobs"
        if any(lemma in PRAISE_OBJECTS.get(o.lemma_.lower(), ()) and not _ranked(o) for o in objects):
            return True
        if lemma in COURSE_VERBS and _without_measure(verb) and any(
                o.lemma_.lower() in COURSE_NOUNS for o in objects + [p for c in verb.children if c.dep_ == "prep"
                                                                     for p in c.children if p.dep_ == "pobj"]):
            return True  # "adheres to the principle of …", "will stick to its path of opening up"
    return False


def _ranked(noun: Token) -> bool:
    """"the biggest engine", "the first time", "the only bridge": a rank someone can check."""
    return any(m.tag_ in ("JJS", "RBS") or m.ent_type_ == "ORDINAL" or m.lower_ in ("first", "last", "only")
               for m in noun.children)


def _points_to_a_fact(adjective: Token) -> bool:
    """"It is important to note that …" hands on a fact: the fact is the claim."""
    return any(t.lemma_.lower() in ("note", "remember", "recall", "stress", "mention", "emphasize", "emphasise",
                                    "point", "bear") for t in adjective.head.subtree if t.dep_ in ("xcomp", "advcl"))


def _remarks_made(verbs: list[Token]) -> bool:
    """The occasion of what was said, told after it ("Lopez made the remarks at a briefing in Lima")."""
    return any(verb.lemma_.lower() == "make" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in REMARK_NOUNS for c in verb.children) for verb in verbs)


def _advice(verbs: list[Token]) -> bool:
    return any(any(c.dep_ == "aux" and c.lower_ in ("should", "must", "ought") for c in verb.children)
               and _agent_subject(verb) for verb in verbs)


def _agent_subject(verb: Token) -> bool:
    """The verb's subject is someone who can act: a person, a government, a firm or a body."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.lower_ in AGENT_PRONOUNS or subject.ent_type_ in AGENT_ENTITIES
                                    or subject.lemma_.lower() in AGENT_NOUNS)


def _top_verbs(span: Span) -> list[Token]:
    """The span's own top verbs (a clause cut from its sentence, "but insisted that …", hangs on a verb outside
    it), and under a reporting one the verb of what was said."""
    start, end = span.start, span.end
    tops = [t for t in span if t.pos_ in ("VERB", "AUX") and (not start <= t.head.i < end or t.head.i == t.i)]
    return tops + [c for t in tops if t.lemma_.lower() in STATING_LEMMAS for c in t.children
                   if c.dep_ in ("ccomp", "xcomp")]


def _main_verbs(span: Span) -> list[Token]:
    """The sentence's own verb, and under a reporting verb ("…, brokers said") the verb of what was said."""
    root = span.root
    return [root] + ([c for c in root.children if c.dep_ in ("ccomp", "xcomp")]
                     if root.lemma_.lower() in REPORTING_LEMMAS else [])


def _has_figure(span: Span) -> bool:
    """A number other than a date or a time of day."""
    return any(t.like_num and t.ent_type_ not in ("DATE", "TIME") for t in span)


def _has_quantity(span: Span) -> bool:
    """A figure other than a date, a time, an ordinal ("the 18th congress") or the count of the parties in
    the subject ("the two sides agreed")."""
    return any(t.like_num and t.ent_type_ not in ("DATE", "TIME", "ORDINAL")
               and not (t.dep_ == "nummod" and t.head.dep_ in ("nsubj", "nsubjpass")) for t in span)


def _stands_alone(span: Span) -> bool:
    """A clause with a finite verb, or a verbless aside that compares or counts ("— twice last year's level")."""
    if any(t.tag_ in FINITE_TAGS for t in span):
        return True
    if span[0].lower_ in CONTINUING_WORDS:
        return False  # "— or 14 of the 27 members", "— compared with 80% a year ago": the figure before, told again
    return bool(COMPARISON.search(span.text) or re.search(r"\d", YEAR.sub("", span.text)))


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
        furniture: dict[int, bool] = {}  # line start → whether the line is a caption or a promotion
        for seg, complete in units:
            text = seg.text
            line_start = text_of_doc.rfind("\n", 0, seg.start_char) + 1
            if line_start not in furniture:
                line_end = text_of_doc.find("\n", seg.end_char)
                line = text_of_doc[line_start:line_end if line_end >= 0 else len(text_of_doc)]
                furniture[line_start] = bool(CREDIT.search(line) or PROMO.search(line) or HOUSE_LINK.search(line))
            if furniture[line_start]:
                continue  # a sentence of a photo caption or of a promotion
            key = " ".join(text.lower().split())
            if key in seen:
                continue  # the same sentence twice (a page's pull quote, a copied paragraph) is one claim
            seen.add(key)
            if table_row(seg) or no_claim_without_a_figure(seg):
                continue
            score = self.scorer.score(text, complete)
            if score > self.threshold:
                claims.append(Claim(text=text, score=round(score, 4),
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
