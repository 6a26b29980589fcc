"""Money amounts whose currency the sentence gives once, and currency words several countries share.

- "Exports rose to 4.2 billion pesos from 3.9 billion": the second amount is in pesos too. A number
  with a scale word ("billion") that counts no noun ("a 516 million surplus" counts none) takes the currency or
  measure of the nearest amount in its sentence ("16.4 million tonnes, up from 16.12 million"), or, when the
  sentence has none, the currency of the sentence before ("Its shortfall with Peru widened to 1.1 billion."
  after "… 2.5 billion dollars"); with neither, an amount that is money by its words ("a deficit of 3.1 million",
  "to save 4 million", "costs the city about a million each year") takes the story's currency (its only one, or the
  nearest before).
- A currency word several countries use ("pesos", "francs", "riyals", "crowns", "dinars", "shillings") is the
  currency of the country written before it ("Danish crowns", "Kenya shillings"), else of the one country in its
  sentence, else of the one country in the story, that had a currency of that name at the article's date
  (``nlp.currency_names``): francs in a 1987 story about Belgium are Belgian francs. "Dollars" and "pounds" keep
  their usual reading unless a country is written before them, or before another amount of the same word in the
  sentence ("rose to 8.8 billion Canadian dollars from 584 million dollars").
- A currency word the number tables do not know ("2.5 billion crowns", "780 million Kenya shillings") is read
  the same way and joins the amount.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Doc, Span

from nlp.currency_names import currency_of, currency_word, only_currency
from nlp.quantity_forms import tables

# currency words whose usual reading stands unless a country is written with the amount
_USUAL = {"dollar", "dollars", "pound", "pounds", "sterling"}
_LARGE_SCALES = {"million", "mln", "mn", "billion", "bln", "bn", "trillion", "tn", "trn"}


def is_money(unit: str | None) -> bool:
    """An ISO 4217 code (units of other kinds are lower case: "percent", "tonnes")."""
    return unit is not None and len(unit) == 3 and unit.isupper()


# units an amount written again without one does not take from its neighbour
_NOT_CARRIED = frozenset({"count", "percent", "pp", "bp", "points", "multiple", "fraction", "times", "days", "weeks",
                          "months", "years", "hours", "minutes"})


def fill_elided_currency(doc: Doc, spans: list[Span]) -> None:
    """Give a bare "3.9 billion" the currency or measure its sentence writes out (the nearest amount before it
    first: "16.4 million tonnes, up from 16.12 million"), or the currency of the sentence before."""
    for span in spans:
        q = span._.quantity
        if q.unit == "count" and (price := _price_told_again(span, spans)) is not None:
            q.unit = price
            continue
        if q.unit != "count" or span.text.split()[-1].lower() not in _LARGE_SCALES or _counts_a_noun(span):
            continue
        sent = span.sent
        same = [s for s in spans if s is not span and sent.start <= s.start < sent.end
                and s._.quantity.unit not in _NOT_CARRIED and s._.quantity.unit is not None]
        if not same and sent.start > 0:
            before = doc[sent.start - 1].sent
            same = [s for s in spans if before.start <= s.start < before.end and is_money(s._.quantity.unit)]
            same = same[-1:]
        if not same and _money_by_its_words(span):
            same = _story_money(spans, span)
        if same:
            nearest = min(same, key=lambda s: (s.start > span.start, abs(s.start - span.start)))
            q.unit = nearest._.quantity.unit


# verbs of haggling and pricing whose bare figure, after a price in the sentence, is a price too
PRICE_VERBS = frozenset({"lower", "offer", "ask", "charge", "pay", "accept", "bid", "cost"})


def _price_told_again(span: Span, spans: list[Span]) -> str | None:
    """The money of a bare figure that a verb of pricing takes after a money amount in its sentence ("The buyer
    offers 400 euros, the seller lowers it to 300, and they accept 350"), or None; "paid 5 million euros for a
    player who scored 20" keeps its count."""
    if not span[0].like_num or _counts_a_noun(span) or len(span) > 2:
        return None
    root = span.root
    head = root.head.head if root.head.pos_ == "ADP" and root.dep_ == "pobj" else root.head
    if root.dep_ not in ("dobj", "pobj") or head.lemma_.lower() not in PRICE_VERBS:
        return None
    sent = span.sent
    before = [s for s in spans if sent.start <= s.start < span.start and is_money(s._.quantity.unit)]
    return before[-1]._.quantity.unit if before else None


# what a bare amount is when it is money: "a deficit of 3.1 million", "funding will be cut by 4 million", "the
# budget was to be 6-7 million", "to save 4 million", "costs the city about a million each year"
MONEY_NOUNS = frozenset({"budget", "deficit", "surplus", "saving", "savings", "cost", "costs", "financing", "funding",
                         "fund", "funds", "revenue", "revenues", "profit", "profits", "loss", "losses", "debt",
                         "spending", "investment", "income", "salary", "salaries", "wage", "wages", "price", "fee",
                         "fees", "grant", "subsidy", "subsidies", "expenditure", "turnover", "fine", "compensation",
                         "payment", "allowance", "appropriation", "money", "cash", "capital", "loan", "loans", "aid",
                         "bonus", "pension", "dividend", "earnings", "expense", "expenses"})
MONEY_VERBS = frozenset({"save", "cost", "pay", "spend", "invest", "earn", "borrow", "lend", "owe", "fund", "finance",
                         "allocate", "donate"})


def _money_by_its_words(span: Span) -> bool:
    """The bare amount is money by the words it hangs on: the noun it measures, the verb it is the object of,
    or the subject of the "be" it completes (not "the town grew to 2 million", nor "2 million live there")."""
    measured = (span._.quantity.measures or "").split()
    if measured and measured[-1].lower() in MONEY_NOUNS:
        return True
    root = span.root
    if root.dep_ not in ("dobj", "pobj", "attr", "npadvmod", "appos"):
        return False
    heads = [root.head, root.head.head] if root.head.pos_ == "ADP" else [root.head]
    for head in heads:
        if head.lemma_.lower() in MONEY_VERBS or head.lemma_.lower() in MONEY_NOUNS:
            return True
        if head.lemma_.lower() == "put" and any(c.lower_ == "into" for c in head.children):
            return True  # "put 100 million into the film"
        ruler = head.head if head.dep_ == "xcomp" else head  # "the budget was meant to be 6-7 million"
        if head.lemma_.lower() == "be" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in MONEY_NOUNS
                                               for c in (*head.children, *ruler.children)):
            return True
    return False


def _story_money(spans: list[Span], span: Span) -> list[Span]:
    """The money amounts of the story the bare amount takes its currency from: all of them when the story writes
    one currency only, else the nearest before it."""
    money = [s for s in spans if s is not span and is_money(s._.quantity.unit)]
    if len({s._.quantity.unit for s in money}) == 1:
        return money
    before = [s for s in money if s.start < span.start]
    return before[-1:]


def _counts_a_noun(span: Span) -> bool:
    """"3.4 million hectares", "1.2 million of them": the number counts something written after it; not "a 516
    million surplus", where a singular noun after "a" says what the amount is."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.ent_type_ in ("DATE", "TIME") or nxt.tag_ == "NN" and span.start > 0
                            and doc[span.start - 1].lower_ in ("a", "an")):
        return False  # ("… from 16.12 million last year": when, not what)
    return nxt is not None and (nxt.pos_ in ("NOUN", "PROPN", "ADJ") or nxt.lower_ == "of")


def currency_of_the_story(doc: Doc, spans: list[Span], measures: Callable[[Span], str | None]) -> None:
    """Read shared currency words by the country of the amount, and join currency words the tables lack."""
    day = doc._.published or dt.date.today()
    countries = [c for c in doc.spans.get("countries", []) if len(c.label_) == 3]
    for k, span in enumerate(spans):
        q = span._.quantity
        if is_money(q.unit):
            word_at = span.end - 1
        elif q.unit == "count" and span.end < len(doc):
            word_at = next((c.end for c in countries if c.start == span.end), span.end)  # "… Kenya shillings"
        else:
            continue
        if word_at + 1 < len(doc) and word_at >= span.end and doc[word_at].text[:1].isupper() \
                and currency_word(doc[word_at].text) is None:
            word_at += 1  # "200 billion CFA francs": a qualifier before the currency word
        if word_at >= len(doc) or not doc[word_at].is_alpha or currency_word(doc[word_at].text) is None:
            continue
        code = _currency_here(doc, word_at, countries, spans, day)
        if code is None and not is_money(q.unit) and span[-1].lower_ in _LARGE_SCALES:
            code = only_currency(doc[word_at].text, day)  # ("3 marks" out of 10 is no money; "3 billion marks" is)
        if code is None:
            continue
        q.unit = code
        if word_at >= span.end:
            whole = doc[span.start:word_at + 1]
            whole._.quantity = q
            q.measures = measures(whole)
            spans[k] = whole


def _currency_here(doc: Doc, word_at: int, countries: list[Span], spans: list[Span], day: dt.date) -> str | None:
    """The currency the word at ``word_at`` names here, by the country written before it, in its sentence or in
    the story."""
    word = doc[word_at].text
    written = next((c.label_ for c in countries if c.end == word_at), None)
    if written is not None:
        return currency_of(word, [written], day)  # "Danish crowns", "Canadian dollars"
    sent = doc[word_at].sent
    if word.lower() in _USUAL:  # "… 8.8 billion Canadian dollars from 584 million dollars"
        same_word = currency_word(word)
        usual = tables().currency_words.get(word.lower())
        beside = {s._.quantity.unit for s in spans if sent.start <= s.start < sent.end and s.end - 1 != word_at
                  and currency_word(doc[s.end - 1].text) == same_word and s._.quantity.unit not in (usual, None)}
        return beside.pop() if len(beside) == 1 else None
    in_sentence = [c.label_ for c in countries if sent.start <= c.start < sent.end]
    return currency_of(word, in_sentence, day) or currency_of(word, [c.label_ for c in countries], day)
