"""Harm done to people or places, told as news: deaths, injuries, violence, crashes, storms, floods.

"Two men killed a night guard at the depot", "the second car collided with the first", "the fumes contribute to
hundreds of deaths a year", "he might not even survive", "the crash was caused by a hailstorm": the issue's guideline
labels bad news negative, but the statement holds no word of opinion, and the word features (learnt from officials'
speech, where a killing is seldom told plainly) read a plain report. Not harm that was spared, is to be prevented or
was come through ("no one was hurt", "to reduce deaths on the roads", "weathered the storm"), where the words of harm
are what did not happen. Also what a statement says without the purpose of prevention or the hardship of those helped
that its words of harm belong to, and harm the speaker means to spare ("we do not want to disrupt the season").
"""
from __future__ import annotations

import re

from nlp.sentiment.clauses import clauses_removed
from nlp.sentiment.openings import SAID_AFTER

# the harm, as an event that happened to someone or something ("was killed", "the deaths of", "were injured", "a
# bomb exploded", "homes flooded"); "attack" only as a deed ("attacked the guard", "an attack on", "a bomb attack"),
# since a team's attack is its forwards; "shot" only as a wound ("was shot", "shot dead"), since a shot is also a try
_HARM = (r"kill(?:ed|ing|ings)|murder(?:ed|s)?|stabb(?:ed|ing)|injur(?:ed|ies|y)|wounded|died|deaths?|dead|"
         r"drowned|collided|collision|crash(?:ed)?|explo(?:ded|sions?)|bomb(?:ed|ings?)|flooded|flooding|destroyed|"
         r"(?:hail|snow|thunder|wind)?storms?|hurricanes?|earthquakes?|wildfires?|"
         r"burn(?:ed|t)\s+down|fatal(?:ly)?|casualt(?:y|ies)|gunshot|"
         r"attacked|attacks?\s+(?:on|against)|(?:terror|terrorist|bomb|armed|knife|gun|air|violent)\s+attacks?|"
         r"(?:was|were|been|be|being|got)\s+shot|shot\s+dead|"
         r"(?:not|n't|n’t|never)\s+(?:even\s+)?(?:survive|recover)")
HARM = re.compile(rf"\b(?:{_HARM})\b", re.IGNORECASE)
# harm that did not happen, is to be kept from happening or was come through: a negation, prevention or survival in
# its clause ("no one was hurt", "to avoid injuries", "survived the crash", "weathered the storm"); or that grows
# rarer, a fall after it ("road deaths fell")
SPARED = re.compile(r"\b(?:no|none|nobody|nothing|without|prevent\w*|avoid\w*|reduc\w*|fewer|spared?|safe\w*|"
                    r"protect\w*|risks?|surviv(?:ed|ors?|ing)|weather(?:s|ed|ing)?|rid(?:e|es|ing)\s+out|"
                    r"rode\s+out)\b|(?:\bnot|n't|n’t|\bnever)\b(?!\s+(?:even\s+)?(?:survive|recover)\b)",
                    re.IGNORECASE)
FELL = re.compile(r"\b(?:fell|fall(?:s|en|ing)?|drop(?:s|ped)?|declin\w*|halv\w*|lower\w*)\b", re.IGNORECASE)


def _harm_clause(clause: str) -> bool:
    match = HARM.search(clause)
    return bool(match) and not SPARED.search(clause) and not FELL.search(clause, match.end())


def tells_of_harm(text: str) -> bool:
    """Whether a clause of `text` tells of harm done or threatened to people or places, not spared or prevented."""
    return clauses_removed(text, _harm_clause) is not None


# a purpose of prevention after the point, set off by a comma or "in order": "…, to lower the chance of a second
# stroke", "…, so that a first mistake would not ruin everything", "in order to prevent floods": the harm named is
# what the measure keeps away, but its words read as a warning
PREVENTION = re.compile(
    r"(?:,\s*|\bin\s+order\s+|\bso\s+as\s+)(?:and\s+)?to\s+(?:(?:further|help|also)\s+)?(?:reduce|prevent|avoid|lower|"
    r"minimi[sz]e|limit|curb|combat|counter|ease|stop|protect\s+against)\b[^;.!?]*"
    r"|,\s*so\s+that\b[^;.!?]*?\b(?:not|n't|n’t|never|no)\b[^;.!?]*", re.IGNORECASE)


def prevention_removed(text: str) -> str | None:
    """`text` without its purposes of prevention ("…, to reduce the risk of floods"), or None when it has none."""
    rest = PREVENTION.sub("", text)
    return rest if rest != text else None


# hardship that describes who is helped: "support for families who had lost their homes", "meals for those in need",
# "the food bank helps families who struggle to pay the rent"; the help is the news, but the words of hardship read
# as bad news: a statement is read without them (group 1 is what it keeps)
_HELP = (r"help(?:s|ed|ing)?|fe(?:ed|eds|d|eding)|shelter(?:s|ed|ing)?|support(?:s|ed|ing)?|solidarity\s+with|"
         r"aid(?:s|ed|ing)?|car(?:e|es|ed|ing)\s+for|assist(?:s|ed|ing)?|treat(?:s|ed|ing)?|meals?|food|relief|"
         r"donat(?:e|es|ed|ing|ions?)")
_HELPED = (r"people|those|families|children|refugees|migrants|residents|patients|pensioners|pupils|workers|victims|"
           r"animals|others")
HARDSHIP_OF_HELPED = re.compile(
    rf"(\b(?:{_HELP})\b(?:\s+[\w\-’']+){{0,6}}?\s+(?:{_HELPED}))(?:\s+(?:who|that)\b[^,;.!?]*|\s+in\s+need\b)",
    re.IGNORECASE)


# harm the subject means to spare ("he does not want to disrupt the team", "the marchers try to avoid damaging
# shops", "we took care not to upset the neighbours"): a reassurance, whose words of harm read as a warning; not
# with a contrast after it ("we don't want to escalate, but we will respond"), where the point follows
_HARMING = (r"(?:disrupt|harm|hurt|damag|destroy|upset|offend|burden|endanger|jeopardi[sz]|undermin|provok|"
            r"escalat|disturb|hinder|weaken|punish|penali[sz]|alienat|inflam|interfer)\w*")
HARM_SPARED = re.compile(
    r"^\W*(?:(?!but\b)[\w'’\-]+\s+){0,4}?"
    r"(?:(?:do|does|did)\s*(?:not|n't|n’t)\s+(?:want|wish|intend|mean|plan|aim)\s+to|"
    r"(?:try|tries|tried|trying|seek|seeks|sought|want|wants|wanted|aim|aims|aimed|hope|hopes|will|would)\s+to\s+avoid|"
    rf"(?:careful|take\s+care|takes\s+care|took\s+care|taking\s+care)\s+not\s+to)\s+{_HARMING}\b", re.IGNORECASE)


def spares_harm(text: str) -> bool:
    """Whether a statement's `text` opens with harm its subject means to spare, and says nothing outright after
    it."""
    match = HARM_SPARED.match(text)
    return bool(match) and not SAID_AFTER.search(text, match.end())
