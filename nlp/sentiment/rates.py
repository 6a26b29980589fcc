"""A central bank's move of its policy rate, and what a statement says besides it.

"The bank may not lower its rates again this spring", "the economy needs lower interest rates", "slower inflation
leaves room for more cuts in the policy rate", "the board settled on a modest cut": a rate move is the bank's own
measure, which the issue's guideline labels neutral (or good news, when it eases); but the word features read "cut"
and "lower" as the bad news of a cut in jobs or profits, so a governor's outlook read as a warning. When what a
statement says besides its rate moves holds no negative reading, the move was all its bad news.
"""
from __future__ import annotations

import re

from nlp.sentiment.clauses import matches_removed

# a policy rate: "rates", "the policy rate", "its key interest rate", "the benchmark rate"; not the jobless, inflation,
# tax or exchange rate, whose rise or fall is news of its own
_POLICY = r"(?:interest|policy|benchmark|key|base|lending|deposit|refinancing|overnight|funds|repo|reference|bank)"
_RATE = rf"(?:(?:{_POLICY}\s+){{1,3}}rates?|rates)"
_MOVES = (r"(?:cut|cuts|cutting|lower|lowers|lowered|lowering|reduce|reduces|reduced|reducing|trim|trims|trimmed|"
          r"raise|raises|raised|raising|hike|hikes|hiked|hiking|increase|increases|increased|increasing)")
_MOVE_NOUNS = r"(?:cuts?|hikes?|reductions?|increases?|rises?|moves?)"
RATE_MOVE = re.compile(
    # "cut rates", "lowered its key interest rate", "raising the policy rate"
    rf"\b{_MOVES}\s+(?:(?:its|the|their|our|his|her)\s+)?(?:\w+\s+)?{_RATE}\b"
    # "rate cuts", "interest rate hikes", "policy-rate reductions"
    rf"|\b(?:{_POLICY}[\s\-])?rate[\s\-]{_MOVE_NOUNS}\b"
    # "more cuts in the key lending rate", "a cut of 25 basis points in the policy rate"
    rf"|\b{_MOVE_NOUNS}\s+(?:of\s+[^,;.]{{1,30}}?\s+)?(?:in|to)\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+)?{_RATE}\b"
    # "lower rate levels", "lower interest rates" wanted or expected
    r"|\b(?:lower|higher)\s+(?:interest\s+|policy\s+)?rates?(?:\s+levels?)?\b",
    re.IGNORECASE)
# a move named with no rate, in a statement that names a central bank or its policy: "the board settled on a modest
# cut", "the Riksbank left the door open to a further hike"
CENTRAL_BANK = re.compile(r"\b(?:Fed|Federal\s+Reserve|central\s+bank|ECB|Banxico|Bank\s+of\s+[A-Z]\w+|"
                          r"monetary\s+policy|rate-setters|policymakers|policy\s+makers)\b")
BARE_MOVE = re.compile(r"\b(?:a|an|another|further|one\s+more|two\s+more|the\s+first|the\s+next|its|their)\s+"
                       r"(?:(?:small|smaller|big|bigger|large|larger|modest|quarter-point|half-point|further|sharp|"
                       r"deep|surprise|new|fresh|first|next)\s+)?(?:cut|hike|reduction)s?\b", re.IGNORECASE)


def rate_moves_removed(text: str) -> str | None:
    """`text` without its moves of a policy rate, or None when it names none."""
    rest = RATE_MOVE.sub(" ", text)
    if CENTRAL_BANK.search(text):
        rest = BARE_MOVE.sub(" ", rest)
    if rest == text:
        return None
    return re.sub(r"\s+", " ", rest).strip()


# inflation held in check: "low inflation", "inflationary pressures are expected to remain subdued", "keeping inflation
# under control"; in a central bank's statement good news or its aim, but the word lists count "low", "subdued",
# "contained" and "moderate" as bad news. Not inflation too low ("stubbornly low inflation", "inflation is too low")
_INFLATION = (r"(?:(?:core|headline|consumer|underlying|domestic|demand-side|imported)\s+)?"
              r"(?:inflation(?:ary)?(?:\s+(?:rate|pressures?|expectations))?|price\s+(?:pressures?|growth))")
_IN_CHECK = r"(?:low|subdued|contained|moderate|muted|benign|under\s+control|in\s+check|(?:well\s+)?anchored)"
_LINKS = (r"(?:to|will|would|is|are|was|were|has|have|had|been|be|remain|remains|remained|stay|stays|stayed|"
          r"likely|expected|still|broadly|relatively|fairly|well)")
INFLATION_IN_CHECK = re.compile(
    rf"(?<!too\s)(?<!stubbornly\s)(?<!persistently\s)(?<!very\s)\b(?:low|lower|subdued|moderate|muted|benign|soft|"
    rf"softer)\s+{_INFLATION}\b"
    rf"|\b{_INFLATION}\s+(?:{_LINKS}\s+){{1,4}}{_IN_CHECK}\b"
    rf"|\b(?:keep|keeps|keeping|kept)\s+(?:the\s+)?{_INFLATION}\s+{_IN_CHECK}\b",
    re.IGNORECASE)


def inflation_in_check_removed(text: str) -> str | None:
    """`text` without its inflation held in check ("inflation stayed low"), or None when it tells of none."""
    return matches_removed(INFLATION_IN_CHECK, text)


# a duty on imports raised, imposed or kept: "plans to increase import duties on 50 items", "will extend the
# anti-dumping duty", "higher customs duties": a government's own measure (neutral by the issue's guideline), but
# the word features read "increase", "higher" and "dumping" as bad news. Duties only: "tariffs" is also the word of
# trade wars, where a rise is a threat
_DUTY = (r"(?:(?:import|customs|anti-?dumping|safeguard|countervailing|export|basic)\s+){0,2}"
         r"dut(?:y|ies)(?!-)(?:\s+rates?)?")
_DUTY_MOVES = (r"(?:increase|increases|increased|increasing|raise|raises|raised|raising|hike|hikes|hiked|hiking|"
               r"impose|imposes|imposed|imposing|levy|levies|levied|levying|extend|extends|extended|extending|"
               r"continue|continues|continued|continuing|reimpose|reimposed)")
DUTY_MOVE = re.compile(
    # "increase import duties", "extended the anti-dumping duty", "impose a safeguard duty of 15 percent"
    rf"\b{_DUTY_MOVES}\s+(?:(?:the|its|their|an?)\s+)?(?:\w+\s+)?{_DUTY}\b"
    # "higher customs duties", "an increase in import duty", "continuation of anti-dumping duty"
    rf"|\b(?:higher|new|additional|extra)\s+{_DUTY}\b"
    rf"|\b(?:increases?|hikes?|rises?|continuation|extension|imposition)\s+(?:of|in)\s+(?:the\s+)?{_DUTY}\b",
    re.IGNORECASE)


def duty_moves_removed(text: str) -> str | None:
    """`text` without its duties raised, imposed or kept ("will increase import duties"), or None when it names
    none."""
    return matches_removed(DUTY_MOVE, text)
