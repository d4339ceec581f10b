"""The GitHub Action (action.yml): its shell steps run here the way a runner would run them.

The runner is imitated closely enough to catch real mistakes: each `run:` step goes to
`bash --noprofile --norc -eo pipefail` (GitHub's bash shell) with its `env:` after `${{ ... }}`
expressions are substituted, `$GITHUB_ENV` lines carry over to later steps, and
`$GITHUB_OUTPUT`/`$GITHUB_STEP_SUMMARY` are files we read afterwards. `uses:` steps
(actions/setup-python) are skipped, and so is the pip install (PAPERLINT_SKIP_INSTALL): paperlint
runs from this checkout instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")

PAPER = r"""\documentclass{article}
\begin{document}
\section{Training}
Our parser was trained for 2 days on 4 NVIDIA V100 GPUs, about 4e19 FLOPs in total.
\end{document}
"""


def _action() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read action.yml")
    data: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return data


def _substitute(text: str, values: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise AssertionError(f"action.yml uses an expression the test does not know: {key}")
        return values[key]

    return EXPRESSION.sub(one, text)


def _read_pairs(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs


def run_action(workspace: Path, tmp: Path, paperlint: str | None = None,
               **inputs: str) -> tuple[int, dict[str, str], str, str]:
    """Run the action's shell steps in ``workspace``: (exit code, outputs, summary, log).
    ``paperlint``: the command the steps call (default: this checkout's CLI)."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not available")
    action = _action()
    values = {f"inputs.{name}": spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update({f"inputs.{name}": value for name, value in inputs.items()})
    values["github.action_path"] = str(REPO)
    values["steps.python.outputs.python-path"] = sys.executable
    files = {name: tmp / name.lower() for name in ("GITHUB_ENV", "GITHUB_OUTPUT",
                                                   "GITHUB_STEP_SUMMARY")}
    for path in files.values():
        path.write_text("")
    carried: dict[str, str] = {}
    log = ""
    code = 0
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue  # `uses:` steps (setup-python) are GitHub's own
        env = {**os.environ, **{k: str(v) for k, v in files.items()}, **carried}
        env.update({k: _substitute(str(v), values) for k, v in step.get("env", {}).items()})
        env["PAPERLINT_SKIP_INSTALL"] = "1"
        env["PAPERLINT"] = paperlint or f"{sys.executable} -m paperlint.cli"
        env["PYTHONPATH"] = str(REPO)
        env["RUNNER_TEMP"] = str(tmp)
        script = _substitute(step["run"], values)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=workspace, env=env, capture_output=True, text=True, timeout=600,
        )
        log += done.stdout + done.stderr
        carried.update(_read_pairs(files["GITHUB_ENV"]))
        code = done.returncode
        if code != 0:
            break
    outputs = _read_pairs(files["GITHUB_OUTPUT"])
    return code, outputs, files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8"), log


def _workspace(tmp_path: Path, paper: str = PAPER) -> Path:
    workspace = tmp_path / "repo"
    (workspace / "paper").mkdir(parents=True)
    (workspace / "paper" / "main.tex").write_text(paper, encoding="utf-8")
    return workspace


def test_action_declares_what_the_docs_promise() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert {"path", "format", "profile", "fail-level", "sarif-file"} <= set(action["inputs"])
    assert action["inputs"]["path"]["default"] == "."
    assert {"exit-code", "sarif-file"} <= set(action["outputs"])
    install = next(s for s in action["runs"]["steps"] if s.get("name") == "Install paperlint")
    assert "${{ github.action_path }}" in install["env"]["ACTION_PATH"]
    # Inputs reach the scripts only through env: an input can never inject shell code.
    for step in action["runs"]["steps"]:
        assert "inputs." not in step.get("run", "")


def test_findings_annotate_summarise_and_fail(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    code, outputs, summary, log = run_action(workspace, tmp_path, path="paper/main.tex")
    assert code == 1, log
    assert outputs["exit-code"] == "1"
    # The github format: annotations with repository-relative paths.
    assert re.search(r"^::warning file=paper/main\.tex,line=4,col=\d+,", log, re.MULTILINE), log
    assert "PL201" in log
    assert summary.startswith("## paperlint") and "paper/main.tex" in summary
    assert "PL201" in summary
    sarif = json.loads((workspace / outputs["sarif-file"]).read_text(encoding="utf-8"))
    [run] = sarif["runs"]
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    assert {location["artifactLocation"]["uri"] for location in locations} == {"paper/main.tex"}


def test_one_run_of_paperlint_writes_annotations_summary_and_sarif(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    calls = tmp_path / "calls.log"
    wrapper = tmp_path / "paperlint-wrapper.sh"
    wrapper.write_text(f'echo "$@" >> "{calls}"\nexec "{sys.executable}" -m paperlint.cli "$@"\n',
                       encoding="utf-8")
    code, outputs, summary, log = run_action(workspace, tmp_path, paperlint=f"bash {wrapper}",
                                             path="paper/main.tex")
    assert code == 1, log
    [call] = calls.read_text(encoding="utf-8").splitlines()
    assert "--sarif" in call and "--format github" in call
    assert "PL201" in summary and "::warning " in log
    assert json.loads((workspace / outputs["sarif-file"]).read_text(encoding="utf-8"))["runs"]


def test_fail_level_decides_the_exit_code(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    code, outputs, _, log = run_action(workspace, tmp_path, path="paper", **{"fail-level": "error"})
    assert code == 0, log
    assert outputs["exit-code"] == "0"
    assert "::warning " in log  # still annotated, just not failing


def test_clean_paper_passes_and_no_sarif_when_not_asked(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    # The repository's config file is honoured (found from the paper, walking up).
    (workspace / "paperlint.toml").write_text('ignore = ["PL1", "PL2", "PL3", "PL9"]\n')
    code, outputs, summary, log = run_action(
        workspace, tmp_path, path="paper/main.tex", **{"sarif-file": ""}
    )
    assert code == 0, log
    assert outputs["sarif-file"] == ""
    assert not list(workspace.glob("*.sarif"))
    assert "No finding at or above" in summary


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    code, outputs, summary, log = run_action(workspace, tmp_path, path="paper/nope.tex")
    assert code == 2
    assert outputs["exit-code"] == "2"
    assert "::error file=paper/nope.tex" in log
    assert "could not be read" in summary
