"""benchmarks.accuracy.metrics on synthetic gold and predictions (no paperlint run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.accuracy.metrics import (
    confusion,
    default_hardware_match,
    false_alarms,
    grouping,
    precision_recall,
    verdict_tables,
)
from benchmarks.corpus import GoldClaim, Paper


def paper(pid: str, verdict: str, kind: str = "tex", claims: tuple[GoldClaim, ...] = ()) -> Paper:
    return Paper(id=pid, kind=kind, folder=Path(pid), main_file="main.tex", verdict=verdict,
                 claims=claims)


def result(verdict: str | None, findings: tuple[str, ...] = (), error: str | None = None,
           reports: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:
    return {"verdict": verdict, "error": error, "findings": [{"code": c} for c in findings],
            "compute_reports": list(reports), "claims": []}


def gold(role: str = "training", **values: float | str) -> GoldClaim:
    return GoldClaim(file="main.tex", line=3, quote="q", role=role, values=dict(values))


def test_confusion_counts_accuracy_precision_and_recall() -> None:
    matrix = confusion([("complete", "complete"), ("complete", "partial"), ("partial", "partial"),
                        ("missing", "partial"), ("missing", None)])
    assert matrix.counts["complete"] == {"complete": 1, "partial": 1, "missing": 0, "error": 0}
    assert matrix.counts["missing"]["error"] == 1  # an unreadable paper is its own column
    assert (matrix.total, matrix.correct) == (5, 2)
    assert matrix.accuracy == pytest.approx(0.4)
    assert matrix.recall("complete") == pytest.approx(0.5)
    assert matrix.precision("partial") == pytest.approx(1 / 3)
    assert matrix.recall("missing") == 0.0


def test_empty_confusion_has_undefined_rates_not_zero() -> None:
    matrix = confusion([])
    assert matrix.accuracy is None and matrix.recall("complete") is None
    assert matrix.to_dict()["papers"] == 0


def test_verdict_tables_keep_latex_and_pdf_apart_and_skip_papers_not_run() -> None:
    papers = [paper("t1", "complete"), paper("p1", "missing", kind="pdf"), paper("t2", "partial")]
    results = {"t1": result("complete"), "p1": result("partial"),
               "t2": result(None, error="cannot read")}
    tables = verdict_tables(papers, results)
    assert tables["latex"].total == 2 and tables["pdf"].total == 1 and tables["all"].total == 3
    assert tables["pdf"].counts["missing"]["partial"] == 1
    assert tables["latex"].counts["partial"]["error"] == 1
    assert verdict_tables(papers, {"t1": result("complete")})["all"].total == 1


def test_false_alarms_fire_on_missing_report_findings_of_complete_papers() -> None:
    papers = [paper("a", "complete"), paper("b", "complete"), paper("c", "complete"),
              paper("d", "partial")]
    results = {"a": result("complete", ("PL103",)), "b": result("complete", ("PL105", "PL201")),
               "c": result("complete"), "d": result("partial", ("PL102",))}
    alarms = false_alarms(papers, results, codes=("PL101", "PL102", "PL103", "PL104"))
    assert alarms["complete_papers"] == 3  # d is partial: its findings are not judged here
    assert alarms["flagged_ids"] == ["a"]  # PL105 on b (no total FLOP stated) is no false alarm
    assert alarms["papers_with_any_finding"] == 2
    assert alarms["rate_missing_report"] == pytest.approx(1 / 3)
    assert alarms["findings_per_paper"] == pytest.approx(1.0)


def test_false_alarms_leave_out_papers_that_could_not_be_read() -> None:
    alarms = false_alarms([paper("a", "complete")], {"a": result(None, error="boom")})
    assert alarms["complete_papers"] == 0 and alarms["rate_any"] is None


REPORT = {"hardware": "nvidia-v100", "chip_count": 4, "duration_hours": 10.0, "chip_hours": None,
          "flop": None, "params": None, "tokens": None, "precision": None}


def test_grouping_counts_a_multi_figure_claim_held_by_one_report() -> None:
    papers = [paper("a", "complete", claims=(gold(hardware="V100", count=4, duration_hours=10),))]
    figures = grouping(papers, {"a": result("complete", reports=(REPORT,))})
    assert (figures["gold_multi_figure_claims"], figures["grouped"]) == (1, 1)
    assert figures["accuracy"] == 1.0


def test_grouping_accepts_values_within_one_percent_only() -> None:
    near = {**REPORT, "duration_hours": 10.05}
    far = {**REPORT, "duration_hours": 10.2}
    papers = [paper("a", "complete", claims=(gold(hardware="V100", count=4, duration_hours=10),))]
    assert grouping(papers, {"a": result("complete", reports=(near,))})["grouped"] == 1
    assert grouping(papers, {"a": result("complete", reports=(far,))})["missed"] == ["a:3"]


def test_grouping_misses_figures_split_over_two_reports() -> None:
    split = ({**REPORT, "duration_hours": None}, {**REPORT, "hardware": None, "chip_count": None})
    papers = [paper("a", "complete", claims=(gold(hardware="V100", count=4, duration_hours=10),))]
    assert grouping(papers, {"a": result("complete", reports=split)})["grouped"] == 0


def test_grouping_ignores_single_figure_and_non_training_claims() -> None:
    claims = (gold(hardware="V100"), gold(role="other-work", hardware="V100", count=4))
    figures = grouping([paper("a", "complete", claims=claims)], {"a": result("complete")})
    assert figures["gold_multi_figure_claims"] == 0 and figures["accuracy"] is None


def test_grouping_uses_the_given_hardware_matcher() -> None:
    papers = [paper("a", "complete", claims=(gold(hardware="Volta", count=4),))]
    results = {"a": result("complete", reports=(REPORT,))}
    assert grouping(papers, results)["grouped"] == 0
    assert grouping(papers, results, lambda g, p: g == "Volta")["grouped"] == 1


@pytest.mark.parametrize(
    ("gold_name", "predicted"),
    [("V100", "nvidia-v100"), ("NVIDIA Tesla V100", "v100"), ("TPU v3-8", "tpu-v3"),
     ("A100", "nvidia-a100-80gb")],
)
def test_hardware_names_match_catalogue_ids(gold_name: str, predicted: str) -> None:
    assert default_hardware_match(gold_name, predicted)


@pytest.mark.parametrize(
    ("gold_name", "predicted"),
    [("A10", "nvidia-a100"), ("H800", "nvidia-h100"), ("V100", ""), ("TPU v4", "tpu-v3")],
)
def test_hardware_near_misses_do_not_match(gold_name: str, predicted: str) -> None:
    assert not default_hardware_match(gold_name, predicted)


def test_precision_recall_and_f1() -> None:
    figures = precision_recall(tp=3, fp=1, fn=3)
    assert figures["precision"] == pytest.approx(0.75)
    assert figures["recall"] == pytest.approx(0.5)
    assert figures["f1"] == pytest.approx(0.6)
    assert precision_recall(0, 0, 0)["precision"] is None
