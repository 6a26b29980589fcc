"""Who a document speaks for: the author its own phrase names ("a report by the IMF", "the agency's report"), the
institution that published it ("minutes released by the Reserve Bank", "a notice on the ministry's website"), or the
author named on an earlier mention of the same document.

A mixin of ``InstitutionSpeakers`` (it uses the resolver's doc, people, organizations heard and name helpers).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.quotes.entities import entity_of
from nlp.quotes.people import Person

# how far back (in tokens) a pronoun or description looks for its person
LOOKBACK_TOKENS = 350
_WEB_PLACES = frozenset({"website", "site", "webpage", "homepage", "portal"})  # where an institution posts its text
# papers a government or body puts out ("a white paper", "a policy paper"); "the paper" alone is a newspaper
PAPER_KINDS = frozenset({"white", "green", "policy", "position", "working", "discussion", "consultation"})
# verbs whose subject puts a document out: "the ministry issued a white paper … the white paper said"
_PUBLISHING_VERBS = frozenset({"publish", "issue", "release", "unveil", "launch", "present", "submit", "sign",
                               "adopt", "circulate", "post", "make", "conduct", "carry"})


class DocumentAuthors:
    """Document authors for ``InstitutionSpeakers``."""

    def is_document(self, tok: Token) -> bool:
        """A text whose author speaks through it: "a report", "the minutes", "a white paper" or "a policy paper" (a
        government's; "the paper" alone is more often a newspaper), and a text a body issues when it is the
        speaker ("according to the plan", "the memorandum said")."""
        return tok.lemma_.lower() in self.lex.document_nouns or tok.lower_ in self.lex.document_nouns \
            or self.is_issued_text(tok) \
            or tok.lower_ == "paper" and any(c.lower_ in PAPER_KINDS and c.dep_ in ("amod", "compound") for c in tok.children)

    def is_issued_text(self, tok: Token) -> bool:
        """A plan, guideline, memorandum or list a body issues: its issuer speaks only when the text names it."""
        return tok.lemma_.lower() in self.lex.issued_texts or tok.lower_ in self.lex.issued_texts

    def _posted_by(self, head: Token) -> str | None:
        """Whose website a document is on: "a notice on the Agriculture Ministry website", "a notice posted
        on the Treasury's website" → that institution (a document's site is its author's)."""
        if head.lemma_.lower() not in self.lex.own_documents:
            return None
        heads = [head] + [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        for place in (g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "on"
                      for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in _WEB_PLACES):
            owner = next((c for c in place.children if c.dep_ in ("poss", "compound", "nmod") and c.i < place.i
                          and c.ent_type_ in ("ORG", "GPE")), None)
            ent = entity_of(owner) if owner is not None else None
            if ent is not None and ent.end <= place.i and (ent.label_ == "ORG" or self.lex.org(ent.text)):
                return self._organization_name(ent)
        return None

    def _earlier_document_author(self, head: Token) -> Person | str | None:
        """Who "the report" (or "the study", "the survey") is by when the text named its author on an earlier
        mention of the same document: "a report by the IMF", "the agency's report", "an OECD study", "X published
        a report", or "X said in a report" (X, when X spoke as an institution). The nearest such mention wins."""
        lemma = head.lemma_.lower()
        for k in range(head.i - 1, max(-1, head.i - 2 * LOOKBACK_TOKENS), -1):
            tok = self.doc[k]
            if tok.lemma_.lower() != lemma or tok.pos_ not in ("NOUN", "PROPN") \
                    or self._inside(self.quote_ranges, tok.idx):
                continue
            found = self._author_named(tok) or self._publisher(tok)
            if found is not None:
                return found
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "with"):
                verb = tok.head.head  # "the Bank of Norland says in its annual report"
                spoke = next((name for at, name in self.org_speakers if self.doc[at].head.i == verb.i), None)
                if spoke is not None:
                    return spoke
                if self.lex.cue_class(verb.lemma_) == "speech":
                    # "Secretary General X said in a statement … the statement added": X, not an earlier statement's
                    # author
                    speaker = next((self.by_token[t.i] for c in verb.children if c.dep_ == "nsubj"
                                    for t in [c, *(a for a in c.children if a.dep_ == "appos")]
                                    if t.i in self.by_token), None)
                    if speaker is not None:
                        return speaker
        return None

    def _publisher(self, tok: Token) -> Person | str | None:
        """The subject of the verb that put the document out: "The Cabinet Office issued a white paper", "Premier
        X signed a decree", "the board made a decision", "researchers carried out a survey" → that body or person."""
        verb = tok.head
        if tok.dep_ != "dobj" or verb.lemma_.lower() not in _PUBLISHING_VERBS \
                or verb.lemma_.lower() == "carry" and not any(c.lower_ == "out" for c in verb.children) \
                or any(c.lower_ == "joint" for c in tok.children):
            return None  # ("X signed a joint statement with Y": X is one of its authors, not the author)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or self._inside(self.quote_ranges, subject.idx) \
                or any(c.dep_ == "conj" for c in subject.children):
            return None  # ("Britain and France issued a joint statement": no one of them is its author)
        if subject.i in self.by_token:
            return self.by_token[subject.i]
        ent = entity_of(subject)
        if ent is not None and ent.label_ in ("ORG", "GPE"):
            return self._organization_name(ent)  # ("China published a white paper": the government, as the text names it)
        if subject.lemma_.lower() in self.lex.institution_nouns | self.lex.company_nouns \
                and any(c.dep_ in ("det", "poss") for c in subject.children):
            # "the ministry issued a white paper": the one named before, else the body as the text calls it ("the
            # central government issued a white paper"), never the paper
            return self.organization_referred(subject) or _as_written(self.mention_span(subject))
        return None

    def _with_co_issuers(self, obj: Token, name: str) -> str:
        """"issued by the Planning Commission, the Foreign Ministry and the Trade Ministry": one speaker string for
        the bodies that put a text out together, as written (a list of names closed by "and", however parsed)."""
        ent = entity_of(obj)
        if ent is None or ent.label_ != "ORG":
            return name
        k, last, closed = ent.end, None, False
        while k + 1 < len(self.doc) and self.doc[k].text in (",", "and"):
            joiner = k
            if self.doc[k].text == "," and self.doc[k + 1].lower_ == "and":
                k += 1
            partner = entity_of(self.doc[k + 1]) if self.doc[k + 1].ent_iob_ == "B" else None
            if partner is None or partner.label_ != "ORG":
                break
            last, closed, k = partner.end, self.doc[k].lower_ == "and" or self.doc[joiner].lower_ == "and", partner.end
        if last is None or not closed:
            return name
        return _as_written(self.doc[obj.left_edge.i:last]) or name

    def later_document_author(self, head: Token) -> Person | str | None:
        """"A white paper said on Tuesday … said the white paper, issued by the Cabinet Office": the issuer a
        later mention of the same document names with a participle ("issued by", "published by"), when the
        first mention names none (another "a white paper" is another document: the search stops there)."""
        lemma = head.lemma_.lower()
        for k in range(head.i + 1, min(len(self.doc), head.i + LOOKBACK_TOKENS)):
            tok = self.doc[k]
            if tok.lemma_.lower() != lemma or tok.pos_ not in ("NOUN", "PROPN") \
                    or self._inside(self.quote_ranges, tok.idx):
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
                return None
            found = self._document_agent(tok)
            if found is not None:
                return found
        return None

    def _author_named(self, tok: Token) -> Person | str | None:
        """The author a document's own phrase names: "the agency's report", "a report by the IMF", "an OECD
        study", "the fund's report"."""
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None and poss.ent_type_ in ("ORG", "GPE"):
            return self._organization_name(entity_of(poss) or self.doc[poss.i:poss.i + 1])
        if poss is not None and poss.i in self.by_token:
            return self.by_token[poss.i]
        described = self._described_possessor(poss) if poss is not None else None
        if described is not None:
            return described
        author = next((g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                       for g in c.children if g.dep_ == "pobj"), None)
        return self._named_object(author) if author is not None else self._named_owner(tok)

    def _document_agent(self, head: Token, depth: int = 0) -> Person | str | None:
        """Who a document is by when a participle names its author: "minutes released by the Reserve Bank",
        "a complaint filed by the Brazilian government", "results of polls conducted by X", "a poll of 1,000
        voters released by X", "a report on grain issued by X", "an analysis of data by X" (what the parser hung
        on the words after the preposition, once)."""
        if depth == 0 and not self.is_document(head):
            return None
        if depth == 1:
            # "an analysis of customs data by the Kiel Institute": "by" hung on the words after "of"
            by = next((g for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                       for g in c.children if g.dep_ == "pobj"), None)
            found = self._named_object(by) if by is not None else None
            if found is not None:
                return found
        for acl in head.children:
            if acl.dep_ != "acl" or acl.tag_ != "VBN":
                continue
            for agent in acl.children:
                if agent.dep_ != "agent":
                    continue
                for obj in agent.children:
                    if obj.dep_ == "pobj":
                        found = self._named_object(obj)
                        if found is None and obj.lemma_.lower() in self.lex.company_nouns:
                            found = self.doc[obj.left_edge.i:obj.i + 1].text  # "filed by the steelmakers' association"
                        if isinstance(found, str):
                            found = self._with_co_issuers(obj, found)
                        if found is not None:
                            return found
        if depth == 0:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "about", "into"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            found = self._document_agent(obj, 1)
                            if found is not None:
                                return found
        return None

    def _own_document_institution(self, head: Token) -> str | None:
        """Whose "statement" or "minutes" a document with no owner written is: the organization that spoke last;
        failing that, for a statement, minutes or a release (not a report or a letter, which may well be someone
        else's), the institution the story named last ("…, said the statement" with none quoted yet: a central
        bank, a ministry, a government; not any organization in passing)."""
        org = next((name for at, name in reversed(self.org_speakers)
                    if at < head.i and head.i - at <= LOOKBACK_TOKENS), None)
        lemma = head.lemma_.lower()
        if org is None and (lemma in self.lex.own_documents or head.lower_ in self.lex.own_documents):
            found = self.orgs.latest(head.i, institutions=True)
            org = found.text if found is not None and head.i - found.start <= LOOKBACK_TOKENS else None
        return org


def _as_written(span: Span) -> str | None:
    """A body as the text calls it, with a lower-case article ("The central government" → "the central
    government")."""
    words = span.text.split()
    if not words:
        return None
    if words[0] in ("The", "A", "An"):
        words[0] = words[0].lower()
    return " ".join(words)
