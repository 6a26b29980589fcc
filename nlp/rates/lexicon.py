"""The word lists behind rate events, loaded once from ``nlp/data/rate_*.json``."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable


def _load(name: str) -> dict:
    return json.loads(resources.files("nlp.data").joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class RateLexicon:
    priority: dict[str, int]  # which action wins when several cues govern one rate
    verb_cue: dict[str, str]  # verb lemma → action
    noun_cue: dict[str, str]  # move noun lemma → action ("hike", "pause")
    phrases: dict[str, list[str]]
    overrides: dict[str, dict[str, str | None]]  # kind → cue → action for that kind of rate
    modals: frozenset[str]
    negations: frozenset[str]
    effect: list[tuple[str, ...]]  # "take effect", "come into force"
    rate_setting_verbs: frozenset[str]
    framing_nouns: frozenset[str]
    decision_nouns: frozenset[str]  # documents and decisions that make a move ("signed orders imposing tariffs")
    terms: dict[str, list[str]]  # kind → rate nouns
    trade_words: frozenset[str]
    rate_modifiers: frozenset[str]
    non_rate_modifiers: frozenset[str]
    not_rate_words: frozenset[str]
    bank_names: dict[str, str]  # alias → canonical central-bank name
    bank_countries: dict[str, str]  # canonical central-bank name → the country or bloc it sets rates for
    banks: re.Pattern
    bank_anaphora: list[str]
    actor_codes: dict[str, str]  # "Trump" → USA
    actors: re.Pattern
    private_actors: frozenset[str]  # "automakers", "exporters": a country modifying them taxes no one
    all_words: list[str]
    adjective_places: dict[str, str]
    products: dict[str, str]  # variant → product name
    product_names: frozenset[str]


def alternation(words: Iterable[str], before: str, after: str) -> re.Pattern:
    """One pattern for a whole word list, longest first so "US Federal Reserve" wins over "Federal Reserve"."""
    return re.compile(before + "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
                      + after)


@lru_cache(maxsize=1)
def rate_lexicon() -> RateLexicon:
    cues, terms, parties, targets = (_load(f"rate_{n}.json") for n in ("cues", "terms", "parties", "targets"))
    bank_names = {alias: name for name, aliases in parties["central_banks"].items() for alias in aliases}
    actor_codes = {a: code for code, names in parties["actors"].items() for a in names}
    products = {v: name for name, vs in targets["products"].items() for v in vs}
    return RateLexicon(
        priority={a: i for i, a in enumerate(cues["priority"])},
        verb_cue={w: a for a, ws in cues["verbs"].items() for w in ws},
        noun_cue={w: a for a, ws in cues["nouns"].items() for w in ws},
        phrases=cues["phrases"],
        overrides=cues["kind_overrides"],
        modals=frozenset(cues["modal_words"]),
        negations=frozenset(cues["negations"]),
        effect=[tuple(p.split()) for p in cues["effect_phrases"]],
        rate_setting_verbs=frozenset(cues["rate_setting_verbs"]),
        framing_nouns=frozenset(cues["framing_nouns"]),
        decision_nouns=frozenset(cues["decision_nouns"]),
        terms={kind: terms[kind] for kind in ("tariff", "interest_rate", "other_rate")},  # "tax": see triggers
        trade_words=frozenset(terms["trade_words"]),
        rate_modifiers=frozenset(terms["rate_modifiers"]),
        non_rate_modifiers=frozenset(terms["non_rate_modifiers"]),
        not_rate_words=frozenset(terms["not_rate_percent_words"]),
        bank_names=bank_names,
        bank_countries=parties["central_bank_countries"],
        banks=alternation(bank_names, r"(?<![\w.])", r"(?![\w])"),
        bank_anaphora=parties["bank_anaphora"],
        actor_codes=actor_codes,
        actors=alternation(actor_codes, r"(?<![\w])", r"(?![\w])"),
        private_actors=frozenset(parties["private_actors"]),
        all_words=[w.lower() for w in targets["all_words"]],
        adjective_places={w.lower(): code for w, code in targets["adjective_places"].items()},
        products=products,
        product_names=frozenset(products.values()),
    )
