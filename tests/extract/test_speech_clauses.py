"""Reported speech as a construction (extract/speech.py): a reporting verb after a third-person
subject, or a passive of hearsay, makes a clause's figures another work's; the paper reporting
its own (a first-person word, a table, a tool, its results, a paper in the third person) keeps
them. Our own sentences; none of them matches a cue phrase of rules/roles.toml."""

from __future__ import annotations

import pytest

from tests.extract.helpers import RUN_TYPES, run, run_roles


@pytest.mark.parametrize("text", [
    # a firm, a person, writing: singular subjects and the -s or past form
    "Kestrel Analytics estimates that the flagship run consumed 4e25 FLOP.",
    "A former engineer told a podcast the model was trained on 6,000 H100 GPUs.",
    "The launch video mentions 2,048 TPU v5p chips.",
    "Its maintainers wrote in a forum thread that pre-training lasted 33 days on 512 A100 GPUs.",
    # a plural subject and the base form, an auxiliary between
    "Hobbyists on social media have suggested the run needed 9,000 GPUs for two months.",
    "Recruiters mention clusters of 30,000 H100 GPUs.",
    # the speech set off by commas, before and after the figures
    "Heron-2, its release notes claim, ran for 40 days on 1,024 A100 GPUs.",
    "The run took 12 days on 4,096 TPU v4 chips, a blog by the lab's staff revealed.",
    # a passive of hearsay
    "The system was alleged to run on 20,000 GPUs for 80 days.",
    "The largest variant is estimated to have needed 4 million H100-hours.",
])
def test_what_someone_else_says_is_other_work(text: str) -> None:
    assert run_roles(text) == {"other-work"}


@pytest.mark.parametrize("text", [
    # the paper's own sources as the subject
    "Table 4 states the budget: 300 hours on 16 A100 GPUs.",
    "The profiler estimates 2.2e20 FLOP for the full training run.",
    "Preliminary results suggest that training on 8 GPUs for 2 days suffices.",
    "These measurements confirm that the model trains in 20 hours on 4 V100 GPUs.",
    # a verb form that reads as a noun or a participle
    "To restore the optimizer state for the large variant, training resumed for 6 hours on "
    "8 A100 GPUs.",
    "Implementation notes: 8 A100 GPUs, 30 hours.",
    "The numbers reported in the appendix were measured on 8 A100 GPUs over 30 hours.",
    "Training took 14 hours on 2 RTX 3090 GPUs, as described above.",
    # no subject: an imperative
    "Note that the detector was trained for 10 hours on 2 V100 GPUs.",
    # a column of the paper's own table: no reporting verb at all
    "Batch indicates the batch size when training on 8 GPUs for 4 days.",
])
def test_the_papers_own_reporting_stays_its_own(text: str) -> None:
    assert "other-work" not in run_roles(text), run_roles(text)


def test_a_paper_in_the_third_person_reports_its_own_run() -> None:
    text = ("The authors state that the classifier was trained on two RTX 3090 GPUs for 20 "
            "hours.")
    assert "other-work" not in run_roles(text)
    # ... while in a paper that says "we", "the authors" are someone else
    assert run_roles("We compare with a published classifier. " + text) == {"other-work"}


def test_a_first_person_clause_keeps_its_figures_after_someone_elses() -> None:
    text = ("Its developers claim 3 weeks on 512 GPUs; we trained ours for 30 hours on 8 A100 "
            "GPUs.")
    roles = {(c.type, c.value): c.role for c in run(text).claims if c.type in RUN_TYPES}
    assert roles[("chip_count", 512.0)] == "other-work"
    assert roles[("chip_count", 8.0)] != "other-work"
    assert roles[("duration", 30.0)] != "other-work"
