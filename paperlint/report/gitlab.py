"""GitLab Code Quality (``artifacts:reports:codequality``): a JSON array of issues.

GitLab reads a subset of the Code Climate issue format; the fields it documents as required are
``description``, ``check_name``, ``fingerprint``, ``severity`` (info, minor, major, critical,
blocker) and ``location.path`` with ``location.lines.begin``. Paths are relative to the
repository root (``--project-root``, else the git root), as GitLab resolves them.

The fingerprint leaves the line out (as SARIF's partialFingerprints do), so an issue keeps its
identity when text above it moves; GitLab shows only the first issue of a fingerprint, so twins
(the same message twice in a file) are told apart by their order.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from paperlint.model import DocumentResult, Finding, Report
from paperlint.report.paths import display_for_host, host_file, location_kind, project_root

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _fingerprint(code: str, path: str, message: str, occurrence: int) -> str:
    return hashlib.sha256(f"{code}\0{path}\0{message}\0{occurrence}".encode()).hexdigest()[:32]


def _issue(document: DocumentResult, finding: Finding, root: Path,
           seen: Counter[tuple[str, str, str]]) -> dict[str, Any]:
    location = finding.location
    path = host_file(document, finding, root)
    kind = location_kind(document, location.file)
    description = finding.message
    if kind == "pdf":
        description += f" (page {location.line})"
        lines = {"begin": location.line}
    elif kind == "archive":
        description += f" (in {location.file}:{location.line}:{location.column})"
        lines = {"begin": 1}
    else:
        lines = {"begin": location.line, "end": max(location.end_line or location.line,
                                                    location.line)}
    if finding.suggestion:
        description += f" Suggestion: {finding.suggestion}"
    seen[(finding.code, path, finding.message)] += 1
    return {
        "type": "issue",
        "description": description,
        "check_name": f"paperlint/{finding.code}",
        "categories": ["Style" if finding.code.startswith("PL2") else "Bug Risk"],
        "fingerprint": _fingerprint(finding.code, path, finding.message,
                                    seen[(finding.code, path, finding.message)]),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": path, "lines": lines},
    }


def build(report: Report) -> list[dict[str, Any]]:
    root = project_root(report)
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = [_issue(d, f, root, seen) for d in report.documents if d.error is None
              for f in d.findings]
    for document in report.documents:
        if document.error is not None:  # an unreadable paper is an issue on the path given
            path = display_for_host(document.path, root)
            issues.append({
                "type": "issue", "description": f"cannot be read: {document.error}",
                "check_name": "paperlint/unreadable", "categories": ["Bug Risk"],
                "fingerprint": _fingerprint("unreadable", path, document.error, 1),
                "severity": "critical", "location": {"path": path, "lines": {"begin": 1}},
            })
    return issues


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(build(report), indent=2, ensure_ascii=False) + "\n"
