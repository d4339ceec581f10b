"""paperlint.collector: the collector's thresholds are raised for a check and put back after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paperlint.api import check_path
from paperlint.collector import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def thresholds() -> Iterator[tuple[int, int, int]]:
    saved, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*saved)
    if enabled:
        gc.enable()


def test_raised_inside_and_restored_after() -> None:
    with fewer_collections():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        with fewer_collections():  # nested: the outer one restores
            pass
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


def test_restored_when_the_check_raises() -> None:
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("a failing check")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_host_s_own_settings_are_left_alone() -> None:
    gc.set_threshold(500_000, 5, 5)
    with fewer_collections():
        assert gc.get_threshold() == (500_000, 5, 5)
    gc.set_threshold(700, 10, 10)
    gc.disable()
    with fewer_collections():
        assert gc.get_threshold() == (700, 10, 10) and not gc.isenabled()
    assert not gc.isenabled()


def test_check_path_raises_them_and_puts_them_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from paperlint import api

    seen: list[tuple[int, int, int]] = []
    original = api.analyse

    def analyse(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold())
        return original(*args, **kwargs)

    monkeypatch.setattr(api, "analyse", analyse)
    paper = tmp_path / "main.tex"
    paper.write_text("\\documentclass{article}\n\\begin{document}\nWe trained on 8 GPUs."
                     "\n\\end{document}\n", encoding="utf-8")
    assert check_path(paper).error is None
    assert seen and seen[0][0] == YOUNG_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)
