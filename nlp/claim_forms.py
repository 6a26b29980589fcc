"""Pieces of text that are no claims by their form, whatever they say: rows of a table, verbless lines, captions,
sentences in another language, and words addressed to the reader ("You can download the app …", "Try the soup").

The finder in ``nlp/components/claims.py`` asks the first ones of each piece before scoring it;
``nlp/claim_filters.py`` asks `to_the_reader` and `about_the_reader` of a piece with no figure.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from nlp.claim_types import YEAR

# a caption's last words: the weekday, perhaps with its month and date ("…, Brazil, Thursday.", "…, Sunday, Aug.")
WEEKDAY_ENDING = re.compile(r",\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:,\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{1,2})?"
                            r"(?:,\s+\d{4})?)?\.?\s*$")
MIN_ROW_FIGURES = 3  # a verbless line with this many figures is a table row
DOUBLE_QUOTES = {"\"", "\u201c", "\u201d"}
QUOTE_MARKS = {"\"", "\u201c", "\u201d", "\u2018", "\u2019", "'"}
# words nearly every English sentence of eight words or more holds one of, and no Romance language has
ENGLISH_FUNCTION_WORDS = {"the", "of", "and", "to", "in", "is", "was", "for", "on", "with", "by", "that", "it", "at",
                          "from", "has", "have", "are", "were", "be", "been", "will", "said", "says", "this", "he",
                          "she", "they", "we", "i", "you", "not", "an", "his", "her", "their", "its", "or", "but",
                          "after", "who", "which"}
MIN_FOREIGN_WORDS = 8
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
REPORTING_LEMMAS = {"say", "tell", "add", "announce", "confirm", "report"}
STATING_LEMMAS = REPORTING_LEMMAS | {"state"}
# what the reader can do with the outlet or a product: "You can download the app …", "you can see in the video …"
READER_VERBS = {"download", "see", "watch", "find", "read", "calculate", "check", "send", "visit", "follow", "listen",
                "sign", "subscribe", "get", "order", "buy", "book", "contact", "call", "email", "share", "use", "try",
                "view", "hear", "learn", "register", "apply", "submit", "vote", "enter", "join", "grab"}


def verbless(span: Span) -> bool:
    """A piece with no verb at all: an address or a letter's date line ("Senate Finance Committee, Washington,
    May 2, 2031."), a team or cast list ("Lima: Ana Ruiz, Jorge Paz, …"), a memo's header, a caption's scene
    ("Mayor Ana Ruiz in her office before the vote.") or a line of a fact sheet ("Length: 212 m."): nothing in it
    is asserted."""
    return not any(t.pos_ in ("VERB", "AUX") for t in span)


def caption_fragment(span: Span) -> bool:
    """A sentence with no finite verb whose head is a thing shown, described by a participle: a picture's caption
    ("Another of the painted signs facing shoppers at the station.", "Some of the boats moored in the harbour."),
    with no figure; "Up 3% on the year, the best since 2019." keeps its figures, and so does a count in words the
    parser left without its verb ("A storm knocked over three tents at the fair." read as a storm described)."""
    root = span.root
    if root.pos_ in ("VERB", "AUX") or any(t.tag_ in FINITE_TAGS for t in span) \
            or any(ch.isdigit() for ch in span.text) \
            or any(t.like_num and t.lower_ != "one" and t.ent_type_ != "ORDINAL" for t in span):
        return False
    return any(t.dep_ == "acl" and t.tag_ in ("VBG", "VBN") for t in span)


def present_caption(span: Span) -> bool:
    """A sentence in the present tense that ends on the day its photo was taken, after a comma ("Aino Lehto clears
    the bar during the final at the Nordic Games in Harlby, Sweden, Saturday.", "…, Sunday, Aug."): a picture's
    caption. News prose tells the past ("won the final on Saturday"), and a speaker's words ("…, the ministry said
    Monday") are no caption."""
    root = span.root
    return bool(WEEKDAY_ENDING.search(span.text)) and root.tag_ in ("VBZ", "VBP") \
        and root.lemma_.lower() not in STATING_LEMMAS and not any(t.text in DOUBLE_QUOTES for t in span)


def not_english(span: Span) -> bool:
    """A sentence of some length with none of English's commonest words is in another language (a page that
    gives its statement again in Portuguese or French): nothing an English reader can check as written."""
    words = [t.lower_ for t in span if t.is_alpha]
    return len(words) >= MIN_FOREIGN_WORDS and not ENGLISH_FUNCTION_WORDS.intersection(words)


def table_row(span: Span) -> bool:
    """A row of a table or a list of figures with no verb ("Wheat 39.9, barley 12.0, total 51.9 (48.2).",
    "Japan 24%, Vietnam 46%, Chile 18%"): figures to read, not a claim anyone makes."""
    figures = sum(1 for t in span if t.like_num and not YEAR.fullmatch(t.text))
    return figures >= MIN_ROW_FIGURES and not any(t.pos_ in ("VERB", "AUX") for t in span)


def to_the_reader(span: Span, verbs: list[Token]) -> bool:
    """What the reader can do or is told to do: "You can download the app and share your photos", "In the clip
    you can see what the closure means", "On the site one can see who signed", an imperative ("If the long walk
    leaves you hungry, try the soup at the pier", "Try the fish soup"): an invitation or advice, nothing asserted."""
    root = span.root
    bare = not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in root.children)
    if root.tag_ == "VB" and bare and root.dep_ == "ROOT" and not any(t.dep_ == "mark" and t.head == root
                                                                      for t in span):
        first = next((t for t in span if not t.is_punct and t.text not in QUOTE_MARKS), None)
        before_root = [t for t in span if t.i < root.i and not t.is_punct]
        if first is not None and first.i == root.i or before_root and all(_under(t, root, "advcl") or t.lower_ == "please"
                                                for t in before_root):
            return True  # an imperative opening the sentence, or after a clause of condition ("If …, grab …",
            # "To follow the case, please visit …")
    return any(verb.lemma_.lower() in READER_VERBS
               and any(c.dep_ == "nsubj" and (c.lower_ == "you" or c.lower_ == "one" and c.tag_ == "PRP")
                       for c in verb.children)  # "one can see the map on the site": anyone, the reader
               and any(c.dep_ == "aux" and c.lower_ in ("can", "could", "may") for c in verb.children)
               for verb in verbs)


def about_the_reader(verbs: list[Token]) -> bool:
    """What the sentence tells is about "you" or "your" something: a horoscope's or an advice column's address to
    the reader ("You are testing a friend's patience", "Your instinct is right"), nothing a checker can look up."""
    for verb in verbs:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and (subject.lower_ == "you" or any(
                c.dep_ == "poss" and c.lower_ == "your" for c in subject.children)):
            return True
    return False


def _under(token: Token, root: Token, dep: str) -> bool:
    """`token` is inside a subtree hanging on `root` by `dep` (an "If …" clause before an imperative)."""
    while token.head.i != token.i and token.head.i != root.i:
        token = token.head
    return token.dep_ == dep or token.i == root.i

