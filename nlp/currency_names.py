"""Currency words that several countries share ("francs", "riyals", "crowns", "dinars", "pesos", "shillings"),
read as the currency of the country an amount belongs to at the article's date.

Babel's copy of the Unicode CLDR data gives each currency's English names ("Danish krone", plural "Danish
kroner") and the currencies each territory had in tender on a given day (France: francs until 1999, euros
after), so "francs" in a story about France dated 1987 are French francs and in one about Senegal CFA francs.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache

import pycountry
from babel.numbers import get_currency_name, get_territory_currencies
from babel.core import get_global

# English words the CLDR names do not use: a "crown" is a krone, krona or koruna; "rial" and "riyal" are spelt
# either way by reporters
_ALIASES = {"crown": ("krone", "krona", "koruna"), "rial": ("rial", "riyal"), "riyal": ("riyal", "rial"),
            "lire": ("lira",), "kronen": ("krone",)}


def _fold(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


@cache
def _words_of_currencies() -> dict[str, frozenset[str]]:
    """Every currency word (singular and plural, lower case, no accents) → the ISO codes named with it."""
    out: dict[str, set[str]] = {}
    for code in get_global("all_currencies"):
        singular = get_currency_name(code, locale="en")
        if singular == code:
            continue
        plural = get_currency_name(code, count=2, locale="en")
        for name in (singular, plural):  # ("Zambian Kwacha (1968–2012)": the years are no part of the word)
            out.setdefault(_fold(name.split(" (")[0].split()[-1]), set()).add(code)
    return {w: frozenset(codes) for w, codes in out.items()}


def currency_word(word: str) -> str | None:
    """The currency word as CLDR writes it ("crowns" → "crown", "Francs" → "francs"), if it names a currency."""
    w = _fold(word)
    if w in _words_of_currencies():
        return w
    singular = w[:-1] if w.endswith("s") else w
    if singular in _ALIASES or singular in _words_of_currencies():
        return singular
    return None


def codes_of(word: str) -> frozenset[str]:
    """The ISO codes a currency word can name ("francs" → CHF, FRF, BEF, XOF, …)."""
    words = _words_of_currencies()
    w = currency_word(word)
    if w is None:
        return frozenset()
    forms = _ALIASES.get(w, (w,))
    return frozenset(code for form in forms for key in (form, form + "s", form + "r", form + "n")
                     for code in words.get(key, ()))


@cache
def _iso2(alpha3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=alpha3)
    return country.alpha_2 if country else None


@cache
def tender(alpha3: str, day: dt.date) -> tuple[str, ...]:
    """The currencies a country had in tender on the day."""
    iso2 = _iso2(alpha3)
    if iso2 is None:
        return ()
    try:
        return tuple(get_territory_currencies(iso2, start_date=day, end_date=day, tender=True))
    except Exception:  # noqa: BLE001 -- a territory CLDR does not know
        return ()


def currency_of(word: str, countries: list[str], day: dt.date) -> str | None:
    """The one currency called ``word`` that the countries (ISO3) had on the day, if exactly one."""
    named = codes_of(word)
    found = {code for c in countries for code in tender(c, day) if code in named}
    return found.pop() if len(found) == 1 else None


@cache
def only_currency(word: str, day: dt.date) -> str | None:
    """The currency called ``word`` when exactly one country's currency in tender on the day is called so."""
    named = codes_of(word)
    found = {code for c in pycountry.countries for code in tender(c.alpha_3, day) if code in named}
    return found.pop() if len(found) == 1 else None
