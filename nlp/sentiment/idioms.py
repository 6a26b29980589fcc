"""Idioms of trouble: bad news said in words that hold no tone of their own.

"The future of the fair hangs in the balance", "it was touch and go", "the launch did not go according to plan",
"the council caved in to the developers", "the talks are back to square one": jeopardy, failure or giving way, which
the issue's guideline labels negative (bad news, criticism), but whose words ("future", "balance", "plan") the model
read as a plain report, or as hope. Not with the idiom denied ("nothing went wrong", "it never caved in").
"""
from __future__ import annotations

import re

_IDIOMS = (r"touch\s+and\s+go|hang(?:s|ing|ed)?\s+in\s+the\s+balance|"
           r"(?:did|does|do)\s*(?:not|n't|n’t)\s+(?:quite\s+|exactly\s+)?go\s+(?:according\s+)?to\s+plans?|"
           r"(?:went|gone|going|goes)\s+(?:badly\s+|horribly\s+|terribly\s+)?(?:wrong|awry)|"
           r"cav(?:e|es|ed|ing)\s+in\b|back\s+to\s+square\s+one|(?:grind|grinds|ground|grinding)\s+to\s+a\s+halt|"
           r"up\s+in\s+the\s+air|in\s+limbo|on\s+thin\s+ice|out\s+of\s+hand|the\s+last\s+straw|"
           r"a\s+drop\s+in\s+the\s+ocean")
IDIOM = re.compile(rf"\b(?:{_IDIOMS})", re.IGNORECASE)
# the idiom denied: "nothing went wrong", "the board never caved in", "no longer up in the air"
_DENIED_BEFORE = re.compile(r"(?:\b(?:nothing|never|not|no\s+longer)|n't|n’t)\s+(?:\w+\s+)?$", re.IGNORECASE)


def has_trouble_idiom(text: str) -> bool:
    """Whether `text` says that something is in jeopardy, failed or gave way by an idiom, and does not deny it."""
    return any(not _DENIED_BEFORE.search(text[:match.start()]) for match in IDIOM.finditer(text))
