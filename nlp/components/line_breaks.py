"""spaCy component ``saidwhat_line_breaks``: a sentence starts after every line break, set before the parser.

Headlines, subheads and bylines have no full stop; left alone, the parser runs them into the next paragraph's
first sentence and hangs that sentence's subject on the headline ("… on Australian barley China will remove
…"). The parser keeps boundaries set before it runs, so every line break starts a sentence. Told only where
sentences start, the parser then tends to end one after its first word ("Britain | and India signed …"), so
the next two words are marked as no sentence start.
"""
from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

KEEP_WITH_FIRST = 2  # words after a line's first word that never start a sentence


@Language.component("saidwhat_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    # spaCy keeps every line break in a whitespace token of its own: look only at those, and write the marks as
    # one array (reading every token, or setting Token.is_sent_start, which checks the whole doc each time,
    # costs more than the rest of this component)
    spaces = numpy.flatnonzero(doc.to_array("IS_SPACE"))
    if not len(spaces):
        return doc
    orths = doc.to_array("ORTH")
    strings = doc.vocab.strings
    marks = doc.to_array("SENT_START")  # uint64, as from_array wants it; written through a signed view
    starts = marks.view("int64")
    is_space = set(spaces.tolist())
    for i in spaces.tolist():
        start = i + 1
        if start >= len(doc) or start in is_space or "\n" not in strings[orths[i]]:
            continue
        starts[start] = 1
        for after in range(start + 1, min(start + 1 + KEEP_WITH_FIRST, len(doc))):
            if after in is_space:
                break
            starts[after] = -1
    doc.from_array(["SENT_START"], marks)
    return doc
