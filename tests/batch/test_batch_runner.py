"""The local runner: every paper yields exactly one row, whatever it does to its worker."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from paperlint.api import CheckOptions
from paperlint.batch.runner import RunSettings, WorkerStartError, run_local
from tests.batch.batch_helpers import SPEC, tex_paper, write_papers

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


def _by_name(results: list) -> dict[str, object]:  # type: ignore[type-arg]
    return {Path(r.path).name: r for r in results}


def test_hangs_crashes_and_memory_hogs_become_error_rows(tmp_path: Path) -> None:
    words = ["ok", "hang", "ok", "crash", "segv", "raise", "hog", "ok", "ok", "ok"]
    paths = write_papers(tmp_path, words)
    # The timeout leaves the memory hog room to reach its limit on a loaded machine.
    settings = RunSettings(jobs=2, timeout=8, memory_mb=700, check=SPEC)
    results = list(run_local(paths, CheckOptions(), settings))
    assert sorted(r.path for r in results) == sorted(paths)  # each exactly once
    rows = _by_name(results)
    errors = {name: r.error for name, r in rows.items() if r.error}  # type: ignore[attr-defined]
    assert set(errors) == {"p01.txt", "p03.txt", "p04.txt", "p05.txt", "p06.txt"}
    assert "timed out after 8 s" in errors["p01.txt"], errors
    assert "died (exit code 3)" in errors["p03.txt"]
    assert "died (signal 11)" in errors["p04.txt"]
    assert "ValueError" in errors["p05.txt"]
    assert "memory limit exceeded" in errors["p06.txt"], errors
    assert all(rows[f"p0{i}.txt"].verdict == "complete" for i in (0, 2, 7, 8, 9))  # type: ignore[attr-defined]


def test_results_stream_in_completion_order(tmp_path: Path) -> None:
    paths = write_papers(tmp_path, ["slow 2", "ok", "ok"])
    settings = RunSettings(jobs=2, timeout=30, check=SPEC)
    order = [Path(r.path).name for r in run_local(paths, CheckOptions(), settings)]
    assert order[-1] == "p00.txt"  # the slow paper does not hold back the others


def test_no_timeout_lets_a_slow_paper_finish(tmp_path: Path) -> None:
    paths = write_papers(tmp_path, ["slow 1.5"])
    result = next(iter(run_local(paths, CheckOptions(), RunSettings(jobs=1, timeout=0,
                                                                    check=SPEC))))
    assert result.error is None


def test_closing_early_stops_the_pool(tmp_path: Path) -> None:
    paths = write_papers(tmp_path, ["ok", "hang", "hang"])
    started = time.monotonic()
    results = run_local(paths, CheckOptions(), RunSettings(jobs=3, timeout=600, check=SPEC))
    first = next(iter(results))
    results.close()  # e.g. Ctrl-C: the hung workers must not keep the batch alive
    assert first.error is None
    assert time.monotonic() - started < 30


def test_a_pool_that_cannot_start_is_one_clear_error(tmp_path: Path) -> None:
    paths = write_papers(tmp_path, ["ok"])
    # Workers that die before they are ready (here: the per-paper function cannot be imported, as
    # in a broken install) must not be respawned forever.
    settings = RunSettings(jobs=1, check="tests.batch.no_such_module:check")
    with pytest.raises(WorkerStartError, match="failed to start"):
        list(run_local(paths, CheckOptions(), settings))


def test_fifty_real_papers_with_two_broken_report_exactly_those(tmp_path: Path) -> None:
    paths = []
    for index in range(48):
        paper = tmp_path / f"paper{index:02d}.tex"
        paper.write_text(tex_paper(f"We trained for {index + 1} hours on 4 GPUs."),
                         encoding="utf-8")
        paths.append(str(paper))
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"this is not a PDF")
    binary = tmp_path / "binary.tex"
    binary.write_bytes(bytes(range(256)) * 64)
    paths += [str(broken_pdf), str(binary)]
    results = list(run_local(paths, CheckOptions(), RunSettings(jobs=2, timeout=60)))
    assert len(results) == 50
    failed = sorted(Path(r.path).name for r in results if r.error is not None)
    assert failed == ["binary.tex", "broken.pdf"]


def test_papers_are_sent_largest_first_to_two_or_more_workers(tmp_path: Path) -> None:
    from paperlint.batch.runner import dispatch_order

    small, big = tmp_path / "small.tex", tmp_path / "big.pdf"
    small.write_text("x" * 10, encoding="utf-8")
    big.write_bytes(b"%PDF" + b"0" * 5000)
    project = tmp_path / "project"
    project.mkdir()
    (project / "main.tex").write_text("y" * 300, encoding="utf-8")
    (project / "sections").mkdir()
    (project / "sections" / "a.tex").write_text("z" * 900, encoding="utf-8")  # 1,200 in all
    missing = str(tmp_path / "gone.tex")
    paths = [str(small), missing, str(project), str(big)]
    assert [i for i, _ in dispatch_order(paths, 2)] == [3, 2, 0, 1]
    assert [i for i, _ in dispatch_order(paths, 1)] == [0, 1, 2, 3]  # one worker: as given
