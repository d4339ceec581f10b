"""Training-FLOP estimators: hardware x time (Epoch's Method 2) and 6ND (Method 1), with ranges.

Hardware-time: FLOP = chips x seconds x dense peak FLOP/s x utilization, or chip-hours x 3600 x peak
x utilization when the paper gives chip-hours (preferred: quantity x duration overstates multi-stage
runs). Utilization defaults to Epoch's 30% for language models and 40% otherwise, with a plausible
band of 15-60% (Epoch's recorded MFU runs 17-60%). Architecture: 6 x parameters x tokens (active
parameters for MoE), within 0.5x-2x. When both are possible the central figure is their geometric
mean, as Epoch often enters, and the range spans both ranges. docs/estimator.md has the reasoning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from paperlint.catalogue import Catalogue, HardwareEntry, load_catalogue, normalise_precision
from paperlint.model import ComputeReport, Estimate

# How an estimate is written lives in paperlint.wording; the names stay importable from here, where
# docs/estimator.md and library users have found them.
from paperlint.wording import format_flop as format_flop
from paperlint.wording import format_power as format_power
from paperlint.wording import format_rate as format_rate
from paperlint.wording import paste_sentence as paste_sentence

SECONDS_PER_HOUR = 3600.0
LANGUAGE_UTILIZATION = 0.30  # EPOCH-BLOG-2022 / EPOCH-CALC default for large language models
OTHER_UTILIZATION = 0.40  # ... and for other models
# Plausible utilization: up to Epoch's highest recorded MFU (0.60, also the top of the calculator's
# 25-62%), down to just under its lowest (0.171; GPT-3, Falcon-180B and DeepSeek-V3 ran near 0.19),
# near the 10th percentile (0.13) of utilization implied by Epoch's rows. The README's rounder
# 0.2 lower bound misses those large, low-utilization runs (docs/estimator.md).
UTILIZATION_BAND = (0.15, 0.6)
# 6ND band: the forward:backward ratio runs from 1:1 to 3:1 (4ND..8ND, EPOCH-BWFW), attention and
# activation recomputation add work 6ND omits, and Epoch's recorded 6ND-vs-reported gaps for
# runs not limited by utilization (StarCoder 1.3x, xTrimoPGLM 1.6x, XGLM 1.9x) stay within 2x.
ARCHITECTURE_BAND = (0.5, 2.0)
FLOP_PER_PARAM_TOKEN = 6.0
DOMAINS = ("language", "other")


class EstimateInputError(ValueError):
    """The inputs do not allow an estimate (missing or non-positive values, no peak known)."""


@dataclass(frozen=True)
class _Peak:
    flop_per_s: float  # per chip
    precision: str
    source: str


def default_utilization(domain: str = "language") -> float:
    """Epoch's default utilization: 30% for language models, 40% for everything else."""
    return LANGUAGE_UTILIZATION if domain == "language" else OTHER_UTILIZATION


def to_chips(entry: HardwareEntry, count: float, unit: str | None = None) -> float:
    """Convert a count of cores, chips or boards into chips of ``entry``.

    ``unit`` None means the unit papers use for this hardware (a bare "60 K80s" counts boards,
    "64 TPU v3" counts chips)."""
    unit = unit or entry.count_unit
    if unit == "core":
        return count / entry.cores_per_chip
    if unit == "board":
        return count * entry.chips_per_board
    if unit == "chip":
        return count
    raise EstimateInputError(f"unknown count unit {unit!r} (use chip, core or board)")


def _chip_peak(entry: HardwareEntry, precision: str | None, override: float | None) -> _Peak:
    if override is not None:
        _positive("peak FLOP/s", override)
        used = normalise_precision(precision) or entry.default_precision or "unstated"
        return _Peak(override, used, "given by the user")
    found = entry.peak(precision)
    if found is None:
        raise EstimateInputError(
            f"the catalogue has no peak FLOP/s for {entry.name} ({entry.source}); "
            "give the peak FLOP/s per chip"
        )
    flop_per_s, used = found
    per_chip = flop_per_s / entry.chips_per_board if entry.count_unit == "board" else flop_per_s
    return _Peak(per_chip, used, entry.peak_source(used))


def _positive(what: str, value: float | None) -> None:
    if value is not None and not (value > 0 and math.isfinite(value)):
        raise EstimateInputError(f"{what} must be a positive number, not {value!r}")


def _chip_hours(
    entry: HardwareEntry,
    chips: float | None,
    hours: float | None,
    chip_hours: float | None,
    unit: str | None,
) -> tuple[float, str]:
    for what, value in (("chip count", chips), ("hours", hours), ("chip-hours", chip_hours)):
        _positive(what, value)
    if chip_hours is not None:
        return to_chips(entry, chip_hours, unit), "chip-hours"
    if chips is not None and hours is not None:
        return to_chips(entry, chips, unit) * hours, "hardware-time"
    raise EstimateInputError("a hardware estimate needs chip-hours, or a chip count and hours")


def physical_peak(
    entry: HardwareEntry,
    *,
    chips: float | None = None,
    hours: float | None = None,
    chip_hours: float | None = None,
    precision: str | None = None,
    count_unit: str | None = None,
) -> float:
    """The most FLOP the hardware could have done: chips x seconds x peak at 100% utilization.

    With no precision stated the bound uses the chip's highest dense floating-point peak (FP8 on an
    H100), so a reported figure above it is impossible whatever format was used."""
    used_chip_hours, _ = _chip_hours(entry, chips, hours, chip_hours, count_unit)
    if precision is None:
        floats = [v for k, v in entry.peak_flop_per_s.items() if k != "int8"]
        if not floats:
            raise EstimateInputError(f"the catalogue has no peak FLOP/s for {entry.name}")
        best = max(floats)
        per_chip = best / entry.chips_per_board if entry.count_unit == "board" else best
    else:
        per_chip = _chip_peak(entry, precision, None).flop_per_s
    return used_chip_hours * SECONDS_PER_HOUR * per_chip


def estimate_hardware(
    entry: HardwareEntry,
    *,
    chips: float | None = None,
    hours: float | None = None,
    chip_hours: float | None = None,
    precision: str | None = None,
    utilization: float | None = None,
    domain: str = "language",
    count_unit: str | None = None,
    peak_flop_per_s: float | None = None,
) -> Estimate:
    """Epoch's hardware-time estimate. Chip-hours are preferred to chips x hours when both given.

    ``count_unit`` says what ``chips``/``chip_hours`` count ("core", "chip", "board"; None: the
    hardware's usual unit). ``peak_flop_per_s`` overrides the catalogue's per-chip peak."""
    if domain not in DOMAINS:
        raise EstimateInputError(f"unknown domain {domain!r} (use language or other)")
    if utilization is not None and not 0 < utilization <= 1:
        raise EstimateInputError(f"utilization must be in (0, 1], not {utilization!r}")
    try:
        requested = normalise_precision(precision)
    except ValueError as error:
        raise EstimateInputError(str(error)) from None
    used_chip_hours, method = _chip_hours(entry, chips, hours, chip_hours, count_unit)
    peak = _chip_peak(entry, requested, peak_flop_per_s)
    center = utilization if utilization is not None else default_utilization(domain)
    low_u, high_u = min(UTILIZATION_BAND[0], center), max(UTILIZATION_BAND[1], center)
    at_full = used_chip_hours * SECONDS_PER_HOUR * peak.flop_per_s
    notes: list[str] = []
    if requested not in (None, "mixed") and requested != peak.precision:
        notes.append(
            f"{entry.name} has no {requested.upper()} peak in the catalogue; "
            f"used {peak.precision.upper()} instead"
        )
    if chip_hours is not None and chips is not None and hours is not None:
        implied = to_chips(entry, chips, count_unit) * hours
        notes.append(
            f"reported chip-hours preferred; chips x hours would give {implied:,.0f} "
            f"({implied / used_chip_hours:.2f}x)"
        )
    if entry.ambiguous:
        notes.append(entry.ambiguous)
    assumptions: dict[str, Any] = {
        "hardware": entry.id,
        "hardware_name": entry.name,
        "hardware_kind": entry.kind,
        "peak_flop_per_s": peak.flop_per_s,
        "peak_source": peak.source,
        "precision": peak.precision,
        "precision_requested": requested,
        "utilization": center,
        "utilization_source": "given" if utilization is not None else f"Epoch default ({domain})",
        "utilization_band": [low_u, high_u],
        "chips": to_chips(entry, chips, count_unit) if chips is not None else None,
        "chip_hours": used_chip_hours,
        "inputs": {
            "chips": chips,
            "hours": hours,
            "chip_hours": chip_hours,
            "count_unit": count_unit or entry.count_unit,
            "precision": precision,
            "domain": domain,
        },
        "notes": notes,
    }
    return Estimate(
        flop=at_full * center,
        low=at_full * low_u,
        high=at_full * high_u,
        method=method,
        assumptions=assumptions,
    )


def estimate_architecture(params: float, tokens: float) -> Estimate:
    """6 x parameters x tokens (dense transformers; use active parameters for MoE)."""
    _positive("parameter count", params)
    _positive("token count", tokens)
    flop = FLOP_PER_PARAM_TOKEN * params * tokens
    return Estimate(
        flop=flop,
        low=flop * ARCHITECTURE_BAND[0],
        high=flop * ARCHITECTURE_BAND[1],
        method="6ND",
        assumptions={
            "params": params,
            "tokens": tokens,
            "flop_per_param_token": FLOP_PER_PARAM_TOKEN,
            "band": list(ARCHITECTURE_BAND),
            "inputs": {"params": params, "tokens": tokens},
        },
    )


# Fewer training tokens than this per parameter is no training set: it is a batch, a context, a
# vocabulary or the size of a benchmark ("128,000 tokens per batch" beside BERT's 340M parameters
# gave 2.6e14 FLOP, nine orders of magnitude too low; a benchmark of a million or two tokens
# beside a 1.5B-parameter model gave 1.8e16). Pre-training sees more tokens than parameters
# (GPT-3 1.7 per parameter, Chinchilla 20), so a training run needs a hundredth of a token per
# parameter; a fine-tuning set may be smaller (a 7B model on 10M tokens, 0.0014 per parameter).
MIN_TOKENS_PER_PARAMETER = 1e-2
MIN_FINE_TUNING_TOKENS_PER_PARAMETER = 1e-3

# Beyond this factor the two methods do not estimate one run: a figure is wrong (tokens per batch
# taken for training tokens, nodes for chips, "up to" a duration), and their mean would hide it.
DISAGREEMENT_LIMIT = 10.0


def combine(hardware: Estimate, architecture: Estimate) -> Estimate:
    """Both methods: the geometric mean (Epoch's usual entry) with a range spanning both ranges.

    When they disagree by more than :data:`DISAGREEMENT_LIMIT`, no mean: the method is
    ``disagreeing``, the central figure the hardware one (it rests on what ran; 6ND's usual fault
    is a token count that is not the training tokens), and the range spans both, so that the
    finding can give both figures and ask which input is wrong."""
    ratio = hardware.flop / architecture.flop
    assumptions = dict(hardware.assumptions)
    assumptions.update(
        {
            "inputs": {**hardware.assumptions["inputs"], **architecture.assumptions["inputs"]},
            "central": "geometric mean of the hardware and 6ND estimates",
            "hardware_estimate": hardware.to_dict(),
            "architecture_estimate": architecture.to_dict(),
            "disagreement_ratio": ratio,  # hardware / 6ND
            "disagreement_factor": max(ratio, 1 / ratio),
        }
    )
    low, high = min(hardware.low, architecture.low), max(hardware.high, architecture.high)
    if max(ratio, 1 / ratio) > DISAGREEMENT_LIMIT:
        assumptions["central"] = ("the hardware estimate: the two methods disagree by more than "
                                  f"{DISAGREEMENT_LIMIT:g}x, so no mean is taken")
        return Estimate(flop=hardware.flop, low=low, high=high, method="disagreeing",
                        assumptions=assumptions)
    return Estimate(
        flop=math.sqrt(hardware.flop * architecture.flop),
        low=low,
        high=high,
        method="geometric-mean",
        assumptions=assumptions,
    )


def estimate_report(
    report: ComputeReport,
    *,
    utilization: float | None = None,
    catalogue: Catalogue | None = None,
    domain: str = "language",
) -> Estimate | None:
    """Estimate one compute report by every method its figures allow; None when neither applies.

    A report whose hardware the catalogue lacks, or has no peak for (CPUs), gets no hardware
    estimate rather than an error: the checks report what is missing."""
    catalogue = catalogue or load_catalogue()
    hardware: Estimate | None = None
    entry = _entry_for(catalogue, report.hardware)
    has_time = report.chip_hours is not None or (
        report.chip_count is not None and report.duration_hours is not None
    )
    if entry is not None and entry.peak_flop_per_s and has_time:
        precision = report.precision
        try:
            normalise_precision(precision)
        except ValueError:
            precision = None
        try:
            hardware = estimate_hardware(
                entry,
                chips=report.chip_count,
                hours=report.duration_hours,
                chip_hours=report.chip_hours,
                precision=precision,
                utilization=utilization,
                domain=domain,
                # The chip count is in the hardware's usual unit: chips, except a bare "60 K80s",
                # which Epoch counts as boards, and TPU cores ("128 TPU v3 cores", "core-days"),
                # which extraction keeps as written and the catalogue's cores_per_chip converts.
                count_unit="core" if report.count_unit == "core" else None,
            )
        except EstimateInputError:
            hardware = None
    architecture: Estimate | None = None
    floor = (MIN_FINE_TUNING_TOKENS_PER_PARAMETER if report.role == "fine-tuning"
             else MIN_TOKENS_PER_PARAMETER)
    if (report.params and report.tokens and report.params > 0 and report.tokens > 0
            and report.tokens >= report.params * floor):
        architecture = estimate_architecture(report.params, report.tokens)
    if hardware and architecture:
        return combine(hardware, architecture)
    return hardware or architecture


def _entry_for(catalogue: Catalogue, hardware: str | None) -> HardwareEntry | None:
    if not hardware:
        return None
    try:
        return catalogue.get(hardware)
    except KeyError:
        return catalogue.lookup(hardware)
