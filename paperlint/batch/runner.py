"""The local batch runner: a pool of worker processes with per-paper isolation.

Why not ``concurrent.futures.ProcessPoolExecutor``: it cannot kill one task. A paper that sends the
parser into a loop would hold its worker forever, and a paper that exhausts memory takes the whole
pool down ("BrokenProcessPool"). Here every worker is our own process with its own pipe, and the
parent knows, for each worker, the papers it holds in the order it will check them:

- prefetch: a worker holds up to ``RunSettings.prefetch`` papers (default 2), so that it never
  waits for the parent between two papers. It checks them in order, so the first paper it holds is
  the one it is checking, since the previous result arrived (or since it was sent, if idle);
- a paper still running after ``timeout`` seconds: its worker is killed and replaced, the paper
  becomes an error row, and the papers queued behind it on that worker go back to the front of the
  queue, unharmed (their clocks had not started);
- a worker that dies (segfault, the kernel's OOM killer): the results it sent before dying are
  kept, the paper it was checking becomes an error row, the ones behind it are re-queued;
- memory: each worker caps its own address space (``RLIMIT_AS``), so a runaway paper meets a
  ``MemoryError`` inside its own worker, which reports it and is then recycled.

Papers are sent ahead only while the queue is longer than the pool, so that near the end of a
batch no paper waits behind a slow one while another worker is idle.

Results are yielded as they complete (:class:`~paperlint.batch.worker.Outcome`), so the caller can
stream them out. Workers start from a forkserver that has already imported paperlint (and, through
the warm-up, the spaCy pipeline), so a replacement worker costs a fork, not a second of imports.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from paperlint.batch.worker import (
    DEFAULT_CHECK,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    Outcome,
    RunSettings,
    error_result,
    load_check,
    outcome_of,
    warm_up,
    worker_main,
)
from paperlint.errors import PaperlintError
from paperlint.model import DocumentResult

if TYPE_CHECKING:
    from paperlint.options import CheckOptions

__all__ = [
    "DEFAULT_CHECK", "DEFAULT_MEMORY_MB", "DEFAULT_TIMEOUT", "Outcome", "RunSettings", "RunStats",
    "WorkerStartError", "error_result", "load_check", "run_local", "run_outcomes", "warm_up",
]

# Modules the forkserver imports once, so that every worker forked from it starts warm.
_PRELOAD = ["paperlint.batch.preload"]
# A worker that dies before saying "ready" this many times in a row means the pool cannot start
# (a memory limit too low for the imports, a broken install): stop instead of respawning forever.
_MAX_START_FAILURES = 3


class WorkerStartError(PaperlintError):
    """The worker processes of a batch could not be started."""


@dataclass
class RunStats:
    """What a run cost, filled in as it goes (for benchmarks and the final progress line)."""

    worker_cpu: dict[int, float] = field(default_factory=dict)  # pid -> CPU seconds so far
    worker_peak_kb: dict[int, int] = field(default_factory=dict)  # pid -> peak resident set
    worker_idle: dict[int, float] = field(default_factory=dict)  # pid -> s waiting for a paper
    workers_started: int = 0
    requeued: int = 0  # papers handed back to the queue because their worker was stopped
    started: float = 0.0  # time.monotonic() when the run began
    first_result: float | None = None  # ... and when its first result arrived

    def record(self, pid: int, usage: tuple[float, int, float]) -> None:
        self.worker_cpu[pid], self.worker_peak_kb[pid], self.worker_idle[pid] = usage

    @property
    def idle_seconds(self) -> float:
        """Time workers spent waiting for their next paper (the first one excepted)."""
        return sum(self.worker_idle.values())

    @property
    def cpu_seconds(self) -> float:
        """CPU time of every worker of the run (a killed worker's last paper is not counted)."""
        return sum(self.worker_cpu.values())


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    pid: int = 0
    tasks: deque[tuple[int, str]] = field(default_factory=deque)  # in flight; [0] is running
    started: float = 0.0  # when tasks[0] started


@dataclass
class _Pool:
    settings: RunSettings
    options: CheckOptions
    context: Any
    stats: RunStats
    pending: deque[tuple[int, str]]
    workers: list[_Worker] = field(default_factory=list)
    start_failures: int = 0

    def spawn(self) -> None:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=worker_main, args=(child_end, self.settings, self.options), daemon=True,
            name="paperlint-worker",
        )
        process.start()
        child_end.close()  # so that the parent sees EOF when the worker dies
        self.workers.append(_Worker(process, parent_end))
        self.stats.workers_started += 1

    def retire(self, worker: _Worker, *, kill: bool) -> None:
        """Stop a worker; the papers it held but had not started go back to the queue's front."""
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self.workers.remove(worker)
        self.stats.requeued += len(worker.tasks)
        self.pending.extendleft(reversed(worker.tasks))
        worker.tasks.clear()

    def shutdown(self) -> None:
        """Idle workers are asked to stop; busy ones (the caller gave up early) are killed."""
        for worker in list(self.workers):
            if worker.tasks:
                self.retire(worker, kill=True)
                continue
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in list(self.workers):
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            # A worker still warming up when the last paper was settled says "ready" before it
            # reads the stop: its CPU counts in the run's cost too (RunStats.cpu_seconds).
            for message in _drain(worker):
                if message[0] == "ready":
                    self.stats.record(message[1], message[2])
            self.retire(worker, kill=True)


def _context() -> Any:
    """forkserver where the platform has it (fast, warm workers; no fork of a threaded parent)."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def run_outcomes(
    paths: Sequence[str], options: CheckOptions, settings: RunSettings | None = None,
    stats: RunStats | None = None,
) -> Generator[Outcome, None, None]:
    """Check every path in a pool of worker processes; yield each Outcome as it completes.

    Every path yields exactly one Outcome: the paper's, or an error row when it timed out, crashed
    its worker or ran out of memory. Closing the generator early stops the workers."""
    settings = settings or RunSettings()
    if not paths:
        return
    size = settings.worker_count(len(paths))
    pool = _Pool(settings, options, _context(), stats or RunStats(),
                 deque(dispatch_order(paths, size)))
    pool.stats.started = time.monotonic()
    limit = settings.timeout if settings.timeout else None
    try:
        for _ in range(size):
            pool.spawn()
        outstanding = len(paths)
        while outstanding:
            _assign(pool, size)
            for outcome in _collect(pool, limit):
                outstanding -= 1
                yield outcome
            # Keep the pool at strength: replacements for killed or recycled workers.
            while pool.pending and len(pool.workers) < size:
                pool.spawn()
    finally:
        pool.shutdown()


# Entries a directory's size estimate reads at most (a submission is a few dozen files).
_SIZE_ENTRIES = 2000


def dispatch_order(paths: Sequence[str], workers: int) -> list[tuple[int, str]]:
    """(index, path) in the order papers are sent: with two or more workers, largest first (bytes
    on disk; a directory's files summed), so that a big paper does not start last and keep one
    worker busy while the others sit idle; with one worker, as given. Ties keep the given order."""
    numbered = list(enumerate(paths))
    if workers < 2:
        return numbered
    sizes = {index: _bytes_on_disk(path) for index, path in numbered}
    return sorted(numbered, key=lambda item: -sizes[item[0]])


def _bytes_on_disk(path: str) -> int:
    """The size of a file, or of the files under a directory (up to ``_SIZE_ENTRIES`` entries);
    0 for what cannot be read (that paper's own check reports why)."""
    try:
        if not os.path.isdir(path):
            return os.stat(path).st_size
        total, seen = 0, 0
        for root, _dirs, files in os.walk(path):
            for name in files:
                seen += 1
                if seen > _SIZE_ENTRIES:
                    return total
                with contextlib.suppress(OSError):
                    total += os.stat(os.path.join(root, name)).st_size
        return total
    except OSError:
        return 0


def run_local(
    paths: Sequence[str], options: CheckOptions, settings: RunSettings | None = None,
    stats: RunStats | None = None,
) -> Iterator[DocumentResult]:
    """:func:`run_outcomes`, yielding each paper's full DocumentResult."""
    outcomes = run_outcomes(paths, options, settings, stats)
    try:
        for outcome in outcomes:
            yield outcome.result()
    finally:
        outcomes.close()


def _send(pool: _Pool, worker: _Worker) -> bool:
    task = pool.pending.popleft()
    try:
        worker.conn.send(task)
    except OSError:
        pool.pending.appendleft(task)  # the worker died between two messages: retry elsewhere
        return False
    if not worker.tasks:
        worker.started = time.monotonic()
    worker.tasks.append(task)
    return True


def _assign(pool: _Pool, size: int) -> None:
    """Every idle worker gets a paper; then busy workers get one more each (up to ``prefetch``),
    so that none waits for the parent between papers, but only while the queue keeps a paper for
    every worker of the pool after it: near the end, papers wait here for whichever worker frees
    up first rather than behind a slow paper (or a worker still starting)."""
    ready = [w for w in pool.workers if w.ready]
    for worker in ready:
        if not worker.tasks and pool.pending:
            _send(pool, worker)
    for depth in range(2, pool.settings.prefetch + 1):
        for worker in ready:
            if len(pool.pending) <= size:
                return
            if len(worker.tasks) == depth - 1 and worker.process.is_alive():
                _send(pool, worker)


def _collect(pool: _Pool, limit: float | None) -> Iterator[Outcome]:
    """Wait for the next event (a result, a death, a deadline) and yield the results it settles."""
    now = time.monotonic()
    wait_for = 1.0
    if limit is not None:
        for worker in pool.workers:
            if worker.tasks:
                wait_for = min(wait_for, max(0.0, worker.started + limit - now))
    handles: list[Any] = [w.conn for w in pool.workers] + [w.process.sentinel for w in pool.workers]
    wait(handles, timeout=wait_for)
    for worker in list(pool.workers):
        # Every message already sent counts before a death or a deadline is judged: a worker may
        # have finished a paper and then crashed on the next one.
        recycle = False
        for message in _drain(worker):
            if message[0] == "ready":
                worker.ready, worker.pid, pool.start_failures = True, message[1], 0
                pool.stats.record(worker.pid, message[2])
                continue
            _, recycle, usage, *fields = message
            pool.stats.record(worker.pid, usage)
            if pool.stats.first_result is None:
                pool.stats.first_result = time.monotonic()
            _settle(worker, fields[0])
            yield Outcome(*fields)
        if recycle:  # the worker exits after a MemoryError; a fresh one takes its place
            pool.retire(worker, kill=True)
        elif not worker.process.is_alive():
            yield from _bury(pool, worker)
        elif limit is not None and worker.tasks and time.monotonic() - worker.started > limit:
            index, path = worker.tasks.popleft()
            pool.retire(worker, kill=True)
            yield outcome_of(index, error_result(path, f"timed out after {limit:g} s "
                                                       "(worker stopped)"), pool.settings.render)


def _settle(worker: _Worker, index: int) -> None:
    """A result for paper ``index`` arrived: it leaves the worker's queue; the next one, already
    in the worker's pipe, starts its clock now."""
    for task in worker.tasks:
        if task[0] == index:  # always the first: a worker answers in the order it was sent
            worker.tasks.remove(task)
            break
    worker.started = time.monotonic()


def _drain(worker: _Worker) -> Iterator[Any]:
    """The messages waiting in a worker's pipe (none once it is closed or at EOF)."""
    while True:
        try:
            if not worker.conn.poll():
                return
            message = worker.conn.recv()
        except (EOFError, OSError):
            return
        yield message


def _bury(pool: _Pool, worker: _Worker) -> Iterator[Outcome]:
    """A worker died: report the paper it was checking, or count a failed start."""
    code = worker.process.exitcode
    running = worker.tasks.popleft() if worker.tasks else None
    pool.retire(worker, kill=True)
    if running is not None:
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        message = f"the worker checking this paper died ({how})"
        yield outcome_of(running[0], error_result(running[1], message), pool.settings.render)
        return
    if not worker.ready:
        pool.start_failures += 1
        if pool.start_failures >= _MAX_START_FAILURES:
            raise WorkerStartError(
                f"batch workers failed to start {pool.start_failures} times in a row "
                f"(last exit code {code}); try a larger memory limit or --jobs 1"
            )
