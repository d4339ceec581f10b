"""Math and siunitx read as text a number parser understands."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.readers.conftest import END, read, words, write


def _body(tmp_path: Path, body: str, preamble: str = "") -> str:
    write(tmp_path, {"main.tex": "\\documentclass{article}\n" + preamble
                     + "\n\\begin{document}\n" + body + END})
    return words(read(tmp_path / "main.tex"))


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("$3.1\\times10^{23}$ FLOP", "3.1×10^23 FLOP"),
        ("$3.1 \\times 10^{23}$ FLOP", "3.1×10^23 FLOP"),
        ("$\\sim$100 GPUs", "~100 GPUs"),
        ("$\\approx 2$ days", "~2 days"),
        ("$2\\cdot 10^{5}$ steps", "2·10^5 steps"),
        ("$10^{-3}$ rate", "10^-3 rate"),
        ("1{,}024 chips", "1,024 chips"),
        ("$1{,}024$ chips", "1,024 chips"),
        ("1\\,000\\,000 tokens", "1000000 tokens"),
        ("50\\% of", "50% of"),
        ("$50\\%$ of", "50% of"),
        ("$10^{23}\\,\\mathrm{FLOP}$", "10^23 FLOP"),
        ("$10^{23}\\mathrm{FLOPs}$", "10^23 FLOPs"),
        ("$\\text{8 GPU hours}$", "8 GPU hours"),
        ("$\\frac{1}{2}$ day", "1/2 day"),
        ("$\\leq 3$ h", "≤3 h"),
        ("\\[ C = 6ND \\] where", "C=6ND where"),
        ("\\begin{equation} C \\approx 10^{21} \\end{equation} FLOP", "C~10^21 FLOP"),
        ("$\\log n$", "log n"),
    ],
)
def test_math_conversions(tmp_path: Path, latex: str, text: str) -> None:
    assert _body(tmp_path, latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("\\SI{3}{\\hour}", "3 h"),
        ("\\SI{12}{\\day}", "12 days"),
        ("\\qty{1.5e23}{}", "1.5e23"),
        ("\\num{1.5e23} FLOP", "1.5e23 FLOP"),
        ("\\si{\\giga\\byte}", "GB"),
        ("\\SI{80}{\\giga\\byte}", "80 GB"),
        ("\\qty{312}{\\tera\\flop\\per\\second}", "312 TFLOP/s"),
        ("\\SI{45}{\\percent}", "45%"),
        ("\\SI{30}{\\minute} and \\SI{2}{\\second}", "30 min and 2 s"),
        ("\\SI[round-mode=places]{3.5}{\\peta\\flop}", "3.5 PFLOP"),
        ("\\SIrange{10}{20}{\\hour}", "10 h to 20 h"),
        ("\\numrange{10}{20} runs", "10 to 20 runs"),
        ("\\SI{3}{h}", "3 h"),
        ("$\\SI{3}{\\hour}$", "3 h"),
    ],
)
def test_siunitx(tmp_path: Path, latex: str, text: str) -> None:
    assert _body(tmp_path, latex) == text


def test_declared_si_units_are_used(tmp_path: Path) -> None:
    text = _body(tmp_path, "\\qty{2}{\\exa\\gpuflop}", "\\DeclareSIUnit\\gpuflop{FLOP}")
    assert text == "2 EFLOP"


def test_generated_math_maps_back_to_the_math(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": "\\documentclass{article}\n\\begin{document}\n"
                     "About $3.1\\times10^{23}$ FLOP and \\SI{3}{\\hour}." + END})
    document = read(tmp_path / "main.tex")
    start = document.text.index("3.1×")
    assert document.source_text(start, start + 4) == "3.1\\times"
    hours = document.text.index("3 h")
    assert document.source_text(hours, hours + 3) == "3}{\\hour}"
