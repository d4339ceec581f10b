"""The accuracy harness: run paperlint over every corpus paper and compare with the gold labels.

``run_accuracy(corpus)`` returns one JSON-able dict; ``python -m benchmarks.accuracy`` prints it as
tables and writes it to ``benchmarks/results/accuracy.json``. Per-paper failures are recorded in the
paper's row, never raised: a crash on one paper must not hide the figures of the others.
"""

from __future__ import annotations

import datetime
import platform
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.accuracy.grouping_misses import grouping_misses
from benchmarks.accuracy.metrics import (
    HardwareMatch,
    default_hardware_match,
    false_alarms,
    grouping,
    verdict_tables,
)
from benchmarks.corpus import Paper, load_corpus
from benchmarks.optional import call_optional
from paperlint.deadline import deadline

CONTRADICTS_COMPLETE = ("PL101", "PL102", "PL103", "PL104")


class PaperTimeout(Exception):
    """One paper took longer than the harness allows."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PaperTimeout in the main thread after ``seconds`` (no limit without SIGALRM)."""
    with deadline(seconds, lambda: PaperTimeout(f"took longer than {seconds:g} s")):
        yield


ROOT_NAME = "paperlint-bench-root.tex"


def synthetic_root(folder: Path, into: Path) -> Path:
    """A root file for a paper that has none (tex01: section files only).

    Copies its .tex files into a temporary folder (a symlink out of it would be refused as outside
    the project) beside a root that \\inputs them in name order. File names, hence claim
    locations, stay the gold ones."""
    names = []
    for source in sorted(folder.rglob("*.tex")):
        relative = source.relative_to(folder)
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
        names.append(relative.with_suffix("").as_posix())
    root = into / ROOT_NAME
    inputs = "".join(f"\\input{{{name}}}\n" for name in names)
    root.write_text(f"\\documentclass{{article}}\n\\begin{{document}}\n{inputs}\\end{{document}}\n",
                    encoding="utf-8")
    return root


def run_paper(paper: Paper, timeout: float = 120.0) -> dict[str, Any]:
    """paperlint's result for one paper as its JSON dict plus ``seconds``; failures in ``error``.

    A paper without a root file is checked as its folder; if paperlint refuses the folder (it wants
    a root), through a synthetic root over its section files (recorded in ``input``)."""
    start = time.perf_counter()
    result = _check(paper.input_path, timeout)
    if paper.main_file is None and result.get("error"):
        with tempfile.TemporaryDirectory(prefix=f"paperlint-{paper.id}-") as tmp:
            result = _check(synthetic_root(paper.folder, Path(tmp)), timeout)
            result["input"] = "synthetic root over the section files"
    result["seconds"] = round(time.perf_counter() - start, 4)
    return result


def _check(path: Path, timeout: float) -> dict[str, Any]:
    try:
        from paperlint.api import check_path

        with time_limit(timeout):
            return check_path(path).to_dict()
    except Exception as error:  # check_path reports bad input itself: this is a bug or a timeout
        return {"path": str(path), "format": None, "verdict": None, "claims": [],
                "compute_reports": [], "findings": [],
                "error": f"{type(error).__name__}: {error}"}


def catalogue_hardware_match() -> HardwareMatch:
    """Match gold hardware names through paperlint's own catalogue where it loads (its aliases know
    "TPUv3" and "Tesla V100"), else by the plain name keys."""
    try:
        from paperlint.catalogue import load_catalogue

        catalogue = load_catalogue()
    except Exception:
        return default_hardware_match

    def match(gold: str, predicted: str) -> bool:
        try:
            entry = catalogue.lookup(gold)
        except Exception:
            entry = None
        if entry is not None and entry.id == predicted:
            return True
        return default_hardware_match(gold, predicted)

    return match


def select_papers(papers: Sequence[Paper], skip_pdf: bool, only: Sequence[str] = ()) -> list[Paper]:
    chosen = [p for p in papers if not (skip_pdf and p.kind == "pdf")]
    if only:
        chosen = [p for p in chosen if p.id in only]
    return chosen


def machine() -> dict[str, Any]:
    """The machine the figures were measured on (docs quote it next to them)."""
    import os

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.date.today().isoformat(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "nproc": os.cpu_count(),
    }


def run_accuracy(
    corpus: Path,
    *,
    skip_pdf: bool = False,
    only: Sequence[str] = (),
    timeout: float = 120.0,
    estimator_csv: Path | None = None,
    progress: Any = None,
) -> dict[str, Any]:
    """Every accuracy figure for ``corpus`` as one dict (raises CorpusError for a broken corpus)."""
    papers = select_papers(load_corpus(corpus), skip_pdf, only)
    results: dict[str, dict[str, Any]] = {}
    for paper in papers:
        results[paper.id] = run_paper(paper, timeout)
        if progress is not None:
            progress(paper, results[paper.id])
    tables = verdict_tables(papers, results)
    # On a paper whose gold verdict is complete, a finding that says hardware, count or time is
    # missing contradicts the gold; PL105 (no total FLOP stated) may still be right there.
    alarms = false_alarms(papers, results, codes=CONTRADICTS_COMPLETE)
    claims = call_optional(
        "benchmarks.accuracy.claims_eval", ("evaluate_claims",),
        corpus_dir=corpus, results=results, only=[p.id for p in papers], skip_pdf=skip_pdf,
    )
    estimator = (
        call_optional("benchmarks.estimator_eval", ("evaluate",), csv_path=estimator_csv)
        if estimator_csv is not None and estimator_csv.is_file()
        else None
    )
    hardware_match = catalogue_hardware_match()
    return {
        "machine": machine(),
        "corpus": str(corpus),
        "papers": [
            {
                "id": p.id,
                "format": p.format,
                "gold_verdict": p.verdict,
                "verdict": results[p.id].get("verdict"),
                "error": results[p.id].get("error"),
                "claims": len(results[p.id].get("claims", [])),
                "compute_reports": len(results[p.id].get("compute_reports", [])),
                "findings": sorted({str(f.get("code")) for f in results[p.id].get("findings", [])}),
                "seconds": results[p.id]["seconds"],
                "input": results[p.id].get("input", "root file" if p.main_file else "folder"),
            }
            for p in papers
        ],
        "verdicts": {name: table.to_dict() for name, table in tables.items()},
        "false_alarms": alarms,
        "grouping": grouping(papers, results, hardware_match),
        # Each failed gold group with its first cause (``--grouping-misses`` prints them).
        "grouping_misses": grouping_misses(papers, results, hardware_match),
        "claims": claims.to_dict(),
        "estimator": estimator.to_dict() if estimator is not None
        else {"skipped": f"{estimator_csv} is absent"},
    }
