"""Context rules added for precision: periods, relative times, amounts of data, generic hardware
names, generic device nouns, and model codes the phrase matcher does not list.

Every sentence is our own writing; each rule has sentences that fire and near-misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.extract import extract
from tests.extract.helpers import claims_of, values
from tests.readers.conftest import END, PREAMBLE, read, write


@pytest.mark.parametrize(
    "text",
    [
        "We kept a snapshot of the weights at 15-minute intervals.",
        "The forecaster looks ahead over a 30-day horizon.",
        "Requests that ran past a 2 hour timeout were retried.",
        "We logged the validation loss every 30 minutes.",
        "The shared cluster reboots two days later.",
        "Submissions closed two hours later than planned.",
        "The archive holds 800 hours of recorded lectures.",
        "We collected 40 hours of annotated bird song.",
        "The benchmark adds six days of conversational audio from call centres.",
        "Each interview in the study lasted at most 90 minutes.",
    ],
)
def test_durations_that_are_not_run_lengths_are_dropped(text: str) -> None:
    assert values(text, "duration") == [], text


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("Pretraining took 6 days of training on the full corpus.", 144.0),
        ("We ran 30 hours of hyperparameter search.", 30.0),
        ("Every table can be reproduced in at most 2 hours on one RTX 4090.", 2.0),
        ("One epoch is 2 hours of wall-clock time on our cluster.", 2.0),
        ("We train for 3 days in total.", 72.0),
        ("The run lasted four days, then we evaluated it.", 96.0),
        ("Each configuration was trained for 12 hours.", 12.0),  # "each" not before the claim
    ],
)
def test_run_lengths_near_those_words_stay(text: str, hours: float) -> None:
    assert values(text, "duration") == [hours], text


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("From 300 hours of unlabelled audio we pretrain for 2 days on 8 GPUs.", 48.0),
        ("The encoder saw 50 hours of driving footage and trained for 10 hours on one A100.", 10.0),
        ("We add 70 hours of piano music; fine-tuning took 6 hours on a V100.", 6.0),
        ("Using 25 hours of transcribed recordings, training ran 1 day on 4 TPU v3 chips.", 24.0),
        ("A corpus of 900 hours of video was used, and the model trained for 3 days.", 72.0),
    ],
)
def test_an_amount_of_data_is_dropped_and_the_run_length_beside_it_stays(
    text: str, hours: float
) -> None:
    # The data amount needs no phrase of its own: a "<duration> of <noun>" that names no compute
    # is data, which is why the dataset-sizes list in rules/context.toml is short.
    assert values(text, "duration") == [hours], text


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("That is 3 days of compute on 8 GPUs.", 72.0),
        ("The run used 2 days of cluster time.", 48.0),
        ("We needed 4 hours of fine-tuning.", 4.0),
        ("Both models were trained on two nodes, about 5 days of computational budget.", 120.0),
        ("We spent 5 days of pretraining on the cluster.", 120.0),
    ],
)
def test_a_duration_of_compute_is_a_run_length(text: str, hours: float) -> None:
    assert values(text, "duration") == [hours], text


@pytest.mark.parametrize(
    "text",
    ["Preprocessing runs on the CPU.", "Two CPU workers prepare each batch.",
     "Data loading uses 16 CPU cores."],
)
def test_a_bare_cpu_is_no_hardware_claim(text: str) -> None:
    assert values(text, "hardware") == [] and values(text, "chip_count") == []


def test_a_named_cpu_still_is() -> None:
    assert values("The baseline ran on an AMD EPYC server.", "hardware") == ["cpu"]


@pytest.mark.parametrize(
    "text",
    ["Each player draws a card from the deck.", "The game uses three cards per hand.",
     "We avoid sending a device's whole configuration in one prompt.",
     "The app runs on a single device."],
)
def test_generic_nouns_do_not_count_after_an_article(text: str) -> None:
    assert values(text, "chip_count") == [], text


@pytest.mark.parametrize(
    ("text", "count"),
    [("We train on 8 devices for two days.", 8.0), ("Training used 4 GPU cards.", 4.0),
     ("Our 16 A100 cards ran for a week.", 16.0), ("We fit it on a single GPU.", 1.0)],
)
def test_counted_devices_still_count(text: str, count: float) -> None:
    assert values(text, "chip_count") == [count], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("All networks were trained on one Tesla P-100 GPU.", "nvidia-p100-pcie"),
        ("The agent ran on a quad-core Intel i5-8250U laptop.", "cpu"),
        ("Simulations ran on two E5-2680 processors.", "cpu"),
    ],
)
def test_model_codes_next_to_a_noun_or_vendor_are_looked_up(text: str, expected: str) -> None:
    assert values(text, "hardware") == [expected], text


def test_a_spelled_code_reaches_its_count() -> None:
    assert values("Every parser was run on one Tesla P-100 GPU card.", "chip_count") == [1.0]


@pytest.mark.parametrize(
    "text",
    ["The ResNet-50 GPU kernel is fast.",  # a model name, not in the catalogue, noun says GPU
     "We ported the code in 2021 to the GPU.",
     "Intel released new drivers.",
     "The Xeon E5-2690 CPU node was idle."],  # named by the matcher already: one claim
)
def test_codes_that_name_no_new_hardware(text: str) -> None:
    assert len(claims_of(text, "hardware")) <= 1
    assert "cpu" not in values(text, "hardware")[1:]
    if "Xeon" not in text:
        assert values(text, "hardware") == []


def test_days_written_d_under_a_duration_header(tmp_path: Path) -> None:
    body = ("Table 2 gives each model's training time.\n\n"
            "\\begin{tabular}{lcc}\n\\toprule\nModel & Score & Duration \\\\\n\\midrule\n"
            "Owl & 81.0 & $\\sim$\\SI{3}{\\day} \\\\\n\\bottomrule\n\\end{tabular}\n\n"
            "\\begin{tabular}{lc}\nModel & Kernel \\\\\n\\midrule\nOwl & 2 d \\\\\n\\end{tabular}")
    write(tmp_path, {"main.tex": PREAMBLE + body + END})
    found = [c.value for c in extract(read(tmp_path / "main.tex")).claims if c.type == "duration"]
    assert found == [72.0]


def test_a_duration_column_of_a_table_about_no_compute_is_no_claim(tmp_path: Path) -> None:
    body = ("Table 1 lists the cohort.\n\n\\begin{tabular}{lcc}\nWard & Patients & Stay (hours) "
            "\\\\\n\\midrule\nCardiac & 120 & 48 \\\\\nSurgical & 80 & 72 hours \\\\\n"
            "\\end{tabular}\n")
    write(tmp_path, {"main.tex": PREAMBLE + body + END})
    claims = extract(read(tmp_path / "main.tex")).claims
    assert [c for c in claims if c.type == "duration"] == []


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("We use 4 nodes, each with 8 A100 GPUs.", 32.0),
        ("Training ran on 16 nodes of 8 V100 GPUs.", 128.0),
        ("We rent 3 servers, each having 4 GPUs.", 12.0),
        ("We use 2 machines with 4 GPUs each.", 8.0),  # the per-group word after the count
    ],
)
def test_node_counts_multiply_when_the_text_says_per_node(text: str, count: float) -> None:
    assert values(text, "chip_count") == [count], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We use 4 nodes with 32 GPUs.", [32.0]),  # "with" alone: maybe the total
        ("Our encoder used six nodes holding A100 cards.", []),  # never assume 8 a node
        ("Each node has 8 A100 GPUs, and we train for two days.", [8.0]),
    ],
)
def test_node_counts_are_never_assumed(text: str, expected: list[float]) -> None:
    assert values(text, "chip_count") == expected, text


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The original paper trained on 1024 V100 GPUs.", "other-work"),
        ("Owl-2 is trained on a cluster with 512 GPUs.", "training"),  # a name is no cue
        ("The baseline ran on 16 GPUs.", "other-work"),
        ("Compared to GPT-3, we train on 64 A100 GPUs.", "training"),
        ("Our own baseline is trained on 16 GPUs.", "training"),
        ("Their model was trained on 16 GPUs, as we note.", "other-work"),  # strong cue stays
    ],
)
def test_first_person_cancels_weak_other_work_cues(text: str, role: str) -> None:
    assert [c.role for c in claims_of(text, "chip_count")] == [role], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The run used 1536 NVIDIA H800 GPUs.", [1536.0]),
        ("We trained on 2048 GPUs.", [2048.0]),
        ("In 2020 NVIDIA GPUs were scarce.", []),
        ("In 2019 GPU prices fell.", []),
    ],
)
def test_year_like_counts(text: str, expected: list[float]) -> None:
    assert values(text, "chip_count") == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "Replies are capped at 8,192 tokens for every task.",
        "Answers have an average of 412 tokens.",
        "Decoding stops at a maximum length of 16,384 tokens.",
        "Prompts use a context length of 4,096 tokens.",
    ],
)
def test_lengths_are_not_training_tokens(text: str) -> None:
    assert values(text, "tokens") == [], text


@pytest.mark.parametrize(
    "text",
    ["The model is pretrained on 2T tokens.", "We train on up to 5T tokens of web text.",
     "The corpus holds 300B tokens in total."],
)
def test_corpus_sizes_stay_token_claims(text: str) -> None:
    assert len(values(text, "tokens")) == 1, text


def test_instructions_to_annotators_are_human_time() -> None:
    text = "Label the easy items first while annotating, 10 minutes at most."
    assert values(text, "duration") == []
    assert values("Use your last 5 minutes to check the labels.", "duration") == []


def test_should_take_is_hypothetical() -> None:
    assert [c.role for c in claims_of("A full pass should take 6 hours.", "duration")] == [
        "hypothetical"]


@pytest.mark.parametrize(
    "text",
    ["Read the article in the first 20 minutes.", "Loss spikes in the last 2 days.",
     "Over the past 3 months the cluster was busy.", "The next 2 hours are for review."],
)
def test_parts_of_a_period_are_not_run_lengths(text: str) -> None:
    assert values(text, "duration") == [], text


def test_a_first_run_length_stays() -> None:
    assert values("The first model trained for 3 days.", "duration") == [72.0]


# Carried suppression: a sentence that goes on about human work ("this", "it") keeps its rule.
@pytest.mark.parametrize(
    "text",
    [
        "Raters needed 20 minutes to annotate a batch of 5 stories. For 40 stories, this takes "
        "3 hours.",
        "We recruited 12 participants for the user study. It lasted two days.",
        "Each interview was recorded for later review. These took 45 minutes on average.",
    ],
)
def test_human_work_carried_into_the_next_sentence_is_dropped(text: str) -> None:
    assert values(text, "duration") == [], text


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        # The next sentence names hardware: it is about a run, whatever it opens with.
        ("We asked annotators to label 500 pairs. It then took 3 days on 8 V100 GPUs to train.",
         72.0),
        # No carrying word: a new topic.
        ("We asked annotators to label 500 pairs. The model was then trained for 2 days.", 48.0),
        # The carrying word comes too late in the sentence to refer back.
        ("Annotators labelled every pair. Training the largest of our classifiers on the "
         "whole set of pairs took 5 hours, and it converged.", 5.0),
        # Two sentences away: nothing is carried past the next sentence.
        ("Annotators labelled every pair. We then cleaned the data. This took 4 hours.", 4.0),
        # A rule with a window (signal rates) is never carried.
        ("The sensor samples at 50 Hz. It was trained for 6 hours.", 6.0),
    ],
)
def test_carried_rules_stop_at_hardware_late_words_and_windows(text: str, hours: float) -> None:
    assert values(text, "duration") == [hours], text


def test_a_carrying_rule_with_a_window_is_refused(tmp_path: Path) -> None:
    from paperlint.errors import PaperlintError
    from paperlint.extract.rules import load_rules

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.toml").write_text(
        '[[suppress]]\nname = "x"\ntypes = ["duration"]\nphrases = ["foo"]\nwindow = 2\n'
        'carry = ["this"]\n', encoding="utf-8")
    with pytest.raises(PaperlintError, match=r"bad\.toml"):
        load_rules(rules)


def test_at_most_still_caps_a_length_of_tokens() -> None:
    assert values("Every answer we sample is at most 512 tokens long.", "tokens") == []


def test_the_suppress_lists_stay_shorter_than_before_issue_14() -> None:
    """Issue 14: claims rest on positive evidence, so the suppressing contexts shrink. 121
    phrases stood in rules/context.toml at c706bbe, before the evidence rule; a new one must
    replace an old one (or the evidence rule must learn what the phrase taught)."""
    import tomllib

    from paperlint.resources import rules_dir

    data = tomllib.loads((rules_dir() / "context.toml").read_text(encoding="utf-8"))
    assert sum(len(rule["phrases"]) for rule in data["suppress"]) < 121


def test_chip_hours_beside_a_price_stay_compute() -> None:
    # Hours of a chip name the chip: no human's time, whatever the sentence says of money.
    assert values("Training used 10,000 H100-hours, about $25,000 at cloud prices.",
                  "chip_hours") == [10000.0]
    assert values("The run cost USD 3,000 for 1,200 GPU-hours.", "chip_hours") == [1200.0]
    # Human time beside a price is still dropped.
    assert values("Annotators were paid $15 per hour for 300 hours of labelling.",
                  "duration") == []
