"""Each fixable rule says so: in `paperlint rules` (text and JSON), its docs page and SARIF."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from paperlint.api import check_path
from paperlint.checks.docs import render_rule
from paperlint.cli import main
from paperlint.model import Report
from paperlint.report.sarif import build, rule_descriptor
from paperlint.rulebook import RULES

FIXABLE = {"PL105": "unsafe", "PL201": "sometimes-safe"}


def test_the_registry_marks_exactly_the_fixable_rules() -> None:
    assert {code: rule.fixable for code, rule in RULES.items() if rule.fixable} == FIXABLE


def test_rules_command_and_pages_say_so() -> None:
    text = CliRunner().invoke(main, ["rules"]).output.splitlines()
    for line in text:
        code = line.split()[0]
        assert ("  fix:" in line) == (code in FIXABLE)
        if code in FIXABLE:
            assert f"  fix:{FIXABLE[code]}  " in line
    data = json.loads(CliRunner().invoke(main, ["rules", "--format", "json"]).output)
    assert {item["code"]: item["fixable"] for item in data if item["fixable"]} == FIXABLE
    for code in FIXABLE:
        page = render_rule(RULES[code])
        assert "## Automatic fix" in page and "- Fix: " in page
    assert "## Automatic fix" not in render_rule(RULES["PL101"])


def test_sarif_marks_rules_and_carries_the_insertion(tmp_path: Path) -> None:
    assert rule_descriptor(RULES["PL105"])["properties"]["fixable"] == "unsafe"
    assert "fixable" not in rule_descriptor(RULES["PL101"])["properties"]
    paper = tmp_path / "p.tex"
    paper.write_text("\\documentclass{article}\n\\begin{document}\nWe pretrain on 64 NVIDIA A100 "
                     "GPUs for 12 days. Evaluation cost 2e18 GFLOPs.\n\\end{document}\n")
    log = build(Report((check_path(paper),)), root=tmp_path)
    fixes = {r["ruleId"]: r["fixes"][0] for r in log["runs"][0]["results"] if "fixes" in r}
    assert fixes["PL201"]["properties"] == {"applicability": "safe"}
    [change] = fixes["PL105"]["artifactChanges"]
    [replacement] = change["replacements"]
    assert replacement["deletedRegion"] == {"startLine": 3, "startColumn": 48, "endLine": 3,
                                            "endColumn": 48}
    assert replacement["insertedContent"]["text"].startswith(" Training used about")
    assert fixes["PL105"]["properties"] == {"applicability": "unsafe"}
