"""Names in an article as the model tagged them, mistagged or missed: PERSON entities, names it gave another label
("Carly Vance" as ORG, "Wen Hao" as a place, a name run on into a firm or onto the place a title names), and names
it left untagged after a title ("Deputy Governor Pal Lunde")."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from nlp.quotes.entities import entity_bounds
from nlp.quotes.lexicon import SURNAME_HONORIFICS, Lexicon
from nlp.quotes.title_organizations import elected_from_place, posted_place


def name_entities(doc: Doc, lex: Lexicon, honoured: set[str]) -> list[Span]:
    """PERSON entities, names the model gave another label (one run on into a firm, cut at a surname of
    ``honoured``), and names it missed after a title ("Deputy Governor Pal Lunde", "Bank of Japan board member
    Kenta Noguchi"), in text order."""
    found = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and (lex.names_a_firm(ent) or _names_a_bloc(ent)):
            continue  # "Fitch said", "according to Mintel", "Andina is also negotiating" (a trade bloc)
        if ent.label_ == "PERSON" or _org_tagged_person(ent, lex):
            found.append(_with_untagged_first_name(ent, lex))
        elif ent.label_ in MISTAGGED_NAME_LABELS:
            name = honoured_name(ent, honoured) or _name_after_seat(ent, lex)
            if name is not None:
                found.append(name)
        elif ent.label_ in PLACE_LABELS and _place_tagged_person(ent, lex):
            found.append(ent)
        elif ent.label_ in PLACE_LABELS and (name := _name_after_seat(ent, lex)) is not None:
            found.append(name)
    found += _untagged_after_title(doc, lex)
    taken = {t.i for span in found for t in span}
    found += [n for n in _untagged_after_title_phrase(doc, lex) if not any(t.i in taken for t in n)]
    return sorted(found, key=lambda s: s.start)


def _with_untagged_first_name(ent: Span, lex: Lexicon) -> Span:
    """"Attorney Idrene [Halvor]": a surname tagged alone after an unfamiliar first name, itself after a title
    word, is the whole name (the first name would otherwise end the title: "Attorney Idrene")."""
    doc, i = ent.doc, ent.start
    if len(ent) != 1 or ent.label_ != "PERSON" or i < 2:
        return ent
    first, title = doc[i - 1], doc[i - 2]
    if first.pos_ != "PROPN" or not first.is_alpha or not first.is_title or first.ent_type_ \
            or lex.is_title_head(first.lower_) or first.lower_ in lex.title_modifiers \
            or not title.text[:1].isupper() or not lex.is_title_head(title.lower_):
        return ent
    return Span(doc, i - 1, ent.end, label="PERSON")


def _names_a_bloc(ent: Span) -> bool:
    """The entity is a bloc's name as the countries component found it ("Mercosur"), which the model may take
    for a person's."""
    blocs = ent.doc.spans["blocs"] if "blocs" in ent.doc.spans else []
    return any(b.start <= ent.start and ent.end <= b.end for b in blocs)


def honoured_surnames(doc: Doc) -> set[str]:
    """Words the text writes right after "Mr", "Ms", "Mrs" or "Dr": surnames of people."""
    return {doc[t.i + 1].text for t in doc[:-1] if t.lower_ in SURNAME_HONORIFICS}


def honoured_name(ent: Span, honoured: set[str]) -> Span | None:
    """Two or three capitalised words opening an entity and ending in a surname the text writes after "Mr" or "Ms"
    elsewhere ("Kessler Parkin of Halvard Energy" tagged as one firm … "Mr Parkin"): a person's name, whatever
    label the model gave the words, and without the organization it ran on into."""
    n = 0
    while n < min(len(ent), 3) and ent[n].pos_ == "PROPN" and ent[n].is_alpha and ent[n].text[:1].isupper() \
            and not ent[n].is_upper:
        n += 1
    if n < 2 or ent[n - 1].text not in honoured or n < len(ent) and ent[n].lower_ not in ("of", ","):
        return None
    return Span(ent.doc, ent.start, ent.start + n, label="PERSON")


def _name_after_seat(ent: Span, lex: Lexicon) -> Span | None:
    """"Senator from Vermont Dana Kirk", "Chief Executive of Macau Dana Kirk" with the place and the name tagged as
    one entity: a known first name and one or two capitalised words after the place a title names (an elected
    member's seat after "from", a place after "of"; not a portfolio, "Secretary of Economy Ana Ruiz Vidal")."""
    doc = ent.doc
    if not elected_from_place(doc, ent.start) and not (
            ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and lex.is_title_head(doc[ent.start - 2].lower_)
            and doc[ent.start - 2].text[:1].isupper()):
        return None
    for width in (2, 3):
        start = len(ent) - width
        words = ent[start:] if start >= 1 else None
        if words is not None and lex.is_first_name(words[0].text) and all(
                t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words) \
                and not any(_portfolio_word(t, lex) for t in ent[:start]):
            return Span(doc, words.start, words.end, label="PERSON")
    return None


def _portfolio_word(tok, lex: Lexicon) -> bool:
    """A word of what a post is over ("Secretary of Economy", "Minister of Home Affairs"), not of a place."""
    return tok.lower_ in lex.title_modifiers or tok.lower_ in lex.org_nouns or tok.lower_ in lex.institution_nouns


def _untagged_after_title(doc: Doc, lex: Lexicon) -> list[Span]:
    """Two or three capitalised proper nouns right after a capitalised title word, none of them in an entity, a
    title or an organization word, and not run on into a longer name: a name the model did not tag."""
    out = []
    # surnames the model tags elsewhere ("Mr Nouripour"): an unfamiliar first name before one is a name too
    # (not one the text gives with a first name: "Detective Quill" after "Maura Quill" is a rank, not her name)
    surnames = {ent.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) == 1} \
        - {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    k = 0
    while k < len(doc) - 2:
        tok = doc[k]
        k += 1
        after_title = tok.text[:1].isupper() and lex.is_title_head(tok.lower_) and tok.lower_ not in lex.weak_heads \
            or tok.lower_ in ("mr.", "ms.", "mrs.", "dr.") or after_title_and_place(doc, k) \
            or _portfolio_after_title(doc, k - 1, lex)
        # ("Recep Tayyip Erdogan" with the surname taken for a place): first names before a surname tagged elsewhere
        surname_at = next((j for j in (k, k + 1) if j < len(doc) and doc[j].text in surnames and doc[j].pos_ == "PROPN"
                           and doc[j].ent_type_ != "PERSON" and all(untagged_name_word(t, lex) for t in doc[k:j])),
                          None) if untagged_name_word(tok, lex) else None
        if not after_title and not (untagged_name_word(tok, lex) and lex.is_first_name(tok.text)) \
                and surname_at is None or title_case_line(tok):
            continue
        start = k if after_title else k - 1
        end = k if surname_at is None else surname_at + 1
        while end < len(doc) and end - start < 3 and untagged_name_word(doc[end], lex):
            end += 1
        if after_title and end - start == 1 and lex.is_first_name(doc[start].text) and _place_as_surname(doc, end):
            end += 1  # "Peruvian President Alejandro Toledo": a one-word place after a title and a first name
        elif end - start == 1 and lex.is_first_name(doc[start].text) and _surname_tagged_apart(doc, end, lex):
            end += 1  # "astronauts Ana | Bell (ORG) and Tom Reed": the surname tagged alone as a firm
        if end - start < 2 or end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            continue
        if after_title or _speaks_or_has_a_role(doc[start:end], lex) \
                or start > 0 and lex.is_title_head(doc[start - 1].lower_) \
                and (doc[start - 1].pos_ == "NOUN" or doc[start - 1].lower_ in lex.plural_heads):
            out.append(Span(doc, start, end, label="PERSON"))
            k = end
    return out


_PORTFOLIO_LINKS = frozenset({"the", "and", "&", ","})
_LONGEST_PORTFOLIO = 6  # tokens between "of"/"for" and the name


def _portfolio_after_title(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Token i ends the portfolio of a capitalised title written before a name ("Minister of the Interior | Aino
    Lehto", "Minister for Trade and Industry | Pal Berg", "Vice Chair for Supervision | Ana Bell"), where the
    name is often left untagged."""
    if not (doc[i].text[:1].isupper() and doc[i].is_alpha and (
            doc[i].lower_ in lex.title_modifiers or i + 1 < len(doc) and lex.is_first_name(doc[i + 1].text))):
        return False  # ("… for Supervision | Ana Bell": a portfolio word, or any word before a known first name)
    for j in range(i - 1, max(doc[i].sent.start, i - _LONGEST_PORTFOLIO) - 1, -1):
        t = doc[j]
        if t.lower_ in ("of", "for"):
            head = doc[j - 1] if j > 0 else None
            return head is not None and head.text[:1].isupper() and lex.is_title_head(head.lower_) \
                and head.lower_ not in lex.weak_heads
        if not (t.text[:1].isupper() and t.is_alpha or t.lower_ in _PORTFOLIO_LINKS):
            return False
    return False


def _surname_tagged_apart(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Token i is a capitalised word the model tagged alone as a firm or product right after an untagged first
    name ("Ana | Bell"): the surname."""
    if i >= len(doc):
        return False
    tok = doc[i]
    alone = i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I"
    return tok.ent_type_ in MISTAGGED_NAME_LABELS and tok.ent_iob_ == "B" and alone \
        and tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper \
        and tok.lower_ not in lex.org_nouns and not lex.org(tok.text)


def _untagged_after_title_phrase(doc: Doc, lex: Lexicon) -> list[Span]:
    """Two or three untagged capitalised proper nouns right after the organization that closes a title phrase,
    set off by a comma or not ("the chief executive of the Transit Board, Aino Lehto, said", "The leader of the
    Harbour Party Veli Ranta declares …"), whose last word the text writes alone elsewhere ("Ranta says"): a
    name with a first name the model does not know, then its surname, as news writes a person it quotes."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent.start < 2 or doc[ent.start - 1].lower_ not in ("of", "at", "for") \
                or not lex.is_title_head(doc[ent.start - 2].lower_):
            continue
        start = ent.end + (ent.end < len(doc) and doc[ent.end].text == ",")
        end = start
        while end < len(doc) and end - start < 3 and _name_word_untagged_or_placed(doc[end], lex):
            end += 1
        if end - start < 2 or end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                or doc[start].ent_iob_ == "I" or end < len(doc) and doc[end].ent_iob_ == "I":
            continue  # (a place or a work whose words run on, not a name of its own)
        surname = doc[end - 1].text
        if any(t.text == surname and not start <= t.i < end and t.pos_ == "PROPN" for t in doc):
            out.append(Span(doc, start, end, label="PERSON"))
    return out


def _name_word_untagged_or_placed(tok, lex: Lexicon) -> bool:
    """A name word the model left untagged or took for a facility, a place other than a country or city, or a
    work ("Aino Korpela" as FAC)."""
    return untagged_name_word(tok, lex) or tok.ent_type_ in ("FAC", "LOC", "PRODUCT", "WORK_OF_ART") \
        and untagged_name_word_form(tok, lex)


def untagged_name_word_form(tok, lex: Lexicon) -> bool:
    """A capitalised proper noun of letters that is no title, organization or institution word."""
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper \
        and not lex.is_title_head(tok.lower_) and tok.lower_ not in lex.title_modifiers \
        and tok.lower_ not in lex.org_nouns and tok.lower_ not in lex.institution_nouns


def _place_as_surname(doc: Doc, i: int) -> bool:
    """Token i is a one-word place (a city, a country) written as a capitalised proper noun: after a title and a
    first name, a surname ("Toledo", "Lincoln")."""
    return i < len(doc) and doc[i].ent_type_ in PLACE_LABELS and doc[i].ent_iob_ == "B" and doc[i].pos_ == "PROPN" \
        and (i + 1 == len(doc) or doc[i + 1].ent_iob_ != "I")


def after_title_and_place(doc: Doc, i: int) -> bool:
    """Token i follows a title and the place its holder is posted to or in ("ambassador to the U.S. | Ha Van",
    "consul general in Lyon | Mai Lan"), where the name often goes untagged or is hung on the place."""
    if i < 1 or i >= len(doc) or doc[i - 1].ent_type_ != "GPE" or doc[i].ent_type_ == "GPE":
        return False
    return posted_place(doc, entity_bounds(doc[i - 1])[0])


def _speaks_or_has_a_role(name: Span, lex: Lexicon) -> bool:
    """An untagged first name and surname count as a person when the name is a cue's subject ("Ana Pires said"),
    a role follows it ("Rui Lemos, Portugal's …", "Rui Lemos, who heads …") or it is set off after one ("A local
    teacher, Ana Pires, said")."""
    last = name[-1]
    if last.dep_ == "nsubj" and lex.cue_class(last.head.lemma_) == "speech" or _set_off_after_a_noun(name) \
            or _set_off_after_a_title(name, lex):
        return True
    doc = name.doc
    return name.end + 1 < len(doc) and doc[name.end].text == "," and (
        doc[name.end + 1].lower_ == "who" or any(lex.is_title_head(t.lower_) for t in doc[name.end + 1:name.end + 6]))


def title_case_line(tok) -> bool:
    """The token's sentence is a headline in title case ("Party Donor Vance and Rivals May Be Talking"):
    no word of four letters or more is in lower case."""
    return not any(t.is_alpha and t.is_lower and len(t) > 3 for t in tok.sent)


def untagged_name_word(tok, lex: Lexicon) -> bool:
    return tok.ent_iob_ in ("", "O") and untagged_name_word_form(tok, lex)


# labels the small model puts on names now and then ("Carly Vance" as ORG, "Ivy Marsh" as PRODUCT); places are
# left out, like groups: "Jordan River", "Victoria Falls" and "Roman Catholics" start with first names too
MISTAGGED_NAME_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART"}


def _org_tagged_person(ent: Span, lex: Lexicon) -> bool:
    """The small model often tags a name as ORG: "RBI Governor Shaktikanta Das", "Keller-Sutter, who ...",
    "Carly Vance"; a known first name before a capitalised surname is a person under any of those labels."""
    if ent.label_ == "ORG" and trailing_name(ent, lex) is not None:
        return True  # "… chair of the Council of Trade Advisers Mara Lindqvist": an organization, then a name
    if ent.label_ not in MISTAGGED_NAME_LABELS or len(ent) > 4 or lex.org(ent.text):
        return False
    words = [t for t in ent if not t.is_punct and t.tag_ != "POS" and t.lower_ not in ("'s", "’s")]
    if not words or any(t.lower_ in lex.org_nouns or t.text.isupper() for t in words):
        return False
    if 2 <= len(words) <= 3 and lex.is_first_name(words[0].text) \
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
        return True  # "Carly Vance took the stage": a known first name and a capitalised surname
    if ent.label_ != "ORG":
        return False
    inner = name_after_title(ent, lex)
    if inner is not None and ent.end - inner >= 2 and lex.is_first_name(ent.doc[inner].text):
        return True  # "Fed Chair Elliot Marsh" as one ORG: a title, then a known first name and a surname
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and (before.lower_ in lex.honorifics or lex.is_title_head(before.lower_)) \
            and before.text[:1].isupper():
        return True
    if before is not None and lex.is_title_head(before.lower_) and 2 <= len(words) <= 3 \
            and all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words):
        return True  # "board member Kenta Noguchi" tagged ORG: two or three name words right after a title
    after = doc[ent.end:ent.end + 2]
    if len(after) == 2 and after[0].text == "," and after[1].lower_ == "who":
        return True
    return 2 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper
                                         for t in words) and _role_set_off(ent, lex)


# labels the small model puts on some names from East Asia ("Wen Hao" as LOC): only a role set off right after
# the name, as its appositive, tells such a name from a place
PLACE_LABELS = {"LOC", "GPE", "FAC"}


def _place_tagged_person(ent: Span, lex: Lexicon) -> bool:
    """A name tagged as a place, with a role set off after it as its appositive: "Wen Hao, deputy director of
    the institute, said" (a place is never "Westminster Hall, the president said")."""
    if not 2 <= len(ent) <= 3 or not all(
            t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in ent):
        return False
    doc, last = ent.doc, ent[-1]
    return _role_set_off(ent, lex) and any(
        t.dep_ == "appos" and t.head.i == last.i and lex.is_title_head(t.lower_)
        for t in doc[ent.end + 1:ent.end + 7])


def _set_off_after_a_noun(name: Span) -> bool:
    """The name is an appositive set off by commas after a common noun ("one farmer, Ana Pires, said")."""
    doc = name.doc
    return name.start > 0 and doc[name.start - 1].text == "," and name.end < len(doc) and doc[name.end].text == "," \
        and name[-1].dep_ == "appos" and name[-1].head.pos_ == "NOUN" and name[-1].head.i < name.start


_SET_OFF_TITLE = 7  # tokens before the comma looked through for the title a name is set off after


def _set_off_after_a_title(name: Span, lex: Lexicon) -> bool:
    """The name is an appositive set off by a comma after a title phrase ("said the director of the port,
    Aino Lehto." or "…, Aino Lehto, said")."""
    doc = name.doc
    if name.start < 2 or doc[name.start - 1].text != "," or name[-1].dep_ != "appos" \
            or name.end < len(doc) and doc[name.end].text not in (",", ".", ";"):
        return False
    before = doc[max(name.sent.start, name.start - 1 - _SET_OFF_TITLE):name.start - 1]
    return any(lex.is_title_head(t.lower_) and t.lower_ not in lex.weak_heads for t in before)


def _role_set_off(name: Span, lex: Lexicon) -> bool:
    """A role set off right after a name: "Rei Tanaka, professor of politics at …", "Rei Tanaka, a senior
    economist at …", "…, the bank's chief economist" (a title word first, or after an article and at most three
    modifiers)."""
    doc = name.doc
    k = name.end
    if k + 1 >= len(doc) or doc[k].text != "," or _title_of_the_next_name(doc, k + 1):
        return False
    k += 1
    if doc[k].lower_ in ("a", "an", "the"):
        for j in range(k + 1, min(len(doc), k + 5)):
            if lex.is_title_head(doc[j].lower_) and doc[j].tag_ == "NN":
                return all(t.pos_ in ("ADJ", "NOUN", "PROPN", "PART") for t in doc[k + 1:j])
        return False
    return lex.is_title_head(doc[k].lower_) and doc[k].tag_ == "NN" and doc[k].text.islower()


def _title_of_the_next_name(doc: Doc, k: int) -> bool:
    """The words from k to the next comma are set off before a person's name ("told Agence Presse, the head of
    the league, Omar Said, that …"): the title of that name, not of the words before them."""
    end = next((j for j in range(k, min(len(doc), k + _APPOSITIVE_WORDS)) if doc[j].text == ","), None)
    return end is not None and end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON" \
        and doc[end + 1].ent_iob_ == "B"


_APPOSITIVE_WORDS = 16  # the longest set-off role looked through


def trailing_name(span: Span, lex: Lexicon) -> int | None:
    """Where a person's name starts at the end of a longer ORG entity: a known first name and one or two
    capitalised proper nouns after an organization's name, none of them an organization word."""
    for width in (2, 3):
        start = len(span) - width
        if start < 2:
            continue
        words = span[start:]
        if lex.is_first_name(words[0].text) and all(
                t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in lex.org_nouns for t in words):
            return words[0].i
    return None


def name_after_title(span: Span, lex: Lexicon) -> int | None:
    """Where the name starts in an entity that holds a title before it ("Fed Chair Elliot Marsh", "Bank of
    England Governor Ann Lowe"): after the last capitalised title word, when one or two capitalised proper
    nouns follow it."""
    for k in range(len(span) - 2, -1, -1):
        tok = span[k]
        if tok.lower_ in lex.title_heads and tok.text[:1].isupper():
            rest = [t for t in span[k + 1:] if not t.is_punct]
            if 1 <= len(rest) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest):
                return tok.i + 1
            return None
    return None
