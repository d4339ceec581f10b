"""Names of several words written hyphenated, and CPU brands named without their maker.

The hyphenated form of every catalogue alias of several words is matched too ("TPU-v3" as "TPU
v3", "RTX-3090" as "RTX 3090"), unless it is another chip's name. Sentences of our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import values


@pytest.mark.parametrize(
    ("text", "chip"),
    [
        ("We train on TPU-v3 for a week.", "google-tpu-v3"),
        ("The model was trained on four RTX-3090 cards.", "nvidia-rtx-3090"),
        ("Our runs use a Ryzen Threadripper PRO 5995WX workstation.", "cpu"),
        ("Experiments used AWS Graviton3 instances.", "cpu"),
    ],
)
def test_a_name_is_read_however_it_is_joined(text: str, chip: str) -> None:
    assert chip in values(text, "hardware"), text


@pytest.mark.parametrize(
    ("hyphenated", "spaced"),
    [("Training took 3 days on 8 TPU-v4 chips.", "Training took 3 days on 8 TPU v4 chips."),
     ("We fine-tune on 2 RTX-4090 GPUs.", "We fine-tune on 2 RTX 4090 GPUs.")],
)
def test_the_hyphenated_name_reads_as_the_spaced_one(hyphenated: str, spaced: str) -> None:
    for type_ in ("hardware", "chip_count"):
        assert values(hyphenated, type_) == values(spaced, type_) != []


@pytest.mark.parametrize(
    "text",
    [
        "We compare against RTX-based renderers on three scenes.",
        "Ryzen is a brand name that appears in our product-review dataset 40 times.",
    ],
)
def test_no_chip_where_no_model_or_no_compute_is_named(text: str) -> None:
    # "RTX" names no model; "Ryzen" is a word without a digit and the sentence names no compute
    assert values(text, "hardware") == [], text
