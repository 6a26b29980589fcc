"""A speaker "I" in a news story: the person whose words the sentence continues.

News quotes a person over several paragraphs, and the quote marks of the middle ones are often lost (translations,
copied text): "“Nobody raised it when we lost,” Varis said.¶I can promise we have changed nothing." A cue whose
subject is "I" there reports the quoted person's own words, not a narrator's.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from nlp.quotes.drafts import Draft

_FIRST_PERSON = frozenset({"i", "me"})
_QUOTE_MARKS = "\"“”‘„«»"  # (not the apostrophes of "don't", "Shaw’s")
_SENTENCE_END = re.compile(r"[.!?]\s")
_THIRD_PERSON = {"m": re.compile(r"\b(?:he|him|his|himself)\b", re.I),
                 "f": re.compile(r"\b(?:she|her|hers|herself)\b", re.I)}


def first_person_to_passage_speaker(drafts: list[Draft], paras: list[tuple[int, int]], text: str) -> None:
    """A statement whose speaker is "I", left unresolved, takes the person who spoke in the statement right before
    it when that statement ends in the paragraph before and the "I" opens a paragraph with no quote marks ("Ashby
    said the tackles were legal.¶You can judge when I say the rules were kept"): the first person continues that
    speaker's words. Further away, later in its paragraph, or with no person speaking before, the "I" stays (a
    narrator's, in a column or a reporter's own account); so does an "I" whose sentence speaks of that person as
    "he" or "she" ("I then asked him whether …", "as I wrote last week, he gains from …")."""
    starts = [ps for ps, _ in paras]
    ordered = sorted(drafts, key=lambda d: d.start)
    for k, d in enumerate(ordered):
        spk = d.speaker
        if k == 0 or spk is None or spk.person is not None or spk.kind != "pronoun" \
                or (spk.name or "").lower() not in _FIRST_PERSON:
            continue
        before = ordered[k - 1].speaker
        if before is None or before.person is None:
            continue  # (an organization, an unnamed or unresolved speaker, another "I")
        here = bisect_right(starts, d.start) - 1
        there = bisect_right(starts, max(ordered[k - 1].end - 1, ordered[k - 1].start)) - 1
        ps, pe = paras[here]
        if here - there != 1 or spk.span is None or any(ch in text[ps:pe] for ch in _QUOTE_MARKS) \
                or _SENTENCE_END.search(text[ps:spk.span.start_char]) \
                or _speaks_of(before.person.gender, text[ps:max(d.end, spk.span.end_char)]):
            continue
        d.speaker = replace(before, kind="pronoun", span=spk.span)


def _speaks_of(gender: str | None, words: str) -> bool:
    """The words hold a third-person pronoun of that gender (of either, gender unknown)."""
    return any(_THIRD_PERSON[g].search(words) for g in ((gender,) if gender in _THIRD_PERSON else ("m", "f")))
