"""saidwhat_countries: country and bloc mentions → ``doc.spans["countries"]`` / ``doc.spans["blocs"]``.

A country is mentioned by name (pycountry's names plus the short forms in ``nlp/data/countries.json``:
"the U.S.", "Britain", "South Korea"), by demonym ("Japanese", "Chinese imports"), by a seat of government
that always means the government ("the Kremlin", "Downing Street"), or by a capital standing for its
government. Capitals are ambiguous with places, so they count only when they act: subject of a verb
("Beijing retaliated"), possessor ("Beijing's response"), a party after with/between/against ("talks with
Ottawa"), or a modifier of officials ("Tokyo officials"). "in Beijing" and datelines ("BEIJING —") do not.

Blocs (``nlp/data/blocs.json``) are groupings of countries acting together (EU, ASEAN, G7, G20, OPEC, OPEC+,
USMCA, NAFTA, Mercosur, BRICS, NATO…). Institutions such as the WTO, IMF, World Bank or UN are organizations,
not blocs, and are not reported. "Brussels" is the EU's seat and follows the capital rule.

Matching is one case-sensitive ``PhraseMatcher`` pass (so "china plates" and "turkey" never match), then
longest-match filtering against a stop list of longer names that contain a country word but are something
else ("American Express", "Washington Post", "New Mexico", "Indian Ocean", "Paris Agreement"), and a few
NER checks (a country name inside a PERSON entity, as in "Chad Bown" or "Michael Jordan", is a person).
Hyphenated compounds ("U.S.-China", "Sino-U.S.", "EU-Japan") are split and looked up per part.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

import pycountry
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from nlp.segments import doc_text

# Kinds of gazetteer entries; each match id is "KIND|CODE".
NAME, DEMONYM, CAPITAL, SEAT, BLOC, BLOC_SEAT, STOP = "name", "demonym", "capital", "seat", "bloc", "bloc_seat", "stop"

# Dependency labels under which a capital acts for its government.
ACTING_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "csubj"}
# Prepositions after which a capital is a party, not a place ("talks with Beijing", "pressure on Tokyo").
PARTY_PREPS = {"with", "between", "against", "by", "from", "on", "toward", "towards", "and", "versus", "vs"}
# Verbs right after a capital that make it an actor.
ACTING_VERBS = {"say", "warn", "announce", "respond", "retaliate", "vow", "insist", "deny", "reject", "accuse",
                "threaten", "impose", "hit", "agree", "demand", "urge", "claim", "signal", "protest", "condemn",
                "welcome", "push", "pledge", "promise", "decide", "counter", "refuse", "seek", "want", "plan"}
# Verbs whose object is a place visited, not a party acted upon.
TRAVEL_VERBS = {"visit", "leave", "reach", "tour", "enter", "arrive", "fly", "travel", "depart", "flee", "host", "call"}
PLACE_NOUNS = {"city", "capital", "home", "place", "town", "destination", "hub", "center", "centre"}
# Heads of "at" that make the capital a target ("lashed out at Beijing"), not a place.
AIMING_VERBS = {"hit", "back", "lash", "out", "strike", "aim", "target", "fire", "jab", "swipe", "retaliate", "angry"}
# Nouns a capital may modify and still mean the government ("Beijing officials").
GOVERNMENT_NOUNS = {
    "official", "officials", "government", "authorities", "leaders", "leadership", "negotiators", "regime",
    "policymakers", "lawmakers", "administration", "diplomats",
}
# Words near "Georgia" that mean the US state, not the country.
US_STATE_CUES = {
    "Atlanta", "Savannah", "Augusta", "governor", "Gov.", "county", "County", "state", "State", "statewide",
    "voters", "Senate", "senator", "Sen.", "Rep.", "congressman", "congresswoman", "Congress", "Republican",
    "Democrat", "Democratic", "Democrats", "Republicans", "GOP", "primary", "ballot", "Alabama", "Florida",
    "Carolina", "Tennessee", "Texas", "Ohio", "Arizona", "Pennsylvania", "Michigan", "Wisconsin", "Nevada",
    "Virginia", "Peach", "Braves", "Bulldogs", "Ga.", "D-Ga.", "R-Ga.",
}
# Places that make any "Georgia" in the story the US state.
GEORGIA_STATE_PLACES = {"Atlanta", "Savannah", "Augusta", "Macon", "Clarkston", "Ga.", "Decatur", "Marietta"}


def _any_word(words: set[str]) -> re.Pattern[str]:
    """One search for any of ``words`` as a whole word, over the doc's cached text (a set of every token's text
    per mention cost more than the rest of the component)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, words))) + r")(?!\w)")


GEORGIA_STATE_WORDS = _any_word(GEORGIA_STATE_PLACES)
GEORGIA_COUNTRY_WORDS = _any_word({"Tbilisi", "Georgians", "Caucasus"})
# "French-speaking", "Spanish-language": the first part is a language.
LANGUAGE_SUFFIXES = {"speaking", "speaker", "speakers", "language"}
# Outer named-entity labels that mean the country word names something else (a person, work or product).
PERSON_LIKE = {"PERSON"}


@dataclass(frozen=True)
class Gazetteer:
    """Every surface form with its kind and code, plus display names for codes."""

    entries: dict[str, tuple[str, str]]  # surface form → (kind, code)
    bloc_names: dict[str, str]


def _read_json(name: str) -> dict:
    return json.loads(resources.files("nlp.data").joinpath(name).read_text(encoding="utf-8"))


def pycountry_names() -> dict[str, str]:
    """Plain names of every country in pycountry (official, common and short), name → ISO3.

    Inverted "Korea, Republic of" forms are skipped; the data file supplies the everyday names.
    """
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                names[value] = country.alpha_3
    return names


def load_gazetteer() -> Gazetteer:
    """Build the gazetteer from pycountry and ``nlp/data/countries.json`` / ``blocs.json``."""
    entries: dict[str, tuple[str, str]] = {name: (NAME, code) for name, code in pycountry_names().items()}
    data = _read_json("countries.json")
    for code, forms in data["countries"].items():
        for kind, key in ((NAME, "names"), (DEMONYM, "demonyms"), (CAPITAL, "capitals"), (SEAT, "seats")):
            for form in forms.get(key, []):
                entries[form] = (kind, code)
    blocs = _read_json("blocs.json")["blocs"]
    bloc_names = {}
    for code, bloc in blocs.items():
        bloc_names[code] = bloc["name"]
        for form in bloc["names"]:
            entries[form] = (BLOC, code)
        for form in bloc.get("seats", []):
            entries[form] = (BLOC_SEAT, code)
    for form in data["not_countries"]:
        entries[form] = (STOP, "")
    # "People’s Republic of China": pages write the apostrophe curly as often as straight, and without the
    # curly form the shorter "Republic of China" (Taiwan) matched inside it
    for form, entry in list(entries.items()):
        if "'" in form:
            entries.setdefault(form.replace("'", "\u2019"), entry)
    return Gazetteer(entries=entries, bloc_names=bloc_names)


def country_name(code: str) -> str:
    """A readable name for an ISO3 code ("KOR" → "South Korea" rather than "Korea, Republic of")."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _ent_label(token) -> str:
    return token.ent_type_ if token.ent_type_ else ""


def sentence_of(span: Span) -> Span:
    """The span's sentence, or the whole doc when no component set sentence boundaries."""
    doc = span.doc
    if doc.has_annotation("SENT_START"):
        return span.sent
    return doc[:]


def is_dateline(span: Span) -> bool:
    """'BEIJING, March 3 (Reuters) -' or 'Beijing —' at the start of a sentence or paragraph."""
    doc = span.doc
    start_of_line = span.start == 0 or doc[span.start - 1].is_space or "\n" in doc[span.start - 1].text_with_ws
    if not (start_of_line or span.start == sentence_of(span).start):
        return False
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.text in {",", "(", "-", "—", "–", ":"} or span.text.isupper()


def capital_acts(span: Span) -> bool:
    """True when a capital or seat stands for its government rather than a place."""
    if is_dateline(span):
        return False
    doc = span.doc
    root = span.root
    if span.end < len(doc) and doc[span.end].lower_ in {"'s", "’s", "'"}:
        return True
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ == "be" and any(
            c.dep_ == "attr" and c.lemma_ in PLACE_NOUNS for c in root.head.children):
        return False  # "Brussels is a lovely city"
    if root.dep_ in ACTING_DEPS:
        return True
    located = root.dep_ == "pobj" and root.head.lower_ in {"in", "at", "near", "outside", "inside", "around", "to"}
    if span.end < len(doc) and doc[span.end].lemma_ in ACTING_VERBS and not located:
        return True  # "Kyiv said", "Beijing vowed", even when the parse attaches the name elsewhere
    if root.dep_ == "conj" and root.head.dep_ == "dobj" and root.head.head.lemma_ not in TRAVEL_VERBS:
        return True
    if root.dep_ == "dobj" and root.head.lemma_ not in TRAVEL_VERBS:
        return True  # "warned Beijing", "urged Tokyo"; not "visited Beijing"
    if root.dep_ == "conj" and root.head.dep_ in ACTING_DEPS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in PARTY_PREPS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.lemma_ in AIMING_VERBS:
        return True  # "hit back at Ottawa", "took aim at Beijing"
    if root.dep_ == "conj" and root.head.dep_ == "pobj" and root.head.head.lower_ in PARTY_PREPS:
        return True
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.lower_ in GOVERNMENT_NOUNS:
        return True
    return False


def georgia_is_us_state(span: Span) -> bool:
    """'Georgia' is the US state near US-state cues in its sentence (county, voters, governor…) or with a
    Georgia city anywhere in the story (Atlanta, Savannah…), unless the story names Tbilisi or Georgians."""
    text = doc_text(span.doc)
    if GEORGIA_COUNTRY_WORDS.search(text):
        return False
    if GEORGIA_STATE_WORDS.search(text):
        return True
    sent = sentence_of(span)
    return any(tok.text in US_STATE_CUES for tok in sent if not (span.start <= tok.i < span.end))


class CountryMatcher:
    """The component: one PhraseMatcher pass plus context checks."""

    def __init__(self, nlp: Language, name: str = "saidwhat_countries") -> None:
        self.name = name
        self.gazetteer = load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_id: dict[str, list[str]] = {}
        for form, (kind, code) in self.gazetteer.entries.items():
            by_id.setdefault(f"{kind}|{code}", []).append(form)
            if kind in {NAME, BLOC} and len(form) > 3 and not form.isupper():
                by_id[f"{kind}|{code}"].append(form.upper())  # headlines in capitals: "CHINA HITS BACK"
        for key, forms in by_id.items():
            self.matcher.add(key, list(nlp.tokenizer.pipe(forms)))
        # Parts of hyphenated tokens ("U.S.-China", "Sino-U.S."): names and demonyms only.
        self.compound_parts = {
            form: (kind, code) for form, (kind, code) in self.gazetteer.entries.items()
            if kind in {NAME, DEMONYM, BLOC} and " " not in form
        }

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        candidates = [Span(doc, start, end, label=strings[match_id]) for match_id, start, end in self.matcher(doc)]
        countries: list[Span] = []
        blocs: list[Span] = []
        surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
        for span in filter_spans(candidates):
            kind, code = span.label_.split("|", 1)
            if kind == STOP or not self._keep(span, kind, code, surnames):
                continue
            target = blocs if kind in {BLOC, BLOC_SEAT} else countries
            target.append(Span(doc, span.start, span.end, label=code))
        self._hyphenated(doc, countries, blocs)
        doc.spans["countries"] = sorted(countries, key=lambda s: s.start)
        doc.spans["blocs"] = sorted(blocs, key=lambda s: s.start)
        return doc

    def _keep(self, span: Span, kind: str, code: str, surnames: set[str]) -> bool:
        """Context checks for one candidate; ``surnames`` are last words of people named in the doc."""
        first = span[0]
        if kind in {NAME, DEMONYM} and span.text in surnames:
            return False  # "Jordan said" after "Jim Jordan" earlier in the story
        if any(_ent_label(tok) in PERSON_LIKE for tok in span) and kind != BLOC:
            ent_tokens = [t for t in span.doc[max(0, span.start - 2): span.end + 2] if _ent_label(t) == "PERSON"]
            if len(ent_tokens) > len(span):  # "Chad Bown", "Michael Jordan"; a lone "Jordan" tagged PERSON is kept
                return False
        if kind in {CAPITAL, BLOC_SEAT}:
            return capital_acts(span)
        if kind == NAME and code == "GEO" and georgia_is_us_state(span):
            return False
        if kind == NAME and span.text in {"US", "USA"} and self._all_caps_context(span):
            return False
        doc = span.doc
        if kind == DEMONYM and span.end + 1 < len(doc) and doc[span.end].text == "-" and \
                doc[span.end + 1].lower_ in LANGUAGE_SUFFIXES:
            return False  # "French-speaking Switzerland"
        if kind == DEMONYM and first.text in {"French", "Spanish", "Portuguese", "German", "Dutch"}:
            # A language ("spoke French") is not the country; an adjective before a noun or a people is.
            return not (first.dep_ in {"dobj", "pobj"} and first.head.lemma_ in {"speak", "in", "translate"})
        return True

    @staticmethod
    def _all_caps_context(span: Span) -> bool:
        """'LET US KNOW': an all-capitals run where "US" is the pronoun."""
        doc = span.doc
        neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc) and doc[i].is_alpha]
        return bool(neighbours) and all(t.is_upper and len(t) > 1 for t in neighbours) and any(
            t.lower_ in {"let", "tell", "join", "contact", "follow", "email", "about"} for t in neighbours
        )

    def _hyphenated(self, doc: Doc, countries: list[Span], blocs: list[Span]) -> None:
        covered = {i for span in (*countries, *blocs) for i in range(span.start, span.end)}
        for token in _tokens_with_joiners(doc):
            text = token.text
            if token.i in covered or len(text) < 4:
                continue
            parts = text.replace("–", "-").replace("/", "-").split("-")
            if parts[-1].lower() in LANGUAGE_SUFFIXES:
                continue  # "French-speaking Switzerland": a language, not France
            hits = [self.compound_parts.get(part) for part in parts]
            if not any(hits):
                continue
            for hit in hits:
                if hit is None:
                    continue
                kind, code = hit
                target = blocs if kind == BLOC else countries
                target.append(Span(doc, token.i, token.i + 1, label=code))


JOINERS = re.compile(r"[-–/]")


def _tokens_with_joiners(doc: Doc) -> list[Token]:
    """Tokens holding a hyphen, dash or slash, in order, found from the cached text (a story has a few dozen
    among thousands of tokens)."""
    found: dict[int, Token] = {}
    for match in JOINERS.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and len(span) == 1:
            found.setdefault(span[0].i, span[0])
    return list(found.values())


@Language.factory("saidwhat_countries")
def make_countries(nlp: Language, name: str) -> CountryMatcher:
    """Country and bloc mentions as ``doc.spans["countries"]`` and ``doc.spans["blocs"]`` (codes as labels)."""
    return CountryMatcher(nlp, name)
