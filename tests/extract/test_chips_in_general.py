"""A chip spoken of in general, and a chip put to use.

Three rules of extract/whose.py and extract/evidence.py, each read from positive evidence:
 - a sentence that names a chip and tells nothing of running it (no first-person word, no run
   cue or run noun, no verb of use, no run length, no label) describes the chip: its names,
   counts and precisions are a specification;
 - a short chip name ("A100", "H100") needs evidence of compute: a chip that its clause counts
   and puts to use ("we use a single A100 for every experiment") has it, a code qualifying a noun
   ("a single T4 marker") has not;
 - the makers of a named model as the subject ("the BERT authors", "the Llama team") and a name
   of a few words with a possessive ("Stable Diffusion's first release") report another work.
Every sentence here is our own writing.
"""

from __future__ import annotations

import pytest

from paperlint.api import CheckOptions, analyse
from paperlint.document import plain_document
from tests.extract.helpers import run


def _verdict(text: str) -> str:
    return str(analyse(plain_document(text), CheckOptions()).verdict)


def _roles(text: str) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for claim in run(text).claims:
        roles.setdefault(claim.type, set()).add(claim.role)
    return roles


@pytest.mark.parametrize(
    "text",
    [
        "Modern accelerators such as the H100 execute FP8 matrix products at twice the BF16 rate.",
        "Consumer GPUs like the RTX 3090 ship with 24 GB of GDDR6X memory.",
        "A DGX H100 system bundles eight H100 GPUs with 2 TB of system memory.",
        "Two A100s are linked by NVLink at 600 GB/s.",
        "With 80 GB per device, an H100 can hold a 30B-parameter model in bf16.",
        "TPU v5e was designed for cost-efficient training and serving.",
        # a slice's name counts its chips, but "the" before it makes no set the paper has
        "The v2-8 device exposes eight cores with 8 GB of HBM each.",
    ],
)
def test_a_chip_never_put_to_use_is_a_specification(text: str) -> None:
    result = run(text)
    own = [c for c in result.claims if c.role in ("training", "unspecified", "fine-tuning")
           and c.type in ("hardware", "chip_count", "precision")]
    assert not own, [(c.type, c.text, c.role) for c in own]
    assert _verdict(text) == "missing", text


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Everything in this paper runs on one consumer graphics card, an RTX 4090.",
         "partial"),
        ("All runs are on H100 SXM GPUs.", "partial"),
        ("Hardware: 4x NVIDIA A6000 (48 GB).", "partial"),
        ("Jobs are scheduled on 16 A100 GPUs.", "partial"),
        ("The model is trained for 36 hours on 16 H100 GPUs.", "complete"),
        ("Each of our nodes has eight A100 GPUs connected by NVLink.", "partial"),
        ("The 8 A100s each hold a full copy of the weights.", "partial"),
        # something placed on the chip, a word of running compute, chip-hours
        ("Table 4 compares solver speed on H200 GPUs with two backends.", "partial"),
        ("The robot carries two computing boards, one a Jetson Orin.", "partial"),
        ("GPU hours in this table assume an H100 accelerator.", "partial"),
    ],
)
def test_a_chip_with_a_sign_of_a_run_stays_the_papers_own(text: str, verdict: str) -> None:
    assert _verdict(text) == verdict, text


@pytest.mark.parametrize(
    "text",
    [
        "We use a single A100 for every experiment.",
        "All experiments use one H100.",
        "We employ an A100 for the whole study.",
    ],
)
def test_a_short_name_counted_and_put_to_use_is_hardware(text: str) -> None:
    assert "hardware" in _roles(text), text
    assert _verdict(text) == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "We use V100 wind speeds in all experiments.",
        "In the P5 condition, a single T4 marker is used.",
        "We use the A40 motorway as the test route in every experiment.",
    ],
)
def test_a_short_code_neither_counted_nor_alone_stays_no_claim(text: str) -> None:
    assert "hardware" not in _roles(text), text


@pytest.mark.parametrize(
    "text",
    [
        "The BERT authors pre-trained on 16 Cloud TPUs for four days.",
        "The Llama team trained on 2,048 A100 GPUs for 21 days.",
        "Stable Diffusion's first release was trained on 256 A100 GPUs for about 150,000 "
        "GPU-hours.",
    ],
)
def test_a_named_models_makers_as_the_subject_report_another_work(text: str) -> None:
    result = run(text)
    roles = {c.role for c in result.claims if c.type in ("hardware", "chip_count", "duration",
                                                         "chip_hours")}
    assert roles == {"other-work"}, [(c.type, c.text, c.role) for c in result.claims]
    assert _verdict(text) == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "The authors trained on 8 GPUs for 2 days.",
        "Our BERT variant was pre-trained on 16 Cloud TPUs for four days.",
        "Following the BERT authors, we pre-trained on 16 Cloud TPUs for four days.",
    ],
)
def test_makers_without_a_named_model_or_with_we_stay_the_papers_own(text: str) -> None:
    roles = {c.role for c in run(text).claims if c.type in ("chip_count", "duration")}
    assert roles and "other-work" not in roles, (text, roles)


@pytest.mark.parametrize(
    "text",
    [
        "DeepMind trained AlphaFold on 128 TPU v3 cores for 11 days.",
        "OpenAI pre-trained GPT-2 on 32 TPU v3 chips.",
    ],
)
def test_a_maker_that_trained_a_named_model_reports_another_work(text: str) -> None:
    roles = {c.role for c in run(text).claims if c.type in ("hardware", "chip_count")}
    assert roles == {"other-work"}, (text, roles)


@pytest.mark.parametrize(
    "text",
    [
        "We trained GPT-2 on 32 TPU v3 chips.",
        "Models trained on 32 TPU v3 chips converge faster.",
        # a plain name told in the past with nothing saying it is the paper's own is another
        # work's run (tests/extract/test_plain_names.py); named as the paper's own, no maker
        "We propose Finch. Finch trained on 8 GPUs for 2 days.",
    ],
)
def test_no_maker_and_a_named_object_is_no_other_work(text: str) -> None:
    roles = {c.role for c in run(text).claims if c.type in ("hardware", "chip_count")}
    assert roles and "other-work" not in roles, (text, roles)


def test_a_plan_told_with_hope_is_hypothetical() -> None:
    roles = _roles("We hope to train a 13B variant on 256 GPUs once the allocation is granted.")
    assert roles["chip_count"] == {"hypothetical"}


def test_a_main_run_without_its_chip_takes_the_ablations_sole_accelerator() -> None:
    result = run("The hyperparameter search used 400 GPU-hours on A100s; the main run used "
                 "2,000 GPU-hours.")
    main = [r for r in result.compute_reports if r.chip_hours == 2000]
    assert main and main[0].hardware == "nvidia-a100" and "hardware" in main[0].inferred


def test_a_main_run_beside_two_ablation_chips_takes_none() -> None:
    result = run("The search used 400 GPU-hours on A100s and 300 on V100s; the main run used "
                 "2,000 GPU-hours.")
    main = [r for r in result.compute_reports if r.chip_hours == 2000]
    assert main and main[0].hardware is None


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Processing one video clip takes 180 GFLOP.", "per-example"),
        ("A forward pass over one image takes 4.2 GFLOPs.", "per-example"),
        ("Training the tiny probe took 9e15 FLOP in total.", "training"),
    ],
)
def test_a_small_flop_amount_needs_a_verb_of_training_not_of_taking(text: str, role: str) -> None:
    assert {c.role for c in run(text).claims if c.type == "flop"} == {role}, text


@pytest.mark.parametrize(
    "text",
    [
        "GPT-3 was trained on 300 billion tokens using V100 GPUs.",
        "ViT-H/14 needed about 2,500 TPU v3 core-days.",
        "PaLM-2 used TPU v4 pods for several weeks.",
        # a name in words and numbers: a version, a size
        "Llama 2 70B was pre-trained for 1.7 million GPU-hours on A100-80GB.",
        "Falcon 40B took two months on 384 A100 GPUs.",
    ],
)
def test_a_named_model_as_the_subject_is_another_work_even_told_flatly(text: str) -> None:
    roles = {c.role for c in run(text).claims if c.type in ("hardware", "chip_hours", "duration")}
    assert roles == {"other-work"}, (text, roles)


@pytest.mark.parametrize(
    "text",
    [
        "We propose Finch-7B. Finch-7B was trained on 64 A100 GPUs for 9 days.",
        "MobileNetV3-Small: 56 MFLOPs and 2.5M parameters; we train it on 8 V100 GPUs.",
        "The H100 cluster trained our model in 4 days.",
        "FP8 training ran on 16 H100 GPUs for 2 days.",
        # a label or a run with a number is no model's name; a base model fine-tuned is own work
        "Stage 2 took 3 days on 8 A100 GPUs.",
        "Run 3 took 4 hours on 2 V100 GPUs.",
        "On 7B-parameter models trained for 5 days on 8 H100 GPUs, the mix helps.",
        "Mistral 7B was fine-tuned on 8 H100 GPUs for 2 days.",
    ],
)
def test_an_own_name_a_label_a_chip_or_a_format_as_the_subject_stays_own(text: str) -> None:
    roles = {c.role for c in run(text).claims if c.type in ("chip_count", "duration")}
    assert roles and "other-work" not in roles, (text, roles)


def test_a_name_ending_in_one_capital_is_read_at_a_sentence_end() -> None:
    # spaCy keeps "V." whole (an initial); the chip is still the Titan V.
    assert [c.value for c in run("All networks were trained on one Titan V.").claims
            if c.type == "hardware"] == ["nvidia-titan-v"]


@pytest.mark.parametrize("text", [
    "All networks fit comfortably on one 12 GB Titan V.",
    "The whole model fits on a single 24GB RTX 3090.",
])
def test_a_model_that_fits_on_a_chip_is_put_to_use(text: str) -> None:
    assert _verdict(text) == "partial", text


@pytest.mark.parametrize("text", [
    "The Titan V ships with 12 GB of HBM2.",  # a datasheet: nothing fitted or run on it
    "The patients fit the inclusion criteria for 3 years.",
])
def test_a_chip_described_or_a_fit_of_criteria_stays_quiet(text: str) -> None:
    assert _verdict(text) == "missing", text


@pytest.mark.parametrize(
    "text",
    [
        # a count after "on"/"with": chips something runs on, whatever the verb
        "We evaluate on a single A100.",
        "Evaluating the 1B model on 1 H100 takes 30 minutes.",
        "The demo answers within a second with two T4 cards.",
    ],
)
def test_a_short_name_counted_after_on_is_hardware(text: str) -> None:
    assert "hardware" in _roles(text), text


@pytest.mark.parametrize(
    "text",
    [
        # counted, but not after a preposition of running: something else is counted
        "Each of the 3 T4 scans was read twice.",
        "Patients came back at T4 and again at 2 P5 visits.",
    ],
)
def test_a_short_name_counted_without_on_stays_no_claim(text: str) -> None:
    assert "hardware" not in _roles(text), text
