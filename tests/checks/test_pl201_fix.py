"""PL201's literal fix: "FLOPs" -> "FLOP" as an edit of exactly the unit's source span, which
SARIF carries as a ``fixes`` entry and the text report shows as the suggestion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperlint import __version__
from paperlint.api import check_path
from paperlint.document import DocumentBuilder, SourceFile
from paperlint.model import Finding, Report
from paperlint.report.sarif import build
from paperlint.report.text import render
from tests.checks.helpers import Paper, only

# Our own sentences: a count written "FLOPs", a count produced by a macro, a rate written "TFLOPS".
_PAPER = r"""\documentclass{article}
\newcommand{\flops}{FLOPs}
\begin{document}
We pretrain our model on 8 A100 GPUs for 3 days, which is about
$1.5\times10^{21}$ FLOPs in total.
The smaller variant needed 2e20~\flops as well.
Each A100 sustains 150 TFLOPS in our runs.
\end{document}
"""


def _apply(source: str, finding: Finding) -> str:
    """The source with the finding's replacement applied at its (1-based, one-line) location."""
    location = finding.location
    assert finding.replacement is not None and location.end_line == location.line
    assert location.end_column is not None
    lines = source.split("\n")
    line = lines[location.line - 1]
    lines[location.line - 1] = (
        line[: location.column - 1] + finding.replacement + line[location.end_column - 1 :]
    )
    return "\n".join(lines)


def test_count_gets_a_literal_replacement_of_the_unit_only() -> None:
    paper = Paper("Training used 3.1e21 GFLOPs in total.")
    paper.claim("3.1e21 GFLOPs", "flop", 3.1e30)
    [finding] = only(paper.check(), "PL201")
    assert finding.replacement == "GFLOP"
    assert _apply(paper.text, finding) == "Training used 3.1e21 GFLOP in total."


def test_rate_gets_flop_per_second() -> None:
    paper = Paper("The A100 reaches 312 TFLOPS in bf16.")
    paper.claim("312 TFLOPS", "flop_rate", 3.12e14, "specification")
    [finding] = only(paper.check(), "PL201")
    assert _apply(paper.text, finding) == "The A100 reaches 312 TFLOP/s in bf16."


def test_spelled_prefix_is_replaced_whole() -> None:
    paper = Paper("Training took 3 peta-flops overall.")
    paper.claim("3 peta-flops", "flop", 3e15)
    [finding] = only(paper.check(), "PL201")
    assert _apply(paper.text, finding) == "Training took 3 PFLOP overall."


def test_no_replacement_when_the_meaning_is_unclear() -> None:
    paper = Paper("The model needs 12 GFLOPs.")
    paper.claim("12 GFLOPs", "flop", 1.2e10)
    paper.claim("12 GFLOPs", "flop_rate", 1.2e10)
    [finding] = only(paper.check(), "PL201")
    assert finding.replacement is None and finding.suggestion is not None


def test_no_replacement_for_a_pdf() -> None:
    text = "Training used 3.1e21 FLOPs in total."
    builder = DocumentBuilder("paper.pdf", "pdf")
    builder.add_source(SourceFile("paper.pdf", text))
    builder.append_verbatim("paper.pdf", 0, text)
    paper = Paper(text)
    paper.document = builder.build()
    paper.claim("3.1e21 FLOPs", "flop", 3.1e21)
    [finding] = only(paper.check(), "PL201")
    assert finding.replacement is None


@pytest.fixture(scope="module")
def latex_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    path = tmp_path_factory.mktemp("fix") / "main.tex"
    path.write_text(_PAPER, encoding="utf-8")
    return path, Report((check_path(path),), version=__version__)


def test_latex_paper_fixes_typed_units_but_not_macro_output(
    latex_run: tuple[Path, Report],
) -> None:
    _, report = latex_run
    findings = [f for f in report.findings if f.code == "PL201"]
    by_line = {f.location.line: f for f in findings}
    assert set(by_line) == {5, 6, 7}
    assert by_line[5].replacement == "FLOP"
    assert by_line[6].replacement is None  # written as \flops: the source range is the macro
    assert by_line[7].replacement == "TFLOP/s"
    fixed = _apply(_apply(_PAPER, by_line[5]), by_line[7])
    assert "$1.5\\times10^{21}$ FLOP in total." in fixed and "150 TFLOP/s in" in fixed


def test_sarif_fix_is_valid_and_targets_the_unit(
    latex_run: tuple[Path, Report], shared_dir: Path
) -> None:
    import jsonschema

    path, report = latex_run
    schema_file = shared_dir / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip(f"{schema_file} is absent")
    log = build(report, root=path.parent)
    jsonschema.validate(log, json.loads(schema_file.read_text(encoding="utf-8")))
    fixed = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert len(fixed) == 2
    [change] = fixed[0]["fixes"][0]["artifactChanges"]
    [edit] = change["replacements"]
    assert edit["deletedRegion"] == {"startLine": 5, "startColumn": 20, "endLine": 5,
                                     "endColumn": 25}
    assert edit["insertedContent"]["text"] == "FLOP"
    assert change["artifactLocation"]["uri"].endswith("main.tex")
    assert 'Replace "FLOPs" with "FLOP"' in fixed[0]["fixes"][0]["description"]["text"]


def test_text_report_shows_the_suggestion(latex_run: tuple[Path, Report]) -> None:
    _, report = latex_run
    out = render(report)
    assert ':5:20: PL201 "FLOPs" is used for an amount' in out
    assert 'suggestion: Replace "FLOPs" with "FLOP".' in out
    assert 'suggestion: Replace "TFLOPS" with "TFLOP/s".' in out
