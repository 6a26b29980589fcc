"""Labelled sentences from a CSV file (`text,label`), checked row by row."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from nlp.sentiment.model import LABELS

MIN_ROWS_PER_LABEL = 10  # fewer cannot be cross-validated in five folds with any meaning


class DataError(Exception):
    """A training file that cannot be used; the message names the file and, where there is one, the line."""


@dataclass(frozen=True)
class LabelledData:
    texts: list[str]
    labels: list[str]
    domains: list[str | None] | None = None  # from an optional `domain` column


def read_labelled_csv(path: str | Path, *, min_per_label: int = MIN_ROWS_PER_LABEL) -> LabelledData:
    """Rows of a CSV file with a header naming `text` and `label` columns, and optionally `domain` (any
    lower-case word; an empty cell is no domain); other columns are ignored.

    Labels are negative, neutral or positive (any case). Raises DataError on the first bad row."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text") from exc
    lines = content.splitlines(keepends=True)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(f"{path}: empty file, expected a header line 'text,label'") from None
    except csv.Error as exc:
        raise DataError(f"{path}:1: not CSV ({exc})") from exc
    names = [h.strip().lower() for h in header]
    missing = [col for col in ("text", "label") if col not in names]
    if missing:
        raise DataError(f"{path}:1: no {' or '.join(repr(m) for m in missing)} column in the header "
                        f"({','.join(header) or 'empty line'}); expected 'text,label'")
    text_col, label_col = names.index("text"), names.index("label")
    domain_col = names.index("domain") if "domain" in names else None
    texts, labels, domains = [], [], []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # blank lines are allowed
            if len(row) <= max(text_col, label_col):
                raise DataError(f"{path}:{line}: {len(row)} column(s), expected {len(names)} as in the header")
            text, label = row[text_col].strip(), row[label_col].strip().lower()
            if not text:
                raise DataError(f"{path}:{line}: empty text")
            if label not in LABELS:
                raise DataError(f"{path}:{line}: unknown label {row[label_col].strip()!r} "
                                f"(expected {', '.join(LABELS)})")
            domain = row[domain_col].strip().lower() if domain_col is not None and domain_col < len(row) else ""
            if domain and not domain.isalpha():
                raise DataError(f"{path}:{line}: domain {row[domain_col].strip()!r} is not a single word")
            texts.append(text)
            labels.append(label)
            domains.append(domain or None)
    except csv.Error as exc:
        raise DataError(f"{path}:{reader.line_num}: not CSV ({exc})") from exc
    for label in LABELS:
        count = labels.count(label)
        if count < min_per_label:
            raise DataError(f"{path}: {count} row(s) labelled {label!r}, at least {min_per_label} needed per label")
    return LabelledData(texts, labels, domains if any(domains) else None)
