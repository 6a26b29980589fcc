"""saidwhat_numbers: parsing helpers without a model, golden cases through the real English pipeline."""
from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from nlp.quantity_forms import (
    currency_code,
    fraction_point_regex,
    parse_number,
    parse_side,
    quantity_regex,
    scale_value,
    to_basis_points,
    unit_of,
)

GOLDEN = json.loads((Path(__file__).parent / "golden" / "numbers.json").read_text(encoding="utf-8"))["cases"]


# ---------------------------------------------------------------- no model


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10", 10.0),
        ("1,200.5", 1200.5),
        ("0.75", 0.75),
        ("seventy", 70.0),
        ("Seventy-five", 75.0),
        ("twenty one", 21.0),
        ("three hundred", 300.0),
        ("a dozen", 12.0),
        ("five and a half", 5.5),
        ("2 1/2", 2.5),
        ("2½", 2.5),
        ("a fifth", 0.2),
        ("two-thirds", 2 / 3),
        ("one-hundredth", 0.01),
        ("banana", None),
        ("", None),
    ],
)
def test_numbers_parse_number(text, value):
    got = parse_number(text)
    if value is None:
        assert got is None
    else:
        assert math.isclose(got, value)


@pytest.mark.parametrize(("word", "factor"), [(None, 1.0), ("billion", 1e9), ("bn", 1e9), ("m", 1e6), ("Trillion", 1e12),
                                              ("crore", 1e7), ("lakh", 1e5), ("k", 1e3)])
def test_numbers_scale_value(word, factor):
    assert scale_value(word) == factor


@pytest.mark.parametrize(
    ("prefix", "word", "code"),
    [("$", None, "USD"), ("US$", None, "USD"), ("C$", None, "CAD"), ("A$", None, "AUD"), ("€", None, "EUR"),
     ("£", None, "GBP"), ("¥", None, "JPY"), ("Rs", None, "INR"), (None, "yuan", "CNY"), (None, "euros", "EUR"),
     (None, "Canadian dollars", "CAD"), (None, "Swiss francs", "CHF"), (None, "dollars", "USD"), (None, "widgets", None)],
)
def test_numbers_currency_code(prefix, word, code):
    assert currency_code(prefix=prefix, word=word) == code


@pytest.mark.parametrize(("word", "unit"), [("%", "percent"), ("per cent", "percent"), ("percent", "percent"),
                                            ("basis points", "bp"), ("bps", "bp"), ("percentage points", "pp"),
                                            ("days", "days"), (None, None)])
def test_numbers_unit_of(word, unit):
    assert unit_of(word) == unit


def test_numbers_percentage_points_become_basis_points():
    assert to_basis_points(0.25, "pp") == (25.0, "bp")
    assert to_basis_points(4.5, "percent") == (4.5, "percent")


@pytest.mark.parametrize(
    ("text", "value", "unit", "scale"),
    [
        ("$10 billion", 1e10, "USD", "billion"),
        ("£300m", 3e8, "GBP", "m"),
        ("5bn", 5e9, None, "bn"),  # "bn" is unambiguous: a count until context says more
        ("300 m", None, None, None),  # a bare "m" apart from its number is metres
        ("Rmb5bn", 5e9, "CNY", "bn"),
        ("10bn yuan", 1e10, "CNY", "bn"),
        ("25 basis points", 25.0, "bp", None),
        ("3.1%", 3.1, "percent", None),
        ("30-day", 30.0, "days", None),
        ("two decades", 20.0, "years", None),
    ],
)
def test_numbers_parse_side(text, value, unit, scale):
    match = quantity_regex().search(text)
    side = parse_side(match, 1) if match else None
    if value is None:
        assert side is None
    else:
        assert math.isclose(side.value, value) and side.unit == unit and side.scale == scale
        assert text[side.start: side.end] == text


def test_numbers_parse_side_leaves_a_bare_m_to_the_parse():
    """"300m" with no currency may be millions ("300m people") or metres ("a 300m race"): marked for the parse."""
    side = parse_side(quantity_regex().search("300m"), 1)
    assert side.bare_millions and side.value == 3e8 and side.unit is None
    assert not parse_side(quantity_regex().search("£300m"), 1).bare_millions


@pytest.mark.parametrize("text", ["1990s", "G7", "COVID-19", "1st", "10:30"])
def test_numbers_regex_skips_glued_forms(text):
    match = quantity_regex().search(text)
    assert match is None or parse_side(match, 1) is None or match.group(0) != text


@pytest.mark.parametrize(("text", "frac"), [("half a percentage point", "half"), ("a quarter-point", "quarter"),
                                            ("three-quarters of a point", "quarters")])
def test_numbers_fraction_point_regex(text, frac):
    match = fraction_point_regex().search(text)
    assert match.group(0) == text and match.group("frac") == frac


def test_numbers_run_without_parser_or_ner():
    """On a blank pipeline the surface forms are still read; measures need the parse and stay empty."""
    import spacy

    import nlp.components.numbers  # noqa: F401  (registers the factory)

    blank = spacy.blank("en")
    blank.add_pipe("saidwhat_numbers")
    doc = blank("A 25% levy on $50 billion of goods, up 0.5 percentage point.")
    got = [(s.text, s._.quantity.value, s._.quantity.unit) for s in doc.spans["numbers"]]
    assert got == [("25%", 25.0, "percent"), ("$50 billion", 5e10, "USD"), ("0.5 percentage point", 50.0, "bp")]


# ---------------------------------------------------------------- real pipeline


@pytest.fixture(scope="module")
def nlp():
    from nlp.pipeline import build_nlp

    return build_nlp(components=("saidwhat_countries", "saidwhat_numbers"))


def _close(a, b) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-5)


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_numbers_golden(nlp, case):
    doc = nlp(case["text"])
    got = list(doc.spans["numbers"])
    assert [s.text for s in got] == [e["text"] for e in case["numbers"]]
    for span, expected in zip(got, case["numbers"]):
        q = span._.quantity
        assert _close(q.value, expected["value"]), (span.text, q)
        assert q.unit == expected["unit"], (span.text, q)
        if "high" in expected:
            assert _close(q.high, expected["high"]), (span.text, q)
        for key in ("approx", "scale", "measures"):
            if key in expected:
                assert getattr(q, key) == expected[key], (span.text, key, q)


def test_numbers_spans_carry_offsets(nlp):
    text = "The tariff rose to 25% last week."
    doc = nlp(text)
    span = doc.spans["numbers"][0]
    assert text[span.start_char: span.end_char] == "25%"


def test_numbers_exact_values_are_not_approximate(nlp):
    doc = nlp("A 10% levy applies.")
    q = doc.spans["numbers"][0]._.quantity
    assert q.approx is None and q.high is None


@pytest.mark.parametrize("word, countries, day, code", [
    ("francs", ["FRA"], dt.date(1987, 3, 1), "FRF"),  # before the euro
    ("francs", ["FRA"], dt.date(2024, 3, 1), None),  # France has no franc now
    ("francs", ["BEL", "FRA"], dt.date(1987, 3, 1), None),  # two francs: open
    ("crowns", ["SWE"], dt.date(2024, 3, 1), "SEK"),
    ("riyal", ["OMN"], dt.date(2024, 3, 1), "OMR"),  # "riyal" and "rial" are spelt either way
    ("tonnes", ["FRA"], dt.date(2024, 3, 1), None),
])
def test_numbers_currency_of_a_country_at_a_date(word, countries, day, code):
    from nlp.currency_names import currency_of

    assert currency_of(word, countries, day) == code
