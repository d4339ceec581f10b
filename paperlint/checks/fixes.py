"""Building a finding's fix from the Document's source map (the rules decide what to change).

A rule names a range of the *document text* and the text it should become; this module maps the
range back to the author's source through :meth:`Document.source_offset` (TeXtidote's lesson:
positions come from the map built while reading, never from searching for the words again) and
refuses whenever the map cannot promise an exact edit: a PDF, text produced by a macro, a range
that spans two files.
"""

from __future__ import annotations

from paperlint.document import Document
from paperlint.model import Applicability, Edit, Fix, Location, text_digest


def _edit(document: Document, file: str, start: int, end: int, content: str) -> Edit:
    source = document.sources[file]
    line, column = source.line_col(start)
    end_line, end_column = source.line_col(end)
    return Edit(file, start, end, content, Location(file, line, column, end_line, end_column),
                text_digest(source.text))


def replacement_fix(document: Document, start: int, end: int, content: str, *,
                    applicability: Applicability, description: str) -> Fix | None:
    """Replace the source behind document text ``[start, end)`` by ``content``, when that source
    is the very same characters (a verbatim run of one file); else None."""
    if document.format != "latex" or end <= start:
        return None
    begin, finish = document.source_offset(start), document.source_offset(end, end=True)
    if begin is None or finish is None or begin[0] != finish[0]:
        return None
    file = begin[0]
    if document.sources[file].text[begin[1]:finish[1]] != document.text[start:end]:
        return None  # produced by a macro, or split by markup: not an exact source range
    edit = _edit(document, file, begin[1], finish[1], content)
    return Fix((edit,), applicability, description)


def insertion_fix(document: Document, after: int, content: str, *,
                  applicability: Applicability, description: str) -> Fix | None:
    """Insert ``content`` in the source right after the character that document text offset
    ``after - 1`` came from, when that character is itself in the source (verbatim); else None.

    None too when the source there already continues with ``content``: a second run must not
    insert it twice, whatever extraction makes of the inserted words."""
    if document.format != "latex" or after <= 0:
        return None
    anchor = document.source_offset(after, end=True)
    begin = document.source_offset(after - 1)
    if anchor is None or begin is None or anchor[0] != begin[0]:
        return None
    file, position = anchor
    text = document.sources[file].text
    if text[begin[1]:position] != document.text[after - 1:after]:
        return None
    if text[position:].lstrip(" \t").startswith(content.lstrip(" \t")):
        return None
    return Fix((_edit(document, file, position, position, content),), applicability, description)
