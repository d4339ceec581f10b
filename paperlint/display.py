"""How names and messages from a submission are shown: valid UTF-8, one line, no control codes.

A file name is carried as the operating system gave it: Python decodes the bytes of a name that is
not valid UTF-8 with ``surrogateescape`` (byte 0xFF becomes the lone surrogate U+DCFF), so
``open()`` still finds the file. Such a string cannot be written as UTF-8, so every output shows it
in an escaped form instead: each undecodable byte as ``\\xNN`` (what ``backslashreplace`` shows).

- :func:`shown` is the one-line form for lines a person or a CI log reads (the text report, error
  lines, progress, GitHub plain lines): undecodable bytes as ``\\xNN``, and carriage returns,
  newlines and other control characters escaped too, so that a name can neither break a line nor
  drive the terminal (``\\x1b[...``) nor start a workflow command of its own.
- :func:`utf8` keeps newlines and tabs (whole rendered reports, CSV cells) and escapes only what
  cannot be encoded.
- :func:`json_text` does the same inside JSON text already produced by ``json.dumps``, where the
  backslash of ``\\xNN`` must itself be escaped.

The escaped form is what the JSON, JSONL and CSV outputs hold, so ``--resume`` compares papers by
it (:func:`shown_path`): two names that differ only in an undecodable byte and in a literal
``\\xNN`` would collide, which no real submission does.
"""

from __future__ import annotations

import re

# Lone surrogates: U+DC80-U+DCFF from surrogateescape (a byte 0x80-0xFF), others from elsewhere.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What must not reach a one-line display: C0 and C1 controls, DEL, and the bidirectional
# overrides that make a terminal show a name reversed.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte surrogateescape stood for
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` as one printable line (see the module docstring)."""
    if text.isprintable():
        return text
    return _CONTROL.sub(lambda match: _escape(match.group()), text)


def utf8(text: str) -> str:
    """``text`` with only what UTF-8 cannot encode (lone surrogates) escaped."""
    if text.isascii():
        return text
    return _SURROGATE.sub(lambda match: _escape(match.group()), text)


def json_text(text: str) -> str:
    """JSON produced by ``json.dumps(..., ensure_ascii=False)``, with lone surrogates written as
    the string ``\\xNN`` (an escaped backslash, then ``xNN``), so that it encodes as UTF-8 and any
    JSON parser reads the same escaped name :func:`utf8` gives."""
    if text.isascii():
        return text
    return _SURROGATE.sub(lambda match: _escape(match.group()).replace("\\", "\\\\"), text)


def shown_path(path: str) -> str:
    """The form of a path the machine-readable outputs hold (for matching on ``--resume``)."""
    return utf8(path)
