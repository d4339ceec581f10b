"""The SIGALRM deadline fires, and an inner deadline never cancels an outer one."""

from __future__ import annotations

import signal
import time

import pytest

from paperlint.deadline import deadline


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
