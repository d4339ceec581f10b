"""PL3xx: figures that contradict each other, recomputed and compared (statcheck's lesson).

Each check compares a stated figure with the *whole* plausible range implied by the others and
flags only what falls outside it, with the arithmetic in the message, so an author can redo it.
Only the paper's own runs are checked.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperlint.checks.context import CheckContext
from paperlint.model import ComputeReport, Finding

if TYPE_CHECKING:
    from paperlint.catalogue import HardwareEntry

# Stated figures are rounded ("12 days", "3e23"): allow 10% before calling a FLOP total impossible.
PEAK_MARGIN = 1.10
# Published runs mostly reach 15-60% of peak; below 5% at the slowest plausible precision, some
# figure is probably not this run's.
LOW_UTILIZATION = 0.05
# 6ND's forward/backward factor moves it between about 4ND and 8ND: a factor of 3 is well outside.
SIX_ND_FACTOR = 3.0
# Chip-hours above count × time are impossible beyond rounding; multi-stage runs use less, but
# under half means the figures describe different things.
CHIP_HOURS_HIGH = 1.25
CHIP_HOURS_LOW = 0.5
# Float formats a training run may use; int8/fp4 peaks are inference figures.
_TRAINING_PRECISIONS = ("fp8", "bf16", "fp16", "tf32", "fp32")


def sci(value: float) -> str:
    """3 significant figures in the compact form papers use: 3.0e23, 2.07e22."""
    if not math.isfinite(value):
        return str(value)  # never reached through the checks (PL006); kept from crashing
    mantissa, exponent = f"{value:.2e}".split("e")
    mantissa = mantissa.rstrip("0")
    if mantissa.endswith("."):
        mantissa += "0"
    return f"{mantissa}e{int(exponent)}"


def rate(flop_per_s: float) -> str:
    """A chip peak as datasheets print it, in units of 1e12: 312e12 FLOP/s."""
    return f"{flop_per_s / 1e12:g}e12 FLOP/s"


@dataclass(frozen=True)
class PeakRange:
    """The dense peak FLOP/s a run's chips could have had: lowest and highest plausible values."""

    low: float
    low_precision: str
    high: float
    high_precision: str


def peak_range(entry: HardwareEntry, precision: str | None) -> PeakRange | None:
    """The stated precision's peak (both ends), or, when none is stated, the range over the
    float formats the chip has: we cannot tell an FP32 run from an FP8 one."""
    if precision is not None:
        try:
            found = entry.peak(precision)
        except ValueError:
            found = None
        if found is not None:
            return PeakRange(found[0], found[1], found[0], found[1])
    table = {p: v for p, v in entry.peak_flop_per_s.items() if p in _TRAINING_PRECISIONS and v > 0}
    if not table:
        return None
    low = min(table, key=lambda p: table[p])
    high = max(table, key=lambda p: table[p])
    return PeakRange(table[low], low, table[high], high)


def _chip_seconds(report: ComputeReport) -> list[tuple[float, str]]:
    """Chip-seconds of a run, each with how it was computed: from stated chip-hours and from
    count × time (when both are given they may differ, and PL304 compares them)."""
    options: list[tuple[float, str]] = []
    if report.chip_hours is not None and report.chip_hours > 0:
        options.append((report.chip_hours * 3600, f"{report.chip_hours:g} chip-h × 3600 s/h"))
    if report.chip_count and report.duration_hours:
        seconds = report.chip_count * report.duration_hours * 3600
        options.append((seconds, f"{report.chip_count:g} × {report.duration_hours:g} h × 3600 s/h"))
    return options


def check_consistency(ctx: CheckContext) -> Iterator[Finding]:
    for report in ctx.own_reports():
        yield from _against_peak(ctx, report)
        yield from _against_six_nd(ctx, report)
        yield from _chip_hours(ctx, report)


def _against_peak(ctx: CheckContext, report: ComputeReport) -> Iterator[Finding]:
    if report.flop is None or report.flop <= 0 or not ({"PL301", "PL302"} & ctx.enabled):
        return
    entry = ctx.hardware(report.hardware)
    chip_seconds = _chip_seconds(report)
    if entry is None or not chip_seconds:
        return
    peaks = peak_range(entry, report.precision)
    if peaks is None:
        return
    # The most the run could do: the larger chip-time at the highest peak; the least: the
    # smaller chip-time at the lowest peak. Only figures outside that whole range are flagged.
    seconds, written = max(chip_seconds)
    most = seconds * peaks.high
    if not math.isfinite(most):
        return  # chip-time x peak beyond float range: the estimate's PL006 says so
    location = ctx.report_location(report, "flop")
    if "PL301" in ctx.enabled and report.flop > most * PEAK_MARGIN:
        yield ctx.finding(
            "PL301",
            f"{sci(report.flop)} FLOP > {written} × {rate(peaks.high)} "
            f"({entry.name}, {peaks.high_precision} peak) = {sci(most)} at 100% utilization: "
            "the stated hardware and time cannot deliver the stated compute",
            location,
            suggestion="Check the FLOP total, the chip count, the time and the hardware.",
            confidence=ctx.report_confidence(report),
        )
        return
    seconds, written = min(chip_seconds)
    least = seconds * peaks.low
    utilization = report.flop / least
    if "PL302" in ctx.enabled and utilization < LOW_UTILIZATION:
        yield ctx.finding(
            "PL302",
            f"{sci(report.flop)} FLOP ÷ ({written} × {rate(peaks.low)}, {entry.name} "
            f"{peaks.low_precision} peak = {sci(least)}) = {utilization:.1%} utilization at most, "
            f"below {LOW_UTILIZATION:.0%}",
            location,
            suggestion="Check that the FLOP covers the whole run and the time and chip count "
            "are this run's.",
            confidence=ctx.report_confidence(report),
        )


def _against_six_nd(ctx: CheckContext, report: ComputeReport) -> Iterator[Finding]:
    if "PL303" not in ctx.enabled or report.flop is None or report.flop <= 0:
        return
    if not report.params or not report.tokens:
        return
    six_nd = 6 * report.params * report.tokens
    ratio = report.flop / six_nd
    if 1 / SIX_ND_FACTOR <= ratio <= SIX_ND_FACTOR:
        return
    direction = "more" if ratio > 1 else "less"
    factor = ratio if ratio > 1 else 1 / ratio
    hint = (
        " (for a mixture of experts, 6ND uses the active parameters)" if ratio < 1 else
        " (do the tokens count every epoch?)"
    )
    yield ctx.finding(
        "PL303",
        f"{sci(report.flop)} FLOP is {factor:.1f}× {direction} than 6 × {sci(report.params)} "
        f"parameters × {sci(report.tokens)} tokens = {sci(six_nd)}; beyond the factor of "
        f"{SIX_ND_FACTOR:g} that 6ND allows{hint}",
        ctx.report_location(report, "flop"),
        suggestion="Check the FLOP, parameter and token figures.",
        confidence=ctx.report_confidence(report),
    )


def _chip_hours(ctx: CheckContext, report: ComputeReport) -> Iterator[Finding]:
    if "PL304" not in ctx.enabled or report.chip_hours is None:
        return
    if not report.chip_count or not report.duration_hours:
        return
    product = report.chip_count * report.duration_hours
    ratio = report.chip_hours / product
    if CHIP_HOURS_LOW <= ratio <= CHIP_HOURS_HIGH:
        return
    relation = "more than" if ratio > CHIP_HOURS_HIGH else "less than half of"
    yield ctx.finding(
        "PL304",
        f"{report.chip_hours:g} chip-hours is {relation} {report.chip_count:g} chips × "
        f"{report.duration_hours:g} h = {product:g} chip-hours (ratio {ratio:.2f}; plausible "
        f"{CHIP_HOURS_LOW:g}-{CHIP_HOURS_HIGH:g})",
        ctx.report_location(report, "chip_hours"),
        suggestion="Check the count, the time and the chip-hours; say which stage each is for.",
        confidence=ctx.report_confidence(report),
    )
