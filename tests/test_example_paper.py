"""The Quick start's example paper shows what paperlint is for; keep it doing so."""

from __future__ import annotations

from click.testing import CliRunner

from paperlint.cli import main
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "paper" / "main.tex"


def test_example_paper_gets_an_estimate_and_the_wording_findings() -> None:
    result = CliRunner().invoke(main, ["check", str(EXAMPLE)])
    assert result.exit_code == 1
    codes = [line.split()[1] for line in result.stdout.splitlines() if ": PL" in line]
    assert codes == ["PL105", "PL201", "PL203"]
    # 8 A100 x 72 h x 312e12 FLOP/s x 30% = 1.94e20 and 6 x 1.3e9 x 26e9 = 2.03e20: about 2e20.
    assert "estimated 2e+20 FLOP" in result.stdout
    assert "verdict complete" in result.stdout


def test_the_quick_start_shows_what_the_command_prints() -> None:
    """The README's Quick start quotes this run's output; a change that moves it must update it."""
    import os
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1]
    quoted = re.search(r"It prints findings like these[^\n]*\n\n```\n(.*?)```", quick_start,
                       re.DOTALL)
    assert quoted is not None, "the Quick start no longer quotes the example's output"
    cwd = os.getcwd()
    os.chdir(REPO)  # the README runs it from the clone's root: paths relative to it
    try:
        result = CliRunner().invoke(main, ["check", "examples/paper/main.tex", "--no-color"])
    finally:
        os.chdir(cwd)
    assert quoted.group(1) == result.stdout
