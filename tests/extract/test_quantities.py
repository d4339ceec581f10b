"""Numbers as authors write them, and the tokenizer that keeps them whole."""

from __future__ import annotations

import pytest

from paperlint.extract.nlp import tokenize
from paperlint.extract.quantities import is_year, parse_scientific
from paperlint.extract.rules import default_rules


def parse_number(text: str) -> float | None:
    return default_rules().numbers.parse(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", 1200.0), ("11.5", 11.5), ("3.2e23", 3.2e23), ("1.5k", 1500.0), ("7B", 7e9),
        ("1.2M", 1.2e6), ("1.4T", 1.4e12), ("10^23", 1e23), ("10^{23}", 1e23), ("10²³", 1e23),
        ("3.1×10^23", 3.1e23), ("4.5·10^20", 4.5e20), ("3.3\\cdot10^{18}", 3.3e18),
        ("eight", 8.0), ("twelve", 12.0), ("~24", 24.0),
    ],
)  # fmt: skip
def test_numbers_parse_exactly(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["A100", "v3", "5m", "GPU", "x", "", "1.5q", "B"])
def test_non_numbers_are_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_scientific_needs_a_power_of_ten() -> None:
    assert parse_scientific("3.1 × 10^23") == 3.1e23
    assert parse_scientific("3.1 × 12^23") is None


def test_years_are_recognised() -> None:
    assert is_year("2023")
    assert not is_year("512")
    assert not is_year("1850")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("8×A100", ["8", "×", "A100"]),
        ("8xV100", ["8", "x", "V100"]),
        ("8x A100", ["8x", "A100"]),
        ("1.5k steps", ["1.5k", "steps"]),
        ("3.2e23", ["3.2e23"]),
        ("10^23", ["10^23"]),
        ("3.1×10^23", ["3.1×10^23"]),
        ("3.1×10^{23}", ["3.1×10^{23}"]),
        ("36h", ["36", "h"]),
        ("40min", ["40", "min"]),
        ("GPU-hours", ["GPU", "-", "hours"]),
        ("TPUv4", ["TPUv4"]),
        ("v3-512", ["v3", "-", "512"]),
        ("p4d.24xlarge", ["p4d.24xlarge"]),
        ("PF-days", ["PF", "-", "days"]),
        ("312 TFLOP/s.", ["312", "TFLOP", "/", "s", "."]),
        ("2020-2023", ["2020", "-", "2023"]),
        ("A100-SXM4-40GB", ["A100", "-", "SXM4", "-", "40", "GB"]),
    ],
)
def test_tokenizer_keeps_compute_notation_useful(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens
