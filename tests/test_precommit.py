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
    _git(project, "init", "-q")
    _git(project, "add", ".")
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "paperlint",
         "--files", "sections/setup.tex", "--color", "never"],
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
