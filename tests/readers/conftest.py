"""Helpers for the LaTeX reader's tests: write a small project into tmp_path and read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.api import CheckOptions
from paperlint.document import Document, segments_cover
from paperlint.readers import latex_pieces
from paperlint.readers.latex import read_latex

PREAMBLE = "\\documentclass{article}\n\\begin{document}\n"
END = "\n\\end{document}\n"


@pytest.fixture(autouse=True, params=["pieces", "tiny-pieces"])
def piece_size(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every reader test runs twice: with the reader's own piece size (test texts are short, so
    mostly one piece) and with pieces cut at every place the text allows, which must read the
    same. A test that measures the pieces themselves asks for the real size with
    ``@pytest.mark.real_pieces``."""
    if request.param == "tiny-pieces":
        if request.node.get_closest_marker("real_pieces") is not None:
            pytest.skip("measures the reader's own piece size")
        monkeypatch.setattr(latex_pieces, "PIECE_CHARS", 1)
    return str(request.param)


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def read(path: Path, **options: object) -> Document:
    document = read_latex(path, CheckOptions(**options), display_path=str(path))  # type: ignore[arg-type]
    assert segments_cover(document.segments, len(document.text))
    return document


@pytest.fixture
def tex(tmp_path: Path):  # type: ignore[no-untyped-def]
    """``tex(body, **other_files)``: a main.tex whose document body is ``body``, read."""

    def make(body: str, files: dict[str, str | bytes] | None = None, **options: object) -> Document:
        write(tmp_path, {"main.tex": PREAMBLE + body + END, **(files or {})})
        return read(tmp_path / "main.tex", **options)

    return make


def words(document: Document) -> str:
    """The text with runs of whitespace collapsed, for assertions about reading order."""
    return " ".join(document.text.split())
