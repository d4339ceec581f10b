"""PL102/PL104 on runs described piecemeal and on tables of runs (one finding per table).

Every sentence and table here is our own writing."""

from __future__ import annotations

from pathlib import Path

from paperlint.api import CheckOptions, analyse, read
from paperlint.model import DocumentResult

_TABLE = r"""
\begin{table}
\begin{tabular}{lcc}
Dataset & Epochs & Time \\
\hline
Meadow & 40 & 3 hours \\
Harbour & 60 & 5 hours \\
Quarry & 90 & 11 hours \\
\end{tabular}
\end{table}
"""


def _check(tmp_path: Path, prose: str, table: str = _TABLE) -> DocumentResult:
    main = tmp_path / "main.tex"
    main.write_text(
        "\\documentclass{article}\n\\begin{document}\n" + prose + "\n" + table
        + "\n\\end{document}\n",
        encoding="utf-8",
    )
    return analyse(read(main, CheckOptions()), CheckOptions())


def _codes(result: DocumentResult, code: str) -> list[str]:
    return [f.message for f in result.findings if f.code == code]


def test_table_without_hardware_gives_one_pl102(tmp_path: Path) -> None:
    result = _check(tmp_path, "The training times of the three runs are below.")
    messages = _codes(result, "PL102")
    assert len(messages) == 1, messages
    assert "2 more rows of this table" in messages[0]


def test_one_accelerator_named_for_training_covers_the_table(tmp_path: Path) -> None:
    # The verdict reads this as complete (one GPU, times in the table): no PL102/PL103/PL104.
    result = _check(tmp_path, "We train every model on a single RTX 2080 Ti GPU.")
    assert result.verdict == "complete"
    assert not [f for f in result.findings if f.code in ("PL102", "PL103", "PL104")]


def test_one_accelerator_without_count_asks_for_the_count_once(tmp_path: Path) -> None:
    # The hardware is known, so the table's runs are not "without hardware"; the count is missing
    # (PL104), once for the table, not once per row.
    result = _check(tmp_path, "We train every model on RTX 2080 Ti GPUs.")
    assert not _codes(result, "PL102")
    assert len(_codes(result, "PL104")) == 1


def test_two_accelerators_keep_pl102(tmp_path: Path) -> None:
    # With two chips named, which one ran the table's runs is a guess: PL102 stays (once).
    result = _check(tmp_path, "We train some models on 4 V100 GPUs and others on 2 A100 GPUs.")
    assert len(_codes(result, "PL102")) == 1


def test_runs_in_prose_are_not_merged(tmp_path: Path) -> None:
    prose = ("The first model trained for 3 hours.\n\n"
             "Unrelated to it, a second model later trained for 40 hours.")
    result = _check(tmp_path, prose, table="")
    assert len(_codes(result, "PL102")) == 2
