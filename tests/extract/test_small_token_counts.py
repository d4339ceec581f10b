"""A small token count is a length, a vocabulary or a batch, unless its clause speaks of data or
a total (rules/evidence.toml ``min_data_tokens``, ``data_words``). Sentences of our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import values


@pytest.mark.parametrize(
    "text",
    [
        "We truncate every document to 512 tokens.",
        "Each training sequence packs 2,048 tokens.",
        "The tokenizer has a vocabulary of 50,257 tokens.",
        "Summaries average 87 tokens.",
        "Inputs longer than 8k tokens are discarded.",
    ],
)
def test_a_small_token_count_without_data_is_no_claim(text: str) -> None:
    assert values(text, "tokens") == [], text


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("We fine-tune on a corpus of 400k tokens.", 400_000),
        ("Training was capped at a budget of 650,000 tokens.", 650_000),
        ("Our dataset totals 820,000 tokens.", 820_000),
        ("The model is pre-trained on 300B tokens.", 300_000_000_000),
    ],
)
def test_data_a_total_or_a_large_count_stays_a_claim(text: str, tokens: int) -> None:
    assert values(text, "tokens") == [tokens], text
