"""What every rule sees: the document, its extraction with estimates, the profile, the catalogue.

Also the small text helpers rules share (the sentence around a span, the roles of nearby claims,
where the experiments section starts), so that each rule module stays a few short functions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from paperlint.checks.profiles import Profile
from paperlint.document import Document
from paperlint.extract import Extraction
from paperlint.extract.confidence import span_confidence
from paperlint.extract.rules import RuleSet, default_rules
from paperlint.model import Claim, ComputeReport, Finding, Location
from paperlint.rulebook import RULES

if TYPE_CHECKING:
    from paperlint.catalogue import Catalogue, HardwareEntry

# The paper's own compute. Only these roles feed the verdict and the rules (except PL201).
OWN_ROLES = frozenset({"training", "fine-tuning", "inference", "ablation", "unspecified"})
# Runs whose compute is the paper's training budget (PL105, the verdict's "complete").
TRAINING_ROLES = frozenset({"training", "fine-tuning", "unspecified"})


@dataclass(frozen=True)
class CheckContext:
    document: Document
    extraction: Extraction
    reports: tuple[ComputeReport, ...]  # with estimates filled in
    profile: Profile
    enabled: frozenset[str]
    catalogue: Catalogue | None = None
    # The rules the claims were extracted with (the shipped ones and a user's rule files): a
    # check that reads the vocabulary reads it here, so a user's rule file changes it too.
    rules: RuleSet = field(default_factory=default_rules)

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.extraction.claims

    @cached_property
    def _by_start(self) -> tuple[list[int], list[Claim], int]:
        ordered = sorted(self.claims, key=lambda claim: claim.start)
        longest = max((claim.end - claim.start for claim in ordered), default=0)
        return [claim.start for claim in ordered], ordered, longest

    def claims_in(self, start: int, end: int) -> list[Claim]:
        """The claims overlapping ``[start, end)`` of the text, found by bisection: rules ask this
        once per match, and a scan of every claim each time made long papers quadratic."""
        starts, ordered, longest = self._by_start
        first = bisect.bisect_left(starts, start - longest)
        last = bisect.bisect_left(starts, end)
        return [c for c in ordered[first:last] if c.start < end and start < c.end]

    def finding(
        self,
        code: str,
        message: str,
        location: Location,
        *,
        suggestion: str | None = None,
        confidence: float = 1.0,
    ) -> Finding:
        """A finding of rule ``code`` with its name and the profile's severity for it."""
        return Finding(
            code=code,
            name=RULES[code].name,
            severity=self.profile.severity_of(code),
            message=message,
            location=location,
            suggestion=suggestion,
            confidence=confidence,
        )

    def own_reports(self, roles: frozenset[str] = OWN_ROLES) -> Iterator[ComputeReport]:
        return (report for report in self.reports if report.role in roles)

    def own_claims(self, *types: str) -> Iterator[Claim]:
        return (
            claim
            for claim in self.claims
            if claim.role in OWN_ROLES and (not types or claim.type in types)
        )

    def hardware(self, id: str | None) -> HardwareEntry | None:
        """The catalogue entry of a hardware id, or None (no catalogue, generic or unknown id)."""
        if id is None or self.catalogue is None:
            return None
        try:
            return self.catalogue.get(id)
        except KeyError:
            return None

    def report_claims(self, report: ComputeReport) -> list[Claim]:
        return [self.claims[i] for i in report.claims if 0 <= i < len(self.claims)]

    def report_confidence(self, report: ComputeReport) -> float:
        """A finding about a report is as sure as its least sure claim (a guessed PDF exponent)."""
        return min((claim.confidence for claim in self.report_claims(report)), default=1.0)

    def text_confidence(self, start: int, end: int) -> float:
        """A finding about ``[start, end)`` of the text: the least sure claim overlapping it, or,
        with none, how much the reader trusts that text (PDF metadata; 1.0 for LaTeX)."""
        overlapping = [c.confidence for c in self.claims_in(start, end)]
        return min(overlapping, default=span_confidence(self.document.metadata, start, end))

    def report_location(self, report: ComputeReport, *types: str) -> Location:
        """Where to point for a report: its first claim of one of ``types``, else the report."""
        for claim in self.report_claims(report):
            if claim.type in types:
                return claim.location
        return report.location

    def roles_near(self, start: int, end: int) -> set[str]:
        """Roles of the claims in the sentence around ``[start, end)`` of the document text."""
        low, high = self.sentence_around(start, end)
        return {claim.role for claim in self.claims_in(low, high) if claim.end > claim.start}

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.extraction.sentences]

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (or table row) around ``[start, end)``, as the extraction split the text
        (``Extraction.sentences``: its one splitter), from the one holding ``start`` to the one
        holding ``end``. Text the extraction never read holds nothing compute-like (no digit,
        no unit or chip word): there the span is its own sentence."""
        sentences, starts = self.extraction.sentences, self._sentence_starts
        low, high = start, end
        first = bisect.bisect_right(starts, start) - 1
        if first >= 0 and sentences[first][0] <= start < sentences[first][1]:
            low = sentences[first][0]
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        if last >= 0 and sentences[last][0] <= max(start, end - 1) < sentences[last][1]:
            high = max(end, sentences[last][1])
        return low, high


# Headings of the section where a compute report belongs, most specific first.
_SECTION_WORDS = (
    r"training (?:details|setup|procedure)|implementation details|experimental (?:setup|settings"
    r"|details)|compute(?:\s+resources)?|computational (?:resources|cost|budget)"
    r"|experiments?(?: and results)?|training|setup"
)
_LATEX_HEADING = re.compile(
    r"\\(?:sub)*section\*?\s*(?:\[[^\]]*\])?\s*\{\s*(?:" + _SECTION_WORDS + r")\s*\}",
    re.IGNORECASE,
)
_TEXT_HEADING = re.compile(
    r"^[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?(?:" + _SECTION_WORDS + r")[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def report_section_location(document: Document) -> Location:
    """Where a missing compute report should go: the experiments/training section heading if
    there is one (LaTeX sources in include order, else the plain text), else the main file's top."""
    best: tuple[int, Location] | None = None
    for file in document.files:
        source = document.sources.get(file)
        if source is None or document.format != "latex":
            continue
        for match in _LATEX_HEADING.finditer(source.text):
            rank = _rank(match.group(0))
            if best is None or rank < best[0]:
                line, column = source.line_col(match.start())
                best = (rank, Location(file, line, column, *source.line_col(match.end())))
    if best is None:
        for match in _TEXT_HEADING.finditer(document.text):
            rank = _rank(match.group(0))
            if best is None or rank < best[0]:
                best = (rank, document.location(match.start(), match.end()))
    if best is not None:
        return best[1]
    first = document.files[0] if document.files else document.path
    return Location(first, 1, 1)


def _rank(heading: str) -> int:
    """Lower is better: specific training/compute headings beat a generic "Experiments"."""
    lowered = heading.lower()
    for rank, word in enumerate(("training", "implementation", "experimental", "comput")):
        if word in lowered:
            return rank
    return 10
