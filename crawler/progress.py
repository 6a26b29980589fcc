"""Progress extension: a live line on stderr (pages/s, stored, skipped, errors).

On a terminal the line is redrawn in place with ``\\r`` every second; otherwise (logs, CI)
a plain line is printed every few seconds. Off with ``SAIDWHAT_PROGRESS = False`` (``--quiet``).
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class Progress:
    def __init__(self, crawler: Crawler, stream: TextIO = sys.stderr):
        self.stats = crawler.stats
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = 1.0 if self.tty else 5.0
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("SAIDWHAT_PROGRESS"):
            raise NotConfigured("progress line disabled")
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def line(self) -> str:
        get = self.stats.get_value
        pages = get("response_received_count", 0)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        stored = get("saidwhat/stored", 0) + get("saidwhat/updated", 0)
        return (f"crawl: {pages} pages, {pages / elapsed:.1f} pages/s, {stored} stored, "
                f"{get('saidwhat/duplicate', 0)} duplicates, {get('saidwhat/skipped', 0)} skipped, "
                f"{get('saidwhat/error', 0)} errors")

    def show(self) -> None:
        if self.tty:
            self.stream.write("\r" + self.line() + "\x1b[K")
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def spider_opened(self, spider) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider, reason) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.show()
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
