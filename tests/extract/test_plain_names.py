"""Another model named by one plain capitalised word ("Osprey was pre-trained on ...") reports that
model's compute; the paper's own model named the same way, and an ordinary word opening the
sentence ("Pretraining took ..."), stay the paper's. Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import roles_of


def _roles(text: str) -> set[str]:
    return roles_of(text, ("hardware", "chip_count", "duration", "chip_hours", "flop"))


@pytest.mark.parametrize(
    "text",
    [
        "Our analysis uses public checkpoints. Pelican was pre-trained for 30 days on 1,024 TPU "
        "v4 chips.",
        "Gannet took 12 days to train on 256 V100 GPUs; we only query its public API.",
        "We propose Dunlin, a pruning method. Avocet needed 300,000 GPU-hours on H100 GPUs.",
        "We introduce Plover. Curlew, by comparison, used 2,048 TPU v3 chips for its final run.",
        "Our contribution is a metric. Redshank consumed 4e23 FLOP during pre-training.",
        # A name that ends like -us is no plural.
        "We present Tern. Nautilus was trained on 512 A100 GPUs for 3 weeks.",
        # Told in the past with nothing naming it the paper's own: another work's run, as for a
        # hyphenated name ("Owl-2 was trained on ...")
        "Kittiwake trained on 8 GPUs for 2 days.",
    ],
)
def test_another_models_run_under_a_plain_name_is_other_work(text: str) -> None:
    assert _roles(text) == {"other-work"}, text


@pytest.mark.parametrize(
    "text",
    [
        # The paper's own model, introduced as such
        "This paper introduces Pelican, a retrieval model. Pelican was pre-trained on 128 A100 "
        "GPUs for 9 days.",
        "We name the resulting model Gannet. Gannet consumed 3e21 FLOP in total.",
        "Dunlin (ours) took 3 days to train on 16 V100 GPUs.",
        # Ordinary words opening the sentence: a process, a plural, a stop word, a common noun
        "Pretraining took 11 days on 256 TPU v4 chips.",
        "Distillation ran for 20 hours on 8 RTX A6000 GPUs.",
        "Experiments ran on 4 A100 GPUs for 2 days.",
        "Everything was trained on a single RTX 4090 for 36 hours.",
        "The LLM uses 8 GPUs per node and was trained for 4 days.",
        # The word is written in lower case elsewhere: an ordinary word
        "Search took 2 days on 8 A100 GPUs. The search covered learning rates.",
        # Told in the present with no other name of the paper's own: the paper's method
        "Pelican is trained on 64 H100 GPUs for 5 days.",
    ],
)
def test_own_and_ordinary_subjects_stay_the_papers(text: str) -> None:
    assert "other-work" not in _roles(text), text
