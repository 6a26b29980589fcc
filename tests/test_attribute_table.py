"""The table attribute ruler gives exactly what spaCy's Matcher-based attribute ruler gives."""
from __future__ import annotations

import pytest

from nlp.attribute_table import AttributeTable, swap_in
from nlp.pipeline import load_model

# own sentences that reach the model's special patterns: contractions, "gonna", "y'all", "let's", "there is",
# "but" as an adverb, subject pronouns, line breaks and runs of spaces
TEXTS = [
    "Y'all ain't gonna like this, but the minister said there is no deal yet.",
    "Let's be clear: I think you were right, and we gotta move on.\n\nThe bank held its rate at 4.5%.",
    "There were   three tariffs.  C'mon, she said, it is all but done.\n",
    "Officials who've seen the draft say it'll cut duties on steel from 25% to 15% next year.",
]


@pytest.fixture(scope="module")
def pipelines():
    reference = load_model()
    tabled = load_model()
    swap_in(tabled)
    return reference, tabled


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_the_pipeline_uses_the_table_and_reads_every_pattern(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeTable)
    ruler.match(nlp.make_doc("A test."))
    assert ruler._readable is True  # no pattern of the shipped model falls back on the Matcher


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_and_annotations_as_spacy(pipelines, text):
    reference, tabled = pipelines
    upstream = ["attribute_ruler", "lemmatizer", "ner"]
    doc_a = next(reference.pipe([text], disable=upstream))
    doc_b = next(tabled.pipe([text], disable=upstream))
    expected = reference.get_pipe("attribute_ruler").match(doc_a)
    assert expected  # the text reaches patterns at all
    assert tabled.get_pipe("attribute_ruler").match(doc_b) == expected
    assert _annotations(tabled(text)) == _annotations(reference(text))


def test_special_patterns_are_met(pipelines):
    """The texts above reach two-token and set patterns, not only the one-tag ones."""
    reference, _ = pipelines
    ruler = reference.get_pipe("attribute_ruler")
    long_rules = {i for i, entry in enumerate(ruler.patterns) if any(len(p) > 1 for p in entry["patterns"])}
    met = set()
    for text in TEXTS:
        doc = next(reference.pipe([text], disable=["attribute_ruler", "lemmatizer", "ner"]))
        met |= {rule for rule, _, _, _ in ruler.match(doc)}
    assert len(met & long_rules) >= 4


def test_a_pattern_the_table_cannot_read_leaves_the_ruler_to_the_matcher(pipelines):
    reference, _ = pipelines
    table = AttributeTable(reference.vocab, "attribute_ruler")
    table.add([[{"LOWER": "rate"}, {"IS_DIGIT": True, "OP": "?"}]], {"LEMMA": "RATE"})
    doc = reference.make_doc("The rate 5 and the rate.")
    plain = reference.get_pipe("attribute_ruler").__class__(reference.vocab)
    plain.add([[{"LOWER": "rate"}, {"IS_DIGIT": True, "OP": "?"}]], {"LEMMA": "RATE"})
    assert table.match(doc) == plain.match(doc) != []
    assert table._readable is False


def test_new_patterns_are_read_after_clear_and_add(pipelines):
    reference, _ = pipelines
    table = AttributeTable(reference.vocab, "attribute_ruler")
    table.add([[{"LOWER": "tariff"}]], {"LEMMA": "TARIFF"})
    doc = reference.make_doc("A tariff and a levy.")
    assert [s for _, _, s, _ in table.match(doc)] == [1]
    table.clear()
    table.add([[{"LOWER": "levy"}]], {"LEMMA": "LEVY"})
    assert [s for _, _, s, _ in table.match(doc)] == [4]
    table(doc)
    assert doc[4].lemma_ == "LEVY"
