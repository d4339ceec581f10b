"""Hand-made reports for the reporter tests (our own wording; no paper text)."""

from __future__ import annotations

from paperlint.model import (
    ComputeReport,
    Coverage,
    DocumentResult,
    Estimate,
    Finding,
    Location,
    Report,
    Severity,
)


def finding(
    code: str = "PL201",
    severity: Severity = "warning",
    file: str = "main.tex",
    line: int = 4,
    column: int = 10,
    end: tuple[int, int] | None = (4, 15),
    message: str = '"FLOPs" can mean an amount or a rate',
    suggestion: str | None = 'Replace "FLOPs" with "FLOP".',
    replacement: str | None = None,
) -> Finding:
    end_line, end_column = end if end is not None else (None, None)
    return Finding(code, "ambiguous-flops-unit", severity, message,
                   Location(file, line, column, end_line, end_column), suggestion,
                   replacement=replacement)


def latex_result(*findings: Finding, path: str = "paper/main.tex") -> DocumentResult:
    estimate = Estimate(2.1e20, 1.0e20, 4.4e20, "hardware-time", {"utilization": 0.3})
    report = ComputeReport(Location("main.tex", 4, 1), hardware="a100", chip_count=8,
                           duration_hours=72.0, role="training", estimate=estimate)
    return DocumentResult(path, "latex", files=("main.tex", "sections/setup.tex"),
                          verdict="partial", compute_reports=(report,), findings=findings,
                          coverage=Coverage(3, 1, len(findings)))


def report(*documents: DocumentResult) -> Report:
    return Report(documents=documents, version="0.1.0")
