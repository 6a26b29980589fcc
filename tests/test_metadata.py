"""db/metadata.yml describes every table, view and column of the schema (Datasette shows it)."""
from __future__ import annotations

from pathlib import Path

import yaml

from db.store import Store

METADATA = Path(__file__).resolve().parent.parent / "db" / "metadata.yml"


def test_metadata_describes_every_table_view_and_column(db_path):
    described = yaml.safe_load(METADATA.read_text())["databases"]["saidwhat"]["tables"]
    with Store(db_path) as store:
        names = [n for n in store.db.table_names() + store.db.view_names()
                 if not n.startswith(("_", "sqlite_")) and "_fts" not in n]
        missing = []
        for name in names:
            entry = described.get(name)
            if not entry or not entry.get("description"):
                missing.append(name)
                continue
            columns = store.db[name].columns_dict if name in store.db.table_names() else store.db.view(name).columns_dict
            missing += [f"{name}.{c}" for c in columns if c not in entry.get("columns", {})]
    assert missing == []
    assert set(described) <= set(names)  # nothing described that is not there
