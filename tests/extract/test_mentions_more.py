"""More of the hardware-mention grammar and the evidence rule: a product of group and device
counts ("32 nodes x 8 GPUs"), trademark signs inside a mention, a TPU slice written without
"TPU", a model "as originally released" and a precision described in general.

Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from paperlint.api import CheckOptions, analyse
from paperlint.document import plain_document
from tests.extract.helpers import run, values


def _check(text: str) -> tuple[str, dict[str, str]]:
    result = analyse(plain_document(text), CheckOptions())
    return result.verdict, {c.type: c.role for c in result.claims}


@pytest.mark.parametrize(("text", "chips"), [
    ("The encoder was fitted on 16 nodes × 8 NVIDIA H100 GPUs over 5 days.", 128.0),
    ("We use 4 servers x 8 A100 GPUs for two days.", 32.0),
    ("Hardware: 2 nodes × 4 × NVIDIA L40S 48GB. Wall-clock: 30 hours.", 8.0),
])
def test_a_product_of_groups_and_devices_is_the_chip_count(text: str, chips: float) -> None:
    assert values(text, "chip_count")[0] == chips


def test_with_no_product_sign_a_group_count_is_not_multiplied() -> None:
    # "4 nodes with 32 GPUs" is as often the total.
    assert values("We train on 4 nodes with 32 GPUs for a day.", "chip_count") == [32.0]


@pytest.mark.parametrize("text", [
    "Models were fitted on three NVIDIA® Tesla® P100 GPUs for 6 days.",
    "Models were fitted on three NVIDIA™ Quadro™ RTX 8000 GPUs for 6 days.",
])
def test_trademark_signs_do_not_cut_a_count_from_its_chip(text: str) -> None:
    assert values(text, "chip_count") == [3.0]


@pytest.mark.parametrize("text", [
    "Scores are reported on Lexicon v4-512, the release with 512 entries.",
    "The v3-8 split of the parser corpus has fewer errors.",
])
def test_a_bare_slice_name_without_compute_words_is_no_hardware(text: str) -> None:
    claims = run(text).claims
    assert not [c for c in claims if c.type in ("hardware", "chip_count")], claims


@pytest.mark.parametrize("text", [
    "Our model trains on a single v3-8 in 20 hours.",
    "We rented a v4-128 slice for 3 days.",  # a slice noun after it
    "Pre-training ran on v4-256 for two weeks.",
    "We used a v5litepod-16 for 40 hours.",  # a name no release number has
    "The model was trained on TPU v3-256 for 3 days.",
])
def test_a_slice_with_compute_words_or_a_tpu_word_is_hardware(text: str) -> None:
    assert values(text, "hardware"), text


def test_the_original_model_is_another_works() -> None:
    verdict, roles = _check("The original Wren-2 models were trained on TPU v4 pods for a month.")
    assert roles["hardware"] == "other-work" and verdict == "missing"


def test_the_original_recipe_of_the_papers_own_model_stays_its_own() -> None:
    text = "We propose Wren. The original Wren-7B was trained on 64 A100 GPUs for 5 days."
    verdict, roles = _check(text)
    assert roles["hardware"] == "training" and verdict == "complete"


@pytest.mark.parametrize("text", [
    "FP16 training needs loss scaling to keep small gradients.",
    "BF16 arithmetic is cheaper than FP32 on recent accelerators.",
    "BF16 training is more stable than FP16 in long runs.",
])
def test_a_precision_described_in_general_is_a_specification(text: str) -> None:
    verdict, roles = _check(text)
    # No claim at all (no compute word) or a specification: never the paper's run.
    assert roles.get("precision", "specification") == "specification" and verdict == "missing"


@pytest.mark.parametrize("text", [
    "BF16 training took 3 days on 8 A100 GPUs.",  # past: a run
    "FP16 training on our 4 V100 GPUs needs loss scaling.",  # first person
    "All runs use bf16 mixed precision.",  # the subject is the runs
])
def test_a_precision_of_a_run_stays_the_runs(text: str) -> None:
    _, roles = _check(text)
    assert roles["precision"] != "specification"


def test_a_dual_socket_server_counts_two_cpus() -> None:
    text = "Fitting ran on a dual-socket Intel Xeon Gold 6248 server for 19 h."
    assert values(text, "chip_count") == [2.0]


def test_a_per_example_cue_after_a_clause_mark_leaves_the_total_alone() -> None:
    claims = run("Training used 3.1e20 FLOP in all; each forward pass costs 9 GFLOP.").claims
    assert [c.role for c in claims if c.type == "flop"] == ["training", "per-example"]


def test_flop_per_anything_is_a_cost_per_unit() -> None:
    text = "The detector (27 GFLOPs per $640 \\times 640$ frame) is trained on two RTX 4090s."
    assert [c.role for c in run(text).claims if c.type == "flop"] == ["per-example"]


@pytest.mark.parametrize(("text", "role"), [
    ("Hyper-parameters were tuned with 120 search trials of 20 minutes each on one A10.",
     "ablation"),
    # The paper re-running a baseline is its own compute, not the baseline authors'.
    ("Re-running the baselines took 45 GPU-hours.", "training"),
    ("The baselines were trained on 256 TPUs.", "other-work"),
])
def test_tuning_and_rerun_roles(text: str, role: str) -> None:
    roles = {c.role for c in run(text).claims if c.type in ("chip_hours", "duration", "chip_count")}
    assert roles == {role}


# -- four-character codes are ordinary tokens too ------------------------------------------------


def _hardware_of(text: str) -> list[object]:
    return [c.value for c in run(text).claims if c.type == "hardware"]


def test_a_four_character_code_without_compute_words_is_no_chip() -> None:
    # A measured variable named like a chip: no maker word, no device noun, no compute word.
    assert _hardware_of("The gauge value H100 (water height at 100 cm) is logged hourly over "
                        "two years.") == []
    assert _hardware_of("Column A100 of the survey holds the respondent's age.") == []


def test_a_four_character_code_with_compute_words_is_a_chip() -> None:
    assert _hardware_of("Experiments ran on a single A100 for 3 hours.") == ["nvidia-a100"]
    assert _hardware_of("Hyper-parameters were tuned with 50 trials of 10 minutes each on "
                        "an A100.") == ["nvidia-a100"]
    assert _hardware_of("Our V100 cluster has 64 nodes.") == ["nvidia-v100-sxm2"]
    assert _hardware_of("An NVIDIA A100 holds 80 GB of memory.") == ["nvidia-a100"]


# -- chips added as catalogue data ---------------------------------------------------------------


def test_intel_max_and_rtx_pro_blackwell_are_read_from_the_catalogue() -> None:
    text = "We trained on 12 Intel Data Center GPU Max 1550 devices for 30 hours."
    assert values(text, "hardware") == ["intel-max-1550"]
    assert values(text, "chip_count") == [12]
    text = "All models were trained on an NVIDIA RTX PRO 6000 Blackwell card."
    assert values(text, "hardware") == ["nvidia-rtx-pro-6000-blackwell"]
    assert values(text, "chip_count") == [1]


def test_a_bare_model_number_is_no_intel_max() -> None:
    assert _hardware_of("Our 1550 devices logged 30 hours of sensor data.") == []
    assert _hardware_of("The clock tops out at 1550 MHz when training on 8 GPUs.") == []


# -- "64 of them": a count of the chips named before it ------------------------------------------


@pytest.mark.parametrize(("text", "chip", "count"), [
    ("Whereas the baseline needed 6,144 TPU v4 chips, our model was trained on 64 of them in "
     "12 days.", "google-tpu-v4", 64),
    ("Pre-training ran for 14 days on 256 H800 GPUs; fine-tuning then took 10 hours on 32 of "
     "them.", "nvidia-h800", 32),
    ("Our lab owns 8 A100 GPUs; 4 of these were used for training, which took 2 days.",
     "nvidia-a100", 4),
])
def test_a_count_of_them_counts_the_chips_named_before(text: str, chip: str,
                                                       count: float) -> None:
    result = analyse(plain_document(text), CheckOptions())
    reports = [(r.hardware, r.chip_count) for r in result.compute_reports if r.duration_hours]
    assert (chip, count) in reports, (text, reports)
    assert result.verdict == "complete"


@pytest.mark.parametrize("text", [
    "We trained on 8 A100 GPUs for 100 epochs and kept 3 of them.",  # epochs, not chips
    "Every epoch lasts 12 minutes and we run 90 of them.",  # no chip before
    "We ran 5 seeds on 8 V100 GPUs; 2 of the seeds diverged.",  # not "of them"
    "Each node has 8 A100 GPUs and we ran 20 experiments; 3 of them failed.",  # experiments
])
def test_a_count_of_them_that_means_something_else_is_no_chip_count(text: str) -> None:
    counts = values(text, "chip_count")
    assert all(count == 8 for count in counts), (text, counts)


def test_a_phase_named_in_the_claims_own_clause_beats_a_nearer_one_in_the_next() -> None:
    text = ("Pre-training ran for 14 days on 256 H800 GPUs; the fine-tuning stage needed "
            "another 10 hours on 32 of them.")
    roles = {(c.type, c.value): c.role for c in run(text).claims}
    assert roles[("chip_count", 256)] == "training"
    assert roles[("duration", 10.0)] == "fine-tuning"


# -- a TPU generation alone before a pod or chip noun; a system named in brackets -----------------


@pytest.mark.parametrize(("text", "chip", "counts"), [
    ("We trained on 256 v5p chips for 3 days.", "google-tpu-v5p", [256]),
    ("We trained for 2 days on a v3 pod.", "google-tpu-v3", []),
])
def test_a_generation_before_a_pod_or_chip_noun_is_the_tpu(text: str, chip: str,
                                                          counts: list[float]) -> None:
    assert values(text, "hardware") == [chip], text
    assert values(text, "chip_count") == counts, text


@pytest.mark.parametrize("text", [
    "The Kinect v2 devices recorded 3 hours of data.",
    "Version v4 of the guidelines was in use for 3 weeks.",
    "We release v2 of the benchmark with 8 new tasks.",
])
def test_a_version_before_any_other_word_is_no_tpu(text: str) -> None:
    assert _hardware_of(text) == [], text


def test_a_system_in_brackets_after_its_chips_keeps_their_count() -> None:
    text = "The system was trained on 1,024 Trainium chips (trn1.32xlarge instances) for 12 days."
    assert values(text, "chip_count") == [1024]
    text = "We rented two p4d.24xlarge instances for 30 hours of training."
    assert values(text, "chip_count") == [16]  # a system counted on its own gives its chips
