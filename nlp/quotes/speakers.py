"""Who a speaker mention stands for: a named person, a described official, a pronoun's antecedent, or an organization.

Pronouns go to the most recent compatible person outside quotation marks, preferring one who was the subject
or speaker of a clause (how news chains "Bessent said ... He added ..."); descriptions ("the Treasury
secretary", "the official") go to the most recently mentioned person whose title has that head word.
Organizations as speakers (spokespeople, documents, "it", the fullest name) are in ``institution_speakers.py``.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from nlp.quotes.institution_speakers import (
    LOOKBACK_TOKENS,
    PRONOUN_GENDER,
    InstitutionSpeakers,
    Speaker,
    clean_mention,
    entity_of,
)
from nlp.quotes.lexicon import Lexicon, lexicon
from nlp.quotes.organizations import OrgIndex
from nlp.quotes.people import Person
from nlp.quotes.titles import country_code, role_from
from nlp.segments import across_paragraphs

__all__ = ["Speaker", "SpeakerResolver", "PRONOUN_GENDER", "LOOKBACK_TOKENS"]

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "appos"}
_PHRASE_DEPS = {"det", "poss", "compound", "amod", "nmod", "case", "nummod", "quantmod", "punct"}


class SpeakerResolver(InstitutionSpeakers):
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
        self.orgs = OrgIndex(doc, self.lex)
        self.voices: list[tuple[int, str, str | None]] = []  # (token, organization, gender) of unnamed spokespeople
        self.person_voices: list[tuple[int, str, Person]] = []  # (token, voice noun, person): "X's office"
        self.org_speakers: list[tuple[int, str]] = []  # (token, name) of organizations resolved as speakers so far

    # ------------------------------------------------------------ public
    def resolve(self, head: Token) -> Speaker:
        """The speaker a head token (nsubj of a cue, object of "according to", ...) stands for."""
        if head.lower_ in ("who", "which", "that") and head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.i:
            head = head.head.head  # "President Xi Jinping, which said ..."
        if head.lemma_.lower() in self.lex.document_nouns:
            # "a new report by the Ledger", "an analysis by Ana Lind": the author speaks
            author = next((g for c in head.children if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
                           for g in c.children if g.dep_ == "pobj"), None)
            if author is not None:
                head = author
        span = self.mention_span(head)
        person = self.by_token.get(head.i)
        if person is None:
            # "A lawyer for the outlets, David Schulz, said": the appositive names the speaker
            # (the appositive first: "another Twitter user, Lea Hart" is Hart, whatever "Twitter" was taken for)
            ranked = sorted(head.children, key=lambda c: c.dep_ != "appos")
            for child in ranked:
                if child.dep_ in ("appos", "compound", "npadvmod", "nmod") and child.i in self.by_token:
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
            if last.i in self.by_token and last.ent_type_ in ("PERSON", "ORG") \
                    and (not _under_preposition(last, head, but="of", lex=self.lex) or self._titled_name(last)) \
                    and not self._object_of_of(last, self.by_token[last.i]) and (
                    last.i + 1 == len(self.doc) or self.doc[last.i + 1].ent_iob_ != "I"):
                person = self.by_token[last.i]
                self._title_from_subject(head, last, person)
        if person is None and self.lex.is_title_head(head.lower_):
            # "The head of state copper company Codelco, Ana Lagos, said": the name set off after the role, which the
            # parser hung on the organization (and the model may have taken for a place)
            person = self._apposed_name(head)
        if person is None:
            # an appositive name the people finder did not keep ("A Twitter spokesman, Chris Abbot, said")
            named_appos = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            org_appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                              and c.text[:1].isupper()), None) if head.lemma_.lower() in self.lex.company_nouns else None
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
            found = self._found(person, head, "person", span)
            # "Ms. Berg and Mr. Lind said": both speak
            others = [self.by_token[c.i] for c in head.children if c.dep_ == "conj" and c.i in self.by_token]
            others = [p for p in others if p is not person]
            if others:
                found.name = " and ".join([person.name] + [p.name for p in others])
            return found
        low = head.lower_
        if head.pos_ == "PRON" or low in PRONOUN_GENDER:
            if low in PRONOUN_GENDER:
                person = self.antecedent(head.i, PRONOUN_GENDER[low])
                voice = self._last_voice(head.i, PRONOUN_GENDER[low])
                if voice is not None and (person is None or voice[0] > max(
                        (m.start for m in person.mentions if m.start < head.i), default=-1)):
                    # "a ministry spokesperson said …; he added": the pronoun is the spokesperson's
                    return Speaker(name=voice[1], kind="organization", span=span)
                if person is not None:
                    if person.gender is None:
                        person.gender = PRONOUN_GENDER[low]
                    return self._found(person, head, "pronoun", span)
            if low == "it":
                org = self.organization_antecedent(head.i)
                if org is not None:  # "The central bank held rates. It said …"
                    return Speaker(name=org, kind="organization", span=span)
            return Speaker(name=head.text, kind="pronoun", span=span)
        if head.ent_type_ == "PERSON" and head.text.isupper() and head.text.isalpha():
            spelled = self.orgs.find(self.doc[head.i:head.i + 1])  # an acronym the model took for a name
            if spelled is not None and spelled.start != head.i:
                return Speaker(name=spelled.text, kind="organization", span=span)
        if head.ent_type_ == "PERSON":
            return Speaker(name=" ".join(entity_of(head).text.split()), kind="person", span=span)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "another", "one", "some") for c in head.children)
        if self.lex.is_title_head(low) and head.ent_type_ not in ("PERSON", "ORG", "WORK_OF_ART") and definite:
            person = self.described(head)
            if person is not None:
                return self._found(person, head, "description", span)
        if self.lex.is_body_noun(head.lemma_) and head.ent_type_ not in ("PERSON", "ORG"):
            owner = self.body_owner(head) or self.central_bank_body(head, span)
            if owner is not None:  # "the bank's monetary policy committee said", "Its committee said"
                return Speaker(name=owner, kind="organization", span=span)
        if definite and (len(span) <= 3 or head.lower_ == "bloc"):  # ("the 27-nation bloc")
            named = self.organization_referred(head) or self.described_bloc(head)
            if named is not None:  # "the Commission said" after "the Intellectual Property Commission"
                return Speaker(name=named, kind="organization", span=span)
        if head.ent_type_ in ("ORG", "GPE", "NORP") or _has_proper(span, head):
            name = self._organization_name(span)
            partners = [c for c in head.children if c.dep_ == "conj" and c.ent_type_ in ("ORG", "GPE")]
            if partners and head.ent_type_ in ("ORG", "GPE"):
                # "Britain and India said in a joint statement": one speaker string for both
                last = self.doc[max(p.right_edge.i for p in partners)]
                name = clean_mention(self.doc[span.start:last.i + 1], keep_article=True)
            return Speaker(name=name, kind="organization", span=span)
        return Speaker(name=clean_mention(span, keep_article=True), kind="other", span=span)

    def _object_of_of(self, name: Token, person: Person) -> bool:
        """"a friend of Okonjo": the name is all of what "of" governs (unlike "chair of the Trade Board Mara
        Lund", where an organization's name comes first)."""
        t = name
        while t.dep_ in ("compound", "flat") and t.head.i != t.i:
            t = t.head
        if t.dep_ != "pobj" or t.head.lower_ != "of":
            return False
        mention = next((m for m in person.mentions if m.start <= name.i < m.end), None)
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

    # ------------------------------------------------------------ pronouns and descriptions
    def antecedent(self, i: int, gender: str | None, depth: int = 0) -> Person | None:
        """The person a pronoun at token i most likely refers to.

        Walking back to the last compatible speaker: the subject of a main clause wins at once; a same-gender
        pronoun subject of a main clause passes on its own referent (a "he … He … he said" chain); failing
        those, the last speaker, then the latest subordinate subject, then the latest mention.
        """
        if i in self._pronoun_cache:
            return self._pronoun_cache[i]
        outer = self._talked_about
        # only "he"/"she" speaking the words being attributed skips the people they name (not "his campaign", nor
        # a pronoun further back in a "he … he said" chain)
        speaking = depth == 0 and self.doc[i].lower_ in ("he", "she")
        self._talked_about = {id(p) for p in self._named_in_own_words(self.doc[i].idx)} if speaking else set()
        try:
            return self._antecedent(i, gender, depth)
        finally:
            self._talked_about = outer

    def _antecedent(self, i: int, gender: str | None, depth: int) -> Person | None:
        last = self._last_compatible_speaker(i, gender)
        sent_start = self.doc[i].sent.start
        if last is not None and self.doc[last[0]].sent.start < sent_start and _in_adverbial_clause(self.doc[last[0]]):
            # "Miller said the cases differed, whereas Clark admitted …. He also said …": the main clause's speaker
            main = self._main_clause_speaker(self.doc[last[0]].sent, gender)
            if main is not None:
                last = (last[0], main)
        last_at = last[0] if last else -1
        # the parser sometimes runs a sentence over a paragraph break: the paragraph is the firmer boundary
        for k in range(i - 1, sent_start - 1, -1):
            if self.doc[k].is_space and "\n" in self.doc[k].text:
                sent_start = k + 1
                break
        introduced = self._introduced_for_quote(i, gender)
        if introduced is not None:
            return self._cache(i, introduced)
        own_subject, first_named_here = self._subject_of_own_content(i, gender, sent_start)
        if first_named_here:
            return self._cache(i, own_subject)
        weak = any_mention = woman = None
        k = bisect_left(self.mention_starts, i) - 1
        j = i - 1
        # walk mentions and pronoun subjects backwards together
        while j > max(last_at, i - LOOKBACK_TOKENS):
            if k >= 0 and self.mentions[k][2].end > j:  # the walk reached a mention (its last token or earlier)
                start, person, span = self.mentions[k]
                k -= 1
                j = start - 1  # the mention's tokens are done with: never read them again as a bare name
                if gender and person.gender and person.gender != gender or id(person) in self._talked_about:
                    continue  # (one named in the words being attributed is talked about, not speaking)
                if self._inside(self.quote_ranges, span.start_char) or self._inside(self.content_ranges, span.start_char):
                    continue
                root = span.root
                if root.dep_ in _SUBJECT_DEPS or root.head.dep_ == "nsubj":
                    # in the pronoun's own sentence a subject counts when the pronoun is subordinate, or when
                    # its gender is known to agree ('Sen. Ann Marsh scolded him: "…," she said')
                    same_sentence_ok = start >= sent_start and (
                        not _main_clause(self.doc[i]) or bool(gender) and person.gender == gender)
                    if start < sent_start and not _main_clause(root) and (
                            not self._was_speaker(person, start) or _in_adverbial_clause(root)):
                        # "Vale says Ortiz has a record. He warns …": the main clause's subject is the topic, also
                        # over someone speaking in a clause set against it ("…, whereas Ortiz admitted …")
                        found = self._main_subject(k, span.sent, gender) or person
                        return self._cache(i, _she_named(woman, found, gender))
                    if start < sent_start or same_sentence_ok or self._was_speaker(person, start):
                        return self._cache(i, _she_named(woman, person, gender))
                    weak = weak or person
                any_mention = any_mention or person
                if woman is None and person.gender == "f" and root.dep_ not in _PHRASE_DEPS \
                        and not _in_relative_clause(root):
                    # named in her own right, not as a modifier ("a Lund supporter") nor inside what a clause says of
                    # someone else ("X is among those who say they will not back Lund")
                    woman = person
                continue
            tok = self.doc[j]
            if tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and tok.ent_type_ in ("", "PERSON") and _main_clause(tok) \
                    and tok.text[:1].isupper() and tok.sent.start != sent_start and not gender_conflict(tok, gender) \
                    and not self._inside(self.quote_ranges, tok.idx) and tok.head.lemma_ != "report":
                # a name the entity recognizer missed ("Anderson largely agreed …"; but "Harbour Watch first
                # reported" is an outlet credited for the story)
                return self._cache(i, self._ad_hoc(tok))
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and self.lex.is_title_head(tok.lower_) \
                    and _main_clause(tok) and tok.sent.start != sent_start \
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                    and not self._inside(self.quote_ranges, tok.idx):
                # "The governor declined to give a date. 'We are data dependent,' he said": the subject described
                described = self.described(tok)
                if described is not None and not (gender and described.gender and described.gender != gender) \
                        and id(described) not in self._talked_about:
                    return self._cache(i, described)
            if depth < 3 and tok.lower_ in PRONOUN_GENDER and PRONOUN_GENDER[tok.lower_] == gender \
                    and tok.dep_ == "nsubj" and _main_clause(tok) and tok.sent.start != sent_start \
                    and not self._inside(self.quote_ranges, tok.idx):
                found = self.antecedent(j, gender, depth + 1)
                if found is not None:
                    return self._cache(i, found)
            j -= 1
        if last is not None:
            return self._cache(i, _she_named(woman, last[1], gender))
        return self._cache(i, weak or any_mention or own_subject)

    def _subject_of_own_content(self, i: int, gender: str | None, sent_start: int) -> tuple[Person | None, bool]:
        """The person subject of what the pronoun's own sentence reports ("Ms. Lund was shocked by the crowd, she
        said"), and whether the sentence names that person for the first time ("Former Rep. Ann Shore backed the
        bill, she said"): then the sentence introduces its speaker. Otherwise the subject is only a last resort,
        as "Trump is a liar, he said" is seldom Trump speaking."""
        if not _main_clause(self.doc[i]):
            return None, False
        k = bisect_left(self.mention_starts, i) - 1
        while k >= 0 and self.mentions[k][0] >= sent_start:
            start, person, span = self.mentions[k]
            k -= 1
            if span.root.dep_ in ("nsubj", "nsubjpass") and self._inside(self.content_ranges, span.start_char) \
                    and not self._inside(self.quote_ranges, span.start_char) \
                    and not (gender and person.gender and person.gender != gender):
                return person, person.mentions[0].start == start
        return None, False

    def _introduced_for_quote(self, i: int, gender: str | None) -> Person | None:
        """News introduces a source, then quotes them: '… worries Henry Cole, head of the caucus.¶"No one
        sings for her," he said.' A pronoun cue of a quote opening its paragraph goes to the person named for the
        first time, with an appositive role, as the last person of the paragraph before."""
        para_start = self._para_start(i)
        if para_start == 0 or not self._inside(self.quote_ranges, self.doc[para_start].idx):
            return None
        k = bisect_left(self.mention_starts, para_start) - 1
        # names inside the last person's appositive ("Henry Cole, head of the Kent Caucus") are not later people
        while k > 0 and self._within_appositive(self.mentions[k - 1][2], self.mentions[k][2]):
            k -= 1
        if k < 0:
            return None
        start, person, span = self.mentions[k]
        if start < self._para_start(para_start - 1) or person.mentions[0].start != start:
            return None
        if person.role.span is None or person.role.span[0] < span.end_char:
            return None  # introduced with a role after the name ("Henry Cole, head of …"), not "President X"
        if gender and person.gender and person.gender != gender:
            return None
        if self._inside(self.quote_ranges, span.start_char) or span.root.dep_ in _SUBJECT_DEPS and span.root.dep_ != "appos":
            return None  # a subject is found by the usual walk; this is for names introduced as objects
        return person

    @staticmethod
    def _within_appositive(name: Span, later: Span) -> bool:
        """``later`` sits in the phrase hanging off ``name`` by an appositive ("X, president of the Y Caucus")."""
        appos = [c for c in name.root.children if c.dep_ == "appos"]
        return any(a.left_edge.i <= later.start and later.end <= a.right_edge.i + 1 for a in appos)

    def _para_start(self, i: int) -> int:
        """The first token of the paragraph holding token i."""
        for k in range(i - 1, -1, -1):
            if self.doc[k].is_space and "\n" in self.doc[k].text:
                return k + 1
        return 0

    def _main_subject(self, k: int, sent: Span, gender: str | None) -> Person | None:
        """The person subject of the main clause of ``sent``, among the mentions up to index k."""
        while k >= 0 and self.mentions[k][0] >= sent.start:
            start, person, span = self.mentions[k]
            k -= 1
            if gender and person.gender and person.gender != gender:
                continue
            if _main_subject_named(span.root) and not self._inside(self.quote_ranges, span.start_char):
                return person
        return None

    def _main_clause_speaker(self, sent: Span, gender: str | None) -> Person | None:
        """The person who speaks as the subject of ``sent``'s main verb, if that verb is a cue of theirs."""
        subject = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
        if subject is None:
            return None
        person = self.by_token.get(subject.i) or next(
            (self.by_token[c.i] for c in subject.children if c.dep_ == "appos" and c.i in self.by_token), None)
        if person is None or gender and person.gender and person.gender != gender:
            return None
        return person if any(p is person and sent.start <= at < sent.end for at, p in self.speakers_at) else None

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

    def _cache(self, i: int, person: Person | None) -> Person | None:
        self._pronoun_cache[i] = person
        return person

    def _last_compatible_speaker(self, i: int, gender: str | None) -> tuple[int, Person] | None:
        sent_start = self.doc[i].sent.start_char
        for at, p in reversed(self.speakers_at):
            if at < i and i - at <= LOOKBACK_TOKENS and (not gender or not p.gender or p.gender == gender) \
                    and not self._reported_before(self.doc[at].idx, sent_start) and id(p) not in self._talked_about:
                return at, p
        return None

    def _named_in_own_words(self, at: int) -> list[Person]:
        """The people the words being attributed name ('"I cannot believe Martha would want that," she said': not
        Martha): a mention inside them, or a first name or surname of theirs written there. The words are the
        quoted ones and those after the pronoun, not a clause before it that the parse took along ("Keyworth was
        fired up, and he said she should call")."""
        own = [(a, b) for a, b in self.speaking if a > at or self._inside(self.quote_ranges, a)]
        if not own:
            return []
        text = " ".join(self.doc.text[a:b] for a, b in own)
        words = set(re.findall(r"\b[A-Z][\w'’-]+", text))
        out = []
        for p in self.people:
            parts = [w for w in p.name.split() if len(w) >= 3 and w[:1].isupper()]
            if any(w in words for w in parts) or any(
                    any(a <= m.start_char < b for a, b in own) for m in p.mentions):
                out.append(p)
        return out

    def _reported_before(self, char: int, sent_start: int) -> bool:
        """A speaker whose words are reported inside another's, in a sentence before ("X noted that Y has
        acknowledged …"), is not who "he said" goes to next (inside the pronoun's own sentence they may be:
        '"…," Cruz spokesman Tyler said that …, he said')."""
        k = bisect_left(self.content_ranges, (char + 1, 0))
        return any(start <= char < end <= sent_start for start, end in self.content_ranges[:k])

    @staticmethod
    def _inside(ranges: list[tuple[int, int]], char: int) -> bool:
        k = bisect_left(ranges, (char + 1, 0)) - 1
        return k >= 0 and ranges[k][0] <= char < ranges[k][1]

    def _part_of_a_name(self, tok: Token) -> bool:
        """A capitalised word that is no title word and belongs to a longer name than a place or a group
        ("Union" in "The New Hampshire Union Leader"; not "Treasury" in "the Treasury Secretary")."""
        if tok.lower_ in self.lex.title_modifiers or self.lex.is_title_head(tok.lower_):
            return False
        ent = entity_of(tok)
        if ent is None:
            return True
        return ent.label_ not in ("GPE", "NORP") and len(ent) > 1

    def described(self, head: Token) -> Person | None:
        """"the Treasury secretary" → the latest person whose title ends in that head word."""
        word = self.lex.plural_heads.get(head.lower_, head.lower_)
        modifiers = [t for t in head.lefts if t.dep_ in ("compound", "amod") and t.lower_ not in ("the", "a")]
        if head.text[:1].isupper() and any(t.text[:1].isupper() and self._part_of_a_name(t) for t in modifiers):
            return None  # "The New Hampshire Union Leader": a name (a newspaper, a body), not a description
        specific = [t.lower_ for t in modifiers]
        # "Japan's chief cabinet secretary" is Japan's, not the American secretary named before
        owner = next((entity_of(c) for c in head.children if c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP")), None)
        owner_country = country_code(owner.text) if owner is not None else None
        headed = _headed_names(head)
        best = None
        fits: list[tuple[bool, bool, int, Person]] = []  # (of another body, not the topic, recency, person)
        hi = bisect_left(self.mention_starts, head.i)
        for k in range(hi - 1, -1, -1):
            start, person, span = self.mentions[k]
            if fits and head.i - start > LOOKBACK_TOKENS:
                break
            title = " ".join([person.role.title or "", *person.other_titles]).lower()
            if not title or owner_country and person.role.country != owner_country:
                continue
            words = title.replace("’s", " ").replace("'s", " ").split()
            if {"former", "ex"} & set(words) and not {"former", "ex"} & set(specific):
                continue  # "the governor" is the sitting one, not "a former New Jersey governor"
            counterpart = words[-1:] == ["counterpart"] and self.lex.is_title_head(word)  # "his Japanese counterpart"
            if (self._head_fits(word, words) or counterpart) and all(
                    s.lower_ in words or self._affiliated(s, person) for s in modifiers
                    if s.lower_ not in self.lex.title_modifiers) and all(self._affiliated(n, person) for n in headed):
                # two people fit ("the president" after Brazil's and the American one): the one a sentence was
                # about, as its main subject or speaker, not the one named last in passing ("a day after U.S.
                # President X doubled tariffs"); a bare "the president" is no "president of the Brady Campaign"
                elsewhere = not modifiers and not headed and bool(re.search(r"\b(?:of|at|for)\b", title))
                fits.append((elsewhere, not self._topic_mention(person, span), -start, person))
                if not elsewhere and not fits[-1][1]:
                    break
                continue
            if best is None and word in self.lex.generic:
                best = person  # "the official": the latest titled person
        if fits:
            return min(fits, key=lambda f: f[:3])[3]
        owned = any(c.dep_ == "poss" and (c.lower_ in PRONOUN_GENDER or c.i in self.by_token) for c in head.children)
        # an organization in the description ("the ITF member"; not a place or a party: "the Ohio Republican"),
        # or the one it heads ("The head of state copper company Codelco" is nobody whose role says nothing of it)
        affiliation = [t for t in modifiers if t.ent_type_ == "ORG"] + headed
        if best is None and head.lower_ not in self.lex.plural_heads and not owned:
            # ("his lawyer" is someone else, never the man himself)
            # "Boris Johnson caved ... The prime minister said": the latest subject is described again (an
            # untitled one takes the role); a titled subject in between ("the Lisbon banker" after "Vale
            # charges …") is still the one meant, not an untitled person named before
            for k in range(hi - 1, -1, -1):
                start, person, span = self.mentions[k]
                if head.i - start > LOOKBACK_TOKENS // 2:
                    break
                if owner_country and person.role.country != owner_country:
                    continue
                if any(person.role.country and country_code(m.text) not in (None, person.role.country)
                       for m in modifiers if m.ent_type_ in ("NORP", "GPE")):
                    continue  # "the Japanese minister" is not South Korea's
                if affiliation and not any(self._affiliated(a, person) for a in affiliation):
                    continue  # "the RNC member" is nobody whose role says nothing of the RNC
                if span.root.dep_ in _SUBJECT_DEPS and not self._inside(self.quote_ranges, span.start_char) \
                        and not self._inside(self.content_ranges, span.start_char) \
                        and not _under_preposition(span.root, span.root.sent.root) \
                        and (span.root.dep_ == "appos" or _main_clause(span.root) or span.sent == head.sent):
                    # (not "… no matter what action President X takes. The Wisconsin Republican says": the subject of
                    # a clause inside an earlier sentence; in the description's own sentence it may be)
                    # (not "hosts X and Y" in "In an interview with hosts X and Y, the candidate said")
                    if person.role.title is None:
                        title_span = self.mention_span(head)
                        words = [t for t in title_span if t.lower_ not in ("the", "a", "an") and t.dep_ != "poss"]
                        if words:
                            person.role.title = title_span.doc[words[0].i:words[-1].i + 1].text
                    return person
        if best is None and not owned and head.lower_ not in self.lex.plural_heads and word not in self.lex.generic:
            best = self._described_later(head, word, modifiers + headed, owner_country)
        return best

    def _topic_mention(self, person: Person, span: Span) -> bool:
        """The mention is the main subject of its sentence, outside quotes, or its person spoke there."""
        root = span.root
        return self._was_speaker(person, span.start) or root.dep_ in ("nsubj", "nsubjpass") and _main_clause(root) \
            and not self._inside(self.quote_ranges, span.start_char)

    def _described_later(self, head: Token, word: str, modifiers: list[Token], country: str | None) -> Person | None:
        """"The house will become a police station, Austria's interior minister said. … Interior Minister Karl
        Brandt said …": a lead names the role first and the person a little later; the first person after with
        that title (and country) is the one described."""
        for k in range(bisect_left(self.mention_starts, head.i), len(self.mentions)):
            start, person, _ = self.mentions[k]
            if start - head.i > LOOKBACK_TOKENS // 2:
                break
            title = " ".join([person.role.title or "", *person.other_titles]).lower()
            words = title.replace("’s", " ").replace("'s", " ").split()
            if not words or {"former", "ex"} & set(words) or country and person.role.country not in (None, country):
                continue
            counterpart = words[-1:] == ["counterpart"] and self.lex.is_title_head(word)  # "his Japanese counterpart"
            if (self._head_fits(word, words) or counterpart) and all(m.lower_ in words or self._affiliated(m, person) for m in modifiers
                                                    if m.lower_ not in self.lex.title_modifiers):
                return person
        return None

    def _head_fits(self, word: str, title_words: list[str]) -> bool:
        """"the governor" fits "Bank of Korea Governor"; "the SNB chief", "the bank's boss" fit whoever leads
        (a chairman, governor, president, minister …)."""
        if word in title_words:
            return True
        return word in self.lex.leader_words and any(w in self.lex.leading_heads for w in title_words)

    def _affiliated(self, modifier: Token, person: Person) -> bool:
        """A modifier of a description agrees with the person's role: it is in their title or organization, or
        names the same institution ("the SNB chief" for the Swiss National Bank's chairman, "the central bank
        governor" for a governor of a central bank)."""
        role = f"{person.role.title or ''} {' '.join(person.other_titles)} {person.role.organization or ''}".lower()
        low = modifier.lower_
        if low in role.replace("’s", " ").replace("'s", " ").split():
            return True
        if low == "central" and modifier.head.lower_ == "bank" or low == "bank" and any(
                c.lower_ == "central" for c in modifier.children):
            org = person.role.organization
            return "bank" in role or org is not None and self.lex.org_kinds.get(org) == "central_bank"
        known = self.lex.org(modifier.text)
        return known is not None and (known[0].lower() in role or low in role)

    # ------------------------------------------------------------ spans
    def _titled_name(self, last: Token) -> bool:
        """A name ending a subject right after its capitalised title, whatever the parser hung it on: "The
        Council on Foreign Trade Relations Executive Director Omar Haddad said" is Haddad, not the council."""
        person = self.by_token[last.i]
        start = last.i
        while start > 0 and self.by_token.get(start - 1) is person:
            start -= 1
        return _title_word_before(self.lex, self.doc, start - 1)

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
            if t.dep_ in _PHRASE_DEPS or t.dep_ == "poss":
                left = min(left, t.left_edge.i)
        right = head.i + 1
        for t in head.rights:
            # "officials at the ministry", "advisers to Mr. Obama", "supporters in Congress"
            if t.dep_ == "prep" and t.lower_ in ("of", "for", "at", "to", "in", "from", "with") and t.right_edge.i - head.i < 10:
                right = max(right, t.right_edge.i + 1)
            elif t.dep_ in ("compound",):
                right = max(right, t.i + 1)
        return self.doc[left:right]

    def _found(self, person: Person, head: Token, kind: str, span: Span) -> Speaker:
        return Speaker(name=person.name, title=person.role.title, person=person, kind=kind, span=span)

    def _was_speaker(self, person: Person, start: int) -> bool:
        return any(p is person and abs(i - start) < 12 for i, p in self.speakers_at)


def gender_conflict(tok: Token, gender: str | None) -> bool:
    """A first name or honorific of the other gender ("she" cannot be "Mark Anderson" or "Mr. Obama")."""
    if not gender:
        return False
    lex = lexicon()
    words = [t.lower_ for t in tok.doc[max(tok.left_edge.i, tok.i - 3):tok.i]]
    if tok.i > 0:
        words.append(tok.doc[tok.i - 1].lower_)
    male = any(w in lex.male_names or w in lex.male for w in words)
    female = any(w in lex.female_names or w in lex.female for w in words)
    return (gender == "f" and male and not female) or (gender == "m" and female and not male)


def _she_named(nearer: Person | None, found: Person, gender: str | None) -> Person:
    """A woman named since ``found`` (though not as a subject) is the better referent of "she" when
    ``found``'s gender is unknown: in news a person of unknown gender is more often a man, so only "she"
    gets this (for "he", a nearer man is no evidence against an earlier subject)."""
    if gender == "f" and nearer is not None and nearer.gender == "f" and found.gender is None:
        return nearer
    return found


def _main_clause(tok: Token) -> bool:
    """The token is the subject of its sentence's main verb (or of a verb joined to it).

    The parser sometimes runs a sentence on over a paragraph break and hangs one paragraph's main verb
    under the next one's ("Whitfield … recalled that …¶"It was so," he said"): a verb whose head lies in
    another paragraph is a main verb all the same.
    """
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT" or across_paragraphs(verb, verb.head)


def _in_adverbial_clause(tok: Token) -> bool:
    """The token sits in an adverbial clause of its sentence ("…, whereas Ortiz admitted that …")."""
    t = tok.head
    for _ in range(12):
        if t.dep_ == "advcl":
            return True
        if t.head.i == t.i or t.dep_ == "ROOT":
            return False
        t = t.head
    return False


def _in_relative_clause(tok: Token) -> bool:
    """The token sits inside a relative clause on a noun ("those who say they will not back Lund")."""
    t = tok
    for _ in range(12):
        if t.dep_ in ("relcl", "acl"):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _main_subject_named(root: Token) -> bool:
    """The name is the main clause's subject, or names it in an appositive ("One delegate, chairwoman Ana
    Lund, backed …": the sentence is about Lund, not about whoever "backed" governs)."""
    if root.dep_ == "appos" and root.head.dep_ == "nsubj":
        root = root.head
    return root.dep_ == "nsubj" and _main_clause(root)


def _title_word_before(lex: Lexicon, doc: Doc, i: int) -> bool:
    """Token i is a capitalised title word ("… Relations Executive Director Omar Haddad")."""
    return i >= 0 and doc[i].text[:1].isupper() and lex.is_title_head(doc[i].lower_)


def _under_preposition(tok: Token, head: Token, but: str | None = None, lex: Lexicon | None = None) -> bool:
    """The token hangs off the head through a preposition ("with Trump" in "the contrast with Trump"), other
    than ``but`` ("of" in "former head of the Port Authority Maria Lund"); with ``lex``, a title word reached
    first makes the name that title's ("Writing in a magazine, university lecturer Maria Lund argued")."""
    t = tok
    for _ in range(10):
        if t.i == head.i or t.head.i == t.i or lex is not None and t.i != tok.i and lex.is_title_head(t.lower_):
            return False
        if t.dep_ == "prep" and t.lower_ != but or t.dep_ in ("pcomp", "agent"):
            return True
        t = t.head
    return False


def _headed_names(head: Token) -> list[Token]:
    """The proper nouns of what a described role heads ("the head of state copper company Codelco": Codelco),
    without an appositive set off by a comma (", Ana Lagos": a name, not the organization)."""
    out = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "at"):
            continue
        stack = [c for c in prep.children if c.dep_ == "pobj"]
        while stack:
            t = stack.pop()
            if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME", "EVENT", "CARDINAL", "ORDINAL"):
                out.append(t)
            stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "punct") and not (
                c.dep_ == "appos" and c.doc[c.left_edge.i - 1].text == ","))  # ("company Codelco", not ", Ana Lagos")
    return out


def _has_proper(span: Span, head: Token) -> bool:
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "NORP") for t in span if t.i != head.i) or head.pos_ == "PROPN"
