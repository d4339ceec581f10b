"""Growth by text shape: is paperlint linear in a paper's length, and below the parser's floor?

pylatexenc 2 is quadratic in a run of plain text, so a long paper in one file was as slow as its
longest run made it (issue 20). This probe writes one-file papers of 10k, 40k and 160k words in
three shapes (:mod:`benchmarks.speed.shapes`: plain runs, macro-dense, table-heavy) and times, in
one fresh interpreter and in interleaved rounds, paperlint's in-process check of each beside
pylatexenc's own whole-file parse of the same file (``LatexWalker(text).get_latex_nodes()``).
It prints the growth exponent of both (time ~ words^k), the check/parse ratio of each round at
160k words (paired, so the load of a shared machine weighs on both sides alike), and the wall time
of ``paperlint check`` on one line of 1 MB and one of 10 MB.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import REPO
from benchmarks.speed.shapes import SHAPES, one_line, shaped
from benchmarks.speed.timing import fit_exponent, run_once

SIZES = (10_000, 40_000, 160_000)
QUICK_SIZES = (10_000, 20_000, 40_000)
LINES = {"1 MB": 1_000_000, "10 MB": 10 * 1024 * 1024}
LINE_LIMIT_S = 30.0


def measure_shapes(tmp: Path, runs: int, quick: bool,
                   log: Callable[[str], None]) -> dict[str, Any]:
    from benchmarks.speed import _probe

    sizes = QUICK_SIZES if quick else SIZES
    papers = []
    words: dict[str, int] = {}
    for shape in SHAPES:
        for size in sizes:
            label = f"{shape}-{size // 1000}k"
            paper = shaped(tmp / label, shape, size)
            papers.append((label, paper))
            words[label] = paper.words
    log(f"growth by shape: {', '.join(SHAPES)} at {', '.join(f'{s // 1000}k' for s in sizes)} "
        f"words, one file each, {runs} interleaved rounds")
    probe = _probe(list(papers), runs=runs, timeout=7200)  # type: ignore[arg-type]
    rows = probe.get("papers", {}) if isinstance(probe, dict) else {}
    shapes: dict[str, Any] = {}
    for shape in SHAPES:
        labels = [f"{shape}-{size // 1000}k" for size in sizes]
        measured = [label for label in labels if label in rows and not rows[label].get("error")]
        sizes_ok = [float(words[label]) for label in measured]
        largest = rows.get(labels[-1], {})
        paired = [c / p for c, p in zip(largest.get("check_runs_s", []),
                                        largest.get("pylatexenc_runs_s", []), strict=False)
                  if p > 0]
        shapes[shape] = {
            "rows": {label: {"words": words[label], **rows.get(label, {})} for label in labels},
            "check_exponent": fit_exponent(sizes_ok, [rows[k]["check_s"] for k in measured])
            if len(measured) >= 2 else None,
            "pylatexenc_exponent": fit_exponent(
                sizes_ok, [rows[k]["pylatexenc_parse_s"] for k in measured])
            if len(measured) >= 2 else None,
            "largest_ratio_paired": statistics.median(paired) if paired else None,
            "largest_ratios": paired,
        }
    lines: dict[str, Any] = {}
    for name, size in LINES.items():
        path = one_line(tmp / f"line-{size}.tex", size)
        log(f"paperlint check on one line of {name}")
        result = run_once([sys.executable, "-m", "paperlint.cli", "check", str(path)], cwd=REPO)
        lines[name] = {"bytes": size, "seconds": result.seconds,
                       "peak_rss_mib": result.peak_rss_mib, "exit": result.returncode,
                       "stderr": result.stderr_tail}
    return {"sizes": list(sizes), "shapes": shapes, "long_lines": lines,
            "error": probe.get("error") if isinstance(probe, dict) else None}


def targets(data: dict[str, Any], target: Callable[..., Any]) -> list[Any]:
    """The issue's targets from :func:`measure_shapes`' figures (``target`` builds a Target)."""
    out = []
    note = data.get("error") or ""
    for shape, figures in data.get("shapes", {}).items():
        out.append(target(f"growth exponent of check, one file, {shape} text (10k-160k words)",
                          figures["check_exponent"], 1.05, "reader (pieces)", note))
    for shape, figures in data.get("shapes", {}).items():
        out.append(target(f"check 160k words / one whole-file pylatexenc parse, {shape} text "
                          "(paired rounds)", figures["largest_ratio_paired"], 1.0,
                          "reader (pieces)", note))
    line = data.get("long_lines", {}).get("10 MB")
    if line is not None:
        ended = line["exit"] in (0, 1, 2)  # checked (0, 1) or refused with one line (2)
        out.append(target("10 MB one-line file: paperlint check ends (checked or refused), s",
                          line["seconds"] if ended else None, LINE_LIMIT_S, "reader (limits)",
                          line["stderr"][:80] if line["exit"] == 2 else ""))
    return out


def render_rows(data: dict[str, Any]) -> tuple[list[list[Any]], list[list[Any]], list[list[Any]]]:
    """Rows for the growth table, the exponent table and the long-line table."""
    from benchmarks.tables import fmt

    growth, exponents = [], []
    for shape, figures in data.get("shapes", {}).items():
        for label, row in figures["rows"].items():
            check, parse = row.get("check_s"), row.get("pylatexenc_parse_s")
            growth.append([label, row["words"], fmt(check, 3), fmt(parse, 3),
                           fmt(check / parse if check and parse else None, 2),
                           row.get("error") or ""])
        exponents.append([shape, fmt(figures["check_exponent"], 2),
                          fmt(figures["pylatexenc_exponent"], 2),
                          fmt(figures["largest_ratio_paired"], 2),
                          " ".join(fmt(r, 2) for r in figures["largest_ratios"])])
    lines = [[name, line["bytes"], fmt(line["seconds"], 2), fmt(line["peak_rss_mib"], 0),
              line["exit"], line["stderr"][:90]]
             for name, line in data.get("long_lines", {}).items()]
    return growth, exponents, lines
