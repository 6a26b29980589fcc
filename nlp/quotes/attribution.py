"""Statements from one parsed article: direct quotes attributed through their frame, then reported speech.

Direct quotes: each quoted passage looks for its cue in the words around it, in this order: after it in the
same sentence ('"…," Bessent said' / '"…," said Bessent'), between it and the next passage ('"A," he said, "B"'
makes one statement in two fragments), before it after a colon or comma ('Lagarde added: "…"'). A passage that
continues an unclosed quote from the previous paragraph joins that statement; a quote paragraph with no cue
right after a quote by a known speaker is theirs ("floating" quote). Short quoted phrases with no cue are scare
quotes and yield nothing, unless reported speech around them makes them part of a mixed quote.

Reported speech (a reporting verb with a clausal complement, "according to X") is read by the steps of
`nlp/quotes/reported.py`, which `Attributor` inherits; speakers of both kinds are resolved here, in reading order.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from nlp.extensions import Statement
from nlp.quotes.cue_forms import judged_as, judgement, looks_like_title, phrasal_cue
from nlp.quotes.cue_forms import with_doer as cue_with_doer
from nlp.quotes.dates import statement_date
from nlp.quotes.described_names import described_name, name_after_addressee
from nlp.quotes.drafts import Draft
from nlp.quotes.first_person import first_person_to_passage_speaker
from nlp.quotes.lead_sources import name_lead_sources
from nlp.quotes.full_names import surnames_to_full_names
from nlp.quotes.lexicon import Lexicon, lexicon
from nlp.quotes.quote_marks import QUOTE_CHARS, QuoteSpan, paragraphs, word_count
from nlp.quotes.reported import ReportedSpeech, made_clear
from nlp.quotes.speakers import Speaker, SpeakerResolver
from nlp.segments import across_paragraphs, doc_text

# a scare quote: fewer words than this and no cue of its own
MIN_QUOTE_WORDS = 4
# words allowed between a closing mark and its cue ('", Bessent, the Treasury secretary, said')
MAX_AFTER_TOKENS = 24
MAX_BEFORE_TOKENS = 25
# "told his advisers to …", "urged the Fed to …", "asked Congress to …"
DASHES = ("\u2015", "\u2014", "\u2013", "--")
# what may stand right before a quote that is a sentence of its own
_STANDALONE_BEFORE = ".!?:;,(\u2014\u2013\u2015-\"\u201d\u201c'"


class Attributor(ReportedSpeech):
    def __init__(self, doc: Doc, quotes: list[QuoteSpan], resolver: SpeakerResolver, include_belief: bool = False):
        self.doc = doc
        self.text = doc_text(doc)
        self.quotes = quotes
        self.resolver = resolver
        self.lex: Lexicon = lexicon()
        self.include_belief = include_belief
        self.paras = paragraphs(self.text)
        self.quote_tokens: dict[int, QuoteSpan] = {}
        for q in quotes:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    self.quote_tokens[t.i] = q

    # ------------------------------------------------------------ helpers
    def is_cue(self, tok: Token, belief: bool | None = None) -> bool:
        if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_.startswith("VB")):
            return False
        if tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in self.lex.document_nouns:
            return False  # ("told the Post in a written statement": "written" describes the statement)
        cls = self.lex.cue_class(tok.lemma_)
        if cls == "speech" or made_clear(tok) is not None or phrasal_cue(tok, self.lex):
            return True
        return cls == "belief" and (self.include_belief if belief is None else belief)

    def cue_text(self, cue: Token) -> str:
        """The cue as written, with a phrasal particle ("pointed out") or "according to"."""
        if cue.lower_ == "according":
            return "according to"
        parts = [cue]
        for child in cue.children:
            if child.dep_ == "prt":
                parts.append(child)
        clear = made_clear(cue)
        if clear is not None:  # "made clear", "made it clear"
            parts += [clear] + [c for c in clear.children if c.dep_ == "nsubj" and c.lower_ == "it"]
        return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))

    def tokens(self, start_char: int, end_char: int) -> Span | None:
        if end_char <= start_char:
            return None
        return self.doc.char_span(start_char, end_char, alignment_mode="expand")

    def para_of(self, char: int) -> tuple[int, int]:
        for ps, pe in self.paras:
            if ps <= char < pe:
                return ps, pe
        return 0, len(self.text)

    def subject_of(self, cue: Token) -> Token | None:
        """The speaker head: the cue's subject, or its governing verb's for "saying …", "and added …"; the name
        a description set off after it describes, when the parser took the description ("described_names.py")."""
        subject = self._subject_of(cue)
        return described_name(subject) if subject is not None else None

    def _subject_of(self, cue: Token) -> Token | None:
        if cue.tag_ == "VBG" and cue.i > 0 and self.doc[cue.i - 1].ent_type_ == "PERSON" \
                and not _addressee(self.doc[cue.i - 1]):
            return self.doc[cue.i - 1]  # "footage of Hillary Clinton asking, …" (not "a letter to X asking …")
        with_doer = cue_with_doer(cue, self.lex)
        if with_doer is not None:
            return with_doer
        if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() in ("quote", "cite"):
            # "Xinhua quoted Commerce Minister Wang as saying …", "Wang was quoted by Xinhua as saying …": the one
            # quoted speaks, not the outlet
            quoted = next((c for c in cue.head.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if quoted is not None:
                return quoted
        if cue.dep_ == "pcomp" and cue.head.dep_ == "prep" and cue.head.lower_ in _BY_SAYING:
            # "X ended the briefing by saying …", "drew jeers upon saying …": who did what the phrase is part of
            # (only on a verb of doing: "Congress has three ways …: by asking prosecutors …" is no one asking)
            verb = cue.head.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"] \
                if verb.pos_ in ("VERB", "AUX") and verb.lemma_ not in ("have", "be") else []
            if subjects:
                return self._named_subject(subjects)
        if cue.tag_ == "VBG" and cue.dep_ == "advcl" and cue.head.dep_ in ("ccomp", "acl", "relcl", "advcl"):
            # "X denied the notion that a shakeup was coming, explaining …": a participle hung on a subordinate
            # verb still tells what the main clause's subject did
            root = cue.head
            while root.dep_ != "ROOT" and root.head.i != root.i and not across_paragraphs(root, root.head):
                root = root.head  # (a verb hung on the paragraph before is this paragraph's main verb)
            subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < cue.i]
            if subjects:
                return self._named_subject(subjects)
        tok = cue
        for _ in range(3):
            subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
            if subjects:
                return self._named_subject(subjects)
            if tok.i != cue.i and cue.dep_ == "conj" and tok.dep_ == "ROOT":
                # "Officials were angered by the ruling and warned …": a cue joined to a passive verb shares its
                # subject, not its agent
                passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
                if passive:
                    return self._named_subject(passive)
            for child in tok.children:
                if child.dep_ == "agent":  # "was told by X"
                    for g in child.children:
                        if g.dep_ == "pobj":
                            return g
            if tok.dep_ == "xcomp" and tok.i == cue.i and tok.head.lemma_.lower() in _CAUSING_VERBS:
                # "The timing led exporters to say …": the one made to speak says it (not "used the comments to urge")
                said_by = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
                if said_by is not None:
                    return said_by
            if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX") \
                    or tok.dep_ == "parataxis" and tok.head.tag_ == "VBG" and tok.head.i < tok.i:
                # ("Sen. X, noting the size of the deficit, said": the parser made the participle the main verb)
                tok = tok.head
                if tok.dep_ == "ccomp" and tok.head.i < tok.i and self.is_cue(tok.head, belief=False):
                    # "X says prices rose and says …", "X told us that Y failed, adding …": the small parser hangs
                    # the second cue on the reported verb; a speech cue never reports its own reporter's words
                    tok = tok.head
                elif cue.dep_ == "conj" and tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "pobj") \
                        and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
                    # "X repeated the view that inflation remains the risk and said …": the small parser joins the
                    # second verb to the noun's that-clause; the one who repeated the view says it
                    governor = tok.head.head if tok.head.dep_ == "dobj" else tok.head.head.head
                    if governor.pos_ in ("VERB", "AUX"):
                        tok = governor
                continue
            if tok.dep_ in ("relcl", "acl") and tok.head.i != tok.i and (
                    tok.head.pos_ in ("PROPN", "PRON") or self.lex.is_title_head(tok.head.lower_)):
                return tok.head  # "officials who said …", "footage of Clinton asking …"
            if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in self.lex.document_nouns \
                    and tok.head.dep_ == "dobj":
                # "X wrote a letter to Y asking …", "X issued a statement urging …": the writer asks
                writers = [c for c in tok.head.head.children if c.dep_ == "nsubj"]
                if writers:
                    return self._named_subject(writers)
            break
        return self._subject_hung_elsewhere(cue)

    def _participle_doer(self, cue: Token) -> Token | None:
        """Who does what a participle cue hung on a clause tells: the subject, before the cue, of the verb its
        phrase hangs on ("The governor tweeted her reasoning, saying …", "X affirmed her willingness to serve,
        writing …")."""
        if cue.tag_ != "VBG" or cue.dep_ not in ("advcl", "acl"):
            return None
        tok = cue.head
        for _ in range(4):
            subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.i < cue.i and not self._own_thing(c)] \
                if tok.pos_ in ("VERB", "AUX") else []
            if subjects:
                return self._named_subject(subjects)
            if tok.head.i == tok.i or across_paragraphs(tok, tok.head):
                return None
            tok = tok.head
        return None

    def _own_thing(self, noun: Token) -> bool:
        """A common noun owned by a pronoun that names no one who speaks ("her reasoning", "his view"), unlike a
        document, a spokesperson, a body or people ("her statement", "his aides")."""
        lemma = noun.lemma_.lower()
        lex = self.lex
        return noun.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children) \
            and lemma not in lex.document_nouns and lemma not in lex.voice_nouns and lemma not in lex.spokespeople \
            and lemma not in lex.people and lemma not in lex.institution_nouns and lemma not in lex.company_nouns \
            and not lex.is_title_head(lemma)

    def _asker(self, cue: Token) -> Token | None:
        """"X was asked by lawmaker Y, “…?”": a question put to someone is the asker's; its subject is the one
        asked. The agent's head, or None when the cue is no such passive."""
        if cue.lemma_.lower() not in ("ask", "question", "press") or not any(c.dep_ == "auxpass" for c in cue.children):
            return None
        return next((g for c in cue.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)

    def _subject_hung_elsewhere(self, cue: Token) -> Token | None:
        """The subject of a main-clause cue that the parser hung on something else: on a participle set off by
        commas ("A spokesman for the Commission, asked about the remarks, said …") or as an appositive of the
        name that ends a fronted phrase ("After a call with X, President Y said …", "Speaking about X's plan,
        the bank's governor, Y, said …")."""
        if cue.dep_ != "ROOT" or cue.tag_ == "VBG":
            return None
        for child in cue.lefts:
            if child.dep_ in ("advcl", "ccomp") and child.tag_ in ("VBN", "VBD") and child.i > 0 \
                    and self.doc[child.i - 1].text == "," and self.doc[child.right_edge.i + 1].text == ",":
                subjects = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
                if subjects:
                    return subjects[0]
        k = cue.i - 1
        while k > cue.sent.start and (self.doc[k].is_punct or self.doc[k].dep_ in ("aux", "auxpass", "neg")
                                      and self.doc[k].head.i == cue.i):
            k -= 1
        tok = self.doc[k]
        if across_paragraphs(tok, cue):
            return None
        # up from the last word before the cue, out of the phrases that describe the subject ("Col. X, a military
        # spokesman in Baghdad, said": Baghdad → in → spokesman → X; "Mr. X, asked about the deaths under Mr. Y,
        # had said": Y → … → asked, whose opening comma follows X)
        while tok.head.i < tok.i and (tok.dep_ in ("pobj", "prep", "pcomp")
                                      or tok.dep_ == "acl" and self.doc[tok.i - 1].text != ","
                                      or tok.dep_ == "relcl" and self.doc[tok.left_edge.i - 1].text == ","):
            # ("the rights granted under Mr. Y": out of the clause on the noun too; "…, an industry official, who is
            # taking part in the talks, said": out of a relative clause set off by commas)
            tok = tok.head
        if tok.tag_ in ("VBN", "VBD", "VBG") and tok.dep_ in ("advcl", "acl") and tok.i >= 2 \
                and self.doc[tok.i - 1].text == "," and self.doc[tok.i - 2].ent_type_ == "PERSON":
            return self.doc[tok.i - 2]
        if tok.dep_ != "appos" or tok.pos_ not in ("PROPN", "NOUN"):
            return None
        while tok.head.dep_ == "appos" and tok.head.i < tok.i:
            tok = tok.head
        return tok

    def _named_subject(self, subjects: list[Token]) -> Token:
        # "its boss Jerome Powell suggested": two subjects when the parse splits a title from its name
        named = [c for c in subjects if c.ent_type_ == "PERSON" or c.pos_ == "PROPN"]
        subj = named[-1] if named else subjects[0]
        inverted = [c for c in subjects if c.i > c.head.i and c.head.dep_ == "parataxis"]
        if len(subjects) > 1 and inverted and not named:
            # "The cost, said the ministry official, depends on …": a cue set off inside the sentence speaks
            # through the subject after it; the one before is the sentence's own
            subj = inverted[0]
        # "Sen. Jo Marsh (D-Maine) said", "Saturday at the convention Sen. Jo Marsh said": the parse took the
        # party label or the date for the subject; the name before the label or after the date speaks
        if subj.ent_type_ in ("DATE", "TIME") or subj.i > 1 and self.doc[subj.left_edge.i - 1].text == "(":
            lo, hi = (subj.i + 1, subj.head.i) if subj.ent_type_ in ("DATE", "TIME") else (subj.sent.start, subj.i)
            names = [t for t in self.doc[lo:hi] if t.ent_type_ == "PERSON" and t.ent_iob_ != "O"
                     and (t.i + 1 >= len(self.doc) or self.doc[t.i + 1].ent_iob_ != "I")]
            if names:
                return names[0] if subj.ent_type_ in ("DATE", "TIME") else names[-1]
        return name_after_addressee(subj)

    def resolve(self, head: Token) -> Speaker:
        speaker = self.resolver.resolve(head)
        self.resolver.note_speaker(head, speaker)
        return speaker

    # ------------------------------------------------------------ direct quotes
    def frame_cue(self, start_char: int, end_char: int, after: bool) -> tuple[Token, Token | None] | None:
        """A cue and its speaker head in the words next to a quote (after or before it), or None."""
        span = self.tokens(start_char, end_char)
        if span is None or not len(span):
            return None
        toks = [t for t in span if t.i not in self.quote_tokens]
        if after:
            toks = toks[:MAX_AFTER_TOKENS]
            # '"…," X said' has its cue before the sentence ends: a cue past a full stop is another sentence's
            stop = next((k for k, t in enumerate(toks) if t.text in (".", "!", "?") and k > 0), None)
            if stop is not None:
                toks = toks[:stop]
        else:
            toks = toks[-MAX_BEFORE_TOKENS:]
        cues = [t for t in toks if self.is_cue(t, belief=False)]
        if after and self.text[:start_char].rstrip(QUOTE_CHARS).endswith(("?", "!")):
            # '“…?” Moreau said the deal would …': after a question, a cue whose subject comes first and whose own
            # clause follows it reports that clause
            cues = [t for t in cues if not (any(c.dep_ == "nsubj" and c.i < t.i for c in t.children) and any(
                c.dep_ == "ccomp" and c.left_edge.i in (t.i + 1, t.i + 2) for c in t.children))]
        if not cues:
            # "according to X" in the frame; after a cue of its own ('"…," Rhee told reporters, according to
            # Yonhap') it names where the words were reported, not who said them
            for t in toks:
                if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                    obj = next((c for c in self.doc[t.i + 1].children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return t, obj
            return None
        cue = cues[0] if after else cues[-1]
        allowed = {t.i for t in toks}
        asker = self._asker(cue)
        if asker is not None:
            return cue, asker
        subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in allowed]
        if any(c.dep_ == "auxpass" for c in cue.children):
            # 'The plan has been called “a trap” by Ana Ruiz': the agent speaks, not what was called so
            agent = next((g for c in cue.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None:
                subjects = [agent]
        named = [c for c in subjects if c.ent_type_ == "PERSON" or c.pos_ == "PROPN"]
        head = name_after_addressee(named[-1]) if named else (subjects[0] if subjects else None)
        if head is not None and not named and self._own_thing(head):
            head = self._participle_doer(cue) or head  # "The governor tweeted her reasoning saying, …"
        if head is None:
            subj = self.subject_of(cue)
            # the subject of "…, tweeting: " may stand far back in a long sentence, but not inside a quote
            if subj is not None and (subj.i in allowed or subj.sent.start == cue.sent.start
                                     and subj.i not in self.quote_tokens and subj.i < cue.i):
                head = subj
        if head is None:
            head = self._participle_doer(cue)  # "X affirmed her willingness to serve, writing, …"
        if head is None and after:
            # '"…," Gene Dorsey, a top outside adviser, said at an event': the parse lost the subject; the name
            # right after the quote is the speaker, not a noun after the cue
            name = next((t for t in toks if t.i < cue.i and t.ent_type_ == "PERSON"), None)
            if name is not None:
                while name.i + 1 < cue.i and self.doc[name.i + 1].ent_iob_ == "I":
                    name = self.doc[name.i + 1]
                head = name
        if head is None:
            # inverted or badly parsed: the nearest name, pronoun or noun next to the cue
            neighbours = [t for t in toks if t.i > cue.i] + [t for t in reversed(toks) if t.i < cue.i]
            # ('"…," Ramos, 58, told AFP': the one told is not the speaker)
            if cue.lemma_.lower() == "tell":
                neighbours = [t for t in reversed(toks) if t.i < cue.i]  # ("told" is never inverted)
            for t in neighbours:
                if t.pos_ in ("PROPN", "PRON", "NOUN") and t.ent_type_ not in ("DATE", "TIME") and t.lower_ not in (
                        "it", "this", "that", "interview", "statement", "who", "which"):
                    head = _phrase_head(t)
                    break
        if not after and head is None:
            return None
        return cue, head

    def direct(self) -> list[Draft]:
        drafts: list[Draft] = []
        by_quote: dict[int, Draft] = {}
        text = self.text
        for qi, q in enumerate(self.quotes):
            inner = text[q.start:q.end].strip(QUOTE_CHARS)
            ps, pe = self.para_of(q.start)
            nxt = self.quotes[qi + 1] if qi + 1 < len(self.quotes) else None
            prev = self.quotes[qi - 1] if qi > 0 else None
            # 1. continuation of the previous paragraph's unclosed quote
            if q.continues and prev is not None and id(prev) in by_quote:
                draft = by_quote[id(prev)]
                draft.fragments.append((q.start, q.end))
                draft.quotes.append(q)
                by_quote[id(q)] = draft
                self._attach_after(draft, q, nxt, pe)
                continue
            if looks_like_title(inner):
                continue  # "Fox and Friends", ''A Change Is Gonna Come'': names of works, not words said
            found = None
            kind_conf = 0.9
            after_end = min(pe, nxt.start if nxt is not None and nxt.para == q.para else pe)
            before_start = max(ps, prev.end if prev is not None and prev.para == q.para else ps)
            lead = text[before_start:q.start].rstrip()
            if not lead and prev is None or not lead and prev.para != q.para:
                # "He said:" closing the previous paragraph introduces this one
                pps, ppe = self.para_of(max(0, ps - 2))
                if ppe < ps and text[pps:ppe].rstrip().endswith(":"):
                    before_start, lead = pps, text[pps:ppe].rstrip()
            # 2. a colon introduces it: 'Lagarde added: "…"'
            if lead.endswith(":"):
                found = self.frame_cue(self._sentence_start(len(lead) + before_start - 1, before_start),
                                       before_start + len(lead), after=False)
                if found is not None and before_start + len(lead) - found[0].idx > 60:
                    found = None  # the cue belongs to an earlier clause, not to this colon
            # 3. cue after the quote, before the next quote or the paragraph end
            standalone = not lead or lead[-1] in _STANDALONE_BEFORE or self._ends_with_cue(before_start, q.start)
            short = word_count(inner) < MIN_QUOTE_WORDS
            if found is None and standalone and not short:
                found = self._dash_attribution(q.end, after_end)
            if found is None and standalone and _can_end_attribution(text, q) and (
                    not short or inner.rstrip().endswith((",", "?", "!"))):
                # ('X announced the plan, saying "…". A tweet repeated it': a quote its own cue brings in ends with
                # its sentence; the next sentence's cue is another statement's)
                found = self.frame_cue(
                    q.end, self._sentence_end(q.end, after_end, next_too=not self._ends_with_cue(before_start, q.start)),
                    after=True)
            # 4. cue before it: 'He said, "…"', 'Trump declared "…"'
            if found is None and (lead.endswith(",") or self._ends_with_cue(before_start, q.start)
                                  or judged_as(self._words_before(before_start, q.start), self._speech_cue)):
                found = self.frame_cue(self._sentence_start(q.start, before_start), q.start, after=False)
                sentence = inner[:1].isupper() and inner.rstrip().endswith((".", "!", "?")) and lead.endswith(",")
                if found is not None and short and not sentence and not judgement(found[0], inner):
                    found = None  # 'He said, "We will win."' is a statement; 'Trump declared "Liberation Day"' is not
            # '"A," he said, "B"': the cue between belongs to the quote before, B is its second fragment
            if found is not None and prev is not None and id(prev) in by_quote and by_quote[id(prev)].cue is not None \
                    and found[0].i == by_quote[id(prev)].cue.i:
                draft = by_quote[id(prev)]
                draft.fragments.append((q.start, q.end))
                draft.quotes.append(q)
                by_quote[id(q)] = draft
                continue
            # 4. same paragraph, after an attributed quote: '"A," he said. "B."'
            if found is None and prev is not None and prev.para == q.para and id(prev) in by_quote:
                gap = text[prev.end:q.start]
                draft = by_quote[id(prev)]
                if "\n" not in gap and word_count(inner) >= 2 and not self._gap_has_other_cue(prev.end, q.start, draft):
                    draft.fragments.append((q.start, q.end))
                    draft.quotes.append(q)
                    by_quote[id(q)] = draft
                    continue
            if found is None:
                # 5. floating quote paragraph after another speaker's quote
                starts_para = text[ps:q.start].strip() == ""
                last = drafts[-1] if drafts else None
                if (starts_para and q.closed and last is not None and last.kind == "direct" and last.para >= q.para - 1
                        and (last.speaker_head is not None or last.follows is not None)
                        and word_count(inner) >= MIN_QUOTE_WORDS):
                    draft = Draft([(q.start, q.end)], "direct", cue=None, cue_text=None, follows=last,
                                  confidence=0.6, para=q.para, quotes=[q])
                    drafts.append(draft)
                    by_quote[id(q)] = draft
                    self._attach_after(draft, q, nxt, pe)
                elif starts_para and q.closed and not text[q.end:pe].strip() and word_count(inner) >= MIN_QUOTE_WORDS \
                        and (last is None or last.para < q.para - 1):
                    # 6. a quote paragraph after a paragraph about a person: "X took a softer line.¶“…”"
                    head = self._subject_of_narrative(q.para - 1) or self._message_from(q.para + 1)
                    if head is not None:
                        draft = Draft([(q.start, q.end)], "direct", cue=None, cue_text=None, speaker_head=head,
                                      confidence=0.5, para=q.para, quotes=[q])
                        drafts.append(draft)
                        by_quote[id(q)] = draft
                elif not starts_para and word_count(inner) >= MIN_QUOTE_WORDS:
                    # 7. a quote sentence right after reported speech: 'Ortiz says the plan will fail. “…”'
                    head = self.reporter_before(q, lead, after_end)
                    if head is not None:
                        drafts.append(Draft([(q.start, q.end)], "direct", cue=None, cue_text=None, speaker_head=head,
                                            confidence=0.5, para=q.para, quotes=[q]))
                        by_quote[id(q)] = drafts[-1]
                continue
            cue, head = found
            conf = kind_conf - (0.2 if word_count(inner) < MIN_QUOTE_WORDS else 0.0)
            draft = Draft([(q.start, q.end)], "direct", cue=cue, cue_text=self.cue_text(cue), speaker_head=head,
                          confidence=round(conf, 2), para=q.para, quotes=[q])
            drafts.append(draft)
            by_quote[id(q)] = draft
            # the chain may have started paragraphs earlier without a cue: pull those pieces in
            self._pull_back(draft, qi, by_quote, drafts)
        return drafts

    def _subject_of_narrative(self, para: int) -> Token | None:
        """The person the paragraph's last sentence is about, when it quotes nobody: the subject of its main verb,
        a name, "he"/"she" or a described official ("The Danish minister, Mette Holm, took a softer line.")."""
        if para < 0 or para >= len(self.paras):
            return None
        ps, pe = self.paras[para]
        if any(ch in self.text[ps:pe] for ch in "\"“”„«»"):
            return None
        span = self.tokens(ps, pe)
        if span is None or not len(span):
            return None
        root = span[-1].sent.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if not span.start <= root.i < span.end or root.pos_ not in ("VERB", "AUX"):
            return None  # (a sentence the parser ran on into the quote is no narrative of its own)
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i < span.start:
            return None
        if subject.i in self.resolver.by_token or subject.lower_ in ("he", "she") or any(
                c.dep_ == "appos" and c.i in self.resolver.by_token for c in subject.children) or (
                self.lex.is_title_head(subject.lower_) and any(c.dep_ in ("det", "poss") for c in subject.children)):
            return subject
        return None

    def _message_from(self, para: int) -> Token | None:
        """Who a quote paragraph is from when the next one opens by saying so: "That was the message from
        Norway's fisheries minister, X, …", "Those were the words of X"."""
        if para >= len(self.paras):
            return None
        span = self.tokens(*self.paras[para])
        if span is None or not len(span):
            return None
        root = span[0].sent.root
        if root.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ in ("that", "those", "this", "these", "such")
                                          for c in root.children):
            return None
        attr = next((c for c in root.children if c.dep_ == "attr" and c.lemma_.lower() in _SAYING_NOUNS), None)
        return next((g for c in attr.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                     for g in c.children if g.dep_ == "pobj"), None) if attr is not None else None

    def _ends_with_cue(self, start: int, end: int) -> bool:
        """'Trump declared “…”', 'he said that “…”': the words before the mark end with a cue."""
        span = self.tokens(start, end)
        if span is None or not len(span):
            return False
        toks = [t for t in span if not t.is_space]
        if toks and toks[-1].lower_ == "that":
            toks = toks[:-1]
        return bool(toks) and self.is_cue(toks[-1], belief=False)

    def _words_before(self, start: int, end: int) -> list[Token]:
        span = self.tokens(start, end)
        return [t for t in span if not t.is_space] if span is not None else []

    def _speech_cue(self, tok: Token) -> bool:
        return self.is_cue(tok, belief=False)

    def _dash_attribution(self, start: int, end: int) -> tuple[Token, Token | None] | None:
        """'“…” ― Jane Doe' closing a paragraph: the name after the dash is the speaker."""
        tail = self.text[start:end]
        stripped = tail.lstrip()
        if not stripped.startswith(DASHES) or word_count(stripped) > 8:
            return None
        span = self.tokens(start + tail.index(stripped[0]), end)
        if span is None:
            return None
        dash = span[0]
        head = next((t for t in span[1:] if not t.is_space and t.text.strip() and (
            t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in ("PERSON", "ORG"))), None)
        if head is None:
            return None
        return dash, _phrase_head(head)

    def _attach_after(self, draft: Draft, q: QuoteSpan, nxt: QuoteSpan | None, pe: int) -> None:
        """A continuation piece may carry the cue for the whole chain ('“…,” she said.')."""
        if draft.cue is not None:
            return
        after_end = min(pe, nxt.start if nxt is not None and nxt.para == q.para else pe)
        if not _can_end_attribution(self.text, q):
            return
        found = self.frame_cue(q.end, self._sentence_end(q.end, after_end), after=True)
        if found is None:
            return
        cue, head = found
        draft.cue, draft.cue_text, draft.speaker_head = cue, self.cue_text(cue), head
        draft.confidence = 0.85

    def _pull_back(self, draft: Draft, qi: int, by_quote: dict[int, Draft], drafts: list[Draft]) -> None:
        k = qi
        while k > 0 and self.quotes[k].continues:
            prev = self.quotes[k - 1]
            if id(prev) in by_quote:
                break
            draft.fragments.insert(0, (prev.start, prev.end))
            by_quote[id(prev)] = draft
            k -= 1

    def _gap_has_other_cue(self, start: int, end: int, draft: Draft) -> bool:
        span = self.tokens(start, end)
        if span is None:
            return False
        # only a cue with its own subject in a main clause starts a new attribution ("… he was called to")
        return any(self.is_cue(t) and (draft.cue is None or t.i != draft.cue.i) and t.dep_ in ("ROOT", "conj", "parataxis")
                   and any(c.dep_ == "nsubj" for c in t.children) and not any(c.dep_ == "neg" for c in t.children)
                   for t in span)

    def _sentence_end(self, start_char: int, limit: int, next_too: bool = True) -> int:
        """End of the attribution after a quote: the sentence end, at most ``limit``."""
        span = self.tokens(start_char, min(limit, start_char + 1))
        if span is None or not len(span):
            return limit
        tok = span[0]
        end = tok.sent.end_char
        # a quote that closes the sentence is often parsed into the next one: give it one more sentence
        if next_too and end - start_char < 3 and tok.sent.end < len(self.doc):
            end = self.doc[tok.sent.end].sent.end_char
        return min(end, limit)

    def _sentence_start(self, end_char: int, limit: int) -> int:
        span = self.tokens(max(limit, end_char - 1), end_char)
        if span is None or not len(span):
            return limit
        return max(span[0].sent.start_char, limit)

    # ------------------------------------------------------------ reported speech
    def resolve_speakers(self, drafts: list[Draft]) -> None:
        """Resolve every draft's speaker in text order, so "he said" can lean on the statements before it."""
        # every reported content, mixed quotes too ("X says Y “has a record”": Y is not "he" next); but what an
        # outlet "reported" is the story itself, whose people are "he" next ("Hardy attacked the levy, the Courier
        # reported. He then said …")
        ranges = [f for d in drafts if d.cue is None or d.cue.lemma_ != "report" for f in d.fragments]
        for tok in self.doc:  # what people think or believe is reported content too
            if self.lex.cue_class(tok.lemma_) == "belief" and tok.pos_ == "VERB":
                comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
                if comp is not None:
                    ranges.append((comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)))
        self.resolver.content_ranges = sorted(ranges)
        for d in sorted(drafts, key=lambda d: (d.speaker_head.i if d.speaker_head is not None else 10**9, d.start)
                        if d.follows is None else (10**9, d.start)):
            if d.follows is not None:
                continue
            if d.speaker_head is None:
                d.speaker = Speaker(name=None)
                d.confidence = min(d.confidence, 0.4)
                continue
            self.resolver.speaking = d.fragments
            d.speaker = self.resolve(d.speaker_head)
            self.resolver.speaking = []
            if d.speaker.person is None and d.speaker.kind in ("organization", "other") and d.speaker.name:
                d.speaker = self.resolver.voice_named_before(d.speaker, d.speaker_head) or d.speaker
                named = self.resolver.name_after_title(d.speaker.name)
                if named is not None:  # ("… Equality chairman Owen Hale said": Hale, not an organization)
                    d.speaker = replace(d.speaker, name=named, kind="person")
            if d.speaker.kind in ("pronoun", "description"):
                d.confidence -= 0.1
            if d.speaker.person is None and d.speaker.kind in ("pronoun", "other"):
                d.confidence -= 0.15
        name_lead_sources(drafts, self.paras, self.resolver, self.lex)
        surnames_to_full_names(drafts, self.doc)
        for d in sorted(drafts, key=lambda d: d.start):
            if d.follows is not None:
                d.speaker = d.follows.speaker
                d.speaker_head = d.follows.speaker_head
        if not self.resolver.turns:  # (in a transcript, an "I" outside the labelled turns is the interviewer's)
            first_person_to_passage_speaker(drafts, self.paras, self.text)
        for d in drafts:
            d.confidence = round(max(0.05, min(1.0, d.confidence)), 2)


# prepositions before a cue's -ing form that leave its subject to the verb they hang on ("ended it by saying …")
_BY_SAYING = frozenset({"by", "upon", "on", "after", "before", "while", "without"})
# verbs whose object does what the verb after it says ("led exporters to say", "prompted the minister to warn")
_CAUSING_VERBS = frozenset({"lead", "prompt", "cause", "force", "push", "drive", "spur", "inspire", "compel", "move",
                            "provoke", "require", "get"})


def _addressee(tok: Token) -> bool:
    """The name is the object of "to" or "with": someone written or spoken to ("a letter to X asking …")."""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in ("to", "with")


def to_statement(draft: Draft, text_of_doc: str, published: dt.date | None) -> Statement:
    """The public record: ``text`` is the words said (fragments joined), ``start``/``end`` span them all."""
    spk = draft.speaker or Speaker(name=None)
    start, end = draft.start, draft.end
    text = " ".join(text_of_doc[s:e] for s, e in draft.fragments)
    return Statement(
        text=text,
        kind=draft.kind,
        start=start,
        end=end,
        speaker=spk.name,
        speaker_title=spk.title,
        cue=draft.cue_text,
        date=statement_date(draft.cue, published),
        confidence=max(0.0, min(1.0, draft.confidence)),
        speaker_start=spk.span.start_char if spk.span is not None else None,
        speaker_end=spk.span.end_char if spk.span is not None else None,
        speaker_is_organization=spk.kind == "organization",
        fragments=list(draft.fragments),
    )


# what a speaker's words are called when the sentence after them names the speaker ("That was the message from X")
_SAYING_NOUNS = {"message", "word", "warning", "verdict", "view", "response", "reaction", "answer", "assessment",
                 "promise", "pledge", "plea", "argument"}


def _can_end_attribution(text: str, q: QuoteSpan) -> bool:
    """A quote that ends with a full stop inside the marks closes its sentence: what follows is new."""
    inner = text[q.start:q.end].rstrip(QUOTE_CHARS)
    return not inner.endswith(".") or inner.endswith("...") or inner.endswith("…")


def _phrase_head(tok: Token) -> Token:
    while tok.dep_ in ("compound", "amod", "poss", "det") and tok.head.i != tok.i:
        tok = tok.head
    return tok


