"""saidwhat_rate_events: helpers without the pipeline, hand-set spans on the real model, golden cases end to end."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from spacy.tokens import Span

from nlp.components import rate_events as re_mod
from nlp.rates.dates import resolve_date
from nlp.rates.merge import Mention, merge
from nlp.rates.percentages import Rate, previous_level, rate_groups
from nlp.segments import sentence_segments
from nlp.extensions import Quantity, RateEvent

GOLDEN = json.loads((Path(__file__).parent / "golden" / "rate_events.json").read_text(encoding="utf-8"))["cases"]
FIELDS = ("kind", "action", "rate_percent", "rate_low", "previous_percent", "imposing", "target")

THURSDAY = dt.date(2024, 8, 1)


# ---------------------------------------------------------------- no model


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("Thursday", THURSDAY, THURSDAY),  # the article's own day
        ("on Tuesday", THURSDAY, dt.date(2024, 7, 30)),
        ("Friday", THURSDAY, dt.date(2024, 7, 26)),  # the most recent Friday, never a future one
        ("today", THURSDAY, THURSDAY),
        ("yesterday", THURSDAY, dt.date(2024, 7, 31)),
        ("May 3", THURSDAY, dt.date(2024, 5, 3)),
        ("next month", THURSDAY, dt.date(2024, 9, 1)),
        ("March 4, 2019", None, dt.date(2019, 3, 4)),
        ("Tuesday", None, None),  # nothing to resolve a weekday against
        ("next Tuesday", THURSDAY, dt.date(2024, 8, 6)),  # the coming one, not the one this week before today
        ("last Friday", THURSDAY, dt.date(2024, 7, 26)),
        ("September 9-11", THURSDAY, dt.date(2024, 9, 9)),  # a span of days starts on its first ("9-11" is no year)
    ],
)
def test_rate_events_resolve_date(phrase, published, expected):
    assert resolve_date(phrase, published) == expected


def test_rate_events_a_coming_new_year_is_next_year():
    december = dt.date(2020, 12, 15)
    assert resolve_date("jan. 1", december, forward=True) == dt.date(2021, 1, 1)  # "will cut … from Jan. 1"
    assert resolve_date("jan. 1", december) == dt.date(2020, 1, 1)  # "cut … on Jan. 1": the one gone by
    assert resolve_date("dec. 1", december, forward=True) == dt.date(2020, 12, 1)  # two weeks back is no wrap


def test_rate_events_range_gives_upper_bound_and_low():
    levels = [(Rate(0, 2, 4.25, "percent", high=4.5), "rate")]
    assert rate_groups(levels)[0][:4] == (4.5, 4.25, None, None)


def test_rate_events_two_adjacent_levels_are_a_range():
    levels = [(Rate(5, 7, 1.5, "percent"), "rate"), (Rate(8, 10, 1.75, "percent"), "rate")]
    assert rate_groups(levels)[0][:2] == (1.75, 1.5)


def test_rate_events_basis_points_are_a_change_not_a_level():
    attached = [(Rate(3, 6, 75.0, "bp"), "delta"), (Rate(7, 9, 6.25, "percent"), "rate")]
    rate, low, previous, delta, _ = rate_groups(attached)[0]
    assert (rate, low, previous, delta) == (6.25, None, None, 0.75)
    assert previous_level(rate, previous, delta, "raise") == 5.5
    assert previous_level(3.25, None, 0.25, "cut") == 3.5
    assert previous_level(3.25, None, 0.25, "hold") is None


def _event(**kw) -> RateEvent:
    base = dict(kind="interest_rate", action="raise", text="", start=0, end=0)
    return RateEvent(**{**base, **kw})


def test_rate_events_merge_fills_gaps_and_keeps_conflicts_apart():
    first = _event(imposing="Federal Reserve", start=0)
    second = _event(imposing="Federal Reserve", rate_percent=5.5, start=50)
    other_bank = _event(imposing="Bank of England", rate_percent=5.25, start=90)
    merged = merge([Mention(first, 0.25), Mention(second), Mention(other_bank)], [])
    assert [(e.imposing, e.rate_percent, e.previous_percent) for e in merged] == [
        ("Federal Reserve", 5.5, 5.25), ("Bank of England", 5.25, None)]


def test_rate_events_merge_level_completes_a_move():
    move = _event(imposing="Bank of Korea", start=0)
    level = _event(action="", imposing=None, rate_percent=3.25, start=80)
    [event] = merge([Mention(move, 0.25)], [level])
    assert (event.rate_percent, event.previous_percent) == (3.25, 3.0)


# ---------------------------------------------------------------- real model, spans set by hand


@pytest.fixture(scope="module")
def model():
    from nlp.pipeline import load_model

    return load_model()


@pytest.fixture(scope="module")
def finder(model):
    return re_mod.RateEventFinder(model)


def test_rate_events_segments_cut_at_line_breaks(model):
    doc = model("Central bank lifts rates\n\nThe bank raised its key rate to 5% on Friday. Markets fell.")
    assert [s.text for s in sentence_segments(doc)] == [
        "Central bank lifts rates", "The bank raised its key rate to 5% on Friday.", "Markets fell."]


def test_rate_events_read_numbers_spans_when_present(model, finder):
    # written-out numbers come only from the numbers component: without its span, no level is found
    doc = model("The Bank of England lifted borrowing costs to three percent on Thursday.")
    doc._.published = dt.date(2022, 11, 4)
    assert [e.rate_percent for e in finder(doc)._.rate_events] == [None]
    span = Span(doc, 8, 10)
    assert span.text == "three percent"
    span._.quantity = Quantity(3.0, "percent")
    doc.spans["numbers"] = [span]
    [event] = finder(doc)._.rate_events
    assert (event.kind, event.action, event.rate_percent, event.imposing, event.date) == (
        "interest_rate", "raise", 3.0, "Bank of England", dt.date(2022, 11, 3))


def test_rate_events_parties_from_country_spans(model, finder):
    doc = model("Ottawa slapped a 25% tariff on Japanese steel.")
    doc.spans["countries"] = [Span(doc, 0, 1, label="CAN"), Span(doc, 7, 8, label="JPN")]
    assert [s.text for s in doc.spans["countries"]] == ["Ottawa", "Japanese"]
    [event] = finder(doc)._.rate_events
    assert (event.imposing, event.target, event.action, event.rate_percent) == ("CAN", "JPN", "announce", 25.0)


def test_rate_events_are_fresh_per_doc(model, finder):
    first = finder(model("The Federal Reserve cut rates to 4% on Wednesday."))
    second = finder(model("The weather was fine."))
    assert len(first._.rate_events) == 1
    assert second._.rate_events == []


# ---------------------------------------------------------------- golden, full pipeline


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_rate_events_golden(nlp, case):
    doc = nlp.make_doc(case["text"])
    doc._.published = dt.date.fromisoformat(case["published"]) if case["published"] else None
    events = nlp(doc)._.rate_events
    with_products = any("products" in want for want in case["events"])  # cases written since products came
    with_dates = any("effective" in want for want in case["events"])  # cases written since the two dates came
    got = [{f: getattr(e, f) for f in FIELDS} | {"date": _iso(e.date), "evidence_start": e.text[:30]}
           | ({"products": e.products} if with_products else {})
           | ({"announced": _iso(e.announced), "effective": _iso(e.effective)} if with_dates else {})
           for e in events]
    assert got == case["events"]
    for e in events:
        assert doc.text[e.start:e.end] == e.text


@pytest.mark.parametrize("text, not_imposing", [
    # the country talked with is no party that taxes
    ("Finance Minister Ana Ruiz said on Thursday that talks with Chile over the 12% tariff on imported copper were "
     "going well.", "CHL"),
    # firms and trades tax no one ("Korean carmakers", "Brazilian farmers")
    ("The commerce secretary said the new 25% tariff on imported trucks took effect on Monday, even as Korean "
     "carmakers warned that the duty could cost them billions.", "KOR"),
])
def test_a_partner_or_a_country_s_firms_do_not_impose(nlp, text, not_imposing):
    events = nlp(text)._.rate_events
    assert events and all(e.imposing != not_imposing for e in events)


@pytest.mark.parametrize("text, imposing", [
    ("Talks with the European Union over its 25% tariff on American whiskey stalled on Friday.", "EU"),  # its own
    ("Ottawa will keep its 15% surtax on steel, and Brazilian farmers fear they are next.", "CAN"),
])
def test_the_imposer_beside_a_partner_or_firms(nlp, text, imposing):
    assert [e.imposing for e in nlp(text)._.rate_events] == [imposing]
