"""Criticism said by the form of a sentence, with no word of tone in it.

"This must never happen again", "the delay at the border should never have happened", "what was done to the tenants
cannot be allowed to happen again": what happened is condemned, and the issue's guideline labels criticism negative;
but "happen" and "again" carry no tone and "never" or "not" negates nothing with one, so the model read a plain
statement. "I don't see why the town should pay for it", "she did not understand why the rules were changed": an
objection put as a question the speaker cannot answer.

A breach of norms: "the new levy runs counter to the spirit of the trade agreement", "this was against the values of
an open debate", "in breach of its obligations": an accusation, whose words of what is breached ("spirit", "values",
"fair") read as praise.

An overstatement: "the forecast was overly optimistic", "the reports were more positive than the facts warranted": a
good quality in excess, or beyond what is true, is criticism, but its words are of praise.
"""
from __future__ import annotations

import re

# an event condemned: "must never happen again", "cannot (be allowed to) happen again", "should not have happened"
NEVER_AGAIN = re.compile(
    r"\b(?:(?:must|should|shall)\s*(?:never|not|n't|n’t)|can\s+never|cannot|can't|can’t)\s+(?:ever\s+)?"
    r"(?:be\s+allowed\s+to\s+)?(?:happen|occur|be\s+repeated)\s+again\b"
    r"|\b(?:should|must|ought\s+to)\s*(?:never|not|n't|n’t)\s+have\s+(?:happened|occurred|been\s+allowed)\b",
    re.IGNORECASE)
# an objection: "I don't see why …", "we fail to understand why …", "I cannot understand why …"; not "I don't see
# why not", which agrees
OBJECTION = re.compile(r"\b(?:i|we|he|she|they)\s+(?:(?:do|did|can|could)\s*(?:not|n't|n’t)|cannot|can't|can’t|"
                       r"fail\s+to|failed\s+to)\s+(?:see|understand|comprehend)\s+why\b(?!\s+not\b)", re.IGNORECASE)


# what is breached: values, rules, a treaty's spirit or letter, someone's interests
_NORMS = (r"(?:(?:very|basic|fundamental|core|founding|international)\s+)?(?:spirit|letter|values|principles?|rules|"
          r"interests?|norms|laws?|constitution|obligations|commitments|terms|treaty|agreements?|charter|conventions?)")
_GOES = r"(?:is|was|are|were|be|been|being|'s|’s|goes|go|went|going|gone|runs?|ran|running|seems?|seemed|appears?)"
# "is against the values of", "runs counter to the spirit of", "would be contrary to the rules", "in breach of"
BREACH = re.compile(
    rf"\b{_GOES}\s+(?:\w+ly\s+)?(?:against|counter\s+to|contrary\s+to|at\s+odds\s+with|inconsistent\s+with|"
    rf"incompatible\s+with)\s+(?:the\s+|our\s+|their\s+|its\s+|all\s+|these\s+|those\s+)?(?:[\w\-]+\s+){{0,2}}?"
    rf"{_NORMS}\b|\bin\s+(?:clear\s+|flagrant\s+|direct\s+)?(?:breach|violation|contravention)\s+of\b", re.IGNORECASE)
# a breach denied: "the levy is not against the rules", "it does not run counter to"
_DENIED_BEFORE = re.compile(r"\b(?:not|n't|n’t|never|no\s+longer|hardly)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def is_breach(text: str) -> bool:
    """Whether `text` says that something breaches values, rules or a treaty, and does not deny it."""
    match = BREACH.search(text)
    return bool(match) and not _DENIED_BEFORE.search(text[:match.start()])


def is_condemnation(text: str) -> bool:
    """Whether `text` condemns by its form: an event that must never happen again or should never have happened,
    or an objection ("I don't see why")."""
    return bool(NEVER_AGAIN.search(text) or OBJECTION.search(text))


_GOOD = r"(?:optimistic|positive|rosy|upbeat|generous|ambitious|favou?rable|hopeful|sanguine|bullish|flattering)"
# "overly optimistic", "far too generous"; "a more positive depiction … than was warranted by the facts", "rosier
# than reality"
OVERSTATED = re.compile(
    rf"\b(?:overly|unrealistically|excessively|unduly|(?:far\s+|much\s+|way\s+)?too)\s+{_GOOD}\b"
    rf"|\b(?:more\s+{_GOOD}|rosier|brighter)\b(?:\s+[\w\-’'.]+){{0,15}}?\s+than\b(?:\s+[\w\-’']+){{0,6}}?\s+"
    r"(?:warranted|justified|merited|deserved|facts?|reality|actual|real)\b", re.IGNORECASE)


def is_overstatement(text: str) -> bool:
    """Whether `text` says that something was put better than it is ("overly optimistic", "more positive than the
    facts"), and does not deny it."""
    match = OVERSTATED.search(text)
    return bool(match) and not _DENIED_BEFORE.search(text[:match.start()])
