"""The worker side of the local batch runner: settings, warm-up, and the per-paper loop.

A worker checks the papers it is sent one after the other, in the order sent, and answers each with
one compact message (:func:`outcome_message`). The parent keeps up to two papers in flight per
worker, so the worker always finds its next paper waiting in its pipe instead of paying a round
trip to the parent for each one (a synthetic paper costs about 25 ms of CPU; the round trip is a
visible share of that on a busy machine).

Everything the parent needs per paper is computed here, in parallel, not in the parent's loop:
the streamed output line (a JSON Lines object or a CSV row, rendered from the result's dict once),
the error, the highest finding severity (for the exit code), and the pickled result for the
whole-batch reports, which the parent unpickles only if a report needs it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from paperlint.model import SEVERITY_ORDER, DocumentResult

if TYPE_CHECKING:
    from paperlint.options import CheckOptions

DEFAULT_CHECK = "paperlint.api:check_path"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 2048
RENDERINGS = ("jsonl", "csv")
WARM_UP_PAPER = r"""\documentclass{article}
\newcommand{\gpu}{A100}
\begin{document}
\section{Training}
We trained the 1.3B-parameter model on 300B tokens with 64 \gpu{} GPUs for 12 days in
bf16~\cite{ref}, about $3\times10^{21}$ FLOP.
\begin{tabular}{lr}
Model & GPU-hours \\
Small & 1,200 \\
\end{tabular}
\end{document}
"""


@dataclass(frozen=True)
class RunSettings:
    """How a batch runs (the CLI's --jobs, --timeout and memory limit)."""

    jobs: int = 0  # 0: one worker per core
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per paper; None or 0: no limit
    memory_mb: int | None = DEFAULT_MEMORY_MB  # per-worker address-space cap; None: no cap
    check: str = DEFAULT_CHECK  # "module:function" run per paper, (path, options) -> DocumentResult
    render: str | None = None  # "jsonl" | "csv": workers render each result's streamed line
    prefetch: int = 2  # papers in flight per worker (1: the next is sent only after a result)

    def worker_count(self, papers: int) -> int:
        wanted = self.jobs if self.jobs > 0 else (os.cpu_count() or 1)
        return max(1, min(wanted, papers))


@dataclass(frozen=True)
class Outcome:
    """One paper's result as the parent handles it: small fields for the hot loop, the full
    result kept pickled until a whole-batch report asks for it."""

    index: int  # position in the list of paths given to the runner
    path: str
    error: str | None
    worst: str | None  # highest severity among the findings (None: no findings)
    line: str  # the streamed output line ("" when no rendering was asked for)
    payload: bytes  # pickle of the DocumentResult

    def result(self) -> DocumentResult:
        document: DocumentResult = pickle.loads(self.payload)
        return document


def error_result(path: str, message: str) -> DocumentResult:
    """The row of a paper that could not be checked."""
    return DocumentResult(path=path, format=None, error=message)


def render_line(result: DocumentResult, render: str | None) -> str:
    """The streamed output line of one result, newline included ("" for no rendering)."""
    if render == "jsonl":
        from paperlint.report.jsonl import line

        return line(result)
    if render == "csv":
        from paperlint.report.csvout import format_row, row

        return format_row(row(result))
    return ""


def worst_severity(result: DocumentResult) -> str | None:
    levels = [finding.severity for finding in result.findings]
    return max(levels, key=SEVERITY_ORDER.__getitem__) if levels else None


def outcome_fields(index: int, result: DocumentResult, render: str | None) -> tuple[Any, ...]:
    """The fields of an :class:`Outcome`, as a plain tuple (cheaper to pickle than the class)."""
    payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    return (index, result.path, result.error, worst_severity(result),
            render_line(result, render), payload)


def outcome_of(index: int, result: DocumentResult, render: str | None) -> Outcome:
    """An Outcome built where the result is (the parent's own error rows, the Dask executor)."""
    return Outcome(*outcome_fields(index, result, render))


def load_check(spec: str) -> Callable[[str, CheckOptions], DocumentResult]:
    """The per-paper function named ``module:function``."""
    module_name, _, name = spec.partition(":")
    function: Callable[[str, CheckOptions], DocumentResult] = getattr(
        importlib.import_module(module_name), name
    )
    return function


def warm_up() -> None:
    """Build the expensive per-process state (the spaCy pipeline) before the first paper arrives.

    Importing the readers loads pylatexenc and pypdf; checking and rendering a small paper builds
    whatever each stage builds lazily (measured: the first result of a run came 190 ms after its
    start when only extraction was warmed, 63 ms with the whole check warmed). A stage that fails
    here is left for each paper to report as its own error, with its cause."""
    for module in ("paperlint.readers.latex", "paperlint.readers.pdf", "paperlint.checks",
                   "paperlint.report.jsonl", "paperlint.report.csvout"):
        try:
            importlib.import_module(module)
        except Exception:  # reported per paper, see above
            continue
    with contextlib.suppress(Exception):  # reported per paper, see above
        _check_warm_up_paper()


def _check_warm_up_paper() -> None:
    """Check (and render) a small LaTeX paper of our own, so that every lazily built piece of the
    pipeline (reader tables, spaCy pipeline, rules, catalogue, checks, reporters) exists before the
    forkserver forks the workers rather than being built again in each one on its first paper."""
    import tempfile
    from pathlib import Path

    from paperlint.api import check_path
    from paperlint.options import CheckOptions

    with tempfile.TemporaryDirectory(prefix="paperlint-warm-up-") as folder:
        paper = Path(folder) / "main.tex"
        paper.write_text(WARM_UP_PAPER, encoding="utf-8")
        result = check_path(paper, CheckOptions())
        for render in RENDERINGS:
            render_line(result, render)


def limit_memory(megabytes: int | None) -> None:
    """Cap this process's address space so that a runaway paper raises MemoryError here."""
    if not megabytes:
        return
    import resource

    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _is_memory_error(result: DocumentResult) -> bool:
    return result.error is not None and "MemoryError" in result.error


def _check_one(check: Callable[[str, CheckOptions], DocumentResult], path: str,
               options: CheckOptions, settings: RunSettings) -> tuple[DocumentResult, bool]:
    """Check one paper; (result, recycle: the worker must exit after a MemoryError)."""
    try:
        result = check(path, options)
    except MemoryError:
        result = error_result(path, "memory limit exceeded while checking this paper")
    except BaseException as error:  # the per-paper function should not raise; isolate anyway
        result = error_result(path, f"internal error ({type(error).__name__}: {error})")
    if _is_memory_error(result):
        return error_result(
            path, f"memory limit exceeded while checking this paper ({settings.memory_mb} MB)"
        ), True
    return result, False


def usage() -> tuple[float, int]:
    """(CPU seconds, peak resident set in kB) of this process, from ``getrusage``.

    A worker reports its own: workers are the forkserver's children, not the parent's, so the
    parent's ``RUSAGE_CHILDREN`` never sees them."""
    try:
        import resource
    except ImportError:  # not on this platform: CPU time only
        return time.process_time(), 0
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime, int(own.ru_maxrss)


def worker_main(conn: Connection, settings: RunSettings, options: CheckOptions) -> None:
    """A worker: warm up, say ready, then answer each paper sent until told to stop.

    Messages out: ``("ready", pid, usage)`` once, then ``("done", recycle, usage,
    *outcome_fields)`` per paper, in the order the papers were sent. ``usage`` is (CPU seconds, peak
    kB, seconds spent waiting for a paper): it lets the parent tell how much CPU the batch actually
    got on a shared machine, its memory, and how long workers sat idle waiting for the parent."""
    # Ctrl-C goes to the whole process group; the parent decides, and stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(settings.memory_mb)
    check = load_check(settings.check)
    warm_up()
    idle = 0.0  # seconds spent waiting for a paper (what sending papers ahead saves)
    conn.send(("ready", os.getpid(), (*usage(), idle)))
    while True:
        waiting = time.monotonic()
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent has gone
        idle += time.monotonic() - waiting
        if task is None:
            return
        index, path = task
        result, recycle = _check_one(check, path, options, settings)
        try:
            fields = outcome_fields(index, result, settings.render)
        except Exception as error:  # a result that cannot be pickled or rendered: its own row
            result = error_result(path, f"internal error ({type(error).__name__}: {error})")
            fields = outcome_fields(index, result, settings.render)
        conn.send(("done", recycle, (*usage(), idle), *fields))
        if recycle:
            return  # a MemoryError can leave the heap fragmented: start afresh
