"""Fewer cyclic garbage collections while one paper is read and checked.

A check builds a large tree of long-lived objects (pylatexenc's nodes, the source map, spaCy's
tokens) and little cyclic garbage. CPython's collector runs its young generations every 700 net
allocations and its full collection as the long-lived objects grow by a quarter, re-visiting
every node built so far: on a 160k-word table-heavy paper that was a quarter of the check's time
(benchmarks.speed, docs/performance.md). mypy tunes the collector the same way, for the same
reason (``gc.set_threshold(200_000, 30, 30)`` for its whole build).

The thresholds are process-wide, so they are raised only for the duration of a check and put
back afterwards (nested and concurrent checks count: the last one out restores them); a host that
disabled the collector or set a higher threshold itself is left alone.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 200_000  # net allocations between two collections of the youngest generation
OLDER_THRESHOLDS = (30, 30)

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the ``with`` block (see the module's docstring)."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            current = gc.get_threshold()
            if gc.isenabled() and 0 < current[0] < YOUNG_THRESHOLD:
                _saved = current
                gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
