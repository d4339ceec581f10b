"""Durations that are thresholds or vague bounds, not run lengths (rules/context.toml).

Every sentence here is our own writing."""

from __future__ import annotations

import pytest

from tests.extract.helpers import values


@pytest.mark.parametrize(
    "text",
    [
        "We filter out puzzles that take more than ten minutes to solve on a laptop.",
        "Scripts filtered out circuits that ran longer than 2 hours.",
        "The planner finds a better route once it has trained for under a minute.",
        "Our planner converges in under an hour of training.",
    ],
)
def test_thresholds_and_vague_bounds_are_not_durations(text: str) -> None:
    assert values(text, "duration") == []


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("We trained for 3 days after we filtered out duplicate puzzles.", 72.0),
        ("Training took less than 3 days on one GPU.", 72.0),
        ("Training took a day on one GPU.", 24.0),
        ("Each model trains within 6 hours on one GPU.", 6.0),
    ],
)
def test_real_durations_stay(text: str, hours: float) -> None:
    assert values(text, "duration") == [hours]
