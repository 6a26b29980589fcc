"""Named people in an article, one entry per person, with the role the text gives them.

A person is a PERSON entity (honorifics stripped) outside bylines and photo credits. Mentions are grouped by
surname: "Scott Bessent", "Bessent" and "Mr. Bessent" are one person; "Melania Trump" and "Donald Trump" are
two. Titles come from the words before the name ("Treasury Secretary Scott Bessent", "Japan's chief negotiator
Ryosei Akazawa") or from an appositive ("Jai Kedia, a research fellow for the Cato Institute's ...", "the Fed
chair, Jerome Powell,").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pycountry
from spacy.tokens import Doc, Span

from nlp.extensions import Official
from nlp.quotes.lexicon import Lexicon, lexicon
from nlp.quotes.organizations import OrgIndex, without_country
from nlp.quotes.quote_marks import find_quotes

# bylines, credits and sign-offs: a name right after these is the reporter or photographer, not an actor
_CREDIT_BEFORE = re.compile(
    r"(?:\bBy|\bReporting by|\bWriting by|\bEditing by|\bedited by|\bAdditional reporting by|\bCompiled by|"
    r"\bPhoto(?:graph)?(?: by)?|\bImage(?: by)?|\bCredit|\bIllustration(?: by)?|\bVideo by|\bcontact|"
    r"\bwritten by|\breporting by)[:\s]*(?:[A-Z][\w.'’-]*\s+){0,3}$"
)
_CREDIT_LINE = re.compile(r"^\s*(?:By|Reporting by|Writing by|Editing by|Photo|Photograph|Image|Credit)\b")
_CREDIT_AFTER = re.compile(r"^\s*(?:/|\|\s*(?:AP|AFP|Reuters|Getty)|\(?(?:AP|AFP) Photo|for (?:Getty|The)|is a (?:reporter|correspondent|writer|columnist|staff))")
NAME_PARTICLES = {"de", "da", "do", "dos", "das", "van", "von", "der", "den", "bin", "al", "el", "la", "le", "du", "di", "ibn", "ter"}
_WORDS = re.compile(r"[\w'’.-]+")


@dataclass
class Role:
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    span: tuple[int, int] | None = None  # character offsets of the title as written


@dataclass
class Person:
    """A person before it is decided whether they count as an official."""

    name: str
    key: tuple[str, str]  # (first name or "", surname), lower-case
    mentions: list[Span] = field(default_factory=list)
    role: Role = field(default_factory=Role)
    gender: str | None = None  # "m" | "f" when an honorific or a resolved pronoun says so
    other_titles: list[str] = field(default_factory=list)  # further titles the text gives ("the bank's governor")
    title_quoted: bool = False  # the title comes from someone's quoted words ("“Minister Okoye assured us …”")

    def named_like_a_person(self) -> bool:
        """Not a one-word name that the text also uses as an organization, place or product ("the Chronicle",
        "Stadia"), that reports ("Politico reported") or that is written in capitals ("WIRED")."""
        if len(self.name.split()) > 1:
            return True
        if self.name.isupper():
            return False
        for m in self.mentions:
            root = m.root
            if root.ent_type_ in ("ORG", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART", "LOC") \
                    or root.head.lemma_ == "report" or m.start > 0 and m.doc[m.start - 1].lower_ == "the":
                return False
        return True

    def official(self) -> Official:
        return Official(name=self.name, title=self.role.title, organization=self.role.organization,
                        country=self.role.country, mentions=list(self.mentions), public=self.public_role())

    def public_role(self) -> bool:
        """Not a role outside public office: an economist, analyst, professor or journalist ("chief economist at
        Meridian Securities") whose title names no public institution ("chief economist at the IMF" is one)."""
        lex = lexicon()
        titles = [t for t in (self.role.title, *self.other_titles) if t]
        if not titles or not all(_main_head(t, lex) in lex.private_heads or _heads_private_work(t, lex)
                                 for t in titles):
            return True
        text = " ".join([*titles, self.role.organization or ""]).lower()
        words = text.split()
        org = self.role.organization
        # a public body named with the role; a bank only as a central or reserve bank ("Northgate Bank" is a firm)
        return bool(org and lex.org(org) or any(w in lex.institution_nouns and w != "bank" for w in words)
                    or "central bank" in text or "reserve bank" in text)


def _main_head(title: str, lex: Lexicon) -> str | None:
    """The role a title names: its last role word before any preposition ("economist" of "chief economist at
    X", "member" of "fellow party member")."""
    head = None
    for word in title.lower().replace("’s", " ").replace("'s", " ").split():
        if word in ("at", "of", "for", "with", "in", "from", "to", "on"):
            break
        if lex.is_title_head(word):
            head = lex.plural_heads.get(word, word)
    return head


def _heads_private_work(title: str, lex: Lexicon) -> bool:
    """"head of Asia research", "chief of strategy": a loose head of the work analysts do."""
    words = title.lower().split()
    if "of" not in words or words.index("of") == 0 or words[words.index("of") - 1] not in lex.weak_heads:
        return False
    after = words[words.index("of") + 1:]
    return any(w in _PRIVATE_WORK for w in after[:4])


_PRIVATE_WORK = frozenset({"research", "economics", "strategy", "analysis", "markets"})


def find_people(doc: Doc) -> list[Person]:
    """Every person mentioned in a role or by name, grouped by person, in order of first mention."""
    lex = lexicon()
    text = doc.text
    people: list[Person] = []
    by_surname: dict[str, list[Person]] = {}
    quoted = [(q.start, q.end) for q in find_quotes(text)]
    for ent in _name_entities(doc, lex):
        if ent.start > 0 and doc[ent.start - 1].pos_ == "NOUN" and doc[ent.start - 1].lower_ in lex.company_nouns \
                and doc[ent.start - 1].lower_ not in _PERSON_TOO:
            continue  # "the ratings agency Fitch", "the carmaker Stellantis": an organization after its kind
        name_span, honorifics = _strip_honorifics(ent, lex)
        if name_span is None or _is_credit(text, ent.start_char, ent.end_char):
            continue
        words = name_span.text.split()
        if not words or not any(w[:1].isupper() for w in words):
            continue
        surname = name_key(words[-1])
        # "De Guindos", "bin Salman", "Van Hollen": a surname with its particle, no first name
        first = name_key(words[0]) if len(words) > 1 and not _particle(words[0]) else ""
        gender = "f" if any(h in lex.female for h in honorifics) else ("m" if any(h in lex.male for h in honorifics) else None)
        same_surname = by_surname.get(surname) or ([] if first else _misspelt(surname, by_surname))
        person = _match([p for p in same_surname if not (gender and p.gender and p.gender != gender)], first)
        if person is None:
            person = Person(name=" ".join(words), key=(first, surname))
            people.append(person)
            by_surname.setdefault(surname, []).append(person)
        elif first and (len(words), len(" ".join(words))) > (len(person.name.split()), len(person.name)):
            person.name, person.key = " ".join(words), (first, surname)
        person.mentions.append(name_span)
        for h in honorifics:
            if h in lex.female:
                person.gender = "f"
            elif h in lex.male:
                person.gender = "m"
        in_quote = any(a <= name_span.start_char < b for a, b in quoted)
        if person.role.title is None or _only_weak_head(person.role.title, lex) or person.title_quoted and not in_quote:
            role = title_for(doc, name_span, honorifics, lex)
            if role.title and (person.role.title is None or not _only_weak_head(role.title, lex)
                               or person.title_quoted and not in_quote):
                if person.role.title:
                    person.other_titles.append(person.role.title)
                person.role = role  # "central bank chief X" … "Governor X": the formal title
                # a title in someone's quoted words gives way to the narrative's ("Nigeria's industry minister")
                person.title_quoted = in_quote
        elif _pre_name_or_apposed(doc, name_span):
            role = title_for(doc, name_span, honorifics, lex)
            if role.title and role.title != person.role.title:
                person.other_titles.append(role.title)
    people = _merge_partial_names(people)
    _bank_of_bare_titles(doc, people, lex)
    _fullest_organizations(doc, people, lex)
    by_surname = {}
    for p in people:
        by_surname.setdefault(p.key[1], []).append(p)
    _add_bare_surnames(doc, by_surname)
    for p in people:
        for m in p.mentions if p.role.title is None else ():
            role = _predicate_title(doc, m, lex)  # "… Pires is Portugal's secretary of state for trade."
            if role.title:
                p.role = role
                break
    for p in people:
        if p.gender is None and p.key[0]:
            first = p.key[0]
            p.gender = "f" if first in lex.female_names and first not in lex.male_names else (
                "m" if first in lex.male_names and first not in lex.female_names else None)
    return people


def _name_entities(doc: Doc, lex: Lexicon) -> list[Span]:
    """PERSON entities, names the model gave another label, and names it missed after a title ("Deputy Governor
    Pal Lunde", "Bank of Japan board member Kenta Noguchi"), in text order."""
    found = [ent for ent in doc.ents if ent.label_ == "PERSON" or _org_tagged_person(ent, lex)]
    return sorted(found + _untagged_after_title(doc, lex), key=lambda s: s.start)


def _untagged_after_title(doc: Doc, lex: Lexicon) -> list[Span]:
    """Two or three capitalised proper nouns right after a capitalised title word, none of them in an entity, a
    title or an organization word, and not run on into a longer name: a name the model did not tag."""
    out = []
    k = 0
    while k < len(doc) - 2:
        tok = doc[k]
        k += 1
        after_title = tok.text[:1].isupper() and lex.is_title_head(tok.lower_) and tok.lower_ not in lex.weak_heads \
            or tok.lower_ in ("mr.", "ms.", "mrs.", "dr.")
        if not after_title and not (_untagged_name_word(tok, lex) and lex.is_first_name(tok.text)) \
                or _title_case_line(tok):
            continue
        start = k if after_title else k - 1
        end = k
        while end < len(doc) and end - start < 3 and _untagged_name_word(doc[end], lex):
            end += 1
        if end - start < 2 or end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            continue
        if after_title or _speaks_or_has_a_role(doc[start:end], lex):
            out.append(Span(doc, start, end, label="PERSON"))
            k = end
    return out


def _speaks_or_has_a_role(name: Span, lex: Lexicon) -> bool:
    """An untagged first name and surname count as a person when the name is a cue's subject ("Ana Pires said")
    or a role follows it ("Rui Lemos, Portugal's …", "Rui Lemos, who heads …")."""
    last = name[-1]
    if last.dep_ == "nsubj" and lex.cue_class(last.head.lemma_) == "speech":
        return True
    doc = name.doc
    return name.end + 1 < len(doc) and doc[name.end].text == "," and (
        doc[name.end + 1].lower_ == "who" or any(lex.is_title_head(t.lower_) for t in doc[name.end + 1:name.end + 6]))


def _title_case_line(tok) -> bool:
    """The token's sentence is a headline in title case ("Republican Donor Adelson and Trump May Be Aligning"):
    no word of four letters or more is in lower case."""
    return not any(t.is_alpha and t.is_lower and len(t) > 3 for t in tok.sent)


def _untagged_name_word(tok, lex: Lexicon) -> bool:
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper \
        and tok.ent_iob_ in ("", "O") and not lex.is_title_head(tok.lower_) and tok.lower_ not in lex.title_modifiers \
        and tok.lower_ not in lex.org_nouns and tok.lower_ not in lex.institution_nouns


# labels the small model puts on names now and then ("Carly Vance" as ORG, "Ivy Marsh" as PRODUCT); places are
# left out, like groups: "Jordan River", "Victoria Falls" and "Roman Catholics" start with first names too
MISTAGGED_NAME_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART"}


def _org_tagged_person(ent: Span, lex: Lexicon) -> bool:
    """The small model often tags a name as ORG: "RBI Governor Shaktikanta Das", "Keller-Sutter, who ...",
    "Carly Vance"; a known first name before a capitalised surname is a person under any of those labels."""
    if ent.label_ == "ORG" and _trailing_name(ent, lex) is not None:
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
    inner = _name_after_title(ent, lex)
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
    return len(after) == 2 and after[0].text == "," and after[1].lower_ == "who"


def _particle(word: str) -> bool:
    """A name particle that starts a surname ("de", "Van", "bin"); "Al" capitalised is the first name (Al Gore)."""
    return word.lower() in NAME_PARTICLES and word != "Al"


def _through_particles(doc: Doc, end: int) -> int:
    """The end of a name the model cut at its particles ("Ursula von der" + "Leyen"): lower-case particles and
    the capitalised surname after them belong to it."""
    j = end
    while j < len(doc) and doc[j].lower_ in NAME_PARTICLES and doc[j].text.islower() and doc[j - 1].whitespace_:
        j += 1
    particle_before = end > 0 and doc[end - 1].text.islower() and doc[end - 1].lower_ in NAME_PARTICLES
    if j < len(doc) and (j > end or particle_before) and doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN":
        return j + 1
    return end


def _through_hyphen(doc: Doc, end: int) -> int:
    """The end of a name the model cut at a hyphen ("Yoon Min" + "-seok", "Lee Jung-" + "ho"): a hyphen written
    with no space on either side and the name part after it belong to it."""
    if end < len(doc) - 1 and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and _name_part(doc[end + 1].text):
        return end + 2
    return end


def _through_untagged_surname(doc: Doc, end: int, lex: Lexicon) -> int:
    """The end of a name the model cut before its last surname ("Sri Wahyuni" + "Prasetyo said"): an untagged
    capitalised proper noun the parser made the head of the name's last word, with no further name word after."""
    if end >= len(doc) or end < 1:
        return end
    nxt, last = doc[end], doc[end - 1]
    if _untagged_name_word(nxt, lex) and last.dep_ == "compound" and last.head.i == end and last.whitespace_ \
            and not _title_case_line(nxt) \
            and not (end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].text[:1].isupper()):
        return end + 1
    return end


def _name_part(word: str) -> bool:
    """A piece of a hyphenated name: "Keller", "Sutter", "yong"; not "G" or "III" of "G-III"."""
    return len(word) >= 2 and word.isalpha() and (word.istitle() or word.islower())


def name_key(word: str) -> str:
    """A name word as matched: lower-case, without accents or a final dot ("Sánchez" = "Sanchez")."""
    folded = unicodedata.normalize("NFKD", word.lower().strip("."))
    return "".join(c for c in folded if not unicodedata.combining(c))


def _misspelt(surname: str, by_surname: dict[str, list[Person]]) -> list[Person]:
    """Full names whose surname a bare surname misses by one letter ("McLellan" for "Iona McClellan"): news
    copy has typos, and a long surname one letter off is seldom another person's."""
    if len(surname) < 6:
        return []
    return [p for key, people in by_surname.items() if _one_edit_apart(surname, key)
            for p in people if p.key[0]]


def _one_edit_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _trailing_name(span: Span, lex: Lexicon) -> int | None:
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


def _name_after_title(span: Span, lex: Lexicon) -> int | None:
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


def _match(candidates: list[Person], first: str) -> Person | None:
    """The person a name refers to among those sharing its surname: a bare surname goes to the principal one,
    a first name to the most recent compatible one."""
    if not first and len(candidates) > 1:
        return _principal(candidates, None)
    for person in reversed(candidates):
        known = person.key[0]
        if not first or not known or known == first or known.startswith(first) or first.startswith(known) or (
                known[:1] == first[:1] and (len(first.strip(".")) == 1 or len(known.strip(".")) == 1)):
            return person
    return None


def _principal(candidates: list[Person], before: int | None) -> Person:
    """"Cruz" alone after "Ted Cruz" and "his wife, Heidi Cruz": the one the story is about so far, the most
    mentioned before this point, on a tie the first named (news names a relative once, the subject throughout)."""
    def weight(p: Person) -> tuple[int, int]:
        starts = [m.start for m in p.mentions if before is None or m.start < before]
        return len(starts), -min(starts, default=10**9)
    return max(candidates, key=weight)


# kinds of company that are also people's trades ("film producer Ana Costa")
_PERSON_TOO = {"producer", "exporter", "trader", "investor"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def _merge_partial_names(people: list[Person]) -> list[Person]:
    """"Lula" and "Luiz Inácio Lula da Silva", "Liu" and "Liu He": one person under the full name."""
    out: list[Person] = []
    for p in people:
        words = p.name.lower().split()
        if len(words) == 1:
            word = p.name.lower()
            full = [q for q in people if q is not p and len(q.name.split()) > 1 and word in q.name.lower().split()]
        else:
            # "Sri Wahyuni" after "Trade Minister Sri Wahyuni Prasetyo": the leading names of a longer one given
            # with a role (how Indonesian, Thai or Brazilian names are shortened); not a headline's "Ana Costa
            # Defends", nor "Ana Costa Jr."
            full = [q for q in people if q is not p and q.name.lower().split()[:len(words)] == words
                    and len(q.name.split()) > len(words) and q.name.split()[-1].lower().strip(".") not in _SUFFIXES
                    and q.role.title is not None and not all(_title_case_line(m[0]) for m in q.mentions)]
        if len(full) == 1:
            q = full[0]
            q.mentions.extend(p.mentions)
            if q.role.title is None and p.role.title:
                q.role = p.role
            q.gender = q.gender or p.gender
            continue
        out.append(p)
    return out


def _add_bare_surnames(doc: Doc, by_surname: dict[str, list[Person]]) -> None:
    """The small model misses many repeat mentions ("Bessent said"): add capitalized surname tokens. A name
    whose short form is not its last word counts too ("Lula" of "Luiz Inácio Lula da Silva", "Rhee" of "Rhee
    Chang-yong", where the family name comes first), as a proper noun only."""
    lex = lexicon()
    taken = {t.i for people in by_surname.values() for p in people for m in p.mentions for t in m}
    by_part: dict[str, list[Person]] = {}
    for people in by_surname.values():
        for p in people:
            words = p.name.split()
            # a hyphenated given name with a lower-case second part ("Min-jae") follows the family name
            family_first = len(words) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]) is not None
            for k, word in enumerate(words[:-1]):
                if len(word) > 1 and word[:1].isupper() and not _particle(word) and not word.endswith(".") \
                        and not (k == 0 and lex.is_first_name(word) and not family_first):
                    by_part.setdefault(name_key(word), []).append(p)
    k = 0
    while k < len(doc):
        tok = doc[k]
        k += 1
        if tok.i in taken or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN", "ADJ", "VERB", "X"):
            continue
        end = tok.i + 1
        if end + 1 < len(doc) and doc[end].text == "-" and not tok.whitespace_ and not doc[end].whitespace_ \
                and _name_part(tok.text) and _name_part(doc[end + 1].text):
            end += 2  # "Keller-Sutter", "Chang-yong" in three tokens
        key = name_key(doc[tok.i:end].text)
        people = by_surname.get(key) or (by_part.get(key) if tok.pos_ == "PROPN" and end == tok.i + 1 else None)
        if not people:
            continue
        if end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
            continue  # "Trump Tower", "Powell Street": part of another name
        person = _principal(people, tok.i)
        person.mentions.append(doc[tok.i:end])
        k = end
    for people in by_surname.values():
        for p in people:
            p.mentions.sort(key=lambda s: s.start)


def _strip_honorifics(ent: Span, lex: Lexicon) -> tuple[Span | None, list[str]]:
    start, end, found = ent.start, ent.end, []
    doc = ent.doc
    while start < end and (doc[start].lower_ in lex.honorifics or doc[start].lower_ in lex.title_heads):
        found.append(doc[start].lower_)
        start += 1
    # a title inside the entity ("Fed Chair Elliot Marsh" tagged as one ORG): the name follows the last title word
    inner = _name_after_title(doc[start:end], lex)
    if inner is None and ent.label_ == "ORG":
        inner = _trailing_name(doc[start:end], lex)
    if inner is not None:
        start = inner
    if start >= 2 and _joining_hyphen(doc, start - 1) and _name_part(doc[start - 2].text):
        start -= 2  # "Eva-" + "Maria Schultz": a hyphenated first name the model cut
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s")
                           or lex.cue_class(doc[end - 1].lemma_) and doc[end - 1].pos_ in ("VERB", "AUX", "NOUN")):
        end -= 1  # "Obama Says" in a headline: the verb is not part of the name
    # lower-case words end a name ("Trump demands accountability" in a headline), name particles excepted
    for k in range(start + 1, end):
        t = doc[k]
        if t.text[:1].islower() and t.lower_ not in NAME_PARTICLES and not t.is_punct and doc[k - 1].whitespace_:
            end = k
            break
    if end == ent.end or end == ent.end - 1 and doc[end].text == "-":
        end = _through_hyphen(doc, _through_particles(doc, end))
    if end == ent.end and ent.label_ == "PERSON":
        end = _through_untagged_surname(doc, end, lex)
    if start == ent.start and ent.label_ == "PERSON" and start > 0 and _untagged_name_word(doc[start - 1], lex) \
            and lex.is_first_name(doc[start - 1].text) and doc[start - 1].whitespace_ and not _title_case_line(doc[start]):
        start -= 1  # "Marcel" + "Lazăr Lehel": a known first name the model left out of the name
    # an honorific just before the name ("Mr. Obama" with "Mr." outside it)
    if start > 0 and doc[start - 1].lower_ in lex.honorifics:
        found.append(doc[start - 1].lower_)
    if start >= end:
        return None, found
    return doc[start:end], found


def _is_credit(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if _CREDIT_LINE.match(line) and len(line) < 120:
        return True
    before = text[max(line_start, start - 60):start]
    if _CREDIT_BEFORE.search(before):
        return True
    return bool(_CREDIT_AFTER.match(text[end:end + 30]))


# ---------------------------------------------------------------- titles
def title_for(doc: Doc, name: Span, honorifics: list[str], lex: Lexicon) -> Role:
    """The role the text gives a name: pre-name title, appositive after, or title-comma-name."""
    for finder in (_title_before, _appositive_after, _title_comma_before, _shared_title, _who_heads, _predicate_title):
        role = finder(doc, name, lex)
        if role.title:
            return role
    strong = [h for h in honorifics if h in lex.title_heads]
    if strong:
        return Role(title=strong[-1].capitalize())
    return Role()


# honorifics that stand before a name, never the last word of a title ("Attorney General" keeps "General")
_NAME_HONORIFICS = {"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr", "prof.", "sir", "dame", "lord", "lady",
                    "hon.", "rev.", "sheikh", "sheik", "prince", "princess", "emir"}
_TITLE_STOP = {"the", "a", "an", "this", "that", "and", "or", "but", "said", "says", "told", "with", "by", "to"}


def _title_before(doc: Doc, name: Span, lex: Lexicon) -> Role:
    first = name.start
    j = name.start - 1
    while j >= max(name.sent.start, name.start - 12):
        tok = doc[j]
        low = tok.lower_
        if tok.tag_ == "POS" or low in ("'s", "’s"):
            j -= 1
            continue
        if tok.text == ")" and j >= 2 and doc[j - 2].text == "(" and doc[j - 1].text.isupper() and first == j + 1:
            j -= 3  # "Reserve Bank of India (RBI) Governor Shaktikanta Das": the acronym inside the title
            continue
        if low in ("and", "&") and first == j + 1 and j > name.sent.start and _portfolio(doc[j - 1], lex) \
                and _portfolio(doc[j + 1], lex):
            j -= 1  # "Business and Trade Secretary Jonathan Reynolds": two portfolios of one title
            continue
        if tok.ent_type_ == "ORG" and tok.ent_iob_ == "I" and first == j + 1 and not tok.like_num:
            ent = next((e for e in doc.ents if e.start <= j < e.end), None)
            if ent is not None and ent.start >= name.sent.start:
                # "The Council on Foreign Trade Relations Executive Director X": the whole organization, its
                # "on"/"and" included
                first = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
                j = ent.start - 1
                continue
        if _joining_hyphen(doc, j) and first == j + 1:
            j -= 1  # "vice-premier Wang Tao", "Secretary-General Ana Ruiz": the word before is part of the title
            continue
        if low == "the" and j > name.sent.start and doc[j - 1].lower_ == "of" and j + 1 < name.start \
                and doc[j + 1].text[:1].isupper():
            j -= 1  # "Chancellor of the Exchequer Rachel Moore", "President of the Commission X"
            continue
        if low in _TITLE_STOP or tok.is_punct and low not in ("-",) or tok.like_num:
            break
        if low == "of" and j + 1 < name.start and (doc[j + 1].text[:1].isupper() or doc[j + 1].lower_ == "the"
                                                   and j + 2 < name.start and doc[j + 2].text[:1].isupper()):
            j -= 1
            continue
        if low in lex.title_heads or low in lex.title_modifiers or lex.is_title_head(low):
            first = j
        elif (low in lex.institution_nouns or low == "central" and doc[j + 1].lower_ == "bank") \
                and doc[j + 1].lower_ != "of":  # ("the office of Trade Minister X" is not his title)
            first = j  # "Foreign ministry spokesperson Lin Jian", "central bank governor Ana Ruiz"
        elif tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ", "NOUN", "VERB", "X"):
            first = j
        else:
            break
        j -= 1
    span = doc[first:name.start]
    while len(span) and (span[0].lower_ == "of" or span[0].tag_ == "POS"):
        span = span[1:]
    while len(span) > 1 and span[-1].lower_ in _NAME_HONORIFICS and lex.is_title_head(span[-2].lower_):
        span = span[:-1]  # "Energy Minister Prince X", "Finance Minister Dr. Y": the honorific goes with the name
    if not _has_head(span, lex):
        return Role()
    role = role_from(doc, span, lex)
    # one person's title is singular even when written for two ("chief negotiators Anna Berg and ...")
    words = role.title.split()
    if words and words[-1].lower() in lex.plural_heads:
        words[-1] = lex.plural_heads[words[-1].lower()]
        role.title = " ".join(words)
    return role


# titles that name a post at a central bank when no organization is written with them ("Governor Rhee",
# "Chairman Martin Schlegel" in a story about the bank)
_BANK_POSTS = {"governor", "chairman", "chair", "chairwoman", "chairperson"}
_BANK_POST_WORDS = _BANK_POSTS | {"deputy", "vice", "senior", "assistant", "acting", "the", "bank's", "bank’s"}


def _head_of_organization(span: Span, lex: Lexicon) -> bool:
    """A title whose head comes first and names its organization after "of"/"at" ("governor of the Bank of
    Portugal", "deputy head of the agency")."""
    return any(t.lower_ in ("of", "at") and lex.is_title_head(span.doc[t.i - 1].lower_) for t in span[1:3]) \
        and any(t.text[:1].isupper() or t.lower_ in lex.institution_nouns for t in span)


def _joining_hyphen(doc: Doc, j: int) -> bool:
    """Token j is a hyphen inside a word ("vice-premier", "Director-General"), not a dash between words."""
    return doc[j].text == "-" and 0 < j < len(doc) - 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_


def _bank_of_bare_titles(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """A bare "Governor"/"Chairman" belongs to the central bank the article named before the person."""
    banks = []
    for ent in doc.ents:
        if ent.label_ in ("ORG", "GPE"):
            known = lex.org(ent.text)
            if known and lex.org_kinds.get(known[0]) == "central_bank":
                banks.append((ent.start, known[0], known[1] or None))
    if not banks:
        return
    for p in people:
        title = (p.role.title or "").lower().split()
        economist = set(title) <= _BANK_POST_WORDS | {"chief", "economist"} and "economist" in title and (
            p.role.title[:1].isupper() or "bank's" in title or "bank’s" in title)
        if p.role.organization or not title or not economist and (
                not set(title) <= _BANK_POST_WORDS or not set(title) & _BANK_POSTS):
            continue  # ("Chief Economist X", "the bank's chief economist, X" in a story about the bank are its own)
        first = p.mentions[0].start if p.mentions else 0
        before = [b for b in banks if b[0] < first]
        if before:
            _, p.role.organization, country = before[-1]
            p.role.country = p.role.country or country


def _fullest_organizations(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """"the Bank's governor" → Bank of England, when the article names it in full: the organization of a
    title under the fullest name the text gives it, without a possessive country (that is the country field)."""
    index = None
    for p in people:
        role = p.role
        if not role.organization or role.span is None:
            continue
        title = doc.char_span(*role.span, alignment_mode="expand")
        first = role.organization.split()[0]
        start = next((t.i for t in title if t.text == first), None) if title is not None else None
        if start is None:
            continue
        index = index or OrgIndex(doc, lex)
        found = index.find(doc[start:min(title.end, start + len(role.organization.split()))])
        if found is None:
            continue
        name = without_country(found.text).removeprefix("the ")
        known = lex.org(name)
        if known:
            role.organization = known[0]
            role.country = role.country or known[1] or None
        elif len(name) > len(role.organization) and role.organization.lower() in name.lower():
            role.organization = name


def _only_weak_head(title: str, lex: Lexicon) -> bool:
    """A title whose role words are all loose ones ("central bank chief", "head of the bank")."""
    heads = [w for w in title.lower().replace("’s", " ").replace("'s", " ").split() if lex.is_title_head(w)]
    return bool(heads) and all(w in lex.weak_heads for w in heads)


def _pre_name_or_apposed(doc: Doc, name: Span) -> bool:
    """A title may stand next to this mention: a word before it or a comma after it."""
    before = doc[name.start - 1] if name.start > 0 else None
    return before is not None and not before.is_punct and not before.is_space or \
        name.end < len(doc) and doc[name.end].text == ","


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
    while j > name.sent.start and doc[j].ent_type_ == "PERSON" and doc[j - 1].ent_type_ == "PERSON":
        j -= 1
    if doc[j].ent_type_ != "PERSON":
        return Role()
    first = doc[j:i]
    role = _title_before(doc, first, lex)
    if not role.title:
        role = _title_comma_before(doc, first, lex)  # "Two external members, Ann Lowe and Tom Hale,"
    if not role.title:
        return Role()
    words = role.title.split()
    words[-1] = lex.plural_heads.get(words[-1].lower(), words[-1])
    role.title = " ".join(words)
    return role


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
    # "Jai Kedia, who is a fellow at ..." / "Kedia, now chief economist at ..."
    while start < len(doc) and doc[start].lower_ in ("who", "is", "was", "now", "also", "then", "currently", "has", "been",
                                                      "served", "serves", "serving", "works", "worked", "as"):
        start += 1
    while start < len(doc) and doc[start].lower_ in ("a", "an", "the"):
        start += 1
    end = start
    limit = min(len(doc), start + 18)
    while end < limit and doc[end].text not in (",", ";", ")", "(", "\u2014", "--", ":") and not (
        doc[end].is_sent_start and end > start) and doc[end].pos_ not in ("VERB", "AUX"):
        if doc[end].text == "." and end + 1 < len(doc) and (doc[end + 1].is_sent_start or doc[end + 1].is_space):
            break
        if doc[end].is_space and "\n" in doc[end].text:
            break  # the paragraph ends the role
        if doc[end].lower_ in ("since", "until") or doc[end].ent_type_ == "DATE" and doc[end].lower_ in ("from", "in"):
            break  # "Mexico's finance minister since 2023": when is not part of the title
        end += 1
    if end < len(doc) and doc[end].tag_ in ("VBD", "VBZ", "VBP", "MD") and end > start \
            and doc[end - 1].tag_ not in ("WP", "WDT"):
        return Role()  # "… with hosts A and B, the candidate stated …": a subject of its own, not B's title
    span = doc[start:end]
    if not len(span):
        return Role()
    # the role head must come early, before any preposition ("fellow for ...", "chief executive of ...")
    head_part = []
    for t in span:
        if t.pos_ == "ADP" or t.lower_ in ("at", "for", "of", "with", "in", "from"):
            break
        head_part.append(t.lower_)
    if not head_part or not any(lex.is_title_head(w) for w in head_part[-3:]):
        return Role()
    of_what = len(span) > len(head_part) + 1 and span[len(head_part)].lower_ == "of"
    if not _has_head(span[: len(head_part)], lex) and not (of_what and lex.is_title_head(head_part[-1])):
        return Role()  # ("head of Asia research at X": a loose head with what it heads is a role)
    while len(span) and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return role_from(doc, span, lex)


_OWNER_PRONOUNS = ("his", "her", "their", "my", "our")


_HEADING_VERBS = {"head": "head", "lead": "head", "run": "head", "chair": "chair", "direct": "director"}


def _who_heads(doc: Doc, name: Span, lex: Lexicon) -> Role:
    """"Rui Lemos, who heads Portugal's central bank," → "head of Portugal's central bank"."""
    k = name.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ != "who":
        return Role()
    verb = doc[k + 2]
    while verb.lower_ in ("also", "now", "currently") and verb.i + 1 < len(doc):
        verb = doc[verb.i + 1]
    role = _HEADING_VERBS.get(verb.lemma_.lower())
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if role is None or obj is None:
        return Role()
    what = doc[obj.left_edge.i:obj.right_edge.i + 1]
    found = role_from(doc, what, lex)
    found.title = f"{role} of {what.text}"
    return found


def _predicate_title(doc: Doc, name: Span, lex: Lexicon) -> Role:
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
    return role_from(doc, span, lex) if len(span) else Role()


def _title_comma_before(doc: Doc, name: Span, lex: Lexicon) -> Role:
    """"the Fed chair, Jerome Powell," and "Treasury's top official, Scott Bessent"."""
    i = name.start - 1
    if i < 1 or doc[i].text != ",":
        return Role()
    end = i
    j = i - 1
    while j >= max(name.sent.start, i - 10) and (not doc[j].is_punct or _joining_hyphen(doc, j)) and (
            doc[j].lower_ not in ("the", "a", "an", "said", "and", "by", "with", *_OWNER_PRONOUNS)
            or doc[j].lower_ == "the" and j > 0 and doc[j - 1].lower_ in ("of", "at")):
        j -= 1  # ("The governor of the Bank of Portugal, Rui Matos,": the organization is part of the title)
    span = doc[j + 1:end]
    if not len(span) or not _has_head(span, lex) or not (
            lex.is_title_head(span[-1].lower_) or _head_of_organization(span, lex)):
        return Role()
    # ("his Indian counterpart, Arjun Mehta": the owner is not part of the title)
    if j >= 0 and doc[j].lower_ not in ("the", "a", "an", *_OWNER_PRONOUNS) and not doc[j].is_punct \
            and j != name.sent.start - 1:
        return Role()
    while len(span) > 1 and (span[0].like_num or span[0].lower_ in ("both", "all")):
        span = span[1:]  # "Two external members, …": how many is no part of the title
    role = role_from(doc, span, lex)
    words = role.title.split()
    words[-1] = lex.plural_heads.get(words[-1].lower(), words[-1])  # each of them is one "external member"
    role.title = " ".join(words)
    return role


def role_from(doc: Doc, span: Span, lex: Lexicon) -> Role:
    """The role a title phrase gives ("chief economist at Aldgate Capital"): title, organization, country. A
    possessive pronoun is no part of the title: "Its chief executive" is the chief executive of the
    organization the sentence before was about."""
    owner = None
    if len(span) > 1 and span[0].lower_ in ("its", "their"):
        owner = _organization_before(doc, span[0].i)
        span = span[1:]
    elif len(span) > 1 and span[0].lower_ in _OWNER_PRONOUNS:
        span = span[1:]  # "His deputy, Ewa Zielinska": a deputy (whose is another person's business)
    title = span.text.strip(" ,")
    org = _organization(span, lex) or owner
    country = _country(doc, span, org, lex)
    if org is not None:
        known = lex.org(org)
        if known:
            org = known[0]
    return Role(title=title, organization=org, country=country, span=(span.start_char, span.end_char))


def _organization_before(doc: Doc, i: int) -> str | None:
    """The organization "its" at token i refers to: the last one named as a subject before it, within the
    sentence before."""
    sent_start = doc[i].sent.start
    limit = doc[sent_start - 1].sent.start if sent_start > 0 else 0
    for k in range(i - 1, limit - 1, -1):
        tok = doc[k]
        if tok.ent_type_ == "ORG" and tok.dep_ in ("nsubj", "nsubjpass"):
            start = k
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            return doc[start:k + 1].text.removeprefix("the ").removeprefix("The ")
    return None


def _organization(span: Span, lex: Lexicon) -> str | None:
    in_country = {t.i for c in span.doc.spans["countries"] for t in c} if "countries" in span.doc.spans else set()
    for ent in span.ents:
        if ent.label_ == "ORG" and not all(t.lower_ in lex.title_modifiers or lex.is_title_head(t.lower_)
                                           or t.i in in_country or t.is_punct or t.lower_ in ("and", "&") for t in ent):
            # ("Commerce" of "Commerce Minister", "European Trade" of "European Trade Commissioner": a portfolio)
            end = ent.end
            while end > ent.start + 1 and (lex.is_title_head(span.doc[end - 1].lower_) or span.doc[end - 1].lower_ in (
                    "deputy", "vice", "chief", "senior")):
                end -= 1  # "Bank of Mexico Governor" tagged as one organization
            return span.doc[ent.start:end].text.removeprefix("the ").removesuffix("'s").removesuffix("’s")
    runs, run = [], []
    for t in span:
        if run and (t.tag_ == "POS" or t.text in ("'", "’")) and t.i + 1 < span.end and span.doc[t.i + 1].text[:1].isupper():
            run.append(t)  # "National Farmers' Federation"
            continue
        cap = t.text[:1].isupper() and not t.is_punct
        if cap and (t.ent_type_ not in ("GPE", "NORP", "PERSON") or lex.org(t.text)) and not lex.is_title_head(t.lower_) or (
            run and t.lower_ in ("of", "for", "on", "and", "&")):
            run.append(t)  # ("Council on Foreign Relations")
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        while run and run[-1].lower_ in ("of", "for", "on", "and", "&"):
            run.pop()
        words = [t.text for t in run]
        text = run[0].doc[run[0].i:run[-1].i + 1].text
        if lex.org(text) or any(w.lower() in lex.org_nouns for w in words):
            return text
    return None


def _country(doc: Doc, span: Span, org: str | None, lex: Lexicon) -> str | None:
    for c in doc.spans.get("countries", []):
        if c.start < span.end and c.end > span.start and len(c.label_) == 3:
            return c.label_
    for t in span:
        if t.ent_type_ in ("GPE", "NORP") and t.ent_iob_ == "B":
            ent = next((e for e in doc.ents if e.start == t.i), None)
            code = country_code(ent.text if ent is not None else t.text, lex)
            if code:
                return code
    if org:
        known = lex.org(org)
        if known and len(known[1]) == 3:
            return known[1]
    return None


def country_code(name: str, lex: Lexicon | None = None) -> str | None:
    """ISO3 for a country name as written ("Japan", "the U.S."), via pycountry plus common short forms."""
    lex = lex or lexicon()
    name = re.sub(r"['’]s$", "", name.strip()).removeprefix("the ").strip()
    code = lex.country_aliases.get(name.lower())
    if code:
        return code
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None
