"""The batch benchmark's arithmetic: paired speed-ups and the share of the machine's ceiling.

No figure of this machine is asserted here (docs/batch.md publishes those); only that the
benchmark computes them right from the runs it is given.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.batch_speed import Run, compare, machine_ceiling


def timed(jobs: int, seconds: float, cores: float) -> Run:
    return Run(jobs, 2, 100, seconds, seconds, cores * seconds, 0.0, 0.1, None, None, 0.5, 0.5,
               80.0, 0, Path("out.jsonl"))


def test_compare_pairs_rounds_and_divides_by_each_rounds_ceiling(
        capsys: pytest.CaptureFixture[str]) -> None:
    one = [timed(1, 10.0, 1.0), timed(1, 12.0, 1.0), timed(1, 9.0, 1.0)]
    two = [timed(2, 5.0, 2.0), timed(2, 8.0, 2.0), timed(2, 5.0, 2.0)]  # 2.0x, 1.5x, 1.8x
    figures = compare({(1, 2): one, (2, 2): two}, ceilings=[2.0, 1.5, 2.0])
    assert figures["paired_speed_up"] == pytest.approx(1.8)
    assert figures["ceiling"] == pytest.approx(2.0)
    assert figures["ceiling_share"] == pytest.approx(1.0)  # shares 1.0, 1.0, 0.9
    assert "paired share of the ceiling" in capsys.readouterr().out


def test_compare_leaves_the_ceiling_out_when_rounds_do_not_match() -> None:
    runs = {(1, 2): [timed(1, 10.0, 1.0)], (2, 2): [timed(2, 6.0, 2.0)]}
    assert "ceiling" not in compare(runs, ceilings=[])
    assert "ceiling" not in compare(runs, ceilings=[1.9, 1.9])


def test_machine_ceiling_is_two_processes_throughput_over_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 1 process: 1.0 s; 2 processes doing as much each: 1.25 s -> 1.6x the throughput.
    monkeypatch.setattr("benchmarks.batch_speed._spin_seconds",
                        lambda processes, loops: {1: 1.0, 2: 1.25}[processes])
    assert machine_ceiling(samples=3) == pytest.approx(1.6)


def test_machine_ceiling_times_real_processes() -> None:
    # Real forks, timed: a positive figure (its size depends on the machine's moment, not asserted).
    assert machine_ceiling(samples=1, loops=50_000) > 0
