"""Runs of their own (issue 15): ablations and searches, the main training run, run ids, and
estimates that are never absurd (issue 14). Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from paperlint.document import plain_document
from paperlint.estimate import (
    combine,
    estimate_architecture,
    estimate_hardware,
    estimate_report,
)
from paperlint.extract import extract
from paperlint.model import ComputeReport, DocumentResult, Location
from paperlint.report.jsonl import from_dict
from tests.checks.helpers import Paper


def _check(text: str) -> DocumentResult:
    from paperlint.api import CheckOptions
    from paperlint.checks import run_checks

    document = plain_document(text)
    return run_checks(document, extract(document), CheckOptions())


def _roles(text: str) -> list[tuple[str, str]]:
    return [(c.type, c.role) for c in extract(plain_document(text)).claims]


# -- ablations and searches: own compute, a run of its own -----------------------------------------
@pytest.mark.parametrize("text", [
    "For the ablations, we trained each variant on 4 V100 GPUs for 2 days.",
    "The hyperparameter search used 500 GPU-hours on V100 GPUs.",
    "Our grid search ran on 16 A100 GPUs for 6 hours.",
    "Pilot runs took 3 days on 2 RTX 3090 cards.",
])
def test_ablation_and_search_figures_are_ablation(text: str) -> None:
    roles = {role for kind, role in _roles(text) if kind != "params"}
    assert roles == {"ablation"}, _roles(text)


@pytest.mark.parametrize("text", [
    "We trained on 8 A100 GPUs for 3 days, and we sweep the learning rate afterwards.",
    "Table 4 lists the ablations. We trained the model on 8 A100 GPUs for 3 days.",
    "We trained on 8 A100 GPUs for 3 days; Section 5 reports ablations.",
])
def test_a_mention_of_ablations_outside_the_clause_leaves_training_alone(text: str) -> None:
    assert {role for _, role in _roles(text)} == {"training"}, _roles(text)


def test_an_ablation_clause_makes_a_report_of_its_own_not_merged_into_training() -> None:
    text = ("Our final model was trained on 64 A100 GPUs for 10 days; the ablations took a "
            "further 2,000 GPU-hours.")
    reports = extract(plain_document(text)).compute_reports
    assert [(r.role, r.chip_count, r.duration_hours, r.chip_hours) for r in reports] == [
        ("training", 64, 240.0, None), ("ablation", None, None, 2000.0)]


def test_an_ablation_run_alone_is_own_compute_but_not_complete() -> None:
    result = _check("The hyperparameter search used 500 GPU-hours on V100 GPUs.")
    assert result.verdict == "partial"  # own compute, but no main training is described
    assert not [r for r in result.compute_reports if r.main]


# -- the main run -------------------------------------------------------------------------------
def test_the_main_run_is_the_largest_training_run() -> None:
    result = _check("We pre-train on 64 TPU v3 chips for 4 days. Afterwards we fine-tune on 8 "
                    "V100 GPUs for 6 hours.")
    (main,) = [r for r in result.compute_reports if r.main]
    assert (main.hardware, main.chip_count) == ("google-tpu-v3", 64)
    assert [r.run for r in result.compute_reports] == ["run-1", "run-2"]


def test_the_main_run_is_the_larger_even_when_it_comes_second() -> None:
    result = _check("We first fine-tuned a small probe on 1 A100 GPU for 2 hours. The main model "
                    "was then trained on 256 A100 GPUs for 20 days.")
    (main,) = [r for r in result.compute_reports if r.main]
    assert main.chip_count == 256


def test_the_largest_run_is_main_even_where_a_smaller_one_names_its_phase() -> None:
    # "took" names the epoch's phase (training); the run it belongs to names none. The main run
    # is the largest all the same (it used to be the 40-minute epoch, the one whose phase is said).
    result = _check("The base model used 8 TPU v4 chips for 2 days. Each epoch took 40 minutes.")
    (main,) = [r for r in result.compute_reports if r.main]
    assert (main.chip_count, main.duration_hours) == (8, 48.0)


def test_between_runs_of_equal_size_the_one_whose_phase_is_said_is_main() -> None:
    result = _check("Our 8 A100 GPUs ran for 3 days.\n\nWe trained the model on 8 A100 GPUs "
                    "for 3 days.")
    (main,) = [r for r in result.compute_reports if r.main]
    assert main.role == "training"


def test_pl105_estimates_the_main_run_only() -> None:
    result = _check("We trained the model on 128 A100 GPUs for 12 days. For the ablations, we "
                    "trained each variant on 8 A100 GPUs for one day.")
    estimates = [f for f in result.findings if f.code == "PL105"]
    assert len(estimates) == 1
    (main,) = [r for r in result.compute_reports if r.main]
    assert main.chip_count == 128 and main.estimate is not None
    assert f"{main.estimate.flop:.2g}" in estimates[0].message


def test_no_training_run_no_main_run() -> None:
    result = _check("Inference runs on 1 T4 GPU in 20 milliseconds per image.")
    assert not any(r.main for r in result.compute_reports)


def test_claims_carry_their_run_id_and_it_survives_the_jsonl_round_trip() -> None:
    result = _check("We trained on 8 A100 GPUs for 3 days. The vocabulary is small.")
    data = result.to_dict()
    runs = {c["run"] for c in data["claims"]}
    assert runs == {"run-1"}
    assert data["compute_reports"][0]["run"] == "run-1"
    assert data["compute_reports"][0]["main"] is True
    again = from_dict(data)
    assert again.compute_reports[0].main and again.claims[0].run == "run-1"


# -- estimates that are never absurd --------------------------------------------------------------
A100 = "nvidia-a100"


def test_tokens_per_batch_are_no_training_tokens() -> None:
    roles = _roles("We train with 256 sequences of 512 tokens, 131,072 tokens/batch.")
    # a batch's tokens are a cost per step, or no claim at all (too few for a training set)
    assert {role for kind, role in roles if kind == "tokens"} <= {"per-example"}


def test_a_token_count_far_below_the_parameters_gives_no_6nd_estimate() -> None:
    location = Location("paper.tex", 1, 1)
    batch = ComputeReport(location, params=340e6, tokens=128_000.0, role="training")
    assert estimate_report(batch) is None  # once 2.6e14 FLOP for BERT-Large
    fine_tuning = ComputeReport(location, params=7e9, tokens=10e6, role="fine-tuning")
    assert estimate_report(fine_tuning) is not None  # a small fine-tuning set still counts


def test_estimates_that_disagree_by_more_than_ten_times_are_both_given_no_mean() -> None:
    from paperlint.catalogue import load_catalogue

    entry = load_catalogue().get(A100)
    hardware = estimate_hardware(entry, chips=64, hours=240)  # ~1.7e22
    architecture = estimate_architecture(1e9, 1e9)  # 6e18: far apart
    both = combine(hardware, architecture)
    assert both.method == "disagreeing"
    assert both.flop == hardware.flop
    assert both.low <= architecture.low and both.high >= hardware.high
    close = combine(hardware, estimate_architecture(7e9, 4e11))  # within 10x
    assert close.method == "geometric-mean"


def test_pl105_names_both_figures_when_they_disagree_and_offers_no_sentence() -> None:
    paper = Paper("We trained a 1B model on 1B tokens on 64 A100 GPUs for 10 days.")
    params = paper.claim("1B model", "params", 1e9)
    tokens = paper.claim("1B tokens", "tokens", 1e9)
    count = paper.claim("64 A100 GPUs", "chip_count", 64)
    chip = paper.claim("A100", "hardware", A100)
    time = paper.claim("10 days", "duration", 240.0)
    paper.report(params, tokens, count, chip, time, hardware=A100, chip_count=64,
                 duration_hours=240.0, params=1e9, tokens=1e9)
    (finding,) = [f for f in paper.check().findings if f.code == "PL105"]
    assert "disagree" in finding.message and "6ND" in finding.message
    assert finding.suggestion is None and finding.fix is None


# -- a run told without its chip ------------------------------------------------------------------
_FAR = " The data are described in the next section, with their licences and sources.\n\n"


def test_a_run_without_its_chip_takes_the_papers_one_accelerator_and_says_so() -> None:
    text = "All our models are trained on NVIDIA H100 GPUs." + _FAR + (
        "Pre-training lasted 8.5 days on 384 GPUs.")
    reports = extract(plain_document(text)).compute_reports
    run = next(r for r in reports if r.chip_count == 384)
    assert run.hardware == "nvidia-h100-sxm" and run.inferred == ("hardware",)


def test_two_accelerators_leave_the_chip_unknown() -> None:
    text = "We use A100 GPUs for training and V100 GPUs for training the probes." + _FAR + (
        "Pre-training lasted 8.5 days on 384 GPUs.")
    reports = extract(plain_document(text)).compute_reports
    run = next(r for r in reports if r.chip_count == 384)
    assert run.hardware is None and run.inferred == ()


def test_another_works_chip_is_not_inherited() -> None:
    text = "Brown et al. trained GPT-3 on V100 GPUs." + _FAR + (
        "Pre-training lasted 8.5 days on 384 GPUs.")
    reports = extract(plain_document(text)).compute_reports
    run = next(r for r in reports if r.chip_count == 384)
    assert run.hardware is None


def test_an_inferred_chip_does_not_make_a_run_complete_on_its_own() -> None:
    from paperlint.checks.verdict import is_complete_report

    location = Location("paper.tex", 1, 1)
    stated = ComputeReport(location, hardware=A100, chip_count=8, duration_hours=72.0,
                           role="training")
    inferred = ComputeReport(location, hardware=A100, chip_count=8, duration_hours=72.0,
                             role="training", inferred=("hardware",))
    assert is_complete_report(stated) and not is_complete_report(inferred)
