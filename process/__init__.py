"""Extraction into the store: stored articles → spaCy pipeline → records → rows in SQLite.

The only package that imports both `nlp` (to extract) and `db` (to store): `db` never imports spaCy
and `nlp` never touches SQLite.
"""
