"""Read `extract` inputs (a .txt, .html or .json file, a URL, or "-" for stdin) into plain article text."""
from __future__ import annotations

import datetime as dt
import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from crawler.dates import normalise_date
from crawler.settings import user_agent
from nlp.furniture import blank_page_furniture

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
# an article as JSON from news-please (maintext, date_publish), trafilatura (text, date) or a schema.org
# NewsArticle (articleBody, headline, datePublished, inLanguage): the first field present of each kind
TEXT_FIELDS = ("maintext", "text", "articleBody", "body")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date_publish", "published", "datePublished", "date")
LANGUAGE_FIELDS = ("language", "inLanguage")
FETCH_TIMEOUT = 30


class InputError(Exception):
    """An input that cannot be read or holds no text; the message is one line naming the input."""


@dataclass
class ArticleText:
    """One article's text and what is known about it before NLP."""

    source: str  # the input exactly as given
    text: str
    title: str | None = None
    published: dt.date | None = None
    language: str | None = None


def parse_date(value: str | None) -> dt.date | None:
    """A user- or page-given date ("2025-04-08", "April 8, 2025", an ISO datetime) as a date."""
    iso = normalise_date(value)  # the crawler's own date reading, so both paths agree
    return dt.date.fromisoformat(iso[:10]) if iso else None


def _from_html(source: str, html: str | bytes, url: str) -> ArticleText:
    from crawler.article import extract_article  # the crawler's own extraction path

    article = extract_article(html, url)
    if article.skip_reason or not article.body.strip():
        raise InputError(f"{source}: no article to analyse in the HTML ({article.skip_reason or 'no article body'})")
    return ArticleText(
        source=source,
        text=article.body,
        title=article.title,
        published=parse_date(article.published),
        language=article.language,
    )


def _from_json(source: str, text: str) -> ArticleText:
    """One article object as news-please, trafilatura or schema.org write it; its text is used as it is."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict):
        raise InputError(f"{source}: a JSON input is one article object, not a {type(data).__name__}")
    body = _first_text(data, TEXT_FIELDS)
    if body is None:
        raise InputError(f"{source}: no article text in the JSON (none of {', '.join(TEXT_FIELDS)})")
    return ArticleText(source=source, text=body, title=_first_text(data, TITLE_FIELDS),
                       published=parse_date(_first_text(data, DATE_FIELDS)),
                       language=_first_text(data, LANGUAGE_FIELDS))


def _first_text(data: dict, fields: tuple[str, ...]) -> str | None:
    return next((value for field in fields if isinstance(value := data.get(field), str) and value.strip()), None)


def _fetch(url: str) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent()})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            return response.read(), response.geturl()
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(f"{url}: cannot fetch: {reason}") from exc


def read_input(source: str) -> ArticleText:
    """Read one input; raise InputError (one line, naming the input) when it is unreadable or empty."""
    if source.startswith(("http://", "https://")):
        html, final_url = _fetch(source)
        return _from_html(source, html, final_url)
    if source == "-":
        raw = sys.stdin.buffer.read()
        path = None
    else:
        path = Path(source)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    if path is not None and path.suffix.lower() in HTML_SUFFIXES:
        return _from_html(source, raw, path.resolve().as_uri())
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text (byte {exc.start})") from exc
    if "\x00" in text:
        raise InputError(f"{source}: binary file, not text")
    if not text.strip():
        raise InputError(f"{source}: empty input")
    if path is not None and path.suffix.lower() in JSON_SUFFIXES:
        return _from_json(source, text)
    if path is None and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return _from_html(source, raw, "stdin:")
    # text copied from a page keeps its menus and teasers: blank them (offsets stay those of the input)
    return ArticleText(source=source, text=blank_page_furniture(text))
