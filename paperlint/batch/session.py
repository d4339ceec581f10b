"""One batch run end to end: discover, skip what an earlier run did, check, stream, report.

The CLI's ``check`` command builds a :class:`BatchRequest` and calls :func:`run_batch`; everything a
batch decides lives here so that the command stays thin.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from paperlint.batch.discover import STREAMING_FORMATS, discover_all, read_path_list
from paperlint.batch.progress import BatchProgress
from paperlint.batch.resume import Settled
from paperlint.batch.worker import Outcome, RunSettings, worst_severity
from paperlint.display import shown_path, utf8
from paperlint.errors import ConfigError, InputError
from paperlint.model import SEVERITY_ORDER, DocumentResult, Report

if TYPE_CHECKING:
    from paperlint.batch.runner import RunStats
    from paperlint.options import CheckOptions

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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
    summary: Path | None = None  # --summary FILE: a Markdown summary appended at the end
    sarif: Path | None = None  # --sarif FILE: a SARIF log of the whole batch, written at the end


def _given(request: BatchRequest) -> list[str]:
    given = list(request.paths)
    if request.paths_from is not None:
        given.extend(read_path_list(request.paths_from))
    if not given:
        raise ConfigError("no papers to check (give PATHS or --paths-from FILE)")
    return given


def _with_given_dirs(request: BatchRequest, given: list[str]) -> BatchRequest:
    """The request with the directories it names (on the command line or in the list) as the
    bounds of a child's `% !TEX root` (see CheckOptions.given_dirs)."""
    from paperlint.paths import is_dir

    dirs = tuple(dict.fromkeys([*request.options.given_dirs,
                                *(str(Path(p).resolve()) for p in given if is_dir(p))]))
    return replace(request, options=replace(request.options, given_dirs=dirs))


def results(request: BatchRequest, papers: list[str], stats: RunStats | None = None,
            refused: dict[str, str] | None = None) -> Iterator[Outcome]:
    """The per-paper outcomes, as they complete, from the chosen executor; first the rows of the
    papers discovery refused (``refused``: path -> why), which no worker needs to see."""
    settings = replace(request.run, render=_rendering(request))
    refused = refused or {}
    checked = [paper for paper in papers if paper not in refused]
    if request.executor == "dask":
        outcomes = _dask_outcomes(request, checked, settings)
    else:
        from paperlint.batch.runner import run_outcomes

        outcomes = run_outcomes(checked, request.options, settings, stats)
    if not refused:
        return outcomes
    return _refused_first(papers, refused, outcomes, settings.render)


def _refused_first(papers: list[str], refused: dict[str, str], outcomes: Iterator[Outcome],
                   render: str | None) -> Iterator[Outcome]:
    from paperlint.batch.worker import error_result, outcome_of

    try:
        for index, paper in enumerate(papers):
            if paper in refused:
                yield outcome_of(index, error_result(paper, refused[paper]), render)
        yield from outcomes
    finally:
        _close(outcomes)


def _dask_outcomes(request: BatchRequest, papers: list[str],
                   settings: RunSettings) -> Iterator[Outcome]:
    from paperlint.batch.dask_executor import run_dask
    from paperlint.batch.worker import outcome_of

    index = {paper: number for number, paper in enumerate(papers)}
    for result in run_dask(papers, request.options, scheduler=request.scheduler,
                           settings=settings):
        yield outcome_of(index.get(result.path, -1), result, settings.render)


def _rendering(request: BatchRequest) -> str | None:
    """The line format workers render per paper (streamed formats only)."""
    return request.output_format if request.output_format in STREAMING_FORMATS else None


@dataclass(frozen=True)
class _Earlier:
    """What an earlier run of a resumed batch left in the output file."""

    documents: tuple[DocumentResult, ...] = ()  # full results (JSONL keeps them whole)
    rows: tuple[Settled, ...] = ()  # every earlier paper, as much as the exit code needs
    done: frozenset[str] = frozenset()
    keep: int = 0  # bytes of the file to keep (its complete lines)


def _earlier(request: BatchRequest) -> _Earlier:
    """Results of an earlier run to resume from."""
    if not request.resume:
        return _Earlier()
    if request.output is None or request.output_format not in STREAMING_FORMATS:
        raise ConfigError("--resume needs --output FILE with --format jsonl or csv")
    if request.output_format == "jsonl":
        from paperlint.report import jsonl

        loaded = jsonl.load(request.output)
        rows = tuple(Settled(d.path, d.error, worst_severity(d)) for d in loaded.documents)
        return _Earlier(loaded.documents, rows, frozenset(r.path for r in rows),
                        loaded.valid_bytes)
    from paperlint.batch.resume import csv_rows

    written, keep = csv_rows(request.output)
    return _Earlier((), tuple(written), frozenset(r.path for r in written), keep)


def _open_output(request: BatchRequest, keep: int, stack: ExitStack) -> IO[str]:
    if request.output is None:
        return sys.stdout
    try:
        if request.resume and request.output.exists():
            with request.output.open("r+b") as handle:
                handle.truncate(keep)  # drop a torn last line left by an interrupted run
            return stack.enter_context(_closing(request.output.open("a", encoding="utf-8",
                                                                    newline="")))
        return stack.enter_context(_closing(request.output.open("w", encoding="utf-8",
                                                                newline="")))
    except OSError as error:
        raise InputError(f"cannot write the output: {error.strerror}",
                         path=str(request.output)) from None


def exit_code(rows: Sequence[Settled], fail_level: str, exit_zero: bool) -> int:
    """2 if any paper could not be read, else 1 if findings reach the fail level, else 0."""
    if any(row.error is not None for row in rows):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    threshold = SEVERITY_ORDER[fail_level]
    if any(row.worst is not None and SEVERITY_ORDER[row.worst] >= threshold for row in rows):
        return EXIT_FINDINGS
    return EXIT_OK


def run_batch(request: BatchRequest, *, progress_stream: IO[str] | None = None,
              stats: RunStats | None = None) -> int:
    """Run the batch the request describes; return the exit code.

    The loop over results does only what must happen per paper: write the line the worker
    rendered, count it, keep its small fields for the exit code, and keep its pickled result
    only when a whole-batch report (a non-streamed format, --report, --summary) will need it."""
    given = _given(request)
    request = _with_given_dirs(request, given)
    found = discover_all(given)
    papers = found.papers
    earlier = _earlier(request)
    # Earlier outputs hold each path in its escaped form (paperlint.display): compare in that form.
    todo = [paper for paper in papers if shown_path(paper) not in earlier.done]
    wanted = (request.report_html is not None or request.summary is not None
              or request.sarif is not None or _rendering(request) is None)
    kept: list[Outcome] = []
    settled: list[Settled] = list(earlier.rows)
    with ExitStack() as stack:
        stream = _open_output(request, earlier.keep, stack)
        if request.output_format == "csv" and not (request.resume and earlier.keep > 0):
            from paperlint.report.csvout import HEADER

            _write(stream, HEADER, request.output)
        progress = stack.enter_context(
            BatchProgress(len(todo), stream=progress_stream, live=request.live_progress)
        )
        if earlier.done:
            progress.message(f"paperlint: resuming: {len(papers) - len(todo)} of "
                             f"{len(papers)} papers already in {request.output}")
        outcomes = results(request, todo, stats, found.refused)
        stack.callback(_close, outcomes)  # stops the workers however the loop ends
        for outcome in outcomes:
            if outcome.line:
                _write(stream, outcome.line, request.output)
            settled.append(Settled(outcome.path, outcome.error, outcome.worst))
            if wanted:
                kept.append(outcome)
            progress.advance(outcome)
        new = [outcome.result() for outcome in kept]
        if _rendering(request) is None:
            from paperlint.report import renderer

            _write(stream, renderer(request.output_format)(_report(papers, (), new)),
                   request.output)
    _write_reports(request, papers, earlier, new, progress_stream)
    return exit_code(settled, request.fail_level, request.exit_zero)


@contextlib.contextmanager
def _closing(handle: IO[str]) -> Iterator[IO[str]]:
    """Close the output; every line was flushed as written (:func:`_write`), so a failure here
    only repeats a write error already reported with the file's name."""
    try:
        yield handle
    finally:
        with contextlib.suppress(OSError):
            handle.close()


def _close(outcomes: Iterator[Outcome]) -> None:
    close = getattr(outcomes, "close", None)
    if close is not None:
        close()


def _write(stream: IO[str], line: str, output: Path | None) -> None:
    try:
        stream.write(utf8(line))  # JSON and CSV lines are escaped already; whole reports may not be
        stream.flush()  # an interrupted batch keeps every line written so far
    except OSError as error:  # a full disk, a closed pipe: one line, not a traceback
        raise InputError(f"cannot write the output: {error.strerror}",
                         path=str(output) if output else "<stdout>") from None


def _report(papers: list[str], earlier: tuple[DocumentResult, ...],
            new: list[DocumentResult]) -> Report:
    from paperlint._version import __version__

    return Report(tuple(_in_order(papers, list(earlier), new)), __version__)


def _write_reports(request: BatchRequest, papers: list[str], earlier: _Earlier,
                   new: list[DocumentResult], progress_stream: IO[str] | None) -> None:
    """The whole-batch reports (--report, --summary, --sarif), over earlier and new papers
    alike."""
    if request.report_html is None and request.summary is None and request.sarif is None:
        return
    from paperlint.report.files import append_summary, write_sarif

    report = _report(papers, earlier.documents, new)
    if len(earlier.rows) > len(earlier.documents):
        # A CSV row keeps counts, not findings: the reports can only cover this run's papers.
        (progress_stream or sys.stderr).write(
            f"paperlint: note: the report and summary cover the {len(new)} papers checked in "
            f"this run, not the {len(earlier.rows)} resumed from the CSV file (its rows do not "
            "hold the findings; resume with --format jsonl to have them cover the whole batch)\n"
        )
    if request.report_html is not None:
        _write_html(request.report_html, report)
    if request.summary is not None:
        append_summary(request.summary, report, request.fail_level)
    if request.sarif is not None:
        write_sarif(request.sarif, report)


def _in_order(papers: list[str], earlier: list[DocumentResult],
              new: list[DocumentResult]) -> list[DocumentResult]:
    """Earlier and new results in discovery order (papers no longer listed come last)."""
    by_path = {shown_path(d.path): d for d in earlier}
    by_path.update((shown_path(d.path), d) for d in new)
    ordered = [by_path.pop(shown_path(paper)) for paper in papers if shown_path(paper) in by_path]
    return ordered + list(by_path.values())


def _write_html(path: Path, report: Report) -> None:
    from paperlint.report.html import render

    try:
        path.write_text(utf8(render(report)), encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"cannot write the HTML report: {error.strerror}", path=str(path)
        ) from None
