"""Screens of a rate mention: the readings that tell no move (negated, summed up, forecast, asked for, a force
on rates, a vote lost, a market rate moving by itself)."""
from __future__ import annotations

from spacy.tokens import Span

from nlp.rates.clauses import asked_for, compared, dissent, earlier_month, on_top_of, refused, turned_down
from nlp.rates.dates import when_named
from nlp.rates.modality import an_alternative, for_a_purpose, weighed_above
from nlp.rates.reading import Reading
from nlp.rates.talk import moved_by_a_force, talk_not_move
from nlp.rates.triggers import STATE_VERBS, no_longer, verb_lemma
from nlp.rates.view import DocView
from nlp.rates.words import DEMAND_VERBS, WEIGHING_VERBS

HEDGES = {"possible", "likely", "unlikely", "likelihood", "probability", "expected", "expect", "expects", "forecast", "forecasts", "predict",
          "predicted", "projected", "see", "sees", "could", "might", "may", "would", "should", "if"}
# verbs over a rate that forecast, ask for or price a move rather than make one
NOT_EVENT_VERBS = WEIGHING_VERBS | {"see", "rule", "cost", "hurt", "mirror", "price", "imply"}


def screened_out(st: Reading, view: DocView, lex, sent: Span, banks) -> bool:
    """True when the reading tells no move; marks a bank's decision not to move as a hold."""
    trig, noun, noun_action, verbs, verb_actions = st.trig, st.noun, st.noun_action, st.verbs, st.verb_actions
    main, attached, own_clause, trig_tokens = st.main, st.attached, st.own_clause, st.trig_tokens
    held = trig.kind == "interest_rate" and main is not None and verb_actions[:1] in (["raise"], ["cut"]) \
        and turned_down(main)
    if held:
        verb_actions, noun_action = ["hold"], None
    elif any(c.dep_ == "neg" or c.lower_ in lex.negations for v in verbs for c in v.children):
        return True
    elif any(no_longer(v) for v in verbs) and "remove" not in verb_actions:
        return True  # "will no longer raise its duty": a move given up, none made
    if main is not None and any(a.pos_ == "NOUN" and any(c.lower_ == "no" for c in a.children)
                                for a in main.ancestors if sent.start <= a.i < sent.end):
        return True  # "has no plans to lift the duty", "no intention of cutting its tariff"
    if main is not None and any(c.dep_ == "aux" and c.lemma_ == "have" for c in main.children) and any(
            c.dep_ == "prep" and (c.lower_ == "since" or any(t.dep_ == "prep" and t.lower_ == "since"
                                                             for t in c.subtree)) for c in main.children):
        return True  # "has raised rates by a cumulative 300 basis points since August", "has been raising rates at
        # a gradual pace since June": moves summed up
    if main is not None and talk_not_move(main, sent, trig.kind, banks, bool(attached), lex.modals):
        return True  # "has room to cut rates", "pricing in a cut", "raised rates nine times": talk, no move told
    if main is not None and any(v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("since", "before")
                                                          for c in v.children)
                                for v in [main, *main.ancestors] if sent.start <= v.i < sent.end):
        return True  # "prices have jumped 30% since the duties were imposed", "… worth $1 billion before the
        # tariffs were imposed" look back at an earlier move
    if main is not None and main.dep_ == "acl" and main.tag_ in ("VBN", "VBG") and main.head.i not in trig_tokens \
            and main.head not in noun.conjuncts \
            and not (main.tag_ == "VBG" and main.head.lemma_.lower() in lex.decision_nouns) \
            and not any(c.dep_ == "nsubj" for c in main.children):
        return True  # "firms spared from the duties" describes the firms, it reports no move; "signed orders
        # imposing tariffs" does, and so does a clause with its own subject the parser hung on the noun before it
        # ("announced after the meeting that it was raising its rate")
    if main is not None and (main.dep_ == "relcl" and main.tag_ == "VBD" and main.head.i not in trig_tokens or (
            not own_clause and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in main.children))) \
            and earlier_month(view, main):
        return True  # "The Swiss National Bank, which cut its rate to zero in June, said …", "Brazil had been hit
        # with the minimum 10% rate in April" (in July): history ("the 30% rate it had threatened in May" names one)
    if main is not None and main.dep_ == "relcl" and verb_lemma(main) in STATE_VERBS and not any(
            c.dep_ == "aux" and c.lower_ in ("will", "'ll") for c in main.children):
        return True  # "Korea, which faces a similar 25% duty, …" says who bears a tariff, not that one moved
    if main is not None and not held and refused(main, sent):
        return True  # "declined to lower its duty", "rejected calls to cut rates": a move turned down
    if any(t.lower_ in ("toward", "towards") and t.dep_ == "prep" for t in [noun.head, *(v.head for v in verbs[:1])]):
        return True  # "agreed to work toward zero tariffs", "steps towards removing the duties": an aim, no move
    if main is not None and main.tag_ != "VBD" and any(c.dep_ == "mark" and c.lower_ in ("until", "till", "unless")
                                                       for c in main.children):
        return True  # "will not sign the deal until Peru lifts its 20% tariff": a move waited for, the condition
        # of something else ("… until Chile lowered its duties" in the past tells that Chile did)
    if main is not None and an_alternative(main):
        return True  # "opened talks rather than imposing new tariffs": the course not taken
    if main is not None and (weighed_above(main, sent) or for_a_purpose(main, verbs)):
        return True  # "is expected to signal it by announcing a cut", "urged action on removing the duties", "will
        # meet to try to cut the tariffs": a move forecast, asked for or aimed at, not made
    if any(v.lemma_.lower() in NOT_EVENT_VERBS for v in verbs) or any(
            v.lemma_.lower() in DEMAND_VERBS and any(c.dep_ == "nsubj" for c in below.children)
            for below, v in zip(verbs, verbs[1:])) or asked_for(noun):
        return True
    if any(c.dep_ in ("acl", "amod") and c.lemma_.lower() == "average" for c in noun.children) and not (
            verb_actions[:1] in (["raise"], ["cut"]) and noun.dep_ != "nsubj"
            and {"rate", "previous"} <= {role for _, role in attached}):
        return True  # "imposes tariffs averaging 40%": a statistic, not a move ("the average rate on these items
        # will be cut from 9.5% to 6.1%" tells what a move does; "the average rate fell from 9% to 1%" sums up)
    if compared(noun, own_clause):
        return True  # "one of the highest rates imposed on any country"
    if on_top_of(noun):
        own = {t.i for t in noun.subtree}  # "charged an extra 30%, on top of the 10% baseline tariff": the 30%
        attached = [(r, role) for r, role in attached if r.start not in own]
        if not attached:
            return True
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent" and verb_actions[:1] in (["raise"], ["cut"]):
        return True  # "debt costs were pushed up by high interest rates": the rate does the pushing, nothing moves it
    if trig.kind == "interest_rate" and noun.dep_ == "dobj" and main is not None and noun.head.i == main.i \
            and verb_actions[:1] in (["raise"], ["cut"]) and moved_by_a_force(main, banks):
        return True  # "strong growth typically raises real interest rates": a force on rates, no one deciding
    if dissent(verbs, banks):
        return True  # "another member voted to keep rates steady": a vote lost, not the decision
    if main is not None and noun.dep_ == "nsubj" and noun.head.i == main.i and verb_actions[:1] in (["raise"], ["cut"]):
        # "tariffs will fall to 5%" moves a rate; "tariffs have risen to 145%" and "rates rose sharply last
        # year" sum up moves made before (an interest rate moves by itself only to a level it names)
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in main.children)
        if perfect or (trig.kind == "interest_rate" and not any(role == "rate" for _, role in attached)):
            return True
        if trig.kind == "interest_rate" and not banks and not any(a in sent.text.lower() for a in lex.bank_anaphora):
            return True  # "the overnight interbank rate fell to 2.1%": a market rate moving, no bank deciding it
    if not verb_actions:
        # a move noun on its own ("talk of a rate hike") counts only with a number or a time of its own ("a
        # similar cut at the September meeting") and no hedging
        dated = when_named(view.dates, noun, None) is not None
        if not (attached or dated) or any(t.lower_ in HEDGES for t in sent):
            return True
    st.held, st.verb_actions, st.noun_action, st.attached = held, verb_actions, noun_action, attached
    return False
