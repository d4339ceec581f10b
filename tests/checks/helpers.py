"""Hand-built documents and extractions for the checks' tests (no extractor involved).

A test writes a short paper text of its own, then names the claims in it by their exact wording;
the helper finds their offsets and source locations, as the extractor would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from paperlint.api import CheckOptions
from paperlint.checks import run_checks
from paperlint.document import Document, plain_document
from paperlint.extract import Extraction
from paperlint.extract.engine import default_engine
from paperlint.extract.text import sentence_spans
from paperlint.model import CLAIM_UNITS, Claim, ComputeReport, DocumentResult


@dataclass
class Paper:
    """A text plus the claims and reports a test says the extractor found in it."""

    text: str
    path: str = "paper.tex"
    claims: list[Claim] = field(default_factory=list)
    reports: list[ComputeReport] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.document: Document = plain_document(self.text, self.path)

    def claim(
        self, wording: str, type: str, value: float | str, role: str = "training",
        *, sentence: int = 0, confidence: float = 1.0,
    ) -> int:
        """Add the claim written as ``wording`` (first occurrence); returns its index."""
        start = self.text.index(wording)
        end = start + len(wording)
        self.claims.append(
            Claim(type, wording, value, CLAIM_UNITS[type], self.document.location(start, end),
                  role, start, end, confidence, sentence)
        )
        return len(self.claims) - 1

    def report(self, *indices: int, role: str = "training", **values: Any) -> ComputeReport:
        """Add a report grouping the claims ``indices``; field values are given explicitly."""
        first = self.claims[indices[0]].location if indices else self.document.location(0)
        report = ComputeReport(location=first, role=role, claims=tuple(indices), **values)
        self.reports.append(report)
        return report

    def extraction(self) -> Extraction:
        statements = {c.sentence for c in self.claims}
        # The sentences as the extraction would split this text: what "the same sentence" is.
        spans = sentence_spans(self.document.text, default_engine())
        return Extraction(tuple(self.claims), tuple(self.reports), len(statements), spans)

    def check(self, **options: Any) -> DocumentResult:
        return run_checks(self.document, self.extraction(), CheckOptions(**options))


def codes(result: DocumentResult) -> list[str]:
    return [finding.code for finding in result.findings]


def only(result: DocumentResult, code: str) -> list[Any]:
    return [finding for finding in result.findings if finding.code == code]
