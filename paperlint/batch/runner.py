"""The local batch runner: a pool of worker processes with per-paper isolation.

Why not ``concurrent.futures.ProcessPoolExecutor``: it cannot kill one task. A paper that sends the
parser into a loop would hold its worker forever, and a paper that exhausts memory takes the whole
pool down ("BrokenProcessPool"). Here every worker is our own process with its own pipe, running one
paper at a time, so the parent always knows which paper a worker holds and since when:

- a paper still running after ``timeout`` seconds: its worker is killed and replaced, the paper
  becomes an error row;
- a worker that dies (segfault, the kernel's OOM killer): the paper it held becomes an error row,
  and the worker is replaced;
- memory: each worker caps its own address space (``RLIMIT_AS``), so a runaway paper meets a
  ``MemoryError`` inside its own worker (which is then recycled) instead of swapping the machine.

Results are yielded as they complete, so the caller can stream them out.

Workers start from a forkserver that has already imported paperlint (and, through the warm-up, the
spaCy pipeline), so a replacement worker costs a fork, not a second of imports.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from paperlint.errors import PaperlintError
from paperlint.model import DocumentResult

if TYPE_CHECKING:
    from paperlint.api import CheckOptions

DEFAULT_CHECK = "paperlint.api:check_path"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MB = 2048
# Modules the forkserver imports once, so that every worker forked from it starts warm.
_PRELOAD = ["paperlint.batch.preload"]
# A worker that dies before saying "ready" this many times in a row means the pool cannot start
# (a memory limit too low for the imports, a broken install): stop instead of respawning forever.
_MAX_START_FAILURES = 3


class WorkerStartError(PaperlintError):
    """The worker processes of a batch could not be started."""


@dataclass(frozen=True)
class RunSettings:
    """How a batch runs (the CLI's --jobs, --timeout and memory limit)."""

    jobs: int = 0  # 0: one worker per core
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per paper; None or 0: no limit
    memory_mb: int | None = DEFAULT_MEMORY_MB  # per-worker address-space cap; None: no cap
    check: str = DEFAULT_CHECK  # "module:function" run per paper, (path, options) -> DocumentResult

    def worker_count(self, papers: int) -> int:
        wanted = self.jobs if self.jobs > 0 else (os.cpu_count() or 1)
        return max(1, min(wanted, papers))


def error_result(path: str, message: str) -> DocumentResult:
    """The row of a paper that could not be checked."""
    return DocumentResult(path=path, format=None, error=message)


def load_check(spec: str) -> Callable[[str, CheckOptions], DocumentResult]:
    """The per-paper function named ``module:function``."""
    module_name, _, name = spec.partition(":")
    function: Callable[[str, CheckOptions], DocumentResult] = getattr(
        importlib.import_module(module_name), name
    )
    return function


def warm_up() -> None:
    """Build the expensive per-process state (the spaCy pipeline) before the first paper arrives.

    Extracting a one-line document builds whatever the extraction stage builds lazily (its
    pipeline, its rules); importing the readers loads pylatexenc and pypdf. A stage that fails here
    is left for each paper to report as its own error, with its cause."""
    for module in ("paperlint.readers.latex", "paperlint.readers.pdf", "paperlint.checks"):
        try:
            importlib.import_module(module)
        except Exception:  # reported per paper, see above
            continue
    try:
        from paperlint.document import plain_document
        from paperlint.extract import extract

        extract(plain_document("Warm-up: we trained on 8 GPUs for 2 days."))
    except Exception:  # reported per paper, see above
        pass


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


def worker_main(conn: Connection, settings: RunSettings, options: CheckOptions) -> None:
    """A worker: warm up, say ready, then check one paper per message until told to stop."""
    # Ctrl-C goes to the whole process group; the parent decides, and stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(settings.memory_mb)
    check = load_check(settings.check)
    warm_up()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent has gone
        if task is None:
            return
        index, path = task
        try:
            result = check(path, options)
        except MemoryError:
            result = error_result(path, "memory limit exceeded while checking this paper")
        except BaseException as error:  # the per-paper function should not raise; isolate anyway
            result = error_result(path, f"internal error ({type(error).__name__}: {error})")
        recycle = _is_memory_error(result)
        if recycle:
            result = error_result(
                path, f"memory limit exceeded while checking this paper ({settings.memory_mb} MB)"
            )
        conn.send((index, result, recycle))
        if recycle:
            return  # a MemoryError can leave the heap fragmented: start afresh


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: tuple[int, str] | None = None
    started: float = 0.0


@dataclass
class _Pool:
    settings: RunSettings
    options: CheckOptions
    context: Any = field(default=None)
    workers: list[_Worker] = field(default_factory=list)
    start_failures: int = 0

    def spawn(self) -> _Worker:
        parent_end, child_end = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=worker_main, args=(child_end, self.settings, self.options), daemon=True,
            name="paperlint-worker",
        )
        process.start()
        child_end.close()  # so that the parent sees EOF when the worker dies
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def retire(self, worker: _Worker, *, kill: bool) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self.workers.remove(worker)

    def shutdown(self) -> None:
        """Idle workers are asked to stop; busy ones (the caller gave up early) are killed."""
        for worker in list(self.workers):
            if worker.task is not None:
                self.retire(worker, kill=True)
                continue
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in list(self.workers):
            worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self.retire(worker, kill=True)


def _context() -> Any:
    """forkserver where the platform has it (fast, warm workers; no fork of a threaded parent)."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def run_local(
    paths: Sequence[str], options: CheckOptions, settings: RunSettings | None = None
) -> Iterator[DocumentResult]:
    """Check every path in a pool of worker processes; yield each result as it completes.

    Every path yields exactly one result: the paper's, or an error row when it timed out, crashed
    its worker or ran out of memory. Closing the generator early stops the workers."""
    settings = settings or RunSettings()
    if not paths:
        return
    pending: deque[tuple[int, str]] = deque(enumerate(paths))
    pool = _Pool(settings, options, _context())
    limit = settings.timeout if settings.timeout else None
    try:
        for _ in range(settings.worker_count(len(paths))):
            pool.spawn()
        outstanding = len(paths)
        while outstanding:
            _assign(pool, pending)
            for result in _collect(pool, limit):
                outstanding -= 1
                yield result
            # Keep the pool at strength: replacements for killed or recycled workers.
            while pending and len(pool.workers) < settings.worker_count(len(paths)):
                pool.spawn()
    finally:
        pool.shutdown()


def _assign(pool: _Pool, pending: deque[tuple[int, str]]) -> None:
    for worker in pool.workers:
        if worker.ready and worker.task is None and pending:
            task = pending.popleft()
            try:
                worker.conn.send(task)
            except OSError:
                pending.appendleft(task)  # the worker died between two messages: retry elsewhere
                continue
            worker.task, worker.started = task, time.monotonic()


def _collect(pool: _Pool, limit: float | None) -> Iterator[DocumentResult]:
    """Wait for the next event (a result, a death, a deadline) and yield the results it settles."""
    now = time.monotonic()
    wait_for = 1.0
    if limit is not None:
        for worker in pool.workers:
            if worker.task is not None:
                wait_for = min(wait_for, max(0.0, worker.started + limit - now))
    handles: list[Any] = [w.conn for w in pool.workers] + [w.process.sentinel for w in pool.workers]
    wait(handles, timeout=wait_for)
    for worker in list(pool.workers):
        message = _receive(worker)
        if message is not None:
            if message[0] == "ready":
                worker.ready, pool.start_failures = True, 0
                continue
            _, result, recycle = message
            worker.task = None
            yield result
            if recycle:  # the worker exits after a MemoryError; a fresh one takes its place
                pool.retire(worker, kill=True)
            continue
        if not worker.process.is_alive():
            yield from _bury(pool, worker)
        elif (
            limit is not None
            and worker.task is not None
            and time.monotonic() - worker.started > limit
        ):
            path = worker.task[1]
            pool.retire(worker, kill=True)
            yield error_result(path, f"timed out after {limit:g} s (worker stopped)")


def _receive(worker: _Worker) -> Any:
    try:
        if worker.conn.poll():
            return worker.conn.recv()
    except (EOFError, OSError):
        return None
    return None


def _bury(pool: _Pool, worker: _Worker) -> Iterator[DocumentResult]:
    """A worker died: report the paper it held, or count a failed start."""
    code = worker.process.exitcode
    pool.retire(worker, kill=True)
    if worker.task is not None:
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        yield error_result(worker.task[1], f"the worker checking this paper died ({how})")
        return
    if not worker.ready:
        pool.start_failures += 1
        if pool.start_failures >= _MAX_START_FAILURES:
            raise WorkerStartError(
                f"batch workers failed to start {pool.start_failures} times in a row "
                f"(last exit code {code}); try a larger memory limit or --jobs 1"
            )
