"""JUnit XML (GitLab's ``artifacts:reports:junit``, Jenkins, Azure DevOps test tabs).

One ``<testsuite>`` per paper; one ``<testcase>`` per finding, failed, with the finding as its
``<failure>`` (``type`` the severity, ``message`` the one-line message, the body the place and the
suggestion); a paper without findings is one passing test case; an unreadable paper one
``<error>``. GitLab shows a test case by its ``classname`` (as the suite) and ``name``, keeps only
the first of two with the same pair, and reads ``file``: so ``classname`` is the file, ``name``
holds the code and the place, and ``file`` is relative to the repository root.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from paperlint.model import DocumentResult, Report
from paperlint.report.paths import display_for_host, host_file, location_kind, project_root


def _suite(document: DocumentResult, root: Path) -> ET.Element:
    shown = display_for_host(document.path, root)
    suite = ET.Element("testsuite", name=shown, time="0")
    failures = errors = 0
    if document.error is not None:
        case = ET.SubElement(suite, "testcase", classname=shown, name="read the paper",
                             file=shown, time="0")
        ET.SubElement(case, "error", type="unreadable", message=document.error).text = (
            f"{shown}: {document.error}")
        errors = 1
    elif not document.findings:
        ET.SubElement(suite, "testcase", classname=shown, name="no findings", file=shown,
                      time="0")
    used: set[tuple[str, str]] = set()
    for finding in document.findings if document.error is None else ():
        location = finding.location
        file = host_file(document, finding, root)
        where = (f"page {location.line}" if location_kind(document, location.file) == "pdf"
                 else f"{location.line}:{location.column}")
        if location_kind(document, location.file) == "archive":
            where = f"{location.file}:{location.line}:{location.column}"
        name = f"{finding.code} {finding.name} at {where}"
        number = 1
        while (file, name) in used:  # GitLab keeps only the first of a (classname, name) pair
            number += 1
            name = f"{finding.code} {finding.name} at {where} ({number})"
        used.add((file, name))
        case = ET.SubElement(suite, "testcase", classname=file, name=name, file=file,
                             line=str(location.line), time="0")
        body = f"{file}:{where}: {finding.code} {finding.message}"
        if finding.suggestion:
            body += f"\nSuggestion: {finding.suggestion}"
        ET.SubElement(case, "failure", type=finding.severity, message=finding.message).text = body
        failures += 1
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return suite


def render(report: Report, *, color: bool = False) -> str:
    root = project_root(report)
    suites = ET.Element("testsuites", name="paperlint", time="0")
    for document in report.documents:
        suites.append(_suite(document, root))
    for key in ("tests", "failures", "errors"):
        suites.set(key, str(sum(int(suite.get(key, "0")) for suite in suites)))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
