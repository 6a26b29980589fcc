"""spaCy component ``saidwhat_statements``: direct quotes and reported speech, each with its speaker.

Reads the people found by ``saidwhat_officials`` (or finds them itself when that component is absent), writes
``doc._.statements`` in text order, adds every resolved speaker mention (pronouns, descriptions) to the
official's ``mentions``, and promotes an untitled named speaker to ``doc._.officials``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp import extensions  # noqa: F401  (registers doc._.statements)
from nlp.affiliations import described_as_private, firm_name, named_as_a_body, works_at_a_firm
from nlp.components.officials import PEOPLE_KEY
from nlp.quotes.attribution import Attributor, to_statement
from nlp.quotes.lexicon import lexicon
from nlp.quotes.organizations import OrgIndex
from nlp.quotes.people import find_people
from nlp.quotes.quote_marks import find_quotes
from nlp.quotes.speakers import SpeakerResolver
from nlp.segments import doc_text


class StatementsComponent:
    def __init__(self, nlp: Language, name: str, include_belief: bool = False) -> None:
        self.name = name
        self.include_belief = include_belief

    def __call__(self, doc: Doc) -> Doc:
        # the officials component leaves every named person here; take them out (Person objects hold Spans,
        # which msgpack cannot serialize when docs travel between processes)
        people = doc.user_data.pop(PEOPLE_KEY, None)
        if people is None:
            people = find_people(doc)
        quotes = find_quotes(doc_text(doc))
        resolver = SpeakerResolver(doc, people, [(q.start, q.end) for q in quotes])
        attributor = Attributor(doc, quotes, resolver, include_belief=self.include_belief)
        direct = attributor.direct()
        drafts = direct + attributor.indirect(direct)
        attributor.resolve_speakers(drafts)
        drafts = [d for d in drafts if not _second_person(d)]
        drafts.sort(key=lambda d: d.start)
        drafts = _dedupe(drafts)
        published = doc._.published
        text = doc_text(doc)
        doc._.statements = [to_statement(d, text, published) for d in drafts]
        self._update_officials(doc, drafts, people)
        OrgIndex.drop(doc)
        return doc

    @staticmethod
    def _update_officials(doc: Doc, drafts, people) -> None:
        officials = doc._.officials if doc._.officials is not None else []
        by_name = {o.name: o for o in officials}
        for d in drafts:
            spk = d.speaker
            if spk is None or spk.person is None:
                continue
            person = spk.person
            if spk.span is not None and all(m.start != spk.span.start for m in person.mentions):
                person.mentions.append(spk.span)
                person.mentions.sort(key=lambda s: s.start)
            official = by_name.get(person.name)
            if official is None and not person.role.title and not person.named_like_a_person():
                continue  # "Politico reported", "the Chronicle says": an outlet the model took for a person
            if official is None and not person.role.title and _only_a_source(person):
                continue  # "according to Harbour Weekly": a paper or a report, no person who speaks
            if official is None and not person.role.title and _shared_part_of_names(person, people):
                continue  # "Li said" after "Li Ping" and "Li Wei": one of them, not a third person
            if official is None and not person.role.title and (works_at_a_firm(doc, person) or firm_name(person.name)
                                                                or named_as_a_body(person)
                                                                or described_as_private(doc, person)):
                # "said Ana Bell of Northgate Securities", "said Ed Ross, a farmer": a speaker, not an official;
                # "X, a magazine": no person at all
                continue
            if official is None:
                official = person.official()
                by_name[person.name] = official
                officials.append(official)
            else:
                official.mentions = list(person.mentions)
        order = {p.name: i for i, p in enumerate(people)}
        officials.sort(key=lambda o: order.get(o.name, len(order)))
        doc._.officials = officials


def _only_a_source(person) -> bool:
    """A name of two words or more written only after "according to" whose first word is no first name
    ("according to Harbour Weekly", "according to Coastal Shipping News"): a source, as papers and reports are
    cited, no person ("according to Lena Marsh" is one)."""
    words = person.name.split()
    if len(words) < 2 or lexicon().is_first_name(words[0]):
        return False
    return all(m.start > 1 and m.doc[m.start - 1].lower_ == "to" and m.doc[m.start - 2].lower_ == "according"
               for m in person.mentions)


def _shared_part_of_names(person, people) -> bool:
    """A one-word name that is a word of two or more people's full names ("Li" of "Li Ping" and "Li Wei", "Kim"
    of two Kims): a short mention of one of them the text left ambiguous, no person of its own."""
    word = person.name.lower()
    if " " in word:
        return False
    return sum(1 for q in people if q is not person and word in q.name.lower().split()) >= 2


def _second_person(draft) -> bool:
    """A statement whose speaker is "you": a generic "you" ("if you tell a buyer that …") or the one an interviewer
    addresses ("You said that …"), no one's words reported in the story."""
    spk = draft.speaker
    return spk is not None and spk.kind == "pronoun" and (spk.name or "").lower() == "you"


def _dedupe(drafts):
    """One statement per content: nested cues reporting the same words keep the first found."""
    out = []
    for d in drafts:
        if any(o.fragments == d.fragments for o in out):
            continue
        out.append(d)
    return out


@Language.factory("saidwhat_statements", default_config={"include_belief": False})
def make_statements(nlp: Language, name: str, include_belief: bool) -> StatementsComponent:
    return StatementsComponent(nlp, name, include_belief=include_belief)
