"""Reading back what an earlier, interrupted batch wrote, as far as the exit code needs it.

A resumed batch's exit code must cover every paper of the batch, not only those checked in this
run. JSON Lines keep each result whole; a CSV row keeps the counts of findings per severity and the
error, which is exactly what the exit code needs (whether a paper was unreadable, and the highest
severity it reached), so both formats give one :class:`Settled` per earlier paper.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from paperlint.errors import InputError

# The severity a CSV count column stands for, highest first.
_COUNT_COLUMNS = (("errors", "error"), ("warnings", "warning"), ("infos", "info"))


@dataclass(frozen=True)
class Settled:
    """One checked paper, reduced to what the exit code and the progress line need."""

    path: str
    error: str | None
    worst: str | None  # highest finding severity; None: no findings


def csv_rows(path: Path) -> tuple[list[Settled], int]:
    """The papers an earlier CSV run wrote, and the byte length of its complete rows.

    Which rows are complete, and the paths they name, are decided by ``csvout.done_paths`` (the
    same rule the writer's quoting follows); this adds each row's error and worst severity."""
    from paperlint.report.csvout import COLUMNS, done_paths

    done, keep = done_paths(path)
    if keep == 0:
        return [], 0
    try:
        data = path.read_bytes()[:keep]
    except OSError as error:
        raise InputError(f"cannot read the earlier output: {error.strerror}",
                         path=str(path)) from None
    reader = csv.DictReader(io.StringIO(data.decode("utf-8", errors="replace"), newline=""))
    rows: list[Settled] = []
    for number, row in enumerate(_read(reader, path), 2):
        if None in row or any(value is None for value in row.values()):
            raise InputError(f"row {number} does not have the {len(COLUMNS)} columns of a "
                             "paperlint CSV report", path=str(path))
        raw = row["path"]
        # The writer puts a quote before a path that looks like a formula; done_paths undid it.
        name = raw if raw in done or not raw.startswith("'") else raw[1:]
        rows.append(Settled(name, row["error"] or None, _worst(row, number, path)))
    return rows, keep


def _read(reader: csv.DictReader[str], path: Path) -> list[dict[str, str]]:
    try:
        return list(reader)
    except csv.Error as error:  # done_paths read the same bytes; kept for safety
        raise InputError(f"not a paperlint CSV report ({error})", path=str(path)) from None


def _worst(row: dict[str, str], number: int, path: Path) -> str | None:
    for column, severity in _COUNT_COLUMNS:
        try:
            count = int(row[column])
        except ValueError:
            raise InputError(f"row {number}: the {column} column is not a count",
                             path=str(path)) from None
        if count > 0:
            return severity
    return None
