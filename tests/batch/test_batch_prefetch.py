"""Papers sent ahead: a worker holds two, and isolation stays exact for each of them."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from paperlint.api import CheckOptions, check_path
from paperlint.batch.runner import RunSettings, RunStats, run_local, run_outcomes
from paperlint.batch.worker import outcome_of, render_line, worst_severity
from paperlint.report import jsonl
from tests.batch.batch_helpers import MEETING_SPEC, SPEC, signed_in, tex_paper, write_papers

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

REPORTED = "We trained for 3 days on 8 NVIDIA A100 GPUs, a total of 1.2e21 FLOPs."


def _errors(results: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {Path(r.path).name: r.error for r in results if r.error}


def test_a_hang_with_a_paper_queued_behind_it_fails_alone(tmp_path: Path) -> None:
    paths = write_papers(tmp_path, ["ok", "hang", "ok", "ok", "ok", "ok"])
    stats = RunStats()
    settings = RunSettings(jobs=1, timeout=3, check=SPEC, prefetch=2)
    results = list(run_local(paths, CheckOptions(), settings, stats))
    assert sorted(r.path for r in results) == sorted(paths)  # each exactly once
    errors = _errors(results)
    assert list(errors) == ["p01.txt"] and "timed out after 3 s" in errors["p01.txt"]
    # The paper sent ahead to the hung worker went back to the queue and was checked elsewhere.
    assert stats.requeued == 1 and stats.workers_started == 2


def test_without_prefetch_nothing_waits_behind_the_hang(tmp_path: Path) -> None:
    paths = write_papers(tmp_path, ["ok", "hang", "ok", "ok"])
    stats = RunStats()
    settings = RunSettings(jobs=1, timeout=3, check=SPEC, prefetch=1)
    results = list(run_local(paths, CheckOptions(), settings, stats))
    assert list(_errors(results)) == ["p01.txt"] and stats.requeued == 0


def test_crashes_among_prefetched_papers_fail_only_their_own_paper(tmp_path: Path) -> None:
    words = ["ok", "crash", "ok", "segv", "ok", "raise", "ok", "ok", "ok", "ok"]
    paths = write_papers(tmp_path, words)
    stats = RunStats()
    results = list(run_local(paths, CheckOptions(),
                             RunSettings(jobs=2, timeout=30, check=SPEC), stats))
    assert sorted(r.path for r in results) == sorted(paths)
    errors = _errors(results)
    assert set(errors) == {"p01.txt", "p03.txt", "p05.txt"}
    assert "died (exit code 3)" in errors["p01.txt"] and "signal 11" in errors["p03.txt"]
    assert "ValueError" in errors["p05.txt"]
    # At most one replacement per dead worker, and none once the queue is empty: when both deaths
    # come near the end, one replacement is enough, so 3 is as right as 4.
    assert 3 <= stats.workers_started <= 4


def test_a_queued_papers_clock_starts_when_its_check_starts(tmp_path: Path) -> None:
    # Each takes 2 s; the second is sent at once but starts only after the first. Timed from
    # when it was sent it would take 4 s, past the 3.5 s limit; from its start it takes 2 s, which
    # leaves 1.5 s for a loaded machine's overhead.
    paths = write_papers(tmp_path, ["slow 2", "slow 2", "ok"])
    results = list(run_local(paths, CheckOptions(),
                             RunSettings(jobs=1, timeout=3.5, check=SPEC, prefetch=2)))
    assert _errors(results) == {}


def test_a_slow_paper_still_times_out_when_it_was_queued(tmp_path: Path) -> None:
    paths = write_papers(tmp_path, ["ok", "slow 6", "ok", "ok"])
    started = time.monotonic()
    results = list(run_local(paths, CheckOptions(),
                             RunSettings(jobs=1, timeout=2, check=SPEC, prefetch=2)))
    assert list(_errors(results)) == ["p01.txt"]
    assert time.monotonic() - started < 30


def test_workers_render_the_streamed_line_and_report_their_cpu(tmp_path: Path) -> None:
    paths = []
    for index in range(4):
        paper = tmp_path / f"paper{index}.tex"
        paper.write_text(tex_paper(REPORTED if index % 2 else "No compute here."),
                         encoding="utf-8")
        paths.append(str(paper))
    stats = RunStats()
    # Both workers check a paper whatever the machine's load (meeting_check holds the first
    # worker's first paper until the second has one), so both must report their CPU.
    settings = RunSettings(jobs=2, timeout=None, render="jsonl", check=MEETING_SPEC)
    outcomes = sorted(run_outcomes(paths, CheckOptions(), settings, stats),
                      key=lambda o: o.index)
    assert [o.path for o in outcomes] == paths
    for outcome in outcomes:
        local = check_path(outcome.path, CheckOptions())
        assert outcome.result().to_dict() == local.to_dict()
        assert outcome.line == jsonl.line(local)
        assert outcome.worst == worst_severity(local) and outcome.error is None
    assert any(o.worst is not None for o in outcomes)
    workers = signed_in(tmp_path)
    assert len(workers) == 2 and set(stats.worker_cpu) == workers
    assert stats.cpu_seconds > 0 and all(stats.worker_cpu[pid] > 0 for pid in workers)


def test_outcome_lines_for_each_rendering(tmp_path: Path) -> None:
    paper = tmp_path / "p.tex"
    paper.write_text(tex_paper(REPORTED), encoding="utf-8")
    result = check_path(str(paper), CheckOptions())
    row = render_line(result, "csv")
    assert row.endswith("\n") and row.count("\n") == 1 and row.startswith("p,")
    assert render_line(result, None) == ""
    outcome = outcome_of(3, result, "jsonl")
    assert outcome.index == 3 and pickle.loads(outcome.payload) == result
    assert outcome.line == jsonl.line(result)
