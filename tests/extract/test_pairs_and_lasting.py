"""Counts written as "a pair of" / "a couple of" before a chip's name (the "of" is a filler the
name grammar skips), and "lasting" as a verb of taking time, which counts only beside something
that runs. Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import values


@pytest.mark.parametrize("text", [
    "We train on a pair of L40S GPUs for 3 hours.",
    "We train on a couple of A100 GPUs for 3 hours.",
    "Fine-tuning used a pair of GPUs.",
])
def test_a_pair_of_chips_is_two(text: str) -> None:
    assert values(text, "chip_count") == [2.0]


def test_a_pair_of_something_else_counts_no_chip() -> None:
    assert values("We collected a pair of recordings per patient on 8 GPUs.", "chip_count") == [8.0]


def test_runs_each_lasting_hours_have_a_duration() -> None:
    text = "All numbers come from runs on 8 A100 GPUs, each lasting 9 hours."
    assert values(text, "duration") == [9.0]


@pytest.mark.parametrize("text", [
    "The festival, lasting 9 hours, drew 8 bands.",
    "Patients wore monitors for sessions lasting 24 hours.",
])
def test_lasting_beside_nothing_that_runs_is_no_claim(text: str) -> None:
    assert values(text, "duration") == []
