"""Suppositions with no modal (extract/conditions.py): a sentence that opens with a condition
naming a figure of the run, its main clause told in the present with no first-person word,
supposes its figures; a run told in the past or in the first person, and a condition that names
no figure, stay what they were. Our own sentences; none holds a modal or a cue of a plan."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run_roles


@pytest.mark.parametrize("text", [
    "If one had 2,000 GPUs, the same schedule takes about 5 days.",
    "Assuming 768 A100 GPUs, pre-training ends in 17 days.",
    "Given 48 H100 GPUs, a full run lasts roughly 6 days.",
    "Provided a lab has 96 TPU v4 chips, the recipe finishes in 4 days.",
    "Should a team rent 300 H100 GPUs, the run completes within a week.",
    "Supposing 512 GPUs, the job still lasts 2 weeks.",
])
def test_a_supposed_run_is_hypothetical(text: str) -> None:
    assert run_roles(text) == {"hypothetical"}, run_roles(text)


@pytest.mark.parametrize("text", [
    # told in the past: what happened
    "Given its size, the model was trained on 64 GPUs for 3 days.",
    "Assuming nothing about the data, training took 30 hours on 4 V100 GPUs.",
    "If a run diverged, it restarted from a checkpoint; the final model used 8 A100 GPUs for "
    "2 days.",
    # the paper's own procedure, in the first person
    "If a node fails, we resume on 8 A100 GPUs within 2 hours.",
    # the condition names no figure of the run
    "If memory allows, training runs on 8 A100 GPUs for 2 days.",
    # no condition at the sentence's start
    "Training lasts 9 days on 64 H100 GPUs if nothing fails.",
])
def test_a_run_that_happened_stays_own(text: str) -> None:
    assert "hypothetical" not in run_roles(text), run_roles(text)


@pytest.mark.parametrize("text", [
    "At this rate, 1,000 epochs take 3 weeks on 8 V100 GPUs.",
    "In the worst case, training lasts 9 days on 16 A100 GPUs.",
])
def test_a_projection_by_its_phrase_is_hypothetical(text: str) -> None:
    assert run_roles(text) == {"hypothetical"}, run_roles(text)
