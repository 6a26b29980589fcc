"""An extraction function for the reparse tests that kills its worker process on one page, as a C-level crash or
the out-of-memory killer would (imported by the spawned workers, so it lives in a module of its own)."""
from __future__ import annotations

import os

CRASHING_URL_PART = "crashes-its-worker"


def extract_or_die(pages: list[tuple]) -> list:
    from crawler.workers import extract_pages

    if any(CRASHING_URL_PART in url for _, url, _, _ in pages):
        os._exit(1)
    return extract_pages(pages)
