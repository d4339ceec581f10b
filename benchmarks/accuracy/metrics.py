"""Pure accuracy metrics over gold papers and paperlint's results (as JSON-able dicts).

Everything here works on ``DocumentResult.to_dict()`` output and :class:`benchmarks.corpus.Paper`,
so the tests can feed synthetic gold and predictions without running paperlint.

Claim matching (type, value within 1%, same sentence) belongs to the extraction engineer's
``benchmarks/accuracy/claims_eval.py``; this module only measures what is above single claims:
verdicts, report grouping and false alarms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks.corpus import GOLD_FIELDS, VERDICTS, GoldClaim, Paper

# Predicted labels besides the three verdicts: the paper could not be checked at all.
ERROR = "error"
PREDICTED_LABELS = (*VERDICTS, ERROR)
REL_TOLERANCE = 0.01  # the shared protocol: a normalised value matches gold within 1%


@dataclass
class Confusion:
    """Gold verdict (rows) against predicted verdict (columns, plus ``error``)."""

    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g: {p: 0 for p in PREDICTED_LABELS} for g in VERDICTS}
    )

    def add(self, gold: str, predicted: str | None) -> None:
        label = predicted if predicted in VERDICTS else ERROR
        self.counts[gold][label] += 1

    @property
    def total(self) -> int:
        return sum(sum(row.values()) for row in self.counts.values())

    @property
    def correct(self) -> int:
        return sum(self.counts[v][v] for v in VERDICTS)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def recall(self, verdict: str) -> float | None:
        row = sum(self.counts[verdict].values())
        return self.counts[verdict][verdict] / row if row else None

    def precision(self, verdict: str) -> float | None:
        column = sum(self.counts[g][verdict] for g in VERDICTS)
        return self.counts[verdict][verdict] / column if column else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "matrix": {g: dict(row) for g, row in self.counts.items()},
            "papers": self.total,
            "correct": self.correct,
            "accuracy": self.accuracy,
            "per_verdict": {
                v: {"precision": self.precision(v), "recall": self.recall(v)} for v in VERDICTS
            },
        }


def confusion(pairs: Iterable[tuple[str, str | None]]) -> Confusion:
    """A confusion matrix from (gold verdict, predicted verdict or None for an error) pairs."""
    matrix = Confusion()
    for gold, predicted in pairs:
        matrix.add(gold, predicted)
    return matrix


def verdict_tables(
    papers: Sequence[Paper], results: Mapping[str, Mapping[str, Any]]
) -> dict[str, Confusion]:
    """Confusion matrices for LaTeX, PDF and all papers (papers not run are left out)."""
    tables = {"latex": Confusion(), "pdf": Confusion(), "all": Confusion()}
    for paper in papers:
        if paper.id not in results:
            continue
        result = results[paper.id]
        predicted = None if result.get("error") else result.get("verdict")
        tables[paper.format].add(paper.verdict, predicted)
        tables["all"].add(paper.verdict, predicted)
    return tables


def false_alarms(
    papers: Sequence[Paper],
    results: Mapping[str, Mapping[str, Any]],
    codes: Sequence[str] = ("PL1",),
) -> dict[str, Any]:
    """Findings on papers whose gold verdict is complete. Any finding there is worth a look; one
    whose code starts with one of ``codes`` (the missing-report rules) contradicts the gold and is a
    false alarm by definition."""
    checked = [p for p in papers if p.verdict == "complete" and p.id in results
               and not results[p.id].get("error")]
    prefixes = tuple(codes)
    any_finding = [p.id for p in checked if results[p.id].get("findings")]
    flagged = [
        p.id for p in checked
        if any(str(f.get("code", "")).startswith(prefixes)
               for f in results[p.id].get("findings", []))
    ]
    total = sum(len(results[p.id].get("findings", [])) for p in checked)
    return {
        "complete_papers": len(checked),
        "codes": list(prefixes),
        "papers_with_any_finding": len(any_finding),
        "papers_with_missing_report_finding": len(flagged),
        "rate_any": len(any_finding) / len(checked) if checked else None,
        "rate_missing_report": len(flagged) / len(checked) if checked else None,
        "findings_per_paper": total / len(checked) if checked else None,
        "flagged_ids": flagged,
    }


def _number_matches(gold: float, predicted: Any) -> bool:
    if not isinstance(predicted, int | float) or isinstance(predicted, bool):
        return False
    if gold == 0:
        return predicted == 0
    return abs(float(predicted) - gold) <= REL_TOLERANCE * abs(gold)


VENDOR_WORDS = frozenset({"nvidia", "tesla", "google", "cloud", "amd", "intel", "gpu", "gpus"})


def hardware_tokens(name: str) -> frozenset[str]:
    """Fallback comparison tokens for hardware names: lower-case runs of letters with their digits,
    without vendor words ("NVIDIA Tesla V100-SXM2" -> {v100, sxm2})."""
    return frozenset(re.findall(r"[a-z]+\d*|\d+", name.lower())) - VENDOR_WORDS


def default_hardware_match(gold: str, predicted: str) -> bool:
    """Gold names are free text ("TPU v3-8"); predictions are catalogue ids ("tpu-v3"). They match
    when one's tokens are all among the other's: "A100" matches "nvidia-a100-80gb", but "A10" does
    not (a plain substring test would let it)."""
    a, b = hardware_tokens(gold), hardware_tokens(predicted)
    if not a or not b:
        return False
    return a <= b or b <= a


HardwareMatch = Callable[[str, str], bool]


def report_covers(
    claim: GoldClaim, report: Mapping[str, Any], hardware_match: HardwareMatch
) -> bool:
    """True when one predicted compute report holds every figure of the gold claim."""
    for gold_key, value in claim.values.items():
        predicted = report.get(GOLD_FIELDS[gold_key])
        if predicted is None:
            return False
        if gold_key == "hardware":
            if not hardware_match(str(value), str(predicted)):
                return False
        elif gold_key == "precision":
            if str(value).lower() != str(predicted).lower():
                return False
        elif not _number_matches(float(value), predicted):
            return False
    return True


def grouping(
    papers: Sequence[Paper],
    results: Mapping[str, Mapping[str, Any]],
    hardware_match: HardwareMatch = default_hardware_match,
) -> dict[str, Any]:
    """Report-grouping accuracy: of the gold training statements that tie two or more figures
    together ("8 P100 GPUs for 12 hours"), how many come out as one predicted compute report
    holding all of them. A single-figure claim says nothing about grouping, so it is left out."""
    multi: list[tuple[str, GoldClaim]] = [
        (paper.id, claim)
        for paper in papers
        if paper.id in results
        for claim in paper.claims
        if claim.counts_toward_verdict and len(claim.values) >= 2
    ]
    grouped = []
    missed = []
    for paper_id, claim in multi:
        reports = results[paper_id].get("compute_reports", [])
        if any(report_covers(claim, report, hardware_match) for report in reports):
            grouped.append(paper_id)
        else:
            missed.append(f"{paper_id}:{claim.line}")
    return {
        "gold_multi_figure_claims": len(multi),
        "grouped": len(grouped),
        "accuracy": len(grouped) / len(multi) if multi else None,
        "missed": missed,
    }


def ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def precision_recall(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    """Precision, recall and F1 from match counts (None where undefined)."""
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall > 0
        else None
    )
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
