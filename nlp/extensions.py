"""Every Doc/Span extension and result type that saidwhat's spaCy components share.

Components write here; `nlp.records` reads from here. The contract:

- ``doc._.published``: ``datetime.date | None``, the article date, set by the caller before the pipeline runs
  (relative dates such as "on Tuesday" are resolved against it).
- ``doc.spans["countries"]``: one Span per country mention, ``span.label_`` the ISO 3166-1 alpha-3 code.
- ``doc.spans["blocs"]``: one Span per bloc mention (EU, ASEAN, G7, OPEC…), ``span.label_`` the bloc code.
- ``doc.spans["numbers"]``: one Span per quantity, ``span._.quantity`` a :class:`Quantity`.
- ``doc._.officials``: list of :class:`Official`, one per person per article with a role (``public`` False for a
  role outside public office, such as a bank's economist: listed by ``extract`` only as a statement's speaker).
- ``doc._.statements``: list of :class:`Statement`.
- ``doc._.claims``: list of :class:`Claim` (all scored; the threshold is applied when listing).
- ``doc._.rate_events``: list of :class:`RateEvent`.
- ``doc._.sentiment``: :class:`nlp.sentiment.model.Sentiment` of the whole text; each statement's is
  ``Statement.sentiment``.

Offsets are character offsets into ``doc.text``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from nlp.claim_types import claim_type

if TYPE_CHECKING:
    from nlp.sentiment.model import Sentiment


@dataclass
class Quantity:
    """A quoted number: "$10 billion" → value 1e10, unit "USD"."""

    value: float
    unit: str  # percent, bp (percentage points normalised to bp), USD/EUR/… (ISO 4217), count, multiple, fraction, …
    approx: str | None = None  # "about", "more than", "nearly", … as written, None when exact
    high: float | None = None  # upper bound of a range ("4.25%-4.5%" → value 4.25, high 4.5)
    scale: str | None = None  # scale word as written: "billion", "trillion", "million"
    measures: str | None = None  # what it counts or measures: "countries", "tariff", "imports"


@dataclass
class Official:
    """A named person acting in a role, under their fullest name in the article."""

    name: str
    title: str | None = None
    organization: str | None = None
    country: str | None = None  # ISO3 of whom they represent
    mentions: list[Span] = field(default_factory=list)  # every reference: full name, surname, title, pronoun
    public: bool = True  # holds a public role; False for an economist, analyst or professor outside government


@dataclass
class Statement:
    """A direct or reported quote and who said it."""

    text: str
    kind: str  # "direct" | "indirect"
    start: int
    end: int
    speaker: str | None = None  # canonical official name, or an organization ("China's commerce ministry")
    speaker_title: str | None = None
    cue: str | None = None  # the reporting verb as written: "said", "told", "according to"
    date: dt.date | None = None  # when it was said; the article date when the text gives none
    confidence: float = 0.5
    speaker_start: int | None = None  # the speaker mention the attribution rests on
    speaker_end: int | None = None
    speaker_is_organization: bool = False  # the attribution resolved the speaker to an organization
    fragments: list[tuple[int, int]] = field(default_factory=list)  # quote pieces, for split quotes
    sentiment: Sentiment | None = None  # set by the sentiment component


@dataclass
class Claim:
    """A check-worthy factual assertion; its `type` (numeric | comparison | causal | factual | prediction) is read
    from its text the first time it is asked for."""

    text: str
    score: float
    start: int
    end: int

    @cached_property
    def type(self) -> str:
        return claim_type(self.text)


@dataclass
class RateEvent:
    """A tariff or interest-rate announcement, raise, cut, hold, pause, threat or removal."""

    kind: str  # tariff | interest_rate | other_rate
    action: str  # announce | raise | cut | hold | pause | threaten | remove
    text: str  # the evidence span (usually the sentence)
    start: int
    end: int
    rate_percent: float | None = None  # upper bound for a range
    rate_low: float | None = None
    previous_percent: float | None = None
    imposing: str | None = None  # ISO3, bloc code or the central bank's name
    target: str | None = None  # ISO3, bloc, "ALL" or, when no country is named, a product ("autos")
    date: dt.date | None = None  # the event's own date (effective, else announced), else the article date
    products: list[str] = field(default_factory=list)  # goods the rate falls on ("steel"), whatever the target
    announced: dt.date | None = None  # when the text says the move was announced or decided
    effective: dt.date | None = None  # when the text says the rate applies ("effective April 9", "from August 1")


def register() -> None:
    """Register saidwhat's extensions once per process (safe to call again)."""
    for name, default in (
        ("published", None),
        ("officials", None),
        ("statements", None),
        ("claims", None),
        ("rate_events", None),
        ("sentiment", None),
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("quantity"):
        Span.set_extension("quantity", default=None)


register()
