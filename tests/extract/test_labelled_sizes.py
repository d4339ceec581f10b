"""A parameter or token count written after its label ("Total Parameters=110M", "#params:
1.3B", "Training tokens: 2T"): the tokenizer cuts "=" between a label and a number, and the
value needs a magnitude suffix; and one whose magnitude stands apart from its digits ("1.3 B
parameters", "95m parameters"). Our own sentences."""

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


@pytest.mark.parametrize(("text", "type_", "value"), [
    ("We train a model with 95m parameters on 8 GPUs.", "params", 95e6),
    ("We train a model with 1.3 B parameters on 8 GPUs.", "params", 1.3e9),
    ("We pre-train on 2 T tokens with 8 GPUs.", "tokens", 2e12),
])
def test_a_magnitude_apart_from_its_digits(text: str, type_: str, value: float) -> None:
    assert values(text, type_) == [value]


def test_a_lower_case_m_elsewhere_is_no_million() -> None:
    # metres before another noun: the parameter count is the plain 40
    assert values("The array spans 95 m and has 40 parameters.", "params") == [40.0]
