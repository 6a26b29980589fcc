"""Find quoted passages in plain text, paragraph by paragraph, the way news prints them.

News conventions this handles (and naive mark pairing breaks on):
- curly (“…”), straight ("…") and doubled-apostrophe (''…'' / ``…'') marks, and single marks (‘…’, '…') in
  texts that quote with them (British house style), told apart from apostrophes;
- a quote that runs over several paragraphs has no closing mark at the end of each paragraph but the next
  paragraph opens with a mark again: the pieces are linked (``continues``);
- an unbalanced mark never swallows the rest of the article: a quote ends at its paragraph's end at the latest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# characters stripped from the ends of a mention or quote: marks of every style, and spaces
QUOTE_CHARS = "\"'“”‘’„«»` "
OPENERS = {"\u201c": "curly", "\u201e": "curly", "\u00ab": "guillemet", "``": "tex"}
CLOSERS = {"\u201d": "curly", "\u00bb": "guillemet"}
# two apostrophes act like a straight double mark (old wire copy, NYT archives)
_MARK = re.compile(r"''|``|[\"\u201c\u201d\u201e\u00ab\u00bb]")
_PARA = re.compile(r"[^\n]+")
# characters after which a straight mark opens rather than closes
_OPEN_BEFORE = set(" \t([{\u2014\u2013-/:")


@dataclass
class QuoteSpan:
    """One quoted passage inside one paragraph: ``start``/``end`` include the marks."""

    start: int
    end: int
    para: int  # paragraph index
    closed: bool = True  # False: ran to the end of its paragraph without a closing mark
    continues: bool = False  # True: continues the previous paragraph's unclosed quote


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line; news bodies put one paragraph per line."""
    out = []
    for m in _PARA.finditer(text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _is_opener(text: str, i: int, mark: str, inside: bool) -> bool:
    if mark in OPENERS:
        return True
    if mark in CLOSERS:
        return False
    # straight mark: decide from the surroundings, then from the state
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + len(mark)] if i + len(mark) < len(text) else "\n"
    if before in "\n" or before in _OPEN_BEFORE:
        if after.isspace() and inside:
            return False
        return True
    if after.isspace() or after in ".,;:!?)\u2014" or after == "\n":
        return False
    return not inside


# British and some other house styles quote with single marks (‘…’ or '…'), keeping double ones for quotes
# inside quotes; the same glyph is the apostrophe ("don’t", "farmers’ union")
_SINGLE_MARK = re.compile(r"[\u2018\u2019']")
_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[\u2014\u2013:-]))[\u2018\u2019'](?=[^\s\u2018\u2019'])", re.M)
_DOUBLE = re.compile(r"[\"\u201c\u201d\u201e]")


def single_quote_style(text: str) -> bool:
    """The text quotes with single marks: more of them open a passage than there are double marks at all."""
    singles = len(_SINGLE_OPENING.findall(text))
    return singles >= 2 and len(_DOUBLE.findall(text)) * 2 < singles


def _single_role(text: str, i: int, inside: bool) -> str | None:
    """"open", "close" or None (an apostrophe) for a single mark at i."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if before.isalnum() and after.isalnum():
        return None  # "don’t", "Côte d'Ivoire"
    if text[i] == "\u2018" or before.isspace() or before in _OPEN_BEFORE:
        return "open" if not after.isspace() and not inside else ("close" if inside and before in ".,!?" else None)
    if not inside or after.isalnum():
        return None  # "the farmers’ union" outside a quote, "’90s"
    rest = text[i + 1:i + 3]
    if before == "s" and rest[:1] == " " and rest[1:2].islower():
        return None  # "… to protect farmers’ interests …" inside a quote: a plural possessive
    return "close"


def _find_single_quotes(text: str) -> list[QuoteSpan]:
    """Single-mark passages, paragraph by paragraph, continued over paragraphs as double ones are."""
    quotes: list[QuoteSpan] = []
    prev_open_end = False
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        first_char = ps + len(text[ps:pe]) - len(text[ps:pe].lstrip())
        open_at: int | None = None
        for m in _SINGLE_MARK.finditer(text, ps, pe):
            role = _single_role(text, m.start(), open_at is not None)
            if role == "open" and open_at is None:
                open_at = m.start()
            elif role == "close" and open_at is not None:
                quotes.append(QuoteSpan(open_at, m.end(), pi, closed=True,
                                        continues=prev_open_end and open_at == first_char))
                open_at = None
        prev_open_end = False
        if open_at is not None:
            quotes.append(QuoteSpan(open_at, _rstrip(text, open_at, pe), pi, closed=False,
                                    continues=prev_open_end and open_at == first_char))
            prev_open_end = True
    return quotes


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quoted passage, in text order."""
    if single_quote_style(text):
        return _find_single_quotes(text)
    quotes: list[QuoteSpan] = []
    prev_open_end = False  # the previous paragraph ended inside a quote
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        first_char = ps + len(text[ps:pe]) - len(text[ps:pe].lstrip())
        open_at: int | None = None

        def emit(end: int, closed: bool) -> None:
            cont = prev_open_end and open_at == first_char
            quotes.append(QuoteSpan(open_at, end, pi, closed=closed, continues=cont))

        for m in _MARK.finditer(text, ps, pe):
            mark, i = m.group(), m.start()
            # some sites open a paragraph's quote with the closing glyph (”Fear. I am …”)
            wrong_glyph = mark in CLOSERS and open_at is None and i == first_char and not text[i + 1:i + 2].isspace()
            if wrong_glyph or _is_opener(text, i, mark, open_at is not None):
                if open_at is None:
                    open_at = i
                elif mark in OPENERS:
                    # a second opener before any closer: the first quote was never closed
                    emit(_rstrip(text, open_at, i), False)
                    open_at = i
                else:
                    emit(m.end(), True)
                    open_at = None
            elif open_at is not None:
                emit(m.end(), True)
                open_at = None
            # else: a stray closer with nothing to pair it with
        prev_open_end = False
        if open_at is not None:
            emit(_rstrip(text, open_at, pe), False)
            prev_open_end = True
    return quotes


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def word_count(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))
