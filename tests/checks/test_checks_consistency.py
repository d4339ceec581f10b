"""PL3xx rules at their boundaries, with the arithmetic shown in the message.

The reference run: 64 NVIDIA A100 GPUs for 288 h = 66,355,200 chip-seconds. At the bf16 peak
(312e12 FLOP/s) that is 2.0703e22 FLOP; at the fp32 peak (19.49e12 FLOP/s) 1.2933e21 FLOP.
"""

from __future__ import annotations

from typing import Any

import pytest

from paperlint.checks.consistency import sci
from tests.checks.helpers import Paper, codes, only

CHIP_SECONDS = 64 * 288 * 3600
BF16_TOTAL = CHIP_SECONDS * 312e12
FP32_TOTAL = CHIP_SECONDS * 19.49e12


def run(role: str = "training", **values: Any) -> Paper:
    text = "We train on 64 A100 GPUs for 12 days, using 5e21 FLOP."
    paper = Paper(text)
    indices = [
        paper.claim("A100 GPUs", "hardware", "nvidia-a100", role),
        paper.claim("64", "chip_count", 64, role),
        paper.claim("12 days", "duration", 288.0, role),
        paper.claim("5e21 FLOP", "flop", values.get("flop", 5e21), role),
    ]
    fields = {"hardware": "nvidia-a100", "chip_count": 64, "duration_hours": 288.0, **values}
    paper.report(*indices, role=role, **fields)
    return paper


# -- PL301 -------------------------------------------------------------------------------------

def test_pl301_fires_just_above_peak_plus_rounding_margin() -> None:
    [finding] = only(run(flop=BF16_TOTAL * 1.1 * 1.001).check(), "PL301")
    assert finding.severity == "error"
    assert "64 × 288 h × 3600 s/h × 312e12 FLOP/s" in finding.message
    assert "= 2.07e22 at 100% utilization" in finding.message
    assert finding.location.column == run().text.index("5e21 FLOP") + 1


def test_pl301_quiet_just_below_the_margin() -> None:
    assert "PL301" not in codes(run(flop=BF16_TOTAL * 1.1 * 0.999).check())


def test_pl301_brief_example() -> None:
    [finding] = only(run(flop=3.0e23).check(), "PL301")
    assert finding.message.startswith("3.0e23 FLOP > 64 × 288 h × 3600 s/h × 312e12 FLOP/s")


def test_pl301_unknown_precision_allows_the_fastest_format() -> None:
    # H100: fp8 peak 1978.9e12 is twice bf16; 1.5× the bf16 total is possible in fp8.
    paper = run(flop=CHIP_SECONDS * 989.4e12 * 1.5, hardware="nvidia-h100-sxm")
    assert "PL301" not in codes(paper.check())
    stated_bf16 = run(flop=CHIP_SECONDS * 989.4e12 * 1.5, hardware="nvidia-h100-sxm",
                      precision="bf16")
    assert "PL301" in codes(stated_bf16.check())


def test_pl301_prefers_the_larger_chip_time() -> None:
    # Chip-hours larger than count × time (PL304 flags that); PL301 uses the generous one.
    paper = run(flop=BF16_TOTAL * 1.5, chip_hours=64 * 288 * 1.4)
    assert "PL301" not in codes(paper.check())
    assert "PL304" in codes(paper.check())


def test_pl301_quiet_for_other_work() -> None:
    assert "PL301" not in codes(run(role="other-work", flop=3e23).check())


# -- PL302 -------------------------------------------------------------------------------------

def test_pl302_fires_below_five_percent_of_the_slowest_plausible_peak() -> None:
    [finding] = only(run(flop=FP32_TOTAL * 0.0499).check(), "PL302")
    assert "19.49e12 FLOP/s" in finding.message and "fp32" in finding.message
    assert "5.0%" in finding.message


def test_pl302_quiet_just_above_five_percent() -> None:
    assert "PL302" not in codes(run(flop=FP32_TOTAL * 0.0501).check())


def test_pl302_uses_the_stated_precision() -> None:
    flop = BF16_TOTAL * 0.04  # 4% of bf16 peak, but 64% of fp32 peak
    assert "PL302" not in codes(run(flop=flop).check())
    assert "PL302" in codes(run(flop=flop, precision="bf16").check())


# -- PL303 -------------------------------------------------------------------------------------

SIX_ND = 6 * 7e9 * 2e12  # 8.4e22


@pytest.mark.parametrize(
    ("factor", "fires"),
    [(3.01, True), (2.99, False), (1.0, False), (1 / 2.99, False), (1 / 3.01, True)],
)
def test_pl303_boundaries(factor: float, fires: bool) -> None:
    paper = run(flop=SIX_ND * factor, params=7e9, tokens=2e12, hardware=None)
    assert ("PL303" in codes(paper.check())) is fires


def test_pl303_message_shows_6nd() -> None:
    paper = run(flop=1e21, params=7e9, tokens=2e12, hardware=None)
    [finding] = only(paper.check(), "PL303")
    assert "6 × 7.0e9 parameters × 2.0e12 tokens = 8.4e22" in finding.message
    assert "mixture of experts" in finding.message


def test_pl303_quiet_without_tokens() -> None:
    assert "PL303" not in codes(run(flop=1e21, params=7e9).check())


# -- PL304 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("chip_hours", "fires"),
    [(23_100, True), (23_000, False), (18_432, False), (9_300, False), (9_200, True)],
)
def test_pl304_boundaries(chip_hours: float, fires: bool) -> None:
    # 64 × 288 h = 18,432 chip-hours; plausible 9,216-23,040.
    paper = run(chip_hours=chip_hours, flop=None)
    assert ("PL304" in codes(paper.check())) is fires


def test_pl304_message_shows_the_product() -> None:
    [finding] = only(run(chip_hours=5000, flop=None).check(), "PL304")
    assert "5000 chip-hours is less than half of 64 chips × 288 h = 18432 chip-hours" in (
        finding.message)


def test_sci_format() -> None:
    assert [sci(3e23), sci(2.0703e22), sci(1.0e-3)] == ["3.0e23", "2.07e22", "1.0e-3"]
