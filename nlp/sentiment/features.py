"""One sentence → the sentiment model's features; the same code serves training and scoring.

Beside the words (unigrams marked inside a negation scope, bigrams, and optionally character n-grams of
words), the features read the sentence's shape:

- **change × what changes**: a word of change ("rose", "narrowed", "cut") and the nearest thing it changes
  ("profit", "loss", "unemployment") make good or bad news: up × good ("sales rose") and down × bad ("loss
  narrowed", "cut costs") are good; up × bad ("unemployment rose") and down × good ("profit fell") are bad.
- **undoing**: a verb that undoes what follows it ("lifted the tariffs", "scrapped the deal", "avoid a trade
  war") turns the tone of its object; in the passive or after "on hold" the object comes first ("the sanctions
  were dropped", "put the new levies on hold").
- **negation and hedging**: "not", "no longer", "not yet", "failed to"… open a scope to the next boundary
  (punctuation, "but", "while"…); words, lexicon hits and changes inside it count as negated. A negated tone
  word ("not acceptable", "will not accept") and a negated plain word ("not fixed", "did not move its rate")
  are told apart: officials' first is mostly criticism, the second an open outlook (a thing that rises or
  falls, "quota", "levy", is a plain word: "not setting a quota" is procedure). A hedge ("could",
  "may", "expects") marks every tone feature of the sentence as hedged, and so does a negated word of
  knowing ("not sure", "not clear", "not yet decided"): it asks, so it is no negated tone word (VADER's
  "clear" and "sure" turned negative read as criticism); what follows "whether" up to a boundary is asked, not
  said ("time will tell whether the talks succeed"), and weighs as a concession does.
- **lexicons**: VADER's valences (MIT, read from the installed vaderSentiment package) and saidwhat's own
  lists of tone words in business news and officials' speech (``nlp/data/sentiment_lexicon.json``).
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEXICON_FILE = "sentiment_lexicon.json"
VADER_PACKAGE = "vaderSentiment"
VADER_FILE = "vader_lexicon.txt"

TOKEN = re.compile(r"[a-z]+(?=n't)|n't|[a-z][a-z\-]*(?:'[a-z]+)?|(?<![\w.])-?\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*"
                   r"|[%$€£¥]|[.,;:!?()\"—–]")
NUMBER = re.compile(r"\d")
NEGATION_REACH = 6  # tokens a negation reaches at most before a boundary closes it
CHANGE_REACH = 5  # words (numbers, signs and commas not counted) between a change and what it changes, after it
BACK_REACH = 10  # the same before it ("Operating profit, excluding one-off items, totalled EUR 2 mn, down from …")
SHIFTS = frozenset({"returned", "returns", "return", "turned", "turns", "swung", "swings", "switched", "moved", "went",
                    "tipped", "pushed", "back"})  # verbs that name no direction: the state reached does
CONTRASTS = frozenset({"but", "however"})
CONCESSIONS = frozenset({"despite", "notwithstanding", "although", "though"})
CONCEDED = 0.3
OPEN_QUESTIONS = frozenset({"whether"})  # "time will tell whether the talks succeed": what follows is not asserted
TURNABLE_LISTS = ("up", "down", "good_up", "bad_up", "reversers", "positive", "negative", "epistemic")
LIST_NAMES = ("up", "down", "good_up", "bad_up", "reversers", "positive", "negative", "negators", "hedges", "epistemic")
GOOD_STATES = frozenset({"profit", "profits", "surplus"})
COMPARED = frozenset({"compared", "comparison", "contrast"})
SCALES = {"thousand": 1e3, "k": 1e3, "mn": 1e6, "mln": 1e6, "million": 1e6, "m": 1e6, "bn": 1e9, "billion": 1e9,
          "b": 1e9, "trillion": 1e12}
STATES = frozenset({"loss", "losses", "profit", "profits", "deficit", "surplus"})  # "swung to a loss"
UNDO_REACH = 4  # words between an undoing verb and its object
AFTER_OBJECT = frozenset({"on"})  # "on hold": an undoing that follows what it undoes ("put the levies on hold")
PASSIVE = frozenset({"was", "were", "been", "be", "is", "are", "being", "get", "got"})  # "the tariffs were lifted"
# "not only X but also Y", "not just X": the negator adds Y to X and denies nothing, so it opens no scope
ADDITIVE = frozenset({"only", "just", "merely", "simply"})


@dataclass(frozen=True)
class FeatureSettings:
    """How a sentence is turned into features; saved with a model so scoring uses what training used."""

    word_weight: float = 1.0  # scale of the word features against the shape and lexicon ones
    bigrams: bool = True
    char_ngrams: tuple[int, int] | None = None  # (3, 5): n-grams within each word, e.g. "decreas" in "decreased"

    def as_json(self) -> dict:
        return {"word_weight": self.word_weight, "bigrams": self.bigrams,
                "char_ngrams": list(self.char_ngrams) if self.char_ngrams else None}

    @classmethod
    def from_json(cls, data: dict) -> "FeatureSettings":
        grams = data.get("char_ngrams")
        return cls(word_weight=float(data.get("word_weight", 1.0)), bigrams=bool(data.get("bigrams", True)),
                   char_ngrams=(int(grams[0]), int(grams[1])) if grams else None)


def _data_file(name: str) -> str:
    return resources.files("nlp.data").joinpath(name).read_text(encoding="utf-8")


def _vader_text() -> str:
    return resources.files(VADER_PACKAGE).joinpath(VADER_FILE).read_text(encoding="utf-8")


def lexicon_digest() -> str:
    """Fingerprint of both word lists: a model fitted with other lists would read its features wrongly."""
    return hashlib.sha256((_data_file(LEXICON_FILE) + _vader_text()).encode()).hexdigest()


def tokenize(text: str) -> list[str]:
    """Lower-cased words, numbers, currency signs and punctuation; "don't" → "do", "n't"."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return TOKEN.findall(text.lower())


class WordLists:
    """All word lists at once: one pass over a sentence tags every token with the lists whose entries cover it.

    Single words are looked up in a per-word cache (entries ending in * match any ending); phrases are indexed
    by their first word, so a sentence costs about one dictionary look-up per token."""

    def __init__(self, lists: dict[str, list[str]]) -> None:
        self.names = tuple(lists)
        self._words = {name: {e for e in entries if " " not in e and not e.endswith("*")}
                       for name, entries in lists.items()}
        self._prefixes = {name: tuple(e[:-1] for e in entries if " " not in e and e.endswith("*"))
                          for name, entries in lists.items()}
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name, entries in lists.items():
            for entry in entries:
                if " " in entry:
                    words = tuple(entry.split())
                    self._phrases.setdefault(words[0], []).append((words, name))
        for candidates in self._phrases.values():
            candidates.sort(key=lambda item: -len(item[0]))  # longest phrase first
        self._cache: dict[str, tuple[str, ...]] = {}

    def lists_of(self, word: str) -> tuple[str, ...]:
        """The lists a single word belongs to."""
        found = self._cache.get(word)
        if found is None:
            found = tuple(name for name in self.names if word in self._words[name]
                          or (self._prefixes[name] and word.startswith(self._prefixes[name])))
            if len(self._cache) < 100_000:
                self._cache[word] = found
        return found

    def tag(self, tokens: list[str]) -> dict[str, list[int]]:
        """Per list, per token: 1 where an entry starts, 2 on the other words of a phrase, 0 elsewhere."""
        tags = {name: [0] * len(tokens) for name in self.names}
        for i, token in enumerate(tokens):
            for words, name in self._phrases.get(token, ()):
                n = len(words)
                marks = tags[name]
                if marks[i] == 0 and tuple(tokens[i:i + n]) == words:
                    marks[i] = 1
                    for j in range(i + 1, i + n):
                        marks[j] = 2
            for name in self.lists_of(token):
                if tags[name][i] == 0:
                    tags[name][i] = 1
        return tags


class SentimentFeatures:
    """Turns a sentence into a sparse dict of named features."""

    def __init__(self, settings: FeatureSettings | None = None) -> None:
        self.settings = settings or FeatureSettings()
        lex = json.loads(_data_file(LEXICON_FILE))
        self.lists = WordLists({name: lex[name] for name in LIST_NAMES})
        self.boundaries = set(lex["boundaries"])
        ignored = set(lex["vader_ignore"])
        self.vader = {w: v for w, v in _read_vader(_vader_text()).items() if w not in ignored}

    # -- scopes ---------------------------------------------------------------------------------------

    def _negated(self, tokens: list[str], tags: dict[str, list[int]]) -> list[bool]:
        """Whether each token lies in a negation scope (the negator itself is not). A scope ends at a boundary, after
        NEGATION_REACH tokens, or at the first word with a tone or a direction, which is what is negated: the words
        after it are its object, said as they are ("we will not accept a deal that hurts our farmers")."""
        negated = [False] * len(tokens)
        marks = tags["negators"]
        i = 0
        while i < len(tokens):
            if marks[i] == 1 and not (tokens[i] in ("not", "n't") and i + 1 < len(tokens) and tokens[i + 1] in ADDITIVE):
                end = i + 1
                while end < len(tokens) and marks[end] == 2:
                    end += 1  # past the rest of "no longer", "failed to"
                for j in range(end, min(len(tokens), end + NEGATION_REACH)):
                    if tokens[j] in self.boundaries:
                        break
                    negated[j] = True
                    if self._turnable(tokens, tags, j):
                        break  # "will not accept a deal that hurts": the deal still hurts
                i = end
            else:
                i += 1
        return negated

    def _turnable(self, tokens: list[str], tags: dict[str, list[int]], j: int) -> bool:
        """Whether token j has a tone or a direction a negation turns (a tone word, a word of change, of undoing
        or of knowing, a word VADER scores)."""
        return (tokens[j] in self.vader or any(tags[name][j] for name in TURNABLE_LISTS))

    def _hedged(self, tokens: list[str], tags: dict[str, list[int]], original: str) -> bool:
        for i, mark in enumerate(tags["hedges"]):
            if mark == 1:
                if tokens[i] == "may" and not re.search(r"\bmay\b", original):
                    continue  # "May" the month
                return True
        return False

    # -- features -------------------------------------------------------------------------------------

    def __call__(self, text: str) -> dict[str, float]:
        tokens = tokenize(text)
        words = [t for t in tokens if t.isalpha() or "-" in t or "'" in t]
        feats: dict[str, float] = {}
        if not tokens:
            return {"empty": 1.0}
        tags = self.lists.tag(tokens)
        negated = self._negated(tokens, tags)
        # "not certain", "not sure", "not yet decided": a negated word of knowing asks; it is no negated tone word
        unsure = {i for i, neg in enumerate(negated) if neg and tags["epistemic"][i] == 1}
        hedged = bool(unsure) or self._hedged(tokens, tags, text)
        weight = self._weights(tokens)
        consumed: set[int] = set()  # what a change or an undoing is about: its tone is theirs, not its own
        tone = self._changes(tokens, negated, tags, consumed, weight)
        tone.update(self._undoing(tokens, tags, consumed, weight))
        tone.update(self._tone(tokens, negated, tags, consumed, weight))
        undoing_verbs = {i for i in consumed if tags["reversers"][i]}
        tone.update(self._vader(tokens, negated, weight, undoing_verbs | unsure))
        for name, value in tone.items():
            if value:
                feats[name] = value
                if hedged:
                    feats[f"{name}|hedged"] = value
        feats["hedged"] = float(hedged)
        if any(negated):
            # a negated tone word ("not fair", "will not accept") or a negated plain word ("not a done deal",
            # "might not move again"): the first is mostly criticism, the second mostly an open outlook. A thing
            # that rises or falls ("quota", "levy", "exports") is a plain word here: "not setting a quota" is procedure
            toned = any(neg and i not in unsure and (tags["positive"][i] or tags["negative"][i] or tokens[i] in self.vader)
                        for i, neg in enumerate(negated))
            feats["negation" if toned else "negation_plain"] = 1.0
        shown = ["<num>" if NUMBER.search(t) else t for t in tokens]  # a number's digits are no word
        feats["has_number"] = float("<num>" in shown)
        feats["percent"] = float("%" in tokens or "percent" in tokens)
        feats["short"] = float(len(words) < 6)
        feats.update(self._words(tokens, shown, negated))
        return feats

    def _weights(self, tokens: list[str]) -> list[float]:
        """How much each token's tone counts: after "but"/"however" more (×1.5) and before it less (×0.5), as
        VADER weighs them; inside a concession ("despite the weak market", "although costs rose") or an open
        question ("whether the talks succeed") little (×0.3): the main clause carries the tone."""
        weight = [1.0] * len(tokens)
        contrast = max((i for i, t in enumerate(tokens) if t in CONTRASTS), default=None)
        if contrast is not None and contrast > 0:
            weight = [0.5 if i < contrast else 1.5 for i in range(len(tokens))]
        for i, token in enumerate(tokens):
            if token in CONCESSIONS or token in OPEN_QUESTIONS:
                for j in range(i + 1, len(tokens)):
                    if tokens[j] in self.boundaries and tokens[j] not in CONCESSIONS:
                        break
                    weight[j] *= CONCEDED
        return weight

    def _tone(self, tokens: list[str], negated: list[bool], tags: dict[str, list[int]],
              consumed: set[int], weight: list[float]) -> dict[str, float]:
        """Counts of tone words, with negated ones apart ("not good" is not "bad")."""
        counts = {"pos": 0.0, "neg": 0.0, "pos_negated": 0.0, "neg_negated": 0.0}
        for i in range(len(tokens)):
            if i in consumed:
                continue
            for name, key in (("positive", "pos"), ("negative", "neg")):
                if tags[name][i] == 1:
                    counts[f"{key}_negated" if negated[i] else key] += weight[i]
        net = counts["pos"] - counts["neg"] - counts["pos_negated"] + counts["neg_negated"]
        return {"lex_pos": _squash(counts["pos"]), "lex_neg": _squash(counts["neg"]),
                "lex_pos_negated": _squash(counts["pos_negated"]), "lex_neg_negated": _squash(counts["neg_negated"]),
                "lex_net": math.tanh(net / 2)}

    def _changes(self, tokens: list[str], negated: list[bool], tags: dict[str, list[int]],
                 consumed: set[int], weight: list[float]) -> dict[str, float]:
        """Change × what changes: up/down paired with the nearest good/bad thing in the same clause."""
        good = bad = 0
        seen_dir = {"up": 0, "down": 0}
        for i in range(len(tokens)):
            direction = 1 if tags["up"][i] == 1 else -1 if tags["down"][i] == 1 else 0
            if direction and _bound(tokens, i, tags):
                direction = 0  # "up to $150 billion", "down to 3%" as a limit: an amount, no change
            if not direction:
                state = self._state_reached(tokens, i) if tokens[i] in SHIFTS else 0
                good, bad = good + (state > 0) * weight[i], bad + (state < 0) * weight[i]
                continue
            seen_dir["up" if direction > 0 else "down"] += 1
            target = self._nearest_target(tokens, i, tags)
            if target is None:
                continue
            j, polarity = target
            consumed.update((i, j))
            sign = direction * polarity * (-1 if negated[i] or negated[j] else 1)
            if sign > 0:
                good += weight[i]
            else:
                bad += weight[i]
        compared_good, compared_bad = self._compared(tokens, tags, consumed, weight)
        good, bad = good + compared_good, bad + compared_bad
        return {"change_good": _squash(good), "change_bad": _squash(bad),
                "change_net": math.tanh((good - bad) / 2),
                "dir_up": _squash(seen_dir["up"]), "dir_down": _squash(seen_dir["down"])}

    def _nearest_target(self, tokens: list[str], i: int, tags: dict[str, list[int]]) -> tuple[int, int] | None:
        """The closest good_up (+1) or bad_up (−1) word on either side of token i within the clause.

        Looking back, commas and brackets are crossed: ", down from EUR 3 mn" describes the figure before it. Looking ahead,
        "to/into a loss" names the state reached, so its sign is the state's whatever the change word says
        ("slipped to a net loss" is bad, "returned to a profit" good): returned as polarity × direction."""
        best: tuple[int, int, int] | None = None  # (distance, index, polarity)
        for step, reach in ((-1, BACK_REACH), (1, CHANGE_REACH)):
            distance, j, into = 0, i + step, False
            while 0 <= j < len(tokens) and distance <= reach:
                token = tokens[j]
                if token in self.boundaries and not (step < 0 and token in (",", "(", ")")):
                    break
                if step > 0 and token in ("to", "into"):
                    into = True
                if token[0].isalpha():  # numbers, currency signs and commas are not counted
                    distance += 1
                    polarity = 1 if tags["good_up"][j] == 1 else -1 if tags["bad_up"][j] == 1 else 0
                    if polarity and j != i:
                        if into and token in STATES:
                            polarity *= 1 if tags["up"][i] == 1 else -1  # the caller multiplies by the direction
                        if best is None or distance < best[0] or (distance == best[0] and step > 0):
                            best = (distance, j, polarity)
                        break
                j += step
        return (best[1], best[2]) if best else None

    def _state_reached(self, tokens: list[str], i: int) -> int:
        """+1 or −1 for "returned to a net profit" / "swung into a loss" after a verb of shifting at i."""
        if i + 1 >= len(tokens) or tokens[i + 1] not in ("to", "into"):
            return 0
        words = 0
        for token in tokens[i + 2:i + 14]:
            if token in self.boundaries or words > 6:
                return 0
            if token in STATES:
                return 1 if token in GOOD_STATES else -1
            words += token[0].isalpha()  # "swung to a 1.1 mln euro net profit": amounts are not counted
        return 0

    def _compared(self, tokens: list[str], tags: dict[str, list[int]], consumed: set[int],
                  weight: list[float]) -> tuple[float, float]:
        """Figures set against earlier ones with no word of change: "EUR 1.6 mn compared to EUR 5.9 mn",
        "EUR 5.1 mn (EUR 3.9 mn)", "a net profit … compared with a net loss". The first figure is the new one;
        its direction times what it measures (found before it) is good or bad news."""
        good = bad = 0.0
        for c, token in enumerate(tokens):
            if token in COMPARED and c + 1 < len(tokens) and tokens[c + 1] in ("to", "with") or token in (
                    "against", "versus", "vs") or (token == "(" and c > 0 and _amount(tokens, c - 1, -1)):
                new, old = _amount(tokens, c - 1, -1), _amount(tokens, c + 1, 1)
                states = (self._state_near(tokens, c, -1), self._state_near(tokens, c, 1))
                if states[0] and states[1] and states[0] != states[1]:
                    sign = states[0]  # a profit against a loss, or a loss against a profit
                elif new is not None and old is not None and new[0] != old[0]:
                    target = self._nearest_target(tokens, new[1], tags)
                    if target is None:
                        continue
                    consumed.add(target[0])
                    sign = (1 if new[0] > old[0] else -1) * target[1]
                else:
                    continue
                good, bad = good + (sign > 0) * weight[c], bad + (sign < 0) * weight[c]
        return good, bad

    def _state_near(self, tokens: list[str], c: int, step: int) -> int:
        """+1 (profit) or −1 (loss) for the first profit/loss word within eight words of c, in one direction."""
        j, words = c + step, 0
        while 0 <= j < len(tokens) and words < 8:
            token = tokens[j]
            if token in (";", ".", "but", "while", "whereas"):
                return 0
            if token in STATES:
                return 1 if token in GOOD_STATES else -1
            words += token[0].isalpha()
            j += step
        return 0

    def _undoing(self, tokens: list[str], tags: dict[str, list[int]], consumed: set[int],
                 weight: list[float]) -> dict[str, float]:
        """A verb that undoes its object: undoing something bad is good news, undoing something good bad.
        A bad thing in reach wins over a good one ("ended the trade dispute": the dispute, not the trade)."""
        good = bad = 0
        for i in range(len(tokens)):
            if tags["reversers"][i] != 1:
                continue
            found = self._undone(tokens, tags, range(i + 1, min(len(tokens), i + 1 + UNDO_REACH)))
            if found is None and (tokens[i] in AFTER_OBJECT or i > 0 and tokens[i - 1] in PASSIVE):
                # "put the trade war on hold", "the duties were lifted": what is undone comes first
                found = self._undone(tokens, tags, range(i - 1, max(-1, i - 1 - UNDO_REACH), -1), consumed)
            if found is not None:
                consumed.update((i, found[0]))
                good, bad = good + (found[1] < 0) * weight[i], bad + (found[1] > 0) * weight[i]
        return {"undo_bad": _squash(good), "undo_good": _squash(bad)}

    def _undone(self, tokens: list[str], tags: dict[str, list[int]], reach: range,
                consumed: set[int] = frozenset()) -> tuple[int, int] | None:
        """The thing an undoing verb takes within `reach`: (index, −1) for a bad one, (index, +1) for a good one;
        a bad one wins. Tokens another feature already took are not taken again."""
        found = None
        for j in reach:
            if tokens[j] in self.boundaries:
                break
            if j in consumed:
                continue
            if tags["negative"][j] == 1 or tags["bad_up"][j] == 1:
                return (j, -1)
            if found is None and (tags["positive"][j] == 1 or tags["good_up"][j] == 1):
                found = (j, 1)
        return found

    def _vader(self, tokens: list[str], negated: list[bool], weight: list[float],
               undoing_verbs: set[int]) -> dict[str, float]:
        """VADER's valences summed, a negated word's valence turned as VADER turns it (× −0.74). A verb that
        undoes a bad thing ("the countermeasures were suspended") is left to the undoing features: VADER's
        valence for "suspended" is the bad news of a suspension, not the good news of undoing a threat."""
        pos = neg = 0.0
        for i, (token, neg_scope, w) in enumerate(zip(tokens, negated, weight)):
            valence = self.vader.get(token)
            if valence is None or i in undoing_verbs:
                continue
            valence *= w
            if neg_scope:
                valence *= -0.74
            if valence > 0:
                pos += valence
            else:
                neg -= valence
        return {"vader_pos": math.tanh(pos / 4), "vader_neg": math.tanh(neg / 4),
                "vader_net": math.tanh((pos - neg) / 4)}

    def _words(self, tokens: list[str], shown: list[str], negated: list[bool]) -> dict[str, float]:
        """Binary word features, L2-normalised per kind and scaled by `word_weight`; `shown` is each token as a
        feature names it (a number as "<num>")."""
        unigrams = set()
        for token, word, neg in zip(tokens, shown, negated):
            if token in self.boundaries and token not in ("but", "however", "despite"):
                continue
            unigrams.add(f"NOT_{word}" if neg else word)
        out: dict[str, float] = {}
        kinds = [("w=", unigrams)]
        if self.settings.bigrams:
            plain = [word for t, word in zip(tokens, shown) if t not in ".,;:!?()\"—–"]
            kinds.append(("b=", {f"{a} {b}" for a, b in zip(plain, plain[1:])}))
        if self.settings.char_ngrams:
            grams: set[str] = set()
            for token in set(tokens):
                if token.isalpha() and len(token) > 3:
                    grams.update(_char_ngrams(token, *self.settings.char_ngrams))
            kinds.append(("c=", grams))
        for prefix, items in kinds:
            if items:
                value = self.settings.word_weight / math.sqrt(len(items))
                out.update({prefix + item: value for item in items})
        return out


@lru_cache(maxsize=50_000)
def _char_ngrams(word: str, low: int, high: int) -> tuple[str, ...]:
    padded = f"<{word}>"
    return tuple({padded[i:i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)})


def _amount(tokens: list[str], start: int, step: int) -> tuple[float, int] | None:
    """The first amount within five tokens of `start` going one way, as (value with its scale, index); a year
    ("in 2006") is no amount."""
    j = start
    for _ in range(5):
        if not 0 <= j < len(tokens):
            return None
        token = tokens[j]
        if token.lstrip("-")[:1].isdigit():
            text = token.replace(",", "")
            try:
                value = float(text)
            except ValueError:
                return None
            if re.fullmatch(r"(19|20)\d\d", text):
                j += step
                continue
            scale = SCALES.get(tokens[j + 1], 1.0) if j + 1 < len(tokens) else 1.0
            return value * scale, j
        if token in (";", ".", "(", ")") and j != start:
            return None
        j += step
    return None


def _bound(tokens: list[str], i: int, tags: dict[str, list[int]]) -> bool:
    """ "up to" or "down to" before an amount ("tariffs on up to $150 billion of goods", "fines of up to 4%"): a
    limit on an amount, not a rise or a fall, unless a word of change comes just before ("rose up to 5%")."""
    if tokens[i] not in ("up", "down") or i + 2 >= len(tokens) or tokens[i + 1] != "to":
        return False
    if not (tokens[i + 2][:1].isdigit() or tokens[i + 2] in ("$", "€", "£", "¥")):
        return False
    return not (i > 0 and (tags["up"][i - 1] or tags["down"][i - 1]))


def _squash(count: float) -> float:
    """0, 1, 2, 3+ hits → 0, 0.5, 0.75, 0.875…: presence weighs most, repeats a little."""
    return 1.0 - 0.5 ** count


def _read_vader(text: str) -> dict[str, float]:
    """VADER's lexicon (token TAB mean valence TAB …), single lower-case words only."""
    valences = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and re.fullmatch(r"[a-z][a-z\-']*", parts[0]):
            try:
                valences[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return valences
