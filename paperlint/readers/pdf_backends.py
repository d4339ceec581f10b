"""PDF text backends: pypdf (default, pure Python, knows positions) and PDFium (the fast-pdf extra).

Each backend turns an opened PDF into one :class:`PageText` per page and nothing else: the repairs
and the Document are the same whichever backend read the text. Every failure of the underlying
library is turned into an InputError here or in :mod:`paperlint.readers.pdf`, so a hostile file
never shows a traceback. Work is bounded by :class:`Budget` (characters and wall-clock time).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperlint.deadline import deadline
from paperlint.readers.pdf_layout import (
    Run,
    column_order,
    matrix_position,
    page_lines,
    superscript_spans,
)


class BudgetExceeded(Exception):
    """Raised inside extraction when a PDF costs more than its budget (a decompression bomb or a
    page with millions of glyphs): the reader turns it into an InputError."""


@dataclass
class Budget:
    """Limits on the work spent on one PDF."""

    max_pages: int = 500
    max_chars: int = 5_000_000  # a 500-page paper has about 2 million characters
    max_seconds: float = 120.0
    chars: int = 0
    deadline: float = field(default=0.0)

    def start(self) -> None:
        self.deadline = time.monotonic() + self.max_seconds

    def spend(self, characters: int) -> None:
        self.chars += characters
        if self.chars > self.max_chars:
            raise BudgetExceeded(f"more than {self.max_chars} characters of text")
        if self.deadline and time.monotonic() > self.deadline:
            raise BudgetExceeded(f"reading took longer than {self.max_seconds:g} s")


@contextlib.contextmanager
def hard_deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (SIGALRM; only on the main thread of a POSIX process).

    The budget checks run only when text comes out; a content stream that loops without drawing
    text would never reach them, so the alarm is the backstop."""
    with deadline(seconds, lambda: BudgetExceeded(f"reading took longer than {seconds:g} s")):
        yield


@dataclass(frozen=True)
class PageText:
    """The text of one page, raised spans located by position, and whether positions were known."""

    text: str
    superscripts: tuple[tuple[int, int], ...] = ()
    positioned: bool = False
    error: str | None = None  # the page could not be read (the others still are)


# -- pypdf -----------------------------------------------------------------------------------------
def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _reorder(
    text: str, runs: Sequence[Run], spans: list[tuple[int, int]], width: float
) -> tuple[str, list[tuple[int, int]]]:
    """Put interleaved columns in reading order, moving the superscript spans with their lines."""
    lines = page_lines(text, runs)
    order = column_order(lines, width)
    if order == list(range(len(lines))):
        return text, spans
    moved: dict[int, int] = {}  # old line start -> new line start
    parts = []
    position = 0
    for index in order:
        line = lines[index]
        moved[line.start] = position
        parts.append(text[line.start : line.end])
        position += line.end - line.start + 1
    new_spans = []
    for start, end in spans:
        owner = max((line for line in lines if line.start <= start), key=lambda ln: ln.start)
        shift = moved[owner.start] - owner.start
        new_spans.append((start + shift, end + shift))
    return "\n".join(parts), sorted(new_spans)


def pypdf_page(page: Any, budget: Budget) -> PageText:
    """One page through pypdf, with the position and size of every run it draws."""
    pieces: list[tuple[str, float, float, float]] = []

    def visit(
        text: str, cm: Sequence[float], tm: Sequence[float], font: object, size: float
    ) -> None:
        budget.spend(len(text))
        x, y, effective = matrix_position(tm, cm, float(size or 0.0))
        pieces.append((text, x, y, effective))

    text = page.extract_text(visitor_text=visit)
    if "".join(piece[0] for piece in pieces) != text or "\r" in text:
        # The positions no longer line up with the text: keep the text, drop the geometry.
        return PageText(_normalise(text))
    runs = []
    position = 0
    for piece, x, y, size in pieces:
        runs.append(Run(position, position + len(piece), x, y, size))
        position += len(piece)
    spans = superscript_spans(text, runs)
    try:
        width = float(page.mediabox.width)
    except Exception:  # a page without a usable MediaBox: no column geometry, text still read
        width = 0.0
    if width > 0:
        text, spans = _reorder(text, runs, spans, width)
    return PageText(text, tuple(spans), positioned=True)


def pypdf_pages(
    reader: Any, budget: Budget, on_page: Callable[[int], None] | None = None
) -> list[PageText]:
    """Every page of an opened ``pypdf.PdfReader``; a page that fails is kept as an error."""
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        if on_page is not None:
            on_page(number)
        try:
            pages.append(pypdf_page(page, budget))
        except BudgetExceeded:
            raise
        except RecursionError:
            pages.append(PageText("", error="content nested too deeply"))
        except Exception as error:  # pypdf raises many types on broken pages; one page must not
            if type(error).__name__ == "DependencyError":  # stop the others from being read;
                raise  # but AES without cryptography fails every page alike: the reader says why
            pages.append(PageText("", error=_reason(error)))
    return pages


# -- PDFium ----------------------------------------------------------------------------------------
def pdfium_available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def pdfium_pages(path: Path, budget: Budget) -> list[PageText]:
    """Every page through PDFium (pypdfium2). PDFium gives no run geometry here, so superscripts
    are left to the text heuristics (marked low confidence)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise ValueError(_pdfium_reason(str(error))) from None
    try:
        count = len(document)
        if count > budget.max_pages:
            raise BudgetExceeded(f"{count} pages (the limit is {budget.max_pages})")
        pages = []
        for index in range(count):
            try:
                page = document[index]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
                page.close()
            except pdfium.PdfiumError as error:
                pages.append(PageText("", error=_reason(error)))
                continue
            budget.spend(len(text))
            # PDFium marks a hyphen it considers a line-end break with \x02; it is a hyphen.
            pages.append(PageText(_normalise(text).replace("\x02", "-")))
        return pages
    finally:
        document.close()


def _pdfium_reason(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered:
        return "encrypted PDF (a password is needed)"
    if "format" in lowered or "not found" in lowered or "file" in lowered:
        return f"malformed PDF ({message})"
    return f"malformed PDF ({message})"


def _reason(error: BaseException) -> str:
    """One short line for an error from a PDF library (messages can be long or multi-line)."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."
