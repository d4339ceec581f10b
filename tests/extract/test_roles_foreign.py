"""Roles of figures that are not the paper's own run, and the cue that keeps one its own.

Every sentence here is our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.api import check_path
from tests.extract.helpers import run


def _roles(text: str) -> dict[str, str]:
    return {c.type: c.role for c in run(text).claims}


def _latex_roles(tmp_path: Path, body: str) -> dict[str, str]:
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\\begin{document}\n" + body + "\n\\end{document}\n",
        encoding="utf-8")
    result = check_path(tmp_path / "main.tex")
    return {c.type: c.role for c in result.claims}


def test_a_cited_subject_owns_its_size_and_tokens_too(tmp_path: Path) -> None:
    roles = _latex_roles(tmp_path, "\\citet{kay21} trained a 30B-parameter model on 600B "
                                   "tokens, using $1.1\\times10^{23}$ FLOP.")
    assert roles == {"params": "other-work", "tokens": "other-work", "flop": "other-work"}


def test_a_citation_after_our_own_sizes_leaves_them_ours(tmp_path: Path) -> None:
    roles = _latex_roles(tmp_path, "We train a 30B-parameter model on 600B tokens, "
                                   "following the recipe of \\citet{kay21}.")
    assert roles["params"] == "training" and roles["tokens"] == "training"


def test_time_from_the_start_of_training_is_training_though_evaluation_is_nearer() -> None:
    text = ("Some 40 days went by from the start of training to our scoring of the last "
            "checkpoint, on a cluster of 512 H100 GPUs.")
    assert set(_roles(text).values()) == {"training"}


def test_an_evaluation_run_without_that_span_stays_inference() -> None:
    assert _roles("We evaluate every checkpoint on 4 A100 GPUs.")["hardware"] == "inference"


def test_a_model_as_originally_trained_is_another_works() -> None:
    assert _roles("The T5 models were originally trained on TPU v3 Pods.")["hardware"] == (
        "other-work")
    # "the original configuration" used by the paper itself stays its own run.
    ours = _roles("Our pre-training kept the original configuration and ran on one TPU v3-8 "
                  "for six days.")
    assert ours["hardware"] == "training"


def test_a_price_list_names_a_slice_not_a_run() -> None:
    roles = _roles("A cloud provider lists an on-demand price per hour for a v4-2048 slice; "
                   "we did not have that budget.")
    assert roles["hardware"] == "specification"
    assert _roles("We rented a v4-128 slice for 3 days.")["hardware"] != "specification"


@pytest.mark.parametrize(
    "text",
    [
        "PaLM was trained by Google on 6144 TPU v4 chips.",
        "As reported in their paper, the model took 30 days on 512 GPUs.",
        "Estimates for GPT-4 range from 2e25 to 3e25 FLOP.",
        "A comparable model from prior literature used 256 TPUs for two weeks.",
        "Previous studies trained similar detectors for 5 days on 8 V100 GPUs.",
    ],
)
def test_other_work_told_by_its_agent_or_the_literature(text: str) -> None:
    roles = {claim.role for claim in run(text).claims if claim.type != "params"}
    assert roles == {"other-work"}, (text, roles)


@pytest.mark.parametrize(
    "text",
    [
        "The network was trained by NVIDIA A100 GPUs in 4 hours.",  # a chip is no agent
        "Our estimates of the training cost come to 3e20 FLOP.",
        "Unlike earlier work, we train on 8 GPUs for 2 days.",
        "Training was sponsored by Google Cloud, on 64 TPU v3 chips for 2 days.",
    ],
)
def test_the_papers_own_run_beside_those_words_stays_its_own(text: str) -> None:
    roles = {claim.role for claim in run(text).claims}
    assert "other-work" not in roles, (text, roles)
