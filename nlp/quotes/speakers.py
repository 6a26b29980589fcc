"""Who a speaker mention stands for: a named person, a described official, a pronoun's antecedent, or an organization.

Descriptions ("the Treasury secretary", "the official") are resolved in ``descriptions.py``, pronouns ("Bessent
said ... He added ...") in ``pronouns.py``; organizations as speakers (spokespeople, documents, "it", the fullest
name) in ``institution_speakers.py``.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from nlp.quotes.institution_speakers import (
    LOOKBACK_TOKENS,
    PRONOUN_GENDER,
    InstitutionSpeakers,
    Speaker,
    clean_mention,
)
from nlp.quotes.described_names import described_as_organization
from nlp.quotes.descriptions import Descriptions, _office_elect, _under_preposition
from nlp.quotes.entities import entity_of
from nlp.quotes.lexicon import OUTLETS, Lexicon, lexicon
from nlp.quotes.name_entities import after_title_and_place
from nlp.quotes.organizations import OrgIndex
from nlp.quotes.people import Person
from nlp.quotes.pronouns import PHRASE_DEPS, PronounResolution
from nlp.quotes.titles import role_from
from nlp.quotes.transcripts import asks, label_at, speaker_turns
from nlp.segments import doc_text

__all__ = ["Speaker", "SpeakerResolver", "PRONOUN_GENDER", "LOOKBACK_TOKENS"]



class SpeakerResolver(Descriptions, PronounResolution, InstitutionSpeakers):
    """Resolve speaker mentions in one doc against the people found in it."""

    def __init__(self, doc: Doc, people: list[Person], quote_ranges: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.people = people
        self.lex: Lexicon = lexicon()
        self.by_token: dict[int, Person] = {}
        mentions: list[tuple[int, Person, Span]] = []
        for p in people:
            for m in p.mentions:
                for t in m:
                    self.by_token[t.i] = p
                mentions.append((m.start, p, m))
        mentions.sort(key=lambda x: x[0])
        self.mention_starts = [m[0] for m in mentions]
        self.mentions = mentions
        self.quote_ranges = sorted(quote_ranges)
        self.speakers_at: list[tuple[int, Person]] = []  # (token index, person) of resolved speakers so far
        self.content_ranges: list[tuple[int, int]] = []  # reported content: its names are rarely "he" later
        self.speaking: list[tuple[int, int]] = []  # the words of the statement whose speaker is being resolved
        self._talked_about: set[int] = set()  # ids of the people those words name
        self._pronoun_cache: dict[int, Person | None] = {}
        self._ad_hoc_people: dict[str, Person] = {}
        self.orgs = OrgIndex.of(doc, self.lex)
        self.voices: list[tuple[int, str, str | None]] = []  # (token, organization, gender) of unnamed spokespeople
        self.person_voices: list[tuple[int, str, Person]] = []  # (token, voice noun, person): "X's office"
        self.org_speakers: list[tuple[int, str]] = []  # (token, name) of organizations resolved as speakers so far
        self.unnamed_speakers: list[tuple[int, str]] = []  # (token, words) of unnamed people who spoke so far
        self.turns = speaker_turns(doc_text(doc))  # an interview transcript's labelled turns, if any

    # ------------------------------------------------------------ public
    def resolve(self, head: Token) -> Speaker:
        """The speaker a head token (nsubj of a cue, object of "according to", ...) stands for."""
        if head.lower_ in ("who", "which", "that") and head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.i:
            head = head.head.head  # "President Xi Jinping, which said ..."
        if head.lemma_.lower() in self.lex.document_nouns or head.lemma_.lower() in _AUTHORED:
            # "a new report by the Ledger", "an analysis by Ana Lind": the author speaks
            author = next((g for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
                           for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")), None) \
                or (next((g for v in head.children if v.dep_ == "acl" and v.tag_ == "VBN" for c in v.children
                          if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
                    if head.lemma_.lower() in _AUTHORED else None)  # "a paper published by X" (documents: ``owner``)
            if author is not None:  # (not "the report from April")
                head = author
        span = self.mention_span(head)
        if head.pos_ in ("PROPN", "NOUN") and head.text[:1].isupper() and described_as_organization(span):
            # "Medora, a data firm, said": a firm, whatever the model took its name for
            return Speaker(name=self._organization_name(span), kind="organization", span=span)
        aliased = self.orgs.aliased(head) if head.pos_ == "PROPN" and len(span) <= 2 else None
        if aliased is not None:  # "The Monetary Policy Committee (Comep) … Comep says", taken for a person
            return Speaker(name=aliased, kind="organization", span=span)
        person = self.by_token.get(head.i)
        if person is None:
            # "A lawyer for the outlets, David Schulz, said": the appositive names the speaker
            # (the appositive first: "another Twitter user, Lea Hart" is Hart, whatever "Twitter" was taken for)
            ranked = sorted(head.children, key=lambda c: c.dep_ != "appos")
            for child in ranked:
                if (child.dep_ in ("appos", "compound", "npadvmod", "nmod") or _set_off_as_conj(head, child)) \
                        and child.i in self.by_token:
                    person = self.by_token[child.i]
                    self._title_from_subject(head, child, person)
                    break
        if person is None and head.right_edge.i > head.i:
            # "Yale professor and former chair of the Trade Board Mara Lindqvist wrote": a long title whose
            # name comes last, right before the verb
            last = self.doc[head.right_edge.i]
            if last.text == ")":  # "… Rep. Paul Ryan (R-WI) said": the name before the bracket
                opening = next((k for k in range(last.i - 1, max(head.i, last.i - 6), -1) if self.doc[k].text == "("), None)
                last = self.doc[opening - 1] if opening is not None else last
            # (or a name the model left untagged, found by the people finder: "The leader of the Harbour Party
            # Veli Ranta declares")
            if last.i in self.by_token and (last.ent_type_ in ("PERSON", "ORG") or not last.ent_type_
                                            and last.pos_ == "PROPN") \
                    and (not _under_preposition(last, head, but="of", lex=self.lex) or self._titled_name(last)) \
                    and not self._object_of_of(last, self.by_token[last.i]) and (
                    last.i + 1 == len(self.doc) or self.doc[last.i + 1].ent_iob_ != "I"):
                person = self.by_token[last.i]
                self._title_from_subject(head, last, person)
        if person is None and self.lex.is_title_head(head.lower_):
            # "The head of state copper company Codelco, Ana Lagos, said": the name set off after the role, which the
            # parser hung on the organization (and the model may have taken for a place)
            person = self._apposed_name(head)
        if person is None and self.lex.is_title_head(head.lower_):
            # "Ana Ruiz, professor of economics at Lund told …", "Ana Ruiz, former head of X, who said": the name
            # set off right before a title phrase that has no name of its own
            person = self._name_before_title(head, span)
        if person is None:
            # an appositive name the people finder did not keep ("A Twitter spokesman, Chris Abbot, said")
            named_appos = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            company = head.lemma_.lower() in self.lex.company_nouns or head.lemma_.lower() in OUTLETS
            # ("its main rival, Kestrel,", "its owner, Harrow Holdings": any noun set off before a firm's name)
            org_appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                              and c.text[:1].isupper() and (company or c.ent_type_ == "ORG")), None) \
                if company or head.pos_ == "NOUN" else None
            if org_appos is not None:
                # "the consulting firm Andes Analytica", whatever the model took the name for: the name, not its kind
                name = entity_of(org_appos) or self.doc[org_appos.left_edge.i:org_appos.i + 1]
                return Speaker(name=self._organization_name(name), kind="organization", span=span)
            if named_appos is not None:
                return Speaker(name=clean_mention(entity_of(named_appos) or self.doc[named_appos.i:named_appos.i + 1]),
                               kind="person", span=span)
            owner = self.owner(head)
            if owner is not None:
                return owner
        owner_person = next((self.by_token[c.i] for c in head.children if c.dep_ == "poss" and c.i in self.by_token), None)
        if person is None and owner_person is not None and head.lemma_.lower() in self.lex.institution_nouns \
                and head.lemma_.lower() not in self.lex.voice_nouns:
            # "Modi's government said", "Governor Rhee's bank said": the institution speaks, not the person
            name = owner_person.role.organization or clean_mention(span, keep_article=True)
            return Speaker(name=name, kind="organization", span=span)
        if person is None and owner_person is not None and (
                head.lemma_.lower() in _KIN or head.tag_ == "NNS" and self._people_noun(head.lemma_.lower())):
            # "Mendes's son told investigators", "Abara's agents said": someone of the owner's, never the owner
            return self._relative_of(owner_person, head, span)
        if person is None:
            # a name inside the phrase, but not its owner: "Kell's spokesman, Peter Danvers" is Danvers,
            # "Kell's spokesman" alone speaks for Kell (the fallback below)
            owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
            # ("the contrast with Trump", "an adviser to Mr. Obama": a name after a preposition is someone else)
            named = [t for t in span if t.i in self.by_token and t.ent_type_ == "PERSON" and not _under_preposition(t, head)]
            person = next((self.by_token[t.i] for t in named if t.i not in owned), None)
            if person is None and named:
                person = self.by_token[named[0].i]
        if person is not None:
            person = self._last_of_a_surname(head, person)
            found = self._found(person, head, "person", span)
            # "Ms. Berg and Mr. Lind said": both speak
            others = [self.by_token[c.i] for c in head.children if c.dep_ == "conj" and c.i in self.by_token]
            others = [p for p in others if p is not person]
            if others:
                found.name = " and ".join([person.name] + [p.name for p in others])
            return found
        low = head.lower_
        if low in _FIRST_PERSON and self.turns:
            labelled = self.transcript_voice(head, span)
            if labelled is not None:  # "((Ana Lind)) I told them that …": the labelled interviewee
                return labelled
        if head.pos_ == "PRON" or low in PRONOUN_GENDER:
            if low in PRONOUN_GENDER:
                person = self.antecedent(head.i, PRONOUN_GENDER[low])
                voice = self._last_voice(head.i, PRONOUN_GENDER[low])
                if voice is not None and (person is None or voice[0] > max(
                        (m.start for m in person.mentions if m.start < head.i), default=-1)):
                    # "a ministry spokesperson said …; he added": the pronoun is the spokesperson's
                    return Speaker(name=voice[1], kind="organization", span=span)
                unnamed = self._unnamed_before(head.i, person)
                if unnamed is not None:
                    return Speaker(name=unnamed, kind="other", span=span)
                if person is not None:
                    if person.gender is None:
                        person.gender = PRONOUN_GENDER[low]
                    return self._found(person, head, "pronoun", span)
            if low == "it":
                org = self.organization_antecedent(head.i, further=True)
                if org is not None:  # "The central bank held rates. It said …"
                    return Speaker(name=org, kind="organization", span=span)
            if low == "they":
                org = self._officials_again(head.i)
                if org is not None:  # "Trade ministry officials said … They said …": the ministry again
                    return Speaker(name=org, kind="organization", span=span)
                group = self.plural_antecedent(head.i)
                if group is not None:  # "Critics argue … They claim …": those critics
                    return Speaker(name=group, kind="other", span=span)
                org = None if self._people_as_subject_before(head.i) else self.organization_antecedent(head.i)
                if org is not None:  # "The league named no player. They did say …": a body spoken of as many
                    return Speaker(name=org, kind="organization", span=span)
            return Speaker(name=head.text, kind="pronoun", span=span)
        if head.ent_type_ == "PERSON" and head.text.isupper() and head.text.isalpha():
            spelled = self.orgs.find(self.doc[head.i:head.i + 1])  # an acronym the model took for a name
            if spelled is not None and spelled.start != head.i:
                return Speaker(name=spelled.text, kind="organization", span=span)
        if head.ent_type_ == "PERSON":
            ent = entity_of(head)
            if self.lex.names_a_firm(ent):  # "Fitch said": the firm, which the model took for a person
                return Speaker(name=self._organization_name(ent), kind="organization", span=span)
            return Speaker(name=" ".join(ent.text.split()), kind="person", span=span)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "one", "some") for c in head.children)
        if (self.lex.is_title_head(low) or _office_elect(head)) \
                and head.ent_type_ not in ("PERSON", "ORG", "WORK_OF_ART") and definite:
            unnamed = self._unnamed_again(head)
            if unnamed is not None:  # "said one party strategist … said the strategist": that strategist again
                return Speaker(name=unnamed, kind="other", span=span)
            person = self.described(head)
            if person is not None:
                return self._found(person, head, "description", span)
        if definite and head.tag_ in ("NN", "NNP") and (head.lower_ in _KIN or self._people_noun(head.lemma_.lower())
                                                       or self.lex.is_title_head(low) and head.ent_type_ == "ORG"):
            # (a capitalised title the model took for a body: "the Head of Planning")
            person = self.set_off_before_name(head)
            if person is not None:  # "The victim's sister says … The victim's sister, Aino Ranta, told …"
                return self._found(person, head, "description", span)
        if self.lex.is_body_noun(head.lemma_) and head.ent_type_ not in ("PERSON", "ORG"):
            owner = self.body_owner(head) or self.central_bank_body(head, span)
            if owner is not None:  # "the bank's monetary policy committee said", "Its committee said"
                return Speaker(name=owner, kind="organization", span=span)
        if definite and (sum(not t.is_punct for t in span) <= 3 or head.lower_ == "bloc"):  # ("the 27-nation bloc")
            named = self.organization_referred(head) or self.described_bloc(head) or self.described_outlet(head)
            if named is not None:  # "the Commission said" after "the Intellectual Property Commission"
                return Speaker(name=named, kind="organization", span=span)
        if head.lower_ in _PART_OF_A_FIRM and any(c.dep_ == "poss" for c in head.children):
            named = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()]
            if named:  # "Alphabet's Google unit said": the unit by its name, not its owner's phrase
                name = self.doc[named[0].left_edge.i:named[-1].i + 1]
                return Speaker(name=self._organization_name(name), kind="organization", span=span)
        firm = self.firm_of_researchers(head)
        if firm is not None:  # "Analysts at Kell Securities say": the firm's research speaks
            return Speaker(name=firm, kind="organization", span=span)
        if head.ent_type_ in ("ORG", "GPE", "NORP") or _has_proper(span, head):
            if head.ent_type_ not in ("ORG", "GPE", "NORP") and not definite and (
                    self.lex.is_title_head(low) or head.lemma_.lower() in self.lex.people):
                # "a Barclays executive", "One dealer at a U.S. bank", "Senate leaders": unnamed people, whatever
                # names their words hold, not an organization called "Barclays executive" ("the bank's inspector
                # general" stays who "the report" after it is by)
                return Speaker(name=clean_mention(span), kind="other", span=span)
            name = self._organization_name(span)
            partners = [c for c in head.children if c.dep_ == "conj" and c.ent_type_ in ("ORG", "GPE")]
            if partners and head.ent_type_ in ("ORG", "GPE"):
                # "Britain and India said in a joint statement": one speaker string for both
                last = self.doc[max(p.right_edge.i for p in partners)]
                name = clean_mention(self.doc[span.start:last.i + 1], keep_article=True)
            return Speaker(name=name, kind="organization", span=span)
        partners = [c for c in head.children if c.dep_ == "conj" and c.tag_ == "NNS" and c.i > span.end - 1
                    and any(cc.dep_ == "cc" and cc.lower_ == "and" for cc in head.children)]
        if head.tag_ == "NNS" and partners:
            # "Traders and analysts said": one speaker string for the group as written
            both = self.doc[span.start:self.mention_span(partners[-1]).end]
            return Speaker(name=clean_mention(both, keep_article=True), kind="other", span=both)
        return Speaker(name=clean_mention(span, keep_article=True), kind="other", span=span)

    def _people_as_subject_before(self, i: int) -> bool:
        """The nearest subject before token i, in its sentence or the one before, is a plural common noun ("The
        players were angry. They said …"): "they" is those people, whatever body was named before them."""
        sent_start = self.doc[i].sent.start
        start = self.doc[sent_start - 1].sent.start if sent_start > 0 else 0
        for k in range(i - 1, start - 1, -1):
            tok = self.doc[k]
            if tok.dep_ in ("nsubj", "nsubjpass") and not self._inside(self.quote_ranges, tok.idx):
                return tok.tag_ == "NNS"
        return False

    def transcript_voice(self, head: Token, span: Span) -> Speaker | None:
        """The person whose transcript turn holds a first-person speaker ("((Ana Lind)) I said …", "LIND: I told
        them …"), found among the people by full name or surname; none in the interviewer's turns."""
        label = label_at(self.turns, head.idx)
        if label is None or asks(label):
            return None
        words = label.lower().split()
        person = next((p for p in self.people if p.name.lower() == label.lower()), None) or next(
            (p for p in self.people if p.name.lower().split()[-1:] == words[-1:]), None)
        if person is not None:  # (no person held: the narrator's "I" is never the "she" of her own story)
            return Speaker(name=person.name, title=person.role.title, kind="pronoun", span=span)
        if label.isupper():  # ("UPDATE:", "NOTE:"): a label in capitals must name someone in the story
            return None
        return Speaker(name=" ".join(label.split()), kind="person", span=span)

    def voice_named_before(self, speaker: Speaker, head: Token) -> Speaker | None:
        """"A Department for Work and Pensions spokeswoman said", parsed with the department as the subject's
        head: the organization before the spokesperson speaks (and "she added" after it is that organization)."""
        span = speaker.span
        if span is None or len(span) < 2 or span[-1].lower_ not in _SPOKESPEOPLE:
            return None
        body = span[:-1]
        if body[0].lower_ in ("a", "an", "the"):
            body = body[1:]
        if not len(body) or not body[0].text[:1].isupper() or not all(
                t.text[:1].isupper() or t.lower_ in _JOINING_WORDS for t in body) or body[-1].lower_ in _JOINING_WORDS \
                or all(t.ent_type_ in ("NORP", "GPE") for t in body) and len(body) == 1:
            return None  # ("a Chinese spokesman": a country is not who speaks)
        written = speaker.name[4:] if speaker.name.lower().startswith("the ") else speaker.name
        if written.split()[-1].lower() not in _SPOKESPEOPLE and not (
                body.text.startswith(written) and len(body.text) > len(written)):
            return None  # (the organization already found whole: "the Scottish Labour Party")
        return self._voice_of(span[-1], self._organization_name(body), span)

    def name_after_title(self, name: str) -> str | None:
        """The person a speaker phrase names after a title the model read as part of an organization's name
        ("Commission for Fair Pay chairman Owen Hale", "Chairman of the Audit Committee Rita Moss MP"): a first
        name and a surname, right after a title word or closing a phrase that opens with one."""
        words = name.split()
        while words and words[-1] in _POST_NOMINALS:
            words = words[:-1]
        opens_with_title = bool(words) and self.lex.is_title_head(words[0].lower())
        for size in (3, 2):
            if len(words) < size + 1:
                continue
            person, before = words[-size:], words[-size - 1].strip(",").lower()
            if not all(_name_word_form(w) for w in person) or any(
                    self.lex.is_title_head(w.lower()) or w.lower() in self.lex.institution_nouns
                    or w.lower() in self.lex.company_nouns or w.lower() in _NAMES_OF_BODIES for w in person):
                continue
            if self.lex.is_first_name(person[0]) and (self.lex.is_title_head(before) or opens_with_title):
                return " ".join(person)
        return None

    def _object_of_of(self, name: Token, person: Person) -> bool:
        """"a friend of Okonjo": the name is all of what "of" governs (unlike "chair of the Trade Board Mara
        Lund", where an organization's name comes first)."""
        t = name
        while t.dep_ in ("compound", "flat") and t.head.i != t.i:
            t = t.head
        if t.dep_ != "pobj" or t.head.lower_ != "of":
            return False
        mention = next((m for m in person.mentions if m.start <= name.i < m.end), None)
        if mention is not None and t.head.i < mention.start - 1 and self.doc[mention.start - 1].ent_type_ == "ORG":
            return False  # "the leader of the Harbour Party Veli Ranta", parsed as two objects of "of"
        first = t.left_edge.i + (self.doc[t.left_edge.i].lower_ in ("the", "a", "an"))
        return mention is not None and first >= mention.start

    def _title_from_subject(self, head: Token, name: Token, person: Person) -> None:
        """An untitled person named at the end of the subject phrase takes the words before the name as their
        title ("Yale professor and former chair of the Trade Board Mara Lindqvist")."""
        mention = next((m for m in person.mentions if m.start <= name.i < m.end), None)
        first = head.left_edge.i + (self.doc[head.left_edge.i].lower_ in ("the", "a", "an"))
        if person.role.title is not None or mention is None or mention.start <= first or head.i >= mention.start:
            return
        words = self.doc[first:mention.start]
        while len(words) and (words[-1].is_punct or words[-1].is_space):
            words = words[:-1]
        if len(words) and self.lex.is_title_head(head.lower_):
            person.role = role_from(self.doc, words, self.lex)

    def note_speaker(self, head: Token, speaker: Speaker) -> None:
        if speaker.person is not None:
            self.speakers_at.append((head.i, speaker.person))
        elif speaker.kind == "organization" and speaker.name:
            self.org_speakers.append((head.i, speaker.name))
        elif speaker.kind == "other" and speaker.name and head.tag_ == "NN" and (
                self.lex.is_title_head(head.lower_) or head.lemma_.lower() in self.lex.people):
            self.unnamed_speakers.append((head.i, speaker.name))  # "one dealer said", "a senior official said"

    def _last_of_a_surname(self, head: Token, person: Person) -> Person:
        """"Premier Wang Hao … said Wang Lijun, an economist … said Wang": a surname alone that several people of
        the story share is the one of them who spoke last before it (a reporter switching back writes the full
        name), else the person the name was read as."""
        if head.i > 0 and self.by_token.get(head.i - 1) is person \
                or head.i + 1 < len(self.doc) and self.by_token.get(head.i + 1) is person:
            return person  # (the name written whole)
        word = head.text
        sharing = [p for p in self.people if len(p.name.split()) > 1 and word in p.name.split()]
        if len(sharing) < 2 and (sharing == [person] or not sharing):
            return person
        return next((p for at, p in reversed(self.speakers_at) if at < head.i and p in sharing), person)

    def _people_noun(self, lemma: str) -> bool:
        """People a person has about them ("lawyers", "agents", "supporters"), not the person's spokespeople
        ("aides", "advisers" speak for them) nor their works ("his calculations show")."""
        return lemma not in self.lex.voice_nouns and (
            self.lex.is_title_head(lemma) or lemma in self.lex.people or lemma in _ENTOURAGE)

    def _relative_of(self, owner: Person, head: Token, span: Span) -> Speaker:
        """"Mendes's son" after "Luca Mendes had arranged meetings": the person last named before it who
        carries the owner's surname and is not the owner (a kin word), else the words as written."""
        surname = owner.name.split()[-1]
        if head.lemma_.lower() in _KIN:
            hi = bisect_left(self.mention_starts, head.i)
            for k in range(hi - 1, -1, -1):
                start, person, _ = self.mentions[k]
                if head.i - start > LOOKBACK_TOKENS:
                    break
                if person is not owner and len(person.name.split()) > 1 and person.name.split()[-1] == surname:
                    return self._found(person, head, "description", span)
        return Speaker(name=clean_mention(span, keep_article=True), kind="other", span=span)

    def _officials_again(self, i: int) -> str | None:
        """The institution whose officials or spokespeople (plural) spoke last, in this paragraph or the one
        before, when nobody else has spoken since: what "they" at token i stands for."""
        voice = self._last_voice(i, None)
        if voice is None or self.doc[voice[0]].tag_ not in ("NNS", "NNPS"):
            return None
        para = self._para_start(i)
        if voice[0] < (self._para_start(para - 1) if para > 0 else 0):
            return None
        if any(voice[0] < at < i for at, _ in self.speakers_at) or any(
                voice[0] < at < i and name != voice[1] for at, name in self.org_speakers) or any(
                voice[0] < at < i for at, _ in self.unnamed_speakers):
            return None
        return voice[1]

    def _unnamed_again(self, head: Token) -> str | None:
        """The unnamed person a description stands for: "the strategist" after "one party strategist" spoke, with
        nobody whose title fits named since (the words as first written)."""
        if head.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        at, name = next(((at, name) for at, name in reversed(self.unnamed_speakers)
                         if at < head.i and self.doc[at].lower_ == head.lower_), (-1, None))
        if name is None or head.i - at > LOOKBACK_TOKENS:
            return None
        written = {t.lower_ for t in self.doc[at].lefts}
        if any(t.dep_ in ("amod", "compound") and t.lower_ not in written for t in head.lefts):
            return None  # ("the first diplomat", "the INA correspondent" are not "another diplomat", "a correspondent")
        person = self.described(head, strict=True)
        if person is not None and any(at < m.start < head.i for m in person.mentions):
            return None
        return name

    def _unnamed_before(self, i: int, person: Person | None) -> str | None:
        """An unnamed person who spoke in this paragraph or the one before, after the person a pronoun at i
        would otherwise stand for was last named: "One trader said … “…,” he said" is that trader again."""
        if not self.unnamed_speakers:
            return None
        para = self._para_start(i)
        limit = self._para_start(para - 1) if para > 0 else 0
        at, name = self.unnamed_speakers[-1]
        if not limit <= at < i:
            return None
        named = max((m.start for m in person.mentions if m.start < i), default=-1) if person is not None else -1
        return name if at > named else None

    # ------------------------------------------------------------ names set off beside a role
    def _apposed_name(self, head: Token) -> Person | None:
        """A first name and a surname set off by commas at the end of a role's phrase, as a person with that role."""
        end = head.right_edge.i
        if end + 1 >= len(self.doc) or self.doc[end].text != ",":
            return None
        last = self.doc[end - 1]
        first = last.left_edge
        known = self.by_token.get(last.i) if last.ent_type_ == "PERSON" else None
        if known is not None:
            # a name the model knows, whatever the parser hung it on ("The governor of the Bank of Portugal, Rui
            # Matos, said": Matos as the object of "of")
            first = last
            while first.i > 0 and self.by_token.get(first.i - 1) is known:
                first = self.doc[first.i - 1]
            if last.i == head.i or self.doc[first.i - 1].text != "," or first.i - 1 <= head.i:
                return None
        elif last.dep_ != "appos" or last.i == head.i or self.doc[first.i - 1].text != "," \
                or not 2 <= last.i - first.i + 1 <= 3 or not self.lex.is_first_name(first.text) \
                or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in self.doc[first.i:last.i + 1]):
            return None
        person = self.by_token.get(last.i) or self._ad_hoc(last)
        if person.role.title is None:
            words = self.doc[head.left_edge.i + (head.left_edge.lower_ in ("the", "a", "an")):first.i - 1]
            if len(words):
                person.role = role_from(self.doc, words, self.lex)
        return person

    def _name_before_title(self, head: Token, span: Span) -> Person | None:
        """A person's name ending right before ", title …": the title phrase is that person's, set off by one comma
        (the closing one left out) or read by the parser as a phrase of its own."""
        start = span.start
        if self.doc[start].lower_ in ("a", "an"):
            start += 1  # ("Ana Ruiz, a professor at Lund told …")
        if start < 2 or self.doc[start - 1].text != "," or any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None  # ("…, the professor said": a description of someone named before, another rule's job)
        name = self.doc[start - 2]
        person = self.by_token.get(name.i)
        if person is None or name.pos_ != "PROPN" or name.ent_iob_ == "O" or (
                name.i + 1 < len(self.doc) and self.doc[name.i + 1].ent_iob_ == "I"):
            return None
        return person

    def _ad_hoc(self, tok: Token) -> Person:
        start = tok.left_edge.i if tok.left_edge.pos_ == "PROPN" else tok.i
        while start < tok.i and self.doc[start].lower_ in self.lex.honorifics:
            start += 1
        span = self.doc[start:tok.i + 1]
        key = span.text.lower()
        if key not in self._ad_hoc_people:
            words = span.text.split()
            self._ad_hoc_people[key] = Person(name=span.text, key=(words[0].lower() if len(words) > 1 else "", words[-1].lower()),
                                              mentions=[span])
        return self._ad_hoc_people[key]

    @staticmethod
    def _inside(ranges: list[tuple[int, int]], char: int) -> bool:
        k = bisect_left(ranges, (char + 1, 0)) - 1
        return k >= 0 and ranges[k][0] <= char < ranges[k][1]

    # ------------------------------------------------------------ spans
    def _titled_name(self, last: Token) -> bool:
        """A name ending a subject right after its capitalised title, whatever the parser hung it on: "The
        Council on Foreign Trade Relations Executive Director Omar Haddad said" is Haddad, not the council."""
        person = self.by_token[last.i]
        start = last.i
        while start > 0 and self.by_token.get(start - 1) is person:
            start -= 1
        return _title_word_before(self.lex, self.doc, start - 1) or after_title_and_place(self.doc, start)

    def mention_span(self, head: Token) -> Span:
        """The speaker mention as written: the entity, or the noun phrase without clauses and appositives."""
        if head.ent_type_ and head.ent_iob_ != "O":
            ent = entity_of(head)
            if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
                start = ent.start
                # keep a possessive owner: "China's commerce ministry"
                return self.doc[start:ent.end] if head.i < ent.end else self.doc[start:head.i + 1]
        left = head.i
        for t in head.lefts:
            if t.dep_ in PHRASE_DEPS or t.dep_ == "poss":
                left = min(left, t.left_edge.i)
        while left < head.i and self.doc[left].ent_type_ in ("DATE", "TIME"):
            left += 1  # "In May Harrow, …": a fronted date the parser ran into the name is no part of it
        right = head.i + 1
        for t in head.rights:
            # "officials at the ministry", "advisers to Mr. Obama", "supporters in Congress"
            if t.dep_ == "prep" and t.lower_ in ("of", "for", "at", "to", "in", "from", "with") and t.right_edge.i - head.i < 10:
                right = max(right, t.right_edge.i + 1)
            elif t.dep_ in ("compound",):
                right = max(right, t.i + 1)
            elif t.dep_ == "conj" and t.text[:1].isupper() and any(c.dep_ == "cc" and c.text == "&" for c in head.children):
                # "Standard & Poor's", "Marks & Spencer" the model left untagged: an ampersand joins one firm's name
                right = max(right, t.i + 1 + sum(1 for c in t.children if c.tag_ == "POS" and c.i == t.i + 1))
        return self.doc[left:right]

    def _found(self, person: Person, head: Token, kind: str, span: Span) -> Speaker:
        return Speaker(name=person.name, title=person.role.title, person=person, kind=kind, span=span)

    def _was_speaker(self, person: Person, start: int) -> bool:
        return any(p is person and abs(i - start) < 12 for i, p in self.speakers_at)


# family words: "X's daughter" is someone of X's family, never X
_KIN = frozenset({"daughter", "son", "wife", "husband", "brother", "sister", "mother", "father", "widow", "widower",
                  "niece", "nephew", "cousin", "uncle", "aunt", "grandson", "granddaughter", "grandmother",
                  "grandfather", "fiancee", "fiance", "stepson", "stepdaughter", "sibling", "child", "parent"})
# people about a person who speak for themselves ("Abara's agents said")
_ENTOURAGE = frozenset({"agent", "friend", "colleague", "supporter", "ally", "backer", "critic", "neighbour",
                        "neighbor", "teammate", "relative", "classmate", "partner"})
_FIRST_PERSON = frozenset({"i", "me"})
_AUTHORED = {"paper", "article", "investigation", "book"}  # works whose author "by X" names (not documents else)
_PART_OF_A_FIRM = {"unit", "subsidiary", "division", "arm", "affiliate"}
_POST_NOMINALS = {"MP", "MEP", "MSP", "AM", "QC", "KC"}
_JOINING_WORDS = {"for", "and", "of", "the", "&", ","}
_SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}  # inside a name: "Department for Work and Pensions"
# words that end an institution's name, never a surname ("President George Washington University")
_NAMES_OF_BODIES = {"university", "college", "institute", "foundation", "school", "trust", "centre", "center",
                    "hospital", "society", "club", "party", "committee", "council", "board", "fund", "museum"}


def _set_off_as_conj(head: Token, child: Token) -> bool:
    """"said the council's longest-serving Republican, Sen. Ed Larkin": a name set off by a comma after a described
    subject, which the parser joined to it as a conjunct (no "and" or "or": not two people)."""
    return child.dep_ == "conj" and child.ent_type_ == "PERSON" and child.doc[child.left_edge.i - 1].text == "," \
        and not any(c.dep_ in ("cc", "conj") and c.i != child.i for c in (*head.children, *child.children))


def _name_word_form(word: str) -> bool:
    """A capitalised word of letters, hyphens or apostrophes ("Hale", "Scott-Joynt", "O'Brien")."""
    return word[:1].isupper() and word.replace("-", "").replace("'", "").replace("’", "").isalpha()


def _title_word_before(lex: Lexicon, doc: Doc, i: int) -> bool:
    """Token i is a capitalised title word ("… Relations Executive Director Omar Haddad")."""
    return i >= 0 and doc[i].text[:1].isupper() and lex.is_title_head(doc[i].lower_)


def _has_proper(span: Span, head: Token) -> bool:
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP") for t in span if t.i != head.i) or head.pos_ == "PROPN"
