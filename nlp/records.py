"""doc → plain dict rows: the only link between the spaCy components and what is printed or stored."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any, Iterable

import pycountry
from spacy.tokens import Doc, Span

from nlp.extensions import Claim, Official, RateEvent, Statement
from nlp.official_countries import dateline_country
from nlp.organizations import Organization, body_of_unnamed, identify, of_the_dateline, plain, speaker_kind
from nlp.quotes.lexicon import lexicon, normal_word

from nlp.settings import DEFAULT_CLAIM_THRESHOLD


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@cache
def country_name(code: str) -> str:
    """Common English name for an ISO 3166-1 alpha-3 code ("KOR" → "South Korea")."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@cache
def _bloc_names() -> dict[str, str]:
    data = json.loads((resources.files("nlp") / "data" / "blocs.json").read_text(encoding="utf-8"))
    return {code: bloc["name"] for code, bloc in data["blocs"].items()}


def bloc_name(code: str) -> str:
    return _bloc_names().get(code, code)


def _mention_counts(spans: Iterable[Span], name_of) -> list[dict[str, Any]]:
    """One entry per code in order of first mention, with the number of mentions."""
    counts = Counter(span.label_ for span in spans)
    return [{"code": code, "name": name_of(code), "mentions": n} for code, n in counts.items()]


def _number_record(span: Span) -> dict[str, Any]:
    q = span._.quantity
    return {
        "text": span.text,
        "value": q.value,
        "unit": q.unit,
        "start": span.start_char,
        "end": span.end_char,
        "approx": q.approx,
        "high": q.high,
        "scale": q.scale,
        "measures": q.measures,
    }


EDGE_MARKS = " \"'“”‘’«»()[],.;:—–-"
PRONOUNS = frozenset("he she him her his hers they them their i we me us my our you your it its".split())
NAME_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")  # "Fierro-Wells" is a word of "Ana Fierro-Wells"
OCCASION_NOUNS = frozenset("meeting conference briefing summit forum session event hearing interview".split())
NOT_PEOPLE_ENTITIES = frozenset({"ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})


def _aliases(o: Official) -> list[str]:
    """Every way the article referred to the official but pronouns and what only stands for them, in order of
    first use."""
    seen: dict[str, str] = {}
    for span in sorted(o.mentions, key=lambda m: m.start_char):
        text = " ".join(span.text.split()).strip(EDGE_MARKS)
        if text and text.lower() not in PRONOUNS and _names_the_person(span, o.name):
            seen.setdefault(text.lower(), text)
    seen.setdefault(o.name.lower(), o.name)
    return list(seen.values())


def _names_the_person(span: Span, name: str) -> bool:
    """A mention that uses a word of the person's name, or that describes a person. A statement's speaker may be
    found through other words, which are no alias: what the person issued ("his tweets", "the statement"), where
    they spoke ("an executive meeting"), the body they work for ("the International Monetary Fund"), or a
    dateline in capitals ("OTTAWA")."""
    words = {plain(word) for word in NAME_SEPARATORS.split(span.text)}
    if words & {plain(word) for word in NAME_SEPARATORS.split(name)}:
        return True
    root = span.root
    lex = lexicon()
    word = normal_word(root.text)
    if word in lex.title_heads:  # "China International Trade Representative", tagged as an organization
        return True
    if root.ent_type_ in NOT_PEOPLE_ENTITIES or (len(span) == 1 and root.text.isupper() and len(root.text) > 3
                                                 and root.ent_type_ != "PERSON"):
        return False
    return not (word in lex.document_nouns or word in OCCASION_NOUNS or word in lex.institution_nouns
                or word in lex.company_nouns)


def _official_record(o: Official) -> dict[str, Any]:
    return {
        "name": o.name,
        "title": o.title,
        "organization": o.organization,
        "country": o.country,
        "mentions": len(o.mentions),
        "aliases": _aliases(o),
    }


def _organization_records(officials: list[Official], statements: list[dict],
                          dateline: str | None = None) -> list[dict[str, Any]]:
    """The organizations that speak or employ an official, one per institution, fullest name first.

    Each entry's ``aliases`` hold every string the record uses for it (statement speakers, officials'
    organizations, the words of the text), which is how the store finds a statement's organization.
    Within one article an acronym spelled out elsewhere ("BOK", "the Bank of Korea") and a name without
    its country ("the Ministry of Commerce" beside "China's commerce ministry") are the same institution; a
    government body named without its country is that of the capital heading a wire story (``dateline``).
    """
    found: dict[str, dict[str, Any]] = {}

    def add(text: str | None, country: str | None, *aliases: str | None, said: list[str] | None = None) -> None:
        org = identify(text, country, proper=True)
        if org is None:
            return
        entry = found.setdefault(org.key, {"name": org.name, "country": org.country, "key": org.key,
                                           "aliases": [], "names": [], "said": []})
        entry["country"] = entry["country"] or org.country
        entry["names"].append(org.name)
        if said is not None:
            entry["said"].append(said)  # the countries each of its statements names
        for alias in (org.name, text, *aliases):
            if alias and alias not in entry["aliases"]:
                entry["aliases"].append(alias)

    for o in officials:
        add(o.organization, o.country)
    for s in statements:
        if s["speaker_kind"] == "organization":
            add(s["speaker"], None, None if _joint(s["speaker"], s["speaker_text"]) else s["speaker_text"],
                said=s["countries"])
        elif s["speaker_kind"] == "group" and s["organization"]:
            add(s["organization"], None)  # "an economist at the IMF": the body employs the speaker
    merged = _merge_within_article(list(found.values()))
    for entry in merged:
        entry["name"] = max(entry.pop("names"), key=_fullness)
        said = entry.pop("said")
        if entry["country"] is None and dateline is not None and not (
                said and all(countries and dateline not in countries for countries in said)):
            # (not a body all of whose statements are about other countries: "WASHINGTON -- China will respond,
            # the Ministry of Commerce said" is Beijing's ministry quoted from Washington)
            org = of_the_dateline(Organization(name=entry["name"], country=None, key=entry["key"]), dateline)
            entry["country"], entry["key"] = org.country, org.key
    return merged


def _joint(speaker: str, mention: str | None) -> bool:
    """A statement several bodies put out together ("the Finance Ministry and the customs office said"): the
    first one's mention is no alias of the joint speaker, which would make the two one organization."""
    return bool(mention) and speaker != mention and speaker.startswith(mention) \
        and speaker[len(mention):].lstrip().startswith((",", "and ", "&"))


def _merge_within_article(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def body(entry: dict[str, Any]) -> str:
        return entry["key"].partition(":")[2]

    def initials(name: str, skip: frozenset[str]) -> str:
        return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in skip and w[:1].isalpha())

    kept: list[dict[str, Any]] = []
    for entry in sorted(entries, key=lambda e: (e["key"].startswith("-:"), e["key"])):
        target = None
        for other in kept:
            if entry["key"].startswith("-:") and body(entry) == body(other):
                target = other  # "the Ministry of Commerce" beside "China's commerce ministry"
            elif entry["name"].isupper() and any(
                    entry["name"].replace(".", "") == initials(alias, skip).upper()
                    for alias in other["aliases"] for skip in (frozenset(), frozenset({"of", "the", "and", "for"}))):
                target = other  # "BOK" beside "the Bank of Korea"
            if target is not None:
                break
        if target is None:
            kept.append(entry)
        else:
            target["aliases"] += [a for a in entry["aliases"] if a not in target["aliases"]]
            target["names"] += entry["names"]
            target["said"] += entry["said"]
    return kept


def _surnames_of_speakers(statements: list[dict]) -> None:
    """A bare surname speaking is the person another statement of the article names in full ("Ferrand"
    after "Odile Ferrand said"), whatever it looked like on its own."""
    full = {s["speaker"].split()[-1]: s["speaker"] for s in statements
            if s["speaker_kind"] == "person" and s["speaker"] and len(s["speaker"].split()) >= 2}
    for s in statements:
        if s["speaker"] in full and s["speaker_kind"] != "person":
            s["speaker_kind"] = "person"


def _name_organizations(statements: list[dict], officials: list[Official], organizations: list[dict]) -> None:
    """Each statement's ``organization``: the institution speaking, or the one its speaker works for."""
    by_alias = {alias: entry["name"] for entry in organizations for alias in entry["aliases"]}
    employer = {o.name: by_alias.get(o.organization) for o in officials if o.organization}
    for s in statements:
        s["organization"] = (by_alias.get(s["speaker"]) if s["speaker_kind"] == "organization"
                             else by_alias.get(s["organization"]) if s["speaker_kind"] == "group" and s["organization"]
                             else employer.get(s["speaker"]))


def _fullness(name: str) -> tuple[bool, int, str]:
    """Spelled out beats an acronym, then longer beats shorter (then the alphabet, to be deterministic)."""
    return (not name.isupper(), len(name), name)


def _within(start: int, end: int, pieces: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in pieces)


def _statement_record(s: Statement, doc: Doc, countries: list[Span], numbers: list[Span],
                      published: dt.date | None, person_names: set[str]) -> dict:
    pieces = s.fragments or [(s.start, s.end)]
    said_by = doc.char_span(s.speaker_start, s.speaker_end, alignment_mode="expand") \
        if s.speaker_start is not None else None
    codes = list(dict.fromkeys(c.label_ for c in countries if _within(c.start_char, c.end_char, pieces)))
    indices = [i for i, n in enumerate(numbers) if _within(n.start_char, n.end_char, pieces)]
    return {
        "text": s.text,
        "kind": s.kind,
        "speaker": s.speaker,
        "speaker_text": " ".join(said_by.text.split()) if said_by else None,
        "speaker_kind": speaker_kind(s.speaker, person_names, said_by, s.speaker_is_organization),
        "speaker_title": s.speaker_title,
        # set once the article's organizations are known; an unnamed person's body is read here
        "organization": body_of_unnamed(said_by),
        "cue": s.cue,
        "date": _iso(s.date or published),
        "start": s.start,
        "end": s.end,
        "fragments": [list(f) for f in s.fragments],
        "confidence": round(s.confidence, 3),
        "countries": codes,
        "numbers": indices,
        "sentiment": s.sentiment.as_record() if s.sentiment else None,
    }


def _claim_record(c: Claim) -> dict[str, Any]:
    return {"text": c.text, "type": c.type, "score": round(c.score, 3), "start": c.start, "end": c.end}


def _rate_event_record(e: RateEvent) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "rate_percent": e.rate_percent,
        "rate_low": e.rate_low,
        "previous_percent": e.previous_percent,
        "imposing": e.imposing,
        "target": e.target,
        "products": list(e.products),
        "action": e.action,
        "date": _iso(e.date),
        "announced": _iso(e.announced),
        "effective": _iso(e.effective),
        "text": e.text,
        "start": e.start,
        "end": e.end,
    }


def doc_to_record(
    doc: Doc,
    *,
    source: str,
    title: str | None = None,
    language: str | None = "en",
    claim_threshold: float = DEFAULT_CLAIM_THRESHOLD,
) -> dict[str, Any]:
    """The `extract` output object for one analysed article (documented in the README)."""
    published = doc._.published
    countries = list(doc.spans.get("countries", []))
    numbers = list(doc.spans.get("numbers", []))
    officials = doc._.officials or []
    person_names = {o.name for o in officials}
    statements = [_statement_record(s, doc, countries, numbers, published, person_names)
                  for s in doc._.statements or []]
    _surnames_of_speakers(statements)
    organizations = _organization_records(officials, statements, dateline_country(doc))
    _name_organizations(statements, officials, organizations)
    return {
        "source": source,
        "title": title,
        "published": _iso(published),
        "language": language,
        "officials": [_official_record(o) for o in officials if o.public],
        "organizations": organizations,
        "countries": _mention_counts(countries, country_name),
        "blocs": _mention_counts(doc.spans.get("blocs", []), bloc_name),
        "numbers": [_number_record(n) for n in numbers],
        "statements": statements,
        "claims": [_claim_record(c) for c in doc._.claims or [] if c.score >= claim_threshold],
        "rate_events": [_rate_event_record(e) for e in doc._.rate_events or []],
        "sentiment": doc._.sentiment.as_record() if doc._.sentiment else None,
    }


def empty_record(*, source: str, title: str | None, published: dt.date | None, language: str | None) -> dict:
    """The output for an article that is not analysed (not English): same keys, empty lists."""
    return {
        "source": source,
        "title": title,
        "published": _iso(published),
        "language": language,
        **{key: [] for key in ("officials", "organizations", "countries", "blocs", "numbers", "statements", "claims",
                               "rate_events")},
        "sentiment": None,
    }
