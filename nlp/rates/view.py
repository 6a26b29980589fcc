"""What every step reads about one doc, gathered once: Doc.text and Doc.ents walk the whole doc on every access."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from nlp.rates.dates import era_year
from nlp.rates.percentages import Rate, doc_rates
from nlp.segments import doc_text


@dataclass
class DocView:
    doc: Doc
    text: str
    places: dict[int, str]  # token index → ISO3 or bloc code
    dates: list[Span]  # the model's DATE entities
    rates: list[Rate]
    published: dt.date | None
    place_tokens: set[int] = field(default_factory=set)
    era: int | None = None  # the year the article reports from

    @classmethod
    def of(cls, doc: Doc) -> "DocView":
        places = doc_places(doc)
        text = doc_text(doc)
        dates = with_bare_month_days(doc, text, [e for e in doc.ents if e.label_ == "DATE"])
        return cls(doc=doc, text=text, places=places, dates=dates, rates=doc_rates(doc),
                   published=doc._.published, place_tokens=set(places), era=era_year(dates, doc._.published))


# "on Aug 23", "from Sept 4": a month's short form with no full stop, which the small model often leaves untagged
BARE_MONTH_DAY = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) (?:[12]\d|3[01]|[1-9])\b(?!\.\d)")


def with_bare_month_days(doc: Doc, text: str, dates: list[Span]) -> list[Span]:
    """The model's DATE entities, and the bare month-days ("Aug 23") it did not tag, in order."""
    taken = {i for e in dates for i in range(e.start, e.end)}
    extra = [span for m in BARE_MONTH_DAY.finditer(text)
             if (span := doc.char_span(m.start(), m.end(), label="DATE")) is not None
             and not any(i in taken for i in range(span.start, span.end))]
    return sorted(dates + extra, key=lambda e: e.start) if extra else dates


# a country named as the maker of a currency ("worth 60 billion U.S. dollars", "in Canadian dollars") is no party
CURRENCY_WORDS = {"dollar", "dollars", "yuan", "yen", "euro", "euros", "pound", "pounds", "peso", "pesos", "rupee",
                  "rupees", "franc", "francs", "won", "ringgit", "rupiah", "baht", "rand", "ruble", "rubles", "rouble",
                  "roubles", "lira", "real", "reais", "krona", "kronor", "krone", "kroner", "dong", "riyal", "riyals"}


def doc_places(doc: Doc) -> dict[int, str]:
    """Token index → ISO3 or bloc code, from the countries component's spans (not a currency's country)."""
    places: dict[int, str] = {}
    for key in ("blocs", "countries"):
        if key in doc.spans:
            for span in doc.spans[key]:
                if span.end < len(doc) and doc[span.end].lower_ in CURRENCY_WORDS:
                    continue
                for i in range(span.start, span.end):
                    places[i] = span.label_
    return places
