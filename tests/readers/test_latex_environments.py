"""PL005: a crossed, stray or never-closed environment is reported where it is; valid LaTeX that
only looks unbalanced (macro bodies, conditional branches, a file closed by an include) is not."""

from __future__ import annotations

from pathlib import Path

import pytest

import paperlint
from paperlint.readers.latex_files import mask_skipped
from paperlint.readers.latex_structure import unbalanced_environments

HEAD = "\\documentclass{article}\n\\begin{document}\n"
TAIL = "\n\\end{document}\n"


def _findings(tmp_path: Path, source: str, files: dict[str, str] | None = None
              ) -> list[tuple[str, int, int, str]]:
    (tmp_path / "main.tex").write_text(source, encoding="utf-8")
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    document = paperlint.check(tmp_path / "main.tex").documents[0]
    assert document.error is None
    return [(f.location.file, f.location.line, f.location.column, f.message)
            for f in document.findings if f.code == "PL005"]


def test_an_end_that_names_another_environment(tmp_path: Path) -> None:
    body = "\\begin{itemize}\n\\item We train on 8 A100 GPUs.\n\\end{enumerate}"
    found = _findings(tmp_path, HEAD + body + TAIL)
    # One slip, one finding: \end{document} still closes the document.
    assert found == [("main.tex", 5, 1, "\\end{enumerate} has no \\begin{enumerate}; the "
                                         "environment open here is \\begin{itemize}")]


def test_an_end_that_closes_an_outer_environment_over_an_open_one(tmp_path: Path) -> None:
    body = "\\begin{table}\n\\begin{tabular}{ll}\na & b\n\\end{table}"
    found = _findings(tmp_path, HEAD + body + TAIL)
    assert [(line, message) for _, line, _, message in found] == [
        (4, "\\begin{tabular} is not closed before \\end{table}")]


def test_an_end_with_no_begin_and_a_begin_never_closed(tmp_path: Path) -> None:
    assert _findings(tmp_path, HEAD + "Some text.\n\\end{figure}" + TAIL) == [
        ("main.tex", 4, 1, "\\end{figure} has no \\begin{figure}; the environment open here is "
                           "\\begin{document}")]
    assert _findings(tmp_path, "Text.\n\\end{figure}\n") == [
        ("main.tex", 2, 1, "\\end{figure} closes no \\begin{figure} in this file")]
    body = "\\begin{equation}\nE = mc^2\n\nMore text.\n\\begin{align}a\\end{align}"
    found = _findings(tmp_path, HEAD + body + TAIL)
    assert [(line, message) for _, line, _, message in found] == [
        (3, "\\begin{equation} is not closed before \\end{document}")]
    # In a section file, with no \end{document} to close over it.
    found = _findings(tmp_path, HEAD + "\\input{section}\n" + TAIL, {"section.tex": body})
    assert [(file, line, message) for file, line, _, message in found] == [
        ("section.tex", 1, "\\begin{equation} is never closed in this file")]


def test_the_finding_points_into_the_included_file_and_the_paper_is_still_read(
        tmp_path: Path) -> None:
    found = _findings(
        tmp_path, HEAD + "\\input{setup}" + TAIL,
        {"setup.tex": "We train on 8 NVIDIA V100 GPUs for 3 days.\n"
                      "\\begin{itemize}\\item x\n\\end{enumerate}\n"})
    assert [(file, line, column) for file, line, column, _ in found] == [("setup.tex", 3, 1)]
    document = paperlint.check(tmp_path / "main.tex").documents[0]
    assert {c.type for c in document.claims} >= {"hardware", "chip_count", "duration"}


@pytest.mark.parametrize("body", [
    # A macro that opens an environment and one that closes it, as such macros are written.
    "\\newcommand{\\bc}{\\begin{center}}\n\\newcommand{\\ec}{\\end{center}}\n\\bc x \\ec",
    "\\def\\startlist{\\begin{itemize}}\\def\\stoplist{\\end{itemize}}",
    "\\newenvironment{boxed}{\\begin{center}\\begin{small}}{\\end{small}\\end{center}}",
    # Only one branch of a conditional is typeset.
    "\\newif\\ifwide\n\\ifwide\\begin{figure*}\\else\\begin{figure}\\fi\nx\n"
    "\\ifwide\\end{figure*}\\else\\end{figure}\\fi",
    # Commands that start with \if but take no \fi do not hide what follows.
    "$a \\iff b$ \\ifthenelse{1=1}{a}{b} \\begin{itemize}\\item y\\end{itemize}",
    # Verbatim text, comments, \iffalse blocks and escaped braces.
    "\\begin{verbatim}\n\\end{enumerate}\n\\end{verbatim}\n% \\end{itemize} in a comment\n"
    "\\iffalse \\begin{table} \\fi \\{ \\begin{quote} q \\end{quote}",
    # Nested and spaced.
    "\\begin{table}\\begin{tabular}{ll}a & b\\\\\\end{tabular}\\end {table}",
])
def test_valid_latex_stays_quiet(tmp_path: Path, body: str) -> None:
    assert _findings(tmp_path, HEAD + body + TAIL) == []


def test_an_environment_closed_in_a_file_included_after_it_stays_quiet(tmp_path: Path) -> None:
    found = _findings(tmp_path, HEAD + "Text.\n\\input{ending}\n",
                      {"ending.tex": "The end.\n"})
    assert found == []


def test_a_brace_left_open_is_one_finding_not_two(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text(HEAD + "We train {on 8 GPUs." + TAIL, encoding="utf-8")
    codes = [f.code for f in paperlint.check(tmp_path / "main.tex").documents[0].findings
             if f.code.startswith("PL00")]
    assert codes == ["PL004"]


def test_it_can_be_silenced_on_its_line(tmp_path: Path) -> None:
    body = "\\begin{itemize}\\item a\n\\end{enumerate} % paperlint: ignore=PL005"
    assert _findings(tmp_path, HEAD + body + TAIL) == []


def test_scanner_offsets() -> None:
    text = "\\begin{a}x\\end{b}"
    (problem,) = unbalanced_environments(mask_skipped(text))
    assert (problem.offset, problem.length) == (10, 7)
    assert unbalanced_environments("no environments at all") == []


@pytest.mark.parametrize("before", ["$a \\iff b$", "\\ifthenelse{1=1}{a}{b}",
                                    "\\iftoggle{wide}{a}{b}", "\\newif\\ifwide"])
def test_commands_that_take_no_fi_hide_nothing_after_them(tmp_path: Path, before: str) -> None:
    body = before + "\n\\begin{itemize}\\item x\n\\end{enumerate}"
    assert [line for _, line, _, _ in _findings(tmp_path, HEAD + body + TAIL)] == [5]
