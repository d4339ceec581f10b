"""Edits over a PDF's extracted text, and how a set of them becomes the repaired text.

The repairs (:mod:`paperlint.readers.pdf_repair`, :mod:`paperlint.readers.pdf_furniture`) return
:class:`Edit` objects; :func:`merge_edits` keeps a non-overlapping set and :func:`apply_edits` turns
it into :class:`Piece` runs for ``DocumentBuilder.append_verbatim`` (kept) and ``append_generated``
(replaced), so every character of the repaired text still maps to its page and column exactly.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of the extracted text by ``replacement`` ("" deletes)."""

    start: int
    end: int
    replacement: str
    reason: str = ""
    low_confidence: bool = False  # the repair guessed (a "× 1020" read as 10^20 without positions)


@dataclass(frozen=True)
class Piece:
    """A run of the repaired text: ``replacement is None`` keeps ``[start, end)`` verbatim."""

    start: int
    end: int
    replacement: str | None
    low_confidence: bool = False


# -- putting edits together ------------------------------------------------------------------------
def overlaps(accepted: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` (an empty span counts as one character) meets a span of the
    sorted, non-overlapping ``accepted`` list."""
    index = bisect.bisect_left(accepted, (start, start))
    if index > 0 and accepted[index - 1][1] > start:
        return True
    return index < len(accepted) and accepted[index][0] < max(end, start + 1)


def merge_edits(groups: Sequence[Iterable[Edit]]) -> list[Edit]:
    """Keep a non-overlapping set of edits, earlier groups first (a deleted header beats a
    ligature inside it), and return them in text order."""
    accepted: list[tuple[int, int]] = []
    kept: dict[tuple[int, int], Edit] = {}
    for group in groups:
        for edit in group:
            if edit.end <= edit.start or overlaps(accepted, edit.start, edit.end):
                continue
            bisect.insort(accepted, (edit.start, edit.end))
            kept[(edit.start, edit.end)] = edit
    return [kept[span] for span in accepted]


def apply_edits(text: str, edits: Sequence[Edit]) -> list[Piece]:
    """Cut ``text`` into verbatim pieces and replaced pieces (``edits`` sorted, non-overlapping)."""
    pieces = []
    position = 0
    for edit in edits:
        if edit.start > position:
            pieces.append(Piece(position, edit.start, None))
        pieces.append(Piece(edit.start, edit.end, edit.replacement, edit.low_confidence))
        position = edit.end
    if position < len(text):
        pieces.append(Piece(position, len(text), None))
    return pieces


def render(text: str, pieces: Sequence[Piece]) -> str:
    """The repaired text the pieces stand for (what the Document's text will be)."""
    return "".join(
        text[p.start : p.end] if p.replacement is None else p.replacement for p in pieces
    )
