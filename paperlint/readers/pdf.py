"""The PDF reader: a PDF's text layer, repaired, as a Document whose "lines" are pages.

The source of a PDF Document is one SourceFile named after the PDF: its text is the extracted text
of all pages joined by ``"\\n"``, and its ``line_starts`` are one per page, so a Location's
``line`` is the page number and its ``column`` the offset within the page's text plus one (see
docs/pdf.md). Repairs (:mod:`paperlint.readers.pdf_repair`) are applied as edits over that text,
so the map back to page and column stays exact.

PDF text is less certain than LaTeX source: the Document's metadata says how much less
(``confidence``) and where a repair guessed (``low_confidence_spans``).

Every failure of the PDF library is caught here and becomes an InputError naming the file; what the
library logs while reading never reaches the terminal (:mod:`paperlint.readers.pdf_logs`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperlint.document import Document, DocumentBuilder, ReaderProblem, SourceFile
from paperlint.errors import InputError
from paperlint.model import Location
from paperlint.readers.pdf_backends import (
    Budget,
    BudgetExceeded,
    PageText,
    hard_deadline,
    pdfium_available,
    pdfium_pages,
    pypdf_pages,
)
from paperlint.readers.pdf_logs import CUT_OFF, Capture, captured
from paperlint.readers.pdf_repair import repair

if TYPE_CHECKING:
    from paperlint.options import ReadOptions

BACKENDS = ("pypdf", "pdfium")
MAX_FILE_BYTES = 256 * 1024 * 1024
# How much a claim read from a PDF is trusted, by backend: positions let pypdf tell superscripts
# and footnote marks apart; PDFium's text is read without them.
CONFIDENCE = {"pypdf": 0.9, "pdfium": 0.85}
LOW_CONFIDENCE = 0.5  # a span a repair guessed ("× 1020" read as × 10^20 without positions)


def read_pdf(
    path: Path, options: ReadOptions, *, display_path: str, budget: Budget | None = None
) -> Document:
    """Read a PDF's text layer into a Document, or raise an InputError saying why not."""
    backend = options.pdf_backend or "pypdf"
    if backend not in BACKENDS:
        raise InputError(
            f"unknown PDF backend {backend!r} (use pypdf or pdfium)", path=display_path
        )
    if backend == "pdfium" and not pdfium_available():
        raise InputError(
            "the pdfium backend needs pypdfium2: pip install 'paperlint[fast-pdf]'",
            path=display_path,
        )
    _check_header(path, display_path)
    budget = budget or Budget()
    budget.start()
    with captured() as logs:  # pypdf's log lines: collected, said in our words below
        try:
            with hard_deadline(budget.max_seconds):
                pages = (_pypdf(path, budget, logs) if backend == "pypdf"
                         else pdfium_pages(path, budget))
        except BudgetExceeded as error:
            raise InputError(f"PDF too costly to read: {error}", path=display_path) from None
        except InputError as error:
            raise InputError(_cut_off(error.message, logs), path=display_path) from None
        except MemoryError:
            raise InputError("PDF too costly to read: out of memory", path=display_path) from None
        except RecursionError:
            raise InputError("malformed PDF (objects nested too deeply)",
                             path=display_path) from None
        except Exception as error:  # the library's own error types vary by version and by damage
            raise InputError(_cut_off(_describe(error), logs), path=display_path) from None
    return build_document(pages, path.name, display_path, backend, logs)


def _cut_off(message: str, logs: Capture) -> str:
    """A file pypdf found without its end marker, then failed to read: say it was cut off."""
    if logs.cut_off and message.startswith(("malformed", "truncated")):
        return f"truncated PDF: {CUT_OFF}"
    return message


def _check_header(path: Path, shown: str) -> None:
    """A file named .pdf that is not a PDF (an HTML error page, a renamed archive) is refused."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=shown) from None
    if size == 0:
        raise InputError("empty file (not a PDF)", path=shown)
    if size > MAX_FILE_BYTES:
        raise InputError(f"PDF too large ({size // 2**20} MiB; the limit is 256 MiB)", path=shown)
    if b"%PDF-" not in head:
        raise InputError("not a PDF file (no %PDF- header)", path=shown)


def _open_pypdf(path: Path) -> Any:
    import pypdf

    return pypdf.PdfReader(str(path), strict=False)


def _pypdf(path: Path, budget: Budget, logs: Capture) -> list[PageText]:
    try:
        reader = _open_pypdf(path)
    except Exception as error:
        raise InputError(_describe(error)) from None
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as error:  # missing crypto library, unsupported algorithm
            described = _describe(error)
            if not described.startswith("encrypted PDF"):
                described = f"encrypted PDF (cannot decrypt: {_short(error)})"
            raise InputError(described) from None
        if not opened:
            raise InputError("encrypted PDF (a password is needed)")
    try:
        count = len(reader.pages)
    except Exception as error:
        raise InputError(_describe(error)) from None
    if count > budget.max_pages:
        raise BudgetExceeded(f"{count} pages (the limit is {budget.max_pages})")
    def on_page(number: int) -> None:
        logs.page = number

    return pypdf_pages(reader, budget, on_page)


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _describe(error: BaseException) -> str:
    """One line for a failure to open or parse: truncated, malformed, or limited."""
    name = type(error).__name__
    message = _short(error)
    if name == "LimitReachedError":
        return f"PDF too costly to read: {message}"
    if name in {"EmptyFileError"}:
        return "empty file (not a PDF)"
    if name in {"FileNotDecryptedError", "WrongPasswordError"}:
        return "encrypted PDF (a password is needed)"
    if name == "DependencyError" and "AES" in message:
        # pypdf decrypts RC4 itself; AES needs a cryptography library it did not find.
        return ("encrypted PDF (AES): reading it needs the cryptography package, which is not "
                "installed (pip install cryptography)")
    if message.startswith(("malformed PDF", "encrypted PDF")):
        return message
    return f"malformed or truncated PDF ({message})"


def build_document(pages: list[PageText], name: str, display_path: str, backend: str,
                   logs: Capture | None = None) -> Document:
    """Join the pages, repair the text, and build the Document with its page-and-column map;
    what pypdf logged while reading (``logs``) becomes a PL003 note where it matters."""
    if not pages:
        raise InputError("the PDF has no pages", path=display_path)
    if not any(page.text.strip() for page in pages):
        errors = [page.error for page in pages if page.error]
        if errors:
            raise InputError(
                f"malformed PDF: no page could be read ({errors[0]})", path=display_path
            )
        raise InputError(
            "no text layer on any page (a scanned PDF?): run OCR first", path=display_path
        )
    text_parts = []
    page_starts = []
    superscripts: list[tuple[int, int]] = []
    position = 0
    for page in pages:
        page_starts.append(position)
        superscripts.extend((position + a, position + b) for a, b in page.superscripts)
        text_parts.append(page.text)
        position += len(page.text) + 1
    text = "\n".join(text_parts)

    builder = DocumentBuilder(display_path, "pdf")
    builder.add_source(SourceFile(name, text, tuple(page_starts)))
    for number, page in enumerate(pages, start=1):
        where = Location(name, number, 1)
        if page.error:
            builder.problems.append(
                ReaderProblem("PL003", f"page {number} could not be read: {page.error}", where)
            )
        elif not page.text.strip():
            builder.problems.append(
                ReaderProblem("PL003", f"page {number}: no text layer: run OCR first", where)
            )
    for number, note in logs.notes() if logs is not None else ():
        builder.problems.append(ReaderProblem("PL003", note, Location(name, number, 1)))
    low_spans: list[list[int]] = []
    for piece in repair(text, page_starts, superscripts):
        if piece.replacement is None:
            builder.append_verbatim(name, piece.start, text[piece.start : piece.end])
            continue
        begin = builder.length
        builder.append_generated(name, piece.start, piece.end, piece.replacement)
        if piece.low_confidence and builder.length > begin:
            low_spans.append([begin, builder.length])
    builder.metadata.update(
        {
            "backend": backend,
            "pages": len(pages),
            "positions": all(page.positioned for page in pages if page.text),
            "confidence": CONFIDENCE[backend],
            "low_confidence": LOW_CONFIDENCE,
            "low_confidence_spans": low_spans,
            "pdf_warnings": logs.messages() if logs is not None else [],  # pypdf's own words
        }
    )
    return builder.build()
