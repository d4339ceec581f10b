"""Whose a figure is, told without a citation: a named model's study or size before its name, a
comparison that ends in a colon before the paper's own run, a class of others' runs ("typical
of ..."), and an own chip named for real-time use.

Every sentence here is our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.helpers import check_latex
from tests.extract.helpers import roles_by_value as _roles


def test_a_colon_before_we_starts_the_papers_own_clause() -> None:
    roles = _roles("Kestrel's 4,096-chip run dwarfs ours: we trained for 6 days on 16 TPU v4 "
                   "chips.")
    assert roles[("chip_count", 4096)] == "other-work"
    assert roles[("chip_count", 16)] == "training"
    assert roles[("duration", 144.0)] == "training"


def test_a_colon_that_labels_a_value_cuts_nothing() -> None:
    roles = _roles("Compute: 8 A100 GPUs for 3 days.")
    assert roles[("chip_count", 8)] != "other-work"
    assert roles[("duration", 72.0)] != "other-work"


@pytest.mark.parametrize("text", [
    "The Chinchilla study fitted its laws on runs of up to 5e23 FLOP.",
    "The Gopher paper reports 920 hours on 4096 TPU v3 chips.",
    "The 175B-parameter GPT-3 saw 300B tokens during training.",
])
def test_a_named_models_study_or_a_size_before_its_name_is_another_work(text: str) -> None:
    roles = set(_roles(text).values())
    assert roles == {"other-work"}, (text, roles)


@pytest.mark.parametrize("text", [
    "We propose Finch. The Finch paper trains on 8 A100 GPUs for 2 days.",  # an own name
    "The 1B-parameter variant was trained on 8 A100 GPUs for 2 days.",  # a size, no name
    "Our study trained on 8 A100 GPUs for 2 days.",
])
def test_an_own_study_or_a_sized_variant_stays_own(text: str) -> None:
    roles = {role for (kind, _), role in _roles(text).items() if kind == "chip_count"}
    assert roles and "other-work" not in roles, (text, roles)


def test_a_figure_typical_of_others_in_an_aside_is_theirs() -> None:
    roles = _roles("Training the final agent consumed 2.1e20 FLOP, far below the 1e23 FLOP "
                   "typical of frontier language models.")
    assert roles[("flop", 2.1e20)] == "training"
    assert roles[("flop", 1e23)] == "other-work"


def test_an_aside_without_a_cue_keeps_the_run_its_own() -> None:
    roles = _roles("We trained for 3 days on 8 A100 GPUs, well above the budget we planned.")
    assert roles[("chip_count", 8)] == "training"


def test_a_chip_that_runs_in_real_time_is_for_inference() -> None:
    roles = _roles("The detector, trained elsewhere, runs at twice real time on our RTX 4080.")
    assert roles[("hardware", "nvidia-rtx-4080")] == "inference"


def test_a_named_phase_in_the_clause_beats_a_generic_run_verb() -> None:
    roles = _roles("Inference is run on a single NVIDIA L4; training details are in the appendix.")
    assert roles[("hardware", "nvidia-l4")] == "inference"
    # with no phase named, a generic run verb still says it is the paper's own training
    assert _roles("Experiments ran on 8 A100 GPUs for 3 days.")[("chip_count", 8)] == "training"


def test_an_evaluation_line_reads_its_chip_and_time() -> None:
    roles = _roles("Training: 8 x A100 80GB, 40 hours. Evaluation: 1 x A100, 2 hours.")
    assert roles[("chip_count", 1)] == "inference"
    assert roles[("duration", 2.0)] == "inference"
    assert roles[("duration", 40.0)] == "training"


def test_evaluating_on_a_horizon_is_no_run() -> None:
    kinds = {kind for kind, _ in _roles("We evaluate on a 6-hour forecast horizon with "
                                        "1-week-long input histories.")}
    assert "duration" not in kinds


def _latex(tmp_path: Path, body: str) -> tuple[str, set[str]]:
    result = check_latex(tmp_path, body)
    return str(result.verdict), {c.type for c in result.claims}


def test_a_compute_label_gives_its_paragraph_evidence(tmp_path: Path) -> None:
    verdict, types = _latex(tmp_path, "\\paragraph{Hardware and time.} One H100 (80GB); "
                                      "6 hours per model; 12 models.")
    assert verdict == "complete" and {"hardware", "chip_count", "duration"} <= types


@pytest.mark.parametrize("body", [
    "\\paragraph{Sites.} The A40 road, observed for 3 hours.",  # no compute word in the label
    "\\paragraph{Dataset.} 240 hours of speech from 12 devices.",
    # a first sentence with a number is no label
    "We used 3 hardware vendors' manuals. The A40 road was observed for 3 hours.",
])
def test_a_label_without_a_compute_word_gives_nothing(tmp_path: Path, body: str) -> None:
    verdict, _ = _latex(tmp_path, body)
    assert verdict == "missing", body


def test_a_share_of_anothers_compute_is_an_aside() -> None:
    roles = _roles("We train on 64 V100 GPUs for 10 days, roughly a tenth of the compute "
                   "reported by their authors.")
    assert roles[("chip_count", 64)] == "training"
    assert roles[("duration", 240.0)] == "training"

