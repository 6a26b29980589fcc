"""saidwhat_claims: features, types and the model file without a pipeline; golden cases end to end."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.claim_types import claim_type
from nlp.components.claims import (
    CALIBRATION_FILE,
    MODEL_FILE,
    ClaimFeatures,
    ClaimScorer,
    _load,
    model_digest,
    seed_digest,
    shared_scorer,
    train_model,
)

GOLDEN_FILE = json.loads((Path(__file__).parent / "golden" / "claims.json").read_text(encoding="utf-8"))
GOLDEN = GOLDEN_FILE["cases"]
THRESHOLD = GOLDEN_FILE["threshold"]


# ---------------------------------------------------------------- no model


@pytest.mark.parametrize(
    "text",
    [
        "Reporting by Jo Bell; Editing by Ann Lee",
        "Additional reporting by Tim Cole in Oslo",
        "(Writing by Jo Bell; editing by Ann Lee)",
        "[Writing by Tim Cole]",
        # contributor lines, corrections and house promotions under wire and web stories
        "Lima bureau staff contributed to this report.",
        "Sam Ortiz contributed reporting.",
        "An earlier version of this article gave the wrong date for the vote.",
        "This report incorrectly named the minister's party in an earlier edition.",
        "Correction: The minister was in Oslo, not Bergen.",
        "The ministry has been asked for comment; we will update this story.",
        "Follow @OsloDesk for live updates from the summit.",
        "Check out our guide to cheap trains from Lisbon to Porto.",
        "Hear more in this week's episode on our daily business podcast.",
        "Click here for the full story.",
        "Sign up for our morning newsletter.",
        "A spokeswoman declined to comment.",
        "The embassy did not immediately respond to a request for comment.",
        "Is this the end of free trade?",
        # a quoted question with only its speaker after it
        "\u201cWhere did the money go?\u201d asked one trader on the conference call on May 3rd.",
        '"Why cut now?" she said.',
        '<img src="pixel.gif">',
        # people placed in a photo
        "Trade Minister Ana Ruiz (2nd L) meets Chilean exporters in Lima during the 12th Andean fair.",
        "Farm leaders Jo Hale (left) and Tim Ross tour a soybean field near Ames on the eve of the vote.",
        "Jo Hale speaks at a farm fair in Ames on Aug. 14.",  # a caption dated without its year
        # editors' notes and the disclaimers of opinion pages
        "Editor's note: The author was Peru's envoy to the bloc from 2010 to 2014.",
        "Note: The following is an abridged translation of a column from a Lima weekly.",
        "The views expressed in this column are the writer's own.",
        "This piece reflects the author's own opinions.",
        "Follow the Andes Daily to learn more about the trade fair in Cusco.",
        "Visit our business page to find out more about the harvest.",
        "The opinions in this column do not necessarily reflect those of the newspaper.",
    ],
)
def test_claims_furniture_is_never_a_claim(text):
    assert ClaimFeatures().is_furniture(text)
    assert shared_scorer().score(text) == 0.0


@pytest.mark.parametrize("text", [
    "The minister contributed 2 million euros to the relief fund last year.",
    "The bank said it would update its forecasts in March.",
    "Reporting on the scandal by local papers forced the minister out in 2019.",
    '"Why now?" asked the senator, adding that the bank had raised rates by two points in a year and that prices '
    'were still rising by 5% a year in every region.',
    "Senator Jo Hale (R) said the duties would cost farmers in her state $2 billion a year.",
    "Hale said the minister's views do not necessarily represent the government's stance on the duties.",
    "Farmers who follow the market closely want to learn more about the new duties, the union said.",
])
def test_claims_news_sentences_with_furniture_words_are_not_furniture(text):
    assert not ClaimFeatures().is_furniture(text)


def test_claims_features_see_numbers_comparisons_and_opinion():
    feats = ClaimFeatures()("\"I think exports fell 12% because demand was weaker than last year,\" he said.")
    assert feats["digits"] > 0 and feats["percent"] == 1.0
    assert feats["has_causal"] == feats["has_comparison"] == feats["has_opinion"] == feats["has_reporting"] == 1.0
    assert feats["quoted"] == feats["starts_quote"] == feats["terminal"] == 1.0


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Prices rose 4% in May.", "numeric"),
        ("Prices rose faster than wages.", "comparison"),
        ("Prices rose because of the drought.", "causal"),
        ("Prices will rise 4% next year.", "numeric"),  # a number outranks a plain future
        ("Prices could rise 4% next year.", "numeric"),  # and a hedge: the number is what can be checked
        ("Inflation is expected to peak at 13% in October.", "prediction"),  # a forecast outranks a number
        ("The bank cut its key rate to 4% on Tuesday.", "factual"),  # a policy act: the number is its term
        ("Ottawa imposed a 25% surtax on US steel.", "factual"),
        ("Sales fell 40% since the duties were imposed.", "numeric"),  # the act is background here
        ("Stocks rose 2% after the decision.", "causal"),
        ("The bank raised rates to tame inflation.", "causal"),
        ("Inflation is at its lowest level since 2021.", "comparison"),
        ("Prices will rise next year.", "prediction"),
        ("Exports fell 3% in May.", "numeric"),
        ("The court struck down the law.", "factual"),
        ("Half of the aid went to large farms.", "numeric"),
        ("The euro slipped against the yen on Friday.", "factual"),  # a currency named is no amount
        ("The levy brought in nine billion yen.", "numeric"),
        ("The new duties are due to take effect on March 9.", "factual"),  # a schedule, not a cause; a day no number
        ("Harvests shrank due to the drought.", "causal"),
        ("The bloc marked its 40th anniversary at the 12th summit in Quito.", "factual"),  # ordinals name occasions
        ("Peru rose from 90th place to 41st place in the ranking.", "numeric"),  # but a rank is a figure
        ("Output per head was five times the regional average.", "numeric"),
        ("Two bombs went off at the Checkpoint 2 entrance of the port.", "factual"),  # a numbered name, no count
        ("The 58-year-old was elected mayor of Cusco in June.", "factual"),  # an age is no quantity
        ("Luis Rojas, 52, who took office in March, survived a vote of censure in May.", "factual"),
        ("Most of the miners have returned to work.", "factual"),  # "most of" counts a share, compares nothing
        ("Ana Ruiz, Jorge Paz and Will Carter are also in the cast.", "factual"),  # "Will" the name
        ("In the 1990s, the aid went to energy projects in the south.", "factual"),  # a decade; "projects" the noun
        ("The fund projects growth of 3% next year.", "prediction"),  # "projects" the verb
        ("The lender may also have broken the sanctions rules.", "factual"),  # hedges the past, foretells nothing
        ("Proceeds from the single are going to the Red Cross.", "factual"),  # a way there, not a future
        ("The talks eased tensions, at least for a while.", "factual"),  # "at least" bounds, compares nothing
        ("All channels are due to show the film at 6pm tonight.", "factual"),  # a schedule; a time of day counts nothing
        ("(2) placed a priority on checking the rolls of voters abroad.", "factual"),  # an item's number in a list
        ("Most scientists agree on the cause of the warming.", "factual"),  # a share; "the most" would compare
        ("Six percent would not back the plan.", "numeric"),  # a share in words is a figure, "would" no forecast
        ("Fifty-five per cent of members would strike.", "numeric"),
        ("It reminded her of the 70s, when the party split.", "factual"),  # a decade written short is a date
        ("After 9/11 the rules on flying changed.", "factual"),  # a day named by its numbers
        ("The shop has been open 24/7 since the spring.", "factual"),
        ("The firm posted a fall in half-year profit.", "factual"),  # "half-year" is a period, no share
        # what would have been tells of the past, foretells nothing
        ("The rider had no licence that would have let him ride the scooter.", "factual"),
        ("The lyrics were not what the singer would\u2019ve wanted.", "factual"),
        ("Fares would rise next year, the operator said.", "prediction"),
        # a word of comparison or cause in a set phrase that means neither
        ("The senator doubled down on the charge in an interview on Friday.", "factual"),
        ("The singer phoned his record company and turned the new track down.", "factual"),
        ("A year earlier the operating result of the group was a loss.", "factual"),
        ("The team set a record that stood for a decade.", "comparison"),
        ("The flood was the result of a week of rain.", "causal"),
    ],
)
def test_claims_type_rules(text, kind):
    assert claim_type(text) == kind


def _parsed(words, heads, deps, tags, pos):
    """A hand-built parsed Doc (heads as absolute indexes)."""
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_claims_caption_fragment_keeps_a_count_in_words():
    from nlp.claim_forms import caption_fragment

    # a lead the parser left without its verb ("knocked" read as describing the storm) counts tents: no caption
    storm = _parsed(["A", "storm", "knocked", "over", "four", "tents", "at", "the", "fair", "."],
                    [1, 1, 1, 2, 5, 2, 2, 8, 6, 1],
                    ["det", "ROOT", "acl", "prt", "nummod", "dobj", "prep", "det", "pobj", "punct"],
                    ["DT", "NN", "VBN", "RP", "CD", "NNS", "IN", "DT", "NN", "."],
                    ["DET", "NOUN", "VERB", "ADP", "NUM", "NOUN", "ADP", "DET", "NOUN", "PUNCT"])
    assert not caption_fragment(storm[:])
    boats = _parsed(["Some", "of", "the", "boats", "moored", "in", "the", "harbour", "."],
                    [0, 0, 3, 1, 3, 4, 7, 5, 0],
                    ["ROOT", "prep", "det", "pobj", "acl", "prep", "det", "pobj", "punct"],
                    ["DT", "IN", "DT", "NNS", "VBN", "IN", "DT", "NN", "."],
                    ["PRON", "ADP", "DET", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"])
    assert caption_fragment(boats[:])


def test_claims_model_file_matches_seed_and_lexicon():
    # fails when the seed or lexicon changed without `python -m nlp.components.claims`
    assert _load(MODEL_FILE)["seed_sha256"] == seed_digest()


def test_claims_model_file_is_what_training_gives():
    trained, shipped = train_model(), _load(MODEL_FILE)
    assert trained["intercept"] == pytest.approx(shipped["intercept"], abs=1e-3)
    for name in ("terminal", "digits", "has_opinion", "has_causal"):
        assert trained["weights"][name] == pytest.approx(shipped["weights"][name], abs=1e-3)


def test_claims_calibration_file_is_fitted_for_the_shipped_model():
    # fails when the model was refit without `python bench/claims_calibration.py --write`
    assert _load(CALIBRATION_FILE)["model_sha256"] == model_digest()


def test_claims_calibration_keeps_the_order_and_the_furniture():
    raw, calibrated = ClaimScorer(calibrated=False), ClaimScorer()
    texts = ["Exports fell 3% in May.", "The talks went on late into the night.", "Wages rose faster than prices.",
             "\"We are so proud,\" she said."]
    assert sorted(texts, key=raw.score) == sorted(texts, key=calibrated.score)
    assert calibrated.score("Reporting by Jo Bell; Editing by Ann Lee") == 0.0


def test_claims_scores_are_probabilities():
    scorer = ClaimScorer()
    for text in ("Exports fell 3% in May.", "We are so proud of our team.", "The talks went on."):
        assert 0.0 <= scorer.score(text) <= 1.0
    assert scorer.score("Exports fell 3% in May.") > 0.5 > scorer.score("We are so proud of our team.")


# ---------------------------------------------------------------- golden, full pipeline


@pytest.mark.parametrize("case", GOLDEN, ids=[c["id"] for c in GOLDEN])
def test_claims_golden(nlp, case):
    doc = nlp(case["text"])
    listed = [c for c in doc._.claims if c.score >= THRESHOLD]
    assert [(c.text[: len(w["text_start"])], c.type) for c, w in zip(listed, case["claims"])] == [
        (w["text_start"], w["type"]) for w in case["claims"]]
    assert len(listed) == len(case["claims"]), [c.text for c in listed]
    for bad in case.get("without", []):
        assert not any(c.text.startswith(bad) for c in listed)
    for c in doc._.claims:
        assert doc.text[c.start:c.end] == c.text
        assert 0.0 < c.score <= 1.0


def test_claims_threshold_config(nlp):
    from nlp.pipeline import load_model

    strict = load_model()
    strict.add_pipe("saidwhat_claims", config={"threshold": 0.5})
    # a low-scoring statement ("We are so proud" is now no claim at all: a feeling voiced)
    text = "Exports fell 3% in May. \"We love this town,\" she said. Reporting by Jo Bell"
    assert [c.text for c in strict(text)._.claims] == ["Exports fell 3% in May."]
    everything = nlp(text)._.claims  # default 0: every sentence that scores at all, furniture never
    assert [c.text for c in everything] == ["Exports fell 3% in May.", "\"We love this town,\" she said."]


def test_claims_a_repeated_sentence_is_one_claim(nlp):
    text = ("Exports fell by 12% in March, the ministry said. Prices rose.\n\n"
            "Exports fell by 12% in March, the ministry said.")
    claims = [c for c in nlp(text)._.claims if c.score >= 0.5]
    assert [c.text for c in claims].count("Exports fell by 12% in March, the ministry said.") == 1
    assert claims[0].start == 0  # the first occurrence is kept


def test_claims_a_line_sending_readers_to_more_pages_is_never_a_claim(nlp):
    text = ("Exports fell by 12% in March, the ministry said.\n\n"
            "And for more coverage of the crisis hitting banks and the global economy, see our dedicated hub.\n\n"
            "For more than 200 years the port has shipped 40% of the country's wool.")
    listed = [c.text for c in nlp(text)._.claims if c.score >= 0.5]
    assert listed == ["Exports fell by 12% in March, the ministry said.",
                      "For more than 200 years the port has shipped 40% of the country's wool."]


def test_claims_a_wire_dateline_is_no_photo_credit(nlp):
    """The agency's name in a dateline ("(Wire) --") opens the lead paragraph; "(Wire/Photographer)" credits a photo."""
    text = ("QUITO, Feb. 3 (Xinhua) -- Ecuador raised its duty on imported tiles to 35 percent on Monday, the trade "
            "ministry said.\n\n"
            "LIMA, Feb. 4 (AP) \u2014 Peru's exports of copper fell 8% in January, the central bank said.\n\n"
            "Dockers unload tiles in Guayaquil, Feb. 2, 2019. (Xinhua/Ana Vera) Imports of tiles rose 40% last year.")
    listed = [c.text for c in nlp(text)._.claims if c.score >= 0.5]
    assert listed == ["Ecuador raised its duty on imported tiles to 35 percent on Monday, the trade ministry said.",
                      "Peru's exports of copper fell 8% in January, the central bank said."]
