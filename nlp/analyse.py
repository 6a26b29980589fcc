"""Run saidwhat's pipeline over article texts, in this process or in worker processes.

Workers each load the pipeline once and send back plain records (dicts), never Docs: the parent stays a
single writer and nothing spaCy-specific crosses a process boundary.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language

from nlp.inputs import ArticleText
from nlp.language import detect_language
from nlp.pipeline import build_nlp
from nlp.settings import DEFAULT_MODEL
from nlp.records import doc_to_record, empty_record
from nlp.settings import DEFAULT_CLAIM_THRESHOLD

BATCH_SIZE = 16
T = TypeVar("T")


def analyse(
    nlp: Language, articles: Iterable[ArticleText], *, claim_threshold: float = DEFAULT_CLAIM_THRESHOLD,
    keep_going: bool = False,
) -> Iterator[dict]:
    """One record per article, in input order; non-English articles are reported, not analysed.

    With ``keep_going``, an article the pipeline fails on gives ``{"source", "error"}`` instead of a
    record and the others go on (a batch that fails is run again one article at a time).
    """
    for batch in chunks(articles, BATCH_SIZE):
        if not keep_going:
            yield from _analyse_batch(nlp, batch, claim_threshold)
            continue
        try:
            yield from list(_analyse_batch(nlp, batch, claim_threshold))
        except Exception:  # noqa: BLE001 -- find the article that failed, keep the rest
            for article in batch:
                try:
                    yield from list(_analyse_batch(nlp, [article], claim_threshold))
                except Exception as exc:  # noqa: BLE001 -- recorded with the article, never raised
                    yield {"source": article.source, "error": f"{type(exc).__name__}: {exc}"}


def _language(article: ArticleText) -> str | None:
    return article.language[:2].lower() if article.language else detect_language(article.text)


def _analyse_batch(nlp: Language, batch: list[ArticleText], claim_threshold: float) -> Iterator[dict]:
    languages = [_language(article) for article in batch]
    docs = []
    for article, language in zip(batch, languages):
        if language == "en":
            doc = nlp.make_doc(article.text)
            doc._.published = article.published  # read by components that resolve "on Tuesday"
            docs.append(doc)
    analysed = iter(nlp.pipe(docs))
    for article, language in zip(batch, languages):
        if language != "en":
            yield empty_record(source=article.source, title=article.title, published=article.published,
                               language=language)
        else:
            yield doc_to_record(next(analysed), source=article.source, title=article.title, language=language,
                                claim_threshold=claim_threshold)


# --- worker processes -------------------------------------------------------------------------------

_worker_nlp: Language | None = None
_worker_threshold = DEFAULT_CLAIM_THRESHOLD
_worker_keep_going = False


def _init_worker(model: str, claim_threshold: float, keep_going: bool = False,
                 sentiment_model: str | None = None) -> None:
    global _worker_nlp, _worker_threshold, _worker_keep_going
    _worker_nlp = build_nlp(model, sentiment_model=sentiment_model)
    _worker_threshold = claim_threshold
    _worker_keep_going = keep_going


def _analyse_chunk(chunk: list[ArticleText]) -> list[dict]:
    assert _worker_nlp is not None, "worker not initialised"
    return list(analyse(_worker_nlp, chunk, claim_threshold=_worker_threshold, keep_going=_worker_keep_going))


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items in order (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class WorkerPool:
    """Worker processes that each load the pipeline once and analyse chunks of articles; reusable for
    many calls of :meth:`analyse` (so a caller can feed articles a window at a time)."""

    def __init__(self, jobs: int, *, model: str = DEFAULT_MODEL, claim_threshold: float = DEFAULT_CLAIM_THRESHOLD,
                 chunk_size: int = 4, keep_going: bool = False, sentiment_model: str | None = None) -> None:
        context = multiprocessing.get_context("spawn")  # a clean interpreter: no forked reactor or thread state
        self.chunk_size = chunk_size
        self.pool = context.Pool(jobs, initializer=_init_worker,
                                 initargs=(model, claim_threshold, keep_going, sentiment_model))

    def analyse(self, articles: Iterable[ArticleText]) -> Iterator[dict]:
        """Records in input order (the pool reads ``articles`` ahead: pass a bounded window)."""
        for records in self.pool.imap(_analyse_chunk, chunks(articles, self.chunk_size)):
            yield from records

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.pool.terminate()


def analyse_in_workers(
    articles: Iterable[ArticleText],
    *,
    jobs: int,
    model: str = DEFAULT_MODEL,
    claim_threshold: float = DEFAULT_CLAIM_THRESHOLD,
    chunk_size: int = 4,
    keep_going: bool = False,
    sentiment_model: str | None = None,
) -> Iterator[dict]:
    """Like `analyse`, spread over `jobs` worker processes (each loads the model once); input order kept.
    `sentiment_model`: a model file from `train-sentiment` (None: the shipped one)."""
    with WorkerPool(jobs, model=model, claim_threshold=claim_threshold, chunk_size=chunk_size,
                    keep_going=keep_going, sentiment_model=sentiment_model) as pool:
        yield from pool.analyse(articles)
