"""build_nlp(): the one place that sets saidwhat's component order on top of an English spaCy pipeline."""
from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from nlp import attribute_table, extensions  # noqa: F401  (extensions registers the Doc/Span extensions)

from nlp.settings import DEFAULT_MODEL

# Order matters: officials and statements read countries; rate events read numbers and countries;
# claims read numbers and statements; sentiment reads statements.
COMPONENTS = (
    "saidwhat_countries",
    "saidwhat_numbers",
    "saidwhat_officials",
    "saidwhat_statements",
    "saidwhat_rate_events",
    "saidwhat_claims",
    "saidwhat_sentiment",
)


# abbreviated ranks and titles that spaCy's English tokenizer splits from their full stop ("Lt" + "."), after which
# the parser starts a new sentence before the name: "Lt. Col. Marcus Webb said" lost its speaker's rank
TITLE_ABBREVIATIONS = ("Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Cdr.", "Sgt.", "Cpl.", "Pvt.", "Brig.", "Supt.",
                       "Insp.", "Det.", "Amb.", "Atty.", "Hon.", "Gens.", "Reps.", "Sens.")

# spaCy's English tokenizer keeps "m." whole as an abbreviation, so an amount in millions ending a sentence
# ("profit reached £340m. Analysts …") lost its unit's span to the full stop and ran into the next sentence
# (whose subject then took the amount's "m." as a title word): "m" and "." are two tokens
SPLIT_ABBREVIATIONS = {"m.": [{ORTH: "m"}, {ORTH: "."}]}


class ModelNotFound(Exception):
    """The named spaCy pipeline is not installed (saidwhat never downloads one)."""


def _register_factory(name: str) -> None:
    """Import the module that registers factory `saidwhat_X` with @Language.factory (nlp/components/X.py)."""
    importlib.import_module(f"nlp.components.{name.removeprefix('saidwhat_')}")


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


def build_nlp(model: str = DEFAULT_MODEL, components: tuple[str, ...] = COMPONENTS,
              sentiment_model: str | None = None, configs: dict[str, dict] | None = None) -> Language:
    """The English pipeline with saidwhat's components added in data-flow order.

    `sentiment_model` is a model file written by `train-sentiment` (None: the shipped model); a file that is
    not one raises nlp.sentiment.model.ModelFileError. `configs` gives a component (by factory name) settings
    other than its defaults."""
    nlp = load_model(model)
    attribute_table.swap_in(nlp)
    for abbreviation in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    for abbreviation, pieces in SPLIT_ABBREVIATIONS.items():
        nlp.tokenizer.add_special_case(abbreviation, pieces)
    if "parser" in nlp.pipe_names:
        _register_factory("saidwhat_line_breaks")
        nlp.add_pipe("saidwhat_line_breaks", name="line_breaks", before="parser")
    configs = {"saidwhat_sentiment": {"model_path": str(sentiment_model) if sentiment_model else None},
               **(configs or {})}
    for name in components:
        _register_factory(name)
        nlp.add_pipe(name, name=name.removeprefix("saidwhat_"), config=configs.get(name, {}))
    return nlp


@cache
def shared_nlp(model: str = DEFAULT_MODEL, sentiment_model: str | None = None) -> Language:
    """One built pipeline per model (and sentiment model) per process (commands and library callers run many
    times)."""
    return build_nlp(model, sentiment_model=sentiment_model)
