"""The percentages, percentage points and basis points of a text, and how each relates to a rate noun: its
level ("to 4.5%"), its previous level ("from 4.25%") or its change ("by 25 basis points")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from nlp.rates.lexicon import RateLexicon
from nlp.segments import doc_text

RATE_UNITS = {"percent", "pp", "bp"}
# what a reserve ratio is a share of: "raised the reserve requirement to 19% of deposits" gives the ratio itself
RESERVE_BASES = {"deposits", "liabilities"}


@dataclass
class Rate:
    """A percentage, percentage-point or basis-point quantity in the text."""

    start: int  # token offsets
    end: int
    value: float
    unit: str
    high: float | None = None
    measures: str | None = None


def doc_rates(doc: Doc) -> list[Rate]:
    """Percentages, percentage points and basis points: the numbers component's, plus any digit-written one
    it left out (the only source when that component did not run)."""
    # a level written in fractions ("to 1-3/4 to 2 percent") is read here whole, not as the numbers component's
    # "2 percent" alone
    written = _regex_rates(doc)
    out = [r for r in written if "/" in doc[r.start:r.end].text]
    taken = {i for r in out for i in range(r.start, r.end)}
    for span in doc.spans["numbers"] if "numbers" in doc.spans else []:
        if taken & set(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        q = span._.quantity
        if q is not None and q.unit in RATE_UNITS:
            sign = -1.0 if span.start > 0 and doc[span.start - 1].lower_ in ("minus", "negative") \
                and q.value > 0 else 1.0  # "minus 0.1%"
            out.append(Rate(span.start, span.end, sign * float(q.value), q.unit,
                            sign * float(q.high) if q.high is not None else None, q.measures))
    out += [r for r in written if not taken & set(range(r.start, r.end))]
    taken.update(i for r in out for i in range(r.start, r.end))
    out += [r for r in _zeros(doc) if r.start not in taken]
    rated = {i for r in out for i in range(r.start, r.end)}
    out += [r for r in _bare_levels(doc) if r.start not in rated]
    return sorted(out, key=lambda r: r.start)


BARE_LEVEL_MAX = 25.0  # a policy rate level written bare; larger bare numbers are counts or prices


def _bare_levels(doc: Doc) -> list[Rate]:
    """"lowers its main rate to 0.75, its first move since 2011": a decimal level written with no unit, right
    after "to", "from" or "at" and closing its phrase, in a sentence that names a rate before it."""
    out = []
    for tok in doc:
        if not (tok.like_num and tok.i > 0 and ("." in tok.text and doc[tok.i - 1].lower_ in ("to", "from", "at")
                                                or _from_a_mark(doc, tok))):
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and not (after.is_punct or after.lower_ in ("and", "or", "from")):
            continue  # "to 0.25 points", "to 1.5 million": the number has a unit of its own
        try:
            value = float(tok.text)
        except ValueError:
            continue
        if value < BARE_LEVEL_MAX and any(t.lower_ in ("rate", "rates") for t in doc[tok.sent.start:tok.i]):
            out.append(Rate(tok.i, tok.i + 1, value, "percent"))
    return out


MARK_NOUNS = {"low", "high", "peak", "level", "trough"}


def _from_a_mark(doc: Doc, tok) -> bool:
    """"raised it to 1.25 from the record low of 1": a bare number closing "from the … low of", the level before."""
    return tok.i >= 3 and doc[tok.i - 1].lower_ == "of" and doc[tok.i - 2].lower_ in MARK_NOUNS and any(
        t.lower_ == "from" for t in doc[max(0, tok.i - 6):tok.i - 2])


def _zeros(doc: Doc) -> list[Rate]:
    """"kept its rate at zero", "cut the tariff to zero percent": a level of 0% written as a word."""
    out = []
    for tok in doc:
        if tok.lower_ == "zero" and tok.i > 0 and doc[tok.i - 1].lower_ in ("at", "to", "from") and not (
                tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-"):
            end = tok.i + 2 if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("percent", "%") else tok.i + 1
            out.append(Rate(tok.i, end, 0.0, "percent"))
    return out


def share_of(doc: Doc, rate: Rate) -> bool:
    """A percentage of something ("99% of Indian exports", "90 percent of tariff lines"): a share, not a rate ("a
    reserve requirement of 19% of deposits" is one)."""
    return rate.end < len(doc) and doc[rate.end].lower_ == "of" and rate.unit == "percent" and not (
        rate.end + 1 < len(doc) and (doc[rate.end + 1].lower_ in RESERVE_BASES or doc[rate.end + 1].lemma_.lower()
                                     in TAX_NOUNS and doc[rate.end + 1].dep_ != "compound"))


TAX_NOUNS = {"tariff", "duty", "levy", "tax", "surtax", "surcharge"}  # "25 percent of tariff on steel" is a rate


# nouns a percentage before them may still be the level of: "tariffs at a 25 percent level", "a 10% surtax"
LEVEL_HEADS = {"rate", "level", "tariff", "duty", "levy", "tax", "surtax", "surcharge", "margin", "mark", "ceiling",
               "cap", "band", "range", "floor", "threshold", "increase", "hike", "cut", "rise", "reduction", "one"}


def measures_a_noun(doc: Doc, rate: Rate, trig_tokens: set[int] = frozenset()) -> bool:
    """A percentage that modifies another noun after it ("in disregard of 91 percent opposition", "a 40 percent
    share"): it measures that noun, not a rate."""
    root = doc[rate.start:rate.end].root
    head = root.head
    if root.i in trig_tokens or any(t.lemma_.lower() in TAX_NOUNS for t in doc[rate.start:rate.end]):
        return False  # "zero tariff treatment": the span holds the rate noun itself
    if any(a.i in trig_tokens or a.lemma_.lower() in TAX_NOUNS for a in [*head.conjuncts, *[head, *head.ancestors][:3]]):
        return False  # "the 25% steel and 10% aluminum tariffs": goods that name the tariff
    return rate.unit == "percent" and root.dep_ in ("compound", "amod", "nummod", "nmod") and head.pos_ == "NOUN" \
        and head.i == rate.end and head.lemma_.lower() not in LEVEL_HEADS


# "higher than the 10% rate", "well above the 31%": a number under these is a rate compared, not the one moved
COMPARING = {"than", "above", "below", "versus", "vs", "vs."}


# words that make a level the one before the move ("after two years at the previous low of 2%", "its prior level of 4%")
EARLIER_WORDS = {"previous", "prior", "former"}


def attach(doc: Doc, rate: Rate, trig_tokens: set[int], verbs: list[Token], other_heads: set[int],
           lex_verbs: frozenset[str] = frozenset()) -> str | None:
    """How a number relates to the rate noun: 'rate', 'previous', 'delta' or None when it is elsewhere.
    `other_heads` are the other rate nouns of the sentence: a number under one of them is theirs; `lex_verbs`
    the verbs that set rates."""
    root = doc[rate.start:rate.end].root
    preps = []
    if share_of(doc, rate) or measures_a_noun(doc, rate, trig_tokens):
        return None  # "tariffs on 99% of Indian exports", "despite 70% opposition": shares, not a rate
    if root.i in trig_tokens:
        return "delta" if rate.unit in ("bp", "pp") else "rate"
    earlier = False  # "after two years at the previous low of 2%": the level before, named so
    for anc in root.ancestors:
        earlier = earlier or anc.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in EARLIER_WORDS
                                                        for c in anc.children)
        if anc.dep_ == "prep" or anc.pos_ == "ADP":
            preps.append(anc.lower_)
            if anc.lower_ in COMPARING:
                return None  # "far higher than the 10% rate it had before", "well above the 31% floated in April":
                # a rate compared, not this one
        if anc.i in trig_tokens or (verbs and anc.i == verbs[0].i):
            break
        if anc.dep_ == "conj" and anc.pos_ == "ADP" and anc.lower_ == "to" and any(v.i == anc.head.i for v in verbs):
            break  # "agreed to cut it from 150% to 75%, and to 40% over ten years": the parser joins the second
            # step to the verb above the move
        if anc.i in other_heads:
            return None
        if anc.pos_ == "VERB" and anc.lemma_.lower() in ("range", "vary"):
            continue  # "tariffs ranging from 5% to 25%"
        if anc.dep_ == "acl" and anc.tag_ in ("VBG", "VBN") and anc.lemma_.lower() not in lex_verbs:
            continue  # "cuts its tariff on goods entering India to 3%": the parser hangs the level on the goods
        if anc.pos_ in ("VERB", "AUX"):
            return None
    else:
        return None
    if rate.unit in ("bp", "pp"):
        return "delta"
    if earlier:
        return "previous"
    # the word just before the number says most: "from 10% to 25%" parses as one phrase under "from"
    before = doc[rate.start - 1].lower_ if rate.start > 0 else ""
    if rate.high is not None:
        # "ranging from 8% to 20%" is one span, a range, not a previous rate; "raise tariffs by 5-10%" a range of steps
        return "delta" if before == "by" else "rate"
    if before == "of" and preps[1:2] == ["from"]:
        return "previous"  # "raised it to 1.25% from the record low of 1%", "down from a peak of 5.5%"
    if before in ("from", "by", "to", "at", "of"):
        preps = [before]
    for p in preps:
        if p == "by":
            return "delta"
        if p == "from":
            return "previous"
        if p in ("to", "at", "of", "on"):
            return "rate"
    return "rate"


def free_rate(doc: Doc, sent: Span, sent_rates: list[Rate], other_heads: set[int],
              lex: RateLexicon) -> list[tuple[Rate, str]]:
    """The one plain percentage in a rate sentence that measures nothing else ("the 18% it had been due to pay")."""
    free = []
    for r in sent_rates:
        if r.unit != "percent" or share_of(doc, r) or measures_a_noun(doc, r):
            continue  # "no tariff on 80% of goods", "despite 70% opposition": shares, not the rate
        root = doc[r.start:r.end].root
        if any(a.i in other_heads for a in root.ancestors):
            continue  # it belongs to another rate noun
        verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None and verb.pos_ == "VERB" and (
                verb.lemma_.lower() not in lex.rate_setting_verbs
                or any(t.i in other_heads for t in verb.subtree)):
            continue  # "inflation peaking near 9 percent"; but "we will levy 40%" sets a rate
        window = {t.lower_ for t in doc[max(sent.start, r.start - 4):min(sent.end, r.end + 4)]}
        if window & lex.not_rate_words or (r.measures and r.measures.lower() in lex.not_rate_words):
            continue
        free.append((r, "rate"))
    return free if len(free) == 1 else []


def rate_groups(attached: list[tuple[Rate, str]], apart: set[int] = frozenset()) -> list[tuple]:
    """(rate, low, previous, delta, the level's Rate) per level named; two levels in a row make a range
    ("between 2.5% and 2.75%") unless each has a target of its own (`apart`: their starts, "Chile 18%, Peru 26%")."""
    attached = _steps_as_range(attached)
    levels = [r for r, role in attached if role == "rate"]
    previous = next((r.value for r, role in attached if role == "previous"), None)
    delta = next((r.value / 100 if r.unit == "bp" else r.value for r, role in attached if role == "delta"), None)
    if not levels:
        return [(None, None, previous, delta, None)] if (previous is not None or delta is not None) else []
    if len(levels) == 2 and abs(levels[0].start - levels[1].start) <= 4 and levels[0].high is None \
            and not {r.start for r in levels} <= apart:
        lo, hi = sorted(r.value for r in levels)
        return [(hi, lo, previous, delta, levels[1])]
    befores = [r for r, role in attached if role == "previous"]
    if len(befores) == len(levels) >= 2 and _pairs_in_turn(befores, levels):
        # "cut from 12% to 8% on machinery, and from 11% to 6% on textiles": each level with its own level before
        return [(r.high, r.value, b.value, delta, r) if r.high is not None else (r.value, None, b.value, delta, r)
                for b, r in zip(sorted(befores, key=lambda r: r.start), sorted(levels, key=lambda r: r.start))]
    out = []
    # "cut from 150% to 75% immediately, and to 40% by 2035": each later step starts from the level before it
    chain = [previous, *(r.value for r in levels)] if previous is not None else []
    steps = bool(chain) and not any(r.start in apart for r in levels) and (
        all(a > b for a, b in zip(chain, chain[1:])) or all(a < b for a, b in zip(chain, chain[1:])))
    for n, r in enumerate(levels):
        before = levels[n - 1].value if steps and n else previous
        if r.high is not None:
            out.append((r.high, r.value, before, delta, r))
        else:
            out.append((r.value, None, before, delta, r))
    return out


def _steps_as_range(attached: list[tuple[Rate, str]]) -> list[tuple[Rate, str]]:
    """"raised duties by 5 to 10 percent": a step right before "to" and a level of the same order (the low end a
    quarter of the high one or more, as in step_to_level) are the ends of a range of steps, not a step and the
    level it led to ("by 0.25 to 4.5 percent" is one)."""
    levels = [r for r, role in attached if role == "rate"]
    steps = [r for r, role in attached if role == "delta"]
    if len(levels) != 1 or not steps or levels[0].start != steps[0].end + 1 or steps[0].high is not None \
            or steps[0].unit != "percent" or levels[0].unit != "percent" or steps[0].value * 4 < levels[0].value:
        return attached
    return [(r, role) for r, role in attached if r is not levels[0]]


def _pairs_in_turn(befores: list[Rate], levels: list[Rate]) -> bool:
    """Levels before and after come in turns, each pair in the same order ("from A to B, from C to D", "to B from
    A, to D from C")."""
    marks = sorted([(r.start, "b") for r in befores] + [(r.start, "l") for r in levels])
    pairs = [tuple(kind for _, kind in marks[i:i + 2]) for i in range(0, len(marks), 2)]
    return len(set(pairs)) == 1 and pairs[0] in (("b", "l"), ("l", "b"))


def previous_level(rate: float | None, previous: float | None, delta: float | None, action: str) -> float | None:
    """The level before the move: as stated, else the level minus (after a raise) or plus (after a cut) the change."""
    if previous is not None or rate is None or delta is None:
        return previous
    if action == "raise":
        return round(rate - delta, 4)
    if action == "cut":
        return round(rate + delta, 4)
    return None


# a level may be written in the fractions central banks use ("to 1/4 to 1/2 percent", "1-3/4 percent"): quarters,
# halves and eighths, alone or after a whole number
_FRACTION = r"(?:\d+[-\s])?[1-7]/[248](?![\d/])"
_PCT = r"((?<![\d/.])" + _FRACTION + r"|\d+(?:\.\d+)?)"
_REGEX_RATES = [
    (re.compile(_PCT + r"\s*(?:%|percent|per cent)?\s*(?:-|–|to)\s*" + _PCT + r"\s*(?:%|percent|per cent)"), "range"),
    (re.compile(_PCT + r"\s*(?:basis points?|bps?\b)", re.I), "bp"),
    (re.compile(_PCT + r"\s*(?:percentage points?)", re.I), "pp"),
    (re.compile(_PCT + r"\s*(?:%|percent\b|per cent\b)"), "percent"),
]


def _regex_rates(doc: Doc) -> list[Rate]:
    """Digit-written percentages, percentage points and basis points (the numbers component also reads words)."""
    out: list[Rate] = []
    taken: list[tuple[int, int]] = []
    text = doc_text(doc)
    for pattern, unit in _REGEX_RATES:
        for m in pattern.finditer(text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            taken.append((m.start(), m.end()))
            if unit == "range":
                out.append(Rate(span.start, span.end, _value(m.group(1)), "percent", _value(m.group(2))))
            else:
                out.append(Rate(span.start, span.end, _value(m.group(1)), unit))
    return sorted(out, key=lambda r: r.start)


def _value(written: str) -> float:
    """"0.25" → 0.25, "1/4" → 0.25, "1-3/4" or "1 3/4" → 1.75."""
    if "/" not in written:
        return float(written)
    whole, _, fraction = written.replace("-", " ").rpartition(" ")
    numerator, denominator = fraction.split("/")
    return (float(whole) if whole else 0.0) + int(numerator) / int(denominator)


def step_to_level(doc: Doc, group: tuple) -> tuple:
    """A range read where a move gives its step and its level ("lifted interest rates 0.25% to 4.75%", "cut rates
    0.5% to 3%"): a low end of a point or less, under a quarter of the high one, not after "of", "between" or
    "from" ("a range of 0.25% to 0.5%", "between 0% and 0.25%" stay ranges)."""
    rate, low, previous, delta, where = group
    if low is None or where is None or delta is not None or not 0 < low <= 1 or low * 4 >= rate:
        return group
    if where.start == 0 or doc[where.start - 1].lower_ in ("of", "between", "from", "range"):
        return group
    return rate, None, previous, low, where
