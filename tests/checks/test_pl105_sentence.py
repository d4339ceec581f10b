"""PL105's paste-ready sentence is written in the paper's own language: LaTeX source for LaTeX
input, plain Unicode text for a PDF."""

from __future__ import annotations

from paperlint.catalogue import load_catalogue
from paperlint.document import DocumentBuilder, SourceFile
from paperlint.estimate import estimate_architecture, estimate_hardware
from paperlint.wording import paste_sentence
from tests.checks.helpers import Paper, only

_TEXT = "We pretrain on 64 A100 GPUs for 12 days."


def _paper(format: str) -> Paper:
    paper = Paper(_TEXT)
    if format == "pdf":
        builder = DocumentBuilder("paper.pdf", "pdf")
        builder.add_source(SourceFile("paper.pdf", _TEXT))
        builder.append_verbatim("paper.pdf", 0, _TEXT)
        paper.document = builder.build()
    hw = paper.claim("A100 GPUs", "hardware", "nvidia-a100")
    count = paper.claim("64", "chip_count", 64)
    days = paper.claim("12 days", "duration", 288.0)
    paper.report(hw, count, days, hardware="nvidia-a100", chip_count=64, duration_hours=288.0)
    return paper


def _parses_as_latex(source: str) -> bool:
    from pylatexenc.latexwalker import LatexWalker, LatexWalkerError

    try:
        LatexWalker(source, tolerant_parsing=False).get_latex_nodes()
    except LatexWalkerError:
        return False
    return True


def test_latex_input_gets_a_latex_sentence() -> None:
    [finding] = only(_paper("latex").check(), "PL105")
    sentence = finding.suggestion
    assert sentence.startswith("Training used about $6.2\\times10^{21}$~FLOP (estimated from 64")
    assert "$\\times$ 288 h" in sentence and "30\\% utilization" in sentence
    assert "$3.1\\times10^{21}$--$1.2\\times10^{22}$~FLOP)." in sentence
    assert "×" not in sentence and "^21" not in sentence and "–" not in sentence
    assert _parses_as_latex(sentence)


def test_pdf_input_gets_plain_unicode() -> None:
    [finding] = only(_paper("pdf").check(), "PL105")
    sentence = finding.suggestion
    assert sentence.startswith("Training used about 6.2×10^21 FLOP (estimated from 64 NVIDIA")
    assert "3.1×10^21–1.2×10^22 FLOP" in sentence
    assert "$" not in sentence and "\\" not in sentence and "~" not in sentence


def test_latex_sentence_escapes_hardware_names() -> None:
    catalogue = load_catalogue(
        [{"name": "R&D_chip #2", "peak_flop_per_s": {"bf16": 1e14}}]
    )
    entry = catalogue.lookup("R&D_chip #2")
    assert entry is not None
    sentence = paste_sentence(estimate_hardware(entry, chips=8, hours=10), latex=True)
    assert "R\\&D\\_chip \\#2" in sentence and _parses_as_latex(sentence)
    assert "R&D_chip #2" in paste_sentence(estimate_hardware(entry, chips=8, hours=10))


def test_latex_6nd_sentence_ties_units_to_numbers() -> None:
    sentence = paste_sentence(estimate_architecture(7e9, 1e12), latex=True)
    assert "6 $\\times$ $7.0\\times10^{9}$~parameters $\\times$ $1.0\\times10^{12}$~tokens" in (
        sentence
    )
    assert _parses_as_latex(sentence)
