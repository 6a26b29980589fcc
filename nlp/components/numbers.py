"""saidwhat_numbers: every quoted quantity → ``doc.spans["numbers"]`` with ``span._.quantity``.

How it works: one compiled regular expression, built from the word lists in ``nlp/data/numbers.json``,
scans the text once for the surface form of a quantity (currency sign, number in digits or words, scale
word, unit, an optional second number for ranges). Working on characters rather than tokens matters because
spaCy's tokenizer leaves forms such as "5bn", "4.25%-4.5" or "10-$15" in one token. Each match is then
checked against its token context (dates, years, times, ages, labels such as "Section 232", numbers inside
names such as "Boeing 737", page furniture) and given what it measures from the dependency parse. Two small
patterns run first (fractions of a point, proportions such as "four in 10"); multipliers written as words
("doubled", "quadrupled", "twice as") come from a token pass. The model's entities are used only as context
(a bare number is kept when it counts a noun, or when written in digits and tagged CARDINAL). The written
forms themselves are read into numbers by ``nlp/quantity_forms.py``.

Conventions (documented for readers of the spans):
- ``value`` is the number in its unit: "10 percent" → 10.0 percent; "$10 billion" → 1e10 USD.
- Percentage points are reported in basis points: "half a percentage point", "a quarter-point" and
  "0.75 percentage points" → unit "bp", values 50, 25 and 75, so every rate move compares on one scale
  (the unit "pp" named in ``nlp.extensions`` is therefore never emitted).
- Ranges keep the low end in ``value`` and the high end in ``high``: "4.25%-4.5%" → 4.25, high 4.5.
  "from 10% to 25%" is a change, not a range: two quantities.
- "a fifth of", "two-thirds of", "nearly half said", "four in 10" → unit "fraction", values 0.2, 0.667, 0.5,
  0.4.
- Money in subunits is given in the main unit: "10 cents" → 0.10 USD, "50p" → 0.50 GBP. Signs are kept:
  "-0.3%" and "minus 0.3 percent" → -0.3.
- "points" are percentage points (→ bp) only for small moves (≤ 2) in a rate story; otherwise index or poll
  points, unit "points".
- Multipliers → unit "multiple": "doubled" 2, "quadrupled" 4, "halved" 0.5, "2 1/2 times as" 2.5.
- Vague amounts of money are the least their words allow ("billions of dollars" → 1e9 USD, "tens of billions of
  euros" → 1e10 EUR, the words in ``approx``); "zero-tariff" is 0 percent, "zero quotas" 0 (``nlp/number_phrases.py``).
- Durations keep their unit ("30 days" → 30 days; decades are reported in years).
- Plain counts → unit "count" with the counted noun in ``measures`` ("70 countries").
- A money amount written without its currency takes the one its sentence (or the sentence before) gives: "to
  4.2 billion pesos from 3.9 billion" → both in pesos; "pesos" and "rupees" are those of the country the story
  names (``nlp/elided_units.py``).
- Not quantities: years, dates, times of day, ages, ordinals, labels ("Section 232", "No. 2"), model and
  group names ("Boeing 737", "G20", "COVID-19"), and a bare "one". How a figure is written beyond its number
  (continental digit groups, hours with a dot, margins of error, lower-case labels, scores) is read in
  ``nlp/number_notation.py``, years in ``nlp/number_years.py``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.ages import an_age
from nlp.elided_units import currency_of_the_story, fill_elided_currency
from nlp.extensions import Quantity
from nlp.number_notation import (a_currency_before_a_noun, a_number_to_call, a_reference_mark, a_score, a_time_stamp,
                                  after_a_label, an_ordinal_in_words, clock_times, dotted_thousands, hundreds_shared,
                                  margin_before, shares_a_listed_noun, the_base_of_a_rate, words_counting_a_plural)
from nlp.number_phrases import phrase_quantities
from nlp.number_years import four_digits_counting, year_like, years_joined
from nlp.quantity_forms import (Surface, fraction_point_regex, parse_number, parse_side, proportion_regex,
                                 quantity_regex, scale_value, tables, to_basis_points, unit_of)
from nlp.segments import doc_text

PRONOUNS = {"it", "they", "he", "she", "this", "that", "we", "which", "who", "i", "you", "these", "those"}
# Outer entity labels meaning a bare number is part of a name ("Boeing 737", "Group of 20", "Section 232").
NAME_ENTS = {"ORG", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT", "FAC", "GPE", "NORP", "PERSON", "LOC"}
DATE_ENTS = {"DATE", "TIME"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
# Nouns whose plural is the singular: "12 aircraft" and "500 staff" are counts although the noun looks singular.
ZERO_PLURAL_NOUNS = {"aircraft", "staff", "personnel", "police", "cattle", "livestock", "sheep", "fish", "deer",
                     "swine", "poultry", "head", "freight", "crew", "spacecraft", "offspring", "series", "species",
                     "craft", "people"}
# Words before "half"/"quarter" that make it a period of time.
PERIOD_ADJECTIVES = {"first", "second", "third", "fourth", "last", "latter", "former", "final", "opening", "back",
                     "front", "current", "next", "previous", "same", "early", "late", "fiscal", "calendar"}
# Verbs directly before "X to Y" that make X a move and Y the new level, not a range.
CHANGE_VERBS = {"rise", "fall", "gain", "lose", "climb", "drop", "increase", "decrease", "cut", "raise", "jump",
                "slide", "slip", "sink", "surge", "soar", "plunge", "tumble", "add", "shed", "lift", "lower", "hike",
                "reduce", "advance", "decline", "grow", "shrink", "ease", "edge", "rally", "retreat", "trim"}
# a level this many times the move before it ("rose 21,000 to 1.2 million") is no range's high end
_LEVEL_OVER_MOVE = 4
OLDEST_AGE = 120  # no one is older: a larger figure after a name or "turned" is no age
MANY_OCCASIONS = 1000  # a count of occasions this large ("shared 12,000 times") is a figure, not narrative
# words a software version is written before ("the 2.0 release")
_RELEASES = frozenset({"version", "versions", "release", "releases", "beta", "edition", "update"})
DURATIONS = {"days", "weeks", "months", "years", "hours", "minutes", "seconds"}
REFERENTIAL_DETERMINERS = {"the", "our", "their", "these", "those", "its", "his", "her", "your", "my"}
RATE_CONTEXT = {"rate", "rates", "hike", "hikes", "cut", "cuts", "raise", "raised", "tariff", "tariffs", "yield",
                "yields", "percent", "%", "inflation", "interest", "bank", "fed", "lowered", "increase"}
MATURITY_NOUNS = {"yield", "yields", "note", "notes", "bond", "bonds", "treasury", "treasuries", "gilt", "gilts",
                  "bund", "bunds", "paper", "mortgage", "mortgages", "loan", "loans"}


def noun_phrase_text(token: Token, skip: range = range(0)) -> str:
    """The noun with its compound modifiers: 'steel tariffs' (modifiers inside ``skip``, the quantity, left out)."""
    units = tables().units
    left = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"} and c.is_alpha
            and c.i not in skip and c.i > max(skip, default=-1) and c.lower_ not in units and c.lower_ != "cent"]
    start = min([token.i] + [c.i for c in left])
    return token.doc[start: token.i + 1].text


def _nominal(token: Token | None) -> bool:
    return (token is not None and token.pos_ in {"NOUN", "PROPN"} and token.is_alpha
            and token.lower_ not in PRONOUNS and token.lower_ not in tables().months and token.ent_type_ not in DATE_ENTS)


def measures_of(span: Span) -> str | None:
    """What a quantity measures, from the parse: the noun it modifies, governs or is the level of."""
    t = tables()
    inside = range(span.start, span.end)
    listed = shares_a_listed_noun(span)
    if listed is not None:
        return noun_phrase_text(listed, inside)  # "65 Danish, 86 Norwegian and 31 Swedish women"
    root = span.root
    head = root.head
    # "a 25% tariff", "a $10 billion package", "three countries"
    if root.dep_ in {"compound", "amod", "nmod", "nummod", "quantmod", "npadvmod", "predet"} and head.i not in inside \
            and _nominal(head):
        return noun_phrase_text(head, inside)
    for tok in span:
        if tok.dep_ == "nummod" and tok.head.i not in inside and _nominal(tok.head):
            return noun_phrase_text(tok.head, inside)
    quantity = span._.quantity
    if quantity is not None and quantity.unit in DURATIONS:
        return None  # "for 2 years": what a duration measures is rarely in the parse
    # "$450 billion in imports", "25% of exports", "$60 billion worth of goods"
    for tok in (root, *[t_ for t_ in span if t_ is not root]):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "of", "on", "worth"} and child.i not in inside:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lower_ == "worth":
                    obj = None
                if _nominal(obj) and not (child.lower_ == "in" and obj.ent_type_ in PLACE_ENTS):
                    return noun_phrase_text(obj, inside)  # "100,000 in Lorn" counts no Lorn
    # "tariffs of 25%", "inflation rose to 3.1%", "raised tariffs to 25%", "cut rates by 25 basis points"
    if root.dep_ == "pobj" and head.dep_ == "prep":
        governor = head.head
        if _nominal(governor) and head.lower_ in {"of", "at", "near", "around"}:
            return noun_phrase_text(governor, inside)
        if governor.pos_ in {"VERB", "AUX"}:
            obj = next((c for c in governor.children if c.dep_ in {"dobj"} and c.i not in inside), None)
            if _nominal(obj):
                return noun_phrase_text(obj, inside)
            subj = next((c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if _nominal(subj):
                return noun_phrase_text(subj, inside)
    # "inflation hit 3.1%", "tariffs rose 10%", "the deficit was $1 trillion"
    if root.dep_ in {"dobj", "attr", "npadvmod", "advmod", "oprd"} and head.lemma_ in t.level_verbs:
        subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if _nominal(subj):
            return noun_phrase_text(subj, inside)
    return None


def _prev_tokens(doc: Doc, i: int, n: int) -> list[Token]:
    return [doc[j] for j in range(max(0, i - n), i)]


def _capitalised(token: Token) -> bool:
    """'Apollo', 'FTSE', 'iPhone': a word written with a capital, as names are."""
    return any(c.isupper() for c in token.text)


def _names_one_thing(span: Span) -> bool:
    """A whole number of two or more in digits that modifies a singular noun ('the 777 programme', 'the Apollo 10
    crew') names a model or an edition; a count takes a plural ('30 jets') or a noun whose plural is the same
    ('12 aircraft', '500 staff')."""
    text = span.text.strip()
    if len(span) != 1 or not text.isdigit() or int(text) < 2:
        return False
    head = span[0].head
    while head.dep_ == "compound" and head.head.i > head.i:  # "3 battleground states": the count is of states
        head = head.head
    return (span[0].dep_ == "nummod" and head.i >= span.end and head.tag_ == "NN"
            and head.lower_ not in ZERO_PLURAL_NOUNS)


def _bare_number(side: Surface, text: str) -> bool:
    """A number in digits or one word with no unit or scale that is no year: one end of a count's change ("from
    86 to 48", "from eight to 31"), whose counted noun comes before it (and which the small model often tags as
    a date or a time)."""
    return side.unit is None and side.scale is None and (text[:1].isdigit() or text.isalpha()) \
        and not year_like(text)


def _fused_digits(span: Span, start: int, end: int) -> bool:
    """The tokens around a match hold more digits ('1-800-555-0199', 'A320neo-2'): not a quantity of its own."""
    text = span.text  # only the tokens around the match, not the whole doc's text
    extra = text[: start - span.start_char] + text[end - span.start_char:]
    return any(ch.isdigit() for ch in extra)


# what a number in words before it refers back to rather than counts ("the other two", "these three")
_BACK_REFERENCE = REFERENTIAL_DETERMINERS | {"other", "remaining", "all"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj"}


def _word_number_standing_alone(span: Span) -> bool:
    """A number in words with no noun that stands for what it counts, people mostly: a verb's subject or object
    ("the blast killed seven", "three were injured", "injured four more"), one listed after it ("killed two in
    Lorn and three in Vale"), a count of the dead or hurt ("left six dead") or one end of a change ("from nine to
    23"). Not "the other two", "these three", "the first two" (they refer back), nor "when she was eight" (an age)."""
    root = span.root
    if not span.text.isalpha() or span.text.lower() in {"one", "a", "an", "zero"}:
        return False
    before = span.doc[max(0, span.start - 2): span.start]
    if any(t.lower_ in _BACK_REFERENCE or t.ent_type_ == "ORDINAL" or t.lower_ in PERIOD_ADJECTIVES for t in before):
        return False
    head = root.head
    if root.dep_ == "conj" and head.like_num and head.i < root.i:
        root, head = head, head.head  # the second of "two in Lorn and three in Vale" stands as the first does
    if root.dep_ in _ARGUMENT_DEPS and head.pos_ in {"VERB", "AUX"}:
        return True
    if root.dep_ == "nummod" and head.pos_ == "ADJ" and head.i == span.end:
        return True  # "left six dead", "with five injured"
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return before[-1:].text.lower() == "from" and nxt is not None and nxt.lower_ == "to"


# Approximators that, before a duration, mark a time span rather than an estimate ("over 10 years").
SPAN_WORDS = {"over", "under", "within", "only", "just", "below", "above"}


# what an "m" after a number never counts in millions: lengths and heights ("a 100m-high tower", "100m long")
_LENGTH_AFTER = {"long", "high", "deep", "wide", "tall", "away", "above", "below", "across", "thick"}
# the rounds of a race named by its distance: "the 100m finals", "the 400m heats"
_RACES = {"finals", "semifinals", "semi-finals", "heats", "races", "hurdles", "relays", "qualifiers"}


def _counted_in_millions(span: Span) -> Token | None:
    """"12m voters", "2.5m young Peruvians", "3.2m second-hand cars", "40m of the region's people": "m" is
    millions when the number counts a plural noun (maybe after its modifiers) or a share of a determined whole;
    then that noun (or "of"), else None: "the 100m sprint", "a 400m race" and "the 200m finals", "100m-high" and
    "300m long" are lengths. The tokenizer splits "12m" in two, so the parse rarely links number and noun."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text.startswith("-") or doc[span.end].lower_ in _LENGTH_AFTER:
        return None
    nxt = doc[span.end]
    if nxt.lower_ == "of":
        after = doc[span.end + 1] if span.end + 1 < len(doc) else None
        return nxt if after is not None and (after.lower_ in REFERENTIAL_DETERMINERS or after.tag_ in (
            "PRP$", "DT")) else None
    k = span.end
    while k < min(len(doc), span.end + 4) and doc[k].tag_ not in ("NNS", "NNPS") and (
            doc[k].tag_ in ("JJ", "VBN", "HYPH") or doc[k].ent_type_ == "NORP" or doc[k].text in ("“", '"', "‘")
            or doc[k].dep_ == "compound" and doc[k].tag_ == "NN"):
        k += 1  # "2.5m young Peruvians", "5m “volunteers”", "3.2m second-hand cars"
    if k < len(doc) and (doc[k].tag_ in ("NNS", "NNPS") or doc[k].lower_ in ZERO_PLURAL_NOUNS) \
            and doc[k].lower_ not in _LENGTH_AFTER | _RACES:
        return doc[k]
    return None


# results and records written as a list of bare pairs, "won 6-4, 3-6, 7-5", "the Hawks (7-3, 4-2)": scores, not
# ranges (a range has one pair, or a unit: "10-15%, 20-25%" is left to the quantity pattern)
_PAIR = r"\d{1,3}[-–]\d{1,3}(?:[-–]\d{1,3})?"
_SCORES = re.compile(rf"(?<![\w.,$£€¥%/-]){_PAIR}(?:,\s*{_PAIR})+(?![\w.%/-]|,\d)")


# the lines of the usual video formats: "1080p" is a resolution, never £10.80
_VIDEO_LINES = re.compile(r"(?:240|360|480|576|720|1080|1440|2160|4320)p")

_SERIES_JOINS = {"and", "but", "while", ";", ","}


def _next_in_a_series(span: Span) -> bool:
    """'Two climbers died and a third was rescued', 'two backed it, and a third, Ida Marsh, abstained': 'a third'
    joined after a count of people or things in the sentence is the next of them, an ordinal, not a fraction
    ('a third of the budget', 'fell 10% and a third' stay fractions)."""
    doc = span.doc
    if len(span) != 2 or span[0].lower_ != "a" or span.end < len(doc) and doc[span.end].lower_ == "of":
        return False
    k = span.start - 1
    if k < 0 or doc[k].lower_ not in _SERIES_JOINS:
        return False
    if doc[k].text == "," and k > 0 and doc[k - 1].lower_ in _SERIES_JOINS:
        k -= 1
    fractions = tables().fractions
    return any(tok.like_num and tok.lower_ not in fractions and tok.dep_ == "nummod"
               and tok.head.tag_ in {"NNS", "NNPS"} for tok in doc[span.sent.start: k])


def approx_before(doc: Doc, start: int, unit: str | None = None) -> str | None:
    """'more than', 'about', 'up to' … as written just before the quantity."""
    approx = tables().approx
    for n in (4, 3, 2, 1):
        if start - n < 0:
            continue
        words = doc[start - n: start]
        low = words.text.lower()
        if low in approx:
            if unit in DURATIONS and low in SPAN_WORDS:
                return None
            before = doc[start - n - 1] if start - n > 0 else None
            if low == "up to" and before is not None and before.lemma_ in ("add", "sum", "total", "end", "come"):
                return None  # "the two new dams add up to 3GW": a total, not a ceiling
            if before is not None and before.lower_ == "no" and low.split()[-1] == "than":
                return f"{before.text} {words.text}"  # "no more than 40 metres": a ceiling, not a floor
            return words.text
    return None


class NumberFinder:
    """The component: regex candidates + context checks + measures + word multipliers."""

    def __init__(self, nlp: Language, name: str = "saidwhat_numbers") -> None:
        self.name = name
        self.t = tables()
        self.pattern = quantity_regex()
        self.point_pattern = fraction_point_regex()
        self.proportion_pattern = proportion_regex()

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        taken: set[int] = set()
        text = doc_text(doc)
        for m in self.point_pattern.finditer(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            count = parse_number(m.group("count") or "a") or 1.0
            frac = self.t.fractions.get(m.group("frac").lower(), 1.0)  # "a full percentage point" → 1
            q = Quantity(value=round(count * frac * 100, 6), unit="bp", approx=approx_before(doc, span.start))
            self._add(spans, taken, span, q)
        for m in self.proportion_pattern.finditer(text):
            part, whole = parse_number(m.group("part")), parse_number(m.group("whole"))
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or not part or not whole or part >= whole:
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if nxt is not None and unit_of(nxt.text) is not None:
                continue  # "3 in 10 minutes" is not a proportion
            if (m.group("det") or "").strip().lower() == "the":
                q = Quantity(value=part, unit="count")  # "five out of the six members": a count of a known group
            else:
                q = Quantity(value=round(part / whole, 6), unit="fraction")
            q.approx = approx_before(doc, span.start)
            self._add(spans, taken, span, q)
        for span, q in phrase_quantities(doc, self.t.currency_words):  # "billions of dollars", "zero-tariff"
            self._add(spans, taken, span, q)
        # the quantities found so far are blanked (same length, so offsets hold): "a quarter of a percentage point
        # to 4.25%-4.5%" must not be read again as "a percentage point to 4.25%", which would hide the range
        masked = text
        if spans:
            pieces, at = [], 0
            for span in sorted(spans, key=lambda sp: sp.start_char):
                pieces += [text[at:span.start_char], " " * (span.end_char - span.start_char)]
                at = span.end_char
            masked = "".join(pieces) + text[at:]
        masked = _SCORES.sub(lambda m: " " * len(m.group()), masked)
        for m in self.pattern.finditer(masked):
            for span, q in self._from_match(doc, m):
                self._add(spans, taken, span, q)
        for span, q in self._multipliers(doc, taken):
            self._add(spans, taken, span, q)
        spans.sort(key=lambda s: s.start)
        currency_of_the_story(doc, spans, measures_of)
        fill_elided_currency(doc, spans)
        doc.spans["numbers"] = spans
        return doc

    @staticmethod
    def _add(spans: list[Span], taken: set[int], span: Span, q: Quantity) -> None:
        if any(i in taken for i in range(span.start, span.end)):
            return
        if q.approx is None and (span.text.endswith("-plus") or span.doc[span.end: span.end + 2].text == "-plus"):
            q.approx = "plus"  # "1,000-plus", "$10 billion-plus"
        span._.quantity = q
        if q.measures is None:
            q.measures = measures_of(span)
        spans.append(span)
        taken.update(range(span.start, span.end))

    # -- regex matches

    def _from_match(self, doc: Doc, m: re.Match) -> list[tuple[Span, Quantity]]:
        first = parse_side(m, 1)
        if first is None:
            return []
        second = parse_side(m, 2) if m.group("sep") else None
        sep = (m.group("sep") or "").lower()
        if m.group("sep") and second is None:
            # the regex took a separator but the second side is not a number: keep the first side only
            return self._single(doc, first)
        if second is None:
            return self._single(doc, first)
        unit = first.unit or second.unit
        before = doc.char_span(first.start, first.start + 1, alignment_mode="expand")
        if not (unit or first.scale or second.scale) and (
                clock_times(doc, first.start, m.group("num1"), m.group("num2"))
                or before is not None and after_a_label(doc, before.start)):
            return []  # "closed between 8.30-16" (hours), "from version 2.1 to 2.2" (labels)
        prev = [t_.lower_ for t_ in _prev_tokens(doc, before.start, 3)] if before is not None else []
        ranging = before is not None and any(tok.lemma_ == "range" for tok in _prev_tokens(doc, before.start, 3))
        is_range = sep in {"-", "–", "—"} or (sep == "to" and ("from" not in prev or ranging)) or \
            (sep == "and" and "between" in prev)
        if first.unit and second.unit and first.unit != second.unit:
            is_range = False  # "by 0.75 percentage points to 3 percent": a move and a level
        if sep == "to" and before is not None and before.start > 0:
            approx = approx_before(doc, before.start)
            k = before.start - 1 - (len(approx.split()) if approx else 0)  # "fell by nearly half to 4.2 billion"
            if k >= 0 and (doc[k].lower_ in ("by", "down", "up") or doc[k].lemma_ in CHANGE_VERBS):
                is_range = False  # "rose $2.10 to $84.50", "cut by 25 bp to 4%", "closed down $1.40 to $61.25"
            elif second.value >= _LEVEL_OVER_MOVE * first.value and any(
                    t.lemma_ in CHANGE_VERBS for t in _prev_tokens(doc, before.start, 6) if t.sent == before.sent):
                is_range = False  # "lifted rates 0.25% to 4.75%": a move some words after its verb, then the level
        if sep == "to" and first.unit is None and first.scale is None and year_like(m.group("num1")) \
                and (second.unit or second.scale):
            return self._single(doc, second)  # "from £2.1bn in 2003 to £1.8bn": a year, then an amount
        if sep == "to" and first.unit and not second.unit:
            is_range = False  # "fell 0.4% to 87.5 per dollar": a move and a level of something else
        after = doc.char_span(second.end - 1, second.end, alignment_mode="expand")
        nxt = doc[after.end].lower_ if after is not None and after.end < len(doc) else ""
        if not is_range and sep == "to" and "from" in prev and _bare_number(first, m.group("num1")) \
                and _bare_number(second, m.group("num2")) \
                and not (set(prev) | {nxt}) & (self.t.months | self.t.time_words):
            first.unit = second.unit = "count"  # "cut the list from 86 to 48", "shrank from 1,500 to 800"
        # "rose by a third to 1.2 trillion yuan": a fraction takes neither the scale nor the unit of what follows
        shares = not any(w in self.t.fractions for w in re.split(r"[\s-]+", m.group("num1").lower()))
        # "cut GDP by 0.25 percent or $63.1 billion": a quantity with its own unit shares no scale either
        shares = shares and not (first.unit and second.unit and first.unit != second.unit)
        # "slipped 3.2% to 8.4 billion", "1.9% and 2.5 billion": a percentage takes no scale from the amount
        shares = shares and not (first.unit and not second.unit and second.scale)
        if shares and first.scale is None and second.scale and first.value < second.value / scale_value(second.scale):
            first.value *= scale_value(second.scale)  # "$10-$15 billion", "10 to 15 million"
        if is_range and hundreds_shared(m.group("num1"), m.group("num2"), first.value, second.value):
            first.value *= 100  # "two to three hundred people": 200 to 300
        if is_range and sep in {"-", "–", "—"} and years_joined(doc, m, first, second):
            return []  # "slumped in 2014–2015": a span of years (the model reads it as one cardinal token)
        if is_range and first.value < second.value:
            span = doc.char_span(first.start, second.end, alignment_mode="expand")
            if span is None or _fused_digits(span, first.start, second.end) or self._excluded(doc, span, first, unit):
                return []
            if unit is None and not (first.scale or second.scale) and a_score(span):
                return []  # "lost 1-3", "a goal difference of 2-9": a result, not a range
            unit = unit or ("fraction" if self._is_fraction_word(span) else "count")
            value, u = to_basis_points(first.value, unit)
            high, _ = to_basis_points(second.value, unit)
            return [(span, Quantity(value=value, unit=u, high=high, scale=second.scale or first.scale,
                                    approx=approx_before(doc, span.start)))]
        if is_range and sep in {"-", "–", "—"}:
            return []  # "5-4 vote", phone numbers, "2025-26"
        # two quantities: "from 10% to 25%", "10 and 15 percent"; a year never takes the unit ("by 2030 to 32%")
        if shares and first.unit is None and not (first.scale is None and year_like(m.group("num1"))):
            first.unit = second.unit
        last = self._single(doc, second)
        # "3.1 and 45.6 times those of 1995": the first takes "times" from the second, and is a multiple if it is
        listed_multiple = sep in ("and", "or", ",") and bool(last) and last[0][1].unit == "multiple"
        return [*self._single(doc, first, listed_multiple), *last]

    def _single(self, doc: Doc, side: Surface, listed_multiple: bool = False) -> list[tuple[Span, Quantity]]:
        span = doc.char_span(side.start, side.end, alignment_mode="expand")
        if span is None or _fused_digits(span, side.start, side.end) or self._excluded(doc, span, side, side.unit):
            return []
        counted = _counted_in_millions(span) if side.bare_millions else None
        if side.bare_millions and counted is None:
            return []
        unit = side.unit
        value = side.value
        if unit == "points":
            if span[0].lower_ in {"one", "a", "an"}:
                return []  # "at one point", "a point of pride", "up to a point"
            unit = self._points_unit(span, value)
        if unit == "times":
            nxt = doc[span.end].lower_ if span.end < len(doc) else ""
            prev_word = doc[span.start - 1].lower_ if span.start > 0 else ""
            comparative = span.end < len(doc) and doc[span.end].tag_ in {"JJR", "RBR"}  # "ten times harder"
            fractional = not float(value).is_integer()  # "2.7 times of the average": no count of occasions has a part
            if nxt not in self.t.multiple_after_times and prev_word != "by" and not comparative and not listed_multiple \
                    and not fractional:
                if value < MANY_OCCASIONS:
                    return []  # "met four times" is a count of occasions, not a multiple
                unit = "count"  # "watched more than 200,000 times": views, shares, calls to check
            else:
                unit = "multiple"
        if unit is None:
            unit = self._count_unit(span, side)
            if unit is None:
                return []
        if unit == "count" and self._is_fraction_word(span) and side.scale is None:
            unit = "fraction"  # ("a quarter of a million" is a count)
        if (unit == "count" or unit.isupper()) and side.scale is None:
            grouped = dotted_thousands(span, unit)
            value = grouped if grouped is not None else value  # "50.000 people", "20.000 euros": thousands
        approx = approx_before(doc, span.start, unit)
        if span.start > 0 and doc[span.start - 1].lower_ == "minus" and value > 0:
            if margin_before(doc, span.start):
                approx = "plus or minus"  # a margin of error, not a negative value
            else:
                value = -value  # "minus 0.2 percent"
        value, unit = to_basis_points(value, unit)
        measures = counted.text if counted is not None and counted.lower_ != "of" else None
        return [(span, Quantity(value=value, unit=unit, scale=side.scale, approx=approx, measures=measures))]

    @staticmethod
    def _is_fraction_word(span: Span) -> bool:
        """'half', 'a fifth', 'two-thirds', 'one-hundredth' (tokens or hyphenated parts in the fraction list)."""
        fractions = tables().fractions
        return any(tok.lower_ in fractions or tok.lower_.split("-")[-1] in fractions for tok in span)

    def _points_unit(self, span: Span, value: float) -> str:
        """'0.25 point' in a rate story is a percentage point; '500 points' on the Dow are index points."""
        doc = span.doc
        sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
        if 0 < value <= 2 and any(tok.lower_ in RATE_CONTEXT for tok in sent):  # 0.25, 0.5, 1.5 points
            return "pp"
        return "points"

    def _count_unit(self, span: Span, side: Surface) -> str | None:
        """A unitless number is a count when it counts a noun ('70 countries'); otherwise it is dropped."""
        text = span.text.strip().lower()
        if side.scale is None and text in {"one", "a", "an"}:
            return None
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if text in {"two", "both"} and prev is not None and (
                prev.lower_ in REFERENTIAL_DETERMINERS or prev.tag_ == "POS"):
            return None  # "the two sides", "the world's two biggest economies" refer back, they do not count
        if self._is_fraction_word(span) and side.scale is None:
            if _next_in_a_series(span):
                return None
            if prev is not None and prev.lower_ in PERIOD_ADJECTIVES:
                return None  # "the second half of the year", "the last quarter": periods, not fractions
            # "a fifth of exports", "two-thirds of members": only with "of"
            nxt = span.doc[span.end] if span.end < len(span.doc) else None
            prev = span.doc[span.start - 1] if span.start > 0 else None
            if nxt is not None and nxt.lower_ in {"of", "the"}:
                return "count"
            if span.root.dep_ in {"nsubj", "nsubjpass"}:
                return "count"  # "three-quarters said", "nearly half agreed"
            approx = approx_before(span.doc, span.start)
            k = span.start - 1 - (len(approx.split()) if approx else 0)
            return "count" if k >= 0 and span.doc[k].lower_ == "by" else None  # "fell by (nearly) a third"
        for tok in span:
            head = tok.head
            if tok.dep_ == "nummod" and head.i >= span.end and _nominal(head) and (
                    head.pos_ == "NOUN" or head.tag_ == "NNPS"):  # "40 Democrats", not "1600 Pennsylvania Avenue"
                return "count"
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ not in PRONOUNS:
            return "count"
        if side.scale:
            return "count"  # "1.2 million" on its own
        if nxt is not None and nxt.lower_ == "of" and span.end + 1 < len(span.doc) and \
                span.doc[span.end + 1].lower_ in REFERENTIAL_DETERMINERS:
            return "count"  # "seven of the nine members", "four of its six board members"
        # A level or total with its noun elsewhere ("stood at 200,000", "killing more than 10,000", "eight of
        # 10 voters"): kept when written in digits and the model also reads it as a cardinal number.
        if text[:1].isdigit() and span[0].ent_type_ == "CARDINAL" and not (nxt is not None and nxt.pos_ == "PROPN"):
            return "count"
        if shares_a_listed_noun(span) is not None:
            return "count"  # "65 Danish, 86 Norwegian and 31 Swedish women"
        return "count" if _word_number_standing_alone(span) else None

    def _excluded(self, doc: Doc, span: Span, side: Surface, unit: str | None) -> bool:
        """Years, dates, times, ages, labels and names are not quantities."""
        t = self.t
        first = span[0]
        prev = doc[span.start - 1] if span.start > 0 else None
        nxt = doc[span.end] if span.end < len(doc) else None
        nxt2 = doc[span.end + 1] if span.end + 1 < len(doc) else None
        money_or_rate = unit in {"percent", "pp", "bp"} or (unit is not None and unit.isupper())
        bare = unit is None and side.scale is None
        value = side.value
        integer = float(value).is_integer()
        if unit == "GBP" and _VIDEO_LINES.fullmatch(span.text.strip()):
            return True  # "1080p video", "a 720p screen": a display resolution, not pence
        if (money_or_rate or unit == "pounds") and a_currency_before_a_noun(span):
            return True  # "a dollar buyer", "a euro note"
        if an_ordinal_in_words(span.text):
            return True  # "the twenty-sixth win": an ordinal, not twenty and a sixth
        if unit == "multiple" and span.text.rstrip(" .,;:").endswith("X") and not span.text[:1].isdigit():
            return True  # "the Xbox One X": a name
        if unit in DURATIONS and value < 1 and not span.text.lower().endswith("s"):
            return True  # "fell for a third day", "a second week": ordinals, not fractions of a day
        # page furniture: "5 min read", "Comments (12)", "Image 1 of 5"
        if bare and nxt is not None and nxt.lower_ in {"min", "mins", "minute", "minutes"} and \
                nxt2 is not None and nxt2.lower_ == "read":
            return True
        if bare and (a_reference_mark(span) or the_base_of_a_rate(span)):
            return True  # "(12)", "[3]", "(4, 5)"; "per 100,000 people"
        if bare and prev is not None and prev.lower_ == "of" and span.start >= 3 and \
                doc[span.start - 3].lower_ in t.label_words:
            return True
        # list numbering: "1. Main content", "2) Search" at the start of a line
        if bare and (prev is None or prev.is_space or "\n" in prev.text_with_ws) and (
                (nxt is not None and nxt.text in {".", ")"}) or span.text.endswith(".")):
            return True
        # years: "2025", "in 2018", "2025-26"
        if bare and integer and 1800 <= value <= 2199 and re.fullmatch(r"\d{4}", span.text.strip()):
            return not four_digits_counting(span)
        # times of day: "10 a.m.", "3 p.m. ET"
        if nxt is not None and nxt.lower_ in t.time_words and not money_or_rate:
            return True
        # dates: "April 9", "9 April", "Sept. 1"; the second day of "March 14 and 15", "Nov. 5 to 10"
        if not money_or_rate and unit not in DURATIONS:
            if (prev is not None and prev.lower_ in t.months) or (nxt is not None and nxt.lower_ in t.months):
                return True
            if bare and integer and value <= 31 and prev is not None and prev.lower_ in ("and", "to", "through", "or") \
                    and span.start >= 3 and doc[span.start - 2].like_num and doc[span.start - 3].lower_ in t.months:
                return True
            if first.ent_type_ in DATE_ENTS and bare and not (self._is_fraction_word(span) and nxt is not None
                                                               and nxt.lower_ == "of") \
                    and not four_digits_counting(span) and not words_counting_a_plural(span):
                # "a quarter of imports", "2741 cases", "two to three hundred homes" count
                return True
        if (unit in DURATIONS or bare) and an_age(span, bare, bare and integer and value < OLDEST_AGE):
            return True
        # relative dates: "three years ago", "two months later"; "one day" meaning some day
        if unit in DURATIONS and nxt is not None and nxt.lower_ in {"ago", "later", "earlier", "prior"}:
            return True
        if unit in DURATIONS and span[0].lower_ == "one" and "-" not in span.text:
            return True
        # maturities: "the 10-year yield" is a bond, not a duration
        if unit == "years" and "-" in span.text and nxt is not None and nxt.lower_ in MATURITY_NOUNS:
            return True
        # labels and names: "Section 232", "No. 2", "Boeing 737", "G20", "Group of 20"
        if bare or unit == "count":
            if prev is not None and prev.lower_ in t.label_words and (_capitalised(prev) or prev.text in {"#", "No."}):
                return True
            if prev is not None and prev.lower_ in t.label_words and span.start >= 2 and \
                    doc[span.start - 2].lower_ in ("see", "in", "and"):
                return True  # a cross-reference: "(see chart 1)", "as shown in table 2", "charts 1 and 2"
            if prev is not None and prev.text in {"#", "No.", "no."}:
                return True
            if "." in span.text and (nxt is not None and nxt.lower_ in _RELEASES
                                     or nxt is not None and nxt.text in "\"'”’" and nxt2 is not None
                                     and nxt2.lower_ in _RELEASES):
                return True  # "the 2.0 version", "a \"1.0\" release": a software version, a label
            if any(tok.ent_type_ in NAME_ENTS for tok in span):
                return True
            if prev is not None and prev.pos_ == "PROPN" and _capitalised(prev) and prev.ent_type_ in NAME_ENTS | {""} \
                    and not (nxt is not None and nxt.pos_ == "NOUN"):
                return True  # "FTSE 100", "iPhone 15", "Apollo 10"
            if bare and _names_one_thing(span):
                return True  # "the 777 programme", "its 737 Max fleet": a model number, not a count
            if bare and (after_a_label(doc, span.start) or a_number_to_call(span) or a_time_stamp(span)):
                return True  # "type 2 diabetes", "stage 4", "iOS 9"; "called 911"; "Edited 0.39:"
        return False

    # -- multipliers written as words

    def _multipliers(self, doc: Doc, taken: set[int]) -> list[tuple[Span, Quantity]]:
        out = []
        mult = self.t.multipliers
        for tok in doc:
            low = tok.lower_
            if low not in mult or tok.i in taken:
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and (nxt.text == "-" or nxt.lower_ in {"down", "digit", "digits", "taxation", "agent"}):
                continue  # "double-digit", "doubled down"
            if low == "twice" or low == "thrice":
                if nxt is None or nxt.lower_ not in self.t.multiple_after_times:
                    continue
            elif tok.pos_ not in {"VERB", "NOUN"} and not (nxt is not None and nxt.lower_ in {"the", "its", "their"}):
                continue
            elif tok.pos_ == "NOUN" and not low.endswith("ing"):
                continue  # "singles and doubles" are games; "a doubling" is a multiple
            if low in {"doubles", "triples"} and (any(t_.lower_ == "singles" for t_ in doc[max(0, tok.i - 3): tok.i])
                                                  or (nxt is not None and nxt.pos_ == "NOUN")):
                continue  # "singles and doubles titles"
            span = doc[tok.i: tok.i + 1]
            measures = None
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if _nominal(obj):
                measures = noun_phrase_text(obj)
            elif _nominal(subj):
                measures = noun_phrase_text(subj)
            elif tok.pos_ == "NOUN":
                pobj = next((g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
                measures = noun_phrase_text(pobj) if _nominal(pobj) else None
            out.append((span, Quantity(value=float(mult[low]), unit="multiple", measures=measures)))
        return out


@Language.factory("saidwhat_numbers")
def make_numbers(nlp: Language, name: str) -> NumberFinder:
    """Quantities as ``doc.spans["numbers"]``, each with ``span._.quantity`` (a :class:`Quantity`)."""
    return NumberFinder(nlp, name)
