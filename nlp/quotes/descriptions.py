"""Descriptions: which person "the Treasury secretary", "the professor" or "the official" stands for.

A mixin of ``SpeakerResolver`` (``speakers.py``), which holds the doc, its people and their mentions, the quote
and reported-content ranges and the speakers resolved so far. A description goes to the most recently mentioned
person whose title has its head word (and agrees with its qualifiers: a country, an organization, an office),
else the latest subject described again, else the first person with that title named a little later.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span, Token

from nlp.organizations import country_of_word
from nlp.quotes.entities import entity_of
from nlp.quotes.institution_speakers import LOOKBACK_TOKENS, PRONOUN_GENDER
from nlp.quotes.lexicon import Lexicon, lexicon
from nlp.quotes.people import Person
from nlp.quotes.pronouns import SUBJECT_DEPS, _main_clause
from nlp.quotes.titles import country_code
from nlp.quotes.unnamed_intros import indefinite_introduction

_CABINET = frozenset({"secretary", "minister"})  # a secretary of state is a minister
# offices one person holds at a time: "the chancellor" is no one titled otherwise (an editor may well be an MP;
# a former office is described in many ways: "the former cabinet secretary" for an ex-civil service chief)
_OFFICES = frozenset({"minister", "secretary", "chancellor", "premier", "president", "governor", "mayor",
                      "leader", "chairman", "chairwoman", "chair"})
# rank words a description may add or leave out ("the senior minister", "the top official")
_RANKS = frozenset({"senior", "junior", "top", "lead", "leading", "chief", "then", "longtime", "veteran", "newly",
                    "outgoing", "incoming", "elected", "appointed", "visiting"})

# fields of government a title names ("the interior minister" is not the finance minister named before), with the
# ways of writing one field
_PORTFOLIOS = {w: field for field, words in {
    "foreign": ("foreign", "external"), "finance": ("finance", "fiscal", "treasury"), "trade": ("trade", "commerce"),
    "economy": ("economy", "economic", "economics"), "defence": ("defence", "defense"),
    "interior": ("interior", "home"), "justice": ("justice",), "health": ("health",),
    "energy": ("energy", "oil", "petroleum"), "agriculture": ("agriculture", "agricultural", "farm", "fisheries"),
    "labour": ("labour", "labor", "employment"), "education": ("education",),
    "transport": ("transport", "transportation"), "industry": ("industry", "industrial"),
    "environment": ("environment", "environmental", "climate"), "culture": ("culture",), "sports": ("sports",),
    "tourism": ("tourism",), "social": ("social",), "customs": ("customs",), "budget": ("budget",),
}.items() for w in words}
# ranks below the head of an office: "the deputy mayor" is no mayor, whatever fits "mayor"
_SECOND_RANKS = frozenset({"deputy", "vice", "assistant", "associate", "under"})


def other_office(modifiers: list[Token], title_words: list[str]) -> bool:
    """The description names another office than the title: a field of government the title names otherwise, or
    a second rank ("the deputy mayor") the title lacks."""
    return other_portfolio(modifiers, title_words) or any(
        m.lower_ in _SECOND_RANKS and m.lower_ not in title_words for m in modifiers)


def other_portfolio(modifiers: list[Token], title_words: list[str]) -> bool:
    """A description names a field of government the person's title names otherwise: "the interior minister"
    for Finance Minister X (a title with no field, "Minister X", may still be the interior minister)."""
    wanted = {_PORTFOLIOS[m.lower_] for m in modifiers if m.lower_ in _PORTFOLIOS}
    held = {_PORTFOLIOS[w] for w in title_words if w in _PORTFOLIOS}
    return bool(wanted and held and not wanted & held)


class Descriptions:
    """Descriptions for ``SpeakerResolver`` (which sets ``doc``, ``lex``, ``by_token``, ``mentions``,
    ``mention_starts``, ``quote_ranges``, ``content_ranges`` and ``speakers_at``)."""

    def _part_of_a_name(self, tok: Token) -> bool:
        """A capitalised word that is no title word and belongs to a longer name than a place or a group
        ("Union" in "The New Hampshire Union Leader"; not "Treasury" in "the Treasury Secretary")."""
        if tok.lower_ in self.lex.title_modifiers or self.lex.is_title_head(tok.lower_):
            return False
        ent = entity_of(tok)
        if ent is None:
            return True
        return ent.label_ not in ("GPE", "NORP") and len(ent) > 1

    def described(self, head: Token, strict: bool = False) -> Person | None:
        """"the Treasury secretary" → the latest person whose title ends in that head word (``strict``: only
        such a person, not the latest titled one for "the official" nor the latest subject described again)."""
        if head.lower_ in self.lex.plural_heads:
            return None  # "the officials", "those economists": several people, never the one named last
        if any(g.dep_ == "pobj" and any(d.lower_ in ("a", "an") for d in g.children)
               for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for") for g in c.children):
            return None  # "the head of a hedge fund": someone unnamed at a firm left unnamed
        word = _office_elect(head) or head.lower_
        modifiers = [t for t in head.lefts if t.dep_ in ("compound", "amod") and t.lower_ not in ("the", "a")
                     and not (word != head.lower_ and t.i >= head.i - 2)]
        if head.text[:1].isupper() and any(t.text[:1].isupper() and self._part_of_a_name(t) for t in modifiers):
            return None  # "The New Hampshire Union Leader": a name (a newspaper, a body), not a description
        specific = [t.lower_ for t in modifiers]
        # "Japan's chief cabinet secretary" is Japan's, not the American secretary named before
        owner = next((entity_of(c) for c in head.children if c.dep_ == "poss" and c.ent_type_ in ("GPE", "NORP")), None)
        owner_country = country_code(owner.text) if owner is not None else None
        headed = _headed_names(head)
        speaks_for_another = word in self.lex.voice_nouns or word == "source"  # a spokesman, an aide, a source
        best = None
        fits: list[tuple[bool, bool, int, Person]] = []  # (of another body, not the topic, recency, person)
        hi = bisect_left(self.mention_starts, head.i)
        # "A second inspector backed the account. … the inspector said": the unnamed one brought in, no one before
        intro = indefinite_introduction(head, word, LOOKBACK_TOKENS // 2)
        for k in range(hi - 1, -1, -1):
            start, person, span = self.mentions[k]
            if fits and head.i - start > LOOKBACK_TOKENS or intro is not None and start < intro:
                break
            words = self._title_words(person)
            if not words or owner_country and person.role.country != owner_country:
                continue
            if {"former", "ex"} & set(words) and not {"former", "ex"} & set(specific):
                continue  # "the governor" is the sitting one, not "a former New Jersey governor"
            counterpart = words[-1:] == ["counterpart"] and self.lex.is_title_head(word)  # "his Japanese counterpart"
            if (self._head_fits(word, words) or counterpart) and all(
                    s.lower_ in words or self._affiliated(s, person) for s in modifiers
                    if s.lower_ not in self.lex.title_modifiers) and all(self._affiliated(n, person) for n in headed) \
                    and not other_office(modifiers, words):
                # two people fit ("the president" after Brazil's and the American one): the one a sentence was
                # about, as its main subject or speaker, not the one named last in passing ("a day after U.S.
                # President X doubled tariffs"); a bare "the president" is no "president of the Brady Campaign"
                elsewhere = not modifiers and not headed and bool({"of", "at", "for"} & set(words))
                fits.append((elsewhere, not self._topic_mention(person, span), -start, person))
                if not elsewhere and not fits[-1][1]:
                    break
                continue
            if best is None and word in self.lex.generic and not speaks_for_another:
                best = person  # "the official": the latest titled person (a spokesman or a source speaks for another)
        if fits:
            return min(fits, key=lambda f: f[:3])[3]
        if strict:
            return None
        repeated = self.set_off_before_name(head)
        if repeated is not None:
            return repeated
        owned = any(c.dep_ == "poss" and (c.lower_ in PRONOUN_GENDER or c.i in self.by_token) for c in head.children)
        # an organization in the description ("the ITF member"; not a place or a party: "the Ohio Republican"),
        # or the one it heads ("The head of state copper company Codelco" is nobody whose role says nothing of it)
        affiliation = [t for t in modifiers if t.ent_type_ == "ORG"] + headed
        if best is None and not owned:
            # ("his lawyer" is someone else, never the man himself)
            # "Boris Johnson caved ... The prime minister said": the latest subject is described again (an
            # untitled one takes the role); a titled subject in between ("the Lisbon banker" after "Vale
            # charges …") is still the one meant, not an untitled person named before
            for k in range(hi - 1, -1, -1):
                start, person, span = self.mentions[k]
                if head.i - start > LOOKBACK_TOKENS // 2 or intro is not None and start < intro:
                    break
                if owner_country and person.role.country != owner_country:
                    continue
                if any(person.role.country and country_code(m.text) not in (None, person.role.country)
                       for m in modifiers if m.ent_type_ in ("NORP", "GPE")):
                    continue  # "the Japanese minister" is not South Korea's
                if affiliation and not any(self._affiliated(a, person) for a in _beyond_places(affiliation)):
                    continue  # "the RNC member" is nobody whose role says nothing of the RNC
                if speaks_for_another and person.role.title is not None and not self._head_fits(word, self._title_words(person)):
                    continue  # "the spokeswoman" after "Industry Minister X met …" is not the minister
                if person.role.title is not None and word in _OFFICES and not {"former", "ex"} & set(specific) \
                        and not self._holds_described_office(word, modifiers, person):
                    continue  # "the prime minister said" is not the home secretary named last
                if span.root.dep_ in SUBJECT_DEPS and not self._inside(self.quote_ranges, span.start_char) \
                        and not self._inside(self.content_ranges, span.start_char) \
                        and not _under_preposition(span.root, span.root.sent.root) \
                        and (span.root.dep_ == "appos" or _main_clause(span.root) or span.sent == head.sent):
                    # (not "… no matter what action President X takes. The Wisconsin Republican says": the subject of
                    # a clause inside an earlier sentence; in the description's own sentence it may be)
                    # (not "hosts X and Y" in "In an interview with hosts X and Y, the candidate said")
                    if person.role.title is None:
                        title_span = self.mention_span(head)
                        words = [t for t in title_span if t.lower_ not in ("the", "a", "an") and t.dep_ != "poss"]
                        if words:
                            person.role.title = title_span.doc[words[0].i:words[-1].i + 1].text
                    return person
        if best is None and not owned and word not in self.lex.generic:
            best = self._described_later(head, word, modifiers + headed, owner_country)
        return best

    def set_off_before_name(self, head: Token) -> Person | None:
        """The person a definite description repeats the phrase set off right before the name of: "the Head of
        Planning of Harlby, Director General Aino Lehto, … According to the Head of Planning" or "The victim's
        sister says … The victim's sister, Aino Ranta, told …" (the lead's description, named further on). The
        description must qualify its head (a modifier, an owner, an "of"), and every word of it be in that
        phrase; the nearest such mention wins."""
        wanted = {t.lower_ for c in head.children if c.dep_ in ("compound", "amod", "poss", "prep")
                  and (c.dep_ != "prep" or c.lower_ == "of") for t in c.subtree
                  if t.is_alpha and t.lower_ not in ("the", "a", "an", "of")}
        if not wanted or any(c.dep_ == "poss" and c.lower_ in PRONOUN_GENDER for c in head.children):
            return None  # ("the director" alone; "his sister" is someone of his)
        wanted.add(head.lower_)
        doc, lex = self.doc, self.lex
        best: tuple[int, Person] | None = None
        for start, person, span in self.mentions:
            if abs(start - head.i) > LOOKBACK_TOKENS or span.start <= head.i < span.end:
                continue
            k = span.start - 1
            while k > 0 and span.start - k <= 3 and doc[k].text[:1].isupper() and doc[k].ent_type_ != "PERSON" \
                    and (lex.is_title_head(doc[k].lower_) or doc[k].lower_ in lex.title_modifiers
                         or doc[k].pos_ == "PROPN" and not doc[k].ent_type_):
                k -= 1  # ("…, Director General Aino Lehto", "…, Brigadier General X": a rank of the name's own)
            if k < 1 or doc[k].text != "," or head.i in range(k - 12, k):
                continue
            phrase = {t.lower_ for t in doc[max(doc[k].sent.start, k - 12):k]}
            if wanted <= phrase and (best is None or abs(start - head.i) < abs(best[0] - head.i)):
                best = (start, person)
        return best[1] if best is not None else None

    def _holds_described_office(self, word: str, modifiers: list[Token], person: Person) -> bool:
        """A titled person fits a description of an office: its head word fits the title (a secretary of state
        is a minister) and its qualifying words are in it ("the prime minister" is no home secretary)."""
        words = self._title_words(person)
        if not self.office_fits(word, words):
            return False
        return all(m.lower_ in words or self._affiliated(m, person) for m in modifiers
                   if m.lower_ in self.lex.title_modifiers and m.lower_ not in _RANKS)

    def _topic_mention(self, person: Person, span: Span) -> bool:
        """The mention is the main subject of its sentence, outside quotes, or its person spoke there."""
        root = span.root
        return self._was_speaker(person, span.start) or root.dep_ in ("nsubj", "nsubjpass") and _main_clause(root) \
            and not self._inside(self.quote_ranges, span.start_char)

    def _described_later(self, head: Token, word: str, modifiers: list[Token], country: str | None) -> Person | None:
        """"The camp will be closed by spring, Norway's interior minister said. … Interior Minister Karl
        Brandt said …": a lead names the role first and the person a little later; the first person after with
        that title (and country) is the one described."""
        for k in range(bisect_left(self.mention_starts, head.i), len(self.mentions)):
            start, person, _ = self.mentions[k]
            if start - head.i > LOOKBACK_TOKENS // 2:
                break
            words = self._title_words(person)
            if not words or {"former", "ex"} & set(words) or country and person.role.country not in (None, country):
                continue
            counterpart = words[-1:] == ["counterpart"] and self.lex.is_title_head(word)  # "his Japanese counterpart"
            if (self._head_fits(word, words) or counterpart) and all(m.lower_ in words or self._affiliated(m, person) for m in modifiers
                                                    if m.lower_ not in self.lex.title_modifiers) \
                    and not other_office(modifiers, words):
                return person
        return None

    def _title_words(self, person: Person) -> list[str]:
        """The lower-case words of all the person's titles, possessives split off, and the rank written short
        before a name of theirs ("Adm. Lena Holt, who commands the fleet": a role told after the name is her
        title, yet "the admiral" is still she)."""
        title = " ".join([person.role.title or "", *person.other_titles]).lower()
        title = title.replace("-elect", " elect").replace("-designate", " designate")  # "president-elect"
        words = title.replace("’s", " ").replace("'s", " ").split()
        ranks = [r for r in (self._short_rank(m) for m in person.mentions) if r is not None and r not in words]
        return words + list(dict.fromkeys(ranks))

    def _short_rank(self, mention: Span) -> str | None:
        """The head a rank written short right before the name stands for ("Gen." → general), if any."""
        doc, k = mention.doc, mention.start - 1
        if k >= 1 and doc[k].text == "." and not doc[k - 1].whitespace_:
            k -= 1  # ("Adm" "." read as two tokens)
        if k < 0 or not doc[k].text[:1].isupper():
            return None
        return self.lex.abbreviated_heads.get(doc[k].lower_.rstrip(".") + ".")

    def _head_fits(self, word: str, title_words: list[str]) -> bool:
        """"the governor" fits "Bank of Korea Governor"; "the SNB chief", "the bank's boss" fit whoever leads
        (a chairman, governor, president, minister …)."""
        if word in title_words or any(self.lex.abbreviated_heads.get(w) == word for w in title_words):
            return True  # (also "the governor" for "Republican Gov. X")
        return word in self.lex.leader_words and any(w in self.lex.leading_heads for w in title_words)

    def office_fits(self, word: str, title_words: list[str]) -> bool:
        """A description's head word fits a title's words, and a secretary of state is a minister ("the trade
        secretary" … "the minister")."""
        return self._head_fits(word, title_words) or word in _CABINET and bool(_CABINET & set(title_words))

    def _affiliated(self, modifier: Token, person: Person) -> bool:
        """A modifier of a description agrees with the person's role: it is in their title or organization, or
        names the same institution ("the SNB chief" for the Swiss National Bank's chairman, "the central bank
        governor" for a governor of a central bank)."""
        role = f"{person.role.title or ''} {' '.join(person.other_titles)} {person.role.organization or ''}".lower()
        low = modifier.lower_
        if low in role.replace("’s", " ").replace("'s", " ").split():
            return True
        if low == "central" and modifier.head.lower_ == "bank" or low == "bank" and any(
                c.lower_ == "central" for c in modifier.children):
            org = person.role.organization
            return "bank" in role or org is not None and self.lex.org_kinds.get(org) == "central_bank"
        known = self.lex.org(modifier.text)
        if known is None and modifier.text.isupper() and 2 <= len(modifier.text) <= 6 and person.role.organization:
            # "the ADB chief" for the Asian Development Bank's president: the initials of the organization, or an
            # acronym the text gave it in brackets ("the Centre for Water Studies (CEDEA)")
            initials = "".join(w[0] for w in person.role.organization.split() if w[:1].isupper())
            spelled = self.orgs.fullest(modifier.doc[modifier.i:modifier.i + 1])
            return initials == modifier.text or spelled is not None and spelled.lower().removeprefix("the ") \
                == person.role.organization.lower().removeprefix("the ")
        return known is not None and (known[0].lower() in role or low in role)


def _office_elect(head: Token) -> str | None:
    """The office of "the president-elect", "the prime minister-designate" (the parser heads them on "elect")."""
    doc = head.doc
    if head.lower_ in ("elect", "designate") and head.i >= 2 and doc[head.i - 1].text == "-" \
            and not doc[head.i - 2].whitespace_ and lexicon().is_title_head(doc[head.i - 2].lower_):
        return doc[head.i - 2].lower_
    return None


def _under_preposition(tok: Token, head: Token, but: str | None = None, lex: Lexicon | None = None) -> bool:
    """The token hangs off the head through a preposition ("with Trump" in "the contrast with Trump"), other
    than ``but`` ("of" in "former head of the Port Authority Maria Lund"); with ``lex``, a title word reached
    first makes the name that title's ("Writing in a magazine, university lecturer Maria Lund argued")."""
    t = tok
    for _ in range(10):
        if t.i == head.i or t.head.i == t.i or lex is not None and t.i != tok.i and lex.is_title_head(t.lower_):
            return False
        if t.dep_ == "prep" and t.lower_ != but or t.dep_ in ("pcomp", "agent"):
            return True
        t = t.head
    return False


def _beyond_places(words: list[Token]) -> list[Token]:
    """The words of an organization that say more than its country ("Steel", "Association" of "the Danish Steel
    Association": the Danish minister named before is no head of it), or all of them when only places."""
    rest = [t for t in words if t.ent_type_ not in ("GPE", "NORP") and country_of_word(t.text) is None]
    return rest or words


def _headed_names(head: Token) -> list[Token]:
    """The proper nouns of what a described role heads ("the head of state copper company Codelco": Codelco),
    without an appositive set off by a comma (", Ana Lagos": a name, not the organization)."""
    out = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "at"):
            continue
        stack = [c for c in prep.children if c.dep_ == "pobj"]
        while stack:
            t = stack.pop()
            if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME", "EVENT", "CARDINAL", "ORDINAL"):
                out.append(t)
            stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "punct") and not (
                c.dep_ == "appos" and c.doc[c.left_edge.i - 1].text == ","))  # ("company Codelco", not ", Ana Lagos")
    return out
