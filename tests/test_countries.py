"""saidwhat_countries: gazetteer helpers without a model, golden cases through the real English pipeline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from nlp.components.countries import (
    BLOC,
    BLOC_SEAT,
    CAPITAL,
    DEMONYM,
    NAME,
    STOP,
    capital_acts,
    country_name,
    load_gazetteer,
    pycountry_names,
)

GOLDEN = json.loads((Path(__file__).parent / "golden" / "countries.json").read_text(encoding="utf-8"))["cases"]


# ---------------------------------------------------------------- no model


def test_countries_pycountry_names_skip_inverted_forms():
    names = pycountry_names()
    assert names["Germany"] == "DEU"
    assert names["People's Republic of China"] == "CHN"
    assert not any("," in name for name in names)


@pytest.mark.parametrize(
    ("form", "kind", "code"),
    [
        ("U.S.", NAME, "USA"),
        ("Britain", NAME, "GBR"),
        ("South Korea", NAME, "KOR"),
        ("Congo", NAME, "COD"),  # the data file overrides pycountry's COG for the everyday name
        ("Japanese", DEMONYM, "JPN"),
        ("Beijing", CAPITAL, "CHN"),
        ("EU", BLOC, "EU"),
        ("OPEC+", BLOC, "OPEC+"),
        ("Brussels", BLOC_SEAT, "EU"),
        ("American Express", STOP, ""),
    ],
)
def test_countries_gazetteer_entries(form, kind, code):
    assert load_gazetteer().entries[form] == (kind, code)


def test_countries_organizations_are_not_blocs():
    entries = load_gazetteer().entries
    for org in ("WTO", "IMF", "World Bank", "UN"):
        assert org not in entries


def test_countries_country_name_prefers_common_name():
    assert country_name("KOR") == "South Korea"
    assert country_name("DEU") == "Germany"
    assert country_name("XXX") == "XXX"


def _parsed(words, heads, deps, pos):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, sent_starts=[True] + [False] * (len(words) - 1))


def test_countries_capital_acts_as_subject():
    doc = _parsed(["Then", "Beijing", "retaliated", "."], [2, 2, 2, 2], ["advmod", "nsubj", "ROOT", "punct"],
                  ["ADV", "PROPN", "VERB", "PUNCT"])
    assert capital_acts(doc[1:2])


def test_countries_capital_as_place_does_not_act():
    doc = _parsed(["They", "met", "in", "Beijing", "."], [1, 1, 1, 2, 1], ["nsubj", "ROOT", "prep", "pobj", "punct"],
                  ["PRON", "VERB", "ADP", "PROPN", "PUNCT"])
    assert not capital_acts(doc[3:4])


def test_countries_capital_as_party_acts():
    doc = _parsed(["Talks", "with", "Ottawa", "stalled", "."], [3, 0, 1, 3, 3],
                  ["nsubj", "prep", "pobj", "ROOT", "punct"], ["NOUN", "ADP", "PROPN", "VERB", "PUNCT"])
    assert capital_acts(doc[2:3])


def test_countries_run_without_parser_or_ner():
    """On a blank pipeline (no parse, no entities) names still match and capitals, needing context, do not."""
    import nlp.components.countries  # noqa: F401  (registers the factory)

    blank = spacy.blank("en")
    blank.add_pipe("saidwhat_countries")
    doc = blank("Beijing answered the U.S. and the EU within hours.")
    assert [(s.text, s.label_) for s in doc.spans["countries"]] == [("U.S.", "USA")]
    assert [(s.text, s.label_) for s in doc.spans["blocs"]] == [("EU", "EU")]


# ---------------------------------------------------------------- real pipeline


@pytest.fixture(scope="module")
def nlp():
    from nlp.pipeline import build_nlp

    return build_nlp(components=("saidwhat_countries", "saidwhat_numbers"))


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_countries_golden(nlp, case):
    doc = nlp(case["text"])
    assert [[s.text, s.label_] for s in doc.spans["countries"]] == case["countries"]
    assert [[s.text, s.label_] for s in doc.spans["blocs"]] == case["blocs"]


def test_countries_spans_carry_offsets(nlp):
    text = "Officials said Canada would respond."
    doc = nlp(text)
    span = doc.spans["countries"][0]
    assert text[span.start_char: span.end_char] == "Canada"
    assert span.label_ == "CAN"


def test_countries_empty_text(nlp):
    doc = nlp("")
    assert list(doc.spans["countries"]) == [] and list(doc.spans["blocs"]) == []
