"""The corpus-overlap scan: it finds a line that shares six words with a paper, and no other."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus_overlap import corpus_runs, main, overlapping_lines, word_runs


def test_word_runs_ignore_case_and_punctuation() -> None:
    assert word_runs("We trained, for 3 days, on 8 GPUs.") == {
        "we trained for 3 days on", "trained for 3 days on 8", "for 3 days on 8 gpus"}
    assert word_runs("five words are too few") == set()


def test_a_copied_run_is_found_and_an_own_sentence_is_not(tmp_path: Path) -> None:
    paper = tmp_path / "paper1"
    paper.mkdir()
    (paper / "main.tex").write_text("The heron model was fitted on a rack of nine boards.")
    runs = corpus_runs(tmp_path)
    found = overlapping_lines(["as written: model was fitted on a rack of nine", "Ours: 8 GPUs."],
                              runs)
    assert [line for line, _ in found] == ["as written: model was fitted on a rack of nine"]


def test_no_corpus_is_a_skip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().out
