"""The verdict function against the corpus's gold labels, fed the gold claims themselves.

This isolates the verdict rules from extraction: each gold claim becomes a claim (and a report)
with the gold figures and a role mapped onto paperlint's roles. End-to-end accuracy, with real
extraction, is measured in benchmarks/. Skipped where ../shared is absent (a user's clone); the
papers are read at test time and nothing of them is copied into the repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from paperlint.checks.verdict import decide_verdict
from paperlint.extract import Extraction
from paperlint.model import Claim, ComputeReport, Location

# Gold roles -> paperlint roles. The gold's own non-training compute (runtimes, throughput,
# infrastructure) is "inference"; model sizes and corpus sizes are own but phase-less.
ROLE = {
    "training": "training",
    "inference": "inference", "throughput": "inference", "runtime": "inference",
    "benchmark": "inference", "data-processing": "inference", "infrastructure": "inference",
    "model-size": "unspecified", "data": "unspecified",
}  # fmt: skip
FIELDS = (("hardware", "hardware"), ("count", "chip_count"), ("duration_hours", "duration"),
          ("gpu_hours", "chip_hours"), ("flop", "flop"), ("params", "params"),
          ("tokens", "tokens"), ("precision", "precision"))  # fmt: skip


def _extraction(paper: dict[str, Any]) -> Extraction:
    claims: list[Claim] = []
    reports: list[ComputeReport] = []
    for gold in paper["claims"]:
        role = ROLE.get(gold["role"], "other-work")
        location = Location(gold["file"], gold["line"], 1)
        indices = []
        for key, claim_type in FIELDS:
            if gold.get(key) is not None:
                claims.append(Claim(claim_type, str(gold[key]), gold[key], None, location, role))
                indices.append(len(claims) - 1)
        if gold["role"] == "runtime" and not indices:
            # The gold marks a runtime sentence without filling duration_hours; the role itself
            # says the paper gives its own run time, which extraction reads as a duration.
            claims.append(Claim("duration", gold["quote"], 0.0, "hours", location, role))
            indices.append(len(claims) - 1)
        reports.append(ComputeReport(
            location, hardware=gold["hardware"], chip_count=gold["count"],
            duration_hours=gold["duration_hours"], chip_hours=gold["gpu_hours"],
            flop=gold["flop"], precision=gold["precision"], params=gold["params"],
            tokens=gold["tokens"], role=role, claims=tuple(indices),
        ))
    return Extraction(tuple(claims), tuple(reports), len(claims))


def test_verdict_rules_reproduce_the_gold_verdicts(shared_dir: Path) -> None:
    gold_file = shared_dir / "corpus" / "gold.jsonl"
    papers = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines()]
    wrong = {
        paper["id"]: (paper["verdict"], decide_verdict(_extraction(paper)))
        for paper in papers
        if decide_verdict(_extraction(paper)) != paper["verdict"]
    }
    assert len(papers) >= 30
    assert wrong == {}
