"""A measure being prepared: "the union is drafting its own proposal on working hours", "a list of exempt sectors will
be drawn up", "we will now put together a package for the mills".

Preparing a plan, a bill or a list is procedure, and the issue's guideline labels announcing one's own measure
neutral; but the words of what the measure is about ("cuts", "crisis", a "negative list") read as bad news, so a
union's or a ministry's work on a proposal read as criticism. Not a measure prepared against someone: a list of
goods "to target", countermeasures, sanctions and tariffs are threats of a dispute.
"""
from __future__ import annotations

import re

_MEASURE = (r"(?:proposals?|plans?|packages?|model|list|bills?|laws?|legislation|budget|strategy|programmes?|programs?|"
            r"rules|regulations|guidelines|measures|reforms?|scheme|policy|roadmap|timetable)")
_PREPARING = (r"(?:prepar(?:e|es|ed|ing)|draft(?:s|ed|ing)?|draw(?:s|ing)?\s+up|drew\s+up|"
              r"work(?:s|ed|ing)?\s+(?:on|out)|put(?:s|ting)?\s+together|com(?:e|es|ing)\s+up\s+with|came\s+up\s+with)")
# "is preparing its own proposal", "drew up a detailed plan"; "the new rules are being drafted", "a list of exempt
# sectors, agreed with the regions, will be drawn up"
PREPARED = re.compile(
    rf"\b{_PREPARING}\s+(?:[\w\-’']+\s+){{0,4}}?{_MEASURE}\b"
    rf"|\b{_MEASURE}\b[^;.!?]{{0,100}}?\b(?:is|are|was|were|will|would|has|have|had)\s+(?:be\s+|been\s+)?(?:being\s+)?"
    r"(?:prepared|drafted|drawn\s+up|worked\s+out|put\s+together)\b", re.IGNORECASE)
AGAINST_SOMEONE = re.compile(r"\b(?:target\w*|retaliat\w*|counter-?measures?|sanction\w*|tariffs?|duties|levies|"
                             r"reprisals?|punitive|punish\w*|attacks?|war)\b", re.IGNORECASE)


def is_measure_prepared(text: str) -> bool:
    """Whether `text` tells of a plan, a bill, a list or a package being prepared, not against someone."""
    return bool(PREPARED.search(text)) and not AGAINST_SOMEONE.search(text)
