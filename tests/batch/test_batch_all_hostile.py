"""Every hostile case of issue 19 in one submissions folder at once, beside three good papers: the
batch finishes, each good paper keeps its row with its verdict, each bad one gets exactly one error
row, JSONL and CSV are valid UTF-8 and read back, and ``--resume`` re-checks nothing.

The single cases have their own tests (test_batch_hostile, test_batch_names, the readers'); this
one is the issue's "Done when": they must not disturb each other or the good papers.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.cli import main
from paperlint.display import shown_path
from tests.batch.batch_helpers import tex_paper

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

PDF_FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "pdf" / "exponent.pdf"
REPORTED = "We trained the model for 3 days on 8 NVIDIA A100 GPUs, a total of 1.2e21 FLOP."
HOSTILE_NAME = "x\r\n::error file=a.tex,line=1::pwned.pdf"  # a workflow command if printed raw
VERDICT = "verdict"  # an expected outcome: the paper is read and judged


@dataclass(frozen=True)
class Folder:
    subs: Path
    listing: Path  # --paths-from: names the file system would not hold in the folder
    expected: dict[str, str]  # shown name -> VERDICT or a phrase its error row holds


def _corrupt_lzma_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("main.tex", tex_paper(REPORTED) * 40)
    data = bytearray(path.read_bytes())
    start = data.find(b"main.tex") + len(b"main.tex") + 8  # into the compressed stream
    for index in range(start, start + 40):
        data[index] ^= 0x55
    path.write_bytes(bytes(data))


def _tar_xz(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    with tarfile.open(path, "w:xz") as archive:
        info = tarfile.TarInfo("main.tex")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))


def _build(root: Path) -> Folder:
    subs, outside = root / "subs", root / "private"
    subs.mkdir()
    outside.mkdir()
    (outside / "main.tex").write_text(tex_paper("Secret: 64 TPU v4 chips."), encoding="utf-8")
    (root / "x.tex").write_text(tex_paper("Secret: 512 TPU v5e chips for 9 days."),
                                encoding="utf-8")
    expected: dict[str, str] = {}

    def paper(name: str, text: str, outcome: str) -> None:
        (subs / name).write_text(text, encoding="utf-8")
        expected[name] = outcome

    # Three good papers: two files and a project folder.
    paper("good-a.tex", tex_paper(REPORTED), VERDICT)
    paper("good-b.tex", tex_paper(REPORTED), VERDICT)
    (subs / "good-c").mkdir()
    (subs / "good-c" / "main.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    expected["good-c"] = VERDICT
    # Names: not UTF-8 (read, shown escaped), too long (a row saying so), a line break and a
    # workflow command (a bad PDF, so that its name reaches the error lines).
    try:
        name = os.fsdecode(b"caf\xe9-\xff.tex")
        (subs / name).write_text(tex_paper(REPORTED), encoding="utf-8")
        expected[shown_path(name)] = VERDICT
    except (OSError, UnicodeError):  # a file system that holds UTF-8 names only
        pass
    long_name = "l" * 296 + ".tex"
    listing = root / "list.txt"
    try:
        paper(long_name, tex_paper(REPORTED), VERDICT)
        listing.write_text("", encoding="utf-8")
    except OSError:  # ENAMETOOLONG, as on ext4: listed instead, it must be one error row
        listing.write_text(f"{subs / long_name}\n", encoding="utf-8")
        expected[long_name] = "file name too long"
    paper(HOSTILE_NAME, "not a PDF at all\n", "not a PDF")
    expected[shown_path(HOSTILE_NAME)] = expected.pop(HOSTILE_NAME)
    # Archives: a corrupt LZMA member, a tar.xz (read), a 7z (a format not read).
    _corrupt_lzma_zip(subs / "lzma.zip")
    expected["lzma.zip"] = "damaged archive"
    _tar_xz(subs / "paper.tar.xz", tex_paper(REPORTED))
    expected["paper.tar.xz"] = VERDICT
    (subs / "paper.7z").write_bytes(b"7z\xbc\xaf\x27\x1c" + bytes(40))
    expected["paper.7z"] = "archive format not read (.7z)"
    # Folders with nothing to check, and one that is a link to elsewhere.
    for name in ("empty", "main.tex"):
        (subs / name).mkdir()
        expected[name] = "no .tex file in this directory"
    (subs / "fragments").mkdir()
    (subs / "fragments" / "intro.tex").write_text("We used 8 GPUs.\n", encoding="utf-8")
    expected["fragments"] = "intro.tex is a fragment"
    (subs / "linked").symlink_to(outside.resolve())
    expected["linked"] = "symbolic link to outside the submissions folder"
    if hasattr(os, "mkfifo"):
        os.mkfifo(subs / "pipe.tex")
        expected["pipe.tex"] = "a FIFO (named pipe), not a file"
    # A PDF cut before %%EOF, a number beyond float range, a % !TEX root leaving the folder.
    data = PDF_FIXTURE.read_bytes()
    (subs / "cut.pdf").write_bytes(data[: data.rfind(b"%%EOF")])
    expected["cut.pdf"] = "truncated PDF"
    paper("huge.tex", tex_paper("We trained with $10^{400}$ FLOP on 8 A100 GPUs for 3 days."),
          VERDICT)
    paper("texroot.tex", "% !TEX root = ../x.tex\n" + tex_paper(REPORTED), VERDICT)
    return Folder(subs, listing, expected)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Folder:
    return _build(tmp_path_factory.mktemp("hostile"))


def _check(folder: Folder, output: Path, output_format: str, *more: str) -> tuple[int, bytes]:
    result = CliRunner().invoke(main, [
        "check", str(folder.subs), "--paths-from", str(folder.listing), "--jobs", "2",
        "--format", output_format, "-o", str(output), *more])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr_bytes or b""


def _by_name(paths: list[str]) -> list[str]:
    return [Path(path).name for path in paths]


def _assert_rows(folder: Folder, names: list[str], errors: dict[str, str | None]) -> None:
    assert sorted(names) == sorted(folder.expected)  # one row per paper, none twice
    for name, outcome in folder.expected.items():
        if outcome == VERDICT:
            assert errors[name] is None, (name, errors[name])
        else:
            assert outcome in str(errors[name]), (name, errors[name])


def test_every_paper_has_one_row_and_resume_rechecks_none(
        folder: Folder, tmp_path: Path) -> None:
    output = tmp_path / "batch.jsonl"
    code, stderr = _check(folder, output, "jsonl")
    assert code == 2
    text = output.read_bytes().decode("utf-8")  # strict: raises on invalid UTF-8
    rows = [json.loads(line) for line in text.splitlines()]
    names = _by_name([row["path"] for row in rows])
    by_name = dict(zip(names, rows, strict=True))
    _assert_rows(folder, names, {n: r["error"] for n, r in by_name.items()})
    for name, outcome in folder.expected.items():
        if outcome == VERDICT:
            assert by_name[name]["verdict"] in ("complete", "partial", "missing")
    huge = {f["code"] for f in by_name["huge.tex"]["findings"]}
    assert "PL006" in huge and "Infinity" not in text and "NaN" not in text
    root_notes = [f["message"] for f in by_name["texroot.tex"]["findings"] if f["code"] == "PL002"]
    assert root_notes and "not followed" in root_notes[0] and "TPU v5e" not in text
    assert "private" not in json.dumps(by_name["linked"]) and "TPU v4" not in text
    assert by_name["good-a.tex"]["verdict"] == "complete"
    # What reaches the log: valid UTF-8, one line per error, none a workflow command.
    log = stderr.decode("utf-8")
    assert "Traceback" not in log and not any(line.startswith("::") for line in log.splitlines())
    assert sum("paperlint: error:" in line for line in log.splitlines()) == sum(
        outcome != VERDICT for outcome in folder.expected.values())

    before = output.read_bytes()
    code, stderr = _check(folder, output, "jsonl", "--resume")
    assert code == 2 and output.read_bytes() == before  # nothing checked again, nothing lost
    total = len(folder.expected)
    assert f"resuming: {total} of {total} papers already in" in stderr.decode("utf-8")


def test_the_csv_output_reads_back_and_resumes(folder: Folder, tmp_path: Path) -> None:
    output = tmp_path / "batch.csv"
    code, _ = _check(folder, output, "csv")
    assert code == 2
    text = output.read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    names = _by_name([row["path"] for row in rows])
    _assert_rows(folder, names, {n: r["error"] or None for n, r in zip(names, rows, strict=True)})
    before = output.read_bytes()
    code, stderr = _check(folder, output, "csv", "--resume")
    assert code == 2 and output.read_bytes() == before
    assert "papers already in" in stderr.decode("utf-8")
