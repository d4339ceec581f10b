"""Timing primitives: subprocess wall time with peak memory, medians, and the growth exponent.

Commands that are compared are run in interleaved rounds (A, B, C, A, B, C, ...) rather than A five
times then B five times, so that load from other processes on a shared machine falls on all of them
alike; the ratios are then steadier than the absolute times.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One subprocess run: wall seconds, peak resident memory (MiB) and exit status."""

    seconds: float
    peak_rss_mib: float
    returncode: int
    stderr_tail: str = ""


@dataclass
class Sample:
    """Every run of one command; figures are medians."""

    name: str
    argv: tuple[str, ...]
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(r.seconds for r in self.runs) if self.runs else None

    @property
    def peak_rss_mib(self) -> float | None:
        return max(r.peak_rss_mib for r in self.runs) if self.runs else None

    @property
    def failed(self) -> Run | None:
        """The first run whose exit status was not acceptable (2 and above, or a signal)."""
        return next((r for r in self.runs if r.returncode not in (0, 1)), None)

    def to_dict(self) -> dict[str, object]:
        failed = self.failed
        return {
            "command": " ".join(self.argv),
            "median_s": self.median,
            "runs_s": [round(r.seconds, 4) for r in self.runs],
            "peak_rss_mib": self.peak_rss_mib,
            "returncodes": sorted({r.returncode for r in self.runs}),
            "error": failed.stderr_tail if failed else None,
        }


def run_once(argv: Sequence[str], cwd: Path | None = None,
             env: Mapping[str, str] | None = None) -> Run:
    """Run ``argv`` to completion; wall time and the child's own peak RSS (``os.wait4``'s rusage is
    per child, unlike RUSAGE_CHILDREN, which keeps the maximum over every child ever waited for)."""
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        process = subprocess.Popen(list(argv), cwd=cwd, env=dict(env) if env else None,
                                   stdout=devnull, stderr=subprocess.PIPE)
        assert process.stderr is not None
        stderr = process.stderr.read()  # drained before waiting: a full pipe would block the child
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
        process.stderr.close()
    tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] if stderr else []
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, tail[0] if tail else "")


def run_rounds(commands: Mapping[str, Sequence[str]], runs: int, cwd: Path | None = None,
               env: Mapping[str, str] | None = None, warmup: int = 1,
               cwds: Mapping[str, Path] | None = None) -> dict[str, Sample]:
    """Run every command ``runs`` times in interleaved rounds, after ``warmup`` untimed rounds
    (which fill the OS file cache, so the first timed run is not the odd one out). ``cwds`` gives
    some commands a working directory of their own."""
    samples = {name: Sample(name, tuple(argv)) for name, argv in commands.items()}
    for round_index in range(warmup + runs):
        for name, argv in commands.items():
            result = run_once(argv, (cwds or {}).get(name, cwd), env)
            if round_index >= warmup:
                samples[name].runs.append(result)
    return samples


def fit_exponent(sizes: Sequence[float], times: Sequence[float]) -> float | None:
    """The least-squares slope of log(time) against log(size): time ~ size**k. None when undefined
    (fewer than two distinct sizes, or a non-positive time)."""
    pairs = zip(sizes, times, strict=True)
    points = [(math.log(s), math.log(t)) for s, t in pairs if s > 0 and t > 0]
    if len(points) < 2 or len(points) != len(sizes):
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator
