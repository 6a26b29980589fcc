"""A quantity's written form read into numbers: digits or words, scale words ("5bn", "two trillion"), currencies
and units, ranges and basis points, from the word lists in ``nlp/data/numbers.json``. The numbers component
(``nlp/components/numbers.py``) finds the forms in a text and checks them against the parse.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Tables:
    """The word lists of ``nlp/data/numbers.json``."""

    number_words: dict[str, float]
    fractions: dict[str, float]
    unicode_fractions: dict[str, float]
    scales: dict[str, float]
    short_scales: frozenset[str]
    currency_prefixes: dict[str, str]
    currency_words: dict[str, str]
    currency_adjectives: dict[str, str]
    currency_subunits: dict[str, tuple[str, float]]
    units: dict[str, str]
    approx: frozenset[str]
    multipliers: dict[str, float]
    multiple_after_times: frozenset[str]
    label_words: frozenset[str]
    time_words: frozenset[str]
    months: frozenset[str]
    level_verbs: frozenset[str]


@lru_cache(maxsize=1)
def tables() -> Tables:
    """Load the word lists once per process."""
    raw = json.loads(resources.files("nlp.data").joinpath("numbers.json").read_text(encoding="utf-8"))

    def clean(d: dict) -> dict:
        return {k: v for k, v in d.items() if not k.startswith("_")}

    return Tables(
        number_words=raw["number_words"],
        fractions=raw["fractions"],
        unicode_fractions=raw["unicode_fractions"],
        scales=raw["scales"],
        short_scales=frozenset(raw["short_scales_need_currency"]),
        currency_prefixes=clean(raw["currency_prefixes"]),
        currency_words=raw["currency_words"],
        currency_adjectives=clean(raw["currency_adjectives"]),
        currency_subunits={k: (v[0], float(v[1])) for k, v in clean(raw["currency_subunits"]).items()},
        units=raw["units"],
        approx=frozenset(raw["approx"]),
        multipliers=raw["multipliers"],
        multiple_after_times=frozenset(raw["multiple_after_times"]),
        label_words=frozenset(raw["label_words"]),
        time_words=frozenset(raw["time_words"]),
        months=frozenset(raw["months"]),
        level_verbs=frozenset(raw["level_verbs"]),
    )


def _alt(words, flags: str = "") -> str:
    """A regex alternation, longest first so "percentage points" wins over "points"."""
    body = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in sorted(words, key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=1)
def quantity_regex() -> re.Pattern:
    """The one pattern for a quantity's surface form (see module docstring)."""
    t = tables()
    small = [w for w in t.number_words if w != "dozen"]
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    ones = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    word_num = (
        rf"(?i:(?:{'|'.join(tens)})(?:[-\s](?:{'|'.join(ones)}))?|{'|'.join(sorted(small, key=len, reverse=True))}"
        r"|a\s+dozen|dozen|an?)"
    )
    word_num = rf"{word_num}(?:\s+(?i:hundred)(?:\s+(?:and\s+)?{word_num})?|\s+(?i:dozen))?"  # "two dozen" → 24
    uni = "".join(t.unicode_fractions)
    # "4,5 million", "95,3 metres", "0,75": a comma before one or two digits that end the figure is a decimal
    # comma, as continental Europe writes it (a thousands comma has three after it; "1,2,3" is a list)
    comma_decimal = r"\d{1,3},\d{1,2}(?!\d|,\d)"
    digits = (rf"(?:{comma_decimal}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
              rf"(?:\s?[{uni}]|\s\d/\d{{1,2}}(?!\d))?")
    frac_word = _alt(t.fractions, "i")
    # "half a trillion", "a quarter of a million": a fraction of a scale word (before the other forms, which would
    # take "a quarter" alone and leave "a million")
    fraction_of_scale = (
        rf"(?:(?i:an?|one|two|three)[\s-]+)?(?i:half|quarter|quarters|third|thirds)(?:\s+of)?\s+an?"
        rf"(?=[\s-]+{_alt(['million', 'billion', 'trillion'], 'i')}\b)"
    )
    number = (
        rf"(?:{fraction_of_scale}|{digits}|(?:{word_num})(?:[\s-]{frac_word})?|[{uni}]|(?i:half)(?=\s+[a-z]))"
        rf"(?:[\s-]+and[\s-]+(?:a|one)[\s-](?i:half|quarter|third))?"
    )
    prefixes = [p for p in t.currency_prefixes]
    cur = rf"(?:{_alt(prefixes)}\s?)"
    scale = rf"(?:{_alt(t.scales, 'i')}(?![A-Za-z]))"
    money_words = [*t.currency_words, *(w for w in t.currency_subunits if w != "p")]
    cur_word = rf"(?:(?:{_alt(t.currency_adjectives, 'i')}\s+)?{_alt(money_words, 'i')}(?![A-Za-z]))"
    unit = rf"(?:{_alt([u for u in t.units if u != '%'], 'i')}(?![A-Za-z])|%)"
    one = (
        rf"(?P<cur§>{cur})?(?P<num§>{number})(?!:\d)"
        rf"(?:[\s-]?(?P<scale§>{scale}))?"
        rf"(?:(?P<pence§>p)(?![\w.])|\s?(?P<of§>of\s+)?(?P<cword§>{cur_word}))?"
        rf"(?:(?:\s|-|\s+of\s+(?:an?\s+)?)?(?P<unit§>{unit}))?"
    )
    side1, side2 = one.replace("§", "1"), one.replace("§", "2")
    pattern = (
        rf"(?<![\w.$€£¥/-])(?<!\w\+)(?P<neg>[-−](?=[\d$€£¥.]))?(?:{side1})"
        rf"(?:\s*(?P<sep>-|–|—|to|and|or)\s*{side2})?"
        # not "1-800-…", "3-D", "2-for-1", "one-off", "1/2"; "1,000-plus", "£450m-worth", "$4.99/mo" and
        # "$0.03/kWh" are fine
        rf"(?!\w|/(?![A-Za-z])|[-–]\d|-(?!plus\b|worth\b)[A-Za-z])"
    )
    return re.compile(pattern)


@lru_cache(maxsize=1)
def fraction_point_regex() -> re.Pattern:
    """Fractions of a point: "half a percentage point", "a quarter-point", "three-quarters of a point"."""
    frac = r"(?P<count>(?:a|an|one|two|three)[\s-]+)?(?P<frac>half|quarter|quarters|third|thirds|full)"
    return re.compile(
        # the fraction may open a sentence ("Half a point"); "point" is lower case, so "Third Point" (a fund) is not
        rf"(?<![\w-])(?i:{frac})(?:\s+of)?(?:\s+an?)?[\s-]+(?:percentage[\s-]+|percent(?:age)?[\s-]+)?points?(?![\w])"
    )


@lru_cache(maxsize=1)
def proportion_regex() -> re.Pattern:
    """Proportions: "four in 10", "one in five", "nine out of 10", "five out of the six"."""
    words = "|".join(sorted(tables().number_words, key=len, reverse=True))
    num = rf"(?:\d{{1,3}}|(?i:{words}))"
    return re.compile(
        rf"(?<![\w.$€£¥/-])(?P<part>{num})\s+(?:in|out\s+of)\s+(?P<det>the\s+|every\s+)?(?P<whole>{num})"
        rf"(?![\w.,]\d|[\w%/-])"
    )


# ---------------------------------------------------------------- parsing helpers (no spaCy needed)


def parse_number(text: str) -> float | None:
    """'1,200.5' → 1200.5, 'seventy-five' → 75, '2 1/2' → 2.5, 'five and a half' → 5.5, 'a dozen' → 12."""
    t = tables()
    s = text.strip()
    if not s:
        return None
    for sym, frac in t.unicode_fractions.items():
        if s.endswith(sym):
            head = s[: -len(sym)].strip()
            base = parse_number(head) if head else 0.0
            return None if base is None else base + frac
    m = re.fullmatch(r"(\d+)\s(\d)/(\d{1,2})", s)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if re.fullmatch(r"\d{1,3},\d{1,2}", s):
        return float(s.replace(",", "."))  # "6,7": a decimal comma; "6,700" groups thousands
    if re.fullmatch(r"[\d,]*\.?\d+", s):
        return float(s.replace(",", ""))
    words = [w for w in re.split(r"[\s-]+", s.lower()) if w]
    if len(words) > 1 and words[-1] in {"a", "an"} and (words[-2] in t.fractions or words[-2] == "of"):
        words = words[:-2] if words[-2] == "of" else words[:-1]  # "half a" (million), "a quarter of a" (billion)
    current = 0.0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        if w == "and" and i + 2 < len(words) and words[i + 1] in {"a", "one"} and words[i + 2] in t.fractions:
            current += t.fractions[words[i + 2]]
            i += 3
            seen = True
            continue
        if w in {"a", "an"}:
            current += 1
        elif w == "and":
            pass
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in t.number_words:
            current += t.number_words[w]
        elif w in t.fractions:
            # "two-thirds" → 2/3, "a fifth" → 1/5, "half" → 1/2
            current = (current or 1) * t.fractions[w]
        else:
            return None
        seen = True
        i += 1
    return current if seen else None


def scale_value(word: str | None) -> float:
    """'billion' → 1e9, 'bn' → 1e9, None → 1."""
    if not word:
        return 1.0
    return float(tables().scales[re.sub(r"[\s-]+", " ", word.lower())])


def currency_code(prefix: str | None = None, word: str | None = None) -> str | None:
    """ISO 4217 code from a sign before the number ('C$') or a word after it ('Canadian dollars')."""
    t = tables()
    if prefix:
        return t.currency_prefixes.get(prefix.strip())
    if word:
        w = re.sub(r"[\s-]+", " ", word.strip().lower())
        for adj, code in t.currency_adjectives.items():
            if w.startswith(adj + " "):
                return code
        return t.currency_words.get(w)
    return None


def unit_of(word: str | None) -> str | None:
    """Canonical unit for a unit word: '%' → percent, 'basis-point' → bp, 'per cent' → percent."""
    if not word:
        return None
    units = tables().units
    w = re.sub(r"[\s-]+", " ", word.strip().lower())
    return units.get(w) or units.get(w.replace(" ", "-"))


@dataclass
class Surface:
    """One side of a parsed quantity (before context checks)."""

    value: float
    unit: str | None  # None: no unit written (a count, or the other side's unit in a range)
    scale: str | None
    start: int  # character offsets of this side
    end: int
    # "12m" with no currency: millions only where it counts something ("12m voters"), which the parse decides
    bare_millions: bool = False


def parse_side(m: re.Match, n: int) -> Surface | None:
    """Value, unit and scale of the n-th side of a quantity_regex match."""
    num = m.group(f"num{n}")
    if num is None:
        return None
    value = parse_number(num)
    if value is None:
        return None
    cur, scale, cword, unit_word = m.group(f"cur{n}"), m.group(f"scale{n}"), m.group(f"cword{n}"), m.group(f"unit{n}")
    cword = cword or m.group(f"pence{n}")
    if unit_word and unit_word.lower() == "g" and (unit_word == "G" or m.start(f"unit{n}") != m.end(f"num{n}")):
        return None  # "70g" of a powder is grams; "5G" and "4G" name networks, and "3 g" is rarely grams
    low_num = num.strip().lower()
    if low_num in {"a", "an"} and not (scale or cword or unit_of(unit_word) in {"pp", "bp", "points"}):
        return None  # "a year", "a day" after an amount are rates ("£600bn a year"), not durations
    bare_millions = False
    if scale and scale.lower() in tables().short_scales and not (cur or cword):
        if scale.lower() != "m" or m.start(f"scale{n}") != m.end(f"num{n}"):
            return None  # "300 m" is metres, "3 b" a label; "£300m" is money
        # "3.5m tonnes", "8m barrels": a unit after it makes "m" millions; else "12m voters" and "100m sprint" are
        # left to the parse (NumberFinder._single)
        bare_millions = not unit_word
    value *= scale_value(scale)
    unit: str | None = None
    if cur:
        unit = currency_code(prefix=cur)
    elif cword and cword.lower() in tables().currency_subunits:
        unit, factor = tables().currency_subunits[cword.lower()]
        value *= factor  # "10 cents" → 0.10 USD, "50p" → 0.50 GBP
    elif cword:
        code = currency_code(word=cword)
        if code == "GBP" and cword.strip().lower().startswith("pound") and not scale:
            unit = "pounds"  # "100 pounds" of weight; "£100"/"100 million pounds" are money
        else:
            unit = code
    if unit_word:
        u = unit_of(unit_word) or unit_word.lower()
        if unit is None or u in {"percent", "pp", "bp"}:
            unit = u
    if unit == "decades":
        unit, value = "years", value * 10
    start = m.start(f"cur{n}") if cur else m.start(f"num{n}")
    if n == 1 and m.group("neg"):
        value, start = -value, m.start("neg")  # "-0.3%"
    end = max(m.end(f"{g}{n}") for g in ("num", "scale", "cword", "pence", "unit") if m.group(f"{g}{n}"))
    return Surface(value=value, unit=unit, scale=scale.lower() if scale else None, start=start, end=end,
                   bare_millions=bare_millions)


def to_basis_points(value: float, unit: str) -> tuple[float, str]:
    """Percentage points → basis points (x100); other units unchanged."""
    if unit == "pp":
        return round(value * 100, 6), "bp"
    return value, unit


# ---------------------------------------------------------------- context (needs a parsed Doc)
