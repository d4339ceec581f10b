"""The warm-up paper must reach every stage, or warming up in the forkserver saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.api import CheckOptions, check_path
from paperlint.batch.worker import RENDERINGS, WARM_UP_PAPER, render_line, warm_up


def test_the_warm_up_paper_reaches_every_stage(tmp_path: Path) -> None:
    paper = tmp_path / "main.tex"
    paper.write_text(WARM_UP_PAPER, encoding="utf-8")
    result = check_path(paper, CheckOptions())
    assert result.error is None and result.format == "latex"
    # The reader's macros, tables and citations, then extraction of each claim type it names.
    found = {claim.type for claim in result.claims}
    assert {"hardware", "chip_count", "duration", "chip_hours", "flop", "params", "tokens",
            "precision"} <= found
    assert result.findings  # the checks ran and the estimate has something to compare
    for render in RENDERINGS:
        assert render_line(result, render).endswith("\n")


def test_warm_up_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    warm_up()
    assert list(tmp_path.iterdir()) == []
