"""The model's entities read from the tokens' IOB tags: ``doc.ents`` and ``span.ents`` build a Span for every
entity of the document on each access, which had been a fifth of the officials component's time."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token


def entity_bounds(tok: Token) -> tuple[int, int]:
    """Start and end of the entity a token is inside, as the model tagged it (the token alone when it is in none)."""
    doc, start = tok.doc, tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def entity_of(tok: Token) -> Span | None:
    """The entity a token belongs to, without trailing line breaks (the model's entity may take in a headline's)."""
    if tok.ent_iob_ in ("", "O"):
        return None
    start, end = entity_bounds(tok)
    doc = tok.doc
    while end - 1 > tok.i and doc[end - 1].is_space:
        end -= 1
    return Span(doc, start, end, label=tok.ent_type_)


def entities_within(span: Span) -> Iterator[Span]:
    """The entities that lie wholly inside the span, as ``span.ents`` gives them."""
    doc = span.doc
    k = span.start
    while k < span.end:
        if doc[k].ent_iob_ != "B":
            k += 1
            continue
        end = entity_bounds(doc[k])[1]
        if end > span.end:
            return
        yield Span(doc, k, end, label=doc[k].ent_type_)
        k = end
