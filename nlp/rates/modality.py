"""How sure a move is: a move wished for, weighed, asked for, aimed at or offered on a condition is not made
("may need to cut rates", "is expected to signal it by announcing a cut", "in order to lift the duties", "would
drop them as soon as they comply"), and the answer a rate is the object of ("countermeasures against the US
tariffs")."""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.rates.triggers import verb_lemma
from nlp.rates.words import CHANCE_NOUNS, REPORTING_LEMMAS, WEIGHING_VERBS, WISH_VERBS

# adjectives of holding a view: "is confident the bank will cut", "are sure that it will raise"
BELIEF_ADJECTIVES = {"confident", "sure", "convinced", "certain", "optimistic", "hopeful"}
# how deep to look above a move's verb for WEIGHING_VERBS: clauses, objects and prepositions, not relative clauses
CLIMBING_DEPS = {"xcomp", "ccomp", "advcl", "pcomp", "prep", "dobj", "pobj", "conj"}
# verbs of meeting and trying: an infinitive under them says what they are for ("met to cut", "flew in to settle")
EFFORT_VERBS = {"meet", "gather", "travel", "fly", "talk", "negotiate", "work", "try", "seek", "aim", "push",
                "campaign", "convene"}
# nouns of answering another side's rate: "countermeasures against the US tariffs"
ANSWER_NOUNS = {"countermeasure", "retaliation", "response", "reprisal", "counter-tariff", "riposte"}
# auxiliaries of what ought to happen: a move under them, however deep, is asked for ("the package should include
# plans to lift tariffs")
OUGHT_AUX = {"should", "must", "ought"}


def answered_by(noun: Token) -> Token | None:
    """The answer a rate noun is the object of ("countermeasures against US steel tariffs", "retaliation for the
    duties"), or None."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("against", "to", "for", "over") \
            and noun.head.head.lemma_.lower() in ANSWER_NOUNS:
        return noun.head.head
    return None


def auxes_of(verb: Token) -> list[str]:
    """The verb's auxiliaries, and for a verb joined to another with no subject or auxiliary of its own, that
    verb's ("should loosen credit and keep rates low", "would retaliate and impose duties")."""
    own = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    if own or verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return own
    return [c.lower_ for c in verb.head.children if c.dep_ == "aux"]


def weighed_above(main: Token, sent: Span) -> bool:
    """A verb of forecasting or asking above the move's verb, reached through its clauses, objects and
    prepositions and below any reporting verb: "is expected to signal it by announcing a cut", "urged quick action
    on removing the tariffs"."""
    tok = main
    while tok.dep_ in CLIMBING_DEPS and tok.head.i != tok.i and sent.start <= tok.head.i < sent.end:
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in CHANCE_NOUNS:
            return True  # "raised the possibility of eliminating tariffs", "the prospect of lifting the duty": weighed
        if tok.lower_ in BELIEF_ADJECTIVES or tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "acomp" and c.lower_ in BELIEF_ADJECTIVES for c in tok.children):
            return True  # "analysts are confident that the bank will cut rates in July": a belief
        if tok.pos_ in ("VERB", "AUX"):
            lemma = verb_lemma(tok)
            if lemma in REPORTING_LEMMAS:
                return False
            if lemma in WEIGHING_VERBS or calls_on(tok):
                return True
    return False


def calls_on(verb: Token) -> bool:
    """"called on Washington to lift the tariff", "calls upon the bank to cut": asking another party, as "urged"."""
    return verb.lemma_.lower() in ("call", "appeal") and any(
        c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and any(o.dep_ == "pobj" and o.ent_type_ != "DATE"
                                                                     for o in c.children)
        for c in verb.children)


def for_a_purpose(main: Token, verbs: list[Token]) -> bool:
    """The move is what a meeting or an effort is for: "in order to lift the duties, …", "will meet on Friday to
    try to cut the tariffs"."""
    for verb in [main, *verbs]:
        if verb.dep_ == "acl" and verb.head.lower_ == "order" and verb.head.head.lower_ == "in":
            return True  # "in order to" parsed as a preposition over "order"
        if verb.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            continue
        if any(c.lower_ == "order" for c in verb.children) or verb.head.lemma_.lower() in EFFORT_VERBS:
            return True
    return False


def on_condition(verb: Token, would: bool = False) -> bool:
    """A clause under the verb that makes it wait on someone else: "if they comply", "unless talks fail", "as soon
    as Tokyo complies", and under "would", "once they comply" ("will lift them once the deal takes effect" is a
    date)."""
    for clause in verb.subtree:
        if clause.dep_ != "advcl" or not (clause.head.i == verb.i or clause.head.head.i == verb.i):
            continue
        marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
        if any(m in ("if", "unless") for m in marks) or "as" in marks and clause.head.lower_ == "soon" or (
                would and any(c.lower_ == "once" and c.dep_ in ("mark", "advmod") for c in clause.children)):
            return True
    return False


def is_wish(verb: Token) -> bool:
    """A verb of wanting, by its lemma or its form (the tagger's lemma of "hopes" can be "hop")."""
    lower = verb.lower_
    return verb.lemma_.lower() in WISH_VERBS or any(lower in (w + "s", w + "d", w + "ed", w + "ing", w[:-1] + "ing")
                                                    for w in WISH_VERBS)


def hedged_above(verbs: list[Token], modals, wishes: bool) -> bool:
    """A verb the move hangs from, below the reporting verb, that makes it a maybe: a modal on it ("may need to
    cut rates", "should try to lower"), "should" or "must" anywhere above it ("the package should include plans to
    lift tariffs") or, with `wishes`, a verb of wanting ("wants to delay the hike", "seeks to cut tariffs")."""
    if not verbs:
        return False
    tok = verbs[0]
    while tok.dep_ in CLIMBING_DEPS | {"acl"} and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and verb_lemma(tok) in REPORTING_LEMMAS:
            break
        if tok.pos_ in ("VERB", "AUX") and (any(a in OUGHT_AUX for a in auxes_of(tok))
                                              or wishes and is_wish(tok)):
            return True
    for verb in verbs[1:]:
        if verb_lemma(verb) in REPORTING_LEMMAS:
            return False
        if wishes and is_wish(verb) or any(a in modals for a in auxes_of(verb)):
            return True
    return False


def auxes_would(auxes: list[str]) -> bool:
    return "would" in auxes or "'d" in auxes


def without_actor(verb: Token, noun: Token) -> bool:
    """What "would" happen has no party doing it: a clause or a gerund as subject ("ending the pact would raise
    tariffs to 40%") or the rate itself ("duties on phones would jump to 35%"): a sum worked out, no threat."""
    return any(c.dep_ == "csubj" or c.dep_ == "nsubj" and (c.tag_ == "VBG" or c.i == noun.i)
               for c in verb.children)


# verbs and nouns that make the infinitive or gerund under them a decision ("voted to keep rates on hold", "the
# decision on Wednesday to lift rates", "welcomed the bank's move to leave rates unchanged")
DECIDING_WORDS = {"decide", "vote", "agree", "opt", "choose", "elect", "announce", "confirm", "unveil", "order",
                  "decision", "move", "step", "choice", "plan"}


# verbs that make a party act: "inflation prompted the bank to raise rates" tells the bank's move
CAUSING_VERBS = {"force", "prompt", "push", "lead", "spur", "compel", "drive", "oblige", "cause", "persuade"}


def _caused(main: Token) -> bool:
    """The move is what a past event made a named party do: "prompted the Bank of England to raise rates", "prices
    kept rising, prompting the bank to raise rates again" ("could prompt the bank to cut" is a guess)."""
    causer = main.head
    if main.dep_ != "xcomp" or causer.lemma_.lower() not in CAUSING_VERBS or not any(
            c.dep_ == "dobj" for c in causer.children):
        return False
    told = ("VBD",)
    if causer.tag_ == "VBG" and causer.dep_ == "advcl":
        # "…, prompting the bank to raise rates": as told as the clause it hangs on ("inflation is falling only
        # slowly, prompting the bank to raise rates again")
        causer, told = causer.head, ("VBD", "VBZ", "VBP", "VBG", "VBN")
    return causer.tag_ in told and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in causer.children)


def untold_move(main: Token, sent: Span) -> bool:
    """A central bank's move with no figure, in a verb form that tells no decision: a gerund with no auxiliary or
    an infinitive that no verb or noun of deciding governs ("its mandate is to fight inflation by raising rates",
    "can take its time cutting rates", "likely to continue its policy of raising rates", "on fears the bank may
    be about to raise rates"). "Is raising its rate", "decided to keep rates on hold" and "the decision to boost
    rates" are told."""
    if main.tag_ not in ("VB", "VBG") or any(c.dep_ in ("aux", "auxpass", "nsubj") and not (
            c.dep_ == "aux" and c.tag_ == "TO") for c in main.children):
        return False
    told_by = main.head.head if main.dep_ == "pcomp" and main.head.lower_ == "by" else (
        main.head if main.dep_ == "advcl" else None)
    if told_by is not None and told_by.tag_ in ("VBD", "VBZ", "VBP") and not any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in told_by.children):
        return False  # "surprised markets by cutting rates", "responded by raising its key rate", "The Fed, raising
        # rates for the first time since 2018, said …": what the bank did, told beside what it did ("could hurt
        # growth by raising rates" is a guess)
    if _caused(main):
        return False
    tok = main
    while tok.head.i != tok.i and sent.start <= tok.head.i < sent.end and tok.dep_ in CLIMBING_DEPS | {"acl"}:
        tok = tok.head
        if tok.lemma_.lower() in DECIDING_WORDS:
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VB", "VBG"):
            break  # the first finite verb above: what governs the move's clause
    return True


def an_alternative(verb: Token) -> bool:
    """The move is the course not taken: "rather than imposing new tariffs", "instead of removing it", "instead of
    targeting US exports by imposing more tariffs" (the verb, or one it is the means of)."""
    doc = verb.doc
    for v in [verb, *(a for a in verb.ancestors if a.pos_ == "VERB")][:3]:
        if [t.lower_ for t in doc[max(0, v.i - 2):v.i]] in (["instead", "of"], ["rather", "than"]):
            return True
        if not (v.dep_ == "pcomp" and v.head.lower_ == "by"):
            break  # only a means ("by imposing") shares the verb above it
    return False
