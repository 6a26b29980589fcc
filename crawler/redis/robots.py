"""SharedRobotsTxtMiddleware: robots.txt fetched once per host for every process of a crawl.

The first process to need a host's robots.txt takes a short lock in Redis, fetches it and
leaves its body there (for a day); the others wait for it and parse the same body, so every
process obeys the same rules and the site sees one robots.txt request, not one per process.
Otherwise it is ``crawler.middlewares.RobotsTxtMiddleware`` (Scrapy's, with its race fixed).
"""
from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from crawler.middlewares import RobotsTxtMiddleware
from crawler.redis.shared import REDIS_ERRORS, redis_crawl

KEEP_SECONDS = 24 * 3600  # how long a fetched robots.txt is shared
FETCH_LOCK_SECONDS = 60  # a fetcher that dies lets another process try after this
POLL = 0.1


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.shared = redis_crawl(crawler)
        self._shared_bodies: dict[str, asyncio.Future] = {}

    def _key(self, netloc: str) -> str:
        return self.shared.frontier.key(f"robots:{netloc}")

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        if netloc not in self._parsers and netloc not in self._shared_bodies:
            self._shared_bodies[netloc] = asyncio.ensure_future(self._shared_body(netloc))
        if (pending := self._shared_bodies.get(netloc)) is not None:
            body = await pending
            if body is not None and netloc not in self._parsers:
                self._parsers[netloc] = build_from_crawler(self._parserimpl, self.crawler, body)
        return await super().robot_parser(request)

    async def _shared_body(self, netloc: str) -> bytes | None:
        """The body another process fetched, or None when this process is to fetch it."""
        server = self.shared.server
        try:
            while True:
                body = server.get(self._key(netloc))
                if body is not None:
                    return body
                if server.set(self._key(netloc) + ":fetching", self.shared.token, nx=True,
                              ex=FETCH_LOCK_SECONDS):
                    return None
                await asyncio.sleep(POLL)
        except REDIS_ERRORS as error:
            self.shared.lost(error)
            return None

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        await super()._parse_robots(response, netloc, request)
        try:
            self.shared.server.set(self._key(netloc), response.body, ex=KEEP_SECONDS)
            self.shared.server.delete(self._key(netloc) + ":fetching")
        except REDIS_ERRORS as error:
            self.shared.lost(error)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        super()._robots_error(exc, netloc)
        try:  # let another process try at once
            self.shared.server.delete(self._key(netloc) + ":fetching")
        except REDIS_ERRORS as error:
            self.shared.lost(error)
