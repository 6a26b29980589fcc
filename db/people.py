"""People and organizations as identities across articles, kept in the store.

Every official an article names becomes an ``article_people`` row pointing at one ``people`` row, with
the rule and the evidence that chose it (:mod:`db.identities` holds the rules). ``person_aliases`` and
``person_roles`` are summaries of those rows, kept in step as rows come and go; a merge or a split
rebuilds them. Organizations join on the identity key the NLP side gives them, and an acronym or a
name without its country joins the institution that article spelled out.

A user's merges and splits are kept in ``identity_decisions``: merged ids live on in
``person_redirects``, and a split alias resolves to its own person whenever articles are processed again.
All methods run inside the caller's transaction.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from db.identities import (AGREEMENT, NameParts, Role, alias_forms, alias_kind, best_role_score, fold, name_parts,
                           names_an_institution, one_letter_apart, role_key)


class IdentityError(Exception):
    """A merge or split that cannot be done (unknown id, alias not used by that person)."""


def _fullness(name: str) -> tuple[bool, int, str]:
    """Spelled out beats an acronym, then longer beats shorter, then the alphabet (deterministic)."""
    return (not name.isupper(), len(name), name)


class Identities:
    """Resolution and bookkeeping of people and organizations on one SQLite connection."""

    def __init__(self, conn: sqlite3.Connection, now: str) -> None:
        self.conn = conn
        self.now = now

    def _rows(self, sql: str, params: Any = ()) -> list[tuple]:
        return self.conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # -- organizations ----------------------------------------------------------------------------------

    def organization(self, entry: dict[str, Any]) -> int:
        """The organization an article's entry (``name``, ``key``, ``country``, ``aliases``) names."""
        key, name = entry["key"], entry["name"]
        org_id = self._one("select id from organizations where key = ?", [key])
        if org_id is None and key.startswith("-:") and names_an_institution(name):
            # "BOK" alone: the institution another article spelled out under that alias.
            found = {row[0] for row in self._rows(
                "select organization_id from organization_aliases where alias = ?", [name])}
            org_id = found.pop() if len(found) == 1 else None
        if org_id is None:
            country = self._country(entry.get("country"))
            org_id = self.conn.execute(
                "insert into organizations (name, key, country, created_at) values (?, ?, ?, ?)",
                [name, key, country, self.now]).lastrowid
        # counted by count_organization_aliases once the article's row is written; present now for the joins below
        self.conn.executemany("insert or ignore into organization_aliases (organization_id, alias, articles)"
                              " values (?, ?, 0)", [(org_id, alias) for alias in alias_forms(name, entry.get("aliases"))])
        if not key.startswith("-:"):
            # a country-less name seen before ("KTC") is this institution when they share a name; references
            # every institution has ("it", "the report") join nothing
            shared = self._rows(
                "select distinct o.id, a.alias from organizations o"
                " join organization_aliases a on a.organization_id = o.id where o.key like '-:%' and o.id != ?"
                " and a.alias in (select alias from organization_aliases where organization_id = ?)", [org_id, org_id])
            for other in sorted({other for other, alias in shared if names_an_institution(alias)}):
                self.merge_organizations(org_id, other)
        self._rename_organization(org_id, name)
        return org_id

    def count_organization_aliases(self, org_id: int, name: str, aliases: str | None, step: int) -> None:
        """An article row naming the organization was written (``step`` 1) or taken back (-1): its forms count one
        article more or less. A form no article gives any more is dropped, and a name no article gives any more
        gives way to the fullest one they give: what only an article's earlier extraction said (a joint
        statement's string under the first body's key) does not outlive it, as people's aliases do not."""
        forms = alias_forms(name, json.loads(aliases or "[]"))
        self.conn.executemany(
            "insert into organization_aliases (organization_id, alias, articles) values (?, ?, ?) on conflict"
            " (organization_id, alias) do update set articles = max(0, articles + excluded.articles)",
            [(org_id, form, step) for form in forms])
        if step > 0:
            return
        self.conn.execute("delete from organization_aliases where organization_id = ? and articles <= 0", [org_id])
        current = self._one("select name from organizations where id = ?", [org_id])
        if current in forms and not self._one("select 1 from organization_aliases where organization_id = ?"
                                              " and alias = ?", [org_id, current]):
            names = [row[0] for row in self._rows(
                "select name from article_organizations where organization_id = ?", [org_id])]
            if names:  # (none: dropped when nothing else uses it)
                self.conn.execute("update organizations set name = ? where id = ?", [max(names, key=_fullness), org_id])
                self._name_statements(org_id)

    def _rename_organization(self, org_id: int, candidate: str) -> None:
        current = self._one("select name from organizations where id = ?", [org_id])
        if current is not None and _fullness(candidate) > _fullness(current):
            self.conn.execute("update organizations set name = ? where id = ?", [candidate, org_id])
            self._name_statements(org_id)

    def _name_statements(self, org_id: int) -> None:
        """Statements show their organization's name, and an organization speaking under it."""
        name = self._one("select name from organizations where id = ?", [org_id])
        self.conn.execute("update statements set organization = ? where organization_id = ?", [name, org_id])
        self.conn.execute("update statements set speaker = ? where organization_id = ? and person_id is null"
                          " and speaker_kind = 'organization'", [name, org_id])

    def merge_organizations(self, keep: int, gone: int) -> None:
        """``gone`` turned out to be ``keep`` (an acronym or a country-less name seen first)."""
        name = self._one("select name from organizations where id = ?", [gone])
        self.conn.execute("insert into organization_aliases (organization_id, alias, articles) select ?, alias, articles"
                          " from organization_aliases where organization_id = ? on conflict (organization_id, alias)"
                          " do update set articles = articles + excluded.articles", [keep, gone])
        for table in ("statements", "person_roles", "article_people"):
            self.conn.execute(f"update {table} set organization_id = ? where organization_id = ?", [keep, gone])
        self.conn.execute("update or ignore article_organizations set organization_id = ? where organization_id = ?",
                          [keep, gone])
        self.conn.execute("delete from article_organizations where organization_id = ?", [gone])
        self.conn.execute("delete from organizations where id = ?", [gone])
        if name:
            self._rename_organization(keep, name)
        self._name_statements(keep)

    def drop_unused_organizations(self, ids: set[int]) -> None:
        for org_id in ids:
            used = self._one(
                "select 1 where exists (select 1 from article_organizations where organization_id = :id)"
                " or exists (select 1 from statements where organization_id = :id)"
                " or exists (select 1 from person_roles where organization_id = :id)", {"id": org_id})
            if not used:
                self.conn.execute("delete from organizations where id = ?", [org_id])

    def _country(self, code: str | None) -> str | None:
        """The code to store: codes the store does not know (a code newer than the ISO table) are added,
        never dropped; an empty code (an international organization's) is no country."""
        if not code:
            return None
        self.conn.execute("insert or ignore into countries (code, kind, name) values (?, 'country', ?)", [code, code])
        return code

    # -- resolving a person ---------------------------------------------------------------------------

    def resolve(self, official: dict[str, Any], organization_id: int | None) -> tuple[int, str, dict]:
        """(person id, rule, evidence) for an article's official; creates the person when nobody matches."""
        name = official["name"]
        parts = name_parts(name)
        role = Role(official.get("title"), organization_id, official.get("country"))
        split = self._split_person([name, *official.get("aliases", [])])
        if split is not None:
            return split, "user-split", {"alias": name}
        if parts.is_surname_only:
            found = self._by_surname(parts, role)
        else:
            found = self._by_full_name(parts, role) or self._by_typo(parts, role)
        if found is not None:
            return found
        person_id = self._create(name, parts, official.get("country"))
        return person_id, "new", {"name": name}

    def _candidates(self, sql: str, params: Any) -> list[int]:
        return [row[0] for row in self._rows(sql, params)]

    def _roles(self, person_id: int) -> list[Role]:
        return [Role(t, o, c) for t, o, c in self._rows(
            "select title, organization_id, country from person_roles where person_id = ?", [person_id])]

    def _articles(self, person_id: int) -> int:
        return self._one("select count(*) from article_people where person_id = ?", [person_id]) or 0

    def _by_full_name(self, parts: NameParts, role: Role) -> tuple[int, str, dict] | None:
        ids = self._candidates(
            "select distinct p.id from person_aliases a join people p on p.id = a.person_id"
            " where a.norm = ? and a.kind = 'name'", [parts.norm])
        scored = []
        for person_id in ids:
            roles = self._roles(person_id)
            score = best_role_score(role, roles)
            conflicting = role.country and roles and all(r.country and r.country != role.country for r in roles)
            if conflicting and score < AGREEMENT:
                continue  # namesakes in different countries with nothing in common
            scored.append((score, self._articles(person_id), -person_id, person_id))
        if not scored:
            return None
        score, _, _, person_id = max(scored)
        return person_id, "same-name", {"name": parts.norm, "role_score": round(score, 2)}

    def _by_typo(self, parts: NameParts, role: Role) -> tuple[int, str, dict] | None:
        # Only names one letter apart can be typos: same first name and a surname of nearly the same length
        # and first letter, or the other way round (a common first name alone would bring thousands).
        ids = self._candidates(
            "select id from people where first_name = :first and length(surname) between :sl - 1 and :sl + 1"
            " and substr(surname, 1, 1) = substr(:surname, 1, 1)"
            " union select id from people where surname = :surname"
            " and length(first_name) between :fl - 1 and :fl + 1",
            {"first": parts.first, "surname": parts.surname, "sl": len(parts.surname), "fl": len(parts.first or "")})
        for person_id in sorted(ids):
            first, surname, known = self.conn.execute(
                "select first_name, surname, name from people where id = ?", [person_id]).fetchone()
            typo = (first == parts.first and one_letter_apart(surname or "", parts.surname)) or (
                surname == parts.surname and one_letter_apart(first or "", parts.first or ""))
            if typo:
                score = best_role_score(role, self._roles(person_id))
                if score >= AGREEMENT:
                    return person_id, "typo", {"name": known, "written": parts.norm, "role_score": round(score, 2)}
        return None

    def _by_surname(self, parts: NameParts, role: Role) -> tuple[int, str, dict] | None:
        """A bare surname joins the person whose role agrees best (East Asian names put it first)."""
        ids = self._candidates("select id from people where surname = ? or first_name = ?",
                               [parts.surname, parts.surname])
        scored = sorted(((best_role_score(role, self._roles(i)), self._articles(i), -i, i) for i in ids),
                        reverse=True)
        if scored and scored[0][0] >= AGREEMENT and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            score, _, _, person_id = scored[0]
            return person_id, "surname-and-role", {"surname": parts.surname, "role_score": round(score, 2)}
        same = self._candidates("select id from people where name = ? collate nocase", [parts.norm])
        if same:  # the same bare surname with no role to tell them apart is still one mention-identity
            return min(same), "same-name", {"name": parts.norm}
        return None

    def _create(self, name: str, parts: NameParts, country: str | None) -> int:
        return self.conn.execute(
            "insert into people (name, country, first_name, surname, created_at) values (?, ?, ?, ?, ?)",
            [name, self._country(country), parts.first, parts.surname, self.now]).lastrowid

    def _split_person(self, names: list[str]) -> int | None:
        folded = {fold(n) for n in names if n}
        for alias, other in self._rows(
                "select alias, other_id from identity_decisions where action = 'split' order by id desc"):
            if fold(alias) in folded and other is not None:
                return self.current_id(other)
        return None

    def current_id(self, person_id: int) -> int:
        """The person an id stands for now (following merges)."""
        for _ in range(100):
            target = self._one("select to_id from person_redirects where from_id = ?", [person_id])
            if target is None:
                return person_id
            person_id = target
        return person_id

    def absorb_surnames(self, person_id: int, official: dict[str, Any], organization_id: int | None) -> None:
        """People known only by this person's surname, in a role that agrees, are this person."""
        parts = name_parts(official["name"])
        if parts.is_surname_only:
            return
        role = Role(official.get("title"), organization_id, official.get("country"))
        for other in self._candidates(
                "select id from people where id != ? and first_name is null and surname in (?, ?)"
                " and id not in (select other_id from identity_decisions where action = 'split' and other_id is not null)",
                [person_id, parts.surname, parts.first]):
            score = best_role_score(role, self._roles(other))
            if score >= AGREEMENT:
                keep, gone = min(person_id, other), max(person_id, other)
                self.merge(keep, gone, json.dumps({"rule": "surname-and-role", "surname": parts.surname,
                                                   "role_score": round(score, 2)}), "rule")
                person_id = keep

    # -- article rows and their summaries -----------------------------------------------------------------

    def add_article_person(self, article_id: int, date: str | None, row: dict[str, Any]) -> None:
        """Store one ``article_people`` row and count it in its person's aliases and roles."""
        country = self._country(row.get("country"))
        self.conn.execute(
            "insert into article_people (article_id, name, person_id, title, organization, organization_id, country,"
            " mentions, aliases, role_key, rule, evidence) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [article_id, row["name"], row["person_id"], row.get("title"), row.get("organization"),
             row.get("organization_id"), country, row.get("mentions"),
             json.dumps(row.get("aliases", []), ensure_ascii=False), row["role_key"], row["rule"],
             json.dumps(row.get("evidence", {}), ensure_ascii=False)])
        person_id = row["person_id"]
        for alias in dict.fromkeys([row["name"], *row.get("aliases", [])]):
            kind = alias_kind(alias, row["name"])
            self.conn.execute(
                "insert into person_aliases (person_id, alias, kind, norm, articles) values (?, ?, ?, ?, 1)"
                " on conflict (person_id, alias) do update set articles = articles + 1",
                [person_id, alias, kind, name_parts(alias).norm if kind != "description" else fold(alias)])
        self.conn.execute(
            "insert into person_roles (person_id, title, organization, organization_id, country, first_seen, last_seen,"
            " articles, role_key) values (?, ?, ?, ?, ?, ?, ?, 1, ?) on conflict (person_id, role_key) do update set"
            # one role written two ways ("Treasury Secretary", "Treasury secretary") shows the same form whichever
            # article was processed first
            " title = coalesce(min(title, excluded.title), title, excluded.title),"
            " organization = coalesce(min(organization, excluded.organization), organization, excluded.organization),"
            " articles = articles + 1, first_seen = min(coalesce(first_seen, excluded.first_seen), excluded.first_seen),"
            " last_seen = max(coalesce(last_seen, excluded.last_seen), excluded.last_seen),"
            " organization_id = coalesce(organization_id, excluded.organization_id)",
            [person_id, row.get("title"), row.get("organization"), row.get("organization_id"), country,
             date, date, row["role_key"]])
        self._refresh_name(person_id)

    def remove_article_person(self, article_id: int, name: str) -> int | None:
        """Take one ``article_people`` row out of its person's summaries; returns the person id."""
        row = self.conn.execute(
            "select person_id, aliases, role_key from article_people where article_id = ? and name = ?",
            [article_id, name]).fetchone()
        if row is None:
            return None
        person_id, aliases, key = row
        self.conn.execute("delete from article_people where article_id = ? and name = ?", [article_id, name])
        for alias in dict.fromkeys([name, *json.loads(aliases or "[]")]):
            self.conn.execute("update person_aliases set articles = articles - 1 where person_id = ? and alias = ?",
                              [person_id, alias])
        self.conn.execute("delete from person_aliases where person_id = ? and articles <= 0", [person_id])
        self._rebuild_role(person_id, key)
        self._refresh_name(person_id)
        return person_id

    def _rebuild_role(self, person_id: int, key: str) -> None:
        row = self.conn.execute(
            "select count(*), min(a.published), max(a.published) from article_people ap join articles a"
            " on a.id = ap.article_id where ap.person_id = ? and ap.role_key = ?", [person_id, key]).fetchone()
        if not row[0]:
            self.conn.execute("delete from person_roles where person_id = ? and role_key = ?", [person_id, key])
        else:
            self.conn.execute(
                "update person_roles set articles = ?, first_seen = ?, last_seen = ? where person_id = ? and role_key = ?",
                [row[0], _day(row[1]), _day(row[2]), person_id, key])

    def rebuild(self, person_id: int) -> None:
        """Recount a person's aliases and roles from their article rows (after a merge or a split)."""
        self.conn.execute("delete from person_aliases where person_id = ?", [person_id])
        self.conn.execute("delete from person_roles where person_id = ?", [person_id])
        rows = self._rows(
            "select ap.article_id, ap.name, ap.title, ap.organization, ap.organization_id, ap.country, ap.mentions,"
            " ap.aliases, ap.role_key, ap.rule, ap.evidence, a.published from article_people ap"
            " join articles a on a.id = ap.article_id where ap.person_id = ? order by ap.article_id", [person_id])
        for (article_id, name, title, organization, org_id, country, mentions, aliases, key, rule, evidence,
             published) in rows:
            self.conn.execute("delete from article_people where article_id = ? and name = ?", [article_id, name])
            self.add_article_person(article_id, _day(published), {
                "name": name, "person_id": person_id, "title": title, "organization": organization,
                "organization_id": org_id, "country": country, "mentions": mentions,
                "aliases": json.loads(aliases or "[]"), "role_key": key, "rule": rule,
                "evidence": json.loads(evidence or "{}")})
        self._refresh_name(person_id)

    def _refresh_name(self, person_id: int) -> None:
        """The canonical name is the full form most articles use (then the longer); statements follow it."""
        names = self._rows("select alias, articles from person_aliases where person_id = ? and kind = 'name'",
                           [person_id]) or self._rows(
            "select alias, articles from person_aliases where person_id = ? and kind = 'surname'", [person_id])
        if not names:
            return
        # A form that is another form with words in front ("Fed Chair Elliot Marsh") carries a title, not more
        # of the name: it is never the canonical name while the bare form is known.
        bare = {alias for alias, _ in names}
        names = [(alias, n) for alias, n in names
                 if not any(alias != other and alias.endswith(" " + other) for other in bare)] or names
        best = max(names, key=lambda r: (r[1], len(r[0]), r[0]))[0]
        parts = name_parts(best)
        # the country most of their articles give, then the latest: one story's "Chinese official" for a
        # visiting president does not move him
        country = self._one("select country from person_roles where person_id = ? and country is not null"
                            " group by country order by sum(articles) desc, max(last_seen) desc limit 1", [person_id])
        current = self.conn.execute("select name, country from people where id = ?", [person_id]).fetchone()
        if current != (best, country):
            self.conn.execute("update people set name = ?, first_name = ?, surname = ?, country = ? where id = ?",
                              [best, parts.first, parts.surname, country, person_id])
            self.conn.execute("update statements set speaker = ? where person_id = ?", [best, person_id])

    def drop_unused_people(self, ids: set[int]) -> None:
        for person_id in ids:
            used = self._one(
                "select 1 where exists (select 1 from article_people where person_id = :id)"
                " or exists (select 1 from statements where person_id = :id)"
                " or exists (select 1 from identity_decisions where person_id = :id or other_id = :id)"
                " or exists (select 1 from person_redirects where to_id = :id)", {"id": person_id})
            if not used:
                self.conn.execute("delete from person_aliases where person_id = ?", [person_id])
                self.conn.execute("delete from person_roles where person_id = ?", [person_id])
                self.conn.execute("delete from people where id = ?", [person_id])

    # -- merges and splits ----------------------------------------------------------------------------------

    def merge(self, keep: int, gone: int, reason: str, decided_by: str) -> None:
        """``gone`` is ``keep``: its article rows and statements move, its id redirects."""
        if keep == gone:
            return
        self.conn.execute("update article_people set person_id = ? where person_id = ?", [keep, gone])
        self.conn.execute("update statements set person_id = ? where person_id = ?", [keep, gone])
        self.conn.execute("update person_redirects set to_id = ? where to_id = ?", [keep, gone])
        self.conn.execute("delete from person_aliases where person_id = ?", [gone])
        self.conn.execute("delete from person_roles where person_id = ?", [gone])
        self.conn.execute("delete from people where id = ?", [gone])
        self.conn.execute(
            "insert or replace into person_redirects (from_id, to_id, reason, decided_by, created_at)"
            " values (?, ?, ?, ?, ?)", [gone, keep, reason, decided_by, self.now])
        self.rebuild(keep)

    def user_merge(self, first: int, second: int) -> int:
        """``people merge A B``: the lower id survives."""
        a, b = self.current_id(first), self.current_id(second)
        for asked, person in ((first, a), (second, b)):
            if self._one("select 1 from people where id = ?", [person]) is None:
                raise IdentityError(f"no person {asked}")
        if a == b:
            return a
        keep, gone = min(a, b), max(a, b)
        self.conn.execute("insert into identity_decisions (action, person_id, other_id, created_at)"
                          " values ('merge', ?, ?, ?)", [keep, gone, self.now])
        self.merge(keep, gone, json.dumps({"rule": "user-merge", "ids": [first, second]}), "user")
        return keep

    def user_split(self, person_id: int, alias: str) -> int:
        """``people split ID --alias NAME``: the articles that name the person so become a person of their own."""
        person_id = self.current_id(person_id)
        if self._one("select 1 from people where id = ?", [person_id]) is None:
            raise IdentityError(f"no person {person_id}")
        wanted = fold(alias)
        moving = [(article_id, name) for article_id, name, aliases in self._rows(
            "select article_id, name, aliases from article_people where person_id = ?", [person_id])
            if wanted in {fold(name), *(fold(a) for a in json.loads(aliases or "[]"))}]
        if not moving:
            raise IdentityError(f"person {person_id} has no alias {alias!r}")
        if len(moving) == self._articles(person_id):
            raise IdentityError(f"every article names person {person_id} {alias!r}: nothing to split off")
        new_id = self._create(alias, name_parts(alias), None)
        for article_id, name in moving:
            self.conn.execute("update article_people set person_id = ?, rule = 'user-split', evidence = ?"
                              " where article_id = ? and name = ?",
                              [new_id, json.dumps({"alias": alias}), article_id, name])
        self.conn.execute("insert into identity_decisions (action, person_id, other_id, alias, created_at)"
                          " values ('split', ?, ?, ?, ?)", [person_id, new_id, alias, self.now])
        self.relink_statements([person_id])
        self.rebuild(person_id)
        self.rebuild(new_id)
        return new_id

    def relink_statements(self, person_ids: list[int]) -> None:
        """Point statements of these people at whom their first source's article row names now."""
        for person_id in person_ids:
            self.conn.execute(
                "update statements set person_id = (select ap.person_id from statement_sources ss"
                " join article_people ap on ap.article_id = ss.article_id and ap.name = ss.speaker"
                " where ss.statement_id = statements.id and ss.article_id = statements.article_id limit 1)"
                " where person_id = ?", [person_id])
        self.conn.execute("update statements set speaker = (select name from people where id = statements.person_id)"
                          " where person_id in (%s)" % ",".join("?" * len(person_ids)), person_ids)


def _day(value: str | None) -> str | None:
    return value[:10] if value else None


def article_people_rows(officials: list[dict[str, Any]], speakers: list[str]
                        ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The people an article names: its officials, plus statement speakers it gives no role; and the
    person each speaker name stands for (a bare surname of a person the article names in full is them)."""
    rows = {o["name"]: dict(o) for o in officials if o.get("name")}
    for speaker in sorted(set(speakers), key=lambda n: name_parts(n).is_surname_only):
        if speaker not in rows and not (name_parts(speaker).is_surname_only and _full_name_for(speaker, rows)):
            rows[speaker] = {"name": speaker, "title": None, "organization": None, "country": None,
                             "mentions": 0, "aliases": [speaker]}
    names = {name: name for name in rows}
    for speaker in speakers:
        names.setdefault(speaker, _full_name_for(speaker, rows) or speaker)
    for row in rows.values():
        row["role_key"] = role_key(row.get("title"), row.get("organization"), row.get("country"))
    return list(rows.values()), names


def _full_name_for(surname: str, rows: dict[str, dict[str, Any]]) -> str | None:
    """The one full name among ``rows`` whose surname this is, if exactly one."""
    wanted = name_parts(surname).norm
    found = [name for name in rows if not name_parts(name).is_surname_only and name_parts(name).surname == wanted]
    return found[0] if len(found) == 1 else None
