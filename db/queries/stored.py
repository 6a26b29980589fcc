"""Datasette's stored (canned) queries: the questions a reader asks most, as SQL on named parameters.
`cli.py serve` puts them in the metadata it hands Datasette."""
from __future__ import annotations

from typing import Any

# The names a user types, as SQL on named parameters: the same matches as db.names' people_named,
# organizations_named and countries_named.
_SPEAKER_MATCH = """(
    s.person_id in (select id from people where name = :speaker collate nocase
                    union select person_id from person_aliases where alias = :speaker collate nocase)
    or (s.person_id is null and s.organization_id in (
        select id from organizations where name = :speaker collate nocase
        union select organization_id from organization_aliases where alias = :speaker collate nocase)))"""
_COUNTRY_CODES = """with asked as (
    select code, kind from countries where code = upper(:country) or alpha_2 = upper(:country)
        or name = :country collate nocase or official_name = :country collate nocase limit 1
), codes as (  -- the country, or a bloc and its members
    select code from asked
    union select country from bloc_members where bloc in (select code from asked where kind = 'bloc')
), parties as (  -- and the blocs the country belongs to: an EU tariff concerns Germany
    select code from codes union select bloc from bloc_members where country in (select code from asked)
)
"""
_STATEMENT_ROW = """s.date, s.speaker, s.speaker_title, a.outlet, s.kind, s.text, s.sentiment, s.sentiment_score,
    coalesce(a.canonical_url, a.url) as url, s.sources, s.id"""

QUOTES_BY_OFFICIAL = f"""select {_STATEMENT_ROW}
from statements s left join articles a on a.id = s.article_id
where {_SPEAKER_MATCH}
order by s.date desc, s.id desc"""

TIMELINE_FOR_COUNTRY = _COUNTRY_CODES + """select date, 'rate_event' as record, id,
    coalesce(imposing, '?') || ' → ' || coalesce(target, '?') as who,
    iif(rate_percent is null, '', printf('%g%% ', rate_percent)) || replace(kind, '_', ' ') || ' ' || action as what,
    null as sentiment, null as outlet, source_url as url
from rate_events where imposing in (select code from parties) or target in (select code from parties)
union all
select s.date, 'statement', s.id, s.speaker, s.text, s.sentiment, a.outlet, coalesce(a.canonical_url, a.url)
from statements s left join articles a on a.id = s.article_id
where s.id in (select statement_id from statement_countries where country in (select code from codes))
order by date, record, id"""

STATEMENTS_AROUND_EVENT = """select se.lag_days, se.relation, s.date, s.speaker, s.speaker_title, s.text, s.sentiment,
    a.outlet, coalesce(a.canonical_url, a.url) as url, s.id,
    e.date as event_date, e.kind as event_kind, e.action as event_action, e.rate_percent, e.imposing, e.target
from statement_events se
join statements s on s.id = se.statement_id
join rate_events e on e.id = se.event_id
left join articles a on a.id = s.article_id
where se.event_id = :event
order by se.lag_days, s.id"""

NUMBERS_ABOUT_COUNTRY = _COUNTRY_CODES + """select s.date, s.speaker, n.text as number, n.value, n.unit, n.measures,
    s.text as statement, a.outlet, s.id as statement_id, n.id as number_id
from statements s
join statement_numbers sn on sn.statement_id = s.id
join numbers n on n.id = sn.number_id
left join articles a on a.id = s.article_id
where s.id in (select statement_id from statement_countries where country in (select code from codes))
order by s.date desc, s.id, n.start"""

MOST_NEGATIVE_LATEST_30_DAYS = f"""select {_STATEMENT_ROW}
from statements s left join articles a on a.id = s.article_id
where s.sentiment = 'negative'
    and s.date > date((select max(date) from statements), '-30 days')
order by s.sentiment_score, s.date desc, s.id
limit 50"""

STORED_QUERIES: dict[str, dict[str, Any]] = {
    "quotes_by_official": {
        "title": "Quotes by official",
        "description": "Everything a person (under any of their names, e.g. a surname) or an organization said,"
                       " newest first.",
        "sql": QUOTES_BY_OFFICIAL, "params": ["speaker"]},
    "timeline_for_country": {
        "title": "Timeline for a country",
        "description": "Statements naming a country (ISO3 code, name or bloc) and the rate events it imposes or"
                       " faces, or that a bloc it belongs to does, in date order.",
        "sql": TIMELINE_FOR_COUNTRY, "params": ["country"]},
    "statements_around_event": {
        "title": "Statements around a rate event",
        "description": "The statements linked to one rate event (its id in rate_events or timeline), from the"
                       " earliest anticipation to the latest reaction, with the lag in days.",
        "sql": STATEMENTS_AROUND_EVENT, "params": ["event"]},
    "numbers_about_country": {
        "title": "Numbers quoted about a country",
        "description": "Every number quoted in a statement that names a country (ISO3 code, name or bloc), with"
                       " its value, unit and what it measures, newest first.",
        "sql": NUMBERS_ABOUT_COUNTRY, "params": ["country"]},
    "most_negative_latest_30_days": {
        "title": "Most negative statements in the latest 30 days of data",
        "description": "The 50 statements scored most negative among those dated within 30 days of the latest"
                       " statement in the database (empty until statements are scored for sentiment).",
        "sql": MOST_NEGATIVE_LATEST_30_DAYS},
}
