"""The built wheel carries every data file (rules/, catalogue, schemas) and works from elsewhere;
the sdist carries everything the tests read, so that they pass when run from it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True, text=True,
    )
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{build.stderr[-2000:]}")
    (built,) = out.glob("paperlint-*.whl")
    return built


def test_wheel_contains_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_rules = {n for n in names if n.startswith("paperlint/_rules/")}
    source_rules = {
        "paperlint/_rules/" + p.relative_to(REPO / "rules").as_posix()
        for p in (REPO / "rules").rglob("*") if p.is_file()
    }
    assert source_rules <= shipped_rules
    assert "paperlint/schemas/report.schema.json" in names
    for data in (REPO / "paperlint" / "data").rglob("*"):
        if data.is_file() and "__pycache__" not in data.parts:
            assert "paperlint/" + data.relative_to(REPO / "paperlint").as_posix() in names


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True,
    )
    paper = tmp_path / "paper" / "main.tex"
    paper.parent.mkdir()
    paper.write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        "We trained the model on 8 NVIDIA V100 GPUs for 3 days.\n\\end{document}\n",
        encoding="utf-8",
    )
    code = (
        "import paperlint, paperlint.resources as r, sys\n"
        "from paperlint.cli import main\n"
        f"assert paperlint.__file__.startswith({str(target)!r}), paperlint.__file__\n"
        f"assert str(r.rules_dir()).startswith({str(target)!r}), r.rules_dir()\n"
        "main.main(args=['check', '--format', 'json', 'main.tex'], standalone_mode=True)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=paper.parent, env=env, capture_output=True, text=True
    )
    assert run.returncode in (0, 1), run.stderr
    assert '"verdict"' in run.stdout


# What the tests read besides paperlint/, tests/ and fixtures/ (test_example_paper, test_action,
# test_precommit, tests/benchmarks, the workflow test).
NEEDED_BY_TESTS = (
    "examples/paper/main.tex", "examples/paper/sections/training.tex", "action.yml",
    "benchmarks/__init__.py", "benchmarks/batch_speed.py", ".pre-commit-hooks.yaml", "README.md",
    "docs/integrations.md", "rules/numbers.toml", ".github/workflows/ci.yml",
)


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    build = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(out), str(REPO)],
        capture_output=True, text=True,
    )
    if build.returncode != 0:
        pytest.fail(f"building the sdist failed:\n{build.stderr[-2000:]}")
    (built,) = out.glob("paperlint-*.tar.gz")
    return built


def _members(sdist: Path) -> set[str]:
    with tarfile.open(sdist) as archive:
        # "paperlint-0.1.0/examples/paper/main.tex" -> "examples/paper/main.tex"
        return {name.partition("/")[2] for name in archive.getnames() if "/" in name}


def test_sdist_holds_what_the_tests_read(sdist: Path) -> None:
    members = _members(sdist)
    missing = [name for name in NEEDED_BY_TESTS if name not in members]
    assert not missing, f"not in the sdist: {missing}"


def test_sdist_holds_every_file_git_tracks(sdist: Path) -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True)
    tracked = {name.decode() for name in listed.stdout.split(b"\0") if name}
    # Only files present in the work tree (a deletion not yet committed is still listed).
    tracked = {name for name in tracked if (REPO / name).is_file()}
    missing = sorted(tracked - _members(sdist))
    assert not missing, f"tracked but not in the sdist: {missing[:20]}"
