"""Tariff and interest-rate moves a text reports: `doc._.rate_events`, a list of :class:`RateEvent`.

Per sentence: find the rate nouns ("tariffs", "the repo rate", "borrowing costs"), climb the parse to the verbs
that govern them and read the action from cue lexicons ("threatened to impose" is a threat, "put on hold" a
pause), attach the percentages that hang off the rate noun or its verb ("a 25% tariff", "by 25 basis points to
4.5%", "from 10% to 25%"), then resolve who moves the rate and on whom. Mentions of one move across the article
are merged into one event. The steps live in ``nlp/rates/``; all word lists in ``nlp/data/rate_*.json``.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.extensions import RateEvent
from nlp.rates.banks import bank_speaks, names_a_bank, story_bank
from nlp.rates.carry import LEVEL_MODIFIERS, LISTING_VERBS, carried, listed_levels, moves_on_pronoun, takes_up
from nlp.rates.clauses import (LEVEL_VERBS, REPRIEVE_WORDS, acts_or_demanded, asked_for, compared, dissent,
                                earlier_month, named_in_answer, object_before, on_top_of, open_question, refused,
                                reprieve_ended, turned_down)
from nlp.rates.dates import event_dates, is_background, months_before, standing, when_named
from nlp.rates.levels import level_in_relative, level_of_it, own_level_is_previous, own_rate, rates_by_name
from nlp.rates.lexicon import rate_lexicon
from nlp.rates.merge import Mention, echo, merge
from nlp.rates.parties import PartyReader, extent
from nlp.rates.percentages import Rate, attach, free_rate, previous_level, rate_groups, step_to_level
from nlp.rates.triggers import (ANSWER_VERBS, BARE_MOVES, FALL_VERBS, RISE_VERBS, STATE_VERBS,
                                 Trigger, TriggerFinder, framing_noun, governing_verbs, misread_move, shared_clauses, verb_action,
                                 verb_lemma)
from nlp.rates.modality import (answered_by, auxes_of, auxes_would, for_a_purpose, hedged_above, on_condition,
                                 untold_move, weighed_above, without_actor)
from nlp.rates.talk import READY_WORDS, moved_by_a_force, talk_not_move
from nlp.rates.view import DocView
from nlp.rates.words import (BETTING_NOUNS, CHANCE_NOUNS, DEMAND_VERBS, KEEPING_VERBS, REPORTING_LEMMAS,
                             WEIGHING_VERBS, WISH_VERBS)
from nlp.segments import sentence_segments

HEDGES = {"possible", "likely", "unlikely", "likelihood", "probability", "expected", "expect", "expects", "forecast", "forecasts", "predict",
          "predicted", "projected", "see", "sees", "could", "might", "may", "would", "should", "if"}
# verbs over a rate that forecast, ask for or price a move rather than make one
NOT_EVENT_VERBS = WEIGHING_VERBS | {"see", "rule", "cost", "hurt", "mirror", "price", "imply"}
COUNTERFACTUAL = {"without", "unless", "if"}
HEDGED_HEADS = {"likely", "unlikely", "possible"}
HEDGE_ADVERBS = {"likely", "probably", "possibly", "perhaps", "maybe"}
# verbs that make what "would" happen under them a decision ("announced that films would be hit with a 100% tariff")
DECIDING_LEMMAS = {"announce", "confirm", "decide", "unveil", "order", "sign", "rule", "agree"}
# "halved its tariff to 75%" (from 150%), "doubled the duty to 50%" (from 25%)
MULTIPLIERS = {"halve": 0.5, "double": 2.0, "triple": 3.0, "quadruple": 4.0}
CARRY_SEGMENTS = 3  # a tariff move's parties carry over to what the next three sentences say about rates
NAMED_THREATS = {"threatened", "proposed", "planned", "mooted", "floated"}
# actions that move a rate already in place: a clause telling how that rate was set is its history
MOVES_ON_A_RATE = {"remove", "cut", "raise", "pause"}
# a pledge to impose or raise a tariff is a threat ("promised 60% tariffs on China"); a pledge to cut one under a
# deal is left to the verbs below it
PROMISE_VERBS = {"promise", "pledge"}
# a move made this many months or more before the article is its background ("were raised in May", in November)
OLD_NEWS_MONTHS = 4
# verbs of opposing a rate someone else set ("vowed to fight the 50% tariff", "will challenge the duties")
OPPOSING_VERBS = {"fight", "challenge", "contest", "oppose", "protest", "condemn", "denounce", "criticise",
                  "criticize", "resist", "slam", "decry", "dispute", "appeal"}


class RateEventFinder:
    """The `saidwhat_rate_events` component."""

    def __init__(self, nlp: Language):
        self.lex = rate_lexicon()
        self.triggers = TriggerFinder(nlp, self.lex)

    def __call__(self, doc: Doc) -> Doc:
        events: list[Mention] = []
        levels: list[RateEvent] = []  # "the policy rate is now 6.25%": a level, no move
        view = DocView.of(doc)
        parties = PartyReader(self.lex, view)
        last_bank: str | None = None
        last_move: tuple[int, RateEvent] | None = None  # (segment number, event) of the latest tariff move
        last_row = -2
        intro: tuple[int, RateEvent] | None = None  # a line that opens a list of rates ("… tariff rates:")
        positions = self.triggers.word_positions(doc)
        for n, sent in enumerate(sentence_segments(doc)):
            banks = parties.banks_in(sent)
            row = parties.table_row(sent, view.rates) if last_move is not None and (
                n - last_move[0] <= 2 or n - last_row == 1) else None
            if row is None and intro is not None and n - intro[0] <= 2:
                row = parties.table_row(sent, view.rates)
                if row is not None:
                    last_move = intro
            if row is not None:  # "Vietnam: 46%" under the move that lists the rates
                code, rate = row
                events.append(Mention(replace(last_move[1], text=sent.text, start=sent.start_char,
                                              end=sent.end_char, rate_percent=rate.value, rate_low=None,
                                              previous_percent=None, target=code, products=[])))
                last_row = n
                continue
            found = []
            if self.triggers.may_have_trigger(sent, positions):
                if sent.text.rstrip().endswith(":"):  # "… set out its new surtaxes:" opens a list of rates
                    intro = (n, RateEvent(kind="tariff", action="announce", text="", start=0, end=0,
                                          imposing=parties.actor_in(sent.start_char, sent.end_char)))
                recent = last_move[1] if last_move is not None and n - last_move[0] <= CARRY_SEGMENTS else None
                found = self._sentence_events(view, parties, sent, banks, last_bank, recent)
                listed = listed_levels(parties, view, sent, found, last_move, n)
                if listed:  # "The new rates include 20% on Vietnam and 25% on India": the move's levels, one a target
                    events += listed
                    continue
                for event, delta, when in found:
                    if event.kind == "tariff" and last_move is not None and n - last_move[0] <= CARRY_SEGMENTS:
                        # a sentence naming only the last move's target names no new place
                        new_place = any(sent.start <= i < sent.end and code not in (
                            last_move[1].target, last_move[1].imposing) for i, code in view.places.items())
                        event = carried(event, last_move[1], new_place)
                    if event.kind == "tariff" and event.imposing is not None and event.action:
                        last_move = (n, event)
                    if event.action:
                        events.append(Mention(event, delta, when))
                    else:
                        levels.append(event)
            if last_move is not None and n - last_move[0] <= 1:
                # "… threatened 25% tariffs on Mexican goods, though he paused them until March 1"
                for verb, action in moves_on_pronoun(sent, self.lex, view.place_tokens):
                    if not any(m.event.action == action and m.event.start == sent.start_char for m in events):
                        announced, effective, _ = event_dates(view.dates, sent, verb, view.published)
                        events.append(Mention(replace(
                            last_move[1], action=action, text=sent.text, start=sent.start_char, end=sent.end_char,
                            previous_percent=None, announced=announced, effective=effective,
                            date=effective or announced)))
            if not found and last_move is not None and n - last_move[0] <= 2:
                # "Tesla will face an additional 7.8%, BYD 17% and Geely 18.8%": the move's rate, firm by firm
                events += [Mention(replace(last_move[1], text=sent.text, start=sent.start_char, end=sent.end_char,
                                           rate_percent=r.value, rate_low=None, previous_percent=None))
                           for r in rates_by_name(view, sent, self.lex)]
            if banks:
                last_bank = banks[-1][2]
        # a threat that names no rate ("threatened tariffs on Mexico", "warned it would retaliate") is a stance, not
        # a move anyone can chart: kept only when some mention of it gives its rate
        merged = [e for e in merge(events, levels, self.lex.bank_countries) if e.action != "threaten" or e.rate_percent is not None]
        # a central bank decides a level: an interest rate "set" or "used" with no level named is talk about how
        # rates work ("which market rates to use when setting the deposit rate"), not a decision
        merged = [e for e in merged if e.kind == "tariff" or e.action != "announce" or e.rate_percent is not None]
        if any(e.kind == "interest_rate" and e.imposing is None for e in merged) and not names_a_bank(view, self.lex):
            # "the exchange said stable markets warranted a cut in deposit rates": with no central bank anywhere in
            # the article, an interest rate moved by no one named is someone's own price
            merged = [e for e in merged if e.kind != "interest_rate" or e.imposing is not None]
        if any(e.kind == "interest_rate" and e.imposing is None for e in merged):
            # "South Korea's revival …, its central bank says" … "the bank decided to keep rates at 3.25%": a
            # central bank never named is the one of the country the story opens on
            bank = story_bank(view, self.lex)
            if bank is not None:
                merged = [replace(e, imposing=bank) if e.kind == "interest_rate" and e.imposing is None else e
                          for e in merged]
        # "criticised the high tariffs imposed by rich and poor nations": a tariff with no rate, no party and no
        # goods is talk about tariffs in general, nothing anyone could chart
        merged = [e for e in merged if e.kind != "tariff" or e.rate_percent is not None or e.imposing is not None
                  or e.target is not None or e.products]
        doc._.rate_events = [e for e in merged if not echo(e, merged, self.lex)]
        for event in doc._.rate_events:
            event.date = event.date or view.published  # with no date of its own, an event is dated by its article
            if event.kind == "tariff" and event.target in self.lex.product_names:
                event.target = "ALL"  # a tariff on goods with no country named falls on every country's (`products`)
        return doc

    def _sentence_events(self, view: DocView, parties: PartyReader, sent: Span, banks, last_bank: str | None,
                         recent: RateEvent | None):
        """Events of one sentence; `recent` is the tariff move reported in the sentences just before, if any."""
        doc = view.doc
        if sent.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
            return []  # "What tariffs has the United States imposed?" asks, it reports no move
        sent_rates = [r for r in view.rates if sent.start <= r.start < sent.end]
        out = []
        seen_heads: set[int] = set()
        listed = len(parties.listed_targets(sent_rates)) >= 2  # "50% on Brazil, 30% on Laos": rates per country
        triggers = self.triggers.find(doc, sent, banks, view.place_tokens, recent is not None, listed)
        heads = {t.head(doc).i for t in triggers}
        for trig in triggers:
            head = trig.head(doc)
            if head.i in seen_heads:
                continue
            seen_heads.add(head.i)
            other_heads = heads - {head.i}  # a number under another rate noun is that noun's
            out.extend(self._event_for(view, parties, sent, trig, sent_rates, other_heads, banks, last_bank, recent))
        return out

    def _event_for(self, view: DocView, parties: PartyReader, sent: Span, trig: Trigger, sent_rates: list[Rate],
                   other_heads: set[int], banks, last_bank, recent: RateEvent | None):
        doc, lex = view.doc, self.lex
        head = trig.head(doc)
        trig_tokens = set(range(trig.start, trig.end))
        # the rate noun may be a modifier of a move noun: "rate hike", "tariff increase"
        noun = head
        if head.dep_ in ("compound", "nmod") and head.head.lemma_.lower() in lex.noun_cue:
            noun = head.head
        elif head.dep_ == "pobj" and head.head.lower_ in ("on", "in", "of", "to", "from") \
                and head.head.head.lemma_.lower() in lex.noun_cue:  # "a pause on tariffs", "a cut in rates"
            noun = head.head.head
        elif head.dep_ == "pobj" and head.head.lower_ in ("on", "in") and head.head.head.pos_ == "VERB" and (
                moved := object_before(head.head, lex.noun_cue)) is not None:
            noun = moved  # "extended the pause | on higher tariffs": the parser hangs the phrase on the verb
        trig_tokens.add(noun.i)
        noun_action = lex.noun_cue.get(noun.lemma_.lower()) if noun.lemma_.lower() in lex.noun_cue else None
        verbs = governing_verbs(noun, sent, lex)
        if trig.kind == "interest_rate" and all(verb_lemma(v) in REPORTING_LEMMAS for v in verbs) and (
                misread := misread_move(noun)) is not None:
            verbs = [misread, *verbs]  # "The central bank cut rates by 50 basis points" parsed as one noun phrase
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
        for child in [*noun.children, *shared_clauses(noun)]:
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
                        return []
                    break
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
                return self._levels(view, sent, trig, attached, banks, last_bank, main)
            verb_actions, taken_up = [action], recent is not None and action == recent.action
        # "declined to cut rates", "decided not to raise them": a bank's decision to hold
        held = trig.kind == "interest_rate" and main is not None and verb_actions[:1] in (["raise"], ["cut"]) \
            and turned_down(main)
        if held:
            verb_actions, noun_action = ["hold"], None
        elif any(c.dep_ == "neg" or c.lower_ in lex.negations for v in verbs for c in v.children):
            return []
        if main is not None and any(a.pos_ == "NOUN" and any(c.lower_ == "no" for c in a.children)
                                    for a in main.ancestors if sent.start <= a.i < sent.end):
            return []  # "has no plans to lift the duty", "no intention of cutting its tariff"
        if main is not None and any(c.dep_ == "aux" and c.lemma_ == "have" for c in main.children) and any(
                c.dep_ == "prep" and (c.lower_ == "since" or any(t.dep_ == "prep" and t.lower_ == "since"
                                                                 for t in c.subtree)) for c in main.children):
            return []  # "has raised rates by a cumulative 300 basis points since August", "has been raising rates at
            # a gradual pace since June": moves summed up
        if main is not None and talk_not_move(main, sent, trig.kind, banks, bool(attached), lex.modals):
            return []  # "has room to cut rates", "pricing in a cut", "raised rates nine times": talk, no move told
        if main is not None and any(v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("since", "before")
                                                              for c in v.children)
                                    for v in [main, *main.ancestors] if sent.start <= v.i < sent.end):
            return []  # "prices have jumped 30% since the duties were imposed", "… worth $1 billion before the
            # tariffs were imposed" look back at an earlier move
        if main is not None and main.dep_ == "acl" and main.tag_ in ("VBN", "VBG") and main.head.i not in trig_tokens \
                and main.head not in noun.conjuncts \
                and not (main.tag_ == "VBG" and main.head.lemma_.lower() in lex.decision_nouns):
            return []  # "firms spared from the duties" describes the firms, it reports no move; "signed orders
            # imposing tariffs" does
        if main is not None and (main.dep_ == "relcl" and main.tag_ == "VBD" and main.head.i not in trig_tokens or (
                not own_clause and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in main.children))) \
                and earlier_month(view, main):
            return []  # "The Swiss National Bank, which cut its rate to zero in June, said …", "Brazil had been hit
            # with the minimum 10% rate in April" (in July): history ("the 30% rate it had threatened in May" names one)
        if main is not None and main.dep_ == "relcl" and verb_lemma(main) in STATE_VERBS and not any(
                c.dep_ == "aux" and c.lower_ in ("will", "'ll") for c in main.children):
            return []  # "Korea, which faces a similar 25% duty, …" says who bears a tariff, not that one moved
        if main is not None and not held and refused(main, sent):
            return []  # "declined to lower its duty", "rejected calls to cut rates": a move turned down
        if main is not None and (weighed_above(main, sent) or for_a_purpose(main, verbs)):
            return []  # "is expected to signal it by announcing a cut", "urged action on removing the duties", "will
            # meet to try to cut the tariffs": a move forecast, asked for or aimed at, not made
        if any(v.lemma_.lower() in NOT_EVENT_VERBS for v in verbs) or any(
                v.lemma_.lower() in DEMAND_VERBS and any(c.dep_ == "nsubj" for c in below.children)
                for below, v in zip(verbs, verbs[1:])) or asked_for(noun):
            return []
        if any(c.dep_ in ("acl", "amod") and c.lemma_.lower() == "average" for c in noun.children):
            return []  # "imposes tariffs averaging 40%": a statistic, not a move
        if compared(noun, own_clause):
            return []  # "one of the highest rates imposed on any country"
        if on_top_of(noun):
            own = {t.i for t in noun.subtree}  # "charged an extra 30%, on top of the 10% baseline tariff": the 30%
            attached = [(r, role) for r, role in attached if r.start not in own]
            if not attached:
                return []
        if noun.dep_ == "pobj" and noun.head.dep_ == "agent" and verb_actions[:1] in (["raise"], ["cut"]):
            return []  # "debt costs were pushed up by high interest rates": the rate does the pushing, nothing moves it
        if trig.kind == "interest_rate" and noun.dep_ == "dobj" and main is not None and noun.head.i == main.i \
                and verb_actions[:1] in (["raise"], ["cut"]) and moved_by_a_force(main, banks):
            return []  # "strong growth typically raises real interest rates": a force on rates, no one deciding
        if dissent(verbs, banks):
            return []  # "another member voted to keep rates steady": a vote lost, not the decision
        if main is not None and noun.dep_ == "nsubj" and noun.head.i == main.i and verb_actions[:1] in (["raise"], ["cut"]):
            # "tariffs will fall to 5%" moves a rate; "tariffs have risen to 145%" and "rates rose sharply last
            # year" sum up moves made before (an interest rate moves by itself only to a level it names)
            perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in main.children)
            if perfect or (trig.kind == "interest_rate" and not any(role == "rate" for _, role in attached)):
                return []
            if trig.kind == "interest_rate" and not banks and not any(a in sent.text.lower() for a in lex.bank_anaphora):
                return []  # "the overnight interbank rate fell to 2.1%": a market rate moving, no bank deciding it
        if not verb_actions:
            # a move noun on its own ("talk of a rate hike") counts only with a number or a time of its own ("a
            # similar cut at the September meeting") and no hedging
            dated = when_named(view.dates, noun, None) is not None
            if not (attached or dated) or any(t.lower_ in HEDGES for t in sent):
                return []
        ended = reprieve_ended(noun, lex, view.place_tokens)
        if ended is not None:  # "ended Mexico's exemption from the 25% steel tariffs": the tariffs now apply
            verb_actions, noun_action = ["announce"], None
        candidates = verb_actions + ([noun_action] if noun_action else [])
        action = min(candidates, key=lambda a: lex.priority[a])
        if action == "announce" and noun_action:
            action = noun_action
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
            return []
        if trig.kind == "tariff" and action in ("announce", "raise") and main is not None and main.dep_ == "pcomp" \
                and main.head.lower_ == "of" and main.head.head.lemma_.lower() in ("idea", "notion"):
            action = "threaten"  # "floated the idea of a flat duty on imports": a notion aired, no decision
        if action == "announce" and main is not None and any(
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                for v in [*clauses, *noun.subtree] if sent.start <= v.i < sent.end for c in v.children):
            action = "threaten"  # "ready to impose a 25% surtax if Washington went ahead", "will take effect only if
            # talks fail": a move on a condition is a threat
        if trig.kind == "tariff" and action in ("remove", "cut", "pause") and main is not None and (
                on_condition(main, auxes_would(auxes)) or any(v.dep_ == "xcomp" and v.head.lower_ in READY_WORDS
                                                                | {"able"} for v in clauses)):
            return []  # "would lift the duties as soon as Hanoi complies", "is willing to drop them if …", "will be
            # able to lift them": an offer
        if any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS for v in clauses if sent.start <= v.i < sent.end
               for c in v.children):
            return []  # "he would likely have to eliminate the tariffs", "could perhaps cut": a guess
        if action in ("remove", "pause") and main is not None and any(
                c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in main.children) and any(
                c.dep_ == "prep" and c.lower_ == "until" for c in main.children):
            return []  # "Peru had been exempted from the duties until Friday": the reprieve is over, nothing lifted
        if any(open_question(v) for v in clauses if sent.start <= v.i < sent.end):
            return []  # "unsure whether Ottawa will scrap the duty", "when a country levies tariffs, …"
        if action == "threaten" and not attached and main.tag_ == "VBN" and any(
                a in ("had", "have", "has", "'d", "'ve") for a in auxes):
            return []  # "Trump had threatened higher tariffs": an earlier threat recalled; "the 30% rate it had
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
            return []  # "Tariffs have also been imposed on imports from the EU": a summary of moves, none told
        if action == "announce" and standing(noun, main):
            return []
        if trig.kind == "tariff" and action in ("announce", "hold") and main is not None \
                and verb_lemma(main) in KEEPING_VERBS and not auxes_would(auxes) and "will" not in auxes \
                and not announced and not effective:
            return []  # "has kept the tariffs in place", "maintains duties of 20% on sugar": the state of things  # "the 12% levy now in force" stands; "the existing duty will rise" still moves
        if is_background(noun, main, view.dates, view.era, action, view.published is not None):
            return []  # "imposed in 2018", "a 2019 tariff"
        if (months_before(view.dates, main, view.published) or 0) >= OLD_NEWS_MONTHS:
            return []  # "Tariffs on Peruvian copper were raised from 10% to 25% in March 2023" (in November): history
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
                return []
            elif not auxes_would(auxes) and (verb_lemma(main) in STATE_VERBS or any(
                    c.dep_ == "nsubjpass" for c in main.children)):
                return []  # "exporters could face tariffs" guesses at a target's fate; "he could impose" threatens
            elif auxes_would(auxes) and without_actor(main, noun) and not (reported and starts):
                return []  # "scrapping the pact would raise tariffs to 40%": what would follow, nobody's threat
            else:
                # "said it would impose duties from March 10" is a decision with a start date; without one, a threat;
                # "announced that … would" a decision
                decided = auxes_would(auxes) and top.lemma_.lower() in DECIDING_LEMMAS
                action = action if (reported and starts) or decided else "threaten"
        if not any(role == "rate" for _, role in attached) and main is not None:
            attached += level_of_it(doc, main, sent_rates, other_heads, lex)
        if not any(role == "rate" for _, role in attached) and action in ("raise", "cut"):
            # "…, which now stands at 3.85%", on the rate noun or, where the parser split them, the one beside the move
            attached += level_in_relative(doc, [head, *(doc[i] for i in sorted(other_heads))], sent_rates,
                                          other_heads, lex)
        if not attached:
            attached = free_rate(doc, sent, sent_rates, other_heads, lex)
        if trig.kind == "interest_rate" and not attached and main is not None and not held and untold_move(main, sent):
            return []  # "its mandate is to fight inflation by raising rates": a move talked of, none made
        if trig.kind == "interest_rate" and main is not None and main.tag_ == "VBG" and not announced \
                and not effective and not any(role == "rate" for _, role in attached) and any(
                c.dep_ == "aux" and c.lower_ in ("is", "are", "'s", "'re") for c in main.children):
            return []  # "the Fed and the ECB are still raising rates", "the bank is cutting rates a tenth at a
            # time": a campaign under way, no decision told
        # a rate named in a clause about something else ("Nairobi protested the 40% duty") takes its parties from
        # its own phrase, not from that clause's subject
        imposing, targets = parties.parties(sent, trig, noun, [] if nominal else verbs, banks, last_bank)
        if parties.lender:
            return []  # "Barclays and HSBC cut their base rates", "lenders raised mortgage rates": lenders' prices
        if in_answer_phrase:
            # "in response to US duties of 25%": whose duties are answered is who imposed them, never the target
            owner = next((code for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                          and (code := parties.code_in(c))), None)
            if owner is not None:
                imposing, targets = owner, [t for t in targets if t != owner]
        imposers = [imposing] + [c for c in parties.co_imposing if c not in targets]
        countries = [t for t in targets if t not in lex.product_names]
        if ended is not None:
            owner = next((parties.code_in(c) for c in ended.children if c.dep_ == "poss"), None)
            countries = [owner] if owner else countries
        products = [t for t in targets if t in lex.product_names] or parties.products_near(noun, verbs)
        answered = answered_by(noun)
        if answered is not None:
            # "approved countermeasures against US steel tariffs": the move is the answer, aimed at whoever set
            # the rate it answers (its goods are that rate's, not the answer's)
            owner = next((code for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod")
                          for code in [parties.code_in(c) or parties.actor_in(*extent(c))] if code), None)
            if owner is not None and owner != imposing:
                countries, products = [owner], []
        if not countries and action in ("cut", "remove") and imposing is not None:
            partner = parties.deal_partner(sent, imposing)  # "under the pact with Britain, India will cut …"
            countries = [partner] if partner else []
        if not countries and action in MOVES_ON_A_RATE and trig.kind == "tariff" and any(
                c.lower_ in ("the", "these", "those") for c in noun.children):
            # "China put duties on Australian barley in 2020. Beijing will lift the duties from Saturday": the
            # duties named before, history or not, and whom they fall on
            earlier = parties.taxed_before(sent, imposing)
            countries = [earlier] if earlier else []
        when = when_named(view.dates, noun, main)
        if action in ("raise", "cut") or verb_actions[:1] in (["raise"], ["cut"]):
            # ("said it would raise its 10% duty to 50%": a threatened raise has its level before too)
            attached = own_level_is_previous(doc, noun, attached)
        # "steel and aluminum tariffs of 25% and 10%, respectively": two levels, not a range, each with its goods
        respectively = any(t.lower_ == "respectively" for t in sent)
        if ended is not None:  # "exemption from the 25% steel and 10% aluminum tariffs": levels, not from-to
            attached = [(r, "rate") for r, role in attached if role in ("rate", "previous")]
        apart = set(listed) | ({r.start for r, _ in attached} if respectively or ended is not None else set())
        groups = rate_groups(attached, apart=apart) or [(None, None, None, None, None)]
        goods = parties.products_near(noun, verbs) if respectively and not listed else []
        paired = dict(zip((g[4].start for g in groups if g[4] is not None), ([p] for p in goods))) \
            if len(goods) == len(groups) > 1 else {}
        factor = MULTIPLIERS.get(main.lemma_.lower()) if main is not None else None
        if factor and len(groups) == 1 and groups[0][0] is not None and groups[0][2] is None and groups[0][3] is None:
            rate, low, _, _, where = groups[0]  # "halved its tariff to 75%": it was 150%
            if where is not None and where.start in {t.i for t in noun.subtree} and doc[where.start - 1].lower_ != "to":
                groups = [(round(rate * factor, 4), None, rate, None, where)]  # "doubled the existing 30% tariff"
            else:
                groups = [(rate, low, round(rate / factor, 4), None, where)]
        elif factor and len(groups) > 1 and all(g[0] is not None and g[2] is None and g[3] is None and g[4] is not None
                                                and doc[g[4].start - 1].lower_ == "to" for g in groups):
            # "doubled tariffs on US cars to 120% and on alcohol to 140%": each from half its new level
            groups = [(rate, low, round(rate / factor, 4), None, where) for rate, low, _, _, where in groups]
        if trig.kind == "interest_rate" and action in ("raise", "cut"):
            groups = [step_to_level(doc, g) for g in groups]  # "lifted rates 0.25% to 4.75%": a step and a level
        events = []
        for rate, low, previous, delta, where in groups:
            # "20% on copper and 12% on lumber": each level has its own target
            own, own_goods = parties.own_scope(where) if where is not None and len(groups) > 1 else ([], [])
            if where is not None and where.start in listed:
                own = [listed[where.start]]  # "18% on Chile, 26% on Peru"
            own_products = own[:1] if own and own[0] in lex.product_names else own_goods or paired.get(
                where.start if where is not None else -1) or products
            own_countries = [c for c in own if c not in lex.product_names] or countries
            if taken_up and not own_countries and recent.target not in recent.products:
                own_countries = [recent.target]  # "… 17% for BYD": the move's country, company by company
            # "tariffs on China, Vietnam and Cambodia": one event per country, the goods in `products`; with no
            # country named, the product is the target ("a 25% tariff on autos")
            pairs = [(i, t) for i in imposers for t in own_countries or own_products[:1] or [None]]
            if trig.kind == "tariff" and len(imposers) == 2 and set(own_countries) <= set(imposers):
                pairs = [(i, next(o for o in imposers if o != i)) for i in imposers]  # "A and B agreed to cut …"
            for imposing, tgt in ((i, t) for i, t in pairs if i is None or i != t):
                events.append(Mention(RateEvent(
                    kind=trig.kind, action=action, text=sent.text, start=sent.start_char, end=sent.end_char,
                    rate_percent=rate, rate_low=low, previous_percent=previous_level(rate, previous, delta, action),
                    imposing=imposing, target=tgt, date=effective or announced, products=list(own_products),
                    announced=announced, effective=effective), delta, when))
        if main is not None and len(groups) == 1 and groups[0][0] is not None:
            events += self._further_steps(view, sent, trig, main, sent_rates, other_heads, events, groups[0][0])
        return events

    def _further_steps(self, view: DocView, sent: Span, trig: Trigger, main: Token, sent_rates: list[Rate],
                       other_heads: set[int], events: list, level: float) -> list:
        """"will halve its tariff to 75% and cut it further to 40%": a second verb on the same rate (its object
        "it", or none) with a level of its own is the next step, from the level before."""
        out = []
        # "… and cut it further to 8%", "…, before lowering it to 40% by the tenth year"
        # "…, falling to 40% over ten years": a participle with no subject of its own is the next step too
        steps = [*main.conjuncts, *(c for c in main.children if c.dep_ == "advcl" and (any(
            m.lower_ in ("before", "then", "and") for m in c.children if m.dep_ in ("mark", "advmod", "cc"))
            or c.tag_ == "VBG" and not any(m.dep_ in ("nsubj", "mark") for m in c.children)))]
        steps += [v for c in main.children if c.dep_ == "prep" and c.lower_ == "before"
                  for v in c.children if v.dep_ == "pcomp"]
        for verb in steps:
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if verb.i < main.i or verb.pos_ != "VERB" or (obj is not None and obj.lower_ not in ("it", "them")):
                continue
            action = verb_action(verb, trig.kind, self.lex, view.place_tokens)
            if obj is None and (verb.tag_ == "VBG" and verb.dep_ == "advcl" or verb.dep_ == "conj"):
                # "…, falling to 40%", "will start at 10% … and rise to 25% on Jan. 1": the rate itself moves on
                lemma = verb_lemma(verb)
                action = "cut" if lemma in FALL_VERBS else "raise" if lemma in RISE_VERBS else action
            levels = [r for r in sent_rates if r.start > verb.i and attach(
                view.doc, r, {verb.i}, [verb], other_heads, self.lex.rate_setting_verbs) == "rate"]
            if action in ("raise", "cut") and len(levels) == 1:
                for event in events:
                    out.append(Mention(replace(event.event, action=action, rate_percent=levels[0].value,
                                               rate_low=None, previous_percent=level), None, event.when))
        return out

    def _levels(self, view: DocView, sent, trig, attached, banks, last_bank, main):
        if {c.lower_ for c in trig.head(view.doc).children} & LEVEL_MODIFIERS or compared(trig.head(view.doc)):
            return []  # "the average tariff is now 18%" is a statistic, not the level a move set
        # a level's own parties are read from central banks and actors only, not from country names
        no_places = PartyReader(self.lex, replace(view, places={}, place_tokens=set()))
        imposing, _ = no_places.parties(sent, trig, trig.head(view.doc), [main], banks, last_bank)
        out = []
        for rate, low, previous, delta, _ in rate_groups(attached):
            if rate is not None:
                out.append(Mention(RateEvent(kind=trig.kind, action="", text=sent.text, start=sent.start_char,
                                             end=sent.end_char, rate_percent=rate, rate_low=low, imposing=imposing)))
        return out


@Language.factory("saidwhat_rate_events", default_config={})
def make_rate_events(nlp: Language, name: str) -> RateEventFinder:
    """Tariff and interest-rate events into ``doc._.rate_events``."""
    return RateEventFinder(nlp)
