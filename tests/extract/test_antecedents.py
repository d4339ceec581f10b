"""A run told through "It" or "This model" is the run of the model the sentence before names
(extract/antecedents.py): another work's when that sentence names another model and none of
the paper's own. Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import roles_of

_RUN_TYPES = ("hardware", "chip_count", "duration", "chip_hours", "tokens")


def _roles(text: str) -> set[str]:
    return roles_of(text, _RUN_TYPES)


@pytest.mark.parametrize(
    "text",
    [
        "We analyse Falcon-40B. It was trained on 384 A100 GPUs for 60 days.",
        "We benchmark Stable Diffusion. This model took 150,000 A100-hours to train.",
        "The teacher is Llama-2-70B. It saw 2 trillion tokens on A100 clusters.",
        "We reuse the embeddings of BERT-Large. These were pre-trained on 64 TPU chips for "
        "4 days.",
        "Consider BLOOM. Its training run lasted 105 days on 384 A100 GPUs.",
    ],
)
def test_an_anaphor_after_another_works_model_tells_that_models_run(text: str) -> None:
    assert _roles(text) == {"other-work"}, text


@pytest.mark.parametrize(
    "text",
    [
        # the model before is the paper's own
        "We introduce Wisp, a 1B-parameter model. It was trained on 64 H100 GPUs for 5 days.",
        "Our model follows the T5 recipe. It was trained for 4 days on 32 TPU v4 chips.",
        "Our detector replaces ResNet-152. It was trained on 8 V100 GPUs for 2 days.",
        "We benchmark our own diffusion model. This model took 2,000 A100-hours to train.",
        # no model named before
        "We train a small probe. It needs only a single RTX 3090 for 2 hours.",
        # "These" before a noun is no anaphor; a first-person word keeps the run ours
        "We compare with GPT-NeoX-20B. These results come from 8 A100 GPUs over 3 days.",
        "We compare with GPT-NeoX-20B. It was then fine-tuned by us on 8 A100 GPUs for 3 days.",
    ],
)
def test_an_anaphor_after_the_papers_own_or_nothing_stays_the_papers(text: str) -> None:
    roles = _roles(text)
    assert roles and "other-work" not in roles, (text, roles)
