"""What a clause says about a rate move beside the move itself: history, hedges, open questions, demands on
another party, a member's dissent and rates named only to compare."""
from __future__ import annotations

from spacy.tokens import Token

from nlp.rates.dates import MONTH_NAMES, WEEKDAYS
from nlp.rates.triggers import STATE_VERBS, verb_action
from nlp.rates.view import DocView
from nlp.rates.words import ASKING_FOR_VERBS, DEMAND_VERBS, REFUSING_WORDS, REPORTING_LEMMAS, WORRY_NOUNS

# verbs of a member's vote or preference, which is not the decision itself
DISSENT_VERBS = {"vote", "dissent", "prefer", "favor", "favour", "advocate", "argue", "push"}
# verbs that state a level ("the duties will be 17%", "amount to", "range from … to …")
LEVEL_VERBS = {"be", "stand", "remain", "stay", "sit", "reach", "amount", "total", "range", "vary", "come"}
# "well above the 15% rate for the EU", "compared with the 10% duty": a rate named beside another
COMPARING_PREPS = {"above", "below", "versus", "vs", "vs.", "unlike", "beyond"}
# "room to cut rates", "a chance to lift its rate", "a green light to raise", "time for the bank to act":
# nouns that make the move in their "to" clause possible or called for, not made
LEEWAY_NOUNS = {"room", "scope", "leeway", "space", "opportunity", "chance", "light", "time", "case", "pressure",
                "need", "reason", "argument", "temptation", "appetite", "license", "licence", "window", "incentive",
                "ammunition", "capacity", "headroom", "justification", "effort", "push"}
# "risky for the bank to raise rates", "premature for the Fed to cut": a move judged in general
JUDGING_ADJECTIVES = {"risky", "dangerous", "difficult", "hard", "harder", "easy", "easier", "premature", "wise",
                      "unwise", "appropriate", "necessary", "possible", "impossible", "safe", "right", "wrong"}


def acts_or_demanded(noun: Token, outer: list[Token], dates, lex) -> bool:
    """A rate described by its own clause ("tariffs imposed by China") in a sentence about something else: the
    rate as the subject of a verb that does not move it ("… have hurt farmers"), with no date of its own, or the
    object of a demand on another party ("wants Trump to eliminate …, as well as provide relief from the 25%
    tariffs imposed on …")."""
    if any(v.lemma_.lower() in DEMAND_VERBS and any(c.dep_ in ("ccomp", "xcomp") and any(
            g.dep_ == "nsubj" for g in c.children) for c in v.children) for v in noun.ancestors):
        return True  # "wants Reykjavik to scrap …, as well as offer relief from …"
    if noun.dep_ in ("nsubj", "nsubjpass") and outer and noun.head.i == outer[0].i:
        own = {t.i for t in noun.subtree}
        dated = any(ent.root.i in own for ent in dates)
        verb = outer[0]  # "… have raised costs for manufacturers": a move verb with an object of its own acts too
        return not dated and verb.lemma_.lower() not in LEVEL_VERBS | STATE_VERBS and (
            not verb_action(verb, "tariff", lex, set()) or any(c.dep_ == "dobj" for c in verb.children))
    return False


def refused(verb: Token, sent) -> bool:
    """The move is what a verb or noun of refusal turns down ("declined to lower its 6% duty", "rejected calls to
    cut rates", "upheld the refusal to extend the duties"): no move made. A refusal coordinated with the move ("rejected
    the criticism and raised rates") or told beside it ("…, rejecting calls for a pause") leaves it made."""
    tok = verb
    while tok.head.i != tok.i and sent.start <= tok.head.i < sent.end and tok.dep_ != "conj" and (
            tok.dep_ != "advcl" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        # (the parser hangs "rejected calls to cut rates" as "rejected … | to cut": an infinitive still counts)
        head = tok.head
        lemma = head.lemma_.lower()
        if lemma in REFUSING_WORDS:
            return True
        if lemma in REPORTING_LEMMAS:
            return False
        tok = head
    return False


# verbs of turning a move down or of deciding against it: a bank that "declined to cut rates" or "decided not to
# raise them" held its rate
TURNING_DOWN = {"decline", "refuse"}
DECIDING_AGAINST = {"decide", "vote", "opt", "choose", "elect"}


def turned_down(main: Token) -> bool:
    """A decision, told in the past, not to move a rate: "declined to cut rates on Tuesday", "surprised
    markets by deciding not to lower its rate" (a refusal in the perfect, "has refused to raise rates", is a
    stance kept over months; "could decline to cut" a guess)."""
    head = main.head
    if main.dep_ != "xcomp" or head.i == main.i:
        return False
    negated = any(c.dep_ == "neg" for c in main.children)
    if not (head.lemma_.lower() in TURNING_DOWN and not negated or head.lemma_.lower() in DECIDING_AGAINST and negated):
        return False
    if head.tag_ == "VBG" and head.dep_ in ("pcomp", "advcl"):
        head = head.head.head if head.dep_ == "pcomp" else head.head  # "surprised markets by deciding not to cut"
    return head.tag_ == "VBD" and not any(c.dep_ == "aux" for c in head.children)


def asked_for(noun: Token) -> bool:
    """The rate or its move is what someone asks for ("lobbying for the 20% levy to be lifted", "called for a 50%
    tariff on cranes"): a demand, not a move."""
    for anc in noun.ancestors:
        if anc.dep_ == "prep" and anc.lower_ == "for" and anc.head.lemma_.lower() in ASKING_FOR_VERBS:
            return True  # "called for a 50% tariff"
        if anc.pos_ in ("VERB", "AUX"):  # the rate's own verb: asked for, or the clause is its own
            for_clause = any(c.dep_ == "mark" and c.lower_ == "for" for c in anc.children) and \
                anc.head.lemma_.lower() in ASKING_FOR_VERBS  # "calling for the duties to be scrapped"
            via_for = anc.dep_ == "pcomp" and anc.head.lower_ == "for" and \
                anc.head.head.lemma_.lower() in ASKING_FOR_VERBS  # the parser's other reading of it
            return for_clause or via_for
    return False


def earlier_month(view: DocView, verb: Token) -> bool:
    """The verb's clause names a month other than the article's ("which cut rates in June", published in August)."""
    if view.published is None:
        return False
    own = {t.i for t in verb.subtree}
    month = view.published.strftime("%B").lower()
    return any(ent.root.i in own and (found := MONTH_NAMES.findall(ent.text.lower())) and month not in found
               and not any(w in found for w in WEEKDAYS) for ent in view.dates)


def open_question(verb: Token) -> bool:
    """A clause that tells no move: an open question ("whether the government will scrap the duty"), the manner
    of one ("the way the duty is applied", "how the levy will be collected"), a move in
    general ("when a country levies tariffs, its consumers pay"), a move as the subject of another verb ("lifting
    the duties is a precondition for a deal")."""
    marks = {c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod")}
    if "whether" in marks:
        return True
    if "how" in marks or verb.dep_ == "relcl" and verb.head.lemma_.lower() in ("way", "manner"):
        return True  # "to challenge the way the 15% duty is applied", "explained how the levy will work": the manner
    if marks & {"when", "whenever", "once"} and verb.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ == "aux" for c in verb.children):
        return True
    return verb.tag_ == "VBG" and verb.dep_ in ("csubj", "nsubj", "csubjpass")


def dissent(verbs: list[Token], banks) -> bool:
    """A member's vote or preference against the decision ("X voted to keep rates steady", "dissented,
    preferring a half-point increase"): a person's, where the decision is the committee's or the bank's."""
    for verb in verbs:
        if verb.lemma_.lower() not in DISSENT_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.ent_type_ == "PERSON" or subject.lemma_.lower() in ("member", "official",
                                                                                         "governor", "president"):
            return not any(w in (subject.text if subject is not None else "") for w in ("committee", "board", "MPC"))
    return False


def on_top_of(noun: Token) -> bool:
    """A rate a new one is added to ("an extra 40%, on top of the 10% baseline tariff", "in addition to the 25%
    duty"): it stands, the new rate is the move."""
    return noun.dep_ == "pobj" and (noun.head.lower_ == "of" and noun.head.head.lower_ == "top" or
                                    noun.head.lower_ == "to" and noun.head.head.lower_ == "addition")


def compared(noun: Token, own_clause: bool = False) -> bool:
    """A rate set beside others ("one of the highest rates imposed", "the steepest tariff since 1930"), or named
    only to compare ("far higher than the 10% rate", "down from the 27.5% rate they pay now"), is no move; a
    compared rate with a clause of its own still is ("below the 30% rate Washington had threatened")."""
    if any(c.tag_ == "JJS" or c.lower_ in ("highest", "lowest", "steepest") for c in noun.children) and \
            not any(c.lower_ in ("new", "additional") for c in noun.children):
        return True
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("replace", "supersede"):
        return True  # "a 15% tariff …, replacing the 25% rate announced in July": the level before
    if own_clause:
        return False
    if noun.dep_ == "pobj" and (noun.head.lower_ in COMPARING_PREPS or noun.head.lower_ in ("to", "with") and
                                noun.head.head.lower_ in ("compared", "comparison", "relative")):
        return True  # "a 39% tariff, well above the 15% rate for the EU", "compared with the 10% duty on …"
    for anc in noun.ancestors:
        if anc.pos_ in ("VERB", "AUX"):
            return False
        if anc.lower_ == "than" or (anc.lower_ == "from" and anc.head.lower_ in ("up", "down")):
            return True
    return False


def leeway(verb: Token) -> bool:
    """A move in a "to" clause of a noun that makes it possible or called for ("has room to cut rates further",
    "a green light to raise its policy rate", "it is time for the bank to lower borrowing costs"), or in a "that" clause
    of a noun of worry or expectation ("fears that the bank will raise rates"): no move made."""
    tok = verb
    for _ in range(4):
        if tok.tag_ == "VBG" and tok.dep_ in ("xcomp", "dobj") and tok.head.i != tok.i:
            tok = tok.head  # "an effort to justify lifting the policy rate": the clause the gerund is the object of
            continue
        worry = tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in WORRY_NOUNS
        if worry and tok.dep_ in ("acl", "ccomp", "relcl", "appos") and any(
                c.dep_ == "mark" and c.lower_ == "that" or c.dep_ == "nsubj" for c in tok.children):
            return True  # "the worry that the Riksbank will lift its policy rate too fast"
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            if tok.dep_ == "conj" and tok.head.i != tok.i:
                tok = tok.head  # "room to cut rates and ease …"
                continue
            return False
        head = tok.head
        if tok.dep_ in ("acl", "relcl") and head.lemma_.lower() in LEEWAY_NOUNS:
            return True
        judged = head.lower_ in JUDGING_ADJECTIVES or any(c.dep_ in ("acomp", "attr") and c.lower_ in JUDGING_ADJECTIVES
                                                            for c in head.children)
        if tok.dep_ == "advcl" and judged and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children):
            return True  # "made it risky for the Bank of Canada to raise interest rates": a move judged, not made
        if tok.dep_ in ("advcl", "xcomp") and any(c.dep_ in ("attr", "nsubj", "dobj") and c.lemma_.lower() in LEEWAY_NOUNS
                                       for c in head.children):
            return True  # "it is time for the bank to lower borrowing costs", "handed the bank a green light to raise"
        if tok.dep_ in ("xcomp", "ccomp", "advcl") and head.i != tok.i:
            tok = head
            continue
        return False
    return False


# "in response to", "in retaliation for": nouns of an answer to another side's move
ANSWER_NOUNS = {"response", "retaliation", "reply", "answer", "reaction", "riposte"}
# nouns of a reprieve from a rate: ending one puts the rate back
REPRIEVE_WORDS = {"extension", "exemption", "exemptions", "reprieve", "waiver", "delay", "postponement"}


def named_in_answer(noun: Token) -> bool:
    """The rate named in an "in response to", "in retaliation for" or "in reply to" phrase."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ in ("to", "for", "against") and prep.head.lower_ in ANSWER_NOUNS \
        and prep.head.dep_ == "pobj" and prep.head.head.lower_ == "in"


def reprieve_ended(noun: Token, lex, place_tokens) -> Token | None:
    """The exemption, waiver or pause a verb ends when the rate is what it was from ("ended Mexico's exemption
    from the steel tariffs", "revoked the waiver on the duties"): the reprieve noun, else None."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in ("pobj", "conj", "prep") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lower_ in REPRIEVE_WORDS | {"pause", "suspension", "exemptions", "waivers"}:
            verb = tok.head
            if tok.dep_ == "dobj" and verb.pos_ == "VERB" and verb_action(verb, "tariff", lex, place_tokens) == "remove":
                return tok
            return None
    return None


def object_before(prep: Token, move_nouns) -> Token | None:
    """The verb's object right before its "on"/"in" phrase when that object is a move noun: the phrase is the
    noun's ("extended the pause on higher tariffs", "announced a cut in rates")."""
    obj = next((c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i), None)
    if obj is None or obj.right_edge.i + 1 != prep.i or obj.lemma_.lower() not in move_nouns:
        return None
    return obj
