"""The generalisation figures: run and score the splits (``evaluate``), print them (``render``).

The held split is reported only as aggregates: ``evaluate`` drops its misses before anything is
returned, so neither the printout nor the JSON can name a held case or show its text.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.accuracy.metrics import PREDICTED_LABELS
from benchmarks.corpus import VERDICTS
from benchmarks.generalisation import HERE
from benchmarks.generalisation.cases import Case, read_cases
from benchmarks.generalisation.run import run_cases
from benchmarks.generalisation.score import SCORED, Matcher, aggregate, score_case
from benchmarks.tables import pct, table

SPLIT_NAMES = ("dev", "held")
ListedSplits = frozenset({"dev"})  # the only split whose misses may be shown


def evaluate(splits: Sequence[str] = SPLIT_NAMES, folder: Path = HERE, timeout: float = 30.0,
             progress: Callable[[Case, dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Figures per split, from ``folder/<split>.jsonl`` (raises CaseError for a bad file)."""
    from paperlint.catalogue import load_catalogue

    matcher = Matcher(load_catalogue())
    out: dict[str, Any] = {"folder": str(folder), "splits": {}}
    for name in splits:
        cases = read_cases(folder / f"{name}.jsonl")
        start = time.perf_counter()
        results = run_cases(cases, timeout=timeout, progress=progress)
        seconds = time.perf_counter() - start
        figures = aggregate([score_case(c, results[c["id"]], matcher) for c in cases])
        figures["near_miss_cases"] = sum(bool(c["near_miss"]) for c in cases)
        figures["errors"] = sum(bool(r.get("error")) for r in results.values())
        figures["seconds"] = round(seconds, 2)
        figures["median_case_seconds"] = round(
            statistics.median(r["seconds"] for r in results.values()), 4) if results else None
        if name not in ListedSplits:
            del figures["misses"]  # held: aggregates only, never which case failed
        out["splits"][name] = figures
    return out


def render(data: dict[str, Any], misses: bool = False) -> str:
    """Every split's tables; with ``misses``, the dev misses after them (never the held ones)."""
    parts = [_render_split(name, figures) for name, figures in data["splits"].items()]
    if misses:
        for name, figures in data["splits"].items():
            if name in ListedSplits and "misses" in figures:
                lines = figures["misses"]
                parts.append(f"### Misses ({name}: {len(lines)})\n\n" + "\n".join(lines) + "\n")
            else:
                parts.append(f"### Misses ({name})\n\nnot listed: the {name} split is reported "
                             "as aggregates only.\n")
    return "\n".join(parts)


def _render_split(name: str, f: dict[str, Any]) -> str:
    v = f["verdicts"]
    head = (f"## Generalisation set: {name} ({f['cases']} cases, {f['near_miss_cases']} "
            f"near-misses; {f['seconds']} s, median {f['median_case_seconds']} s a case)\n")
    parts = [head]
    parts.append(table(
        ["cases", "right", "accuracy", "recall complete", "recall partial", "recall missing",
         "errors"],
        [[v["papers"], v["correct"], pct(v["accuracy"]),
          *(pct(v["per_verdict"][x]["recall"]) for x in VERDICTS), f["errors"]]],
        f"Verdict accuracy ({name})"))
    parts.append(table(["gold \\ predicted", *PREDICTED_LABELS],
                       [[g, *(v["matrix"][g][p] for p in PREDICTED_LABELS)] for g in VERDICTS],
                       f"Confusion matrix ({name})"))
    facts = f["training_facts"]
    parts.append(table(
        ["type", "found", "total", "recall"],
        [*([t, r["found"], r["total"], pct(r["recall"])] for t, r in facts["per_type"].items()),
         ["all", facts["found"], facts["total"], pct(facts["recall"])]],
        f"Training facts found ({name}; facts whose role is training)"))
    claims = f["per_type"]
    rows: list[list[object]] = [[t, c["tp"], c["fp"], c["fn"], c["unjudged"], c["distractor_hits"],
                                 pct(c["precision"]), pct(c["recall"])]
                                for t, c in ((t, claims[t]) for t in SCORED)]
    total = f["claims_all_types"]
    rows.append(["all types", total["tp"], total["fp"], total["fn"], "", "",
                 pct(total["precision"]), pct(total["recall"])])
    parts.append(table(["type", "tp", "fp", "fn", "unjudged", "of fp: on a distractor",
                        "precision", "recall"], rows, f"Claims per type ({name})"))
    roles = f["roles"]
    parts.append(table(
        ["gold role", "agree", "found facts", "share"],
        [*([r, x["agree"], x["total"], pct(x["share"])] for r, x in roles["per_role"].items()),
         ["all", roles["agree"], roles["total"], pct(roles["share"])]],
        f"Role agreement ({name}; training: extracted training/fine-tuning/unspecified)"))
    quiet, foreign, main = (f["missing_cases_without_PL102_PL104"],
                            f["foreign_only_cases_missing"], f["main_report"])
    parts.append(table(
        ["figure", "cases", "right", "share"],
        [["missing cases with no PL102-PL104", quiet["cases"], quiet["quiet"],
          pct(quiet["share"])],
         ["cases whose only figures are others', specs, hypotheticals, per-example: missing",
          foreign["cases"], foreign["missing"], pct(foreign["share"])],
         ["main report agrees (all five fields)", main["cases"], main["agree"],
          pct(main["share"])]],
        f"Quiet where it should be, and the main report ({name})"))
    parts.append(table(["field", "agree"], [[k, pct(x)] for k, x in main["per_field"].items()],
                       f"Main report, per field ({name})"))
    groups = [*f["per_class"].items(), ("(near-misses)", f["near_miss"]),
              ("(positives)", f["positive"])]
    parts.append(table(
        ["class", "cases", "verdicts right", "accuracy", "training facts", "recall",
         "claim precision", "role agreement"],
        [[n, g["cases"], g["verdict_right"], pct(g["verdict_accuracy"]), g["training_facts"],
          pct(g["training_recall"]), pct(g["precision"]), pct(g["role_agreement"])]
         for n, g in groups],
        f"Per class ({name})"))
    return "\n".join(parts)
