"""Named people in an article, one entry per person, with the role the text gives them.

A person is a PERSON entity (honorifics stripped) outside bylines and photo credits. Mentions are grouped by
surname: "Scott Bessent", "Bessent" and "Mr. Bessent" are one person; "Melania Trump" and "Donald Trump" are
two. Titles come from the words before the name ("Treasury Secretary Scott Bessent", "Japan's chief negotiator
Ryosei Akazawa") or from an appositive ("Mara Quist, a research fellow for the Hoover Institution", "the Fed
chair, Jerome Powell,"): ``titles.py``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from nlp.extensions import Official
from nlp.quotes.lexicon import OUTLETS, Lexicon, lexicon
from nlp.quotes.name_entities import (
    honoured_name,
    honoured_surnames,
    name_after_title,
    name_entities,
    title_case_line,
    trailing_name,
    untagged_name_word,
)
from nlp.quotes.quote_marks import find_quotes
from nlp.quotes.title_organizations import bank_of_bare_titles, country_code, fullest_organizations
from nlp.quotes.titles import (
    Role,
    joining_hyphen,
    only_weak_head,
    pre_name_or_apposed,
    predicate_title,
    title_for,
)
from nlp.segments import doc_text

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
class Person:
    """A person before it is decided whether they count as an official."""

    name: str
    key: tuple[str, str]  # (first name or "", surname), lower-case
    mentions: list[Span] = field(default_factory=list)
    role: Role = field(default_factory=Role)
    gender: str | None = None  # "m" | "f" when an honorific or a resolved pronoun says so
    other_titles: list[str] = field(default_factory=list)  # further titles the text gives ("the bank's governor")
    title_quoted: bool = False  # the title comes from someone's quoted words ("“Minister Okoye assured us …”")
    at_firm: bool = False  # the title is a post at a firm ("Tarn Motors CEO"): no public role
    taken_up: bool = False  # a lone name the model gave another label that "he" or "she" takes up: a person

    def named_like_a_person(self) -> bool:
        """Not a one-word name that the text also uses as an organization, place or product ("the Chronicle",
        "Stadia"), that reports ("Politico reported") or that is written in capitals ("WIRED"), nor a paper of
        any length (``_an_outlet``)."""
        if role_words_name(self.name, lexicon()):
            return False  # "Finance Minister", "Spokesman": a role the model tagged as a name
        if len(self.name.split()) > 1 and self.name.split()[-1].lower() in lexicon().plural_heads:
            return False  # "Tory MPs", "Labour Ministers": a group named by its role
        if _a_country_name(self):
            return False  # "Sri Lanka replied that …": a country speaks through its government
        if any(m.end < len(m.doc) and m.doc[m.end].lower_ in OUTLETS for m in self.mentions):
            return False  # "the Korpela newspaper says": a paper named after its town
        if _an_outlet(self):
            return False  # "…, Der Kurier reports.": a paper named in its own language
        if len(self.name.split()) > 1:
            return True
        if self.name.isupper():
            return False
        if self.taken_up:
            return True
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
        Meridian Securities") whose title names no public institution ("chief economist at the IMF" is one), nor
        a post at a firm."""
        if self.at_firm:
            return False
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


def _a_country_name(person: Person) -> bool:
    """The "person" is a country the text names as one elsewhere ("Sri Lanka", tagged as a person where it
    speaks), and no first name ("Jordan", "Georgia")."""
    if lexicon().is_first_name(person.name.split()[0]) or country_code(person.name) is None:
        return False
    return any(c.start <= m.start and m.end <= c.end and len(c.label_) == 3
               for m in person.mentions for c in m.doc.spans.get("countries", []))


def _an_outlet(person: Person) -> bool:
    """A name with no first name that is the subject of "report" ("…, Evening Courier reports") or of a sentence
    the next one takes up as "the newspaper" ("…, says Pohjanlahti. The newspaper interviewed …"): a paper."""
    if lexicon().is_first_name(person.name.split()[0]):
        return False
    for m in person.mentions:
        root, doc = m.root, m.doc
        if root.dep_ != "nsubj":
            continue
        after = m.sent.end
        if root.head.lemma_ == "report" or after + 1 < len(doc) and doc[after].lower_ == "the" \
                and doc[after + 1].lower_ in OUTLETS:
            return True
    return False


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


# role words that are no one's surname: a "name" made of them is a role the model tagged as a person
_ROLE_NOT_NAME = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary",
                            "manager", "director", "chairman", "treasurer", "commissioner", "aide", "adviser",
                            "advisor", "officer", "executive", "negotiator", "envoy", "diplomat", "analyst",
                            "economist", "banker", "trader", "mp", "mep", "msp", "lawmaker", "legislator",
                            "councillor", "councilor", "policymaker", "regulator"})


def role_words_name(name: str, lex: Lexicon) -> bool:
    """"Aides", "Spokesman", "Finance Minister": role and portfolio words only, no first name, ending in a role
    word that is nobody's surname ("King", "Judge" and "Dean" are)."""
    words = name.split()
    if not words or any(lex.is_first_name(w) for w in words) or not all(
            lex.is_title_head(w.lower()) or w.lower() in lex.title_modifiers for w in words):
        return False
    last = words[-1].lower()
    return lex.plural_heads.get(last, last) in _ROLE_NOT_NAME


def _ends_in_plural_role(name: str, lex: Lexicon) -> bool:
    """"Harbour MPs", "Coastal Senators": a group named by a plural role word, which the model tagged as a
    person (no person's name ends in one)."""
    words = name.split()
    return len(words) >= 2 and words[-1][:1].isupper() and words[-1].lower() in lex.plural_heads


def find_people(doc: Doc) -> list[Person]:
    """Every person mentioned in a role or by name, grouped by person, in order of first mention."""
    lex = lexicon()
    text = doc_text(doc)
    people: list[Person] = []
    by_surname: dict[str, list[Person]] = {}
    quoted = [(q.start, q.end) for q in find_quotes(text)]
    acronyms = _organization_initials(doc)
    honoured = honoured_surnames(doc)
    after_kind, org_tagged = _named_as_organizations(doc, lex, honoured)
    for ent in name_entities(doc, lex, honoured):
        if ent.text in acronyms or lex.org(ent.text):
            continue  # "METI said" after "Japan's Ministry of Economy, Trade and Industry", "the Lib Dem leader": no person
        if _after_its_kind(ent, lex):
            continue  # "the ratings agency Fitch", "the carmaker Stellantis": an organization after its kind
        if ent.start > 1 and doc[ent.start - 1].lower_ in OUTLETS and doc[ent.start - 2].dep_ in ("det", "poss", "amod", "compound"):
            continue  # "told the daily Al-Rai", "the weekly Der Kurier": a newspaper after its kind
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
        if person.role.title is None or only_weak_head(person.role.title, lex) or person.title_quoted and not in_quote:
            role = title_for(doc, name_span, honorifics, lex)
            if role.title and (person.role.title is None or not only_weak_head(role.title, lex)
                               or person.title_quoted and not in_quote):
                if person.role.title:
                    person.other_titles.append(person.role.title)
                person.role = role  # "central bank chief X" … "Governor X": the formal title
                # a title in someone's quoted words gives way to the narrative's ("Nigeria's industry minister")
                person.title_quoted = in_quote
        elif pre_name_or_apposed(doc, name_span):
            role = title_for(doc, name_span, honorifics, lex)
            if role.title and role.title.split()[-1].lower() not in person.role.title.lower().split() \
                    and person.role.title == predicate_title(doc, person.mentions[0], lex).title:
                person.other_titles.append(person.role.title)
                person.role = role  # "X was the founder of …" … "the sitting president X": the title he holds
            elif role.title and role.title != person.role.title:
                person.other_titles.append(role.title)
                if person.role.country is None and role.country and person.role.title \
                        and person.role.title.split()[-1].lower() in role.title.lower().split():
                    person.role.country = role.country  # "President X" … "French President X": the same office
    people = [p for p in people if (p.role.title or not (
        p.name in after_kind or p.name in org_tagged and not lex.is_first_name(p.name.split()[0])))
        and not _ends_in_plural_role(p.name, lex)]
    people = _merge_partial_names(people)
    bank_of_bare_titles(doc, people, lex)
    fullest_organizations(doc, people, lex)
    _no_person_for_organization(people)
    by_surname = {}
    for p in people:
        by_surname.setdefault(p.key[1], []).append(p)
    _add_bare_surnames(doc, by_surname)
    for p in people:
        for m in p.mentions if p.role.title is None else ():
            role = predicate_title(doc, m, lex)  # "… Pires is Portugal's secretary of state for trade."
            if role.title:
                p.role = role
                break
    for p in people:
        if p.gender is None and p.key[0]:
            first = p.key[0]
            p.gender = "f" if first in lex.female_names and first not in lex.male_names else (
                "m" if first in lex.male_names and first not in lex.female_names else None)
    return people


def _no_person_for_organization(people: list[Person]) -> None:
    """"Bell's deputy, Tom Reed" after "Governor Ana Bell", "adviser to Reed": a title's "organization" that is
    another person of the article, by name or surname, is whose deputy or adviser the holder is, no body."""
    names = {p.name for p in people} | {p.name.split()[-1] for p in people if p.key[0]}
    for p in people:
        if p.role.organization in names and p.role.organization != p.name:
            p.role.organization = None


def _after_its_kind(ent: Span, lex: Lexicon) -> bool:
    """"the ratings agency Fitch", "the carmaker Stellantis": an organization right after its kind."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.pos_ == "NOUN" and before.lower_ in lex.company_nouns \
        and before.lower_ not in _PERSON_TOO


def _named_as_organizations(doc: Doc, lex: Lexicon, honoured: set[str]) -> tuple[set[str], set[str]]:
    """Names the article gives as an organization somewhere: right after its kind ("the drinks firm Castell
    Vane", whatever the model's label), and tagged ORG. A "person" with no title under one of these names is
    that organization ("… said Castell Vane"), unless, tagged ORG only, it starts with a known first name
    ("Carly Vance"), nor written with a surname of ``honoured``."""
    return {ent.text for ent in doc.ents if _after_its_kind(ent, lex)}, \
        {ent.text for ent in doc.ents if ent.label_ == "ORG" and honoured_name(ent, honoured) is None}


def _organization_initials(doc: Doc) -> set[str]:
    """The initials of the organizations the text names ("EU", "METI" for "Ministry of Economy, Trade and
    Industry"), which the model sometimes tags as people when they speak."""
    out = set()
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        caps = [t.text[0] for t in ent if t.text[:1].isupper() and t.lower_ not in ("the", "a", "an") and t.tag_ != "POS"]
        if len(caps) >= 2:
            out.add("".join(caps))
    return out


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
    if untagged_name_word(nxt, lex) and last.dep_ == "compound" and last.head.i == end and last.whitespace_ \
            and not title_case_line(nxt) \
            and not (end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].text[:1].isupper()):
        return end + 1
    return end


def _name_part(word: str) -> bool:
    """A piece of a hyphenated name: "Keller", "Sutter", "yong"; not "G" or "III" of "G-III"."""
    return len(word) >= 2 and word.isalpha() and (word.istitle() or word.islower())


def name_key(word: str) -> str:
    """A name word as matched: lower-case, without accents, a final dot or a hyphenated Arabic article ("Sánchez" =
    "Sanchez", "al-Khalili" = "Khalili")."""
    folded = unicodedata.normalize("NFKD", word.lower().strip("."))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded[3:] if folded.startswith(("al-", "el-")) and len(folded) > 5 else folded


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
            if not full and p.name.isupper() and 2 <= len(p.name) <= 5:
                # "MBS" of "Muhammad bin Salman", "AMLO" of "Andrés Manuel López Obrador": the initials of the name
                full = [q for q in people if len(q.name.split()) == len(p.name)
                        and "".join(w[0] for w in q.name.split()).upper() == p.name]
        else:
            # "Sri Wahyuni" after "Trade Minister Sri Wahyuni Prasetyo": the leading names of a longer one given
            # with a role (how Indonesian, Thai or Brazilian names are shortened); not a headline's "Ana Costa
            # Defends", nor "Ana Costa Jr."
            full = [q for q in people if q is not p and q.name.lower().split()[:len(words)] == words
                    and len(q.name.split()) > len(words) and q.name.split()[-1].lower().strip(".") not in _SUFFIXES
                    and q.role.title is not None and not all(title_case_line(m[0]) for m in q.mentions)]
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
    if end - start > 2 and doc[start].lower_ == "the" and doc[start + 1].lower_ in lex.honorifics:
        start += 1  # "the Rt Rev …"
    if end - start > 2 and doc[start].text in lex.nationals and doc[start + 1].text[:1].isupper():
        start += 1  # "Finn Aino Lehto", "Briton Tom Harker": the nationality, then the name
    while start < end and (doc[start].lower_ in lex.honorifics or doc[start].lower_ in lex.title_heads):
        found.append(doc[start].lower_)
        start += 1
    while start < end - 1 and doc[start].text[:1].islower() and doc[start].lower_ not in NAME_PARTICLES:
        start += 1  # ("… to kick Buhari aside" tagged as one name): no name starts with a lower-case word
    # a title inside the entity ("Fed Chair Elliot Marsh" tagged as one ORG): the name follows the last title word
    inner = name_after_title(doc[start:end], lex)
    if inner is None and ent.label_ == "ORG":
        inner = trailing_name(doc[start:end], lex)
    if inner is not None:
        start = inner
    if start >= 2 and joining_hyphen(doc, start - 1) and _name_part(doc[start - 2].text):
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
        if t.lower_ in ("'s", "’s") and not doc[k - 1].whitespace_:
            end = k  # "Ella Roos’s Cabinet", "Ella Roos's Party": the owner is the person, not what she owns
            break
    if end == ent.end or end == ent.end - 1 and doc[end].text == "-":
        end = _through_hyphen(doc, _through_particles(doc, end))
    if end == ent.end and ent.label_ == "PERSON":
        end = _through_untagged_surname(doc, end, lex)
    if start == ent.start and ent.label_ == "PERSON" and start > 0 and untagged_name_word(doc[start - 1], lex) \
            and (lex.is_first_name(doc[start - 1].text)
                 or doc[start - 1].lower_ not in lex.honorifics and _lone_first_name(doc, start, end, lex)) \
            and doc[start - 1].whitespace_ and not title_case_line(doc[start]):
        start -= 1  # "Marcel" + "Lazăr Lehel", "Omid" + "Kashanipour": a first name the model left out of the name
    # an honorific just before the name ("Mr. Obama" with "Mr." outside it)
    if start > 0 and doc[start - 1].lower_ in lex.honorifics:
        found.append(doc[start - 1].lower_)
    if start >= end:
        return None, found
    return doc[start:end], found


def _lone_first_name(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """A surname tagged alone right after a capitalised word that starts the name ("Omid Kashanipour"), not the
    end of a longer run of capitalised words ("Bank Markazi Kashanipour")."""
    k = start - 2
    if end - start != 1 or k >= 0 and (doc[k].pos_ == "PROPN" or doc[k].is_alpha and doc[k].text[:1].isupper()
                                       and not doc[k].is_sent_start):
        return False
    # ("Detective Smith" after "Detective Superintendent Rebecca Smith": a rank; the name before it elsewhere is the
    # first name)
    return not any(t.text == doc[start].text and t.i != start and t.i > 0 and doc[t.i - 1].pos_ == "PROPN"
                   and doc[t.i - 1].text != doc[start - 1].text and doc[t.i - 1].lower_ not in lex.honorifics
                   for t in doc)


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
