"""Durations as people write them (extract/durations.py, rules/durations.toml): every sentence
here is our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.api import read
from paperlint.extract import extract
from tests.extract.helpers import claims_of, values


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Training takes 5 hours and 15 minutes on 8 V100s.", 5.25),
        ("Pre-training took 2 days and 6 hours on 64 TPU v4 chips.", 54.0),
        ("Pre-training took 2 days, 6 hours on 64 TPU v4 chips.", 54.0),
        ("Training takes 1h45m on 8 V100s.", 1.75),
        ("Training takes 3 h 20 min on two L40S.", 3 + 1 / 3),
        ("It trains in an hour and a half on 4 A100s.", 1.5),
        ("The job ran for three and a half days on 512 TPU v4 chips.", 84.0),
        ("Fine-tuning took half a day on one A100.", 12.0),
        ("Training converged after 5400 s on a single H100.", 1.5),
        ("Training converged after 90 seconds on a single H100.", 0.025),
        ("Training lasted 2 wk on 256 Gaudi2 accelerators.", 336.0),
        ("Training took approximately a week on 8 GPUs.", 168.0),
        ("Pre-training lasted roughly a fortnight on 32 V100s.", 336.0),
    ],
)
def test_durations_in_their_written_forms(text: str, hours: float) -> None:
    assert values(text, "duration") == [pytest.approx(hours)], text


@pytest.mark.parametrize(
    ("text", "hours", "low"),
    [
        ("Training took 2–3 weeks on four Titan Black GPUs.", 504.0, 336.0),
        ("Fine-tuning takes from 24 to 72 hours per run.", 72.0, 24.0),
        ("Each run takes between 2 and 3 days on 8 GPUs.", 72.0, 48.0),
    ],
)
def test_a_range_keeps_both_ends_and_the_value_is_the_upper(text: str, hours: float, low: float
                                                            ) -> None:
    [claim] = claims_of(text, "duration")
    assert (claim.value, claim.low) == (pytest.approx(hours), pytest.approx(low))


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Training took 3.5 hours per epoch, and we trained for 100 epochs.", 350.0),
        ("Every epoch lasts 12 minutes and we run 90 of them, on 4 A6000 GPUs.", 18.0),
        ("We train for 40 epochs of 25 min each on one A100.", 25 * 40 / 60),
        ("One epoch takes about 7 minutes on a V100; we train for 120 epochs.", 14.0),
        ("We use 4 RTX A5000 GPUs; each of the 36 epochs took 25 minutes.", 15.0),
        ("Each pass over the corpus took 3.5 hours, and we made 4 passes.", 14.0),
    ],
)
def test_time_per_epoch_times_the_epochs_in_either_order(text: str, hours: float) -> None:
    assert values(text, "duration") == [pytest.approx(hours)], text


@pytest.mark.parametrize(
    "text",
    [
        "We ran 3 hours, then 2 hours more on a second GPU.",  # two runs, not one compound
        "Each epoch takes 12 minutes on 4 GPUs.",  # no epoch count: the time stays per epoch
    ],
)
def test_near_misses_keep_their_parts(text: str) -> None:
    found = values(text, "duration")
    assert len(found) >= 1 and all(v <= 3.0 for v in found), (text, found)


def test_m_is_minutes_only_inside_a_compound() -> None:
    assert values("The 10 m tower was trained on 8 GPUs for 2 h.", "duration") == [2.0]


def test_siunitx_time_units_are_read(tmp_path: Path) -> None:
    body = ("Pre-training ran for \\SI{3}{\\day} on 32 TPU v4 chips. Fine-tuning lasted "
            "\\qty{12}{\\hour} on 8 A100 GPUs. Distillation took \\SI{2}{\\week} on 16 H100 "
            "GPUs. A probe trained in \\SI{90}{\\minute} on one A10G and another in "
            "\\SI{5400}{\\second} on one L4.")
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\usepackage{siunitx}\n\\begin{document}\n" + body
        + "\n\\end{document}\n", encoding="utf-8")
    found = [c.value for c in extract(read(tmp_path / "main.tex")).claims if c.type == "duration"]
    assert found == [72.0, 12.0, 336.0, 1.5, 1.5]


# What a run trains on is data: durations in the object of "training on" are amounts of
# labelled speech or video, not how long anything ran.
@pytest.mark.parametrize(
    "text",
    [
        "Scores after fine-tuning on the low-resource splits of 30 min, 2 hours and 20 hours.",
        "We report error rates when training on labelled subsets of 5 minutes, 1 hour or 8 hours.",
    ],
)
def test_durations_a_run_is_trained_on_are_data(text: str) -> None:
    assert values(text, "duration") == [], text


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("We train on four A40 GPUs for 20 hours.", 20.0),
        ("Fine-tuning on the small split takes 2 hours.", 2.0),
        ("Training on CIFAR-10 finished in 3 hours on one GPU.", 3.0),
        ("We pretrain on the full corpus over 6 days.", 144.0),
    ],
)
def test_a_run_on_some_data_keeps_its_time(text: str, hours: float) -> None:
    assert values(text, "duration") == [hours], text


# -- a verb of taking time is compute only when something that runs takes it --------------------


@pytest.mark.parametrize("text", [
    "The tutorial takes 3 hours to complete.",
    "The interviews took 5 hours and 15 minutes of fieldwork in total.",
    "Curing the printed part lasts 2 days.",
    "The reactor ran for 72 hours before the first measurement.",
    "Patients required 6 days of observation.",
    "The festival needed 3 weeks of preparation.",
])
def test_a_taking_verb_with_nothing_that_runs_is_no_duration(text: str) -> None:
    assert values(text, "duration") == [], text


@pytest.mark.parametrize(("text", "hours"), [
    ("The whole pipeline takes 40 minutes.", [40 / 60]),
    ("Preprocessing the corpus took 6 hours.", [6.0]),
    ("It takes about 3 hours.", [3.0]),
    ("Both models were trained on 64 H100 GPUs; the small one took 2 days.", [48.0]),
    ("Each seed needed 25 minutes on one GPU.", [25 / 60]),  # "each": something that runs
    ("The model required 30 hours to converge.", [30.0]),
    ("The job ran for 72 hours.", [72.0]),  # a run noun
    ("The ablations ran on 2 GPUs for 5 hours.", [5.0]),
])
def test_a_taking_verb_beside_a_runner_or_other_evidence_is_a_duration(
        text: str, hours: list[float]) -> None:
    assert values(text, "duration") == [pytest.approx(h) for h in hours], text


def test_epochs_counted_by_of_them_are_not_chips() -> None:
    text = "Every epoch lasts 12 minutes and we run 90 of them, on 4 A6000 GPUs."
    assert values(text, "chip_count") == [4]


@pytest.mark.parametrize(
    "text",
    [
        # A pass of a data pipeline that is not timed per pass, and an epoch count with no time.
        "We made 4 passes over the data; training took 3.5 hours in total.",
        "The run took 10 hours and covered 3 epochs.",
    ],
)
def test_a_total_time_is_not_multiplied_by_passes_or_epochs(text: str) -> None:
    assert values(text, "duration") in ([3.5], [10.0]), text


@pytest.mark.parametrize(
    "text",
    [
        "Hardware: 4xA100 (80GB). Time: 22h.",
        # an item between the hardware and the time keeps the list about the setup
        "GPU: 2x RTX 3090. Framework: PyTorch 2.1. Training time: 30 hours.",
    ],
)
def test_a_time_in_a_setup_list_after_its_hardware_is_a_run(text: str) -> None:
    assert values(text, "duration"), text


@pytest.mark.parametrize(
    "text",
    [
        # a key-value list that names no hardware
        "Patients: 40 adults. Time: 22h.",
        # the hardware is not in the list: prose before it
        "We thank NVIDIA for an A100. Time: 22h.",
    ],
)
def test_a_time_in_a_list_without_hardware_stays_no_claim(text: str) -> None:
    assert values(text, "duration") == [], text
