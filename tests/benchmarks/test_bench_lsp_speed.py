"""benchmarks.lsp_speed runs end to end on a small paper (its figures are never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import REPO
from benchmarks.lsp_speed import make_paper

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


def test_the_paper_has_a_small_included_file(tmp_path: Path) -> None:
    main, large, small, words = make_paper(tmp_path, 2000)
    assert "\\input{sections/hardware}" in main.read_text(encoding="utf-8")
    assert small.stat().st_size < large.stat().st_size / 5 and words >= 2000


def test_one_round_prints_the_table_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "lsp.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.lsp_speed", "--runs", "1", "--warmup", "0",
         "--words", "1500", "--json", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "| re-check after a one-line edit in hardware.tex |" in done.stdout
    assert "cold `paperlint check` (new process)" in done.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["median_s"]) == {"large", "small", "cold"}
    assert [t["limit"] for t in data["targets"]] == [0.150, 0.050]
