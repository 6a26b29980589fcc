"""Rate nouns ("tariffs", "the repo rate", "borrowing costs") and the verbs over them that say what happened
("threatened to impose" is a threat, "put on hold" a pause)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from nlp.rates.lexicon import RateLexicon
from nlp.rates.words import EXTENDING_VERBS, SCHEDULED_WORDS, WORRY_NOUNS

AMBIGUOUS_TARIFF_WORDS = {"levy", "levies", "duty", "duties"}
# who pays a utility's or a carrier's tariff
CUSTOMER_WORDS = {"customer", "household", "consumer", "user", "subscriber", "home", "homeowner", "business",
                  "passenger", "client"}
# move nouns that name an interest-rate move on their own in a sentence about a central bank
BARE_MOVES = {"hike", "hikes", "cut", "cuts"}
TAX_WORDS = {"tax", "taxes", "surtax", "surtaxes", "surcharge", "surcharges"}
# taxes levied at home, whatever country their phrase names ("state income taxes for Canadian workers")
DOMESTIC_TAX_WORDS = {"income", "corporate", "payroll", "property", "estate", "inheritance", "wealth", "gains",
                      "capital", "carbon", "consumption", "flat", "transaction", "transactions", "business", "gas",
                      "gasoline", "fuel", "soda", "death", "poll", "land", "stamp", "luxury", "windfall", "sales",
                      "corporation", "withholding", "profits", "profit", "dividend", "council", "excise", "alcohol",
                      "tobacco", "beer", "spirits", "petrol", "diesel", "cigarette", "passenger"}
# words that make a tax one on traded goods when they are in its own phrase
GOODS_WORDS = {"import", "imports", "imported", "importers", "export", "exports", "exported", "goods", "products",
               "customs", "made", "manufactured", "produced", "shipments", "cars", "vehicles", "steel", "aluminum",
               "aluminium", "foreign"}
# "the reciprocal rate", "the baseline rate": a bare "rate" that is a tariff
TARIFF_RATE_WORDS = {"reciprocal", "baseline", "tariff", "customs", "duty"}
# what households borrow on: the rates lenders charge, which no central bank sets
CONSUMER_RATE_WORDS = {"loan", "loans", "mortgage", "mortgages", "student", "card", "auto", "car", "payday",
                       "consumer", "prime"}  # ("the prime lending rate": what lenders charge their best borrowers)
# what a borrower owes: the rate "on" a bond or a debt is its lenders' price, which no central bank sets ("the
# interest rate on the bonds was lowered to 5.5%")
DEBT_WORDS = {"bond", "bonds", "debt", "debts", "eurobond", "eurobonds", "notes", "paper", "arrears"}
# market rates a loan is priced above: a rate "over Libor" is a loan's margin ("lowered to 7/8 point over Sofr")
REFERENCE_RATES = {"libor", "sofr", "euribor", "sonia", "tibor", "hibor", "sibor", "shibor", "estr", "€str"}
STATE_VERBS = {"face", "pay", "bear", "carry"}
# past tenses spelled as nouns, which the parser can read as part of the subject's noun phrase
MISREAD_MOVES = {"cut"}
# "Switzerland received a 39% rate": whoever receives a rate is its target, as whoever faces one
RECEIVING_VERBS = {"receive"}
# "the duties start on Monday", "tariffs begin at midnight": a rate that starts to apply (as with "take effect")
START_VERBS = {"start", "begin", "commence"}
# a rate that is the subject of its verb moves by itself ("tariffs will fall to 5%") or starts to apply ("the
# duties take effect", "will also apply to Peru"); with any other verb it is doing something, not moving
# ("the duties hit exporters", "the levies raised prices")
RISE_VERBS = {"rise", "climb", "increase", "jump", "soar", "double", "triple", "go up", "edge up"}
FALL_VERBS = {"fall", "drop", "decline", "decrease", "ease", "sink", "dip", "slide", "halve", "go down", "come down"}
# nouns a rate can be the topic of without being moved by the verb over them: "warns of a trade war over the
# tariffs", "talks on the duties", "the cost of the levies"
TOPIC_NOUNS = WORRY_NOUNS | {
    "war", "dispute", "row", "fight", "conflict", "tension", "spat", "battle", "feud", "standoff", "talk",
    "negotiation", "debate", "criticism", "opposition", "complaint", "case", "challenge", "lawsuit", "ruling",
    "investigation", "probe", "study", "report", "analysis", "impact", "effect", "cost", "uncertainty", "escalation",
    "question", "news", "outcome", "consequence", "fallout", "damage", "burden", "protest", "anger", "frustration",
    "call", "pressure", "demand", "forecast", "response", "reaction", "reply", "answer", "retaliation", "system",
    "revenue", "code", "regime", "reform", "overhaul", "variation"}
# nouns that hold rates a verb moves with them: batches, measures, answers, and the details of a move
CARRIER_NOUNS = {"round", "set", "list", "wave", "package", "series", "batch", "slate", "raft", "range", "level",
                 "rate", "number", "host", "tranche", "layer", "bunch", "array", "combination", "mix", "countermeasure",
                 "retaliation", "response", "reprisal", "detail", "scope", "size", "amount", "value", "timing", "kind",
                 "type", "form", "sort", "way", "increase", "hike", "cut", "reduction", "step", "move", "action",
                 "measure", "sanction", "penalty", "barrier", "tariff", "duty", "levy", "tax", "surtax", "surcharge",
                 "billion", "million", "trillion", "worth", "percent", "point", "schedule", "target", "ceiling",
                 "floor", "corridor", "band"}
# verbs of answering a move: the rate they come "with" is the answer
ANSWER_VERBS = {"answer", "respond", "reply", "counter", "retaliate", "hit"}
SUBJECT_VERBS = {"take", "go", "come", "kick", "apply", "extend", "expand", "widen", "enter", *START_VERBS}
# a rate one "will" or "may" face is a move to come, not one borne now
COMING_AUX = {"will", "'ll", "would", "could", "may", "might", "shall"}
HOLD_VERBS = {"keep", "leave", "hold", "maintain", "retain"}
TAXING_VERBS = {"tax", "tariff"}  # verbs that name a tariff themselves
# what a rate is held as when the hold is a decision ("left unchanged", "held steady"); any other adjective
# ("kept rates low for years", "keep borrowing costs high") describes a policy stance
HOLD_WORDS = {"unchanged", "steady", "stable", "flat", "intact"}
# verbs a rate is the subject of when it is left where it was ("the lending rate remained unchanged", "stays at 6%")
STAYING_VERBS = {"remain", "stay", "be"}


@dataclass
class Trigger:
    """A rate noun in the text and the kind of rate it names."""

    start: int  # token offsets
    end: int
    kind: str  # tariff | interest_rate | other_rate

    def head(self, doc: Doc) -> Token:
        # the rate noun is the term's last word ("value-added tax"), even where the parser hangs a hyphenated
        # modifier outside the term and would make "added" its root
        last = doc[self.end - 1]
        if last.pos_ in ("NOUN", "PROPN") and not self.start <= last.head.i < self.end:
            return last
        return doc[self.start:self.end].root


class TriggerFinder:
    """Finds the rate nouns of a sentence."""

    def __init__(self, nlp: Language, lex: RateLexicon):
        self.lex = lex
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # a sentence with none of these words has no rate noun: most sentences are skipped on this test alone
        self.first_words: set[str] = {"rate", "rates", "benchmark", "policy", *BARE_MOVES, "taxed", "tariffed"}
        for kind, terms in lex.terms.items():
            variants = []
            for term in terms:
                for form in _plurals(term):
                    variants.append(form)
                    self.first_words.add(form.split()[0])
                    self.first_words.add(form.split()[-1])
            self.matcher.add(kind, [nlp.make_doc(v) for v in variants])
        self.first_hashes = numpy.array(sorted(nlp.vocab.strings.add(w) for w in self.first_words), dtype="uint64")

    def word_positions(self, doc: Doc) -> numpy.ndarray:
        """Token indices of the words a rate noun starts or ends with, in order: a sentence with none of them
        has no rate noun, and most sentences are skipped on this test alone (read as an array, once per doc)."""
        return numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), self.first_hashes))

    def may_have_trigger(self, sent: Span, positions: numpy.ndarray) -> bool:
        i = int(numpy.searchsorted(positions, sent.start))
        return i < len(positions) and positions[i] < sent.end

    def find(self, doc: Doc, sent: Span, banks: list, place_tokens: set[int], after_move: bool = False,
             per_country: bool = False) -> list[Trigger]:
        """The rate nouns of a sentence; `after_move` says a tariff move was reported just before, which "the
        additional taxes" may take up; `per_country` that the sentence gives two or more countries a rate each,
        which makes a bare "rates" tariffs ("new rates of 32% for Indonesia and 36% for Thailand")."""
        lex = self.lex
        found: list[Trigger] = []
        covered: set[int] = set()
        lowers = {t.lower_ for t in sent}
        # "the interest rate was lowered to 7/8 of a point over Libor": a loan's price, no policy rate
        loan_margin = bool(lowers & REFERENCE_RATES) and any(
            t.lower_ in REFERENCE_RATES and t.i > sent.start and doc[t.i - 1].lower_ in ("over", "above", "plus")
            for t in sent)
        for match_id, s, e in sorted(self.matcher(sent), key=lambda m: (m[1], -m[2])):
            if covered & set(range(s, e)):
                continue
            if e - s == 1 and doc[s].lower_ in AMBIGUOUS_TARIFF_WORDS and (doc[s].pos_ == "VERB" or (
                    not lowers & lex.trade_words and not any(sent.start <= i < sent.end for i in place_tokens))):
                continue  # a "levy on health plans" or a "duty to protect" is no tariff; "to levy a tax" is a verb
            if e - s == 1 and (doc[s].lower_ in TAX_WORDS or doc[s].lower_ in AMBIGUOUS_TARIFF_WORDS and not any(
                    i in place_tokens for i in range(max(sent.start, s - 3), s))) and (
                    doc[s].pos_ == "VERB" and doc[s].lower_ in TAX_WORDS or any(
                    t.lower_ in DOMESTIC_TAX_WORDS for t in doc[max(sent.start, s - 2):s])):
                continue  # "to tax sugary drinks sold in Canada", "scrap state income taxes", "council tax", "stamp
                # duty", "alcohol duty": taxes at home
            if e - s == 1 and doc[s].lower_ in TAX_WORDS and not _about_goods(doc[s], place_tokens, after_move):
                continue  # "the corporate tax" is no tariff; "a tax on imported cars", "a surtax on US steel" are
            if _in_a_name(doc, s, sent):
                continue  # "the General Agreement on Tariffs and Trade" names a body, not a tariff
            if _a_price_for_customers(doc[e - 1]) or e - s == 1 and _a_utility_price(doc, s, sent):
                continue  # "cutting tariffs for household customers by 4.5%", "hiked power tariffs": a utility's prices
            kind = doc.vocab.strings[match_id]
            if kind == "interest_rate" and ({t.lower_ for t in doc[max(sent.start, s - 2):s]} & CONSUMER_RATE_WORDS
                                            or _on_household_loans(doc[e - 1]) or loan_margin):
                covered.update(range(s, e))  # nor is its bare "rate"
                continue  # "credit card interest rates", "the rate on its mortgages" are lenders', not a bank's
            covered.update(range(s, e))
            found.append(Trigger(s, e, kind))
        for tok in sent:  # "Japanese cars will be taxed at 15%": a verb that sets a tariff with its level
            if tok.pos_ == "VERB" and tok.lemma_.lower() in TAXING_VERBS and tok.i not in covered and any(
                    c.dep_ == "prep" and c.lower_ == "at" and any(g.text == "%" or g.lower_ in ("percent", "cent")
                                                                  for g in c.subtree) for c in tok.children) \
                    and any(t.i in place_tokens or t.lower_ in GOODS_WORDS for c in tok.children
                            if c.dep_ == "nsubjpass" for t in c.subtree):  # goods taxed, not "income"
                found.append(Trigger(tok.i, tok.i + 1, "tariff"))
        about_banks = bool(banks) or any(a in sent.text.lower() for a in lex.bank_anaphora)
        for tok in sent:
            if tok.lower_ == "policy" and tok.i not in covered and about_banks and _policy_held(tok):
                found.append(Trigger(tok.i, tok.i + 1, "interest_rate"))  # "the ECB keeps its policy unchanged"
                continue
            if tok.lower_ == "benchmark" and tok.i not in covered and about_banks and tok.pos_ == "NOUN" \
                    and tok.dep_ not in ("compound", "amod"):
                found.append(Trigger(tok.i, tok.i + 1, "interest_rate"))  # "the Fed cut its benchmark by …"
                continue
            if tok.i in covered or tok.lower_ not in ("rate", "rates", *BARE_MOVES):
                continue
            if tok.i + 1 < sent.end and doc[tok.i + 1].text == "-":  # "rate-setting panel", "rate-tightening"
                continue
            mods = {t.lower_ for t in doc[max(sent.start, tok.i - 2):tok.i]} | {c.lower_ for c in tok.children
                                                                              if c.dep_ in ("compound", "amod")}
            if mods & lex.non_rate_modifiers or any(t.lower_ in lex.non_rate_modifiers for t in tok.children):
                continue
            if any(c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.lower_ in
                                                                 lex.non_rate_modifiers for o in c.children)
                   for c in tok.children):
                continue  # "the rate of inflation", "the rate of unemployment"
            if {t.lower_ for t in doc[max(sent.start, tok.i - 3):tok.i]} & CONSUMER_RATE_WORDS or loan_margin \
                    or _on_household_loans(tok, DEBT_WORDS):
                continue  # "credit card interest rates", "the rate on its bonds"
            if tok.lower_ in BARE_MOVES:
                # a bare "hike" or "cut" is an interest-rate move only in a sentence about a central bank
                # "delivered a 50 basis point cut": a noun the tagger took for a participle is still the noun
                as_noun = tok.pos_ == "NOUN" or tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") or (
                    tok.dep_ == "acl" and tok.head.lower_ in ("point", "points"))  # "a 25 basis point | cut"
                if _cut_in_something_else(tok):
                    continue  # "a cut of about 15% in total issuance", "a 10% cut in spending": no rate moves
                if about_banks and as_noun and not any(doc[t.end - 1].head.i == tok.i for t in found):
                    found.append(Trigger(tok.i, tok.i + 1, "interest_rate"))
                continue
            if mods & lex.rate_modifiers or about_banks:
                found.append(Trigger(tok.i, tok.i + 1, "interest_rate"))
            elif per_country and not about_banks and not any(t.kind == "tariff" for t in found):
                found.append(Trigger(tok.i, tok.i + 1, "tariff"))  # "the letters set new rates: 50% on Brazil, …"
            elif not about_banks and _rate_on_goods(tok) and any(c.like_num or c.text == "%" for c in [*tok.subtree, *(
                    t for a in tok.head.children if a.dep_ == "attr" and tok.dep_ == "nsubj" for t in a.subtree)]):
                # "will charge a 15% rate on most Japanese goods", "the new reciprocal rate for Peru is 39%"
                found.append(Trigger(tok.i, tok.i + 1, "tariff"))
            elif (any(t.kind == "tariff" for t in found) or after_move) and any(
                    c.like_num or c.text == "%" or c.dep_ in ("relcl", "acl") for c in tok.subtree if c.i != tok.i):
                # "the 24% rate Washington had threatened"; right after a tariff move, "Swiss goods face a 39% rate"
                found.append(Trigger(tok.i, tok.i + 1, "tariff"))
        return found


MONETARY_WORDS = {"monetary", "rate", "interest"}  # what a central bank's held policy may be called


def _policy_held(policy: Token) -> bool:
    """A central bank's policy kept as it was: "keeps its policy unchanged", "left monetary policy steady" (the bank's
    own policy, held in so many words, is its rates held; a "trade policy" or a policy "kept loose" is no hold)."""
    verb = policy.head
    mods = {c.lower_ for c in policy.children if c.dep_ in ("compound", "amod", "nmod")}
    own = any(c.dep_ == "poss" for c in policy.children) or "monetary" in mods
    return own and not mods - MONETARY_WORDS and policy.dep_ == "dobj" and verb.lemma_.lower() in HOLD_VERBS and any(
        c.lower_ in HOLD_WORDS for c in verb.children)


def _cut_in_something_else(move: Token) -> bool:
    """A bare "cut" or "hike" whose "in" phrase names what moves, and that is no rate ("a 10% cut in spending",
    "a cut of 15% in total issuance")."""
    for prep in (t for t in move.subtree if t.dep_ == "prep" and t.lower_ == "in" and (
            t.head.i == move.i or t.head.head.lower_ == "of" and t.head.head.head.i == move.i)):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if obj.lemma_.lower() not in ("rate", "cost", "tariff", "duty", "levy", "benchmark") and not any(
                    t.lemma_.lower() in ("rate", "tariff", "duty") for t in obj.subtree):
                return True
    return False


def _a_price_for_customers(tok: Token) -> bool:
    """A utility's or a carrier's tariff: one "for" customers, households or users ("its tariffs for domestic
    customers", "the standard tariff for households")."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(
        o.dep_ == "pobj" and o.lemma_.lower() in CUSTOMER_WORDS for o in c.children) for c in tok.children)


# what a tariff word before it names the price of, not a duty on goods: "power tariffs", "the water tariff"
UTILITY_WORDS = {"power", "electricity", "water", "gas", "heating", "feed-in", "utility", "utilities", "grid",
                 "postal", "broadband"}


def _a_utility_price(doc: Doc, start: int, sent: Span) -> bool:
    """A tariff word right after a utility's service ("lifted oil and power tariffs", "electricity tariffs will rise
    10%"): the price households pay for it; goods a duty falls on come after it ("tariffs on power equipment")."""
    if start <= sent.start:
        return False
    before = doc[start - 1]
    if "".join(t.lower_ for t in doc[max(sent.start, start - 3):start]).endswith("feed-in"):
        return True  # "feed-in tariffs": what a grid pays for power fed into it
    return before.lower_ in UTILITY_WORDS and (before.head.i == start or before.dep_ == "conj"
                                               and before.head.head.i == start)  # "oil and power tariffs"


def _in_a_name(doc: Doc, start: int, sent: Span) -> bool:
    """A capitalised rate word after a name's lower-case "on", "of" or "for" ("the General Agreement on Tariffs and
    Trade", "the Commission on Tariffs"); a headline's capitalised words ("Japan Hit By Tariffs") are not one."""
    tok = doc[start]
    return start - 2 >= sent.start and tok.text[:1].isupper() and doc[start - 1].text in ("on", "of", "for") \
        and doc[start - 2].text[:1].isupper()


def _on_household_loans(tok: Token, words: set[str] = CONSUMER_RATE_WORDS | DEBT_WORDS) -> bool:
    """A rate whose own "on" or "for" phrase names what households borrow on or a debt ("the interest rate on its
    credit card", "rates for car loans", "the rate on the bonds"), also where the parser hung that phrase on the
    verb moving the rate ("cut the interest rate on its credit card to 14.9%")."""
    holders = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
    return any(t.lower_ in words for h in holders for c in h.children
               if c.dep_ == "prep" and c.lower_ in ("on", "for") for t in c.subtree)


def _rate_on_goods(tok: Token) -> bool:
    """A bare "rate" that is a tariff by its own words: "reciprocal" or "baseline", or goods in its own phrase or
    its verb's "on" phrase ("charge a 15% rate on most Japanese goods")."""
    if any(c.lower_ in TARIFF_RATE_WORDS for c in tok.children if c.dep_ in ("amod", "compound")):
        return True
    phrase = list(tok.subtree) + [t for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "on"
                                  and tok.dep_ == "dobj" for t in c.subtree]
    return any(t.lower_ in GOODS_WORDS for t in phrase if t.i != tok.i)


def _about_goods(tok: Token, place_tokens: set[int], after_move: bool) -> bool:
    """A tax whose own phrase names goods or a country ("a 10% tax on imported cars", "a surtax on US steel"),
    its modifiers included ("import tax"), or that takes up the tariff move just reported ("the new taxes
    will be …")."""
    # "slapped a surtax on US steel"; "the 20% surtax will apply to $4 billion of US goods"
    phrase = list(tok.subtree) + [c for c in tok.head.children if c.dep_ == "prep" and (
        tok.dep_ == "dobj" or tok.dep_ == "nsubj" and c.lower_ in ("to", "on", "against")) for c in c.subtree]
    if any(t.lower_ in GOODS_WORDS or t.i in place_tokens for t in phrase if t.i != tok.i):
        return True
    return after_move and any(c.lower_ in ("the", "these", "those") for c in tok.children)


def shared_clauses(noun: Token) -> list[Token]:
    """Clauses after the last of several joined rate nouns, said of each ("the 25% steel tariff and 10% aluminum
    tariff Washington imposed on Canada")."""
    last = max(n.i for n in [noun, *noun.conjuncts])
    return [c for n in noun.conjuncts for c in n.children if c.dep_ in ("acl", "relcl") and c.i > last]


def misread_move(noun: Token) -> Token | None:
    """A past-tense move the parser took for a noun in front of the rate ("The central bank cut rates by 50 basis
    points": "bank cut rates" read as one noun phrase): the verb, or None."""
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    if before is None or before.lower_ not in MISREAD_MOVES or before.dep_ != "compound" or before.head.i != noun.i:
        return None
    subject = noun.doc[before.i - 1] if before.i > 0 else None
    return before if subject is not None and subject.pos_ in ("NOUN", "PROPN") and subject.head.i in (
        noun.i, before.i) else None


def misread_infinitive(noun: Token) -> Token | None:
    """A base-form verb the parser took for a modifier of the rate after "to" ('has decided to "pause" tariffs':
    "to" read as a preposition, the quoted verb as an adjective): the verb, or None."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "to":
        return None
    return next((c for c in noun.lefts if c.dep_ in ("amod", "compound") and c.tag_ == "VB"), None)


def governing_verbs(tok: Token, sent: Span, lex: RateLexicon) -> list[Token]:
    """The verb over a noun, then the words it is the complement of ("threatened" over "to impose"), all
    inside the sentence: the parser sometimes hangs a sentence off the headline before it. A verb reached
    through a noun the rate is only the topic of is that noun's ("warns of a trade war over the tariffs",
    "held talks on the duties")."""
    verb = None
    for anc in tok.ancestors:
        if not sent.start <= anc.i < sent.end:
            return []
        if anc.pos_ in ("NOUN", "PROPN") and anc.dep_ in ("nsubj", "nsubjpass") and anc.lemma_.lower() not in \
                lex.noun_cue and anc.lemma_.lower() not in lex.framing_nouns:
            return []  # "the launch of a card with low interest rates will increase competition": the verb is the
            # subject's, of which the rate is a detail
        if anc.pos_ in ("VERB", "AUX") or _verb_tagged_noun(anc):
            verb = anc
            break
        if _causal(anc):
            return []  # "cut 2,000 jobs because of the tariffs", "raised prices as a result of the duties": the
            # verb moves something the rate caused
        if anc.pos_ in ("NOUN", "PROPN") and anc.lemma_.lower() in TOPIC_NOUNS:
            return []
        if anc.pos_ == "NOUN" and anc.dep_ == "dobj" and anc.head.pos_ == "VERB" and not _carries_rates(anc, lex):
            return []  # "is reducing restrictions on the use of market rates", "lifted the cap on interest rates":
            # the verb moves its own object, of which the rate is a detail
    if verb is None:
        return []
    if verb.lemma_ == "be":
        # "the 30% tariff is due to take effect on Monday": the verb is the one "due" or "set" governs
        below = next((x for c in verb.children if c.dep_ in ("acomp", "attr") and c.lower_ in SCHEDULED_WORDS
                      for x in c.children if x.dep_ == "xcomp" and x.pos_ == "VERB"), None)
        if below is not None and sent.start <= below.i < sent.end:
            return [below, verb]
    chain = [verb]
    while (chain[-1].dep_ in ("xcomp", "ccomp") or _threat_infinitive(chain[-1], lex)) and len(chain) < 4 \
            and chain[-1].head.i != chain[-1].i and sent.start <= chain[-1].head.i < sent.end:
        chain.append(chain[-1].head)
    if chain[-1].dep_ == "acl" and chain[-1].head.pos_ == "NOUN" and _talked_about(chain[-1].head, sent):
        return []  # "raise concern about Trump's plan to impose tariffs": the plan is what the concern is about
    return chain


def _talked_about(noun: Token, sent: Span) -> bool:
    """The noun a move hangs on is the topic of a worry, a dispute or talks ("concern about the plan to …", "talks
    on a deal to …"): a topic noun over it before any verb."""
    for anc in noun.ancestors:
        if not sent.start <= anc.i < sent.end or anc.pos_ in ("VERB", "AUX"):
            return False
        if anc.pos_ == "NOUN" and anc.lemma_.lower() in TOPIC_NOUNS:
            return True
    return False


# the word before "of" or "to" that makes a phrase a cause: "because of", "as a result of", "due to", "owing to"
CAUSE_HEADS = {"of": {"because", "result"}, "to": {"due", "owing", "thanks"}}


def _causal(tok: Token) -> bool:
    """The preposition of a phrase that gives a cause ("because of the tariffs", "due to the new duties")."""
    if tok.dep_ not in ("prep", "pcomp"):
        return False
    # "because of", "due to" parse either way: the second word under the first, or the first as the preposition
    # with the second beside its object
    return tok.head.lower_ in CAUSE_HEADS.get(tok.lower_, ()) or any(
        c.dep_ == "pcomp" and tok.lower_ in CAUSE_HEADS.get(c.lower_, ()) for c in tok.children)


def _carries_rates(noun: Token, lex: RateLexicon) -> bool:
    """A noun a verb can move rates through: a move, plan or decision ("announced a cut in rates", "signed an order
    on tariffs"), an answer ("approved countermeasures against the tariffs"), a batch or measure of them ("a new
    round of tariffs", "the level of duties", "$50 billion of tariffs")."""
    lemma = noun.lemma_.lower()
    if lemma in lex.noun_cue or lemma in lex.framing_nouns or lemma in lex.decision_nouns or lemma in CARRIER_NOUNS:
        return True
    return any(t.like_num or t.text in "$\u20ac\u00a3\u00a5" for t in noun.subtree if t.i < noun.i + 2)


def _threat_infinitive(verb: Token, lex: RateLexicon) -> bool:
    """"threatened on Sunday to impose …": a day or a place between the verb and its "to" clause makes the parser
    read the clause as a purpose (advcl), but it is still what was threatened or planned."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and lex.verb_cue.get(verb.head.lemma_.lower()) == "threaten"


def _names_a_party(verb: Token, place_tokens: set[int]) -> bool:
    """A country or everyone named in the verb's "to" phrase ("will also apply to Peru", "to all imports")."""
    scope = [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree]
    if any(t.lower_ in GOODS_WORDS for t in scope):  # "will apply to goods from the Philippines"
        scope += [t for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for t in c.subtree]
    return any(t.i in place_tokens or t.lower_ in ("all", "every", "everyone") for t in scope)


def _verb_tagged_noun(tok: Token) -> bool:
    """A move verb the tagger read as a noun but the parser gave a subject and an object ("The Fed on
    Wednesday cut rates")."""
    return tok.pos_ == "NOUN" and tok.dep_ == "ROOT" and {"nsubj", "dobj"} <= {c.dep_ for c in tok.children}


def framing_noun(verb: Token, sent: Span, lex: RateLexicon) -> str | None:
    """The action of a noun a verb clause hangs from: "threats to close ports and impose …"."""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in ("conj", "xcomp", "acl", "ccomp") or not sent.start <= tok.head.i < sent.end:
            return None
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN"):
            return lex.noun_cue.get(tok.lemma_.lower()) if tok.lemma_.lower() in lex.framing_nouns else None
    return None


def verb_action(verb: Token, kind: str, lex: RateLexicon, place_tokens: set[int],
                noun: Token | None = None) -> str | None:
    """The action a verb gives a rate of this kind, or None when the verb moves no rate. `noun` is the rate noun
    when the verb is the one right over it."""
    lemma = verb_lemma(verb)
    overrides = lex.overrides.get(kind, {})
    if kind == "tariff" and no_longer(verb) and (
            lemma in STATE_VERBS | {"have"} or lex.verb_cue.get(lemma) == "announce"):
        return "remove"  # "Chilean cars will no longer face the 10% duty", "will no longer charge it": lifted
    if lemma == "warn" and noun is not None and not any(
            c.dep_ in ("dobj", "dative") and c.i in place_tokens for c in verb.children):
        return None  # "warns of a trade war over the tariffs" fears them; "warned Ottawa of tariffs" threatens
    if noun is not None and noun.dep_ == "nsubj" and noun.head.i == verb.i and lemma in ("hit", "target") and any(
            c.dep_ == "aux" and c.lower_ in ("will", "'ll") for c in verb.children) and any(
            t.i in place_tokens for c in verb.children if c.dep_ == "dobj" for t in c.subtree):
        return "announce"  # "Duties of 20% will hit Brazilian coffee from September 1" ("the duties hit farmers")
    if lemma in ANSWER_VERBS and noun is not None:
        # "New Delhi answered with a 20% levy" is a move; "retaliated against the tariffs" names the other side's
        via = noun.head.lower_ if noun.dep_ == "pobj" and noun.head.head.i == verb.i else ""
        return "announce" if via == "with" else None
    first = noun
    while first is not None and first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "cheap oil and ultra-low interest rates lifted spending": a subject all the same
    if first is not None and first.dep_ == "nsubj" and first.head.i == verb.i and not _absolute(verb):
        if any(c.dep_ == "dobj" and not any(t.like_num or t.text == "%" for t in c.subtree)
               and not (lemma == "take" and c.lower_ == "effect") for c in verb.children):
            return None  # "the tariffs doubled the price of cameras": the rate acts on something else, it does not move
            # ("the tariffs will take effect" start to apply)
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
        phrase = f"{lemma} {particle}".strip()
        if lemma in RISE_VERBS or phrase in RISE_VERBS:
            return "raise"
        if lemma in FALL_VERBS or phrase in FALL_VERBS:
            return "cut"
        if kind == "interest_rate" and lemma in STAYING_VERBS and any(
                c.dep_ in ("acomp", "oprd") and c.lower_ in HOLD_WORDS for c in verb.children):
            return "hold"  # "the reverse repo rate remained unchanged at 3.35%": the rate left where it was
        if lemma not in SUBJECT_VERBS:
            return None
        if lemma in EXTENDING_VERBS and not _names_a_party(verb, place_tokens):
            return None  # "the 25% tariff applies to $50 billion of goods" describes it; "will apply to Peru" moves
        if lemma in START_VERBS:
            return "announce"
    if lemma in STATE_VERBS and not any(c.dep_ == "aux" and c.lower_ in COMING_AUX for c in verb.children) \
            and verb.head.lemma_.lower() != "set" and not (
                noun is not None and verb.tag_ in ("VBZ", "VBP") and _names_its_rate(noun)):
        # "American goods face zero tariffs", "importers pay the duties" are states; "will face", "set to face" is
        # news, and so is a rate named in the present ("Swiss watches now face a 39% tariff")
        return None
    if lemma in ("grant", "give") and not any(
            c.dep_ == "dative" or (c.dep_ == "dobj" and c.i in place_tokens) for c in verb.children):
        return None  # "granted Canada a reprieve" is a move; "every country granted an exemption …" describes
    if lemma == "hold" and verb.i > 0 and verb.doc[verb.i - 1].lower_ == "on":
        return overrides.get("on hold", "pause")  # "put on hold punitive tariffs": the parser makes "hold" a verb
    for child in verb.children:  # "put on hold", "left unchanged", "take effect"
        if child.dep_ == "prep" and child.lower_ == "on":
            obj = next((c.lower_ for c in child.children if c.dep_ == "pobj"), "")
            phrase = f"on {obj}"
            if phrase in overrides:
                return overrides[phrase]
            if phrase in lex.phrases["pause"]:
                return "pause"
        if child.lower_ in HOLD_WORDS and lemma in HOLD_VERBS:
            return "hold"
    if lemma in HOLD_VERBS and _kept_at_a_stance(verb, noun):
        return None  # "kept rates low for years", "wants the bank to keep borrowing costs high": a stance, no decision
    if lemma in HOLD_VERBS and kind == "interest_rate":
        return "hold"
    if lemma == "lift" and kind == "tariff" and _names_a_new_level(verb):
        return "raise"  # "lifted the tariff on Indian goods to 50%" raises it; "lifted the tariffs" removes them
    if lemma == "exempt" and not any(t.i in place_tokens for c in verb.children
                                     if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree) and not (
            any(c.dep_ == "nsubj" for c in verb.children) and any(c.dep_ == "dobj" for c in verb.children)):
        return None  # "orange juice is exempt from the 50% tariff" carves goods out of it; "exempted Canada" removes,
        # and so does a government that "will exempt 30 medicines from import duties"
    if lemma in overrides:
        return overrides[lemma]
    if lemma in ("take", "go", "come", "kick"):  # only as "take effect", "come into force", "kick in"
        after = " ".join(t.lower_ for t in verb.doc[verb.i + 1:verb.i + 3])
        return "announce" if any(p[0] == lemma and after.startswith(" ".join(p[1:])) for p in lex.effect) else None
    if lemma in HOLD_VERBS:
        return None
    return lex.verb_cue.get(lemma)


def _absolute(verb: Token) -> bool:
    """A past participle with no auxiliary after "with" ("with the deposit rate held at 3.5%"): its subject is
    what it acts on, as in the passive."""
    after_with = verb.dep_ == "pcomp" and verb.head.lower_ == "with" or verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "with" for c in verb.children)  # (the parser reads "with" either way)
    return after_with and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def no_longer(verb: Token) -> bool:
    """"no longer" on the verb: what it did stops ("will no longer pay the duty")."""
    return any(c.dep_ == "advmod" and c.lower_ == "longer" and any(n.lower_ == "no" for n in c.children)
               for c in verb.children)


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, with "be subject to" read as "face" (the goods it is said of bear the rate)."""
    lemma = verb.lemma_.lower()
    if lemma == "be" and any(c.dep_ == "acomp" and c.lower_ == "subject" for c in verb.children):
        return "face"
    return lemma


def _names_a_new_level(verb: Token) -> bool:
    """A "to N%" phrase on the verb: the level a rate is moved to."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.text == "%" or g.lower_ in ("percent", "cent")
                                                              for g in c.subtree) for c in verb.children)


def _names_its_rate(noun: Token) -> bool:
    """A percentage in the rate noun's own phrase ("a 39% tariff", "a tariff of 25%")."""
    return any(t.text == "%" or t.lower_ in ("percent", "cent") for t in noun.subtree)


def _kept_at_a_stance(verb: Token, noun: Token | None) -> bool:
    """A hold verb whose rate is kept "low", "high", "elevated", "down" or "up": an adjective as the verb's
    complement, one the parser hung on the rate noun after it, or a particle."""
    complements = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and c.pos_ == "ADJ"
                   or c.dep_ == "advmod" and any(m.lower_ == "too" for m in c.children)]
    # ("held rates too high": the parser may hang a judged level on the verb as a modifier)
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in ("down", "up") for c in verb.children):
        return True  # "keep interest rates down", "kept borrowing costs up": a stance, as "low" and "high" are
    if noun is not None:
        complements += [c for c in noun.children if c.dep_ == "amod" and c.i > noun.i and c.pos_ == "ADJ"]
    return any(c.lower_ not in HOLD_WORDS for c in complements)


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
