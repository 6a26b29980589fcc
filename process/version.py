"""The stamp of what extracted an article: saidwhat's NLP code and data, the spaCy model, the options.

An article whose ``processed_version`` differs from the current stamp is processed again by the next
``process`` run, so a new rule, word list, claims or sentiment model re-processes by itself.
"""
from __future__ import annotations

import hashlib
from importlib import metadata, resources
from pathlib import Path

import spacy


def _nlp_files() -> list[Path]:
    root = Path(str(resources.files("nlp")))
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".json", ".txt", ".csv"}
                  and "__pycache__" not in p.parts)


def _model_version(model: str) -> str:
    if Path(model, "meta.json").is_file():
        return spacy.util.load_meta(Path(model, "meta.json")).get("version", "?")
    try:
        return metadata.version(model.replace("_", "-"))
    except metadata.PackageNotFoundError:
        return spacy.util.get_package_version(model) or "?"


def processing_version(model: str, *, claim_threshold: float, files: list[str] = ()) -> str:
    """``<model>@<version>+<hash of nlp code and data, the options and any model ``files`` given>``."""
    digest = hashlib.sha256()
    root = Path(str(resources.files("nlp")))
    for path in _nlp_files():
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    digest.update(f"claims>={claim_threshold}".encode())
    for path in files:
        digest.update(Path(path).read_bytes())
    return f"{model}@{_model_version(model)}+{digest.hexdigest()[:12]}"
