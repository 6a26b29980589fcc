"""What every step reads about one doc, gathered once: Doc.text and Doc.ents walk the whole doc on every access."""
from __future__ import annotations

import datetime as dt
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
        dates = [e for e in doc.ents if e.label_ == "DATE"]
        return cls(doc=doc, text=doc_text(doc), places=places, dates=dates, rates=doc_rates(doc),
                   published=doc._.published, place_tokens=set(places), era=era_year(dates, doc._.published))


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
