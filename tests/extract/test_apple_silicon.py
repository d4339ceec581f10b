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


@pytest.mark.parametrize(("text", "chip"), [
    ("The policy was trained on an M2 MacBook Air for 6 hours.", "apple-m2"),
    ("Fine-tuning ran on the M1 chip of an old laptop for a night.", "apple-m1"),
    ("We trained it on an M1 Mac mini in 40 minutes.", "apple-m1"),
])
def test_a_bare_m_name_with_its_chip_or_machine_noun_is_the_chip(text: str, chip: str) -> None:
    assert _hardware(text) == [chip]


@pytest.mark.parametrize("text", [
    "Model M1 was trained for 3 hours on 8 GPUs.",
    "Variants M1 and M2 are trained with the same recipe.",
])
def test_a_bare_m_name_is_a_label(text: str) -> None:
    assert not [chip for chip in _hardware(text) if str(chip).startswith("apple")]


def test_fine_tuning_runs_are_no_tuning_search() -> None:
    # "fine-tuning runs" holds the tokens of "tuning runs" (a search's words, once a cue).
    roles = {c.role for c in run("Our fine-tuning runs took 2 hours on 4 A100 GPUs.").claims}
    assert roles and "ablation" not in roles
