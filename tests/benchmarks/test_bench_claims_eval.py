"""benchmarks.accuracy.claims_eval on the tiny synthetic corpus with hand-made predictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.accuracy.claims_eval import ADJUDICATION, evaluate_claims, load_adjudication
from benchmarks.corpus import GoldClaim


def found(type_: str, value: float | str, line: int, role: str = "training") -> dict[str, Any]:
    return {"type": type_, "value": value, "role": role, "text": str(value),
            "location": {"file": "main.tex", "line": line, "column": 1}}


GOLD_HITS = [found("hardware", "nvidia-v100-sxm2", 3), found("chip_count", 4.0, 3),
             found("duration", 10.0, 3)]
STRAY = found("hardware", "nvidia-v100-sxm2", 10, role="inference")  # outside every gold window


def _figures(corpus: Path, claims: list[dict[str, Any]],
             adjudication: dict[str, list[GoldClaim]]) -> dict[str, Any]:
    results = {"tex90": {"claims": claims, "compute_reports": []}}
    figures: dict[str, Any] = evaluate_claims(corpus, results=results, only=["tex90"],
                                              adjudication=adjudication)
    return figures["per_type"]["hardware"]  # type: ignore[no-any-return]


def label(line: int, role: str, **values: float | str) -> GoldClaim:
    return GoldClaim(file="main.tex", line=line, quote="", role=role, values=dict(values))


def test_a_claim_outside_every_gold_window_is_a_false_positive(tiny_corpus: Path) -> None:
    row = _figures(tiny_corpus, [*GOLD_HITS, STRAY], {})
    assert (row["tp"], row["fp"], row["confirmed"]) == (1, 1, 0)
    assert row["precision"] == row["precision_adjudicated"] == 0.5


def test_a_second_annotators_label_confirms_it_without_changing_the_gold_figure(
        tiny_corpus: Path) -> None:
    row = _figures(tiny_corpus, [*GOLD_HITS, STRAY],
                   {"tex90": [label(10, "inference", hardware="V100")]})
    assert (row["tp"], row["fp"], row["confirmed"]) == (1, 1, 1)
    assert row["precision"] == 0.5 and row["precision_adjudicated"] == 1.0


@pytest.mark.parametrize(
    "labels",
    [
        [label(10, "distractor", hardware="V100")],  # a negative label never confirms
        [label(10, "inference", hardware="A100")],  # another value
        [label(30, "inference", hardware="V100")],  # another line
        [label(10, "inference", count=4)],  # another field
    ],
)
def test_labels_that_do_not_say_the_same_confirm_nothing(tiny_corpus: Path,
                                                          labels: list[GoldClaim]) -> None:
    row = _figures(tiny_corpus, [*GOLD_HITS, STRAY], {"tex90": labels})
    assert row["confirmed"] == 0 and row["precision_adjudicated"] == 0.5


def test_the_committed_adjudication_parses_and_quotes_no_paper_text() -> None:
    labels = load_adjudication()
    assert labels and all(label.values for rows in labels.values() for label in rows)
    for line in ADJUDICATION.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        # The corpus papers are not ours to copy: the file names lines, it never quotes them.
        assert "quote" not in raw and {"id", "file", "line", "role", "note"} <= set(raw)


def test_no_adjudication_file_means_none(tmp_path: Path) -> None:
    assert load_adjudication(tmp_path / "absent.jsonl") == {}


def test_a_fact_a_report_carries_counts_in_the_looser_figure_only(tiny_corpus: Path) -> None:
    # The gold line states V100, 4 and 10 hours; the claims read only the count and the time, and
    # the report holding them carries the chip (inferred from elsewhere in the paper).
    claims = [found("chip_count", 4.0, 3), found("duration", 10.0, 3)]
    report = {"hardware": "nvidia-v100-sxm2", "chip_count": 4, "duration_hours": 10.0,
              "claims": [0, 1]}
    results = {"tex90": {"claims": claims, "compute_reports": [report]}}
    facts = evaluate_claims(tiny_corpus, results=results, only=["tex90"],
                            adjudication={})["training_facts"]
    assert (facts["found"], facts["in_report"], facts["total"]) == (2, 3, 3)
    far = {**report, "claims": []}  # a report holding no claim of the gold's lines proves nothing
    results = {"tex90": {"claims": claims, "compute_reports": [far]}}
    facts = evaluate_claims(tiny_corpus, results=results, only=["tex90"],
                            adjudication={})["training_facts"]
    assert (facts["found"], facts["in_report"]) == (2, 2)
