"""Scale-out: the same per-paper function on a Dask distributed cluster (``paperlint[dask]``).

Each paper is one task. Results stream back with ``distributed.as_completed``, in completion order,
exactly as from the local runner. Isolation, as far as Dask allows it:

- timeouts: a task runs the check in a thread and waits ``timeout`` seconds for it; a paper still
  running then becomes an error row at once. A Python thread cannot be killed, so the worker is
  then restarted through its nanny (``Client.restart_workers``) when it has one;
- memory: Dask's own per-worker ``memory_limit`` applies (the nanny restarts a worker past 95%);
- crashes: a task whose worker died (``KilledWorker``, a lost connection) becomes that paper's
  error row; every other paper is still checked.

Without a scheduler address a ``LocalCluster`` of worker processes is started on this machine.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from paperlint.batch.runner import RunSettings, error_result, load_check
from paperlint.errors import PaperlintError
from paperlint.model import DocumentResult

if TYPE_CHECKING:
    from paperlint.options import CheckOptions

# How long to keep trying to reach a scheduler before giving up with one clear line.
CONNECT_TIMEOUT = "20s"
INSTALL_HINT = "the dask executor needs the dask extra: pip install 'paperlint[dask]'"


class ExecutorError(PaperlintError):
    """The Dask executor is not installed, or its scheduler cannot be reached."""


def dask_task(
    path: str, options: CheckOptions, check_spec: str, timeout: float | None
) -> tuple[DocumentResult, str | None]:
    """Runs on a Dask worker: check one paper within ``timeout`` seconds.

    Returns the result and, when the paper timed out, the worker's address (so that the client can
    restart the worker whose thread is still stuck)."""
    check = load_check(check_spec)
    box: list[DocumentResult] = []

    def target() -> None:
        try:
            box.append(check(path, options))
        except BaseException as error:  # isolate even a function that breaks its contract
            box.append(error_result(path, f"internal error ({type(error).__name__}: {error})"))

    thread = threading.Thread(target=target, name="paperlint-check", daemon=True)
    thread.start()
    thread.join(timeout if timeout else None)
    if box:
        return box[0], None
    address: str | None = None
    with contextlib.suppress(Exception):
        from distributed import get_worker

        address = get_worker().address
    return error_result(path, f"timed out after {timeout:g} s (on a Dask worker)"), address


def _client(scheduler: str | None, settings: RunSettings, papers: int) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ExecutorError(INSTALL_HINT) from None
    cluster = None
    try:
        if scheduler:
            return Client(scheduler, timeout=CONNECT_TIMEOUT), None  # type: ignore[no-untyped-call,unused-ignore]
        memory = f"{settings.memory_mb}MiB" if settings.memory_mb else "auto"
        cluster = LocalCluster(  # type: ignore[no-untyped-call,unused-ignore]
            n_workers=settings.worker_count(papers), threads_per_worker=1, processes=True,
            memory_limit=memory, dashboard_address=None,
        )
        return Client(cluster), cluster  # type: ignore[no-untyped-call,unused-ignore]
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        where = scheduler or "a local cluster"
        raise ExecutorError(f"cannot reach the Dask scheduler at {where}: {error}") from None


def run_dask(
    paths: Sequence[str], options: CheckOptions, *, scheduler: str | None = None,
    settings: RunSettings | None = None, client: Any = None,
) -> Iterator[DocumentResult]:
    """Check every path on a Dask cluster; yield each result as it completes.

    ``client``: an existing ``distributed.Client`` to use (then ``scheduler`` is ignored)."""
    settings = settings or RunSettings()
    if not paths:
        return
    own_cluster = None
    if client is None:
        client, own_cluster = _client(scheduler, settings, len(paths))
        own_client = True
    else:
        own_client = False
    from distributed import as_completed

    timeout = settings.timeout or None
    futures = {
        client.submit(dask_task, path, options, settings.check, timeout, pure=False,
                      retries=0): path
        for path in paths
    }
    try:
        for future in as_completed(list(futures)):  # type: ignore[no-untyped-call,unused-ignore]
            path = futures.pop(future)
            try:
                result, stuck_worker = future.result()
            except Exception as error:  # KilledWorker, CommClosedError, CancelledError...
                result, stuck_worker = error_result(
                    path, f"the Dask worker checking this paper failed ({type(error).__name__})"
                ), None
            future.release()
            if stuck_worker is not None:
                _restart(client, stuck_worker)
            yield result
    finally:
        for future in futures:
            future.cancel()
        if own_client:
            client.close()
        if own_cluster is not None:
            own_cluster.close()


def _restart(client: Any, address: str) -> None:
    """Restart a worker whose check thread is stuck, when a nanny can do it (best effort)."""
    with contextlib.suppress(Exception):
        client.restart_workers([address], raise_for_error=False)
