"""Someone else's writing by a possessive ("Per its report, ...", "Their whitepaper lists ..."):
another work's figures (extract/agents.py, [clauses] writings). The paper's own writing is "our
report", and a clause of its own run keeps its figures. Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run_roles


@pytest.mark.parametrize("text", [
    "Per its report, Kestrel Ultra used TPU v4 pods.",
    "Their whitepaper lists 1.3M H100-hours for the 8B variant.",
    "Its launch slides give 12 days on 64 GPUs for the final run.",
])
def test_someone_elses_writing_is_other_work(text: str) -> None:
    assert run_roles(text) == {"other-work"}, run_roles(text)


@pytest.mark.parametrize("text", [
    "Our report lists 300 GPU-hours on A100 GPUs.",
    "Training took 2 days on 8 A100 GPUs; its log is in the appendix.",
])
def test_the_papers_own_writing_stays_its_own(text: str) -> None:
    assert "other-work" not in run_roles(text), run_roles(text)
