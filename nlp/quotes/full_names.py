"""One name per person in an article's statements: a surname alone takes the full name another statement gives,
or the one the text writes where the model did not take it for a person."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from nlp.quotes.drafts import Draft
from nlp.quotes.lexicon import LEGAL_FORMS, Lexicon, lexicon
from nlp.quotes.quote_marks import QUOTE_CHARS


def surnames_to_full_names(drafts: list[Draft], doc: Doc | None = None) -> None:
    """A person another statement names in full speaks under that name when a statement has only the surname
    ("said Ada Quist … Quist added", where the model found the surname alone as a person): one canonical
    name per speaker in an article. A surname two full names share stays as it is."""
    full: dict[str, set[str]] = {}
    family_first: dict[str, dict[str, int]] = {}  # family name → full names with where each is first given
    lex = lexicon()
    for d in drafts:
        sp = d.speaker
        if sp is None or not sp.name or not (sp.person is not None or sp.kind in ("person", "organization")):
            continue
        name = sp.name.strip(QUOTE_CHARS)
        words = name.split()
        if sp.person is None and sp.kind == "organization" and not _looks_like_a_persons_name(words, lex):
            continue  # (a name the model took for an organization's counts when it reads like a person's)
        if sp.person is None and sp.kind == "organization":
            while len(words) > 2 and lex.is_title_head(words[0].lower()):
                words = words[1:]  # ("General Ada Quist": a title is no part of the name)
            name = " ".join(words)
        if name != sp.name:
            d.speaker = sp = replace(sp, name=name)  # ('" Ada Quist': a quote mark the entity took in)
        if len(words) >= 2 and words[-1][:1].isupper():
            full.setdefault(words[-1], set()).add(name)
            if len(words) <= 3 and words[0][:1].isupper() and not lex.is_first_name(words[0]):
                # "Bai Ming … Bai said": a family name written first (Chinese, Korean, Vietnamese names), when
                # the first word is nobody's given name
                given = family_first.setdefault(words[0], {})
                given[name] = min(given.get(name, d.start), d.start)
    for d in drafts:
        sp = d.speaker
        if sp is None or not sp.name or " " in sp.name \
                or not (sp.person is not None or sp.kind in ("person", "pronoun", "organization")):
            continue
        # (a family name only after its full name: "Li said" before "Li Dawei" is introduced is another Li)
        names = full.get(sp.name) or {n for n, at in family_first.get(sp.name, {}).items() if at < d.start}
        if not names and doc is not None and sp.kind in ("person", "pronoun") and sp.name[:1].isupper():
            names = full.setdefault(sp.name, _written_in_full(doc, sp.name, lex))
        if len(names) == 1:
            d.speaker = replace(sp, name=next(iter(names)))


def _written_in_full(doc: Doc, surname: str, lex: Lexicon) -> set[str]:
    """The full names the text writes for a surname where the model tagged the surname alone or took the name for
    something else ("Attorney Ilse Varga said" with "Varga" the only person, "Vestland's Callum Harker" as
    an organization): a first word right before it that is a known first name, or a proper noun inside a
    sentence, and no title, rank, nationality or cue."""
    found = set()
    for tok in doc:
        if tok.text != surname or tok.i == 0 or tok.pos_ != "PROPN" and tok.ent_type_ not in ("PERSON", "ORG"):
            continue  # (not "the Department, which reported …")
        first = doc[tok.i - 1]
        low = first.lower_
        if not (first.is_alpha and first.text[:1].isupper() and first.whitespace_) or lex.is_title_head(low) \
                or low in lex.title_modifiers or low in lex.honorifics or first.text in lex.nationals \
                or lex.cue_class(first.lemma_) or first.ent_type_ in ("GPE", "NORP", "DATE"):
            continue
        if lex.is_first_name(low) or first.pos_ == "PROPN" and not first.is_sent_start:
            found.add(f"{first.text} {surname}")
    return found


_FIRM_WORDS = LEGAL_FORMS | {"group", "holdings", "partners", "associates", "brothers", "bros", "securities",
                            "capital", "institute", "foundation"}


def _looks_like_a_persons_name(words: list[str], lex: Lexicon) -> bool:
    """Two to four capitalised words with no word of a firm's or institution's name ("Ada Quist", not "Morgan
    Stanley Group" or "Bank Negara")."""
    bare = [w.strip(".,").lower() for w in words]
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and not w.lower().endswith(("'s", "’s")) for w in words) \
        and not any(w in _FIRM_WORDS or w in lex.company_nouns or w in lex.institution_nouns for w in bare)
