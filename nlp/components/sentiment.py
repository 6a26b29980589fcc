"""The `saidwhat_sentiment` component: the tone of every statement and of the whole article.

Each statement gets ``statement.sentiment`` and the document ``doc._.sentiment``, both a
:class:`nlp.sentiment.model.Sentiment` (label negative / neutral / positive, a score in [−1, 1], the model's
"name@version"). A statement is scored on its words with the reporting verb in front when that verb carries
tone ("warned", "welcomed"; not "said"), in the model's ``speech`` domain (the tone of what the speaker says; a
call, "urged", "called for" or a first verb "should", is never praise),
or in its ``news`` domain when the source is a document or data ("a study suggests", "according to the survey");
the document is the mean of its sentences' probabilities in the ``news`` domain (business and market
reporting, where the news itself is good or bad), so an article with no statement still has a tone. The model is the one shipped in ``nlp/data/sentiment_model.json``
unless `model_path` names a file written by ``cli.py train-sentiment``.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import Statement
from nlp.segments import doc_text, sentence_segments
from nlp.sentiment.model import NEWS, SPEECH, SentimentModel, model_at

# reporting verbs that only report: the statement's own words carry its tone
PLAIN_CUES = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "according to", "stated", "states",
                        "noted", "notes", "explained", "wrote", "writes", "remarked", "commented", "replied",
                        "answered", "asked", "reported", "announced", "announces", "declared", "continued"})


# a reported clause's subject pronoun is the speaker named again by the writer ("the firm said it would sell the
# unit", "they said they wanted to stay"): it tells nothing of tone, but the word features learnt "they" and "it"
# from written criticism of others ("they are cheating us"), so a speaker's own plan read as criticism
REPORTED_SUBJECTS = ("he ", "she ", "it ", "they ")


# the writer's framing the statement's span runs on into ("…, widely described as punitive", "…, a move analysts
# said could backfire", "…, in a move to calm markets"): the issue's tone is the speaker's, not the outlet's
FRAMING = re.compile(r",\s+(?:(?:widely|largely|generally|often)\s+)?(?:seen|described|viewed|regarded|perceived|"
                     r"considered|dubbed|branded)\s+(?:by\s+[^,]+\s+)?as\b|,\s+(?:in\s+)?an?\s+(?:move|step)\b",
                     re.IGNORECASE)


def statement_input(statement: Statement) -> str:
    """What the model reads for a statement: its words, after the cue when the cue itself has a tone; a reported
    statement without its leading subject pronoun, and without the writer's framing after it."""
    text = statement.text
    framing = FRAMING.search(text)
    if framing and len(text[:framing.start()].split()) >= 3:
        text = text[:framing.start()]
    if statement.kind == "indirect" and text.startswith(REPORTED_SUBJECTS):
        text = text.split(" ", 1)[1]
    cue = (statement.cue or "").strip()
    if not cue or cue.lower() in PLAIN_CUES:
        return text
    return f"{cue} {text}"


# a statement whose source is a document or data ("a recent study suggests", "estimates suggest", "according to
# the survey") reports a finding, not a speaker's stance: its tone is whether the finding is good or bad news, as in
# business reporting, so it is read in the model's news domain ("GDP rose by 7%" good, "arrests have doubled" bad)
FINDINGS = frozenset({"study", "studies", "paper", "papers", "research", "report", "reports", "survey", "surveys",
                      "data", "figures", "estimates", "evidence", "analysis", "results", "calculations",
                      "statistics", "poll", "polls", "database", "projections", "findings", "numbers"})


def statement_domain(statement: Statement) -> str:
    """NEWS for a finding of a document or data named by a common noun ("the survey", "official figures"); SPEECH
    for everyone else. A capitalised name of several words is an organization ("Hindenburg Research")."""
    words = (statement.speaker or "").split()
    if not words or words[-1].lower() not in FINDINGS:
        return SPEECH
    named = len(words) > 1 and all(w[:1].isupper() for w in words if w.lower() not in ("the", "of", "and"))
    return SPEECH if named else NEWS


# a call ("urged Ottawa to drop the levy", "called for calm", "pressed the bank to act") asks for what the speaker
# does not have: its tone is neutral (a call for talks, for cooperation) or negative (a demand to stop something),
# never praise, however warm its words ("urged both sides to show goodwill and seek win-win cooperation"): what the
# model reads as positive in a call is a call for something good, so neutral
CALL_CUES = frozenset({"urge", "urges", "urged", "urging", "demand", "demands", "demanded", "demanding", "appeal",
                       "appeals", "appealed", "appealing", "press", "presses", "pressed", "pressing"})
# "call" is a call only as "called for" or "called on": "called the deal a landmark" is praise
CALL_VERBS = frozenset({"call", "calls", "called", "calling"})
CALL_PARTICLES = ("for", "on", "upon")


# "should" of expectation, not of obligation: a change or an outcome after it ("inflation should fall back next year",
# "exports should recover", "the deal should help farmers") is an outlook and keeps its tone; "should be" stays a
# call ("a solution should be found")
EXPECTED = ("rise", "fall", "grow", "recover", "improve", "increase", "decrease", "decline", "drop", "ease", "pick",
            "rebound", "slow", "accelerate", "remain", "stabilise", "stabilize", "return", "reach", "exceed", "help",
            "benefit", "hurt", "cost")
# the same call made with "said": the statement's own first verb is one of obligation ("the two sides should
# resolve their differences through talks", "we need to reform the rules", "we need a deal"); not "no need to" (a
# reassurance), not the noun ("its needs"), and not in a clause that describes ("the habits that should be kept")
OBLIGATION = re.compile(
    r"^\W*(?:(?!(?:but|will|would|is|are|was|were|has|have|had|said|says)\b)[\w'’\-]+,?\s){0,8}?"
    r"(?<!\bno )(?<!\bthat )(?<!\bwhich )(?<!\bwho )"
    r"(?:(?:should|must)(?=\s)(?!\s+(?:also\s+|still\s+)?(?:" + "|".join(EXPECTED) + r")\b)|ought to|needs? to|"
    r"(?<=\bwe |ey |ou )need|(?<!the )(?<!its )(?<!our )(?<!eir )(?<!his )(?<!her )(?<!'s )(?<!’s )needs)\s",
    re.IGNORECASE)


def is_call(statement: Statement, text: str) -> bool:
    """Whether the statement is a call or an urging, by its cue ("urged", "demanded", "called for") or its own first
    verb ("should", "must", "need to"); `text` is the document's text, read for the word between "called" and the
    statement."""
    cue = (statement.cue or "").strip().lower()
    if cue in CALL_CUES or OBLIGATION.match(statement.text):
        return True
    if cue not in CALL_VERBS:
        return False
    before = text[max(0, statement.start - 12):statement.start].split()
    return bool(before) and before[-1].lower() in CALL_PARTICLES


class SentimentTagger:
    def __init__(self, model: SentimentModel) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        doc._.sentiment = self.model.document([seg.text for seg in sentence_segments(doc)], NEWS)
        text = doc_text(doc)
        for statement in doc._.statements or []:
            statement.sentiment = self.model.sentiment(statement_input(statement), statement_domain(statement),
                                                       no_positive=is_call(statement, text))
        return doc


@Language.factory("saidwhat_sentiment", default_config={"model_path": None})
def make_sentiment(nlp: Language, name: str, model_path: str | None) -> SentimentTagger:
    """Sentiment of statements and the document; `model_path` is a model file from `train-sentiment`, None
    for the shipped model."""
    return SentimentTagger(model_at(model_path))
