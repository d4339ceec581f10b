"""Names of several words written hyphenated, and CPU brands named without their maker.

The hyphenated form of every catalogue alias of several words is matched too ("TPU-v3" as "TPU
v3", "RTX-3090" as "RTX 3090"), unless it is another chip's name. Sentences of our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run, values


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


# -- a CPU by its model: the model words are part of the name, the catalogue reads it ------------


@pytest.mark.parametrize(("text", "name", "count"), [
    ("We trained the model on two Intel Xeon Gold 6248 CPUs for 3 days.",
     "Intel Xeon Gold 6248", 2),
    ("Training ran on an AMD EPYC 7763 processor for 10 hours.", "AMD EPYC 7763", 1),
    ("We trained on a laptop with a Core i9-13900K for 5 hours.", "Core i9-13900K", 1),
    ("The solver ran on 2 AMD Ryzen 9 7950X CPUs for 4 hours.", "AMD Ryzen 9 7950X", 2),
    ("Every model was fit on a dual-socket AMD EPYC 9654 server in 14 hours.",
     "AMD EPYC 9654", 2),
])
def test_a_cpu_model_is_read_whole(text: str, name: str, count: float) -> None:
    claims = run(text).claims
    assert [(c.text, c.value) for c in claims if c.type == "hardware"] == [(name, "cpu")], text
    assert [c.value for c in claims if c.type == "chip_count"] == [count], text


@pytest.mark.parametrize(("text", "name"), [
    ("We used an Intel Xeon at 2.4 GHz with 16 cores for training.", "Intel Xeon"),
    ("CPU: an AMD EPYC 7543 with 32-Core packaging ran all jobs.", "AMD EPYC 7543"),
    ("Training ran on an Intel Xeon with 256 GB of RAM.", "Intel Xeon"),
])
def test_a_clock_a_core_count_or_memory_is_no_part_of_the_model(text: str, name: str) -> None:
    names = [c.text for c in run(text).claims if c.type == "hardware"]
    assert names[0] == name, (text, names)


def test_the_catalogue_reads_a_cpu_model_as_its_family() -> None:
    from paperlint.catalogue import load_catalogue

    catalogue = load_catalogue()
    for name in ("Intel Xeon E5-2680 v4", "Xeon Gold 6248", "Core i9-13900K",
                 "AMD Threadripper PRO 5995WX"):
        entry = catalogue.lookup(name)
        assert entry is not None and entry.id == "cpu", name
    assert catalogue.lookup("A100 7") is None  # a part number makes no GPU
    assert catalogue.lookup("Intel Xeon 2.4") is None  # a clock is no part number
