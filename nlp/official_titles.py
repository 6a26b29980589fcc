"""Second reading of the roles ``find_people`` gave: the titles and organizations as the person holds them.

- A former post before the name gives way to the present one after it: "former trade envoy Ana Bell, now
  deputy finance minister," holds the second.
- A title written before an honorific is the title: "Fiji's Permanent Representative Amb. Losa Tuilagi",
  "Kuwait's oil minister, Sheikh Ali Sabah,".
- A word that opens a clause is no part of the title: "director" of "…, whereas another director, Karl Horn,".
- An organization spelt only in the headline ("Bank Of Norway Tightens Lending Rules") is read again from the title;
  a firm or a paper the model took for a person ("Bellmont Mutual Bank Plc") is none.
- A "central bank" title is that of the central bank the story names.
- An organization is not followed by the title's rank or portfolio: "Labour Ministry" of "Labour Ministry State
  Secretary", "EU" of "EU Competition Commissioner".
- A "name" seen only in a title-case headline after a title ("Farm Minister Opposes Quotas") is no person.
- An acronym in the title names the organization the text spells it out as: "MOT spokesperson Ana Quispe" after
  "Peru's Ministry of Trade" speaks for the Ministry of Trade, of Peru.
- "Ana Quispe, the ministry's spokeswoman," after "the Ministry of Trade said": that ministry's.
- "his Peruvian counterpart Luis Soto" and later "Foreign Minister Soto": the title the text gives him, not the
  counterpart said of another's post.
- A title that lists its portfolio with "of"/"for" ends where the name starts: a portfolio word the model ran
  into the name ("Minister of Mines and Energy X" tagged "Energy X") is the title's, a "name" of portfolio words
  only is none, and "Minister of Agriculture Ana Brook" tagged as one organization is a person.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from nlp.affiliations import firm_name, holds_a_firm_post
from nlp.official_countries import add_countries
from nlp.quotes.lexicon import Lexicon, lexicon
from nlp.quotes.organizations import in_headline
from nlp.quotes.people import Person, name_key, role_words_name
from nlp.quotes.titles import Role, role_from, title_for
from nlp.segments import doc_text


def refine_roles(doc: Doc, people: list[Person]) -> list[Person]:
    """The people with their titles made whole; names read only in a headline dropped."""
    lex = lexicon()
    people = _named_after_a_portfolio(doc, people, lex)
    kept = []
    for p in people:
        if _headline_only(doc, p, lex):
            _hand_over_body_mentions(doc, p, people)
            continue
        if firm_name(p.name) or _only_portfolio_words(p.name, lex) or not p.role.title and _role_words_only(p, lex) \
                or _a_country_word(doc, p):
            continue  # "the weekly Harbour Gazette", "Bellmont Mutual Bank Plc", "Energy", "Aides": no person
        _portfolio_out_of_name(doc, p, lex)
        _organization_not_from_headline(doc, p, lex)
        _title_before_honorific(doc, p, lex)
        _current_after_former(doc, p, lex)
        _organization_without_rank(p, lex)
        _title_without_clause_word(p)
        _title_without_its_years(p)
        kept.append(p)
    _central_bank_named(doc, kept, lex)
    kept = _merge_same_names(kept)
    _title_besides_counterpart(doc, kept, lex)
    _organization_of_an_acronym(doc, kept, lex)
    _organization_of_its_noun(doc, kept, lex)
    _title_opening_the_next_sentence(doc, kept, lex)
    add_countries(doc, kept)
    for p in kept:
        p.at_firm = holds_a_firm_post(doc, p)
    return kept


def _named_after_a_portfolio(doc: Doc, people: list[Person], lex: Lexicon) -> list[Person]:
    """"Minister of Agriculture Ana Brook" that the model tagged as one organization ("Agriculture Ana Brook"): a
    known first name and a capitalised proper noun ending it, right after a title that names its portfolio with
    "of" or "for", are a person; her bare surname elsewhere is her. (A longer name is left alone: "Ana Brook
    Lima" may be written "Ana Brook" elsewhere.)"""
    taken = {t.i for p in people for m in p.mentions for t in m}
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 3 or ent.start < 2 or doc[ent.start - 1].lower_ not in _PORTFOLIO_LINKS \
                or any(t.i in taken for t in ent):
            continue
        start = next((t.i for t in ent[1:] if lex.is_first_name(t.text)), None)
        if start is None or ent.end - start != 2 or not all(
                t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and t.lower_ not in lex.org_nouns
                for t in doc[start:ent.end]):
            continue
        name = doc[start:ent.end]
        role = title_for(doc, name, [], lex)
        if not role.title or role.span is None or role.span[1] != doc[start - 1].idx + len(doc[start - 1]) \
                or not any(w in role.title.split() for w in ("of", "for")):
            continue
        key = (name_key(name[0].text), name_key(name[-1].text))
        same = [p for p in people if p.key[1] == key[1] and p.key[0] in ("", key[0])]
        person = Person(name=name.text, key=key, mentions=[name], role=role)
        for p in same:
            person.mentions.extend(p.mentions)
        held = {t.i for m in person.mentions for t in m} | taken
        person.mentions.extend(doc[t.i:t.i + 1] for t in doc if t.text == name[-1].text and t.pos_ == "PROPN"
                               and t.i not in held)  # ("… Brook said" tagged ORG)
        person.mentions.sort(key=lambda m: m.start)
        people = [p for p in people if p not in same] + [person]
    return people


_DESCRIPTION_WORDS = 4  # "The [former Vestland] leader": the longest description opening a sentence looked at


def _title_opening_the_next_sentence(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """"… step in Mr Lehto. The Vestland leader won points …", "…, says Lehto. The ambassador thinks …": a
    description opening the sentence after one that names an untitled person and no one else, as its subject,
    is that person's title (not a generic "the official" or "the spokesman", who may be another, nor the role of
    someone titled before: "Adm. Ana Bell, the fleet's commander, … Harbour master X said … The commander …")."""
    held = {p.role.title.lower().split()[-1] for p in people if p.role.title}
    sentence_of = {}
    for p in people:
        for m in p.mentions:
            sentence_of.setdefault(m.sent.start, set()).add(id(p))
    for p in people:
        for m in p.mentions if not p.role.title else ():
            after = m.sent.end
            while after < len(doc) and doc[after].is_space:
                after += 1
            if sentence_of.get(m.sent.start) != {id(p)} or after + 1 >= len(doc) or doc[after].lower_ != "the":
                continue
            head = doc[after].head
            if not after < head.i <= after + _DESCRIPTION_WORDS or head.dep_ not in ("nsubj", "nsubjpass") \
                    or head.tag_ != "NN" or not lex.is_title_head(head.lower_) or head.lower_ in lex.generic | held \
                    or any(t.ent_type_ == "PERSON" or t.is_punct for t in doc[after:head.i + 2]):
                continue
            p.role = role_from(doc, doc[after + 1:head.i + 1], lex)
            break


def _title_besides_counterpart(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """"his American counterpart Tom Reed" and later "President Reed": a counterpart is said of someone else's
    post; the title the text gives him elsewhere is his own."""
    for p in people:
        words = (p.role.title or "").lower().split()
        if not words or words[-1] != "counterpart":
            continue
        for m in p.mentions:
            if p.role.span is not None and m.start_char >= p.role.span[1] and m.start_char - p.role.span[1] < 3:
                continue  # (the mention the counterpart phrase stands before)
            role = title_for(doc, m, [], lex)
            if role.title and role.title.lower().split()[-1] != "counterpart":
                p.other_titles.append(p.role.title)
                role.country = role.country or p.role.country  # ("his Ugandan counterpart": Uganda's)
                p.role = role
                break


def _organization_of_an_acronym(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """"MOT spokesperson Ana Quispe" in a story that names "Peru's Ministry of Trade": the organization is the one
    the acronym stands for (its initials, "of" included or not), under the name the text gives it, and of the
    country that name gives ("Peru's", "the Chinese …"). A well-known acronym ("EU", "WTO") is read as before."""
    countries = [c for c in doc.spans.get("countries", []) if len(c.label_) == 3]
    in_country = {t.i for c in [*countries, *doc.spans.get("blocs", [])] for t in c}  # ("EU": a bloc, no ministry)
    for p in people:
        role = p.role
        if role.span is None or role.organization and not role.organization.isupper():
            continue
        title = doc.char_span(*role.span, alignment_mode="expand")
        acronym = next((t.text for t in title if 2 <= len(t.text) <= 6 and t.text.isalpha() and t.text.isupper()
                        and t.i not in in_country and not lex.org(t.text)), None) if title is not None else None
        named = _spelt_out(doc, acronym, in_country) if acronym else None
        if named is not None:
            _take_organization(doc, role, named, countries, lex)


def _take_organization(doc: Doc, role: Role, named: tuple[int, int], countries: list[Span], lex: Lexicon) -> None:
    """The organization at token bounds ``named`` (country words left out) as the role's, with its country."""
    name = doc[named[0]:named[1]].text.removeprefix("the ").removeprefix("The ")
    known = lex.org(name)
    role.organization = known[0] if known else name
    role.country = role.country or (known[1] if known and len(known[1]) == 3 else None) or next(
        (c.label_ for c in countries if named[0] - 2 <= c.start < named[1]), None)


# how far back "the ministry's spokesman" looks for the ministry named in full
_OWNER_LOOKBACK = 80  # tokens


def _organization_of_its_noun(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """"the Ministry of Trade said … Ana Quispe, the ministry's spokeswoman,": the body a title names by its common
    noun ("the ministry's", "the bank's") is the one of that noun the text named last before it."""
    countries = [c for c in doc.spans.get("countries", []) if len(c.label_) == 3]
    in_country = {t.i for c in countries for t in c}
    for p in people:
        role = p.role
        words = (role.title or "").split()
        if role.organization or role.span is None or len(words) < 2 or not words[0].endswith(("'s", "’s")):
            continue
        noun = words[0][:-2].lower()
        if noun not in lex.institution_nouns and noun not in lex.org_nouns:
            continue
        title = doc.char_span(*role.span, alignment_mode="expand")
        if title is None:
            continue
        named = next((e for e in reversed(doc.ents) if e.label_ == "ORG" and e.end <= title.start
                      and title.start - e.end <= _OWNER_LOOKBACK and noun in e.text.lower().split()), None)
        if named is not None:
            k = named.start
            while k < named.end - 1 and (doc[k].i in in_country or doc[k].lower_ == "the" or doc[k].tag_ == "POS"):
                k += 1  # "the Chilean Ministry of …", "Peru's Ministry of …": the country is the country field
            _take_organization(doc, role, (k, named.end), countries, lex)


def _spelt_out(doc: Doc, acronym: str, in_country: set[int]) -> tuple[int, int] | None:
    """Token bounds (country words left out) of the organization the text names whose initials are the acronym."""
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        cut = next((t.i for t in ent if t.text == "("), ent.end)  # ("the Ministry of Trade (MOT": the name)
        words = [t for t in doc[ent.start:cut] if t.is_alpha and t.i not in in_country
                 and t.lower_ not in ("the", "a", "an")]
        if len(words) < 2 or not words[0].text[:1].isupper():
            continue
        every = "".join(t.text[0].upper() for t in words)
        capitals = "".join(t.text[0] for t in words if t.text[:1].isupper())
        if acronym in (every, capitals):
            return words[0].i, words[-1].i + 1
    return None


def _only_portfolio_words(name: str, lex: Lexicon) -> bool:
    """"Energy" of "Deputy Energy Minister X" taken for a name: every word a portfolio."""
    return all(w[:1].isupper() and w.lower() in lex.title_modifiers and not lex.is_first_name(w) for w in name.split())


def _role_words_only(person: Person, lex: Lexicon) -> bool:
    """"Aides said", "Weather officials told": a "name" of role words only, or a word that only ever qualifies a
    role noun after it, is no person."""
    words = person.name.split()
    return role_words_name(person.name, lex) or len(words) == 1 and bool(person.mentions) and all(
        len(m) == 1 and m.root.dep_ == "compound" and m.root.head.i > m.root.i and lex.is_title_head(m.root.head.lower_)
        for m in person.mentions)


_PORTFOLIO_LINKS = ("and", "&", "of", "for")


def _portfolio_out_of_name(doc: Doc, person: Person, lex: Lexicon) -> None:
    """"Minister of Mines and Energy Subroto", "Minister of Mines Patrick Chitambala": the portfolio's last word,
    which the model ran into the name, ends the title; the name starts after it."""
    first = person.name.split()[0]
    if len(person.name.split()) < 2 or lex.is_first_name(first):
        return
    trimmed = False
    for i, m in enumerate(person.mentions):
        if len(m) < 2 or m[0].text != first or m.start == 0 or doc[m.start - 1].lower_ not in _PORTFOLIO_LINKS:
            continue
        name = doc[m.start + 1:m.end]
        role = title_for(doc, name, [], lex)
        if not role.title or role.span is None or role.span[1] != m.start_char + len(first) \
                or not any(w in role.title.split() for w in ("of", "for")):
            continue
        person.mentions[i] = name
        if not trimmed and (person.role.title is None or person.role.span is not None
                            and role.span[0] <= person.role.span[0] < role.span[1]):
            person.role = role
        trimmed = True
    if trimmed:
        person.name = person.name.split(maxsplit=1)[1]
        words = person.name.split()
        person.key = (name_key(words[0]) if len(words) > 1 else "", name_key(words[-1]))


def _merge_same_names(people: list[Person]) -> list[Person]:
    """Two people of one name (one of them freed of a portfolio word) are one."""
    out, seen = [], {}
    for p in people:
        same = seen.get(p.name)
        if same is None:
            seen[p.name] = p
            out.append(p)
            continue
        same.mentions = sorted([*same.mentions, *p.mentions], key=lambda m: m.start)
        if not same.role.title:
            same.role = p.role
    return out


def _central_bank_named(doc: Doc, people: list[Person], lex: Lexicon) -> None:
    """"central bank governor Ana Bell" in a story that names the Bank of Ghana: that bank (the one of the
    title's country, else the one named nearest before her, else the first named after)."""
    banks = []
    for ent in doc.ents:
        known = lex.org(ent.text) if ent.label_ in ("ORG", "GPE", "FAC") else None
        if known and lex.org_kinds.get(known[0]) == "central_bank":
            banks.append((ent.start, known[0], known[1]))
    for p in people:
        role = p.role
        if role.organization or "central bank" not in (role.title or "").lower() or not p.mentions:
            continue
        first = p.mentions[0].start
        mine = [b for b in banks if not role.country or b[2] == role.country]
        before = [b for b in mine if b[0] < first]
        bank = before[-1] if before else (mine[0] if mine else None)
        if bank is not None:
            role.organization = bank[1]
            role.country = role.country or (bank[2] if len(bank[2]) == 3 else None)


def _title_before_honorific(doc: Doc, person: Person, lex: Lexicon) -> None:
    """"Permanent Representative Amb. Losa Tuilagi", "Saudi Arabia's energy minister, Prince X,": the title before
    an honorific ("Amb.", "Dr.", "Sheikh") is hers, and better than the honorific alone."""
    if person.role.title and person.role.title.lower() not in lex.honorifics:
        return
    for mention in person.mentions:
        k = mention.start - 1
        if k >= 1 and doc[k].text == "." and not doc[k - 1].whitespace_:
            k -= 1
        word = doc[k].lower_.rstrip(".") if k >= 0 else ""
        if k < 1 or not (f"{word}." in lex.abbreviated_heads or f"{word}." in lex.honorifics or word in lex.honorifics) \
                or not doc[k].text[:1].isupper():
            continue
        role = title_for(doc, doc[k:mention.end], [], lex)
        if role.title and role.span is not None and role.span[1] <= doc[k].idx \
                and not doc.text[role.span[1]:doc[k].idx].strip(" ,"):
            # (right before the honorific: "Senator Ana Bell and President Tom Reed" gives him no "Senator")
            if person.role.title:
                person.other_titles.append(person.role.title)
            person.role = role
            return


_CLAUSE_WORDS = frozenset({"while", "whereas", "although", "though", "as", "when", "since", "after", "but",
                           "and", "another",
                           # sentence adverbs that open the sentence before a title ("Yesterday Chile's finance
                           # minister, X, said", "Earlier the trade minister X")
                           "yesterday", "today", "tonight", "tomorrow", "earlier", "later", "meanwhile",
                           "separately", "also", "however"})


def _title_without_clause_word(person: Person) -> None:
    """"whereas another director" → "director", "Yesterday Chile's finance minister" → "Chile's finance
    minister": a conjunction, "another" or a sentence adverb before a title opens the clause."""
    role = person.role
    words = (role.title or "").split()
    cut = 0
    while cut < len(words) - 1 and words[cut].lower() in _CLAUSE_WORDS:
        cut += 1
    if cut:
        role.title = " ".join(words[cut:])


# "president from 2013 to 2018", "mayor between 2004 and 2007", "minister during the war on drugs": when the
# holder held it is no part of the title
_YEARS_OF_A_TITLE = re.compile(r"\s+(?:from|between)\s+(?:1[89]|20)\d\d\b.*$|\s+during\s+.*$")


def _title_without_its_years(person: Person) -> None:
    role = person.role
    cut = _YEARS_OF_A_TITLE.sub("", role.title or "")
    if cut:
        role.title = cut


def _a_country_word(doc: Doc, person: Person) -> bool:
    """"Azerbaijani", "Chinese": a "person" whose every mention is a country's name or demonym."""
    countries = {(c.start, c.end) for c in doc.spans.get("countries", [])}
    return bool(person.mentions) and all((m.start, m.end) in countries for m in person.mentions)


_FORMER = ("former", "ex", "onetime", "one-time")
_NOW = frozenset({"now", "recently", "newly", "just", "currently", "appointed", "named", "who", "is", "became",
                  "has", "been", "since", "become", "a", "an", "the"})


def _current_after_former(doc: Doc, person: Person, lex: Lexicon) -> None:
    """"former trade envoy Ana Bell, recently appointed special negotiator on farm trade,": the title after
    the name is the one she holds."""
    role = person.role
    if not role.title or role.title.split()[0].lower().split("-")[0] not in _FORMER or role.span is None:
        return
    mention = next((m for m in person.mentions if m.start_char >= role.span[1]), None)
    if mention is None or mention.end + 2 >= len(doc) or doc[mention.end].text != ",":
        return
    k = mention.end + 1
    while k < len(doc) and doc[k].lower_ in _NOW:
        k += 1
    end = k
    while end < len(doc) and end - k < 12 and doc[end].text not in (",", ";", ".", ")", "(", "--") \
            and doc[end].pos_ not in ("VERB", "AUX") and not doc[end].is_space:
        end += 1
    span = doc[k:end]
    heads = [t for t in span if lex.is_title_head(t.lower_) and (
        t.lower_ not in lex.weak_heads or t.i + 1 < span.end and doc[t.i + 1].lower_ == "of")]
    if not heads or any(t.lower_ in _FORMER for t in span):
        return  # ("…, who left office in May,": no post; "…, a former envoy,": no present one)
    new = role_from(doc, span, lex)
    person.other_titles.append(role.title)
    person.role = new


def _organization_without_rank(person: Person, lex: Lexicon) -> None:
    """An organization that ran on into the title ("Labour Ministry State", "EU Competition") ends at its
    last organization word, or is the bloc or institution named first."""
    org = person.role.organization
    if org and len(org.split()) > 1 and org.split()[0][:1].islower() and org.split()[0].endswith(("'s", "’s")):
        org = person.role.organization = org.split(maxsplit=1)[1]  # "ministry's Trade Policy Department"
    if not org or lex.org(org):
        return
    words = org.split()
    while len(words) > 1 and words[-1].lower() in lex.title_modifiers | _PORTFOLIO_WORDS \
            and words[-1].lower() not in lex.org_nouns:
        words.pop()
    rest = " ".join(words)
    if len(words) == 1 and rest.upper() in _UNION_CODES:
        # "EU Trade Commissioner": a commissioner of the Commission, another EU title of the Union
        commissioner = "commissioner" in (person.role.title or "").lower()
        rest = "European Commission" if commissioner else "European Union"
    if len(words) < len(org.split()) and (lex.org(rest) or words[-1].lower() in lex.org_nouns):
        known = lex.org(rest)
        person.role.organization = known[0] if known else rest
        if known and not person.role.country and len(known[1]) == 3:
            person.role.country = known[1]


_UNION_CODES = ("EU", "EC")
# portfolios that are not in the title modifiers ("Competition Commissioner", "Industrial Policy Director")
_PORTFOLIO_WORDS = frozenset({"competition", "industrial", "external", "internal", "affairs", "relations",
                              "policy", "planning", "fisheries", "food"})


def _organization_not_from_headline(doc: Doc, person: Person, lex: Lexicon) -> None:
    """"Bank of Norway Governor Ola Berg" under the headline "Bank Of Norway Tightens Lending Rules": the organization
    is the one in the title, not the headline words that spell it first."""
    org = person.role.organization
    text = doc_text(doc)
    first_break = text.find("\n")
    if not org or first_break < 0 or person.role.span is None or org in text[first_break:] \
            or org not in text[:first_break] or not in_headline(doc[:1]):
        return
    title = doc.char_span(*person.role.span, alignment_mode="expand")
    found = role_from(doc, title, lex).organization if title is not None else None
    person.role.organization = found if found and found in text[first_break:] or found and lex.org(found) else None


def _hand_over_body_mentions(doc: Doc, person: Person, people: list[Person]) -> None:
    """The body's "Okafor said" that went to a headline's "Will Recover - Okafor" belong to the Okafor of the body."""
    first_break = doc_text(doc).find("\n")
    heirs = [q for q in people if q is not person and q.key[1] == person.key[1]]
    if len(heirs) == 1:
        heirs[0].mentions.extend(m for m in person.mentions if m.start_char > first_break)
        heirs[0].mentions.sort(key=lambda m: m.start)


def _headline_only(doc: Doc, person: Person, lex: Lexicon) -> bool:
    """A "person" first named in a title-case headline line, whose first word is no known first name and one
    of whose words the body never writes: title-case words after a title ("Farm Minister Opposes Quotas") or
    around a surname ("Coffee Prices Will Recover - Okafor")."""
    if not person.mentions or person.key[0] and lex.is_first_name(person.key[0]):
        return False
    text = doc_text(doc)
    first_break = text.find("\n")
    if first_break < 0 or person.mentions[0].start_char > first_break:
        return False
    if not in_headline(doc[:1]):
        return False  # a first paragraph, not a title-case headline
    body = text[first_break:]
    # ("Okafor Opposes Quotas", "Will Recover - Okafor": a word of the "name" the body never writes)
    return any(w not in body for w in person.name.split() if len(w) > 2)
