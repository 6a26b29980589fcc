"""The events of one rate reading: its levels grouped (ranges, from-to, "respectively", halved or doubled), one
event per imposing party, target and level, the further steps of the same move, and bare levels."""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span, Token

from nlp.extensions import RateEvent
from nlp.rates.dates import resolve_date
from nlp.rates.merge import Mention
from nlp.rates.parties import PartyReader
from nlp.rates.percentages import Rate, attach, previous_level, rate_groups, step_to_level
from nlp.rates.reading import Reading
from nlp.rates.triggers import FALL_VERBS, RISE_VERBS, Trigger, verb_action, verb_lemma
from nlp.rates.view import DocView

# "halved its tariff to 75%" (from 150%), "doubled the duty to 50%" (from 25%)
MULTIPLIERS = {"halve": 0.5, "double": 2.0, "triple": 3.0, "quadruple": 4.0}


def assemble(st: Reading, view: DocView, lex, parties: PartyReader, sent: Span, sent_rates: list[Rate],
             other_heads: set[int], recent: RateEvent | None) -> list[Mention]:
    """The mentions a complete reading gives."""
    doc, trig, noun, verbs, main, attached, listed = view.doc, st.trig, st.noun, st.verbs, st.main, st.attached, st.listed
    action, announced, effective, ended, taken_up = st.action, st.announced, st.effective, st.ended, st.taken_up
    imposers, countries, products, when = st.imposers, st.countries, st.products, st.when
    if trig.kind == "tariff" and _with_no(noun) and not no_tariff(noun):
        return []  # "will impose no new tariffs on them": a move ruled out
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
    if trig.kind == "tariff" and action in ("announce", "threaten") and (
            zero_tariff(doc, groups, noun) or no_tariff(noun) and not any(g[0] for g in groups)):
        action, groups = "remove", [(None, None, None, None, None)]  # "will apply zero tariffs to": no duty left
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
    if len(groups) > 1:
        events = dated_steps(view, groups, events, action)
    if main is not None and len(groups) == 1 and groups[0][0] is not None:
        events += further_steps(view, lex, sent, trig, main, sent_rates, other_heads, events, groups[0][0])
    return events


def dated_steps(view: DocView, groups: list, events: list[Mention], action: str) -> list[Mention]:
    """"cut the rate to 17% on April 8, to 14% on April 29 and to 11% on May 26": levels each followed by a date of
    their own are the steps of one rate, each made (or, for a move ahead, applying) on its day, each from the level
    before."""
    ents = []
    for n, (_, _, _, _, where) in enumerate(groups):
        if where is None:
            return events
        end = groups[n + 1][4].start if n + 1 < len(groups) and groups[n + 1][4] is not None else where.end + 3
        ent = next((e for e in view.dates if where.end <= e.start < min(end, where.end + 3)
                    and view.doc[e.start - 1].lower_ in ("on", "in")), None)
        if ent is None:
            return events
        ents.append(re.sub(r"\s+(?:and|or)\b.*$", "", ent.text.lower()))  # "April 25 and to" read as one date
    past = [resolve_date(text, view.published) for text in ents]
    ahead = [resolve_date(text, view.published, forward=True) for text in ents]
    if None in past or None in ahead or len(set(past)) != len(past) or past != sorted(past):
        return events
    levels = [g[0] for g in groups]
    sequence = action in ("cut", "raise") and levels == sorted(levels, reverse=action == "cut")
    out = []
    for m in events:
        n = next(k for k, g in enumerate(groups) if g[0] == m.event.rate_percent)
        previous = m.event.previous_percent if m.event.previous_percent is not None or not sequence or n == 0 \
            else levels[n - 1]
        if m.event.effective is not None:  # "will cut it to 10% on May 1 and to 5% on June 1"
            event = replace(m.event, effective=ahead[n], date=ahead[n], previous_percent=previous)
        else:
            event = replace(m.event, announced=past[n], date=past[n], previous_percent=previous)
        out.append(Mention(event, m.delta, event.date.isoformat()))
    return out


def zero_tariff(doc, groups: list, noun: Token) -> bool:
    """"imposes zero tariffs on", "zero-tariff treatment": the one level is the word "zero" before the rate noun,
    a duty taken away, not one of 0% put on (unlike "cut the tariff to zero")."""
    if len(groups) != 1 or groups[0][0] != 0.0 or groups[0][4] is None:
        return False
    first = doc[groups[0][4].start]
    return first.lower_ == "zero" and first.i < noun.i and doc[first.i - 1].lower_ not in ("to", "at", "from", "near")


def no_tariff(noun: Token) -> bool:
    """"will impose no tariff on 95% of its goods", "levies no duty on them": duty-free, as a zero tariff is; with
    an adjective ("will impose no new tariffs") it rules a move out, and assemble() gives no mention."""
    return _with_no(noun) and not any(c.dep_ == "amod" for c in noun.children)


def _with_no(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def further_steps(view: DocView, lex, sent: Span, trig: Trigger, main: Token, sent_rates: list[Rate],
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
        if any(c.dep_ == "nsubj" and c.lower_ not in ("it", "they") for c in verb.children):
            # "kept its rate at 3% and inflation rose to 4.5%": another thing moving, with a subject of its own
            continue
        action = verb_action(verb, trig.kind, lex, view.place_tokens)
        if obj is None and (verb.tag_ == "VBG" and verb.dep_ == "advcl" or verb.dep_ == "conj"):
            # "…, falling to 40%", "will start at 10% … and rise to 25% on Jan. 1": the rate itself moves on
            lemma = verb_lemma(verb)
            action = "cut" if lemma in FALL_VERBS else "raise" if lemma in RISE_VERBS else action
        levels = [r for r in sent_rates if r.start > verb.i and attach(
            view.doc, r, {verb.i}, [verb], other_heads, lex.rate_setting_verbs) == "rate"]
        if action in ("raise", "cut") and len(levels) == 1 and levels[0].value != level:
            # ("cut its rate on Thursday, reducing it to 1.5%": the verb that gave the level, no second step)
            for event in events:
                out.append(Mention(replace(event.event, action=action, rate_percent=levels[0].value,
                                           rate_low=None, previous_percent=level), None, event.when))
    return out
