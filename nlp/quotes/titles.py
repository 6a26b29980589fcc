"""The roles the text gives people: titles before a name ("Treasury Secretary Scott Bessent", "Chinese
vice-premier …", "Chancellor of the Exchequer …"), in apposition ("the Fed chair, Jerome Powell,", "Mara Quist, a
research fellow for …"), in a relative clause or said with "is". A title's organization and country, and a bare
"Governor" given the central bank the story is about, are read by ``title_organizations.py``. Used by
``people.py``, which groups the names.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from nlp.quotes.entities import entity_bounds
from nlp.quotes.lexicon import OUTLETS, PERSONAL_HONORIFICS, Lexicon
from nlp.quotes.roles import (OWNER_PRONOUNS, Role, current_after_former, ends_in_service_tail, headed_by, held_before,
                              only_a_rank, organization_after_name, role_from, who_heads)
from nlp.quotes.title_organizations import country_code  # noqa: F401  (callers import it from here)
from nlp.quotes.title_organizations import ELECTED_FROM, POSTED_TO


def title_for(doc: Doc, name: Span, honorifics: list[str], lex: Lexicon) -> Role:
    """The role the text gives a name: pre-name title, appositive after, or title-comma-name; a title that
    names its portfolio before the name ("Minister for Trade and Industry X") whole."""
    role = _first_title(doc, name, honorifics, lex)
    portfolio = _title_with_portfolio(doc, name, lex) or _title_with_lower_portfolio(doc, name, lex)
    if portfolio is not None and (not role.title or len(portfolio.text) > len(role.title)
                                  and role.title.split()[-1].lower() in portfolio.text.lower()):
        role = role_from(doc, portfolio, lex)
    if role.title and role.organization is None and role.span is not None and role.span[1] <= name.start_char:
        organization_after_name(doc, name, role, lex)
    return _with_listed_portfolios(doc, role)


def _first_title(doc: Doc, name: Span, honorifics: list[str], lex: Lexicon) -> Role:
    for finder in (_title_before, _appositive_after, _title_comma_before, _shared_title, _title_of_a_group,
                   who_heads, headed_by, predicate_title):
        role = finder(doc, name, lex)
        if role.title and finder is _appositive_after:
            role = current_after_former(doc, role, lex)
            if held_before(doc, name):
                now = predicate_title(doc, name, lex)  # "X, who served as finance minister, is now governor …"
                role = now if now.title else role
        if role.title and finder is _title_before and only_a_rank(role.title):
            role = _post_beside_rank(doc, name, role, lex)
        if role.title and _ends_in_weak_head(role.title, lex) and finder is not who_heads:
            heads = who_heads(doc, name, lex)  # "fellow party member X, who heads the Commission,": the office
            return heads if heads.title else role
        if role.title:
            return role
    strong = [h for h in honorifics if h in lex.title_heads or h in lex.abbreviated_heads]  # ("Gen. X", "Col. Y")
    if strong:
        return Role(title=strong[-1].capitalize())
    return Role()


def _post_beside_rank(doc: Doc, name: Span, rank: Role, lex: Lexicon) -> Role:
    """"Professor X, director at the Y centre,", "the chief of training of the Z, Brigadier General X,": the post
    set off after the name or before the rank, which the rank yields to."""
    post = _appositive_after(doc, name, lex)
    title = doc.char_span(*rank.span, alignment_mode="expand") if rank.span is not None and not post.title else None
    if title is not None and title.end == name.start:
        post = _title_comma_before(doc, doc[title.start:name.end], lex)
    return post if post.title else rank


# Titles that name their portfolio before the name: "Australian Minister for Trade and Industry Ana Bell",
# "Secretary of State for Health Tom Ward" (``_title_before`` stops at the preposition), and portfolios listed
# with commas after "of"/"for".
_LINKS = ("for", "of")
_PORTFOLIO_JOINS = ("and", "&", ",", "the")
_MAX_PORTFOLIO = 10  # tokens between the head and the name


def _title_with_portfolio(doc: Doc, name: Span, lex: Lexicon) -> Span | None:
    """The span "[modifiers] Head for|of [the] Portfolio …" that ends right before the name, if any."""
    start = name.sent.start
    j = name.start - 1
    if j > start and doc[j].text == ",":
        j -= 1  # "Qatar's Minister of State for Energy Affairs, Khalid Nasser,"
    capitals = 0
    while j > start and name.start - j <= _MAX_PORTFOLIO:
        tok = doc[j]
        if tok.lower_ in _LINKS and _strong_capital_head(doc[j - 1], lex):
            break  # ("Minister of State for Finance": "for" follows "State", no head; "of" follows "Minister")
        if tok.lower_ in _LINKS and j + 1 < name.start and doc[j + 1].text[:1].isupper():
            j -= 1
            continue
        if tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ") and not lex.is_title_head(tok.lower_) \
                and (tok.ent_type_ != "PERSON" or tok.lower_ in lex.title_modifiers or _run_into_name(doc, j, name)):
            capitals += 1
        elif tok.lower_ not in _PORTFOLIO_JOINS or j == name.start - 1 or tok.text == "," and j == name.start - 2:
            return None
        j -= 1
    if j <= start or doc[j].lower_ not in _LINKS or not capitals or doc[j + 1].lower_ in ("and", ","):
        return None
    head = doc[j - 1]
    if not _strong_capital_head(head, lex):
        return None
    return doc[_title_start(doc, head.i, start, lex):name.start]


def _title_start(doc: Doc, head: int, start: int, lex: Lexicon) -> int:
    """Where a title whose head word is at ``head`` begins: its modifiers, the words a hyphen joins to it
    ("Under-Secretary", "vice-minister") and a country owning it ("South Africa's director-general")."""
    first = head
    k = head - 1
    while k >= start:
        tok = doc[k]
        if joining_hyphen(doc, k) and k - 1 >= start:
            first = k - 1  # the word the hyphen joins is the title's, whatever it is ("Under-Secretary")
            k -= 2
            continue
        if tok.lower_ in lex.title_modifiers or lex.is_title_head(tok.lower_) \
                or tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN") and tok.ent_type_ != "PERSON" \
                or tok.text == "Under" and k + 1 < len(doc) and lex.is_title_head(doc[k + 1].lower_):
            # ("Deputy Under Secretary for Energy")
            first = k
        elif tok.tag_ == "POS" and k > start and (doc[k - 1].ent_type_ == "GPE" or _in_a_country(doc[k - 1])):
            first = k - 1  # "Japan's Vice Minister for …"
            while first > start and doc[first].ent_iob_ == "I" and doc[first - 1].ent_type_ == doc[first].ent_type_:
                first -= 1  # "South Africa's": the whole name
            k = first
        else:
            break
        k -= 1
    while first < head and doc[first].lower_ == "the":
        first += 1
    return first


def _title_with_lower_portfolio(doc: Doc, name: Span, lex: Lexicon) -> Span | None:
    """"Japan's vice-minister of finance for international affairs Kenji Mori", "director-general of trade Alice
    Wanjiru": a role word, then "of"/"for" and a portfolio in lower case that runs into the name."""
    start = name.sent.start
    j = name.start - 1
    if j <= start or not _lower_portfolio_word(doc[j], lex):
        return None
    while j > start + 1 and name.start - j <= _MAX_PORTFOLIO:
        tok = doc[j]
        if tok.lower_ in _LINKS:
            head = j - 1
            if _lower_head(doc, head, lex):
                return doc[_title_start(doc, head, start, lex):name.start]
        elif not (_lower_portfolio_word(tok, lex) or tok.lower_ in ("and", "&", "the")):
            return None
        j -= 1
    return None


def _lower_portfolio_word(tok, lex: Lexicon) -> bool:
    """A lower-case noun or adjective of a portfolio ("finance", "international", "affairs"), no role word."""
    return tok.is_lower and tok.is_alpha and tok.pos_ in ("NOUN", "ADJ", "PROPN") and not lex.is_title_head(tok.lower_)


def _lower_head(doc: Doc, i: int, lex: Lexicon) -> bool:
    """A role word at token i that can head a title with its portfolio: "minister", "vice-minister",
    "director-general" (whose last part alone is a loose one), "chief" and "head" ("chief of staff X")."""
    low = doc[i].lower_
    if not lex.is_title_head(low):
        return False
    return low not in lex.weak_heads or low in ("chief", "head") or i >= 2 and joining_hyphen(doc, i - 1) and lex.is_title_head(doc[i - 2].lower_) \
        and doc[i - 2].lower_ not in lex.weak_heads


def _run_into_name(doc: Doc, j: int, name: Span) -> bool:
    """Token j, right before the name after a portfolio's "and"/"of", opens the model's person entity that the
    name ends: "Minister of Energy and Mines Subroto" tagged "Mines Subroto"."""
    return j == name.start - 1 and j > 0 and doc[j].ent_iob_ == "B" and doc[name.start].ent_iob_ == "I" \
        and doc[j - 1].lower_ in ("and", "&", "of", "for")


def _in_a_country(tok) -> bool:
    """The token is part of a country's name as the countries component found it (an acronym tagged ORG)."""
    return any(c.start <= tok.i < c.end for c in tok.doc.spans.get("countries", []))


def _strong_capital_head(tok, lex: Lexicon) -> bool:
    """A capitalised role word that is no loose one ("Minister", "Secretary"; not "Head", "Chief")."""
    return tok.text[:1].isupper() and lex.is_title_head(tok.lower_) and tok.lower_ not in lex.weak_heads


def _with_listed_portfolios(doc: Doc, role: Role) -> Role:
    """"minister of Labour, Migration and Social Affairs": capitalised portfolios after the title's last one, joined
    by commas and a final "and", belong to it."""
    if not role.title or role.span is None or not any(w in role.title.split() for w in _LINKS):
        return role
    end = doc.char_span(role.span[0], role.span[1], alignment_mode="expand")
    if end is None or not end.text[-1:].isalpha() or not end[-1].text[:1].isupper():
        return role
    k = end.end
    last = None
    while k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].text[:1].isupper() and doc[k + 1].ent_type_ != "PERSON":
        k += 2
        while k < len(doc) and doc[k].text[:1].isupper() and doc[k].ent_type_ != "PERSON":
            k += 1
        if k + 1 < len(doc) and doc[k].lower_ in ("and", "&") and doc[k + 1].text[:1].isupper():
            k += 2
            while k < len(doc) and doc[k].text[:1].isupper() and doc[k].ent_type_ != "PERSON":
                k += 1
            last = k
            break
    if last is None:
        return role
    whole = doc[end.start:last]
    role.title = whole.text
    role.span = (whole.start_char, whole.end_char)
    return role


# honorifics that stand before a name, never the last word of a title ("Attorney General" keeps "General")
_NAME_HONORIFICS = PERSONAL_HONORIFICS | {"hon.", "rev.", "amb.", "atty.", "sheikh", "sheik", "prince", "princess",
                                         "emir"}
_TITLE_STOP = {"the", "a", "an", "this", "that", "and", "or", "but", "said", "says", "told", "with", "by", "to"}


def _another_person_doing(doc: Doc, tok, name: Span) -> bool:
    """The token ends another person's name that a verb follows before ``name`` ("Ana Brek leading President X";
    not "Lib Dem leader X", a party the model took for a person)."""
    if tok.ent_type_ != "PERSON":
        return False
    end = entity_bounds(tok)[1]
    return tok.i == end - 1 and end < name.start and doc[end].is_lower and doc[end].tag_.startswith("VB")


def _rank(tok, lex: Lexicon) -> bool:
    """A rank written short before a name ("Gen.", "Lt", "Col."): an honorific that is no role word."""
    return tok.lower_ in lex.honorifics and tok.text[-1:] == "." or tok.lower_ in _SHORT_RANKS


_SHORT_RANKS = frozenset({"gen", "lt", "col", "maj", "brig", "adm", "capt", "sgt", "cpl", "cmdr", "cdr"})


def _title_before(doc: Doc, name: Span, lex: Lexicon) -> Role:
    first = name.start
    j = name.start - 1
    listed = False  # portfolios joined by "and" read: a comma before them lists more
    while j >= max(name.sent.start, name.start - 12):
        tok = doc[j]
        low = tok.lower_
        if tok.tag_ == "POS" or low in ("'s", "’s"):
            j -= 1
            continue
        if tok.text == ")" and j >= 2 and doc[j - 2].text == "(" and doc[j - 1].text.isupper() and first == j + 1:
            j -= 3  # "Reserve Bank of India (RBI) Governor Shaktikanta Das": the acronym inside the title
            continue
        if low in ("and", "&") and first == j + 1 and _joined_portfolios(doc, j, name, lex):
            j -= 1  # "Business and Trade Secretary Jonathan Reynolds": two portfolios of one title
            listed = True
            continue
        if listed and low == "," and first == j + 1 and j > name.sent.start and _field_word(doc[j - 1], lex):
            j -= 1  # "Environment, Water and Climate Minister X": a list of its portfolios
            continue
        if low in ("and", "&") and first == j + 1 and _first_of_two_posts(doc, j, name, lex) \
                and _has_head(doc[first:name.start], lex):
            j -= 1  # "State Councilor and Foreign Minister Wang Yi": two posts held at once are one title
            continue
        if tok.ent_type_ == "ORG" and tok.ent_iob_ == "I" and first == j + 1 and not tok.like_num:
            ent_start = entity_bounds(tok)[0]
            if ent_start >= name.sent.start:
                # "The Council on Foreign Trade Relations Executive Director X": the whole organization, its
                # "on"/"and" included
                first = ent_start + (1 if doc[ent_start].lower_ == "the" else 0)
                j = ent_start - 1
                continue
        if joining_hyphen(doc, j) and first == j + 1:
            j -= 1  # "vice-premier Wang Tao", "Secretary-General Ana Ruiz": the word before is part of the title
            continue
        if low == "the" and j > name.sent.start and doc[j - 1].lower_ == "of" and j + 1 < name.start \
                and doc[j + 1].text[:1].isupper():
            j -= 1  # "Chancellor of the Exchequer Rachel Moore", "President of the Commission X"
            continue
        if _posted_to_a_place(doc, j, name) or low == "the" and j > 0 and _posted_to_a_place(doc, j - 1, name):
            j -= 1  # "Chilean Ambassador to Peru Ana Ruiz", "Consul General in Houston Li Wei": where the post is
            continue
        if low in _TITLE_STOP or tok.is_punct and low not in ("-",) or tok.like_num:
            break
        if _another_person_doing(doc, tok, name):
            while first < name.start and doc[first].tag_.startswith("VB") and doc[first].is_lower:
                first += 1
            break  # ("polls showed Sen. Ana Brek leading President Tom Hale": her name and what she does end his title)
        if low == "of" and j + 1 < name.start and (doc[j + 1].text[:1].isupper() or doc[j + 1].lower_ == "the"
                                                   and j + 2 < name.start and doc[j + 2].text[:1].isupper()):
            j -= 1
            continue
        if low in lex.title_heads or low in lex.title_modifiers or lex.is_title_head(low):
            first = j
        elif (low in lex.institution_nouns or low == "central" and doc[j + 1].lower_ == "bank") \
                and doc[j + 1].lower_ != "of":  # ("the office of Trade Minister X" is not his title)
            first = j  # "Foreign ministry spokesperson Lin Jian", "central bank governor Ana Ruiz"
        elif tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN", "VERB", "X") \
                and tok.ent_type_ not in ("DATE", "TIME"):  # ("In November President X": when is no title)
            first = j
        elif tok.is_lower and first == j + 1 and first <= tok.head.i < name.end and (
                tok.pos_ == "NOUN" and tok.dep_ == "compound"
                or tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.head.dep_ == "compound"):
            # "chief debt negotiator X", "former party leader Y", "corporate affairs minister Z": words naming the
            # field of the role (not "embattled", which describes the holder)
            first = j
        else:
            break
        j -= 1
    span = _without_what_of(doc[first:name.start], lex)
    while len(span) and (span[0].lower_ == "of" or span[0].tag_ == "POS"):
        span = span[1:]
    while len(span) > 1 and (span[-1].lower_ in _NAME_HONORIFICS and lex.is_title_head(span[-2].lower_)
                             or _rank(span[-1], lex) and _has_head(span[:-1], lex)):
        # "Energy Minister Prince X", "Finance Minister Dr. Y": the honorific goes with the name; "Former
        # President Gen. X": the rank too
        span = span[:-1]
    if not _has_head(span, lex):
        return Role()
    role = role_from(doc, span, lex)
    # one person's title is singular even when written for two ("chief negotiators Anna Berg and ...")
    words = role.title.split()
    if words and words[-1].lower() in lex.plural_heads:
        words[-1] = lex.plural_heads[words[-1].lower()]
        role.title = " ".join(words)
    return role


def _first_of_two_posts(doc: Doc, j: int, name: Span, lex: Lexicon) -> bool:
    """The "and" at token j ends a capitalised post ("Vice President", "Minister of Commerce") that the holder
    has besides the next; not a post of someone else ("the President and Finance Minister X" are two people)."""
    k = j - 1
    if k > name.sent.start + 1 and doc[k - 1].lower_ == "of" and doc[k].text[:1].isupper():
        k -= 2  # "Minister of Commerce and …"
    if k < name.sent.start or not _strong_capital_head(doc[k], lex):
        return False  # ("Chairman and CEO X" may open the sentence)
    while k > name.sent.start and doc[k - 1].lower_ not in _DETERMINERS and (
            doc[k - 1].text[:1].isupper() or doc[k - 1].lower_ in lex.title_modifiers):
        k -= 1
    return doc[k - 1].lower_ not in _DETERMINERS if k > 0 else True


_DETERMINERS = ("the", "a", "an", "this", "that", "both")


def _posted_to_a_place(doc: Doc, j: int, name: Span) -> bool:
    """Token j is the "to"/"in" of a capitalised post before the name that names where it is held ("Ambassador
    to the United States", "Consul General in Houston"), or the "from" of a member's seat ("Senator from
    Vermont"), the place itself capitalised."""
    heads = POSTED_TO.get(doc[j].lower_) or (ELECTED_FROM if doc[j].lower_ == "from" else None)
    if heads is None or j < 1 or j + 1 >= name.start or not doc[j - 1].text[:1].isupper():
        return False
    head = doc[j - 1].lower_
    if head == "general" and not (j >= 2 and doc[j - 2].lower_ in ("consul", "-")):
        return False  # ("Attorney General in Ohio" is no post held in a place)
    place = doc[j + 1:name.start]
    if place[0].lower_ == "the":
        place = place[1:]
    return head in heads and len(place) > 0 and all(t.text[:1].isupper() or t.text in ("(", ")") for t in place)


def _head_of_organization(span: Span, lex: Lexicon) -> bool:
    """A title whose head comes first and names its organization after "of"/"at" ("governor of the Bank of
    Portugal", "deputy head of the agency"), or the place it is posted to ("ambassador to Peru"), perhaps after
    its owner ("Norway's former head of …", "Chile's envoy to the UN")."""
    owner = next((t.i - span.start + 1 for t in span[:4] if t.tag_ == "POS" or t.lower_ in ("'s", "’s")), 0)
    if any(t.lower_ in ("of", "at") and lex.is_title_head(span.doc[t.i - 1].lower_)
           for t in span[owner + 1:owner + 3]) and any(t.text[:1].isupper() or t.lower_ in lex.institution_nouns
                                                       or t.lower_ in lex.org_nouns for t in span[owner:]):
        return True  # ("a member of the board, X,")
    return any(t.lower_ in POSTED_TO and span.doc[t.i - 1].lower_ in POSTED_TO[t.lower_]
               and span[-1].text[:1].isupper() for t in span[owner + 1:owner + 3])


def joining_hyphen(doc: Doc, j: int) -> bool:
    """Token j is a hyphen inside a word ("vice-premier", "Director-General"), not a dash between words."""
    return doc[j].text == "-" and 0 < j < len(doc) - 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_


def _ends_in_weak_head(title: str, lex: Lexicon) -> bool:
    """The title's last role word is a loose one ("fellow party member", "party chief")."""
    heads = [w for w in title.lower().replace("’s", " ").replace("'s", " ").split() if lex.is_title_head(w)]
    return bool(heads) and heads[-1] in lex.weak_heads


def only_weak_head(title: str, lex: Lexicon) -> bool:
    """A title whose role words are all loose ones ("central bank chief", "head of the bank")."""
    heads = [w for w in title.lower().replace("’s", " ").replace("'s", " ").split() if lex.is_title_head(w)]
    return bool(heads) and all(w in lex.weak_heads for w in heads)


def pre_name_or_apposed(doc: Doc, name: Span) -> bool:
    """A title may stand next to this mention: a word before it or a comma after it."""
    before = doc[name.start - 1] if name.start > 0 else None
    return before is not None and not before.is_punct and not before.is_space or \
        name.end < len(doc) and doc[name.end].text == ","


def _joined_portfolios(doc: Doc, j: int, name: Span, lex: Lexicon) -> bool:
    """The "and" at token j joins two fields of one title ("Business and Trade Secretary X", "Rivers and Dams
    Minister X"): capitalised field words on both sides, those after it running into the title's one role word
    right before the name. The model's organization or nationality tags on such words do not count against
    them; a person, place or role word before "and" is someone else ("Ana Bell and Finance Minister X")."""
    if j <= name.sent.start or j + 1 >= name.start:
        return False
    if _portfolio(doc[j - 1], lex) and _portfolio(doc[j + 1], lex):
        return True
    after = doc[j + 1:name.start]
    return len(after) > 1 and _field_word(doc[j - 1], lex) and all(t.text[:1].isupper() for t in after) \
        and [t.i for t in after if lex.is_title_head(t.lower_)] == [name.start - 1] \
        and all(_field_word(t, lex) for t in after[:-1])


def _field_word(tok, lex: Lexicon) -> bool:
    """A capitalised word that may name a field of government whatever the model tagged it ("Dams", "Forests"):
    no person, place or role word."""
    return tok.text[:1].isupper() and tok.is_alpha and tok.ent_type_ not in ("PERSON", "GPE") \
        and not lex.is_title_head(tok.lower_) and tok.pos_ in ("PROPN", "NOUN", "ADJ")


def _portfolio(tok, lex: Lexicon) -> bool:
    """A capitalised word naming a field of government ("Business", "Trade", "Energy"), not a person or place."""
    return tok.text[:1].isupper() and tok.ent_type_ not in ("PERSON", "GPE", "NORP") \
        and (tok.ent_type_ != "ORG" or tok.lower_ in lex.title_modifiers) \
        and not lex.is_title_head(tok.lower_) and tok.pos_ in ("PROPN", "NOUN", "ADJ")


def _shared_title(doc: Doc, name: Span, lex: Lexicon) -> Role:
    """"chief negotiators Anna Berg and Tomas Lind": the second name shares the plural title, singular."""
    i = name.start - 1
    if i < 2 or doc[i].lower_ != "and":
        return Role()
    j = i - 1
    while j > name.sent.start and _name_word(doc[j], lex) and _name_word(doc[j - 1], lex) and i - j < 4:
        j -= 1
    if not _name_word(doc[j], lex):
        return Role()
    first = doc[j:i]
    role = _title_before(doc, first, lex)
    if not role.title:
        role = _title_comma_before(doc, first, lex)  # "Two external members, Ann Lowe and Tom Hale,"
    if not role.title:
        role = _title_of_a_group(doc, first, lex)  # "Fed officials including Ann Lowe and Tom Hale"
    if not role.title or _singular_title(doc, role, lex):
        return Role()  # ("Finance Minister Ana Bell and Tom Reed": he is not the minister)
    words = role.title.split()
    words[-1] = lex.plural_heads.get(words[-1].lower(), words[-1])
    role.title = " ".join(words)
    return role


def _singular_title(doc: Doc, role: Role, lex: Lexicon) -> bool:
    """The title as written names one person: its last word is no plural role word ("Finance Minister", not
    "chief negotiators"); a title given by "including"/"such as" names a group."""
    span = doc.char_span(*role.span, alignment_mode="expand") if role.span is not None else None
    last = span[-1].lower_ if span is not None and len(span) else role.title.split()[-1].lower()
    return last not in lex.plural_heads


def _title_of_a_group(doc: Doc, name: Span, lex: Lexicon) -> Role:
    """"Fed officials including Ana Bell", "central bank governors such as Ana Bell": one of a group named by a
    plural title with what it belongs to (a bare "officials including X" says too little)."""
    m = name.start - 1
    if m >= 2 and doc[m].lower_ == "as" and doc[m - 1].lower_ == "such":
        m -= 1
    elif m < 1 or doc[m].lower_ not in ("including", "among"):
        return Role()
    if doc[m - 1].lower_ not in lex.plural_heads:
        return Role()
    role = _title_before(doc, doc[m:m + 1], lex)
    return role if role.title and len(role.title.split()) > 1 else Role()


def _name_word(tok, lex: Lexicon) -> bool:
    """A word of a person's name, tagged as one or not ("Ana | Bell" with "Bell" taken for a firm); no place."""
    return tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() \
        and tok.ent_type_ not in ("GPE", "NORP", "LOC", "DATE") and not lex.is_title_head(tok.lower_)


def _without_what_of(span: Span, lex: Lexicon) -> Span:
    """"the visit of German president, X", "the cabinet of Prime Minister X": the thing the title holder has
    (a lower-case word that is no role, then "of") is no part of the title."""
    if len(span) > 2 and span[1].lower_ == "of" and span[0].is_lower and span[0].is_alpha \
            and not lex.is_title_head(span[0].lower_):
        rest = span[2:]
        if rest[0].lower_ == "the":
            rest = rest[1:]
        if len(rest) and _has_head(rest, lex):
            return rest
    return span


def _has_head(span: Span, lex: Lexicon) -> bool:
    words = [t.lower_ for t in span if not t.is_punct]
    if not any(lex.is_title_head(w) for w in words):
        return False
    strong = [w for w in words if lex.is_title_head(w) and w not in lex.weak_heads]
    if strong:
        return True
    # only weak heads ("Democrat", "Republican", "chief"): a role only together with a modifier ("party chief")
    return len(words) >= 2 and words[-1] not in ("democrat", "republican")


def _appositive_after(doc: Doc, name: Span, lex: Lexicon) -> Role:
    i = name.end
    if i >= len(doc) - 1 or doc[i].text != ",":
        return Role()
    start = i + 1
    if start < len(doc) and doc[start].is_quote:
        return Role()  # '… to beat Mary Keane," the governor said': the description belongs to the speaker
    if start < len(doc) and doc[start].dep_ == "cc":
        return Role()  # "Mexico's economy minister, Jorge Salinas, and Commerce Secretary Dan Price": the next person
    # "Mara Quist, who is a fellow at ..." / "Quist, now chief economist at ..."
    # ("X, who became governor of …", "who was named finance minister", "who took over as …")
    while start < len(doc) and doc[start].lower_ in ("who", "is", "was", "now", "also", "then", "currently", "has", "been",
                                                      "served", "serves", "serving", "works", "worked", "as", "became",
                                                      "becomes", "named", "appointed", "elected", "recently", "newly",
                                                      "took", "over") \
            and not (start + 1 < len(doc) and joining_hyphen(doc, start + 1)):
        start += 1  # ("X, then-deputy mayor,": a "then-" joined to the title stays with it)
    while start < len(doc) and doc[start].lower_ in ("a", "an", "the"):
        start += 1
    end = start
    limit = min(len(doc), start + 18)
    while end < limit and doc[end].text not in (",", ";", ")", "(", "\u2014", "--", ":") and not (
        doc[end].is_sent_start and end > start) and (doc[end].pos_ not in ("VERB", "AUX") or _place_based(doc, end)
                                                     or _role_participle(doc, end, lex)):
        if doc[end].text == "." and end + 1 < len(doc) and (doc[end + 1].is_sent_start or doc[end + 1].is_space):
            break
        if doc[end].is_space and "\n" in doc[end].text:
            break  # the paragraph ends the role
        if doc[end].lower_ in ("since", "until") or doc[end].lower_ in ("from", "in") and (
                doc[end].ent_type_ == "DATE" or end + 1 < len(doc) and doc[end + 1].ent_type_ == "DATE") \
                or doc[end].lower_ in ("last", "earlier", "this") and doc[end].ent_type_ == "DATE" and end > start:
            break  # "Mexico's finance minister since 2023": when is not part of the title
        if doc[end].lower_ == "to" and any(t.lower_ in OUTLETS for t in doc[end + 1:end + 4]):
            break  # "said X, chairman of the council to the news agency Y": whom it was said to
        end += 1
    if end < len(doc) and doc[end].tag_ in ("VBD", "VBZ", "VBP", "MD") and end > start \
            and _word_before_verb(doc, end).tag_ not in ("WP", "WDT") and not _unclosed_title_of(doc, start, end, lex):
        return Role()  # "… with hosts A and B, the candidate stated …": a subject of its own, not B's title
    span = doc[start:end]
    if not len(span) or _another_titled_person(span, lex):
        return Role()
    # the role head must come early, before any preposition ("fellow for ...", "chief executive of ..."), or right
    # after an owner's name ("the Bank of Japan's governor")
    owner_end = next((k for k, t in enumerate(span) if t.tag_ == "POS"), None)
    if owner_end is not None and (owner_end + 1 >= len(span) or not all(
            t.text[:1].isupper() or t.lower_ in ("of", "and", "&") for t in span[:owner_end])):
        owner_end = None  # (an owner named first, not "chief executive of the Federation of Fishermen's Organisations")
    if owner_end is not None and any(_strong_capital_head(t, lex) for t in span[:owner_end]):
        owner_end = None  # ("Vice Minister of Peru's Ministry of Agriculture": the title comes first, then whose)
    head_part = []
    for t in span[owner_end + 1:] if owner_end is not None else span:
        if t.pos_ == "ADP" or t.lower_ in ("at", "for", "of", "with", "in", "from"):
            break
        head_part.append(t.lower_)
    if not head_part or not any(lex.is_title_head(w) for w in head_part[-3:]):
        return Role()
    first = owner_end + 1 if owner_end is not None else 0
    of_what = len(span) > first + len(head_part) + 1 and span[first + len(head_part)].lower_ == "of"
    where = span[first + len(head_part)].lower_ if len(span) > first + len(head_part) + 1 else None
    private_where = where in ("at", "with", "from") and head_part[-1] in lex.private_heads
    if not _has_head(span[first:first + len(head_part)], lex) and not (of_what and lex.is_title_head(head_part[-1])) \
            and not private_where:
        return Role()  # ("head of Asia research at X": a loose head with what it heads is a role; so is "an
        # expert at X", a weak head that is a private role placed at its body)
    while len(span) and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return role_from(doc, span, lex)


def _word_before_verb(doc: Doc, end: int):
    """The word before the verb at ``end``, over adverbs ("who now heads", "that also runs")."""
    k = end - 1
    while k > 0 and doc[k].pos_ == "ADV":
        k -= 1
    return doc[k]


def _another_titled_person(span: Span, lex: Lexicon) -> bool:
    """"visited General Abizaid, General Casey in Baghdad, …": a title with a person's name after it is the next
    person of a list, no appositive (a name owning the role, "Tom Hale's deputy", or after a preposition, "chief of
    staff to President Tom Hale", is one)."""
    doc = span.doc
    for tok in span[1:]:
        if doc[tok.i - 1].pos_ == "ADP" or doc[tok.i - 1].lower_ in ("to", "for", "of", "at", "with"):
            return False  # ("chief of staff to President Tom Hale": whose the role is)
        if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B" and lex.is_title_head(doc[tok.i - 1].lower_):
            end = entity_bounds(tok)[1]
            return not any(t.tag_ == "POS" for t in doc[end - 1:end + 1])
    return False


def _role_participle(doc: Doc, j: int, lex: Lexicon) -> bool:
    """"a visiting fellow at X", "leading researcher for Y", "X's managing director", "X, shadow Health
    Secretary,": a title's modifier the model read as a verb, before a role word (perhaps after its portfolio)."""
    if doc[j].tag_ in ("VBN", "VBG") and doc[j].dep_ == "amod":
        head = doc[j].head
        while head.dep_ == "compound" and j < head.i < j + 3:
            head = head.head
        if j < head.i <= j + 3 and lex.is_title_head(head.lower_):
            return True  # "fixed income analyst": a participle naming the field, read as a verb
    if not doc[j].tag_.startswith("VB") or doc[j].lower_ not in lex.title_modifiers:
        return False
    for k in range(j + 1, min(j + 4, len(doc))):
        if lex.is_title_head(doc[k].lower_):
            return True
        if not doc[k].is_alpha:
            return False
    return False


def _place_based(doc: Doc, j: int) -> bool:
    """"director of the Oslo-based Nordic Trade Institute": "based" joined to a place by a hyphen describes the
    organization inside the title, no verb that ends it (also one token: "the U.K.-based X")."""
    return doc[j].lower_ == "based" and j > 1 and joining_hyphen(doc, j - 1) \
        or doc[j].text[:1].isupper() and doc[j].lower_.endswith("-based")


def _unclosed_title_of(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """"Ana Ruiz, deputy director of the Lima Trade Institute said …": a title that names its organization, written
    after the name without the comma that should close it, before the verb of saying or thinking the name is the
    subject of (not "…, the candidate stated": a subject of its own)."""
    k = start
    while k < end and (lex.is_title_head(doc[k].lower_) or doc[k].lower_ in lex.title_modifiers
                       or joining_hyphen(doc, k) or k > start and joining_hyphen(doc, k - 1)):
        k += 1
    return start < k < end - 1 and doc[k].lower_ in ("of", "at", "with") and lex.is_title_head(doc[k - 1].lower_) \
        and doc[k + 1:end][-1].text[:1].isupper() and lex.cue_class(doc[end].lemma_) is not None


def predicate_title(doc: Doc, name: Span, lex: Lexicon) -> Role:
    """"Pires is Portugal's secretary of state for trade": a role said of the name with "is" or "was"."""
    root = name.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return Role()
    attr = next((c for c in root.head.children if c.dep_ == "attr" and c.i > root.i), None)
    if attr is None or not lex.is_title_head(attr.lower_) or attr.lower_ in lex.weak_heads and not any(
            c.dep_ == "prep" for c in attr.children):
        return Role()
    first = attr.left_edge.i + (doc[attr.left_edge.i].lower_ in ("the", "a", "an"))
    span = doc[first:attr.right_edge.i + 1]
    while len(span) and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return _with_listed_portfolios(doc, role_from(doc, span, lex)) if len(span) else Role()


_SET_OFF_TITLE_WORDS = 14  # the longest title set off before a name that is looked through


def _title_comma_before(doc: Doc, name: Span, lex: Lexicon) -> Role:
    """"the Fed chair, Jerome Powell," and "Treasury's top official, Scott Bessent"."""
    i = name.start - 1
    while i > 1 and doc[i].lower_ in lex.honorifics and doc[i].lower_ not in lex.title_heads:
        i -= 1  # "the former envoy, Sir Tom Ward,": the honorific is no title
    if i < 1 or doc[i].text != ",":
        return Role()
    end = i
    j = i - 1
    while j >= max(name.sent.start, i - _SET_OFF_TITLE_WORDS) and (not doc[j].is_punct or joining_hyphen(doc, j)) and (
            doc[j].lower_ not in ("the", "a", "an", "said", "and", "by", "with", "its", *OWNER_PRONOUNS)
            or doc[j].lower_ == "the" and _inner_article(doc, j)):
        j -= 1  # ("The governor of the Bank of Portugal, Rui Matos,", "the head of the League for the Defence of
        # Rights, Omar Said,": the organization is part of the title)
    # ("its president, X": "its" stays for role_from to find whose)
    span = _without_what_of(doc[j if j >= 0 and doc[j].lower_ == "its" else j + 1:end], lex)
    if len(span) > 2 and _someones_pick(span) and name.end < len(doc) and doc[name.end].text == ",":
        return role_from(doc, span, lex)  # "the president's latest appointee, Ana Bell,"
    if not len(span) or span[0].pos_ == "ADP" and span[-1].tag_ in ("NNS", "NNPS") or not _has_head(span, lex) or not (
            lex.is_title_head(span[-1].lower_) or _head_of_organization(span, lex) or ends_in_service_tail(span, lex)):
        return Role()  # ("For policymakers, Ms Roy says,": a fronted phrase about a group, no title)
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in span):
        return Role()  # ("Ana Bell won 8 delegates, Tom Reed 6": a clause, no title set off before him)
    # ("his Indian counterpart, Arjun Mehta": the owner is not part of the title)
    if j >= 0 and doc[j].lower_ not in ("the", "a", "an", "its", *OWNER_PRONOUNS) and not doc[j].is_punct \
            and j != name.sent.start - 1:
        return Role()
    while len(span) > 1 and (span[0].like_num or span[0].lower_ in ("both", "all")):
        span = span[1:]  # "Two external members, …": how many is no part of the title
    if len(span) > 2 and span[0].lower_ == "according" and span[1].lower_ == "to":
        span = span[2:]  # "According to Nordbank's chief economist, X, …": whom the words are from, no title
    if len(span) > 1 and span[0].pos_ == "ADP" and not lex.is_title_head(span[1].lower_):
        span = span[1:]  # "For New Zealand's prime minister, X, …" opening the sentence ("Under Secretary" is a title)
    role = role_from(doc, span, lex)
    words = role.title.split()
    words[-1] = lex.plural_heads.get(words[-1].lower(), words[-1])  # each of them is one "external member"
    role.title = " ".join(words)
    return role


# words for a person someone in office has appointed or chosen ("the governor's pick", "her latest appointee")
_PICKS = frozenset({"appointee", "appointment", "pick", "choice"})


def _someones_pick(span: Span) -> bool:
    """"President Lee's recent appointment", "the minister's pick": whom an office holder chose, a role that ends
    in one of ``_PICKS`` after a possessive, with no verb."""
    return span[-1].lower_ in _PICKS and span[-1].pos_ == "NOUN" \
        and any(t.tag_ == "POS" or t.lower_ in ("'s", "’s") for t in span[1:-1]) \
        and not any(t.pos_ in ("VERB", "AUX") for t in span)


def _inner_article(doc: Doc, j: int) -> bool:
    """The "the" at token j names the organization or posting inside a title ("governor of the Bank", "envoy to
    the United Nations"), not where the title starts."""
    if j < 1:
        return False
    before = doc[j - 1].lower_
    return before in ("of", "at", "for") or before == "to" and j > 1 and doc[j - 2].lower_ in POSTED_TO["to"]
