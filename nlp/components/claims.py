"""Check-worthy claims: every sentence scored in [0, 1] and typed; `doc._.claims` keeps those above `threshold`.

The score is a logistic regression over hand-made features (numbers, comparatives, causal connectives, modal and
future words, reporting verbs, first-person opinion words, quote marks, length, headline shape) plus the
words. It is fitted on a small seed set of invented news-style sentences shipped
as JSON (``nlp/data/claims_seed.json``). The fitted coefficients are plain JSON (``nlp/data/claims_model.json``,
regenerate with ``python -m nlp.components.claims``), so scoring needs no scikit-learn at run time; the file
records a digest of the seed and lexicon, and a test fails when it is stale. Page furniture and questions are
ruled out before scoring, and so is what is no claim by its form (table rows, captions: ``nlp/claim_forms.py``)
or by what the parse shows (``nlp/claim_filters.py``). The type comes from rules (``nlp/claim_types.py``), not
from the model.
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

from nlp.claim_filters import no_claim_without_a_figure
from nlp.claim_forms import caption_fragment, not_english, present_caption, table_row, verbless
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
# the close of a quote of several sentences that asks a question, with only its speaker after it: 'How can they
# square that with the cuts?" said a union leader.'
CLOSING_QUESTION = re.compile(r"^[^\"\u201c\u201d]*\?[\"\u201d]\s*,?\s*(?:\S+\s+){0,11}\S+$")
# a telephone number: where to call is logistics ("Relatives can call the hotline on 0800 555 017", "For tickets
# ring (212) 555-0199")
PHONE = re.compile(r"(?<![\d,.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{3,4}[ .-]\d{3}[ .-]\d{3,4}(?![\d,.]\d)"
                   r"|\(\d{3}\) ?\d{3}-\d{4}\b")
# a reporter's question in a briefing's transcript, marked "Q" ("Q Minister, will the duties stay?", "Q: And the
# budget …"), whether or not it ends in a question mark
TRANSCRIPT_QUESTION = re.compile(r"^Q(?::|\.)?\s+(?=[A-Z\u201c\"])")
# an interviewer's prompt, a request put in place of a question: "Tell us about the first season.", "Describe the
# trial for our readers." (what is asked for, not said; "Tell-tale signs …" and "Explaining the cut, …" are no
# prompts)
PROMPT = re.compile(r"^(?:Please\s+)?(?:(?:Tell|Remind)\s+(?:me|us|our\s+readers)\b"
                    r"|(?:Describe|Explain)\s+(?=the|your|how|what|why)|Talk\s+(?:to\s+us\s+)?about\b"
                    r"|Walk\s+us\s+through\b)")
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
# or set off by commas after a name, as news photo captions write it: "Ana Ruiz, left, and Jo Hale embrace …", "Jo
# Hale, second from right, …"
PICTURE_PLACE_SET_OFF = re.compile(r"\b[A-Z][\w.'\u2019-]*, (?:(?:second|third|2nd|3rd|far) (?:from )?)?"
                                   r"(?:left|right|cent(?:er|re))(?:,| and\b)")
REPORTED = re.compile(r"\b(?:said|says|told|tells|according to|added)\b")
# a line crediting a photo is a caption, whatever its sentences say; an agency's name closed and followed by a dash
# is a wire story's dateline ("OSLO, May 2 (Reuters) -", "LIMA, Jan. 9 (AP) --"), which opens its lead paragraph
CREDIT = re.compile(r"\((?:AP|AFP|Reuters|Getty|Bloomberg|EPA|Xinhua)\b(?!\)\s*(?:--|[-\u2014\u2013]))|\b(?:AP|AFP) Photo\b|\bGetty Images\b|"
                    r"\bPhoto(?:graph)?: |\bImage: |\b(?:Photo|Picture) by\b", re.I)
# a line ending in a call to action is a promotion ("… comes back to Lisbon on May 3–4 … Register here.", "Five
# things the strike means for you - see the video!")
PROMO = re.compile(r"\b(?:register|sign up|subscribe|learn more|find out more|get (?:your )?tickets|buy tickets|"
                   r"book (?:now|here|your)|join us|apply now|(?:see|watch) (?:the|our) (?:video|clip|pictures|photos|"
                   r"gallery))(?: (?:here|now|today|for free|below|above))?\W*$", re.I)
# a note of when and why the story was edited ("Edited 3 May 4.15 pm: the second paragraph corrected …", "Updated
# 9.40: …", "Earlier story edited at 6 pm: we wrongly said …"): the whole line tells of the page, not of the world
EDIT_NOTE = re.compile(r"^\W*(?:earlier (?:news|story|article|report|version) )?(?:edited|updated|corrected)\b"
                       r"[^:\n]{0,25}\d[^:\n]{0,10}:", re.I)
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
        return bool(QUESTION.search(stripped) or QUOTED_QUESTION.match(stripped) or CLOSING_QUESTION.match(stripped)
                    or TRANSCRIPT_QUESTION.match(stripped) or PROMPT.match(stripped) or PHONE.search(stripped)
                    or self.boilerplate_start.match(stripped) or self.boilerplate.search(stripped.lower())
                    or EDITORIAL.search(stripped) or CALL_TO_READ.match(stripped)
                    or self.is_caption(stripped))

    def is_caption(self, text: str) -> bool:
        """A photo caption: someone doing something in the present tense, dated to the day ("The minister speaks
        to reporters in Ottawa, Canada, on March 4, 2025.", "… in parliament, Tuesday, May 6, 2025."), or
        people placed in the picture ("Finance Minister Ana Ruiz (2nd L) meets …", "Ana Ruiz, left, and Jo Hale
        embrace …") by someone who does not speak."""
        if (PICTURE_PLACE.search(text) or PICTURE_PLACE_SET_OFF.search(text)) and not REPORTED.search(text):
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
        if len(pieces) > 1 and (_predicate_after_aside(doc, seg, pieces) or _verbless_opening(seg, pieces)):
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


def _verbless_opening(seg: Span, pieces: list[tuple[int, int]]) -> bool:
    """The piece before the first cut has no finite verb: it is the subject, and what the dashes hold is an aside
    ("The owners of the stolen laptops -- most of them students -- rarely report it", "A bid by the opposition --
    now a majority -- to force a vote has stalled"): the sentence is one claim."""
    end = seg.start_char + pieces[0][1]
    return not any(t.tag_ in FINITE_TAGS for t in seg if t.idx < end)


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
        openings = {seg.start for seg in sentence_segments(doc)}
        for seg, complete in units:
            text = seg.text
            line_start = text_of_doc.rfind("\n", 0, seg.start_char) + 1
            if line_start not in furniture:
                line_end = text_of_doc.find("\n", seg.end_char)
                line = text_of_doc[line_start:line_end if line_end >= 0 else len(text_of_doc)]
                furniture[line_start] = bool(CREDIT.search(line) or PROMO.search(line) or HOUSE_LINK.search(line)
                                             or EDIT_NOTE.match(line))
            if furniture[line_start]:
                continue  # a sentence of a photo caption, a promotion or an edit note
            key = " ".join(text.lower().split())
            if key in seen:
                continue  # the same sentence twice (a page's pull quote, a copied paragraph) is one claim
            seen.add(key)
            if (verbless(seg) or caption_fragment(seg)) and seg.start in openings or table_row(seg) \
                    or not_english(seg) or present_caption(seg) \
                    or no_claim_without_a_figure(seg):
                # a verbless aside cut from its sentence may rank or count ("— in particular Acme, the
                # largest maker —"); a verbless sentence asserts nothing
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
