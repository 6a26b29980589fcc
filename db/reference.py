"""Reference data the store is filled with: blocs and their member countries.

Bloc names are read from the NLP package's data file (the one list of blocs saidwhat recognises),
members from ``db/data/bloc_members.json``. Reading a data file imports no spaCy.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources


def _json(package: str, name: str) -> dict:
    return json.loads(resources.files(package).joinpath("data", name).read_text(encoding="utf-8"))


@cache
def blocs() -> dict[str, dict]:
    """Bloc code → {"name", "members"} (members as ISO3 codes)."""
    names = _json("nlp", "blocs.json")["blocs"]
    members = _json("db", "bloc_members.json")["members"]
    return {code: {"name": bloc["name"], "members": members.get(code, [])} for code, bloc in names.items()}
