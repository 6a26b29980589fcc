"""People and organizations as identities across articles, on real SQLite files, fed with records shaped
like `extract`'s output."""
from __future__ import annotations

import json

import pytest

from db.identities import name_parts, one_letter_apart, role_score, Role
from db.store import Store
from store_helpers import add_article, official, people, person_id, record, save, statement


@pytest.fixture
def store(db_path):
    with Store(db_path) as opened:
        yield opened


def _two_articles(store, first: dict, second: dict, *, dates=("2025-04-08", "2025-04-09")) -> None:
    a = add_article(store, "https://news.example/a", "one", published=dates[0])
    b = add_article(store, "https://wire.example/b", "two", outlet="Capital Wire", published=dates[1])
    save(store, a, first)
    save(store, b, second)


def test_identities_title_and_surname_in_another_article_are_one_person(store):
    _two_articles(store,
                  record(officials=[official("Marian Holt", "Treasury Secretary", "Treasury", "USA",
                                             ["Marian Holt", "Holt", "the Treasury secretary"])]),
                  record(officials=[official("Holt", "the Treasury secretary", None, "USA", ["Holt"])]))
    assert people(store) == ["Marian Holt"]
    holt = person_id(store, "Marian Holt")
    aliases = dict(store.db.execute("select alias, kind from person_aliases where person_id = ?", [holt]).fetchall())
    assert aliases == {"Marian Holt": "name", "Holt": "surname", "the Treasury secretary": "description"}
    rule, evidence = store.db.execute(
        "select rule, evidence from article_people where name = 'Holt'").fetchone()
    assert rule == "surname-and-role" and json.loads(evidence)["surname"] == "holt"


def test_identities_surname_first_then_full_name_merge_into_one(store):
    _two_articles(store,
                  record(officials=[official("Holt", "Treasury secretary", None, "USA")]),
                  record(officials=[official("Marian Holt", "Treasury Secretary", "Treasury", "USA")]))
    assert people(store) == ["Marian Holt"]
    redirect = store.db.execute("select from_id, to_id, decided_by, reason from person_redirects").fetchall()
    assert len(redirect) == 1 and redirect[0][2] == "rule" and "surname-and-role" in redirect[0][3]


def test_identities_middle_initial_accents_and_a_typo_join(store):
    rows = [("Elliot R. Marsh", "Fed Chair"), ("Elliot Marsh", "chair of the Federal Reserve"),
            ("José Ibáñez", "Economy Minister"), ("Jose Ibanez", "economy minister"),
            ("Tyresha McClenney", "trade envoy"), ("Tyresha McLenney", "trade envoy")]
    for i, (name, title) in enumerate(rows):
        article = add_article(store, f"https://news.example/{i}", f"body {i}")
        save(store, article, record(officials=[official(name, title)]))
    # one person each; the canonical name is the fuller form when as many articles use either
    assert people(store) == ["Elliot R. Marsh", "José Ibáñez", "Tyresha McClenney"]
    rules = {row[0] for row in store.db.execute("select rule from article_people")}
    assert {"new", "same-name", "typo"} <= rules


def test_identities_a_typo_with_roles_that_disagree_is_another_person(store):
    _two_articles(store,
                  record(officials=[official("Tyresha McClenney", "trade envoy", None, "USA")]),
                  record(officials=[official("Tyresha McLenney", "central bank governor", None, "KEN")]))
    assert len(people(store)) == 2


def test_identities_a_family_is_not_one_person(store):
    a = add_article(store, "https://news.example/1", "one")
    b = add_article(store, "https://news.example/2", "two")
    c = add_article(store, "https://news.example/3", "three")
    save(store, a, record(officials=[official("Harold Brandt", "President", None, "USA")]))
    save(store, b, record(officials=[official("Eric Brandt", "executive vice president of the Brandt Organization",
                                              "Brandt Organization", "USA")]))
    save(store, c, record(officials=[official("Brandt", "the president", None, "USA")]))
    assert people(store) == ["Eric Brandt", "Harold Brandt"]
    assert store.db.execute("select person_id from article_people where name = 'Brandt'").fetchone()[0] == \
        person_id(store, "Harold Brandt")


def test_identities_a_surname_alone_without_a_role_joins_nobody(store):
    _two_articles(store,
                  record(officials=[official("Kenji Morimoto", "economy minister", None, "JPN")]),
                  record(officials=[official("Morimoto")]))
    assert people(store) == ["Kenji Morimoto", "Morimoto"]


def test_identities_canonical_name_is_the_form_most_articles_use(store):
    for i, name in enumerate(["Jerome H. Powell", "Jerome Powell", "Jerome Powell"]):
        article = add_article(store, f"https://news.example/{i}", f"body {i}")
        save(store, article, record(officials=[official(name, "Fed Chair", "Federal Reserve", "USA")]))
    assert people(store) == ["Jerome Powell"]


def test_identities_a_role_change_keeps_both_roles_with_their_dates(store):
    titles = [("2025-01-10", "Commerce Secretary"), ("2025-02-01", "Commerce Secretary"),
              ("2025-06-20", "Treasury Secretary")]
    for i, (date, title) in enumerate(titles):
        article = add_article(store, f"https://news.example/{i}", f"body {i}", published=date)
        save(store, article, record(officials=[official("Douglas Reyner", title, None, "USA")]))
    roles = store.db.execute("select title, first_seen, last_seen, articles from person_roles"
                             " order by first_seen").fetchall()
    assert roles == [("Commerce Secretary", "2025-01-10", "2025-02-01", 2),
                     ("Treasury Secretary", "2025-06-20", "2025-06-20", 1)]
    assert people(store) == ["Douglas Reyner"]


def _org_statement(speaker: str, text: str, start: int = 0) -> dict:
    return statement(text, speaker, kind="indirect", speaker_kind="organization", start=start)


def test_identities_organizations_join_across_articles_and_countries_stay_apart(store):
    from nlp.organizations import identify  # the keys come from the NLP side; the store joins on them

    texts = [["China's Commerce Ministry"], ["the Chinese Ministry of Commerce"], ["MOFCOM"],
             ["India's commerce ministry"], ["BOK"], ["the Bank of Korea"]]
    for i, (name,) in enumerate(texts):
        org = identify(name)
        article = add_article(store, f"https://news.example/{i}", f"body {i}")
        save(store, article, record(
            organizations=[{"name": org.name, "country": org.country, "key": org.key, "aliases": [name]}],
            statements=[_org_statement(name, f"the measure number {i} would be answered")]))
    orgs = dict(store.db.execute("select key, name from organizations").fetchall())
    assert orgs == {"CHN:ministry of commerce": "Chinese Ministry of Commerce",
                    "IND:ministry of commerce": "India's commerce ministry",
                    "KOR:bank of korea": "Bank of Korea"}
    speakers = {row[0] for row in store.db.execute("select speaker from statements")}
    assert speakers == set(orgs.values())


def test_identities_an_acronym_seen_first_joins_the_institution_spelled_out_later(store):
    a = add_article(store, "https://news.example/1", "one")
    b = add_article(store, "https://news.example/2", "two")
    save(store, a, record(organizations=[{"name": "KTC", "country": None, "key": "-:ktc", "aliases": ["KTC"]}],
                          statements=[_org_statement("KTC", "imports of the panels rose too fast to be fair")]))
    save(store, b, record(organizations=[{"name": "Korea Trade Commission", "country": "KOR",
                                          "key": "KOR:commission of korea trade",
                                          "aliases": ["Korea Trade Commission", "KTC"]}]))
    assert store.db.execute("select key, name from organizations").fetchall() == [
        ("KOR:commission of korea trade", "Korea Trade Commission")]
    assert store.db.execute("select speaker from statements").fetchone()[0] == "Korea Trade Commission"


def test_identities_user_merge_and_split_survive_reprocessing(store, tmp_path):
    from db.people import IdentityError, Identities

    a = add_article(store, "https://news.example/1", "one")
    b = add_article(store, "https://news.example/2", "two")
    first = record(officials=[official("Jay Powell", "Fed Chair")], statements=[statement("rates stay put for now", "Jay Powell")])
    second = record(officials=[official("Jerome Powell", "chair")], statements=[statement("we can wait and see here", "Jerome Powell")])
    save(store, a, first)
    save(store, b, second)
    assert len(people(store)) == 2
    jay, jerome = person_id(store, "Jay Powell"), person_id(store, "Jerome Powell")
    with store.writing() as conn:
        kept = Identities(conn, "now").user_merge(jay, jerome)
    assert kept == min(jay, jerome) and len(people(store)) == 1
    for article, rec in ((a, first), (b, second)):
        save(store, article, rec, version="test@2")  # processing again keeps the user's merge
    assert len(people(store)) == 1
    assert store.db.execute("select to_id, decided_by from person_redirects").fetchall() == [(kept, "user")]
    assert {row[0] for row in store.db.execute("select person_id from statements")} == {kept}

    with store.writing() as conn:
        split_id = Identities(conn, "now").user_split(kept, "Jay Powell")
    for article, rec in ((a, first), (b, second)):
        save(store, article, rec, version="test@3")
    assert store.db.execute("select person_id from article_people where name = 'Jay Powell'").fetchone()[0] == split_id
    assert store.db.execute("select person_id from statements where text like 'rates%'").fetchone()[0] == split_id
    assert len(people(store)) == 2
    with store.writing() as conn, pytest.raises(IdentityError, match="no alias"):
        Identities(conn, "now").user_split(kept, "Somebody Else")


def test_identities_name_rules_as_units():
    assert name_parts("Luis de Guindos").surname == "de guindos"
    assert name_parts("Mohammed bin Salman").first == "mohammed"
    assert name_parts("Jerome H. Powell").norm == name_parts("Jerome Powell").norm
    assert name_parts("Eric Brandt").first != name_parts("Harold Brandt").first
    assert one_letter_apart("mcclenney", "mclenney") and not one_letter_apart("donald", "eric")
    assert role_score(Role("Treasury Secretary", None, "USA"), Role("the Treasury secretary", None, None)) >= 1
    assert role_score(Role("trade envoy", None, "USA"), Role("governor", None, "KEN")) < 1


def test_identities_a_title_written_into_a_name_is_never_the_canonical_name(store):
    article = add_article(store, "https://news.example/1", "body")  # both forms in as many articles
    save(store, article, record(officials=[official("Fed Chair Elliot Marsh", "Fed Chair", "Federal Reserve", "USA",
                                                    ["Fed Chair Elliot Marsh", "Elliot Marsh", "Marsh"])]))
    assert people(store) == ["Elliot Marsh"]


def test_identities_an_institution_or_title_among_the_aliases_is_never_the_canonical_name(store):
    # an extractor may list the employer or a capitalised title among a person's forms; sharing no word with
    # the name, they describe the person and never name them, however long they are
    article = add_article(store, "https://news.example/1", "body")
    save(store, article, record(officials=[official(
        "Ilse Brandt", "Chief Economist", "Global Lending Fund", None,
        ["Ilse Brandt", "Global Lending Fund", "Chief Economist", "Brandt"])]))
    assert people(store) == ["Ilse Brandt"]


def test_identities_a_store_written_before_names_were_told_from_references_is_mended_on_opening(db_path):
    """A database of the earlier rules: an organization listed "it" among its aliases, and a person's employer
    counted as one of their names and became the canonical one. Opening it applies the step that mends both."""
    with Store(db_path) as store:
        article = add_article(store, "https://news.example/1", "body")
        save(store, article, record(officials=[official(
            "Ilse Brandt", "Chief Economist", "Global Lending Fund", None,
            ["Ilse Brandt", "Global Lending Fund", "Brandt"])],
            statements=[statement("Growth will slow this year", "Ilse Brandt")], organizations=[
            {"name": "Global Lending Fund", "country": None, "key": ":global lending fund",
             "aliases": ["Global Lending Fund", "GLF"]}]))
        person = person_id(store, "Ilse Brandt")
        # what the earlier rules wrote
        store.db.execute("insert into organization_aliases (organization_id, alias)"
                         " select id, 'it' from organizations")
        store.db.execute("update person_aliases set kind = 'name' where alias = 'Global Lending Fund'")
        store.db.execute("update people set name = 'Global Lending Fund' where id = ?", [person])
        store.db.execute("update statements set speaker = 'Global Lending Fund' where person_id = ?", [person])
        store.db.execute("delete from _sqlite_migrations where name = '0006_aliases_are_names'")
        store.db.conn.commit()
    with Store(db_path) as store:
        assert people(store) == ["Ilse Brandt"]
        assert sorted(r[0] for r in store.db.execute("select alias from organization_aliases")) == [
            "GLF", "Global Lending Fund"]
        assert store.db.execute("select speaker from statements").fetchall() == [("Ilse Brandt",)]


def test_identities_a_person_is_shown_with_the_role_most_recent_articles_give(store):
    """One story's description ("his Chinese counterpart") does not replace the title a dozen articles give;
    a new job does, once the old one is 90 days behind the latest article. The country is the one most
    articles give: a story set in Beijing does not make a president Chinese."""
    from db.queries import StatementFilter, people as people_query

    seen = [("2025-01-10", "Chinese President", "CHN"), ("2025-02-03", "Chinese President", "CHN"),
            ("2025-03-07", "Chinese President", "CHN"), ("2025-03-20", "Chinese counterpart", "CHN"),
            ("2025-01-12", "Commerce Secretary", "USA"), ("2025-02-01", "Commerce Secretary", "USA"),
            ("2025-06-20", "Treasury Secretary", "USA"),
            ("2025-02-02", "President", None), ("2025-02-09", "President", "USA"),
            ("2025-02-16", "President", "USA"), ("2025-02-23", "President", "CHN")]  # a Beijing visit
    for i, (date, title, country) in enumerate(seen):
        name = "Li Wen" if i < 4 else "Douglas Reyner" if i < 7 else "Hal Brenner"
        article = add_article(store, f"https://news.example/{i}", f"body {i}", published=date)
        save(store, article, record(officials=[official(name, title, None, country)],
                                    statements=[statement(f"Words number {i}.", name)]))
    shown = {row["name"]: (row["title"], row["country"]) for row in people_query(store.db.conn, StatementFilter())}
    assert shown == {"Li Wen": ("Chinese President", "CHN"), "Douglas Reyner": ("Treasury Secretary", "USA"),
                     "Hal Brenner": ("President", "USA")}


def test_identities_institutions_sharing_only_a_reference_stay_apart(store):
    """"It", "the fund", "the statement": every institution is called so somewhere. Two institutions whose
    articles share only such words are two organizations; a shared name still joins them."""
    articles = [add_article(store, f"https://news.example/{i}", f"body {i}") for i in range(3)]
    save(store, articles[0], record(organizations=[
        {"name": "Rhodium Group", "country": None, "key": "-:rhodium group",
         "aliases": ["Rhodium Group", "it", "the statement", "Its analysts"]}]))
    save(store, articles[1], record(organizations=[
        {"name": "International Monetary Fund", "country": None, "key": ":international monetary fund",
         "aliases": ["International Monetary Fund", "the fund", "it", "the statement", "Its analysts"]}]))
    save(store, articles[2], record(organizations=[
        {"name": "IMF", "country": None, "key": "-:imf", "aliases": ["IMF", "it"]},
        {"name": "International Monetary Fund", "country": None, "key": ":international monetary fund",
         "aliases": ["International Monetary Fund", "IMF"]}]))
    assert sorted(store.db.execute("select key, name from organizations").fetchall()) == [
        ("-:rhodium group", "Rhodium Group"), (":international monetary fund", "International Monetary Fund")]
    # the references stay each statement's speaker_text; the organization's aliases are its names
    assert sorted(row[0] for row in store.db.execute("select alias from organization_aliases")) == [
        "IMF", "International Monetary Fund", "Rhodium Group"]


def test_identities_a_role_written_two_ways_shows_one_form_whatever_the_order(tmp_path):
    """"Treasury Secretary" and "Treasury secretary" are one role; which form it shows does not depend on which
    article was processed first (the demo's crawl fetches in parallel, so that order varies)."""
    shown = []
    for order in ((0, 1), (1, 0)):
        with Store(tmp_path / f"order-{order[0]}.db") as store:
            titles = ["Treasury secretary", "Treasury Secretary"]
            for i in order:
                article = add_article(store, f"https://news.example/{i}", f"body {i}", published=f"2025-04-0{i + 1}")
                save(store, article, record(officials=[official("Marian Holt", titles[i], "Treasury", "USA")]))
            shown.append(store.db.execute("select title from person_roles").fetchall())
    assert shown[0] == shown[1] == [("Treasury Secretary",)]


def test_identities_an_organization_forgets_what_only_an_earlier_extraction_named_it(store):
    """An article processed again takes back the names its earlier extraction gave: here an older extraction
    had keyed a joint statement's string under its first body, so the ministry was shown under the whole string
    and kept it as an alias; processed again, the ministry has its own name back and the joint speakers are
    their own organization, not drawn back to the ministry by the stale alias."""
    ministry = {"name": "Chilean Ministry of Finance", "country": "CHL", "key": "CHL:ministry of finance",
                "aliases": ["Chilean Ministry of Finance", "the Ministry of Finance"]}
    joint = "Ministry of Finance, the Customs Service and the Tax Service on Friday"
    first = add_article(store, "https://news.example/1", "one")
    second = add_article(store, "https://news.example/2", "two")
    save(store, first, record(organizations=[ministry],
                              statements=[_org_statement("Chilean Ministry of Finance", "copper duties would stay")]))
    older = {"name": joint, "country": "CHL", "key": "CHL:ministry of finance", "aliases": [joint]}
    save(store, second, record(organizations=[older], statements=[_org_statement(joint, "port fees would fall")]),
         version="test@1")
    assert store.db.execute("select name from organizations").fetchall() == [(joint,)]  # as the older code left it

    now = {"name": joint, "country": None, "key": f"-:{joint.lower()}", "aliases": [joint]}
    save(store, second, record(organizations=[now], statements=[_org_statement(joint, "port fees would fall")]),
         version="test@2")
    assert sorted(store.db.execute("select key, name from organizations").fetchall()) == [
        (f"-:{joint.lower()}", joint), ("CHL:ministry of finance", "Chilean Ministry of Finance")]
    aliases = store.db.execute("select o.name, a.alias from organization_aliases a join organizations o"
                               " on o.id = a.organization_id order by 1, 2").fetchall()
    assert aliases == [("Chilean Ministry of Finance", "Chilean Ministry of Finance"),
                       ("Chilean Ministry of Finance", "the Ministry of Finance"), (joint, joint)]
    assert sorted(store.db.execute("select speaker from statements").fetchall()) == [
        ("Chilean Ministry of Finance",), (joint,)]


def test_identities_an_alias_two_articles_give_outlives_one_of_them(store):
    """Aliases count the articles that give them: an article processed again without a form takes back its
    count only, and a form another article still gives stays."""
    first, second = (add_article(store, f"https://news.example/{i}", f"body {i}") for i in (1, 2))
    ministry = {"name": "Chilean Ministry of Finance", "country": "CHL", "key": "CHL:ministry of finance",
                "aliases": ["Chilean Ministry of Finance", "the Finance Ministry"]}
    save(store, first, record(organizations=[ministry]))
    save(store, second, record(organizations=[ministry]))
    save(store, second, record(organizations=[{**ministry, "aliases": ["Chilean Ministry of Finance"]}]),
         version="test@2")
    assert store.db.execute("select alias, articles from organization_aliases order by alias").fetchall() == [
        ("Chilean Ministry of Finance", 2), ("the Finance Ministry", 1)]
    save(store, first, record(organizations=[{**ministry, "aliases": ["Chilean Ministry of Finance"]}]),
         version="test@2")
    assert store.db.execute("select alias, articles from organization_aliases").fetchall() == [
        ("Chilean Ministry of Finance", 2)]


def test_identities_a_store_written_before_aliases_were_counted_counts_them_on_opening(db_path):
    """A database of the earlier schema: its organization aliases get the count of the article rows that give
    them when it is opened (an alias no row gives, from a merge, counts one)."""
    with Store(db_path) as store:
        first, second = (add_article(store, f"https://news.example/{i}", f"body {i}") for i in (1, 2))
        ministry = {"name": "Chilean Ministry of Finance", "country": "CHL", "key": "CHL:ministry of finance",
                    "aliases": ["Chilean Ministry of Finance", "the Finance Ministry"]}
        save(store, first, record(organizations=[ministry]))
        save(store, second, record(organizations=[{**ministry, "aliases": ["Chilean Ministry of Finance"]}]))
        # what the earlier schema held: no counts, and an alias left by a merge
        store.db.execute("alter table organization_aliases drop column articles")
        store.db.execute("insert into organization_aliases (organization_id, alias) select id, 'CMF' from organizations")
        store.db.execute("delete from _sqlite_migrations where name = '0007_organization_alias_counts'")
        store.db.conn.commit()
    with Store(db_path) as store:
        assert store.db.execute("select alias, articles from organization_aliases order by alias").fetchall() == [
            ("CMF", 1), ("Chilean Ministry of Finance", 2), ("the Finance Ministry", 1)]
