"""Criticism said by the form of a sentence, with no word of tone in it.

"This must never happen again", "the delay at the border should never have happened", "what was done to the tenants
cannot be allowed to happen again": what happened is condemned, and the issue's guideline labels criticism negative;
but "happen" and "again" carry no tone and "never" or "not" negates nothing with one, so the model read a plain
statement. "I don't see why the town should pay for it", "she did not understand why the rules were changed": an
objection put as a question the speaker cannot answer.
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


def is_condemnation(text: str) -> bool:
    """Whether `text` condemns by its form: an event that must never happen again or should never have happened,
    or an objection ("I don't see why")."""
    return bool(NEVER_AGAIN.search(text) or OBJECTION.search(text))
