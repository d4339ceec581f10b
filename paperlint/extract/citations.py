"""Where citations stand in a Document's text, so that a sentence citing a paper can be read as
that paper's compute ("A recent system was trained on 2048 TPU cores [12].").

LaTeX readers record the offsets of the ``\\cite`` commands they drop (``Document.citations``).
A PDF has no such record, so its text is searched for the two citation shapes that survive
typesetting:

 - a bracketed list of reference numbers, "[12]", "[3, 14]", "[5-7]": each number from 1 to 999
   (so an interval such as "[0, 1]" is not one), not after a word that makes the bracket a cross
   reference ("Eq. [3]", "Section [2]"), and not inside a longer bracket ("[0.1, 1]");
 - an author-year parenthesis, "(Lovelace, 1843)", "(Noether and Hilbert, 1915; Turing, 1936)"
   or "Lovelace (1843)"; "et al." is already a phrase cue in rules/roles.toml.

Each offset is where the text after the citation begins (as ``Document.citations``), so a
sentence ``[start, end)`` holds it when ``start <= offset <= end``.
"""

from __future__ import annotations

import bisect
import re

from paperlint.document import Document

# Numbers that may be reference numbers: 1-999, one to a few in a list or a range.
_NUMERIC = re.compile(
    r"\[(?P<body>\d{1,3}(?:\s*(?:,|–|-|−)\s*\d{1,3}){0,9})\]"
)
# Words after which a bracketed number is a cross reference, not a citation.
_CROSS_REFERENCE = re.compile(
    r"(?:eq|eqs|equation|equations|section|sec|table|tab|fig|figure|appendix|step|line|"
    r"algorithm|alg|layer|layers|index)\.?\s*$",
    re.IGNORECASE,
)
_NAME = r"[A-Z][A-Za-z'’\-]+(?:\s+(?:and|&)\s+[A-Z][A-Za-z'’\-]+)?"
_YEAR = r"(?:19|20)\d\d[a-z]?"
_ONE = rf"{_NAME}(?:\s+et\s+al\.)?,?\s+{_YEAR}"
_AUTHOR_YEAR = re.compile(
    rf"\((?:e\.g\.,?\s+|see\s+)?{_ONE}(?:\s*[;,]\s*{_ONE})*\)|{_NAME}(?:\s+et\s+al\.)?\s+\({_YEAR}\)"
)


def text_citations(text: str) -> list[int]:
    """Offsets just after each citation-like mark in plain ``text`` (for PDF input)."""
    offsets: list[int] = []
    for match in _NUMERIC.finditer(text):
        numbers = [int(n) for n in re.findall(r"\d+", match.group("body"))]
        if not numbers or min(numbers) < 1:
            continue
        before = text[max(0, match.start() - 16) : match.start()]
        # Glued to a name it is indexing ("sentences[2]", "x[3]"), not a citation.
        glued = bool(before) and (before[-1].isalnum() or before[-1] in "_)]")
        if glued or _CROSS_REFERENCE.search(before):
            continue
        offsets.append(match.end())
    offsets.extend(match.end() for match in _AUTHOR_YEAR.finditer(text))
    return sorted(set(offsets))


def citation_offsets(document: Document) -> tuple[int, ...]:
    """The document's citation offsets: the reader's record, or for a PDF the text's marks."""
    if document.citations:
        return document.citations
    if document.format == "pdf":
        return tuple(text_citations(document.text))
    return ()


def cites_between(offsets: tuple[int, ...], start: int, end: int) -> bool:
    """True when a citation offset falls in ``[start, end]`` (the end included: a citation
    closing a sentence leaves its offset on the full stop or just past the last word)."""
    index = bisect.bisect_left(offsets, start)
    return index < len(offsets) and offsets[index] <= end
