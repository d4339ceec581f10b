"""End-to-end check of the hardware-time estimator against Epoch AI's published figures.

    python -m benchmarks.estimator_eval [CSV]   # default: ../shared/estimator/epoch-models-dev.csv

For each row the estimator gets only what a paper would state: the hardware name (resolved through
the catalogue), the chip count, the training time or chip-hours (chip-hours preferred), the numeric
format and the domain (Language -> Epoch's 30% default, else 40%). It prints the ratio of our
central estimate to Epoch's figure per row and two shares: central estimate within 2x of Epoch's
figure (target >= 90%), and Epoch's figure inside our [low, high] range (target >= 85%). Rows where
Epoch's figure is itself a hardware estimate with an assumed utilization only check the convention;
the shares are also given for the rows whose figure is independent of the hardware formula.
"""

from __future__ import annotations

import csv
import math
import statistics
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_ESTIMATOR_CSV
from paperlint.catalogue import load_catalogue
from paperlint.estimate import EstimateInputError, estimate_hardware

DEFAULT_CSV = DEFAULT_ESTIMATOR_CSV
TARGET_WITHIN_2X = 0.90
TARGET_INSIDE_RANGE = 0.85


@dataclass(frozen=True)
class Row:
    model: str
    hardware: str
    epoch_flop: float
    estimate: float | None
    low: float | None
    high: float | None
    independent: bool  # Epoch's figure does not come from the hardware formula
    problem: str | None = None

    @property
    def ratio(self) -> float | None:
        return self.estimate / self.epoch_flop if self.estimate else None


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def _domain(text: str) -> str:
    # Epoch applies the language default where the model is primarily a language model: the
    # domain list starts with (or is) "Language".
    return "language" if text.split(",")[0].strip() == "Language" else "other"


def estimate_row(record: dict[str, str]) -> Row:
    """Our estimate for one CSV row, from the fields a paper would state."""
    catalogue = load_catalogue()
    independence = record.get("independence_of_epoch_figure", "")
    independent = not independence.startswith("hardware")
    epoch = _number(record["training_compute_flop"]) or math.nan
    base = Row(
        model=record["model"],
        hardware=record["training_hardware"],
        epoch_flop=epoch,
        estimate=None,
        low=None,
        high=None,
        independent=independent,
    )
    entry = catalogue.lookup(record["training_hardware"])
    if entry is None:
        return replace(base, problem="unknown hardware")
    try:
        result = estimate_hardware(
            entry,
            chips=_number(record["hardware_quantity"]),
            hours=_number(record["training_time_hours"]),
            chip_hours=_number(record["training_chip_hours"]),
            precision=record.get("numerical_format") or None,
            domain=_domain(record.get("domain", "")),
        )
    except EstimateInputError as error:
        return replace(base, problem=str(error))
    return replace(base, estimate=result.flop, low=result.low, high=result.high)


def _shares(rows: list[Row]) -> dict[str, Any]:
    scored = [r for r in rows if r.ratio is not None and math.isfinite(r.epoch_flop)]
    if not scored:
        return {"rows": 0}
    ratios = [r.ratio for r in scored if r.ratio is not None]
    within = sum(1 for x in ratios if 0.5 <= x <= 2.0)
    inside = sum(
        1
        for r in scored
        if r.low is not None and r.high is not None and r.low <= r.epoch_flop <= r.high
    )
    return {
        "rows": len(scored),
        "share_within_2x": within / len(scored),
        "share_inside_range": inside / len(scored),
        "median_ratio": statistics.median(ratios),
        "median_error_factor": statistics.median(max(x, 1 / x) for x in ratios),
    }


def evaluate(csv_path: Path | None = None) -> dict[str, Any]:
    """Figures for the accuracy harness: shares over all rows and over independent rows."""
    path = Path(csv_path) if csv_path is not None else DEFAULT_CSV
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [estimate_row(record) for record in csv.DictReader(handle)]
    figures = _shares(rows)
    independent = _shares([r for r in rows if r.independent])
    figures.update(
        {
            "csv": str(path),
            "unestimated": [f"{r.model}: {r.problem}" for r in rows if r.estimate is None],
            "independent": independent,
            "target_within_2x": TARGET_WITHIN_2X,
            "target_inside_range": TARGET_INSIDE_RANGE,
            "passed": figures.get("share_within_2x", 0) >= TARGET_WITHIN_2X
            and figures.get("share_inside_range", 0) >= TARGET_INSIDE_RANGE,
            "per_row": [
                {
                    "model": r.model,
                    "epoch": r.epoch_flop,
                    "estimate": r.estimate,
                    "ratio": r.ratio,
                    "inside_range": r.low is not None
                    and r.high is not None
                    and r.low <= r.epoch_flop <= r.high,
                    "independent": r.independent,
                }
                for r in rows
            ],
        }
    )
    return figures


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT_CSV
    if not path.is_file():
        print(f"estimator_eval: {path} not found; nothing to evaluate (skipped)")
        return 0
    figures = evaluate(path)
    print("| model | Epoch FLOP | estimate | ratio | in range | independent |")
    print("|---|---|---|---|---|---|")
    for row in figures["per_row"]:
        ratio = f"{row['ratio']:.2f}" if row["ratio"] else "-"
        estimate = f"{row['estimate']:.2e}" if row["estimate"] else "-"
        inside, independent = ("yes" if row[k] else "no" for k in ("inside_range", "independent"))
        print(
            f"| {row['model']} | {row['epoch']:.2e} | {estimate} | {ratio} | {inside} | "
            f"{independent} |"
        )
    print()
    for label, data in (("all rows", figures), ("independent rows", figures["independent"])):
        if data.get("rows"):
            print(
                f"{label}: {data['rows']} rows, within 2x {data['share_within_2x']:.0%}, "
                f"inside range {data['share_inside_range']:.0%}, median ratio "
                f"{data['median_ratio']:.2f}, median error factor "
                f"{data['median_error_factor']:.2f}"
            )
    for problem in figures["unestimated"]:
        print(f"not estimated: {problem}")
    print(
        f"targets: within 2x >= {TARGET_WITHIN_2X:.0%}, inside range >= {TARGET_INSIDE_RANGE:.0%}"
        f" -> {'PASS' if figures['passed'] else 'FAIL'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
