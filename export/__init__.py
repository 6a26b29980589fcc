"""Exports of what the store holds. ``timeline.py`` (CSV, JSON) and ``chart.py`` (HTML, PNG) take rows and
write files, with no SQL and no click; ``cli.py`` reads the rows through ``db.queries`` and hands them over."""
