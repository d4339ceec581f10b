"""SARIF: valid against the official 2.1.0 schema, shaped the way GitHub code scanning reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_helpers import finding, latex_result, report

from paperlint.model import DocumentResult, Report
from paperlint.report import renderer
from paperlint.report.sarif import MAX_RESULTS, build
from paperlint.rulebook import RULES


@pytest.fixture(autouse=True)
def _run_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in a report are as the user gave them, relative to the working directory; these
    # tests give root=tmp_path, so they run from there.
    monkeypatch.chdir(tmp_path)


def _schema(shared_dir: Path) -> dict[str, object]:
    path = shared_dir / "schemas" / "sarif-schema-2.1.0.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _validate(log: dict[str, object], shared_dir: Path) -> None:
    import jsonschema

    jsonschema.validate(log, _schema(shared_dir))


def _sample() -> Report:
    return report(
        latex_result(
            finding(replacement="FLOP"),
            finding("PL105", "error", "sections/setup.tex", 2, 1, None, "no total FLOP",
                    None),
            finding("PL901", "info", line=9, column=20, end=(9, 45), message="unused suppression",
                    suggestion="remove the comment"),
        ),
        DocumentResult("paper/missing.tex", None, error="no such file or directory"),
    )


def test_valid_against_the_official_schema(shared_dir: Path, tmp_path: Path) -> None:
    log = build(_sample(), root=tmp_path)
    _validate(log, shared_dir)
    # The registered format renders the same thing as JSON text.
    assert json.loads(renderer("sarif")(_sample()))["version"] == "2.1.0"


def test_driver_lists_every_rule_with_its_docs(tmp_path: Path) -> None:
    driver = build(_sample(), root=tmp_path)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "paperlint" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for descriptor in driver["rules"]:
        rule = RULES[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] == rule.what
        assert rule.fix in descriptor["help"]["text"] and rule.why in descriptor["help"]["markdown"]
        assert descriptor["helpUri"].endswith(f"docs/rules/{rule.code}.md")
        level = {"info": "note"}.get(rule.severity, rule.severity)
        assert descriptor["defaultConfiguration"]["level"] == level
        assert 0 < len(descriptor["properties"]["tags"]) <= 10  # GitHub shows 10 tags per rule


def test_results_point_at_the_source(tmp_path: Path) -> None:
    run = build(_sample(), root=tmp_path)["runs"][0]
    codes = list(RULES)
    first, second, third = run["results"]
    assert first["ruleId"] == "PL201" and first["ruleIndex"] == codes.index("PL201")
    assert first["level"] == "warning" and third["level"] == "note" and second["level"] == "error"
    assert "Suggestion: Replace" in first["message"]["text"]
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "paper/main.tex", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 4, "startColumn": 10, "endLine": 4, "endColumn": 15}
    # A finding in an included file names that file; a point location has no end.
    physical = second["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "paper/sections/setup.tex"
    assert physical["region"] == {"startLine": 2, "startColumn": 1}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert run["columnKind"] == "unicodeCodePoints"


def test_fixes_only_for_real_edits(tmp_path: Path) -> None:
    first, second, third = build(_sample(), root=tmp_path)["runs"][0]["results"]
    [fix] = first["fixes"]
    [change] = fix["artifactChanges"]
    [edit] = change["replacements"]
    assert edit["deletedRegion"] == {"startLine": 4, "startColumn": 10, "endLine": 4,
                                     "endColumn": 15}
    assert edit["insertedContent"]["text"] == "FLOP"
    assert "fixes" not in second and "fixes" not in third
    # A replacement without a source range to delete is not a fix either.
    lone = build(report(latex_result(finding(end=None, replacement="FLOP"))), root=tmp_path)
    assert "fixes" not in lone["runs"][0]["results"][0]


def test_fingerprints_survive_lines_moving_and_tell_twins_apart(tmp_path: Path) -> None:
    def prints(*findings: object) -> list[str]:
        log = build(report(latex_result(*findings)), root=tmp_path)  # type: ignore[arg-type]
        return [r["partialFingerprints"]["paperlintFinding/v1"] for r in log["runs"][0]["results"]]

    [before] = prints(finding(line=4))
    [after] = prints(finding(line=40))
    assert before == after
    twins = prints(finding(line=4), finding(line=8))
    assert len(set(twins)) == 2
    [other] = prints(finding(message="something else"))
    assert other != before


def test_unreadable_paper_is_a_tool_notification(tmp_path: Path) -> None:
    [invocation] = build(_sample(), root=tmp_path)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "no such file" in note["message"]["text"]
    clean = build(report(latex_result()), root=tmp_path)["runs"][0]
    assert clean["invocations"][0]["executionSuccessful"] is True
    assert clean["results"] == []


def test_pdf_and_archive_locations(shared_dir: Path, tmp_path: Path) -> None:
    pdf = DocumentResult("papers/paper.pdf", "pdf", files=("paper.pdf",),
                         findings=(finding(file="paper.pdf", line=3, column=7),))
    archive = DocumentResult("papers/src.tar.gz", "latex", files=("main.tex",),
                             findings=(finding(file="sections/a.tex", line=12, column=2),))
    log = build(report(pdf, archive), root=tmp_path)
    _validate(log, shared_dir)
    on_page, in_archive = log["runs"][0]["results"]
    physical = on_page["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "papers/paper.pdf"
    assert physical["region"] == {"startLine": 3}  # the page
    assert "(page 3)" in on_page["message"]["text"]
    physical = in_archive["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "papers/src.tar.gz"
    assert physical["region"] == {"startLine": 1}
    assert "sections/a.tex, line 12" in in_archive["message"]["text"]


def test_paths_relative_to_the_root_and_percent_encoded(tmp_path: Path) -> None:
    inside = tmp_path / "my paper" / "main.tex"
    log = build(report(latex_result(finding(), path=str(inside))), root=tmp_path)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "my%20paper/main.tex", "uriBaseId": "%SRCROOT%"}
    outside = build(report(latex_result(finding(), path="/elsewhere/main.tex")), root=tmp_path)
    artifact = outside["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]
    assert artifact == {"uri": "file:///elsewhere/main.tex"}


def test_results_capped_most_severe_first(tmp_path: Path) -> None:
    count = MAX_RESULTS + 1
    many = [finding(line=n, message=f"note {n}", severity="info") for n in range(1, count + 1)]
    many.insert(MAX_RESULTS, finding("PL301", "error", line=99999, message="too high"))
    run = build(report(latex_result(*many)), root=tmp_path)["runs"][0]
    assert len(run["results"]) == MAX_RESULTS
    assert any(r["ruleId"] == "PL301" for r in run["results"])
    assert run["properties"]["truncated"] is True
    assert run["properties"]["totalFindings"] == MAX_RESULTS + 2


def test_check_writes_a_sarif_log_beside_its_own_output(shared_dir: Path, tmp_path: Path) -> None:
    """``--sarif FILE``: one run gives the chosen format on stdout and the SARIF log, whatever
    the exit code (the GitHub Action uploads it even when the step fails)."""
    from click.testing import CliRunner

    from paperlint.cli import main

    paper = tmp_path / "main.tex"
    paper.write_text("\\documentclass{article}\n\\begin{document}\n"
                     "We trained for 3 days on 8 V100 GPUs, using 1e21 FLOPs.\n"
                     "\\end{document}\n", encoding="utf-8")
    sarif = tmp_path / "out" / "paperlint.sarif"
    sarif.parent.mkdir()
    result = CliRunner().invoke(main, ["check", str(paper), "--format", "github",
                                       "--sarif", str(sarif)])
    assert result.exit_code == 1, result.output
    log = json.loads(sarif.read_text(encoding="utf-8"))
    _validate(log, shared_dir)
    codes = {r["ruleId"] for r in log["runs"][0]["results"]}
    # The same findings as the annotations printed by the same run.
    annotated = {line.split("title=paperlint ")[1].split(" ")[0]
                 for line in result.stdout.splitlines() if line.startswith("::")}
    assert codes == annotated == {"PL201", "PL301"}
    # A missing folder is created; a path through a file cannot be.
    unwritable = paper / "x.sarif"
    failed = CliRunner().invoke(main, ["check", str(paper), "--sarif", str(unwritable)])
    assert failed.exit_code == 2 and "cannot write the SARIF log" in failed.stderr


def test_a_batch_writes_one_sarif_log_for_every_paper(shared_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from paperlint.cli import main

    root = tmp_path / "subs"
    root.mkdir()
    for name in ("a.tex", "b.tex"):
        (root / name).write_text("\\documentclass{article}\n\\begin{document}\n"
                                 "We trained on 8 V100 GPUs using 1e21 FLOPs.\n"
                                 "\\end{document}\n", encoding="utf-8")
    (root / "c.pdf").write_bytes(b"not a pdf at all")
    sarif = tmp_path / "batch.sarif"
    result = CliRunner().invoke(main, ["check", str(root), "--format", "jsonl", "--jobs", "1",
                                       "--sarif", str(sarif)])
    assert result.exit_code == 2
    log = json.loads(sarif.read_text(encoding="utf-8"))
    _validate(log, shared_dir)
    [run] = log["runs"]
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
             for r in run["results"]}
    assert files == {"a.tex", "b.tex"}
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("c.pdf" in note for note in notes)
