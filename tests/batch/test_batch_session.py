"""The batch session: --summary, resuming from CSV, and the exit code over a resumed batch."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.batch.resume import Settled, csv_rows
from paperlint.batch.session import exit_code
from paperlint.cli import main
from paperlint.errors import InputError
from paperlint.report.csvout import COLUMNS
from tests.batch.batch_helpers import tex_paper

REPORTED = "We trained for 3 days on 8 NVIDIA A100 GPUs, a total of 1.2e21 FLOP."


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def _papers(root: Path, names: list[str], *, broken: str | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / name).write_text(tex_paper(REPORTED), encoding="utf-8")
    if broken:
        (root / broken).write_bytes(b"not a pdf at all")
    return root


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def _row(path: str, errors: int = 0, warnings: int = 0, infos: int = 0,
         error: str = "") -> list[str]:
    return [Path(path).stem, path, "" if error else "complete", "", "", "", "", "",
            str(errors), str(warnings), str(infos), error]


def test_summary_is_written_at_the_end_of_a_batch(tmp_path: Path) -> None:
    root = _papers(tmp_path / "subs", ["a.tex", "b.tex"], broken="c.pdf")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    code, _, _ = _run(str(root), "--format", "jsonl", "--jobs", "2", "--summary", str(summary))
    text = summary.read_text(encoding="utf-8")
    assert code == 2
    assert text.startswith("earlier step\n")  # appended, as $GITHUB_STEP_SUMMARY expects
    assert "3 papers" in text and "could not be read" in text
    assert text.index("a.tex") < text.index("b.tex") < text.index("c.pdf")  # discovery order


def test_no_summary_file_without_the_option(tmp_path: Path) -> None:
    root = _papers(tmp_path / "subs", ["a.tex", "b.tex"])
    _run(str(root), "--format", "jsonl")
    assert list(tmp_path.glob("*.md")) == []


def test_csv_resume_exit_code_covers_the_earlier_rows(tmp_path: Path) -> None:
    root = _papers(tmp_path / "subs", ["a.tex", "b.tex"], broken="c.pdf")
    output = tmp_path / "out.csv"
    first, _, _ = _run(str(root), "--format", "csv", "-o", str(output))
    assert first == 2
    # Nothing is left to check, but the batch still holds an unreadable paper.
    again, _, err = _run(str(root), "--format", "csv", "-o", str(output), "--resume")
    assert again == 2 and "resuming: 3 of 3" in err
    (root / "d.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    more, _, _ = _run(str(root), "--format", "csv", "-o", str(output), "--resume")
    assert more == 2
    assert len(list(csv.DictReader(output.open(encoding="utf-8")))) == 4


def test_csv_resume_of_a_clean_batch_stays_clean(tmp_path: Path) -> None:
    root = _papers(tmp_path / "subs", ["a.tex"])
    output = tmp_path / "out.csv"
    _run(str(root), "--format", "csv", "-o", str(output), "--exit-zero")
    code, _, err = _run(str(root), "--format", "csv", "-o", str(output), "--resume",
                        "--exit-zero")
    assert code == 0 and "resuming: 1 of 1" in err


def test_csv_resume_reports_say_they_cover_this_run_only(tmp_path: Path) -> None:
    root = _papers(tmp_path / "subs", ["a.tex", "b.tex"])  # two: a collection, not a project
    output, page = tmp_path / "out.csv", tmp_path / "report.html"
    _run(str(root), "--format", "csv", "-o", str(output))
    (root / "c.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    _, _, err = _run(str(root), "--format", "csv", "-o", str(output), "--resume",
                     "--report", str(page))
    assert "resuming: 2 of 3" in err and "cover the 1 papers checked in this run" in err
    assert page.read_text(encoding="utf-8").count("<tr data-verdict=") == 1


def test_jsonl_resume_reports_cover_the_whole_batch_without_a_note(tmp_path: Path) -> None:
    root = _papers(tmp_path / "subs", ["a.tex", "b.tex"])
    output, page = tmp_path / "out.jsonl", tmp_path / "report.html"
    _run(str(root), "--format", "jsonl", "-o", str(output))
    (root / "c.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    _, _, err = _run(str(root), "--format", "jsonl", "-o", str(output), "--resume",
                     "--report", str(page))
    assert "resuming: 2 of 3" in err and "note:" not in err
    assert page.read_text(encoding="utf-8").count("<tr data-verdict=") == 3


def test_csv_rows_read_back_errors_and_the_worst_severity(tmp_path: Path) -> None:
    output = _csv(tmp_path / "out.csv", [
        _row("a.tex", warnings=2, infos=1), _row("b.tex"), _row("=c.tex", errors=1),
        _row("d.pdf", error="not a PDF file"),
    ])
    # The writer quotes a formula-like path; reading back undoes it.
    text = output.read_text(encoding="utf-8").replace("=c.tex,", "'=c.tex,")
    output.write_text(text + "e.tex,e.te", encoding="utf-8")  # and a torn last row
    rows, keep = csv_rows(output)
    assert rows == [Settled("a.tex", None, "warning"), Settled("b.tex", None, None),
                    Settled("=c.tex", None, "error"), Settled("d.pdf", "not a PDF file", None)]
    assert keep == len(text.encode("utf-8"))
    assert csv_rows(tmp_path / "absent.csv") == ([], 0)


def test_csv_rows_refuse_a_malformed_count(tmp_path: Path) -> None:
    bad = _row("a.tex")
    bad[COLUMNS.index("warnings")] = "many"
    with pytest.raises(InputError, match=r"out\.csv.*warnings"):
        csv_rows(_csv(tmp_path / "out.csv", [bad]))
    with pytest.raises(InputError, match="columns"):
        csv_rows(_csv(tmp_path / "short.csv", [["a", "a.tex"]]))


@pytest.mark.parametrize(("rows", "level", "zero", "expected"), [
    ([Settled("a", None, None)], "info", False, 0),
    ([Settled("a", None, "info")], "info", False, 1),
    ([Settled("a", None, "info")], "warning", False, 0),  # near miss: below the fail level
    ([Settled("a", None, "warning"), Settled("b", None, None)], "warning", False, 1),
    ([Settled("a", None, "error")], "warning", True, 0),
    ([Settled("a", "unreadable", None)], "warning", True, 2),
])
def test_exit_code_from_settled_rows(rows: list[Settled], level: str, zero: bool,
                                     expected: int) -> None:
    assert exit_code(rows, level, zero) == expected


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a full disk)")
def test_an_output_that_cannot_be_written_is_one_clear_error(tmp_path: Path) -> None:
    root = _papers(tmp_path / "subs", ["a.tex", "b.tex"])
    code, _, err = _run(str(root), "--format", "jsonl", "-o", "/dev/full")
    assert code == 2 and "/dev/full: cannot write the output" in err
    assert "Traceback" not in err
