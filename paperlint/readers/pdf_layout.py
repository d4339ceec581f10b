"""Geometry of extracted text: which runs are raised (superscripts) and in what order columns read.

A backend that knows where each run of text sits (pypdf's ``visitor_text`` gives the text matrix and
font size of every run) describes the page as :class:`Run` objects over its page text. The pure
functions here turn those positions into facts the repairs use: superscript spans ("20" raised
after "10" is an exponent, "1" raised after "GPUs" a footnote marker) and, when a page's content
stream interleaves two columns line by line, the order that reads one column after the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Run:
    """``page_text[start:end]`` drawn with its baseline at (x, y) in a font of ``size`` points."""

    start: int
    end: int
    x: float
    y: float
    size: float


def matrix_position(
    tm: Sequence[float], cm: Sequence[float], font_size: float
) -> tuple[float, float, float]:
    """(x, y, effective font size) of a run from its text matrix ``tm`` and the current matrix
    ``cm`` (PDF order a b c d e f): the origin of text space mapped through tm, then cm."""
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    c = tm[2] * cm[0] + tm[3] * cm[2]
    d = tm[2] * cm[1] + tm[3] * cm[3]
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    scale = abs(a * d - b * c) ** 0.5 or 1.0
    return x, y, font_size * scale


def _content(text: str, run: Run) -> tuple[int, int]:
    """The run's span without surrounding whitespace (runs often carry a space or a newline)."""
    piece = text[run.start : run.end]
    stripped = piece.strip()
    if not stripped:
        return run.start, run.start
    lead = len(piece) - len(piece.lstrip())
    return run.start + lead, run.start + lead + len(stripped)


# A superscript sits at least this fraction of the body size above the baseline, in a font at most
# this fraction of the body size: small caps (same baseline) and subscripts (lower) do not qualify.
RAISE_FRACTION = 0.2
SMALLER_FRACTION = 0.9
MAX_SUPERSCRIPT_CHARS = 4


def superscript_spans(text: str, runs: Sequence[Run]) -> list[tuple[int, int]]:
    """[start, end) of short runs raised above, and smaller than, their neighbour on the same line.

    The neighbour is the previous run on the line, or the next when the run opens the line (the
    mark in front of a footnote's text)."""
    visible = [(run, *_content(text, run)) for run in runs]
    visible = [item for item in visible if item[2] > item[1]]
    spans = []
    for index, (run, start, end) in enumerate(visible):
        if end - start > MAX_SUPERSCRIPT_CHARS:
            continue
        reference = None
        if index > 0 and "\n" not in text[visible[index - 1][2] : start]:
            reference = visible[index - 1][0]
        elif index + 1 < len(visible) and "\n" not in text[end : visible[index + 1][1]]:
            reference = visible[index + 1][0]
        if reference is None or reference.size <= 0:
            continue
        raised = run.y - reference.y > RAISE_FRACTION * reference.size
        smaller = run.size <= SMALLER_FRACTION * reference.size
        close = run.y - reference.y < reference.size  # not the line above
        if raised and smaller and close:
            spans.append((start, end))
    return spans


@dataclass(frozen=True)
class Line:
    """One line of page text ``[start, end)`` (end excludes the newline) and where it starts."""

    start: int
    end: int
    x: float
    y: float


def page_lines(text: str, runs: Sequence[Run]) -> list[Line]:
    """The lines of a page with the position of the run each begins in."""
    lines = []
    index = 0
    position = 0
    for piece in text.split("\n"):
        while index + 1 < len(runs) and runs[index].end <= position:
            index += 1
        run = runs[index] if runs else Run(0, 0, 0.0, 0.0, 0.0)
        lines.append(Line(position, position + len(piece), run.x, run.y))
        position += len(piece) + 1
    return lines


def interleaved_columns(lines: Sequence[Line], width: float) -> bool:
    """True when consecutive lines jump between the left and right half of the page often enough
    that the content stream is not in reading order (some generators draw row by row)."""
    sides = [line.x >= width / 2 for line in lines if line.end > line.start]
    if len(sides) < 8 or not any(sides) or all(sides):
        return False
    switches = sum(1 for a, b in pairwise(sides) if a != b)
    return switches > len(sides) / 3


def column_order(lines: Sequence[Line], width: float) -> list[int]:
    """Indices of ``lines`` in reading order: the left column top to bottom, then the right one.
    Lines are left in content order unless they interleave (the usual case needs no reordering)."""
    if not interleaved_columns(lines, width):
        return list(range(len(lines)))
    left = [i for i, line in enumerate(lines) if line.x < width / 2]
    right = [i for i, line in enumerate(lines) if line.x >= width / 2]
    return sorted(left, key=lambda i: -lines[i].y) + sorted(right, key=lambda i: -lines[i].y)
