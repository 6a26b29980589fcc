"""Rates given one by one in a list, each with its own country or goods: "18% on Chile, 26% on Peru", "Vietnam
(46%), Cambodia (49%)", a table row "Vietnam: 46%", "raised duties on cars to 50%, wine to 30%"."""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.rates.percentages import Rate
from nlp.rates.triggers import RECEIVING_VERBS, STATE_VERBS, verb_lemma

# words between a rate and the country it falls on in a list: "18% on the goods of Chile", "on imports from Peru"
LIST_FILLERS = {"the", "goods", "imports", "products", "exports", "from", "of", "all", "shipments"}


class ListedLevels:
    """The reading of listed levels, part of :class:`nlp.rates.parties.PartyReader` (which gives ``doc``,
    ``places``, ``code_in``, ``targets_in``, ``products_in`` and ``_gapped``)."""

    def listed_targets(self, rates: list[Rate]) -> dict[int, str]:
        """Rate start → the country or bloc written right beside it, when a sentence lists two or more targets
        each with its own rate: "18% on Chile, 26% on Peru", "Vietnam (46%), Cambodia (49%)", "Chile 18%"."""
        found = {}
        for r in rates:
            code = self._place_after(r) or self._place_before(r)
            if code:
                found[r.start] = code
        if found and len(found) < len(rates):
            # "Peru will face a 14% tariff, and Chile 19%": the first rate is its clause subject's
            for r in rates:
                if r.start not in found and (code := self._bearer(r)) and code not in found.values():
                    found[r.start] = code
        if len(set(found.values())) < 2 and rates and "respectively" in {t.lower_ for t in self.doc[rates[0].start:]}:
            # "tariffs of 46%, 49% and 36% on Vietnam, Cambodia and Thailand respectively": in order
            sent = self.doc[rates[0].start].sent
            groups = [[t, *t.conjuncts] for t in sent if t.i in self.places]
            listed = max(groups, key=len) if groups else []
            codes = list(dict.fromkeys(self.places[t.i] for t in sorted(listed, key=lambda t: t.i)
                                       if t.i in self.places))
            levels = [r for r in rates if r.unit == "percent"]
            if len(codes) == len(levels) >= 2:
                found = {r.start: code for r, code in zip(levels, codes)}
        return found if len(set(found.values())) >= 2 else {}

    def table_row(self, seg: Span, rates: list[Rate]) -> tuple[str, Rate] | None:
        """A table row or bullet giving one country its rate ("Vietnam: 46%", "• Cambodia – 49 percent"): a short
        line with one country, one percentage and no verb."""
        words = [t for t in seg if not t.is_space and not t.is_punct]
        codes = {self.places[t.i] for t in seg if t.i in self.places}
        own = [r for r in rates if seg.start <= r.start < seg.end and r.unit == "percent"]
        if len(words) > 8 or len(codes) != 1 or len(own) != 1 or any(t.pos_ in ("VERB", "AUX") and t.is_alpha for t in seg):
            return None
        return codes.pop(), own[0]

    def _place_after(self, r: Rate) -> str | None:
        doc = self.doc
        i = r.end
        if i >= len(doc) or doc[i].lower_ not in ("on", "for", "against", "to"):
            return None
        i += 1
        for _ in range(3):  # "on the goods of", "on imports from"
            if i < len(doc) and doc[i].lower_ in LIST_FILLERS:
                i += 1
        return self.places.get(i) if i < len(doc) else None

    def _bearer(self, r: Rate) -> str | None:
        """The country that faces, pays or receives the rate, as its verb's subject ("Peru will face a 14% tariff")."""
        verb = next((a for a in self.doc[r.start].ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        # "Imports from Chile will be taxed at 32%": whose goods are taxed
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass" or c.dep_ == "nsubj" and verb_lemma(
            verb) in STATE_VERBS | RECEIVING_VERBS), None)
        return self.code_in(subj) if subj is not None else None

    def _place_before(self, r: Rate) -> str | None:
        doc = self.doc
        i = r.start - 1
        if i >= 0 and (doc[i].lower_ in ("(", ":", "at", "-", "–", "—", "of") or doc[i].is_punct and doc[i].text != ","):
            i -= 1
        elif i > 0 and doc[i].lower_ in ("a", "an") and i - 1 in self.places and self._gapped(i - 1):
            i -= 1  # "… and Chile a 19% tariff"
        if i < 0 or i not in self.places or (i + 1 < len(doc) and doc[i + 1].lower_ in ("'s", "’s")):
            return None
        return self.places[i]

    def own_scope(self, where: Rate) -> tuple[list[str], list[str]]:
        """The targets and goods a level names for itself: "20% on copper and 12% on lumber", "10% on aluminum
        from Canada, Mexico and the EU"."""
        root = self.doc[where.start:where.end].root
        # "a 20% duty on wine and a 5% one on cheese": the level's own phrase ends in "one"
        holders = [root] + ([root.head] if root.head.lower_ in ("one", "ones") and root.head.i == where.end else [])
        for prep in (c for h in holders for c in h.children):
            if prep.dep_ == "prep" and prep.lower_ in ("on", "for", "against"):
                return self.targets_in(prep), self.products_in(list(prep.subtree))
        return [], self.goods_before_to(where)

    def goods_before_to(self, where: Rate) -> list[str]:
        """"raise duties on cars to 50%, wine to 30% and coal to 12%": the goods right before a level's "to"."""
        i = where.start - 1
        if i < 1 or self.doc[i].lower_ != "to":
            return []
        words: list[Token] = []
        for tok in reversed(self.doc[max(0, i - 4):i]):
            if tok.lower_ in (",", "and", "on", "of", "for", "while"):
                break
            words.insert(0, tok)
        return self.products_in(words)[:1]
