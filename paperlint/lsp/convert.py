"""paperlint's results as LSP values: diagnostics, text edits, hover text.

Positions: paperlint counts 1-based lines and columns in Unicode code points; LSP counts 0-based
lines and characters in the encoding the client and server agreed on (UTF-16 unless the client
offers another). Columns are converted on the source text the check read, so a finding lands
where the author sees it, astral characters (emoji, some maths letters) included.
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types as lsp

from paperlint.document import SourceFile
from paperlint.model import Claim, ComputeReport, DocumentResult, Edit, Finding, Location
from paperlint.report.sarif import HELP_URI

SEVERITIES = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the client's units."""
    if encoding == lsp.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == lsp.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _line(source: SourceFile | None, line: int) -> str:
    if source is None or not 1 <= line <= len(source.line_starts):
        return ""
    return source.line_text(line)


def position(source: SourceFile | None, line: int, column: int, encoding: str) -> lsp.Position:
    """The LSP position of paperlint's 1-based ``line`` and code-point ``column``."""
    text = _line(source, line)
    return lsp.Position(max(0, line - 1), units(text[: max(0, column - 1)], encoding))


def column_of(source: SourceFile | None, where: lsp.Position, encoding: str) -> int:
    """paperlint's 1-based code-point column of an LSP position."""
    text = _line(source, where.line + 1)
    count = 0
    for index, char in enumerate(text):
        if count >= where.character:
            return index + 1
        count += units(char, encoding)
    return len(text) + 1


def location_range(source: SourceFile | None, location: Location, encoding: str) -> lsp.Range:
    """The range of a Location; one without an end covers the rest of its line."""
    start = position(source, location.line, location.column, encoding)
    if location.end_line is None or location.end_column is None:
        end = lsp.Position(start.line, units(_line(source, location.line), encoding))
        end = end if end.character > start.character else lsp.Position(start.line,
                                                                         start.character + 1)
    else:
        end = position(source, location.end_line, location.end_column, encoding)
    return lsp.Range(start, end)


def diagnostic(finding: Finding, source: SourceFile | None, encoding: str) -> lsp.Diagnostic:
    message = finding.message
    if finding.suggestion:
        message += f"\nSuggestion: {finding.suggestion}"
    return lsp.Diagnostic(
        range=location_range(source, finding.location, encoding),
        message=message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=lsp.CodeDescription(href=HELP_URI.format(code=finding.code)),
        source="paperlint",
    )


def text_edit(edit: Edit, source: SourceFile | None, encoding: str) -> lsp.TextEdit:
    return lsp.TextEdit(location_range(source, edit.location, encoding), edit.content)


def error_diagnostic(message: str) -> lsp.Diagnostic:
    """A paper that could not be read: one error at the top of the file it is about."""
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1)),
        message=f"paperlint cannot read this paper: {message}",
        severity=lsp.DiagnosticSeverity.Error,
        source="paperlint",
    )


def contains(claim: Location, line: int, column: int) -> bool:
    """True when paperlint's (line, column) is inside the claim's range."""
    end = (claim.end_line or claim.line, claim.end_column or claim.column + 1)
    return (claim.line, claim.column) <= (line, column) < end


def _power(value: float) -> str:
    return f"{value:.3g}".replace("e+", "e")


def hover_text(result: DocumentResult, index: int, describe: Callable[[str], str]) -> str:
    """What paperlint read in claim ``index``: its normalised value, the compute report it is part
    of, and that report's FLOP (stated or estimated). ``describe`` names a hardware id."""
    claim = result.claims[index]
    lines = [f"**paperlint read** `{claim.text}`", "", f"- {_claim_value(claim, describe)}",
             f"- role: {claim.role}"]
    if claim.confidence < 1:
        lines.append(f"- confidence: {claim.confidence:.2f}")
    number, report = next(((n, r) for n, r in enumerate(result.compute_reports, 1)
                           if index in r.claims), (0, None))
    if report is None:
        lines += ["", "Not part of a compute report."]
        return "\n".join(lines)
    lines += ["", f"**Compute report {number} of {len(result.compute_reports)}** ({report.role}"
              f", {report.location.file} line {report.location.line})", ""]
    lines += [f"- {name}: {value}" for name, value in _report_facts(report, describe)]
    lines.append("")
    if report.flop is not None:
        lines.append(f"**Training compute:** {_power(report.flop)} FLOP, as stated")
    if report.estimate is not None:
        estimate = report.estimate
        utilization = estimate.assumptions.get("utilization")
        assumed = f", utilization {utilization:.0%}" if isinstance(utilization, float) else ""
        lines.append(f"**FLOP estimate:** {_power(estimate.flop)} FLOP (plausible range "
                     f"{_power(estimate.low)}–{_power(estimate.high)}; {estimate.method} "
                     f"method{assumed})")
    elif report.flop is None:
        lines.append("**FLOP estimate:** none (the report lacks what an estimate needs)")
    return "\n".join(lines)


def _claim_value(claim: Claim, describe: Callable[[str], str]) -> str:
    if claim.type == "hardware":
        return f"hardware: {describe(str(claim.value))}"
    if isinstance(claim.value, str):
        return f"{claim.type}: {claim.value}"
    unit = f" {claim.unit}" if claim.unit else ""
    return f"{claim.type}: {claim.value:.6g}{unit}"


def _report_facts(report: ComputeReport, describe: Callable[[str], str]
                  ) -> list[tuple[str, str]]:
    facts: list[tuple[str, str | None]] = [
        ("hardware", describe(report.hardware) if report.hardware else None),
        ("chips", f"{report.chip_count:g}" if report.chip_count is not None else None),
        ("time", f"{report.duration_hours:g} hours" if report.duration_hours is not None
         else None),
        ("chip-hours", f"{report.chip_hours:g}" if report.chip_hours is not None else None),
        ("precision", report.precision),
        ("parameters", _power(report.params) if report.params is not None else None),
        ("tokens", _power(report.tokens) if report.tokens is not None else None),
    ]
    return [(name, value) for name, value in facts if value is not None]
