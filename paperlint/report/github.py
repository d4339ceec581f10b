"""GitHub Actions workflow commands: an ``::error``/``::warning``/``::notice`` per finding.

Format: ``::warning file=F,line=L,col=C,endLine=EL,endColumn=EC,title=T::MESSAGE``. GitHub decodes
``%25``, ``%0D`` and ``%0A`` in the message, and also ``%3A`` and ``%2C`` in properties (where ``:``
and ``,`` would end the value), so those characters are escaped.

GitHub shows at most 10 annotations of each type per step (and 50 per job); the rest are dropped
silently. So the most important come first (errors, then warnings, then notices; by code and
place within a level), at most 10 of each type are emitted as annotations, and the cut ones are
printed as plain log lines with one summary line saying how many were not annotated. Every line
that reaches the runner's log is escaped, the plain ones too: a submission's file name holding a
newline and ``::error ...`` must not become a workflow command of its own (:func:`log_line`).

Paths are relative to the repository root (``--project-root``, else the git root), as GitHub
wants, wherever paperlint runs from.
"""

from __future__ import annotations

from pathlib import Path

from paperlint.display import shown, utf8
from paperlint.model import SEVERITY_ORDER, DocumentResult, Finding, Report
from paperlint.report.paths import (
    display_for_host,
    host_file,
    project_root,
    relative_to_root,
    shown_file,
)
from paperlint.report.sarif import location_kind

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
PER_TYPE = 10  # GitHub's display limit per annotation type per step


def escape_data(value: str) -> str:
    """Escape a workflow command's message (GitHub's ``escapeData``); bytes of a file name that
    are not UTF-8 are shown as ``\\xNN`` (:mod:`paperlint.display`)."""
    return utf8(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (GitHub's ``escapeProperty``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _file(document: DocumentResult, finding: Finding, root: Path) -> str:
    """The annotated file, relative to the repository root (GitHub resolves it there); the PDF
    or archive itself for findings inside one (GitHub can only annotate files it holds)."""
    return host_file(document, finding, root)


def _command(document: DocumentResult, finding: Finding, root: Path) -> str:
    location = finding.location
    properties = [("file", _file(document, finding, root))]
    message = finding.message
    kind = location_kind(document, location.file)
    if kind == "pdf":
        message += f" (page {location.line})"
        properties.append(("line", str(location.line)))
    elif kind == "archive":
        # A file inside an archive: annotate the archive, name the place in the message.
        message += f" (in {location.file}:{location.line}:{location.column})"
    else:
        properties += [("line", str(location.line)), ("col", str(location.column))]
        if location.end_line is not None:
            properties.append(("endLine", str(location.end_line)))
        if location.end_column is not None:
            properties.append(("endColumn", str(location.end_column)))
    properties.append(("title", f"paperlint {finding.code} ({finding.name})"))
    if finding.suggestion:
        message += f"\nSuggestion: {finding.suggestion}"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def _plain(document: DocumentResult, finding: Finding, root: Path) -> str:
    location = finding.location
    return log_line(f"{_file(document, finding, root)}:{location.line}:{location.column}: "
                    f"{finding.code} {finding.message}")


def log_line(text: str) -> str:
    """A plain line for the runner's log that cannot be taken for a workflow command: newlines and
    control characters escaped (one line), and a line that would start with ``::`` (a file named
    ``::error ...``) starts with ``./`` instead, which names the same relative file."""
    line = shown(text)
    return "./" + line if line.lstrip().startswith("::") else line


def _on_changed_line(report: Report, root: Path, document: DocumentResult,
                     finding: Finding) -> bool:
    changes = report.changes
    if changes is None:
        return False
    path = relative_to_root(shown_file(document, finding), Path(changes.root))
    return path is not None and changes.touches(path, finding.location.line,
                                                finding.location.end_line)


def render(report: Report, *, color: bool = False) -> str:
    root = project_root(report)
    pairs = [(d, f) for d in report.documents if d.error is None for f in d.findings]
    # Errors first, then warnings, then notices; within a level those on the lines a change
    # touched (--diff-base) first, so they win GitHub's 10 per type; then by code, file, place.
    pairs.sort(key=lambda pair: (
        -SEVERITY_ORDER[pair[1].severity], not _on_changed_line(report, root, *pair),
        pair[1].code, _file(pair[0], pair[1], root), pair[1].location.line,
        pair[1].location.column,
    ))
    lines: list[str] = []
    emitted = {"error": 0, "warning": 0, "notice": 0}
    cut: list[str] = []
    for document in report.documents:
        if document.error is not None:
            emitted["error"] += 1
            title = escape_property("paperlint: cannot read")
            name = display_for_host(document.path, root)
            lines.append(f"::error file={escape_property(name)},title={title}::"
                         f"{escape_data(document.error)}")
    for document, finding in pairs:
        kind = COMMANDS[finding.severity]
        if emitted[kind] < PER_TYPE:
            emitted[kind] += 1
            lines.append(_command(document, finding, root))
        else:
            cut.append(_plain(document, finding, root))
    lines.extend(cut)
    if cut:
        lines.append(
            f"paperlint: {len(cut)} more finding{'s' if len(cut) != 1 else ''} not annotated "
            f"(GitHub shows {PER_TYPE} annotations per type per step); they are listed above, in "
            "the job summary (--summary) and in the SARIF report."
        )
    total = len(pairs)
    lines.append(f"paperlint: {total} finding{'s' if total != 1 else ''} in "
                 f"{len(report.documents)} document{'s' if len(report.documents) != 1 else ''}.")
    return "\n".join(lines) + "\n"
