"""The FLOP estimators against hand-computed values (the arithmetic is written out in each test)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from paperlint.catalogue import load_catalogue
from paperlint.estimate import (
    EstimateInputError,
    combine,
    estimate_architecture,
    estimate_hardware,
    estimate_report,
    physical_peak,
    to_chips,
)
from paperlint.model import ComputeReport, Location
from paperlint.wording import format_flop, format_power, paste_sentence

CAT = load_catalogue()
A100, V100, K80 = CAT.get("nvidia-a100"), CAT.get("nvidia-v100-sxm2"), CAT.get("nvidia-k80")
TPU3, H100 = CAT.get("google-tpu-v3"), CAT.get("nvidia-h100-sxm")
HERE = Location("main.tex", 1, 1)


def test_hardware_time_language_default() -> None:
    # 64 A100 x 288 h x 3600 s/h x 312e12 FLOP/s (BF16 dense) x 0.30
    expected = 64 * 288 * 3600 * 312e12 * 0.30
    result = estimate_hardware(A100, chips=64, hours=288)
    assert result.flop == pytest.approx(expected)
    assert result.flop == pytest.approx(6.2108e21, rel=1e-4)
    assert result.method == "hardware-time"
    # Range: the same at 15% and 60% utilization.
    assert result.low == pytest.approx(expected / 0.30 * 0.15)
    assert result.high == pytest.approx(expected / 0.30 * 0.60)
    a = result.assumptions
    assert (a["peak_flop_per_s"], a["precision"], a["utilization"]) == (312e12, "bf16", 0.30)
    assert a["peak_source"] == "EPOCH-CHIPS"
    assert a["inputs"]["chips"] == 64 and a["inputs"]["hours"] == 288


def test_other_domain_uses_forty_percent() -> None:
    # 16 TPU v3 chips x 45 h x 3600 x 123e12 x 0.40 = 1.275e20
    result = estimate_hardware(TPU3, chips=16, hours=45, domain="other")
    assert result.flop == pytest.approx(16 * 45 * 3600 * 123e12 * 0.40)
    assert result.assumptions["utilization"] == 0.40


def test_chip_hours_are_preferred_to_count_times_hours() -> None:
    # Reported 1,720,320 A100-hours x 3600 x 312e12 x 0.30; 1000 x 1728 h would be 1,728,000.
    result = estimate_hardware(A100, chips=1000, hours=1728, chip_hours=1_720_320)
    assert result.flop == pytest.approx(1_720_320 * 3600 * 312e12 * 0.30)
    assert result.method == "chip-hours"
    assert any("chip-hours preferred" in note for note in result.assumptions["notes"])


def test_chip_hours_alone() -> None:
    result = estimate_hardware(H100, chip_hours=1000, precision="fp8", utilization=0.5)
    # 1000 h x 3600 x 1978.9e12 (FP8 dense) x 0.5
    assert result.flop == pytest.approx(1000 * 3600 * 1978.9e12 * 0.5)
    assert result.assumptions["precision"] == "fp8"


def test_user_utilization_replaces_the_center_and_widens_the_band_if_needed() -> None:
    result = estimate_hardware(A100, chips=8, hours=10, utilization=0.35)
    full = 8 * 10 * 3600 * 312e12
    assert (result.flop, result.low, result.high) == pytest.approx(
        (full * 0.35, full * 0.15, full * 0.60)
    )
    high = estimate_hardware(A100, chips=8, hours=10, utilization=0.8)
    assert (high.low, high.high) == pytest.approx((full * 0.15, full * 0.8))
    low = estimate_hardware(A100, chips=8, hours=10, utilization=0.1)
    assert (low.low, low.high) == pytest.approx((full * 0.1, full * 0.6))


def test_precision_selection() -> None:
    # No precision on an A100: 312 TFLOP/s (BF16 tensor).
    assert estimate_hardware(A100, chips=1, hours=1).assumptions["peak_flop_per_s"] == 312e12
    # FP32 stated on an A100: 19.49 TFLOP/s.
    fp32 = estimate_hardware(A100, chips=1, hours=1, precision="FP32")
    assert fp32.flop == pytest.approx(3600 * 19.49e12 * 0.30)
    # K80: FP32 only; a "60 K80" run counts boards, as Epoch does: 60 x 720 x 3600 x 8.126e12 x 0.4
    k80 = estimate_hardware(K80, chips=60, hours=720, domain="other")
    assert k80.flop == pytest.approx(60 * 720 * 3600 * 8.126e12 * 0.40)
    assert k80.assumptions["precision"] == "fp32"
    # Counting GK210 GPUs instead halves it: 2 GPUs = 1 board.
    gpus = estimate_hardware(K80, chips=120, hours=720, domain="other", count_unit="chip")
    assert gpus.flop == pytest.approx(k80.flop)
    # BF16 requested on a V100 (no BF16 on Volta): FP16 tensor peak, with a note saying so.
    v100 = estimate_hardware(V100, chips=1, hours=1, precision="bf16")
    assert v100.assumptions["peak_flop_per_s"] == 125e12
    assert v100.assumptions["precision"] == "fp16"
    assert v100.assumptions["precision_requested"] == "bf16"
    assert any("no BF16" in note for note in v100.assumptions["notes"])
    # Mixed precision: 16-bit tensor, and no fallback note.
    mixed = estimate_hardware(V100, chips=1, hours=1, precision="mixed")
    assert mixed.assumptions["precision"] == "fp16"
    assert not any("instead" in note for note in mixed.assumptions["notes"])


def test_tpu_core_counts() -> None:
    # 2048 TPU v3 cores = 1024 chips (Meena): 1024 x 720 h x 3600 x 123e12 x 0.3
    cores = estimate_hardware(TPU3, chips=2048, hours=720, count_unit="core")
    assert cores.flop == pytest.approx(1024 * 720 * 3600 * 123e12 * 0.30)
    assert cores.assumptions["chips"] == 1024
    # 14.82K TPU v3 core-days = 7410 chip-days = 177,840 chip-hours
    core_days = estimate_hardware(TPU3, chip_hours=14_820 * 24, count_unit="core")
    assert core_days.assumptions["chip_hours"] == pytest.approx(177_840)
    # 64 TPU v2 "devices" are 4-chip boards: 256 chips.
    assert to_chips(CAT.get("google-tpu-v2"), 64, "board") == 256


def test_missing_or_bad_inputs() -> None:
    with pytest.raises(EstimateInputError, match="needs chip-hours"):
        estimate_hardware(A100, chips=8)
    with pytest.raises(EstimateInputError, match="positive"):
        estimate_hardware(A100, chips=-8, hours=3)
    with pytest.raises(EstimateInputError, match="positive"):
        estimate_hardware(A100, chips=8, hours=math.nan)
    with pytest.raises(EstimateInputError, match="utilization"):
        estimate_hardware(A100, chips=8, hours=3, utilization=30)
    with pytest.raises(EstimateInputError, match="domain"):
        estimate_hardware(A100, chips=8, hours=3, domain="vision")
    with pytest.raises(EstimateInputError, match="unknown precision"):
        estimate_hardware(A100, chips=8, hours=3, precision="fp13")
    with pytest.raises(EstimateInputError, match="no peak"):
        estimate_hardware(CAT.get("cpu"), chips=8, hours=3)
    with pytest.raises(EstimateInputError, match="count unit"):
        estimate_hardware(A100, chips=8, hours=3, count_unit="rack")


def test_peak_override() -> None:
    result = estimate_hardware(CAT.get("cpu"), chips=2, hours=10, peak_flop_per_s=3e12)
    assert result.flop == pytest.approx(2 * 10 * 3600 * 3e12 * 0.30)
    assert result.assumptions["peak_source"] == "given by the user"


def test_architecture_six_nd() -> None:
    # 6 x 7e9 x 1e12 = 4.2e22, band 0.5x..2x
    result = estimate_architecture(7e9, 1e12)
    assert (result.flop, result.low, result.high) == pytest.approx((4.2e22, 2.1e22, 8.4e22))
    assert result.method == "6ND"
    with pytest.raises(EstimateInputError):
        estimate_architecture(0, 1e12)


def test_both_methods_geometric_mean() -> None:
    hardware = estimate_hardware(A100, chips=64, hours=288)  # 6.2108e21
    architecture = estimate_architecture(7e9, 1e12)  # 4.2e22
    both = combine(hardware, architecture)
    assert both.method == "geometric-mean"
    assert both.flop == pytest.approx(math.sqrt(6.21084672e21 * 4.2e22))  # 1.615e22
    assert both.low == pytest.approx(hardware.low) and both.high == pytest.approx(architecture.high)
    ratio = 6.21084672e21 / 4.2e22  # 0.148: hardware 6.8x below 6ND
    assert both.assumptions["disagreement_ratio"] == pytest.approx(ratio)
    assert both.assumptions["disagreement_factor"] == pytest.approx(1 / ratio)
    assert both.assumptions["hardware_estimate"]["flop"] == pytest.approx(hardware.flop)
    assert both.assumptions["peak_flop_per_s"] == 312e12


def test_physical_peak() -> None:
    # 8 H100 x 24 h x 3600 x 989.4e12 at BF16, 100%
    assert physical_peak(H100, chips=8, hours=24, precision="bf16") == pytest.approx(
        8 * 24 * 3600 * 989.4e12
    )
    # No precision: the highest floating-point peak (FP8 1978.9e12), so nothing real exceeds it.
    assert physical_peak(H100, chips=8, hours=24) == pytest.approx(8 * 24 * 3600 * 1978.9e12)
    assert physical_peak(A100, chip_hours=100) == pytest.approx(100 * 3600 * 312e12)
    # K80 counts boards: 1 board x 1 h at 8.126e12.
    assert physical_peak(K80, chips=1, hours=1) == pytest.approx(3600 * 8.126e12)


def test_estimate_report_by_what_it_holds() -> None:
    hw = ComputeReport(HERE, hardware="nvidia-a100", chip_count=64, duration_hours=288)
    result = estimate_report(hw)
    assert result is not None and result.method == "hardware-time"
    assert result.flop == pytest.approx(64 * 288 * 3600 * 312e12 * 0.30)
    # The config's utilization override and the domain pass through.
    other = estimate_report(hw, utilization=0.5)
    assert other is not None and other.flop == pytest.approx(result.flop / 0.3 * 0.5)
    arch = ComputeReport(HERE, params=7e9, tokens=1e12)
    assert estimate_report(arch).method == "6ND"  # type: ignore[union-attr]
    both = ComputeReport(HERE, hardware="nvidia-a100", chip_hours=18432, params=7e9, tokens=1e12)
    assert estimate_report(both).method == "geometric-mean"  # type: ignore[union-attr]


def test_estimate_report_counts_k80s_as_epoch_does() -> None:
    # "60 K80 GPUs" for 720 h: 60 boards x 720 x 3600 x 8.126e12 x 0.4 (Epoch's Xception reading)
    k80 = ComputeReport(HERE, hardware="nvidia-k80", chip_count=60, duration_hours=720)
    result = estimate_report(k80, domain="other")
    assert result is not None
    assert result.flop == pytest.approx(60 * 720 * 3600 * 8.126e12 * 0.40)


def test_estimate_report_returns_none_when_nothing_suffices() -> None:
    assert estimate_report(ComputeReport(HERE)) is None
    assert estimate_report(ComputeReport(HERE, hardware="nvidia-a100", chip_count=8)) is None
    assert estimate_report(ComputeReport(HERE, params=7e9)) is None
    assert (
        estimate_report(ComputeReport(HERE, hardware="cpu", chip_count=8, duration_hours=2)) is None
    )
    unknown = ComputeReport(HERE, hardware="acme-z9", chip_count=8, duration_hours=2)
    assert estimate_report(unknown) is None
    # An unreadable precision does not sink the estimate: the default peak is used.
    odd = ComputeReport(HERE, hardware="nvidia-a100", chip_count=8, duration_hours=2, precision="?")
    assert estimate_report(odd).assumptions["precision"] == "bf16"  # type: ignore[union-attr]


def test_number_formats() -> None:
    assert format_flop(1.234e22) == "1.2e+22"
    assert format_power(1.234e22) == "1.2×10^22"
    assert format_power(9.96e21) == "1.0×10^22"  # rounding carries into the exponent
    assert format_power(4.2e22, latex=True) == "$4.2\\times10^{22}$"


def test_paste_sentence_hardware() -> None:
    sentence = paste_sentence(estimate_hardware(A100, chips=64, hours=288))
    assert sentence == (
        "Training used about 6.2×10^21 FLOP (estimated from 64 NVIDIA A100 GPUs × 288 h × "
        "312 TFLOP/s dense BF16 peak × 30% utilization; plausible range 3.1×10^21–1.2×10^22 FLOP)."
    )


def test_paste_sentence_other_methods() -> None:
    chip_hours = paste_sentence(estimate_hardware(TPU3, chip_hours=5000))
    assert "5,000 Google TPU v3 chip-hours × 123 TFLOP/s dense BF16 peak" in chip_hours
    six_nd = paste_sentence(estimate_architecture(7e9, 1e12))
    assert "estimated as 6 × 7.0×10^9 parameters × 1.0×10^12 tokens" in six_nd
    both = combine(estimate_hardware(A100, chips=64, hours=288), estimate_architecture(7e9, 1e12))
    text = paste_sentence(both)
    assert text.startswith("Training used about 1.6×10^22 FLOP (the geometric mean of")
    latex = paste_sentence(both, latex=True)
    assert "$\\times$" in latex and "30\\%" in latex and "×" not in latex


def test_benchmark_evaluate_on_a_small_csv(tmp_path: Path) -> None:
    from benchmarks.estimator_eval import evaluate

    header = (
        "model,domain,training_hardware,hardware_quantity,training_time_hours,"
        "training_chip_hours,training_compute_flop,numerical_format,independence_of_epoch_figure"
    )
    # Row 1: 10 A100 x 100 h x 3600 x 312e12 x 0.3 = 3.37e20 vs 3.0e20 (ratio 1.12, inside).
    # Row 2: 1000 TPU v3 chip-hours x 3600 x 123e12 x 0.4 = 1.77e20 vs 1.0e21 (ratio 0.18, outside).
    # Row 3: unknown hardware, not estimated.
    rows = [
        "M1,Language,NVIDIA A100,10,100,,3.0e20,,independent: reported",
        "M2,Vision,Google TPU v3,,,1000,1.0e21,BF16,hardware with assumed 40%",
        "M3,Vision,Acme Z9,4,10,,1e18,,independent: reported",
    ]
    path = tmp_path / "dev.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    figures = evaluate(path)
    assert figures["rows"] == 2
    assert figures["share_within_2x"] == 0.5 and figures["share_inside_range"] == 0.5
    assert figures["independent"]["rows"] == 1
    assert figures["unestimated"] == ["M3: unknown hardware"]
    ratios = {row["model"]: row["ratio"] for row in figures["per_row"]}
    assert ratios["M1"] == pytest.approx(10 * 100 * 3600 * 312e12 * 0.3 / 3.0e20)
    assert ratios["M2"] == pytest.approx(1000 * 3600 * 123e12 * 0.4 / 1.0e21)
    assert figures["passed"] is False


@pytest.mark.parametrize(
    ("params", "tokens", "estimated"),
    [
        (1.5e9, 2e6, False),  # a benchmark's size beside the model: 0.0013 tokens per parameter
        (3.4e8, 1.28e5, False),  # tokens per batch beside BERT-large's size
        (7e9, 7e7, True),  # 0.01 per parameter
        (1.3e9, 2.6e10, True),  # a pre-training set: 20 per parameter
    ],
)
def test_6nd_needs_at_least_a_hundredth_of_a_token_per_parameter(
        params: float, tokens: float, estimated: bool) -> None:
    result = estimate_report(ComputeReport(HERE, params=params, tokens=tokens, role="training"))
    assert (result is not None) is estimated


def test_a_fine_tuning_set_may_be_smaller() -> None:
    small = ComputeReport(HERE, params=7e9, tokens=1e7, role="fine-tuning")
    assert estimate_report(small) is not None
    assert estimate_report(replace(small, role="training")) is None
