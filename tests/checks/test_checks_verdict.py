"""The verdict on hand-built extractions: each branch of the corpus's gold-label rules."""

from __future__ import annotations

from paperlint.checks.verdict import decide_verdict, is_complete_report
from paperlint.extract import Extraction
from paperlint.model import ComputeReport, Location
from tests.checks.helpers import Paper

HERE = Location("paper.tex", 1, 1)


def verdict_of(*reports: ComputeReport, paper: Paper | None = None) -> str:
    claims = tuple(paper.claims) if paper else ()
    return decide_verdict(Extraction(claims, tuple(reports), 1))


def test_nothing_extracted_is_missing() -> None:
    assert decide_verdict(Extraction()) == "missing"


def test_hardware_count_and_time_is_complete() -> None:
    report = ComputeReport(HERE, hardware="nvidia-a100", chip_count=8, duration_hours=72)
    assert verdict_of(report) == "complete"


def test_hardware_with_chip_hours_is_complete() -> None:
    report = ComputeReport(HERE, hardware="nvidia-v100-sxm2", chip_hours=1200)
    assert verdict_of(report) == "complete"


def test_total_flop_alone_is_complete() -> None:
    assert verdict_of(ComputeReport(HERE, flop=3.1e21)) == "complete"


def test_flop_claim_outside_any_report_is_complete() -> None:
    paper = Paper("In total, training used 2.1e22 FLOP.")
    paper.claim("2.1e22 FLOP", "flop", 2.1e22, "training")
    assert decide_verdict(paper.extraction()) == "complete"


def test_hardware_and_time_without_count_is_partial() -> None:
    report = ComputeReport(HERE, hardware="nvidia-a100", duration_hours=72)
    assert not is_complete_report(report)
    assert verdict_of(report) == "partial"


def test_count_and_time_without_hardware_is_partial() -> None:
    assert verdict_of(ComputeReport(HERE, chip_count=8, duration_hours=72)) == "partial"


def test_chip_hours_without_type_is_partial() -> None:
    assert verdict_of(ComputeReport(HERE, chip_hours=500)) == "partial"


def test_inference_only_hardware_is_partial_not_complete() -> None:
    report = ComputeReport(
        HERE, hardware="nvidia-titan-x-maxwell", chip_count=1, duration_hours=2, role="inference"
    )
    assert verdict_of(report) == "partial"


def test_precision_alone_is_partial() -> None:
    paper = Paper("We fine-tune in bf16 throughout.")
    paper.claim("bf16", "precision", "bf16", "fine-tuning")
    assert decide_verdict(paper.extraction()) == "partial"


def test_runtime_of_own_runs_is_partial() -> None:
    paper = Paper("Scoring the whole test set takes 40 seconds.")
    paper.claim("40 seconds", "duration", 40 / 3600, "inference")
    assert decide_verdict(paper.extraction()) == "partial"


def test_params_with_training_tokens_is_partial() -> None:
    paper = Paper("Our 350M-parameter model sees 20B tokens during training.")
    paper.claim("350M-parameter", "params", 3.5e8, "training")
    paper.claim("20B tokens", "tokens", 2e10, "training")
    assert decide_verdict(paper.extraction()) == "partial"


def test_params_alone_is_missing() -> None:
    paper = Paper("Our model has 350M parameters and is trained for 90 epochs.")
    paper.claim("350M parameters", "params", 3.5e8, "training")
    assert decide_verdict(paper.extraction()) == "missing"


def test_other_work_and_acknowledgment_do_not_count() -> None:
    paper = Paper(
        "GPT-3 was trained with 3.14e23 FLOP on V100 GPUs. We thank the lab for an A100 GPU."
    )
    paper.claim("3.14e23 FLOP", "flop", 3.14e23, "other-work")
    paper.claim("V100 GPUs", "hardware", "nvidia-v100-sxm2", "other-work")
    paper.claim("A100 GPU", "hardware", "nvidia-a100", "acknowledgment")
    assert decide_verdict(paper.extraction()) == "missing"


def test_per_example_flop_does_not_count() -> None:
    paper = Paper("A forward pass costs 4.1 GFLOP per image.")
    paper.claim("4.1 GFLOP", "flop", 4.1e9, "per-example")
    assert decide_verdict(paper.extraction()) == "missing"


def test_other_work_complete_report_does_not_make_complete() -> None:
    report = ComputeReport(
        HERE, hardware="nvidia-a100", chip_count=8, duration_hours=72, role="other-work"
    )
    assert verdict_of(report) == "missing"


def test_unspecified_own_run_counts_as_training() -> None:
    report = ComputeReport(
        HERE, hardware="nvidia-a100", chip_count=4, duration_hours=10, role="unspecified"
    )
    assert verdict_of(report) == "complete"


def test_verdict_is_on_the_result() -> None:
    paper = Paper("We train on 8 A100 GPUs for 3 days.")
    hw = paper.claim("A100 GPUs", "hardware", "nvidia-a100")
    count = paper.claim("8", "chip_count", 8)
    time = paper.claim("3 days", "duration", 72)
    paper.report(hw, count, time, hardware="nvidia-a100", chip_count=8, duration_hours=72)
    assert paper.check().verdict == "complete"


def _piecemeal(hardware: list[tuple[str, str]], duration_role: str = "unspecified") -> str:
    text = "We train on a single GPU. " + " ".join(f"We use {w}." for w, _ in hardware)
    text += " Table: training takes 9 hours."
    paper = Paper(text)
    paper.claim("a single GPU", "chip_count", 1)
    for wording, id_ in hardware:
        paper.claim(wording, "hardware", id_)
    paper.claim("9 hours", "duration", 9.0, duration_role)
    return decide_verdict(paper.extraction())


def test_one_accelerator_with_count_and_time_in_other_sentences_is_complete() -> None:
    assert _piecemeal([("GTX 1080 Ti", "nvidia-gtx-1080-ti")]) == "complete"


def test_piecemeal_with_two_accelerators_is_only_partial() -> None:
    two = [("GTX 1080 Ti", "nvidia-gtx-1080-ti"), ("V100", "nvidia-v100-sxm2")]
    assert _piecemeal(two) == "partial"


def test_piecemeal_with_an_inference_time_is_only_partial() -> None:
    assert _piecemeal([("GTX 1080 Ti", "nvidia-gtx-1080-ti")], "inference") == "partial"


def _piecemeal_counts(counts: list[tuple[str, float, str]]) -> str:
    """One accelerator, a training time, and counts in other sentences with the roles given."""
    text = "We use the A100. Training takes 2 days. "
    text += " ".join(f"It has {wording}." for wording, _, _ in counts)
    paper = Paper(text)
    paper.claim("A100", "hardware", "nvidia-a100")
    paper.claim("2 days", "duration", 48.0, "training")
    for wording, value, role in counts:
        paper.claim(wording, "chip_count", value, role)
    return decide_verdict(paper.extraction())


def test_piecemeal_counts_that_agree_pair_with_the_time() -> None:
    counts = [("4 GPUs", 4.0, "unspecified"), ("four GPUs", 4.0, "unspecified")]
    assert _piecemeal_counts(counts) == "complete"


def test_piecemeal_counts_that_disagree_leave_the_count_a_guess() -> None:
    # A tool served on eight GPUs and a benchmark on one: which is the training run's count?
    counts = [("eight servers", 8.0, "unspecified"), ("a single GPU", 1.0, "unspecified")]
    assert _piecemeal_counts(counts) == "partial"


def test_a_count_said_to_be_the_trainings_pairs_even_beside_others() -> None:
    counts = [("eight servers", 8.0, "unspecified"), ("16 GPUs", 16.0, "training")]
    assert _piecemeal_counts(counts) == "complete"


def _verdict_of_text(text: str) -> str:
    from tests.extract.helpers import run

    return decide_verdict(run(text))


def test_a_size_with_a_length_or_a_vocabulary_is_no_partial_report() -> None:
    assert _verdict_of_text("We train our 7B model with a 64k-token vocabulary and 8k-token "
                            "contexts.") == "missing"
    assert _verdict_of_text("Our 7B model is trained on sequences of 4,096 tokens.") == "missing"


def test_a_size_with_a_training_set_is_partial_even_a_small_one() -> None:
    assert _verdict_of_text("The 13B model was trained on 260B tokens.") == "partial"
    assert _verdict_of_text("We fine-tune for 2 epochs on 5M tokens of instruction data; the "
                            "base model has 8B parameters.") == "partial"
