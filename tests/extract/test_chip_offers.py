"""A chip described in the present tense beside a word of what it offers ([evidence]
datasheet_words: throughput, inference, latency) is a datasheet's, even where an inference word
read it as serving; any other evidence word is a run. Our own sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import roles_of

_TYPES = ("hardware", "chip_count", "precision")


@pytest.mark.parametrize("text", [
    "Compared with the V100, the A100 triples dense FP16 throughput.",
    "The L40S targets inference and graphics workloads.",
    "The H200 halves decoding latency at long contexts.",
])
def test_what_a_chip_offers_is_a_specification(text: str) -> None:
    assert roles_of(text, _TYPES) == {"specification"}, roles_of(text, _TYPES)


@pytest.mark.parametrize("text", [
    "The A100 trains the model in 3 days.",
    "We measure throughput on the A100 for 2 hours.",
])
def test_a_chip_put_to_a_run_is_no_specification(text: str) -> None:
    assert "specification" not in roles_of(text, _TYPES), roles_of(text, _TYPES)
