"""The fixes rules attach (paperlint/checks/fixes.py): PL201's replacement and PL105's insertion,
their applicability, and the cases where the source map cannot promise an exact edit."""

from __future__ import annotations

from pathlib import Path

from paperlint.api import check_path
from paperlint.checks.fixes import insertion_fix, replacement_fix
from paperlint.document import DocumentBuilder, SourceFile, plain_document
from paperlint.fix import apply_edits
from tests.checks.helpers import Paper, only


def test_pl201_amount_is_safe_and_rate_unsafe() -> None:
    amount = Paper("Training used 3.1e21 GFLOPs in total.")
    amount.claim("3.1e21 GFLOPs", "flop", 3.1e30)
    [finding] = only(amount.check(), "PL201")
    assert finding.fix.applicability == "safe"
    assert apply_edits(amount.text, finding.fix.edits) == "Training used 3.1e21 GFLOP in total."
    rate = Paper("The A100 reaches 312 TFLOPS in bf16.")
    rate.claim("312 TFLOPS", "flop_rate", 3.12e14, "specification")
    [finding] = only(rate.check(), "PL201")
    assert finding.fix.applicability == "unsafe"
    assert apply_edits(rate.text, finding.fix.edits) == "The A100 reaches 312 TFLOP/s in bf16."


def test_pl201_both_readings_get_no_fix() -> None:
    paper = Paper("We count 3e18 FLOPs.")
    paper.claim("3e18 FLOPs", "flop", 3e18)
    paper.claim("3e18 FLOPs", "flop_rate", 3e18)
    [finding] = only(paper.check(), "PL201")
    assert finding.fix is None


def test_pl105_inserts_after_the_full_stop_of_the_reports_sentence() -> None:
    paper = Paper("We pretrain on 64 A100 GPUs for 12 days. Then we stop.")
    hw = paper.claim("A100 GPUs", "hardware", "nvidia-a100")
    count = paper.claim("64", "chip_count", 64)
    days = paper.claim("12 days", "duration", 288.0)
    paper.report(hw, count, days, hardware="nvidia-a100", chip_count=64, duration_hours=288.0)
    [finding] = only(paper.check(), "PL105")
    assert finding.fix.applicability == "unsafe"
    [edit] = finding.fix.edits
    assert (edit.start, edit.end) == (40, 40) and edit.content == " " + finding.suggestion
    assert (edit.location.line, edit.location.column) == (1, 41)


def test_no_pl105_fix_for_a_report_read_from_a_table(tmp_path: Path) -> None:
    paper = tmp_path / "table.tex"
    paper.write_text("\\documentclass{article}\n\\begin{document}\n\\begin{tabular}{lrr}\n"
                     "Model & GPUs & Time \\\\\nOurs & 64 A100 & 12 days \\\\\n\\end{tabular}\n"
                     "\\end{document}\n")
    [finding] = [f for f in check_path(paper).findings if f.code == "PL105"]
    assert finding.fix is None


def _generated_stop() -> DocumentBuilder:
    """Document text "We ran it." whose full stop a macro produced (\\stop in the source)."""
    source = "We ran it\\stop"
    builder = DocumentBuilder("m.tex", "latex")
    builder.add_source(SourceFile("m.tex", source))
    builder.append_verbatim("m.tex", 0, "We ran it")
    builder.append_generated("m.tex", 9, 14, ".")
    return builder


def test_no_edit_where_the_source_is_not_the_text() -> None:
    document = _generated_stop().build()
    assert insertion_fix(document, 10, " More.", applicability="unsafe", description="d") is None
    assert replacement_fix(document, 9, 10, "!", applicability="safe", description="d") is None
    assert replacement_fix(document, 3, 6, "walked", applicability="safe",
                           description="d") is not None


def test_no_second_insertion_when_the_sentence_is_already_there() -> None:
    document = plain_document("We ran it. More. Then.")
    assert insertion_fix(document, 10, " More.", applicability="unsafe", description="d") is None
    assert insertion_fix(document, 10, " Other.", applicability="unsafe",
                         description="d") is not None


def test_no_fix_for_a_pdf() -> None:
    builder = DocumentBuilder("p.pdf", "pdf")
    builder.add_source(SourceFile("p.pdf", "We ran it."))
    builder.append_verbatim("p.pdf", 0, "We ran it.")
    document = builder.build()
    assert insertion_fix(document, 10, " More.", applicability="unsafe", description="d") is None
