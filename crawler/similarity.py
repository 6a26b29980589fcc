"""Near-duplicate detection: MinHash signatures over word shingles, found again by LSH banding.

A syndicated wire story reprinted by another outlet differs only in furniture (headline,
an editor's line, a byline): its 5-word shingles overlap the original's far above any two
distinct stories on the same topic, whose Jaccard similarity stays near zero.

Signatures are datasketch's MinHash values, computed with numpy in the extraction workers; the
crawl process only compares them with the banded index below. Neither imports datasketch, whose
import pulls in scipy (over half a second and ~48 MB per process) for what is a few numpy lines.
"""
from __future__ import annotations

import re
import zlib

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1
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
    crc32_of = {word: zlib.crc32(word.encode("utf-8")) for word in set(words)}
    ids = np.fromiter(map(crc32_of.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(size, len(ids))
    count = len(ids) - width + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        hashes = (hashes * np.uint64(1_000_003) + ids[offset:offset + count]) & np.uint64(0xFFFFFFFF)
    return np.unique(hashes)


def _affine32_permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Permutations h -> a*h + b mod 2**32 with odd a, drawn as datasketch draws its "affine32" ones."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = _affine32_permutations()


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, a bijection that spreads the input bits before permuting."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signature(text: str) -> bytes | None:
    """The MinHash signature of a body as bytes (None for an empty body).

    The values of ``datasketch.MinHash(num_perm=128, seed=1, scheme="affine32")`` over the same shingle
    hashes (tests/test_crawl_parts.py holds them equal), in three numpy lines: importing datasketch
    pulls in scipy, which cost every extraction worker 0.6 s of CPU and ~48 MB at start-up.
    """
    hashes = shingle_hashes(text)
    if not len(hashes):
        return None
    mixed = _fmix32(hashes.astype(np.uint32))
    permuted = np.outer(mixed, _A) + _B  # uint32 arithmetic wraps: mod 2**32
    return permuted.min(axis=0).astype(np.uint64).tobytes()


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
