"""Someone else's people as a clause's subject (extract/agents.py), a passive with its agent
beside a first-person relative clause, and a result clause after ", so" that a supposition
before it does not reach (rules/roles.toml [clauses] results). Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import roles_of, run

_RUN_TYPES = ("hardware", "chip_count", "duration", "chip_hours")


def _roles_by_value(text: str) -> dict[object, str]:
    return {claim.value: claim.role for claim in run(text).claims if claim.type in _RUN_TYPES}


def _roles(text: str) -> set[str]:
    return roles_of(text, _RUN_TYPES)


@pytest.mark.parametrize(
    "text",
    [
        # a paper in the first person: "the authors" are another work's
        "We report our own numbers below. The authors report training on 16 TPU v3 chips for "
        "3 days.",
        # a word between the determiner and the maker: someone else's whatever the voice
        "The winning team's log shows 18 hours on 8 A100 GPUs.",
        "Its original developers needed 12 days on 256 V100 GPUs.",
        # a finite passive with its agent, a first-person word only in the relative clause
        "The model we start from was trained by Meta on 2,048 A100 GPUs.",
    ],
)
def test_another_works_people_or_agent_make_the_run_theirs(text: str) -> None:
    assert _roles(text) == {"other-work"}, text


def test_the_authors_against_our_own_run_in_one_sentence() -> None:
    roles = _roles_by_value("The authors trained for 300 epochs on 8 GPUs; we, in contrast, "
                            "trained our model for 2 days on 4 RTX A6000 GPUs.")
    assert roles[8.0] == "other-work"
    assert roles[4.0] == "training"
    assert roles[48.0] == "training"


@pytest.mark.parametrize(
    "text",
    [
        # a paper written in the third person calls itself "the authors"
        "The authors trained all models on a shared cluster of 24 RTX 6000 Ada GPUs for "
        "41 hours.",
        "Our team trained the model on 64 GPUs for 3 days.",
        # a reduced relative ("the model released by Meta") is no predicate: the run is ours
        "We fine-tuned the model released by Meta on 8 A100 GPUs for 2 days.",
    ],
)
def test_own_runs_with_people_in_them_stay_the_papers(text: str) -> None:
    roles = _roles(text)
    assert roles and "other-work" not in roles, (text, roles)


def test_thanks_from_the_authors_stay_an_acknowledgment() -> None:
    roles = _roles("The authors gratefully acknowledge 100,000 GPU-hours on the JUWELS Booster.")
    assert roles == {"acknowledgment"}


def test_a_result_clause_is_not_reached_by_the_supposition_before_it() -> None:
    text = ("We found that training would diverge above a learning rate of 0.001, so the final "
            "model was trained on 16 A100 GPUs for 3 days.")
    assert _roles(text) == {"training"}


@pytest.mark.parametrize(
    "text",
    [
        # a purpose is no result: the supposition goes on
        "Training on 64 GPUs would take 3 days, so that the run would end early.",
        # a result clause with its own "would" stays a supposition
        "With 64 GPUs, training would take 3 days, so we would finish by May.",
    ],
)
def test_a_supposition_stays_one_across_so(text: str) -> None:
    assert _roles(text) == {"hypothetical"}, text


def test_our_model_trained_by_a_named_person_stays_ours() -> None:
    # the subject is the paper's own: a finite passive's agent does not make it another work's
    roles = _roles("Our detector was trained on 4 A100 GPUs for 2 days by Tamsin, who built it.")
    assert roles and "other-work" not in roles


@pytest.mark.parametrize(
    "text",
    [
        # a possessive after "that": something named before, not the paper's own
        "That model's final run spanned 54 days on 2,048 GPUs.",
        "That group's model required 4,000 GPU-days.",
        # an organisation as the agent, and a maker with a common noun as the object
        "The larger variant released by the lab took 90 days on 10,000 GPUs.",
        "Google trained the production model on 4,096 TPU v4 chips for 50 days.",
        # a related model, another work's own words, its writers reporting it
        "Its 540B-parameter successor consumed 2.5e24 FLOP.",
        "A widely used open model, by its own account, used 1.3 million H100-hours.",
        "The strongest of these models needed 8 days on 32 TPU v2 chips, they write.",
        "The competing system reached the same score after 10 days on 64 TPU v3 chips.",
    ],
)
def test_other_runs_told_flatly(text: str) -> None:
    roles = roles_of(text, (*_RUN_TYPES, "flop", "params"))
    assert roles == {"other-work"}, (text, roles)


@pytest.mark.parametrize(
    "text",
    [
        # "the group" bare is no organisation (a group in mathematics, a group of runs)
        "We trained the group of 8 models on 16 A100 GPUs for 2 days.",
        "The group of runs took 3 days on 8 V100 GPUs.",
        # "It" or "Each" trained something: no maker
        "It trained the student on 8 A100 GPUs for 2 days.",
        # an opener's clause ends at its comma: the clause after it is ours
        "In contrast to its predecessor, which used 512 GPUs, this version of our system "
        "trains on 64 H100 GPUs in 4 days.",
    ],
)
def test_groups_pronouns_and_contrasts_keep_our_runs(text: str) -> None:
    roles = {claim.role for claim in run(text).claims
             if claim.type in _RUN_TYPES and claim.value != 512.0}
    assert roles and "other-work" not in roles, (text, roles)


def test_this_papers_model_is_its_own() -> None:
    # "This" opening the clause is no model's name before "paper"
    roles = _roles("This paper's largest model was optimised for 200k steps, which took 5 days "
                   "on 64 TPU v3 chips.")
    assert roles == {"training"}


def test_the_authors_earlier_paper_is_another_work() -> None:
    assert _roles("Our previous paper trained a similar model on 16 V100 GPUs for 5 days.") == {
        "other-work"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a conjunction before a modal begins a clause with a mood of its own
        ("We trained on 8 A100 GPUs and would expect 16 to halve the time.", {"training"}),
        # no modal after the conjunction: one run
        ("We trained on 8 A100 GPUs and then stopped after 3 days.", {"training"}),
        # the modal rules both clauses
        ("Training would take 3 days and would need 64 GPUs.", {"hypothetical"}),
        # a forecast
        ("Our forecast for the next model is 3 months on 4,096 TPU v5p chips.", {"hypothetical"}),
    ],
)
def test_modal_clauses_and_forecasts(text: str, expected: set[str]) -> None:
    assert _roles(text) == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "An anonymous engineer said the model was trained for 90 days on 25,000 A100s.",
        "Insiders claim the cluster behind it holds 100,000 H100 GPUs.",
        "We have heard that the original run used 1,024 V100 GPUs.",
        "By most accounts, training the system took about 100 days on 4,096 GPUs.",
        "Journalists have put the run at 50,000 H100 GPUs.",
    ],
)
def test_hearsay_is_another_works(text: str) -> None:
    assert _roles(text) == {"other-work"}, text


@pytest.mark.parametrize(
    "text",
    [
        "We note that training took 3 days on 8 A100 GPUs.",
        "As we said, training took 3 days on 8 A100 GPUs.",
        "That is to say, the run took 3 days on 8 A100 GPUs.",
        "We claim that 8 A100 GPUs for 3 days suffice, and our run shows it.",
    ],
)
def test_the_papers_own_words_are_no_hearsay(text: str) -> None:
    roles = _roles(text)
    assert roles and "other-work" not in roles, (text, roles)
