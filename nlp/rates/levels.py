"""The level a rate move leaves a rate at when the rate's own phrase does not say it: told by a second verb on
"it" ("cut its cash rate by a quarter point, bringing it to 3.85%"), by the noun's own number where the verb names
the level it goes "to" (then the level before), or name by name in a sentence of its own ("BYD 17%, Geely 18.8%")."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from nlp.extensions import RateEvent
from nlp.rates.carry import LEVEL_MODIFIERS
from nlp.rates.clauses import LEVEL_VERBS, compared
from nlp.rates.merge import Mention
from nlp.rates.parties import PartyReader
from nlp.rates.percentages import Rate, attach, rate_groups
from nlp.rates.view import DocView

# what a second verb moves to the new level: "bringing it to 3.85%", "taking the rate to 9.5%", "bringing its target
# range to 4.75%-5%"
LEVEL_HOLDERS = {"it", "them", "rate", "rates", "benchmark", "range"}


def rates_by_name(view: DocView, sent: Span, lex) -> list[Rate]:
    """Two or more plain percentages, each after a name ("BYD 17%", "Tesla will face an additional 7.8%"), in a
    sentence about nothing else rates measure (prices, shares, growth): the levels a move sets name by name."""
    rates = [r for r in view.rates if sent.start <= r.start < sent.end and r.unit == "percent" and r.high is None]
    if len(rates) < 2 or any(t.lower_ in lex.not_rate_words for t in sent):
        return []
    doc = view.doc
    named = [r for r in rates if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "PERSON")
                                     for t in doc[max(sent.start, r.start - 7):r.start])]
    return named if len(named) >= 2 else []


def level_of_it(doc: Doc, main: Token, sent_rates: list[Rate], other_heads: set[int], lex) -> list[tuple[Rate, str]]:
    """The level a move's rate is left at, told by a second verb on "it" or the rate: "held its key rate steady,
    keeping it in a range of 4.25% to 4.5%", "cut its cash rate by a quarter point, bringing it to 3.85%",
    "delivered a 50 basis point cut, taking the rate to 9.5%"."""
    for verb in main.children:
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.pos_ != "VERB":
            continue
        if not any(c.dep_ == "dobj" and c.lower_ in LEVEL_HOLDERS for c in verb.children):
            continue  # "…, taking the rate to 9.5%" tells the level as "bringing it to 3.85%" does
        levels = _levels_of(doc, verb, [r for r in sent_rates if r.start > verb.i], other_heads, lex)
        if levels:
            return levels
    return []


def own_rate(noun: Token, attached: list[tuple[Rate, str]]) -> bool:
    """A level in the rate noun's own phrase: "a 50% tariff", "duties of up to 30%"."""
    own = {t.i for t in noun.subtree}
    return any(role == "rate" and r.start in own for r, role in attached)


def own_level_is_previous(doc: Doc, noun: Token, attached: list[tuple[Rate, str]]) -> list[tuple[Rate, str]]:
    """"will halve its 150% tariff to 75%", "raised the 10% duty to 25%": the rate noun's own number is the level
    before the move when the verb names the level it goes "to"."""
    own = {t.i for t in noun.subtree}
    levels = [r for r, role in attached if role == "rate"]
    inside = [r for r in levels if r.start in own and doc[r.start - 1].lower_ not in ("to", "at")]
    outside = [r for r in levels if r not in inside and r.start > 0 and doc[r.start - 1].lower_ == "to"]
    if len(levels) != 2 or len(inside) != 1 or len(outside) != 1:
        return attached
    return [(r, "previous" if r is inside[0] else role) for r, role in attached]


def level_in_relative(doc: Doc, nouns: list[Token], sent_rates: list[Rate], other_heads: set[int],
                      lex) -> list[tuple[Rate, str]]:
    """The level told by a relative clause of the rate noun in the present ("a quarter-point cut in the bank's cash
    rate, which now stands at 3.85%"): where the move left it. A past one ("which stood at 4%") may be the
    level before, and is left alone."""
    for clause in (c for noun in nouns for c in noun.children):
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in LEVEL_VERBS:
            continue
        if not (clause.tag_ in ("VBZ", "VBP") or any(c.lower_ == "now" for c in clause.children)):
            continue
        own = {t.i for t in clause.subtree}
        levels = _levels_of(doc, clause, [r for r in sent_rates if r.start in own], other_heads, lex)
        if levels:
            return levels
    return []


def _levels_of(doc: Doc, verb: Token, rates: list[Rate], other_heads: set[int], lex) -> list[tuple[Rate, str]]:
    """The rates that attach to ``verb`` as the level it sets."""
    return [(r, "rate") for r in rates if attach(doc, r, {verb.i}, [verb], other_heads, lex.rate_setting_verbs) == "rate"]



def levels_of(view: DocView, lex, sent, trig, attached, banks, last_bank, main) -> list[Mention]:
    """Levels a sentence gives a rate with no move ("the policy rate is now 6.25%")."""
    head = trig.head(view.doc)
    measured = head.head if head.dep_ == "compound" and head.head.lemma_.lower() in ("rate", "level") else head
    if {c.lower_ for c in [*head.children, *measured.children]} & LEVEL_MODIFIERS or compared(head):
        return []  # "the average tariff is now 18%" is a statistic, not the level a move set
    # a level's own parties are read from central banks and actors only, not from country names
    no_places = PartyReader(lex, replace(view, places={}, place_tokens=set()))
    imposing, _ = no_places.parties(sent, trig, trig.head(view.doc), [main], banks, last_bank)
    out = []
    for rate, low, previous, delta, _ in rate_groups(attached):
        if rate is not None:
            out.append(Mention(RateEvent(kind=trig.kind, action="", text=sent.text, start=sent.start_char,
                                         end=sent.end_char, rate_percent=rate, rate_low=low, imposing=imposing)))
    return out
