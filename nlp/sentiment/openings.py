"""What a statement's opening says of its tone, whatever its words about the topic.

An open question: the statement opens by saying that something is not yet known or decided ("it is too early to say
whether the harvest will suffer", "it is unclear whether the plant will reopen", "there is no word yet on the
possible closure of the branch"). What follows is asked, not said, and the issue's guideline labels an open outlook
neutral; but the words of the topic ("suffer", "closure") and VADER's "no" read as bad news, so an official's "we
don't know yet" read as criticism or a warning. Not "it remains to be seen whether they keep their word": that
doubts the other side.
"""
from __future__ import annotations

import re

# what is asked: "whether", "if", or what was to be said ("too early to say that …")
_ASKED = r"(?:whether|if|as\s+to\s+whether)\b"
_IT = r"(?:it|that|this)(?:\s+(?:is|was|remains|remained|seems|seemed)|'s|’s)\s+"
_UNKNOWN = (
    # "it is too early to say whether …", "it's premature to judge …"
    rf"{_IT}(?:still\s+|far\s+|much\s+|a\s+bit\s+|rather\s+)?(?:too\s+(?:early|soon)|premature)\s+to\s+"
    r"(?:say|tell|know|judge|speculate|comment|predict|assess|conclude)\b"
    # "it is unclear whether …", "it is not yet known if …"
    rf"|{_IT}(?:still\s+|as\s+yet\s+|very\s+|entirely\s+|far\s+from\s+)?(?:unclear|uncertain|unknown|"
    rf"not\s+(?:yet\s+|entirely\s+)?(?:clear|known|certain|decided))\s+{_ASKED}"
    # "there is no information yet about …", "there was still no word on …"
    r"|there\s+(?:is|was|has\s+been)\s+(?:still\s+|as\s+yet\s+)?no\s+(?:information|word|news|details|confirmation|"
    r"indication|decision)\s+(?:yet\s+)?(?:about|on|of|regarding|as\s+to|whether|if)\b"
    # "we cannot yet say whether …", "they did not know if …"
    rf"|(?:i|we|he|she|they|it)\s+(?:do|does|did|could|can)\s*(?:not|n't|n’t)\s+(?:yet\s+)?(?:know|say|tell)\s+"
    rf"(?:yet\s+)?(?:for\s+(?:sure|certain)\s+)?{_ASKED}"
    rf"|(?:i|we|he|she|they|it)\s+cannot\s+(?:yet\s+)?(?:know|say|tell)\s+(?:yet\s+)?(?:for\s+(?:sure|certain)\s+)?"
    rf"{_ASKED}"
    # "no decision has yet been taken"
    r"|no\s+decision\s+(?:has|had)\s+(?:yet\s+)?been\s+(?:made|taken)\b")
OPEN_QUESTION = re.compile(rf"^\W*(?:(?:but|and|so|however|still|yet),?\s+)?(?:{_UNKNOWN})", re.IGNORECASE)
# what a statement says after its question that is said outright: a contrast or a sentence of its own ("it is too
# early to say whether the plant will close, but the damage is severe")
SAID_AFTER = re.compile(r"\b(?:but|however|although|though)\b|[;.!?]\s+\S", re.IGNORECASE)


def is_open_question(text: str) -> bool:
    """Whether `text` opens by saying that something is not yet known or decided, and says nothing outright
    after it."""
    match = OPEN_QUESTION.match(text)
    return bool(match) and not SAID_AFTER.search(text, match.end())
