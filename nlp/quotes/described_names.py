"""A name the parser left out of its clause, with the description set off after it taken for the subject.

News introduces an organization or a person with a description set off by commas: "Norland Capital (NC), a
private-equity firm, said …". When a fronted phrase precedes the name ("In May Norland Capital …", "On
March 3rd Kestrel …"), the small parser makes the name that phrase's object and the description ("a
private-equity firm") the subject of the verb, or leaves the verb with no subject at all and the description of
a name further in the chain next to it ("Kestrel, a chip designer owned by Harrow, a Japanese investment group,
announced …"). The description is not who speaks: the name it describes is.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from nlp.quotes.lexicon import lexicon

_INDEFINITE = ("a", "an", "another")
_BRACKET_TOKENS = 5  # "(NC)", "(S&P)": how far back an opening bracket is looked for


def described_name(tok: Token) -> Token:
    """The name an indefinite description set off by a comma describes ("X, a bank," → X), following "owned
    by Y, a Z" back to what was owned; else ``tok`` itself."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in tok.children):
        return tok
    doc = tok.doc
    k = tok.left_edge.i - 1
    if k < 1 or doc[k].text != ",":
        return tok
    k -= 1
    if doc[k].text == ")":  # "Norland Capital (NC), a firm"
        opening = next((j for j in range(k - 1, max(-1, k - _BRACKET_TOKENS), -1) if doc[j].text == "("), None)
        if opening is None or opening < 1:
            return tok
        k = opening - 1
    name = doc[k]
    if name.pos_ != "PROPN" or name.ent_type_ in ("DATE", "TIME") or name.dep_ in ("nsubj", "nsubjpass") \
            or name.sent.start != tok.sent.start:
        return tok
    # "Kestrel, a chip designer owned by Harrow, a Japanese investment group, announced": Harrow's description
    # describes Harrow, and Harrow is only the owner of what the sentence is about
    while name.dep_ == "pobj" and name.head.dep_ in ("agent", "prep") and name.head.head.dep_ == "acl" \
            and name.head.head.head.dep_ == "appos" and name.head.head.head.head.pos_ == "PROPN":
        name = name.head.head.head.head
    if name.dep_ == "pobj" and not _fronted_date(name):
        return tok  # the name is the object of something else ("a deal with X, a firm,")
    return name


def _fronted_date(name: Token) -> bool:
    """The name is the object of a preposition that opens the sentence with a date: "In May X", "On March 3rd X"."""
    prep = name.head
    first = next((t for t in name.sent if not t.is_punct and not t.is_space), None)
    between = name.doc[prep.i + 1:name.i]
    return first is not None and first.i == prep.i and len(between) > 0 and between[0].ent_type_ in ("DATE", "TIME")


# what news calls a firm or body when it introduces one ("Harrow, a consultancy, …"), beyond the lexicon's nouns
_KINDS_OF_ORGANIZATION = frozenset({"consultancy", "think-tank", "outfit", "provider", "platform", "publication",
                                    "magazine", "newspaper", "ngo", "charity", "start-up", "portal", "broadcaster"})
_PEOPLE_TOO = frozenset({"producer"})  # a film producer is a person


@lru_cache(maxsize=1)
def _organization_kinds() -> frozenset[str]:
    lex = lexicon()
    return frozenset((lex.company_nouns | lex.institution_nouns | _KINDS_OF_ORGANIZATION) - _PEOPLE_TOO)


def described_as_organization(span: Span) -> bool:
    """The name is set off with a description of a firm or body right after it: "Harrow, a data provider,",
    "Kell (KL), the lender," (not "X of the Y Institute, a charity": the charity is the institute)."""
    kinds = _organization_kinds()
    doc = span.doc
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and (c.lemma_.lower() in kinds or _kind_word(c) in kinds)
               and c.left_edge.i > span.end and all(t.is_punct or t.text.isupper() for t in doc[span.end:c.left_edge.i])
               for c in span.root.children)


def _kind_word(tok: Token) -> str:
    """The word a description turns on, with the word a hyphen joins to it: the tokenizer splits "think-tank" and
    "start-up", and the parser makes "tank" and "up" the head."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and not doc[tok.i - 2].whitespace_:
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return tok.lower_


def name_after_addressee(subj: Token) -> Token:
    """"In a letter to chairman Veli Ranta, Mayor Aino Lehto wrote: …": the parser may take the one written or
    spoken to (the object of a preposition) for the subject and the name set off after it for an appositive;
    that name speaks. Any other subject is returned as it is."""
    doc = subj.doc
    before = doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else None
    if before is None or before.pos_ != "ADP" or before.i == subj.head.i:
        return subj
    return next((c for c in subj.children if c.dep_ == "appos" and c.i > subj.i and doc[c.left_edge.i - 1].text == ","
                 and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")), subj)
