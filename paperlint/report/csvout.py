"""CSV: one row per paper, for the organisers' spreadsheet.

Named ``csvout`` so that it can never shadow the standard library's ``csv`` module.

Columns: id, path, verdict, flop, flop_low, flop_high, flop_method, hardware, errors, warnings,
infos, error. The compute figure is the paper's headline training run (:func:`headline`).
Spreadsheets execute cells that start with ``=``, ``+``, ``-`` or ``@``; submissions are untrusted,
so such text cells are prefixed with a quote (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from paperlint.display import utf8
from paperlint.errors import InputError
from paperlint.model import ComputeReport, DocumentResult, Report

COLUMNS = (
    "id", "path", "verdict", "flop", "flop_low", "flop_high", "flop_method", "hardware",
    "errors", "warnings", "infos", "error",
)
# Which runs count as "the paper's training compute", in order of preference.
_TRAINING_ROLES = (("training",), ("unspecified",), ("fine-tuning",))
_ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar", ".zip",
                     ".gz", ".pdf", ".tex")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Headline:
    """A paper's training compute in one figure, with its range and where it came from."""

    flop: float
    low: float
    high: float
    method: str  # "stated" when the paper gives the FLOP itself, else the estimator's method
    hardware: str | None


def _figure(report: ComputeReport) -> Headline | None:
    if report.flop is not None and report.flop > 0:
        return Headline(report.flop, report.flop, report.flop, "stated", report.hardware)
    if report.estimate is not None and report.estimate.flop > 0:
        e = report.estimate
        return Headline(e.flop, e.low, e.high, e.method, report.hardware)
    return None


def headline(document: DocumentResult) -> Headline | None:
    """The largest training run's FLOP: stated by the paper if it says, else estimated.

    The paper's own training runs count first; runs whose phase is not stated next; fine-tuning
    only when nothing else is there. Other papers' models, inference and hypotheticals never do.
    The largest run stands for the paper because that is what a compute norm asks about."""
    for roles in _TRAINING_ROLES:
        figures = [
            figure for report in document.compute_reports if report.role in roles
            if (figure := _figure(report)) is not None
        ]
        if figures:
            return max(figures, key=lambda figure: figure.flop)
    return None


def paper_id(path: str) -> str:
    """A short name for a submission: its file or directory name without the known suffixes."""
    name = Path(path.rstrip("/\\")).name or path
    lowered = name.lower()
    for suffix in _ARCHIVE_SUFFIXES:
        if lowered.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def severity_counts(document: DocumentResult) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in document.findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts


def _safe(text: str | None) -> str:
    if not text:
        return ""
    text = utf8(text)  # a name that is not UTF-8: its escaped form (paperlint.display)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


def row(document: DocumentResult) -> list[str]:
    figure = headline(document)
    counts = severity_counts(document)
    return [
        _safe(paper_id(document.path)),
        _safe(document.path),
        document.verdict or "",
        _number(figure.flop if figure else None),
        _number(figure.low if figure else None),
        _number(figure.high if figure else None),
        figure.method if figure else "",
        _safe(figure.hardware if figure else None),
        str(counts["error"]),
        str(counts["warning"]),
        str(counts["info"]),
        _safe(document.error),
    ]


def format_row(cells: list[str] | tuple[str, ...]) -> str:
    """One CSV line, ending in ``\\n``, with every cell that holds a carriage return, a newline,
    a comma or a quote quoted.

    The csv module quotes a cell only for the characters of its own line terminator: with ``\\n``
    it would leave a lone ``\\r`` (a file name can hold one) bare, and a spreadsheet or a reader
    in universal-newline mode would then split the row in two. With ``\\r\\n`` as terminator
    both are quoted, and the row's own ``\\r\\n`` (the only one outside quotes) becomes
    ``\\n``."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2] + "\n"


HEADER = format_row(COLUMNS)


class CsvWriter:
    """Streams rows to a text stream (header first unless appending), flushed per row."""

    def __init__(self, stream: IO[str], *, header: bool = True) -> None:
        self.stream = stream
        if header:
            stream.write(HEADER)
            stream.flush()

    def write(self, document: DocumentResult) -> None:
        self.stream.write(format_row(row(document)))
        self.stream.flush()


def render(report: Report, *, color: bool = False) -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    for document in report.documents:
        writer.write(document)
    return buffer.getvalue()


def done_paths(path: Path) -> tuple[set[str], int]:
    """The paths an earlier CSV run already wrote, and the byte length of its complete rows.

    Quoted cells may hold newlines, so rows are found by the csv module, not by splitting lines."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return set(), 0
    except OSError as error:
        raise InputError(
            f"cannot read the earlier output: {error.strerror}", path=str(path)
        ) from None
    if not data.endswith(b"\n"):
        cut = data.rfind(b"\n")  # a torn last row: drop it (approximate when a cell held "\n")
        data = data[: cut + 1] if cut >= 0 else b""
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8", errors="replace"), newline="")))
    except csv.Error as error:
        raise InputError(f"not a paperlint CSV report ({error})", path=str(path)) from None
    if rows and tuple(rows[0]) != COLUMNS:
        raise InputError("not a paperlint CSV report (its header differs)", path=str(path))
    paths = {_unsafe(r[1]) for r in rows[1:] if len(r) > 1}
    return paths, len(data)


def _unsafe(cell: str) -> str:
    """Undo :func:`_safe`: only a quote that _safe added is removed."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell
