"""Two clause rules of rules/roles.toml: a fronted phrase takes the mood of the clause it leads into
("Given 64 GPUs, we estimate ... would ..."), and a chip's specification told as an aside of the
paper's own run leaves the chip the run's ("We use 8 H100 GPUs (80 GB each) for 36 hours of
training"). Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import roles_by_value as _roles
from tests.extract.helpers import run


@pytest.mark.parametrize(
    "text",
    [
        "Given 64 GPUs, we estimate that such a run would finish in about 6 hours.",
        "With 512 TPU v4 chips, we expect the full schedule would take a week.",
        "Assuming 40 A100 GPUs, we would need roughly 3 days.",
    ],
)
def test_a_fronted_phrase_is_as_hypothetical_as_its_clause(text: str) -> None:
    roles = _roles(text)
    assert roles, text
    assert set(roles.values()) == {"hypothetical"}, roles


@pytest.mark.parametrize(
    "text",
    [
        "With 8 A100 GPUs, we trained the model for 3 days.",
        "Using 4 V100 GPUs, we fine-tuned every checkpoint in 6 hours.",
        "Given our budget, we trained on 16 GPUs for 2 days.",
    ],
)
def test_a_fronted_phrase_of_a_real_run_stays_the_papers_own(text: str) -> None:
    roles = _roles(text)
    assert roles, text
    assert "hypothetical" not in roles.values(), roles


def test_a_fronted_phrase_with_a_cue_of_its_own_keeps_it() -> None:
    # "if we had" marks the first clause; the second, with its own "would", is hypothetical too.
    roles = _roles("If we had 128 GPUs, we would finish in 5 hours; we trained on 8 GPUs for "
                   "3 days.")
    assert roles[("chip_count", 128.0)] == "hypothetical"
    assert roles[("chip_count", 8.0)] == "training"


@pytest.mark.parametrize(
    "text",
    [
        "We use 8 H100 GPUs (80 GB each, 3.35 TB/s of memory bandwidth) for 36 hours of training.",
        "The model was trained on 4 A100 GPUs, which offer up to 80 GB of memory, for 2 days.",
        "We trained on 2 L40S cards (each draws 350 W) for 20 hours.",
    ],
)
def test_a_specification_aside_of_a_run_leaves_the_chip_the_runs(text: str) -> None:
    hardware = [claim for claim in run(text).claims if claim.type == "hardware"]
    assert hardware, text
    assert all(claim.role == "training" for claim in hardware), [c.role for c in hardware]


@pytest.mark.parametrize(
    "text",
    [
        "The H100 delivers 989 TFLOP/s of dense BF16.",
        "Each MI300X offers 192 GB of HBM3 memory.",
        "According to its datasheet, the NVIDIA A100 draws up to 400 W.",
    ],
)
def test_a_specification_alone_stays_a_specification(text: str) -> None:
    extraction = run(text)
    hardware = [claim for claim in extraction.claims if claim.type == "hardware"]
    assert hardware, text
    assert all(claim.role == "specification" for claim in hardware), [c.role for c in hardware]


def test_a_rate_beside_the_papers_run_stays_the_chips() -> None:
    roles = _roles("Our model was trained on 8 A100s, which offer up to 312 TFLOP/s.")
    assert roles[("hardware", "nvidia-a100")] == "training"
    assert roles[("flop_rate", 312e12)] == "specification"


@pytest.mark.parametrize(
    "text",
    [
        "Training took 52 hours on 8 A100-80GB GPUs, each with 2 TB/s of memory bandwidth.",
        "Every experiment used one H100 (989 TFLOP/s peak in BF16); the full run lasted "
        "11 hours.",
        "The search used 300 GPU-hours on V100s rated at 125 TFLOP/s.",
    ],
)
def test_a_run_length_in_the_sentence_keeps_the_chips_the_runs(text: str) -> None:
    claims = run(text).claims
    chips = [c for c in claims if c.type in ("hardware", "chip_count")]
    assert chips, text
    assert "specification" not in {c.role for c in chips}, [(c.text, c.role) for c in chips]
    assert all(c.role == "specification" for c in claims if c.type == "flop_rate")


@pytest.mark.parametrize(
    "text",
    [
        "A single B200 is rated at roughly 2.2 PFLOP/s of dense FP16 compute.",
        "The MI300X reaches 1.3 PFLOP/s of dense FP16 throughput.",
    ],
)
def test_compute_words_in_a_datasheet_name_no_run(text: str) -> None:
    claims = run(text).claims
    chips = [c for c in claims if c.type in ("hardware", "chip_count")]
    assert chips, text
    assert {c.role for c in chips} == {"specification"}, [(c.text, c.role) for c in chips]


@pytest.mark.parametrize(
    "text",
    [
        "A full pre-training run at this scale may require on the order of 10,000 GPU-hours.",
        "Reproducing it could cost roughly 2 weeks on 64 GPUs.",
        "Should more compute become available, we aim to repeat the study on 256 H100s.",
    ],
)
def test_other_modals_of_a_cost_not_yet_paid_are_hypothetical(text: str) -> None:
    roles = _roles(text)
    assert roles and set(roles.values()) == {"hypothetical"}, roles


def test_a_hedge_after_a_run_leaves_the_run_the_papers() -> None:
    roles = _roles("Training took 3 days on 8 GPUs, which might explain the gap.")
    assert roles[("duration", 72.0)] == "training"


def test_a_cost_per_input_after_a_chip_leaves_the_chip_the_runs() -> None:
    roles = _roles("Inference runs on one T4 at 40 ms per image.")
    assert roles[("hardware", "nvidia-t4")] == "inference"
    assert roles[("chip_count", 1.0)] == "inference"


def test_a_flop_amount_per_input_stays_per_example() -> None:
    roles = _roles("Our backbone costs 4.2 GFLOPs per image.")
    assert roles[("flop", 4.2e9)] == "per-example"


def test_a_fronted_phrase_ends_at_its_comma_and_has_no_subject() -> None:
    # No comma: "With 8 GPUs we trained for 3 days" is a clause of its own, told in the past.
    roles = _roles("With 8 GPUs we trained for 3 days; it would take 2 weeks on one GPU.")
    assert roles[("chip_count", 8.0)] == "training"
    assert roles[("duration", 72.0)] == "training"
    assert roles[("duration", 336.0)] == "hypothetical"
