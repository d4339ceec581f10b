"""Cloud TPU cores are not chips: "core-days" and "N TPU v3 cores" are read as cores, carried as
the report's ``count_unit``, and halved to chips in the estimate (two cores per v2-v4 chip, the
catalogue's cores_per_chip). Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from paperlint.api import check_source
from tests.extract.helpers import claims_of


@pytest.mark.parametrize(
    ("text", "core_hours"),
    [
        ("Pre-training the encoder took 2,500 TPUv3-core-days.", 2_500 * 24),
        ("Our largest model needed 640 TPU v3 core-hours to converge.", 640.0),
        ("We trained the model for 1,200 TPU core-days in total.", 1_200 * 24),
    ],
)
def test_core_days_are_core_hours(text: str, core_hours: float) -> None:
    [claim] = claims_of(text, "chip_hours")
    assert claim.value == pytest.approx(core_hours)
    assert claim.unit == "core-hours"


@pytest.mark.parametrize(
    "text",
    [
        "Training took 300 GPU-days on V100 GPUs.",
        "We trained for 5,000 A100 GPU hours.",
        "The full run used 900 TPU v4 chip-hours.",
    ],
)
def test_chip_hours_stay_chip_hours(text: str) -> None:
    [claim] = claims_of(text, "chip_hours")
    assert claim.unit != "core-hours"


def test_tpu_cores_count_cores_and_the_estimate_halves_them() -> None:
    text = "We pre-train our model on 128 TPU v3 cores for 3 days."
    [count] = claims_of(text, "chip_count")
    assert count.value == 128 and count.unit == "cores"
    result = check_source(text.encode(), "main.tex")
    [report] = [r for r in result.compute_reports if r.main]
    assert report.count_unit == "core"
    assert report.to_dict()["count_unit"] == "core"
    # 64 chips x 72 h x 3600 s x 123e12 FLOP/s (v3 bf16 peak) x 30% = 6.1e20, not 1.2e21
    assert report.estimate is not None
    assert report.estimate.flop == pytest.approx(64 * 72 * 3600 * 123e12 * 0.30, rel=0.01)


def test_gpu_counts_with_cuda_cores_stay_chips() -> None:
    text = "We train on 8 V100 GPUs (5,120 CUDA cores each) for 2 days."
    counts = claims_of(text, "chip_count")
    assert [c.value for c in counts] == [8]
    assert counts[0].unit != "cores"
    result = check_source(text.encode(), "main.tex")
    [report] = [r for r in result.compute_reports if r.main]
    assert report.count_unit == "chip"


def test_core_days_fire_pl202_and_chip_days_do_not() -> None:
    cores = check_source(b"Pre-training took 2,500 TPUv3-core-days.", "main.tex")
    assert "PL202" in {f.code for f in cores.findings}
    chips = check_source(b"Pre-training took 1,250 TPU v3 chip-days on 256 chips.",
                         "main.tex")
    assert "PL202" not in {f.code for f in chips.findings}
