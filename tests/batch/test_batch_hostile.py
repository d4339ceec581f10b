"""A messy or hostile submissions folder: every good paper keeps its row, every bad one gets one
error row saying why, and nothing checked is never a success (issue 19)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.batch.discover import discover_all
from paperlint.cli import main
from tests.batch.batch_helpers import tex_paper

REPORTED = "We trained for 3 days on 8 NVIDIA A100 GPUs, a total of 1.2e21 FLOP."
LONG = "x" * 300 + ".tex"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _rows(out: str) -> dict[str, dict[str, object]]:
    rows = [json.loads(line) for line in out.splitlines()]
    return {Path(str(row["path"])).name: row for row in rows}


@pytest.mark.parametrize(("layout", "why"), [
    ({}, "an empty directory"),
    ({"intro.tex": "We used 8 GPUs.\n"}, "intro.tex"),
    ({"notes.md": "not a paper\n"}, "no paper in this directory"),
])
def test_a_folder_with_nothing_to_check_exits_2_saying_why(
        tmp_path: Path, layout: dict[str, str], why: str) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    for name, text in layout.items():
        (folder / name).write_text(text, encoding="utf-8")
    code, out, err = _run(str(folder))
    assert code == 2 and "0 documents" not in out
    errors = [line for line in err.splitlines() if "error" in line]
    assert len(errors) == 1 and str(folder) in errors[0] and why in errors[0]


def test_a_directory_named_main_tex_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "main.tex"
    folder.mkdir()
    code, _, err = _run(str(folder))
    assert code == 2 and "an empty directory" in err and "Traceback" not in err


def test_a_folder_linked_to_elsewhere_is_refused_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "main.tex").write_text(tex_paper("Secret 64 TPU v4 chips."), encoding="utf-8")
    subs = tmp_path / "subs"
    (subs / "good").mkdir(parents=True)
    (subs / "good" / "main.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    (subs / "linked").symlink_to(outside)
    (subs / "linked.tex").symlink_to(outside / "main.tex")
    (subs / "inside.tex").symlink_to(subs / "good" / "main.tex")  # stays in the folder: read
    code, out, _ = _run(str(subs), "--format", "jsonl")
    rows = _rows(out)
    assert set(rows) == {"good", "linked", "linked.tex", "inside.tex"}
    for name in ("linked", "linked.tex"):
        assert "symbolic link to outside" in str(rows[name]["error"])
        assert rows[name]["claims"] == [] and "private" not in json.dumps(rows[name])
    assert rows["good"]["error"] is None and rows["inside.tex"]["error"] is None
    assert code == 2


def test_a_name_too_long_in_a_list_is_one_error_row(tmp_path: Path) -> None:
    good = tmp_path / "good.tex"
    good.write_text(tex_paper(REPORTED), encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text(f"{tmp_path / LONG}\n{good}\n{tmp_path / ('d' * 300) / 'm.tex'}\n",
                       encoding="utf-8")
    code, out, err = _run("--paths-from", str(listing), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 3 and "Traceback" not in err
    errors = sorted(str(r["error"]) for r in rows if r["error"])
    assert errors == ["file name too long"] * 2 and code == 2


def test_a_directory_that_cannot_be_listed_is_one_error_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated (a real chmod does not stop root), as Path.iterdir raises it."""
    good, locked = tmp_path / "good", tmp_path / "locked"
    good.mkdir()
    locked.mkdir()
    (good / "a.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    (good / "b.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    real = Path.iterdir

    def iterdir(self: Path) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    found = discover_all([good, locked])
    assert [Path(p).name for p in found.papers] == ["a.tex", "b.tex", "locked"]
    assert "Permission denied" in found.refused[str(locked)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_like_a_paper_in_a_collection_is_an_error_row_never_opened(
        tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("a.tex", "d.tex"):
        (subs / name).write_text(tex_paper(REPORTED), encoding="utf-8")
    os.mkfifo(subs / "b.tex")
    os.mkfifo(subs / "c.pdf")
    os.mkfifo(subs / "notes.txt")  # not named like a paper: litter, skipped
    (subs / "e.zip").symlink_to(tmp_path / "gone.zip")  # a broken link
    found = discover_all([subs])
    assert [Path(p).name for p in found.papers] == ["a.tex", "b.tex", "c.pdf", "d.tex", "e.zip"]
    why = {Path(p).name: reason for p, reason in found.refused.items()}
    assert why["b.tex"] == why["c.pdf"] == "a FIFO (named pipe), not a file: not read"
    assert why["e.zip"] == "no such file or directory" and "a.tex" not in why
    code, out, _ = _run(str(subs), "--format", "jsonl")  # a FIFO opened would hang here
    rows = _rows(out)
    assert len(rows) == 5 and rows["b.tex"]["error"] == why["b.tex"] and code == 2
    assert rows["a.tex"]["verdict"] == rows["d.tex"]["verdict"] == "complete"


def test_a_tex_root_leaving_the_submissions_folder_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text(tex_paper("Secret 64 TPU v4 chips for 9 days."),
                                       encoding="utf-8")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "a.tex").write_text("% !TEX root = ../main.tex\n" + tex_paper(REPORTED),
                                encoding="utf-8")
    (subs / "b.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    (tmp_path / ".git").mkdir()  # even inside a repository: the folder given is the bound
    _, out, _ = _run(str(subs), "--format", "jsonl")
    rows = _rows(out)
    assert "TPU" not in json.dumps(rows["a.tex"])  # the file above was never read
    refusals = [f for f in rows["a.tex"]["findings"] if f["code"] == "PL002"]  # type: ignore[union-attr]
    assert refusals and "not followed" in refusals[0]["message"]
