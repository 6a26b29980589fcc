"""When a statement was made: "said Tuesday", "on Monday", "yesterday", resolved against the article date.

Weekday arithmetic is all news needs here and costs nothing per statement; other dates fall back to the
article date.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
RELATIVE = {"today": 0, "yesterday": -1, "tonight": 0}


def weekday_on_or_before(published: dt.date, weekday: int) -> dt.date:
    """The latest date with that weekday on or before the article date ("said Tuesday" in Tuesday's paper)."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def resolve_word(word: str, published: dt.date) -> dt.date | None:
    w = word.lower().strip(".,")
    if w in WEEKDAYS:
        return weekday_on_or_before(published, WEEKDAYS[w])
    if w in RELATIVE:
        return published + dt.timedelta(days=RELATIVE[w])
    return None


def statement_date(cue: Token | None, published: dt.date | None) -> dt.date | None:
    """The date a cue verb's own time modifier gives ("said on Tuesday"), else the article date."""
    if published is None or cue is None:
        return published
    for child in cue.children:
        words = []
        if child.dep_ in ("npadvmod", "tmod", "advmod", "obl") or child.ent_type_ == "DATE":
            words.append(child.text)
        if child.dep_ == "prep" and child.lower_ in ("on", "during"):
            words.extend(t.text for t in child.children if t.dep_ == "pobj")
        for w in words:
            date = resolve_word(w, published)
            if date is not None:
                return date
    return published
