"""Rates talked about with no move told: a state kept for years, moves counted, a body or banks in general, a
quoted fragment, a bank's readiness or manner, a consequence weighed, every or any bank, and moves a noun makes possible,
feared or bet on (`clauses.leeway`)."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from nlp.rates.clauses import leeway
from nlp.rates.triggers import verb_lemma
from nlp.rates.words import REPORTING_LEMMAS

# "for eight years", "for months": a state that lasted, not a move (a "third meeting" may be a new hold)
SPANS_OF_TIME = {"year", "month", "decade"}
# "stood ready to raise rates again": a central bank's readiness is a stance
READY_WORDS = {"ready", "prepared", "willing", "open"}
GENERIC_SUBJECTS = {"bank", "policymaker", "regulator"}
# plural nouns of occasions: a move told in a clause on them is any such move ("the 11 episodes in which the Fed
# raised rates")
OCCASIONS = {"occasion", "time", "cycle", "period", "episode", "year", "moment", "case", "instance", "decade"}
# common nouns that can name whoever sets an interest rate ("the bank", "rate-setters", "the government"); any
# other common noun as the subject of a move ("strong growth typically raises real rates", "inflation pushed
# rates up") names a force acting on rates, not a decision
SETTER_NOUNS = {"bank", "policymaker", "regulator", "authority", "committee", "board", "government", "official",
                "council", "governor", "chairman", "chair", "president", "minister", "ministry", "rate-setter",
                "setter", "member", "country", "nation", "state", "administration", "regime", "economy", "fed",
                "institution", "body", "panel", "mpc", "fomc", "lender", "treasury", "reserve"}
# "for a sixth month in a row", "for the 19th month running": the latest step of a streak, today's decision
STREAK = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                    r"eleventh|twelfth|\w+teenth|\w+tieth|consecutive|straight|successive)$")
# "will be cautious in cutting rates", "has been slow about raising them": the manner of a bank's moves in general
MANNER_ADJECTIVES = {"cautious", "careful", "aggressive", "slow", "quick", "fast", "patient", "hesitant",
                     "reluctant", "gradual", "measured", "prudent", "bold", "timid", "wary", "deliberate",
                     "forceful", "nimble", "swift"}


def talk_not_move(main: Token, sent: Span, kind: str, banks, attached: bool, modals) -> bool:
    """Whether the clause of `main`, the verb over a rate, talks about rates without telling a move."""
    children = list(main.children)
    clauses = [v for v in [main, *main.ancestors] if sent.start <= v.i < sent.end]
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
    if perfect and any(c.dep_ == "prep" and c.lower_ == "for" and any(
            t.lemma_.lower() in SPANS_OF_TIME for t in c.subtree) and not any(
            STREAK.match(t.lower_) for t in c.subtree) for c in children):
        return True  # "has kept interest rates below zero for eight years": a state over years, no decision
    if perfect and main.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
        return True  # "as the bank has lifted its rate, mortgage payments have climbed": a process under way, told
        # as the setting of something else
    if (main.tag_ == "VBD" or perfect) and any(c.dep_ == "prep" and _over_a_span(c) for c in children):
        return True  # "has raised rates by four points over the past year", "from 0.25% to 5% in the space of 18
        # months", "at its quickest pace in a generation": a run of moves summed up, none of them told ("will cut
        # it to 10% within five years" sets a schedule)
    if any(c.lemma_.lower() == "time" and c.dep_ in ("npadvmod", "advmod", "dobj") and any(
            g.like_num and g.tag_ != "JJ" and g.lower_ not in ("one", "1")
            or g.lower_ in ("several", "multiple", "many") for g in c.children) for c in children):
        return True  # "raised rates nine times to 11%": moves summed up, none of them told ("lowered it the third
        # time to 12.5%" tells the third one)
    if any(t.lower_ in ("twice", "thrice") and t.dep_ == "advmod" for c in children for t in (c, *c.children)):
        return True  # "has cut rates twice this year" sums up two moves as "nine times" does
    if main.dep_ == "relcl" and main.head.tag_ == "NNS" and main.head.lemma_.lower() in OCCASIONS:
        return True  # "the 11 previous episodes in which the Fed raised rates": moves in general, none told
    if main.dep_ == "relcl" and main.tag_ in ("VBZ", "VBP") and not attached and not any(
            c.dep_ == "aux" for c in children):
        return True  # "the nine officials who set interest rates" says what a body does, not a move
    if kind == "interest_rate" and any(
            c.dep_ == "nsubj" and c.tag_ == "NNS" and c.lemma_.lower() in GENERIC_SUBJECTS
            and not any(c.left_edge.idx <= s < c.right_edge.idx + 1 for s, _, _ in banks) for c in children):
        return True  # "central banks across Latin America are raising rates": banks in general, none named
    if main.tag_ == "VBG" and not any(c.dep_ in ("aux", "nsubj", "auxpass") for c in children) and (
            main.dep_ == "ROOT" or main.dep_ in ("xcomp", "ccomp") and verb_lemma(main.head) in REPORTING_LEMMAS):
        return True  # '"…," the senator said, "holding the policy rate at this level …"': a fragment, no move
    if kind == "interest_rate" and any(v.dep_ == "xcomp" and v.head.lower_ in READY_WORDS for v in clauses):
        return True  # "the bank stood ready to raise rates again if inflation persisted": a readiness
    if main.tag_ == "VBG" and main.dep_ == "pcomp" and main.head.lower_ in ("by", "without") and any(
            c.dep_ == "aux" and c.lower_ in modals for v in [main.head.head, *main.head.head.ancestors]
            if sent.start <= v.i < sent.end for c in v.children):
        return True  # "could wreck the recovery by lifting its policy rate", "it would be foolish to put growth at
        # risk by lowering rates": a consequence weighed, no move
    if main.tag_ == "VBG" and main.dep_ == "pcomp" and main.head.lower_ in ("in", "about", "with") and _manner(main):
        return True  # "can no longer be as aggressive in lowering rates", "will be cautious about cutting": a manner
    if any(d.dep_ == "det" and d.lower_ in ("every", "any") for v in clauses for s in _subjects(v)
           for d in s.children):
        return True  # "every central bank that has tried to lift rates …": anyone who might, no one who did
    return leeway(main)  # "the bank has room to cut rates further", "a green light to raise its policy rate"


def moved_by_a_force(verb: Token, banks) -> bool:
    """The verb moving a rate has a common noun for subject that names no one who sets rates ("strong growth
    typically raises real interest rates"), and no bank is named in any of its subjects (a label the parser
    takes for a second subject is none: "Debt crisis: The Central Bank lowers its rate")."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if any(c.left_edge.idx <= s < c.right_edge.idx + 1 for c in subjects for s, _, _ in banks):
        return False
    return any(c.pos_ == "NOUN" and c.lemma_.lower() not in SETTER_NOUNS for c in subjects)


def _over_a_span(prep: Token) -> bool:
    """A phrase that stretches a move over a span of time or gives its pace: "over the past year", "within 18
    months", "in the space of a year", "during the past two years", "at its quickest pace in a generation"."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    lemma, mods = obj.lemma_.lower(), {c.lower_ for c in obj.children}
    if prep.lower_ == "at":
        return lemma == "pace"
    if lemma in ("space", "course") and prep.lower_ == "in":
        return True
    if lemma not in SPANS_OF_TIME:
        return False
    return prep.lower_ in ("over", "within") or prep.lower_ in ("in", "during") and bool(mods & {"past", "last"})


def _manner(gerund: Token) -> bool:
    """A manner adjective over the gerund's phrase, below its verb ("aggressive as in the past in lowering": the
    parser may hang the phrase on a noun between)."""
    for anc in gerund.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return False
        if anc.lemma_.lower() in MANNER_ADJECTIVES:
            return True
    return False


def _subjects(verb: Token) -> list[Token]:
    """The verb's subject, and for a relative clause the noun it is said of ("every bank that raised rates")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects + ([verb.head] if verb.dep_ == "relcl" else [])
