"""PL004: a stray or unclosed brace is reported where it is, and the file is still read."""

from __future__ import annotations

from pathlib import Path

import paperlint
from paperlint.readers.latex_files import unbalanced_brace


def _check(tmp_path: Path, body: str) -> list[tuple[str, int, int]]:
    paper = tmp_path / "main.tex"
    paper.write_text(
        "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n",
        encoding="utf-8",
    )
    document = paperlint.check(paper).documents[0]
    assert document.error is None
    return [
        (f.code, f.location.line, f.location.column)
        for f in document.findings
        if f.code == "PL004"
    ]


def test_an_unclosed_brace_is_reported_at_the_brace(tmp_path: Path) -> None:
    assert _check(tmp_path, "We trained on 8 V100 GPUs {for 3 days.") == [("PL004", 3, 27)]


def test_a_stray_closing_brace_is_reported_at_the_brace(tmp_path: Path) -> None:
    assert _check(tmp_path, "Results are good.}\nMore text.") == [("PL004", 3, 18)]


def test_the_rest_of_the_paper_is_still_read(tmp_path: Path) -> None:
    paper = tmp_path / "main.tex"
    paper.write_text(
        "\\documentclass{article}\n\\begin{document}\nA stray } here.\n"
        "We trained on 8 NVIDIA V100 GPUs for 3 days.\n\\end{document}\n",
        encoding="utf-8",
    )
    document = paperlint.check(paper).documents[0]
    assert any(c.type == "hardware" for c in document.claims)


def test_balanced_sources_stay_quiet(tmp_path: Path) -> None:
    body = (
        "Costs grew 50\\% {\\em per year}. % an open { in a comment\n"
        "A set $\\{x\\}$ and a line break\\\\ then \\textbf{bold}.\n"
        "\\begin{verbatim}\n{ unbalanced in verbatim\n\\end{verbatim}\n"
    )
    assert _check(tmp_path, body) == []


def test_scanner_cases() -> None:
    assert unbalanced_brace("a{b}c") is None
    assert unbalanced_brace("{a}{b") == (3, "{")
    assert unbalanced_brace("a}b{") == (1, "}")
    assert unbalanced_brace("\\{ and \\}") is None
    assert unbalanced_brace("\\\\{b}") is None
