"""Page furniture in article text copied from a web page: menus, bylines, teasers and footers, blanked out.

HTML goes through the crawler's article extraction, which drops such parts by the page's structure. Plain text
copied from a page keeps them ("• Home", "By", "Down Arrow Button Icon", "12 hours ago", "© 2025 …"), and
the parser then glues a menu to the headline ("Home • News … Bessent says") or reads a teaser as a statement.
Only lines that no article sentence looks like are blanked, each character replaced by a space, so every
offset into the text still points where it did in the input.
"""
from __future__ import annotations

import re

MAX_SHORT_WORDS = 4  # "Recommended Video", "Former staff writer", "Down Arrow Button Icon"
MAX_MENU_WORDS = 5  # "• World’s Most Admired Companies"; a key-points bullet ("- US imposes 50% tariff on …") is longer
# a sentence, a question, a quote or a parenthesis ends there: article text, even when short ("“No,” he said.")
SENTENCE_END = re.compile(r"""[.!?;:"”’')\]]\s*$""")
BULLET = re.compile(r"^\s*(?:[•·▪◦‣*–-]|\d{1,2}[.)])\s+\S")
LEGAL = re.compile(r"©|\ball rights reserved\b|\bterms of (?:use|service)\b|\bprivacy policy\b|\bis a trademark of\b",
                   re.IGNORECASE)
AGO = re.compile(r"^\s*(?:\d+|an?)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\s*$",
                 re.IGNORECASE)
TEASER_BYLINE = re.compile(r"^\s*By\s+\S")
FIGURE = re.compile(r"\d\s*%|[$€£¥]\s*\d|\d\s*(?:percent|per cent|bp|basis points)\b", re.IGNORECASE)


def blank_page_furniture(text: str) -> str:
    """``text`` with its furniture lines replaced by spaces (line breaks kept, so the length is unchanged)."""
    lines = text.split("\n")
    drop = [_is_furniture(line) for line in lines]
    seen: set[str] = set()
    for i, line in enumerate(lines):
        key = " ".join(line.split())
        if len(key.split()) >= 2 and key in seen:
            drop[i] = True  # a byline or caption repeated by the page's layout
        seen.add(key)
        if AGO.match(line):
            # a related-story teaser: headline, "By Name<date>", "12 hours ago"
            if i >= 1 and TEASER_BYLINE.match(lines[i - 1]):
                drop[i - 1] = True
                if i >= 2:
                    drop[i - 2] = True
    return "\n".join(" " * len(line) if gone else line for line, gone in zip(lines, drop))


def _is_furniture(line: str) -> bool:
    words = line.split()
    if not words:
        return False
    if LEGAL.search(line) or AGO.match(line):
        return True
    ends_sentence = bool(SENTENCE_END.search(line))
    if BULLET.match(line) and len(words) - 1 <= MAX_MENU_WORDS and not ends_sentence and not FIGURE.search(line):
        return True  # "• Home", "  2. Search"; "• Vietnam: 46%" is a row of a list of rates
    # a short headline with a figure ("Fed holds at 4.5%", "Tariffs cost $2bn") is news, not a menu
    return len(words) <= MAX_SHORT_WORDS and not ends_sentence and not FIGURE.search(line)
