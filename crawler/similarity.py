"""Near-duplicate detection: MinHash signatures over word shingles, found again by LSH banding.

A syndicated wire story reprinted by another outlet differs only in furniture (headline,
an editor's line, a byline): its 5-word shingles overlap the original's far above any two
distinct stories on the same topic, whose Jaccard similarity stays near zero.

Signatures are computed with datasketch in the extraction workers. The crawl process only
compares them: the banded index below is a few lines of numpy, which spares it datasketch's
LSH import (scipy, over a second of start-up) for what is a dictionary of band hashes.
"""
from __future__ import annotations

import re
import zlib
import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1
SCHEME = "affine32"  # datasketch 2's default; stored signatures must all use one scheme
# 32 bands of 4 rows: pairs with Jaccard 0.5 share a band with probability 0.87, pairs at 0.2
# with probability 0.05; the estimate then decides.
BANDS, ROWS = 32, 4
# Estimated Jaccard similarity of shingle sets at which a page counts as a copy.
NEAR_DUPLICATE_THRESHOLD = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 32-bit hashes of the text's ``size``-word shingles (lower-cased words).

    Each word is hashed once (crc32) and shingles are combined with numpy, instead of hashing
    every shingle's bytes with SHA-1 in a Python loop (datasketch's default): four times faster.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return np.empty(0, dtype=np.uint64)
    known: dict[str, int] = {}
    ids = np.fromiter((known.setdefault(w, zlib.crc32(w.encode("utf-8"))) for w in words),
                      dtype=np.uint64, count=len(words))
    width = min(size, len(ids))
    count = len(ids) - width + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        hashes = (hashes * np.uint64(1_000_003) + ids[offset:offset + count]) & np.uint64(0xFFFFFFFF)
    return np.unique(hashes)


_template = None


def _identity(value: int) -> int:
    return value


def signature(text: str) -> bytes | None:
    """The MinHash signature of a body as bytes (None for an empty body)."""
    global _template
    hashes = shingle_hashes(text)
    if not len(hashes):
        return None
    if _template is None:
        from datasketch import MinHash  # only the workers need it

        # Permutations are drawn once per process; copies reuse them.
        _template = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=_identity)
    minhash = _template.copy()
    minhash.update_batch(hashes.tolist())
    return minhash.hashvalues.astype(np.uint64).tobytes()


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.mean(np.frombuffer(first, np.uint64) == np.frombuffer(second, np.uint64)))


class NearDuplicateIndex:
    """Original articles' signatures, queried for the most similar earlier article.

    Memory matters here (one entry per stored article): a band's bucket holds a bare id and
    becomes a list only when a second article shares it, which most never do.
    """

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD):
        self.threshold = threshold
        self._signatures: dict[int, bytes] = {}
        self._buckets: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    @staticmethod
    def _bands(blob: bytes) -> list[int]:
        width = ROWS * 8
        return [hash((band, blob[band * width:(band + 1) * width])) for band in range(BANDS)]

    def add(self, article_id: int, blob: bytes) -> None:
        if article_id in self._signatures:
            return
        self._signatures[article_id] = blob
        for key in self._bands(blob):
            held = self._buckets.get(key)
            if held is None:
                self._buckets[key] = article_id
            elif isinstance(held, list):
                held.append(article_id)
            else:
                self._buckets[key] = [held, article_id]

    def remove(self, article_id: int) -> None:
        blob = self._signatures.pop(article_id, None)
        if blob is None:
            return
        for key in self._bands(blob):
            held = self._buckets.get(key)
            if held == article_id:
                del self._buckets[key]
            elif isinstance(held, list) and article_id in held:
                held.remove(article_id)

    def _candidates(self, blob: bytes) -> set[int]:
        found: set[int] = set()
        for key in self._bands(blob):
            held = self._buckets.get(key)
            if isinstance(held, list):
                found.update(held)
            elif held is not None:
                found.add(held)
        return found

    def best_match(self, blob: bytes) -> tuple[int, float] | None:
        """(article id, estimated Jaccard) of the closest indexed article above the threshold."""
        scored = [(similarity(blob, self._signatures[key]), -key) for key in self._candidates(blob)]
        scored = [(score, key) for score, key in scored if score >= self.threshold]
        if not scored:
            return None
        score, key = max(scored)  # highest similarity, then the oldest article
        return -key, round(score, 3)
