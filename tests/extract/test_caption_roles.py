"""A table's caption can say whose its rows are (issue 15): another work's figures, a datasheet's.
Our own tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.api import check_path

TABLE = (
    "\\begin{{table}}[h]\n\\caption{{{caption}}}\n\\begin{{tabular}}{{lrr}}\n\\toprule\n"
    "Model & GPUs & Days \\\\\n\\midrule\n"
    "Alder-7B & 64 & 12 \\\\\nBirch-13B & 128 & 21 \\\\\n"
    "\\bottomrule\n\\end{{tabular}}\n\\end{{table}}\n"
)


def _check(tmp_path: Path, caption: str) -> tuple[str, set[str]]:
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\section{Related models}\n"
        "Model sizes differ widely.\n\n" + TABLE.format(caption=caption) + "\\end{document}\n",
        encoding="utf-8")
    result = check_path(tmp_path / "main.tex")
    assert result.error is None
    return result.verdict, {c.role for c in result.claims if c.type == "chip_count"}


@pytest.mark.parametrize("caption", [
    "GPU counts and training days of earlier models, as reported by their authors.",
    "Hardware of prior work, taken from each model card.",
])
def test_a_caption_saying_the_rows_are_another_works_makes_them_so(tmp_path: Path,
                                                                   caption: str) -> None:
    verdict, roles = _check(tmp_path, caption)
    assert roles == {"other-work"} and verdict == "missing"


@pytest.mark.parametrize("caption", [
    "Our models: GPUs and training days, as reported by the scheduler.",  # first person
    "Training cost of each model, compared with the baselines.",          # a weak cue only
])
def test_a_caption_of_the_papers_own_runs_leaves_them_its_own(tmp_path: Path,
                                                              caption: str) -> None:
    _, roles = _check(tmp_path, caption)
    assert "other-work" not in roles
