"""The CLI: exit codes, formats, errors as one line, lazy start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from paperlint.cli import main
from paperlint.cli.check import exit_code
from paperlint.model import DocumentResult, Finding, Location, Report
from paperlint.report.json import validate


def _report(*severities: str, error: str | None = None) -> Report:
    findings = tuple(
        Finding("PL105", "missing-total-flop", s, "m", Location("main.tex", 1, 1))  # type: ignore[arg-type]
        for s in severities
    )
    return Report((DocumentResult("p.tex", "latex", findings=findings, error=error),))


def test_exit_codes_follow_fail_level() -> None:
    assert exit_code(_report(), "warning", False) == 0
    assert exit_code(_report("info"), "warning", False) == 0
    assert exit_code(_report("info"), "info", False) == 1
    assert exit_code(_report("warning"), "warning", False) == 1
    assert exit_code(_report("warning"), "error", False) == 0
    assert exit_code(_report("error"), "warning", True) == 0
    assert exit_code(_report(error="unreadable"), "warning", True) == 2


def test_missing_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.tex")])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"paperlint: error: {tmp_path / 'nope.tex'}: no such file or directory"]
    assert "Traceback" not in result.output


def test_one_bad_path_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.tex"
    good.write_text("\\documentclass{article}\\begin{document}Hello.\\end{document}\n")
    args = ["check", "--format", "json", str(tmp_path / "bad.tex"), str(good)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    validate(data)
    assert [d["error"] is None for d in data["documents"]] == [False, True]
    findings = len(data["documents"][1]["findings"])
    assert data["summary"] == {"documents": 2, "findings": findings, "errors": 1}


def test_unknown_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["check", "--no-such-option", "x.tex"])
    assert result.exit_code == 2


def test_version_and_help_do_not_import_spacy() -> None:
    code = (
        "import sys\n"
        "from paperlint.cli import main\n"
        "for args in (['--version'], ['--help'], ['check', '--help']):\n"
        "    try:\n"
        "        main.main(args=args, standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = [m for m in ('spacy', 'pylatexenc', 'pypdf') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip().splitlines()[-1] == "HEAVY="


def test_child_file_with_tex_root_prints_paths_that_exist(tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / ".git").mkdir()  # a repository: the root above the child may be followed
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{sections/setup}\n\\end{document}\n"
    )
    (tmp_path / "sections" / "setup.tex").write_text(
        "% !TEX root = ../main.tex\nWe trained on 8 GPUs for 3 days.\n"
    )
    child = tmp_path / "sections" / "setup.tex"
    result = CliRunner().invoke(main, ["check", "--format", "json", str(child)])
    data = json.loads(result.stdout)
    validate(data)
    document = data["documents"][0]
    assert document["root"] == str(tmp_path)
    text = CliRunner().invoke(main, ["check", str(child)]).stdout
    shown = [line.split(":")[0] for line in text.splitlines() if ": PL" in line]
    assert shown, text
    assert all(Path(path).is_file() for path in shown)


def test_python_dash_m_paperlint_is_the_same_command() -> None:
    version = subprocess.run([sys.executable, "-m", "paperlint", "--version"],
                             capture_output=True, text=True, check=True)
    assert version.stdout.startswith("paperlint, version ")
    missing = subprocess.run([sys.executable, "-m", "paperlint", "check", "no/such/paper.tex"],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "no/such/paper.tex" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_every_check_option_reaches_the_command() -> None:
    # `check` takes its options as keywords and reads them into CheckArgs and CiSettings: an
    # option in neither would be parsed and then silently dropped.
    from dataclasses import fields

    from paperlint.cli.check import CheckArgs, check
    from paperlint.cli.ci import CiSettings

    names = {param.name for param in check.params}
    read = {f.name for f in fields(CheckArgs)} | {f.name for f in fields(CiSettings)}
    assert names == read
