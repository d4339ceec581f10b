"""The text report: one line per finding, ``path:line:col: CODE message``, then a summary.

Colour only when asked (the CLI asks when stdout is a terminal), as ruff and ChkTeX do.
"""

from __future__ import annotations

import os
from pathlib import Path

from paperlint.display import shown
from paperlint.model import DocumentResult, Finding, Report

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def display_file(document: DocumentResult, file: str) -> str:
    """The path to show for a source file of ``document``: relative to where the user ran paperlint.

    Locations are relative to the paper's root directory; a .tex path's directory, or the directory
    itself, is that root. For a PDF or an archive the file is shown inside the given path."""
    if document.root is not None:
        return os.path.normpath(os.path.join(document.root, file))
    given = Path(document.path)
    if given.suffix.lower() == ".tex" or given.is_dir():
        root = given if given.is_dir() else given.parent
        return str(root / file) if str(root) != "." else file
    if file == given.name:
        return document.path
    return f"{document.path}:{file}"


def _finding_line(document: DocumentResult, finding: Finding, color: bool) -> str:
    where = f"{shown(display_file(document, finding.location.file))}:{finding.location.line}:"
    where += f"{finding.location.column}:"
    code = finding.code
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLORS.get(finding.severity, '')}{code}{_RESET}"
    line = f"{where} {code} {finding.message}"
    if finding.suggestion:
        hint = f"  suggestion: {finding.suggestion}"
        line += "\n" + (f"{_DIM}{hint}{_RESET}" if color else hint)
    return line


def plural(count: int, word: str) -> str:
    """"1 warning", "2 warnings", "0 warnings"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(report: Report, *, color: bool = False, quiet: bool = False) -> str:
    """The findings, a line per paper and a closing count; ``quiet`` (-q): the findings alone."""
    lines: list[str] = []
    for document in report.documents:
        if document.error is not None:
            lines.append(shown(f"{document.path}: error: {document.error}"))
            continue
        lines.extend(_finding_line(document, finding, color) for finding in document.findings)
        if quiet:
            continue
        coverage = document.coverage
        lines.append(
            f"{shown(document.path)}: verdict {document.verdict}; "
            f"{plural(coverage.statements, 'compute statement')} found, "
            f"{coverage.parsed} parsed into {plural(len(document.compute_reports), 'report')}, "
            f"{plural(coverage.flagged, 'finding')}"
        )
    by_severity = {"error": 0, "warning": 0, "info": 0}
    for finding in report.findings:
        by_severity[finding.severity] += 1
    summary = report.summary()
    tail = (
        f"Found {plural(summary['findings'], 'finding')} "
        f"({plural(by_severity['error'], 'error')}, {plural(by_severity['warning'], 'warning')}, "
        f"{by_severity['info']} info) "
        f"in {plural(summary['documents'], 'document')}"
    )
    if summary["errors"]:
        tail += f"; {summary['errors']} could not be read"
    if not quiet:
        lines.append(tail + ".")
    return "".join(line + "\n" for line in lines)
