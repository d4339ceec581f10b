"""Every finding's message is one line, even when the source text it quotes spans lines."""

from __future__ import annotations

from pathlib import Path

import paperlint


def test_quoted_text_across_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    paper = tmp_path / "main.tex"
    paper.write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        "We trained the model on 512 TPU\ncores for two weeks.\n\\end{document}\n",
        encoding="utf-8",
    )
    findings = paperlint.check(paper).documents[0].findings
    assert any(f.code == "PL202" for f in findings)
    for finding in findings:
        assert "\n" not in finding.message
        assert "  " not in finding.message
