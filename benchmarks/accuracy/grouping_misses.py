"""Why a gold multi-figure training claim was not grouped into one predicted compute report.

``python -m benchmarks.accuracy --grouping-misses`` lists each failed gold group with a first
cause read from paperlint's own output (claims with their roles and run ids, the reports), so the
misses can be counted by cause before anything is tuned:

- ``not extracted``: a gold figure has no claim of its type and value anywhere in the paper (an
  extraction miss, not a grouping one);
- ``no run``: the figure was extracted but its claims belong to no report (a role that makes no
  run: per-example, specification, or a report dropped for holding a size alone);
- ``split``: every figure is in some report, but no one report holds them all;
- ``value``: one report holds claims for every figure, yet keeps another value for one of them
  (the first value of a type wins inside a run).

Everything works on ``DocumentResult.to_dict()`` output, like :mod:`benchmarks.accuracy.metrics`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks.accuracy.metrics import (
    HardwareMatch,
    _number_matches,
    default_hardware_match,
    report_covers,
)
from benchmarks.corpus import GOLD_FIELDS, GoldClaim, Paper

# Gold claim fields -> the claim type paperlint extracts for them.
CLAIM_TYPES: dict[str, str] = {**GOLD_FIELDS, "duration_hours": "duration"}


def _value_matches(key: str, gold: float | str, predicted: Any, match: HardwareMatch) -> bool:
    if predicted is None:
        return False
    if key == "hardware":
        return match(str(gold), str(predicted))
    if key == "precision":
        return str(gold).lower() == str(predicted).lower()
    return _number_matches(float(gold), predicted)


def _fields_held(claim: GoldClaim, report: Mapping[str, Any], match: HardwareMatch) -> list[str]:
    return [key for key, value in claim.values.items()
            if _value_matches(key, value, report.get(GOLD_FIELDS[key]), match)]


# How far (in lines; pages for a PDF) a claim may sit from the gold line and still be its reading.
NEAR_LINES = 5
NEAR_PAGES = 1


def near(claim: GoldClaim, predicted: Mapping[str, Any], window: int) -> bool:
    """A predicted claim in the gold claim's file, within ``window`` lines of its line."""
    location = predicted.get("location") or {}
    file = str(location.get("file") or "")
    same_file = not claim.file or file == claim.file or file.endswith("/" + claim.file) \
        or claim.file.endswith("/" + file)
    line = location.get("line")
    return same_file and isinstance(line, int) and abs(line - claim.line) <= window


def diagnose(claim: GoldClaim, result: Mapping[str, Any],
             match: HardwareMatch = default_hardware_match, window: int = NEAR_LINES,
             ) -> dict[str, Any]:
    """The first cause of one miss, the gold figures' matching claims near its line and the
    closest report. A figure read only elsewhere in the paper counts as not extracted here."""
    claims = [c for c in result.get("claims", []) if near(claim, c, window)]
    reports: list[dict[str, Any]] = list(result.get("compute_reports", []))
    found: dict[str, list[dict[str, Any]]] = {}
    for key, value in claim.values.items():
        found[key] = [c for c in claims if c.get("type") == CLAIM_TYPES[key]
                      and _value_matches(key, value, c.get("value"), match)]
    best = max(reports, key=lambda r: len(_fields_held(claim, r, match)), default=None)
    held = _fields_held(claim, best, match) if best is not None else []
    absent = [key for key, hits in found.items() if not hits]
    unrun = [key for key, hits in found.items() if hits and all(not c.get("run") for c in hits)]
    if absent:
        cause = "not extracted: " + ", ".join(absent)
    elif unrun:
        cause = "no run: " + ", ".join(
            f"{key} ({'/'.join(sorted({str(c.get('role')) for c in found[key]}))})"
            for key in unrun)
    else:
        runs = [{str(c["run"]) for c in hits if c.get("run")} for hits in found.values()]
        common = set.intersection(*runs) if runs else set()
        if common:
            run = sorted(common)[0]
            report = next((r for r in reports if r.get("run") == run), {})
            wrong = [key for key in claim.values if key not in _fields_held(claim, report, match)]
            cause = f"value: {run} keeps another " + ", ".join(
                f"{key} ({report.get(GOLD_FIELDS[key])})" for key in wrong)
        else:
            cause = "split: " + ", ".join(f"{key} in {'/'.join(sorted(r))}"
                                          for key, r in zip(claim.values, runs, strict=True))
    return {
        "cause": cause,
        "gold": dict(claim.values),
        "claims": {key: [f"{c.get('role')}@{c.get('location', {}).get('line')}"
                         f"{'/' + str(c['run']) if c.get('run') else ''}" for c in hits]
                   for key, hits in found.items()},
        "closest_report": (best or {}).get("run"),
        "closest_holds": held,
    }


def grouping_misses(papers: Sequence[Paper], results: Mapping[str, Mapping[str, Any]],
                    match: HardwareMatch = default_hardware_match) -> list[dict[str, Any]]:
    """One row per gold multi-figure training claim that no predicted report holds whole."""
    rows = []
    for paper in papers:
        result = results.get(paper.id)
        if result is None:
            continue
        for claim in paper.claims:
            if not (claim.counts_toward_verdict and len(claim.values) >= 2):
                continue
            if any(report_covers(claim, r, match) for r in result.get("compute_reports", [])):
                continue
            window = NEAR_PAGES if paper.kind == "pdf" else NEAR_LINES
            rows.append({"paper": paper.id, "file": claim.file, "line": claim.line,
                         **diagnose(claim, result, match, window)})
    return rows


def cause_kind(cause: str) -> str:
    return cause.split(":", 1)[0]


def render_misses(rows: Sequence[Mapping[str, Any]]) -> str:
    """A Markdown table of the misses, then their count per kind of cause."""
    from benchmarks.tables import table

    body = table(["paper", "line", "cause", "gold", "claims found (role@line/run)", "closest"],
                 [[r["paper"], f"{r['file']}:{r['line']}", r["cause"],
                   ", ".join(f"{k}={v}" for k, v in r["gold"].items()),
                   "; ".join(f"{k}: {' '.join(v) or '-'}" for k, v in r["claims"].items()),
                   f"{r['closest_report'] or '-'} holds {','.join(r['closest_holds']) or '-'}"]
                  for r in rows], "Report grouping misses")
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[cause_kind(row["cause"])] = kinds.get(cause_kind(row["cause"]), 0) + 1
    counts = table(["cause", "misses"], sorted(kinds.items(), key=lambda kv: -kv[1]),
                   "Report grouping misses by cause")
    return body + "\n" + counts
