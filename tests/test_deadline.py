"""The SIGALRM deadline fires, and an inner deadline never cancels an outer one."""

from __future__ import annotations

import signal
import time

import pytest

from paperlint.deadline import deadline

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


class Outer(Exception):
    pass


class Inner(Exception):
    pass


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_deadline_fires_and_leaves_no_timer_behind() -> None:
    with pytest.raises(Inner), deadline(0.05, Inner):
        _spin(2)
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_an_inner_deadline_that_ends_in_time_keeps_the_outer_one() -> None:
    started = time.monotonic()
    with pytest.raises(Outer), deadline(0.3, Outer):
        with deadline(5, Inner):
            _spin(0.05)
        _spin(3)  # the outer deadline must still fire here
    assert time.monotonic() - started < 2


def test_an_outer_deadline_that_falls_first_stays_in_charge() -> None:
    with pytest.raises(Outer), deadline(0.1, Outer), deadline(5, Inner):
        _spin(3)


# -- a single check has a deadline too (issue 19) --------------------------------------------------
def _slow_analysis(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    import paperlint.api

    real = paperlint.api.analyse

    def slow(document: object, options: object = None) -> object:
        _spin(seconds)  # a paper that keeps the pipeline busy (a Python loop, as the bombs do)
        return real(document, options)  # type: ignore[arg-type]

    monkeypatch.setattr(paperlint.api, "analyse", slow)


def _paper(tmp_path: object) -> str:
    from pathlib import Path

    paper = Path(str(tmp_path)) / "paper.tex"
    paper.write_text("\\documentclass{article}\n\\begin{document}\nHello.\n\\end{document}\n")
    return str(paper)


def test_timeout_ends_a_single_check_and_says_so(
        tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from paperlint.cli import main

    _slow_analysis(monkeypatch, 30)
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", _paper(tmp_path), "--timeout", "0.5"])
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert "timed out after 0.5 s" in result.stderr and "--timeout" in result.stderr
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_a_single_check_has_a_default_deadline(
        tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import paperlint.api
    from paperlint.batch.worker import DEFAULT_TIMEOUT
    from paperlint.cli import main

    given: list[object] = []
    real = paperlint.api.check_many

    def spy(paths: list[str], options: object = None, **kwargs: object) -> object:
        given.append(kwargs.get("timeout"))
        return real(paths, options, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(paperlint.api, "check_many", spy)
    CliRunner().invoke(main, ["check", _paper(tmp_path)])
    CliRunner().invoke(main, ["check", _paper(tmp_path), "--timeout", "0"])
    assert given == [DEFAULT_TIMEOUT, None]


def test_check_path_with_a_timeout_returns_an_error_row(
        tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from paperlint.api import check_path

    assert check_path(_paper(tmp_path), timeout=20).error is None  # in time: no effect
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    _slow_analysis(monkeypatch, 30)
    result = check_path(_paper(tmp_path), timeout=0.2)
    assert result.error is not None and result.error.startswith("timed out after 0.2 s")
