"""benchmarks.accuracy.grouping_misses: why a gold multi-figure claim was not grouped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.accuracy.grouping_misses import diagnose, grouping_misses, render_misses
from benchmarks.corpus import GoldClaim, Paper

GOLD = GoldClaim(file="main.tex", line=10, quote="q", role="training",
                 values={"hardware": "V100", "count": 4.0, "duration_hours": 12.0})


def claim(kind: str, value: float | str, line: int = 10, run: str | None = "run-1",
          role: str = "training") -> dict[str, Any]:
    return {"type": kind, "value": value, "role": role, "run": run,
            "location": {"file": "main.tex", "line": line, "column": 1}}


def report(run: str, **fields: Any) -> dict[str, Any]:
    return {"run": run, "hardware": None, "chip_count": None, "duration_hours": None,
            "chip_hours": None, "flop": None, "params": None, "tokens": None, "precision": None,
            **fields}


def test_a_figure_never_read_near_the_gold_line_is_not_extracted() -> None:
    # The count is read, but forty lines away: not this statement's reading.
    result = {"claims": [claim("hardware", "nvidia-v100"), claim("duration", 12.0),
                         claim("chip_count", 4.0, line=50, run="run-2")],
              "compute_reports": [report("run-1", hardware="nvidia-v100", duration_hours=12.0)]}
    row = diagnose(GOLD, result)
    assert row["cause"] == "not extracted: count"
    assert row["closest_report"] == "run-1" and row["closest_holds"] == ["hardware",
                                                                          "duration_hours"]


def test_figures_in_two_reports_are_a_split_and_a_claim_without_run_is_no_run() -> None:
    split = {"claims": [claim("hardware", "nvidia-v100"), claim("chip_count", 4.0),
                        claim("duration", 12.0, run="run-2")],
             "compute_reports": [report("run-1", hardware="nvidia-v100", chip_count=4),
                                 report("run-2", duration_hours=12.0)]}
    assert diagnose(GOLD, split)["cause"].startswith("split: ")
    unrun = {"claims": [claim("hardware", "nvidia-v100"), claim("chip_count", 4.0),
                        claim("duration", 12.0, run=None, role="per-example")],
             "compute_reports": [report("run-1", hardware="nvidia-v100", chip_count=4)]}
    assert diagnose(GOLD, unrun)["cause"] == "no run: duration_hours (per-example)"


def test_one_run_keeping_another_value_is_a_value_miss() -> None:
    result = {"claims": [claim("hardware", "nvidia-v100"), claim("chip_count", 4.0),
                         claim("duration", 12.0)],
              "compute_reports": [report("run-1", hardware="nvidia-v100", chip_count=4,
                                         duration_hours=30.0)]}
    assert diagnose(GOLD, result)["cause"] == "value: run-1 keeps another duration_hours (30.0)"


def test_only_the_claims_no_report_holds_are_listed() -> None:
    paper = Paper(id="a", kind="tex", folder=Path("a"), main_file="main.tex",
                  verdict="complete", claims=(GOLD,))
    whole = {"claims": [], "compute_reports": [report("run-1", hardware="nvidia-v100",
                                                      chip_count=4, duration_hours=12.0)]}
    assert grouping_misses([paper], {"a": whole}) == []  # grouped: no row
    rows = grouping_misses([paper], {"a": {"claims": [], "compute_reports": []}})
    assert [(r["paper"], r["line"]) for r in rows] == [("a", 10)]
    assert "| not extracted | 1" in render_misses(rows)
