"""How much a claim read from a span of the text is trusted, from what the reader recorded.

The PDF reader puts its trust in ``Document.metadata`` (docs/pdf.md, *Confidence*):
``confidence`` for anything read from the file (0.9 pypdf, 0.85 PDFium), and
``low_confidence_spans`` (``[[start, end], ...]`` text offsets) where a repair guessed, such as an
exponent read without glyph positions, with ``low_confidence`` (0.5) for a claim overlapping one.
A LaTeX source is the author's own text: no metadata, so 1.0.
"""

from __future__ import annotations

from collections.abc import Mapping

# The value docs/pdf.md gives for a guessed span, used when the reader did not record one.
LOW_CONFIDENCE = 0.5


def _number(value: object, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return min(1.0, max(0.0, float(value)))


def _spans(value: object) -> list[tuple[int, int]]:
    """The well-formed ``[start, end]`` pairs of a metadata value (anything else is ignored:
    metadata is free-form and a reader bug must not stop extraction)."""
    if not isinstance(value, list | tuple):
        return []
    out = []
    for item in value:
        if (isinstance(item, list | tuple) and len(item) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in item)):
            out.append((int(item[0]), int(item[1])))
    return out


def span_confidence(metadata: Mapping[str, object], start: int, end: int) -> float:
    """The confidence of something read from ``[start, end)`` of the text: the document's, and
    at most ``low_confidence`` when the range overlaps a span where the reader guessed."""
    confidence = _number(metadata.get("confidence"), 1.0)
    low = _number(metadata.get("low_confidence"), LOW_CONFIDENCE)
    for span_start, span_end in _spans(metadata.get("low_confidence_spans")):
        # Overlap of half-open ranges; an empty claim range touching a span counts too.
        if span_start < max(end, start + 1) and start < span_end:
            confidence = min(confidence, low)
            break
    return confidence
