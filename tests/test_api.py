"""The Python API (paperlint.check) behaves like the CLI: the same options and config files."""

from __future__ import annotations

from pathlib import Path

import pytest

import paperlint
from paperlint.api import CheckOptions
from paperlint.errors import ConfigError

PAPER = r"""\documentclass{article}
\begin{document}
\section{Training}
Our tagger was trained for 2 days on 4 NVIDIA V100 GPUs.
Each forward pass costs about 2.6 GFLOPs per token.
\end{document}
"""


def _paper(tmp_path: Path, config: str | None = None, name: str = "paperlint.toml") -> Path:
    paper = tmp_path / "paper" / "main.tex"
    paper.parent.mkdir(parents=True)
    paper.write_text(PAPER, encoding="utf-8")
    if config is not None:
        (tmp_path / name).write_text(config, encoding="utf-8")
    return paper


def _codes(report: paperlint.model.Report) -> set[str]:
    [document] = report.documents
    assert document.error is None, document.error
    return {finding.code for finding in document.findings}


def test_select_and_ignore_take_a_string_like_the_command_line(tmp_path: Path) -> None:
    paper = _paper(tmp_path)
    everything = _codes(paperlint.check(paper))
    assert {"PL105", "PL201"} <= everything
    assert _codes(paperlint.check(paper, select="PL2")) == {c for c in everything
                                                            if c.startswith("PL2")}
    assert _codes(paperlint.check(paper, select="pl201, PL3")) == {"PL201"}
    assert "PL201" not in _codes(paperlint.check(paper, ignore="PL201"))
    assert CheckOptions(select="PL1,PL2").select == ("PL1", "PL2")  # type: ignore[arg-type]


def test_the_config_file_is_read_unless_isolated(tmp_path: Path) -> None:
    paper = _paper(tmp_path, 'ignore = ["PL201"]\n')
    assert "PL201" not in _codes(paperlint.check(paper))
    assert "PL201" in _codes(paperlint.check(paper, isolated=True))
    # A keyword given wins over the file, key by key (as a flag does on the command line).
    assert "PL201" in _codes(paperlint.check(paper, ignore=()))


def test_tool_paperlint_in_pyproject_is_read(tmp_path: Path) -> None:
    paper = _paper(tmp_path, '[tool.paperlint]\nselect = ["PL2"]\n', name="pyproject.toml")
    assert _codes(paperlint.check(paper)) == {"PL201"}


def test_an_explicit_config_file(tmp_path: Path) -> None:
    paper = _paper(tmp_path)
    config = tmp_path / "elsewhere.toml"
    config.write_text('select = ["PL201"]\n', encoding="utf-8")
    assert _codes(paperlint.check(paper, config=config)) == {"PL201"}


def test_a_bad_config_file_raises_its_error(tmp_path: Path) -> None:
    paper = _paper(tmp_path, 'profil = "neurips"\n')
    with pytest.raises(ConfigError, match="unknown key 'profil'"):
        paperlint.check(paper)


def test_an_unknown_profile_raises_value_error(tmp_path: Path) -> None:
    paper = _paper(tmp_path)
    with pytest.raises(ValueError, match="unknown profile 'nips'"):
        paperlint.check(paper, profile="nips")
    with pytest.raises(ValueError, match="unknown profile"):
        CheckOptions(profile="NeurIPS 2024")
    assert _codes(paperlint.check(paper, profile="neurips"))


def test_an_unknown_option_raises_type_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        paperlint.check(_paper(tmp_path), selct="PL2")
