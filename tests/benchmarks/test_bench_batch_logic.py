"""The batch benchmark's logic: paired speed-ups, the share of the machine's ceiling, the mix.

No figure of this machine is asserted here (docs/batch.md publishes those); only that the
benchmark computes them right from the runs it is given.
"""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

import pytest

from benchmarks import batch_speed
from benchmarks.batch_speed import REPO, Run, compare, machine_ceiling


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
    # 1 process: 100 blocks a second; 2 processes together: 160 -> 1.6x the throughput.
    monkeypatch.setattr("benchmarks.batch_speed._spin_rate",
                        lambda processes, seconds: {1: 100.0, 2: 160.0}[processes])
    assert machine_ceiling(samples=3) == pytest.approx(1.6)


def test_machine_ceiling_times_real_processes() -> None:
    # Real forks, timed: a positive figure (its size depends on the machine's moment, not asserted).
    assert machine_ceiling(samples=1, seconds=0.05) > 0


def test_build_papers_mixes_pdfs_projects_and_archives(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in corpus of our own: three LaTeX projects and one PDF folder.
    corpus = tmp_path / "corpus"
    for name in ("tex01", "tex02", "tex03"):
        (corpus / name).mkdir(parents=True)
        (corpus / name / "main.tex").write_text(
            "\\documentclass{article}\n\\begin{document}\nWe used 8 GPUs.\n\\end{document}\n",
            encoding="utf-8")
    (corpus / "pdf01").mkdir()
    fixture_pdfs = sorted((REPO / "fixtures" / "pdf").glob("*.pdf"))
    shutil.copyfile(fixture_pdfs[0], corpus / "pdf01" / "paper.pdf")
    monkeypatch.setattr(batch_speed, "CORPUS", corpus)
    papers = batch_speed.build_papers(tmp_path / "papers", 60, corpus=True)
    archives = [p for p in papers if p.endswith(".tar.gz")]
    assert len(archives) == 1  # the third project
    assert len([p for p in papers if p.endswith(".pdf")]) == len(fixture_pdfs) + 1
    assert len([p for p in papers if Path(p).is_dir()]) >= 2
    assert len(papers) >= 60
    with tarfile.open(archives[0]) as tar:
        assert tar.getnames() == ["main.tex"]
    without = batch_speed.build_papers(tmp_path / "plain", 60, corpus=False)
    assert not [p for p in without if p.endswith(".tar.gz")]
