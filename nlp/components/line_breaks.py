"""spaCy component ``saidwhat_line_breaks``: a sentence starts after every line break and after a dateline, set
before the parser.

Headlines, subheads and bylines have no full stop; left alone, the parser runs them into the next paragraph's
first sentence and hangs that sentence's subject on the headline ("… on Australian barley China will remove
…"). A wire story's dateline ("OSLO, March 27 (Wire) - Norway's central bank held …") is read the same way: the
city becomes a second subject of the first sentence, and its speaker. The parser keeps boundaries set before it
runs, so every line break and every dateline's dash starts a sentence. Told only where sentences start, the
parser then tends to end one after its first word ("Britain | and India signed …"), so the next two words are
marked as no sentence start. Nor does a word joined to the one before by a hyphen ("Jung-ho", "Chang-yong"): the
parser now and then starts a sentence inside such a name.
"""
from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from nlp.datelines import after_dateline

KEEP_WITH_FIRST = 2  # words after a line's first word that never start a sentence


@Language.component("saidwhat_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    # spaCy keeps every line break in a whitespace token of its own: look only at those, and write the marks as
    # one array (reading every token, or setting Token.is_sent_start, which checks the whole doc each time,
    # costs more than the rest of this component)
    spaces = numpy.flatnonzero(doc.to_array("IS_SPACE"))
    orths = doc.to_array("ORTH")
    strings = doc.vocab.strings
    marks = doc.to_array("SENT_START")  # uint64, as from_array wants it; written through a signed view
    starts = marks.view("int64")
    _inside_hyphenated_words(doc, orths, starts)
    is_space = set(spaces.tolist())
    line_starts = [0] if len(doc) and 0 not in is_space else []
    for i in spaces.tolist():
        start = i + 1
        if start >= len(doc) or start in is_space or "\n" not in strings[orths[i]]:
            continue
        line_starts.append(start)
        _mark_start(starts, start, is_space)
    for start in line_starts:
        after = after_dateline(doc, start)
        if after is not None:
            _mark_start(starts, after, is_space)
    doc.from_array(["SENT_START"], marks)
    return doc


def _inside_hyphenated_words(doc: Doc, orths, starts) -> None:
    """No sentence starts inside "Jung-ho": the hyphen and the word after it, written with no space between."""
    hyphens = numpy.flatnonzero(orths == doc.vocab.strings["-"])
    if not len(hyphens):
        return
    glued = doc.to_array("SPACY")  # 1 where a space follows the token
    for i in hyphens.tolist():
        if 0 < i < len(doc) - 1 and not glued[i - 1] and not glued[i]:
            starts[i] = starts[i + 1] = -1


def _mark_start(starts, start: int, is_space: set[int]) -> None:
    starts[start] = 1
    for after in range(start + 1, min(start + 1 + KEEP_WITH_FIRST, len(starts))):
        if after in is_space:
            break
        starts[after] = -1
