"""Extraction: find compute claims in a Document and group them into compute reports.

Interface: ``extract(document) -> Extraction``. The spaCy pipeline is built once per process.
"""

from __future__ import annotations

from dataclasses import dataclass

from paperlint.document import Document
from paperlint.model import Claim, ComputeReport


@dataclass(frozen=True)
class Extraction:
    """What extraction found in one Document."""

    claims: tuple[Claim, ...] = ()
    compute_reports: tuple[ComputeReport, ...] = ()  # estimates are not filled in yet
    statements: int = 0  # sentences / table rows holding at least one claim (coverage)


def extract(document: Document) -> Extraction:
    """Find every compute claim in ``document`` (foundation: nothing is extracted yet)."""
    return Extraction()
