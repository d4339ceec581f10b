"""Parameter counts written in a model's name ("Mistral 7B", "Qwen2.5-7b"): rules/sizes.toml
[model_sizes]. Every sentence here is our own writing; the model names are public ones."""

from __future__ import annotations

import pytest

from paperlint.document import plain_document
from paperlint.extract import extract
from tests.extract.helpers import claims_of, run, values


@pytest.mark.parametrize(("text", "expected"), [
    ("We fine-tune Llama-2-7B on our instructions.", [7e9]),
    ("All runs start from Llama3-Instruct-8B.", [8e9]),
    ("The policy is initialised from Qwen2.5-7b.", [7e9]),
    ("We distil into gemma2-9b-pt with a small budget.", [9e9]),
    ("We fine-tune Mistral 7B and compare it with GPT-3 175B.", [7e9, 175e9]),
    ("Our baseline is OLMo 2 13B, trained by others.", [13e9]),
    ("The largest is Llama 3.1 405B.", [405e9]),
    ("We also release T5-11B checkpoints.", [11e9]),
    ("The reward model is a DeepSeek-V3 671B judge.", [671e9]),
])
def test_sizes_in_model_names_are_parameter_counts(text: str, expected: list[float]) -> None:
    assert values(text, "params") == expected


@pytest.mark.parametrize("text", [
    "See Figure 3B for the loss curves.",
    "As Fig. 2b shows, the loss drops.",
    "Results for Table 2B and Section 4B are below.",
    "We pretrain the image tower on LAION-5B and JFT-300M.",
    "The LAION 5B images were filtered by CLIP score.",
    "Overall 7B is a large number.",  # a capital at the start of a sentence is no name
    "The corpus holds English 15.2M and German 4.7M entries.",  # millions: counts, not sizes
    "We saw 2023 7B releases.",
])
def test_sizes_that_are_not_model_names_stay_quiet(text: str) -> None:
    assert values(text, "params") == []


def test_sizes_in_a_row_are_not_names_of_each_other() -> None:
    # A table row "Qwen 72B 405B": the second size follows a size, not a name.
    assert values("The rows list Qwen 72B 405B side by side.", "params") == [72e9]


def test_a_unit_after_the_size_wins() -> None:
    # "LLaMA 7B tokens": a token count, even right after a model's name.
    assert values("The LLaMA 7B tokens were counted twice.", "params") == []
    assert values("The LLaMA 7B tokens were counted twice.", "tokens") == [7e9]


def test_name_and_size_with_tokens_give_a_report_with_both() -> None:
    extraction = run("We train OLMo 2 7B on 4 trillion tokens.")
    [report] = extraction.compute_reports
    assert (report.params, report.tokens, report.role) == (7e9, 4e12, "training")
    [claim] = claims_of("We train OLMo 2 7B on 4 trillion tokens.", "params")
    assert claim.text == "OLMo 2 7B"


def test_a_list_of_model_sizes_is_no_compute_report() -> None:
    """Naming models with their sizes describes no run: no report, and one run is not split."""
    assert run("We compare Qwen2.5-7B, Llama-3-8B and Mistral 7B.").compute_reports == ()
    extraction = run("We fine-tune Qwen2.5-7B and Llama-3-8B on 8 A100 GPUs for 2 days.")
    [report] = extraction.compute_reports
    # one run for the sizes listed together, with the largest of them
    assert (report.chip_count, report.duration_hours, report.params) == (8, 48.0, 8e9)


def test_a_name_that_opens_its_sentence_needs_a_digit_or_inner_capital() -> None:
    # "Mistral" at the start of a sentence could be any word ("Overall 7B ..."); "OLMo" cannot.
    document = plain_document("Mistral 7B outperforms the others. OLMo 7B does too.")
    assert [c.value for c in extract(document).claims if c.type == "params"] == [7e9]


def test_a_size_ending_a_sentence_leaves_the_full_stop_out_of_the_claim() -> None:
    # The tokenizer keeps "175B." as one token; the claim's text and span stop before the dot.
    text = "Our baseline is GPT-3 175B. We fine-tune Mistral 7B."
    claims = claims_of(text, "params")
    assert [claim.text for claim in claims] == ["GPT-3 175B", "Mistral 7B"]
    assert [text[claim.start:claim.end] for claim in claims] == ["GPT-3 175B", "Mistral 7B"]


def test_sizes_in_brackets_after_a_model_noun() -> None:
    text = "Our Heron models (1.3B, 7B and 13B) were trained on eight nodes."
    assert values(text, "params") == [1.3e9, 7e9, 13e9]


def test_brackets_after_a_model_noun_holding_other_things_give_no_size() -> None:
    assert values("Both models (see Table 3, 2B tokens) did well.", "params") == []
    assert values("The models (3 in total) were compared.", "params") == []


@pytest.mark.parametrize(("text", "expected"), [
    # Model nouns beside "model" (rules/sizes.toml): a student, a teacher, a network, a backbone.
    ("Our 1B student is distilled from a larger teacher.", [1e9]),
    ("The 13B teacher labels every prompt.", [13e9]),
    ("We pretrain a 350M transformer and a 1.3B decoder.", [350e6, 1.3e9]),
])
def test_sizes_before_other_model_nouns(text: str, expected: list[float]) -> None:
    assert values(text, "params") == expected


@pytest.mark.parametrize("text", [
    "The student saw 3 networks per batch.",  # no magnitude suffix: a count, not a size
    "Each student network reads 512 tokens.",
    "We train the backbone on 5B images.",  # a data count
])
def test_model_nouns_without_a_size_stay_quiet(text: str) -> None:
    assert values(text, "params") == []
