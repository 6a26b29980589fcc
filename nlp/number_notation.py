"""How a figure is written, beyond the number itself: digits grouped or split the way continental Europe writes
them, clock times, margins of error, emergency numbers and labels that name rather than count.

- "50.000 people", "a toll of about 7.500", "a grant of 20.000 euros": a dot before groups of three digits in a
  count or a round amount is a thousands separator (no count of people has a fraction), as translated European
  news writes it; a price per litre keeps its decimals.
- "4,5 million euros", "95,3 metres", "a reading of 0,75": a comma before one or two digits that end the figure
  is a decimal comma (read in ``nlp/quantity_forms.py``).
- "closed between 8.30-16", "open from 9.15 to 17", "Edited 0.39:": hours and minutes, written with a dot, are
  times of day.
- "plus-or-minus 5%": a margin of error, written with hyphens, is no negative value.
- "a link was found [3]", "(4, 5)": reference marks; "12 per 100,000 people": the base of a rate is no count.
- "called 911", "dialled 999": a number to call is no count; "a dollar buyer", "a euro note" name a kind of thing.
- "type 2 diabetes", "stage 4 of the race", "version 2.1", "iOS 9", "road number 8": the number names which one.
- "the twenty-sixth win" is an ordinal; "two to three hundred people" runs from 200 to 300.
- "lost 1-3", "a 0-2 defeat", "a goal difference of 2-9", "voted 3-5": a score, a record or a tally, no range.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

# a count written with dots between groups of three digits ("50.000", "7.500", "1.250.000")
_DOTTED_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
# words after an amount that make it a price per unit ("1.450 euros per litre")
_PER_UNIT = {"per", "a", "an", "/", "each"}
# a time of day written with a dot ("9.30", "14.00") or an hour alone ("14")
_CLOCK = re.compile(r"(?:[01]?\d|2[0-4])(?:\.[0-5]\d)?")
# the words a span of hours opens with
_HOURS_OPENERS = {"between", "from"}
# verbs of a level that moves, before "from"
_MOVING = {"rise", "fall", "climb", "drop", "jump", "increase", "decrease", "grow", "gain", "lose", "slip", "slide",
           "move", "go", "change", "cut", "raise", "lower", "reduce", "lift", "ease", "surge", "soar", "plunge"}
# numbers one calls, not counts
_EMERGENCY_NUMBERS = {"911", "999", "112"}
_CALLING_LEMMAS = {"call", "dial", "ring", "phone"}
_AFTER_A_NUMBER_TO_CALL = {"call", "calls", "operator", "operators", "dispatcher", "dispatchers", "line", "hotline"}
# lower-case nouns that, right before a number, name which one it is ("stage 4", "type 2", "version 2.1")
LOWER_LABELS = frozenset({"type", "stage", "phase", "level", "category", "grade", "tier", "version", "round",
                          "season", "episode", "step", "chapter", "section", "article", "clause", "paragraph",
                          "page", "figure", "table", "chart", "part", "annex", "gate", "platform", "terminal",
                          "number"})
# a product name written with a capital inside a lower-case start: "iOS", "iPhone", "macOS", "eBay"
_CAMEL_NAME = re.compile(r"[a-z]+[A-Z][A-Za-z]*")


def dotted_thousands(span: Span, unit: str) -> float | None:
    """The value of a count or an amount of money written with dots between groups of three digits, when it is
    one: a count of a plural noun ("50.000 people"), or a figure ending in a zero ("about 7.500", "20.000 euros"),
    which a decimal in English rarely does; a price per unit ("1.450 euros per litre") keeps its decimals."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    figure = re.search(rf"(?<![\d.]){_DOTTED_GROUPS.pattern}(?![\d.])", span.text)
    if figure is None or span.text.strip() != figure.group() and unit == "count":
        return None
    if unit != "count" and nxt is not None and nxt.lower_ in _PER_UNIT:
        return None
    plural = unit == "count" and nxt is not None and nxt.tag_ in ("NNS", "NNPS")
    return float(figure.group().replace(".", "")) if figure.group().endswith("0") or plural else None


def clock_times(doc: Doc, first_start: int, num1: str, num2: str) -> bool:
    """'between 8.30-16', 'from 9.15 to 17.00': two times of day (at least one with its minutes after a dot),
    after "between" or "from"."""
    num1, num2 = num1.strip(), num2.strip()
    if not (_CLOCK.fullmatch(num1) and _CLOCK.fullmatch(num2)) or "." not in num1 + num2:
        return False
    before = doc.char_span(first_start, first_start + 1, alignment_mode="expand")
    if before is None or before.start == 0:
        return False
    k = before.start - 1
    if doc[k].lower_ in ("about", "around", "roughly", "approximately") and k > 0:
        k -= 1
    if doc[k].lower_ not in _HOURS_OPENERS:
        return False
    # "rose from 9.30 to 14" is a level that moved, not two times of day
    return not any(t.lemma_.lower() in _MOVING for t in doc[max(0, k - 3): k])


_STAMP_VERBS = {"edit", "edited", "update", "updated", "correct", "corrected", "publish", "published", "post",
                "posted", "modify", "modified"}


def a_time_stamp(span: Span) -> bool:
    """'Edited 0.39:', 'Updated at 14.05': the hour and minutes, written with a dot, at which a story was edited."""
    if not re.fullmatch(r"(?:[01]?\d|2[0-3])\.[0-5]\d", span.text.strip()):
        return False
    doc = span.doc
    k = span.start - 1
    if k > 0 and doc[k].lower_ == "at":
        k -= 1
    return k >= 0 and (doc[k].lower_ in _STAMP_VERBS or doc[k].lemma_.lower() in _STAMP_VERBS)


_IN_A_LIST = {",", "-", "\u2013", ";"}


def a_reference_mark(span: Span) -> bool:
    """'a link was found [3]', 'as shown (4, 5)', 'in trials [2-4]': figures alone in brackets point to sources or
    notes."""
    doc = span.doc
    i, j = span.start - 1, span.end
    while i >= 0 and (doc[i].like_num or doc[i].text in _IN_A_LIST):
        i -= 1
    while j < len(doc) and (doc[j].like_num or doc[j].text in _IN_A_LIST):
        j += 1
    return i >= 0 and j < len(doc) and (doc[i].text, doc[j].text) in {("[", "]"), ("(", ")")}


def the_base_of_a_rate(span: Span) -> bool:
    """'7.4 deaths per 100,000 residents': the figure after "per" is what the rate is taken over, no count."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "per"


def margin_before(doc: Doc, start: int) -> bool:
    """'plus or minus 5%', 'plus-or-minus 5%', '+/- 5%': a margin of error is written before the figure."""
    words = "".join(t.text for t in doc[max(0, start - 5): start]).lower()
    return words.endswith(("plusorminus", "plus-or-minus", "+/-", "\u00b1"))


def a_number_to_call(span: Span) -> bool:
    """'called 911 at ten', 'dialled 999', 'a 911 call': an emergency number, not a count."""
    if span.text.strip() not in _EMERGENCY_NUMBERS:
        return False
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    return (prev is not None and prev.lemma_.lower() in _CALLING_LEMMAS) or (
        nxt is not None and nxt.lower_ in _AFTER_A_NUMBER_TO_CALL)


def after_a_label(doc: Doc, start: int) -> bool:
    """The number at `start` names which one: a lower-case label noun right before it ("type 2 diabetes", "the
    grueling stage 4", "from version 2.1 to 2.2") or a product name with an inner capital ("iOS 9"); "4 stages"
    and "a stage of 4 km" count."""
    if start == 0:
        return False
    prev = doc[start - 1]
    if _CAMEL_NAME.fullmatch(prev.text):
        return True
    if prev.text not in LOWER_LABELS:
        return False
    return not (start >= 2 and doc[start - 2].like_num)


# words of results around a pair of figures: a score, a record or a tally ("lost 1-3", "a 0-2 defeat")
_RESULT_LEMMAS = {"win", "won", "lose", "lost", "beat", "defeat", "loss", "victory", "draw", "drew", "tie", "tied",
                  "lead", "led", "trail", "score", "scored", "record", "difference", "vote", "voted", "scoreline"}
_PAIR_OF_FIGURES = re.compile(r"\d{1,3}\s?[-\u2013]\s?\d{1,3}")


def a_score(span: Span) -> bool:
    """'The hosts lost 1-3', 'after a 0-2 defeat', 'a goal difference of 2-9', 'voted 3-5': a pair of figures by a
    word of results, with no plural noun after it to count ("expects to win 20-30 seats" is a range)."""
    if not _PAIR_OF_FIGURES.fullmatch(span.text.strip()):
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS"):
        return False
    near = [*doc[max(0, span.start - 3): span.start], *([nxt] if nxt is not None else [])]
    return any(t.lemma_.lower() in _RESULT_LEMMAS or t.lower_ in _RESULT_LEMMAS for t in near)


_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ORDINAL_IN_WORDS = re.compile(_TENS + r"[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)", re.I)
_HUNDREDS = re.compile(r"[a-z]+(?:[\s-][a-z]+)?\s+hundred", re.I)


def an_ordinal_in_words(text: str) -> bool:
    """'twenty-sixth', 'thirty-third': a tens word joined to an ordinal names a place in a row (the word list reads
    "sixth" and "third" as fractions, and took "twenty-sixth" for 20)."""
    return bool(_ORDINAL_IN_WORDS.fullmatch(text.strip()))


def hundreds_shared(num1: str, num2: str, low: float, high: float) -> bool:
    """'two to three hundred', 'five or six hundred': a small number in words before hundreds in words shares
    "hundred" ("two to 300" and "twenty to three hundred" do not)."""
    return num1.strip().isalpha() and low < 10 and bool(_HUNDREDS.fullmatch(num2.strip())) and low * 100 < high


_TIME_NOUNS = {"years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "centuries", "nights",
               "mornings", "evenings", "seasons", "terms", "quarters"}


def words_counting_a_plural(span: Span) -> bool:
    """'two to three hundred homes', 'some four hundred runners': a number in words right before the plural noun
    it counts is no date, though the small model often tags such words as one."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return (nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in _TIME_NOUNS
            and all(t.is_alpha or t.text in ("-", ",") for t in span))


_LIST_JOINS = {",", "and", "or", "as", "well"}
# what the small model calls a nationality before a noun ("Danish", and "Estonian" it may take for a language)
_NATIONALITY_ENTS = {"NORP", "LANGUAGE"}


def shares_a_listed_noun(span: Span) -> Token | None:
    """'at least 65 Danish, 86 Norwegian and 31 Swedish women': a figure before a nationality that the list goes on
    from counts the plural noun the list ends in; then that noun, else None."""
    doc = span.doc
    k = span.end
    if k + 1 >= len(doc) or doc[k].ent_type_ not in _NATIONALITY_ENTS or doc[k + 1].lower_ not in _LIST_JOINS:
        return None
    while k < min(len(doc), span.end + 16) and doc[k].sent == span.sent:
        tok = doc[k]
        if tok.tag_ in ("NNS", "NNPS") and tok.ent_type_ not in _NATIONALITY_ENTS:
            return tok
        if not (tok.ent_type_ in _NATIONALITY_ENTS or tok.like_num or tok.lower_ in _LIST_JOINS
                or tok.dep_ == "compound" and tok.tag_ == "NN"):
            return None  # "lorry drivers": a noun before the counted one may join it
        k += 1
    return None


def a_currency_before_a_noun(span: Span) -> bool:
    """'a dollar buyer', 'a euro note', 'a pound coin': "a" and a currency word before the noun they modify name a
    kind of thing, no amount ("costs a dollar a day", "a euro more" are amounts)."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return (len(span) == 2 and span[0].lower_ in ("a", "an") and nxt is not None and nxt.tag_ in ("NN", "NNS")
            and nxt.is_alpha and nxt.ent_type_ not in ("DATE", "TIME"))  # "rose a dollar yesterday" moved
