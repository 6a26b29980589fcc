"""`cli.py query`: the store's answers as tables for people and JSON, JSON lines or CSV for programs.

``cli`` holds the commands, ``options`` the filters they share, ``output`` the formats; the SQL is in
:mod:`db.queries` and the read-only connection in :mod:`db.readonly`.
"""
