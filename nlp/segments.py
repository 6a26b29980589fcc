"""Sentence segments shared by components that score or scan sentence by sentence (rate events, claims), and
the paragraph test that the parser's sentences need."""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token


SEGMENTS_KEY = "saidwhat_segments"


def sentence_segments(doc: Doc) -> list[Span]:
    """The parser's sentences, also cut at line breaks: headlines, bylines and bullets have no full stop, and
    the parser often runs them into the next sentence. Found once per doc (rate events and claims both read
    them); kept as token offsets, which travel with the doc where spans cannot."""
    bounds = doc.user_data.get(SEGMENTS_KEY)
    if bounds is None:
        bounds = doc.user_data[SEGMENTS_KEY] = [(s.start, s.end) for s in _segments(doc)]
    return [doc[start:end] for start, end in bounds]


def _segments(doc: Doc) -> Iterable[Span]:
    for sent in doc.sents:
        start = sent.start
        previous_ws = ""
        for tok in sent:
            if tok.is_space and "\n" in tok.text or (tok.i > start and "\n" in previous_ws):
                if tok.i > start:
                    yield from _trimmed(doc, start, tok.i)
                start = tok.i + 1 if tok.is_space else tok.i
            previous_ws = tok.whitespace_
        if start < sent.end:
            yield from _trimmed(doc, start, sent.end)


TEXT_KEY = "saidwhat_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy rebuilds it from the tokens on every access (milliseconds per
    article), and a doc's text never changes after tokenizing."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def across_paragraphs(a: Token, b: Token) -> bool:
    """A line break lies between the two tokens: the parser joined two paragraphs into one sentence."""
    low, high = sorted((a.i, b.i))
    return any(t.is_space and "\n" in t.text for t in a.doc[low:high])


def _trimmed(doc: Doc, start: int, end: int) -> Iterable[Span]:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if end > start:
        yield doc[start:end]
