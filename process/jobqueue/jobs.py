"""The job a worker runs: one article through saidwhat's pipeline, back as its plain record.

The pipeline is loaded once per worker process and model; the record is the dict ``extract`` prints
(JSON-safe), never a spaCy object. An article the pipeline fails on comes back as
``{"source", "error"}``, as in ``process``, and the writer records it; only a job that takes longer
than its timeout fails as a job (RQ retries it, then the writer records it).
"""
from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from rq.timeouts import BaseTimeoutException


class WrongVersion(Exception):
    """This worker's extraction code, data or model differ from what the job asks for."""


@cache
def local_version(model: str, claim_threshold: float) -> str:
    """The extraction stamp this machine would write (``process``'s own)."""
    from process.version import processing_version

    return processing_version(model, claim_threshold=claim_threshold)


def refusal(kwargs: dict[str, Any]) -> str | None:
    """Why this worker cannot do a job with these arguments, or None (checked before the job starts)."""
    from nlp.pipeline import ModelNotFound, check_model

    model, threshold, wanted = kwargs.get("model"), kwargs.get("claim_threshold"), kwargs.get("version")
    if not isinstance(model, str) or not isinstance(threshold, (int, float)) or not isinstance(wanted, str):
        return "the job is not an extraction job of this saidwhat (model, claim_threshold, version missing)"
    try:
        check_model(model)
    except ModelNotFound as error:
        return f"{error} on this machine"
    here = local_version(model, float(threshold))
    if here != wanted:
        return (f"this machine extracts as {here}, the queued jobs ask for {wanted}: "
                "install the same saidwhat code and model here")
    return None


def extract_article(article: dict[str, Any], *, model: str, claim_threshold: float, version: str) -> dict:
    """The record of one article (see the module docstring)."""
    from nlp.analyse import analyse
    from nlp.inputs import ArticleText
    from nlp.pipeline import shared_nlp

    if (reason := refusal({"model": model, "claim_threshold": claim_threshold, "version": version})) is not None:
        raise WrongVersion(reason)
    published = dt.date.fromisoformat(article["published"]) if article.get("published") else None
    text = ArticleText(source=article["source"], text=article["text"], title=article.get("title"),
                       published=published, language=article.get("language"))
    nlp = shared_nlp(model)
    try:
        return next(iter(analyse(nlp, [text], claim_threshold=claim_threshold)))
    except BaseTimeoutException:
        raise  # the job failed (RQ retries it); never run the text again without a time limit
    except Exception as exc:  # noqa: BLE001 -- recorded with the article, as `process` does
        return {"source": article["source"], "error": f"{type(exc).__name__}: {exc}"}
