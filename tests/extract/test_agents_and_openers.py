"""Whose run a clause tells, from its grammar: a passive run verb with "by" and a name (the agent
owns the run), and an opener's relative clause ("Unlike X, which ...", about X). Also the
comparison openers "against", "compared" and "versus", which end the paper's own clause.

Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run

OTHER, OWN = "other-work", "training"


def _roles(text: str) -> dict[str, str]:
    """Roles by claim text; a chip's name is left out (its count's text holds it)."""
    return {claim.text: claim.role for claim in run(text).claims if claim.type != "hardware"}


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # The agent is an organisation: its run, its size and its tokens.
        ("The 34B teacher was pre-trained on 9T tokens by Nimbus Labs.",
         {"34B teacher": OTHER, "9T tokens": OTHER}),
        ("The checkpoints released by Corvid AI were trained on 512 H100 GPUs for 12 days.",
         {"512 H100 GPUs": OTHER, "12 days": OTHER}),
        # Only the agent's clause: after the semicolon the paper's own student is its own.
        ("The teacher was trained on 2T tokens by Larkspur; our 3B student sees 80B tokens.",
         {"2T tokens": OTHER, "3B student": OWN, "80B tokens": OWN}),
    ],
)
def test_a_named_agent_owns_the_run(text: str, roles: dict[str, str]) -> None:
    assert _roles(text) == roles


@pytest.mark.parametrize(
    "text",
    [
        # "by" and a method, an optimiser acronym, or the paper's own voice: the paper's run.
        "The model was trained by minimizing cross-entropy on 8 V100 GPUs for 3 days.",
        "Models were trained by SGD on 8 V100 GPUs for 3 days.",
        "Our detector was trained on 4 A100 GPUs for 2 days by Tamsin, who built the pipeline.",
        # "by" with no run verb before it: a count, not an agent.
        "Training time dropped by Tuesday's upgrade to 8 A100 GPUs, to 2 days.",
    ],
)
def test_by_without_another_agent_stays_the_papers(text: str) -> None:
    assert set(_roles(text).values()) == {OWN}


def test_a_relative_clause_after_an_opener_is_about_what_the_opener_names() -> None:
    roles = _roles("Unlike Kestrel, which was pre-trained on 256 V100 GPUs for 9 days, our "
                   "model trains on 8 A100 GPUs in 30 hours.")
    assert roles == {"256 V100 GPUs": OTHER, "9 days": OTHER, "8 A100 GPUs": OWN,
                     "30 hours": OWN}


def test_a_relative_clause_after_a_neutral_opener_stays_the_papers() -> None:
    # "While" is an opener but no sign of another work: nothing to take.
    roles = _roles("While the model, which we trained on 8 A100 GPUs for 2 days, is small, it "
                   "generalises.")
    assert set(roles.values()) == {OWN}


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Our replication trained on 8 A100 GPUs for 4 days, against the 3 weeks of TPU "
         "time its original authors reportedly needed.",
         {"8 A100 GPUs": OWN, "4 days": OWN, "3 weeks": OTHER}),
        ("We train on 16 H100 GPUs for 2 days, compared with the 512 TPUs the original "
         "authors used.", {"16 H100 GPUs": OWN, "2 days": OWN, "512 TPUs": OTHER}),
    ],
)
def test_a_comparison_opener_ends_the_papers_own_clause(text: str, roles: dict[str, str]
                                                        ) -> None:
    assert _roles(text) == roles
