"""bench/accuracy.py: the scorer's rules on tiny hand-made records, the golden articles' integrity, and
per-field score floors of the real pipeline on those articles (a regression floor)."""
from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pycountry
import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = sorted((ROOT / "tests" / "golden" / "articles").glob("*.json"))

_spec = importlib.util.spec_from_file_location("bench_accuracy", ROOT / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)

# --- a tiny article written for these tests ---------------------------------------------------------

TEXT = (
    "Chile will cut its tariff on wheat to 4% from 6%, Finance Minister Rosa Vidal said on Monday. "
    "\u201cFarmers will pay less,\u201d she said."
)
ARTICLE = {
    "id": "T1",
    "published": "2025-05-05",
    "text": TEXT,
    "gold": {
        "quotes": [
            {"speaker": "Rosa Vidal", "speaker_title": "Finance Minister", "text_start": "Chile will cut its tariff on wheat", "kind": "indirect"},
            {"speaker": "Rosa Vidal", "speaker_title": "Finance Minister", "text_start": "Farmers will pay less", "kind": "direct"},
        ],
        "officials": [{"name": "Rosa Vidal", "title": "Finance Minister", "organization": None, "country": "CHL"}],
        "countries": ["CHL"],
        "blocs": [],
        "numbers": [
            {"text": "4%", "value": 4.0, "unit": "percent", "start": TEXT.index("4%"), "end": TEXT.index("4%") + 2},
            {"text": "6%", "value": 6.0, "unit": "percent", "start": TEXT.index("6%"), "end": TEXT.index("6%") + 2},
        ],
        "rate_events": [{"kind": "tariff", "rate_percent": 4.0, "previous_percent": 6.0, "imposing": "CHL",
                         "target": "wheat", "action": "cut", "date": "2025-05-05"}],
        "claims": [{"text_start": "Chile will cut its tariff on wheat", "type": "numeric"}],
    },
}


def perfect_record() -> dict:
    """What a flawless extractor would output for ARTICLE, written by hand."""
    first = TEXT.index("Chile")
    quote = TEXT.index("\u201cFarmers")
    return {
        "source": "T1",
        "officials": [{"name": "Rosa Vidal", "title": "Finance Minister", "organization": None, "country": "CHL",
                       "mentions": 2}],
        "countries": [{"code": "CHL", "name": "Chile", "mentions": 1}],
        "blocs": [],
        "numbers": [
            {"text": "4%", "value": 4.0, "unit": "percent", "start": TEXT.index("4%"), "end": TEXT.index("4%") + 2},
            {"text": "6%", "value": 6.0, "unit": "percent", "start": TEXT.index("6%"), "end": TEXT.index("6%") + 2},
        ],
        "statements": [
            {"text": "Chile will cut its tariff on wheat to 4% from 6%", "kind": "indirect", "speaker": "Rosa Vidal",
             "speaker_title": "Finance Minister", "start": first, "end": first + 48},
            {"text": "\u201cFarmers will pay less,\u201d", "kind": "direct", "speaker": "Rosa Vidal",
             "speaker_title": "Finance Minister", "start": quote, "end": quote + 24},
        ],
        "claims": [{"text": "Chile will cut its tariff on wheat to 4% from 6%, Finance Minister Rosa Vidal said on Monday.",
                    "type": "numeric", "score": 0.9, "start": first, "end": first + 92}],
        "rate_events": [{"kind": "tariff", "rate_percent": 4.0, "rate_low": None, "previous_percent": 6.0,
                         "imposing": "CHL", "target": "wheat", "action": "cut", "date": "2025-05-05"}],
    }


def empty_record() -> dict:
    return {"source": "T1", **{k: [] for k in ("officials", "countries", "blocs", "numbers", "statements",
                                               "claims", "rate_events")}}


def f1(result: dict, field: str) -> float:
    return result["fields"][field]["f1"]


SCORED = ("statements", "officials", "countries", "numbers", "rate_events", "claims")


def test_accuracy_perfect_record_scores_one():
    result = accuracy.score_golden([perfect_record()], [ARTICLE])
    assert {field: f1(result, field) for field in SCORED} == {field: 1.0 for field in SCORED}
    assert result["accuracy"]["speaker_full"] == 1.0
    assert result["accuracy"]["direct_recall"] == result["accuracy"]["indirect_recall"] == 1.0
    assert result["accuracy"]["official_title"] == 1.0


def test_accuracy_empty_record_scores_zero():
    result = accuracy.score_golden([empty_record()], [ARTICLE])
    assert {field: f1(result, field) for field in SCORED} == {field: 0.0 for field in SCORED}
    assert result["fields"]["numbers"]["fn"] == 2
    assert result["accuracy"]["speaker_full"] is None  # nothing matched, nothing to judge


def test_accuracy_wrong_speaker_lowers_speaker_accuracy_only():
    record = perfect_record()
    record["statements"][1]["speaker"] = "Tomas Vidal"  # same surname: lenient accepts, strict does not
    record["statements"][0]["speaker"] = "Chile"
    result = accuracy.score_golden([record], [ARTICLE])
    assert f1(result, "statements") == 1.0
    assert result["accuracy"]["speaker_full"] == 0.0
    assert result["accuracy"]["speaker_surname"] == 0.5


def test_accuracy_pronoun_speakers_are_scored_apart():
    article = copy.deepcopy(ARTICLE)
    article["gold"]["quotes"][1]["speaker_form"] = "pronoun"  # "she said"
    record = perfect_record()
    record["statements"][1]["speaker"] = "she"  # found the quote, did not resolve the pronoun
    result = accuracy.score_golden([record], [article])
    assert result["accuracy"]["speaker_full_pronoun"] == 0.0
    assert result["accuracy"]["speaker_full"] == 0.5


def test_accuracy_surname_counts_leniently_not_strictly():
    record = perfect_record()
    record["statements"][0]["speaker"] = "Vidal"
    result = accuracy.score_golden([record], [ARTICLE])
    assert result["accuracy"]["speaker_full"] == 0.5
    assert result["accuracy"]["speaker_surname"] == 1.0


@pytest.mark.parametrize(
    ("statement_text", "matches"),
    [
        ('"Chile will cut its tariff!"', True),  # straight marks, punctuation and case ignored
        ("CHILE WILL CUT ITS TARIFF", True),
        ("Chile will cut its", False),  # four of the five key words
        ("Peru will cut its tariff on wheat", False),
    ],
)
def test_accuracy_statement_matches_on_first_five_words(statement_text, matches):
    record = perfect_record()
    record["statements"][0]["text"] = statement_text
    result = accuracy.score_golden([record], [ARTICLE])
    assert result["fields"]["statements"]["tp"] == (2 if matches else 1)


def test_accuracy_one_statement_cannot_match_two_quotes():
    record = perfect_record()
    record["statements"] = [dict(record["statements"][0], text=TEXT)]  # the whole text holds both keys
    result = accuracy.score_golden([record], [ARTICLE])
    scores = result["fields"]["statements"]
    assert (scores["tp"], scores["fn"], scores["fp"]) == (1, 1, 0)


def test_accuracy_numbers_need_overlap_and_value():
    record = perfect_record()
    record["numbers"][0]["value"] = 40.0  # right span, wrong value
    record["numbers"][1]["start"] += 30  # right value, elsewhere
    record["numbers"][1]["end"] += 30
    result = accuracy.score_golden([record], [ARTICLE])
    assert result["fields"]["numbers"]["tp"] == 0


def test_accuracy_percentage_points_equal_basis_points():
    text = "The bank cut its rate by half a percentage point to 3%, Governor Ian Moss said."
    article = {"id": "T2", "text": text, "gold": {"numbers": [
        {"text": "half a percentage point", "value": 0.5, "unit": "pp", "start": text.index("half"),
         "end": text.index("half") + 23}]}}
    predicted = {"source": "T2", "numbers": [{"text": "a percentage point", "value": 50.0, "unit": "bp",
                                              "start": text.index("a perc"), "end": text.index("a perc") + 18}]}
    result = accuracy.score_golden([predicted], [article])
    assert f1(result, "numbers") == 1.0
    assert result["accuracy"]["number_unit"] == 1.0


def test_accuracy_rate_event_needs_kind_rate_and_action():
    record = perfect_record()
    record["rate_events"][0]["action"] = "raise"
    result = accuracy.score_golden([record], [ARTICLE])
    assert f1(result, "rate_events") == 0.0
    assert result["fields"]["rate_events"]["fp"] == 1


def test_accuracy_extra_country_lowers_precision():
    record = perfect_record()
    record["countries"].append({"code": "PER", "name": "Peru", "mentions": 1})
    result = accuracy.score_golden([record], [ARTICLE])
    assert result["fields"]["countries"]["precision"] == 0.5
    assert result["fields"]["countries"]["recall"] == 1.0


def test_accuracy_wrong_title_lowers_title_accuracy():
    record = perfect_record()
    record["officials"][0]["title"] = "Trade Minister"
    result = accuracy.score_golden([record], [ARTICLE])
    assert f1(result, "officials") == 1.0
    assert result["accuracy"]["official_title"] == 0.0


# --- the golden articles themselves ----------------------------------------------------------------

UNITS = {"percent", "pp", "bp", "USD", "EUR", "JPY", "count", "multiple", "fraction", "days", "weeks", "months",
         "years"}


def _golden(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_golden_set_is_all_there():
    assert [p.stem for p in GOLDEN] == ["G01", "G02", "G03", "G04", "G05", "G06"]


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden_annotations_point_into_the_text(path):
    article = _golden(path)
    text, gold = article["text"], article["gold"]
    assert article["id"] == path.stem
    assert 150 <= len(text.split()) <= 300
    for item in gold["quotes"] + gold["claims"]:
        assert item["text_start"] in text
    for quote in gold["quotes"]:
        assert quote["kind"] in {"direct", "indirect"}
        assert quote["speaker_form"] in {"name", "pronoun", "description"}
        assert quote["speaker_mention"] in text
    for official in gold["officials"]:
        assert official["name"] in text
    for code in gold["countries"]:
        assert pycountry.countries.get(alpha_3=code) is not None, code
    for number in gold["numbers"]:
        assert text[number["start"]:number["end"]] == number["text"]
        assert number["unit"] in UNITS
    for event in gold["rate_events"]:
        assert event["kind"] in {"tariff", "interest_rate", "other_rate"}
        assert event["action"] in {"announce", "raise", "cut", "hold", "pause", "threaten", "remove"}
        if event.get("rate_low") is not None:
            assert event["rate_percent"] > event["rate_low"]  # a range's rate is its upper bound


def _record_from_gold(article: dict) -> dict:
    """A flawless record derived from the annotations, so the scorer is checked on every golden article."""
    gold, text = article["gold"], article["text"]
    # the rest of the paragraph from the annotated start: what a statement or claim span would hold
    sentence_of = lambda start: text[text.index(start):].split("\n")[0]  # noqa: E731
    return {
        "source": article["id"],
        "officials": copy.deepcopy(gold["officials"]),
        "countries": [{"code": c} for c in gold["countries"]],
        "blocs": [{"code": b} for b in gold["blocs"]],
        "numbers": copy.deepcopy(gold["numbers"]),
        "statements": [{"text": sentence_of(q["text_start"]), "kind": q["kind"], "speaker": q["speaker"]}
                       for q in gold["quotes"]],
        "claims": [{"text": sentence_of(c["text_start"]), "type": c["type"]} for c in gold["claims"]],
        "rate_events": copy.deepcopy(gold["rate_events"]),
    }


def test_golden_annotations_score_one_against_themselves():
    articles = [_golden(p) for p in GOLDEN]
    result = accuracy.score_golden([_record_from_gold(a) for a in articles], articles)
    assert all(s["f1"] == 1.0 for s in result["fields"].values()), result["fields"]
    assert all(v == 1.0 for v in result["accuracy"].values()), result["accuracy"]


# --- the floor: the real pipeline on the golden articles --------------------------------------------

# Pinned about one item below what the pipeline reached at b376514 (measured value in the comment): six short
# articles, so one item moves a field by 0.02-0.15. Raise them when the pipeline improves; never lower one to
# make a change pass without saying why. rate_events and claims were still changing when pinned (provisional).
F1_FLOORS = {
    "statements": 0.92,  # 0.949 (37 of 40 quotes, 38 statements)
    "officials": 0.94,  # 1.000 (18)
    "countries": 0.95,  # 1.000 (18)
    "blocs": 0.85,  # 1.000 (4)
    "numbers": 0.97,  # 0.991 (57 of 58)
    "rate_events": 0.90,  # 1.000 (13), provisional
    "claims": 0.83,  # 0.860 (40 of 43, 50 listed), provisional
}
ACCURACY_FLOORS = {
    "speaker_full": 0.88,  # 0.919 (34 of 37 matched quotes)
    "speaker_surname": 0.95,  # 1.000
    "speaker_full_pronoun": 0.63,  # 0.727 (8 of 11 "she said" / "the ministry said" quotes)
    "direct_recall": 0.80,  # 0.909 (10 of 11)
    "indirect_recall": 0.89,  # 0.931 (27 of 29)
    "official_title": 0.88,  # 0.944 (17 of 18)
}


@pytest.fixture(scope="module")
def pipeline_scores() -> dict:
    from nlp.pipeline import build_nlp

    golds = accuracy.load_golden()
    records = accuracy.run_pipeline(golds, build_nlp())
    return accuracy.score_golden(records, golds)


@pytest.mark.parametrize("field", sorted(F1_FLOORS))
def test_accuracy_floor_f1(pipeline_scores, field):
    scores = pipeline_scores["fields"][field]
    assert scores["f1"] >= F1_FLOORS[field], (scores, pipeline_scores["errors"][field])


@pytest.mark.parametrize("name", sorted(ACCURACY_FLOORS))
def test_accuracy_floor_accuracy(pipeline_scores, name):
    value = pipeline_scores["accuracy"][name]
    assert value is not None and value >= ACCURACY_FLOORS[name], (name, value)
