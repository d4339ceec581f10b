"""Confidence from the PDF reader's metadata: on claims (extraction) and on findings (checks).

Test sentences are our own writing; the PDF is the repository's own fixture."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from paperlint.api import CheckOptions, analyse, read
from paperlint.document import Document, plain_document
from paperlint.extract import extract
from paperlint.extract.confidence import span_confidence

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "pdf" / "exponent.pdf"


def _with_metadata(text: str, **metadata: object) -> Document:
    document = plain_document(text)
    return dataclasses.replace(document, metadata=dict(metadata))


def test_span_confidence_rules() -> None:
    meta: dict[str, object] = {"confidence": 0.9, "low_confidence": 0.5,
                               "low_confidence_spans": [[10, 14]]}
    assert span_confidence(meta, 0, 5) == 0.9
    assert span_confidence(meta, 12, 20) == 0.5
    assert span_confidence(meta, 14, 20) == 0.9  # half-open: touching the end is outside
    assert span_confidence(meta, 5, 10) == 0.9
    assert span_confidence({}, 0, 5) == 1.0
    # Metadata is free-form: malformed values are ignored, never an exception.
    assert span_confidence({"confidence": "high", "low_confidence_spans": [[1], "x"]}, 0, 5) == 1.0
    # The document's own confidence wins when it is already lower than the guessed spans'.
    assert span_confidence({"confidence": 0.4, "low_confidence_spans": [[0, 9]]}, 0, 5) == 0.4


def test_latex_claims_stay_fully_confident() -> None:
    claims = extract(plain_document("We trained on 8 A100 GPUs for 3 days.")).claims
    assert claims and all(c.confidence == 1.0 for c in claims)


def test_claims_take_the_document_and_span_confidence() -> None:
    text = "We trained on 8 A100 GPUs for 3 days, using 3.1×10^20 FLOP in total."
    start = text.index("10^20")
    document = _with_metadata(text, confidence=0.9, low_confidence=0.5,
                              low_confidence_spans=[[start, start + 5]])
    by_type = {c.type: c.confidence for c in extract(document).claims}
    assert by_type["flop"] == 0.5
    assert by_type["chip_count"] == 0.9
    assert by_type["duration"] == 0.9


def test_findings_carry_their_least_sure_claim() -> None:
    # A report with hardware but no time: PL103. Its count is read from a guessed span.
    text = "We trained the model on 8 A100 GPUs."
    start = text.index("8 A100")
    document = _with_metadata(text, confidence=0.85, low_confidence_spans=[[start, start + 1]])
    result = analyse(document, CheckOptions())
    pl103 = [f for f in result.findings if f.code == "PL103"]
    assert pl103 and pl103[0].confidence == 0.5
    plain = analyse(plain_document(text), CheckOptions())
    assert [f.confidence for f in plain.findings if f.code == "PL103"] == [1.0]


def test_pl201_takes_the_confidence_of_its_text() -> None:
    text = "Our detector needs 4.2 GFLOPs for each image of the validation set."
    result = analyse(_with_metadata(text, confidence=0.9), CheckOptions())
    pl201 = [f for f in result.findings if f.code == "PL201"]
    assert pl201 and pl201[0].confidence == 0.9


def test_findings_without_claims_stay_at_one() -> None:
    # PL101 is about an absence: no claim to inherit from.
    result = analyse(_with_metadata("A paper about proofs.", confidence=0.9), CheckOptions())
    assert [f.confidence for f in result.findings if f.code == "PL101"] == [1.0]


def test_real_pdf_pypdf_confidence() -> None:
    result = analyse(read(FIXTURE, CheckOptions(pdf_backend="pypdf")), CheckOptions())
    flops = [c for c in result.claims if c.type == "flop"]
    assert flops and {c.confidence for c in result.claims} == {0.9}
    assert all(f.confidence <= 0.9 for f in result.findings if f.code != "PL101")


def test_real_pdf_pdfium_guessed_exponents() -> None:
    pytest.importorskip("pypdfium2", reason="the pdfium backend is an optional extra")
    document = read(FIXTURE, CheckOptions(pdf_backend="pdfium"))
    claims = extract(document).claims
    flops = [c for c in claims if c.type == "flop"]
    others = [c for c in claims if c.type != "flop"]
    # The exponents were read without glyph positions: guessed, so 0.5; the rest 0.85.
    assert flops and all(c.confidence == 0.5 for c in flops)
    assert others and all(c.confidence == 0.85 for c in others)
