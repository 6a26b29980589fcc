"""spaCy's attribute ruler with its patterns looked up in tables instead of run through the Matcher.

The English pipelines' ``attribute_ruler`` maps fine-grained tags to parts of speech and morphology with some
180 one- and two-token patterns. spaCy's Matcher tries every pattern at every token, which cost as much as the
parser (about a sixth of bare ``nlp.pipe``). The patterns only compare a token's TAG, LOWER, DEP or IS_SPACE
with a value, a set (IN, NOT_IN) or a regular expression, so dictionaries keyed by those values find the few
patterns that can match a token. The matches, their order and what they set are the Matcher's
(``tests/test_attribute_table.py`` compares both; so did 1,042 real articles, token by token); a pattern using
anything else leaves the component to the Matcher.
"""
from __future__ import annotations

import re

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ATTRIBUTES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
COLUMNS = tuple(ATTRIBUTES)  # the order of doc.to_array's columns
SELECTIVITY = ("LOWER", "DEP", "TAG", "IS_SPACE")  # a pattern is filed under the first of these it tests
# a token test: (column, kind, value) with kind "eq" (a string's hash or a flag), "in" or "not_in" (hashes) or
# "regex"
Test = tuple[int, str, object]


class AttributeTable(AttributeRuler):
    """An ``AttributeRuler`` whose ``match`` reads tables; falls back on the Matcher for patterns it cannot read."""

    _table: _PatternTable | None = None
    _readable: bool | None = None

    def add(self, patterns, attrs, index=0) -> None:  # noqa: ANN001 -- the parent's signature
        super().add(patterns, attrs, index)
        self._table, self._readable = None, None

    def clear(self) -> None:
        super().clear()
        self._table, self._readable = None, None

    def match(self, doc: Doc):  # noqa: ANN201 -- the parent's return type
        if self._readable is None:
            self._table = _PatternTable.of(self)
            self._readable = self._table is not None
        if not self._readable:
            return super().match(doc)
        return self._table.matches(doc)

    def set_annotations(self, doc: Doc, matches) -> None:  # noqa: ANN001 -- the parent's signature
        """Set each match's attributes on its token, in the matches' order, as the parent does, without building
        a span per match (the parent's error for an index outside its match stays the parent's)."""
        positions = [(start if self.indices[rule] >= 0 else end) + self.indices[rule]
                     for rule, _, start, end in matches]
        if any(not start <= at < end for at, (_, _, start, end) in zip(positions, matches)):
            super().set_annotations(doc, matches)
            return
        for at, (rule, _, _, _) in zip(positions, matches):
            set_token_attrs(doc[at], self.attrs[rule])


class _PatternTable:
    """Every pattern of a ruler, filed under the values its first token must have: its lower-case form when it
    tests one, else its dependency label, its tag or its space flag, or each value of a set it must be in. A
    token then meets only the patterns it may match, and a pattern testing one value only (a tag) needs no
    further test."""

    def __init__(self, filed: list[dict[int, list]], scanned: list) -> None:
        self.filed = filed  # per column: value → [(rule, match id, the first token's other tests, later tokens' tests)]
        self.scanned = scanned  # patterns whose first token tests no value or set to file them under

    @classmethod
    def of(cls, ruler: AttributeRuler) -> _PatternTable | None:
        filed: list[dict[int, list]] = [{} for _ in COLUMNS]
        scanned: list = []
        for rule, entry in enumerate(ruler.patterns):
            match_id = get_string_id(str(rule))
            for pattern in entry["patterns"]:
                tests = [_token_tests(spec) for spec in pattern]
                if not tests or any(t is None for t in tests):
                    return None
                first, rest = tests[0], tests[1:]
                key = min((t for t in first if t[1] in ("eq", "in")),
                          key=lambda t: (t[1] != "eq", SELECTIVITY.index(COLUMNS[t[0]])), default=None)
                if key is None:
                    scanned.append((rule, match_id, first, rest))
                    continue
                column, kind, value = key
                others = [t for t in first if t is not key]
                for one in (value,) if kind == "eq" else value:
                    filed[column].setdefault(one, []).append((rule, match_id, others, rest))
        return cls(filed, scanned)

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The Matcher's matches as ``AttributeRuler.match`` sorts them: (rule, match id, start, end)."""
        rows = doc.to_array(list(ATTRIBUTES.values())).tolist()
        strings = doc.vocab.strings
        n = len(rows)
        found = set()
        for start, row in enumerate(rows):
            for column, value in enumerate(row):
                patterns = self.filed[column].get(value)
                if patterns is not None:
                    _match_at(patterns, rows, start, n, strings, found)
            if self.scanned:
                _match_at(self.scanned, rows, start, n, strings, found)
        return sorted(found)


def _match_at(patterns: list, rows: list[list[int]], start: int, n: int, strings, found: set) -> None:  # noqa: ANN001
    """Add to `found` the patterns that match at `start` (their first token's filed value already holds)."""
    row = rows[start]
    for rule, match_id, first, rest in patterns:
        if first and not _passes(row, first, strings):
            continue
        end = start + 1 + len(rest)
        if rest and (end > n or not all(_passes(rows[start + 1 + k], tests, strings) for k, tests in enumerate(rest))):
            continue
        found.add((rule, match_id, start, end))


def _token_tests(spec: dict) -> list[Test] | None:
    """The tests of one pattern token, or None when it uses an attribute or operator the table does not read."""
    tests: list[Test] = []
    for name, value in spec.items():
        if name not in ATTRIBUTES:
            return None
        column = COLUMNS.index(name)
        if isinstance(value, bool):
            tests.append((column, "eq", int(value)))
        elif isinstance(value, str):
            tests.append((column, "eq", get_string_id(value)))
        elif isinstance(value, dict) and len(value) == 1 and name != "IS_SPACE":
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list):
                tests.append((column, op.lower(), frozenset(get_string_id(v) for v in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((column, "regex", re.compile(arg)))
            else:
                return None
        else:
            return None
    return tests


def _passes(row: list[int], tests: list[Test], strings) -> bool:  # noqa: ANN001 -- a StringStore
    for column, kind, value in tests:
        got = row[column]
        if kind == "eq":
            if got != value:
                return False
        elif kind == "in":
            if got not in value:
                return False
        elif kind == "not_in":
            if got in value:
                return False
        elif not value.search(strings[got]):
            return False
    return True


@Language.factory("saidwhat_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """An empty table ruler; :func:`swap_in` fills it with the patterns of the pipeline's attribute ruler."""
    return AttributeTable(nlp.vocab, name)


def swap_in(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace the pipeline's attribute ruler by a table ruler with the same patterns (nothing when it has none)."""
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return
    patterns = nlp.get_pipe(name).patterns
    table = nlp.replace_pipe(name, "saidwhat_attribute_table")
    table.add_patterns(patterns)
