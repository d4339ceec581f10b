"""Per-paper functions for the runner's isolation tests: each misbehaves as its input file says.

They live in an importable module (not a test file) because worker processes import them by name,
as they import ``paperlint.api:check_path`` in real runs.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from paperlint.api import CheckOptions
from paperlint.model import DocumentResult

SPEC = "batch_helpers:misbehaving_check"


def misbehaving_check(path: str, options: CheckOptions) -> DocumentResult:
    """Behave as the first word of the file asks: ok, hang, crash, raise, hog, segv."""
    word = Path(path).read_text(encoding="utf-8").split()[0]
    if word == "hang":
        while True:  # a parser stuck in a loop: only a kill ends it
            time.sleep(0.05)
    if word == "crash":
        os._exit(3)
    if word == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    if word == "raise":
        raise ValueError("a bug that escaped check_path")
    if word == "hog":
        chunks = []
        while True:  # grows until the worker's address-space limit stops it
            chunks.append(bytearray(64 * 1024 * 1024))
    return DocumentResult(path=path, format="latex", verdict="complete")
