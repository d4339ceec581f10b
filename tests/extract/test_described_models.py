"""Another work's model by its description (extract/described.py): a modifier of otherness
before a noun of a model, a noun of otherness, "behind", a year before a model noun. The paper's
own model, and words that only look like these, stay the paper's. Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run_roles


@pytest.mark.parametrize("text", [
    "The proprietary model ran for 70 days on 12,000 H100 GPUs.",
    "A concurrent submission trains for 9 days on 256 TPU v4 chips.",
    "Older releases of the toolkit needed 6 days on 4 V100 GPUs.",
    "The system behind the search engine used 3,000 TPU v3 chips for 2 months.",
    "The nearest competitor required 700 A100 GPUs for 3 weeks.",
    "The 2020 version of the parser took 4 days on 16 P100 GPUs.",
    # serving told of another's model is its inference, not the paper's
    "The closed-source assistant, trained for 5 months on 20,000 GPUs, leads the benchmark.",
])
def test_a_model_described_as_someone_elses_is_other_work(text: str) -> None:
    assert run_roles(text) == {"other-work"}, run_roles(text)


@pytest.mark.parametrize("text", [
    # the paper's own, in the first person, beside a described other model
    "Unlike the commercial model, our model trains in 2 days on 8 A100 GPUs.",
    # a verb that looks like a noun of otherness
    "Finch-32B rivals much larger models after 5 days on 64 H100 GPUs.",
    # "closed" and "earlier" not before a model noun
    "The closed-form update lets training finish in 20 hours on 4 V100 GPUs.",
    "Training finished earlier than planned, after 30 hours on 4 V100 GPUs.",
    # a year not before a model noun
    "In 2023, training took 3 days on 8 A100 GPUs.",
])
def test_the_papers_own_model_stays_its_own(text: str) -> None:
    assert "other-work" not in run_roles(text), run_roles(text)


def test_a_dated_model_is_another_works() -> None:
    assert run_roles("The median detector from 2019 ran for 4 days on 8 V100 GPUs.") == {
        "other-work"}


@pytest.mark.parametrize("text", [
    "Following prior work~\\cite{x}, training uses 8 A100 GPUs for 36 hours.",
    "Following \\citet{kim21}, the model was trained on 8 V100 GPUs for 2 days.",
])
def test_a_fronted_following_phrase_cites_the_recipe_not_the_run(text: str) -> None:
    # "Following [x]," ends at its comma: the clause after it is the paper's run
    assert "other-work" not in run_roles(text), run_roles(text)


def test_earlier_models_in_the_plural_are_another_works() -> None:
    assert run_roles("Earlier detectors of this kind needed 3,000 TPU cores for 40 days.") == {
        "other-work"}
