"""Clauses whose words mislead the tone of a statement, and what a statement says without them.

Procedure of police, courts and inquiries: "two men were arrested", "the police are investigating the attack", "he
was charged with fraud", "an inquiry into the crash has been opened", "the judge sentenced him to six years". The
acts are the law's routine, and the issue's guideline labels procedure neutral; but the word features read the crime
they name ("attack", "fraud", "crash") and the acts themselves ("arrested", "charged") as bad news, so a police
update read as criticism. When what a statement says besides its procedure holds no negative reading, the procedure
was all its bad news.

Mourning in a tribute: "Our colleague has passed away and we are deeply saddened. She was a brilliant judge and a
generous friend." The words of death and grief outweighed the praise, so a tribute read as bad news; its tone is the
praise, as the guideline's praise is positive."""
from __future__ import annotations

import re
from typing import Callable

# the acts, as verbs: done by an authority ("police arrested", "prosecutors will charge") or to someone ("was
# detained", "have been charged", "will be sentenced"); "made an arrest", "opened an inquiry"; questioning only
# done to someone ("was questioned", "held for questioning"): a reporter "questioned whether" doubts
_ACTS = (r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|charg(?:e|es|ed|ing)|"
         r"(?:was|were|be|been|being)\s+(?:questioned|interviewed)|for\s+questioning|"
         r"investigat(?:e|es|ed|ing)|prosecut(?:e|es|ed|ing)|indict(?:s|ed|ing)?|sentenc(?:e|es|ed|ing)|"
         r"remand(?:s|ed|ing)?|extradit(?:e|es|ed|ing)|jail(?:s|ed)?|fin(?:e|es|ed)|summon(?:s|ed)?|"
         r"tak(?:e|es|en|ing)\s+into\s+custody|releas(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}?on\s+bail|"
         r"(?:made|make|makes|making)\s+(?:an?|\w+)\s+(?:\w+\s+)?arrests?|"
         r"(?:open|opens|opened|opening|launch|launches|launched|launching|start|started|begin|began|begun|"
         r"order|ordered)\s+(?:an?|the|its|their)\s+(?:\w+\s+)?(?:investigation|inquiry|enquiry|inquest|probe|"
         r"post-mortem|autopsy|trial|hearing|review)")
# the acts, as nouns, with a predicate of procedure: "an investigation into the blast has been opened", "the trial
# will begin in May", "an inquest was adjourned"
_NOUN_ACTS = (r"(?:investigation|inquiry|enquiry|inquest|probe|post-mortem|autopsy|trial|hearing)s?\b[^,;.]{0,60}?\b"
              r"(?:is|are|was|were|has\s+been|have\s+been|had\s+been|will\s+be|would\s+be)\s+(?:now\s+)?"
              r"(?:opened|launched|under\s?way|held|carried\s+out|adjourned|scheduled|ordered|set|continuing|ongoing)|"
              r"(?:investigation|inquiry|enquiry|inquest|probe|trial|hearing)s?\b[^,;.]{0,60}?\b"
              r"(?:will|would)\s+(?:begin|start|open|resume|continue|take\s+place)")
# "would hear the case", "will rule on the appeal": a court's next step
_COURT_STEPS = r"(?:will|would|is\s+to|are\s+to)\s+(?:hear|rule\s+on|decide\s+on|consider)\b"
PROCEDURE = re.compile(rf"\b(?:{_ACTS})\b|\b(?:{_NOUN_ACTS})\b|{_COURT_STEPS}", re.IGNORECASE)

# the same acts used against opponents, or judged, are conflict and criticism, not routine: "detained two
# journalists", "arrested hundreds of protesters", "jailed in retaliation", "held without charge", "wrongly convicted"
JUDGED = re.compile(r"\b(?:unlawful\w*|illegal\w*|arbitrar\w*|wrongful\w*|wrongly|innocent|unjust\w*|unfair\w*|"
                    r"politic\w*|retaliat\w*|reprisal|brutal\w*|violent\w*|protesters?|demonstrators?|activists?|"
                    r"journalists?|reporters?|dissidents?|critics?|opposition|without\s+(?:charge|trial)|hostages?)\b",
                    re.IGNORECASE)


def is_procedure(clause: str) -> bool:
    """Whether `clause` tells of police, court or inquiry procedure and does not judge it."""
    return bool(PROCEDURE.search(clause)) and not JUDGED.search(clause)


# where a clause ends: punctuation, "and", "but", or a clause of its own ("after", "because", "who", "which", "while")
CLAUSE_BREAK = re.compile(r"[,;:.!?\"“”]+\s*|\s+(?:and|but|after|because|who|which|while|when|as)\s+",
                          re.IGNORECASE)


# a person's death named ("died", "has passed away", "the passing of", "rest in peace", "RIP"), and the words of
# mourning a tribute's clauses of grief hold besides ("sad", "condolences", "a great loss", "will be missed")
DEATH = re.compile(r"\b(?:died|dies|death|passed\s+away|passing|rest\s+in\s+peace|RIP|funeral|mourn\w*)\b",
                   re.IGNORECASE)
MOURNING = re.compile(r"\b(?:died|dies|death|passed\s+away|passing|rest\s+in\s+peace|RIP|funeral|mourn\w*|"
                      r"griev\w*|grief|sad|sadly|sadness|saddened|condolences?|sympath\w*|loss|lost|miss|missed|"
                      r"tragic|tragedy|heartbroken|sorrow\w*)\b", re.IGNORECASE)


def clauses_removed(text: str, is_one: Callable[[str], object]) -> str | None:
    """`text` without its clauses (each from one break to the next) that `is_one` holds true of, or None when it has
    none."""
    pieces, start = [], 0
    for match in CLAUSE_BREAK.finditer(text):
        pieces.append(text[start:match.start()])
        start = match.end()
    pieces.append(text[start:])
    kept = [piece for piece in pieces if not is_one(piece)]
    if len(kept) == len(pieces):
        return None
    return " ".join(piece.strip() for piece in kept if piece.strip())


def matches_removed(pattern: re.Pattern[str], text: str) -> str | None:
    """`text` without what `pattern` matches in it (spaces closed up), or None when it matches nothing."""
    rest = pattern.sub(" ", text)
    if rest == text:
        return None
    return re.sub(r"\s+", " ", rest).strip()


def procedure_clauses_removed(text: str) -> str | None:
    """`text` without its clauses of police, court or inquiry procedure, or None when it has none."""
    return clauses_removed(text, is_procedure)


def mourning_clauses_removed(text: str) -> str | None:
    """What a statement that names a death says besides its clauses of mourning ("sad to hear he died", "my
    condolences to his family"), or None when it names no death or has no such clause."""
    return clauses_removed(text, MOURNING.search) if DEATH.search(text) else None
