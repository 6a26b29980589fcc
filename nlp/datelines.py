"""Where a wire story's dateline ends: "OSLO, March 27 (Wire) - Norway's central bank held …". Read by the
line-break component (a sentence starts after the dash) and by reported speech (the place and the agency are not
what was said)."""
from __future__ import annotations

from spacy.tokens import Doc

DATELINE_DASHES = frozenset({"-", "--", "—", "–", "―"})
MAX_DATELINE_TOKENS = 12  # "NEW DELHI, Jan. 5 (AP) —", "SEOUL, South Korea --"


def after_dateline(doc: Doc, start: int) -> int | None:
    """The first word after a dateline opening at ``start`` ('OSLO, March 27 (Wire) -', 'NEW DELHI —',
    'Beijing (Reuters) -'), or None: a place in capitals or an agency in brackets before the dash, with only
    capitalised words, numbers and commas between ('Kall -- co-editor of …' is a name and an aside)."""
    first = doc[start]
    if not first.is_alpha or not first.text[:1].isupper():
        return None
    for k in range(start + 1, min(start + MAX_DATELINE_TOKENS, len(doc) - 1)):
        tok = doc[k]
        if tok.text in DATELINE_DASHES and doc[k - 1].whitespace_:  # (not the hyphen of "Jung-ho")
            if not (first.is_upper and len(first) > 1 or doc[k - 1].text == ")"):
                return None
            nxt = k + 1
            while nxt < len(doc) and doc[nxt].is_space and "\n" not in doc[nxt].text:
                nxt += 1
            return nxt if nxt < len(doc) and not doc[nxt].is_space else None
        if tok.is_space or not (tok.text[:1].isupper() or tok.like_num or tok.text in {",", ".", "(", ")"}):
            return None
    return None
