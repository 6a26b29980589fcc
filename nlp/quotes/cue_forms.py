"""Cue forms beyond a reporting verb with its subject: a verb that reports only with its particle ("pointed
out"), a verb of judgement quoting the speaker's word ('labelled the move “disappointing”', 'described the
duties as “unfair”'), and the one a "with" phrase names before a participle cue ("…, with its governor, X,
saying …"). Helpers of ``Attributor`` (``attribution.py``), which passes its lexicon and cue test.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from nlp.quotes.lexicon import Lexicon

# verbs that pass judgement in a word or two the speaker used: 'labelled the move “disappointing.”'
EVALUATIVE_CUES = {"label", "describe", "call", "term", "dub", "brand", "characterize", "characterise"}


def phrasal_cue(tok: Token, lex: Lexicon) -> bool:
    """A verb that reports speech only with its particle: "pointed out that …", "spelled out", "went on"."""
    particle = lex.phrasal.get(tok.lemma_.lower())
    return particle is not None and any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


def with_doer(cue: Token, lex: Lexicon) -> Token | None:
    """The one a "with" phrase right before a participle cue names: "The board held the rate, with its
    governor, X, saying …" is the governor's (the parser hangs the participle on the main verb, whose subject
    did not speak). Only a person, a body or a title word ("with prices rising, saying" has no such one)."""
    if cue.tag_ != "VBG" or cue.dep_ != "advcl":
        return None
    doc = cue.doc
    prep = next((c for c in cue.head.children if c.dep_ == "prep" and c.lower_ == "with" and c.i < cue.i
                 and all(t.is_punct for t in doc[c.right_edge.i + 1:cue.i])), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or not (obj.ent_type_ in ("PERSON", "ORG") or obj.pos_ in ("PROPN", "PRON")
                           or lex.is_title_head(obj.lower_) or obj.lemma_.lower() in lex.voice_nouns):
        return None
    return obj


def judgement(cue: Token, inner: str) -> bool:
    """A word or two of the speaker's own that a verb of judgement quotes ('labelled the move “disappointing.”',
    'described the demands as “not acceptable”'): a statement, unlike a name ('declared “Liberation Day”') or
    'what he called “hidden barriers”', where the writer only borrows a phrase."""
    so_called = cue.i > 0 and cue.doc[cue.i - 1].lower_ in ("-", "so")  # 'the so-called “reciprocal” levy'
    return (cue.lemma_.lower() in EVALUATIVE_CUES and inner[:1].islower() and not looks_like_title(inner)
            and not so_called and cue.dep_ not in ("amod", "compound")
            and not any(c.lower_ == "what" for c in cue.children))


def judged_as(toks: list[Token], is_cue: Callable[[Token], bool]) -> bool:
    """'described the measures as “unjustified”', 'characterized the talks as an “exceptional package”': the
    words before the mark (``toks``) end with "as" (and an article) on a verb of judgement, which quotes the
    speaker's word for its object."""
    if len(toks) > 1 and toks[-1].lower_ in ("a", "an") and toks[-2].lower_ == "as":
        toks = toks[:-1]
    if not toks or toks[-1].lower_ != "as" or toks[-1].dep_ != "prep":
        return False
    up = [toks[-1].head]  # (up through "the measures outlined as …" to the verb)
    while len(up) < 3 and up[-1].head.i != up[-1].i:
        up.append(up[-1].head)
    verb = next((t for t in up if t.lemma_.lower() in EVALUATIVE_CUES), None)
    if verb is not None and verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "agent") for c in verb.children):
        # "tariffs widely described as ‘punitive’", "was described as": the writer's hedge, no one's judgement
        # (but "has described the duties as …" is the subject's)
        return False
    return verb is not None and is_cue(verb)


def looks_like_title(inner: str) -> bool:
    """A short quoted phrase in Title Case names a show, book, song or slogan."""
    words = re.findall(r"[\w'’-]+", inner)
    if not words or len(words) > 7:
        return False
    small = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "is", "at", "with", "it's", "it", "or"}
    content = [w for w in words if w.lower() not in small]
    caps = sum(1 for w in content if w[:1].isupper())
    return len(content) >= 2 and caps == len(content) and not inner.rstrip().endswith(("?", "!"))
