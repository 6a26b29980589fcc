"""A generated saidwhat database for bench/query.py: 1,000,000 statements by 100,000 people in 200,000 articles.

Built through the project's schema (``Store`` applies every migration, so the tables, indexes, FTS5 tables and
their triggers are the real ones), then filled with ``executemany`` in large transactions. Everything comes from
``random.Random(42)``:

- words: a Zipf vocabulary (exponent 1.0 over 50,000 words, 8 to 40 words a statement), so a few words are in
  most statements and most words in almost none; a handful of real words sit at the ranks whose share of
  statements is about 20%, 10%, 5%, 2%, 1%, 0.1% and 0.01% (``TERMS``), the rest are made-up words the
  Porter stemmer leaves alone;
- speakers: people by a Zipf law (exponent 0.9: the most quoted person has about 4% of all statements), an
  organization for 15% of statements, an unnamed group ("analysts") for 10%;
- articles: 200,000 over three years in 60 outlets (Zipf), ids in no date order (as an archive crawl gives);
  a statement is dated by its article, 8% are carried by a second outlet;
- countries: 0 to 3 per statement from a Zipf law over 120 codes (the USA in about a sixth of statements),
  blocs among them; numbers in 30% of statements; sentiment on every statement; 3,000 rate events with
  statements linked around them.

Article bodies are a few dozen words (not a full article), so the articles' full-text index is small; claims
and article_people are not generated (no benchmarked query reads them).
"""
from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = "1"
VOCABULARY = 50_000
WORD_EXPONENT = 1.0
SPEAKER_EXPONENT = 0.9
START = date(2023, 1, 1)
DAYS = 3 * 365
# real words at the Zipf ranks whose expected share of statements is about the given fraction (computed in
# choose_term_ranks, measured by the benchmark)
TERM_SHARES = {"trade": 0.20, "tariffs": 0.10, "inflation": 0.05, "growth": 0.02, "steel": 0.01,
               "soybeans": 0.001, "antimony": 0.0001}
FUNCTION_WORDS = ["the", "to", "of", "and", "a", "in", "that", "is", "we", "will", "for", "on", "it", "be"]
GROUPS = ["analysts", "economists", "officials", "investors", "traders", "diplomats", "lawmakers", "executives"]
TITLES = ["minister", "secretary", "governor", "spokesperson", "chief economist", "trade representative",
          "ambassador", "president", "chair", "commissioner", "senator", "chief executive"]
CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"
END_VOWELS = "aou"  # a made-up word ends in one of these, so no Porter suffix rule touches it


@dataclass(frozen=True)
class Sizes:
    statements: int = 1_000_000
    people: int = 100_000
    articles: int = 200_000
    organizations: int = 10_000
    outlets: int = 60
    events: int = 3_000

    def scaled(self, factor: float) -> Sizes:
        return Sizes(*(max(10, int(getattr(self, f) * factor)) for f in self.__dataclass_fields__))


def cache_key(sizes: Sizes) -> str:
    """Changes with the schema (every table, index, trigger and view an empty store gets from the migrations),
    the generator and the sizes."""
    import tempfile

    from db.store import Store

    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "empty.db") as store:
            schema = sorted(row[0] for row in store.db.execute("select sql from sqlite_master where sql is not null"))
    return hashlib.sha1(json.dumps([schema, GENERATOR_VERSION, sizes.__dict__]).encode()).hexdigest()[:12]


class Zipf:
    """Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1) ** exponent."""

    def __init__(self, n: int, exponent: float, rng: random.Random):
        weights = [1 / (r + 1) ** exponent for r in range(n)]
        total = sum(weights)
        self.p = [w / total for w in weights]
        self.cum = list(itertools.accumulate(self.p))
        self.rng = rng
        self.n = n

    def draw(self) -> int:
        return min(bisect.bisect(self.cum, self.rng.random() * self.cum[-1]), self.n - 1)

    def draws(self, k: int) -> list[int]:
        cum, rnd, top, n = self.cum, self.rng.random, self.cum[-1], self.n - 1
        return [min(bisect.bisect(cum, rnd() * top), n) for _ in range(k)]


def choose_term_ranks(p: list[float], mean_length: float) -> dict[str, int]:
    """The rank whose expected share of statements (1 - (1 - p) ** length) is nearest each target share."""
    shares = [1 - (1 - x) ** mean_length for x in p]
    taken: set[int] = set(range(len(FUNCTION_WORDS)))
    ranks = {}
    for word, target in TERM_SHARES.items():
        rank = min((r for r in range(len(p)) if r not in taken), key=lambda r: abs(shares[r] - target))
        ranks[word] = rank
        taken.add(rank)
    return ranks


def made_up_words(rng: random.Random, n: int, avoid: set[str]) -> list[str]:
    words: list[str] = []
    seen = set(avoid)
    while len(words) < n:
        syllables = rng.choice((2, 3, 3, 4))
        word = "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(syllables - 1))
        word += rng.choice(CONSONANTS) + rng.choice(END_VOWELS)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def country_codes(conn: sqlite3.Connection) -> list[str]:
    """120 codes in order of how often the news names them: the big traders first, blocs among them."""
    first = ["USA", "CHN", "EU", "CAN", "MEX", "JPN", "DEU", "GBR", "IND", "KOR", "FRA", "VNM", "BRA", "AUS",
             "ITA", "CHE", "TWN", "RUS", "ASEAN", "IDN", "ZAF", "TUR", "SAU", "NLD", "ESP", "MYS", "THA", "SGP",
             "G7", "POL"]
    known = {row[0] for row in conn.execute("select code from countries")}
    rest = sorted(known - set(first))
    return [c for c in first if c in known] + rest[: 120 - len([c for c in first if c in known])]


def batches(rows: Iterator[tuple], size: int = 50_000) -> Iterator[list[tuple]]:
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def build(path: Path, sizes: Sizes = Sizes(), progress: Callable[[str], None] = print) -> dict[str, int]:
    """Create the database at ``path`` (which must not exist); returns the Zipf rank of each real word."""
    from db.store import Store

    with Store(path):
        pass  # every migration applied: the real tables, indexes, FTS5 tables and triggers
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("pragma synchronous=off")
    conn.execute("pragma cache_size=-1000000")
    conn.execute("pragma foreign_keys=off")
    rng = random.Random(42)
    started = time.perf_counter()

    def step(what: str) -> None:
        progress(f"  {what} ({time.perf_counter() - started:.0f} s)")

    def insert(sql: str, rows: Iterator[tuple]) -> None:
        for chunk in batches(rows):
            conn.execute("begin")
            conn.executemany(sql, chunk)
            conn.execute("commit")

    now = "2026-01-01T00:00:00+00:00"
    vocabulary_zipf = Zipf(VOCABULARY, WORD_EXPONENT, rng)
    lengths = list(range(8, 41))
    ranks = choose_term_ranks(vocabulary_zipf.p, sum(lengths) / len(lengths))
    words = made_up_words(rng, VOCABULARY, set(FUNCTION_WORDS) | set(ranks))
    words[: len(FUNCTION_WORDS)] = FUNCTION_WORDS
    for word, rank in ranks.items():
        words[rank] = word
    names = made_up_words(rng, sizes.people * 2 + sizes.organizations * 2 + sizes.outlets, set(words))
    codes = country_codes(conn)
    country_zipf = Zipf(len(codes), 1.0, rng)

    # organizations and people
    org_names = [f"{names[2 * i].title()} {names[2 * i + 1].title()} {rng.choice(['Ministry', 'Bank', 'Group', 'Council', 'Institute', 'Agency'])}"
                 for i in range(sizes.organizations)]
    offset = 2 * sizes.organizations
    insert("insert into organizations (id, name, key, country, created_at) values (?, ?, ?, ?, ?)",
           ((i + 1, name, f"bench:{i}", codes[country_zipf.draw()], now) for i, name in enumerate(org_names)))
    insert("insert into organization_aliases (organization_id, alias) values (?, ?)",
           ((i + 1, name) for i, name in enumerate(org_names)))
    people = [(names[offset + 2 * i].title(), names[offset + 2 * i + 1].title()) for i in range(sizes.people)]
    person_org = [rng.randrange(sizes.organizations) + 1 for _ in range(sizes.people)]
    person_title = [rng.choice(TITLES) for _ in range(sizes.people)]
    insert("insert into people (id, name, country, first_name, surname, created_at) values (?, ?, ?, ?, ?, ?)",
           ((i + 1, f"{first} {last}", codes[country_zipf.draw()], first.lower(), last.lower(), now)
            for i, (first, last) in enumerate(people)))
    insert("insert into person_aliases (person_id, alias, kind, norm, articles) values (?, ?, ?, ?, 1)",
           itertools.chain.from_iterable(
               ((i + 1, f"{first} {last}", "name", f"{first} {last}".lower()),
                (i + 1, last, "surname", last.lower())) for i, (first, last) in enumerate(people)))
    insert("insert into person_roles (person_id, title, organization, organization_id, articles, role_key)"
           " values (?, ?, ?, ?, 1, ?)",
           ((i + 1, person_title[i], org_names[person_org[i] - 1], person_org[i], f"{person_title[i]}|{person_org[i]}")
            for i in range(sizes.people)))
    step(f"{sizes.organizations:,} organizations, {sizes.people:,} people")

    # articles: dates in no id order
    outlet_names = [f"{names[offset + 2 * sizes.people + i].title()} News" for i in range(sizes.outlets)]
    outlet_zipf = Zipf(sizes.outlets, 1.0, rng)
    article_day = [rng.randrange(DAYS) for _ in range(sizes.articles)]
    article_outlet = [outlet_names[outlet_zipf.draw()] for _ in range(sizes.articles)]

    def day(n: int) -> str:
        return (START + timedelta(days=n)).isoformat()

    def text_of(length: int) -> str:
        return " ".join(words[r] for r in vocabulary_zipf.draws(length))

    insert("insert into articles (id, url, canonical_url, final_url, outlet, title, published, published_source,"
           " language, body, content_hash, http_status, processed_version) values (?, ?, ?, ?, ?, ?, ?, 'json-ld',"
           " 'en', ?, ?, 200, 'bench')",
           ((i + 1, url, url, url, article_outlet[i], text_of(8).capitalize(), f"{day(article_day[i])}T12:00:00+00:00",
             text_of(40), f"h{i}") for i in range(sizes.articles)
            for url in [f"https://{article_outlet[i].split()[0].lower()}.example/story/{i + 1}"]))
    step(f"{sizes.articles:,} articles")

    # statements with their sources, countries and numbers
    speaker_zipf = Zipf(sizes.people, SPEAKER_EXPONENT, rng)
    org_zipf = Zipf(sizes.organizations, 1.0, rng)
    mood = [rng.gauss(0, 0.25) for _ in range(sizes.people)]
    by_day: dict[int, list[int]] = {}
    number_id = itertools.count(1)

    def statement_rows() -> Iterator[tuple[tuple, list[tuple], list[tuple], list[tuple], list[tuple]]]:
        for sid in range(1, sizes.statements + 1):
            article = rng.randrange(sizes.articles)
            d = article_day[article]
            by_day.setdefault(d, []).append(sid)
            roll = rng.random()
            if roll < 0.75:
                person = speaker_zipf.draw()
                speaker, kind, person_id = " ".join(people[person]), "person", person + 1
                org_id, title, organization = person_org[person], person_title[person], org_names[person_org[person] - 1]
                tone = mood[person]
            elif roll < 0.90:
                org = org_zipf.draw()
                speaker, kind, person_id, org_id, title, organization = org_names[org], "organization", None, org + 1, None, org_names[org]
                tone = 0.0
            else:
                speaker, kind, person_id, org_id, title, organization = rng.choice(GROUPS), "group", None, None, None, None
                tone = -0.1
            text = text_of(rng.choice(lengths))
            score = max(-1.0, min(1.0, rng.gauss(tone, 0.35)))
            label = "negative" if score < -0.2 else "positive" if score > 0.2 else "neutral"
            statement_kind = "direct" if rng.random() < 0.35 else "indirect"
            countries = sorted({codes[country_zipf.draw()] for _ in range(rng.choice((0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3)))})
            numbers = []
            if rng.random() < 0.3:
                value = rng.choice((10, 25, 34, 50, 84, 145, 4.5, 0.25))
                numbers.append((next(number_id), article + 1, f"{value}%", value, "percent", sid * 10, sid * 10 + 4, "tariff"))
            sources = [(sid, article + 1, article_outlet[article], day(d), speaker, statement_kind, text, day(d), sid * 10,
                        sid * 10 + len(text), label, round(score, 3), "bench@1", json.dumps(countries),
                        json.dumps([n[0] for n in numbers]))]
            if rng.random() < 0.08:
                other = rng.randrange(sizes.articles)
                if other != article:
                    sources.append((sid, other + 1, article_outlet[other], day(d), speaker, statement_kind, text, day(d),
                                    sid * 10, sid * 10 + len(text), label, round(score, 3), "bench@1",
                                    json.dumps(countries), json.dumps([n[0] for n in numbers])))
            statement = (sid, speaker, kind, person_id, org_id, speaker, title, organization, statement_kind, text,
                         "said", day(d), article + 1, sid * 10, sid * 10 + len(text), 0.9, label, round(score, 3),
                         "bench@1", text, len(sources), now)
            yield statement, sources, [(sid, c, day(d)) for c in countries], numbers, [(sid, n[0]) for n in numbers]

    for chunk in batches(statement_rows(), 50_000):
        conn.execute("begin")
        conn.executemany(
            "insert into statements (id, speaker, speaker_kind, person_id, organization_id, speaker_text, speaker_title,"
            " organization, kind, text, cue, date, article_id, start, \"end\", confidence, sentiment, sentiment_score,"
            " sentiment_model, match_key, sources, created_at) values (" + ", ".join("?" * 22) + ")",
            [c[0] for c in chunk])
        conn.executemany(
            "insert into statement_sources (statement_id, article_id, outlet, published, speaker, kind, text, date,"
            " start, \"end\", sentiment, sentiment_score, sentiment_model, countries, numbers)"
            " values (" + ", ".join("?" * 15) + ")", [s for c in chunk for s in c[1]])
        conn.executemany("insert into statement_countries (statement_id, country, date) values (?, ?, ?)",
                         [r for c in chunk for r in c[2]])
        conn.executemany("insert into numbers (id, article_id, text, value, unit, start, \"end\", measures)"
                         " values (?, ?, ?, ?, ?, ?, ?, ?)", [r for c in chunk for r in c[3]])
        conn.executemany("insert into statement_numbers (statement_id, number_id) values (?, ?)",
                         [r for c in chunk for r in c[4]])
        conn.execute("commit")
        step(f"{chunk[-1][0][0]:,} statements")

    # rate events, each with statements of the days around it linked
    events = []
    links = []
    for event_id in range(1, sizes.events + 1):
        d = rng.randrange(DAYS)
        events.append((event_id, rng.choice(("tariff", "tariff", "interest_rate")), rng.choice(("announce", "raise", "cut", "hold")),
                       rng.choice((10.0, 25.0, 34.0, 4.5, 5.25)), codes[country_zipf.draw()], codes[country_zipf.draw()],
                       day(d), "extracted", rng.randint(1, 6), rng.randint(1, 4), day(d), day(d), now))
        nearby = [s for n in range(max(0, d - 3), min(DAYS, d + 4)) for s in by_day.get(n, [])]
        for sid in rng.sample(nearby, min(30, len(nearby))):
            links.append((sid, event_id, rng.choice(("anticipates", "reacts_to", "announces")), rng.randint(-14, 14)))
    insert("insert into rate_events (id, kind, action, rate_percent, imposing, target, date, source, mentions, outlets,"
           " first_reported, last_reported, created_at) values (" + ", ".join("?" * 13) + ")", iter(events))
    insert("insert or ignore into statement_events (statement_id, event_id, relation, lag_days) values (?, ?, ?, ?)",
           iter(links))
    step(f"{sizes.events:,} rate events")
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    return ranks
