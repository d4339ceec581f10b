"""Progress of a batch on standard error: a rich bar on a terminal, plain periodic lines elsewhere.

A conference batch runs for tens of minutes, often under ``nohup`` or in CI, where a redrawn bar
would fill the log with control codes; so off a terminal it prints one line every ``every`` papers
or ``seconds`` seconds instead. Error lines (a paper that could not be read) are printed as they
happen in both modes. Paper-derived text (paths, messages) has its control characters escaped
(:func:`paperlint.display.shown`): a submission's file name must not be able to drive the
organiser's terminal.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any, Protocol

from paperlint.display import shown

# A redraw costs the parent far more than a paper's bookkeeping; the bar is redrawn by rich's own
# timer at this rate, never once per paper (a batch settles tens of papers a second).
REFRESH_PER_SECOND = 4


class Row(Protocol):
    """What progress needs of a paper's result (a DocumentResult or a runner Outcome)."""

    @property
    def path(self) -> str: ...

    @property
    def error(self) -> str | None: ...


def _duration(seconds: float) -> str:
    seconds = int(max(0.0, seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


class BatchProgress:
    """Counts done and failed papers and shows them; use as a context manager."""

    def __init__(
        self, total: int, *, stream: IO[str] | None = None, live: bool | None = None,
        every: int = 100, seconds: float = 10.0,
    ) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.failed = 0
        self.every = max(1, every)
        self.seconds = seconds
        self.live = self.stream.isatty() if live is None else live
        self._started = time.monotonic()
        self._last_line = self._started
        self._rich: Any = None
        self._task: Any = None

    # -- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> BatchProgress:
        self._started = self._last_line = time.monotonic()
        if self.live:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            console = Console(file=self.stream, highlight=False)
            self._rich = Progress(
                TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                TextColumn("[red]{task.fields[failed]} failed"),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                TimeRemainingColumn(), console=console, transient=False,
                refresh_per_second=REFRESH_PER_SECOND,
            )
            self._rich.start()
            self._task = self._rich.add_task("batch", total=self.total, failed=0, rate="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._rich is not None:
            self._rich.stop()
        else:
            self._plain_line(final=True)

    # -- events ---------------------------------------------------------------------------------
    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self._started
        return self.done / elapsed if elapsed > 0 else 0.0

    def advance(self, result: Row) -> None:
        self.done += 1
        if result.error is not None:
            self.failed += 1
            self.message(f"paperlint: error: {result.path}: {result.error}")
        if self._rich is not None:
            # update() only records the numbers; rich's refresh thread draws them.
            self._rich.update(self._task, advance=1, failed=self.failed, rate=f"{self.rate:.1f}/s")
            return
        now = time.monotonic()
        if self.done % self.every == 0 or now - self._last_line >= self.seconds:
            self._plain_line()

    def message(self, text: str) -> None:
        """A line above the bar (or in the log), for errors as they happen."""
        text = shown(text)
        if self._rich is not None:
            self._rich.console.print(text, markup=False, highlight=False)
        else:
            self.stream.write(text + "\n")
            self.stream.flush()

    def _plain_line(self, *, final: bool = False) -> None:
        self._last_line = time.monotonic()
        rate = self.rate
        line = f"paperlint: {self.done}/{self.total} papers checked, {self.failed} failed"
        line += f", {rate:.1f}/s"
        if final:
            line += f", took {_duration(time.monotonic() - self._started)}"
        elif rate > 0 and self.done < self.total:
            line += f", ETA {_duration((self.total - self.done) / rate)}"
        self.stream.write(line + "\n")
        self.stream.flush()
