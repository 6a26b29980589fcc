"""spaCy component ``saidwhat_officials``: named people acting in a role, one per person per article.

Writes ``doc._.officials`` (people with a title or role as the text gives it) and keeps every named person,
titled or not, in ``doc.user_data["saidwhat.people"]``; ``saidwhat_statements`` takes it out again to resolve
speakers and to promote an untitled person who speaks to an official.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp import extensions  # noqa: F401  (registers doc._.officials)
from nlp.official_titles import refine_roles
from nlp.quotes.people import find_people

PEOPLE_KEY = "saidwhat.people"


class OfficialsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        people = refine_roles(doc, find_people(doc))
        doc.user_data[PEOPLE_KEY] = people
        doc._.officials = [p.official() for p in people if p.role.title]
        return doc


@Language.factory("saidwhat_officials")
def make_officials(nlp: Language, name: str) -> OfficialsComponent:
    return OfficialsComponent(nlp, name)
