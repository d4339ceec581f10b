"""Hostile file names in a batch: bytes that are not UTF-8, carriage returns, newlines.

A name is carried as the operating system gave it (``os.fsdecode``: undecodable bytes become lone
surrogates) and shown in an escaped form (each such byte as ``\\xNN``), so that every output file
and standard output stay valid UTF-8, every paper keeps its row, and ``--resume`` reads back what
an earlier run wrote.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.cli import main
from tests.batch.batch_helpers import tex_paper

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

REPORTED = "We trained for 3 days on 8 NVIDIA A100 GPUs, a total of 1.2e21 FLOP."
BAD = os.fsdecode(b"bad\xff.tex")  # "bad\udcff.tex": not valid UTF-8 on disk


def _folder(root: Path, names: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / name).write_text(tex_paper(REPORTED), encoding="utf-8")
    return root


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def _jsonl(path: Path) -> list[dict[str, object]]:
    data = path.read_bytes()
    data.decode("utf-8")  # strict: the file is valid UTF-8
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def _csv(path: Path) -> list[dict[str, str]]:
    path.read_bytes().decode("utf-8")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", [BAD, os.fsdecode(b"\xe9t\xe9.tex")])
def test_a_name_that_is_not_utf8_keeps_every_row_in_jsonl(tmp_path: Path, name: str) -> None:
    root = _folder(tmp_path / "subs", ["a.tex", name, "c.tex", "d.tex"])
    output = tmp_path / "out.jsonl"
    code, _, err = _run(str(root), "--format", "jsonl", "-o", str(output))
    rows = _jsonl(output)
    assert len(rows) == 4 and "Traceback" not in err
    shown = os.fsencode(name).decode("utf-8", "backslashreplace")
    odd = [row for row in rows if str(row["path"]).endswith(shown)]
    # The paper was found and read under its real name: a result, not an error row.
    assert len(odd) == 1 and odd[0]["error"] is None and odd[0]["verdict"] == "complete"
    assert code in (0, 1)


def test_resume_over_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    root = _folder(tmp_path / "subs", ["a.tex", BAD, "c.tex"])
    output = tmp_path / "out.jsonl"
    _run(str(root), "--format", "jsonl", "-o", str(output))
    first = _jsonl(output)
    code, _, err = _run(str(root), "--format", "jsonl", "-o", str(output), "--resume")
    assert "Traceback" not in err and "resuming: 3 of 3 papers already in" in err
    assert _jsonl(output) == first  # nothing checked twice, nothing lost
    # Interrupted after the row of the odd name: only the others are checked again.
    odd = next(i for i, row in enumerate(first) if "\\xff" in str(row["path"]))
    lines = output.read_text(encoding="utf-8").splitlines(keepends=True)
    output.write_text(lines[odd], encoding="utf-8")
    _, _, err = _run(str(root), "--format", "jsonl", "-o", str(output), "--resume")
    assert "resuming: 1 of 3 papers already in" in err
    assert sorted(str(r["path"]) for r in _jsonl(output)) == sorted(str(r["path"]) for r in first)
    assert code in (0, 1)


def test_csv_and_its_resume_over_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    root = _folder(tmp_path / "subs", ["a.tex", BAD, "c.tex"])
    output = tmp_path / "out.csv"
    _run(str(root), "--format", "csv", "-o", str(output))
    rows = _csv(output)
    assert len(rows) == 3 and {r["id"] for r in rows} == {"a", "bad\\xff", "c"}
    code, _, err = _run(str(root), "--format", "csv", "-o", str(output), "--resume")
    assert "Traceback" not in err and "resuming: 3 of 3 papers already in" in err
    assert len(_csv(output)) == 3 and code in (0, 1)


def test_whole_batch_reports_over_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    root = _folder(tmp_path / "subs", ["a.tex", BAD])
    page, summary, sarif = tmp_path / "r.html", tmp_path / "s.md", tmp_path / "r.sarif"
    code, out, err = _run(str(root), "--format", "json", "--report", str(page),
                          "--summary", str(summary), "--sarif", str(sarif))
    assert "Traceback" not in err and code in (0, 1)
    assert len(json.loads(out)["documents"]) == 2
    assert "bad\\xff.tex" in page.read_bytes().decode("utf-8")
    assert "bad\\xff.tex" in summary.read_bytes().decode("utf-8")
    json.loads(sarif.read_bytes().decode("utf-8"))


def test_standard_output_stays_valid_utf8(tmp_path: Path) -> None:
    """A real process: Python's standard output would write the raw byte back
    (``surrogateescape``), which is not UTF-8."""
    root = _folder(tmp_path / "subs", ["a.tex", BAD])
    (root / os.fsdecode(b"broken\xfe.pdf")).write_bytes(b"not a pdf")
    for fmt in ("jsonl", "csv", "text", "github", "markdown"):
        done = subprocess.run([sys.executable, "-m", "paperlint", "check", str(root),
                               "--format", fmt], capture_output=True, timeout=300,
                              env={**os.environ, "LC_ALL": "C.UTF-8"})
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # strict
        assert done.returncode == 2 and "Traceback" not in err, err
        assert "broken\\xfe.pdf" in err
        if fmt == "jsonl":  # inside JSON the backslash is escaped: read it back
            out = " ".join(str(json.loads(line)["path"]) for line in out.splitlines())
        assert "bad\\xff" in out


def test_a_single_paper_named_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    paper = _folder(tmp_path, [BAD]) / BAD
    for fmt in ("text", "json"):
        done = subprocess.run([sys.executable, "-m", "paperlint", "check", str(paper),
                               "--format", fmt], capture_output=True, timeout=300)
        out = done.stdout.decode("utf-8")
        if fmt == "json":
            out = json.loads(out)["documents"][0]["path"]
        assert done.returncode in (0, 1) and "bad\\xff.tex" in out, done.stderr


def test_a_carriage_return_in_a_name_is_quoted_in_csv(tmp_path: Path) -> None:
    names = ["a.tex", "cr\rname.tex", "nl\nname.tex", "b.tex"]
    root = _folder(tmp_path / "subs", names)
    output = tmp_path / "out.csv"
    _run(str(root), "--format", "csv", "-o", str(output))
    # A spreadsheet (or Python's csv in universal-newline mode) must see one row per paper.
    with output.open(encoding="utf-8") as handle:  # newline=None: \r ends a line here
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4
    assert {r["path"] for r in _csv(output)} == {str(root / n) for n in names}
    code, _, err = _run(str(root), "--format", "csv", "-o", str(output), "--resume")
    assert "Traceback" not in err and "resuming: 4 of 4 papers already in" in err
    assert len(_csv(output)) == 4 and code in (0, 1)


def test_a_csv_file_that_csv_cannot_parse_is_one_error_line(tmp_path: Path) -> None:
    root = _folder(tmp_path / "subs", ["a.tex"])
    output = tmp_path / "out.csv"
    from paperlint.report.csvout import COLUMNS

    # A bare carriage return inside a cell: what the csv module refuses to read.
    output.write_text(",".join(COLUMNS) + "\n" + "a,x\ry" + "," * 10 + "\n", encoding="utf-8")
    code, _, err = _run(str(root), "--format", "csv", "-o", str(output), "--resume")
    assert code == 2 and "Traceback" not in err and "out.csv" in err
