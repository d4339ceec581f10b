"""The Markdown job summary (``--summary FILE``; in a workflow, ``$GITHUB_STEP_SUMMARY``).

Per paper: the verdict, the compute reports found with the FLOP they state or imply (estimate and
plausible range), and a table of findings. GitHub caps a step's summary at 1 MiB, so the findings
table is cut at :data:`MAX_ROWS` rows with a line saying how many more there are.

A suggestion that is text to paste into the paper (PL105's LaTeX sentence) is shown as code, in
the table and again in a fenced block below it, so that ``30\\%`` copies as ``30\\%``: as
Markdown text, the backslash would be taken as an escape and the pasted ``%`` would comment out
the rest of the LaTeX line.
"""

from __future__ import annotations

import re

from paperlint.display import shown
from paperlint.model import SEVERITY_ORDER, ComputeReport, DocumentResult, Finding, Report
from paperlint.report.text import plural
from paperlint.wording import format_power

MAX_ROWS = 200
_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}
_VERDICT = {"complete": "✅ complete", "partial": "⚠️ partial", "missing": "❌ missing"}


def cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no row breaks, no column breaks, no raw HTML."""
    # Line breaks become spaces; other control characters and undecodable bytes are escaped.
    text = shown(str(value).replace("\r", " ").replace("\n", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("`", "\\`")


def code_span(value: str) -> str:
    """``value`` as a Markdown code span that shows (and copies) exactly as written: backslashes
    and ``%`` stay, and the fence is longer than any run of backticks inside."""
    text = value.replace("\r", " ").replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def code_block(value: str, language: str = "latex") -> list[str]:
    """A fenced block holding ``value`` verbatim (GitHub gives it a copy button)."""
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    return [f"{fence}{language}", value, fence]


def _paste_ready(code: str) -> bool:
    from paperlint.rulebook import RULES

    rule = RULES.get(code)
    return rule is not None and rule.paste_ready


def _suggestion_cell(finding: Finding) -> str:
    text = finding.suggestion or ""
    if not text or not _paste_ready(finding.code):
        return cell(text)
    # Inside a table GFM reads \| as the table's own escape even in a code span, so a sentence
    # holding | cannot be shown verbatim there: it is in the block below the table.
    return "see below" if "|" in text else code_span(text)


def flop(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{format_power(value)} FLOP"


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:,.4g} h"


def _hardware(report: ComputeReport) -> str:
    if report.hardware is None and report.chip_count is None:
        return "—"
    count = f"{report.chip_count} × " if report.chip_count is not None else ""
    return f"{count}{report.hardware or 'unnamed hardware'}"


def _estimate(report: ComputeReport) -> str:
    estimate = report.estimate
    if estimate is None:
        return "—"
    return (f"{flop(estimate.flop)} ({flop(estimate.low)} – {flop(estimate.high)}; "
            f"{estimate.method})")


def _reports_table(document: DocumentResult) -> list[str]:
    if not document.compute_reports:
        return ["No compute report found."]
    lines = [
        "| # | Role | Where | Hardware | Time | Chip-hours | Stated FLOP "
        "| Estimated FLOP (range) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for number, report in enumerate(document.compute_reports, 1):
        where = f"{report.location.file}:{report.location.line}"
        lines.append("| " + " | ".join(cell(v) for v in (
            number, report.role, where, _hardware(report), _hours(report.duration_hours),
            "—" if report.chip_hours is None else f"{report.chip_hours:,.4g}",
            flop(report.flop), _estimate(report),
        )) + " |")
    return lines


def _findings_table(document: DocumentResult, budget: int) -> tuple[list[str], int]:
    findings = sorted(document.findings, key=lambda f: (
        -SEVERITY_ORDER[f.severity], f.location.file, f.location.line, f.code))
    if not findings:
        return ["No findings."], 0
    listed = findings[:max(budget, 0)]
    lines = ["| | Code | Location | Message | Suggestion |", "|---|---|---|---|---|"]
    for finding in listed:
        where = f"{finding.location.file}:{finding.location.line}:{finding.location.column}"
        lines.append("| " + " | ".join([
            _ICON[finding.severity], cell(f"{finding.code} {finding.name}"), cell(where),
            cell(finding.message), _suggestion_cell(finding),
        ]) + " |")
    if len(findings) > len(listed):
        lines.append(f"\n…and {len(findings) - len(listed)} more (see the full report).")
    pastes = [f for f in listed if f.suggestion and _paste_ready(f.code)]
    for finding in pastes:
        where = f"{finding.location.file}:{finding.location.line}"
        lines += ["", f"Text to paste ({cell(finding.code)}, {cell(where)}):", ""]
        lines += code_block(finding.suggestion or "")
    return lines, len(listed)


def _status(report: Report, fail_level: str) -> str:
    threshold = SEVERITY_ORDER[fail_level]
    failing = sum(1 for f in report.findings if SEVERITY_ORDER[f.severity] >= threshold)
    if report.errors:
        return f"❌ **{plural(report.errors, 'paper')} could not be read.**"
    if failing:
        return f"❌ **{plural(failing, 'finding')} at or above `{fail_level}`.**"
    return f"✅ **No finding at or above `{fail_level}`.**"


def render(report: Report, *, color: bool = False, fail_level: str = "warning") -> str:
    counts = {level: 0 for level in ("error", "warning", "info")}
    for finding in report.findings:
        counts[finding.severity] += 1
    lines = [
        "## paperlint: training-compute report",
        "",
        _status(report, fail_level),
        "",
        f"{plural(len(report.documents), 'paper')}; {plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}, {counts['info']} info.",
        "",
        "| Paper | Verdict | Compute statements | Reports | Training FLOP (estimate, range) | "
        "Findings |",
        "|---|---|---|---|---|---|",
    ]
    for document in report.documents:
        if document.error is not None:
            lines.append(f"| {cell(document.path)} | ❌ unreadable: {cell(document.error)} "
                         "| — | — | — | — |")
            continue
        training = [r for r in document.compute_reports if r.role in ("training", "unspecified")]
        stated = next((r.flop for r in training if r.flop is not None), None)
        estimated = next((r for r in training if r.estimate is not None), None)
        total = (f"stated {flop(stated)}" if stated is not None
                 else _estimate(estimated) if estimated is not None else "—")
        lines.append("| " + " | ".join([
            cell(document.path), _VERDICT.get(document.verdict or "", cell(document.verdict)),
            str(document.coverage.statements), str(len(document.compute_reports)), cell(total),
            str(len(document.findings)),
        ]) + " |")
    budget = MAX_ROWS
    for document in report.documents:
        if document.error is not None:
            continue
        lines += ["", f"### {cell(document.path)}", "", "**Compute reports found**", ""]
        lines += _reports_table(document)
        lines += ["", "**Findings**", ""]
        table, used = _findings_table(document, budget)
        budget -= used
        lines += table
    return "\n".join(lines) + "\n\n"
