"""A time named by a bad event: "since the war", "during the dock strike", "the largest rise since the financial
crisis". The event dates what is said (or is the yardstick of a record); it is not the news. But the word features
read "war", "strike" and "crisis" as bad news, so "the greatest investment in jobs since the war" and "during the
strike, the ferries kept to their timetable" read as negative. The statement is read without that time. And the
circumstances a decision is taken in ("amid growing uncertainty"), read without when nothing else is bad news.
"""
from __future__ import annotations

import re

from nlp.sentiment.clauses import matches_removed

_EVENT = (r"(?:wars?|strikes?|crisis|recession|pandemic|depression|conflict|attacks?|bombings?|floods?|storms?|"
          r"disaster|collapse|crash|shutdown|lockdown|downturn|slump|invasion|outbreak|epidemic|riots?|unrest|coup)")
# "since/during/throughout the (postal) strike (in November) (began)", the event within four words of the preposition
_TIME = (rf"\b(?:since|during|throughout)\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-’']+\s+){{0,3}}?{_EVENT}\b"
         r"(?:\s+(?:of|in)\s+(?:\d{4}|\w+(?:\s+last\s+year)?))?(?:\s+(?:began|started|ended|broke\s+out|hit))?")
# at the opening, set off by a comma ("During the strike in May, …"), or closing a clause ("… since the war.")
EVENT_TIME = re.compile(rf"^\W*{_TIME}\s*,\s*|\s+{_TIME}(?=\s*(?:[,;.!?\"”’]|$))", re.IGNORECASE)


def event_times_removed(text: str) -> str:
    """`text` without the times it names by a bad event at its opening or closing a clause; `text` itself when
    little else is left."""
    rest = EVENT_TIME.sub("", text)
    return rest if len(rest.split()) >= 3 else text


# the circumstances a measure or a decision is taken in: "the bank held its rate amid growing uncertainty", "we
# keep our focus on the krona against the backdrop of rising tensions". They explain the decision, not judge it,
# but their words of trouble read as the statement's bad news; a statement whose rest holds no negative reading is
# no bad news ("exports fell amid weak demand" keeps its fall)
BACKDROP = re.compile(r"[,\s]*\b(?:amid(?:st)?|against\s+(?:the|a)\s+backdrop\s+of)\s+"
                      r"(?:[^,;.!?]|\.(?=\S|\s+(?-i:[a-z])))+", re.IGNORECASE)


def backdrops_removed(text: str) -> str | None:
    """`text` without the circumstances it names with "amid" or "against the backdrop of", or None when it names
    none."""
    return matches_removed(BACKDROP, text)
