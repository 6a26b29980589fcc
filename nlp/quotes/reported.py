"""Reported speech: a reporting verb with a clausal complement ("Bessent said the talks were …", "…, the
ministry said.", "saying that …"), and "according to X". The content is the complement, the speaker the verb's
subject; quoted words inside the content make it a mixed quote.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from nlp.datelines import after_dateline
from nlp.quotes.drafts import Draft
from nlp.segments import across_paragraphs

QUOTE_MARK_TOKENS = {'"', "“", "”", "''", "``", "„", "«", "»"}
CONTENT_DEPS = ("ccomp",)
OBJECT_CONTROL_CUES = {"tell", "urge", "ask", "call", "warn", "advise", "instruct", "order", "encourage", "implore"}
# whom news says something was told to ("told a news conference", "told reporters", "told Reuters")
_AUDIENCES = {"conference", "briefing", "reporter", "journalist", "lawmaker", "parliament", "audience", "forum",
              "meeting", "crowd", "delegate", "investor", "press", "committee", "hearing", "panel", "senator",
              "legislator", "congress", "supporter", "interviewer", "station", "radio", "newspaper", "television",
              "broadcaster", "agency", "paper", "channel", "network", "summit", "gathering", "event", "rally"}
FUTURE_AUXES = {"would", "will", "'ll", "'d", "could", "might", "may", "shall"}
_CONTRAST_MARKS = {"while", "whereas", "although", "though"}  # clauses set against the one before


def made_clear(tok: Token) -> Token | None:
    """"clear" when a form of "make" reports speech with it ("made clear that …", "made it clear that …")."""
    if tok.lemma_.lower() != "make":
        return None
    return next((c for c in tok.children if c.lower_ == "clear" and c.dep_ in ("ccomp", "acomp", "oprd", "dobj")),
                None)


class ReportedSpeech:
    """The reported-speech half of `Attributor` (nlp/quotes/attribution.py), which holds the doc, its quotes,
    the lexicon and the speaker resolver these steps use."""

    def indirect(self, direct: list[Draft]) -> list[Draft]:
        covered: list[tuple[int, int]] = sorted(f for d in direct for f in d.fragments)
        direct_cues = {d.cue.i for d in direct if d.cue is not None}
        drafts: list[Draft] = []
        for tok in self.doc:
            if tok.i in direct_cues or tok.i in self.quote_tokens:
                continue
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                draft = self._according(tok)
            elif (_puts_it(tok) or self.lex.cue_class(tok.lemma_) == "speech") \
                    and self._as_clause(tok) is not None:
                draft = self._reported(tok)  # "As Lord Pike puts it, the plan …" (and "notes" tagged a noun)
            elif self.is_cue(tok):
                draft = self._reported(tok)
            else:
                continue
            if draft is None:
                continue
            # pieces that are a direct quote already found belong to that statement; keep the reported rest
            kept = [f for f in draft.fragments
                    if sum(_overlap(f, c) for c in covered) <= 0.5 * (f[1] - f[0])]
            if not kept or sum(e - s for s, e in kept) < 12:
                continue
            draft.fragments = kept
            drafts.append(draft)
        return drafts

    def _reported(self, cue: Token) -> Draft | None:
        if any(c.dep_ == "neg" for c in cue.children) or cue.dep_ == "acl" and cue.tag_ == "VBN":
            return None  # "did not say …"; "a group called the X Fund"
        if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in ("decline", "refuse", "fail"):
            return None  # "the governor declined to say when …": nothing was said
        if _lets_say(cue):
            return None  # "in, let's say, ten years": a way of giving an example, no one's words
        if cue.lemma_.lower() == "ask" and not any(c.dep_ in ("nsubj", "auxpass", "nsubjpass") for c in cue.children) \
                and (cue.tag_ == "VBN" or any(c.lower_ in ("when", "if", "after") for c in cue.children)):
            return None  # "(When) asked whether …, Marsh said …": the question was put to the speaker, who answers next
        if cue.dep_ == "ccomp" and self.is_cue(cue.head) and any(
                c.dep_ == "aux" and c.lower_ in FUTURE_AUXES for c in cue.children):
            return None  # "said Tokyo would ask Washington to …": a step the outer speaker announces, no words said
        set_off = self._speaker_set_off_before(cue)
        head = set_off[0] if set_off is not None else self.subject_of(cue)
        if head is None or head.lower_ in ("which", "that") or head.tag_ == "WP" and not _who_of_a_name(head) \
                or across_paragraphs(head, cue):
            return None  # (a subject in another paragraph is a headline or subhead the parser ran on)
        if head.lower_ == "it" and (self.lex.cue_class(cue.lemma_) != "speech"
                                    or self.resolver.organization_antecedent(head.i) is None):
            return None  # "it" says something only as an institution named just before ("It said rates …")
        # content wholly in another paragraph is not this cue's ('Deal agreed¶A deal was struck …'); content that
        # only reaches into one is cut at the break by _trim_content
        pieces = [(a, b) for a, b in (set_off[1] if set_off is not None else self._content(cue, head))
                  if not across_paragraphs(cue, self.doc[b - 1] if b <= cue.i else self.doc[a])]
        if not pieces:
            return None
        frags = []
        for a, b in pieces:
            if b <= cue.i and a < head.left_edge.i < b and self.doc[head.left_edge.i - 1].text == ",":
                b = head.left_edge.i  # ("…, an industry official, who …, said": the speaker the parse hung inside)
            a, b = self._trim_content(a, b, keep_end=b <= cue.i)
            # a lone relative pronoun or a two-word stub left over by a parenthetical cue is no content
            if b - a >= 3 or b - a >= 1 and len(pieces) == 1:
                frags.append((a, b))
        if sum(b - a for a, b in frags) < 3:
            return None
        spans = [self.doc[a:b] for a, b in frags]
        mixed = any(t.i in self.quote_tokens for sp in spans for t in sp)
        quoted = mixed and all(self._mostly_quoted(sp) for sp in spans)
        return Draft([(sp.start_char, sp.end_char) for sp in spans], "direct" if quoted else "indirect",
                     cue=cue, cue_text=self.cue_text(cue), speaker_head=head, confidence=0.75)

    def _content(self, cue: Token, head: Token) -> list[tuple[int, int]]:
        """Token ranges of what the cue reports: its clausal complement, or for "told X to …", "called X Y",
        "called for X" the object phrase; a parenthetical cue ('…, he said, …') reports the clause around it."""
        as_end = self._as_clause(cue)
        if as_end is not None:  # "As Ms Lopez notes, prices are …": the clause the as-clause hangs on, without it
            main = cue.head if cue.head.i != cue.i else None
            while main is not None and main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
                main = main.head  # ("Such a levy, as X argued, would …": the clause hung on the subject noun)
            if main is not None and any(c.dep_ == "neg" for c in main.children) and as_end + 1 < len(self.doc) \
                    and self.doc[as_end + 1].lower_ == "but":
                return []  # ("… will not be a quick fix, as ministers claim, but …": they claim the opposite)
            start, end = (main.left_edge.i, main.right_edge.i + 1) if main is not None \
                else (cue.sent.start, cue.sent.end)
            mark = next(c for c in cue.children if c.dep_ == "mark")
            return [r for r in ((start, mark.i), (as_end + 1, end)) if r[1] - r[0] >= 1]
        clear = made_clear(cue)
        if clear is not None:  # "made (it) clear that …": the that-clause, under "made" or under "clear"
            # (or a clause with its own subject right after "clear": "made clear it will keep rates low")
            clause = next((c for t in (cue, clear) for c in t.children
                           if c.dep_ in ("ccomp", "advcl", "csubj") and c != clear
                           and (any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                                or c.dep_ == "ccomp" and c.left_edge.i == clear.i + 1
                                and any(m.dep_ in ("nsubj", "nsubjpass") for m in c.children))), None)
            return [(clause.left_edge.i, clause.right_edge.i + 1)] if clause is not None else []
        comps = [c for c in cue.children if c.dep_ in CONTENT_DEPS]
        if len(comps) > 1:
            # '…A, Lighthizer said, "B…"': content on both sides, unless the part before is not content
            pieces = [(c.left_edge.i, c.right_edge.i + 1) for c in comps if c.i > cue.i or self._content_before(c, cue)]
            if pieces:
                return pieces
        comp = comps[0] if comps else None
        if comp is not None:
            start, end = comp.left_edge.i, comp.right_edge.i + 1
            if start < cue.i < end:
                return self._around(cue, head, start, end)
            end = self._before_contrasted_speaker(comp, start, end)
            that = self._that_before_subjectless(cue, comp)
            if that is not None:
                return [(that + 1, end)]
            return [(start, end)]
        lemma = cue.lemma_.lower()
        clause = self._clause_on_document(cue)
        if clause is not None:
            return [(clause.left_edge.i, clause.right_edge.i + 1)]
        dobj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        told = self._clause_read_as_relative(dobj) if lemma == "tell" and dobj is not None else None
        if told is not None:  # "told a news conference the bank would act": what was told, not a relative clause
            return [(told.left_edge.i, told.right_edge.i + 1)]
        if lemma in OBJECT_CONTROL_CUES and dobj is not None:
            xcomp = next((c for c in cue.children if c.dep_ in ("xcomp", "oprd") and c.i > dobj.i), None)
            if xcomp is not None:
                return [(dobj.left_edge.i, xcomp.right_edge.i + 1)]
        if lemma == "call":
            prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("for", "on")), None)
            if prep is not None and prep.i == cue.i + 1:
                return [(prep.i + 1, prep.right_edge.i + 1)]
        if lemma in ("say", "add") and dobj is not None and dobj.i > cue.i and self._clause_read_as_noun(dobj):
            # "said the ban covered wheat, maize …": read as "the ban-covered wheat"
            return [(dobj.left_edge.i, cue.sent.end)]
        if lemma in ("say", "add") and dobj is not None and dobj.i > cue.i:
            # "said monetary policy committee ..., raised the rate": a clause misparsed as an object
            finite = [t for t in cue.sent if t.i > dobj.i and t.tag_ in ("VBD", "VBZ", "VBP", "MD")
                      and t.dep_ in ("conj", "advcl", "ccomp", "relcl") and not t.lower_ in ("is", "was")]
            if finite and dobj.lower_ not in ("nothing", "something", "anything", "this", "that", "so"):
                return [(dobj.left_edge.i, cue.sent.end)]
        if cue.dep_ == "parataxis" and cue.head.i != cue.i:
            # "The talks, he said, were going well" parsed with the cue hanging off the main verb
            main = cue.head
            return self._around(cue, head, main.left_edge.i, main.right_edge.i + 1)
        closing = self._closing_cue_read_as_conj(cue, head)
        if closing is not None:
            return [closing]
        return []

    def _closing_cue_read_as_conj(self, cue: Token, head: Token) -> tuple[int, int] | None:
        """"The duty is about 15%, far below the figure claimed, a representative of the ministry stated on
        Friday": a cue closing the sentence after a comma, which the parser joined to the main verb as a second
        clause (no "and", no object or clause of its own); it reports the clause before the comma."""
        main = cue.head
        if cue.dep_ != "conj" or main.i >= cue.i or main.dep_ != "ROOT" or head.dep_ != "nsubj" \
                or head.head.i != cue.i or head.left_edge.i < 1 or self.doc[head.left_edge.i - 1].text != ",":
            return None
        if any(c.dep_ in ("cc", "preconj") for c in main.children if main.i < c.i < cue.i) \
                or any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in cue.children):
            return None
        start, end = main.left_edge.i, head.left_edge.i - 1
        return (start, end) if end - start >= 4 and not across_paragraphs(self.doc[start], cue) else None

    def _as_clause(self, cue: Token) -> int | None:
        """The end of an as-clause of attribution (see `_as_clause_end`) whose subject can speak: a name, a
        pronoun, or a person's or institution's noun ("as one official put it"), not "as the data suggest"."""
        end = _as_clause_end(cue)
        if end is None:
            return None
        subject = next(c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i)
        lex, word = self.lex, subject.lemma_.lower()
        if subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") \
                or subject.pos_ == "PRON" and word not in ("it", "this", "that", "which") \
                or lex.is_title_head(word) or word in lex.people or word in lex.voice_nouns or word in lex.generic \
                or word in lex.institution_nouns or word in lex.org_nouns:
            return end
        return None

    def reporter_before(self, q, lead: str, limit: int) -> Token | None:
        """Who speaks in a quote that is a sentence of its own, right after a sentence of reported speech in the
        same paragraph ('Ortiz says the plan will fail. “Nobody wants it.”'): the subject of that sentence's cue.
        Not after a question put to someone ("asked"), nor when the quote runs on into a sentence of its own."""
        text = self.text
        inner = text[q.start:q.end].strip("\"'“”‘’ ")
        if not q.closed or not lead.endswith((".", "?", "!")) or not inner[:1].isupper() \
                or not inner.endswith((".", "?", "!")) or text[q.end:limit].strip()[:1].islower():
            return None
        span = self.tokens(q.start, q.end)
        if span is None or span.start < 1:
            return None
        last = self.doc[span.start - 1]
        while last.is_space and last.i > 0:
            last = self.doc[last.i - 1]
        words = [t for t in self.doc[last.sent.start:last.i + 1] if t.i not in self.quote_tokens]
        if not words or "\n" in text[words[0].idx:q.start]:
            return None
        cues = [t for t in words if self.is_cue(t, belief=False) and t.lemma_.lower() != "ask"
                and (t.dep_ in ("ROOT", "parataxis") or t.dep_ == "conj" and t.head.dep_ == "ROOT")]
        head = self.subject_of(cues[-1]) if cues else None
        if head is None or not words[0].i <= head.i <= last.i or not (
                head.ent_type_ == "PERSON" or head.lower_ in ("he", "she") or head.i in self.resolver.by_token
                or head.pos_ == "PROPN" and head.ent_type_ not in ("GPE", "ORG", "NORP", "LOC", "FAC")):
            return None  # (a person's words; an institution's quoted document is another matter)
        return head

    def _before_contrasted_speaker(self, comp: Token, start: int, end: int) -> int:
        """The content ends where a clause set against it gives someone else's words ("A said the port would
        reopen, while B warned that …"): that clause is B's statement, not part of A's."""
        for t in self.doc[comp.i + 1:end]:
            if t.dep_ == "advcl" and t.left_edge.i > start and self.is_cue(t, belief=False) \
                    and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in t.children) \
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                return t.left_edge.i
        return end

    def _speaker_set_off_before(self, cue: Token) -> tuple[Token, list[tuple[int, int]]] | None:
        """'The duties take effect in March, the ministry's spokesperson, Mao Ning, said.': the parser may hang the
        cue on the content's verb as a conjunct and the speaker on it as an object. The phrase set off by commas
        right before a subjectless cue speaks (its head), and the clause before it is the content."""
        doc = self.doc
        if cue.dep_ != "conj" or cue.head.i > cue.i or cue.i < 3 or doc[cue.i - 1].text != "," \
                or any(c.dep_ in ("nsubj", "nsubjpass", "ccomp", "cc") for c in cue.children) \
                or any(t.dep_ == "cc" and t.head.i == cue.head.i for t in doc[cue.head.i:cue.i]):
            return None
        tok = doc[cue.i - 2]
        while tok.dep_ in ("compound", "flat", "appos") and tok.head.i < tok.i:
            tok = tok.head
        first = tok.left_edge.i
        if first < 2 or doc[first - 1].text != "," or tok.dep_ not in ("dobj", "npadvmod", "appos", "attr") \
                or not any(t.ent_type_ == "PERSON" or self.lex.is_title_head(t.lower_) for t in doc[first:cue.i - 1]):
            return None
        start = cue.head.left_edge.i
        return (tok, [(start, first - 1)]) if first - 1 - start >= 3 else None

    @staticmethod
    def _clause_read_as_relative(obj: Token) -> Token | None:
        """"told a news conference the bank would act": the parser reads the reported clause as a relative clause
        on the audience. A clause with its own subject and no relative word, right after the audience, is what
        was told."""
        if obj.pos_ != "PROPN" and obj.lemma_.lower() not in _AUDIENCES:
            return None  # ("told a story the bank had heard": a relative clause after all)
        clause = next((c for c in obj.children if c.dep_ == "relcl" and c.i > obj.i), None)
        if clause is None:
            return None
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i), None)
        if subject is None or subject.tag_ in ("WDT", "WP", "WP$") or subject.lower_ in ("that", "which", "who") \
                or any(c.tag_ in ("WDT", "WP", "WRB") or c.lower_ == "that" for c in clause.children if c.i < clause.i):
            return None
        # the clause must hold everything after the audience noun (no "the conference the bank held" with a
        # missing object): a finite verb with a modal or tense of its own
        if not any(c.dep_ in ("aux", "auxpass") for c in clause.children) and clause.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        return clause

    def _that_before_subjectless(self, cue: Token, comp: Token) -> int | None:
        """"told the same station that talks with Kyiv would continue": the parser took "that talks" for a
        relative clause of the object, leaving the reported verb without its subject; the content starts after
        that "that"."""
        if comp.i < cue.i or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in comp.children):
            return None
        that = next((k for k in range(comp.left_edge.i - 1, cue.i, -1) if self.doc[k].lower_ == "that"
                     and self.doc[k].dep_ in ("nsubj", "mark", "det")), None)
        if that is None or that + 1 >= comp.left_edge.i:
            return None
        return that

    def _clause_read_as_noun(self, obj: Token) -> bool:
        """An object phrase that is a clause: a past-tense verb read as a modifier right after a noun with its
        determiner ("the ban covered wheat")."""
        for t in obj.subtree:
            if t.i >= obj.i:
                break
            if t.tag_ in ("VBD", "VBN") and t.dep_ in ("amod", "compound") and t.i >= obj.left_edge.i + 2 \
                    and self.doc[t.i - 1].pos_ in ("NOUN", "PROPN") and self.doc[obj.left_edge.i].dep_ in ("det", "poss"):
                return True
        return False

    def _clause_on_document(self, cue: Token) -> Token | None:
        """"said in a statement that exports held up", "told a news briefing that …": the parser hangs the
        that-clause on the noun (a "that" marking a clause, not a relative pronoun, says it is reported)."""
        nouns = [c for c in cue.children if c.dep_ in ("dobj", "dative")]
        for prep in cue.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "on", "at", "during", "to"):
                nouns += [o for o in prep.children if o.dep_ == "pobj"]
        for obj in nouns:
            noun = obj.lemma_.lower()
            if noun not in self.lex.venues and noun not in self.lex.document_nouns and obj.lower_ not in self.lex.venues:
                continue  # ("denied the notion that …": the clause says what the notion is)
            for clause in obj.children:
                if obj.i > cue.i and clause.dep_ in ("acl", "relcl", "ccomp") and clause.i > obj.i and any(
                        g.dep_ == "mark" and g.lower_ == "that" for g in clause.children):
                    return clause
        return None

    def _content_before(self, comp: Token, cue: Token) -> bool:
        """A complement before its cue is content, unless it reaches over a paragraph break (a headline the
        parser glued on), ends at a colon ("Shares rose on his comments: Ortiz said …", the writer's lead-in),
        or is a cue with its own subject ("Lane said …, and Brandt said …": a statement of its own)."""
        return not (across_paragraphs(comp.left_edge, cue)
                    or any(t.text in (":", ";") for t in self.doc[comp.right_edge.i:cue.i])
                    or self.is_cue(comp, belief=False) and any(g.dep_ == "nsubj" for g in comp.children))

    def _around(self, cue: Token, head: Token, start: int, end: int) -> list[tuple[int, int]]:
        """The content on both sides of a parenthetical attribution, without it."""
        left = min(head.left_edge.i, cue.i)
        right = cue.i + 1
        for c in cue.children:
            if c.dep_ not in CONTENT_DEPS and c.i > cue.i and c.right_edge.i < end and not (
                    c.dep_ == "punct" and c.i == c.right_edge.i and c.i > cue.i + 8):
                right = max(right, c.right_edge.i + 1)
        if not start <= left < right <= end:
            return []
        return [r for r in ((start, left), (right, end)) if r[1] - r[0] >= 1]

    def _trim_content(self, start: int, end: int, keep_end: bool = False) -> tuple[int, int]:
        """Content without edge punctuation or "that", inside one paragraph: the one next to the cue
        (``keep_end`` when the content comes before its cue, as in '…, Navarro said.')."""
        doc = self.doc
        breaks = [k for k in range(start, end) if doc[k].is_space and "\n" in doc[k].text]
        if breaks:
            start, end = (breaks[-1] + 1, end) if keep_end else (start, breaks[0])
        while start < end and (doc[start].dep_ == "mark" and doc[start].lower_ in ("that", "whether", "if")
                               or _complementizer_misread(doc, start, end)
                               or doc[start].is_punct and doc[start].text not in "“\"'‘"
                               or doc[start].dep_ == "cc" and doc[start].lower_ in ("but", "and")):
            start += 1
        after = after_dateline(doc, start) if start < end else None
        start = after if after is not None and after <= end else start
        while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in "”\"'’"
                               or doc[end - 1].dep_ == "cc" and doc[end - 1].lower_ in ("and", "but", "or")):
            end -= 1  # (", and" left over when the next clause is a statement of its own)
        # a quoted fragment closing the content: take its closing mark along ('were "very productive."')
        marks = sum(1 for t in doc[start:end] if t.text in QUOTE_MARK_TOKENS)
        if marks % 2 == 1:
            for k in range(end, min(end + 2, len(doc))):
                if doc[k].text in QUOTE_MARK_TOKENS:
                    end = k + 1
                    break
                if not doc[k].is_punct:
                    break
        return start, end

    def _mostly_quoted(self, span: Span) -> bool:
        return sum(1 for t in span if t.i in self.quote_tokens) >= 0.8 * len(span)

    def _according(self, tok: Token) -> Draft | None:
        to = self.doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None or _according_to_measure(tok, obj):
            return None
        phrase_start, phrase_end = tok.i, obj.right_edge.i + 1
        named = self._name_set_off(obj, phrase_end)
        if named is not None:  # "According to a witness, Tomas Berg, the car …": the witness by name, not the content
            obj, phrase_end = named[-1], named.end + 1
        sent = tok.sent
        before = self.doc[sent.start:phrase_start]
        after = self.doc[phrase_end:sent.end]
        if obj.lower_ == "which":
            # "a survey, according to which most residents …": the noun the relative clause hangs on is the
            # source, and the clause after "which" is all it says
            # (the parser may hang the phrase on the main verb: the noun is then the last before it, past a time
            # and up from what it is of: "a survey of 900 residents in May, according to which")
            source = next((t for t in reversed(self.doc[sent.start:tok.i]) if t.pos_ in ("NOUN", "PROPN")
                           and t.ent_type_ not in ("DATE", "TIME")), None)
            while source is not None and source.dep_ == "pobj" and source.head.lower_ in ("of", "among") \
                    and source.head.head.pos_ == "NOUN":
                source = source.head.head
            if source is None:
                return None
            obj, before = source, self.doc[phrase_start:phrase_start]
        pieces = [s for s in (_trim(before), _trim(after)) if s is not None and len(s) >= 3]
        if not pieces:
            return None
        frags = [(s.start_char, s.end_char) for s in pieces]
        return Draft(frags, "indirect", cue=tok, cue_text="according to", speaker_head=obj, confidence=0.7)

    def _name_set_off(self, obj: Token, after: int) -> Span | None:
        """The name set off by commas right after an unnamed description ("according to a witness, Tomas Berg,",
        "according to the port's director, Lena Voss,"): two to four capitalised words, a known first name or a
        tagged name, and no age or verb after them ("according to police, Jonas Krall, 45, was arrested": the
        content's subject)."""
        doc = self.doc
        if obj.pos_ != "NOUN" or after >= len(doc) or doc[after].text != ",":
            return None
        end = after + 1
        while end < len(doc) and end - after <= 4 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        name = doc[after + 1:end]
        if not 2 <= len(name) <= 4 or end + 1 >= len(doc) or doc[end].text != "," \
                or doc[end + 1].pos_ in ("AUX", "VERB") or doc[end + 1].lower_ in ("who", "whose") \
                or _an_age(doc, end + 1):
            return None
        if name[-1].ent_type_ != "PERSON" and not self.lex.is_first_name(name[0].text):
            return None
        return name

    # ------------------------------------------------------------ speakers, in reading order


# verbs of an as-clause that say nothing by themselves ("As the governor spoke, shares fell": a time, no words)
_NOT_AS_CUES = {"speak", "talk", "testify", "reply", "respond", "answer", "ask", "tell", "call", "promise", "pledge",
                "threaten", "vow", "demand", "urge", "propose", "request", "order"}


# what an "according to" that tells how something is done or sorted is according to: never a source of words
_MEASURES = frozenset({"number", "amount", "size", "age", "weight", "height", "length", "type", "kind", "category",
                       "class", "level", "grade", "need", "wish", "preference", "taste", "ability", "merit", "season",
                       "gender", "income", "rank"})
# norms a thing is done by ("act according to the orders"): a source only where the phrase is set off
_NORMS = frozenset({"plan", "rule", "order", "instruction", "regulation", "guideline", "law", "procedure", "principle",
                    "standard", "protocol", "script", "custom", "tradition", "practice", "recipe"})


def _according_to_measure(tok: Token, obj: Token) -> bool:
    """"grouped according to age", "go according to plan", "act according to the authorities' orders": a
    measure, a bare plan, or a norm right after the verb it qualifies; not "According to the plan, the …"."""
    lemma = obj.lemma_.lower()
    if lemma in _MEASURES:
        return True
    if lemma == "plan" and not any(c.dep_ in ("det", "poss") for c in obj.children):
        return True
    prev = tok.doc[tok.i - 1] if tok.i else None
    return lemma in _NORMS and prev is not None and prev == tok.head and prev.pos_ == "VERB"


def _puts_it(tok: Token) -> bool:
    """"puts it", "put it": how someone said what the sentence around it says."""
    return tok.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)


def _as_clause_end(cue: Token) -> int | None:
    """Where an as-clause of attribution ends ("As Ms Lopez of the Lima Institute notes, …", "…, as Mr Rivas argued
    last week."): "as", a subject, the cue and at most a few words of time or place, set off by a comma or ending
    the sentence. The clause holds no words of its own (no complement), so what it reports is the sentence around
    it. Returns the index of the comma or the sentence's last token, or None."""
    doc = cue.doc
    mark = next((c for c in cue.children if c.dep_ == "mark" and c.i < cue.i), None)
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if mark is None or mark.lower_ != "as" or subject is None or cue.lemma_.lower() in _NOT_AS_CUES \
            or not (mark.i == cue.sent.start or doc[mark.i - 1].text == ","):
        return None
    if any(t.dep_ in ("ccomp", "xcomp") or t.text in ("“", '"', "(") or t.pos_ == "VERB" and t != cue
           for t in doc[mark.i + 1:cue.i]):
        return None  # ("as officials who said …"; "as the minister wanted to say")
    for k in range(cue.i + 1, min(cue.i + 9, cue.sent.end)):
        t = doc[k]
        if t.text == ",":
            return k if k + 3 < cue.sent.end else None
        if t.is_punct and k == cue.sent.end - 1:
            return k if mark.i > cue.sent.start + 2 else None
        if t.dep_ in ("ccomp", "xcomp", "mark") or t.pos_ in ("VERB", "AUX") or t.is_punct and t.text != "-" \
                or t.dep_ == "dobj" and not (t.lower_ == "it" and _puts_it(cue)):
            return None
    return None


def _complementizer_misread(doc: Doc, i: int, end: int) -> bool:
    """"said on Tuesday that talks were …": a "that" the parser took for a pronoun, opening a clause whose subject
    follows it; "said that was wrong" (a pronoun subject) and "that plan" (a determiner) keep it."""
    return (doc[i].lower_ == "that" and doc[i].dep_ not in ("det", "mark") and i + 1 < end
            and doc[i + 1].pos_ != "AUX" and doc[i + 1].text[:1] not in "'’"  # "that's", "that is"
            and (doc[i + 1].pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM", "ADJ")
                 or doc[i + 1].dep_ in ("nsubj", "nsubjpass", "det", "compound", "amod", "nummod", "poss")))


def _lets_say(cue: Token) -> bool:
    """"let's say" or "let us say": "say" under "let" with "'s" or "us" for its subject."""
    return cue.lemma_.lower() == "say" and cue.head.lower_ == "let" and any(
        c.lower_ in ("'s", "’s", "us") for c in (*cue.children, *cue.head.children) if c.i < cue.i)


def _who_of_a_name(who: Token) -> bool:
    """"who" opening a relative clause set off after a name ("Mayor Tom Ekberg, who said his nephew was hurt"):
    the name speaks (the resolver climbs from "who" to it)."""
    clause = who.head
    named = clause.head
    return who.lower_ == "who" and clause.dep_ == "relcl" and named.i < who.i \
        and (named.ent_type_ == "PERSON" or named.pos_ == "PROPN") and who.i > 0 and who.doc[who.i - 1].text == ","


def _an_age(doc: Doc, i: int) -> bool:
    """A number set off as someone's age: "Jonas Krall, 45, was …", "…, 45 years old"."""
    return doc[i].like_num and i + 1 < len(doc) and (
        doc[i + 1].text in (",", ")") or doc[i + 1].lower_ in ("years", "year"))


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc" and start == span.start):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
