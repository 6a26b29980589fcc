"""The `saidwhat_sentiment` component: the tone of every statement and of the whole article.

Each statement gets ``statement.sentiment`` and the document ``doc._.sentiment``, both a
:class:`nlp.sentiment.model.Sentiment` (label negative / neutral / positive, a score in [−1, 1], the model's
"name@version"). A statement is scored on its words with the reporting verb in front when that verb carries
tone ("warned", "welcomed"; not "said"), in the model's ``speech`` domain (the tone of what the speaker says; a
call, "urged", "called for" or a first verb "should", is never praise, a denial or police and court procedure
never criticism ("two men were arrested"), an open question, harm one means to spare or a move of a policy rate
no bad news, a vow to defend one's interests a threat, a condemnation ("this must never happen again") or a breach
of rules criticism, a tribute to the dead praise, and a fragment with no word of tone neutral), or in its ``news``
domain when the source is a document or data ("a study suggests", "according to the survey"); the document is the
mean of its sentences' probabilities in the ``news`` domain (business and market reporting, where the news itself is
good or bad), so an article with no statement still has a tone. The model is the one shipped in
``nlp/data/sentiment_model.json`` unless `model_path` names a file written by ``cli.py train-sentiment``.
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from nlp.extensions import Statement
from nlp.segments import doc_text, sentence_segments
from nlp.sentiment.clauses import mourning_clauses_removed, procedure_clauses_removed
from nlp.sentiment.condemnation import is_breach, is_condemnation, is_overstatement
from nlp.sentiment.harm import HARDSHIP_OF_HELPED, prevention_removed, spares_harm, tells_of_harm
from nlp.sentiment.idioms import has_trouble_idiom
from nlp.sentiment.model import NEWS, SPEECH, Sentiment, SentimentModel, model_at
from nlp.sentiment.openings import is_open_question
from nlp.sentiment.rates import duty_moves_removed, inflation_in_check_removed, rate_moves_removed
from nlp.sentiment.times import backdrops_removed, event_times_removed

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


# "as far as the harbour is concerned" only names a topic: read as "as for the harbour", since the word lists count
# "concerned" as worry
AS_FAR_AS = re.compile(r"\bas\s+far\s+as\s+([^,;.!?]{1,80}?)\s+(?:is|are|was|were)\s+concerned\b", re.IGNORECASE)


# "great" before a noun of bad news or regret only makes it bigger ("a great shame", "of great concern", "in great
# danger"), but the word features learnt "great" from praise, and it outweighed the noun: read without it
GREAT_BAD = re.compile(r"\bgreat(?:est)?\s+(?=(?:shame|pity|disappointments?|loss(?:es)?|concerns?|injustices?|"
                       r"tragedy|danger|perils?|risks?|difficult(?:y|ies)|mistakes?|errors?|damage|harm|worr(?:y|ies)|"
                       r"sorrow|sadness|regret|setbacks?|blow|threats?|burdens?|suffering|distress|anxiety|"
                       r"uncertainty|fears?|pain|hardships?|embarrassment|disgrace|insult|scandal|failures?|"
                       r"problems?|trouble)\b)", re.IGNORECASE)


def statement_input(statement: Statement) -> str:
    """What the model reads for a statement: its words, after the cue when the cue itself has a tone; a reported
    statement without its leading subject pronoun, and without the writer's framing after it; a topic named "as far
    as it is concerned" as "as for" it; "a great shame" as "a shame"; without a time named by a bad event ("since
    the war") or the hardship of those it helps ("meals for those in need")."""
    text = event_times_removed(GREAT_BAD.sub("", AS_FAR_AS.sub(r"as for \1", statement.text)))
    text = HARDSHIP_OF_HELPED.sub(r"\1", text)
    framing = FRAMING.search(text)
    if framing and len(text[:framing.start()].split()) >= 3:
        text = text[:framing.start()]
    if statement.kind == "indirect" and text.startswith(REPORTED_SUBJECTS):
        text = text.split(" ", 1)[1]
    if not cue_has_tone(statement):
        return text
    return f"{statement.cue.strip()} {text}"


def cue_has_tone(statement: Statement) -> bool:
    """Whether the statement's reporting verb carries a tone of its own ("warned", "welcomed"; not "said")."""
    cue = (statement.cue or "").strip()
    return bool(cue) and cue.lower() not in PLAIN_CUES


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


# an aim ("it wants to reduce waiting lists", "we plan to open two clinics", "we would like to see more trains") is
# the speaker's own plan, not yet there: like a call, it is no praise however warm what is aimed at; not "want to
# thank", "would like to congratulate", which praise
AIM = re.compile(r"^\W*(?:i|we|he|she|it|they|(?:the|our|its|their)\s+[\w\-]+)\s+(?:(?:also|still|now|really)\s+)?"
                 r"(?:wants?|wanted|aims?|aimed|intends?|intended|plans?|planned|(?:would|'d|’d)\s+like)\s+to\s+"
                 r"(?!(?:thank|congratulate|praise|welcome|commend|pay\s+tribute|express)\b)", re.IGNORECASE)


# a policy told by what it is for ("the board runs its policy with a focus on jobs and steady prices",
# "macroprudential measures will stay geared towards lending to small firms"): an institution's mandate stated, as
# its own measure is, whose aims ("growth", "stability") read as good news
POLICY_AIM = re.compile(r"\b(?:polic(?:y|ies)|stance|measures)\b[^.;:!?]{0,60}?\b"
                        r"(?:with\s+an?\s+(?:focus|emphasis)\s+on|(?:aimed|oriented|directed|geared|targeted)\s+"
                        r"(?:at|towards?))\s", re.IGNORECASE)


def is_aim(statement: Statement) -> bool:
    """Whether the statement opens with the speaker's aim ("it wants to", "we plan to", "would like to") or tells a
    policy by what it is for ("policy with a focus on supporting growth")."""
    return bool(AIM.match(statement.text) or POLICY_AIM.search(statement.text))


# a denial: the speaker says what it did not know, do, intend or say ("it was not aware of an arrest", "we had no
# intention of closing the site", "I never said that", "my remarks were taken out of context"), or the cue says it
# denies. Its tone is a defence, neutral; the model read the negation as criticism, since in written statements a
# negation mostly is ("not acceptable"). The subject must be the speaker: "I"/"we" (or "our"/"my" something) in a
# quote, where "they never told us" is a complaint; in a reported clause also the pronoun that names the speaker
DENIAL_CUES = frozenset({"denied", "denies", "deny", "denying"})
_DENIED = (r"(?:(?:am|is|are|was|were|been|'m|’m|'re|’re)\s+(?:not|never|in\s+no\s+way)\s+"
           r"(?:aware|responsible|involved|party|behind|linked|connected)"
           r"|(?:can't|can’t|cannot|could\s+not)\s+be\s+(?:held\s+)?responsible"
           r"|(?:had|has|have)\s+(?:no|never\s+had\s+any)\s+(?:intention|knowledge|information|plans?|idea|record|role|"
           r"part|involvement|link|hand)"
           r"|(?:did|does|do|had|has|have|could)\s*(?:not|n't|n’t)\s+(?:have\s+)?(?:know|known|intend|plan|say|said|"
           r"authori[sz]e|authori[sz]ed|launch|launched|take\s+part|participate|participated|order|ordered)"
           r"|never\s+(?:said|knew|intended|authori[sz]ed|launched|taught|promised|ordered)"
           r"|neither\s+(?:said|say|knew|know))\b")
_OWN = r"(?:i|we|(?:my|our)(?:\s+[\w\-]+){1,3})"
_REPORTED = r"(?:i|we|he|she|it|they|(?:my|our|his|her|its|their)(?:\s+[\w\-]+){1,3})"
DENIAL_IN_QUOTE = re.compile(rf"^\W*{_OWN}\s+(?:[\w\-]+\s+){{0,2}}?{_DENIED}", re.IGNORECASE)
DENIAL_REPORTED = re.compile(rf"^\W*{_REPORTED}\s+(?:[\w\-]+\s+){{0,2}}?{_DENIED}", re.IGNORECASE)
# one's own words said to be wrongly reported, whatever the subject ("her remarks on the vote were misquoted"), or not
# meant ("he was just being sarcastic", "I'm joking"): the words of what was said read as the speaker's own
MISREPORTED = re.compile(r"\b(?:was|were|been)\s+(?:misquoted|misreported|misrepresented|taken\s+out\s+of\s+context)\b"
                         r"|\b(?:was|were|am|is|are|'m|’m|'re|’re)\s+(?:just\s+|only\s+|merely\s+|simply\s+)?"
                         r"(?:being\s+)?(?:sarcastic|joking|kidding|ironic)\b", re.IGNORECASE)
# a defence of the speaker or of whom the speaker answers for, whoever the subject ("the mayor has done nothing
# wrong", "our staff broke no rules"), as the statement's last clause: the words of wrongdoing it denies read as
# criticism. Not "he did nothing wrong and they sacked him", a complaint
NO_WRONGDOING = re.compile(r"\b(?:(?:did|does|do|has\s+done|have\s+done|had\s+done)\s+nothing\s+(?:wrong|illegal|"
                           r"improper|unlawful)|(?:broke|broken|breaks|break)\s+no\s+(?:rules?|laws?))\b"
                           r"(?![^;.!?]*\b(?:and|but|yet|so)\b)(?![^;.!?]*[;.!?]\s+\w)", re.IGNORECASE)


def is_denial(statement: Statement) -> bool:
    """Whether the statement denies: by its cue ("denied"), by its speaker saying what it did not know, do or say,
    by saying its words were misquoted or not meant, or that someone did nothing wrong."""
    if ((statement.cue or "").strip().lower() in DENIAL_CUES or MISREPORTED.search(statement.text)
            or NO_WRONGDOING.search(statement.text)):
        return True
    pattern = DENIAL_IN_QUOTE if statement.kind == "direct" else DENIAL_REPORTED
    return bool(pattern.match(statement.text))


# a fragment ("his nation's soldiers", "what I thought", "it is a draw"): under six words, so the model's prior for
# short rows speaks (short training rows are toned phrases, "a disaster for our economy"); with no word of tone in
# it, it has no tone to read
FRAGMENT_WORDS = 6


def is_toneless_fragment(model: SentimentModel, text: str) -> bool:
    """Whether `text` is a fragment of fewer than FRAGMENT_WORDS words with no word of tone or change."""
    return len(re.findall(r"[A-Za-z]+", text)) < FRAGMENT_WORDS and not model.has_tone(text)


# the marks of a partial quote inside a reported vow ('will take "resolute steps" to defend'), read without
QUOTE_MARKS = re.compile(r"[\"“”‘’]|'(?!\w)")
# a vow to defend one's interests ("will take firm countermeasures to defend the interests of its growers", "will
# take resolute steps to safeguard our legitimate rights"): the veiled threat of retaliation of a dispute, negative as
# the guideline labels threats; its words (measures, protect, interests) read as a plain plan. Not one's people or
# citizens: "steps to protect our citizens" after an attack is a measure of safety
VOW_TO_DEFEND = re.compile(
    r"\b(?:take|takes|taking|took|adopt|adopts|adopted)\s+(?:all\s+|any\s+|every\s+)?(?:the\s+)?"
    r"(?:(?:necessary|needed|required|resolute|firm|decisive|strong|forceful|further)\s+)?(?:counter)?"
    r"(?:measures|steps|actions?)\s+(?:(?:necessary|needed|required)\s+)?to\s+(?:(?:firmly|resolutely)\s+)?"
    r"(?:protect|safeguard|defend|uphold)\s+(?:(?:its|our|their|the)\s+)?(?:[\w\-]+\s+){0,3}?"
    r"(?:rights|interests|sovereignty)\b", re.IGNORECASE)


# a statement the model reads as negative by a hair over positive ("the scheme has its merits and its flaws", "sales
# rose in the north and fell in the south") holds good and bad with no clear lean: neutral, as the issue's guideline
# labels it. Calibrated on develop data only (real statements of odd-id wire stories labelled by
# hand and news-dev's develop quotes); leads from 0.1 to 0.3 gave the two together 0 to +3 statements, 0.1 the most
NEGATIVE_LEAD = 0.1


class SentimentTagger:
    def __init__(self, model: SentimentModel) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        doc._.sentiment = self.model.document([seg.text for seg in sentence_segments(doc)], NEWS)
        text = doc_text(doc)
        for statement in doc._.statements or []:
            statement.sentiment = self.statement_sentiment(statement, text)
        return doc

    def statement_sentiment(self, statement: Statement, text: str) -> Sentiment:
        """A statement's tone; `text` is the document's. A call or an aim is no praise, a denial or police and
        court procedure no criticism, an open question, harm one means to spare, a policy-rate move, a duty raised,
        inflation held in check or the backdrop of a decision no bad news, a fragment with no word of tone neutral,
        a vow to defend one's interests, a condemnation or a breach of rules a threat or criticism, a tribute
        praise."""
        words = statement_input(statement)
        domain = statement_domain(statement)
        fragment = is_toneless_fragment(self.model, words)
        # an open question ("it is too early to say whether …") is neither good nor bad news
        asked = is_open_question(statement.text)
        no_negative = (fragment or asked or is_denial(statement) or spares_harm(statement.text)
                       or self.only_procedure_is_bad(statement, words, domain)
                       or self.only_rate_moves_are_bad(statement, words, domain)
                       or self.only_these_are_bad(statement, words, domain, inflation_in_check_removed)
                       or self.only_these_are_bad(statement, words, domain, duty_moves_removed)
                       or self.only_these_are_bad(statement, words, domain, backdrops_removed)
                       or self.only_these_are_bad(statement, words, domain, prevention_removed))
        result = self.model.sentiment(words, domain,
                                      no_positive=fragment or asked or is_call(statement, text) or is_aim(statement),
                                      no_negative=no_negative, negative_lead=NEGATIVE_LEAD)
        # criticism by the form of the sentence: a vow to defend one's interests, a condemnation or an idiom of
        # trouble ("hangs in the balance") read as plain, and a breach of values or rules or an overstatement ("overly
        # optimistic"), whose words read as praise, whatever it was read as
        condemned = result.label == "neutral" and (VOW_TO_DEFEND.search(QUOTE_MARKS.sub("", words))
                                                   or is_condemnation(statement.text)
                                                   or has_trouble_idiom(statement.text))
        if condemned or is_breach(statement.text) or is_overstatement(statement.text):
            return Sentiment("negative", min(result.score, 0.0), result.model)
        if result.label != "positive" and (tribute := self.tribute(words, domain)):
            return tribute
        # harm done told as news ("the second car collided with the first") is bad news, unless a rule above found
        # none in it (procedure, a denial, an open question) or it is a tribute read as praise
        if (result.label != "negative" and not no_negative and tells_of_harm(statement.text)
                and (result.label == "neutral" or not self.tribute(words, domain))):
            return Sentiment("negative", min(result.score, 0.0), result.model)
        return result

    def tribute(self, words: str, domain: str) -> Sentiment | None:
        """The tone of a tribute, its praise: what `words` that mourn a death say besides their clauses of grief, when
        that reads as positive ("sad to hear she died. She was a brilliant judge"); None for anything else, a
        condolence with no praise among them."""
        rest = mourning_clauses_removed(words)
        if not rest or not self.model.has_tone(rest):
            return None
        praise = self.model.sentiment(rest, domain)
        return praise if praise.label == "positive" else None

    def only_procedure_is_bad(self, statement: Statement, words: str, domain: str) -> bool:
        """Whether the statement's `words` (what the model reads) hold clauses of police, court or inquiry procedure
        and nothing else that reads as negative, its cue included: "two men were arrested", "the police are
        investigating the blast; the road stays closed"; not "warned that police were investigating"."""
        return self.only_these_are_bad(statement, words, domain, procedure_clauses_removed)

    def only_rate_moves_are_bad(self, statement: Statement, words: str, domain: str) -> bool:
        """Whether the statement's `words` name moves of a policy rate and nothing else that reads as negative:
        "the bank may not lower its rates again this spring"; not "the bank cut rates, which hurts savers"."""
        return self.only_these_are_bad(statement, words, domain, rate_moves_removed)

    def only_these_are_bad(self, statement: Statement, words: str, domain: str,
                           removed: Callable[[str], str | None]) -> bool:
        """Whether `words` without what `removed` takes out of them (None when there is nothing to take) hold no
        negative reading, the cue included when it has a tone."""
        cue = statement.cue.strip() if cue_has_tone(statement) else ""
        rest = removed(words[len(cue):])
        if rest is None:
            return False
        rest = f"{cue} {rest}".strip()
        return not self.model.has_tone(rest) or self.model.sentiment(rest, domain).label != "negative"


@Language.factory("saidwhat_sentiment", default_config={"model_path": None})
def make_sentiment(nlp: Language, name: str, model_path: str | None) -> SentimentTagger:
    """Sentiment of statements and the document; `model_path` is a model file from `train-sentiment`, None
    for the shipped model."""
    return SentimentTagger(model_at(model_path))
