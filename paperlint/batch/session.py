"""One batch run end to end: discover, skip what an earlier run did, check, stream, report.

The CLI's ``check`` command builds a :class:`BatchRequest` and calls :func:`run_batch`; everything a
batch decides lives here so that the command stays thin.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from paperlint.batch.discover import discover, read_path_list
from paperlint.batch.progress import BatchProgress
from paperlint.batch.runner import RunSettings
from paperlint.errors import ConfigError, InputError
from paperlint.model import SEVERITY_ORDER, DocumentResult, Report

if TYPE_CHECKING:
    from paperlint.api import CheckOptions

STREAMING_FORMATS = ("jsonl", "csv")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Writer(Protocol):
    def write(self, document: DocumentResult) -> None: ...


@dataclass(frozen=True)
class BatchRequest:
    """Everything the command line says about a batch."""

    paths: tuple[str, ...]
    options: CheckOptions
    output_format: str = "jsonl"
    output: Path | None = None
    paths_from: str | None = None
    resume: bool = False
    report_html: Path | None = None
    run: RunSettings = field(default_factory=RunSettings)
    executor: str = "local"  # local | dask
    scheduler: str | None = None  # dask: tcp://host:port (None: a local cluster)
    fail_level: str = "warning"
    exit_zero: bool = False
    live_progress: bool | None = None  # None: a bar when stderr is a terminal


def is_batch(paths: tuple[str, ...], *, jobs: int | None, paths_from: str | None,
             output_format: str, report_html: Path | None, executor: str) -> bool:
    """Batch mode: several papers, a collection directory, a list, or a batch-only option."""
    if paths_from is not None or jobs is not None or report_html is not None:
        return True
    if executor != "local" or output_format in STREAMING_FORMATS or len(paths) > 1:
        return True
    from paperlint.batch.discover import is_collection

    return any(is_collection(Path(path)) for path in paths)


def collect_papers(request: BatchRequest) -> list[str]:
    given = list(request.paths)
    if request.paths_from is not None:
        given.extend(read_path_list(request.paths_from))
    if not given:
        raise ConfigError("no papers to check (give PATHS or --paths-from FILE)")
    return discover(given)


def results(request: BatchRequest, papers: list[str]) -> Iterator[DocumentResult]:
    """The per-paper results, as they complete, from the chosen executor."""
    if request.executor == "dask":
        from paperlint.batch.dask_executor import run_dask

        return run_dask(papers, request.options, scheduler=request.scheduler,
                        settings=request.run)
    from paperlint.batch.runner import run_local

    return run_local(papers, request.options, request.run)


def _earlier(request: BatchRequest) -> tuple[list[DocumentResult], set[str], int]:
    """Results of an earlier run to resume from: (full results, paths done, bytes to keep)."""
    if not request.resume:
        return [], set(), 0
    if request.output is None or request.output_format not in STREAMING_FORMATS:
        raise ConfigError("--resume needs --output FILE with --format jsonl or csv")
    if request.output_format == "jsonl":
        from paperlint.report import jsonl

        loaded = jsonl.load(request.output)
        documents = list(loaded.documents)
        return documents, {d.path for d in documents}, loaded.valid_bytes
    from paperlint.report import csvout

    done, keep = csvout.done_paths(request.output)
    return [], done, keep


def _open_output(request: BatchRequest, keep: int, stack: ExitStack) -> IO[str]:
    if request.output is None:
        return sys.stdout
    try:
        if request.resume and request.output.exists():
            with request.output.open("r+b") as handle:
                handle.truncate(keep)  # drop a torn last line left by an interrupted run
            return stack.enter_context(request.output.open("a", encoding="utf-8", newline=""))
        return stack.enter_context(request.output.open("w", encoding="utf-8", newline=""))
    except OSError as error:
        raise InputError(f"cannot write the output: {error.strerror}",
                         path=str(request.output)) from None


def _writer(request: BatchRequest, stream: IO[str], *, appending: bool) -> _Writer | None:
    if request.output_format == "jsonl":
        from paperlint.report.jsonl import JsonlWriter

        return JsonlWriter(stream)
    if request.output_format == "csv":
        from paperlint.report.csvout import CsvWriter

        return CsvWriter(stream, header=not appending)
    return None  # whole-report formats are rendered once every paper is in


def exit_code(documents: list[DocumentResult], fail_level: str, exit_zero: bool) -> int:
    """2 if any paper could not be read, else 1 if findings reach the fail level, else 0."""
    if any(d.error is not None for d in documents):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    threshold = SEVERITY_ORDER[fail_level]
    if any(SEVERITY_ORDER[f.severity] >= threshold for d in documents for f in d.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def run_batch(request: BatchRequest, *, progress_stream: IO[str] | None = None) -> int:
    """Run the batch the request describes; return the exit code."""
    from paperlint import __version__

    papers = collect_papers(request)
    earlier, done, keep = _earlier(request)
    todo = [paper for paper in papers if paper not in done]
    new: list[DocumentResult] = []
    with ExitStack() as stack:
        stream = _open_output(request, keep, stack)
        appending = request.resume and keep > 0
        writer = _writer(request, stream, appending=appending)
        progress = stack.enter_context(
            BatchProgress(len(todo), stream=progress_stream, live=request.live_progress)
        )
        if done:
            progress.message(f"paperlint: resuming: {len(papers) - len(todo)} of "
                             f"{len(papers)} papers already in {request.output}")
        for result in results(request, todo):
            if writer is not None:
                writer.write(result)
            new.append(result)
            progress.advance(result)
        if writer is None:
            from paperlint.report import renderer

            order = {paper: index for index, paper in enumerate(papers)}
            ordered = sorted(new, key=lambda d: order.get(d.path, len(order)))
            stream.write(renderer(request.output_format)(Report(tuple(ordered), __version__)))
            stream.flush()
    everything = _in_order(papers, earlier, new)
    if request.report_html is not None:
        _write_html(request.report_html, Report(tuple(everything), __version__))
    return exit_code(everything, request.fail_level, request.exit_zero)


def _in_order(papers: list[str], earlier: list[DocumentResult],
              new: list[DocumentResult]) -> list[DocumentResult]:
    """Earlier and new results in discovery order (papers no longer listed come last)."""
    by_path = {d.path: d for d in earlier}
    by_path.update((d.path, d) for d in new)
    ordered = [by_path.pop(paper) for paper in papers if paper in by_path]
    return ordered + list(by_path.values())


def _write_html(path: Path, report: Report) -> None:
    from paperlint.report.html import render

    try:
        path.write_text(render(report), encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"cannot write the HTML report: {error.strerror}", path=str(path)
        ) from None
