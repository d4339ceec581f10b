"""A TPU pod or slice holds many chips: a count before it counts pods, not chips (issue 14's
"Cloud TPU" and "TPU Pod" names). Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run


def _counts(text: str) -> list[object]:
    return [c.value for c in run(text).claims if c.type == "chip_count"]


@pytest.mark.parametrize("text", [
    "We ran training on a Cloud TPU Pod for two weeks.",
    "We ran training on a TPU v3 pod for two weeks.",
    "Pretraining used two TPU Pods for ten days.",
    "We pretrain on a TPU v4 slice for 5 days.",
])
def test_a_pod_or_slice_of_unstated_size_gives_no_chip_count(text: str) -> None:
    result = run(text)
    assert [c.value for c in result.claims if c.type == "chip_count"] == []
    assert any(c.type == "hardware" for c in result.claims)


@pytest.mark.parametrize(("text", "chips"), [
    ("We trained on 2 pods with 256 TPU v4 chips each for 3 days.", 512.0),
    ("Training took 9 days on a v5p-512 slice.", 256.0),
    ("We ran on a Cloud TPU for two weeks.", 1.0),
    ("We train on 64 TPU v4 chips for a week.", 64.0),
])
def test_chips_in_pods_slices_and_devices_are_still_counted(text: str, chips: float) -> None:
    assert _counts(text) == [chips]


@pytest.mark.parametrize(
    ("text", "chips"),
    [
        ("Experiments used Cloud TPU v2-8 devices for 20 hours.", 4.0),
        ("We trained on v3-8 TPUs for 2 days.", 4.0),
        ("We trained on 4 v3-8 devices for 2 days.", 16.0),
        ("We trained on a TPU v3-8 device for 2 days.", 4.0),
    ],
)
def test_a_slice_size_is_no_count_of_the_noun_after_it(text: str, chips: float) -> None:
    extraction = run(text)
    assert [c.value for c in extraction.claims if c.type == "chip_count"] == [chips], text
    [report] = extraction.compute_reports
    assert (report.chip_count, report.duration_hours is not None) == (chips, True)
