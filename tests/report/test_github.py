"""GitHub workflow commands: escaping, levels, ordering and GitHub's 10-per-type limit."""

from __future__ import annotations

import os
import re

import pytest
from report_helpers import finding, latex_result, report

from paperlint.model import DocumentResult
from paperlint.report import renderer
from paperlint.report.github import PER_TYPE, escape_data, escape_property, render

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(value: str) -> str:
    # What the runner does to read a command back (the inverse of GitHub's escaping).
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    parsed = []
    for line in text.splitlines():
        match = COMMAND.match(line)
        if match:
            props = dict(item.split("=", 1) for item in match[2].split(","))
            parsed.append((match[1], {k: _unescape(v) for k, v in props.items()},
                           _unescape(match[3])))
    return parsed


def test_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"  # the message keeps : and ,
    assert escape_property("a: b, c%") == "a%3A b%2C c%25"


def test_one_annotation_per_finding_with_its_range() -> None:
    text = render(report(latex_result(finding(suggestion="Use 100%, not 1.0, here."))))
    [(level, props, message)] = _commands(text)
    assert level == "warning"
    assert props == {"file": "paper/main.tex", "line": "4", "col": "10", "endLine": "4",
                     "endColumn": "15", "title": "paperlint PL201 (ambiguous-flops-unit)"}
    assert message == '"FLOPs" can mean an amount or a rate\nSuggestion: Use 100%, not 1.0, here.'
    assert renderer("github")(report(latex_result(finding()))).startswith("::warning ")


def test_levels_follow_severity() -> None:
    text = render(report(latex_result(
        finding(severity="info"), finding(severity="error"), finding(severity="warning"))))
    assert [level for level, _, _ in _commands(text)] == ["error", "warning", "notice"]


def test_property_values_with_commas_and_colons_are_escaped() -> None:
    text = render(report(latex_result(finding(file="a,b:c.tex"), path="x/main.tex")))
    [(_, props, _)] = _commands(text)
    assert props["file"] == "x/a,b:c.tex"
    assert "file=x/a%2Cb%3Ac.tex," in text


def test_ten_per_type_then_a_summary_line() -> None:
    warnings = [finding(line=n, message=f"w{n}") for n in range(1, 14)]
    errors = [finding("PL301", "error", line=100 + n, message=f"e{n}") for n in range(1, 3)]
    text = render(report(latex_result(*warnings, *errors)))
    commands = _commands(text)
    assert [level for level, _, _ in commands] == ["error"] * 2 + ["warning"] * PER_TYPE
    # The cut warnings are still in the log, as plain lines, and counted.
    assert "paper/main.tex:13:10: PL201 w13" in text
    assert "3 more findings not annotated" in text
    assert text.rstrip().endswith("paperlint: 15 findings in 1 document.")


def test_no_cut_line_when_everything_fits() -> None:
    text = render(report(latex_result(*[finding(line=n) for n in range(1, PER_TYPE + 1)])))
    assert len(_commands(text)) == PER_TYPE
    assert "not annotated" not in text


def test_unreadable_paper_and_pdf_pages() -> None:
    pdf = DocumentResult("paper.pdf", "pdf", findings=(finding(file="paper.pdf", line=2),))
    bad = DocumentResult("gone.tex", None, error="no such file or directory")
    commands = _commands(render(report(pdf, bad)))
    assert commands[0] == ("error", {"file": "gone.tex", "title": "paperlint: cannot read"},
                           "no such file or directory")
    _, props, message = commands[1]
    assert props["file"] == "paper.pdf" and props["line"] == "2" and "col" not in props
    assert "(page 2)" in message


# A submission's file name that tries to start workflow commands of its own (issue 19).
HOSTILE = ["evil\n::error file=ci.yml,line=1::forged.tex", "::warning title=x::forged.tex",
           "::stop-commands::tok\n.tex", os.fsdecode(b"bad\xff\n::notice::x.tex")]


def _runner_commands(text: str) -> list[str]:
    """Every line a runner would take for a workflow command (``::`` at the start of a line,
    after leading whitespace, as the runner trims it)."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_name_never_starts_a_workflow_command(name: str) -> None:
    # Twelve warnings: ten annotations, then two overflow lines that name the file in plain text.
    findings = [finding(file=name, line=n, message=f"w{n}") for n in range(1, 13)]
    documents = (latex_result(*findings, path=name),
                 DocumentResult(name, None, error=f"cannot read {name}"))
    text = render(report(*documents))
    text.encode("utf-8")  # strict: valid UTF-8
    lines = _runner_commands(text)
    # One error annotation (the unreadable paper) and ten warnings: nothing else.
    assert len(lines) == 1 + PER_TYPE
    assert all(COMMAND.match(line) for line in lines)
    assert [level for level, _, _ in _commands(text)] == ["error"] + ["warning"] * PER_TYPE
    for _, props, _ in _commands(text):
        assert "\udcff" not in props["file"]
    assert "2 more findings not annotated" in text


def test_overflow_lines_are_escaped_like_the_annotations() -> None:
    findings = [finding(line=n, message=f"w{n}") for n in range(1, 11)]
    findings.append(finding(line=11, message="50% \r\n::error::forged"))
    text = render(report(latex_result(*findings)))
    assert len(_runner_commands(text)) == PER_TYPE
    assert "PL201 50% \\r\\n::error::forged" in text
