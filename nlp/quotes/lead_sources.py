"""A lead that gives its source by description and the next paragraph that names it.

News leads often say who spoke only by role or kind ("…, the health secretary has said.", "…, a report
says.", "…, the audit watchdog warned.") and name the source at the start of the next paragraph ("Ana Ruiz
said …", "The National Audit Office said …"). The description is that source wherever it speaks.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from nlp.quotes.drafts import Draft
from nlp.quotes.lexicon import Lexicon
from nlp.quotes.speakers import Speaker, SpeakerResolver

LEAD_PARAGRAPHS = 2  # a headline line, then the lead
SENTENCES_READ = 2  # of the next paragraph: where its source is named


def name_lead_sources(drafts: list[Draft], paras: list[tuple[int, int]], resolver: SpeakerResolver,
                      lex: Lexicon) -> None:
    """Give a lead's described source the name the next paragraph gives it, in every statement it speaks."""
    starts = [s for s, _ in paras]
    ordered = sorted((d for d in drafts if d.follows is None), key=lambda d: d.start)
    for d in ordered:
        para = bisect_right(starts, d.start) - 1
        if para >= LEAD_PARAGRAPHS:
            break
        kind = _described_source(d, lex)
        if kind is None or para + 1 >= len(paras):
            continue
        named = _named_next(ordered, paras[para + 1], kind, resolver, lex, d)
        if named is None:
            continue
        written = d.speaker.name.lower()
        for other in drafts:
            sp = other.speaker
            if sp is not None and sp.name and sp.name.lower() == written and sp.person is None:
                other.speaker = replace(named, span=sp.span)


def _described_source(d: Draft, lex: Lexicon) -> str | None:
    """"person" for an unresolved singular role ("the trade secretary"), "source" for a document or an
    institution described by its kind ("a report", "a committee of MPs"), else None."""
    sp, head = d.speaker, d.speaker_head
    if sp is None or head is None or sp.person is not None or sp.kind not in ("other", "organization") \
            or not sp.name:
        return None
    if head.lower_ == "one":  # "one of the world's leading rating agencies": an agency
        head = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), head)
        if head.tag_ == "NNS" and head.lemma_.lower() in lex.company_nouns | lex.institution_nouns:
            return "source"
    if head.tag_ not in ("NN", "NNP") or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    word = head.lower_
    if lex.is_title_head(word) and word not in lex.voice_nouns and word not in lex.spokespeople:
        return "person"  # ("the Trade and Industry Secretary": taken for an organization by its capitals)
    if sp.kind != "other":
        return None
    lemma = head.lemma_.lower()
    if lemma in lex.document_nouns or lemma in lex.institution_nouns or lemma in lex.company_nouns \
            or lex.is_body_noun(lemma):
        return "source"
    return None


def _named_next(ordered: list[Draft], para: tuple[int, int], kind: str, resolver: SpeakerResolver,
                lex: Lexicon, lead: Draft):
    """The speaker the paragraph after the lead names in its first sentences: a person for a role, an
    organization (or a document's author) for a document or an institution."""
    start, end = para
    span = resolver.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sents = list(span.sents)[:SENTENCES_READ]
    if not sents:
        return None
    limit = sents[-1].end_char
    for d in ordered:
        if d.start < start or d.speaker is None or not d.speaker.name:
            continue
        if d.start >= limit:
            break
        sp = d.speaker
        if sp.name.lower() == lead.speaker.name.lower():
            continue
        if kind == "person" and sp.person is not None and _fits(sp.person, lead, resolver):
            return sp
        if kind == "source" and (sp.kind == "organization" or sp.person is not None
                                 and lead.speaker_head.lemma_.lower() in lex.document_nouns):
            return sp
    # "Ana Ruiz is expected to …", "Nordic Ratings has raised …": the subject of the paragraph's first sentence,
    # whether or not it speaks
    root = sents[0].root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    person = resolver.by_token.get(subject.i)
    if kind == "person" and person is not None and _fits(person, lead, resolver):
        return resolver._found(person, subject, "description", resolver.mention_span(subject))
    if kind == "source" and person is None and subject.ent_type_ == "ORG":
        span = resolver.mention_span(subject)
        return Speaker(name=resolver._organization_name(span), kind="organization", span=span)
    return None


def _fits(person, lead: Draft, resolver: SpeakerResolver) -> bool:
    """The person has no title of their own, or one the lead's role word fits (a secretary of state is a
    minister: "the trade secretary" … "the minister")."""
    words = resolver._title_words(person)
    return not words or resolver.office_fits(lead.speaker_head.lower_, words)
