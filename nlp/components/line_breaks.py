"""spaCy component ``saidwhat_line_breaks``: a sentence starts after every line break, set before the parser.

Headlines, subheads and bylines have no full stop; left alone, the parser runs them into the next paragraph's
first sentence and hangs that sentence's subject on the headline ("… on Australian barley China will remove
…"). The parser keeps boundaries set before it runs, so every line break starts a sentence. Told only where
sentences start, the parser then tends to end one after its first word ("Britain | and India signed …"), so
the next two words are marked as no sentence start.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

KEEP_WITH_FIRST = 2  # words after a line break's first word that never start a sentence


@Language.component("saidwhat_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if not tok.is_space and ("\n" in before.whitespace_ or before.is_space and "\n" in before.text):
            tok.is_sent_start = True
            for after in doc[tok.i + 1:tok.i + 1 + KEEP_WITH_FIRST]:
                if after.is_space or "\n" in doc[after.i - 1].whitespace_:
                    break
                after.is_sent_start = False
    return doc
