"""Language identification for article bodies that do not declare one (py3langid, normalised probabilities)."""
from __future__ import annotations

from functools import cache

# Below this many characters identification is a guess: such texts count as English.
MIN_CHARS = 200
SAMPLE_CHARS = 3000
MIN_PROBABILITY = 0.9


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, default: str | None = "en") -> str | None:
    """Two-letter language code of `text`; `default` when it is short or the guess is not confident."""
    if len(text.strip()) < MIN_CHARS:
        return default
    lang, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return lang if probability >= MIN_PROBABILITY else default
