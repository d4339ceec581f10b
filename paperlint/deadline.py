"""A wall-clock deadline for a block of code, by SIGALRM, that nests.

Both the PDF reader (a content stream may loop without drawing text) and the accuracy harness (one
paper must not stall a run) need one. There is a single ITIMER_REAL per process, so a deadline
inside another saves the outer one's handler and remaining time, and restores them on exit: an
inner PDF read must not cancel the harness's limit around it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def deadline(seconds: float, error: Callable[[], BaseException]) -> Iterator[None]:
    """Raise ``error()`` in the block after ``seconds``. No limit where it cannot work: without
    SIGALRM, off the main thread, or for ``seconds <= 0``."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise error()

    outer_remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_remaining and outer_remaining <= seconds:
        yield  # an outer deadline falls first: it stays in charge, through its own handler
        return
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_remaining:
            left = outer_remaining - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6))
