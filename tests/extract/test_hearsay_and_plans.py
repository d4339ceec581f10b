"""Other work told through its makers and their writing, what anyone but the paper could do,
asides of the writer, and datasheet clauses beside a run: each rule fires, and its near-misses
stay the paper's own. Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import roles_by_value


@pytest.mark.parametrize("text, key", [
    ("Posts from the group behind Heron-90B mention 2,048 H100 GPUs.", ("chip_count", 2048.0)),
    ("The announcement of the model gives a budget of 4e24 FLOP.", ("flop", 4e24)),
    ("A version of the system trained by another group needed 256 GPUs for ten days.",
     ("chip_count", 256.0)),
    ("The model's creators say it was trained on 1,024 A100 GPUs.", ("chip_count", 1024.0)),
    ("Figures circulating on forums put its training at 3e25 FLOP.", ("flop", 3e25)),
    ("The lab's logbook lists 45 days on 512 V100 GPUs.", ("chip_count", 512.0)),
])
def test_makers_and_their_writing_mark_other_work(text: str, key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] == "other-work"


@pytest.mark.parametrize("text, key", [
    # the paper's own writing and runs, though a word of the lists stands near
    ("As the logs of our runs show, training took 3 days on 64 A100 GPUs.", ("chip_count", 64.0)),
    ("We mention that training took 12 hours on 8 V100 GPUs.", ("chip_count", 8.0)),
    ("Table 3 mentions the 16 H100 GPUs we trained on for 2 days.", ("chip_count", 16.0)),
    ("Our training logbook records 40 days on 512 A100 GPUs.", ("chip_count", 512.0)),
    ("In our blog post we report that training took 9 hours on 4 GPUs.", ("chip_count", 4.0)),
])
def test_own_runs_near_those_words_stay_own(text: str, key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] in ("training", "unspecified")


def test_a_hyphenated_model_in_a_contrast_is_another_work() -> None:
    roles = roles_by_value("Where RoBERTa-Large needed a day on 1,024 V100 GPUs, our model trains "
                           "in 5 hours on 2 A100 GPUs.")
    assert roles[("chip_count", 1024.0)] == "other-work"
    assert roles[("chip_count", 2.0)] == "training"


@pytest.mark.parametrize("text", [
    "Multi-GPU training took 3 days on 8 V100 GPUs.",
    "Fine-tuning took 4 hours on 8 A100 GPUs.",
    "Hatespeech-Kumar scores after training on 4 A100 GPUs for 3 hours.",
])
def test_hyphenated_words_that_name_no_model_stay_own(text: str) -> None:
    roles = roles_by_value(text)
    assert all(role in ("training", "fine-tuning", "unspecified") for role in roles.values())


@pytest.mark.parametrize("text, key", [
    ("A hobbyist with two RTX 3090 cards could redo this training in a week.",
     ("chip_count", 2.0)),
    ("128 TPU v4 chips might finish the same run in a day.", ("chip_count", 128.0)),
    ("With 16 more GPUs we could have trained the 13B model too.", ("chip_count", 16.0)),
    ("Suppose one trains a 7B model on 1T tokens: that is 4.2e22 FLOP.", ("flop", 4.2e22)),
    ("The successor is planned to run on 8,192 TPU v5p chips.", ("chip_count", 8192.0)),
    ("Training such a model, about 3e24 FLOP, is out of reach for us.", ("flop", 3e24)),
])
def test_what_could_be_is_hypothetical(text: str, key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] == "hypothetical"


@pytest.mark.parametrize("text, key", [
    ("With activation checkpointing, we could train on 4 A100 GPUs for 2 days.",
     ("chip_count", 4.0)),
    ("Training took 3 days on 8 V100 GPUs, which might explain the gap.", ("chip_count", 8.0)),
    ("The records could not leave the clinic, so training ran on 2 RTX A5000 GPUs for 9 hours.",
     ("chip_count", 2.0)),
    ("Training took 6 hours on 1 A10G, though a larger card would be faster.",
     ("chip_count", 1.0)),
])
def test_facts_near_modals_stay_own(text: str, key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] in ("training", "unspecified")


def test_a_writers_aside_cuts_no_clause() -> None:
    roles = roles_by_value("We train in bf16; fp16 training, we believe, would diverge.")
    assert roles[("precision", "bf16")] == "training"
    assert roles[("precision", "fp16")] == "hypothetical"


def test_a_subject_after_a_comma_still_starts_a_clause() -> None:
    roles = roles_by_value("A naive plan would need 64 GPUs, we trained on 8 GPUs for 2 days.")
    assert roles[("chip_count", 64.0)] == "hypothetical"
    assert roles[("chip_count", 8.0)] == "training"


def test_a_datasheet_clause_beside_a_run_describes_the_chip() -> None:
    text = ("We trained on 8 L4 GPUs for 20 hours; the L4 is rated at 242 TFLOP/s of FP8.")
    run = [role for (kind, _), role in roles_by_value(text).items() if kind == "chip_count"]
    assert run == ["training"]
    from tests.extract.helpers import run as extract_run

    hardware = [c.role for c in extract_run(text).claims if c.type == "hardware"]
    assert sorted(hardware) == ["specification", "training"]


def test_counted_chips_in_a_later_clause_stay_the_runs() -> None:
    text = "Training took 30 hours; each of the 8 H100 GPUs offers 80 GB of memory."
    assert roles_by_value(text)[("chip_count", 8.0)] == "training"


@pytest.mark.parametrize("text, key", [
    ("Park and colleagues trained their tagger on 16 V100 GPUs.", ("chip_count", 16.0)),
    ("Ng and co-authors report 3e21 FLOP for the largest model.", ("flop", 3e21)),
    ("The student in that work consumed 900 GPU-hours.", ("chip_hours", 900.0)),
    ("A competing lab pre-trained a similar model on 768 H800 GPUs.", ("chip_count", 768.0)),
    ("Imagen's text encoder is reported to have been trained on 512 TPU v4 chips.",
     ("chip_count", 512.0)),
    ("A previous version of this challenge was won with 128 GPUs running for a week.",
     ("chip_count", 128.0)),
    ("The original implementation needed three days on a K80; ours trains in 2 hours on an "
     "RTX 4090.", ("duration", 72.0)),
])
def test_named_groups_and_earlier_versions_are_other_work(text: str,
                                                          key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] == "other-work"


@pytest.mark.parametrize("text, key", [
    ("A previous version of our model was trained on 64 GPUs for 2 days.", ("chip_count", 64.0)),
    ("We train with the colleagues' code on 8 A100 GPUs for 10 hours.", ("chip_count", 8.0)),
    ("Our runs took 3 days on 32 H100 GPUs.", ("chip_count", 32.0)),
])
def test_own_versions_and_runs_stay_own(text: str, key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] in ("training", "unspecified")


def test_a_likeness_aside_keeps_another_works_figures_to_itself() -> None:
    roles = roles_by_value("We trained on 8 A40 GPUs for 2 days, about as long as Rossi et al. "
                           "spent on 4 GPUs.")
    assert roles[("chip_count", 8.0)] == "training"
    assert roles[("chip_count", 4.0)] == "other-work"


@pytest.mark.parametrize("text, key", [
    ("In their setup, training lasted 9 days on 128 V100 GPUs.", ("chip_count", 128.0)),
    ("The 2021 edition of the system ran on 1,024 TPU v3 chips.", ("chip_count", 1024.0)),
    ("Prior systems were trained in fp16 on 64 P100 GPUs.", ("chip_count", 64.0)),
    ("Others have trained such parsers on 4 GPUs within a day.", ("chip_count", 4.0)),
    ("The entry that won the shared task trained for 2 days on 16 A100s.", ("chip_count", 16.0)),
    ("The published recipe calls for 512 H100 GPUs.", ("chip_count", 512.0)),
])
def test_other_systems_and_their_setups_are_other_work(text: str, key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] == "other-work"


@pytest.mark.parametrize("text, key", [
    ("We re-train their model ourselves: 3 days on 16 A100 GPUs.", ("chip_count", 16.0)),
    ("By contrast, our encoder holds 110M parameters and trains on 4 GPUs for a day.",
     ("chip_count", 4.0)),
    ("Our system won the shared task after training for 2 days on 8 A100 GPUs.",
     ("chip_count", 8.0)),
])
def test_the_papers_own_run_beside_those_words_stays_own(text: str,
                                                          key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] in ("training", "unspecified")


@pytest.mark.parametrize("text, key", [
    ("The planned system, once built, will process requests on 8 L4 GPUs.", ("chip_count", 8.0)),
    ("It is designed to run on 2 TPU v5e chips.", ("chip_count", 2.0)),
    ("Our estimate for a 70B model is 1,700 GPU-years.", ("chip_hours", 1700 * 8760.0)),
])
def test_designs_and_estimates_for_other_models_are_hypothetical(text: str,
                                                                 key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] == "hypothetical"


def test_a_precision_quoted_with_a_datasheet_rate_is_the_chips() -> None:
    roles = roles_by_value("We use 4 L40S GPUs (rated at 362 TFLOP/s in FP16) for 20 hours.")
    assert roles[("precision", "fp16")] == "specification"
    assert roles[("chip_count", 4.0)] == "training"


def test_a_precision_of_a_rate_the_run_reached_stays_the_runs() -> None:
    roles = roles_by_value("We train on 8 H100 GPUs for 41 hours, sustaining 390 TFLOP/s per "
                           "GPU in BF16.")
    assert roles[("precision", "bf16")] == "training"


@pytest.mark.parametrize("text, key", [
    ("The Gaudi2 targets inference workloads at 600 W.", ("hardware", "intel-gaudi2")),
    ("Memory per chip doubled from the TPU v3 to the TPU v4.", ("hardware", "google-tpu-v4")),
])
def test_architecture_and_market_words_describe_the_chip(text: str,
                                                         key: tuple[str, str]) -> None:
    assert roles_by_value(text)[key] == "specification"


@pytest.mark.parametrize("text, key", [
    ("Google trained Gemma 2 27B on 6,144 TPU v5p chips.", ("chip_count", 6144.0)),
    ("Stable Cascade v2 was trained on 128 A100s for three weeks.", ("chip_count", 128.0)),
])
def test_versioned_models_of_others_told_in_the_past(text: str, key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] == "other-work"


@pytest.mark.parametrize("text, key", [
    ("Experiment 3 took 2 hours on 8 GPUs.", ("chip_count", 8.0)),  # a label and its number
    ("Model v2 was trained on 8 A100 GPUs for 3 days.", ("chip_count", 8.0)),
    ("We trained Owl 2 7B on 64 H100 GPUs for 4 days.", ("chip_count", 64.0)),
])
def test_labels_and_own_versions_stay_own(text: str, key: tuple[str, float]) -> None:
    assert roles_by_value(text)[key] in ("training", "unspecified")


def test_a_heading_that_names_a_model_is_a_label() -> None:
    roles = roles_by_value("Heron-Lite 1B Model Training: 12 hours on 4 A100 GPUs.")
    assert roles[("chip_count", 4.0)] in ("training", "unspecified")
