"""Two clause rules of rules/roles.toml: a fronted phrase takes the mood of the clause it leads into
("Given 64 GPUs, we estimate ... would ..."), and a chip's specification told as an aside of the
paper's own run leaves the chip the run's ("We use 8 H100 GPUs (80 GB each) for 36 hours of
training"). Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run


def _roles(text: str) -> dict[tuple[str, float | str], str]:
    return {(claim.type, claim.value): claim.role for claim in run(text).claims}


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
