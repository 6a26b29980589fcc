"""The action of a rate mention and its dates: the strongest cue wins, then modality, conditions, hedges and
history decide whether it is a move, a threat or nothing."""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.extensions import RateEvent
from nlp.rates.clauses import REPRIEVE_WORDS, open_question, reprieve_ended
from nlp.rates.dates import event_dates, is_background, months_before, standing
from nlp.rates.modality import auxes_of, auxes_would, hedged_above, on_condition, without_actor
from nlp.rates.reading import Reading
from nlp.rates.talk import READY_WORDS
from nlp.rates.triggers import STATE_VERBS, governing_verbs, verb_lemma
from nlp.rates.banks import bank_speaks
from nlp.rates.view import DocView
from nlp.rates.words import KEEPING_VERBS, REPORTING_LEMMAS

COUNTERFACTUAL = {"without", "unless", "if"}
HEDGED_HEADS = {"likely", "unlikely", "possible"}
HEDGE_ADVERBS = {"likely", "probably", "possibly", "perhaps", "maybe"}
# verbs that make what "would" happen under them a decision ("announced that films would be hit with a 100% tariff")
DECIDING_LEMMAS = {"announce", "confirm", "decide", "unveil", "order", "sign", "rule", "agree"}
# a move made this many months or more before the article is its background ("were raised in May", in November)
OLD_NEWS_MONTHS = 4
# words that make a tariff, or the list of goods it would fall on, a proposal not yet decided
PROPOSED_WORDS = {"proposed", "suggested", "possible", "potential", "draft", "planned", "mooted", "floated"}


def proposed(noun: Token, main: Token | None) -> bool:
    """The rate noun, or a noun between it and its verb ("a proposed roster of goods liable to duties"), is
    called proposed or possible."""
    for tok in [noun, *noun.ancestors]:
        if main is not None and tok.i == main.i or tok.pos_ in ("VERB", "AUX") and tok.i != noun.i:
            break
        if tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and c.lower_ in PROPOSED_WORDS
                                                 for c in tok.children):
            return True
    return False


def subject_now(verb: Token) -> bool:
    """"are subject to", "is subject to" in the present, with no "now", modal or future: a rate goods pay as things
    stand ("will be subject to", "are now subject to" tell a move)."""
    return verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP") and any(
        c.dep_ == "acomp" and c.lower_ == "subject" for c in verb.children) and not any(
        c.dep_ in ("aux", "advmod") and c.lower_ in ("will", "would", "now", "shall", "'ll") for c in verb.children)


def decide(st: Reading, view: DocView, lex, sent: Span, banks, recent: RateEvent | None) -> bool:
    """Set the reading's action and dates; False when it tells no move after all."""
    trig, noun, noun_action, verbs, verb_actions = st.trig, st.noun, st.noun_action, st.verbs, st.verb_actions
    main, attached, taken_up, nominal, in_answer_phrase = st.main, st.attached, st.taken_up, st.nominal, st.in_answer_phrase
    ended = reprieve_ended(noun, lex, view.place_tokens)
    if ended is not None:  # "ended Mexico's exemption from the 25% steel tariffs": the tariffs now apply
        verb_actions, noun_action = ["announce"], None
    candidates = verb_actions + ([noun_action] if noun_action else [])
    action = min(candidates, key=lambda a: lex.priority[a])
    if action == "announce" and noun_action:
        action = noun_action
    if action == "announce" and trig.kind == "tariff" and any(
            c.dep_ == "amod" and c.lower_ in ("lower", "reduced") for c in noun.children):
        action = "cut"  # "announced lower duties on imported cars", "will be subject to lower tariffs"
    auxes = auxes_of(main) if main is not None else []
    modal = any(a in lex.modals for a in auxes)
    # "would have hit": what did not happen (unless a reprieve stopped it, below)
    counterfactual_past = modal and any(a in ("have", "'ve") for a in auxes)
    modal = modal or any(v.lemma_.lower() in HEDGED_HEADS for v in verbs)  # "likely to be targeted"
    # "may need to cut rates", "wants to delay the hike" (a body that "wants to put up duties" proposes them)
    modal = modal or hedged_above(verbs, lex.modals, trig.kind != "tariff" or action not in ("announce", "raise"))
    opening = {t.lower_ for t in sent[:4]}
    # "if the bloc were to impose duties": an "if" or "unless" on the verb or on any clause above it
    clauses = [main, *main.ancestors] if main is not None else []
    counterfactual = bool(opening & COUNTERFACTUAL) or any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless") for v in clauses if sent.start <= v.i < sent.end
        for c in v.children)
    if counterfactual and "without" in opening and modal and {t.lower_ for t in sent} & REPRIEVE_WORDS:
        # "Without the waiver, exporters would have been hit with duties of 30%": the waiver is a pause
        action, modal, counterfactual, counterfactual_past = "pause", False, False, False
    if counterfactual_past or (counterfactual and action != "threaten"):
        return False
    if trig.kind == "tariff" and action in ("announce", "raise") and main is not None and main.dep_ == "pcomp" \
            and main.head.lower_ == "of" and main.head.head.lemma_.lower() in ("idea", "notion"):
        action = "threaten"  # "floated the idea of a flat duty on imports": a notion aired, no decision
    if trig.kind == "tariff" and action in ("announce", "raise") and proposed(noun, main):
        action = "threaten"  # "announced a proposed list of goods subject to a suggested 25% tariff": a proposal
    conditioned = action in ("announce", "raise", "cut") and main is not None and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for v in [*clauses, *noun.subtree] if sent.start <= v.i < sent.end for c in v.children)
    coming = modal or any(a in ("will", "'ll") for a in auxes)
    if conditioned and coming and trig.kind == "interest_rate" and action in ("raise", "cut"):
        return False  # "will raise rates again if inflation stays high": guidance on a condition, no decision
    if conditioned and (action == "announce" or action == "raise" and coming and trig.kind == "tariff"):
        action = "threaten"  # "ready to impose a 25% surtax if Washington went ahead", "will take effect only if
        # talks fail", "will double the duty unless …": a move on a condition is a threat
    if trig.kind == "tariff" and action in ("remove", "cut", "pause") and main is not None and (
            on_condition(main, auxes_would(auxes)) or any(v.dep_ == "xcomp" and v.head.lower_ in READY_WORDS
                                                            | {"able"} for v in clauses)):
        return False  # "would lift the duties as soon as Hanoi complies", "is willing to drop them if …", "will be
        # able to lift them": an offer
    if any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS for v in clauses if sent.start <= v.i < sent.end
           for c in v.children):
        return False  # "he would likely have to eliminate the tariffs", "could perhaps cut": a guess
    if action in ("remove", "pause") and main is not None and any(
            c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in main.children) and any(
            c.dep_ == "prep" and c.lower_ == "until" for c in main.children):
        return False  # "Peru had been exempted from the duties until Friday": the reprieve is over, nothing lifted
    if any(open_question(v) for v in clauses if sent.start <= v.i < sent.end):
        return False  # "unsure whether Ottawa will scrap the duty", "when a country levies tariffs, …"
    if action == "threaten" and not attached and main.tag_ == "VBN" and any(
            a in ("had", "have", "has", "'d", "'ve") for a in auxes):
        return False  # "Trump had threatened higher tariffs": an earlier threat recalled; "the 30% rate it had
        # threatened" names one
    announced, effective, starts = event_dates(view.dates, sent, main, view.published)
    if in_answer_phrase:
        announced = effective = None  # the dates of the sentence are the answer's, not the answered rate's
    if taken_up:  # "The levies will be 9% for X, 21% for Y" details the move of the sentence before
        announced, effective = announced or recent.announced, effective or recent.effective
    if action == "announce" and not attached and main is not None and main.tag_ == "VBN" and not announced \
            and not effective and any(c.dep_ == "auxpass" for c in main.children) and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in main.children) and not any(
            c.dep_ == "agent" for c in main.children):
        return False  # "Tariffs have also been imposed on imports from the EU": a summary of moves, none told
    if action == "announce" and standing(noun, main):
        return False
    if action == "announce" and main is not None and subject_now(main) and not announced and not effective:
        return False  # "Kenyan shoes are subject to duties of 4%": what goods pay now, no move
    if trig.kind == "tariff" and action in ("announce", "hold") and main is not None \
            and verb_lemma(main) in KEEPING_VERBS and not auxes_would(auxes) and "will" not in auxes \
            and not announced and not effective:
        return False  # "has kept the tariffs in place", "maintains duties of 20% on sugar": the state of things  # "the 12% levy now in force" stands; "the existing duty will rise" still moves
    if is_background(noun, main, view.dates, view.era, action, view.published is not None):
        return False  # "imposed in 2018", "a 2019 tariff"
    if (months_before(view.dates, main, view.published) or 0) >= OLD_NEWS_MONTHS:
        return False  # "Tariffs on Peruvian copper were raised from 10% to 25% in March 2023" (in November): history
    if modal and action != "threaten" and not taken_up and not nominal:
        top = verbs[-1]
        if top.dep_ == "conj" and not any(c.dep_ == "aux" for c in top.children):
            above = governing_verbs(top.head, sent, lex)  # "said it would retaliate and impose …"
            top = above[-1] if above else top
        reported = auxes == ["would"] and top.lemma_.lower() in REPORTING_LEMMAS
        if trig.kind == "tariff" and action in ("remove", "cut", "pause") and (reported or auxes_would(auxes)):
            pass  # "Beijing said it would remove the duties", "under the deal India would cut its tariff on cars
            # to 10%": a promise to lower a rate is no threat ("could cut" is a guess)
        elif trig.kind == "interest_rate" and reported and bank_speaks(top, banks, lex):
            pass  # "the bank said it would keep its policy rate at 2.5%": its decision in reported speech
            # ("analysts said the bank would cut" is a forecast)
        elif trig.kind != "tariff" or action not in ("announce", "raise"):
            return False
        elif not auxes_would(auxes) and (verb_lemma(main) in STATE_VERBS or any(
                c.dep_ == "nsubjpass" for c in main.children)):
            return False  # "exporters could face tariffs" guesses at a target's fate; "he could impose" threatens
        elif auxes_would(auxes) and without_actor(main, noun) and not (reported and starts):
            return False  # "scrapping the pact would raise tariffs to 40%": what would follow, nobody's threat
        else:
            # "said it would impose duties from March 10" is a decision with a start date; without one, a threat;
            # "announced that … would" a decision
            decided = auxes_would(auxes) and top.lemma_.lower() in DECIDING_LEMMAS
            action = action if (reported and starts) or decided else "threaten"
    st.action, st.announced, st.effective, st.ended, st.verb_actions = action, announced, effective, ended, verb_actions
    return True
