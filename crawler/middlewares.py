"""Downloader middleware fixes.

RobotsTxtMiddleware: in Scrapy 2.19 every request that arrives while a host's robots.txt is
still downloading awaits the same Deferred; the first waiter's callback returns None, so the
others receive None, which the middleware reads as "no robots.txt: allow everything". On a
fresh crawl that lets the first burst of requests past a Disallow rule. The parser is stored
on the middleware before the Deferred fires, so reading it again gives the right answer.
"""
from __future__ import annotations

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            stored = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(stored, Deferred):
                return stored
        return parser
