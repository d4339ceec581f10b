"""CheckOptions lives in a leaf module: importing it loads none of the pipeline, and the old
import path (paperlint.api) still gives the same class."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def test_api_re_exports_the_options() -> None:
    import paperlint.api
    import paperlint.options

    assert paperlint.api.CheckOptions is paperlint.options.CheckOptions
    assert paperlint.api.codes is paperlint.options.codes
    assert paperlint.api.codes("pl1, PL201") == ("PL1", "PL201")


def test_options_import_nothing_of_the_pipeline() -> None:
    # A fresh interpreter: this process has long imported everything.
    probe = (
        "import sys, paperlint.options\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('paperlint'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert set(out.split(",")) == {"paperlint", "paperlint._version", "paperlint.options"}


def test_an_unknown_profile_is_refused_by_the_options() -> None:
    from paperlint.options import CheckOptions

    with pytest.raises(ValueError, match="unknown profile 'nips'"):
        CheckOptions(profile="nips")


def test_a_reader_needs_only_the_read_options(tmp_path: Path) -> None:
    # Readers take ReadOptions: any object with the four attributes they read, not a CheckOptions
    # with its rule and profile fields.
    from dataclasses import dataclass, field

    from paperlint.readers import read_path

    @dataclass(frozen=True)
    class Reading:
        pdf_backend: str = "pypdf"
        macros: dict[str, str] = field(default_factory=lambda: {"chips": "eight"})
        given_dirs: tuple[str, ...] = ()
        overrides: dict[str, bytes] = field(default_factory=dict)

    paper = tmp_path / "paper.tex"
    paper.write_text("We trained on \\chips{} GPUs.\n", encoding="utf-8")
    document = read_path(paper, Reading(), display_path="paper.tex")
    assert "trained on eight GPUs" in document.text
