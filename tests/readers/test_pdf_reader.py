"""The PDF reader on our own fixture papers (fixtures/pdf/*.tex, compiled) and on bad input."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from paperlint.api import CheckOptions, check_path
from paperlint.errors import InputError
from paperlint.readers import read_path
from paperlint.readers.pdf import build_document, read_pdf
from paperlint.readers.pdf_backends import Budget, PageText, pdfium_available

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pdf"


def read(name: str, **options: object) -> object:
    path = FIXTURES / name
    return read_pdf(path, CheckOptions(**options), display_path=str(path))  # type: ignore[arg-type]


def blank_pdf(pages: int, tmp_path: Path, name: str = "blank.pdf") -> Path:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    target = tmp_path / name
    with target.open("wb") as handle:
        writer.write(handle)
    return target


# -- reading our fixtures --------------------------------------------------------------------------
def test_two_column_paper_reads_in_order_with_repairs() -> None:
    document = read_pdf(FIXTURES / "twocolumn.pdf", CheckOptions(), display_path="twocolumn.pdf")
    text = document.text
    assert document.format == "pdf"
    assert "We trained the final model on 8 GPUs for 12 days." in text  # footnote mark dropped
    assert "300B tokens" in text  # "to-\nkens" joined across the line end
    assert "Efficiently" in text and "ﬁ" not in text
    assert "Preprint: routing experts" not in text  # running header
    assert "4096 TPU chips" not in text  # references cut...
    assert "A Training details" in text and "2000 steps" in text  # ...appendix kept
    assert text.index("1 Introduction") < text.index("2 Method") < text.index("3 Experiments")


def test_location_is_page_and_column() -> None:
    document = read_pdf(FIXTURES / "twocolumn.pdf", CheckOptions(), display_path="x/twocolumn.pdf")
    start = document.text.index("2000 steps")
    location = document.location(start, start + len("2000 steps"))
    assert location.file == "twocolumn.pdf" and location.line == 2
    source = document.sources["twocolumn.pdf"]
    assert source.line_text(2)[location.column - 1 :].startswith("2000 steps")
    assert document.source_text(start, start + 10) == "2000 steps"
    assert len(source.line_starts) == document.metadata["pages"] == 2


def test_review_copy_loses_its_line_numbers_and_ligature_slots() -> None:
    document = read_pdf(FIXTURES / "review.pdf", CheckOptions(), display_path="review.pdf")
    assert "Training took 36 hours on 64 TPU v4 chips, using bfloat16 precision" in document.text
    assert "the first stage" in document.text
    for line in document.text.splitlines():
        assert not line.rstrip()[-1:].isdigit() or line.startswith("Training")


def test_exponent_from_positions_is_sure() -> None:
    document = read_pdf(FIXTURES / "exponent.pdf", CheckOptions(), display_path="exponent.pdf")
    assert "3.1×10^20 FLOP" in document.text and "2 × 10^18 FLOP" in document.text
    assert document.metadata["low_confidence_spans"] == []  # positions decided, nothing guessed
    assert document.metadata["positions"] is True
    start = document.text.index("10^20")
    assert document.source_text(start, start + 5) == "1020"


def test_read_path_dispatches_pdf_by_suffix() -> None:
    document = read_path(FIXTURES / "exponent.pdf", CheckOptions())
    assert document.format == "pdf"


# -- same paper, two formats -----------------------------------------------------------------------
@pytest.mark.parametrize("paper", ["twocolumn", "review", "exponent"])
def test_pdf_and_latex_find_the_same_claims(paper: str) -> None:
    from_pdf = check_path(FIXTURES / f"{paper}.pdf")
    from_tex = check_path(FIXTURES / f"{paper}.tex")
    assert from_pdf.error is None and from_tex.error is None
    pdf_claims = sorted((c.type, str(c.value)) for c in from_pdf.claims)
    tex_claims = sorted((c.type, str(c.value)) for c in from_tex.claims)
    assert pdf_claims == tex_claims
    assert pdf_claims  # the papers do state compute
    if paper != "twocolumn":  # there the chip type sits in a footnote at the foot of the page
        assert from_pdf.verdict == from_tex.verdict


# -- bad input -------------------------------------------------------------------------------------
def test_not_a_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "paper.pdf"
    fake.write_text("<html>404 not found</html>")
    with pytest.raises(InputError, match="not a PDF file") as caught:
        read_pdf(fake, CheckOptions(), display_path="paper.pdf")
    assert str(caught.value).startswith("paper.pdf: ")


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        read_pdf(empty, CheckOptions(), display_path="empty.pdf")


def test_truncated_pdf(tmp_path: Path) -> None:
    data = (FIXTURES / "exponent.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match=r"malformed|truncated|no text layer|no page"):
        read_pdf(cut, CheckOptions(), display_path="cut.pdf")


def test_scanned_pdf_without_text_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no text layer"):
        read_pdf(blank_pdf(2, tmp_path), CheckOptions(), display_path="scan.pdf")


def test_one_page_without_text_is_a_reader_problem() -> None:
    pages = [PageText("We trained on 8 GPUs."), PageText("   ")]
    document = build_document(pages, "mixed.pdf", "mixed.pdf", "pypdf")
    (problem,) = document.problems
    assert problem.code == "PL003" and problem.location.line == 2
    assert "no text layer: run OCR first" in problem.message


def test_page_that_failed_is_reported_and_others_read() -> None:
    pages = [PageText("", error="bad stream"), PageText("On 8 GPUs.")]
    document = build_document(pages, "p.pdf", "p.pdf", "pypdf")
    assert "8 GPUs" in document.text and "could not be read" in document.problems[0].message


def test_encrypted_pdf(tmp_path: Path) -> None:
    import pypdf

    reader = pypdf.PdfReader(FIXTURES / "exponent.pdf")
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt("secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="encrypted PDF"):
        read_pdf(locked, CheckOptions(), display_path="locked.pdf")


def test_encrypted_with_empty_password_is_read(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(FIXTURES / "exponent.pdf"))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    opened = tmp_path / "opened.pdf"
    with opened.open("wb") as handle:
        writer.write(handle)
    assert "FLOP" in read_pdf(opened, CheckOptions(), display_path="opened.pdf").text


def test_page_limit(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="501 pages"):
        read_pdf(blank_pdf(501, tmp_path), CheckOptions(), display_path="long.pdf")


def test_character_budget_stops_a_huge_text() -> None:
    with pytest.raises(InputError, match="too costly"):
        read_pdf(
            FIXTURES / "twocolumn.pdf",
            CheckOptions(),
            display_path="t.pdf",
            budget=Budget(max_chars=500),
        )


def test_unknown_backend() -> None:
    with pytest.raises(InputError, match="unknown PDF backend"):
        read_pdf(FIXTURES / "exponent.pdf", CheckOptions(pdf_backend="nope"), display_path="e.pdf")


def test_check_path_turns_a_bad_pdf_into_an_error_result(tmp_path: Path) -> None:
    fake = tmp_path / "x.pdf"
    fake.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    result = check_path(fake)
    assert result.error is not None and "PDF" in result.error


# -- fuzzing: mutated bytes of real fixture files --------------------------------------------------
@pytest.mark.parametrize("paper", ["exponent.pdf", "review.pdf"])
def test_mutated_pdfs_give_a_document_or_an_input_error(paper: str, tmp_path: Path) -> None:
    data = bytearray((FIXTURES / paper).read_bytes())
    rng = random.Random(f"paperlint-{paper}")
    target = tmp_path / paper
    for round_ in range(25):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        if round_ % 5 == 0:  # also cut, or splice a slice elsewhere
            mutated = mutated[: rng.randrange(len(mutated))]
        target.write_bytes(bytes(mutated))
        try:
            document = read_pdf(
                target, CheckOptions(), display_path=paper, budget=Budget(max_seconds=20)
            )
        except InputError as error:
            assert "\n" not in str(error) and str(error).startswith(paper)
        else:
            assert document.format == "pdf"


# -- the PDFium backend (optional extra fast-pdf) --------------------------------------------------
needs_pdfium = pytest.mark.skipif(
    not pdfium_available(), reason="pypdfium2 (extra fast-pdf) absent"
)


@needs_pdfium
def test_pdfium_backend_reads_the_same_paper() -> None:
    document = read_pdf(
        FIXTURES / "review.pdf", CheckOptions(pdf_backend="pdfium"), display_path="r.pdf"
    )
    assert document.metadata["backend"] == "pdfium"
    assert "Training took 36 hours on 64 TPU v4 chips" in document.text
    start = document.text.index("36 hours")
    assert document.location(start).line == 1


@needs_pdfium
def test_pdfium_reads_exponents_as_low_confidence_guesses() -> None:
    document = read_pdf(
        FIXTURES / "exponent.pdf", CheckOptions(pdf_backend="pdfium"), display_path="e.pdf"
    )
    assert "10^20" in document.text
    spans = document.metadata["low_confidence_spans"]
    assert isinstance(spans, list) and any(document.text[a:b] == "^20" for a, b in spans)


@needs_pdfium
def test_pdfium_and_pypdf_agree_on_claims() -> None:
    for paper in ("exponent.pdf", "review.pdf"):
        fast = check_path(FIXTURES / paper, CheckOptions(pdf_backend="pdfium"))
        plain = check_path(FIXTURES / paper)
        assert sorted((c.type, str(c.value)) for c in fast.claims) == sorted(
            (c.type, str(c.value)) for c in plain.claims
        )


@needs_pdfium
def test_pdfium_refuses_bad_files(tmp_path: Path) -> None:
    fake = tmp_path / "bad.pdf"
    fake.write_bytes(b"%PDF-1.4\nnot really")
    with pytest.raises(InputError):
        read_pdf(fake, CheckOptions(pdf_backend="pdfium"), display_path="bad.pdf")


def test_pdf_bytes_fixture_is_small() -> None:
    for pdf in FIXTURES.glob("*.pdf"):
        assert pdf.stat().st_size < 200_000, pdf  # committed fixtures stay small
