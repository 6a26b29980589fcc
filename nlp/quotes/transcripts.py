"""Interview transcripts: the turns that a speaker label opens, and who speaks in them.

A label opens a line: "((Ana Lind)) I think …" (Wikinews) or "LIND: I think …" (capitals and a colon, as in
broadcast transcripts). The turn runs to the next label, over any unlabelled paragraphs of the same answer. The
interviewee's "I" in a turn is the labelled person: "((Ana Lind)) I told them that …" is Lind's statement.
"""
from __future__ import annotations

import re
from bisect import bisect_right

LABEL = re.compile(r"^[ \t]*(?:\(\((?P<wiki>[^()\n]{2,60})\)\)|(?P<caps>[A-Z][A-Z'’.\- ]{1,38}[A-Z]):)", re.M)
# labels of the one who asks: a reporter's initials ("((WN))", "((RS))") or role words in capitals
_ASKING = frozenset({"question", "q", "interviewer", "reporter", "host", "moderator", "anchor"})


def speaker_turns(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every labelled turn, in text order."""
    found = [(m.start(), (m.group("wiki") or m.group("caps")).strip()) for m in LABEL.finditer(text)]
    ends = [start for start, _ in found[1:]] + [len(text)]
    return [(start, end, label) for (start, label), end in zip(found, ends)]


def asks(label: str) -> bool:
    """The label is the interviewer's: initials in capitals ("WN", "WSS") or a role word ("QUESTION")."""
    words = label.replace(".", " ").split()
    return (len(words) == 1 and label.isupper() and len(label) <= 4) or label.lower() in _ASKING


def label_at(turns: list[tuple[int, int, str]], char: int) -> str | None:
    """The label of the turn that holds a character offset, if any."""
    k = bisect_right([t[0] for t in turns], char) - 1
    if k >= 0 and turns[k][0] <= char < turns[k][1]:
        return turns[k][2]
    return None
