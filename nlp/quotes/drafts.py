"""A statement while it is being built: its fragments, cue and speaker, before it becomes a `Statement`."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from nlp.quotes.quote_marks import QuoteSpan
from nlp.quotes.speakers import Speaker


@dataclass
class Draft:
    fragments: list[tuple[int, int]]
    kind: str
    cue: Token | None = None
    cue_text: str | None = None
    speaker_head: Token | None = None
    speaker: Speaker | None = None
    confidence: float = 0.5
    para: int = -1
    quotes: list[QuoteSpan] = field(default_factory=list)
    follows: Draft | None = None  # a floating quote takes the speaker of the statement it follows

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]
