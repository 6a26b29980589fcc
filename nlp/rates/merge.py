"""One event per move: mentions of the same move across an article are merged, later ones filling what
earlier ones left open, a level stated apart ("the policy rate is now 6.25%") completes a move, and a headline
or a rate-less mention that only echoes a move told in full is dropped."""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from nlp.extensions import RateEvent
from nlp.rates.percentages import previous_level


class Mention(NamedTuple):
    """One mention of a move: the event, its change in percentage points (or None), and when the text puts it
    ("september" for "at the September meeting", "wednesday"), or None."""

    event: RateEvent
    delta: float | None = None
    when: str | None = None


def merge(events: list[Mention], levels: list[RateEvent], bank_countries: dict[str, str] | None = None,
          ) -> list[RateEvent]:
    """Mentions merged into moves; `levels` are rates stated with no move. Mentions put at different times are
    different moves ("Wednesday's cut … a similar cut at the September meeting"). A central bank and the country
    it sets rates for (`bank_countries`) are one party: "Norway is raising its key rate" and "Norges Bank
    raised its rate to 4.5%" are one move, the bank's."""
    banks = bank_countries or {}
    merged: list[tuple[RateEvent, float | None]] = []
    whens: list[str | None] = []
    absorbed: dict[int, int] = {}  # merged move -> start of the rated sentence it took its level from
    for event, delta, when in events:
        for i, (kept, kept_delta) in enumerate(merged):
            if compatible(kept, event, banks) and (when is None or whens[i] is None or when == whens[i]):
                if kept.rate_percent is None and event.rate_percent is not None and event.start != kept.start:
                    absorbed[i] = event.start
                merged[i] = (_fill(kept, event, banks), kept_delta if kept_delta is not None else delta)
                whens[i] = whens[i] or when
                _date_siblings(merged, i, event)
                break
            if restated(kept, event):
                # "imposed a 50% tariff on Indian goods, doubling the 25% rate": the imposition is the raise
                moved, other = (kept, event) if kept.action != "announce" else (event, kept)
                merged[i] = (_fill(moved, other), kept_delta if kept_delta is not None else delta)
                break
        else:
            merged.append((event, delta))
            whens.append(when)
    for level in levels:  # "the policy rate is now 6.25%" completes a move that gave no level
        for i, (kept, delta) in enumerate(merged):
            if kept.action == "remove":
                continue  # a rate stated after a tariff is lifted is one that stays ("the 5% levy on other goods stays")
            if kept.kind == level.kind and kept.rate_percent is None and kept.start <= level.start \
                    and (level.imposing is None or kept.imposing in (None, level.imposing)):
                filled = replace(kept, rate_percent=level.rate_percent, rate_low=level.rate_low)
                filled.previous_percent = kept.previous_percent or previous_level(filled.rate_percent, None, delta,
                                                                                  kept.action)
                merged[i] = (filled, delta)
                break
    for i, start in absorbed.items():
        # "From May 1, duties on 600 items go down. The average rate on tools falls from 12% to 8%, on shoes
        # from 10% to 7%": the move's date is each level's of the sentence that details it
        dated = merged[i][0]
        if dated.effective is None:
            continue
        for j, (other, delta) in enumerate(merged):
            if other.start == start and other.effective is None and other.announced is None and (
                    other.kind, other.action, other.imposing) == (dated.kind, dated.action, dated.imposing):
                merged[j] = (replace(other, effective=dated.effective, date=dated.effective), delta)
    out = []
    for event, delta in merged:
        if event.previous_percent is None:
            event.previous_percent = previous_level(event.rate_percent, None, delta, event.action)
        out.append(event)
    return out


def _date_siblings(merged: list[tuple[RateEvent, float | None]], i: int, dating: RateEvent) -> None:
    """A later rate-less mention that only gives a date ("The tariffs will take effect on May 2") dates every move
    of the sentence it refers back to ("imposed 30% on cars and 15% on tyres"), not just the first: each move of
    that sentence with the same kind, action and party and no date of its own takes it. One that names goods or
    another target ("the car tariff takes effect …") dates only its move."""
    kept = merged[i][0]
    if dating.start == kept.start or dating.rate_percent is not None or dating.products \
            or dating.target not in (None, kept.target) or not (dating.effective or dating.announced):
        return
    for j, (other, delta) in enumerate(merged):
        if j != i and other.start == kept.start and other.effective is None and other.announced is None and (
                other.kind, other.action, other.imposing) == (kept.kind, kept.action, kept.imposing):
            merged[j] = (replace(other, effective=dating.effective, announced=dating.announced,
                                 date=dating.effective or dating.announced), delta)


def same_party(x: str | None, y: str | None, bank_countries: dict[str, str]) -> bool:
    """The same imposing party, or a central bank and the country it sets rates for ("Bank of England", GBR)."""
    return x == y or bank_countries.get(x) == y or bank_countries.get(y) == x


def compatible(a: RateEvent, b: RateEvent, bank_countries: dict[str, str] | None = None) -> bool:
    """Two mentions may be one move: same kind and action, and no field where both say different things (two
    different dates are two moves)."""
    if a.kind != b.kind or a.action != b.action:
        return False
    if a.imposing is not None and b.imposing is not None and not same_party(a.imposing, b.imposing,
                                                                             bank_countries or {}):
        return False
    # "cosmetics will fall to 2% from 5%, diapers to 2% from 7.5%": two levels before, two moves
    for field in ("target", "rate_percent", "previous_percent", "announced", "effective"):
        x, y = getattr(a, field), getattr(b, field)
        if x is not None and y is not None and x != y:
            return False
    return True


def restated(a: RateEvent, b: RateEvent) -> bool:
    """One sentence telling a move twice, as a new rate and as a change of the old one ("imposed a 50% tariff,
    doubling the 25% rate"): the same kind and level, and one mention an announcement, the other a raise or a cut."""
    if a.start != b.start or a.kind != b.kind or a.rate_percent is None or a.rate_percent != b.rate_percent:
        return False
    if {a.action, b.action} not in ({"announce", "raise"}, {"announce", "cut"}):
        return False
    return all(getattr(a, f) is None or getattr(b, f) is None or getattr(a, f) == getattr(b, f)
               for f in ("imposing", "target", "announced", "effective"))


def _fill(kept: RateEvent, new: RateEvent, bank_countries: dict[str, str] | None = None) -> RateEvent:
    updates = {f: getattr(new, f) for f in ("rate_percent", "rate_low", "previous_percent", "imposing", "target",
                                             "announced", "effective", "date")
               if getattr(kept, f) is None and getattr(new, f) is not None}
    if bank_countries and bank_countries.get(new.imposing) == kept.imposing:
        updates["imposing"] = new.imposing  # the bank that moved, over the country a headline names
    if "announced" in updates or "effective" in updates:
        updates["date"] = updates.get("effective") or kept.effective or updates.get("announced") or kept.announced
    return replace(kept, **updates) if updates else kept


def echo(event: RateEvent, events: list[RateEvent], lex) -> bool:
    """The same move told twice, kept once: a headline (a line with no closing stop, its verb loosely chosen:
    "Beijing slaps 84% tariffs on US goods" over "… would raise its tariffs to 84%") beside a sentence that gives
    the same kind and rate; or a tariff mention with no rate that names goods, nothing or the same target ("Ottawa
    slaps duties on steel", "Trump announced the tariff on Wednesday") beside a move of the same action by the
    same party that gives its rate. (Central
    banks' moves are told apart by when they were made: "a similar cut at the September meeting".)"""
    others = [o for o in events if o is not event and o.kind == event.kind and o.rate_percent is not None]
    if event.rate_percent is not None:
        # a headline rounds ("up to 35%" over the body's 35.3%)
        return _headline(event.text) and any(_rounds_to(o.rate_percent, event.rate_percent) and not _headline(o.text)
                                             and (o.imposing is None or event.imposing is None
                                                  or same_party(o.imposing, event.imposing, lex.bank_countries))
                                             for o in others)
    if event.kind != "tariff" or event.imposing is None:
        return False
    # "Trump announced the tariff in a letter on Wednesday" beside the 50% tariff on Brazil: the same move
    return any(o.action == event.action and o.imposing == event.imposing and (
        event.target is None or event.target in lex.product_names or event.target == o.target) for o in others)


def _rounds_to(exact: float, told: float) -> bool:
    """The same rate, or `told` a whole number the exact one rounds to (35.3 → 35)."""
    return exact == told or (told == int(told) and abs(exact - told) < 0.5)


def _headline(text: str) -> bool:
    """A line of its own with no closing stop: a headline or subhead."""
    return not text.rstrip().endswith((".", "!", "?", '"', "\u201d", "'", "\u2019", ":", ")"))
