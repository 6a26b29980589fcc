"""The dates of a rate move: a short date phrase ("Tuesday", "May 3", "next month") resolved against the
article date, and the one a move's sentence gives."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Span, Token

from nlp.rates.words import REPORTING_LEMMAS, SCHEDULED_WORDS

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_MONTH_DAY = re.compile(r"^" + _MONTH + r" (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MONTH + r"(?:,? (\d{4}))?$")


# words before a date that make it the day a rate starts to apply ("effective April 9", "from August 1")
EFFECTIVE_WORDS = {"effective", "from", "starting", "beginning", "commencing", "as of", "as from", "in force from"}
# "paused until March 1", "since May": the end of a reprieve or a stretch of history, neither date of the move
NOT_EVENT_DATE_WORDS = {"until", "till", "through", "to", "since", "by", "before", "after", "ahead of"}
EFFECT_VERBS = {"take", "come", "go", "kick", "apply", "enter", "start", "begin"}
FUTURE_AUX = {"will", "'ll", "shall", "would"}
# verbs a date after is the day of the telling ("said on Tuesday", "decided on Monday")
REPORTING_VERBS = REPORTING_LEMMAS | {"decide", "agree", "vote", "unveil"}


# "is due to cut on Thursday", "plans to raise it on Monday": a day named under these is one to come
SCHEDULE_WORDS = SCHEDULED_WORDS | {"plan", "intend", "prepare", "go"}
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
ANY_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")  # in a date entity, older years too ("since 1930")
# a decade ("in the 1980s") ends nine years after the year it names: "the 2020s" still include this year
DECADE = re.compile(r"\b(1[89]\d0|20\d0)s\b")
# a span of years that runs to today: "2014-present", "2019 to the present", "since 2020 to now"
TO_THE_PRESENT = re.compile(r"(?:^|\s)(?:[-\u2013]|to (?:the )?)\s*(?:present|now|today)\b")
# "already in place", "existing": a rate that stands, not one that moves now
STANDING_WORDS = {"already", "existing", "current", "currently", "standing"}


def years_named(text: str, pattern: re.Pattern = YEAR) -> list[int]:
    """The years a date phrase names, a decade by its last year ("in the 1970s" -> 1979)."""
    return [int(y) for y in pattern.findall(text)] + [int(d) + 9 for d in DECADE.findall(text)]


def era_year(dates: list[Span], published: dt.date | None) -> int | None:
    """The year an article reports from: its date's, else the latest year it gives for something done (a date
    on a verb in the past: "raised rates in March 2022"; a forecast "for 2024" or a plan "by 2030" is not)."""
    if published is not None:
        return published.year
    years = []
    for ent in dates:
        verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.tag_ not in ("VBD", "VBN") or _future(ent):
            continue
        years += [int(y) for y in YEAR.findall(ent.text)]
    return max(years) if years else None


def is_background(noun: Token, main: Token | None, dates: list[Span], era: int | None, action: str,
                  dated: bool) -> bool:
    """A move told as history: its verb dated "last year" or "years ago", or (when the article's own date is
    known, `dated`) to an earlier year ("imposed in 2018"); or, for a rate only said to exist, the rate itself
    dated so ("a 2018 tariff", "tariffs imposed in 2019"). Removing or cutting "the 2018 tariffs" is a move
    of today. Without the article's date its year is a guess, too weak to drop a move dated by its verb."""
    own = {t.i for t in noun.subtree}
    if era is not None and main is not None and _when_earlier(main, dates, era):
        return True
    # "passed the act in 1922, raising duties on 4,000 goods": a participle clause is dated by the verb it hangs on
    verb = main.head if main is not None and main.dep_ == "advcl" and main.tag_ == "VBG" else main
    for ent in dates:
        on_verb = main is not None and ent.root.i not in own and any(a.i in (main.i, verb.i) for a in ent.root.ancestors)
        on_noun = ent.root.i in own and action == "announce"
        if not (on_verb or on_noun):
            continue
        text = ent.text.lower()
        if re.search(r"\blast year\b|\byears? ago\b", text) and not _future(ent):
            return True
        if _to_the_present(ent):
            continue  # "Debt crisis (2014-present): the bank cuts …": a span running to today dates nothing past
        years = years_named(text, ANY_YEAR)  # a date entity's year, however old ("in 1930")
        before = ent.doc[max(0, ent.start - 1):ent.start].text.lower()
        # "its biggest increase since 1995" measures the move against the past: a year after "since" dates no move
        if era is not None and years and max(years) < era and before not in ("by", "until", "through", "to", "since") \
                and (on_noun or dated):
            return True
    return action == "announce" and era is not None and any(
        c.dep_ in ("nummod", "compound", "amod", "npadvmod") and YEAR.fullmatch(c.text) and int(c.text) < era
        for c in noun.children)  # "a 2018 tariff", "the 2019 duties"


def _to_the_present(ent: Span) -> bool:
    """A date that opens a span running to today ("2014-present", "from 2019 to the present")."""
    after = ent.doc[ent.end:min(len(ent.doc), ent.end + 3)]
    return bool(TO_THE_PRESENT.search(ent.text.lower()) or TO_THE_PRESENT.match(" " + after.text.lower()))


def _when_earlier(main: Token, dates: list[Span], era: int) -> bool:
    """The move is told in a "when" (or "as", "while") clause of an earlier year ("the highest since 2008, when the
    Fed cut rates to zero", "The dispute began in 2019, when Washington imposed …", "banks failed in the 1980s as
    the Fed raised rates"): the year's history, whatever "since" says."""
    while main.dep_ == "xcomp" and main.head.i != main.i:
        main = main.head  # "when the bank first started raising rates": the clause is the verb above
    when = next((c for c in main.children if c.dep_ == "advmod" and c.lower_ == "when"
                 or c.dep_ == "mark" and c.lower_ in ("as", "while")), None)
    if main.dep_ not in ("relcl", "advcl") or when is None:
        return False
    anchor = main.head
    stop = when.i - 1 if when.i > 0 and when.nbor(-1).text == "," else when.i
    for ent in dates:
        if ent.end == stop and any(y < era for y in years_named(ent.text, ANY_YEAR)):
            return True  # "the same as in March 2022 when the bank raised rates": the date right before "when"
        if not (ent.start <= anchor.i < ent.end or ent.root.head.i == anchor.i
                or ent.root.head.dep_ == "prep" and ent.root.head.head.i == anchor.i):
            continue
        years = years_named(ent.text, ANY_YEAR)
        if years and max(years) < era:
            return True
    return False


MONTH_NAMES = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|"
                         r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def when_named(dates: list[Span], noun: Token, main: Token | None) -> str | None:
    """The day or month the text puts a move at, on its verb or in its own phrase ("cut rates on Wednesday",
    "a similar cut at the September meeting"), as a key to tell moves apart; None when it names none."""
    own = {t.i for t in noun.subtree}
    heads = {noun.i} | ({main.i} if main is not None else set())
    # the move's own phrase first ("a cut at the September meeting"), then its verb's
    for ent in sorted(dates, key=lambda e: e.root.i not in own):
        if ent.root.i in heads or any(a.i in heads for a in ent.root.ancestors):
            before = [t.lower_ for t in ent.doc[max(0, ent.start - 3):ent.start]]
            if before and (before[-1] in NOT_EVENT_DATE_WORDS or _starts_then(ent, before)):
                continue  # when a rate applies or a reprieve ends is no time of the move itself
            found = MONTH_NAMES.findall(ent.text.lower())
            if found:
                return " ".join(found)
    return None


def standing(noun: Token, main: Token | None) -> bool:
    """A rate said to be in force already ("the 12% levy already in place", "existing duties", "currently
    imposes"): no move unless the sentence moves it."""
    near = [noun, *noun.children] + ([main, *main.children] if main is not None else [])
    return any(t.lower_ in STANDING_WORDS for h in near for t in [h, *h.children] if t.i != noun.i)


def _future(ent: Span) -> bool:
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


class EventDates(NamedTuple):
    announced: dt.date | None
    effective: dt.date | None
    starts: bool  # the sentence names when the rate applies, resolved or not ("from Saturday" with no article date)


def event_dates(dates: list[Span], sent: Span, main: Token | None, published: dt.date | None) -> EventDates:
    """(announced, effective, starts) for a move: "announced on April 2" or "cut rates on Wednesday" give the
    day it was decided; "effective April 9", "from August 1", "will take effect on Monday" the day it applies.
    A date after "until" or "since" is neither."""
    candidates = [e for e in dates if sent.start <= e.start < sent.end]
    if main is not None:
        # the date the move's own verb governs before any other in the sentence
        candidates.sort(key=lambda e: (not any(a.i == main.i for a in e.root.ancestors), abs(e.start - main.i)))
    announced = effective = None
    starts = False
    for ent in candidates:
        text = ent.text.strip()
        # "from Dec. 1 this year": the day of the article's year, not a span of years
        lower = re.sub(r"^(" + _MONTH + r" \d{1,2}),? this year$", r"\1", text.lower())
        # "from Aug. 1 to March 31", "June 1, 2019 to May 31, 2020": a measure's period starts on its first day
        lower = re.sub(r"^(" + _MONTH + r" \d{1,2}(?:,? \d{4})?)\s*(?:-|\u2013|to|through|until|till)\s*"
                       + _MONTH + r" \d{1,2}\b.*$", r"\1", lower)
        if re.search(r"\b(since|days?|weeks|months|years?|decade|ago|later|earlier|\d{4}s)\b", lower) \
                and not re.search(r"\b(next|last) (week|month)\b", lower):
            continue
        if re.fullmatch(r"\d{4}", text):
            continue
        before = _words_before(ent, sent)
        if before[-1:] and before[-1] in NOT_EVENT_DATE_WORDS and " ".join(before[-2:]) not in EFFECTIVE_WORDS:
            continue
        # "said on Friday it would …": the date right after a reporting verb is when it was said
        reported = any(t.lemma_.lower() in REPORTING_VERBS for t in ent.doc[max(sent.start, ent.start - 2):ent.start])
        applies = not reported and _starts_then(ent, before)
        starts = starts or applies
        resolved = resolve_date(lower, published, forward=(applies or not reported and _ahead(ent)) and not _past(ent))
        if resolved is None:
            continue
        if applies or (published is not None and resolved > published):
            effective = effective or resolved
        else:
            announced = announced or resolved
    return EventDates(announced, effective, starts or effective is not None)


def _words_before(ent: Span, sent: Span) -> list[str]:
    """Up to three lower-cased words before a date, inside its sentence."""
    return [t.lower_ for t in ent.doc[max(sent.start, ent.start - 3):ent.start]]


def _starts_then(ent: Span, before: list[str]) -> bool:
    """A date that says when a rate applies: after "effective", "from", "starting", "as of", or on a verb of
    taking effect, or on a verb in the future ("will rise to 25% on June 1")."""
    if before and (before[-1] in EFFECTIVE_WORDS or " ".join(before[-2:]) in EFFECTIVE_WORDS):
        return True
    for anc in list(ent.root.ancestors)[:3]:
        lemma = anc.lemma_.lower()
        if lemma in ("effective", "start", "begin") and anc.i < ent.start:
            return True
        if anc.pos_ in ("VERB", "AUX"):
            if lemma in EFFECT_VERBS and any(c.lower_ in ("effect", "force") for c in anc.subtree) or lemma == "apply":
                return True
            return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in anc.children)
    return False


def _ahead(ent: Span) -> bool:
    """The verb over the date is one to come: under "will", or an infinitive under a word of schedule ("is due to
    cut its rate on Thursday", "plans to raise the levy on Monday")."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        verb.head.lemma_.lower() in SCHEDULE_WORDS


def _past(ent: Span) -> bool:
    """The verb over the date is in the past tense ("took effect on Monday")."""
    # a participle that describes goods ("cars made in China from Friday") is no tense: the clause's verb is
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ != "acl"), None)
    return verb is not None and verb.tag_ in ("VBD", "VBN") and not any(
        c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children)


def resolve_date(phrase: str, published: dt.date | None, forward: bool = False) -> dt.date | None:
    """A short date phrase ("Tuesday", "May 3", "next month") as a date, relative to the article's date. A weekday
    is the latest such day on or before the article's (news reports what happened), or with `forward` the next
    one on or after it ("takes effect on Monday")."""
    phrase = re.sub(r"^(on|this|early|late|mid|the)\s+", "", phrase.strip().lower().split("\n")[0].strip())
    # "June 8-10", "May 3 to 4, 2025": a span of days starts on its first ("8-10" is no year)
    phrase = re.sub(r"^(" + _MONTH + r" \d{1,2})\s*(?:-|\u2013|to)\s*\d{1,2}\b", r"\1", phrase)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", phrase):
        try:
            return dt.date.fromisoformat(phrase)
        except ValueError:
            return None
    if not re.search(r"\d|\b(next|last|coming|past) (week|month|" + "|".join(WEEKDAYS) + r")\b", phrase) \
            and phrase not in WEEKDAYS \
            and phrase not in ("today", "tonight", "yesterday", "tomorrow"):
        return None  # "annually", "April", "this year": no day to give
    if published is None:  # only a date that carries its year can be read
        return _month_day(phrase, None) or (_parse_date(phrase, None) if re.search(r"\d{4}", phrase) else None)
    named = re.fullmatch(r"(next|coming|last|past) (\w+)", phrase)
    if named and named.group(2) in WEEKDAYS:  # "next Tuesday" is the coming one after today, "last Friday" before
        day = WEEKDAYS.index(named.group(2))
        if named.group(1) in ("next", "coming"):
            return published + dt.timedelta(days=(day - published.weekday() - 1) % 7 + 1)
        return published - dt.timedelta(days=(published.weekday() - day - 1) % 7 + 1)
    if phrase in WEEKDAYS:  # the most recent such day (or the next), the article's own day included
        if forward:
            return published + dt.timedelta(days=(WEEKDAYS.index(phrase) - published.weekday()) % 7)
        return published - dt.timedelta(days=(published.weekday() - WEEKDAYS.index(phrase)) % 7)
    if phrase in ("today", "tonight"):
        return published
    if phrase in ("yesterday", "tomorrow"):
        return published + dt.timedelta(days=-1 if phrase == "yesterday" else 1)
    day = _month_day(phrase, published.year)
    if day is not None and forward and day < published and not re.search(r"\d{4}", phrase):
        # "will cut tariffs from Jan. 1" in a December story: the coming New Year, not the one gone by (a day
        # months back stays: "said it would impose them from April 10" in September)
        ahead = _month_day(phrase, published.year + 1)
        if ahead is not None and (ahead - published).days <= 92:
            return ahead
    return day or _parse_date(phrase, published)


def _month_day(phrase: str, default_year: int | None) -> dt.date | None:
    """"May 3", "Aug. 1, 2025", "3 May": the common cases, read without loading dateparser."""
    m = _MONTH_DAY.match(phrase)
    if m:
        month, day, year = m.group(1), m.group(2), m.group(3)
    else:
        m = _DAY_MONTH.match(phrase)
        if not m:
            return None
        day, month, year = m.group(1), m.group(2), m.group(3)
    if not year and default_year is None:
        return None
    try:
        return dt.date(int(year) if year else default_year, MONTHS.index(month[:3]) + 1, int(day))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_date(phrase: str, published: dt.date | None) -> dt.date | None:
    import dateparser  # imported on first use: it is slow to import and most sentences never need it

    settings = {"REQUIRE_PARTS": ["day"], "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    if re.search(r"\b(next|last) (week|month)\b|\b(yesterday|tomorrow)\b", phrase):
        settings.pop("REQUIRE_PARTS")
    try:
        value = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; a date we cannot read is no date
        return None
    return value.date() if value else None


def months_before(dates: list[Span], main: Token | None, published: dt.date | None) -> int | None:
    """How many months before the article a move in the past was made, by a month its verb names ("were raised
    in March 2023", "cut its rate in February"); None when the verb names no month or is not in the past."""
    if main is None or published is None or main.tag_ not in ("VBD", "VBN") or any(
            c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in main.children):
        return None
    for ent in dates:
        verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.i != main.i or ent.doc[max(0, ent.start - 1)].lower_ in (
                "until", "through", "by", "since", "from"):
            continue
        found = re.search(r"\b(" + "|".join(MONTHS) + r")[a-z]*\.?\b(?:\s+\d{1,2},?)?(?:\s+(\d{4}))?", ent.text.lower())
        if found is None:
            continue
        month = MONTHS.index(found.group(1)) + 1
        year = int(found.group(2)) if found.group(2) else (
            published.year if month <= published.month else published.year - 1)
        return (published.year - year) * 12 + published.month - month
    return None
