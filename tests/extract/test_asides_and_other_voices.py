"""Asides after a comma, the makers of another model, and plans in the future passive.

 - An aside after a comma ("..., far less than the 64 GPUs that prior work used", "...,
   following the recipe of \\citet{x}") is a clause of its own (rules/roles.toml ``asides``),
   so another work's cue in it leaves the paper's own run alone; at a sentence's start
   "Following \\citet{x}, ..." still cites the figure's source.
 - The makers of another work as phrases ("the creators of Falcon", "the paper by Smith and
   Lee"), reports as the source ("open reports suggest"), and plans in the future passive
   ("will be trained", "is going to be trained").
Every sentence here is our own writing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.extract import extract
from tests.extract.helpers import run
from tests.readers.conftest import END, PREAMBLE, read, write


def _roles(text: str) -> set[str]:
    return {c.role for c in run(text).claims if c.type in ("hardware", "chip_count", "duration",
                                                           "flop")}


@pytest.mark.parametrize(
    "text",
    [
        "We trained for 9 days on 32 V100s, far less than the 64 GPUs that prior work used.",
        "The model was trained for 9 days on 32 V100s, following the recipe of \\citet{smith}.",
        "Training took 9 days on 32 V100s, more than twice what earlier work reported.",
    ],
)
def test_another_works_cue_in_an_aside_leaves_the_run_the_papers(text: str) -> None:
    own = {c.role for c in run(text).claims if c.type in ("duration",)}
    assert own == {"training"}, (text, own)


def test_the_compared_figure_in_the_aside_stays_another_works() -> None:
    claims = run("We trained on 32 V100s, far less than the 64 GPUs that prior work used.").claims
    roles = {c.value: c.role for c in claims if c.type == "chip_count"}
    assert roles == {32.0: "training", 64.0: "other-work"}


def _latex_roles(tmp_path: Path, body: str) -> dict[str, str]:
    write(tmp_path, {"main.tex": PREAMBLE + body + END})
    return {c.type: c.role for c in extract(read(tmp_path / "main.tex")).claims}


def test_a_citation_opening_the_sentence_still_governs_it(tmp_path: Path) -> None:
    text = "Following \\citet{cole}, the median large model of 2022 used $2\\times10^{24}$ FLOP."
    assert _latex_roles(tmp_path, text) == {"flop": "other-work"}


def test_a_citation_in_an_aside_is_the_recipes_source(tmp_path: Path) -> None:
    text = "The model was trained for 9 days on 32 V100s, following the recipe of \\citet{cole}."
    roles = _latex_roles(tmp_path, text)
    assert roles["duration"] == "training" and roles["chip_count"] == "training", roles


@pytest.mark.parametrize(
    "text",
    [
        "The creators of Falcon report 384 A100 GPUs and two months of training.",
        "The paper by Smith and Lee trained on 32 V100s for 9 days.",
        "Open reports suggest the lab used over 20,000 H100 GPUs.",
    ],
)
def test_makers_and_reports_of_another_work(text: str) -> None:
    assert _roles(text) == {"other-work"}, text


@pytest.mark.parametrize(
    "text",
    [
        "A future version will be trained on the 2,048-GPU partition now being installed.",
        "The next release is going to be trained on 512 H100s.",
        "Such a run, if ever attempted, could occupy 10,000 GPUs for months.",
    ],
)
def test_plans_in_the_future_passive_are_hypothetical(text: str) -> None:
    assert _roles(text) == {"hypothetical"}, text


@pytest.mark.parametrize(
    "text",
    [
        "The model was trained on 512 H100s, and it will be released next month.",
        "We trained on 32 V100s for 9 days; the paper by Smith used the same setup.",
    ],
)
def test_a_told_run_beside_a_plan_or_a_paper_stays_the_papers_own(text: str) -> None:
    roles = {c.role for c in run(text).claims if c.type == "chip_count"}
    assert roles == {"training"}, (text, roles)


@pytest.mark.parametrize(
    "text",
    [
        "Using the codebase of \\citet{wolf2020}, training took 14 hours on 4 A100 GPUs.",
        "With the recipe of \\citet{raffel2020}, pre-training lasted 5 days on 64 TPU v3 chips.",
    ],
)
def test_a_fronted_phrase_keeps_its_citation_to_itself(tmp_path: Path, text: str) -> None:
    roles = _latex_roles(tmp_path, text)
    assert roles["duration"] == "training" and roles["chip_count"] == "training", roles


def test_a_citation_in_the_main_clause_still_marks_it(tmp_path: Path) -> None:
    text = "Using 4 A100 GPUs, \\citet{wolf2020} trained for 14 hours."
    roles = _latex_roles(tmp_path, text)
    assert roles["duration"] == "other-work", roles
