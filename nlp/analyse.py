"""Run saidwhat's pipeline over article texts, in this process or in worker processes.

Workers each load the pipeline once and send back plain records (dicts), never Docs: the parent stays a
single writer and nothing spaCy-specific crosses a process boundary.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator

from spacy.language import Language

from nlp.inputs import ArticleText
from nlp.language import detect_language
from nlp.pipeline import build_nlp
from nlp.settings import DEFAULT_MODEL
from nlp.records import doc_to_record, empty_record
from nlp.settings import DEFAULT_CLAIM_THRESHOLD

BATCH_SIZE = 16


def analyse(
    nlp: Language, articles: Iterable[ArticleText], *, claim_threshold: float = DEFAULT_CLAIM_THRESHOLD
) -> Iterator[dict]:
    """One record per article, in input order; non-English articles are reported, not analysed."""
    for batch in _chunks(articles, BATCH_SIZE):
        yield from _analyse_batch(nlp, batch, claim_threshold)


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


def _init_worker(model: str, claim_threshold: float, sentiment_model: str | None = None) -> None:
    global _worker_nlp, _worker_threshold
    _worker_nlp = build_nlp(model, sentiment_model=sentiment_model)
    _worker_threshold = claim_threshold


def _analyse_chunk(chunk: list[ArticleText]) -> list[dict]:
    assert _worker_nlp is not None, "worker not initialised"
    return list(analyse(_worker_nlp, chunk, claim_threshold=_worker_threshold))


def _chunks(items: Iterable[ArticleText], size: int) -> Iterator[list[ArticleText]]:
    chunk: list[ArticleText] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyse_in_workers(
    articles: Iterable[ArticleText],
    *,
    jobs: int,
    model: str = DEFAULT_MODEL,
    claim_threshold: float = DEFAULT_CLAIM_THRESHOLD,
    chunk_size: int = 4,
    sentiment_model: str | None = None,
) -> Iterator[dict]:
    """Like `analyse`, spread over `jobs` worker processes (each loads the model once); input order kept.
    `sentiment_model`: a model file from `train-sentiment` (None: the shipped one)."""
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no forked reactor or thread state
    with context.Pool(jobs, initializer=_init_worker, initargs=(model, claim_threshold, sentiment_model)) as pool:
        for records in pool.imap(_analyse_chunk, _chunks(articles, chunk_size)):
            yield from records
