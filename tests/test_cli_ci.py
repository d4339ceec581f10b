"""ruff's habits on `paperlint check`: --output-format, --statistics, --show-settings, stdin, -q."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from paperlint.cli import main

MAIN = r"""\documentclass{article}
\begin{document}
\input{sections/setup}
\end{document}
"""
SETUP = r"""Our tagger trained for 2 days on 4 NVIDIA V100 GPUs.
A forward pass costs about 2.6 GFLOPs per token, a backward pass 5 GFLOPs per token.
"""


@pytest.fixture
def paper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sections").mkdir()
    (tmp_path / "main.tex").write_text(MAIN, encoding="utf-8")
    (tmp_path / "sections" / "setup.tex").write_text(SETUP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "main.tex"


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["check", *args], input=stdin)


def test_output_format_and_its_alias_format(paper: Path) -> None:
    long, short = run("main.tex", "--output-format", "json"), run("main.tex", "--format", "json")
    assert long.exit_code == short.exit_code == 1
    assert json.loads(long.stdout)["documents"] == json.loads(short.stdout)["documents"]
    assert "--output-format" in run("--help").stdout


def test_statistics_counts_per_rule(paper: Path) -> None:
    result = run("main.tex", "--statistics")
    assert result.exit_code == 1  # the exit code is the check's
    assert result.stdout.splitlines() == ["2\tPL201\tambiguous-flops-unit",
                                          "1\tPL105\tmissing-total-flop"]
    data = json.loads(run("main.tex", "--statistics", "--output-format", "json").stdout)
    assert data == [
        {"code": "PL201", "name": "ambiguous-flops-unit", "severity": "warning", "count": 2},
        {"code": "PL105", "name": "missing-total-flop", "severity": "warning", "count": 1},
    ]
    assert run("main.tex", "--statistics", "--ignore", "PL1,PL2").stdout == ""


def test_show_settings_says_what_applies_and_exits_0(paper: Path) -> None:
    (paper.parent / "paperlint.toml").write_text('profile = "neurips"\nignore = ["PL106"]\n'
                                                 'fail-level = "error"\n', encoding="utf-8")
    result = run("main.tex", "--show-settings", "--select", "PL2")
    assert result.exit_code == 0, result.output
    settings = dict(line.split(" = ", 1) for line in result.stdout.splitlines())
    settings = {key.strip(): json.loads(value) for key, value in settings.items()}
    assert settings["config file"] == str(paper.parent / "paperlint.toml")
    assert settings["profile"] == "neurips" and settings["fail-level"] == "error"
    assert settings["select"] == ["PL2"] and settings["ignore"] == ["PL106"]
    assert settings["rules enabled"] == ["PL201", "PL202", "PL203", "PL204"]
    assert settings["project-root"] == str(paper.parent.resolve())
    isolated = run("main.tex", "--show-settings", "--isolated").stdout
    assert 'config file      = null' in isolated and '"flop"' in isolated


def test_quiet_prints_the_findings_and_nothing_else(paper: Path) -> None:
    loud, quiet = run("main.tex").stdout, run("main.tex", "-q").stdout
    assert "verdict" in loud and "Found 3 findings" in loud
    assert quiet == "".join(line + "\n" for line in loud.splitlines()
                            if "verdict" not in line and not line.startswith("Found "))
    assert quiet.count("PL201") == 2
    assert run("main.tex", "--quiet", "--ignore", "PL1,PL2").stdout == ""
    assert run("main.tex", "--quiet", "--ignore", "PL1,PL2").exit_code == 0


def test_stdin_stands_for_a_file_on_disk(paper: Path) -> None:
    # An editor's unsaved buffer: the text on stdin, not the disk's, with the paper around it.
    edited = SETUP.replace("2.6 GFLOPs", "2.6 GFLOP").encode()
    result = run("-", "--stdin-filename", "sections/setup.tex", "--format", "json",
                 stdin=edited)
    [document] = json.loads(result.stdout)["documents"]
    assert document["path"] == "sections/setup.tex"
    pl201 = [f for f in document["findings"] if f["code"] == "PL201"]
    assert [f["location"]["line"] for f in pl201] == [2] and len(pl201) == 1
    assert (paper.parent / "sections" / "setup.tex").read_text(encoding="utf-8") == SETUP


def test_stdin_with_includes_resolved_beside_the_name(paper: Path) -> None:
    result = run("-", "--stdin-filename", "main.tex", stdin=MAIN.encode())
    assert "sections/setup.tex:2:" in result.stdout and "PL001" not in result.stdout


def test_stdin_under_a_new_name_and_without_one(paper: Path) -> None:
    text = (MAIN.replace("\\input{sections/setup}", SETUP)).encode()
    named = run("-", "--stdin-filename", "drafts/new.tex", stdin=text)
    assert "drafts/new.tex:4:" in named.stdout and named.exit_code == 1
    bare = run("-", stdin=text)
    assert "stdin.tex:4:" in bare.stdout


def test_stdin_finds_the_config_from_its_name(paper: Path) -> None:
    (paper.parent / "sub").mkdir()
    (paper.parent / "sub" / "paperlint.toml").write_text('ignore = ["PL201"]\n', encoding="utf-8")
    text = (MAIN.replace("\\input{sections/setup}", SETUP)).encode()
    assert "PL201" in run("-", "--stdin-filename", "new.tex", stdin=text).stdout
    assert "PL201" not in run("-", "--stdin-filename", "sub/new.tex", stdin=text).stdout


def test_stdin_is_checked_on_its_own_and_batch_options_say_no(paper: Path) -> None:
    mixed = run("-", "main.tex", stdin=b"")
    assert mixed.exit_code == 2 and "checked on its own" in mixed.stderr
    (paper.parent / "other.tex").write_text(MAIN, encoding="utf-8")
    batch = run("main.tex", "other.tex", "--statistics")
    assert batch.exit_code == 2 and "--statistics: not in batch mode" in batch.stderr


def test_sarif_into_a_folder_that_does_not_exist_yet(paper: Path) -> None:
    result = run("main.tex", "--sarif", "reports/lint/paperlint.sarif", "-q")
    assert result.exit_code == 1, result.output
    log = json.loads((paper.parent / "reports" / "lint" / "paperlint.sarif").read_text("utf-8"))
    assert log["version"] == "2.1.0"
