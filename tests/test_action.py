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

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

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


def _lookup(key: str, values: dict[str, str]) -> str:
    if key not in values:
        if key.startswith("steps."):  # an output a skipped or silent step did not set
            return ""
        raise AssertionError(f"action.yml uses an expression the test does not know: {key}")
    return values[key]


def _substitute(text: str, values: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda match: _lookup(match.group(1), values), text)


def _condition(expression: str, values: dict[str, str]) -> bool:
    """The runner's `if:` for the few forms action.yml uses: names, 'strings', ==, !=, &&, ||
    and startsWith()."""
    inner = EXPRESSION.sub(lambda m: m.group(1), expression).strip()
    names = re.compile(r"\b(?:inputs|steps|github|runner)\.[\w.\-]+")
    python = names.sub(lambda m: repr(_lookup(m.group(0), values)), inner)
    python = python.replace("&&", " and ").replace("||", " or ").replace("!=", " != ")
    python = python.replace("startsWith(", "_starts(")
    allowed = {"_starts": lambda text, prefix: str(text).lower().startswith(prefix.lower())}
    return bool(eval(python, {"__builtins__": {}}, allowed))


def _read_pairs(path: Path) -> dict[str, str]:
    pairs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line:
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs


def run_action(workspace: Path, tmp: Path, paperlint: str | None = None,
               event: dict[str, Any] | None = None, install: bool = False,
               python: str | None = None, seen: dict[str, str] | None = None,
               **inputs: str) -> tuple[int, dict[str, str], str, str]:
    """Run the action's shell steps in ``workspace``: (exit code, outputs, summary, log).
    ``paperlint``: the command the steps call (default: this checkout's CLI); ``event``: a
    pull_request event's payload (default: a push); ``install``: run the install step (with
    ``python`` as the Python setup-python would give); ``seen`` collects every step's outputs."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not available")
    action = _action()
    values = {f"inputs.{name}": spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update({f"inputs.{name}": value for name, value in inputs.items()})
    values["github.action_path"] = str(REPO)
    values["steps.python.outputs.python-path"] = python or sys.executable
    values["github.event_name"] = "pull_request" if event else "push"
    values["github.event.pull_request.base.sha"] = (event or {}).get(
        "pull_request", {}).get("base", {}).get("sha", "")
    event_file = tmp / "event.json"
    event_file.write_text(json.dumps(event or {}), encoding="utf-8")
    summary = tmp / "github_step_summary"
    genv = tmp / "github_env"
    for path in (summary, genv):
        path.write_text("")
    carried: dict[str, str] = {}
    log = ""
    code = 0
    outputs: dict[str, str] = {}
    for number, step in enumerate(action["runs"]["steps"]):
        if "run" not in step:
            continue  # `uses:` steps (setup-python, cache) are GitHub's own
        if "if" in step and not _condition(str(step["if"]), values):
            continue
        output_file = tmp / f"github_output_{number}"
        output_file.write_text("")
        env = {**os.environ, **carried, "GITHUB_ENV": str(genv), "GITHUB_OUTPUT": str(output_file),
               "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_EVENT_PATH": str(event_file),
               "GITHUB_EVENT_NAME": values["github.event_name"], "RUNNER_TEMP": str(tmp)}
        env.update({k: _substitute(str(v), values) for k, v in step.get("env", {}).items()})
        if not install:
            env["PAPERLINT_SKIP_INSTALL"] = "1"
            env["PAPERLINT"] = paperlint or f"{sys.executable} -m paperlint.cli"
            env["PYTHONPATH"] = str(REPO)
        cwd = workspace / _substitute(str(step.get("working-directory", ".")), values)
        script = _substitute(step["run"], values)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
        )
        log += done.stdout + done.stderr
        carried.update(_read_pairs(genv))
        step_outputs = _read_pairs(output_file)
        if "id" in step:
            values.update({f"steps.{step['id']}.outputs.{k}": v for k, v in step_outputs.items()})
        if step.get("id") == "check":
            outputs = step_outputs
        if seen is not None and "id" in step:
            seen.update({f"{step['id']}.{k}": v for k, v in step_outputs.items()})
        code = done.returncode
        if code != 0:
            break
    return code, outputs, summary.read_text(encoding="utf-8"), log


def _workspace(tmp_path: Path, paper: str = PAPER) -> Path:
    workspace = tmp_path / "repo"
    (workspace / ".git").mkdir(parents=True)  # a repository's root, as on a runner
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
    assert "--sarif" in call and "--output-format github" in call
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



def test_action_has_the_hygiene_inputs() -> None:
    action = _action()
    assert {"working-directory", "version", "changed-only", "cache"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"  # the one shell on Linux, macOS and Windows runners
            assert "/bin/python" not in step["run"].replace("$venv/bin/python", "")
    uses = [step["uses"] for step in steps if "uses" in step]
    assert uses == ["actions/setup-python@v5", "actions/cache@v4"]
    check = next(step for step in steps if step.get("id") == "check")
    assert check["working-directory"] == "${{ inputs.working-directory }}"


def test_working_directory_keeps_paths_repository_relative(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    code, outputs, _, log = run_action(workspace, tmp_path, path="main.tex",
                                       **{"working-directory": "paper"})
    assert code == 1, log
    assert re.search(r"^::warning file=paper/main\.tex,line=4,", log, re.MULTILINE), log
    assert outputs["sarif-file"] == "paper/paperlint.sarif"
    sarif = json.loads((workspace / outputs["sarif-file"]).read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert uris == {"paper/main.tex"}


def test_the_sarif_files_folder_is_created(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    code, outputs, _, log = run_action(workspace, tmp_path, path="paper",
                                       **{"sarif-file": "reports/lint/paperlint.sarif"})
    assert code == 1, log
    assert outputs["sarif-file"] == "reports/lint/paperlint.sarif"
    assert json.loads((workspace / "reports/lint/paperlint.sarif").read_text("utf-8"))["runs"]


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def test_a_pull_request_annotates_its_changed_lines_only(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not available")
    workspace = tmp_path / "repo"
    (workspace / "paper").mkdir(parents=True)
    (workspace / "paper" / "main.tex").write_text(PAPER, encoding="utf-8")
    _git(workspace, "init", "-q")
    _git(workspace, "add", ".")
    _git(workspace, "commit", "-q", "-m", "base")
    base = _git(workspace, "rev-parse", "HEAD")
    changed = PAPER.replace("\\end{document}", "A forward pass costs 3 GFLOPs per token.\n"
                                               "\\end{document}")
    (workspace / "paper" / "main.tex").write_text(changed, encoding="utf-8")
    _git(workspace, "commit", "-q", "-am", "the pull request")
    event = {"pull_request": {"base": {"sha": base}}}
    code, _, _, log = run_action(workspace, tmp_path, event=event, path="paper/main.tex")
    annotated = re.findall(r"^::warning file=paper/main\.tex,line=(\d+),", log, re.MULTILINE)
    assert annotated == ["5"], log  # the added line; line 4's PL201 is not the PR's
    assert code == 1
    code, _, _, log = run_action(workspace, tmp_path, event=event, path="paper/main.tex",
                                 **{"changed-only": "false"})
    assert sorted(re.findall(r"^::warning file=paper/main\.tex,line=(\d+),", log,
                             re.MULTILINE)) == ["4", "5"]


FAKE_PYTHON = """#!/usr/bin/env bash
# setup-python's python, for the test: `-m venv DIR` lays out DIR the way {system} does.
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/{scripts}"
  cat > "$3/{scripts}/{exe}" <<'INNER'
#!/usr/bin/env bash
echo "venv-python $*" >> "{calls}"
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then exit 0; fi
PYTHONPATH="{repo}" exec "{real}" "$@"
INNER
  chmod +x "$3/{scripts}/{exe}"
  exit 0
fi
exec "{real}" "$@"
"""


@pytest.mark.parametrize(("system", "scripts", "exe"), [("Windows", "Scripts", "python.exe"),
                                                        ("Linux", "bin", "python")])
def test_install_finds_the_venvs_python_on_every_runner(tmp_path: Path, system: str,
                                                        scripts: str, exe: str) -> None:
    workspace = _workspace(tmp_path)
    calls = tmp_path / "calls.log"
    fake = tmp_path / "setup-python"
    fake.write_text(FAKE_PYTHON.format(system=system, scripts=scripts, exe=exe, calls=calls,
                                       repo=REPO, real=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    seen: dict[str, str] = {}
    code, outputs, _, log = run_action(workspace, tmp_path, install=True, python=str(fake),
                                       seen=seen, path="paper/main.tex", cache="false")
    assert code == 1, log
    assert seen["install.python"] == f"{tmp_path}/paperlint-venv/{scripts}/{exe}"
    lines = calls.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("venv-python -m pip install") and lines[0].endswith(str(REPO))
    assert lines[1].startswith("venv-python -m paperlint check paper/main.tex")
    assert outputs["exit-code"] == "1"
    # A version from PyPI instead of the action's checkout.
    calls.unlink()
    run_action(workspace, tmp_path, install=True, python=str(fake), path="paper/main.tex",
               cache="false", version="0.1.0")
    assert calls.read_text(encoding="utf-8").splitlines()[0].endswith("paperlint==0.1.0")


def test_the_pip_cache_is_keyed_by_what_is_installed(tmp_path: Path) -> None:
    workspace = _workspace(tmp_path)
    seen: dict[str, str] = {}
    run_action(workspace, tmp_path, seen=seen, path="paper/main.tex")
    assert Path(seen["pip-cache.dir"]).is_absolute()
    key = seen["pip-cache.key"]
    assert re.fullmatch(r"paperlint-pip-\w+-[\w.]+-py3\.\d+-[0-9a-f]{16}", key), key
    seen.clear()
    run_action(workspace, tmp_path, seen=seen, path="paper/main.tex", version="0.1.0")
    assert seen["pip-cache.key"].endswith("-0.1.0")
    seen.clear()
    run_action(workspace, tmp_path, seen=seen, path="paper/main.tex", cache="false")
    assert "pip-cache.key" not in seen


def test_the_repository_runs_the_action_on_its_example_paper() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML is needed to read the workflow")
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "action.yml").read_text("utf-8"))
    [job] = workflow["jobs"].values()
    assert set(job["strategy"]["matrix"]["os"]) == {"ubuntu-latest", "macos-latest",
                                                    "windows-latest"}
    assert job["runs-on"] == "${{ matrix.os }}"
    ours = [step for step in job["steps"] if step.get("uses") == "./"]
    assert len(ours) == 2
    assert ours[0]["with"]["path"] == "examples/paper/main.tex"
    assert ours[1]["with"]["working-directory"] == "examples/paper"
    for step in ours:  # every path the workflow names exists here
        where = REPO / step["with"].get("working-directory", ".")
        assert (where / step["with"]["path"]).exists()
