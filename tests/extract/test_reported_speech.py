"""Reported speech (issue 15's hearsay): someone else's words about a run are another work's
figures, unless the paper itself is the one reporting. Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run


def _roles(text: str) -> set[str]:
    return {c.role for c in run(text).claims}


@pytest.mark.parametrize("text", [
    "Press coverage claimed that the system ran on 10,000 V100 GPUs.",
    "Industry estimates put the training of that model at roughly 5e25 FLOP.",
    "The vendor states that the accelerator trains a 7B model in 2 days on 64 chips.",
    "The model is thought to have used 25,000 A100 GPUs for three months.",
])
def test_what_others_report_is_other_work(text: str) -> None:
    assert _roles(text) == {"other-work"}


@pytest.mark.parametrize("text", [
    "We estimate that our run took 3 days on 8 A100 GPUs.",
    "Table 2 reports that training took 3 days on 8 A100 GPUs.",
    "Appendix B states that each fine-tuning run took 2 hours on one H100.",
    "Training took 3 days on 8 A100 GPUs.",
])
def test_what_the_paper_itself_reports_stays_its_own(text: str) -> None:
    assert "other-work" not in _roles(text)
