"""Ages among numbers: a person's or a thing's age is no quantity ("62-year-old", "she was 24 when", "dies at 84",
"children under 12")."""
from __future__ import annotations

import re

from spacy.tokens import Span

# what may follow an age: "62 years old", "62-year-old", "two 17-year olds", "7 weeks old", "nine or ten years
# old", "70 years of age"
_AGE_AFTER = re.compile(r"^(?:\s*(?:or|and|to|-|–)\s*[\w.]+)?\s*-?\s*(?:(?:year|yr|month|week|day)s?\s*-?\s*)?"
                        r"(?:olds?\b|of\s+age\b)")
_PERSON_SUBJECTS = {"i", "he", "she", "you", "who"}


def _a_persons_age(span: Span) -> bool:
    """'He was about 30 when', 'Ida Marsh, who ran the ferries, was 48 then': a bare number a person is."""
    root = span.root
    if root.dep_ != "attr" or root.head.lemma_ != "be":
        return False
    subj = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in _PERSON_SUBJECTS or subj.ent_type_ == "PERSON")


# people grouped by their age: "children under 12", "those over 65", "women between 25 and 35 years"
_AGE_BRACKETS = {"under", "over", "between", "above", "below"}
_PEOPLE = {"those", "people", "persons", "children", "kids", "youngsters", "young", "teenagers", "adults", "men",
           "women", "boys", "girls", "pupils", "students", "players", "patients", "residents", "citizens", "voters",
           "drivers", "workers", "everyone", "anyone", "nobody", "pensioners", "elderly"}


def _an_age_bracket(span: Span) -> bool:
    """'Those under 15 answer for their crimes', 'women between 25 and 35 years': a group of people by their age
    (in years or bare, with no plural noun after it: "workers over 30 hours" counts hours)."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ not in _AGE_BRACKETS or doc[span.start - 2].lower_ not in _PEOPLE:
        return False
    last = span[-1].lower_
    nxt = doc[span.end] if span.end < len(doc) else None
    return (last[:1].isdigit() or last in ("year", "years") or span[-1].like_num) and not (
        nxt is not None and nxt.tag_ in ("NNS", "NNPS"))


def an_age(span: Span, bare: bool, may_be_bare_age: bool) -> bool:
    """Ages: "62-year-old", "62 years old", "70 years of age", "aged 62", "Smith, 62, said", "she was 24 when".

    ``bare``: the number has no unit or scale; ``may_be_bare_age``: it is also an integer under the oldest age.
    """
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    after = "".join(tok.text_with_ws for tok in doc[span.end: span.end + 5]).lower()
    if span.text.lower().endswith("old") or _AGE_AFTER.match(after):
        return True
    if prev is not None and prev.lower_ in {"aged", "age", "ages"}:
        return True
    if (bare or span[-1].lower_ in ("year", "years")) and _an_age_bracket(span):
        return True
    if may_be_bare_age and prev is not None and prev.lemma_ == "turn" and prev.pos_ in ("VERB", "AUX") \
            and not (nxt is not None and nxt.pos_ == "NOUN"):
        return True  # "who turned 50 on Sunday" ("turned 300 acres into a park" counts acres)
    if may_be_bare_age and prev is not None and prev.lower_ == "at" and span.start >= 2 and \
            doc[span.start - 2].lemma_ == "die" and not (nxt is not None and nxt.pos_ == "NOUN"):
        return True  # "dies at 84", "died at 91 in her home"
    if may_be_bare_age and nxt is not None and nxt.lower_ == "turning":
        return True  # "I was 15 turning 16"
    if may_be_bare_age and _a_persons_age(span):
        return True
    return bare and prev is not None and prev.text == "," and nxt is not None and nxt.text == "," and \
        span.start >= 2 and doc[span.start - 2].pos_ == "PROPN"
