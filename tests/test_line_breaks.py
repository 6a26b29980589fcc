"""saidwhat_line_breaks: every line break starts a sentence, and a line's first words stay together (real model)."""
from __future__ import annotations


def test_line_breaks_headline_is_a_sentence_of_its_own(nlp):
    doc = nlp("Seoul trims rice duty\n\nKorea will cut its levy on imported rice to 5% next month.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Seoul trims rice duty"
    assert sents[1].startswith("Korea will cut")
    cut = next(t for t in doc if t.text == "cut")
    assert [c.text for c in cut.children if c.dep_ == "nsubj"] == ["Korea"]  # not hung on the headline


def test_line_breaks_a_line_does_not_end_after_its_first_word(nlp):
    doc = nlp("Oslo and Bern sign pact\n\nNorway and Switzerland signed a deal on Thursday that lowers duties on fish.")
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts == ["Oslo", "Norway"]


def test_line_breaks_a_dateline_is_no_subject(nlp):
    """'LIMA, May 4 (Wire) - Peru's …': the city is not a second subject of the first sentence."""
    for text in ("LIMA, May 4 (Wire) - Peru's central bank held its key rate at 4.75% on Thursday.",
                 "NEW DELHI — India's trade ministry said it would review the duties.",
                 "Brussels (Wire) — The Commission said talks would resume."):
        doc = nlp(text)
        subjects = [t.text for t in doc if t.dep_ == "nsubj"]
        assert subjects and subjects[0] not in ("LIMA", "DELHI", "Brussels"), (text, subjects)
    for text in ("Prices rose - slightly - in March.",  # a dash inside a sentence is no dateline
                 "Voss -- co-author of a book on the talks -- said the offer was a bluff."):  # nor a name's aside
        assert len(list(nlp(text).sents)) == 1, text


def test_line_breaks_no_sentence_starts_inside_a_hyphenated_name(nlp):
    doc = nlp("Lee Jung-ho, a spokesman for the union, said the strike would go on.")
    assert len(list(doc.sents)) == 1
