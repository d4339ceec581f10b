"""SARIF 2.1.0, shaped for GitHub code scanning (github/codeql-action/upload-sarif).

What code scanning needs and we give (docs: "SARIF support for code scanning"):
 - one run; ``tool.driver`` with name, version, informationUri and every rule of the registry
   (id, name, shortDescription, fullDescription, help text and markdown, helpUri, tags,
   defaultConfiguration.level);
 - per result: ruleId and ruleIndex, level, message.text (with the suggestion), one location whose
   artifactLocation.uri is relative to ``%SRCROOT%`` (the working directory, i.e. the repository
   root in CI) and whose region always has startLine; partialFingerprints so that an alert
   survives edits above it.
 - limits: at most 25,000 results per run are accepted and the 5,000 most severe are shown; we
   keep the 5,000 most severe and say so in the run's properties. At most 20 tags per rule are
   accepted and 10 shown; we emit fewer than 10.

Locations that are not lines of a text file: for a PDF, ``region.startLine`` is the page number
(paperlint's Location convention for PDFs) and columns are left out; for a file inside an archive,
the artifact is the archive itself (startLine 1) and the message names the file and line inside.
Papers that could not be read become ``invocations[0].toolExecutionNotifications``.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from paperlint.model import SEVERITY_ORDER, DocumentResult, Finding, Fix, Report
from paperlint.report.paths import location_kind, project_root, relative_to_root
from paperlint.report.text import display_file

if TYPE_CHECKING:
    from paperlint.rulebook import Rule

__all__ = ["automation_id", "build", "location_kind", "render", "rule_descriptor"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# The project's home; rule help pages are docs/rules/PLxxx.md in its repository.
HOMEPAGE = "https://github.com/paperlint/paperlint"
HELP_URI = HOMEPAGE + "/blob/main/docs/rules/{code}.md"
MAX_RESULTS = 5000  # code scanning shows only the 5,000 most severe results of a run
MAX_TAGS = 10  # ... and 10 tags per rule
FINGERPRINT_KEY = "paperlintFinding/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _text(value: str) -> dict[str, str]:
    return {"text": value}


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A SARIF reportingDescriptor from a registry Rule (the same text as `paperlint explain`)."""
    example = "\n".join(f"    {line}" for line in rule.example.splitlines())
    help_text = (
        f"{rule.what}\n\nWhy: {rule.why}\n\nFix: {rule.fix}\n\nExample that fires:\n{example}"
    )
    markdown = (
        f"**{rule.code} {rule.name}**: {rule.summary}\n\n{rule.what}\n\n**Why.** {rule.why}\n\n"
        f"**How to fix.** {rule.fix}\n\n"
        f"**Example that fires:**\n\n```latex\n{rule.example}\n```\n\n{rule.silencing}"
    )
    tags = ["paperlint", "compute-reporting", *(f"profile:{p}" for p in rule.profiles)]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": _text(rule.summary),
        "fullDescription": _text(rule.what),
        "help": {"text": help_text, "markdown": markdown},
        "helpUri": HELP_URI.format(code=rule.code),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": tags[:MAX_TAGS],
            "checklist": list(rule.checklist),
            "family": rule.family,
            "precision": "medium",
            # "safe" | "unsafe" | "sometimes-safe": which results may carry `fixes` (--fix).
            **({"fixable": rule.fixable} if rule.fixable else {}),
        },
    }


def _uri(path: str, root: Path) -> tuple[str, bool]:
    """(uri, relative?) for a file path as shown to the user (relative to the working directory,
    or absolute): relative to ``root`` when inside it, else an absolute file URI."""
    relative = relative_to_root(path, root)
    if relative is None:
        return Path(os.path.abspath(path)).as_uri(), False
    return quote(relative, safe="/"), True


def _physical(document: DocumentResult, finding: Finding, root: Path) -> tuple[dict[str, Any], str]:
    """The physicalLocation of a finding, and a note to add to its message (or "")."""
    location = finding.location
    kind = location_kind(document, location.file)
    shown = document.path if kind in ("pdf", "archive") else display_file(document, location.file)
    uri, relative = _uri(shown, root)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    note = ""
    if kind == "pdf":
        region: dict[str, Any] = {"startLine": location.line}
        note = f" (page {location.line})"
    elif kind == "archive":
        region = {"startLine": 1}
        note = f" (in {location.file}, line {location.line}, column {location.column})"
    else:
        region = {"startLine": location.line, "startColumn": location.column}
        end_line = location.end_line or location.line
        end_column = location.end_column or location.column
        if (end_line, end_column) > (location.line, location.column):
            region["endLine"] = end_line
            region["endColumn"] = end_column
    return {"artifactLocation": artifact, "region": region}, note


def _fingerprint(rule_id: str, uri: str, message: str, occurrence: int) -> str:
    # Without the line number, so that an alert keeps its identity when text above it moves.
    key = f"{rule_id}\0{uri}\0{message}\0{occurrence}".encode()
    return hashlib.sha256(key).hexdigest()[:32]


def _result(
    document: DocumentResult, finding: Finding, root: Path, rule_index: Mapping[str, int],
    seen: Counter[tuple[str, str, str]],
) -> dict[str, Any]:
    physical, note = _physical(document, finding, root)
    text = finding.message.rstrip()
    if not text.endswith((".", "!", "?")):
        text += "."
    text += note
    if finding.suggestion:
        text += f" Suggestion: {finding.suggestion}"
    uri = physical["artifactLocation"]["uri"]
    seen[(finding.code, uri, finding.message)] += 1
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": _text(text),
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {
            FINGERPRINT_KEY: _fingerprint(
                finding.code, uri, finding.message, seen[(finding.code, uri, finding.message)]
            )
        },
        "properties": {"severity": finding.severity, "confidence": finding.confidence},
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    if finding.replacement is not None and "endColumn" in physical["region"]:
        # A real text edit: replace exactly the flagged source range.
        result["fixes"] = [{
            "description": _text(finding.suggestion or f"Replace with {finding.replacement!r}."),
            "artifactChanges": [{
                "artifactLocation": physical["artifactLocation"],
                "replacements": [{
                    "deletedRegion": dict(physical["region"]),
                    "insertedContent": _text(finding.replacement),
                }],
            }],
        }]
    elif finding.fix is not None and location_kind(document, finding.location.file) == "source":
        # An edit elsewhere than the flagged range (PL105's sentence, inserted after the report's
        # sentence): a zero-length deletedRegion is an insertion.
        result["fixes"] = [_fix(document, finding.fix, root)]
    if finding.fix is not None and "fixes" in result:
        result["fixes"][0]["properties"] = {"applicability": finding.fix.applicability}
    return result


def _fix(document: DocumentResult, fix: Fix, root: Path) -> dict[str, Any]:
    changes = []
    for edit in fix.edits:
        uri, relative = _uri(display_file(document, edit.file), root)
        artifact: dict[str, Any] = {"uri": uri}
        if relative:
            artifact["uriBaseId"] = "%SRCROOT%"
        where = edit.location
        region = {"startLine": where.line, "startColumn": where.column,
                  "endLine": where.end_line or where.line,
                  "endColumn": where.end_column or where.column}
        changes.append({"artifactLocation": artifact, "replacements": [
            {"deletedRegion": region, "insertedContent": _text(edit.content)}]})
    return {"description": _text(fix.description + "."), "artifactChanges": changes}


def _notification(document: DocumentResult, root: Path) -> dict[str, Any]:
    uri, relative = _uri(document.path, root)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    return {
        "level": "error",
        "message": _text(f"{document.path}: {document.error}"),
        "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
    }


def build(
    report: Report, *, rules: Mapping[str, Rule] | None = None, root: Path | None = None
) -> dict[str, Any]:
    """The SARIF log as a dict. ``rules`` defaults to the registry; ``root`` (what ``%SRCROOT%``
    stands for) to the report's project root: ``--project-root``, else the git root."""
    if rules is None:
        from paperlint.rulebook import RULES

        rules = RULES
    root = (root or project_root(report)).resolve()
    descriptors = [rule_descriptor(rule) for rule in rules.values()]
    rule_index = {rule["id"]: index for index, rule in enumerate(descriptors)}
    pairs = [(d, f) for d in report.documents if d.error is None for f in d.findings]
    # Most severe first, so that the cut (if any) drops the least important.
    ranked = sorted(range(len(pairs)), key=lambda i: -SEVERITY_ORDER[pairs[i][1].severity])
    kept = sorted(ranked[:MAX_RESULTS])
    seen: Counter[tuple[str, str, str]] = Counter()
    results = [_result(*pairs[i], root, rule_index, seen) for i in kept]
    notifications = [_notification(d, root) for d in report.documents if d.error is not None]
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "paperlint",
            "version": report.version or "0",
            "semanticVersion": report.version or "0.0.0",
            "informationUri": HOMEPAGE,
            "rules": descriptors,
        }},
        "automationDetails": {"id": automation_id(report, root)},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",  # paperlint's columns count code points
        "invocations": [{
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
        }],
        "results": results,
        "properties": {
            "verdicts": {d.path: d.verdict for d in report.documents if d.error is None},
            "truncated": len(pairs) > MAX_RESULTS,
            "totalFindings": len(pairs),
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def automation_id(report: Report, root: Path) -> str:
    """SARIF ``runAutomationDetails.id``: "paperlint/<papers>/", the same for every run over the
    same papers, so code scanning tracks one analysis per set of papers (the category is what
    comes before the last "/"; upload-sarif's ``category`` input replaces it)."""
    papers = sorted({_uri(d.path, root)[0] for d in report.documents})
    key = ",".join(papers)
    if not key or len(key) > 100 or any(ord(char) < 32 for char in key):
        key = "papers-" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"paperlint/{key}/"


def render(report: Report, *, color: bool = False) -> str:
    from paperlint.report.json import dumps

    return dumps(build(report), indent=2) + "\n"
