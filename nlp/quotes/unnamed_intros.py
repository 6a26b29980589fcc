"""Unnamed people a story brings in with an indefinite phrase, whom a later description takes up again.

"Lena Holt, a customs inspector, was hurt. A second inspector at the port backed the account. … the inspector
said" is the second, unnamed inspector: the nearest introduction of the description's head word with "a", "an",
"another" or "one" stands between the description and anyone named before it.
"""
from __future__ import annotations

from spacy.tokens import Token

_INDEFINITE = frozenset({"a", "an", "another", "one"})
# the roles a phrase of its own plays in a clause (not "Holt, a customs inspector," nor "Holt is an inspector")
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def indefinite_introduction(head: Token, word: str, lookback: int) -> int | None:
    """The token index of the latest phrase before ``head`` (within ``lookback`` tokens, in an earlier sentence)
    that brings in someone unnamed with the same head word ("a second inspector", "one officer at the port"),
    or None. Not an apposition or a predicate naming what a named person is ("Holt, an inspector", "works as an
    inspector"), and not one named right after it ("an inspector, Lena Holt,")."""
    doc = head.doc
    sent_start = head.sent.start
    for j in range(sent_start - 1, max(-1, head.i - lookback), -1):
        tok = doc[j]
        if tok.lower_ != word or tok.pos_ != "NOUN" or tok.dep_ not in _ARGUMENT_DEPS:
            continue
        if not any(c.lower_ in _INDEFINITE and c.dep_ in ("det", "nummod") for c in tok.children):
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in ("as", "like"):
            continue  # "who works as an inspector": what a named person is
        if any(c.dep_ == "appos" or c.ent_type_ == "PERSON" for c in tok.children):
            continue  # "an inspector, Lena Holt,": named at once
        return j
    return None
