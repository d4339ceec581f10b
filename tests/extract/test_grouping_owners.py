"""A run no cue named takes no figure of another work's or a supposed one (extract/grouping.py):
"128 TPU v5e chips for 4 days, far less than the 1,000 chip-years its predecessor needed" is two
runs, and the paper's own is complete. Our own sentences."""

from __future__ import annotations

from tests.extract.helpers import run


def test_another_works_figure_in_the_sentence_is_a_run_of_its_own() -> None:
    extraction = run("The full run used 128 TPU v5e chips for 4 days, far less than the 1,000 "
                     "chip-years its predecessor reportedly needed.")
    runs = {c.type: c.run for c in extraction.claims}
    assert runs["chip_count"] == runs["duration"] == runs["hardware"]
    assert runs["chip_hours"] != runs["chip_count"]
    own = next(r for r in extraction.compute_reports if r.run == runs["chip_count"])
    assert own.chip_hours is None and own.chip_count == 128


def test_the_papers_own_figures_still_join_one_run() -> None:
    extraction = run("The detector used 8 A100 GPUs. Training took 3 days.")
    runs = {c.type: c.run for c in extraction.claims}
    assert runs["chip_count"] == runs["duration"] == runs["hardware"]
