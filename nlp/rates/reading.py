"""How a rate noun is read: the move noun it hangs on, the verbs that govern it and the numbers attached to it.

A :class:`Reading` carries what the steps of one rate mention learn (``nlp/rates/screens.py``,
``decision.py``, ``scope.py``, ``assemble.py`` read and complete it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from nlp.extensions import RateEvent
from nlp.rates.carry import LISTING_VERBS, takes_up
from nlp.rates.clauses import LEVEL_VERBS, acts_or_demanded, named_in_answer, object_before
from nlp.rates.levels import levels_of, own_rate
from nlp.rates.parties import PartyReader
from nlp.rates.percentages import Rate, attach
from nlp.rates.triggers import (ANSWER_VERBS, BARE_MOVES, Trigger, framing_noun, governing_verbs, misread_infinitive,
                                misread_move, shared_clauses, verb_action, verb_lemma)
from nlp.rates.view import DocView
from nlp.rates.words import BETTING_NOUNS, CHANCE_NOUNS, REPORTING_LEMMAS, WISH_VERBS

NAMED_THREATS = {"threatened", "proposed", "planned", "mooted", "floated"}
# actions that move a rate already in place: a clause telling how that rate was set is its history
MOVES_ON_A_RATE = {"remove", "cut", "raise", "pause"}
# a pledge to impose or raise a tariff is a threat ("promised 60% tariffs on China"); a pledge to cut one under a
# deal is left to the verbs below it
PROMISE_VERBS = {"promise", "pledge"}
# verbs of opposing a rate someone else set ("vowed to fight the 50% tariff", "will challenge the duties")
OPPOSING_VERBS = {"fight", "challenge", "contest", "oppose", "protest", "condemn", "denounce", "criticise",
                  "criticize", "resist", "slam", "decry", "dispute", "appeal"}
# the nouns a tariff is the measure of: "tariff rate", "tariff level", "duty rates"
LEVEL_NOUNS = {"rate", "level"}
# verbs of a rate left where it was, said of the rate ("remains at 5.75%", "stays at 6.75%")
LEFT_AT_VERBS = {"remain", "stay"}
# the nouns a policy rate names the aim of: "the cash rate target", "the federal funds rate target"
TARGET_NOUNS = {"target"}


@dataclass
class Reading:
    """What is known so far about one rate noun of a sentence."""
    trig: Trigger
    head: Token
    noun: Token
    trig_tokens: set[int]
    noun_action: str | None
    verbs: list[Token]
    verb_actions: list[str]
    bare: bool
    own_clause: bool
    in_answer_phrase: bool
    gapped: Token | None = None  # the first rate noun of "… to 3% and its lending rate to 3.5%"
    main: Token | None = None
    attached: list = field(default_factory=list)
    listed: dict = field(default_factory=dict)
    taken_up: bool = False
    nominal: bool = False
    held: bool = False
    action: str = ""
    announced: object = None
    effective: object = None
    ended: Token | None = None
    imposers: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    products: list = field(default_factory=list)
    when: object = None


def read_governors(view: DocView, lex, sent: Span, trig: Trigger, after_hold: bool = False) -> Reading | None:
    """The rate noun, the move noun over it and the verbs that govern it, with their actions; None when what
    governs it rules out a move. `after_hold`: a bank's hold was told in the sentences just before."""
    doc = view.doc
    head = trig.head(doc)
    trig_tokens = set(range(trig.start, trig.end))
    # the rate noun may be a modifier of a move noun: "rate hike", "tariff increase"
    noun = head
    if head.dep_ in ("compound", "nmod") and head.head.lemma_.lower() in lex.noun_cue:
        noun = head.head
    elif head.dep_ == "compound" and head.head.lemma_.lower() in LEVEL_NOUNS and trig.kind == "tariff":
        noun = head.head  # "the average tariff rate will be cut from 9.5% to 6.1%": the rate is the tariff's
    elif head.dep_ == "compound" and head.head.lemma_.lower() in TARGET_NOUNS and trig.kind == "interest_rate":
        noun = head.head  # "voted to hold its cash rate target unchanged at 4.1%": the target is the rate
    elif (phrase := _measures_of(head)).dep_ == "pobj" and phrase.head.lower_ in ("on", "in", "of", "to", "from") \
            and phrase.head.head.lemma_.lower() in lex.noun_cue:  # "a pause on tariffs", "a cut in rates"
        noun = phrase.head.head  # ("a 90-day pause on the tariff measures": the measures are the tariffs)
    elif head.dep_ == "pobj" and head.head.lower_ in ("on", "in") and head.head.head.pos_ == "VERB" and (
            moved := object_before(head.head, lex.noun_cue)) is not None:
        noun = moved  # "extended the pause | on higher tariffs": the parser hangs the phrase on the verb
    trig_tokens.add(noun.i)
    noun_action = lex.noun_cue.get(noun.lemma_.lower()) if noun.lemma_.lower() in lex.noun_cue else None
    verbs = governing_verbs(noun, sent, lex)
    gapped = gapped_from(noun)
    if gapped is not None:
        # "kept its overnight rate at 3% and its lending rate at 3.5%", parsed with the verb left out: the second
        # rate is moved by the first one's verbs
        verbs = governing_verbs(gapped, sent, lex) or verbs
    if trig.kind == "interest_rate" and all(verb_lemma(v) in REPORTING_LEMMAS for v in verbs) and (
            misread := misread_move(noun)) is not None:
        verbs = [misread, *verbs]  # "The central bank cut rates by 50 basis points" parsed as one noun phrase
    if (infinitive := misread_infinitive(noun)) is not None:
        verbs = [infinitive, *verbs]
    if head.pos_ == "VERB" and not (head.lower_ in BARE_MOVES and (head.dep_ in ("dobj", "pobj", "nsubj") or (
            head.dep_ == "acl" and head.head.lower_ in ("point", "points")))):
        # "will be taxed at 15%": the trigger is its own verb ("delivered a cut" is a noun the tagger missed)
        verbs = [head, *verbs]
    bare = doc[trig.start].lower_ in BARE_MOVES and trig.end - trig.start == 1
    if bare and noun.dep_ == "pobj" and noun.head.lower_ in ("after", "before", "since", "following"):
        verbs = []  # "pausing after a cut in October": the verb is about what came next, not the cut
    # "goods will keep crossing the border with zero tariffs": "keep" over an -ing verb says "go on", no hold
    verb_actions = [a for n, v in enumerate(verbs)
                    if not (n and v.lemma_.lower() == "keep" and verbs[n - 1].tag_ == "VBG")
                    and (a := verb_action(v, trig.kind, lex, view.place_tokens, noun if n == 0 else None))]
    if trig.kind == "interest_rate" and after_hold and verbs and left_at(verbs[0], gapped or noun):
        # "… kept the repo rate at 6%. The reverse repo rate remains at 5.75%" (or "… confirmed that the lending
        # rate stays at 6.75%"): the same decision's other rates, left where they were
        verb_actions = ["hold"]
    if verb_actions[:1] in (["announce"], ["raise"]) and any(verb_lemma(v) in PROMISE_VERBS for v in verbs[1:]):
        verb_actions.append("threaten")  # "has promised voters she will impose a 40% tariff": a pledge
    own_clause = False
    if verbs and verb_lemma(verbs[0]) in ANSWER_VERBS and noun.dep_ == "pobj" and noun.head.lower_ in (
            "against", "to") and noun.head.head.i == verbs[0].i:
        # "vows to retaliate against Trump's 50% tariff": the rate answered is the other side's move, told by
        # its own phrase; the verbs over it are about the answer
        verbs, verb_actions = [], []
    if verbs and verb_lemma(verbs[0]) in OPPOSING_VERBS and (
            noun.dep_ == "dobj" and noun.head.i == verbs[0].i or noun.dep_ == "pobj" and noun.head.lower_ in (
                "against", "over") and noun.head.head.i == verbs[0].i):
        # "vowed to fight the 50% tariff", "will challenge the duties at the WTO", "protested against the levy":
        # whoever opposes a rate did not set it; the rate is told by its own phrase
        verbs, verb_actions = [], []
    in_answer_phrase = named_in_answer(noun)
    if in_answer_phrase:
        # "imposed tariffs on US goods in retaliation for Washington's 35% tariff": the rate answered is the other
        # side's, told by its own phrase; the verbs over it make the answer
        verbs, verb_actions = [], []
    for child in [*noun.children, *shared_clauses(noun), *_clauses_on_its_goods(noun)]:
        # "tariffs imposed on China last week", "the 24% rate Washington had threatened": the noun's own
        # clause says what happened to it, whatever the sentence around it does; but one that tells how a
        # rate came to be under a verb that now moves it ("will remove the 80% duties it imposed in 2021",
        # "will suspend the tariffs it had planned on US cars")
        # is its history
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            # "a 50% tariff that Trump said he would impose on Brazilian goods": the clause reported
            told = next((c for c in child.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"
                         and verb_lemma(child) in REPORTING_LEMMAS), None)
            clause = [told, child] if told is not None else [child]
            a = verb_action(clause[0], trig.kind, lex, view.place_tokens)
            if a in ("announce", "threaten") and any(v in MOVES_ON_A_RATE for v in verb_actions[:1]):
                break
            if a:
                outer = verbs
                verbs, verb_actions, own_clause = clause, [a], True
                if acts_or_demanded(noun, outer, view.dates, lex):
                    return None
                break
    return Reading(trig=trig, head=head, noun=noun, trig_tokens=trig_tokens, noun_action=noun_action, verbs=verbs,
                   verb_actions=verb_actions, bare=bare, own_clause=own_clause, in_answer_phrase=in_answer_phrase,
                   gapped=gapped)


def _clauses_on_its_goods(noun: Token) -> list[Token]:
    """"a 25% duty on Korean goods, which Washington put on hold last week": a clause whose object is "which" or
    "that", hung by the parser on the goods or country of the rate's "on" phrase, is said of the rate."""
    return [c for p in noun.children if p.dep_ == "prep" and p.lower_ == "on" for o in p.children if o.dep_ == "pobj"
            for c in o.children if c.dep_ == "relcl" and any(w.dep_ == "dobj" and w.lower_ in ("which", "that")
                                                             for w in c.children)]


def _measures_of(head: Token) -> Token:
    """The noun "measures" a rate noun names ("tariff measures"), or the rate noun itself."""
    return head.head if head.dep_ == "compound" and head.head.lemma_.lower() == "measure" else head


def left_at(verb: Token, noun: Token) -> bool:
    """The rate noun (or the first of a list of them) is the subject of "remain" or "stay" with a level "at"
    ("the reverse repo rate remains at 5.75%", "the MSF rate and the bank rate stay at 6.25%"), or a rate after it
    with the verb left out ("…, and the MSF rate at 6.25%")."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if verb.lemma_.lower() not in LEFT_AT_VERBS or noun.head.i != verb.i:
        return False
    if noun.dep_ == "conj":  # "… remains at 5.75%, and the MSF rate at 6.25%": the verb left out of the second
        return any(c.dep_ == "nsubj" and c.lemma_ == noun.lemma_ for c in verb.children) and any(
            c.dep_ == "prep" and c.lower_ == "at" for c in noun.children)
    return noun.dep_ == "nsubj" and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)


def gapped_from(noun: Token) -> Token | None:
    """The rate noun of the clause before when this one stands in a clause whose verb is left out ("… its
    overnight rate steady at 3% and its lending rate at 3.5%"): the parser joins it to the verb above, as a
    conjunct or a second object after "and"; the same noun as an object earlier, under a verb below that one, is
    the one whose verbs it shares."""
    verb = noun.head
    if noun.dep_ == "conj" and verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "pobj":
        # "levy anti-dumping duties of 5% to 48% on Peruvian exports and anti-subsidy duties of 10% to 36%": the
        # second duty joined to the goods of the first is a second object of the first one's verb
        return next((a for a in verb.ancestors if a.lemma_ == noun.lemma_ and a.dep_ in ("dobj", "nsubjpass")
                     and a.head.pos_ == "VERB"), None)
    if noun.dep_ not in ("conj", "dobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    first = next((t for t in reversed(list(verb.subtree)) if t.i < noun.i and t.lemma_ == noun.lemma_
                  and t.dep_ in ("dobj", "nsubjpass") and t.head.pos_ == "VERB"), None)
    if first is None or first.head.i == verb.i or first.head.i < verb.i:
        return None
    if not any(c.dep_ == "cc" and first.i < c.i < noun.i for c in verb.children):
        return None
    return first


def read_attached(st: Reading, view: DocView, lex, parties: PartyReader, sent: Span, sent_rates: list[Rate],
                  other_heads: set[int], banks, last_bank, recent: RateEvent | None) -> list | None:
    """The numbers attached to the rate and, where no verb moves it, whether its phrase names a move; a list is
    the mention's final answer (no event, or levels only), None goes on to the next steps."""
    doc, trig, noun, noun_action, verbs, verb_actions = view.doc, st.trig, st.noun, st.noun_action, st.verbs, st.verb_actions
    trig_tokens, bare = st.trig_tokens, st.bare
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for") and noun.head.head.lemma_.lower() in CHANCE_NOUNS \
            or any(a.pos_ == "NOUN" and a.lemma_.lower() in BETTING_NOUNS for a in noun.ancestors) \
            or noun.dep_ == "pobj" and noun.head.lower_ == "on" and any(  # ("trimming their bets | on cuts")
                c.dep_ == "dobj" and c.lemma_.lower() in BETTING_NOUNS for c in noun.head.head.children):
        return []  # "raised the likelihood of a rate cut by the bank", "the odds of a hike": a chance weighed;
        # "scaling back their wagers on rate cuts", "expectations for how fast the bank will cut": a move bet on
    main = verbs[0] if verbs else None
    framing = framing_noun(verbs[-1], sent, lex) if verbs else None  # "threats to … impose a 35% tariff"
    if framing:
        verb_actions.append(framing)
    # what is attached: rate, range, previous rate, change
    attached = [(r, role) for r in sent_rates
                for role in [attach(doc, r, trig_tokens, verbs, other_heads, lex.rate_setting_verbs)] if role]
    if st.gapped is not None:
        # "… to 3% and its lending rate to 3.5%": the second rate's numbers are those after it, hung on the verb
        # the parser joined it to; "cut its base rate by 25 basis points to 3% and its lending rate to 3.5%": the
        # step of the first is the second's too
        first = st.gapped
        attached = [(r, role) for r in sent_rates if r.start > noun.i
                    for role in [attach(doc, r, trig_tokens, [noun.head], other_heads, lex.rate_setting_verbs)] if role]
        if not any(role == "delta" for _, role in attached):
            attached += [(r, "delta") for r in sent_rates if r.start < noun.i and r.unit in ("bp", "pp") and attach(
                doc, r, {first.i}, [first.head], other_heads, lex.rate_setting_verbs) == "delta"][:1]
    if bare:
        # a bare "cut" or "hike" counts only the numbers of its own phrase ("a quarter-point hike"): in "cut
        # its rate to 9.5%, double the 25-point cuts it had made", the 9.5% is the rate's, not the cuts'
        own = {t.i for t in noun.subtree}
        attached = [(r, role) for r, role in attached if r.start in own]
    listed = parties.listed_targets(sent_rates)
    if len(listed) >= 2 and (not attached or any(r.start in listed for r, _ in attached)):
        # "… as follows: Chile 18%, Peru 26% and Kenya 31%"; "tariffs of 50% on Brazil, 30% on Laos and 25% on
        # Brunei": the rates listed after the one the noun holds are its levels too (not another rate noun's)
        others = [t.i for h in other_heads for t in doc[h].subtree]
        attached = [(r, role) for r, role in attached if r.start not in listed] + [
            (r, "rate") for r in sent_rates if r.start in listed and r.start not in others]
    taken_up = nominal = False
    if not verb_actions and not noun_action:
        if main is None or main.lemma_.lower() not in LEVEL_VERBS | LISTING_VERBS:
            # "Brazil vowed to respond to the 50% tariff on its goods", "the new 25% duty on Turkish steel will
            # hurt mills": a tariff named with its rate and whom it falls on is a move the text reports, whatever
            # the verb around it does
            if not (trig.kind == "tariff" and own_rate(noun, attached) and (
                    parties.target_of(noun, []) or recent is not None or parties.owner_of_goods(noun)
                    or parties.accepter_of(noun))):
                return []  # (a rate right after a move reported names its details: "a 10% tariff will
                # apply to items such as ketchup")
            mods = {c.lower_ for c in noun.children if c.dep_ == "amod"}
            if mods & {"possible", "potential", "likely", "hypothetical"}:
                return []  # "possible 40% tariffs on cars" are talked of, not set
            # "a threatened 200% tariff on European wine" names a threat
            # "she wants a 45% duty on Vietnamese goods", "talks of a 15% tariff": a wish, not a decision
            wished = main is not None and verb_lemma(main) in WISH_VERBS | {"talk"}
            verb_actions, nominal = ["threaten" if mods & NAMED_THREATS or wished else "announce"], True
    if not verb_actions and not noun_action:
        if not attached:
            return []
        action = takes_up(noun, main, trig, recent)
        if action is None:
            return levels_of(view, lex, sent, trig, attached, banks, last_bank, main)
        verb_actions, taken_up = [action], recent is not None and action == recent.action
    # "declined to cut rates", "decided not to raise them": a bank's decision to hold
    st.main, st.attached, st.listed, st.taken_up, st.nominal, st.verb_actions = (
        main, attached, listed, taken_up, nominal, verb_actions)
    return None
