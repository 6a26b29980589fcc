"""What a sentence takes from the tariff move reported just before it: its parties, its action, its levels listed
country by country, and the pause or removal of "them"."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from nlp.extensions import RateEvent
from nlp.rates.merge import Mention
from nlp.rates.modality import an_alternative
from nlp.rates.parties import PartyReader
from nlp.rates.triggers import Trigger, verb_action
from nlp.rates.view import DocView

# verbs whose object details a move just reported: "The list includes a 25% tariff on steel products"
LISTING_VERBS = {"include", "cover", "comprise", "contain", "feature", "involve"}
# "the average tariff is 18%", "the maximum reserve requirement allowed by law is 20%": a statistic or a legal
# bound, not the level a move set
LEVEL_MODIFIERS = {"average", "effective", "overall", "current", "existing", "standard", "applied", "typical",
                   "maximum", "minimum"}
# clause openers under which a pause or removal is awaited, not made
WAITING_MARKS = {"until", "till", "unless", "if"}
NEW_WORDS = {"new", "additional", "extra", "higher", "retaliatory", "reciprocal", "punitive", "fresh", "further"}


def moves_on_pronoun(sent: Span, lex, place_tokens) -> list[tuple[Token, str]]:
    """Verbs that pause or remove "it" or "them" (the tariffs just named): "paused them", "later lifted it"."""
    out = []
    for tok in sent:
        if tok.lower_ in ("them", "it") and tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":
            verb = tok.head
            if verb.dep_ in ("csubj", "csubjpass") or an_alternative(verb) or verb.tag_ != "VBD" and any(
                    c.dep_ == "mark" and c.lower_ in WAITING_MARKS for c in verb.children):
                continue  # "Scrapping them is the first aim", "… until Santiago removes them": a goal, a condition
            action = verb_action(verb, "tariff", lex, place_tokens)
            if action in ("pause", "remove") and not any(c.dep_ == "neg" for c in verb.children):
                out.append((verb, action))
    return out


def listed_levels(parties: PartyReader, view: DocView, sent: Span, found: list, last_move: tuple[int, RateEvent] | None,
                   n: int) -> list[Mention]:
    """A sentence that makes no move of its own but lists rates country by country right after a tariff move
    ("The new rates include 20% on Vietnam, 25% on India and 19% on the Philippines"): each is that move's level for
    one target."""
    if last_move is None or n - last_move[0] > 2 or any(event.action for event, _, _ in found):
        return []
    rates = [r for r in view.rates if sent.start <= r.start < sent.end and r.unit == "percent"]
    listed = parties.listed_targets(rates)
    return [Mention(replace(last_move[1], text=sent.text, start=sent.start_char, end=sent.end_char,
                            rate_percent=r.value, rate_low=None, previous_percent=None, target=listed[r.start],
                            products=[]))
            for r in rates if r.start in listed]


def takes_up(noun: Token, main: Token, trig: Trigger, recent: RateEvent | None) -> str | None:
    """The action of a level sentence that details a move: "The duties will be 17% for X and 20% for Y" after a
    move just reported takes up its action; "the new duties would be 18% on Chile" announces. An average or an
    existing rate ("the average tariff is now 18%") details no move."""
    if trig.kind == "interest_rate":
        return None
    listing = main.lemma_.lower() in LISTING_VERBS
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:  # "a 25% tariff on steel and a 10% tariff on …"
        first = first.head
    if first.head.i != main.i or first.dep_ != ("dobj" if listing else "nsubj"):
        return None
    modifiers = {c.lower_ for c in noun.children}
    if listing:  # "The list includes a 25% tariff on steel": only as the detail of a move just reported
        return recent.action if recent is not None and recent.kind == trig.kind else None
    if modifiers & LEVEL_MODIFIERS:
        return None
    if recent is not None and recent.kind == trig.kind and modifiers & {"the", "these", "those", "such", "both"} \
            and (recent.action != "remove" or any(c.lower_ in ("had", "'d") for c in main.children)):
        return recent.action  # after a lift, "the surtax had been 25%" is what went, "the 5% levy on other goods
        # stays" what is left
    if modifiers & NEW_WORDS:
        return "announce"
    return None


def carried(event: RateEvent, before: RateEvent, names_places: bool) -> RateEvent:
    """A tariff move that names no imposing party is the last one's ("The duties will also apply to …", "It also
    imposed …"); one that names no target at all, not even goods, in a sentence naming no country, falls on the
    last one's target (goods named without a country are the target, as "a 25% tariff on autos"); one by the last
    move's target on no one named answers that move."""
    updates = {}
    if event.imposing is None and before.imposing != event.target:
        updates["imposing"] = before.imposing
    if not names_places and event.target is None and updates.get("imposing", event.imposing) == before.imposing:
        updates["target"] = before.target
    elif not names_places and event.target is None and not event.products and event.imposing is not None \
            and event.imposing == before.target and event.action in ("announce", "raise", "threaten"):
        updates["target"] = before.imposing  # "… slap tariffs of 10% on 45 products" right after a move on it
        # strikes back at whoever made that move
    return replace(event, **updates) if updates else event
