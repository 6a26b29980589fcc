"""Decode fetched HTML bytes to text, robust to mislabelled charsets."""
from __future__ import annotations

import charset_normalizer
from w3lib.encoding import html_body_declared_encoding, html_to_unicode, read_bom, resolve_encoding


def decode_html(data: bytes, http_encoding: str | None = None) -> str:
    """Return the page as text.

    Order: byte-order mark; UTF-8 when the bytes hold non-ASCII and decode as UTF-8 cleanly
    (pages that declare iso-8859-1 but are UTF-8 are common, and valid multi-byte UTF-8 is
    almost never an accident in a legacy charset); the HTTP charset; the page's own
    ``<meta charset>``; then charset detection, and windows-1252 (the web's default for
    undeclared legacy pages) when detection has too little to go on.
    """
    bom_encoding, _ = read_bom(data)
    if bom_encoding:
        return html_to_unicode(None, data)[1]
    if not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    declared = resolve_encoding(http_encoding) if http_encoding else None
    if declared:
        return data.decode(declared, errors="replace")
    declared = html_body_declared_encoding(data)
    content_type = f"text/html; charset={declared}" if declared else None
    return html_to_unicode(content_type, data, default_encoding="cp1252", auto_detect_fun=_detect)[1]


_MIN_DETECT_BYTES = 100  # below this, detectors guess wildly (six bytes of Latin-1 "look like" UTF-16)


def _detect(data: bytes) -> str | None:
    """charset_normalizer's best guess for a long enough page; never UTF-16/32, which HTML
    without a byte-order mark does not use."""
    if len(data) < _MIN_DETECT_BYTES:
        return None
    best = charset_normalizer.from_bytes(data).best()
    encoding = best.encoding if best else None
    return None if not encoding or encoding.startswith(("utf_16", "utf_32")) else encoding
