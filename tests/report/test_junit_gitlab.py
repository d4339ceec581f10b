"""JUnit XML and GitLab Code Quality: checked against what their consumers document.

GitLab Code Quality: tests/report/schemas/gitlab-code-quality.schema.json, written from GitLab's
description of the format (required fields, severities), plus unique fingerprints. JUnit: the
elements and attributes GitLab's unit test reports parse (testsuites > testsuite > testcase with
classname, name, file, time; failure/error with their content), counts that add up, and no two
test cases with the same (classname, name), which GitLab would drop.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from report_helpers import finding, latex_result, report

from paperlint.cli import main
from paperlint.model import DocumentResult
from paperlint.report import renderer
from paperlint.report.gitlab import build

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "gitlab-code-quality.schema.json")
                    .read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _in_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)


def _sample() -> object:
    pdf = DocumentResult("papers/p.pdf", "pdf", files=("p.pdf",), verdict="partial",
                         findings=(finding(file="p.pdf", line=3, column=1, end=None),))
    archive = DocumentResult("papers/src.tar.gz", "latex", files=("main.tex",), verdict="partial",
                             findings=(finding(file="main.tex", line=7),))
    twins = latex_result(finding(line=4), finding(line=9), finding("PL301", "error", line=2),
                         finding("PL105", "info", line=1, suggestion=r"Paste 30\% here."))
    return report(twins, pdf, archive, latex_result(path="clean/main.tex"),
                  DocumentResult("gone.tex", None, error="no such file or directory"))


def test_gitlab_code_quality_follows_the_documented_format() -> None:
    issues = build(_sample())  # type: ignore[arg-type]
    jsonschema.validate(issues, SCHEMA)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)  # GitLab dedups them
    by_path = {(i["location"]["path"], i["location"]["lines"]["begin"]): i for i in issues}
    assert by_path[("paper/main.tex", 2)]["severity"] == "major"  # paperlint's error
    assert by_path[("paper/main.tex", 1)]["severity"] == "info"
    assert by_path[("paper/main.tex", 4)]["check_name"] == "paperlint/PL201"
    assert "(page 3)" in by_path[("papers/p.pdf", 3)]["description"]
    assert "(in main.tex:7:10)" in by_path[("papers/src.tar.gz", 1)]["description"]
    assert by_path[("gone.tex", 1)]["check_name"] == "paperlint/unreadable"
    assert r"Paste 30\% here." in by_path[("paper/main.tex", 1)]["description"]


def test_gitlab_fingerprint_survives_a_move_and_tells_twins_apart() -> None:
    before = build(report(latex_result(finding(line=4), finding(line=9))))
    after = build(report(latex_result(finding(line=14), finding(line=19))))
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert before[0]["fingerprint"] != before[1]["fingerprint"]


def _cases(root: ET.Element) -> list[ET.Element]:
    return [case for suite in root.iter("testsuite") for case in suite.iter("testcase")]


def test_junit_has_what_gitlab_parses() -> None:
    root = ET.fromstring(renderer("junit")(_sample()))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["paper/main.tex", "papers/p.pdf",
                                               "papers/src.tar.gz", "clean/main.tex", "gone.tex"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(1 for c in cases if c.find("failure")
                                                       is not None)
        assert int(suite.get("errors", "-1")) == sum(1 for c in cases if c.find("error")
                                                     is not None)
        for case in cases:
            assert case.get("classname") and case.get("name") and case.get("file")
            assert float(case.get("time", "x")) >= 0
    cases = _cases(root)
    pairs = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(set(pairs)) == len(pairs)  # GitLab would keep only the first of a pair
    # 4 + 1 + 1 findings, a clean paper's passing case, an unreadable paper's error.
    assert int(root.get("tests", "0")) == len(cases) == 8
    assert int(root.get("failures", "0")) == 6 and int(root.get("errors", "0")) == 1
    failure = next(c for c in cases if c.get("name") == "PL301 ambiguous-flops-unit at 2:10")
    node = failure.find("failure")
    assert node is not None and node.get("type") == "error"
    assert (node.text or "").startswith("paper/main.tex:2:10: PL301")
    assert any(c.get("name") == "no findings" and not list(c) for c in cases)
    pdf = next(c for c in cases if c.get("classname") == "papers/p.pdf")
    assert pdf.get("name", "").endswith("at page 3")


def test_junit_keeps_twins_on_one_place_apart() -> None:
    same = latex_result(finding(line=4, message="one"), finding(line=4, message="two"))
    root = ET.fromstring(renderer("junit")(report(same)))
    names = [c.get("name") for c in _cases(root)]
    assert names == ["PL201 ambiguous-flops-unit at 4:10", "PL201 ambiguous-flops-unit at 4:10 (2)"]


def test_both_formats_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "main.tex").write_text(
        "\\documentclass{article}\\begin{document}\nOur tagger trained for 2 days on 4 NVIDIA V100"
        " GPUs, about 4e19 FLOPs.\n\\end{document}\n", encoding="utf-8")
    for name in ("junit", "gitlab"):
        result = CliRunner().invoke(main, ["check", "paper/main.tex", "--output-format", name])
        assert result.exit_code == 1, result.output
    issues = json.loads(CliRunner().invoke(main, ["check", "paper/main.tex", "--format",
                                                  "gitlab"]).stdout)
    jsonschema.validate(issues, SCHEMA)
    assert [i["location"] for i in issues] == [{"path": "paper/main.tex",
                                                "lines": {"begin": 2, "end": 2}}]
    junit = ET.fromstring(CliRunner().invoke(main, ["check", "paper/main.tex", "--format",
                                                    "junit"]).stdout)
    assert [c.get("file") for c in _cases(junit)] == ["paper/main.tex"]
