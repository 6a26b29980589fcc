"""What users type, resolved to the store's ids and codes: a person under any alias, an organization, an unnamed
group as statements give it, a country by ISO3 code, alpha-2 code, name or bloc, an outlet. A name the store
does not know raises :class:`UnknownValue`, whose message names the closest ones it does know. Reads only.
"""
from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.queries import StatementFilter

SUGGESTION_SPREAD = 0.1  # suggest the closest names, and others only when nearly as close


class UnknownValue(Exception):
    """A name the store does not know; the message says what it knows that is close."""


@dataclass
class Resolved:
    """What a filter's names stand for in this database."""

    person_ids: list[int] = field(default_factory=list)
    speaker_org_ids: list[int] = field(default_factory=list)
    org_ids: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    speaker_words: list[str] = field(default_factory=list)  # unnamed groups ("analysts"), as statements give them
    outlets: list[str] = field(default_factory=list)  # outlet names as stored


def _suggest(value: str, known: Iterable[str] | dict[str, str], what: str) -> UnknownValue:
    """UnknownValue naming up to three close names; ``known`` maps a spelling (an alias) to the name to show."""
    names = known if isinstance(known, dict) else {k: k for k in known}
    by_lower: dict[str, str] = {}
    for spelling, name in names.items():
        if spelling:
            by_lower.setdefault(spelling.lower(), name)
    close = difflib.get_close_matches(value.lower(), list(by_lower), n=6, cutoff=0.6)
    ratios = {c: difflib.SequenceMatcher(None, value.lower(), c).ratio() for c in close}
    best = max(ratios.values(), default=0)
    shown = list(dict.fromkeys(by_lower[c] for c in close if ratios[c] >= best - SUGGESTION_SPREAD))[:3]
    hint = f"; did you mean {' or '.join(shown)}?" if shown else ""
    return UnknownValue(f"no {what} {value!r}{hint}")


def people_named(conn: sqlite3.Connection, name: str) -> list[int]:
    """People who are ``name`` under their canonical name or any alias (case-insensitive)."""
    return [row[0] for row in conn.execute(
        "select id from people where name = ? collate nocase"
        " union select person_id from person_aliases where alias = ? collate nocase", [name, name])]


def organizations_named(conn: sqlite3.Connection, name: str) -> list[int]:
    return [row[0] for row in conn.execute(
        "select id from organizations where name = ? collate nocase"
        " union select organization_id from organization_aliases where alias = ? collate nocase", [name, name])]


def groups_named(conn: sqlite3.Connection, name: str) -> list[str]:
    """Unnamed speakers ("analysts", "U.S. officials") of statements, as written, matching ``name``."""
    return [row[0] for row in conn.execute(
        "select distinct speaker from statements where person_id is null and organization_id is null"
        " and speaker = ? collate nocase", [name])]


def countries_named(conn: sqlite3.Connection, value: str) -> list[str]:
    """ISO3 codes for an ISO3 code, an alpha-2 code, a name, or a bloc (its members)."""
    row = conn.execute("select code, kind from countries where code = upper(?) or alpha_2 = upper(?)"
                       " or name = ? collate nocase or official_name = ? collate nocase",
                       [value, value, value, value]).fetchone()
    if row is None:
        return []
    code, kind = row
    if kind == "bloc":
        return [code, *(r[0] for r in conn.execute("select country from bloc_members where bloc = ?", [code]))]
    return [code]


def outlets_named(conn: sqlite3.Connection, value: str) -> list[str]:
    """The outlet as stored, matched without regard to case."""
    exact = [row[0] for row in conn.execute("select outlet from articles where outlet = ? limit 1", [value])]
    return exact or [row[0] for row in conn.execute(
        "select distinct outlet from articles where outlet = ? collate nocase", [value])]


def _speaker_spellings(conn: sqlite3.Connection) -> dict[str, str]:
    """Every way a speaker is known (names, aliases, groups) → the name to suggest."""
    known: dict[str, str] = {}
    for alias, name in conn.execute("select a.alias, p.name from person_aliases a join people p on p.id = a.person_id"
                                    " where a.kind != 'description'"):
        known.setdefault(alias, name)
    for sql in ("select name, name from people", "select name, name from organizations",
                "select a.alias, o.name from organization_aliases a join organizations o on o.id = a.organization_id",
                "select distinct speaker, speaker from statements where person_id is null and organization_id is null"):
        for spelling, name in conn.execute(sql):
            known.setdefault(spelling, name)
    return known


def resolve(conn: sqlite3.Connection, f: StatementFilter) -> Resolved:
    """Ids and codes for the names in ``f``; raises UnknownValue (with suggestions) for a name unknown."""
    out = Resolved()
    for name in f.speakers:
        people, orgs = people_named(conn, name), organizations_named(conn, name)
        groups = [] if people or orgs else groups_named(conn, name)
        if not people and not orgs and not groups:
            raise _suggest(name, _speaker_spellings(conn), "person or organization")
        out.person_ids += people
        out.speaker_org_ids += orgs
        out.speaker_words += groups
    for name in f.organizations:
        orgs = organizations_named(conn, name)
        if not orgs:
            raise _suggest(name, dict(conn.execute(
                "select name, name from organizations union all select a.alias, o.name from organization_aliases a"
                " join organizations o on o.id = a.organization_id").fetchall()), "organization")
        out.org_ids += orgs
    for value in f.countries:
        codes = countries_named(conn, value)
        if not codes:
            known = dict(conn.execute("select name, name from countries union all select code, name from countries"
                                      " union all select official_name, name from countries"
                                      " where official_name is not null").fetchall())
            raise _suggest(value, known, "country")
        out.countries += [c for c in codes if c not in out.countries]
    for value in f.outlets:
        names = outlets_named(conn, value)
        if not names:
            raise _suggest(value, [r[0] for r in conn.execute("select distinct outlet from articles"
                                                              " where outlet is not null")], "outlet")
        out.outlets += names
    return out
