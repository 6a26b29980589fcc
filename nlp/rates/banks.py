"""Which central bank a story speaks of: whether it names one, the bank of the one country its opening names,
and whether a reporting verb's subject is the bank itself."""
from __future__ import annotations

from spacy.tokens import Token

from nlp.rates.view import DocView


def bank_speaks(verb: Token, banks, lex) -> bool:
    """The subject of a reporting verb is the central bank itself ("it", "the bank", "the Riksbank", its board)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    text = " ".join(t.text for t in subject.subtree)
    lo, hi = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
    return subject.lower_ == "it" or any(lo <= s < hi for s, _, _ in banks) or any(
        a in text.lower() for a in lex.bank_anaphora)


def names_a_bank(view: DocView, lex) -> bool:
    """The article names a central bank, or speaks of one ("the central bank", "policymakers")."""
    lower = view.text.lower()
    return lex.banks.search(view.text) is not None or any(a in lower for a in lex.bank_anaphora)


def story_bank(view: DocView, lex) -> str | None:
    """The central bank of the one country the story's opening (headline and first paragraph) names, when the
    article speaks of "the central bank" or "the Reserve Bank" without naming one; its country code when no bank
    of it is listed. A story that names one bank, if only after the move ("The Reserve Bank held the cash rate at
    3.6%. … the RBA governor said"), speaks of that one."""
    lower = view.text.lower()
    if "central bank" not in lower and "reserve bank" not in lower:
        return None
    named = {lex.bank_names[m.group()] for m in lex.banks.finditer(view.text)}
    if named:
        return named.pop() if len(named) == 1 else None
    body = view.text.find("\n\n")
    end = view.text.find("\n\n", body + 2) if body != -1 else -1
    limit = end if end != -1 else len(view.text)
    codes = {code for i, code in view.places.items() if view.doc[i].idx < limit}
    if len(codes) != 1:
        return None
    [code] = codes
    return next((bank for bank, country in lex.bank_countries.items() if country == code), code)
