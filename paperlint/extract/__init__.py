"""Extraction: find compute claims in a Document and group them into compute reports.

Interface: ``extract(document) -> Extraction``. The spaCy pipeline and matchers are built once per
process (:func:`paperlint.extract.engine.default_engine`), lazily: importing this package does not
import spaCy.

The text is read in paragraph chunks (blank-line separated) with their offsets kept, so a claim's
``start``/``end`` are offsets into ``Document.text`` and its location comes from the source map.
Table rows are read apart, cell by cell, with their column headers (see :mod:`tables`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from paperlint.document import Document
from paperlint.extract.citations import citation_offsets
from paperlint.extract.confidence import span_confidence
from paperlint.extract.engine import default_engine
from paperlint.extract.grouping import group_claims
from paperlint.extract.names import paper_names
from paperlint.extract.sections import in_others_sections
from paperlint.extract.tables import table_claims
from paperlint.extract.text import text_claims
from paperlint.extract.types import Extraction, Found
from paperlint.model import Claim

if TYPE_CHECKING:
    from paperlint.extract.engine import Engine

__all__ = ["Extraction", "Found", "extract", "paragraphs"]


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[start, end) of each paragraph of ``text``, with the ``holes`` (table rows) cut out."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    if not holes:
        return [s for s in spans if s[1] > s[0]]
    out: list[tuple[int, int]] = []
    ordered = sorted(holes)
    ends = [hole_end for _, hole_end in ordered]
    disjoint = all(a <= b for a, b in itertools.pairwise(ends))  # table rows never nest
    for start, end in spans:
        cursor = start
        # Only the holes that end inside or after this paragraph: a scan of all of them for each
        # paragraph made long papers quadratic.
        first = bisect.bisect_right(ends, start) if disjoint else 0
        for hole_start, hole_end in ordered[first:]:
            if hole_start >= end:
                break
            if hole_end <= cursor:
                continue
            if hole_start > cursor:
                out.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
        if cursor < end:
            out.append((cursor, end))
    return [s for s in out if s[1] > s[0]]


def extract(document: Document, engine: Engine | None = None) -> Extraction:
    """Find every compute claim in ``document`` and group the claims into compute reports."""
    engine = engine or default_engine()
    rows = [(row.start, row.end) for table in document.tables for row in table.rows]
    # Which model names are the paper's own and which it cites: read once, for every clause.
    names = paper_names(document.text, citation_offsets(document))
    found, sentences = text_claims(document, paragraphs(document.text, rows), engine, names)
    sentences.extend(rows)  # a table row is a sentence of its own
    found.extend(table_claims(document, engine, names))
    found = in_others_sections(found, sentences, document, engine)
    found.sort(key=lambda f: (f.claim.start, f.claim.end))
    # Units are renumbered in document order so that "the next sentence" is unit + 1.
    order = {unit: index for index, unit in enumerate(sorted({f.unit for f in found},
                                                              key=lambda u: u))}
    # A claim is trusted as much as the text it was read from (PDF: the reader's confidence).
    metadata = document.metadata
    claims = [
        Claim(c.type, c.text, c.value, c.unit, c.location, c.role, c.start, c.end,
              confidence=span_confidence(metadata, c.start, c.end), sentence=order[f.unit],
              low=c.low)
        for f in found for c in (f.claim,)
    ]  # built directly: dataclasses.replace looks the fields up again for every claim
    reports = group_claims(claims, [f.paragraph for f in found], engine.host_ids,
                           document.text, sorted(order), engine.rules.grouping)
    # Each report is a run with an id, and each of its claims says which run it belongs to.
    reports = [replace(report, run=f"run-{number}") for number, report in
               enumerate(reports, start=1)]
    for report in reports:
        for index in report.claims:
            claims[index] = replace(claims[index], run=report.run)
    return Extraction(tuple(claims), tuple(reports), len(order), tuple(sorted(sentences)))
