"""The type of a claim, from rules on its words: causal, comparison, factual, prediction or numeric.

A claim's type is read the first time it is asked for (``Claim.type``), so the claims a listing leaves out cost
nothing.
"""
from __future__ import annotations

import re

YEAR = re.compile(r"\b(19|20)\d\d\b")
MONEY = re.compile(r"[$\u20ac\u00a3\u00a5]|\b(dollars?|euros?|pounds?|yen|yuan|rupees?)\b")


def claim_type(text: str) -> str:
    """The first rule that fires: a causal connective makes it causal ("fell because", "stocks rose after the
    decision", "raised rates to tame inflation"); a superlative against the past ("the lowest level since
    2021") a comparison; a policy act reported ("imposed a 100% tariff", "cut its key rate by 50 basis points",
    "will buy $200 billion of goods") is factual, numbers and all; a forecast ("inflation is expected to peak
    at 13%") a prediction; a number ("exports fell 12%", "could cost up to $60 billion") numeric; a plain future
    or hedge without one ("will decide soon") a prediction; a comparative a comparison; anything else factual."""
    text = _SET_PHRASES.sub(" ", text)
    if _CAUSAL.search(text):
        return "causal"
    if _SINCE_SUPERLATIVE.search(text):
        return "comparison"
    if any(not _SUBORDINATE.search(text[max(0, m.start() - 40):m.start()]) for m in _POLICY_ACT.finditer(text)):
        return "factual"  # but "lost 40% of our sales since the duties were imposed" is about the sales
    if _FORECAST.search(text):
        return "prediction"
    if re.search(r"\d", _no_quantities(text)) or _AMOUNT.search(text.lower()) \
            or _QUANTITY_WORDS.search(text) or _TOLL.search(text):
        return "numeric"
    if _HEDGED_FUTURE.search(text) or _PREDICTION.search(text):
        return "prediction"
    if COMPARISON.search(text):
        return "comparison"
    return "factual"


# set phrases holding a word of comparison or of cause that means neither: "doubled down on the charge" (insisted),
# "called the record company" (music), "the operating result of the group" (a profit or a loss)
_SET_PHRASES = re.compile(r"\b(doubl(e|ed|es|ing) down|record (company|companies|label|labels|deal|shop|store|player)|"
                          r"(operating|financial|net|annual|quarterly|business) result of)\b", re.I)
# a decision reported, not a statistic: its numbers are the decision's terms
_POLICY_ACT = re.compile(r"\b(impos(ed|es|ing)|announc(ed|es)|decided|decides|voted|threatened|granted|agreed|"
                         r"pledge[sd]?|signed|approved|adopted|introduced|slapped|levied|settled for|hit with|"
                         r"put on hold|paused|suspended|aims to|"
                         r"(will|would) (import|buy|purchase|impose|cut|halve|remove|eliminate|scrap|lift|lower|reduce|"
                         r"raise|apply)|(tariffs?|duties|levies|rates?) (will|would) (fall|drop|rise|take effect|be (cut|"
                         r"removed|lowered|halved|raised|imposed))|"
                         r"(cut|cuts|raised|raises|lowered|lowers|reduced|reduces|hiked|hikes|trimmed|slashed|lifted)"
                         r"\b[^.;]{0,40}\b(rates?|benchmark|tariffs?|duties|duty|levy|levies))\b", re.I)
_SINCE_SUPERLATIVE = re.compile(r"\b(highest|lowest|biggest|largest|smallest|strongest|weakest|fastest|slowest|worst|"
                                r"best|steepest|sharpest)\b[^.;]{0,40}\b(since|ever|on record|in (\w+ ){0,3}(years|"
                                r"decades))\b", re.I)
# a policy act in a clause of time or reason is background to the claim, not its point
_SUBORDINATE = re.compile(r"\b(since|after|before|until)\b(?!.*[,;])[^.;]*$", re.I)
# "projects" forecasts when a figure or what it forecasts follows ("projects growth of 3%", "projects that …");
# otherwise it is the noun ("energy projects", "31 projects worth $4bn")
_PROJECTS_A_FIGURE = (r"(?= (that|a|an|the|its|\d|growth|inflation|prices|output|sales|revenue|deficits?|exports|"
                      r"imports))")
# a forecast is a prediction whatever its numbers; a bare "could" or "may" with a number is a numeric claim
_FORECAST = re.compile(r"\b(expects?|expected to|forecasts?|forecast to|projected|projects" + _PROJECTS_A_FIGURE +
                       r"|predicts?|predicted|likely to|is likely|are likely|outlook|sees? \w+ (rising|falling|at))\b",
                       re.I)


# a name with digits in it is no quantity ("the G7 meeting", "O2", "the F-35", "the FTSE 100 index")
_LABEL = re.compile(r"\b[A-Z]{1,4}-?\d+[A-Za-z]?\b|\bFTSE \d+\b")
# a noun that names something by its number ("Checkpoint 2", "Gate 14B", "Article 50", "Route 9"): a label, no quantity
_NUMBERED_NAME = re.compile(r"\b(Checkpoint|Complex|Pad|Gate|Terminal|Platform|Pier|Runway|Route|Highway|Interstate|"
                            r"Flight|Camp|Building|Room|Block|Section|Article|Chapter|Clause|Title|Amendment|"
                            r"Resolution|Proposition|Paragraph|Annex|Page|Channel|Phase|Stage) \d+[A-Za-z]?\b")
# a number alone in brackets enumerates or refers: "(2) placed a priority on …", "… in the science (8)."
_ENUMERATOR = re.compile(r"[(\[]\d{1,2}[)\]]")
# a time of day is no quantity ("at 6pm", "at 9:30 a.m.")
_TIME_OF_DAY = re.compile(r"\b\d{1,2}([:.]\d\d)? ?([ap]\.m\.|[ap]m\b)", re.I)
# a decade is a date ("in the 1990s", "the '80s", "the early 90s")
_DECADE = re.compile(r"\b(19|20)\d0s\b|[\u2019']\d0s\b|\b[2-9]0s\b")
# a day named by its numbers or an expression of them: "after 9/11", "open 24/7"
_NUMBERED_DAY = re.compile(r"\b(9/11|24/7)\b")
# a person's age is no quantity to check ("the 64-year-old", "Ana Ruiz, 45, who took office in May")
_AGE = re.compile(r"\b\d{1,3}-year-old\b|(?<=[A-Za-z]), \d{1,3}(?=, )")
# an ordinal names an occasion, it counts nothing ("the 40th anniversary", "the 12th summit", "the 20th congress")
_ORDINAL = re.compile(r"\b\d+(st|nd|rd|th)\b(?! (place|position|spot|rank|largest|biggest|highest|lowest))")
# a day of a month is a date, not a quantity ("takes effect on April 17", "from 1 August")
_DAY = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?\b|"
                  r"\b\d{1,2}(st|nd|rd|th)? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b")
# an amount of money, not a currency named ("$5", "five billion yen"; "the dollar rose against the yen" is none)
_AMOUNT = re.compile(r"[$\u20ac\u00a3\u00a5]\s?\d|\b(\d[\d.,]*|hundreds?|thousands?|millions?|billions?|trillions?|"
                     r"one|two|three|four|five|six|seven|eight|nine|ten) (dollars|euros|pounds|yen|yuan|rupees)\b")


def _no_quantities(text: str) -> str:
    """The text without the numbers that count nothing: days, times of day, decades, years, labels, numbered
    names, ages, ordinals and enumerators."""
    for pattern in (_DAY, _NUMBERED_DAY, _TIME_OF_DAY, _DECADE, YEAR, _LABEL, _NUMBERED_NAME, _AGE, _ORDINAL,
                    _ENUMERATOR):
        text = pattern.sub("", text)
    return text


# "due to" before a verb tells a schedule ("due to take effect", "due to meet"), not a cause
_SCHEDULED = (r"(?! (be|take|come|meet|start|begin|expire|end|open|close|vote|decide|announce|publish|release|report|"
              r"hold|visit|arrive|leave|sign|finish|return|resume|rule|speak|testify|travel|launch|reach|make|go|kick|"
              r"enter|deliver|present|give|submit|run|debate|issue|hear|receive|review|set|raise|cut|lift|show|"
              r"introduce|hit|air|appear|fly|land|depart|sail|play|perform|unveil|address|attend|complete|join|host|"
              r"sit|retire|step|become|broadcast|screen|stand|face|tour)\b)")
_CAUSAL = re.compile(r"\b(because|due to" + _SCHEDULED + r"|caused|led to|lead to|as a result|result of|driven by|thanks to|owing to|"
                     r"blam\w+|reflecting|in response to|triggered|trigger|plunge \w+ into)\b|"
                     r"\b(rose|fell|jumped|slid|dropped|climbed|gained|tumbled|surged|rallied|slumped)\b[^.;]{0,60}"
                     r"\bafter\b|\bto (curb|tame|fight|combat|contain|cool|rein in|tackle|counter) (\w+ ){0,2}"
                     r"(inflation|prices)\b", re.I)
# "Will Young" is a name, "going to the summit" a way there; "would have", "would've" tell what did not happen in
# the past ("a licence that would have let him ride", "not what the singer would've wanted"), nothing to come
_PREDICTION = re.compile(r"\b((?i:will)(?<!Will(?= [A-Z]))|(?i:won't|set to|is to|are to)|"
                         r"(?i:would)(?! (?:not |never |also )?have\b)(?![\u2019']ve)|"
                         r"(?i:going to)(?! (the|a|an|his|her|its|their|this|that|[A-Z0-9])))\b")
# case-sensitive: "may" the verb, not "May" the month
# "may have allowed", "could have been" hedge what happened, and foretell nothing
_HEDGED_FUTURE = re.compile(r"\b(([Cc]ould|may|[Mm]ight)(?! (also |well |not |never )?have\b)|expects?|expected to|"
                            r"forecasts?|projected|projects" + _PROJECTS_A_FIGURE + r"|predicts?|likely to|is likely|"
                            r"are likely)\b")
COMPARISON = re.compile(r"\b(than|compared|versus|biggest|largest|highest|lowest|smallest|fastest|slowest|record|"
                         r"twice|doubled?|tripled?|(?<=the )most|(?<=s )most|(?<=the )least|first time)\b|"
                         r"\b\w+est since\b", re.I)
_QUANTITY_WORDS = re.compile(r"\b((two|three|four|five|six|seven|eight|nine|ten) times|"
                             r"((twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-\w+)?|one|two|three|four|five|"
                             r"six|seven|eight|nine|ten|eleven|twelve|\w+teen) (percent|per cent)|"
                             r"half(?![-\w])|(by|of) (a|one|two) (third|quarter|fifth)s?|"
                             r"(a|one|two) (third|quarter|fifth)s? of|"
                             r"twice|double|triple|hundreds?|thousands?|millions?|"
                             r"billions?|trillions?|dozens?)\b", re.I)
# a toll in words: "killed eight", "left six dead", "two fishermen were injured", "eleven died"
_TOLL_NUMBER = r"(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|dozens)"
_TOLL = re.compile(rf"\b(kill(ed|ing|s)|injur(ed|ing|es)|wound(ed|ing|s)|left|leaving)( at least| about| some)? "
                   rf"{_TOLL_NUMBER}\b|\b{_TOLL_NUMBER}( \w+){{0,3}} (died|dead|were (killed|injured|wounded|hurt))\b",
                   re.I)
