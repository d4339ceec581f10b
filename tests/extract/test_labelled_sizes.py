"""A parameter or token count written after its label ("Total Parameters=110M", "#params:
1.3B", "Training tokens: 2T"): the tokenizer cuts "=" between a label and a number, and the
value needs a magnitude suffix. Our own sentences."""

from __future__ import annotations

import pytest

from paperlint.extract.nlp import tokenize
from tests.extract.helpers import values


@pytest.mark.parametrize("text", [
    "Our encoder (L=24, H=1024, Total Parameters=110M) is trained on 8 GPUs.",
    "The base model (parameters: 110M) is trained on 8 GPUs.",
    "The base model (#params = 110M) is trained on 8 GPUs.",
])
def test_a_labelled_parameter_count(text: str) -> None:
    assert values(text, "params") == [110e6]


def test_a_labelled_token_count() -> None:
    assert values("Training tokens: 2T. Hardware: 64 H100 GPUs.", "tokens") == [2e12]


@pytest.mark.parametrize("text", [
    "Context tokens: 4096.",  # no magnitude: a context length, not a data size
    "The vocabulary has 32 special tokens: 5 are reserved.",
])
def test_a_label_without_a_sized_value_is_no_count(text: str) -> None:
    assert values(text, "tokens") == []


def test_an_equals_sign_between_a_label_and_a_number_is_its_own_token() -> None:
    assert tokenize("Parameters=110M)") == ["Parameters", "=", "110M", ")"]
    assert tokenize("(L=12, H=768)") == ["(", "L", "=", "12", ",", "H", "=", "768", ")"]
