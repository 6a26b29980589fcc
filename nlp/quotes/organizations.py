"""The organizations an article names, so that a short mention gets the fullest name the text gives it.

News names an institution in full once and then shortens it: "the Bank of Korea (BOK)" → "the BOK", "the
Chinese Ministry of Commerce" ↔ "the Ministry of Commerce" ↔ "the ministry", "China's commerce ministry". An
``OrgIndex`` keeps every organization named in one doc (ORG entities, well-known institutions from
``nlp/data/organizations.json``, and institution nouns with a country: "Brazil's foreign ministry", "the Swiss
government"), with acronyms the text defines in brackets, and answers which fullest name a mention stands for.

Names are compared as sets of words: articles, "of" and possessive endings dropped, a country however written
("China's", "Chinese", "PRC") as its ISO code, so "China's commerce ministry" and "the Chinese Ministry of
Commerce" are one institution and "the Ministry of Commerce" is a shorter name of it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from nlp.quotes.lexicon import Lexicon, lexicon
from nlp.segments import doc_text

_SKIP = {"the", "a", "an", "its", "their", "of", "for", "and", "&", "'s", "’s", "on", "in"}
_ACRONYM_MAX = 2  # tokens inside the brackets of "(BOK)", "(MOFCOM)", "(S&P)"
# words of bodies that belong to no one country ("the International Atomic Energy Agency")
_ACROSS_BORDERS = frozenset({"international", "world", "global", "united", "nations", "european", "regional", "asian",
                             "african", "atlantic", "pacific", "inter-american", "multilateral"})


@dataclass
class OrgName:
    text: str  # as written, "the" kept lower-case: "the Chinese Ministry of Commerce", "China's commerce ministry"
    words: frozenset[str]
    head: str
    start: int  # token offsets
    end: int
    kind: str | None = None  # "central_bank", "ministry", … for well-known institutions
    proper: bool = True  # a name ("the Bank of Korea"), not a description ("South Korea's central bank")
    topic: bool = False  # named as the subject of a main clause: what the sentence is about
    country: str | None = None  # a well-known institution's country ("Norges Bank": NOR)

    @property
    def size(self) -> int:
        return len(self.words)


ORGS_KEY = "saidwhat.orgs"  # doc.user_data: the doc's OrgIndex, shared by the officials and statements components


class OrgIndex:
    """Organizations of one doc, built on first use."""

    def __init__(self, doc: Doc, lex: Lexicon | None = None) -> None:
        self.doc = doc
        self.lex = lex or lexicon()
        self._names: list[OrgName] | None = None
        self._aliases: dict[str, OrgName] = {}
        self._country_at: dict[int, str] = {}

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon | None = None) -> OrgIndex:
        """The doc's index, built once for every reader of the doc (``OrgIndex.drop`` takes it out again)."""
        lex = lex or lexicon()
        index = doc.user_data.get(ORGS_KEY)
        if index is None or index.lex is not lex:
            index = doc.user_data[ORGS_KEY] = cls(doc, lex)
        return index

    @staticmethod
    def drop(doc: Doc) -> None:
        """Take the doc's index out of ``doc.user_data`` (it holds Spans, which msgpack cannot serialize)."""
        doc.user_data.pop(ORGS_KEY, None)

    # ------------------------------------------------------------ public
    def fullest(self, span: Span) -> str | None:
        """The fullest name the text gives the organization ``span`` names, or None when it names none known."""
        name = self.find(span)
        return name.text if name is not None else None

    def aliased(self, tok: Token) -> str | None:
        """The fullest name of the organization a word stands for when the text gave the word in brackets after
        that name ("the Ministry of Industry and Trade (MoIT) … MoIT said"), whatever the model took it for."""
        self._build()
        name = self._aliases.get(tok.lower_)
        if name is None or tok.i >= 1 and self.doc[tok.i - 1].text == "(":
            return None
        return self._fullest_of(name).text

    def find(self, span: Span) -> OrgName | None:
        """The organization a mention names: an acronym the text defines, a well-known one, "the central bank",
        else the nearest name with the same head word holding all the mention's words; under its fullest name."""
        self._build()
        toks = [t for t in span if not t.is_space]
        cut = next((k for k, t in enumerate(toks) if t.text == "("), None)  # "Ministry of Commerce (MOFCOM"
        toks = [t for t in toks[:cut] if not t.is_punct]
        named = [t for t in toks if t.lower_ not in ("the", "a", "an")]
        if not named:
            return None
        text = self.doc[named[0].i:named[-1].i + 1].text
        alias = self._aliases.get(text.lower())
        if alias is not None:
            return self._fullest_of(alias)
        words = self.words(toks)
        head = _head(span)
        if not words or head is None:
            return None
        at = span.start
        longer = self._within_longer_name(named, at)
        if longer is not None:
            return longer
        known = self.lex.org(text)
        if known is not None:
            return self._known(known, text)
        spelled = self._spelled_out(text, at)
        if spelled is not None:
            return spelled
        if head == "bank" and "central" in words:
            # "the central bank" is the central bank the article names: a well-known one first
            banks = [n for n in self._names if n.kind == "central_bank" or {"central", "bank"} <= n.words]
            countries = {w for w in words if w.isupper()}
            banks = [n for n in banks if countries <= n.words | {n.country}]  # "Norway's central bank": Norges Bank
            if banks:
                # the bank a sentence was about before, not one named in passing ("hours before the Fed …")
                ranked = sorted(banks, key=lambda n: (n.kind != "central_bank", n.start > at,
                                                      not n.topic or n.start > at, abs(n.start - at)))
                return self._fullest_of(ranked[0])
        same = [n for n in self._names if n.head == head and words <= n.words]
        if not same:
            return self._known_by_head(head, words, at)
        before = [n for n in same if n.start <= at]
        if not before:  # "the bank's board" after "Banxico" only, before "the central bank" is written out
            known = self._known_by_head(head, words, at)
            if known is not None:
                return known
        # "the ministry": the one the story last made the subject of a main clause, else the one named last
        topics = [n for n in before if n.topic]
        nearest = max(topics or before, key=lambda n: n.start) if before else min(same, key=lambda n: n.start)
        return self._fullest_of(nearest)

    def _known_by_head(self, head: str, words: frozenset[str], at: int) -> OrgName | None:
        """"The fund" after "the IMF", "the bank" after "the ECB": a well-known institution the text names only by
        its short form, whose full name turns on that word (the one named last before)."""
        if words != {head}:
            return None
        for name in sorted(self._names, key=lambda n: -n.start):
            known = self.lex.org(name.text) if name.kind is not None and name.start < at else None
            if known is not None and _head_of_text(known[0]) == head:
                return self._known(known, name.text)
        return None

    def _spelled_out(self, text: str, at: int) -> OrgName | None:
        """An acronym the text never defines in brackets but whose name it gives before: "the EU" after "the
        European Union", "METI" after "Japan's Ministry of Economy, Trade and Industry" (the initials of the
        name's capitalised words, with or without its country)."""
        if not (2 <= len(text) <= 6 and text.isupper() and text.isalpha()):
            return None
        for name in sorted(self._names, key=lambda n: -n.start):
            if name.start < at and text in self._initials(name):
                return self._fullest_of(name)
        return None

    def _initials(self, name: OrgName) -> tuple[str, str]:
        toks = [t for t in self.doc[name.start:name.end]
                if t.text[:1].isupper() and t.tag_ != "POS" and t.lower_ not in ("the", "a", "an")]
        full = "".join(t.text[0] for t in toks)
        own = "".join(t.text[0] for t in toks if t.i not in self._country_at)
        return full, own

    def _within_longer_name(self, named: list[Token], at: int) -> OrgName | None:
        """A one- or two-word name that is part of an institution's longer name given before: "Treasury said"
        after "the US Treasury Department"."""
        if not 1 <= len(named) <= 2 or not all(t.text[:1].isupper() for t in named):
            return None
        texts = [t.text for t in named]
        for name in sorted(self._names, key=lambda n: -n.start):
            if name.start >= at or not name.proper or name.head not in self.lex.institution_nouns \
                    or name.end - name.start <= len(named) or any(c in name.text for c in ":\n|"):
                continue
            inside = [t.text for t in self.doc[name.start:name.end]]
            if any(inside[k:k + len(texts)] == texts for k in range(len(inside) - len(texts) + 1)):
                return self._fullest_of(name)
        return None

    def government(self, country: str) -> OrgName | None:
        """The country's government as the text names it ("the Swiss government", "Norway's government"), if it
        does."""
        self._build()
        named = [n for n in self._names if n.head == "government" and country in n.words]
        return self._fullest_of(min(named, key=lambda n: n.start)) if named else None

    def central_bank(self, at: int) -> OrgName | None:
        """The central bank named before token ``at`` that the story is about (the last one made the subject of a
        main clause, else the last one named), under its fullest name."""
        self._build()
        banks = [n for n in self._names if n.start < at and (n.kind == "central_bank" or {"central", "bank"} <= n.words)]
        if not banks:
            return None
        return self._fullest_of(max(banks, key=lambda n: (n.kind == "central_bank", n.topic, n.start)))

    def latest(self, at: int, institutions: bool = False) -> OrgName | None:
        """The organization named last before token ``at`` (only a well-known institution or one named by an
        institution word with ``institutions``), under its fullest name."""
        self._build()
        for n in sorted(self._names, key=lambda n: -n.start):
            if n.start < at and (not institutions or n.kind is not None or n.head in self.lex.institution_nouns):
                # ("The Bank of Vestland, the country's central bank, cut …": the name, not the description set off)
                named = None if n.proper else next((m for m in self._names if m.proper
                                                    and n.start - 2 <= m.end < n.start and self.doc[m.end].text == ","),
                                                   None)
                return self._fullest_of(named or n)
        return None

    def words(self, toks) -> frozenset[str]:
        """The words a name is compared by: countries as codes, no articles, "of" or possessive endings."""
        out = set()
        for t in toks:
            if t.is_punct or t.is_space or t.lower_ in _SKIP or t.tag_ == "POS":
                continue
            code = self._country_at.get(t.i)
            out.add(code if code else t.lower_.removesuffix("'s").removesuffix("’s"))
        return frozenset(out)

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        if self._names is not None:
            return
        doc, lex = self.doc, self.lex
        for c in doc.spans["countries"] if "countries" in doc.spans else []:
            if len(c.label_) == 3:
                for t in c:
                    self._country_at[t.i] = c.label_
        names: list[OrgName] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ != "ORG" and not lex.org(ent.text) or ent.start in taken:
                continue
            start, end = ent.start, ent.end
            acronym = None
            for k in range(start, end):
                if doc[k].text == "(":
                    inner = list(doc[k + 1:min(len(doc), k + 1 + _ACRONYM_MAX + 1)])
                    close = next((j for j, t in enumerate(inner) if t.text == ")"), None)
                    if close and (all(t.text.isupper() or t.text == "&" for t in inner[:close])
                                  or close == 1 and _bracketed_acronym(inner[0], doc[start:k])):
                        acronym = "".join(t.text_with_ws for t in inner[:close]).strip()
                    end = k
                    break
            while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" and not _of_the_name(doc[end - 1])):
                end -= 1
            if end <= start:
                continue
            if end < len(doc) and _of_the_name(doc[end]):
                end += 1  # "Sainsbury's said": the model's entity stops before the name's own "'s"
            tagged_end = end  # ("The Monetary Policy Committee (Comep) of the Bank of Vestland": brackets before "of")
            end = self._owned_body_end(start, whole_name_end(doc, start, end))
            start = self._with_country(start)
            name = self._make(start, end)
            if name is None:
                continue
            self._national(name)
            if start > 0 and doc[start - 1].lower_ in ("its", "their") and doc[start - 1].dep_ == "poss":
                self._owned_by_its(doc[start - 1], name)
            names.append(name)
            taken.update(range(start, end))
            after = next((e for e in (end, tagged_end) if e < len(doc) - 2 and doc[e].text == "("
                          and doc[e + 2].text == ")" and _bracketed_acronym(doc[e + 1], doc[start:e])), None)
            if acronym is None and after is not None:
                acronym = doc[after + 1].text  # "the Ministry of Commerce (MOFCOM)" with the bracket outside
            if acronym:
                self._aliases[acronym.lower()] = name
        for tok in doc:
            if tok.i not in taken and tok.ent_iob_ == "O" and tok.text.isupper() and len(tok.text) >= 2 \
                    and lex.org(tok.text):
                name = self._make(tok.i, tok.i + 1)  # a well-known acronym the model left untagged ("the ECB")
                if name is not None:
                    names.append(name)
                continue
            if tok.i in taken or tok.lemma_.lower() not in lex.institution_nouns or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            # "Brazil's foreign ministry", "the Swiss government": an institution noun that a country owns
            lefts = [c for c in tok.lefts if c.dep_ in ("poss", "amod", "compound", "det", "nmod")]
            its = next((c for c in lefts if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
            if its is not None:
                name = self._make(its.i + 1, tok.i + 1)
                if name is not None and self._owned_by_its(its, name):
                    names.append(name)
                continue
            if not any(self._country_of(c) for c in lefts if c.dep_ != "det"):
                continue
            start = min(c.left_edge.i for c in lefts)
            name = self._make(start, tok.i + 1)
            if name is not None:
                names.append(name)
        self._names = names

    def _owned_body_end(self, start: int, end: int) -> int:
        """Where a body's name ends that names a country's body after it ("the Information Office of Norway | 's
        State Council"): one name, through the capitalised words after the possessive, if they end in an
        institution noun ("the Bank of Korea's Governor Ana Lee" names a person)."""
        doc = self.doc
        if not (end + 1 < len(doc) and doc[end].tag_ == "POS" and end - 1 in self._country_at
                and any(t.lower_ == "of" for t in doc[start:end - 1])):
            return end
        k = end + 1
        while k < len(doc) and doc[k].text[:1].isupper() and doc[k].pos_ in ("PROPN", "NOUN") \
                and doc[k].ent_type_ != "PERSON":
            k += 1
        return k if k > end + 1 and doc[k - 1].lemma_.lower() in self.lex.institution_nouns else end

    def _national(self, name: OrgName) -> None:
        """A national institution named without its country ("the Ministry of Commerce", "the Foreign Ministry") is
        the country whose move it reports ("China will impose duties …, the Ministry of Commerce said"), and its name
        then says so ("the Chinese Ministry of Commerce"). A dateline's city is no such evidence: a story from
        Pretoria quotes "the Department of Trade" as the text names it."""
        if name.head not in self.lex.institution_nouns or name.kind is not None or name.country is not None \
                or any(w.isupper() for w in name.words) or not name.proper or name.words & _ACROSS_BORDERS:
            return  # (the International Atomic Energy Agency is nobody's national agency)
        found = self._country_reported(self.doc[name.start:name.end].root)
        if found is None:
            return
        code, demonym = found
        name.words = name.words | {code}
        bare = name.text.removeprefix("the ")
        name.text = f"the {demonym} {bare}"

    def _country_reported(self, root: Token) -> tuple[str, str] | None:
        """The country that is the subject of what the institution (subject of a cue) reports, with its adjective."""
        if root.dep_ != "nsubj":
            return None
        for comp in root.head.children:
            if comp.dep_ != "ccomp":
                continue
            subject = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            code = self._country_at.get(subject.i) if subject is not None else None
            if code is not None and _demonym(code):
                return code, _demonym(code)
        return None

    def _owned_by_its(self, its: Token, name: OrgName) -> bool:
        """"China will impose duties, its commerce ministry said": the name belongs to the country the sentence
        is about, and says so ("China's commerce ministry")."""
        country = self._country_before(its)
        if country is None:
            return False
        name.words = name.words | {self._country_at[country.start]}
        name.text = f"the {country.text} {name.text}" if country.label_ == "NORP" else f"{country.text}'s {name.text}"
        return True

    def _country_before(self, tok: Token) -> Span | None:
        """The country "its" stands for: the one that is a subject before it in the sentence ("China will impose
        duties on barley from Australia, its commerce ministry said"), else the last one named, as a span."""
        sent = range(tok.i - 1, tok.sent.start - 1, -1)
        subject = next((k for k in sent if k in self._country_at and self.doc[k].dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and not any(k in self._country_at for k in sent):
            subject = self._country_of_sentence_before(tok)  # "Norland imposed duties. Its trade ministry said …"
        for k in ([subject] if subject is not None else sent):
            if k in self._country_at:
                start = k
                while start > self.doc[k].sent.start and self._country_at.get(start - 1) == self._country_at[k]:
                    start -= 1
                label = self.doc[k].ent_type_ or "GPE"
                return Span(self.doc, start, k + 1, label=label)
        return None

    def _country_of_sentence_before(self, tok: Token) -> int | None:
        """The country the sentence before is about, as its subject or the subject's owner ("Norland imposed
        duties", "Norland's rhetoric hardened"), when "its" opens a sentence of the same paragraph."""
        first = tok.sent.start
        if any(not t.is_punct for t in self.doc[first:tok.i]) or first == 0 or "\n" in self.doc[first - 1].text:
            return None
        before = self.doc[first - 1].sent
        return next((t.i for t in before if t.i in self._country_at and (
            t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "poss" and t.head.dep_ in ("nsubj", "nsubjpass"))), None)

    def _with_country(self, start: int) -> int:
        """Take a possessive country before a name along: "China's" + "Ministry of Commerce"."""
        doc = self.doc
        if start >= 2 and doc[start - 1].tag_ == "POS" and doc[start - 2].i in self._country_at:
            k = start - 2
            while k > 0 and self._country_at.get(k - 1) == self._country_at[k]:
                k -= 1
            return k
        return start

    def _country_of(self, tok: Token) -> str | None:
        return self._country_at.get(tok.i) or next((self._country_at[t.i] for t in tok.subtree
                                                    if t.i in self._country_at), None)

    def _make(self, start: int, end: int) -> OrgName | None:
        while start < end and self.doc[start].is_space:  # an entity may take in the line breaks after a headline
            start += 1
        while end > start and self.doc[end - 1].is_space:
            end -= 1
        span = self.doc[start:end]
        words = self.words(span)
        head = _head(span)
        if not words or head is None or in_headline(span):
            return None
        text = span.text
        if span[0].lower_ == "the":
            text = "the " + self.doc[start + 1:end].text
        known = self.lex.org(text)
        head_token = next((t for t in reversed(span) if t.lower_ == head), span[-1])
        return OrgName(text=text, words=words, head=head, start=start, end=end,
                       kind=self.lex.org_kinds.get(known[0]) if known else None,
                       proper=head_token.text[:1].isupper(), topic=_main_subject(span),
                       country=known[1] if known and len(known[1]) == 3 else None)

    def _fullest_of(self, name: OrgName, acronyms: bool = True) -> OrgName:
        """The same institution under its fullest name in the text: a name with the same head holding all of its
        words; an acronym under the name it stands for ("the PBOC" → "the People's Bank of China")."""
        if acronyms and (name.text.isupper() or name.text.lower() in self._aliases):  # ("MoIT" in mixed case too)
            alias = self._aliases.get(name.text.lower())
            if alias is not None and alias is not name and not alias.text.isupper():
                return self._fullest_of(alias)
            known = self.lex.org(name.text)
            if known is not None:
                return self._known(known, name.text)
        fuller = [n for n in self._names if name.words <= n.words and n.head == name.head
                  and (n.proper or not name.proper)  # a name is never widened into a description
                  and not (name.proper and _of_name(name.text) and not all(w.isupper() for w in n.words - name.words))]
        # (a name with "of" is whole: "the Ministry of Commerce" gains only its country, and "the Bank of Japan" is
        # no "Japan Post Bank", "the Bank of China" no "the People's Bank of China")
        best = max(fuller, key=lambda n: (n.size, n.proper, -abs(n.start - name.start)), default=name)
        return best if (best.size, best.proper) > (name.size, name.proper) else name

    def _known(self, known: tuple[str, str], written: str) -> OrgName:
        """A well-known institution ("BOK", "the Fed", "Banxico"): its fullest name in the text; else its canonical
        name for a short form, the name as written for a name of its own ("Banxico")."""
        canonical = known[0]
        kind = self.lex.org_kinds.get(canonical)
        spelled = [n for n in self._names if self.lex.org(without_country(n.text)) == known
                   and _bare(n.text) not in self.lex.org_short_forms]
        if not spelled and written.isupper():
            # the text spells the acronym out in its own way ("Organisation for Economic Cooperation and
            # Development", "World Health Organisation"): that name, not the list's spelling
            spelled = [n for n in self._names if written.replace(".", "") in self._initials(n)]
        if spelled:
            return self._fullest_of(max(spelled, key=lambda n: (n.size, -n.start)), acronyms=False)
        if written.lower() in self.lex.org_own_names or written.lower() == canonical.lower():
            text = written
        else:
            text = canonical
        if not text.isupper() and not text.lower().startswith("the "):
            text = f"the {text}"  # "BoE said" → "the Bank of England"
        return OrgName(text=text, words=frozenset(text.lower().split()), head="", start=-1, end=-1, kind=kind)


@lru_cache(maxsize=1)
def _countries() -> dict:
    return json.loads(resources.files("nlp").joinpath("data", "countries.json").read_text(encoding="utf-8"))["countries"]


def _demonym(code: str) -> str | None:
    """The country's adjective ("Chinese" for CHN), the first demonym the country list gives."""
    forms = _countries().get(code, {}).get("demonyms", [])
    return next((f for f in forms if not f.endswith("s") or f.endswith("ss") or f.endswith("ese")), None)


_HEADLINE_LINES = "saidwhat_headline_lines"  # doc.user_data: line start → whether that line is a headline


def whole_name_end(doc: Doc, start: int, end: int) -> int:
    """Where an organization's name ends that the model cut after "of" or "for" ("the Trade Board of | the
    Cabinet Office", "the Harbour Forum for | Asia"): after the capitalised words that follow; before the dangling
    word when none do."""
    if end - start < 2 or doc[end - 1].lower_ not in ("of", "for"):
        return end
    after = end + (end < len(doc) and doc[end].lower_ == "the")
    name_end = after
    while name_end < len(doc) and doc[name_end].text[:1].isupper() and doc[name_end].pos_ in ("PROPN", "NOUN", "ADJ"):
        name_end += 1
    return name_end if name_end > after else end - 1


def in_headline(span: Span) -> bool:
    """The name is in a headline written in title case ("Peru Signs Trade Pact With Chile", "Bank Of Ghana
    Holds Rate"): a line of three words or more with no full stop at its end and no lower-case word of four
    letters or more. The model runs such a line into one name, and its casing is not the name's; the body
    names the institution again."""
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    seen = span.doc.user_data.setdefault(_HEADLINE_LINES, {})
    if line_start not in seen:
        line_end = text.find("\n", span.end_char)
        line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
        words = line.split()
        seen[line_start] = len(words) >= 3 and line[-1:] not in ".!?\"”'’:" and not any(
            w.isalpha() and w.islower() and len(w) >= 4 for w in words)
    return seen[line_start]


def _main_subject(span: Span) -> bool:
    """The name is the subject of its sentence's main verb (or of a verb joined to it)."""
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = root.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _bracketed_acronym(word: Token, name: Span) -> bool:
    """A short form given in brackets after a name: capitals ("MOFCOM", "BOK"), or one word in mixed case that
    opens with an initial of the name and is no place or person ("MoIT" for a Ministry of Industry and Trade,
    "Comep" for a committee whose name the text translates)."""
    text = word.text
    if text.isupper() and len(text) >= 2:
        return True
    if not (text.isalpha() and text[:1].isupper() and 2 <= len(text) <= 8) \
            or word.ent_type_ in ("GPE", "NORP", "LOC", "PERSON", "DATE"):
        return False
    return text[0] in {t.text[0] for t in name if t.text[:1].isupper()}


def _of_name(text: str) -> bool:
    """A name written with "of" ("the Bank of Korea", "the Ministry of Commerce")."""
    return " of " in f" {text.lower()} "


def _bare(text: str) -> str:
    return text.lower().removeprefix("the ").strip()


def without_country(text: str) -> str:
    """"China's Ministry of Commerce" → "Ministry of Commerce", for looking a name up in the list."""
    for mark in ("'s ", "’s "):
        if mark in text:
            return text.split(mark, 1)[1]
    return text


def _of_the_name(tok: Token) -> bool:
    """A possessive ending with nothing owned after it belongs to the name, as businesses named after their
    founders write it ("Moody's said", "Standard & Poor's cut", "a spokeswoman for Sainsbury's"); an owner's
    mark ("Japan's ministry", "the Fed's committee") does not."""
    return tok.tag_ == "POS" and tok.head.i == tok.i - 1 and tok.head.dep_ != "poss"


def _head_of_text(name: str) -> str:
    """The word a name as text turns on ("fund" in "International Monetary Fund", "bank" in "Bank of Japan")."""
    words = name.lower().split()
    at = next((k for k, w in enumerate(words) if w in ("of", "for") and k > 0), len(words))
    return words[at - 1] if words else ""


def _head(span: Span) -> str | None:
    """The word an organization's name turns on: "ministry" in "the Ministry of Commerce" and in "China's commerce
    ministry", the name itself for "Volkswagen"."""
    toks = [t for t in span if not t.is_punct and not t.is_space and t.tag_ != "POS"]
    if not toks:
        return None
    for k, t in enumerate(toks):
        if t.lower_ in ("of", "for") and k > 0:
            return toks[k - 1].lower_
    return toks[-1].lower_
