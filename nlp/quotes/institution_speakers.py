"""Institutions as speakers: who speaks through a spokesperson, an office or a document, what "it" stands for,
and under which name an organization is given (the fullest the article uses, see ``organizations.py``).

A mixin of ``SpeakerResolver``: it uses the resolver's doc, people (``by_token``), pronoun antecedents and
descriptions, and keeps the unnamed spokespeople and organizations heard so far.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from nlp.quotes.described_names import described_as_organization
from nlp.quotes.document_authors import LOOKBACK_TOKENS, PAPER_KINDS, DocumentAuthors
from nlp.quotes.entities import entity_of
from nlp.quotes.lexicon import NEWSPAPER_NAME_ENDS, OUTLETS, normal_word
from nlp.quotes.organizations import in_headline, whole_name_end
from nlp.quotes.people import Person

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_NAMED = {"ORG", "PERSON", "GPE", "NORP", "WORK_OF_ART", "FAC", "LOC"}
_GENDERED_VOICES = {"spokesman": "m", "spokeswoman": "f"}
_VOICE_WORDS = {"spokesman", "spokeswoman", "spokesperson"}
_KIND_OF_COMPANY = {"company", "firm", "corporation", "group"}
_RESEARCH_STAFF = frozenset({"analyst", "economist", "strategist", "researcher"})
SENTENCES_BACK = 2  # how far "they" looks for the group it stands for
# words for a share of a group ("a number of delegates", "many of the experts"): "they" is the group's people
_SHARE_OF_A_GROUP = frozenset({"number", "majority", "many", "most", "some", "several", "dozens", "hundreds"})
# people described by what they do or think, beyond the lexicon's titles and trades ("critics say … they add")
_GROUPS_OF_PEOPLE = frozenset({"critic", "researcher", "scientist", "local", "activist", "campaigner",
                               "politician", "boss", "author", "academic", "supporter", "opponent", "protester",
                               "bigwig", "insider", "sceptic", "skeptic", "optimist", "pessimist", "advocate"})


@dataclass
class Speaker:
    name: str | None  # canonical person name, organization or the mention as written
    title: str | None = None
    person: Person | None = None
    kind: str = "none"  # person | pronoun | description | organization | other | none
    span: Span | None = None


class InstitutionSpeakers(DocumentAuthors):
    """Organization speakers for ``SpeakerResolver`` (which sets ``doc``, ``lex``, ``by_token``, ``orgs``,
    ``voices`` and ``org_speakers``)."""

    def owner(self, head: Token) -> Speaker | None:
        """Who speaks through a spokesman, campaign or document: "Cameron's spokesman", "her aides", "his
        statement" → the person; "FEC filings", "the FBI data", "a Volkswagen spokesman", "a spokesperson for the
        Ministry of Commerce" → the organization; "the minutes", "the statement" → the institution that spoke last."""
        lemma = head.lemma_.lower()
        is_document = self.is_document(head)
        # "the bank's press service", "the ministry's press department": the body's voice, as a spokesperson is
        press = lemma in ("service", "department") and any(c.lower_ == "press" for c in head.lefts)
        is_voice = lemma in self.lex.voice_nouns or press
        if not is_document and not is_voice and lemma not in self.lex.spokespeople or head.ent_type_ in _NAMED:
            return None  # (a name is no document: "the Washington Post")
        span = self.mention_span(head)
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        dated = poss is not None and poss.ent_type_ in ("DATE", "TIME") and is_document
        if dated:
            poss = None  # "today's statement", "Thursday's decision": the day's, no owner (as "the statement")
        if poss is not None:
            if poss.lower_ in PRONOUN_GENDER:
                person = self.antecedent(poss.i, PRONOUN_GENDER[poss.lower_])
                if person is not None:
                    self._person_voice(head, person)
                    return self._found(person, head, "pronoun", span)
                return None
            if poss.lower_ == "its" and (is_document or lemma in self.lex.spokespeople):
                # "Norland Mining expects …, its annual report said": the organization the words are about, else
                # the one "its" stands for
                org = self.own_words_organization() or self.organization_antecedent(poss.i)
                return self._voice_of(head, org, span) if org is not None else None
            person = self.by_token.get(poss.i)
            if person is None and self.lex.is_title_head(poss.lower_) \
                    and any(d.dep_ == "det" and d.lower_ == "the" for d in poss.children):
                person = self.described(poss, strict=True)  # "the former minister's spokeswoman": that minister
            if person is not None:
                self._person_voice(head, person)
                return self._found(person, head, "description", span)
            if poss.ent_type_ in ("ORG", "GPE") and (is_document or lemma in self.lex.spokespeople):
                return self._voice_of(head, self._organization_name(entity_of(poss) or self.doc[poss.i:poss.i + 1]), span)
            org = self._described_possessor(poss) if is_document or press or lemma in self.lex.spokespeople else None
            if org is not None:  # "the fund's report", "the organisation's spokesman"
                return self._voice_of(head, org, span)
            return None
        if is_document or lemma in self.lex.spokespeople:
            org = self._named_owner(head)
            if org is None and is_document:
                org = self._publisher(head)  # "The board made a decision, according to which …": the board
            if isinstance(org, Person):
                return self._found(org, head, "description", span)
            if org is not None:
                return self._voice_of(head, org, span)
            definite = dated or any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children)
            if is_document and not definite and lemma in self.lex.own_documents \
                    and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
                # "A statement said: …", "a written statement said" with no owner written: the institution that
                # spoke last, else the one the story named last, as for "the statement"
                org = self._own_document_institution(head)
                if org is not None:
                    return Speaker(name=org, kind="organization", span=span)
            if definite and is_document:
                # "A report by the IMF criticised … The report said …": the author named with the document before;
                # failing that, "The BOK said in a statement … The statement also said …": the institution that
                # spoke last
                org = self._earlier_document_author(head)
                if isinstance(org, Person):
                    return self._found(org, head, "description", span)
                if org is None and not self.is_issued_text(head):  # (a plan or a list: only an issuer named)
                    org = self._own_document_institution(head)
                if org is not None:
                    return Speaker(name=org, kind="organization", span=span)
            if is_document:
                # "A white paper said … said the white paper, issued by X": the issuer named further on
                org = self.later_document_author(head)
                if isinstance(org, Person):
                    return self._found(org, head, "description", span)
                if org is not None:
                    return Speaker(name=org, kind="organization", span=span)
            if definite and not is_document:
                # "the spokeswoman added": the institution whose spokeswoman spoke before, unless a person with
                # that title was named since; "he" after it is that spokesperson again, not a person named between
                voice = self._last_voice(head.i, _GENDERED_VOICES.get(lemma))
                if voice is not None and any(voice[0] < at < head.i and self.doc[at].lower_ == head.lower_
                                             for at, _ in self.unnamed_speakers):
                    voice = None  # ("according to one official … the official said": that official again)
                if voice is not None:
                    person = self.described(head, strict=True)
                    if person is None or max((m.start for m in person.mentions if m.start < head.i), default=-1) < voice[0]:
                        return self._voice_of(head, voice[1], span)
            if lemma in _VOICE_WORDS and head.tag_ == "NN" and self._owner_unwritten(head) and (
                    not definite or self._last_voice(head.i, None) is None and self.described(head, strict=True) is None):
                # "Harbin Motors said … The plant will open in May, a spokesman said": whose spokesperson the text
                # leaves unsaid speaks for the organization the words are about, else the one that spoke last, else
                # the one that acted last
                org = self.own_words_organization() or next(
                    (name for at, name in reversed(self.org_speakers) if at < head.i and head.i - at <= LOOKBACK_TOKENS
                     and not _unnamed(name)), None) or self.organization_antecedent(head.i)
                if org is not None:
                    return self._voice_of(head, org, span)
        if is_voice and not is_document and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            # "Prime Minister X's office said … “…,” the office said": whose office spoke before, unless someone
            # with that title was named since ("her spokesman said … spokesman Y said … the spokesman added": Y)
            at, person = next(((at, p) for at, word, p in reversed(self.person_voices)
                               if word == lemma and at < head.i and head.i - at <= LOOKBACK_TOKENS), (-1, None))
            if person is not None:
                named = self.described(head)
                if named is not None and any(at < m.start < head.i for m in named.mentions):
                    person = named
                return self._found(person, head, "description", span)
        return None

    def _owner_unwritten(self, head: Token) -> bool:
        """A spokesperson with no owner written: "a spokesman", "the senior spokeswoman", "a company spokesman"
        (not "a union spokesman", "a British spokesman", "a spokesman for X", "her spokesman")."""
        for c in head.children:
            if c.dep_ in ("compound", "nmod") and c.i < head.i and c.lower_ not in _KIND_OF_COMPANY:
                return False
            if c.dep_ in ("poss", "appos") or c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from", "with", "in"):
                return False
            if c.dep_ == "amod" and (c.ent_type_ in _NAMED or c.text[:1].isupper()):
                return False
        return True

    def _person_voice(self, head: Token, person: Person) -> None:
        """Remember that a person spoke through this voice ("X's office"), for "the office" after it."""
        if head.lemma_.lower() in self.lex.voice_nouns:
            self.person_voices.append((head.i, head.lemma_.lower(), person))

    def _named_owner(self, head: Token) -> Person | str | None:
        """The person or organization a spokesperson or document is of: a name or institution as a compound
        ("a Volkswagen spokesman", "a ministry official", "FEC filings") or after for/of/at/from ("a spokesperson
        for the Ministry of Commerce", "the minutes of the Fed's meeting")."""
        for c in head.children:
            if c.dep_ in ("compound", "nmod") and c.i < head.i:
                if c.i in self.by_token:
                    return self.by_token[c.i]
                ent = entity_of(c)
                if ent is not None and ent.label_ in ("ORG", "GPE", "NORP") and ent.end <= head.i:
                    if ent.label_ == "ORG" or self.lex.org(ent.text):
                        return self._with_nationality(head, ent.start, self._organization_name(ent))
                    continue  # "a Chinese spokesman", "U.S. officials": a country is not who speaks
                if ent is not None and ent.label_ == "PERSON" and ent.end <= head.i and self.lex.names_a_firm(ent):
                    return self._organization_name(ent)  # "a Fitch report": the firm, taken for a person
                if c.pos_ == "PROPN" and c.text[:1].isupper() and ent is None and not self._names_the_document(c, head):
                    return self._organization_name(self.doc[c.left_edge.i:c.i + 1])  # "a MOFCOM spokesperson"
                if (c.lemma_.lower() in self.lex.institution_nouns or c.lemma_.lower() in self.lex.company_nouns) and (
                        head.lemma_.lower() in self.lex.spokespeople or head.lemma_.lower() in self.lex.own_documents
                        or any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in head.children)):
                    # "a ministry official", "a company spokesperson", "agency officials", "a central bank
                    # statement": the one named before (but "a court document" is any court's)
                    named = self.doc[c.left_edge.i:c.i + 1]
                    described = self.described_as(c)
                    found = self.orgs.fullest(named) or (described[1] if described else None) \
                        or (self.own_words_organization() or self._voice_before(head.i)
                            if head.lemma_.lower() in self.lex.spokespeople
                            and c.lemma_.lower() not in self.lex.institution_nouns else None) \
                        or self.described_organization(c) or (
                        self._organization_name(named) if c.lemma_.lower() in self.lex.institution_nouns else None)
                    return self._with_nationality(head, named.start, found, named.text) if found else None
                if self.is_document(head) and c.tag_ == "NN" and c.lower_ != "court" and (
                        c.lemma_.lower() in self.lex.institution_nouns or c.lower_ in _FORCES):
                    # "according to a police report", "a government survey": the body that wrote it, as written
                    # (not "court documents": what the parties filed)
                    return c.lower_
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "of", "at", "from", "with"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                poss = next((g for g in obj.children if g.dep_ == "poss"), None)
                if obj.lemma_.lower() in ("meeting", "session", "board", "committee") and poss is not None:
                    obj = poss  # "the minutes of the Fed's last meeting"
                found = self._named_object(obj)
                if found is not None:
                    return found
        return self._document_agent(head) or self._posted_by(head)

    def _names_the_document(self, word: Token, head: Token) -> bool:
        """A capitalised word of a document's own name ("the White Paper", "the Green Paper"), no issuer."""
        return self.is_document(head) and head.lower_ == "paper" and word.lower_ in PAPER_KINDS

    def _described_possessor(self, poss: Token) -> str | None:
        """The organization "the fund's", "the organisation's" or "the hospital's" stands for (the one named before
        by that word)."""
        if poss.tag_ != "NN" or not any(d.dep_ == "det" and d.lower_ == "the" for d in poss.children):
            return None
        if poss.lemma_.lower() not in self.lex.company_nouns | self.lex.institution_nouns:
            # "the hospital's announcement" after "Harlby Children's Hospital": the organization whose name that
            # word ends
            return self.named_organization(poss)
        return self.organization_referred(poss)

    def _with_nationality(self, head: Token, start: int, name: str, written: str | None = None) -> str:
        """The organization a spokesperson or official is of, with the nationality written before it: "a
        British High Commission spokesman" speaks for the British High Commission, "Japanese government
        officials" for the Japanese government (a name that already says whose it is stays as it is, unless it
        is another country's: "a Dutch trade ministry official" is not of Japan's trade ministry named later,
        the words as ``written`` are kept)."""
        k = start - 1
        while k > head.left_edge.i and self.doc[k].lower_ in ("senior", "top", "junior", "chief"):
            k -= 1  # ("a senior Japanese Foreign Ministry official")
        tok = self.doc[k] if k >= head.left_edge.i else None
        if tok is None or tok.ent_type_ != "NORP" or tok.head.i not in (head.i, start) and tok.head.head.i != head.i:
            return name
        nationality = entity_of(tok) or self.doc[k:k + 1]  # ("South Korean")
        bare = name.removeprefix("the ")
        own = self._country_of_name(bare)
        if written is not None and own is not None and own != self._country_of_name(nationality.text):
            bare = written.removeprefix("the ")
        elif own is not None or nationality.text.lower() in bare.lower():
            return name
        return f"the {nationality.text} {bare}"

    def _country_of_name(self, name: str) -> str | None:
        """The country an organization's name already names ("the Bank of Korea", "China's commerce ministry")."""
        from nlp.quotes.titles import country_code

        for word in name.replace("'s", " ").replace("’s", " ").split():
            code = country_code(word) if word[:1].isupper() else None
            if code is not None:
                return code
        return None

    def _named_object(self, obj: Token) -> Person | str | None:
        """The person or institution a preposition's object names ("for the Ministry of Commerce", "by X")."""
        if obj.i in self.by_token:
            return self.by_token[obj.i]
        ent = entity_of(obj)
        if ent is not None and (ent.label_ == "ORG" or self.lex.org(ent.text)):
            return self._organization_name(self.mention_span(obj) if obj.ent_type_ == "ORG" else ent)
        if obj.lemma_.lower() in self.lex.institution_nouns or obj.pos_ == "PROPN" and obj.text[:1].isupper() \
                and obj.lower_ in self.lex.org_nouns and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children):
            # ("by the Harbour Forum for Asia (HFA)": a name the model missed, known by the word that ends it)
            span = self.mention_span(obj)
            bracket = next((t.i for t in span if t.text == "("), span.end)
            return self._organization_name(self.doc[span.start:bracket])
        if obj.lower_ == "side" and any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")
                                        for c in obj.children):
            # "released by the Vietnamese side": a government across a table, as diplomatic copy names it
            return " ".join(self.doc[obj.left_edge.i:obj.i + 1].text.split())
        if obj.lemma_.lower() in self.lex.company_nouns and obj.tag_ == "NN" \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children):
            # "a spokesman for the company": the company the text named (or the one the words are about)
            return self.organization_referred(obj) or self.own_words_organization() or self._voice_before(obj.i)
        return None

    def _voice_before(self, i: int) -> str | None:
        """The organization whose unnamed spokesperson spoke last before token i ("a company spokesman said …
        A spokesman for the company added …")."""
        voice = self._last_voice(i, None)
        return voice[1] if voice is not None else None

    def own_words_organization(self) -> str | None:
        """The organization that is the subject of the words being attributed, for an unnamed spokesperson of a
        kind ("Norland Steel will close a plant, a company spokesman said"): who else's plans would they announce."""
        for start, end in self.speaking[:1]:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                return None
            for tok in span:
                if tok.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                # "Norland Steel will close …", "Norland Steel's plan to …", "The Danish brewer, Kolding A/S, …"
                named = tok if tok.ent_type_ == "ORG" else next(
                    (c for c in tok.children if c.dep_ in ("poss", "appos") and c.ent_type_ == "ORG"), None)
                ent = entity_of(named) if named is not None else None
                return self._organization_name(ent) if ent is not None else None  # (else someone or something else)
        return None

    def organization_antecedent(self, i: int, further: bool = False) -> str | None:
        """What "it" speaking at token i stands for: the organization or country that spoke last, or the latest
        one that was the subject of a clause outside quotes and reported content, in this paragraph or the one
        before ("The Swiss National Bank cut its rate … It said …", "China's commerce ministry … It added");
        ``further``: failing those, the organization that spoke last within half the look-back ("The authority
        said … ¶ Imports rose. ¶ “…,” it said": a paragraph of background between its words)."""
        para = self._para_start(i)
        limit = self._para_start(para - 1) if para > 0 else 0
        spoke = next(((at, name) for at, name in reversed(self.org_speakers) if limit <= at < i), None)
        for k in range(i - 1, max(limit, i - LOOKBACK_TOKENS) - 1, -1):
            if spoke is not None and k <= spoke[0]:
                return spoke[1]
            tok = self.doc[k]
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.i in self.by_token \
                    or self._inside(self.quote_ranges, tok.idx) or self._inside(self.content_ranges, tok.idx):
                continue
            if tok.ent_type_ in ("ORG", "GPE") and tok.ent_type_ != "PERSON" or self.lex.org(tok.text) \
                    or tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN") \
                    and described_as_organization(self.mention_span(tok)):
                # (or a firm set off with its kind, "Medora, a data firm,", whatever the model took it for)
                return self._organization_name(self.mention_span(tok))
            if tok.lemma_.lower() in self.lex.document_nouns and tok.ent_type_ not in _NAMED \
                    and any(t.ent_type_ in ("ORG", "GPE") for t in tok.subtree):
                author = self._author_named(tok)  # "A report by the IMF warned … It said …": the IMF
                if isinstance(author, str):
                    return author
            if tok.lemma_.lower() in self.lex.institution_nouns | self.lex.company_nouns \
                    and any(c.dep_ in ("det", "poss") for c in tok.children):
                # "The company said …; it added": the company named before
                return self.organization_referred(tok) \
                    or self._organization_name(self.mention_span(tok))
        if spoke is None and further:
            spoke = next(((at, name) for at, name in reversed(self.org_speakers)
                          if at < i and i - at <= LOOKBACK_TOKENS // 2), None)
        return spoke[1] if spoke is not None else None

    def plural_antecedent(self, i: int) -> str | None:
        """The group "they" speaking at token i stands for: the latest plural subject of a clause before it in
        this sentence or the two before, in the paragraph, outside quotes and reported content, when that subject
        is people ("American officials insist … They say …", "Critics argue … They claim …"), as written. None
        when the latest plural subject is something else ("Prices rose. They …") or none is near."""
        sent = self.doc[i].sent
        lo = sent.start
        for _ in range(SENTENCES_BACK):
            if lo == 0:
                break
            lo = self.doc[lo - 1].sent.start
        floor = self._para_start(i)
        if floor > 0 and sent.start <= floor:
            # "But advocates of the treaty think …¶They say …": a paragraph that opens with "they"
            # goes on from the last sentence of the one before
            floor = self.doc[floor - 1].sent.start
        lo = max(lo, floor)
        cue = self.doc[i].head
        for k in range(i - 1, lo - 1, -1):
            tok = self.doc[k]
            if self._inside(self.quote_ranges, tok.idx) or self._inside(self.content_ranges, tok.idx) \
                    or cue.dep_ == "parataxis" and tok.head.i == cue.head.i \
                    or tok.head.dep_ == "ccomp" and self.lex.cue_class(tok.head.head.lemma_) == "speech":
                continue  # (nor the words "they" says, "Such tariffs, they say, hurt …", nor what others said)
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.i in self.by_token:
                # (the parser may give the verb each name as a subject: "X, who chaired the inquiry, and Y write")
                joined = [tok, *(c for c in tok.children if c.dep_ == "conj"),
                          *(c for c in tok.head.children if c.dep_ == tok.dep_ and c.i != tok.i)]
                people = [self.by_token[c.i] for c in sorted(joined, key=lambda c: c.i) if c.i in self.by_token]
                if len({id(p) for p in people}) > 1:
                    # "Analysts X and Y wrote in a note … they said": the two, as one speaker string
                    return " and ".join(dict.fromkeys(p.name for p in people))
                return None
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in _SHARE_OF_A_GROUP:
                # "A number of delegates said … They added": the people the share is of
                tok = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"), tok)
            elif tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according" \
                    and tok.tag_ in ("NNS", "NNPS"):
                pass  # "according to trade officials and advisers, who said … They said": those people
            elif tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if tok.tag_ not in ("NNS", "NNPS"):
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    continue
                return None
            if tok.ent_type_ in ("PERSON", "ORG", "GPE") or not (
                    self.lex.is_title_head(tok.lower_) or tok.lemma_.lower() in self.lex.people
                    or tok.lemma_.lower() in _GROUPS_OF_PEOPLE or tok.ent_type_ == "NORP"):
                return None  # ("Prices rose. They …", "Britain and Norway …": not people described)
            span = self.mention_span(tok)
            partners = [c for c in tok.children if c.dep_ == "conj" and c.tag_ == "NNS" and c.i >= span.end]
            if partners:  # ("trade officials and advisers": the group as written)
                span = self.doc[span.start:self.mention_span(partners[-1]).end]
            group = clean_mention(span, keep_article=True)
            return "the " + group[4:] if group.startswith("The ") else group
        return None

    def firm_of_researchers(self, head: Token) -> str | None:
        """The firm whose analysts or economists speak, as its research voice: "Economists at Kell Securities, a
        bank, said", "Harrow analysts reckon" → the firm. Not a public institution's staff ("economists at the
        central bank" speak for themselves, not for its policy)."""
        if head.tag_ != "NNS" or head.lemma_.lower() not in _RESEARCH_STAFF:
            return None
        firm = next((c for c in head.children if c.dep_ == "compound" and c.i < head.i and c.ent_type_ == "ORG"), None) \
            or next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("at", "from")
                     for g in c.children if g.dep_ == "pobj" and g.ent_type_ == "ORG"), None)
        if firm is None:
            return None
        ent = entity_of(firm)
        name = ent if ent is not None else self.doc[firm.i:firm.i + 1]
        if self.lex.org(clean_mention(name)) is not None or any(
                t.lemma_.lower() in self.lex.institution_nouns - {"bank"} for t in name):
            return None
        return self._organization_name(name)

    def _voice_of(self, head: Token, org: str, span: Span) -> Speaker:
        """An unnamed spokesperson's words go to the organization; "he added" after them too."""
        gender = _GENDERED_VOICES.get(head.lemma_.lower())
        if head.lemma_.lower() in self.lex.spokespeople:
            self.voices.append((head.i, org, gender))
        return Speaker(name=org, kind="organization", span=span)

    def _last_voice(self, i: int, gender: str | None) -> tuple[int, str, str | None] | None:
        for at, org, g in reversed(self.voices):
            if at < i and i - at <= LOOKBACK_TOKENS and (not gender or not g or g == gender):
                return at, org, g
        return None

    def named_organization(self, head: Token) -> str | None:
        """The organization named before with this head word, under its fullest name: "the Commission" after
        "the Intellectual Property Commission", "the ministry" after "China's Ministry of Commerce"."""
        found = self.orgs.find(self.mention_span(head))
        return found.text if found is not None else None

    def organization_referred(self, head: Token) -> str | None:
        """The organization "the group", "the agency" or "the Commission" stands for: the one the text described
        with that word ("described_as"), unless a name holding the word came later; else the one named before
        with that head word, else the organization last made a subject."""
        described = self.described_as(head)
        if described is not None:
            named = self.orgs.find(self.mention_span(head))
            if named is None or not named.proper or named.start < described[0]:
                return described[1]
        return self.named_organization(head) or self.described_organization(head)

    def described_as(self, head: Token) -> tuple[int, str] | None:
        """News names an organization once with a word for its kind and then speaks of it by that word alone:
        "The group, Harbour Workers United, …", "NASA, the US space agency, …", "The Farm Lobby, a group of grain
        growers, …", "X is a lobby group". The latest such organization (token, fullest name) for ``head``'s word."""
        noun = head.lemma_.lower()
        if noun not in self.lex.company_nouns and (head.pos_ != "NOUN" or self.lex.is_title_head(noun)
                                                   or noun in self.lex.people or noun in self.lex.document_nouns) \
                or head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "poss" for c in head.children):
            return None  # (any word the text first set beside a firm's name: "Kell, a short-seller, … the short-seller")
        modifiers = {c.lower_ for c in head.children if c.dep_ in ("amod", "compound")}
        for k in range(head.i - 1, max(-1, head.i - 2 * LOOKBACK_TOKENS), -1):
            tok = self.doc[k]
            if tok.lemma_.lower() != noun or tok.tag_ in ("NNS", "NNPS") or self._inside(self.quote_ranges, tok.idx) \
                    or not modifiers <= {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}:
                continue  # ("the central bank" is not "X, the country's largest bank")
            # (not a short form in brackets, "the Ministry of Industry and Trade (MoIT)": the name itself, not its kind)
            name = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i and _org_name_word(c)
                         and self.doc[c.i - 1].text != "("), None)
            if name is None and tok.dep_ == "appos" and tok.head.i < tok.i and _org_name_word(tok.head):
                name = tok.head  # "NASA, the US space agency,"
            if name is None and tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ == "PROPN" \
                    and _org_name_word(tok.head):
                name = tok.head  # "the dockers' union Dock United", "the exchange operator Nordex"
            if name is None and tok.dep_ == "attr" and tok.head.lemma_ == "be":
                name = next((c for c in tok.head.children if c.dep_ == "nsubj" and _org_name_word(c)), None)
            if name is not None:
                ent = entity_of(name) if name.ent_type_ == "ORG" else None
                first = name.left_edge.i if name.left_edge.i < name.i else name.i
                if name.i > tok.i >= first:
                    # the name after the kind word, without it, whatever part of it the model tagged
                    first, ent = tok.i + 1, None
                return tok.i, self._organization_name(ent or self.doc[first:name.i + 1])
        return None

    def described_organization(self, head: Token) -> str | None:
        """"The company said" → the organization last named as the subject of a clause, outside quotes (not for
        "the companies": several speak)."""
        if head.lemma_.lower() not in self.lex.company_nouns or any(c.dep_ == "poss" for c in head.children) \
                or head.tag_ in ("NNS", "NNPS"):
            return None
        # "the production company" is the one whose name says so ("Dick Clark Productions"), before the last subject
        kinds = [c.lower_[:5] for c in head.children if c.dep_ in ("compound", "amod") and len(c) >= 4]
        latest = None
        for k in range(head.i - 1, max(-1, head.i - LOOKBACK_TOKENS), -1):
            tok = self.doc[k]
            if tok.ent_type_ == "ORG" and tok.dep_ in ("nsubj", "nsubjpass") \
                    and tok.head.lemma_ not in ("report", "quote", "cite") \
                    and not self._inside(self.quote_ranges, tok.idx) \
                    and not self._inside(self.content_ranges, tok.idx):
                # ("…, Reuters reported": an outlet relays; "X said the IMF should lend more": the IMF is what X
                # spoke of, not "the group" that speaks next)
                ent = entity_of(tok)
                if ent is None or in_headline(ent):
                    continue
                if not kinds or any(t.lower_.startswith(kind) for t in ent for kind in kinds):
                    return self._organization_name(ent)
                latest = latest or ent  # no name says so: the last subject, as for "the company"
        return self._organization_name(latest) if latest is not None else None

    def described_outlet(self, head: Token) -> str | None:
        """"The newspaper said", "the paper added" → the newspaper, agency or broadcaster the text named last as
        a source ("the People's Daily said in an editorial", "the Nikkei business daily reported", "told the daily
        Al-Rai"), whether it spoke or reported."""
        if head.lemma_.lower() not in OUTLETS or head.tag_ != "NN" or any(c.dep_ == "poss" for c in head.children):
            return None
        modifiers = {c.lower_ for c in head.children if c.dep_ in ("amod", "compound")}
        for k in range(head.i - 1, max(-1, head.i - LOOKBACK_TOKENS), -1):
            tok = self.doc[k]
            if tok.ent_iob_ != "B" or self._inside(self.quote_ranges, tok.idx):
                continue
            if tok.ent_type_ != "ORG":
                ent = entity_of(tok)
                if k > 0 and self.doc[k - 1].lower_ in OUTLETS and ent is not None and ent.label_ in _NAMED:
                    return clean_mention(ent)  # "the Kuwaiti daily al-Qabas", whatever the model took it for
                continue
            ent = entity_of(tok)
            if ent is None or in_headline(ent):
                continue
            root = ent.root
            outlet = root.head if root.dep_ in ("appos", "compound") else root
            if outlet.lemma_.lower() in OUTLETS or any(c.lemma_.lower() in OUTLETS for c in root.children
                                                         if c.dep_ in ("compound", "appos", "amod")) \
                    or ent[-1].lower_ in NEWSPAPER_NAME_ENDS and len(ent) >= 2 and ent[-1].text[:1].isupper():
                # (or a newspaper's name: "the Washington Post said … The newspaper, quoting officials, said")
                if modifiers <= {t.lower_ for t in outlet.subtree}:  # ("the provincial daily" is another paper)
                    return self._organization_name(ent)
        return None

    def described_bloc(self, head: Token) -> str | None:
        """"The bloc said" → the bloc named last before it ("the European Union", "Mercosur"), under the bloc's
        full name when the text gives it, else as written."""
        if head.lemma_.lower() != "bloc" or any(c.dep_ == "poss" for c in head.children):
            return None
        blocs = [b for b in self.doc.spans["blocs"] if b.end <= head.i] if "blocs" in self.doc.spans else []
        blocs = [b for b in blocs if b.text not in self.lex.bloc_seats]
        if not blocs or head.i - blocs[-1].start > LOOKBACK_TOKENS:
            return None
        code = blocs[-1].label_
        mentions = [b for b in self.doc.spans["blocs"] if b.label_ == code]
        full = self.lex.bloc_names.get(code)
        spelled = next((b for b in mentions if full and b.text.lower().removeprefix("the ") == full.lower()), None)
        return clean_mention(spelled or blocs[-1], keep_article=True)

    def _organization_name(self, span: Span) -> str:
        """The fullest name the text gives the organization ("the BOK" → "the Bank of Korea" when the text spells
        it out, "the Ministry of Commerce" → "the Chinese Ministry of Commerce"), else as written with its article
        ("the Swiss government"), well-known short forms spelled out; a body of a known institution speaks for it
        ("the Fed's policy committee" → "the Federal Reserve"), and a name before a description of its kind is
        the name ("Italy's ANFIA carmakers' association" → "ANFIA")."""
        head = span.root
        if self.lex.is_body_noun(head.lemma_):
            owner = self.body_owner(head) or self.central_bank_body(head, span)
            if owner:
                return owner
        country = self._country_speaking(span)
        if country is not None:
            government = self.orgs.government(country)
            if government is not None:  # "Oslo said" after "the Norwegian government": one speaker
                return government.text
        span = self._proper_part(span)
        span = self.doc[span.start:whole_name_end(self.doc, span.start, span.end)] if len(span) else span
        full = self.orgs.fullest(span)
        if country is not None and full is not None and full.lower().removeprefix("the ") != clean_mention(span).lower() \
                and any(w.lower() in self.lex.org_nouns or w.lower() in self.lex.institution_nouns for w in full.split()):
            full = None  # ("China said" is not the "Information Office of China" named before: the country speaks)
        if full is not None:
            return full
        name = clean_mention(span)
        had_the = span[0].lower_ == "the" if len(span) else False
        return f"the {name}" if had_the else name

    def body_owner(self, head: Token) -> str | None:
        """The institution a body or its people speak for, under its fullest name: the owner named with them
        ("the Fed's policy committee", "Policymakers at the Bank of Korea"), described ("the bank's monetary policy
        committee") or meant by "its" ("Its committee said" after the central bank)."""
        for c in head.children:
            if c.dep_ == "poss" and c.i < head.i:
                if c.lower_ in ("its", "their"):
                    return self.organization_antecedent(c.i)
                if c.ent_type_ == "ORG" or self.lex.org(c.text):
                    return self.orgs.fullest(self.doc[c.left_edge.i:c.i + 1])
                if c.lemma_.lower() in self.lex.institution_nouns and any(
                        d.dep_ == "det" and d.lower_ == "the" for d in c.children):
                    return self.named_organization(c)  # "the bank's committee": the bank named before
            if c.dep_ == "prep" and c.lower_ in ("at", "of", "from") and c.i > head.i \
                    and self.lex.is_voice_of_body(head.lemma_):  # (members of Congress are not Congress)
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                ent = entity_of(obj) if obj is not None else None
                if obj is not None and (obj.ent_type_ == "ORG" or self.lex.org(obj.text)
                                        or ent is not None and self.lex.org(ent.text)):
                    named = self.mention_span(obj)
                    if named.root.i == head.i or self.lex.is_body_noun(named.root.lemma_):
                        return self.orgs.fullest(named)  # (an entity that holds the body itself)
                    return self._organization_name(named)
        return None

    def _country_speaking(self, span: Span) -> str | None:
        """The ISO code of a country or its seat that is the whole speaker ("Norway", "Oslo", "Beijing")."""
        words = [t for t in span if not t.is_punct and t.lower_ != "the"]
        if not words or any(t.ent_type_ == "NORP" for t in words):
            return None  # ("Mexicans said": people, not their government)
        for c in self.doc.spans.get("countries", []):
            if len(c.label_) == 3 and c.start <= words[0].i and words[-1].i < c.end:
                return c.label_
        return None

    def central_bank_body(self, head: Token, span: Span) -> str | None:
        """A central bank's rate-setters speak for it: "The Monetary Policy Committee said", "the committee said",
        "Policymakers said" after the bank (the one the story is about, see ``OrgIndex.central_bank``), when the
        words name no other body ("the Senate Banking Committee" is not the Fed's)."""
        if normal_word(head.lemma_) not in _RATE_SETTERS:
            return None
        words = {t.lower_ for t in span if not t.is_punct and t.i != head.i and t.lower_ not in ("the", "its")}
        if words - _RATE_SETTING_WORDS:
            return None
        bank = self.orgs.central_bank(head.i)
        return bank.text if bank is not None else None

    def _proper_part(self, span: Span) -> Span:
        """"Italy's ANFIA carmakers' association", "the Volkswagen group": an organization's name before
        lower-case words that only say what kind of body it is."""
        head = span.root
        lemma = head.lemma_.lower()
        if head.text[:1].isupper() or head.ent_type_ == "ORG" or lemma in self.lex.institution_nouns or (
                lemma not in self.lex.company_nouns and lemma not in self.lex.org_nouns):
            return span  # ("the ITF member" is a person)
        k = head.i - 1
        while k >= span.start and self.doc[k].text.islower() and self.doc[k].pos_ in ("NOUN", "ADJ", "PROPN"):
            k -= 1
        if k < span.start or not _name_word(self.doc[k]):
            return span
        start = k
        while start > span.start and _name_word(self.doc[start - 1]):
            start -= 1
        return self.doc[start:k + 1]


_RATE_SETTERS = frozenset({"committee", "board", "council", "policymaker", "policy-maker", "rate-setter"})
_RATE_SETTING_WORDS = frozenset({"monetary", "policy", "open", "market", "governing", "rate", "rate-setting",
                                 "interest", "federal", "executive"})


# bodies whose reports and filings speak for them, named by a common noun ("a police report")
_FORCES = frozenset({"police", "military", "army", "navy", "coastguard"})


def _unnamed(name: str) -> bool:
    """An organization kept as its description ("the plastics company"), not a name."""
    return name.startswith("the ") and name[4:] == name[4:].lower()


def _org_name_word(tok: Token) -> bool:
    """The token ends an organization's name: tagged as one, or a capitalised proper noun of no other kind."""
    return tok.ent_type_ == "ORG" or tok.ent_type_ == "" and tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _name_word(tok: Token) -> bool:
    """A capitalised proper noun that is no place, people or person: part of an organization's name."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ not in ("GPE", "NORP", "PERSON", "DATE", "LOC")


def clean_mention(span: Span, keep_article: bool = False) -> str:
    """The mention without edge punctuation (and without its article unless asked to keep it)."""
    toks = [t for t in span if not t.is_space]
    while toks and (toks[0].lower_ in ("the", "a", "an") and not keep_article or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct and not closes_bracket(toks):
        toks = toks[:-1]
    if not toks:
        return span.text
    return span.doc[toks[0].i:toks[-1].i + 1].text


def closes_bracket(toks) -> bool:
    """The last token closes a bracket the words opened ("the Energy Agency (IEA)"): it stays."""
    return toks[-1].text == ")" and sum(t.text == "(" for t in toks) > sum(t.text == ")" for t in toks[:-1])
