"""Near-duplicate detection: MinHash signatures over word shingles, looked up with LSH.

A syndicated wire story reprinted by another outlet differs only in furniture (headline,
an editor's line, a byline): its 5-word shingles overlap the original's far above any two
distinct stories on the same topic, whose Jaccard similarity stays near zero.
"""
from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 1
SCHEME = "affine32"  # datasketch 2 default; stored signatures must keep one scheme
# Estimated Jaccard similarity of shingle sets at which a page counts as a copy.
NEAR_DUPLICATE_THRESHOLD = 0.5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> bytes | None:
    """The MinHash signature of a body as bytes (None for an empty body)."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint64).tobytes()


def from_signature(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=np.frombuffer(blob, dtype=np.uint64))


class NearDuplicateIndex:
    """Original articles' signatures, queried for the most similar earlier article."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._hashes: dict[int, MinHash] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def add(self, article_id: int, blob: bytes) -> None:
        if article_id in self._hashes:
            return
        minhash = from_signature(blob)
        self._lsh.insert(article_id, minhash)
        self._hashes[article_id] = minhash

    def remove(self, article_id: int) -> None:
        if self._hashes.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def best_match(self, blob: bytes) -> tuple[int, float] | None:
        """(article id, estimated Jaccard) of the closest indexed article above the threshold."""
        minhash = from_signature(blob)
        scored = [(self._hashes[key].jaccard(minhash), -key) for key in self._lsh.query(minhash)]
        scored = [(score, key) for score, key in scored if score >= self.threshold]
        if not scored:
            return None
        score, key = max(scored)  # highest similarity, then the oldest article
        return -key, round(float(score), 3)
