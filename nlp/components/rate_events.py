"""Tariff and interest-rate moves a text reports: `doc._.rate_events`, a list of :class:`RateEvent`.

Per sentence: find the rate nouns ("tariffs", "the repo rate", "borrowing costs"), climb the parse to the verbs
that govern them and read the action from cue lexicons ("threatened to impose" is a threat, "put on hold" a
pause), attach the percentages that hang off the rate noun or its verb ("a 25% tariff", "by 25 basis points to
4.5%", "from 10% to 25%"), then resolve who moves the rate and on whom. Mentions of one move across the article
are merged into one event. All word lists live in ``nlp/data/rate_*.json``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from nlp.extensions import RateEvent
from nlp.segments import sentence_segments

RATE_UNITS = {"percent", "pp", "bp"}
HEDGES = {"possible", "likely", "unlikely", "expected", "expect", "expects", "forecast", "forecasts", "predict",
          "predicted", "projected", "see", "sees", "could", "might", "may", "would", "should", "if"}
NOT_EVENT_VERBS = {"expect", "forecast", "predict", "project", "estimate", "see", "rule", "cost", "hurt", "mirror"}
COUNTERFACTUAL = {"without", "unless", "if"}
HEDGED_HEADS = {"likely", "unlikely", "possible"}
STATE_VERBS = {"face", "pay", "bear"}
# "tariffs … will also apply to Japan": the verbs whose "to" names whom a rate falls on
EXTENDING_VERBS = {"apply", "extend", "expand", "widen"}
# "those nations would have been hit": nouns that stand for countries named before
COUNTRY_NOUNS = {"nation", "country", "economy", "government", "partner", "ally"}
FUTURE_AUX = {"will", "'ll", "would", "could", "may", "might", "shall"}
AMBIGUOUS_TARIFF_WORDS = {"levy", "levies", "duty", "duties"}
REPORTING_LEMMAS = {"say", "announce", "confirm", "tell", "state"}
PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "this", "that", "which", "who"}
# "on about seventy countries", "on dozens of countries": a tariff on (nearly) everyone
MANY_COUNTRIES = re.compile(r"\b(all|most|dozens of|scores of|\d{2,}|\w+ty|hundreds? of) (other )?"
                            r"(countries|nations|economies|trading partners)\b")
# a sentence that goes on about the tariffs just reported: "The duties will also apply to …"
SAME_MOVE = re.compile(r"(?:The|These|Those|Such|Both) (?:\w+ )?(?:tariffs?|duties|duty|levies|levy)\b")
REPRIEVE_WORDS = {"extension", "exemption", "exemptions", "reprieve", "waiver", "delay", "postponement"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _load(name: str) -> dict:
    return json.loads(resources.files("nlp.data").joinpath(name).read_text(encoding="utf-8"))


@dataclass
class _Rate:
    """A percentage, percentage-point or basis-point quantity in the text."""

    start: int  # token offsets
    end: int
    value: float
    unit: str
    high: float | None = None
    measures: str | None = None


@dataclass
class _Trigger:
    start: int
    end: int
    kind: str

    def head(self, doc: Doc) -> Token:
        return doc[self.start:self.end].root


class RateEventFinder:
    """The `saidwhat_rate_events` component."""

    def __init__(self, nlp: Language):
        cues, terms, parties, targets = (_load(f"rate_{n}.json") for n in ("cues", "terms", "parties", "targets"))
        self.priority = {a: i for i, a in enumerate(cues["priority"])}
        self.verb_cue = {w: a for a, ws in cues["verbs"].items() for w in ws}
        self.noun_cue = {w: a for a, ws in cues["nouns"].items() for w in ws}
        self.phrases = cues["phrases"]
        self.overrides = cues["kind_overrides"]
        self.modals = set(cues["modal_words"])
        self.negations = set(cues["negations"])
        self.effect = [tuple(p.split()) for p in cues["effect_phrases"]]
        self.rate_setting_verbs = set(cues["rate_setting_verbs"])
        self.trade_words = set(terms["trade_words"])
        self.framing_nouns = set(cues["framing_nouns"])
        self.rate_modifiers = set(terms["rate_modifiers"])
        self.non_rate_modifiers = set(terms["non_rate_modifiers"])
        self.not_rate_words = set(terms["not_rate_percent_words"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.first_words: set[str] = {"rate", "rates", "hike", "hikes"}
        for kind in ("tariff", "interest_rate", "other_rate"):
            variants = []
            for term in terms[kind]:
                for form in _plurals(term):
                    variants.append(nlp.make_doc(form))
                    self.first_words.add(form.split()[0])
                    self.first_words.add(form.split()[-1])
            self.matcher.add(kind, variants)
        self.bank_names = {alias: name for name, aliases in parties["central_banks"].items() for alias in aliases}
        self.banks = _alternation(self.bank_names, r"(?<![\w.])", r"(?![\w])")
        self.bank_anaphora = parties["bank_anaphora"]
        self.actor_codes = {a: code for code, names in parties["actors"].items() for a in names}
        self.actors = _alternation(self.actor_codes, r"(?<![\w])", r"(?![\w])")
        self.all_words = [w.lower() for w in targets["all_words"]]
        self.adjective_places = {w.lower(): code for w, code in targets["adjective_places"].items()}
        self.products = {v: name for name, vs in targets["products"].items() for v in vs}
        self.product_names = set(self.products.values())
        # per-doc state, set by _start_doc
        self._place_tokens: set[int] = set()
        self._dates: list[Span] = []
        self._other_heads: set[int] = set()
        self._text = ""

    # -- the component ------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        events: list[tuple[RateEvent, float | None]] = []  # (event, delta in percentage points)
        levels: list[RateEvent] = []  # "the policy rate is now 6.25%": a level, no move
        rates, places = self._start_doc(doc)
        last_bank: str | None = None
        last_imposer: tuple[int, str] | None = None  # (segment number, imposing party) of the latest tariff move
        for n, sent in enumerate(sentence_segments(doc)):
            banks = self._banks_in(doc, sent)
            if any(t.lower_ in self.first_words for t in sent):
                for event, delta in self._sentence_events(doc, sent, rates, places, banks, last_bank):
                    if event.kind == "tariff" and event.imposing is None and last_imposer is not None \
                            and n - last_imposer[0] <= 2 and SAME_MOVE.match(sent.text):
                        event = replace(event, imposing=last_imposer[1])  # "The duties … will also apply to …"
                    if event.kind == "tariff" and event.imposing is not None:
                        last_imposer = (n, event.imposing)
                    if event.action:
                        events.append((event, delta))
                    else:
                        levels.append(event)
            if banks:
                last_bank = banks[-1][2]
        doc._.rate_events = _merge(events, levels)
        return doc

    def _start_doc(self, doc: Doc) -> tuple[list[_Rate], dict[int, str]]:
        """Reset the per-doc state; return the doc's percentages and place codes. Text and dates are read once
        here: Doc.text and Span.ents both walk the whole doc on every access."""
        places = self._places(doc)
        self._place_tokens = set(places)
        self._dates = [e for e in doc.ents if e.label_ == "DATE"]
        self._other_heads = set()
        self._text = doc.text
        return self._rates(doc), places

    # -- per sentence ---------------------------------------------------------------------------------------
    def _sentence_events(self, doc: Doc, sent: Span, rates: list[_Rate], places: dict[int, str],
                         banks: list[tuple[int, int, str]], last_bank: str | None):
        sent_rates = [r for r in rates if sent.start <= r.start < sent.end]
        out = []
        seen_heads: set[int] = set()
        triggers = self._triggers(doc, sent, banks)
        heads = {t.head(doc).i for t in triggers}
        for trig in triggers:
            head = trig.head(doc)
            if head.i in seen_heads:
                continue
            seen_heads.add(head.i)
            self._other_heads = heads - {head.i}  # a number under another rate noun is that noun's
            found = self._event_for(doc, sent, trig, sent_rates, places, banks, last_bank)
            out.extend(found)
        return out

    def _triggers(self, doc: Doc, sent: Span, banks) -> list[_Trigger]:
        found: list[_Trigger] = []
        covered: set[int] = set()
        lowers = {t.lower_ for t in sent}
        for match_id, s, e in sorted(self.matcher(sent), key=lambda m: (m[1], -m[2])):
            if covered & set(range(s, e)):
                continue
            if e - s == 1 and doc[s].lower_ in AMBIGUOUS_TARIFF_WORDS and not lowers & self.trade_words \
                    and not any(sent.start <= i < sent.end for i in self._place_tokens):
                continue  # a "levy on health plans" or a "duty to protect" is no tariff
            covered.update(range(s, e))
            found.append(_Trigger(s, e, doc.vocab.strings[match_id]))
        about_banks = bool(banks) or any(a in sent.text.lower() for a in self.bank_anaphora)
        for tok in sent:
            if tok.i in covered or tok.lower_ not in ("rate", "rates", "hike", "hikes"):
                continue
            if tok.i + 1 < sent.end and doc[tok.i + 1].text == "-":  # "rate-setting panel", "rate-tightening"
                continue
            mods = {t.lower_ for t in doc[max(sent.start, tok.i - 2):tok.i]} | {c.lower_ for c in tok.children
                                                                              if c.dep_ in ("compound", "amod")}
            if mods & self.non_rate_modifiers or any(t.lower_ in self.non_rate_modifiers for t in tok.children):
                continue
            if tok.lower_.startswith("hike"):
                # a bare "hike" is an interest-rate move only in a sentence about a central bank
                if about_banks and not any(doc[t.end - 1].head.i == tok.i for t in found):
                    found.append(_Trigger(tok.i, tok.i + 1, "interest_rate"))
                continue
            if mods & self.rate_modifiers or about_banks:
                found.append(_Trigger(tok.i, tok.i + 1, "interest_rate"))
            elif any(t.kind == "tariff" for t in found) and any(
                    c.like_num or c.text == "%" or c.dep_ in ("relcl", "acl") for c in tok.subtree if c.i != tok.i):
                found.append(_Trigger(tok.i, tok.i + 1, "tariff"))  # "the 24% rate Washington had threatened"
        return found

    def _event_for(self, doc: Doc, sent: Span, trig: _Trigger, sent_rates: list[_Rate], places: dict[int, str],
                   banks, last_bank):
        head = trig.head(doc)
        trig_tokens = set(range(trig.start, trig.end))
        # the rate noun may be a modifier of a move noun: "rate hike", "tariff increase"
        noun = head
        if head.dep_ in ("compound", "nmod") and head.head.lemma_.lower() in self.noun_cue:
            noun = head.head
        elif head.dep_ == "pobj" and head.head.lower_ in ("on", "in", "of", "to", "from") \
                and head.head.head.lemma_.lower() in self.noun_cue:  # "a pause on tariffs", "a cut in rates"
            noun = head.head.head
        trig_tokens.add(noun.i)
        noun_action = self.noun_cue.get(noun.lemma_.lower()) if noun.lemma_.lower() in self.noun_cue else None
        verbs = self._governing_verbs(noun, sent)
        verb_actions = [a for a in (self._verb_action(v, trig.kind) for v in verbs) if a]
        for child in noun.children:
            # "tariffs imposed on China last week", "the 24% rate Washington had threatened": the noun's own
            # clause says what happened to it, whatever the sentence around it does
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                a = self._verb_action(child, trig.kind)
                if a:
                    verb_actions, verbs = [a], [child]
                    break
        main = verbs[0] if verbs else None
        framing = self._framing_noun(verbs[-1], sent) if verbs else None  # "threats to … impose a 35% tariff"
        if framing:
            verb_actions.append(framing)
        # what is attached: rate, range, previous rate, change
        attached = [(r, role) for r in sent_rates for role in [self._attach(doc, r, trig_tokens, verbs)] if role]
        if not verb_actions and not noun_action:
            if attached and main is not None and main.lemma_.lower() in ("be", "stand", "remain", "sit", "reach"):
                return self._levels(doc, sent, trig, attached, banks, last_bank, main)
            return []
        if any(c.dep_ == "neg" or c.lower_ in self.negations for v in verbs for c in v.children):
            return []
        if main is not None and main.dep_ == "acl" and main.tag_ in ("VBN", "VBG") and main.head.i not in trig_tokens:
            return []  # "firms spared from the duties" describes the firms, it reports no move
        if main is not None and main.dep_ == "relcl" and main.lemma_.lower() in STATE_VERBS:
            return []  # "Korea, which faces a similar 25% duty, …" says who bears a tariff, not that one moved
        if any(v.lemma_.lower() in NOT_EVENT_VERBS for v in verbs):
            return []
        if not verb_actions:
            # a move noun on its own ("talk of a rate hike") counts only with a number and no hedging
            if not attached or any(t.lower_ in HEDGES for t in sent):
                return []
        candidates = verb_actions + ([noun_action] if noun_action else [])
        action = min(candidates, key=lambda a: self.priority[a])
        if action == "announce" and noun_action:
            action = noun_action
        auxes = [c.lower_ for c in main.children if c.dep_ == "aux"] if main is not None else []
        modal = any(a in self.modals for a in auxes)
        # "would have hit": what did not happen (unless a reprieve stopped it, below)
        counterfactual_past = modal and any(a in ("have", "'ve") for a in auxes)
        modal = modal or any(v.lemma_.lower() in HEDGED_HEADS for v in verbs)  # "likely to be targeted"
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
        if modal and action != "threaten":
            if trig.kind != "tariff" or action not in ("announce", "raise"):
                return []
            # "said it would impose duties from March 10" is a decision with a start date; without one, a threat
            decided = auxes == ["would"] and self._date(doc, sent, main) is not None and verbs[-1].lemma_.lower() \
                in REPORTING_LEMMAS
            action = action if decided else "threaten"
        if not attached:
            attached = self._free_rate(doc, sent, sent_rates)
        imposing, targets = self._parties(doc, sent, trig, noun, verbs, places, banks, last_bank)
        countries = [t for t in targets if t not in self.product_names]
        products = [t for t in targets if t in self.product_names] or self._products_near(doc, noun, verbs)
        date = self._date(doc, sent, main)
        groups = _rate_groups(attached) or [(None, None, None, None, None)]
        events = []
        for rate, low, previous, delta, where in groups:
            # "20% on copper and 12% on lumber": each level has its own target
            own = self._own_target(doc, where, places) if where is not None and len(groups) > 1 else None
            own_products = [own] if own in self.product_names else products
            own_countries = [own] if own and own not in self.product_names else countries
            # "tariffs on China, Vietnam and Cambodia": one event per country, the goods in `products`; with no
            # country named, the product is the target ("a 25% tariff on autos")
            for tgt in own_countries or own_products[:1] or [None]:
                events.append((RateEvent(
                    kind=trig.kind, action=action, text=sent.text, start=sent.start_char, end=sent.end_char,
                    rate_percent=rate, rate_low=low, previous_percent=_previous(rate, previous, delta, action),
                    imposing=imposing, target=tgt, date=date, products=list(own_products)), delta))
        return events

    def _levels(self, doc, sent, trig, attached, banks, last_bank, main):
        imposing, _ = self._parties(doc, sent, trig, trig.head(doc), [main], {}, banks, last_bank)
        out = []
        for rate, low, previous, delta, _ in _rate_groups(attached):
            if rate is not None:
                out.append((RateEvent(kind=trig.kind, action="", text=sent.text, start=sent.start_char,
                                      end=sent.end_char, rate_percent=rate, rate_low=low, imposing=imposing), None))
        return out

    # -- parse helpers -----------------------------------------------------------------------------------------
    def _governing_verbs(self, tok: Token, sent: Span) -> list[Token]:
        """The verb over a noun, then the words it is the complement of ("threatened" over "to impose"), all
        inside the sentence: the parser sometimes hangs a sentence off the headline before it."""
        verb = None
        for anc in tok.ancestors:
            if not sent.start <= anc.i < sent.end:
                return []
            if anc.pos_ in ("VERB", "AUX"):
                verb = anc
                break
        if verb is None:
            return []
        chain = [verb]
        while chain[-1].dep_ in ("xcomp", "ccomp") and len(chain) < 4 and chain[-1].head.i != chain[-1].i \
                and sent.start <= chain[-1].head.i < sent.end:
            chain.append(chain[-1].head)
        return chain

    def _framing_noun(self, verb: Token, sent: Span) -> str | None:
        """The action of a noun a verb clause hangs from: "threats to close ports and impose …"."""
        tok = verb
        for _ in range(4):
            if tok.dep_ not in ("conj", "xcomp", "acl", "ccomp") or not sent.start <= tok.head.i < sent.end:
                return None
            tok = tok.head
            if tok.pos_ in ("NOUN", "PROPN"):
                return self.noun_cue.get(tok.lemma_.lower()) if tok.lemma_.lower() in self.framing_nouns else None
        return None

    def _verb_action(self, verb: Token, kind: str) -> str | None:
        lemma = verb.lemma_.lower()
        overrides = self.overrides.get(kind, {})
        if lemma in STATE_VERBS and not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children) \
                and verb.head.lemma_.lower() != "set":
            return None  # "American goods face zero tariffs" is a state; "will face", "set to face" is news
        if lemma in ("grant", "give") and not any(
                c.dep_ == "dative" or (c.dep_ == "dobj" and c.i in self._place_tokens) for c in verb.children):
            return None  # "granted Canada a reprieve" is a move; "every country granted an exemption …" describes
        if lemma == "hold" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "on":
            return overrides.get("on hold", "pause")  # "put on hold punitive tariffs": the parser makes "hold" a verb
        for child in verb.children:  # "put on hold", "left unchanged", "take effect"
            if child.dep_ == "prep" and child.lower_ == "on":
                obj = next((c.lower_ for c in child.children if c.dep_ == "pobj"), "")
                phrase = f"on {obj}"
                if phrase in overrides:
                    return overrides[phrase]
                if phrase in self.phrases["pause"]:
                    return "pause"
            if child.lower_ in ("unchanged", "steady") and lemma in ("keep", "leave", "hold", "maintain"):
                return "hold"
        if lemma in ("keep", "leave", "hold", "maintain") and kind == "interest_rate":
            return "hold"
        if lemma in overrides:
            return overrides[lemma]
        if lemma in ("take", "go", "come", "kick"):  # only as "take effect", "come into force", "kick in"
            after = " ".join(t.lower_ for t in verb.doc[verb.i + 1:verb.i + 3])
            return "announce" if any(p[0] == lemma and after.startswith(" ".join(p[1:])) for p in self.effect) else None
        if lemma in ("keep", "leave", "hold", "maintain"):
            return None
        return self.verb_cue.get(lemma)

    def _attach(self, doc: Doc, rate: _Rate, trig_tokens: set[int], verbs: list[Token]) -> str | None:
        """How a number relates to the rate noun: 'rate', 'previous', 'delta' or None when it is elsewhere."""
        root = doc[rate.start:rate.end].root
        preps = []
        if root.i in trig_tokens:
            return "delta" if rate.unit in ("bp", "pp") else "rate"
        for anc in root.ancestors:
            if anc.dep_ == "prep" or anc.pos_ == "ADP":
                preps.append(anc.lower_)
            if anc.i in trig_tokens or (verbs and anc.i == verbs[0].i):
                break
            if anc.i in self._other_heads:
                return None
            if anc.pos_ == "VERB" and anc.lemma_.lower() in ("range", "vary"):
                continue  # "tariffs ranging from 5% to 25%"
            if anc.pos_ in ("VERB", "AUX"):
                return None
        else:
            return None
        if rate.unit in ("bp", "pp"):
            return "delta"
        # the word just before the number says most: "from 10% to 25%" parses as one phrase under "from"
        before = doc[rate.start - 1].lower_ if rate.start > 0 else ""
        if rate.high is not None:
            return "rate"  # "ranging from 8% to 20%" is one span, a range, not a previous rate
        if before in ("from", "by", "to", "at", "of"):
            preps = [before]
        for p in preps:
            if p == "by":
                return "delta"
            if p == "from":
                return "previous"
            if p in ("to", "at", "of", "on"):
                return "rate"
        return "rate"

    def _free_rate(self, doc: Doc, sent: Span, sent_rates: list[_Rate]) -> list[tuple[_Rate, str]]:
        """The one plain percentage in a rate sentence that measures nothing else ("the 18% it had been due to pay")."""
        free = []
        for r in sent_rates:
            if r.unit != "percent":
                continue
            root = doc[r.start:r.end].root
            if any(a.i in self._other_heads for a in root.ancestors):
                continue  # it belongs to another rate noun
            verb = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is not None and verb.pos_ == "VERB" and (
                    verb.lemma_.lower() not in self.rate_setting_verbs
                    or any(t.i in self._other_heads for t in verb.subtree)):
                continue  # "inflation peaking near 9 percent"; but "we will levy 40%" sets a rate
            window = {t.lower_ for t in doc[max(sent.start, r.start - 4):min(sent.end, r.end + 4)]}
            if window & self.not_rate_words or (r.measures and r.measures.lower() in self.not_rate_words):
                continue
            free.append((r, "rate"))
        return free if len(free) == 1 else []

    def _parties(self, doc, sent, trig, noun, verbs, places, banks, last_bank) -> tuple[str | None, list[str]]:
        """(imposing, targets) for one rate noun."""
        imposing = None
        targets: list[str] = []
        subj = passive = None
        for v in verbs:
            for c in v.children:
                # "China said it would impose …": a pronoun defers to the subject of the clause above
                if c.dep_ in ("nsubj", "csubj") and (subj is None or subj.lower_ in PRONOUNS):
                    subj = c
                if c.dep_ == "nsubjpass" and passive is None:
                    passive = c
        if verbs and verbs[0].lemma_.lower() in STATE_VERBS and subj is not None and passive is None:
            passive, subj = subj, None  # "India faces a 26% tariff": who faces a tariff is its target
        if trig.kind == "interest_rate":
            for tok in ([subj] if subj is not None else []) + [noun]:
                lo, hi = _extent(tok)
                name = next((b for s, e, b in banks if lo <= s < hi), None)
                if name:
                    return name, []
            if banks:
                return banks[0][2], []
            if last_bank:
                return last_bank, []
            return (self._code_in(doc, subj, places) if subj is not None else None), []
        if subj is not None:
            imposing = self._code_in(doc, subj, places) or self._actor_in(*_extent(subj), doc)
        if passive is not None:
            code = self._code_in(doc, passive, places)
            targets = [code] if code else []
            agent = next((c for v in verbs for c in v.children if c.dep_ == "agent"), None)
            if agent is not None:
                imposing = self._code_in(doc, agent, places) or imposing
        for c in noun.children:
            if c.dep_ == "poss" and imposing is None:
                imposing = self._code_in(doc, c, places) or self._actor_in(*_extent(c), doc)
        if not targets:
            targets = self._target_of(doc, noun, verbs, places)
        if not targets:  # "Ottawa warned Washington of …": whom the move is aimed at
            for obj in (c for v in verbs for c in v.children if c.dep_ in ("dobj", "dative") and c.i != noun.i):
                # "granted Canada and Mexico a reprieve": every country named there
                codes = list(dict.fromkeys(places[t.i] for t in obj.subtree if t.i in places and t.i != noun.i))
                code = codes or [self._actor_in(*_extent(obj), doc)]
                if code[0]:
                    targets = code
                    break
        if all(t in self.product_names for t in targets):
            # "those nations would have been hit with tariffs of 25% on steel": the countries listed before
            targets = self._countries_referred_to(doc, sent, [t for t in (passive, subj) if t is not None],
                                                  places) + targets
        if imposing is None:
            imposing = self._actor_in(sent.start_char, sent.end_char, doc, exclude=targets[0] if targets else None)
        if imposing is None and targets:
            # "India faces a 26% tariff under the new US policy": the one other country named
            others = {places[i] for i in range(sent.start, sent.end) if i in places} - set(targets)
            imposing = others.pop() if len(others) == 1 else None
        return imposing, [t for t in targets if t != imposing]

    def _target_of(self, doc: Doc, noun: Token, verbs: list[Token], places: dict[int, str]) -> list[str]:
        """Countries or blocs a rate falls on ("on Chinese goods", "hitting Vietnam and Cambodia"), else "ALL" or
        a product."""
        near = [noun] + verbs[:1]
        if verbs and verbs[0].head.pos_ == "VERB" and verbs[0].dep_ in ("dobj", "xcomp", "conj"):
            near.append(verbs[0].head)  # "put on hold tariffs on Chinese goods": the parser splits the verb
        scopes = [c for h in near for c in h.children if c.dep_ == "prep" and (
            c.lower_ in ("on", "against", "for") or c.lower_ == "to" and h.lemma_.lower() in EXTENDING_VERBS)]
        scopes += [c for c in noun.children if c.dep_ in ("acl", "amod") and c.pos_ == "VERB"]  # "tariffs hitting X"
        scopes += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]  # "tariffs of 49% on/hitting X"
        if any(c.dep_ == "prep" and c.lower_ == "on" for c in noun.children):
            # "tariffs on steel from China": goods and where they come from (without "on", "tariffs from
            # Washington" would name the one who imposes them)
            scopes += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"]
        found = [self._targets_in(doc, scope, places) for scope in scopes]
        # countries in any scope first: "25% on steel and 10% on aluminum from China and Vietnam"
        codes = [c for f in found for c in f if c != "ALL" and c not in self.product_names]
        if codes:
            return list(dict.fromkeys(codes))
        for f in found:
            if f:
                return f
        for c in noun.children:  # "Chinese tariffs" is ambiguous; "steel tariffs" is not
            if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in self.products:
                return [self.products[c.lower_]]
        return []

    def _targets_in(self, doc: Doc, scope: Token, places: dict[int, str]) -> list[str]:
        # goods shipped "to the U.S." name the destination, not the target
        tokens = [t for t in scope.subtree
                  if not any(a.lower_ == "to" and a.dep_ == "prep" and scope.i < a.i for a in t.ancestors
                             if a.i >= scope.i) and not (t.lower_ == "to" and t.i > scope.i)]
        codes = list(dict.fromkeys(places[t.i] if t.i in places else self.adjective_places[t.lower_]
                                   for t in tokens if t.i in places or t.lower_ in self.adjective_places))
        if codes:
            return codes
        text = " ".join(t.lower_ for t in tokens)
        if any(w in text for w in self.all_words) or MANY_COUNTRIES.search(text):
            return ["ALL"]
        return self._products_in(tokens)[:1]

    def _products_near(self, doc: Doc, noun: Token, verbs: list[Token]) -> list[str]:
        """Goods a rate falls on, named beside its countries ("tariffs on steel from Canada", "steel tariffs")."""
        near = [noun] + verbs[:1]
        tokens = [t for h in near for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "for")
                  for t in c.subtree]
        tokens += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
        return self._products_in(tokens)

    def _products_in(self, tokens: list[Token]) -> list[str]:
        """Products named in a run of tokens, in order, a two-word name first ("electric vehicles" is one
        product, not also "vehicles")."""
        found: list[str] = []
        i = 0
        while i < len(tokens):
            two = f"{tokens[i].lower_} {tokens[i + 1].lower_}" if i + 1 < len(tokens) else ""
            name = self.products.get(two)
            i += 2 if name else 1
            name = name or self.products.get(tokens[i - 1].lower_)
            if name and name not in found:
                found.append(name)
        return found

    def _countries_referred_to(self, doc: Doc, sent: Span, phrases: list[Token], places: dict[int, str]) -> list[str]:
        """"those nations", "the three countries": the countries of the latest list of two or more in the three
        sentences before."""
        if not any(t.lemma_.lower() in COUNTRY_NOUNS and t.tag_ == "NNS" and any(
                c.lower_ in ("those", "these", "both") or c.dep_ == "nummod" for c in t.children) for t in phrases):
            return []
        earlier = [s for s in doc.sents if s.end <= sent.start][-3:]
        for prev in reversed(earlier):
            for tok in prev:
                codes = [places[t.i] for t in [tok, *tok.conjuncts] if t.i in places]
                if tok.i in places and len(dict.fromkeys(codes)) >= 2:
                    return list(dict.fromkeys(codes))
        return []

    def _own_target(self, doc: Doc, where: _Rate, places: dict[int, str]) -> str | None:
        root = doc[where.start:where.end].root
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "for", "against"):
                found = self._targets_in(doc, prep, places)
                return found[0] if found else None
        return None

    def _code_in(self, doc: Doc, tok: Token, places: dict[int, str]) -> str | None:
        for t in tok.subtree:
            if t.i in places:
                return places[t.i]
        return None

    def _actor_in(self, start: int, end: int, doc: Doc, exclude: str | None = None) -> str | None:
        """The first government actor named in a stretch of text ("Trump" → USA, "Beijing" → CHN)."""
        for m in self.actors.finditer(self._text, start, end):
            code = self.actor_codes[m.group()]
            if code != exclude:
                return code
        return None

    def _banks_in(self, doc: Doc, sent: Span) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), self.bank_names[m.group()])
                for m in self.banks.finditer(self._text, sent.start_char, sent.end_char)]

    def _places(self, doc: Doc) -> dict[int, str]:
        """Token index → ISO3 or bloc code, from the countries component's spans."""
        places: dict[int, str] = {}
        for key in ("blocs", "countries"):
            if key in doc.spans:
                for span in doc.spans[key]:
                    for i in range(span.start, span.end):
                        places[i] = span.label_
        return places

    def _rates(self, doc: Doc) -> list[_Rate]:
        """Percentages, percentage points and basis points: the numbers component's, plus any digit-written one
        it left out (the only source when that component did not run)."""
        out = []
        taken = set()
        for span in doc.spans["numbers"] if "numbers" in doc.spans else []:
            taken.update(range(span.start, span.end))
            q = span._.quantity
            if q is not None and q.unit in RATE_UNITS:
                sign = -1.0 if span.start > 0 and doc[span.start - 1].lower_ in ("minus", "negative") \
                    and q.value > 0 else 1.0  # "minus 0.1%"
                out.append(_Rate(span.start, span.end, sign * float(q.value), q.unit,
                                 sign * float(q.high) if q.high is not None else None, q.measures))
        out += [r for r in _regex_rates(doc) if not taken & set(range(r.start, r.end))]
        return sorted(out, key=lambda r: r.start)

    # -- dates -------------------------------------------------------------------------------------------------
    def _date(self, doc: Doc, sent: Span, main: Token | None) -> dt.date | None:
        published = doc._.published
        candidates = [e for e in self._dates if sent.start <= e.start < sent.end]
        if main is not None:
            # the date the move's own verb governs ("on Thursday announced") before any other in the sentence
            candidates.sort(key=lambda e: (not any(a.i == main.i for a in e.root.ancestors), abs(e.start - main.i)))
        for ent in candidates:
            text = ent.text.strip()
            lower = text.lower()
            if re.search(r"\b(since|days?|weeks|months|years|decade|ago|later|earlier|\d{4}s)\b", lower) \
                    and not re.search(r"\b(next|last) (week|month)\b", lower):
                continue
            if re.fullmatch(r"\d{4}", text):
                continue
            resolved = resolve_date(lower, published)
            if resolved:
                return resolved
        return None


def resolve_date(phrase: str, published: dt.date | None) -> dt.date | None:
    """A short date phrase ("Tuesday", "May 3", "next month") as a date, relative to the article's date."""
    phrase = re.sub(r"^(on|this|early|late|mid|the)\s+", "", phrase.strip().lower().split("\n")[0].strip())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", phrase):
        try:
            return dt.date.fromisoformat(phrase)
        except ValueError:
            return None
    if not re.search(r"\d|\b(next|last|coming|past) (week|month)\b", phrase) and phrase not in WEEKDAYS \
            and phrase not in ("today", "tonight", "yesterday", "tomorrow"):
        return None  # "annually", "April", "this year": no day to give
    if published is None:  # only a date that carries its year can be read
        return _month_day(phrase, None) or (_parse_date(phrase, None) if re.search(r"\d{4}", phrase) else None)
    if phrase in WEEKDAYS:  # the most recent such day, the article's own day included
        back = (published.weekday() - WEEKDAYS.index(phrase)) % 7
        return published - dt.timedelta(days=back)
    if phrase in ("today", "tonight"):
        return published
    if phrase in ("yesterday", "tomorrow"):
        return published + dt.timedelta(days=-1 if phrase == "yesterday" else 1)
    return _month_day(phrase, published.year) or _parse_date(phrase, published)


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_MONTH_DAY = re.compile(r"^" + _MONTH + r" (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"(?:,? (\d{4}))?$")


def _month_day(phrase: str, default_year: int | None) -> dt.date | None:
    """"May 3", "Aug. 1, 2025", "3 May": the common cases, read without loading dateparser."""
    m = _MONTH_DAY.match(phrase)
    if m:
        month, day, year = m.group(1), m.group(2), m.group(3)
    else:
        m = _DAY_MONTH.match(phrase)
        if not m:
            return None
        day, month, year = m.group(1), m.group(2), m.group(3)
    if not year and default_year is None:
        return None
    try:
        return dt.date(int(year) if year else default_year, MONTHS.index(month[:3]) + 1, int(day))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_date(phrase: str, published: dt.date | None) -> dt.date | None:
    import dateparser  # imported on first use: it is slow to import and most sentences never need it

    settings = {"REQUIRE_PARTS": ["day"], "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    if re.search(r"\b(next|last) (week|month)\b|\b(yesterday|tomorrow)\b", phrase):
        settings.pop("REQUIRE_PARTS")
    try:
        value = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a date we cannot read is no date
        return None
    return value.date() if value else None


# -- module helpers ---------------------------------------------------------------------------------------------
def _extent(tok: Token) -> tuple[int, int]:
    """Character offsets of a token's whole phrase (its subtree)."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def _alternation(words: Iterable[str], before: str, after: str) -> re.Pattern:
    """One pattern for a whole word list, longest first so "US Federal Reserve" wins over "Federal Reserve"."""
    return re.compile(before + "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
                      + after)


def _plurals(term: str) -> Iterable[str]:
    yield term
    last = term.split()[-1]
    if last.endswith("y") and not last.endswith("ey"):
        yield term[:-1] + "ies"
    elif last.endswith(("x", "s")):
        yield term + "es"
    elif last not in ("vat", "rrr", "excise") and len(last) > 3:
        yield term + "s"
    if "-" in term:
        yield term.replace("-", " ")


def _rate_groups(attached: list[tuple[_Rate, str]]) -> list[tuple]:
    """(rate, low, previous, delta, the level's _Rate) per level named; two levels in a row make a range
    ("between 2.5% and 2.75%")."""
    levels = [r for r, role in attached if role == "rate"]
    previous = next((r.value for r, role in attached if role == "previous"), None)
    delta = next((r.value / 100 if r.unit == "bp" else r.value for r, role in attached if role == "delta"), None)
    if not levels:
        return [(None, None, previous, delta, None)] if (previous is not None or delta is not None) else []
    if len(levels) == 2 and abs(levels[0].start - levels[1].start) <= 4 and levels[0].high is None:
        lo, hi = sorted(r.value for r in levels)
        return [(hi, lo, previous, delta, levels[1])]
    out = []
    for r in levels:
        if r.high is not None:
            out.append((r.high, r.value, previous, delta, r))
        else:
            out.append((r.value, None, previous, delta, r))
    return out


def _previous(rate: float | None, previous: float | None, delta: float | None, action: str) -> float | None:
    if previous is not None or rate is None or delta is None:
        return previous
    if action == "raise":
        return round(rate - delta, 4)
    if action == "cut":
        return round(rate + delta, 4)
    return None


def _compatible(a: RateEvent, b: RateEvent) -> bool:
    if a.kind != b.kind or a.action != b.action:
        return False
    for field in ("imposing", "target", "rate_percent"):
        x, y = getattr(a, field), getattr(b, field)
        if x is not None and y is not None and x != y:
            return False
    return True


def _merge(events: list[tuple[RateEvent, float | None]], levels: list[RateEvent]) -> list[RateEvent]:
    """One event per move: later mentions fill what earlier ones left open."""
    merged: list[tuple[RateEvent, float | None]] = []
    for event, delta in events:
        for i, (kept, kept_delta) in enumerate(merged):
            if _compatible(kept, event):
                merged[i] = (_fill(kept, event), kept_delta if kept_delta is not None else delta)
                break
        else:
            merged.append((event, delta))
    for level in levels:  # "the policy rate is now 6.25%" completes a move that gave no level
        for i, (kept, delta) in enumerate(merged):
            if kept.kind == level.kind and kept.rate_percent is None and kept.start <= level.start \
                    and (level.imposing is None or kept.imposing in (None, level.imposing)):
                filled = replace(kept, rate_percent=level.rate_percent, rate_low=level.rate_low)
                filled.previous_percent = kept.previous_percent or _previous(filled.rate_percent, None, delta,
                                                                             kept.action)
                merged[i] = (filled, delta)
                break
    out = []
    for event, delta in merged:
        if event.previous_percent is None:
            event.previous_percent = _previous(event.rate_percent, None, delta, event.action)
        out.append(event)
    return out


def _fill(kept: RateEvent, new: RateEvent) -> RateEvent:
    updates = {f: getattr(new, f) for f in ("rate_percent", "rate_low", "previous_percent", "imposing", "target",
                                             "date") if getattr(kept, f) is None and getattr(new, f) is not None}
    return replace(kept, **updates) if updates else kept


_PCT = r"(\d+(?:\.\d+)?)"
_REGEX_RATES = [
    (re.compile(_PCT + r"\s*(?:%|percent|per cent)?\s*(?:-|–|to)\s*" + _PCT + r"\s*(?:%|percent|per cent)"), "range"),
    (re.compile(_PCT + r"\s*(?:basis points?|bps?\b)", re.I), "bp"),
    (re.compile(_PCT + r"\s*(?:percentage points?)", re.I), "pp"),
    (re.compile(_PCT + r"\s*(?:%|percent\b|per cent\b)"), "percent"),
]


def _regex_rates(doc: Doc) -> list[_Rate]:
    """Digit-written percentages, percentage points and basis points (the numbers component also reads words)."""
    out: list[_Rate] = []
    taken: list[tuple[int, int]] = []
    for pattern, unit in _REGEX_RATES:
        for m in pattern.finditer(doc.text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            taken.append((m.start(), m.end()))
            if unit == "range":
                out.append(_Rate(span.start, span.end, float(m.group(1)), "percent", float(m.group(2))))
            else:
                out.append(_Rate(span.start, span.end, float(m.group(1)), unit))
    return sorted(out, key=lambda r: r.start)


@Language.factory("saidwhat_rate_events", default_config={})
def make_rate_events(nlp: Language, name: str) -> RateEventFinder:
    """Tariff and interest-rate events into ``doc._.rate_events``."""
    return RateEventFinder(nlp)
