"""Apple silicon by model (issue 14): each variant the catalogue names, read with its count; the
ones without a peak of their own read as Apple silicon (a class), never as nothing. Our own
sentences."""

from __future__ import annotations

import pytest

from tests.extract.helpers import run


def _hardware(text: str) -> list[object]:
    return [c.value for c in run(text).claims if c.type == "hardware"]


@pytest.mark.parametrize(("text", "chip"), [
    ("We train on an Apple M2 Max laptop for 11 hours.", "apple-m2-max"),
    ("Training ran on a Mac Studio with an M2 Ultra for four days.", "apple-m2-ultra"),
    ("The adapter was trained on one M1 Max in 5 hours.", "apple-m1-max"),
    ("Fine-tuning took 3 hours on a MacBook Pro with an M3 Pro chip.", "apple-m-series"),
    ("We trained the small model on an M4 Max for 2 days.", "apple-m-series"),
])
def test_apple_silicon_is_read_by_model(text: str, chip: str) -> None:
    assert _hardware(text) == [chip]


@pytest.mark.parametrize("text", [
    "The M4 motorway was closed for 2 hours.",
    "Panel M3 of Figure 2 shows the loss after 3 days.",
])
def test_a_bare_m_name_without_compute_evidence_is_no_chip(text: str) -> None:
    assert _hardware(text) == []


def test_apple_silicon_named_as_a_class_gets_pl204_naming_the_chips() -> None:
    from paperlint.api import CheckOptions, analyse
    from paperlint.document import plain_document

    result = analyse(plain_document("We trained it on Apple silicon for 2 days."), CheckOptions())
    messages = [f.message for f in result.findings if f.code == "PL204"]
    assert len(messages) == 1 and "Apple M2 Ultra" in messages[0]
    named = analyse(plain_document("We trained it on an M2 Max for 2 days."), CheckOptions())
    assert not [f for f in named.findings if f.code == "PL204"]
