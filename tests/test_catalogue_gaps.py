"""Catalogue entries added for names papers use (Kepler K20 family, RTX A4000), and the
extraction of a sentence naming one. Sentences are our own writing."""

from __future__ import annotations

import pytest

from paperlint.catalogue import load_catalogue
from paperlint.document import plain_document
from paperlint.extract import extract


@pytest.mark.parametrize(
    ("name", "entry_id", "fp32"),
    [
        ("Tesla K20c", "nvidia-k20", 3.52e12),
        ("K20m", "nvidia-k20", 3.52e12),
        ("K20", "nvidia-k20", 3.52e12),
        ("Tesla K20X", "nvidia-k20x", 3.95e12),
        ("RTX A4000", "nvidia-rtx-a4000", 19.2e12),
        # Already present; listed so that a removal is noticed.
        ("GTX 1070", "nvidia-gtx-1070", None),
        ("GTX 980 Ti", "nvidia-gtx-980-ti", None),
        ("Titan Black", "nvidia-titan-black", None),
        ("Quadro RTX 6000", "nvidia-quadro-rtx-6000", None),
        ("Quadro RTX 8000", "nvidia-quadro-rtx-8000", None),
        ("RTX A5000", "nvidia-rtx-a5000", None),
        ("Jetson Nano", "nvidia-jetson-nano", None),
    ],
)
def test_names_resolve(name: str, entry_id: str, fp32: float | None) -> None:
    entry = load_catalogue().lookup(name)
    assert entry is not None and entry.id == entry_id
    if fp32 is not None:
        assert entry.peak_flop_per_s["fp32"] == fp32


def test_k20_and_k20x_are_distinct_chips() -> None:
    catalogue = load_catalogue()
    k20, k20x = catalogue.get("nvidia-k20"), catalogue.get("nvidia-k20x")
    assert k20.peak_flop_per_s["fp32"] < k20x.peak_flop_per_s["fp32"]
    # Recalled figures are marked as such, as the file's convention asks.
    assert "unverified" in k20.source and "unverified" in k20x.source


def test_a4000_dense_tensor_rate_is_half_the_sparse_marketing_figure() -> None:
    entry = load_catalogue().get("nvidia-rtx-a4000")
    assert entry.peak_flop_per_s["fp16"] == pytest.approx(153.4e12 / 2, rel=0.01)


def test_sentence_with_a_k20c_gives_hardware_and_count() -> None:
    claims = extract(plain_document("We trained the agent on a single Tesla K20c GPU.")).claims
    found = {(c.type, c.value) for c in claims}
    assert ("hardware", "nvidia-k20") in found
    assert ("chip_count", 1.0) in found
