"""Per-paper functions for the runner's isolation tests: each misbehaves as its input file says.

They live in an importable module (not a test file) because worker processes import them by name,
as they import ``paperlint.api:check_path`` in real runs.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from paperlint.api import CheckOptions, check_path
from paperlint.model import DocumentResult

SPEC = "tests.batch.batch_helpers:misbehaving_check"
MEETING_SPEC = "tests.batch.batch_helpers:meeting_check"
# How long a worker's first paper waits for a second worker to start one before it gives up (a
# bound for a broken pool, not a timing the test relies on: the wait ends as soon as both met).
MEETING_WAIT = 120.0


def misbehaving_check(path: str, options: CheckOptions) -> DocumentResult:
    """Behave as the first word of the file asks: ok, slow N, hang, crash, raise, hog, segv."""
    words = Path(path).read_text(encoding="utf-8").split()
    word = words[0]
    if word == "slow":  # finishes, but late: for executors that cannot kill a task
        time.sleep(float(words[1]))
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


def meeting_check(path: str, options: CheckOptions) -> DocumentResult:
    """``check_path``, once two workers have met: each worker signs in (a file named by its pid in
    ``workers/`` beside the paper) and waits until a second one has signed in too.

    So a run of two workers cannot finish with one of them having checked every paper while the
    other was still starting: the first worker's first paper holds it until the second worker has
    taken a paper of its own (the runner hands the queue's next paper to the idle one). Which
    worker checked what is then known from the sign-ins, not hoped for from timing."""
    meeting = Path(path).parent / "workers"
    meeting.mkdir(exist_ok=True)
    (meeting / str(os.getpid())).touch()
    deadline = time.monotonic() + MEETING_WAIT
    while len(list(meeting.iterdir())) < 2:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no second worker took a paper within {MEETING_WAIT:g} s")
        time.sleep(0.01)
    return check_path(path, options)


def signed_in(directory: Path) -> set[int]:
    """The pids of the workers that checked a paper of ``directory`` under :func:`meeting_check`."""
    return {int(entry.name) for entry in (directory / "workers").iterdir()}


def write_papers(directory: Path, words: list[str]) -> list[str]:
    """One file per word (``p00.txt``...) whose content tells misbehaving_check what to do."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, word in enumerate(words):
        path = directory / f"p{index:02d}.txt"
        path.write_text(word, encoding="utf-8")
        paths.append(str(path))
    return paths


def tex_paper(body: str) -> str:
    """A minimal LaTeX paper around ``body``."""
    return "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n"
