"""Tariff and interest-rate moves a text reports: `doc._.rate_events`, a list of :class:`RateEvent`.

Per sentence: find the rate nouns ("tariffs", "the repo rate", "borrowing costs"), climb the parse to the verbs
that govern them and read the action from cue lexicons ("threatened to impose" is a threat, "put on hold" a
pause), attach the percentages that hang off the rate noun or its verb ("a 25% tariff", "by 25 basis points to
4.5%", "from 10% to 25%"), then resolve who moves the rate and on whom. Mentions of one move across the article
are merged into one event. The steps live in ``nlp/rates/``; all word lists in ``nlp/data/rate_*.json``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from nlp.extensions import RateEvent
from nlp.rates.assemble import assemble
from nlp.rates.banks import names_a_bank, story_bank
from nlp.rates.carry import carried, listed_levels, moves_on_pronoun
from nlp.rates.dates import event_dates
from nlp.rates.decision import decide
from nlp.rates.levels import rates_by_name
from nlp.rates.lexicon import rate_lexicon
from nlp.rates.merge import Mention, echo, merge
from nlp.rates.parties import PartyReader
from nlp.rates.percentages import Rate
from nlp.rates.reading import read_attached, read_governors
from nlp.rates.scope import scope
from nlp.rates.screens import screened_out
from nlp.rates.triggers import Trigger, TriggerFinder
from nlp.rates.view import DocView
from nlp.segments import sentence_segments

DEAL_WORDS = {"agreement", "agreements", "pact", "deal", "fta", "accord", "treaty", "partnership"}
SAME_STEP = re.compile(r"\bby the same (?:amount|margin|extent)\b", re.I)
CARRY_SEGMENTS = 3  # a tariff move's parties carry over to what the next three sentences say about rates
HOLD_SEGMENTS = 2  # "… kept its repo rate at 6%. The reverse repo rate remains at 5.75%": the same decision's rates


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
        last_step: float | None = None  # the step of the latest interest-rate move that gave one
        last_bank_move = -2  # segment number of the latest interest-rate move a named bank made
        last_hold: tuple[int, RateEvent] | None = None  # (segment number, event) of a named bank's latest hold
        for n, sent in enumerate(sentence_segments(doc)):
            banks = parties.banks_in(sent)
            if not banks and last_bank is not None and n - last_bank_move == 1 and (it := bank_pronoun(sent)):
                # "The Bank of Korea cut its base rate to 2.75%. It also lowered the rate on its lending facility
                # to 3.25%": the "it" right after a bank's move is that bank
                banks = [(it.idx, it.idx + len(it.text), last_bank)]
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
                hold_before = held_before(last_hold, n)
                found = self._sentence_events(view, parties, sent, banks, last_bank, recent,
                                              after_hold=hold_before is not None)
                listed = listed_levels(parties, view, sent, found, last_move, n)
                if listed:  # "The new rates include 20% on Vietnam and 25% on India": the move's levels, one a target
                    events += listed
                    continue
                for event, delta, when in found:
                    if event.kind == "tariff" and last_move is not None and n - last_move[0] <= CARRY_SEGMENTS:
                        # a sentence naming only the last move's target names no new place
                        new_place = any(sent.start <= i < sent.end and code not in (
                            last_move[1].target, last_move[1].imposing) for i, code in view.places.items())
                        untargeted = event.target in (None, last_move[1].target) and not any(
                            sent.start <= i < sent.end for i in view.places)
                        event = carried(event, last_move[1], new_place)
                        if untargeted and event.rate_percent is not None:
                            # "… anti-dumping duties on steel from Peru, Bolivia and Ecuador. The duty rates have
                            # been set at 12% to 40%": the rate of a move on several countries is each one's
                            events += rated_siblings(events, last_move[1], event)
                    if event.kind == "tariff" and event.imposing is not None and event.action:
                        last_move = (n, event)
                    if event.kind == "interest_rate" and event.action in ("raise", "cut"):
                        if delta is None and SAME_STEP.search(sent.text) and last_step is not None:
                            # "Its deposit and lending facility rates were lowered by the same amount, to 2.25%
                            # and 3.25%": the step of the move just told, so each has its level before
                            delta = last_step
                        last_step = delta if delta is not None else last_step
                    if event.kind == "interest_rate" and event.action == "hold" and event.imposing is not None:
                        event = same_meeting(event, hold_before)
                        last_hold = (n, event)
                    if event.action:
                        events.append(Mention(event, delta, when))
                        if event.kind == "interest_rate" and event.imposing is not None:
                            last_bank_move = n
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
            elif event.kind == "tariff" and event.target is None and event.imposing is not None \
                    and event.action in ("cut", "remove") and not under_a_deal(event.text):
                event.target = "ALL"  # "will lower its import tariffs on 800 items": a cut for every country's goods
                # (a cut under a trade deal is for its partners)
        return doc

    def _sentence_events(self, view: DocView, parties: PartyReader, sent: Span, banks, last_bank: str | None,
                         recent: RateEvent | None, after_hold: bool = False):
        """Events of one sentence; `recent` is the tariff move reported in the sentences just before, if any;
        `after_hold` whether a bank's hold was told in this sentence's last few."""
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
            out.extend(self._event_for(view, parties, sent, trig, sent_rates, other_heads, banks, last_bank, recent,
                                       after_hold))
        return out

    def _event_for(self, view: DocView, parties: PartyReader, sent: Span, trig: Trigger, sent_rates: list[Rate],
                   other_heads: set[int], banks, last_bank, recent: RateEvent | None,
                   after_hold: bool = False) -> list[Mention]:
        """The mentions one rate noun gives: read what governs it and what is attached, screen out readings that
        tell no move, decide the action, then its scope, and assemble the events."""
        lex = self.lex
        st = read_governors(view, lex, sent, trig, after_hold)
        if st is None:
            return []
        final = read_attached(st, view, lex, parties, sent, sent_rates, other_heads, banks, last_bank, recent)
        if final is not None:
            return final
        if screened_out(st, view, lex, sent, banks) or not decide(st, view, lex, sent, banks, recent):
            return []
        if not scope(st, view, lex, parties, sent, sent_rates, other_heads, banks, last_bank):
            return []
        return assemble(st, view, lex, parties, sent, sent_rates, other_heads, recent)


def bank_pronoun(sent: Span) -> Token | None:
    """The "It" that opens a sentence as the subject of its verb ("It also cut its deposit rate …"), or None."""
    first = sent[0] if len(sent) else None
    return first if first is not None and first.lower_ == "it" and first.dep_ == "nsubj" else None


def held_before(last_hold: tuple[int, RateEvent] | None, n: int) -> RateEvent | None:
    """A bank's hold told in the few sentences before sentence `n`, if any."""
    return last_hold[1] if last_hold is not None and 0 < n - last_hold[0] <= HOLD_SEGMENTS else None


def same_meeting(event: RateEvent, hold: RateEvent | None) -> RateEvent:
    """A hold right after the same bank's hold, with no day of its own ("… kept its policy rate at 4.5% on
    Thursday. The deposit rate remains at 3.5%"), is dated by that decision."""
    if hold is None or hold.imposing != event.imposing or event.announced or event.effective or not hold.date:
        return event
    return replace(event, announced=hold.announced, effective=hold.effective, date=hold.date)


def rated_siblings(events: list[Mention], move: RateEvent, rated: RateEvent) -> list[Mention]:
    """The rate a later sentence gives a move, given to every other target of the sentence that made the move on
    several countries with no rate ("imposes duties on imports from Peru, Chile and Brazil")."""
    if move.rate_percent is not None or rated.target != move.target:
        return []
    return [Mention(replace(rated, target=m.event.target, products=rated.products or m.event.products))
            for m in events if m.event.start == move.start and m.event.kind == move.kind
            and m.event.action == move.action and m.event.imposing == move.imposing
            and m.event.rate_percent is None and m.event.target not in (None, move.target)]


def under_a_deal(text: str) -> bool:
    """The sentence tells of a trade deal ("under the free trade agreement", "the ACFTA commitments")."""
    return any(w in DEAL_WORDS or w.endswith("fta") for w in re.findall(r"[a-z]+", text.lower()))


@Language.factory("saidwhat_rate_events", default_config={})
def make_rate_events(nlp: Language, name: str) -> RateEventFinder:
    """Tariff and interest-rate events into ``doc._.rate_events``."""
    return RateEventFinder(nlp)
