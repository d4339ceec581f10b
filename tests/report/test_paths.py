"""Paths relative to the repository root in SARIF and annotations, wherever paperlint runs from;
SARIF's stable automationDetails id; changed lines first under GitHub's 10 per type."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_helpers import finding, latex_result, report

from paperlint.cli import main
from paperlint.model import ChangedLines, Report
from paperlint.report.github import PER_TYPE
from paperlint.report.github import render as github
from paperlint.report.paths import find_project_root
from paperlint.report.sarif import build
from tests.conftest import SHARED

PAPER = r"""\documentclass{article}
\begin{document}
\input{sections/setup}
\end{document}
"""
SETUP = "Our tagger trained for 2 days on 4 NVIDIA V100 GPUs, about 4e19 FLOPs in total.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)  # all find_project_root looks for
    (root / "papers" / "ours" / "sections").mkdir(parents=True)
    (root / "papers" / "ours" / "main.tex").write_text(PAPER, encoding="utf-8")
    (root / "papers" / "ours" / "sections" / "setup.tex").write_text(SETUP, encoding="utf-8")
    return root


def _sarif_uris(log: dict[str, object]) -> set[str]:
    [run] = log["runs"]  # type: ignore[index]
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}


def _annotated_files(text: str) -> set[str]:
    return set(re.findall(r"^::\w+ file=([^,]+),", text, re.MULTILINE))


@pytest.mark.parametrize("where", [".", "papers", "papers/ours", "papers/ours/sections"])
def test_paths_are_relative_to_the_git_root_from_any_directory(
    repo: Path, where: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    import jsonschema

    monkeypatch.chdir(repo / where)
    paper = repo / "papers" / "ours" / "main.tex"
    inside = where != "papers/ours/sections"
    given = str(paper.relative_to(repo / where)) if inside else "../main.tex"
    sarif = tmp_path / "out.sarif"
    result = CliRunner().invoke(main, ["check", given, "--format", "github", "--sarif", str(sarif)])
    assert result.exit_code == 1, result.output
    assert _annotated_files(result.stdout) == {"papers/ours/sections/setup.tex"}
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert _sarif_uris(log) == {"papers/ours/sections/setup.tex"}
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    assert run["automationDetails"] == {"id": "paperlint/papers/ours/main.tex/"}
    # The official schema, where ../shared has it (the paths are checked either way).
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if schema_file.is_file():
        jsonschema.validate(log, json.loads(schema_file.read_text(encoding="utf-8")))


def test_project_root_overrides_the_git_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "papers")
    result = CliRunner().invoke(main, ["check", "ours/main.tex", "--format", "sarif",
                                       "--project-root", str(repo / "papers")])
    log = json.loads(result.stdout)
    assert _sarif_uris(log) == {"ours/sections/setup.tex"}
    assert log["runs"][0]["automationDetails"]["id"] == "paperlint/ours/main.tex/"
    annotations = CliRunner().invoke(main, ["check", "ours/main.tex", "--format", "github",
                                            "--project-root", "ours"])
    assert _annotated_files(annotations.stdout) == {"sections/setup.tex"}


def test_without_git_the_working_directory_is_the_root(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "x").mkdir()
    monkeypatch.chdir(tmp_path / "x")
    # (tmp_path itself may sit below a .git somewhere: only assert when it does not.)
    root = find_project_root()
    assert root == (tmp_path / "x").resolve() or (root / ".git").exists()


def test_automation_id_is_stable_and_names_the_papers(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    one = build(report(latex_result(finding(), path="b/main.tex"),
                       latex_result(path="a/main.tex")), root=tmp_path)
    again = build(report(latex_result(path="a/main.tex"),
                         latex_result(finding(line=9), path="b/main.tex")), root=tmp_path)
    assert one["runs"][0]["automationDetails"] == again["runs"][0]["automationDetails"] == {
        "id": "paperlint/a/main.tex,b/main.tex/"}
    many = report(*(latex_result(path=f"submissions/paper-{i:03d}.tex") for i in range(40)))
    ident = build(many, root=tmp_path)["runs"][0]["automationDetails"]["id"]
    assert re.fullmatch(r"paperlint/papers-[0-9a-f]{16}/", ident)
    assert build(many, root=tmp_path)["runs"][0]["automationDetails"]["id"] == ident


def test_changed_lines_are_annotated_first_under_the_cap(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    old = [finding(line=n, end=(n, 20)) for n in range(1, PER_TYPE + 3)]  # 12 unchanged
    new = finding(line=50, end=(50, 20), message="the new one")
    changes = ChangedLines(base="0" * 40, root=str(tmp_path),
                           lines={"paper/main.tex": frozenset({50})})
    plain = github(report(latex_result(*old, new)))
    assert "::warning file=paper/main.tex,line=50," not in plain  # cut: it sorts last
    ordered = github(Report((latex_result(*old, new),), "0.1.0", changes=changes))
    first = next(line for line in ordered.splitlines() if line.startswith("::warning"))
    assert first.startswith("::warning file=paper/main.tex,line=50,")
    assert ordered.count("::warning ") == PER_TYPE
