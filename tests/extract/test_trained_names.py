"""A run named by the model it trained ("Training GPT-3 took ...", "The training of PaLM
consumed ..."), read like a named subject (extract/whose.py): another work's when the paper does
not call the model its own and tells the run in the past; the paper's own model, also with a
variant glued on ("BERTBASE" in a paper that introduces BERT), and a present-tense method stay
the paper's. Our own sentences and names."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run_roles


@pytest.mark.parametrize("text", [
    "Training Zephyr-70B took an estimated 9e23 FLOP.",
    "Pre-training Falcon-40B required 60 days on 384 A100 GPUs.",
    "The training of Orca-2 consumed 4e23 FLOP.",
])
def test_the_training_of_a_named_model_is_another_works(text: str) -> None:
    assert run_roles(text) == {"other-work"}, run_roles(text)


@pytest.mark.parametrize("text", [
    # the paper's own model, by its name or with a variant glued on
    "We introduce a new encoder called Wren. Training WrenBASE took 4 days on 16 TPU v3 chips.",
    # a present-tense method in a paper that names no model of its own
    "Training ResNet-50 takes 6 hours on 8 V100 GPUs.",
    # fine-tuning a named model is the paper's own work on it
    "Fine-tuning Mistral-7B took 5 hours on 2 A100 GPUs.",
    # no name after the training word
    "Training the model took 3 days on 8 A100 GPUs.",
])
def test_the_papers_own_training_stays_its_own(text: str) -> None:
    assert "other-work" not in run_roles(text), run_roles(text)
