"""Match labels: one place (extract/types.py) encodes and decodes spaCy's string keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paperlint.extract.types import Kind, decode, encode

PACKAGE = Path(__file__).resolve().parents[2] / "paperlint"


@pytest.mark.parametrize(("kind", "ref"), [
    (Kind.UNIT, 0), (Kind.UNIT, 17), (Kind.CUE, 3), (Kind.NOCUE, 3), (Kind.SUPPRESS, 1),
    (Kind.KEEP, 1), (Kind.VETO_AFTER, 2), (Kind.VETO_BEFORE, 2), (Kind.HARDWARE, "nvidia-a100"),
    (Kind.SYSTEM, "aws-p4d.24xlarge"), (Kind.PRECISION, "bf16"), (Kind.HEADER, "flop"),
    (Kind.SLICE, "google-tpu-v4"), (Kind.DEVICE, None), (Kind.GROUP, None), (Kind.MODEL, None),
    (Kind.EVIDENCE, None), (Kind.PER, None),
])  # fmt: skip
def test_every_kind_round_trips_with_its_reference_typed(kind: Kind, ref: int | str | None) -> None:
    decoded = decode(encode(kind, ref))
    assert decoded == (kind, ref) and type(decoded[1]) is type(ref)


def test_every_kind_has_its_own_key_prefix() -> None:
    values = [kind.value for kind in Kind]
    assert len(set(values)) == len(values) and not any("|" in value for value in values)


def test_no_module_but_types_takes_a_label_string_apart() -> None:
    # The habit this replaced: "HW|id" keys cut by slicing or split outside extract/types.py.
    taking_apart = re.compile(r"""label\[\d*:|\.(?:partition|split)\(["']\|["']\)""")
    offenders = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                 if path.name != "types.py" and taking_apart.search(path.read_text("utf-8"))]
    assert offenders == []
