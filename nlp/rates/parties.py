"""Who moves a rate and on whom: the imposing party (a central bank, a country, a government actor) and the
targets (countries, blocs, ALL, or a product when no country is named), with the goods a rate falls on."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from nlp.official_countries import dateline_country
from nlp.rates.lexicon import RateLexicon
from nlp.rates.listed import ListedLevels
from nlp.rates.triggers import RECEIVING_VERBS, STATE_VERBS, Trigger, shared_clauses, verb_lemma
from nlp.rates.view import DocView
from nlp.rates.words import ACCEPTING_VERBS, EXTENDING_VERBS, SCHEDULED_WORDS, SHARE_WORDS, SHIPPED_GOODS

PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "this", "that", "which", "who"}
# "those nations would have been hit": nouns that stand for countries named before
COUNTRY_NOUNS = {"nation", "country", "economy", "government", "partner", "ally"}
# "on about seventy countries", "on dozens of countries": a tariff on (nearly) everyone
MANY_COUNTRIES = re.compile(r"\b(all|most|dozens of|scores of|\d{2,}|\w+ty|hundreds? of) (other )?"
                            r"(countries|nations|economies|trading partners)\b|\b(any|every) (other )?(country|nation)\b")


# words after which a country is where goods go, not whom a rate falls on
DESTINATION_WORDS = {"to", "into", "entering", "enter", "bound", "headed", "destined"}
# verbs of goods arriving in a market, "into" it or (for "enter") as its object: "on steel entering Brazil"
ENTRY_VERBS = {"enter", "import", "bring", "ship", "come", "sell"}
# "every country except China", "all goods excluding oil": what follows is left out of a rate's scope
EXCEPT_WORDS = {"except", "excluding", "apart", "save", "barring", "bar", "besides"}
# "on its goods", "on their exports": the goods of the clause's subject, who is then the target
OWN_GOODS_POSSESSIVES = {"its", "their"}
# a country named with one of these words in a move's sentence or the one before is the other side of a deal
DEAL_WORDS = {"deal", "agreement", "pact", "accord", "treaty", "fta"}
# verbs whose subject is the author of the move in the clause below them ("announced plans to impose …")
DECIDING_VERBS = {"announce", "unveil", "approve", "adopt", "decide", "agree", "vote", "plan", "propose", "outline",
                  "publish", "confirm", "signal", "say", "order", "sign", "finalize", "finalise", "move", "aim"}
# verbs whose object is what a rate falls on ("the duties will hit $20 billion of US goods")
HITTING_VERBS = {"hit", "affect", "cover", "target"}
# who lends, not who sets rates: a move of theirs is a lender's price
LENDER_WORDS = {"lender", "building society", "mortgage lender", "creditor"}
# rates a lender sets for its own customers ("its prime rate", "their base lending rates")
LENDING_RATE_WORDS = {"prime", "lending", "mortgage", "savings", "deposit", "loan", "card"}
# the ratios a central bank sets for the banks it supervises
BANK_RATIO_WORDS = {"reserve", "liquidity", "rrr"}
# words that make a bank a central one, whatever its name ("the central bank", "the Reserve Bank of Fiji")
CENTRAL_WORDS = {"central", "reserve", "monetary", "national", "federal", "authority", "policymakers"}
# tariff nouns that can each carry a rate in a list ("a 16% tariff on X, a 22% tariff on Y")
RATE_NOUN_LEMMAS = {"tariff", "duty", "levy", "surtax", "surcharge", "tax", "rate", "counter-tariff"}
# "the Commission", "the Ministry": an actor named again by its last word
SHORT_NAME = re.compile(r"\b[Tt]he ([A-Z][a-z]+)\b")


# the head nouns of a government's bodies ("the Finance Ministry", "the Cabinet", "the tariff commission")
NATIONAL_BODIES = frozenset({"ministry", "cabinet", "council", "commission", "department", "government"})

# what goods a tariff "on" them are called as a whole: "raise tariffs on goods from …"
GOODS_NOUNS = {"good", "goods", "product", "products", "import", "imports", "item", "items", "shipment", "shipments",
               "export", "exports", "merchandise"}


def _in_clause_of_country_noun(tok: Token, scope: Token) -> bool:
    """A place named in the clause that says which countries a rate falls on ("on any country that buys Venezuelan
    oil"): it describes them; it is not one of them."""
    return any(a.dep_ == "relcl" and a.head.lemma_.lower() in COUNTRY_NOUNS for a in tok.ancestors
               if a.i > scope.i)


class PartyReader(ListedLevels):
    """Reads imposing parties, targets and products for the rate nouns of one doc."""

    def __init__(self, lex: RateLexicon, view: DocView):
        self.lex = lex
        self.view = view
        self.doc = view.doc
        self.places = view.places
        self.co_imposing: list[str] = []
        self._not_target: str | None = None
        self._actor_mentions: list[tuple[int, str, str]] | None = None
        self._official_mentions: list[tuple[int, int, str]] | None = None

    def banks_in(self, sent: Span) -> list[tuple[int, int, str]]:
        """(start, end, canonical name) of each central bank named in the sentence."""
        return [(m.start(), m.end(), self.lex.bank_names[m.group()])
                for m in self.lex.banks.finditer(self.view.text, sent.start_char, sent.end_char)]

    def parties(self, sent: Span, trig: Trigger, noun: Token, verbs: list[Token], banks,
                last_bank: str | None) -> tuple[str | None, list[str]]:
        """(imposing, targets) for one rate noun; other parties named with the imposing one as joint subjects
        are left in `co_imposing`."""
        doc, places = self.doc, self.places
        self.co_imposing: list[str] = []
        self.lender = False
        imposing = None
        targets: list[str] = []
        subj = passive = None
        self._joined: set[str] = set()
        misread = bool(verbs) and verbs[0].dep_ == "compound" and verbs[0].head.i == noun.i
        if misread:
            subj = doc[verbs[0].i - 1]  # "The central bank cut rates" read as one noun phrase: "bank" is the subject
        for v in verbs:
            for c in v.children:
                # "China said it would impose …": a pronoun defers to the subject of the clause above
                if c.dep_ in ("nsubj", "csubj") and (subj is None or subj.lower_ in PRONOUNS):
                    subj = c
                if c.dep_ == "nsubjpass" and passive is None:
                    if (v.lower_ in SCHEDULED_WORDS or v.lemma_.lower() in SCHEDULED_WORDS) and any(
                            x.dep_ == "xcomp" and x.pos_ == "VERB" for x in v.children):
                        if subj is None:  # "The EU is set to impose a 25% tariff": the EU imposes it
                            subj = c
                        continue
                    passive = c
        if subj is None and passive is None and verbs and verbs[0].dep_ == "conj":
            first = verbs[0]
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            # "Local banks trimmed fees and cut interest rates": the second verb shares the first one's subject
            subj = next((c for c in first.children if c.dep_ == "nsubj"), None)
        if subj is None and passive is None and verbs:
            subj = _clause_subject(verbs[-1])  # "announced plans to impose …": the one who announced
        if verbs and verb_lemma(verbs[0]) in STATE_VERBS | RECEIVING_VERBS and subj is not None and passive is None:
            passive, subj = subj, None  # "India faces a 26% tariff": who faces a tariff is its target
        # "the central bank also raised the cash reserve ratio": a bank's other rates are the bank's too
        # a reserve or liquidity ratio is a bank's whoever the sentence names: "The package will raise banks'
        # liquidity ratios to 37.5%" after "…, the Reserve Bank said"
        if trig.kind == "interest_rate" or trig.kind == "other_rate" and (
                banks or any(a in sent.text.lower() for a in self.lex.bank_anaphora) or last_bank is not None and any(
                    t.lower_ in BANK_RATIO_WORDS for t in doc[trig.start:trig.end])):
            for tok in ([subj] if subj is not None else []) + [noun]:
                lo, hi = extent(tok)
                names = list(dict.fromkeys(b for s, e, b in banks if lo <= s < hi))
                if names:
                    if tok is subj and subj.conjuncts:  # "the Bank of England and the ECB cut rates": each bank
                        self.co_imposing = names[1:]
                    return names[0], []
            if subj is not None and _lender(subj, noun):
                self.lender = True  # "Barclays said it was cutting its base rate": a lender's rate, no bank's decision
                return None, []
            if banks:
                return banks[0][2], []
            if subj is not None and subj.lemma_.lower() in ("bank", "authority") and (
                    owner := next((self.code_in(c) for c in subj.children if c.dep_ in ("poss", "compound", "nmod")
                                   or c.dep_ == "prep" and c.lower_ == "of"), None)):
                return owner, []  # "Chile's central bank cut rates" after the ECB was named: Chile's move
            if last_bank:
                return last_bank, []
            if misread:  # "Chile's central bank cut rates": the parser hangs "Chile's" on "rates"
                return next((self.places[i] for i in range(noun.left_edge.i, verbs[0].i) if i in self.places), None), []
            if subj is None and not any(_setter(c) for v in verbs for c in v.children):
                return self.rate_owner(noun), []  # "UK interest rates were held at 4.75%": the UK's rate
            return (self.code_in(subj) if subj is not None else None), []
        if subj is not None and subj.i != noun.i:  # "tariffs on Korean cars will fall": Korea is no subject
            imposing = self.code_in(subj) or self.actor_in(*extent(subj)) or self.official_country(subj) \
                or self.body_of_the_dateline(subj)
            # "Japan and the EU announced …": each party its own move
            self.co_imposing = [c for c in (self.code_in(t) or self.actor_in(*extent(t)) for t in subj.conjuncts)
                                if c and c != imposing]
        agent = next((c for v in verbs for c in v.children if c.dep_ == "agent"), None)
        setter = _relative_setter(noun, self.lex)  # "the 10% tariff that Peru imposed on Chilean wine"
        if passive is not None:
            code = self.code_in(passive, skip=setter)
            if code is None and passive.lower_ in ("which", "that", "who") and passive.head.dep_ == "relcl":
                code = self.code_in(passive.head.head)  # "Korean-made batteries, which will face a 25% duty"
            targets = [code] if code else []
            bearer = list(passive.subtree)
            if not targets and any(t.lower_ in ("imports", "imported", "goods", "products") for t in bearer):
                # "Lumber and copper imports will face a 30% tariff": goods from anywhere
                targets = self.products_in(bearer)[:1] or ["ALL"]
            # "Canada and Mexico will be exempted from the tariffs": a country joined to the subject imposes nothing
            self._joined = {c for c in (self.code_in(t) for t in passive.conjuncts) if c}
        if agent is not None:  # "were hit by Washington", "the tariffs imposed by Iceland"
            imposing = self.code_in(agent) or self.actor_in(*extent(agent)) or self.official_country(agent) or imposing
        if setter is not None and imposing is None:
            imposing = self.code_in(setter) or self.actor_in(*extent(setter)) or self.official_country(setter)
        for c in noun.children:
            if c.dep_ == "poss" and imposing is None:
                imposing = self.code_in(c) or self.actor_in(*extent(c)) or self.official_country(c)
        owner = (self.owner_of_goods(noun) or self.accepter_of(noun)) if not targets else None
        if owner:  # "Brazil vowed to fight the 50% tariff on its goods": the subject's goods; it bears the rate
            # "Japan accepted a 15% tariff on its exports to the US": the market the goods go to taxes them; "Bern
            # was stunned when Washington imposed a 39% tariff on its goods": the one who imposed stays
            targets, self.co_imposing = [owner], []
            imposing = self.destination_of(noun) or (imposing if imposing != owner else None)
        elif targets and imposing is None:
            imposing = self.destination_of(noun)  # "Brazil faces a 50% levy on most of its exports to the US"
        if not targets:
            self._not_target = imposing  # "slapped a 39% tariff on imports from the country": not the imposer
            targets = self.target_of(noun, verbs)
        if not targets:  # "Ottawa warned Washington of …": whom the move is aimed at
            for obj in (c for v in verbs for c in v.children if c.dep_ in ("dobj", "dative") and c.i != noun.i):
                # "granted Canada and Mexico a reprieve": every country named there
                codes = list(dict.fromkeys(places[t.i] for t in obj.subtree if t.i in places and t.i != noun.i))
                code = codes or [self.actor_in(*extent(obj))]
                if code[0]:
                    targets = code
                    break
        if not targets and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in HITTING_VERBS:
            # "The tariffs, announced on Friday by …, will hit $20 billion of US goods": what they hit says whose
            # ("… of products, a fraction of Japan's exports to the US": where the goods go is not whose they are)
            targets = list(dict.fromkeys(places[t.i] for c in noun.head.children if c.dep_ == "dobj"
                                         for t in c.subtree if t.i in places and not any(
                                             a.dep_ == "prep" and a.lower_ in ("to", "into") for a in t.ancestors
                                             if a.i > c.i)))
        entry = self.entry_market(noun, verbs)
        if entry is not None:  # "a 15% duty on steel entering Brazil": Brazil taxes what comes in, bears nothing
            targets = [t for t in targets if t != entry]
            imposing = imposing or entry
        if all(t in self.lex.product_names for t in targets):
            # "those countries would have faced a 15% duty on wine": the countries listed before
            targets = self.countries_referred_to(sent, [t for t in (passive, subj) if t is not None]) + targets
        if imposing is None:
            imposing = self.actor_in(sent.start_char, sent.end_char, exclude=targets[0] if targets else None)
            if imposing is not None and imposing in self._falls_on(sent):
                imposing = None  # "… a 25% levy on US steel and a 10% duty on ketchup": the US is taxed, not taxing
        if imposing is None and targets:
            # "India faces a 26% tariff under the new US policy": the one other country named, outside the rate's
            # own phrase ("tariffs on electric cars from China" names where goods come from, not who taxes them)
            scope = {t.i for h in [noun] + verbs[:1] for c in h.children
                     if c.dep_ == "prep" and c.lower_ in ("on", "from", "of", "for", "against") for t in c.subtree}
            # "talks with Japan over the 25% tariff", "a deal with Vietnam": a partner is not who taxes (but "talks
            # with the EU over its tariff" are about the partner's own)
            if not any(c.dep_ == "poss" for c in noun.children):
                scope |= {t.i for p in sent if p.dep_ == "prep" and p.lower_ == "with" for t in p.subtree}
            others = {places[i] for i in range(sent.start, sent.end) if i in places and i not in scope
                      and not self._private(self.doc[i]) and not self._gapped(i)}
            others -= set(targets) | self._falls_on(sent) | self._joined | self._bearers(sent)
            imposing = others.pop() if len(others) == 1 else None
        return imposing, [t for t in targets if t != imposing]

    def owner_of_goods(self, noun: Token) -> str | None:
        """The country whose goods a rate falls on when its phrase says "on its goods" / "on their exports": the
        subject of the clause around it ("Brazil said it would challenge the tariff on its goods")."""
        if not any(t.dep_ == "poss" and t.lower_ in OWN_GOODS_POSSESSIVES and _rate_falls_on(t.head)
                   and t.head.lemma_.lower() != "import" for t in _rate_phrase(noun)):
            # ("raise duties on its timber imports": what it buys, taxed by itself)
            return None
        first = True
        for verb in noun.ancestors:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if first and verb.pos_ in ("VERB", "AUX"):
                first = False
                if subj is not None and subj.dep_ == "nsubj" and \
                        verb_lemma(verb) not in STATE_VERBS | RECEIVING_VERBS | ACCEPTING_VERBS \
                        and (self.lex.verb_cue.get(verb_lemma(verb)) in ("announce", "raise", "threaten")
                             or noun.dep_ == "dobj" and noun.head.i == verb.i):
                    continue  # "Bern sought talks after Washington set a 39% tariff on its exports": none taxes its own
            if subj is not None and subj.lower_ not in PRONOUNS:
                return self.code_in(subj)
        return None

    def accepter_of(self, noun: Token) -> str | None:
        """The country that accepts or agrees to a rate in a deal ("Indonesia agreed to a 19% tariff", "Vietnam
        accepted a 20% rate"): the one whose goods it falls on, even when no "its exports" says so."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ in ("to", "on") and verb.head.lemma_.lower() in ("agree", "settle"):
            verb = verb.head
        elif noun.dep_ != "dobj" or verb.lemma_.lower() not in ACCEPTING_VERBS:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None and verb.dep_ in ("xcomp", "conj"):
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)  # "has had to accept …"
        return self.code_in(subj) if subj is not None and subj.lower_ not in PRONOUNS else None

    def entry_market(self, noun: Token, verbs: list[Token]) -> str | None:
        """The market the taxed goods enter, told by a participle on them or on the rate in its clause ("a 20% duty
        on bicycles entering Harlby", "duties have kicked in for goods imported into Vestland")."""
        top = noun
        while top.dep_ in ("compound", "nsubj", "nsubjpass") and top.head.i != top.i:
            top = top.head  # "Duty hikes have kicked in for goods entering Harlby": the clause the rate is subject of
        clause = {t.i: t for h in [top, *verbs[:1]] for t in h.subtree}
        for t in clause.values():
            if t.dep_ != "acl" or t.lemma_.lower() not in ENTRY_VERBS or t.head.i not in clause:
                continue
            objs = [c for c in t.children if c.dep_ == "dobj" and t.lemma_.lower() == "enter"] + [
                o for c in t.children if c.dep_ == "prep" and c.lower_ == "into" for o in c.children if o.dep_ == "pobj"]
            code = next((code for o in objs if (code := self.code_in(o))), None)
            if code:
                return code
        return None

    def destination_of(self, noun: Token) -> str | None:
        """The market the taxed goods are shipped to, named in the rate's own phrase ("on its exports to the
        United States", "on goods it sells into the EU")."""
        for t in _rate_phrase(noun):
            if t.dep_ == "prep" and t.lower_ in ("to", "into") and t.head.lemma_.lower() in SHIPPED_GOODS | {
                    t.head.lower_}.intersection(SHIPPED_GOODS):
                code = next((self.code_in(o) for o in t.children if o.dep_ == "pobj"), None)
                if code:
                    return code
        return None

    def _falls_on(self, sent: Span) -> set[str]:
        """Countries named in the sentence only inside an "on", "against" or a rate's "for" phrase: whom some
        rate falls on ("… a 25% levy on US steel", "the 15% rate for the EU")."""
        inside, outside = set(), set()
        for i in range(sent.start, sent.end):
            if i in self.places:
                tok = self.doc[i]
                on = any(a.dep_ == "prep" and (a.lower_ in ("on", "against") or a.lower_ == "for" and a.head.lower_ in (
                    "rate", "rates", "tariff", "tariffs", "duty", "duties", "levy", "levies")) for a in tok.ancestors)
                (inside if on else outside).add(self.places[i])
        return inside - outside

    def _bearers(self, sent: Span) -> set[str]:
        """Countries the sentence says bear a rate: subjects of "faces", "pays", "receives" or "was hit with"
        ("Australia was hit with the 10% minimum, while Brazil faces 50%"): none of them imposes the other's."""
        codes = set()
        for tok in sent:
            if tok.dep_ == "nsubj" and verb_lemma(tok.head) in STATE_VERBS | RECEIVING_VERBS or \
                    tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in ("hit", "slap", "target"):
                if (code := self.code_in(tok)) is not None:
                    codes.add(code)
        return codes

    def taxed_before(self, sent: Span, imposing: str | None) -> str | None:
        """The one country a rate fell on in the two sentences before ("duties of 80.5% on Australian barley"),
        other than the imposer."""
        for prev in reversed([s for s in self.doc.sents if s.end <= sent.start][-2:]):
            codes = self._falls_on(prev) - {imposing}
            if len(codes) == 1:
                return codes.pop()
            if codes:
                return None
        return None

    def deal_partner(self, sent: Span, imposing: str | None) -> str | None:
        """The other side of a deal a cut is made under: one country or bloc other than the imposer, named in a
        sentence about a deal ("Under the pact with Britain, India will cut …"; "Britain and India signed a
        deal. India will cut …")."""
        before = [s for s in self.doc.sents if s.end <= sent.start][-1:]
        for span in [sent, *before]:
            if not any(t.lower_ in DEAL_WORDS for t in span):
                continue
            codes = {self.places[i] for i in range(span.start, span.end) if i in self.places} - {imposing, None}
            if len(codes) == 1:
                return codes.pop()
        return None

    def target_of(self, noun: Token, verbs: list[Token]) -> list[str]:
        """Countries or blocs a rate falls on ("on Chinese goods", "hitting Vietnam and Cambodia"), else "ALL" or
        a product."""
        near = [noun] + verbs[:1]
        if verbs and verbs[0].head.pos_ == "VERB" and verbs[0].dep_ in ("dobj", "xcomp", "conj"):
            near.append(verbs[0].head)  # "put on hold tariffs on Chinese goods": the parser splits the verb
        scopes = [c for h in near for c in h.children if c.dep_ == "prep" and (
            c.lower_ in ("on", "against", "for") or c.lower_ in ("to", "from") and h.lemma_.lower() in EXTENDING_VERBS)]
        scopes += [c for c in noun.children if c.dep_ in ("acl", "amod") and c.pos_ == "VERB"]  # "tariffs hitting X"
        scopes += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]  # "tariffs of 49% on/hitting X"
        scopes += self._after_a_range(noun, verbs)
        # "remove the duties it imposed on Australian barley": the rate's own clause says whom it falls on
        scopes += [p for c in noun.children if c.dep_ == "relcl" for p in c.children
                   if p.dep_ == "prep" and p.lower_ in ("on", "against")]
        if any(t.dep_ == "prep" and t.lower_ == "on" for t in noun.subtree) or any(
                c.dep_ == "prep" and c.lower_ == "on" and any(o.dep_ == "pobj" and o.lemma_.lower() in GOODS_NOUNS
                                                              for o in c.children)
                for v in verbs[:1] for c in v.children):
            # "tariffs on steel from China": goods and where they come from (without "on", "tariffs from
            # Washington" would name the one who imposes them); "raise tariffs | on goods | from countries
            # including Peru" parsed with both phrases on the verb
            scopes += [c for h in [noun] + verbs[:1] for c in h.children if c.dep_ == "prep" and c.lower_ == "from"]
        # "tariffs on products from countries without trade deals, including Peru and Chile": the examples given
        scopes += [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "including"]
        if noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children):
            # "a 25% tariff on steel and a 10% tariff on aluminum from Canada": where the goods come from, said
            # once for both
            scopes += [c for n in noun.conjuncts for c in n.children if c.dep_ == "prep" and c.lower_ == "from"]
            scopes += [c for n in noun.conjuncts for p in n.children if p.dep_ == "prep" and p.lower_ == "on"
                       for o in p.children for c in o.children if c.dep_ == "prep" and c.lower_ == "from"]
            # "the 30% steel tariff and 12% aluminum tariff Washington imposed on South Korea": a clause after the
            # last of them is said of both
            scopes += [p for c in shared_clauses(noun) if c.pos_ == "VERB"
                       for p in c.children if p.dep_ == "prep" and p.lower_ in ("on", "against")]
        # "imposed a 16% tariff on Peru, a 22% tariff on Chile and …": the parser hangs the later tariffs under the
        # first one's "on"; a scope above the noun that holds it is the earlier tariff's, not this one's
        # (the verb's "on Peru", between the first tariff and this one, is the first's too)
        scopes = [s for s in scopes if s.head.i == noun.i or not (
            s.left_edge.i <= noun.i <= s.right_edge.i or s.i < noun.i and any(
                t.lower_ == "%" or t.lower_ in ("percent", "per") for t in self.doc[s.head.i:s.i]) and any(
                t.lemma_.lower() in RATE_NOUN_LEMMAS for t in self.doc[s.head.i:s.i]))]
        found = [self.targets_in(scope) for scope in scopes]
        # countries in any scope first: "25% on steel and 10% on aluminum from China and Vietnam"
        codes = [c for f in found for c in f if c != "ALL" and c not in self.lex.product_names]
        if codes:
            return list(dict.fromkeys(codes))
        for f in found:
            if f:
                return f
        for c in noun.children:  # "Chinese tariffs" is ambiguous; "steel tariffs" is not
            if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in self.lex.products:
                return [self.lex.products[c.lower_]]
        return []

    def _after_a_range(self, noun: Token, verbs: list[Token]) -> list[Token]:
        """"tariffs of 15% to 25% on US pork", "duties ranging from 5% to 30% on Korean steel": the parser hangs
        whom the rates fall on under the range's last level, itself under the noun, its verb or "ranging"."""
        heads = [noun, *verbs[:1], *(c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB")]
        out = []
        for head in heads:
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("to", "from", "of", "between")):
                levels = [t for t in prep.subtree if t.dep_ == "pobj" and t.lower_ in ("percent", "%")
                          and _through_phrases(t, prep)]
                out += [c for t in levels for c in t.children if c.dep_ == "prep" and c.lower_ in ("on", "against")]
        return out

    def targets_in(self, scope: Token) -> list[str]:
        places, lex = self.places, self.lex
        # goods shipped "to the U.S." or "entering India" name the destination, not the target
        # "on Peru, a 22% tariff on Chile": a tariff with its own rate inside the scope falls on its own targets
        others = {t.i for t in scope.subtree if self._own_rate_noun(t)}
        tokens = [t for t in scope.subtree
                  if not any(a.lower_ in DESTINATION_WORDS and scope.i < a.i for a in t.ancestors if a.i >= scope.i)
                  and not (t.lower_ in DESTINATION_WORDS and t.i > scope.i)
                  and not _in_clause_of_country_noun(t, scope)
                  and not any(a.i in others for a in [t, *t.ancestors] if a.i > scope.i)]
        # "for every country except China", "on all imports other than oil": who is left out is no target
        cut = next((t.i for t in tokens if t.i > scope.i and (t.lower_ in EXCEPT_WORDS or t.lower_ == "other" and
                    t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "than")), None)
        if cut is not None:
            tokens = [t for t in tokens if t.i < cut]
        codes = list(dict.fromkeys(places[t.i] if t.i in places else lex.adjective_places[t.lower_]
                                   for t in tokens if t.i in places or t.lower_ in lex.adjective_places))
        if codes:
            return codes
        text = " ".join(t.lower_ for t in tokens)
        if any(w in text for w in lex.all_words) or MANY_COUNTRIES.search(text):
            return ["ALL"]
        if any(t.lemma_.lower() in ("country", "nation") and t.tag_ == "NN" and any(
                c.lower_ in ("the", "this") for c in t.children) for t in tokens):
            named = self.country_before(scope.i)  # "on imports from the country": the one named last
            if named:
                return [named]
        # "a 25% tariff on imported trucks": goods from anywhere
        return self.products_in(tokens)[:1] or (["ALL"] if any(
            t.lower_ in ("imported", "imports", "foreign") for t in tokens) else [])

    def _gapped(self, i: int) -> bool:
        """A country with its own rate right after it, in a clause that leaves out the verb: "Peru will face a
        14% tariff from July 1, and Chile 19%". It bears a rate; it imposes none."""
        j = i
        while j + 1 < len(self.doc) and self.places.get(j + 1) == self.places[i]:
            j += 1
        nxt = self.doc[j + 1] if j + 1 < len(self.doc) else None
        if nxt is not None and nxt.lower_ in ("a", "an", "at") and nxt.i + 1 < len(self.doc):
            nxt = self.doc[nxt.i + 1]  # "… and Chile a 19% tariff", "…, and goods from Peru at 13%"
        return nxt is not None and (nxt.like_num or nxt.ent_type_ == "PERCENT") and any(
            r.start == nxt.i and r.unit == "percent" for r in self.view.rates)

    def _own_rate_noun(self, tok: Token) -> bool:
        """A tariff noun joined to another by apposition or "and" with a percentage of its own: "a 22% tariff"."""
        return tok.dep_ in ("appos", "conj") and tok.lemma_.lower() in RATE_NOUN_LEMMAS and any(
            t.like_num or t.text == "%" for t in self.doc[tok.left_edge.i:tok.i])

    def country_before(self, i: int) -> str | None:
        """The country named last before token i, in its sentence or the two before, other than the imposer."""
        sents = [s for s in self.doc.sents if s.start <= i][-3:]
        start = sents[0].start if sents else 0
        for j in range(i - 1, start - 1, -1):
            code = self.places.get(j)
            if code and code != self._not_target:
                return code
        return None

    def products_near(self, noun: Token, verbs: list[Token]) -> list[str]:
        """Goods a rate falls on, named beside its countries ("tariffs on steel from Canada", "steel tariffs")."""
        # "tariffs on cars", and "tariffs of 35% on cars" where the parser hangs "on" under the level
        heads = [noun] + [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children]
        preps = [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "for")]
        preps += [c for v in verbs[:1] for c in v.children if c.dep_ == "prep" and c.lower_ in ("on", "for")]
        preps += self._after_a_range(noun, verbs)
        tokens = [t for c in dict.fromkeys(preps) for t in c.subtree if not _in_clause_of_country_noun(t, c)]
        # "steel and aluminum tariffs": each modifier joined by "and"
        tokens += [t for c in noun.children if c.dep_ in ("compound", "amod", "nmod") for t in [c, *c.conjuncts]]
        return self.products_in(tokens)

    def products_in(self, tokens: list[Token]) -> list[str]:
        """Products named in a run of tokens, in order, a two-word name first ("electric vehicles" is one
        product, not also "vehicles")."""
        products = self.lex.products
        found: list[str] = []
        i = 0
        while i < len(tokens):
            two = f"{tokens[i].lower_} {tokens[i + 1].lower_}" if i + 1 < len(tokens) else ""
            name = products.get(two)
            i += 2 if name else 1
            after = f"{tokens[i].lower_} {tokens[i + 1].lower_}" if not name and i + 1 < len(tokens) else ""
            if after in products:
                continue  # "crude palm oil" is palm oil, not crude
            name = name or products.get(tokens[i - 1].lower_)
            if name and name not in found:
                found.append(name)
        return found

    def countries_referred_to(self, sent: Span, phrases: list[Token]) -> list[str]:
        """"those nations", "the three countries": the countries of the latest list of two or more in the three
        sentences before."""
        places = self.places
        if not any(t.lemma_.lower() in COUNTRY_NOUNS and t.tag_ == "NNS" and any(
                c.lower_ in ("those", "these", "both") or c.dep_ == "nummod" for c in t.children) for t in phrases):
            return []
        earlier = [s for s in self.doc.sents if s.end <= sent.start][-3:]
        for prev in reversed(earlier):
            for tok in prev:
                codes = [places[t.i] for t in [tok, *tok.conjuncts] if t.i in places]
                if tok.i in places and len(dict.fromkeys(codes)) >= 2:
                    return list(dict.fromkeys(codes))
        return []

    def _private(self, tok: Token) -> bool:
        """A country named only as what firms, trades or people outside government are ("Japanese automakers
        warned"): they tax no one."""
        return tok.dep_ in ("amod", "compound", "nmod") and tok.head.lemma_.lower() in self.lex.private_actors

    def rate_owner(self, noun: Token) -> str | None:
        """The country whose interest rate a rate noun names, when no one is said to set it: "Sweden's interest
        rates", "UK interest rates", "interest rates in Sweden" (rates "set by" someone are that one's)."""
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i or c.dep_ == "prep" and c.lower_ == "in":
                code = self.code_in(c)
                if code is not None:
                    return code
        return None

    def code_in(self, tok: Token, skip: Token | None = None) -> str | None:
        """The first country or bloc named in a token's phrase, outside `skip`'s phrase."""
        skipped = {t.i for t in skip.subtree} if skip is not None else set()
        return next((self.places[t.i] for t in tok.subtree if t.i in self.places and t.i not in skipped), None)

    def actor_in(self, start: int, end: int, exclude: str | None = None) -> str | None:
        """The first government actor named in a stretch of text ("Trump" → USA, "Beijing" → CHN), or named
        before by its full name and now by its last word ("the European Commission" … "the Commission")."""
        found = [(m.start(), self.lex.actor_codes[m.group()]) for m in self.lex.actors.finditer(self.view.text, start, end)]
        found += [(m.start(), code) for m in SHORT_NAME.finditer(self.view.text, start, end)
                  if (code := self._short_names(start).get(m.group(1)))]
        return next((code for _, code in sorted(found) if code != exclude), None)

    def official_country(self, tok: Token) -> str | None:
        """The country of the official a phrase names ("the prime minister", "Okafor", a "he" the officials
        component resolved), or, for another "he" or "she", of the official who is the subject of the clause it
        stands in ("She said the duties she imposed …")."""
        if self._official_mentions is None:
            self._official_mentions = sorted((m.start_char, m.end_char, o.country)
                                             for o in self.doc._.officials or [] for m in o.mentions)
        named = self._mention_country(tok)
        if named is not None or tok.lower_ not in ("he", "she", "his", "her"):
            return named or None
        for verb in tok.ancestors:
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i != tok.i), None)
            code = self._mention_country(subj) if subj is not None and verb.pos_ in ("VERB", "AUX") else None
            if code is not None:
                return code or None
        return None

    def body_of_the_dateline(self, tok: Token) -> str | None:
        """"OSLO, May 3 (Reuters) -- The Finance Ministry said it would …": a national body named without its
        country, in a story whose dateline names a capital, is that capital's country's."""
        if tok.lemma_.lower() not in NATIONAL_BODIES or tok.ent_type_ in ("GPE", "NORP") or any(
                c.dep_ == "poss" for c in tok.children):
            return None  # ("his government would impose …": the government of whoever "his" is)
        return dateline_country(self.doc)

    def _mention_country(self, tok: Token) -> str | None:
        """The country of the official mentioned in a token's phrase ("" when the official has none)."""
        lo, hi = extent(tok)
        return next(((code or "") for s, e, code in self._official_mentions if lo <= s < hi), None)

    def _short_names(self, before: int) -> dict[str, str]:
        """Last word of each several-word actor named before an offset → its code ("Commission" → EU)."""
        if self._actor_mentions is None:
            self._actor_mentions = [(m.start(), m.group().split()[-1], self.lex.actor_codes[m.group()])
                                    for m in self.lex.actors.finditer(self.view.text)
                                    if " " in m.group() and m.group().split()[-1][:1].isupper()]
        return {word: code for start, word, code in self._actor_mentions if start < before}


def _through_phrases(tok: Token, top: Token) -> bool:
    """`tok` hangs under `top` through prepositions and their objects only ("from 5% to | 30%")."""
    while tok.i != top.i:
        if tok.dep_ not in ("prep", "pobj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _setter(tok: Token) -> bool:
    """A passive's "by" phrase that names who acted ("raised by Barclays"), not by how much ("cut by a quarter
    point", "by 0.25%")."""
    if tok.dep_ != "agent":
        return False
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return obj is not None and not obj.like_num and obj.lemma_.lower() not in ("point", "percent", "%", "bps")


def _relative_setter(noun: Token, lex: RateLexicon) -> Token | None:
    """The subject of a relative clause that sets the rate ("the duty that Peru imposed", "the levies Washington
    charged"): who imposed it, not whom it falls on."""
    return next((s for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() in lex.rate_setting_verbs
                 for s in c.children if s.dep_ == "nsubj" and s.lower_ not in PRONOUNS), None)


def _rate_phrase(noun: Token) -> list[Token]:
    """The rate noun's phrase, with the "on" phrase the parser hung on its verb ("accepted a 15% tariff | on
    most of its exports")."""
    tokens = list(noun.subtree)
    if noun.dep_ == "dobj":
        tokens += [t for c in noun.head.children if c.dep_ == "prep" and c.lower_ in ("on", "against") and c.i > noun.i
                   for t in c.subtree]
    return tokens


def _rate_falls_on(goods: Token) -> bool:
    """The goods are what an "on" or "against" phrase names, directly or as a share ("on its exports", "on
    most of its exports")."""
    head = goods.head
    if head.dep_ == "prep" and head.lower_ == "of" and head.head.lower_ in SHARE_WORDS:
        head = head.head.head
    return head.dep_ == "prep" and head.lower_ in ("on", "against")


def _lender(subj: Token, noun: Token) -> bool:
    """A subject that is a lender, not a central bank: "lenders", "commercial banks", or a named firm moving a
    lender's rate of its own ("Barclays cut its base lending rate", "HSBC raised its prime rate"). Central banks
    are found by name before this is asked; a name not known ("BSP cut its key rate") is taken for one."""
    words = {t.lower_ for t in subj.subtree}
    if words & CENTRAL_WORDS or subj.lower_ in PRONOUNS:
        return False
    if subj.lemma_.lower() in LENDER_WORDS or subj.lemma_.lower() == "bank" and (
            subj.tag_ == "NNS" or words & {"commercial", "retail", "high-street", "clearing"}):
        return True
    own = {t.lower_ for t in noun.subtree}
    return bool(own & LENDING_RATE_WORDS) and own & {"its", "their"} and subj.text[:1].isupper() \
        and subj.ent_type_ not in ("PERSON", "GPE", "NORP") and not any(t.lower_ == "of" for t in subj.subtree)


def _clause_subject(verb: Token) -> Token | None:
    """The party behind a subjectless verb's clause, through a noun or two: the noun's own owner ("the US
    move to impose …", "Ottawa's plan to …"), else the subject of a verb of deciding over it ("X announced
    plans to impose …"). Whoever condemns or fears a move is not its author."""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in ("acl", "xcomp", "ccomp", "advcl", "conj", "dobj", "pobj", "prep") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN"):
            owner = next((c for c in tok.children if c.dep_ in ("poss", "compound", "amod") and c.pos_ == "PROPN"),
                         None)
            if owner is not None:
                return owner
        if tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_.lower() not in DECIDING_VERBS:
                return None
            return next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return None


def extent(tok: Token) -> tuple[int, int]:
    """Character offsets of a token's whole phrase (its subtree)."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
