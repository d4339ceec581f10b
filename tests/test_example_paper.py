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
