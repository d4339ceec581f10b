"""The pre-commit hooks: the manifest is valid for pre-commit, and `pre-commit try-repo` runs the
hook on a fixture repository (building its Python environment from this checkout, as users get).

The try-repo test builds a virtual environment with paperlint's dependencies from the package
index, which takes minutes; it is skipped (with the reason) where pre-commit is not installed or
the index cannot be reached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent

MAIN = r"""\documentclass{article}
\begin{document}
\section{Experiments}
\input{sections/setup}
\end{document}
"""
# A child file naming its root, as editors (TeXShop, VS Code LaTeX Workshop) write it.
CHILD = r"""% !TEX root = ../main.tex
Our tagger trained for 2 days on 4 NVIDIA V100 GPUs, about 4e19 FLOPs in total.
"""
# A paper whose fragment, read alone, lacks its context: the chip count is a macro of main.tex.
CONTEXT_MAIN = r"""\documentclass{article}
\newcommand{\gpus}{4}
\begin{document}
\input{sections/setup}
\end{document}
"""
FRAGMENT = r"""Our tagger trained on \gpus{} NVIDIA V100 GPUs for 2 days in bf16.
A forward pass costs about 3 GFLOPs per token.
"""


def _context_paper(root: Path) -> Path:
    (root / "sections").mkdir(parents=True)
    (root / "main.tex").write_text(CONTEXT_MAIN, encoding="utf-8")
    (root / "sections" / "setup.tex").write_text(FRAGMENT, encoding="utf-8")
    return root


def _hook(root: Path, *files: str) -> tuple[int, str]:
    """What the default hook runs: `paperlint check` with the staged files, from the root."""
    from click.testing import CliRunner

    from paperlint.cli import main

    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["check", *files])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout


def test_a_fragment_without_tex_root_is_checked_in_the_paper_that_includes_it(
        tmp_path: Path) -> None:
    root = _context_paper(tmp_path / "paper")
    code, output = _hook(root, "sections/setup.tex")
    # Read alone, "\gpus{}" is unknown: PL104 (no chip count) would be a false alarm.
    assert "PL104" not in output and "PL103" not in output, output
    # In its paper, the run is complete: 4 chips, so its FLOP can be estimated (PL105).
    assert "sections/setup.tex:2:" in output and "PL201" in output and code == 1
    assert "estimated from 4 NVIDIA" in output


def test_a_root_and_its_staged_child_are_checked_once(tmp_path: Path) -> None:
    root = _context_paper(tmp_path / "paper")
    _, output = _hook(root, "sections/setup.tex", "main.tex")
    assert output.count("PL201") == 1 and "in 1 document" in output


def test_the_example_papers_sections_name_their_root() -> None:
    sections = sorted((REPO / "examples" / "paper" / "sections").glob("*.tex"))
    assert sections
    for section in sections:
        first = section.read_text(encoding="utf-8").splitlines()[0]
        assert first == "% !TEX root = ../main.tex", section


def test_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")
    hooks = clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"paperlint", "paperlint-paper"}
    for hook in hooks:
        assert hook["language"] == "python" and hook["entry"] == "paperlint check"
        assert hook["types"] == ["tex"] and hook["require_serial"] is True
    assert by_id["paperlint"]["pass_filenames"] is True
    assert by_id["paperlint-paper"]["pass_filenames"] is False


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def test_try_repo_checks_a_child_file_in_its_paper(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")
    if shutil.which("git") is None:
        pytest.skip("git is not available")
    if not (REPO / ".git").exists():
        pytest.skip("try-repo needs this checkout to be a git repository")
    project = tmp_path / "paper-repo"
    (project / "sections").mkdir(parents=True)
    (project / "main.tex").write_text(MAIN, encoding="utf-8")
    (project / "sections" / "setup.tex").write_text(CHILD, encoding="utf-8")
    _context_paper(project / "other")  # a second paper, its fragment without `% !TEX root`
    _git(project, "init", "-q")
    _git(project, "add", ".")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "paperlint",
         "--files", "sections/setup.tex", "other/sections/setup.tex", "--color", "never"],
        cwd=project, capture_output=True, text=True, timeout=1800,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")},
    )
    output = done.stdout + done.stderr
    if done.returncode not in (0, 1) or "An error has occurred" in output:
        if any(word in output for word in ("Could not find a version", "NewConnectionError",
                                           "Temporary failure in name resolution")):
            pytest.skip(f"the package index is unreachable: {output[-300:]}")
        raise AssertionError(output)
    # The child was read inside its paper: the FLOPs/FLOP ambiguity on its line 2 is found.
    assert done.returncode == 1, output
    assert "paperlint (training-compute report)" in output and "Failed" in output
    assert "setup.tex:2:" in output and "PL201" in output
    # The fragment without the comment was read in other/main.tex: no missing-context findings.
    assert "other/sections/setup.tex:2:" in output
    assert "PL104" not in output and "PL103" not in output
