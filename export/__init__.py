"""Exports of what the store holds: rows in, files out (CSV, JSON, charts). No SQL and no click here:
``export/cli.py`` reads the rows through ``db.queries`` and hands them over."""
