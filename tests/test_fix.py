"""``paperlint check --fix``, ``--diff`` and ``--unsafe-fixes`` on real multi-file projects, read
and checked by the whole pipeline. The papers are our own sentences."""

from __future__ import annotations

import codecs
import io
import tarfile
from pathlib import Path

from click.testing import CliRunner, Result

from paperlint.cli import main

_MAIN = (
    "\\documentclass{article}\n"
    "\\begin{document}\n"
    "\\section{Introduction}\n"
    "We study small language models.\n"
    "\\input{sections/setup}\n"
    "\\input{sections/costs}\n"
    "\\end{document}\n"
)
# The compute report's sentence ends mid-line; another sentence follows it on the same line.
_SETUP = (
    "\\section{Training details}\r\n"
    "We pretrain our model on 64 NVIDIA A100 GPUs for 12 days. The optimiser is AdamW.\r\n"
    "Batches hold 512 sequences.\r\n"
)
# No final newline, on purpose.
_COSTS = "Evaluating every checkpoint cost 2.5e18 GFLOPs in total."


def _project(tmp_path: Path) -> Path:
    paper = tmp_path / "paper"
    (paper / "sections").mkdir(parents=True)
    (paper / "main.tex").write_bytes(_MAIN.encode())
    (paper / "sections" / "setup.tex").write_bytes(codecs.BOM_UTF8 + _SETUP.encode())
    (paper / "sections" / "costs.tex").write_bytes(_COSTS.encode())
    return paper


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--isolated", *args])


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_fix_applies_the_safe_fix_only_and_keeps_everything_else(tmp_path: Path) -> None:
    paper = _project(tmp_path)
    before = _snapshot(paper)
    result = _run("--fix", str(paper))
    after = _snapshot(paper)
    # "GFLOPs" for an amount is a safe fix; the file keeps its missing final newline.
    assert after["sections/costs.tex"] == _COSTS.replace("GFLOPs", "GFLOP").encode()
    assert after["main.tex"] == before["main.tex"]
    assert after["sections/setup.tex"] == before["sections/setup.tex"]  # PL105 is unsafe
    assert "Fixed 1 finding in 1 file." in result.stderr
    assert "1 unsafe fix not applied (enable with --unsafe-fixes)." in result.stderr
    # The report is of the files as they now are: PL201 is gone, PL105 remains.
    assert "PL201" not in result.stdout and "PL105" in result.stdout
    assert result.exit_code == 1


def test_unsafe_fix_inserts_the_sentence_after_the_reports_sentence(tmp_path: Path) -> None:
    paper = _project(tmp_path)
    result = _run("--fix", "--unsafe-fixes", str(paper))
    assert result.exit_code == 0, result.output
    data = (paper / "sections" / "setup.tex").read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # the byte-order mark is kept
    text = data[len(codecs.BOM_UTF8):].decode()
    lines = text.split("\r\n")
    assert len(lines) == 4 and lines[-1] == ""  # CRLF kept on every line, nothing added
    assert lines[0] == "\\section{Training details}"
    assert lines[1].startswith("We pretrain our model on 64 NVIDIA A100 GPUs for 12 days. "
                               "Training used about $6.2\\times10^{21}$~FLOP (estimated from 64")
    assert lines[1].endswith("~FLOP). The optimiser is AdamW.")
    assert lines[2] == "Batches hold 512 sequences."
    assert "\n" not in text.replace("\r\n", "")
    assert "Fixed 2 findings in 2 files." in result.stderr


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    paper = _project(tmp_path)
    _run("--fix", "--unsafe-fixes", str(paper))
    fixed = _snapshot(paper)
    again = _run("--fix", "--unsafe-fixes", str(paper))
    assert _snapshot(paper) == fixed
    assert "No fixes applied." in again.stderr
    # The inserted sentence reads as the paper's stated training FLOP: PL105 no longer fires,
    # and the sentence raises no finding of its own.
    assert "0 findings" in again.stdout and again.exit_code == 0
    diff = _run("--diff", "--unsafe-fixes", str(paper))
    assert diff.stdout == "" and diff.exit_code == 0


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path: Path) -> None:
    paper = _project(tmp_path)
    before = _snapshot(paper)
    result = _run("--diff", str(paper))
    assert _snapshot(paper) == before
    assert result.exit_code == 1  # there is something to fix
    shown = f"{paper}/sections/costs.tex"
    assert result.stdout.splitlines() == [
        f"--- a/{shown}",
        f"+++ b/{shown}",
        "@@ -1 +1 @@",
        "-" + _COSTS,
        "\\ No newline at end of file",
        "+" + _COSTS.replace("GFLOPs", "GFLOP"),
        "\\ No newline at end of file",
    ]
    assert "Would fix 1 finding in 1 file." in result.stderr
    unsafe = _run("--diff", "--unsafe-fixes", str(paper))
    assert "+We pretrain our model on 64 NVIDIA A100 GPUs for 12 days. Training used" in (
        unsafe.stdout)
    assert _snapshot(paper) == before


def test_latin1_file_is_written_back_in_latin1(tmp_path: Path) -> None:
    paper = tmp_path / "p"
    paper.mkdir()
    source = ("\\documentclass{article}\n\\begin{document}\nL'évaluation a coûté 3e18 GFLOPs "
              "au total.\n\\end{document}\n")
    (paper / "main.tex").write_bytes(source.encode("latin-1"))
    _run("--fix", str(paper / "main.tex"))
    assert (paper / "main.tex").read_bytes() == source.replace("GFLOPs", "GFLOP").encode("latin-1")


def test_an_archive_is_never_changed(tmp_path: Path) -> None:
    paper = _project(tmp_path)
    archive = tmp_path / "paper.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for path in sorted(paper.rglob("*.tex")):
            data = path.read_bytes()
            info = tarfile.TarInfo(path.relative_to(paper).as_posix())
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    before = archive.read_bytes()
    result = _run("--fix", "--unsafe-fixes", str(archive))
    assert archive.read_bytes() == before
    assert "PL201 fix not applied: an archive is never changed" in result.stderr
    assert "No fixes applied." in result.stderr


def test_a_unit_from_a_macro_is_not_rewritten(tmp_path: Path) -> None:
    paper = tmp_path / "macro.tex"
    source = ("\\documentclass{article}\n\\newcommand{\\flops}{GFLOPs}\n\\begin{document}\n"
              "Evaluation cost 3e18 \\flops{} in total.\n\\end{document}\n")
    paper.write_text(source)
    result = _run("--diff", str(paper))
    assert "PL201" not in result.stdout and result.stdout == ""
    assert result.exit_code == 0 and paper.read_text() == source


def test_fix_options_are_refused_in_batch_mode_and_unsafe_alone(tmp_path: Path) -> None:
    paper = _project(tmp_path)
    batch = _run("--fix", "--jobs", "2", str(paper))
    assert batch.exit_code == 2 and "not in batch mode" in batch.stderr
    alone = _run("--unsafe-fixes", str(paper))
    assert alone.exit_code == 2 and "--unsafe-fixes needs --fix or --diff" in alone.stderr
