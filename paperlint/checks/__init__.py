"""Checks: the rules, the verdict, and the findings of one document.

Interface: ``run_checks(document, extraction, options) -> DocumentResult``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paperlint.document import Document
from paperlint.extract import Extraction
from paperlint.model import Coverage, DocumentResult, Finding

if TYPE_CHECKING:
    from paperlint.api import CheckOptions


def run_checks(document: Document, extraction: Extraction, options: CheckOptions) -> DocumentResult:
    """Run every selected rule over one document's extraction and decide its verdict."""
    findings = [
        Finding(problem.code, "reader-problem", "warning", problem.message, problem.location)
        for problem in document.problems
    ]
    verdict = "complete" if extraction.compute_reports else "missing"
    return DocumentResult(
        path=document.path,
        format=document.format,
        files=document.files,
        verdict=verdict,
        claims=extraction.claims,
        compute_reports=extraction.compute_reports,
        findings=tuple(findings),
        coverage=Coverage(extraction.statements, len(extraction.compute_reports), len(findings)),
    )
