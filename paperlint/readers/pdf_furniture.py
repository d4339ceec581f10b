"""Repairs that remove page furniture and back matter from a PDF's extracted text.

Running headers and footers, page numbers, the margin line numbers of review copies, and the
references section: text that belongs to the page layout or the bibliography, not to the paper's
prose. Each function is pure (text and offsets in, :class:`~paperlint.readers.pdf_edits.Edit`
objects or ranges out); :mod:`paperlint.readers.pdf_repair` runs them with the other repairs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from paperlint.readers.pdf_edits import Edit

# -- running headers, footers and page numbers -----------------------------------------------------
_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:\d{1,4}|[ivxlc]{1,6}|[Pp]age \d{1,4}(?: of \d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])\s*$"
)
_EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be a header/footer


def _page_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:end]``, end excluding the newline."""
    lines = []
    position = start
    while position <= end:
        newline = text.find("\n", position, end)
        stop = end if newline < 0 else newline
        lines.append((position, stop))
        if newline < 0:
            break
        position = newline + 1
    return lines


def _edge_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    lines = [line for line in _page_lines(text, start, end) if text[line[0] : line[1]].strip()]
    if len(lines) <= 2 * _EDGE_LINES:
        return lines
    return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]


def _shape(line: str) -> str:
    """A header's shape: digits vary from page to page ("Preprint 3", "Preprint 4")."""
    return re.sub(r"\d+", "#", " ".join(line.split()))


def page_spans(page_starts: Sequence[int], length: int) -> list[tuple[int, int]]:
    """(start, end) of each page's text, end excluding the newline that joins it to the next."""
    ends = [start - 1 for start in page_starts[1:]] + [length]
    return list(zip(page_starts, ends, strict=True))


def running_line_edits(text: str, page_starts: Sequence[int]) -> list[Edit]:
    """Delete lines at the top or bottom of a page that repeat on at least half the pages (a
    running header or footer, digits ignored) and lone page numbers there."""
    spans = page_spans(page_starts, len(text))
    counts: Counter[str] = Counter()
    edges = [_edge_lines(text, start, end) for start, end in spans]
    for lines in edges:
        counts.update({_shape(text[a:b]) for a, b in lines})
    needed = max(2, (len(spans) + 1) // 2)
    edits = []
    for lines in edges:
        for a, b in lines:
            line = text[a:b]
            repeated = len(spans) >= 2 and counts[_shape(line)] >= needed
            if repeated or _PAGE_NUMBER_RE.match(line):
                stop = b + 1 if b < len(text) and text[b] == "\n" else b
                edits.append(Edit(a, stop, "", "running header/footer"))
    return edits


# -- margin line numbers of review copies ----------------------------------------------------------
# lineno and the NeurIPS/ICML/ICLR/ACL review styles print a number beside every line; extraction
# puts it at the start or end of the line, or on a line of its own ("017", "18"). A number is taken
# for a margin number only as part of a run of at least _MIN_RUN numbers counting up by one.
_LINE_START_NUMBER_RE = re.compile(r"[ \t]*(\d{1,4})(?:[ \t]+|$)")
_LINE_END_NUMBER_RE = re.compile(r"(?<!\d)(?<!\d[.,])[ \t]*(\d{1,4})[ \t]*$")
_MIN_RUN = 5


@dataclass(frozen=True)
class _Number:
    start: int  # the digits
    end: int
    value: int
    at_end: bool  # printed after the line's text (else before it, or alone)
    span_start: int  # the digits with the whitespace that separates them from the text
    span_end: int


def _margin_numbers(text: str) -> list[_Number]:
    """Numbers at the start or the end of each line (line by line: cheaper than one big regex)."""
    found = []
    position = 0
    length = len(text)
    while position <= length:
        newline = text.find("\n", position)
        stop = length if newline < 0 else newline
        first = _LINE_START_NUMBER_RE.match(text, position, stop)
        if first:
            found.append(
                _Number(
                    first.start(1),
                    first.end(1),
                    int(first.group(1)),
                    False,
                    first.start(1),
                    first.end(),
                )
            )
        last = _LINE_END_NUMBER_RE.search(text, max(position, stop - 12), stop)
        if last and not (first and last.start(1) < first.end()):
            found.append(
                _Number(
                    last.start(1), last.end(1), int(last.group(1)), True, last.start(), last.end(1)
                )
            )
        position = stop + 1
    return found


def line_number_edits(text: str) -> list[Edit]:
    """Delete margin line numbers: runs of >= 5 line-initial, line-final or lone numbers, each one
    more than the last (gaps of up to 3 allowed where a line's number was lost or merged)."""
    # Chains are followed greedily in text order; several chains may interleave (ACL prints one
    # per column), so each candidate extends the chain that expects it. A chain keeps to one side
    # (line starts or line ends), so that a section number at the start of a heading does not
    # steal the run of numbers printed at the line ends.
    chains: list[list[_Number]] = []
    for number in _margin_numbers(text):
        for chain in reversed(chains[-50:]):  # recent chains only: bounded work on long papers
            last = chain[-1]
            if last.at_end == number.at_end and 0 < number.value - last.value <= 3:
                chain.append(number)
                break
        else:
            chains.append([number])
    # The whitespace beside a number goes with it, so "017 The model" becomes "The model".
    return [
        Edit(number.span_start, number.span_end, "", "line number")
        for chain in chains
        if len(chain) >= _MIN_RUN
        for number in chain
    ]


# -- references ------------------------------------------------------------------------------------
_REFERENCES_RE = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}\.?|[IVX]{1,4}\.)?[ \t]*"
    r"(?:References|REFERENCES|Bibliography|BIBLIOGRAPHY|Literature Cited)[ \t]*$"
)
# What ends the references: an appendix or a checklist heading ("A Training details", "Appendix B",
# "NeurIPS Paper Checklist"). A letter heading needs a capitalised word after it and no final
# period, so that a reference line like "A. Author and B. Writer." is not taken for one. With a
# period after the letter ("A. Object Detection Baselines") it needs three words ending on a
# capitalised one, since a reference broken after a name leaves "E. Rivers" or "B. Lund Jensen"
# alone on a line.
_AFTER_REFERENCES_RE = re.compile(
    r"(?m)^[ \t]*(?:"
    r"(?:Appendix|APPENDIX|Appendices|APPENDICES|Supplementary Material|SUPPLEMENTARY MATERIAL)"
    r"\b[^\n]{0,80}"
    r"|[A-H](?:\.\d{1,2})?[ \t]+[A-Z][A-Za-z-]+(?:[ \t]+[A-Za-z-]+){0,8}"
    r"|[A-H]\.[ \t]+[A-Z][A-Za-z-]+(?:[ \t]+[A-Za-z-]+){0,6}[ \t]+[A-Za-z-]+[ \t]+[A-Z][A-Za-z-]*"
    r"|[^\n]{0,40}\bChecklist"
    r")[ \t]*$"
)


def reference_ranges(text: str) -> list[tuple[int, int]]:
    """[start, end) of each references section: from its heading to the next appendix or checklist
    heading, or to the end. Appendices and checklists are kept: they often hold the compute."""
    ranges: list[tuple[int, int]] = []
    for m in _REFERENCES_RE.finditer(text):
        if ranges and m.start() < ranges[-1][1]:
            continue
        after = _AFTER_REFERENCES_RE.search(text, m.end())
        ranges.append((m.start(), after.start() if after else len(text)))
    return ranges
