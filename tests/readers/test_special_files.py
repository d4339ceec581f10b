"""Paths that are not plain files or folders: FIFOs, devices, names too long, links that leave.

Each is one clear error naming the path as the user gave it, never "no such file", never a read
that waits forever, never a traceback, and never the resolved place a link points to.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from paperlint.api import check_path
from paperlint.deadline import deadline
from tests.readers.conftest import END, PREAMBLE, write

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


class _Stuck(Exception):
    pass


def _error(path: Path | str) -> str:
    with deadline(20, _Stuck):  # a read that waits on the FIFO would hang the test forever
        result = check_path(path)
    assert result.error is not None
    assert not result.error.startswith("internal error"), result.error
    return result.error


@needs_fifo
@pytest.mark.parametrize("name", ["paper.tex", "paper.pdf", "paper.tar.gz", "paper"])
def test_a_fifo_is_reported_as_one_and_never_read(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    error = _error(fifo)
    assert "FIFO" in error and "no such file" not in error


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_reported_as_one_and_never_read(tmp_path: Path) -> None:
    error = _error("/dev/zero")
    assert "device" in error and "no such file" not in error
    link = tmp_path / "paper.tex"
    link.symlink_to("/dev/zero")  # a link to a device: the same, whatever its name says
    assert "device" in _error(link)


def test_a_name_too_long_for_the_file_system(tmp_path: Path) -> None:
    for path in (tmp_path / ("a" * 300 + ".tex"), tmp_path / ("d" * 300) / "main.tex"):
        assert "file name too long" in _error(path)


def test_a_path_through_a_file_is_no_such_file(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("x")
    assert "no such file" in _error(tmp_path / "plain.txt" / "main.tex")


def test_a_linked_main_file_that_leaves_its_folder_is_refused_without_naming_the_target(
        tmp_path: Path) -> None:
    outside = tmp_path / "private" / "notes"
    write(outside, {"m2.tex": PREAMBLE + "We trained on 8 A100 GPUs for 3 days." + END})
    paper = tmp_path / "paper"
    paper.mkdir()
    (paper / "main.tex").symlink_to(outside / "m2.tex")
    for given in (paper, paper / "main.tex"):
        error = _error(given)
        assert "symbolic link" in error and "outside" in error
        assert "private" not in error and "m2.tex" not in error


def test_a_linked_main_file_inside_its_folder_is_read(tmp_path: Path) -> None:
    write(tmp_path / "paper", {"real/main.tex": PREAMBLE + "We trained on 8 A100 GPUs." + END})
    (tmp_path / "paper" / "main.tex").symlink_to(tmp_path / "paper" / "real" / "main.tex")
    result = check_path(tmp_path / "paper" / "main.tex")
    assert result.error is None and result.claims


@needs_fifo
@pytest.mark.parametrize("command",
                         [r"\input{pipe}", r"\include{pipe}", r"\InputIfFileExists{pipe}{}{}"])
def test_an_included_fifo_is_named_as_one_and_never_opened(tmp_path: Path, command: str) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "We trained on 8 A100 GPUs.\n" + command + "\n" + END})
    os.mkfifo(tmp_path / "pipe.tex")
    with deadline(20, _Stuck):
        result = check_path(tmp_path / "main.tex")
    assert result.error is None
    messages = [f.message for f in result.findings if f.code == "PL001"]
    assert any("pipe" in m and "FIFO" in m for m in messages), messages
    assert not any("not found" in m for m in messages)


def test_an_include_that_is_missing_is_still_not_found(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + r"\input{absent}" + "\n" + END})
    result = check_path(tmp_path / "main.tex")
    messages = [f.message for f in result.findings if f.code == "PL001"]
    assert messages == ["included file 'absent' not found"]
