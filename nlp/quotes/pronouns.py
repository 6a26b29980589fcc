"""Pronouns: which person "he" or "she" stands for, as news chains them ("Bessent said … He added …").

A mixin of ``SpeakerResolver`` (``speakers.py``), which holds the doc, its people and their mentions, the quote
and reported-content ranges and the speakers resolved so far. The walk goes back to the last compatible speaker:
the subject of a main clause wins at once, a same-gender pronoun subject passes on its own referent, then the
last speaker, the latest subordinate subject, the latest mention; never someone the words being attributed name.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Span, Token

from nlp.quotes.entities import entity_of
from nlp.quotes.institution_speakers import LOOKBACK_TOKENS, PRONOUN_GENDER
from nlp.quotes.lexicon import lexicon
from nlp.quotes.people import Person
from nlp.segments import across_paragraphs, doc_text

SUBJECT_DEPS = {"nsubj", "nsubjpass", "appos"}
PHRASE_DEPS = {"det", "poss", "compound", "amod", "nmod", "case", "nummod", "quantmod", "punct"}


class PronounResolution:
    """Pronoun antecedents for ``SpeakerResolver`` (which sets ``doc``, ``people``, ``mentions``,
    ``mention_starts``, ``quote_ranges``, ``content_ranges``, ``speakers_at``, ``speaking`` and the caches)."""

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
        sent_start = max(sent_start, self._para_start(i))
        introduced = self._introduced_for_quote(i, gender) or self._fronted_topic(i, gender)
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
                if root.dep_ in SUBJECT_DEPS or root.head.dep_ == "nsubj":
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
                if woman is None and person.gender == "f" and root.dep_ not in PHRASE_DEPS \
                        and not _in_relative_clause(root):
                    # named in her own right, not as a modifier ("a Lund supporter") nor inside what a clause says of
                    # someone else ("X is among those who say they will not back Lund")
                    woman = person
                continue
            tok = self.doc[j]
            if tok.pos_ == "PROPN" and tok.dep_ == "nsubj" and _main_clause(tok) \
                    and (tok.ent_type_ in ("", "PERSON") or _speaking_name(tok)) \
                    and tok.text[:1].isupper() and tok.sent.start != sent_start and not gender_conflict(tok, gender) \
                    and not self._inside(self.quote_ranges, tok.idx) and tok.head.lemma_ != "report":
                # a name the entity recognizer missed ("Anderson largely agreed …"; but "Harbour Watch first
                # reported" is an outlet credited for the story)
                person = self._ad_hoc(tok)
                person.taken_up = person.taken_up or tok.ent_type_ not in ("", "PERSON")
                return self._cache(i, person)
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and self.lex.is_title_head(tok.lower_) \
                    and _main_clause(tok) and (tok.sent.start != sent_start or not _main_clause(self.doc[i])) \
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                    and not self._inside(self.quote_ranges, tok.idx):
                # "The governor declined to give a date. 'We are data dependent,' he said": the subject described
                # (in the pronoun's own sentence when the pronoun is subordinate: "The visiting admiral praised
                # the crews who swept the mines near the islands, where he said …")
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
        if self._inside(self.quote_ranges, span.start_char) or span.root.dep_ in SUBJECT_DEPS and span.root.dep_ != "appos":
            return None  # a subject is found by the usual walk; this is for names introduced as objects
        return person

    def _fronted_topic(self, i: int, gender: str | None) -> Person | None:
        """"As for Mayor Brent, he said …": a person set before the comma as the sentence's topic is the "he" or
        "she" that opens the clause right after it (not when the clause speaks of someone of the other gender: "As
        for Brent, she said he never called")."""
        sent = self.doc[i].sent
        words = [t for t in self.doc[sent.start:i] if not t.is_space]
        while words and words[0].lower_ in ("and", "but", "so"):
            words = words[1:]
        if len(words) < 4 or [t.lower_ for t in words[:2]] != ["as", "for"] or words[-1].text != ",":
            return None
        topic = words[2:-1]
        if any(t.is_punct or t.tag_ == "POS" for t in topic) or not self.doc[i].dep_.startswith("nsubj"):
            return None  # ("As for Lund's plan, he …": the plan is the topic, not Lund)
        person = self.by_token.get(topic[-1].i)
        if person is None or gender and person.gender and person.gender != gender:
            return None
        other = {"m": ("she", "her"), "f": ("he", "him", "his")}.get(gender or "", ())
        if person.gender is None and any(t.lower_ in other for t in self.doc[i + 1:sent.end]):
            return None
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
        """The people the words being attributed name ('"I doubt Clara ever forgave him," she said': not
        Clara): a mention inside them, or a first name or surname of theirs written there. The words are the
        quoted ones and those after the pronoun, not a clause before it that the parse took along ("Keyworth was
        fired up, and he said she should call")."""
        own = [(a, b) for a, b in self.speaking if a > at or self._inside(self.quote_ranges, a)]
        if not own:
            return []
        full = doc_text(self.doc)
        text = " ".join(full[a:b] for a, b in own)
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


def _speaking_name(tok: Token) -> bool:
    """A lone surname the model took for a product or a work ("Rajala said while unveiling the policy"), or for
    a firm when the text writes it "Rajala, who …": the subject of a speech cue, so someone "he" may go back to
    (not a firm, a place, an acronym or an organization the lexicon knows)."""
    ent = entity_of(tok)
    lex = lexicon()
    if ent is None or len(ent) != 1 or tok.is_upper or lex.org(tok.text) or lex.cue_class(tok.head.lemma_) != "speech":
        return False
    if ent.label_ in ("PRODUCT", "WORK_OF_ART"):
        return True
    return ent.label_ == "ORG" and any(t.text == tok.text and t.i + 2 < len(tok.doc) and tok.doc[t.i + 1].text == ","
                                       and tok.doc[t.i + 2].lower_ == "who" for t in tok.doc)


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
