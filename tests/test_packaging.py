"""The built wheel carries every data file (rules/, catalogue, schemas) and works from elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


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
