"""A chip as the subject of a clause in the present tense is described, not put to use.

Sentences of our own writing; none of the cue phrases of rules/roles.toml decides them (the rule
is whose.py's ``_chip_subjects``, read from the clause's shape)."""

from __future__ import annotations

import pytest

from paperlint.api import CheckOptions, analyse
from paperlint.document import plain_document


def _check(text: str) -> tuple[str, dict[str, str]]:
    result = analyse(plain_document(text), CheckOptions())
    return result.verdict, {c.type: c.role for c in result.claims}


@pytest.mark.parametrize("text", [
    "The MI300X ships with 192 GB of HBM3 memory.",
    "NVIDIA's H200 pairs 141 GB of HBM3e with the Hopper core.",
    "Each Gaudi3 accelerator exposes 128 GB to the host.",
    "The RTX 6000 Ada also carries 48 GB of GDDR6 with ECC.",
    "H100 GPUs remain scarce in academic labs.",
])
def test_a_chip_described_in_the_present_is_a_specification(text: str) -> None:
    verdict, roles = _check(text)
    assert roles.get("hardware") == "specification", roles
    assert verdict == "missing"


@pytest.mark.parametrize("text", [
    "A single A100 sufficed for all the experiments.",          # told in the past
    "An A100 is used for every experiment.",                    # put to use
    "The 8 A100s each hold a full copy of the model.",           # counted: the paper's chips
    "Each A100 trains one replica for 40 hours.",               # compute evidence
    "Our H100 node handles the evaluation.",                     # first person
    "The H100 could finish the job within a week.",              # a modal: not a datasheet fact
    "H100 GPUs in the cluster were busy for 5 days.",            # no verb after the chip
])
def test_a_chip_put_to_use_counted_or_in_the_past_is_not_a_specification(text: str) -> None:
    _, roles = _check(text)
    assert roles.get("hardware") != "specification", roles
