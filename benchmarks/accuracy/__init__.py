"""The accuracy harness: run paperlint over every corpus paper and compare with the gold labels.

``run_accuracy(corpus)`` returns one JSON-able dict; ``python -m benchmarks.accuracy`` prints it as
tables and writes it to ``benchmarks/results/accuracy.json``. Per-paper failures are recorded in the
paper's row, never raised: a crash on one paper must not hide the figures of the others.
"""

from __future__ import annotations

import datetime
import platform
import signal
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.accuracy.metrics import (
    HardwareMatch,
    default_hardware_match,
    false_alarms,
    grouping,
    verdict_tables,
)
from benchmarks.corpus import Paper, load_corpus
from benchmarks.optional import call_optional


class PaperTimeout(Exception):
    """One paper took longer than the harness allows."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PaperTimeout in the main thread after ``seconds`` (no limit without SIGALRM)."""
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise PaperTimeout(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_paper(paper: Paper, timeout: float = 120.0) -> dict[str, Any]:
    """paperlint's result for one paper as its JSON dict plus ``seconds``; failures in ``error``."""
    start = time.perf_counter()
    try:
        from paperlint.api import check_path

        with time_limit(timeout):
            result = check_path(paper.input_path).to_dict()
    except Exception as error:  # check_path reports bad input itself: this is a bug or a timeout
        result = {"path": str(paper.input_path), "format": None, "verdict": None, "claims": [],
                  "compute_reports": [], "findings": [],
                  "error": f"{type(error).__name__}: {error}"}
    result["seconds"] = round(time.perf_counter() - start, 4)
    return result


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
    claims = call_optional(
        "benchmarks.accuracy.claims_eval", ("evaluate_claims",),
        corpus_dir=corpus, results=results, only=[p.id for p in papers], skip_pdf=skip_pdf,
    )
    estimator = (
        call_optional("benchmarks.estimator_eval", ("evaluate",), csv_path=estimator_csv)
        if estimator_csv is not None and estimator_csv.is_file()
        else None
    )
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
            }
            for p in papers
        ],
        "verdicts": {name: table.to_dict() for name, table in tables.items()},
        "false_alarms": false_alarms(papers, results),
        "grouping": grouping(papers, results, catalogue_hardware_match()),
        "claims": claims.to_dict(),
        "estimator": estimator.to_dict() if estimator is not None
        else {"skipped": f"{estimator_csv} is absent"},
    }
