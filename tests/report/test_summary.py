"""The Markdown job summary: verdict, compute reports with the FLOP estimate, findings table."""

from __future__ import annotations

from report_helpers import finding, latex_result, report

from paperlint.model import DocumentResult
from paperlint.report import renderer
from paperlint.report.summary import MAX_ROWS, cell, render


def _rows(text: str, header: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_verdict_reports_and_estimate_range() -> None:
    text = render(report(latex_result(finding())))
    assert text.startswith("## paperlint")
    assert "❌ **1 finding at or above `warning`.**" in text
    [paper] = _rows(text, "| Paper |")
    assert "paper/main.tex" in paper and "⚠️ partial" in paper
    assert "2.1×10^20 FLOP (1.0×10^20 FLOP – 4.4×10^20 FLOP; hardware-time)" in paper
    [run] = _rows(text, "| # |")
    assert "8 × a100" in run and "72 h" in run and "training" in run


def test_findings_table_and_fail_level() -> None:
    text = render(report(latex_result(finding(severity="info"), finding("PL301", "error"))),
                  fail_level="error")
    assert "❌ **1 finding at or above `error`.**" in text
    rows = _rows(text, "| | Code |")
    assert rows[0].startswith("| 🔴 | PL301") and rows[1].startswith("| 🔵 | PL201")
    assert "main.tex:4:10" in rows[0]
    clean = render(report(latex_result(finding(severity="info"))), fail_level="warning")
    assert "✅ **No finding at or above `warning`.**" in clean


def test_no_findings_and_no_reports() -> None:
    empty = DocumentResult("p/main.tex", "latex", verdict="missing")
    text = render(report(empty))
    assert "No compute report found." in text and "No findings." in text
    assert "❌ missing" in text


def test_cells_cannot_break_the_table() -> None:
    assert cell("a | b\nc <b>") == "a \\| b c &lt;b&gt;"
    text = render(report(latex_result(finding(message="x | y\nz", suggestion="`code` | w"))))
    [row] = _rows(text, "| | Code |")
    assert row.count(" | ") == 4  # five columns, none added by the message


def test_unreadable_paper() -> None:
    text = render(report(DocumentResult("gone.tex", None, error="no such file or directory")))
    assert "could not be read" in text and "unreadable: no such file or directory" in text


def test_long_tables_are_cut() -> None:
    many = [finding(line=n) for n in range(MAX_ROWS + 5)]
    text = render(report(latex_result(*many)))
    assert len(_rows(text, "| | Code |")) == MAX_ROWS
    assert "…and 5 more" in text


def test_registered_as_markdown_format() -> None:
    assert renderer("markdown")(report(latex_result())).startswith("## paperlint")


def test_counts_agree_with_their_numbers() -> None:
    text = render(report(latex_result(finding("PL301", "error"), finding(line=5))))
    assert "1 paper; 1 error, 1 warning, 0 info." in text
    assert "❌ **2 findings at or above `warning`.**" in text
    unreadable = render(report(DocumentResult("gone.tex", None, error="no such file")))
    assert "❌ **1 paper could not be read.**" in unreadable


SENTENCE = (r"Training used about $2.0\times10^{20}$~FLOP (estimated from 8 NVIDIA A100 GPUs "
            r"$\times$ 72 h $\times$ 30\% utilization; plausible range $1.0\times10^{20}$--"
            r"$4.1\times10^{20}$~FLOP).")


def _code_spans(line: str) -> list[str]:
    """The code spans of one Markdown table row, as GitHub shows them: inside a table cell the
    only escape GFM undoes in a code span is \\| (the table's own)."""
    import re

    return [match.group(2).strip().replace("\\|", "|")
            for match in re.finditer(r"(`+)(.+?)\1", line)]


def test_paste_ready_sentence_copies_verbatim() -> None:
    pl105 = finding("PL105", message="total training compute is not stated",
                    suggestion=SENTENCE)
    text = render(report(latex_result(pl105, finding())))
    rows = _rows(text, "| | Code |")
    row = next(r for r in rows if "PL105" in r)
    # In the table: a code span holding the sentence exactly, so 30\% stays 30\%.
    assert _code_spans(row) == [SENTENCE]
    # Below the table: the same sentence in a fenced block (GitHub gives it a copy button).
    fenced = text.split("```latex\n", 1)[1].split("\n```", 1)[0]
    assert fenced == SENTENCE
    # Advice (not text to paste) stays prose.
    other = next(r for r in rows if "PL201" in r)
    assert _code_spans(other) == [] and 'Replace "FLOPs" with "FLOP".' in other


def test_backticks_and_pipes_inside_a_sentence_survive() -> None:
    odd = r"Use `x` and 30\% ``here``."
    text = render(report(latex_result(finding("PL105", suggestion=odd))))
    [row] = _rows(text, "| | Code |")
    assert _code_spans(row) == [odd]


def test_a_sentence_with_a_pipe_is_shown_below_the_table_only() -> None:
    piped = r"Norm $\|w\|$ at 30\%."
    text = render(report(latex_result(finding("PL105", suggestion=piped))))
    [row] = _rows(text, "| | Code |")
    assert "see below" in row and "\\|w" not in row
    assert text.split("```latex\n", 1)[1].split("\n```", 1)[0] == piped
